import { asc, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { notFound } from '../errors';
import { funds, units } from '../db/schema';
import type { Window } from '../domain/assessment';
import { entryOf } from '../domain/groups';
import {
  nodeFigures,
  noActivities,
  noNodes,
  noRequests,
  requestFigures,
  type ActivityAggregates,
  type NodeAggregates,
  type RequestAggregates,
} from '../domain/service';
import { activityKinds, unitViews, type ActivityKind, type UnitView } from '../domain/vocabulary';
import * as out from '../http/answer-fields';
import { daysOf, mergedSample, sampleCounts } from './outcomes';
import { lastResolvedBy, requestStateAndRatingOn } from './requests';
import { inScope, type Scope } from './trees';

/**
 * 推进督办, 诉求闭环 and 招商活动 in figures (SPEC §9) for every unit (one view, sub-units rolled up) and every fund
 * family a scope sees, for one or more windows at once: three grouped statements (activities, requests, nodes) besides
 * the unit and fund lists, whatever the number of units, funds, projects or records.
 */

const medianDays = z
  .string()
  .regex(/^\d+\.\d$/)
  .nullable()
  .meta({ description: '提出至最后一次办结的中位天数，1 位小数；无样本时为 null' });

const requestsAnswer = z
  .strictObject({
    raised: out.count.meta({ description: '窗口内提出的诉求数（重新打开的诉求只计一次）' }),
    resolved: out.count.meta({ description: '窗口内提出、截至窗口末已办结的诉求数（按最后一次办结）' }),
    resolvedOnTime: out.count.meta({ description: '其中最后一次办结不晚于办理期限的诉求数' }),
    openOverdue: out.count.meta({ description: '截至窗口末未办结且已过办理期限的诉求数（不论何时提出）' }),
    resolutionRate: out.ratioOrNull.meta({ description: '办结率：resolved / raised' }),
    onTimeRate: out.ratioOrNull.meta({ description: '按期办结率：resolvedOnTime / resolved' }),
    medianDays,
    satisfaction: out.ratioOrNull.meta({
      description: '满意度：（满意 + 基本满意）/ 已回访评价数，窗口内提出、截至窗口末已回访的诉求',
    }),
  })
  .meta({ description: '企业诉求' });

const nodesAnswer = z
  .strictObject({
    nodesDue: out.count.meta({ description: '截至窗口末计划日期已到（planned ≤ to）的推进节点数' }),
    nodesDoneOnTime: out.count.meta({ description: '其中截至窗口末已完成且不晚于计划日期的节点数' }),
    nodesOverdue: out.count.meta({ description: '滞后节点：截至窗口末未完成且计划日期早于窗口末' }),
    nodeOnTimeRate: out.ratioOrNull.meta({ description: '节点按期完成率：nodesDoneOnTime / nodesDue' }),
    replanned: out.count.meta({ description: '调整过计划的节点数（计划日期 ≠ 基准日期）' }),
  })
  .meta({ description: '推进节点（项目未于窗口末前终止）' });

const activityFigures = {
  topLed: out.count.meta({ description: '主要负责人带队的活动数' }),
  companiesMet: out.count.meta({ description: '对接企业数（去重：关联企业按企业，否则按名称）' }),
  leadsProduced: out.count.meta({ description: '促成的项目线索数（去重，已认定项目）' }),
};

/** A unit's row of GET /api/reports/service (also the 通报's `service`). */
export const serviceUnitAnswer = z.strictObject({
  unitId: out.id,
  activities: z
    .strictObject(
      Object.fromEntries(activityKinds.map((k) => [k, out.count])) as Record<ActivityKind, typeof out.count>,
    )
    .meta({ description: '按类型的招商活动数（按开始日期计入窗口）' }),
  ...activityFigures,
  requests: requestsAnswer,
  nodes: nodesAnswer,
});
export type ServiceUnitRow = z.output<typeof serviceUnitAnswer>;

/** A fund family's row: the activities done for the family's funds, its projects' requests and nodes. */
export const serviceFundAnswer = z.strictObject({
  fundId: out.id,
  ...activityFigures,
  requests: requestsAnswer,
  nodes: nodesAnswer,
});
export type ServiceFundRow = z.output<typeof serviceFundAnswer>;

/** The body of GET /api/reports/service; the OpenAPI component `ServiceReport`. */
export const serviceReportAnswer = z.strictObject({
  from: out.isoDate,
  to: out.isoDate,
  view: z.enum(unitViews),
  units: z.array(serviceUnitAnswer),
  funds: z.array(serviceFundAnswer),
});
export type ServiceReport = z.output<typeof serviceReportAnswer>;

export interface ServiceRequest {
  view: UnitView;
  windows: readonly Window[];
  /** Only this unit and its sub-units: their rows, and the records in them (for the fund rows too). */
  unitId?: number;
  /** Only this fund family: its funds' rows, and its records (for the unit rows too). */
  fundId?: number;
  /** Leave the nodes out (their figures stay zero): the assessment's period figures read activities and requests. */
  withoutNodes?: boolean;
}

/** The aggregates of one unit or fund family, one per window. */
export interface ServiceAggregates {
  activities: ActivityAggregates;
  requests: RequestAggregates;
  nodes: NodeAggregates;
}

interface Tree {
  /** Each node with itself and its ancestors (within the listed nodes), from its parent links. */
  up: (node: number | null) => number[];
}

/** A tree's upward paths from rows with parent links: a node's path holds itself and every listed ancestor. */
function treeOf(rows: readonly { id: number; parentId: number | null }[]): Tree {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const paths = new Map<number, number[]>();
  const up = (node: number | null): number[] => {
    if (node === null || !parent.has(node)) return [];
    let path = paths.get(node);
    if (!path) {
      path = [node];
      // A cycle cannot be stored (the tree triggers refuse it); the guard only bounds a corrupt table.
      for (let at = parent.get(node) ?? null; at !== null && parent.has(at) && path.length <= rows.length;) {
        path.push(at);
        at = parent.get(at) ?? null;
      }
      paths.set(node, path);
    }
    return path;
  };
  return { up };
}

const inUnit = (col: SQL, unitId: number) =>
  sql`${col} in (select descendant_id from unit_tree where ancestor_id = ${unitId})`;
const inFamilyOf = (col: SQL, fundId: number) =>
  sql`${col} in (select descendant_id from fund_tree where ancestor_id = ${fundId})`;
const and = (parts: (SQL | undefined)[]) =>
  sql.join(
    parts.filter((x): x is SQL => x !== undefined).map((x) => sql` and ${x}`),
    sql``,
  );

const cols = (n: number, make: (i: number) => SQL) =>
  sql.join(
    Array.from({ length: n }, (_, i) => make(i)),
    sql`, `,
  );

type Row = Record<string, string | number | null>;
const num = (row: Row, key: string) => Number(row[key] ?? 0);

/**
 * 招商活动 of every unit (its sub-units' included) and fund family for each window, in one statement: the activities
 * started within the windows (a manager: those done for its funds), each joined to its unit's and its fund's
 * ancestors through the closure tables; per (tree, node), counts by kind and 主要负责人带队, distinct companies met
 * (the company when linked, else the name's key) and distinct confirmed projects produced (CROSS JOIN keeps the
 * order: from the activities to their links to the projects by id, never a walk of every confirmed project).
 */
async function activityRows(db: Db, scope: Scope, req: ServiceRequest, lo: string, hi: string): Promise<Row[]> {
  const W = req.windows.length;
  const flags = cols(
    W,
    (i) => sql`started_on between ${req.windows[i]!.from} and ${req.windows[i]!.to} as in${sql.raw(String(i))}`,
  );
  const where = and([
    inScope(scope, sql`fund_id`),
    req.fundId ? inFamilyOf(sql`fund_id`, req.fundId) : undefined,
    req.unitId ? inUnit(sql`unit_id`, req.unitId) : undefined,
  ]);
  // Each branch names every column (null where it counts something else): a compound SELECT's terms line up.
  const figures = (part: 'a' | 'c' | 'p') =>
    cols(W, (i) => {
      const w = sql.raw(`in${i}`);
      const kinds = activityKinds.map((k) =>
        part === 'a' ? sql`count(*) filter (where ${w} and kind = ${sql.raw(`'${k}'`)})` : sql`null`,
      );
      return sql.join(
        [
          ...kinds.map((k, j) => sql`${k} as ${sql.raw(`${activityKinds[j]}${i}`)}`),
          sql`${part === 'a' ? sql`count(*) filter (where ${w} and top_led)` : sql`null`} as ${sql.raw(`top_led${i}`)}`,
          sql`${part === 'c' ? sql`count(distinct case when ac.company_id is not null then 'c' || ac.company_id else 'n' || ac.name_key end) filter (where ${w})` : sql`null`} as ${sql.raw(`companies${i}`)}`,
          sql`${part === 'p' ? sql`count(distinct ap.project_id) filter (where ${w})` : sql`null`} as ${sql.raw(`leads${i}`)}`,
        ],
        sql`, `,
      );
    });
  return await db.all<Row>(sql`with a as (select id, unit_id, fund_id, kind, top_led, ${flags} from activities
      where started_on between ${lo} and ${hi}${where}),
    m as (select 'u' as tree, ut.ancestor_id as node, a.* from a join unit_tree ut on ut.descendant_id = a.unit_id
      union all select 'f' as tree, ft.ancestor_id as node, a.* from a join fund_tree ft on ft.descendant_id = a.fund_id)
    select tree, node, ${figures('a')} from m group by tree, node
    union all
    select tree, node, ${figures('c')} from m join activity_companies ac on ac.activity_id = m.id group by tree, node
    union all
    select tree, node, ${figures('p')} from m cross join activity_projects ap on ap.activity_id = m.id
      cross join projects p on p.id = ap.project_id
      where ap.link = 'produced' and p.status = 'confirmed'${and([inScope(scope, sql`p.source_fund_id`)])}
      group by tree, node`);
}

/**
 * 企业诉求 for each window in one statement, grouped by the units and the fund a request belongs to: its responsible
 * unit, its project's unit in the view, its company's unit, its project's source fund (a manager: only requests on its
 * funds' projects). Per group, counts of each figure and the resolved ones' day sample; JS adds a group into every
 * unit above any of its three units (once) and every family above its fund.
 */
async function requestRows(db: Db, scope: Scope, req: ServiceRequest, hi: string): Promise<Row[]> {
  const W = req.windows.length;
  const unit = req.view === 'introducing' ? sql`p.introducing_unit_id` : sql`p.landing_unit_id`;
  // Per window: raised in it (r), its state and rating on the window's end from the history (st), the last
  // resolution by then (lr); settled (s) is 已办结 or 已回访 on that day, overdue (o) still open with its due date passed.
  const flags = cols(W, (i) => {
    const { from, to } = req.windows[i]!;
    const n = (name: string) => sql.raw(`${name}${i}`);
    return sql`sr.raised_on between ${from} and ${to} as ${n('r')},
      ${requestStateAndRatingOn(sql`sr.id`, to)} as ${n('st')},
      ${lastResolvedBy(sql`sr.id`, to)} as ${n('lr')},
      sr.raised_on <= ${to} and sr.due_on < ${to} as ${n('due')}`;
  });
  const figures = cols(W, (i) => {
    const [r, st, lr, due] = ['r', 'st', 'lr', 'due'].map((x) => sql.raw(`${x}${i}`)) as [SQL, SQL, SQL, SQL];
    const n = (name: string) => sql.raw(`${name}${i}`);
    const s = sql`(${st} like 'resolved|%' or ${st} like 'closed|%')`;
    return sql`count(*) filter (where ${r}) as ${n('raised')},
      count(*) filter (where ${r} and ${s}) as ${n('resolved')},
      count(*) filter (where ${r} and ${s} and ${lr} <= due_on) as ${n('on_time')},
      count(*) filter (where ${due} and not coalesce(${s}, 0)) as ${n('overdue')},
      count(*) filter (where ${r} and ${st} like 'closed|_%') as ${n('rated')},
      count(*) filter (where ${r} and ${st} in ('closed|satisfied', 'closed|basic')) as ${n('satisfied')},
      group_concat(cast(round(julianday(${lr}) - julianday(raised_on)) as integer)) filter (where ${r} and ${s}) as ${n('days')}`;
  });
  const where = and([
    inScope(scope, sql`p.source_fund_id`),
    req.fundId ? inFamilyOf(sql`p.source_fund_id`, req.fundId) : undefined,
    req.unitId
      ? sql`(${inUnit(sql`sr.unit_id`, req.unitId)} or ${inUnit(unit, req.unitId)} or ${inUnit(sql`c.unit_id`, req.unitId)})`
      : undefined,
  ]);
  return await db.all<Row>(sql`select ru, pu, cu, f, ${figures} from (
      select sr.unit_id as ru, ${unit} as pu, c.unit_id as cu, p.source_fund_id as f, sr.raised_on, sr.due_on, ${flags}
      from service_requests sr left join projects p on p.id = sr.project_id
        left join companies c on c.id = sr.company_id
      where sr.raised_on <= ${hi}${where})
    group by ru, pu, cu, f`);
}

/**
 * 推进节点 as of each window's end in one statement, grouped by their project's unit (in the view) and source fund:
 * the nodes of confirmed projects (within the scope) not dropped by that day. A stage node's actual date is its
 * project's reached date of that stage (§4), a task node's its own.
 */
async function nodeRows(db: Db, scope: Scope, req: ServiceRequest): Promise<Row[]> {
  const W = req.windows.length;
  const unit = req.view === 'introducing' ? sql`p.introducing_unit_id` : sql`p.landing_unit_id`;
  const figures = cols(W, (i) => {
    const D = req.windows[i]!.to;
    const n = (name: string) => sql.raw(`${name}${i}`);
    const live = sql`coalesce(dropped_on > ${D}, 1)`;
    const done = sql`coalesce(actual <= ${D}, 0)`;
    return sql`count(*) filter (where ${live} and planned_on <= ${D}) as ${n('due')},
      count(*) filter (where ${live} and planned_on <= ${D} and ${done} and actual <= planned_on) as ${n('on_time')},
      count(*) filter (where ${live} and not ${done} and planned_on < ${D}) as ${n('overdue')},
      count(*) filter (where ${live} and planned_on <> baseline_on) as ${n('replanned')}`;
  });
  const where = and([
    inScope(scope, sql`p.source_fund_id`),
    req.fundId ? inFamilyOf(sql`p.source_fund_id`, req.fundId) : undefined,
    req.unitId ? inUnit(unit, req.unitId) : undefined,
  ]);
  return await db.all<Row>(sql`select u, f, ${figures} from (
      select ${unit} as u, p.source_fund_id as f, p.dropped_on, n.planned_on, n.baseline_on,
        case n.stage when 'registered' then p.registered_on when 'started' then p.started_on
          when 'completed' then p.completed_on when 'producing' then p.producing_on else n.actual_on end as actual
      from project_nodes n join projects p on p.id = n.project_id
      where p.status = 'confirmed'${where})
    group by u, f`);
}

/** Each node's aggregates per window, made on first use. */
export const aggregatesOf = (W: number) => (): ServiceAggregates[] =>
  Array.from({ length: W }, () => ({ activities: noActivities(), requests: noRequests(), nodes: noNodes() }));

/**
 * The service figures (SPEC §9) of every unit and every fund family the scope sees, per window, keyed by unit id and
 * fund id; units and funds without any record are absent (their figures are all zero).
 */
export async function serviceAggregates(
  db: Db,
  scope: Scope,
  req: ServiceRequest,
  lists: {
    units: readonly { id: number; parentId: number | null }[];
    funds: readonly { id: number; parentId: number | null }[];
  },
): Promise<{ units: Map<number, ServiceAggregates[]>; funds: Map<number, ServiceAggregates[]> }> {
  const W = req.windows.length;
  const lo = req.windows.reduce((a, w) => (w.from < a ? w.from : a), req.windows[0]!.from);
  const hi = req.windows.reduce((a, w) => (w.to > a ? w.to : a), req.windows[0]!.to);
  const [activityRowsOut, requestRowsOut, nodeRowsOut] = await Promise.all([
    activityRows(db, scope, req, lo, hi),
    requestRows(db, scope, req, hi),
    req.withoutNodes ? [] : nodeRows(db, scope, req),
  ]);
  const unitTree = treeOf(lists.units);
  const fundTree = treeOf(lists.funds);
  const byUnit = new Map<number, ServiceAggregates[]>();
  const byFund = new Map<number, ServiceAggregates[]>();
  const make = aggregatesOf(W);

  for (const row of activityRowsOut) {
    const target = row.tree === 'u' ? byUnit : byFund;
    const node = Number(row.node);
    if (!(row.tree === 'u' ? unitTree : fundTree).up(node).length) continue;
    const sums = entryOf(target, node, make);
    sums.forEach((s, i) => {
      const a = s.activities;
      for (const k of activityKinds) a.byKind[k] += num(row, `${k}${i}`);
      a.topLed += num(row, `top_led${i}`);
      a.companiesMet += num(row, `companies${i}`);
      a.leadsProduced += num(row, `leads${i}`);
    });
  }

  // Day samples per node and window, merged into medians at the end.
  const samples = new Map<string, Int32Array[]>();
  let min = 0;
  let max = 0;
  for (const row of requestRowsOut) {
    const own = req.windows.map((_, i) => ({
      raised: num(row, `raised${i}`),
      resolved: num(row, `resolved${i}`),
      resolvedOnTime: num(row, `on_time${i}`),
      openOverdue: num(row, `overdue${i}`),
      rated: num(row, `rated${i}`),
      satisfied: num(row, `satisfied${i}`),
      days: daysOf(row[`days${i}`] === null ? null : String(row[`days${i}`])),
    }));
    for (const o of own)
      for (const d of o.days) {
        if (d < min) min = d;
        if (d > max) max = d;
      }
    const add = (target: Map<number, ServiceAggregates[]>, tag: string, node: number) => {
      const sums = entryOf(target, node, make);
      own.forEach((o, i) => {
        const r = sums[i]!.requests;
        r.raised += o.raised;
        r.resolved += o.resolved;
        r.resolvedOnTime += o.resolvedOnTime;
        r.openOverdue += o.openOverdue;
        r.rated += o.rated;
        r.satisfied += o.satisfied;
        if (o.days.length) entryOf(samples, `${tag}${node}:${i}`, () => []).push(o.days);
      });
    };
    const unitsOf = new Set([
      ...unitTree.up(row.ru === null ? null : Number(row.ru)),
      ...unitTree.up(row.pu === null ? null : Number(row.pu)),
      ...unitTree.up(row.cu === null ? null : Number(row.cu)),
    ]);
    for (const u of unitsOf) add(byUnit, 'u', u);
    for (const f of fundTree.up(row.f === null ? null : Number(row.f))) add(byFund, 'f', f);
  }
  const counts = sampleCounts(min, max);
  for (const [tag, target] of [
    ['u', byUnit],
    ['f', byFund],
  ] as const) {
    for (const [node, sums] of target) {
      sums.forEach((s, i) => {
        const parts = samples.get(`${tag}${node}:${i}`);
        if (parts) s.requests.days = mergedSample(parts, counts);
      });
    }
  }

  for (const row of nodeRowsOut) {
    const own = req.windows.map((_, i) => ({
      nodesDue: num(row, `due${i}`),
      nodesDoneOnTime: num(row, `on_time${i}`),
      nodesOverdue: num(row, `overdue${i}`),
      replanned: num(row, `replanned${i}`),
    }));
    const add = (target: Map<number, ServiceAggregates[]>, node: number) =>
      entryOf(target, node, make).forEach((s, i) => {
        const n = s.nodes;
        const o = own[i]!;
        n.nodesDue += o.nodesDue;
        n.nodesDoneOnTime += o.nodesDoneOnTime;
        n.nodesOverdue += o.nodesOverdue;
        n.replanned += o.replanned;
      });
    for (const u of unitTree.up(row.u === null ? null : Number(row.u))) add(byUnit, u);
    for (const f of fundTree.up(row.f === null ? null : Number(row.f))) add(byFund, f);
  }
  return { units: byUnit, funds: byFund };
}

/** The figures every row has: 主要负责人带队, companies met, leads produced, requests and nodes. */
const sharedFigures = (a: ServiceAggregates) => ({
  topLed: a.activities.topLed,
  companiesMet: a.activities.companiesMet,
  leadsProduced: a.activities.leadsProduced,
  requests: requestFigures(a.requests),
  nodes: nodeFigures(a.nodes),
});

/** A unit's aggregates in a window as its answer row. */
export const serviceUnitRow = (unitId: number, a: ServiceAggregates): ServiceUnitRow => ({
  unitId,
  activities: { ...a.activities.byKind },
  ...sharedFigures(a),
});

/** A fund family's aggregates in a window as its answer row. */
export const serviceFundRow = (fundId: number, a: ServiceAggregates): ServiceFundRow => ({
  fundId,
  ...sharedFigures(a),
});

/** The units and funds a service report lists: every unit (or one unit's sub-tree), the funds the scope sees (or one family). */
export async function serviceLists(db: Db, scope: Scope, req: Pick<ServiceRequest, 'unitId' | 'fundId'>) {
  const [unitRows, fundRows] = await Promise.all([
    db.select({ id: units.id, parentId: units.parentId }).from(units).orderBy(asc(units.id)),
    db
      .select({ id: funds.id, parentId: funds.parentId })
      .from(funds)
      .where(inScope(scope, funds.id))
      .orderBy(asc(funds.id)),
  ]);
  const unitTree = treeOf(unitRows);
  const fundTree = treeOf(fundRows);
  return {
    units: unitRows,
    funds: fundRows,
    listedUnits: req.unitId ? unitRows.filter((u) => unitTree.up(u.id).includes(req.unitId!)) : unitRows,
    listedFunds: req.fundId ? fundRows.filter((f) => fundTree.up(f.id).includes(req.fundId!)) : fundRows,
  };
}

/**
 * GET /api/reports/service (SPEC §9): every unit's (or one unit's sub-tree's) and every visible fund family's
 * service figures over [from, to]. A unit or fund asked for that does not exist (or the scope does not see) is 404.
 */
export async function serviceReport(
  db: Db,
  scope: Scope,
  req: { from: string; to: string; view: UnitView; unitId?: number; fundId?: number },
): Promise<ServiceReport> {
  const lists = await serviceLists(db, scope, req);
  if (req.unitId && !lists.listedUnits.length) throw notFound('单位', req.unitId);
  if (req.fundId && !lists.listedFunds.length) throw notFound('基金', req.fundId);
  const window = { from: req.from, to: req.to };
  const agg = await serviceAggregates(db, scope, { ...req, windows: [window] }, lists);
  const empty = aggregatesOf(1);
  return {
    from: req.from,
    to: req.to,
    view: req.view,
    units: lists.listedUnits.map((u) => serviceUnitRow(u.id, (agg.units.get(u.id) ?? empty())[0]!)),
    funds: lists.listedFunds.map((f) => serviceFundRow(f.id, (agg.funds.get(f.id) ?? empty())[0]!)),
  };
}
