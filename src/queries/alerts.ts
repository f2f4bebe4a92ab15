import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import {
  arrivals,
  companies,
  milestones,
  projectNodes,
  projectOwners,
  projects as p,
  reinvestmentCredits as rc,
  serviceRequests,
  unitTree,
} from '../db/schema';
import { labelOf, requestCategoryNames, requestStatuses, type Role } from '../domain/vocabulary';
import { alertCutoffs, alertDayDefaults, alertKinds, type AlertDays, type AlertKind } from '../domain/alerts';
import { daysBetween } from '../domain/dates';
import type { Db } from '../db';
import { id, isoDate } from '../validation';
import * as out from '../http/answer-fields';
import { taskNotDone } from './nodes';
import { unsettledOn } from './requests';
import { inFamily, inScope, type Scope } from './trees';

/** A day count of an alert kind: whole days, 0 to 100 years. */
const dayCount = z
  .string({ error: '天数须为 0–36500 的整数' })
  .regex(/^\d{1,5}$/, '天数须为 0–36500 的整数')
  .transform(Number)
  .refine((n) => n <= 36500, '天数须为 0–36500 的整数');

/**
 * 预警 (SPEC §7) for everything a scope sees, as of D: each kind is one branch of one statement over the projects
 * (and the pending credits), so the list, its counts and its export each cost one statement whatever the data.
 */

export interface AlertRequest {
  db: Db;
  scope: Scope;
  asOf: string;
  /** The day count of each kind (defaults: 180, 730, 90, 14). */
  days?: AlertDays;
  /** 待认定超期 is staff's work queue: only staff and admin are shown it. */
  pendingReview: boolean;
  /** Only this fund's family (projects by source fund, credits by fund). */
  fundId?: number;
  /**
   * 节点滞后 is counted by the caller (the 通报, from its pass over the nodes with the default grace): alertCounts
   * leaves its term out and answers 0 for it.
   */
  nodeOverdueCounted?: boolean;
  /**
   * Only projects whose introducing or landing unit is this unit or one of its sub-units (for a 诉求: also its
   * responsible unit and its company's unit).
   */
  unitId?: number;
}

/**
 * One alert as GET /api/alerts lists it: a project's (projectId), a pending credit's (creditId, its project named by
 * `name`), a pending arrival's (arrivalId, with its project's projectId and name), a late node's (nodeId, with its
 * project) or an overdue request's (requestId, with its project, or its company named by `name`).
 */
export const alertAnswer = z.strictObject({
  kind: z.enum(alertKinds),
  projectId: out.idOrNull.meta({ description: '项目的预警；待认定的返投认定为 null' }),
  creditId: out.idOrNull.meta({ description: '待认定超期的返投认定；项目的预警为 null' }),
  arrivalId: out.idOrNull.meta({ description: '待认定超期的到资（projectId 为其项目）；其余预警为 null' }),
  nodeId: out.idOrNull.meta({ description: '节点滞后的推进节点（projectId 为其项目）；其余预警为 null' }),
  requestId: out.idOrNull.meta({
    description: '诉求超期的企业诉求（projectId 为其项目，只涉及企业时为 null）；其余预警为 null',
  }),
  name: out.text.meta({ description: '项目名称，或返投认定的企业（项目）名称，或只涉及企业的诉求的企业名称' }),
  detail: out.textOrNull.meta({ description: '节点滞后：节点名称；诉求超期：诉求类别与内容；其余预警为 null' }),
  fundId: out.idOrNull.meta({ description: '来源基金；非基金招引的项目为 null' }),
  introducingUnitId: out.idOrNull,
  landingUnitId: out.idOrNull,
  since: out.isoDate.meta({ description: '预警计时的起点' }),
  days: out.count.meta({ description: '已持续天数：asOf − since' }),
});
export type AlertItem = z.output<typeof alertAnswer>;

/** The body of GET /api/alerts: the as-of date, the day counts used, one page of alerts (cursor: an offset). */
export const alertListAnswer = z.strictObject({
  asOf: out.isoDate,
  days: z
    .strictObject(Object.fromEntries(alertKinds.map((k) => [k, out.count])) as Record<AlertKind, typeof out.count>)
    .meta({ description: '各类预警的天数阈值' }),
  items: z.array(alertAnswer),
  nextCursor: z.string().nullable().meta({ description: '下一页的 cursor（偏移量）；没有更多时为 null' }),
});

const inUnit = (col: SQL, unitId: number) =>
  sql`${col} in (select ${unitTree.descendantId} from ${unitTree} where ${unitTree.ancestorId} = ${unitId})`;

/** `kind` as its position in alertKinds, so SQL orders kinds as the vocabulary does. */
const kindOrder = sql.raw(`case kind ${alertKinds.map((k, i) => `when '${k}' then ${i}`).join(' ')} end`);

/** The conditions of a request, as SQL over projects (p) and over other tables' columns naming a fund and units. */
function filtersOf(r: AlertRequest) {
  return (fund: SQL, ...unitCols: SQL[]) =>
    sql.join(
      [
        inScope(r.scope, fund),
        r.fundId ? inFamily(fund, r.fundId) : undefined,
        r.unitId
          ? sql`(${sql.join(
              unitCols.map((col) => inUnit(col, r.unitId!)),
              sql` or `,
            )})`
          : undefined,
      ]
        .filter((x): x is SQL => x !== undefined)
        .map((x) => sql` and ${x}`),
    );
}
type Filters = ReturnType<typeof filtersOf>;

/** A confirmed project reported by D and not dropped by D: what every project-row alert reads. */
const liveBy = (D: string) =>
  sql`${p.status} = 'confirmed' and ${p.reportedOn} <= ${D} and not coalesce(${p.droppedOn} <= ${D}, 0)`;

/**
 * The alerts a live project raises from its own row (live: confirmed, reported by D, not dropped by D), each with
 * its clock's start (`since`) and the condition beside live: 签约未开工, 开工未竣工 and 长期无进展 (the latest of its
 * report, current milestones and arrivals dated ≤ D, read by correlated look-ups on the project indexes, no later
 * than the cut-off: `sinceBy`), and 无人对接 (SPEC §9: signed by D, not producing by D, without a 对接人 current on D).
 * The list reads each as a branch; the counts read them all in one pass over the projects.
 */
function projectKinds(r: AlertRequest): { kind: AlertKind; since: SQL; where: SQL; sinceBy?: string }[] {
  const D = r.asOf;
  const cut = alertCutoffs(D, r.days ?? alertDayDefaults);
  const by = (col: SQL | typeof p.startedOn) => sql`coalesce(${col} <= ${D}, 0)`;
  // The project's latest current milestone (kept on the project by triggers) when it is by D; otherwise look it up.
  const latestMilestone = sql`case when ${p.lastMilestoneOn} <= ${D} then ${p.lastMilestoneOn} else (select max(m.happened_on) from ${milestones} m where m.project_id = ${p.id} and m."current" = 1 and m.happened_on <= ${D}) end`;
  // The project's arrival summary (confirmed arrivals) answers when its last arrival is by D; otherwise look the
  // confirmed arrivals up.
  const latestArrival = sql`case when ${p.lastArrivalOn} <= ${D} then ${p.lastArrivalOn} else (select max(a.arrived_on) from ${arrivals} a where a.project_id = ${p.id} and a.status = 'confirmed' and a.arrived_on <= ${D}) end`;
  // What rules 长期无进展 out without a look-up: a report after the cut-off, a reached-stage date after it (each is a
  // current milestone's date) or a last arrival after it, by D — each makes the latest activity later than the cut-off.
  const after = (col: SQLWrapper) => sql`coalesce(${col} > ${cut.stale} and ${col} <= ${D}, 0)`;
  const recent = sql.join(
    [
      p.negotiatingOn,
      p.signedOn,
      p.registeredOn,
      p.startedOn,
      p.completedOn,
      p.producingOn,
      p.droppedOn,
      p.lastMilestoneOn,
      p.lastArrivalOn,
    ].map((col) => after(col)),
    sql` or `,
  );
  const o = projectOwners;
  return [
    {
      kind: 'signed_not_started',
      since: sql`${p.signedOn}`,
      where: sql`${p.signedOn} <= ${cut.signed_not_started} and not ${by(sql`${p.startedOn}`)}`,
    },
    {
      kind: 'started_not_completed',
      since: sql`${p.startedOn}`,
      where: sql`${p.startedOn} <= ${cut.started_not_completed} and not ${by(sql`${p.completedOn}`)}`,
    },
    {
      kind: 'stale',
      since: sql`max(${p.reportedOn}, coalesce(${latestMilestone}, ''), coalesce(${latestArrival}, ''))`,
      where: sql`not ${by(sql`${p.producingOn}`)} and ${p.reportedOn} <= ${cut.stale} and not (${recent})`,
      sinceBy: cut.stale,
    },
    {
      kind: 'no_liaison',
      since: sql`${p.signedOn}`,
      where: sql`${p.signedOn} <= ${cut.no_liaison} and not ${by(sql`${p.producingOn}`)}
        and not exists (select 1 from ${o} where ${o.projectId} = ${p.id} and ${o.duty} = 'liaison'
          and ${o.fromOn} <= ${D} and coalesce(${o.toOn} > ${D}, 1))`,
    },
  ];
}

/** An alert branch over the projects: one row per project `where` selects, its clock from `since`. */
const projectBranch = (kind: AlertKind, since: SQL, where: SQL) =>
  sql`select '${sql.raw(kind)}' as kind, ${p.id} as project_id, null as credit_id, null as arrival_id, null as node_id,
      null as request_id, ${p.name} as name, null as detail, ${p.sourceFundId} as fund_id,
      ${p.introducingUnitId} as introducing_unit_id, ${p.landingUnitId} as landing_unit_id, ${since} as since
      from ${p} where ${where}`;

/**
 * Every alert as rows (kind, project_id, credit_id, arrival_id, name, fund_id, introducing_unit_id, landing_unit_id, since):
 * live projects raise 签约未开工, 开工未竣工, 长期无进展 and 无人对接 (projectKinds); pending projects, credits and
 * arrivals waiting since the cut-off raise 待认定超期; late nodes and overdue requests their own (serviceBranches).
 */
function alertRows(r: AlertRequest, top?: number): SQL {
  const D = r.asOf;
  const filters = filtersOf(r);
  const projectFilters = filters(sql`${p.sourceFundId}`, sql`${p.introducingUnitId}`, sql`${p.landingUnitId}`);
  const live = liveBy(D);
  const kinds = projectKinds(r).map((k) => {
    const branch = projectBranch(k.kind, k.since, sql`${live} and ${k.where}${projectFilters}`);
    return { kind: k.kind, sql: k.sinceBy ? sql`select * from (${branch}) where since <= ${k.sinceBy}` : branch };
  });
  const noLiaison = kinds.find((k) => k.kind === 'no_liaison')!;
  const parts: SQL[] = kinds.filter((k) => k !== noLiaison).map((k) => k.sql);
  if (r.pendingReview) {
    // 待认定超期 as one term of its own (D1 allows at most 5 terms in one compound SELECT): pending leads, credits and
    // arrivals.
    parts.push(sql`select * from (${sql.join(pendingBranches(r, filters), sql` union all `)})`);
  }
  // With `top` (a page's end), each service term keeps only its first `top` alerts in the list's order (its kind is
  // one, so since and its ids): no page needs more of it. 节点滞后 then reads project_nodes_planned_idx in planned
  // order and stops there, instead of sorting every late node of the province with the rest.
  const [nodes, requests] = serviceBranches({ ...r, nodeOverdueCounted: false }, live, filters);
  const first = (branch: SQL, order: string) =>
    top === undefined ? branch : sql`select * from (${branch} order by ${sql.raw(order)} limit ${top})`;
  const service = [
    first(nodes!, 'since, project_id, node_id'),
    first(requests!, 'since, coalesce(project_id, 0), request_id'),
    first(noLiaison.sql, 'since, project_id'),
  ];
  parts.push(sql`select * from (${sql.join(service, sql` union all `)})`);
  return sql.join(parts, sql` union all `);
}

/** 待认定超期: pending leads, credits and arrivals waiting since the cut-off. */
function pendingBranches(r: AlertRequest, filters: Filters): SQL[] {
  const cut = alertCutoffs(r.asOf, r.days ?? alertDayDefaults);
  const projectFilters = filters(sql`${p.sourceFundId}`, sql`${p.introducingUnitId}`, sql`${p.landingUnitId}`);
  return [
    projectBranch(
      'pending_review',
      sql`${p.reportedOn}`,
      sql`${p.status} = 'pending' and ${p.reportedOn} <= ${cut.pending_review}${projectFilters}`,
    ),
    sql`select 'pending_review' as kind, ${rc.projectId} as project_id, ${rc.id} as credit_id, null as arrival_id,
        null as node_id, null as request_id, coalesce(${companies.name}, sp.name, '') as name, null as detail,
        ${rc.fundId} as fund_id,
        sp.introducing_unit_id as introducing_unit_id, sp.landing_unit_id as landing_unit_id, ${rc.datedOn} as since
        from ${rc} left join ${companies} on ${companies.id} = ${rc.companyId} left join ${p} sp on sp.id = ${rc.projectId}
        where ${rc.status} = 'pending' and ${rc.datedOn} <= ${cut.pending_review}${filters(
          sql`${rc.fundId}`,
          sql`sp.introducing_unit_id`,
          sql`sp.landing_unit_id`,
        )}`,
    sql`select 'pending_review' as kind, ${p.id} as project_id, null as credit_id, ${arrivals.id} as arrival_id,
        null as node_id, null as request_id, ${p.name} as name, null as detail, ${p.sourceFundId} as fund_id, ${p.introducingUnitId} as introducing_unit_id, ${p.landingUnitId} as landing_unit_id,
        ${arrivals.arrivedOn} as since
        from ${arrivals} join ${p} on ${p.id} = ${arrivals.projectId}
        where ${arrivals.status} = 'pending' and ${arrivals.arrivedOn} <= ${cut.pending_review}${projectFilters}`,
  ];
}

/**
 * The service loop's alerts (SPEC §9), one term of their own (D1 allows at most 5 terms in one compound SELECT):
 * 节点滞后 — a node of a live project not done by D, planned more than the grace before D (since: its plan; a stage
 * node is done on its project's reached date of that stage); 诉求超期 — a request raised by D, not resolved by D (its
 * last resolution, none once reopened), due before D (since: its due date); 无人对接 (projectKinds) joins them.
 */
function serviceBranches(r: AlertRequest, live: SQL, filters: Filters): SQL[] {
  const D = r.asOf;
  const cut = alertCutoffs(D, r.days ?? alertDayDefaults);
  const n = projectNodes;
  const sr = serviceRequests;
  const projectFilters = filters(sql`${p.sourceFundId}`, sql`${p.introducingUnitId}`, sql`${p.landingUnitId}`);
  // Every state, so the request is read by its due date from service_requests_due_idx (status, due_on).
  const actual = sql`case ${n.stage} when 'registered' then ${p.registeredOn} when 'started' then ${p.startedOn}
    when 'completed' then ${p.completedOn} when 'producing' then ${p.producingOn} else ${n.actualOn} end`;
  const branches = [
    sql`select 'node_overdue' as kind, ${p.id} as project_id, null as credit_id, null as arrival_id, ${n.id} as node_id,
      null as request_id, ${p.name} as name, ${n.name} as detail, ${p.sourceFundId} as fund_id,
      ${p.introducingUnitId} as introducing_unit_id, ${p.landingUnitId} as landing_unit_id, ${n.plannedOn} as since
      from ${n} indexed by project_nodes_planned_idx join ${p} on ${p.id} = ${n.projectId}
      where ${n.plannedOn} <= ${cut.node_overdue} and ${taskNotDone(n.stage, n.actualOn, D)}
        and not coalesce(${actual} <= ${D}, 0) and ${live}${projectFilters}`,
    sql`select 'request_overdue' as kind, ${sr.projectId} as project_id, null as credit_id, null as arrival_id,
      null as node_id, ${sr.id} as request_id, coalesce(${p.name}, ${companies.name}, '') as name,
      ${sr.category} || '：' || ${sr.description} as detail, ${p.sourceFundId} as fund_id,
      ${p.introducingUnitId} as introducing_unit_id, ${p.landingUnitId} as landing_unit_id, ${sr.dueOn} as since
      from ${sr} indexed by service_requests_due_idx left join ${p} on ${p.id} = ${sr.projectId}
        left join ${companies} on ${companies.id} = ${sr.companyId}
      where ${sr.status} in ${sql.raw(`(${requestStatuses.map((x) => `'${x}'`).join(', ')})`)} and ${sr.dueOn} <= ${cut.request_overdue}
        and ${unsettledOn(sr.id, D)}${filters(
          sql`${p.sourceFundId}`,
          sql`${p.introducingUnitId}`,
          sql`${p.landingUnitId}`,
          sql`${sr.unitId}`,
          sql`${companies.unitId}`,
        )}`,
  ];
  return r.nodeOverdueCounted ? branches.slice(1) : branches;
}

interface AlertRow {
  kind: AlertKind;
  project_id: number | null;
  credit_id: number | null;
  arrival_id: number | null;
  node_id: number | null;
  request_id: number | null;
  name: string;
  detail: string | null;
  fund_id: number | null;
  introducing_unit_id: number | null;
  landing_unit_id: number | null;
  since: string;
}

/**
 * The alerts of a scope, longest waiting first (days = D − since, descending; then by kind, then by id), one page of
 * `limit` from `offset`, in one statement.
 */
export async function alertList(
  r: AlertRequest,
  opts: { kind?: AlertKind; limit: number; offset?: number },
): Promise<{ items: AlertItem[]; more: boolean }> {
  const rows = await r.db.all<AlertRow>(
    sql`select * from (${alertRows(r, (opts.offset ?? 0) + opts.limit + 1)})${opts.kind ? sql` where kind = ${opts.kind}` : sql``}
      order by since, ${kindOrder}, coalesce(credit_id, 0), coalesce(arrival_id, 0), coalesce(project_id, 0),
        coalesce(node_id, 0), coalesce(request_id, 0) limit ${opts.limit + 1} offset ${opts.offset ?? 0}`,
  );
  const items = rows.slice(0, opts.limit).map((a) => ({
    kind: a.kind,
    // A credit's subject may be a project: the alert is the credit's, the project stays its subject (named by `name`).
    projectId: a.credit_id === null ? a.project_id : null,
    creditId: a.credit_id,
    arrivalId: a.arrival_id,
    nodeId: a.node_id,
    requestId: a.request_id,
    name: a.name,
    detail: a.detail === null ? null : requestDetail(a.kind, a.detail),
    fundId: a.fund_id,
    introducingUnitId: a.introducing_unit_id,
    landingUnitId: a.landing_unit_id,
    since: a.since,
    days: daysBetween(a.since, r.asOf),
  }));
  return { items, more: rows.length > opts.limit };
}

/**
 * How many alerts of each kind a scope has as of D, in one statement (the cockpit, the 通报, the alerts page): the
 * four kinds of a live project's own row counted in one pass over the projects (in id order: the covering
 * projects_fund_idx would read the table out of order for each 长期无进展 candidate's last milestone, 4× slower), the
 * others counted from their branches. `pending_review` is 0 for a caller not shown it (pendingReview false).
 */
export async function alertCounts(r: AlertRequest): Promise<Record<AlertKind, number>> {
  const filters = filtersOf(r);
  const projectFilters = filters(sql`${p.sourceFundId}`, sql`${p.introducingUnitId}`, sql`${p.landingUnitId}`);
  const live = liveBy(r.asOf);
  const kinds = projectKinds(r);
  const own = kinds.map(
    (k) =>
      sql`count(*) filter (where ${k.where}${k.sinceBy ? sql` and ${k.since} <= ${k.sinceBy}` : sql``}) as ${sql.raw(k.kind)}`,
  );
  const others = [...(r.pendingReview ? pendingBranches(r, filters) : []), ...serviceBranches(r, live, filters)];
  const [row] = await r.db.all<Record<string, number>>(
    sql`select ${sql.join(own, sql`, `)},
      (select json_group_object(kind, n) from (select kind, count(*) as n from (${sql.join(others, sql` union all `)}) group by kind)) as others
      from ${p} where ${live}${projectFilters}`,
  );
  const out = Object.fromEntries(alertKinds.map((k) => [k, 0])) as Record<AlertKind, number>;
  for (const k of kinds) out[k.kind] = Number(row?.[k.kind] ?? 0);
  const rest = JSON.parse(String(row?.others ?? '{}')) as Record<string, number>;
  for (const [kind, n] of Object.entries(rest)) out[kind as AlertKind] = Number(n);
  return out;
}

/** The query of GET /api/alerts, its export and the alerts page: as-of date, filters and the day counts. */
export const alertQuery = z.object({
  asOf: isoDate.optional(),
  kind: z.enum(alertKinds, { error: `kind 应为 ${alertKinds.join('、')} 之一` }).optional(),
  fundId: id.optional(),
  unitId: id.optional(),
  signedDays: dayCount.optional(),
  startedDays: dayCount.optional(),
  staleDays: dayCount.optional(),
  pendingDays: dayCount.optional(),
  nodeGraceDays: dayCount.optional(),
});
export type AlertQuery = z.output<typeof alertQuery>;

/** The day counts a query asks for, the defaults where it names none. */
export const alertDaysOf = (q: AlertQuery): AlertDays => ({
  signed_not_started: q.signedDays ?? alertDayDefaults.signed_not_started,
  started_not_completed: q.startedDays ?? alertDayDefaults.started_not_completed,
  stale: q.staleDays ?? alertDayDefaults.stale,
  pending_review: q.pendingDays ?? alertDayDefaults.pending_review,
  node_overdue: q.nodeGraceDays ?? alertDayDefaults.node_overdue,
  request_overdue: alertDayDefaults.request_overdue,
  no_liaison: alertDayDefaults.no_liaison,
});

/** A request alert's detail reads its category in Chinese (SQL gives the code before the description). */
function requestDetail(kind: AlertKind, detail: string): string {
  if (kind !== 'request_overdue') return detail;
  const at = detail.indexOf('：');
  return `${labelOf(requestCategoryNames, detail.slice(0, at))}${detail.slice(at)}`;
}

/** 待认定超期 is staff's work queue: shown to staff and admin only. */
export const seesPendingReview = (role: Role) => role === 'staff' || role === 'admin';

/** The alert request of a caller for a query (the caller checks the fund and unit it names first). */
export const alertRequestOf = (
  caller: { db: Db; scope: Scope; role: Role; today: string },
  q: AlertQuery,
): AlertRequest => ({
  db: caller.db,
  scope: caller.scope,
  asOf: q.asOf ?? caller.today,
  days: alertDaysOf(q),
  pendingReview: seesPendingReview(caller.role),
  fundId: q.fundId,
  unitId: q.unitId,
});
