// 企业诉求 read as the API answers them (SPEC §9): the list with its filters and one request with its history, within
// what the scope sees — a manager sees the requests of its funds' projects, never a request about a company alone.
// One statement for a page of the list, two for a request.
import { userName } from './names';
import { aliasedTable, and, asc, eq, gt, inArray, isNull, not, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db';
import { companies, projects, requestEvents, serviceRequests, units, users } from '../db/schema';
import type { RequestCategory, RequestStatus } from '../domain/vocabulary';
import type { requestDetailAnswer, requestEventAnswer, requestItemAnswer } from '../http/request-answers';
import type { Slice } from './records';
import { inFamily, inScope, inUnit, type Scope } from './trees';

type RequestRow = typeof serviceRequests.$inferSelect;
type EventRow = typeof requestEvents.$inferSelect;
export type RequestItem = z.input<typeof requestItemAnswer>;
export type RequestDetail = z.input<typeof requestDetailAnswer>;

/** `what` (of the history row `e`) from the request's last history entry dated on or before `asOf`. */
const lastEventOn = <T>(requestId: SQL | typeof serviceRequests.id, asOf: string, what: SQL) =>
  sql<T>`(select ${what} from ${requestEvents} e where e.request_id = ${requestId} and e.happened_on <= ${asOf}
    order by e.happened_on desc, e.id desc limit 1)`;

/**
 * A request's state on a day, from its history: the state of its last entry dated on or before it (null before it was
 * raised). `requestId` is the request's id column as the statement names it.
 *
 * This is the one rule of SPEC §9 for "resolved by a day", read by the service report, the 诉求超期 alert, 调度 and the
 * list's overdue filter alike: a request is resolved on `asOf` when its state on that day is 已办结 or 已回访. A later
 * reopening does not unsettle a past day (a finished month's 通报 stays as it was); a request resolved, reopened and
 * resolved again within a window counts by its last resolution in it (`lastResolvedBy`).
 */
export const requestStateOn = (requestId: SQL | typeof serviceRequests.id, asOf: string): SQL<RequestStatus | null> =>
  lastEventOn(requestId, asOf, sql`e.status`);

/** The state on `asOf` (as `requestStateOn`) and, when it is 已回访, the rating given: `closed|satisfied`, `open|`. */
export const requestStateAndRatingOn = (requestId: SQL, asOf: string): SQL<string | null> =>
  lastEventOn(requestId, asOf, sql`e.status || '|' || coalesce(e.rating, '')`);

/** The date of the last resolution dated on or before `asOf` (null when none): the one on-time and 办结用时 read. */
export const lastResolvedBy = (requestId: SQL, asOf: string): SQL<string | null> =>
  sql`(select max(e.happened_on) from ${requestEvents} e where e.request_id = ${requestId} and e.status = 'resolved'
    and e.happened_on <= ${asOf})`;

/** Raised by `asOf` and, on that day, still 待受理 or 已受理: an item of 调度 and, once past its due date, 诉求超期. */
export const unsettledOn = (requestId: SQL | typeof serviceRequests.id, asOf: string): SQL<boolean> =>
  sql<boolean>`coalesce(${requestStateOn(requestId, asOf)} in ('open', 'accepted'), 0)`;

/** 诉求超期 as of `asOf`: its due date passed (dueOn < asOf) and not resolved by then (`unsettledOn`). */
export const overdueSql = (asOf: string): SQL<boolean> =>
  sql<boolean>`(${serviceRequests.dueOn} < ${asOf} and ${unsettledOn(serviceRequests.id, asOf)})`;

/** The filters of GET /api/requests and the /requests page. */
export interface RequestFilters {
  status?: RequestStatus;
  category?: RequestCategory;
  unitId?: number;
  fundId?: number;
  assigneeId?: number;
  projectId?: number;
  companyId?: number;
  overdue?: boolean;
}

/** The filters as conditions within what the scope sees (the caller answers 404 for a fund it does not see). */
export function requestWhere(scope: Scope, q: RequestFilters, asOf: string): (SQL | undefined)[] {
  return [
    // A request about a company alone has no fund: staff's, never a manager's.
    inScope(scope, projects.sourceFundId),
    q.status ? eq(serviceRequests.status, q.status) : undefined,
    q.category ? eq(serviceRequests.category, q.category) : undefined,
    q.unitId ? inUnit(serviceRequests.unitId, q.unitId) : undefined,
    q.fundId ? inFamily(projects.sourceFundId, q.fundId) : undefined,
    q.assigneeId ? eq(serviceRequests.assigneeId, q.assigneeId) : undefined,
    q.projectId ? eq(serviceRequests.projectId, q.projectId) : undefined,
    q.companyId ? eq(serviceRequests.companyId, q.companyId) : undefined,
    q.overdue === undefined ? undefined : q.overdue ? overdueSql(asOf) : not(overdueSql(asOf)),
  ];
}

const assignee = aliasedTable(users, 'assignee');
/** A request's company: its own, else its project's. */
const requestCompany = aliasedTable(companies, 'request_company');

/** The requests that meet `conds`, each with its names and whether it is overdue as of `asOf`, by id. */
function requestRows(db: Db, conds: (SQL | undefined)[], asOf: string) {
  return db
    .select({
      r: serviceRequests,
      projectName: projects.name,
      companyName: sql<string | null>`coalesce(${requestCompany.name}, ${companies.name})`,
      unitName: units.name,
      assigneeName: sql<string | null>`coalesce(${assignee.displayName}, ${assignee.username})`,
      overdue: overdueSql(asOf).mapWith(Boolean),
    })
    .from(serviceRequests)
    .leftJoin(projects, eq(projects.id, serviceRequests.projectId))
    .leftJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(requestCompany, eq(requestCompany.id, serviceRequests.companyId))
    .innerJoin(units, eq(units.id, serviceRequests.unitId))
    .leftJoin(assignee, eq(assignee.id, serviceRequests.assigneeId))
    .where(and(...conds));
}
type Named = Awaited<ReturnType<typeof requestRows>>[number];

export const requestItemJson = (row: Named): RequestItem => ({
  ...requestJson(row.r, row.overdue),
  projectName: row.projectName,
  companyName: row.companyName,
  unitName: row.unitName,
  assigneeName: row.assigneeName,
});

/** A request as the API answers it, with whether it is overdue. */
export const requestJson = (r: RequestRow, overdue: boolean) => ({
  id: r.id,
  projectId: r.projectId,
  companyId: r.companyId,
  category: r.category,
  unitId: r.unitId,
  assigneeId: r.assigneeId,
  raisedOn: r.raisedOn,
  dueOn: r.dueOn,
  description: r.description,
  status: r.status,
  resolvedOn: r.resolvedOn,
  resolution: r.resolution,
  rating: r.rating,
  closedOn: r.closedOn,
  raisedBy: r.raisedBy,
  overdue,
  version: r.version,
});

export const requestEventJson = (e: EventRow): z.input<typeof requestEventAnswer> => ({
  id: e.id,
  status: e.status,
  on: e.happenedOn,
  text: e.text,
  rating: e.rating,
  recordedAt: e.createdAt,
  recordedBy: e.updatedBy,
});

/** A page of the requests the scope sees that meet the filters, oldest first. */
export async function requestList(
  db: Db,
  scope: Scope,
  q: RequestFilters,
  asOf: string,
  s: Slice,
): Promise<RequestItem[]> {
  const rows = await requestRows(db, [gt(serviceRequests.id, s.after), ...requestWhere(scope, q, asOf)], asOf)
    .orderBy(asc(serviceRequests.id))
    .limit(s.take);
  return rows.map(requestItemJson);
}

/** One request with its names and history (overdue as of `asOf`); null when missing or outside the scope. */
export async function requestRecord(
  db: Db,
  scope: Scope,
  requestId: number,
  asOf: string,
): Promise<RequestDetail | null> {
  const [[row], history] = await Promise.all([
    requestRows(db, [eq(serviceRequests.id, requestId), inScope(scope, projects.sourceFundId)], asOf),
    db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(asc(requestEvents.id)),
  ]);
  if (!row) return null;
  return { ...requestItemJson(row), history: history.map(requestEventJson) };
}

/** Who may be assigned a request (承办人): the platform's active staff and admins, by name. One statement. */
export async function requestHandlers(db: Db): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .select({ id: users.id, name: userName })
    .from(users)
    .where(and(inArray(users.role, ['admin', 'staff']), isNull(users.revokedAt)))
    .orderBy(asc(users.id))
    .limit(1000);
  return rows;
}
