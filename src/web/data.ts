// The one place the pages get their data from. Each page's data has a type here and one function that loads it;
// the page components only take these as props. For now the functions read touyin's own /api in-process, with the
// visitor the page already authenticated (src/auth.ts: pageVisitor), and map its refusals to pages: 400 → 400,
// 403 → 403, 404 → 404.
import type { Context } from 'hono';
import { z } from 'zod';
import { pageVisitor, type PageVisitor } from '../auth';
import { milestoneStages, progressStages, reviewStatuses, sourceTypes } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { id, isoDate, listQuery } from '../validation';

export type ProgressStage = (typeof progressStages)[number];
export type Stage = (typeof milestoneStages)[number] | 'reported';

/** How a page reaches /api in-process: the app itself, asked with the visitor's identity. */
export type InnerRequest = (path: string, env: Record<string | symbol, unknown>) => Response | Promise<Response>;
export type PageEnv = AppEnv & { Variables: AppEnv['Variables'] & { inner: InnerRequest } };
export type Page = Context<PageEnv>;

// ---- what the pages read -------------------------------------------------------------------------------------

export interface FundRef {
  id: number;
  name: string;
  level: string;
  parentId: number | null;
}
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
/** The figures of one fund's family (SPEC §2–§4) that the pages show. */
export interface FundFigures {
  fundId: number;
  name: string;
  level: string;
  parentId: number | null;
  capital: { committed: string; paidIn: string; fiscalIn: string; invested: string };
  leverage: { parent: RatioPair; fiscal: RatioPair; subFunds: RatioPair; subFundsFiscal: RatioPair; investment: string | null };
  reinvestment: { multiple: string; required: string | null; credited: string | null; gap: string | null; rate: string | null; paceOk: boolean | null };
  outcomes: {
    leads: number;
    landed: number;
    overdue: number;
    reached: Record<ProgressStage, number>;
    plannedTotal: string;
    arrived: string;
    attractionMultiple: string | null;
    rates: { arrival: string | null };
  };
}
/** Confirmed projects by source fund and the stage reached on the as-of date, and by 产业链 (the cockpit's charts). */
export interface Pipeline {
  funds: { fundId: number | null; stage: Stage; count: number; plannedTotal: string }[];
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
  stage: Stage;
}
export interface Milestone {
  stage: string;
  on: string;
  note: string | null;
  reason: string | null;
  current: boolean;
  recordedAt: string;
}
export interface Arrival {
  amount: string;
  arrivedOn: string;
  kind: string;
  currency: string | null;
  originalAmount: string | null;
}
export interface ProjectDetail extends ProjectItem {
  milestones: Milestone[];
  arrivals: Arrival[];
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
interface List<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- what the pages accept -----------------------------------------------------------------------------------

/** `?asOf=` of the cockpit and the fund page; absent means today. */
export const asOfQuery = z.object({ asOf: isoDate.optional() });

/** The filters of the project list: the same values GET /api/projects takes. */
export const projectFilters = z.object({
  fundId: id.optional(),
  stage: z.enum([...milestoneStages, 'reported']).optional(),
  status: z.enum(reviewStatuses).optional(),
  chain: z.string().trim().max(50, '产业链不能超过 50 个字符').optional(),
  sourceType: z.enum(sourceTypes).optional(),
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
  cursor: listQuery.shape.cursor,
});
export type ProjectFilters = z.output<typeof projectFilters>;

// ---- the inner /api ------------------------------------------------------------------------------------------

const refusals: Record<number, (message: string) => ApiError> = {
  400: (message) => new ApiError('invalid_request', message),
  401: () => new ApiError('unauthorized', '登录已过期，请重新登录'),
  403: () => new ApiError('forbidden', '您的角色无权查看此页面。'),
  404: () => new ApiError('not_found', '您要查看的记录不存在，或您无权查看。'),
};

async function api<T>(c: Page, path: string): Promise<T> {
  const visitor: PageVisitor = { user: c.var.user, csrf: c.var.csrf, scope: c.var.scope };
  const res = await c.var.inner(path, { ...c.env, [pageVisitor]: visitor });
  if (res.ok) return (await res.json()) as T;
  const refuse = refusals[res.status];
  if (!refuse) throw new Error(`内部接口 ${path} 返回 ${res.status}`);
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw refuse(body?.error?.message ?? '请求参数有误');
}

const search = (params: Record<string, string | number | undefined>) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') out.set(k, String(v));
  return out;
};

const allFunds = (c: Page) => api<List<FundRef>>(c, '/api/funds?limit=500').then((l) => l.items);
const allUnits = (c: Page) => api<List<UnitRef>>(c, '/api/units?limit=500').then((l) => l.items);

// ---- one function per page -----------------------------------------------------------------------------------

export interface CockpitData {
  asOf: string;
  funds: FundFigures[];
  pipeline: Pipeline;
}
export async function cockpitData(c: Page, asOf: string): Promise<CockpitData> {
  const [report, pipeline] = await Promise.all([
    api<{ funds: FundFigures[] }>(c, `/api/reports/funds?asOf=${asOf}`),
    api<Pipeline>(c, `/api/reports/pipeline?asOf=${asOf}`),
  ]);
  return { asOf, funds: report.funds, pipeline };
}

export interface FundPageData {
  asOf: string;
  fund: FundDetail;
  metrics: FundFigures;
  investments: Investment[];
  projects: ProjectItem[];
}
export async function fundData(c: Page, fundId: number, asOf: string): Promise<FundPageData> {
  const [fund, metrics, investments, projects] = await Promise.all([
    api<FundDetail>(c, `/api/funds/${fundId}`),
    api<FundFigures>(c, `/api/funds/${fundId}/metrics?asOf=${asOf}`),
    api<List<Investment>>(c, `/api/funds/${fundId}/investments?limit=500`),
    api<List<ProjectItem>>(c, `/api/projects?fundId=${fundId}&limit=500`),
  ]);
  return { asOf, fund, metrics, investments: investments.items, projects: projects.items };
}

export interface ProjectListData {
  filters: ProjectFilters;
  projects: ProjectItem[];
  nextCursor: string | null;
  funds: FundRef[];
}
export async function projectList(c: Page, filters: ProjectFilters): Promise<ProjectListData> {
  const [list, funds] = await Promise.all([api<List<ProjectItem>>(c, `/api/projects?${search({ ...filters, limit: 100 })}`), allFunds(c)]);
  return { filters, projects: list.items, nextCursor: list.nextCursor, funds };
}

export interface LeadFormData {
  funds: FundRef[];
  units: UnitRef[];
}
export async function leadFormData(c: Page): Promise<LeadFormData> {
  const [funds, units] = await Promise.all([allFunds(c), allUnits(c)]);
  return { funds, units };
}

export interface ProjectPageData {
  project: ProjectDetail;
  units: UnitRef[];
  funds: FundRef[];
  /** The change history, for staff only (null for other roles). */
  history: AuditEntry[] | null;
}
export async function projectData(c: Page, projectId: number, staff: boolean): Promise<ProjectPageData> {
  const [project, units, funds, history] = await Promise.all([
    api<ProjectDetail>(c, `/api/projects/${projectId}`),
    allUnits(c),
    allFunds(c),
    staff ? api<List<AuditEntry>>(c, `/api/audit?entity=projects&id=${projectId}&limit=500`).then((l) => l.items) : null,
  ]);
  return { project, units, funds, history };
}

export interface ReviewData {
  projects: ProjectItem[];
  credits: Credit[];
  funds: FundRef[];
}
export async function reviewData(c: Page): Promise<ReviewData> {
  const [projects, credits, funds] = await Promise.all([
    api<List<ProjectItem>>(c, '/api/projects?status=pending&limit=500'),
    api<List<Credit>>(c, '/api/reinvestment-credits?status=pending&limit=500'),
    allFunds(c),
  ]);
  return { projects: projects.items, credits: credits.items, funds };
}

export interface RecordsData {
  funds: FundDetail[];
  units: UnitRef[];
}
export async function recordsData(c: Page): Promise<RecordsData> {
  const [funds, units] = await Promise.all([allFunds(c), allUnits(c)]);
  const details = await Promise.all(funds.map((f) => api<FundDetail>(c, `/api/funds/${f.id}`)));
  return { funds: details, units };
}
