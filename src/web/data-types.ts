// What the pages read: the shapes of the records and figures that the page loaders (data.ts and the *-data.ts files)
// hand to the components, and the request a loader reads them for.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-types';
import type { progressStages, ProjectStage, ReviewStatus } from '../domain/vocabulary';
import type { metricsAnswer } from '../queries/funds';

export type ProgressStage = (typeof progressStages)[number];

export type Page = Context<AppEnv>;

export interface FundRef {
  id: number;
  name: string;
  level: string;
  parentId: number | null;
}
/** A record by id and name (a unit, a fund named beside another). */
export interface UnitRef {
  id: number;
  name: string;
}
export interface Commitment {
  id: number;
  investorType: string;
  investorName: string | null;
  amount: string;
  paidIn: string;
}
export interface FundDetail extends FundRef {
  manager: string | null;
  establishedOn: string | null;
  commitments: Commitment[];
}
/** Leverage on both bases (认缴口径, 实缴口径): 4-place ratios or null. */
export interface RatioPair {
  committed: string | null;
  paidIn: string | null;
}
/**
 * The figures of one fund's family (SPEC §2–§4) that the pages show: the API's answer, so a metric added to
 * metricsAnswer (queries/funds.ts) reaches the pages with no type of its own here.
 */
export type FundFigures = z.output<typeof metricsAnswer>;
/** Confirmed projects by source fund and the stage reached on the as-of date, and by 产业链 (the cockpit's charts). */
export interface Pipeline {
  funds: { fundId: number | null; stage: ProjectStage; count: number; plannedTotal: string }[];
  chains: { chain: string; count: number; landed: number }[];
}
export interface ProjectItem {
  id: number;
  name: string;
  company: { name: string; creditCode: string | null } | null;
  sourceType: string;
  sourceFundId: number | null;
  investmentId: number | null;
  reportedOn: string;
  plannedTotal: string;
  plannedFixedAsset: string | null;
  foreign: boolean;
  chain: string | null;
  chainNode: string | null;
  chainAction: string | null;
  introducingUnitId: number | null;
  landingUnitId: number | null;
  status: string;
  statusReason: string | null;
  stage: ProjectStage;
  /** 实际到资 so far, 元 (the pages' lists; a project's own page lists its arrivals). */
  arrived?: string;
}
export interface Milestone {
  id: number;
  stage: string;
  on: string;
  note: string | null;
  reason: string | null;
  current: boolean;
  recordedAt: string;
}
export interface Arrival {
  id: number;
  amount: string;
  arrivedOn: string;
  kind: string;
  currency: string | null;
  originalAmount: string | null;
  /** 到资认定: only confirmed arrivals count; a pending one waits for staff, a rejected one carries the reason. */
  status: ReviewStatus;
  statusReason: string | null;
  version: number;
}
export interface ProjectDetail extends ProjectItem {
  milestones: Milestone[];
  arrivals: Arrival[];
  /** The date each stage was reached (null until it is). */
  reached: Record<ProgressStage, string | null>;
}
export interface Investment {
  id: number;
  companyId: number;
  company: { name: string } | null;
  investedOn: string;
  kind: string;
  round: string | null;
  amount: string;
  roundSize: string | null;
}
export interface Credit {
  id: number;
  fundId: number;
  companyId: number | null;
  projectId: number | null;
  category: string;
  amount: string;
  on: string;
  evidence: string | null;
  /** The name of the company or project the credit is for. */
  companyName?: string | null;
  projectName?: string | null;
}
/** One audit entry: the record's row before and after, as stored. */
export interface AuditEntry {
  at: string;
  userId: number | null;
  /** Who made the change (null for the system, e.g. a migration). */
  user: { id: number; username: string; displayName: string | null } | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
