import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { notFound } from '../errors';
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
import { activityQuery, nodeQuery, requestQuery, windowEnds, type ServiceRequest } from './service-statements';
import { together, type Part, type Row } from './together';
import { inScope, type Scope } from './trees';

export type { ServiceRequest };

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

const num = (row: Row, key: string) => Number(row[key] ?? 0);

/** Each node's aggregates per window, made on first use. */
export const aggregatesOf = (W: number) => (): ServiceAggregates[] =>
  Array.from({ length: W }, () => ({ activities: noActivities(), requests: noRequests(), nodes: noNodes() }));

/** The queries of the service figures for `together`: activities, requests and (unless left out) nodes. */
export function serviceParts(scope: Scope, req: ServiceRequest): Record<string, Part> {
  const lo = req.windows.reduce((a, w) => (w.from < a ? w.from : a), req.windows[0]!.from);
  const hi = req.windows.reduce((a, w) => (w.to > a ? w.to : a), req.windows[0]!.to);
  return {
    activities: activityQuery(scope, req, lo, hi),
    requests: requestQuery(scope, req, hi),
    ...(req.withoutNodes ? {} : { nodes: nodeQuery(scope, req) }),
  };
}

interface Lists {
  units: readonly { id: number; parentId: number | null }[];
  funds: readonly { id: number; parentId: number | null }[];
}
export type ServiceFigures = {
  units: Map<number, ServiceAggregates[]>;
  funds: Map<number, ServiceAggregates[]>;
  /** Per window, the 节点滞后 alerts of every project the figures count, as of its end (default grace). */
  nodeOverdueAlerts: number[];
};

/** The service figures of `serviceParts` read in one statement (with nothing else). */
export async function serviceAggregates(
  db: Db,
  scope: Scope,
  req: ServiceRequest,
  lists: Lists,
): Promise<ServiceFigures> {
  return serviceRollup(req, lists, await together(db, serviceParts(scope, req)));
}

/**
 * The service figures (SPEC §9) of every unit and every fund family the scope sees, per window, keyed by unit id and
 * fund id, from the rows of `serviceParts`; units and funds without any record are absent (their figures are all zero).
 */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
export function serviceRollup(
  req: ServiceRequest,
  lists: Lists,
  rows: Record<string, Row[] | undefined>,
): ServiceFigures {
  const W = req.windows.length;
  const activityRowsOut = rows.activities ?? [];
  const requestRowsOut = rows.requests ?? [];
  const nodeRowsOut = rows.nodes ?? [];
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

  const { of } = windowEnds(req.windows);
  // Each project is in one unit row (its unit, or none): their alert counts add up to the scope's.
  const nodeOverdueAlerts = of.map((k) =>
    nodeRowsOut.reduce((n, row) => n + (row.tree === 'u' ? num(row, `alert${k}`) : 0), 0),
  );
  for (const row of nodeRowsOut) {
    const own = of.map((k) => ({
      nodesDue: num(row, `due${k}`),
      nodesDoneOnTime: num(row, `on_time${k}`),
      nodesOverdue: num(row, `overdue${k}`),
      replanned: num(row, `replanned${k}`),
    }));
    const [target, tree] = row.tree === 'u' ? [byUnit, unitTree] : [byFund, fundTree];
    for (const node of tree.up(row.node === null ? null : Number(row.node)))
      entryOf(target, node, make).forEach((s, i) => {
        const n = s.nodes;
        const o = own[i]!;
        n.nodesDue += o.nodesDue;
        n.nodesDoneOnTime += o.nodesDoneOnTime;
        n.nodesOverdue += o.nodesOverdue;
        n.replanned += o.replanned;
      });
  }
  return { units: byUnit, funds: byFund, nodeOverdueAlerts };
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

const scopeWhere = (scope: Scope) => {
  const seen = inScope(scope, sql`id`);
  return seen ? sql` where ${seen}` : sql``;
};

/** The queries of the unit and fund lists of a service report, for `together`: every unit, the funds the scope sees. */
export const listParts = (scope: Scope): Record<'units' | 'funds', Part> => ({
  units: { query: sql`select id, parent_id from units`, columns: ['id', 'parent_id'] },
  funds: {
    query: sql`select id, parent_id from funds${scopeWhere(scope)}`,
    columns: ['id', 'parent_id'],
  },
});

/** Rows of id and parent_id as tree rows, by id. */
const treeRows = (rows: Row[]) =>
  rows
    .map((r) => ({ id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id) }))
    .sort((a, b) => a.id - b.id);

/** The units and funds a service report lists: every unit (or one unit's sub-tree), the funds the scope sees (or one family). */
function serviceLists(
  unitRows: Lists['units'],
  fundRows: Lists['funds'],
  req: Pick<ServiceRequest, 'unitId' | 'fundId'>,
) {
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
  const window = { from: req.from, to: req.to };
  const sreq = { ...req, windows: [window] };
  // The lists and the three service queries in one statement.
  const rows = await together(db, { ...listParts(scope), ...serviceParts(scope, sreq) });
  const lists = serviceLists(treeRows(rows.units), treeRows(rows.funds), req);
  if (req.unitId && !lists.listedUnits.length) throw notFound('单位', req.unitId);
  if (req.fundId && !lists.listedFunds.length) throw notFound('基金', req.fundId);
  const agg = serviceRollup(sreq, lists, rows);
  const empty = aggregatesOf(1);
  return {
    from: req.from,
    to: req.to,
    view: req.view,
    units: lists.listedUnits.map((u) => serviceUnitRow(u.id, (agg.units.get(u.id) ?? empty())[0]!)),
    funds: lists.listedFunds.map((f) => serviceFundRow(f.id, (agg.funds.get(f.id) ?? empty())[0]!)),
  };
}
