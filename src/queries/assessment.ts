import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../errors';
import { alertCounts } from './alerts';
import { fixed, Fraction } from '../domain/fraction';
import type { targets } from '../db/schema';
import {
  board,
  evaluateTarget,
  isPeriodMetric,
  periodActual,
  periodFigures,
  periodMetricKind,
  periodMetricLabels,
  periodMetrics,
  rankWithinPeers,
  schedule,
  score,
  yearToDate,
  type PeriodAggregates,
  type PeriodFigures,
  type PeriodMetric,
  type Window,
} from '../domain/assessment';
import type { AlertKind } from '../domain/alerts';
import { activityKindNames, activityKinds, boards, fundLevels, unitViews, type UnitView } from '../domain/vocabulary';
import {
  count,
  decimal,
  id,
  idOrNull,
  isoDate,
  ratio,
  ratioOrNull,
  signedRatioOrNull,
  text,
  textOrNull,
  yuan,
} from '../http/answer-fields';
import { fundReport, type FundRow, type ReadContext } from './funds';
import {
  arrivalReviewPart,
  arrivalReviews,
  noPeriod,
  periodByFund,
  periodByUnit,
  withService,
  type ArrivalReview,
} from './periods';
import { settingKey } from './settings';
import { fenToYuan } from '../domain/money';
import { inScope } from './trees';
import { unitReport } from './units';
import {
  aggregatesOf,
  serviceParts,
  serviceRollup,
  serviceUnitAnswer,
  serviceUnitRow,
  type ServiceFigures,
  type ServiceUnitRow,
} from './service';
import { together, type Part, type Row } from './together';

/**
 * 考核 read model (SPEC §7): period figures of every unit (one view) and every fund family for one or two windows,
 * targets against 序时进度, 擂台赛 scores, ranks and boards, and the 通报. A constant number of grouped statements
 * whatever the number of units, funds, projects or targets.
 */

type Actual = string | number | null;

/**
 * A figure of a metrics body by its dotted target metric name ("outcomes.reached.signed"), or null when absent. A
 * leverage is a pair of bases (认缴 committed, 实缴 paid-in): a target on it ("leverage.fiscal") reads the 认缴 basis,
 * the one policy targets name (财政资金放大倍数 = 认缴规模 / 财政出资).
 */
export function lookup(body: unknown, path: string): Actual {
  let x: unknown = body;
  for (const key of path.split('.'))
    x = x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[key] : undefined;
  if (x !== null && typeof x === 'object' && 'committed' in x && 'paidIn' in x)
    x = (x as { committed: unknown }).committed;
  return typeof x === 'number' || typeof x === 'string' ? x : null;
}

/** The period figures of a scope and window: project counts, money in 元 (SPEC §7). */
const periodFiguresAnswer = z.strictObject(
  Object.fromEntries(
    periodMetrics.map((m) => [
      m,
      (periodMetricKind[m] === 'money' ? yuan : count).meta({ description: periodMetricLabels[m] }),
    ]),
  ) as {
    [M in PeriodMetric]: (typeof periodMetricKind)[M] extends 'money' ? typeof yuan : typeof count;
  },
);

/** A target against its scope's figure. */
const targetResultAnswer = z.strictObject({
  id,
  metric: text,
  value: decimal.meta({ description: '目标值（金额目标为元）' }),
  weight: decimal.meta({ description: '擂台赛权重' }),
  actual: z
    .union([count, decimal])
    .nullable()
    .meta({ description: '实际值：项目数为整数，金额（元）与比值为十进制字符串；读不到时为 null' }),
  completion: ratioOrNull.meta({ description: '完成率：实际 / 目标；目标为 0 或实际为 null 时为 null' }),
  ahead: signedRatioOrNull.meta({ description: '超序时：完成率 − 序时进度，可为负' }),
});
export type TargetResult = z.output<typeof targetResultAnswer>;

const unitRowAnswer = z.strictObject({
  unitId: id,
  name: text,
  code: textOrNull,
  parentId: idOrNull,
  peerGroup: textOrNull.meta({ description: '跑道（同组比较）' }),
  ytd: periodFiguresAnswer.meta({ description: '年度累计' }),
  targets: z.array(targetResultAnswer),
  score: ratioOrNull.meta({
    description: '擂台赛得分：各目标完成率（封顶 1.2）按权重的加权平均；没有可计分目标时为 null',
  }),
  rank: z.int().positive().nullable().meta({ description: '跑道内排名，同分同名次；无得分或无跑道时为 null' }),
  board: z
    .enum(boards)
    .nullable()
    .meta({ description: '红榜（得分 ≥ 序时进度）、黑榜（得分 < 0.8 × 序时进度），否则 null' }),
});
const fundRowAnswer = z.strictObject({
  fundId: id,
  name: text,
  level: z.enum(fundLevels),
  parentId: idOrNull,
  ytd: periodFiguresAnswer.meta({ description: '年度累计（含下级基金）' }),
  targets: z.array(targetResultAnswer),
});
const assessmentShape = <U extends z.ZodType, F extends z.ZodType>(unit: U, fund: F) => ({
  year: z.int(),
  asOf: isoDate,
  view: z.enum(unitViews),
  schedule: ratio.meta({ description: '序时进度：年初至 asOf 的天数 / 全年天数' }),
  units: z.array(unit),
  funds: z.array(fund),
});

/** The body of GET /api/assessment: every unit's and visible fund's year-to-date figures against targets, 擂台赛. */
export const assessmentAnswer = z.strictObject(assessmentShape(unitRowAnswer, fundRowAnswer));
export type Assessment = z.output<typeof assessmentAnswer>;

const monthFigures = {
  month: periodFiguresAnswer.meta({ description: '本月' }),
  arrivalsConfirmed: yuan.meta({ description: '本月认定的到资（按认定日期）' }),
  arrivalsPending: yuan.meta({ description: '截至月末待认定的到资' }),
};
/** A unit's 招商服务 in the 通报 (SPEC §9): its GET /api/reports/service row for the month and for the year to date. */
const unitService = {
  service: z
    .strictObject({
      month: serviceUnitAnswer.meta({ description: '本月（同 GET /api/reports/service 的单位行）' }),
      ytd: serviceUnitAnswer.meta({ description: '年度累计（截至月末）' }),
    })
    .meta({ description: '招商服务：招商活动、企业诉求、推进节点' }),
};
/** The body of GET /api/bulletins/:month: the assessment as of the month's last day, month figures beside YTD, alert counts. */
export const bulletinAnswer = z.strictObject({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  from: isoDate,
  to: isoDate,
  ...assessmentShape(unitRowAnswer.extend(monthFigures).extend(unitService), fundRowAnswer.extend(monthFigures)),
  alerts: z
    .strictObject({
      signed_not_started: count,
      started_not_completed: count,
      stale: count,
      pending_review: count.nullable().meta({ description: '仅平台工作人员与管理员可见，其他角色为 null' }),
      node_overdue: count,
      request_overdue: count,
      no_liaison: count,
    } satisfies Record<AlertKind, z.ZodType>)
    .meta({ description: '截至月末的各类预警数（默认天数）' }),
});
export type Bulletin = z.output<typeof bulletinAnswer>;

/** One figure of a unit's 招商服务 as the 通报's page and workbook show it: a count, or a rate (a 4-place ratio or null). */
export interface ServiceColumn {
  label: string;
  kind: 'count' | 'percent';
  value: (row: ServiceUnitRow) => number | string | null;
}
/** The 通报's 招商服务 columns (SPEC §9): activities by kind, 带队, leads produced, requests, nodes — for each window. */
export const serviceColumns: ServiceColumn[] = [
  ...activityKinds.map((k): ServiceColumn => ({
    label: activityKindNames[k],
    kind: 'count',
    value: (r) => r.activities[k],
  })),
  { label: '主要负责人带队', kind: 'count', value: (r) => r.topLed },
  { label: '促成线索', kind: 'count', value: (r) => r.leadsProduced },
  { label: '诉求提出', kind: 'count', value: (r) => r.requests.raised },
  { label: '诉求办结', kind: 'count', value: (r) => r.requests.resolved },
  { label: '按期办结率', kind: 'percent', value: (r) => r.requests.onTimeRate },
  { label: '超期未办结', kind: 'count', value: (r) => r.requests.openOverdue },
  { label: '节点按期率', kind: 'percent', value: (r) => r.nodes.nodeOnTimeRate },
  { label: '滞后节点', kind: 'count', value: (r) => r.nodes.nodesOverdue },
];

interface Evaluated {
  out: TargetResult;
  completion: Fraction | null;
  weight: string;
}

/** A target against its scope's figure: period metrics from the YTD aggregates, others from the as-of metrics body. */
function evaluate(t: TargetRow, ytd: PeriodAggregates, asOfBody: unknown, scheduled: Fraction): Evaluated {
  let actual: Actual;
  let exact: Fraction | null;
  if (isPeriodMetric(t.metric)) {
    actual = periodFigures(ytd)[t.metric];
    exact = periodActual(t.metric, ytd);
  } else {
    actual = lookup(asOfBody, t.metric);
    exact = actual === null ? null : Fraction.from(actual);
  }
  const figures = exact === null ? { completion: null, ahead: null } : evaluateTarget(exact, t.value, scheduled);
  return {
    out: {
      id: t.id,
      metric: t.metric,
      value: t.value,
      weight: t.weight,
      actual,
      completion: fixed(figures.completion),
      ahead: fixed(figures.ahead),
    },
    completion: figures.completion,
    weight: t.weight,
  };
}

export interface AssessmentRequest {
  year: number;
  view: UnitView;
}

/** An assessment whose unit and fund rows carry the figures F (YTD, and a bulletin's month) in place of `ytd`. */
type Assessed<F> = Omit<Assessment, 'units' | 'funds'> & {
  units: (Omit<Assessment['units'][number], 'ytd'> & F)[];
  funds: (Omit<Assessment['funds'][number], 'ytd'> & F)[];
};

type TargetRow = Pick<typeof targets.$inferSelect, 'id' | 'unitId' | 'fundId' | 'metric' | 'value' | 'weight'>;
const idOf = (v: Row[string] | undefined) => (v === null || v === undefined ? null : Number(v));
const str = (v: Row[string] | undefined) => (v === null || v === undefined ? null : String(v));

/** The queries of every unit, the funds the scope sees and the year's targets the scope sees, for `together`. */
function listsOf(ctx: ReadContext, year: number): Record<'units' | 'funds' | 'targets', Part> {
  const seen = inScope(ctx.scope, sql`id`);
  const targetsSeen = ctx.scope.all ? undefined : sql`(fund_id is null or ${inScope(ctx.scope, sql`fund_id`)})`;
  return {
    units: { query: sql`select * from units`, columns: ['id', 'name', 'code', 'parent_id', 'peer_group'] },
    funds: {
      query: sql`select * from funds${seen ? sql` where ${seen}` : sql``}`,
      columns: ['id', 'name', 'level', 'parent_id', 'reinvest_multiple', 'reinvest_base', 'reinvest_weights'],
    },
    targets: {
      query: sql`select * from targets where year = ${year}${targetsSeen ? sql` and ${targetsSeen}` : sql``}`,
      columns: ['id', 'unit_id', 'fund_id', 'metric', 'value', 'weight'],
    },
  };
}
const unitOfRow = (r: Row) => ({
  id: Number(r.id),
  name: String(r.name),
  code: str(r.code),
  parentId: idOf(r.parent_id),
  peerGroup: str(r.peer_group),
});
const fundOfRow = (r: Row): FundRow => ({
  id: Number(r.id),
  name: String(r.name),
  level: r.level as FundRow['level'],
  parentId: idOf(r.parent_id),
  reinvestMultiple: String(r.reinvest_multiple),
  reinvestBase: r.reinvest_base as FundRow['reinvestBase'],
  reinvestWeights: str(r.reinvest_weights),
});
const targetOfRow = (r: Row): TargetRow => ({
  id: Number(r.id),
  unitId: idOf(r.unit_id),
  fundId: idOf(r.fund_id),
  metric: String(r.metric),
  value: String(r.value),
  weight: String(r.weight),
});

/**
 * The assessment of a year as of ctx.asOf (SPEC §7): every unit with its figures (`figuresOf` its aggregates in
 * each window, YTD first), targets, score, rank within its peer group and board; every fund the scope sees with its
 * figures and targets, and the service aggregates it read (with the node figures when `withNodes`, for the 通报).
 * Null when asOf is before the year (a 400 on the wire).
 */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
async function assessed<F extends { ytd: PeriodFigures }>(
  ctx: ReadContext,
  req: AssessmentRequest & { month?: Window; withNodes?: boolean },
  figuresOf: (agg: PeriodAggregates[]) => F,
  extra: Record<string, Part> = {},
): Promise<{ body: Assessed<F>; service: ServiceFigures; extra: Record<string, Row[]> } | null> {
  const ytd = yearToDate(req.year, ctx.asOf);
  if (!ytd) return null;
  const windows = req.month ? [ytd, req.month] : [ytd];
  const scheduled = schedule(req.year, ctx.asOf);
  const serviceReq = { view: req.view, windows, withoutNodes: !req.withNodes };
  // One statement for the lists, the targets, the service figures and what the caller adds (queries/together.ts);
  // the period passes beside it.
  const [read, projectsByUnit, projectsByFund] = await Promise.all([
    together(ctx.db, { ...listsOf(ctx, req.year), ...serviceParts(ctx.scope, serviceReq), ...extra }),
    periodByUnit(ctx, req.view, windows),
    periodByFund(ctx, windows),
  ]);
  const unitRows = read.units.map(unitOfRow).sort((a, b) => a.id - b.id);
  const fundRows = read.funds.map(fundOfRow).sort((a, b) => a.id - b.id);
  const targetRows = read.targets.map(targetOfRow).sort((a, b) => a.id - b.id);
  const service = serviceRollup(serviceReq, { units: unitRows, funds: fundRows }, read);
  const byUnit = withService(projectsByUnit, service.units);
  const byFund = withService(projectsByFund, service.funds);
  // Targets on the as-of metrics (not period figures) read the unit or fund report as of the YTD's end, once.
  const asOfCtx = { ...ctx, asOf: ytd.to };
  const needs = (owner: 'unitId' | 'fundId') => targetRows.some((t) => t[owner] !== null && !isPeriodMetric(t.metric));
  const [unitBodies, fundBodies] = await Promise.all([
    needs('unitId')
      ? unitReport(asOfCtx, { view: req.view }, unitRows).then((us) => new Map(us.map((u) => [u.unitId, u])))
      : new Map(),
    needs('fundId') ? fundReport(asOfCtx, fundRows).then((fs) => new Map(fs.map((f) => [f.fundId, f]))) : new Map(),
  ]);
  const targetsOf = (owner: 'unitId' | 'fundId', id: number) => targetRows.filter((t) => t[owner] === id);

  const scored = unitRows.map((u) => {
    const agg = byUnit.get(u.id);
    const evaluated = targetsOf('unitId', u.id).map((t) =>
      evaluate(t, agg?.[0] ?? noPeriod(), unitBodies.get(u.id), scheduled),
    );
    const s = score(evaluated);
    return {
      id: u.id,
      code: u.code,
      peerGroup: u.peerGroup,
      score: s,
      unit: u,
      agg,
      targets: evaluated.map((e) => e.out),
    };
  });
  const unitsOut = rankWithinPeers(scored).map((u) => ({
    unitId: u.id,
    name: u.unit.name,
    code: u.code,
    parentId: u.unit.parentId,
    peerGroup: u.peerGroup,
    ...figuresOf(u.agg ?? windows.map(noPeriod)),
    targets: u.targets,
    score: fixed(u.score),
    rank: u.rank,
    board: board(u.score, scheduled),
  }));
  const fundsOut = fundRows.map((f) => {
    const agg = byFund.get(f.id);
    return {
      fundId: f.id,
      name: f.name,
      level: f.level,
      parentId: f.parentId,
      ...figuresOf(agg ?? windows.map(noPeriod)),
      targets: targetsOf('fundId', f.id).map(
        (t) => evaluate(t, agg?.[0] ?? noPeriod(), fundBodies.get(f.id), scheduled).out,
      ),
    };
  });
  return {
    body: {
      year: req.year,
      asOf: ctx.asOf,
      view: req.view,
      schedule: scheduled.toFixed4(),
      units: unitsOut,
      funds: fundsOut,
    },
    service,
    extra: read,
  };
}

/** The assessment of a year as of ctx.asOf with year-to-date figures; null when asOf is before the year. */
export const assessment = async (ctx: ReadContext, req: AssessmentRequest): Promise<Assessment | null> =>
  (await assessed(ctx, req, (agg) => ({ ytd: periodFigures(agg[0]!) })))?.body ?? null;

/** The as-of date of an assessment: the one asked for, else today, or the year's last day for a past year. */
export function assessmentAsOf(q: { year: number; asOf?: string }, today: string): string {
  const yearEnd = `${q.year}-12-31`;
  return q.asOf ?? (today > yearEnd ? yearEnd : today);
}

/** The assessment, or a 400 naming asOf when it falls before the year. */
export async function assessmentOrThrow(ctx: ReadContext, req: AssessmentRequest): Promise<Assessment> {
  const a = await assessment(ctx, req);
  if (!a) throw invalid('asOf', `截止日期 ${ctx.asOf} 早于 ${req.year} 年 1 月 1 日，无法考核该年度`);
  return a;
}

/**
 * The 通报's alert counts as of asOf within the scope (the default day counts), from the one alerts query
 * (src/queries/alerts.ts) but 节点滞后, which the service figures' node pass counts; `pending_review` only for those
 * who 认定 (staff, admin), null for others.
 */
async function bulletinAlertCounts(
  ctx: ReadContext,
  opts: { reviewer: boolean },
): Promise<Omit<Bulletin['alerts'], 'node_overdue'>> {
  const counts = await alertCounts({
    db: ctx.db,
    scope: ctx.scope,
    asOf: ctx.asOf,
    pendingReview: opts.reviewer,
    nodeOverdueCounted: true,
  });
  return { ...counts, pending_review: opts.reviewer ? counts.pending_review : null };
}

/** The 通报's 发文单位 setting (SPEC §9), as a query for `together`. */
const issuerPart: Part = {
  query: sql`select value from settings where key = ${settingKey.bulletinIssuer}`,
  columns: ['value'],
};

/**
 * The 通报 of a month (SPEC §7): the assessment of the month's year as of the month's last day, with each unit's
 * and fund's month figures beside the YTD ones, and the alert counts as of that day. With `issuer`, also the
 * platform's 发文单位 setting (the page's), read in the same statement as the lists.
 */
export async function bulletin(
  ctx: ReadContext,
  req: { month: string; window: Window; view: UnitView; reviewer: boolean },
): Promise<Bulletin> {
  return (await bulletinWith(ctx, req)).bulletin;
}

/**
 * bulletin with the 发文单位 setting (null when unset). Ten statements at most whatever the data: the caller's, one for
 * the lists, targets, service figures (year to date and the month: one read of each request's state and node, as both
 * end on one day), 到资认定 of both trees and the setting (queries/together.ts), the two period passes (both windows
 * each), the unit and fund reports when a target reads them (one outcome pass each, as of the month's end), and the
 * alert counts.
 */
export async function bulletinWith(
  ctx: ReadContext,
  req: { month: string; window: Window; view: UnitView; reviewer: boolean },
): Promise<{ bulletin: Bulletin; issuer: string | null }> {
  const asOfCtx = { ...ctx, asOf: req.window.to };
  const [assessedMonth, alerts] = await Promise.all([
    // The month lies in its year: the year-to-date window exists, so the assessment does. Its service aggregates
    // (year to date and the month, nodes too) are the 招商服务 figures below: read once for both.
    assessed(
      asOfCtx,
      { year: Number(req.month.slice(0, 4)), view: req.view, month: req.window, withNodes: true },
      (agg) => ({
        ytd: periodFigures(agg[0]!),
        month: periodFigures(agg[1]!),
      }),
      { review: arrivalReviewPart(ctx, req.view, req.window), issuer: issuerPart },
    ),
    bulletinAlertCounts(asOfCtx, { reviewer: req.reviewer }),
  ]);
  const { body: a, service, extra } = assessedMonth!;
  const reviews = arrivalReviews(extra.review ?? []);
  const review = (r: ArrivalReview | undefined) => ({
    arrivalsConfirmed: fenToYuan(r?.confirmed ?? 0n),
    arrivalsPending: fenToYuan(r?.pending ?? 0n),
  });
  // 招商服务 of every unit for the year to date and the month: the assessment's service aggregates (the service
  // report's three grouped queries over the same windows, units and funds).
  const serviceOf = (unitId: number) => {
    const [y, m] = service.units.get(unitId) ?? aggregatesOf(2)();
    return { service: { month: serviceUnitRow(unitId, m!), ytd: serviceUnitRow(unitId, y!) } };
  };
  const issuer = extra.issuer?.[0]?.value;
  return {
    bulletin: {
      month: req.month,
      from: req.window.from,
      to: req.window.to,
      ...a,
      units: a.units.map((u) => ({ ...u, ...review(reviews.units.get(u.unitId)), ...serviceOf(u.unitId) })),
      funds: a.funds.map((f) => ({ ...f, ...review(reviews.funds.get(f.fundId)) })),
      // 节点滞后 from the service figures' pass over the nodes (as of the month's end, default grace).
      alerts: { ...alerts, node_overdue: service.nodeOverdueAlerts[0] ?? 0 },
    },
    issuer: issuer === null || issuer === undefined || issuer === '' ? null : String(issuer),
  };
}
export type { PeriodFigures };
