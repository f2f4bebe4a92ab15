// Project records: the visible-or-404 lookup, and the statements that write leads, milestones and arrivals (the API
// and the spreadsheet import share them; the rules a new lead keeps are in leads.ts).
import type { Context } from 'hono';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { assertFund } from '../auth';
import { atomic, touched, type Db } from '../db';
import { arrivals, milestones, projects } from '../db/schema';
import { progressStages, type Role } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { notFound } from '../errors';
import type { arrivalBody, ProjectBody } from '../http/project-input';
import { projectWhere, type ProjectFilters } from '../queries/projects';

type ProjectRow = typeof projects.$inferSelect;
type MilestoneRow = typeof milestones.$inferSelect;

/** The project, or the 404 that a missing project and another manager's project both answer. */
export async function visibleProject(c: Context<AppEnv>, projectId: number): Promise<ProjectRow> {
  const [row] = await c.var.db.select().from(projects).where(eq(projects.id, projectId));
  if (!row) throw notFound('项目', projectId);
  assertFund(c, row.sourceFundId, '项目', projectId);
  return row;
}

/** The filters of GET /api/projects (and of its spreadsheet export) as conditions, after the 404 of a fund the caller may not see. */
export function projectConditions(c: Context<AppEnv>, q: ProjectFilters): (SQL | undefined)[] {
  if (q.fundId) assertFund(c, q.fundId);
  return projectWhere(c.var.scope, q);
}

/**
 * How a new arrival enters 到资认定 (SPEC §9): a manager's waits for staff (pending); what staff record is confirmed on
 * entry, reviewed that day by them.
 */
export type ArrivalEntry = { userId: number; role: Role; today: string };

/** The insert of one arrival (到资). */
export function arrivalInsert(db: Db, projectId: number, a: z.output<typeof arrivalBody>, by: ArrivalEntry) {
  return db
    .insert(arrivals)
    .values(arrivalValues(projectId, a, by))
    .returning();
}

/** The row arrivalInsert() writes; the spreadsheet import inserts many in one statement. */
export const arrivalValues = (projectId: number, a: z.output<typeof arrivalBody>, by: ArrivalEntry) => ({
  projectId,
  amountFen: a.amount,
  arrivedOn: a.arrivedOn,
  kind: a.kind,
  currency: a.currency ?? (a.kind === 'fdi' ? null : 'CNY'),
  originalAmount: a.originalAmount ?? null,
  exchangeRate: a.exchangeRate ?? null,
  enteredOn: by.today,
  ...(by.role === 'manager'
    ? { status: 'pending' as const, reviewedOn: null, reviewedBy: null }
    : { status: 'confirmed' as const, reviewedOn: by.today, reviewedBy: by.userId }),
  updatedBy: by.userId,
});

/**
 * The statement that re-derives the reached-stage dates of a project (by id), or of the projects a condition selects
 * (the spreadsheet import refreshes its new projects at once), from their current milestones.
 */
export function refreshReached(db: Db, which: number | SQL, userId: number) {
  const current = sql`${milestones.projectId} = ${projects.id} and ${milestones.current} = 1`;
  const earliestFrom = (i: number) =>
    sql`(select min(${milestones.happenedOn}) from ${milestones} where ${current} and ${inArray(milestones.stage, progressStages.slice(i))})`;
  return db
    .update(projects)
    .set({
      negotiatingOn: earliestFrom(0),
      signedOn: earliestFrom(1),
      registeredOn: earliestFrom(2),
      startedOn: earliestFrom(3),
      completedOn: earliestFrom(4),
      producingOn: earliestFrom(5),
      droppedOn: sql`(select max(${milestones.happenedOn}) from ${milestones} where ${current} and ${milestones.stage} = 'dropped')`,
      ...touched(projects, userId),
    })
    .where(typeof which === 'number' ? eq(projects.id, which) : which)
    .returning();
}

type MilestoneInput = { stage: MilestoneRow['stage']; on: string; note?: string | null; reason?: string | null };

/** The insert of one milestone entry, current for its stage. */
export function milestoneInsert(db: Db, projectId: number, m: MilestoneInput, userId: number) {
  return db
    .insert(milestones)
    .values(milestoneValues(projectId, m, userId))
    .returning();
}

/** The row milestoneInsert() writes; the spreadsheet import inserts many in one statement. */
export const milestoneValues = (projectId: number, m: MilestoneInput, userId: number) => ({
  projectId,
  stage: m.stage,
  happenedOn: m.on,
  note: m.note ?? null,
  reason: m.reason ?? null,
  updatedBy: userId,
});

/**
 * Records a milestone: a repeated stage is a correction (the earlier entry stays, no longer current), and the
 * project's reached dates follow, all in one atomic write.
 */
export function recordMilestone(db: Db, projectId: number, m: MilestoneInput, userId: number) {
  return atomic(db, [
    db
      .update(milestones)
      .set({ current: false, ...touched(milestones, userId) })
      .where(and(eq(milestones.projectId, projectId), eq(milestones.stage, m.stage), eq(milestones.current, true)))
      .returning({ id: milestones.id }),
    milestoneInsert(db, projectId, m, userId),
    refreshReached(db, projectId, userId),
  ]);
}

/** The insert of a new project; `companyId` may be SQL (the last_insert_rowid() of a company inserted just before). */
export function projectInsert(db: Db, body: ProjectBody, to: NewProject) {
  return db.insert(projects).values(projectValues(body, to)).returning();
}

type NewProject = {
  companyId: number | SQL | null;
  companyKey: string | null;
  status: 'pending' | 'confirmed';
  userId: number;
};

/** The row projectInsert() writes; the spreadsheet import inserts many in one statement. */
export const projectValues = (body: ProjectBody, to: NewProject) => ({
  name: body.name,
  companyId: to.companyId,
  companyKey: to.companyKey,
  sourceType: body.sourceType,
  sourceFundId: body.sourceFundId ?? null,
  investmentId: body.investmentId ?? null,
  introducer: body.introducer ?? null,
  reportedOn: body.reportedOn,
  plannedTotalFen: body.plannedTotal,
  plannedFixedAssetFen: body.plannedFixedAsset ?? null,
  foreign: body.foreign,
  chain: body.chain ?? null,
  chainNode: body.chainNode ?? null,
  chainAction: body.chainAction ?? null,
  introducingUnitId: body.introducingUnitId,
  landingUnitId: body.landingUnitId,
  status: to.status,
  updatedBy: to.userId,
});
