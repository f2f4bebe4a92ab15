// Projects read as the API answers them, by plain functions that GET /api/projects, its export and the pages all
// call: the list with its filters, and one project with its milestones and arrivals. Within what the scope sees.
import { and, asc, between, eq, gt, gte, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { arrivals, companies, funds, investments, milestones, projects, unitTree } from '../db/schema';
import {
  progressStages,
  reviewStatuses,
  sourceTypes,
  type ProjectStage,
  type ReviewStatus,
} from '../domain/vocabulary';
import { fenToYuan } from '../domain/money';
import { stageSql } from './stages';
import { splitTotal } from './sums';
import { ownerHistoryJson } from './owners';
import type { Slice } from './records';
import { inFamily, inScope, sees, type Scope } from './trees';
import type { Answer } from '../http/answers';

type ProjectRow = typeof projects.$inferSelect;

/** The furthest stage reached (or `dropped`, or `reported` before any milestone). */
export function currentStage(p: ProjectRow): ProjectStage {
  if (p.droppedOn) return 'dropped';
  for (const s of [...progressStages].reverse()) if (p[`${s}On`]) return s;
  return 'reported';
}

export const projectJson = (
  p: ProjectRow,
  company?: { name: string; creditCode: string | null } | null,
): Answer<'Project'> => ({
  id: p.id,
  name: p.name,
  companyId: p.companyId,
  company: company ? { name: company.name, creditCode: company.creditCode } : null,
  sourceType: p.sourceType,
  sourceFundId: p.sourceFundId,
  investmentId: p.investmentId,
  introducer: p.introducer,
  reportedOn: p.reportedOn,
  plannedTotal: fenToYuan(p.plannedTotalFen),
  plannedFixedAsset: fenToYuan(p.plannedFixedAssetFen),
  foreign: p.foreign,
  chain: p.chain,
  chainNode: p.chainNode,
  chainAction: p.chainAction,
  introducingUnitId: p.introducingUnitId,
  landingUnitId: p.landingUnitId,
  status: p.status,
  statusReason: p.statusReason,
  stage: currentStage(p),
  reached: Object.fromEntries(progressStages.map((s) => [s, p[`${s}On`]])) as Record<
    (typeof progressStages)[number],
    string | null
  >,
  droppedOn: p.droppedOn,
  version: p.version,
});

type MilestoneRow = typeof milestones.$inferSelect;
export const milestoneJson = (m: MilestoneRow): Answer<'Milestone'> => ({
  id: m.id,
  projectId: m.projectId,
  stage: m.stage,
  on: m.happenedOn,
  note: m.note,
  reason: m.reason,
  current: m.current,
  recordedAt: m.createdAt,
  recordedBy: m.updatedBy,
  version: m.version,
});

type ArrivalRow = typeof arrivals.$inferSelect;
export const arrivalJson = (a: ArrivalRow): Answer<'Arrival'> => ({
  id: a.id,
  projectId: a.projectId,
  amount: fenToYuan(a.amountFen),
  arrivedOn: a.arrivedOn,
  kind: a.kind,
  currency: a.currency,
  originalAmount: a.originalAmount,
  exchangeRate: a.exchangeRate,
  status: a.status,
  statusReason: a.statusReason,
  reviewedOn: a.reviewedOn,
  reviewedBy: a.reviewedBy,
  recordedAt: a.createdAt,
  version: a.version,
});

/** The filters of the arrival list (GET /api/arrivals: the 认定 queue). */
export interface ArrivalFilters {
  status?: ReviewStatus;
  fundId?: number;
  unitId?: number;
  from?: string;
  to?: string;
}

/**
 * A page of the arrivals the scope sees (by their project's source fund), each with its project's name and fund:
 * of a status, a fund's family, a unit (its sub-units too, introducing or landing), dated within [from, to].
 */
export async function arrivalList(db: Db, scope: Scope, q: ArrivalFilters, s: Slice): Promise<Answer<'ArrivalItem'>[]> {
  const inUnit = (col: SQLWrapper) =>
    sql`${col} in (select ${unitTree.descendantId} from ${unitTree} where ${unitTree.ancestorId} = ${q.unitId})`;
  const rows = await db
    .select({ a: arrivals, projectName: projects.name, fundId: projects.sourceFundId })
    .from(arrivals)
    .innerJoin(projects, eq(projects.id, arrivals.projectId))
    .where(
      and(
        gt(arrivals.id, s.after),
        inScope(scope, projects.sourceFundId),
        q.status ? eq(arrivals.status, q.status) : undefined,
        q.fundId ? inFamily(projects.sourceFundId, q.fundId) : undefined,
        q.unitId ? or(inUnit(projects.introducingUnitId), inUnit(projects.landingUnitId)) : undefined,
        q.from ? gte(arrivals.arrivedOn, q.from) : undefined,
        q.to ? lte(arrivals.arrivedOn, q.to) : undefined,
      ),
    )
    .orderBy(asc(arrivals.id))
    .limit(s.take);
  return rows.map((r) => ({ ...arrivalJson(r.a), projectName: r.projectName, fundId: r.fundId }));
}

/**
 * The last day on or before `until` on which anything happened to a project the scope sees (a lead reported or a
 * milestone reached), or null: the 通报 menu opens the month of it rather than a month with nothing in it.
 */
export async function lastActivityOn(db: Db, scope: Scope, until: string): Promise<string | null> {
  const [row] = await db
    .select({
      reported: sql<string | null>`max(${projects.reportedOn}) filter (where ${projects.reportedOn} <= ${until})`,
      milestone: sql<
        string | null
      >`max(${projects.lastMilestoneOn}) filter (where ${projects.lastMilestoneOn} <= ${until})`,
    })
    .from(projects)
    .where(inScope(scope, projects.sourceFundId));
  const days = [row?.reported, row?.milestone].filter((d): d is string => !!d).sort();
  return days.at(-1) ?? null;
}

/** The filters of the project list (GET /api/projects, its export, the projects page). */
export interface ProjectFilters {
  fundId?: number;
  stage?: ProjectStage;
  status?: (typeof reviewStatuses)[number];
  chain?: string;
  sourceType?: (typeof sourceTypes)[number];
  q?: string;
}

/**
 * The filters as conditions, within what the scope sees (the caller answers 404 for a `fundId` the scope does not
 * see). `q` searches the company name too, so the query must left-join companies.
 */
export function projectWhere(scope: Scope, q: ProjectFilters): (SQL | undefined)[] {
  return [
    inScope(scope, projects.sourceFundId),
    q.fundId ? inFamily(projects.sourceFundId, q.fundId) : undefined,
    q.stage ? eq(stageSql(), q.stage) : undefined,
    q.status ? eq(projects.status, q.status) : undefined,
    q.chain ? eq(projects.chain, q.chain) : undefined,
    q.sourceType ? eq(projects.sourceType, q.sourceType) : undefined,
    q.q ? or(sql`instr(${projects.name}, ${q.q}) > 0`, sql`instr(${companies.name}, ${q.q}) > 0`) : undefined,
  ];
}

/** A page of the projects that meet `conds` (projectWhere()), each with its company. */
const projectRows = (db: Db, conds: (SQL | undefined)[], s: Slice) =>
  db
    .select({ p: projects, co: { name: companies.name, creditCode: companies.creditCode } })
    .from(projects)
    .leftJoin(companies, eq(companies.id, projects.companyId))
    .where(and(gt(projects.id, s.after), ...conds))
    .orderBy(asc(projects.id))
    .limit(s.take);

export async function projectList(db: Db, conds: (SQL | undefined)[], s: Slice) {
  return (await projectRows(db, conds, s)).map((r) => projectJson(r.p, r.co?.name ? r.co : null));
}

/** The list as the pages show it: each project with the money that has arrived for it (元, from its arrivals' summary). */
export async function projectListArrived(db: Db, conds: (SQL | undefined)[], s: Slice) {
  return (await projectRows(db, conds, s)).map((r) => ({
    ...projectJson(r.p, r.co?.name ? r.co : null),
    arrived: fenToYuan(splitTotal(r.p.arrivedHi, r.p.arrivedLo)),
  }));
}

/**
 * The confirmed arrivals (到资认定: the others count nowhere) of the projects with ids first…last that meet `conds`
 * (projectWhere()), by date: one statement for a page of projects, binding no list of ids.
 */
export function confirmedArrivalsOf(db: Db, conds: (SQL | undefined)[], first: number, last: number) {
  return db
    .select({
      projectId: arrivals.projectId,
      amountFen: arrivals.amountFen,
      on: arrivals.arrivedOn,
      kind: arrivals.kind,
      currency: arrivals.currency,
      originalAmount: arrivals.originalAmount,
    })
    .from(arrivals)
    .innerJoin(projects, eq(projects.id, arrivals.projectId))
    .leftJoin(companies, eq(companies.id, projects.companyId))
    .where(and(between(arrivals.projectId, first, last), eq(arrivals.status, 'confirmed'), ...conds))
    .orderBy(asc(arrivals.arrivedOn), asc(arrivals.id));
}

/**
 * One project with its company, milestones, arrivals and current owners, and the owners' whole history beside it
 * (the project page shows it); null when it does not exist or the scope does not see it.
 */
/** A project's driving investment as the page names it; null for none or one of a fund outside the scope. */
export interface DrivingInvestment {
  id: number;
  fundName: string;
  companyName: string;
  investedOn: string;
  /** Fen. */
  amount: number;
}

/** The project's driving investment, named, when the scope sees its fund (a manager: only its own funds'). */
const drivingInvestmentJson = (scope: Scope) => sql<string | null>`(
  select json_object('id', i.id, 'fundName', f.name, 'companyName', c.name, 'investedOn', i.invested_on,
    'amount', i.amount_fen)
  from ${investments} i join ${funds} f on f.id = i.fund_id join ${companies} c on c.id = i.company_id
  where i.id = ${projects.investmentId} and ${inScope(scope, sql.raw('i.fund_id')) ?? sql`1`})`;

export async function projectRecordAndOwners(db: Db, scope: Scope, projectId: number) {
  // The owners and the driving investment ride in the project's own statement (as JSON), so the project page stays
  // within D1's 10 statements.
  const [[row], history, money] = await Promise.all([
    db
      .select({
        p: projects,
        co: companies,
        owners: ownerHistoryJson(projectId),
        investment: drivingInvestmentJson(scope),
      })
      .from(projects)
      .leftJoin(companies, eq(companies.id, projects.companyId))
      .where(eq(projects.id, projectId)),
    db.select().from(milestones).where(eq(milestones.projectId, projectId)).orderBy(asc(milestones.id)),
    db
      .select()
      .from(arrivals)
      .where(eq(arrivals.projectId, projectId))
      .orderBy(asc(arrivals.arrivedOn), asc(arrivals.id)),
  ]);
  if (!row || !sees(scope, row.p.sourceFundId)) return null;
  const owners = JSON.parse(row.owners) as Answer<'Owner'>[];
  const record = {
    ...projectJson(row.p, row.co),
    milestones: history.map(milestoneJson),
    arrivals: money.map(arrivalJson),
    owners: owners.filter((o) => o.to === null),
  };
  const investment = row.investment ? (JSON.parse(row.investment) as DrivingInvestment) : null;
  return { record, ownerHistory: owners, investment };
}

/** One project with its company, milestones, arrivals and current owners; null when it does not exist or the scope does not see it. */
export async function projectRecord(db: Db, scope: Scope, projectId: number) {
  return (await projectRecordAndOwners(db, scope, projectId))?.record ?? null;
}
export type ProjectRecord = NonNullable<Awaited<ReturnType<typeof projectRecord>>>;
