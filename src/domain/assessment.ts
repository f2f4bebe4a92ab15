import { daysBetween, isIsoDate } from './dates';
import type { DecInput } from './decimal';
import { Fraction } from './fraction';
import { fenToYuan } from './money';
import type { Board } from './vocabulary';
import { byText, groupBy } from './groups';

// 考核 (SPEC §7): windows, period figures, targets against 序时进度, 擂台赛 scores, ranks and boards. SQL counts and
// sums; everything here works on those aggregates. The alerts are alerts.ts, the 产业链 grid chains.ts.

const ZERO = Fraction.of(0);
const ONE = Fraction.of(1);
/** 擂台赛 caps each completion at 120%: over-fulfilling one target cannot hide another. */
export const completionCap = Fraction.of(6, 5);
/** 黑榜 below 80% of 序时进度. */
const blackShare = Fraction.of(4, 5);

/**
 * The period figures a target may be set on beside the fund metrics: SPEC §7's seven, and the service loop's four
 * (§9): activities 走出去 (outbound), 主要负责人带队 (topLed), 走访拜访 (visits), and 诉求办结 (requestsResolved).
 */
export const periodMetrics = [
  'newLeads',
  'signed',
  'signedPlanned',
  'bigSigned',
  'started',
  'producing',
  'arrived',
  'outbound',
  'topLed',
  'visits',
  'requestsResolved',
] as const;
/** The period figures of the service loop (SPEC §9), read from the service report's aggregates, not the projects. */
export const servicePeriodMetrics = ['outbound', 'topLed', 'visits', 'requestsResolved'] as const;
export type PeriodMetric = (typeof periodMetrics)[number];

/** What each period figure counts: projects, or money (fen from SQL, 元 on the wire and in targets). */
export const periodMetricKind = {
  newLeads: 'count',
  signed: 'count',
  signedPlanned: 'money',
  bigSigned: 'count',
  started: 'count',
  producing: 'count',
  arrived: 'money',
  outbound: 'count',
  topLed: 'count',
  visits: 'count',
  requestsResolved: 'count',
} as const satisfies Record<PeriodMetric, 'count' | 'money'>;

export const periodMetricLabels = {
  newLeads: '新增项目线索',
  signed: '签约项目',
  signedPlanned: '签约项目计划总投资',
  bigSigned: '签约亿元以上项目',
  started: '开工项目',
  producing: '投产项目',
  arrived: '实际到资',
  outbound: '走出去招商',
  topLed: '主要负责人带队',
  visits: '走访拜访',
  requestsResolved: '诉求办结',
} as const satisfies Record<PeriodMetric, string>;

/** The figures a target may be set for: the seven period figures (SPEC §7), and the metric names of the fund metrics body. */
export const targetMetrics = [
  ...periodMetrics,
  'capital.committed',
  'capital.paidIn',
  'capital.invested',
  'leverage.fiscal',
  'leverage.investment',
  'reinvestment.rate',
  'outcomes.leads',
  'outcomes.reached.signed',
  'outcomes.landed',
  'outcomes.plannedTotal',
  'outcomes.arrived',
  'outcomes.rates.registration',
  'outcomes.rates.arrival',
] as const;
export type TargetMetric = (typeof targetMetrics)[number];

/** Target metrics in Chinese: the period figures (SPEC §7) and the fund metrics a target may name. */
const targetMetricNames = {
  ...periodMetricLabels,
  'capital.committed': '认缴规模',
  'capital.paidIn': '实缴',
  'capital.invested': '已投资',
  'leverage.fiscal': '财政放大倍数',
  'leverage.investment': '带动投资倍数',
  'reinvestment.rate': '返投完成率',
  'outcomes.leads': '项目线索（累计）',
  'outcomes.reached.signed': '签约项目（累计）',
  'outcomes.landed': '落地项目（累计）',
  'outcomes.plannedTotal': '计划总投资（累计）',
  'outcomes.arrived': '实际到资（累计）',
  'outcomes.rates.registration': '注册率',
  'outcomes.rates.arrival': '到资率',
} as const satisfies Record<TargetMetric, string>;
/** A target's metric in Chinese (the name itself for a metric without a label). */
export const metricLabel = (metric: string): string =>
  Object.hasOwn(targetMetricNames, metric) ? targetMetricNames[metric as TargetMetric] : metric;

export const isPeriodMetric = (metric: string): metric is PeriodMetric =>
  (periodMetrics as readonly string[]).includes(metric);

/** What SQL counts and sums for one scope and window: project counts, and integer fen for the money figures. */
export type PeriodAggregates = Record<PeriodMetric, string | number>;
/** The wire shape: counts as integers, money as 元 strings. */
export type PeriodFigures = { [M in PeriodMetric]: (typeof periodMetricKind)[M] extends 'money' ? string : number };

/** Period figures out: counts stay integers, fen become 元 with 2 places. */
export function periodFigures(a: PeriodAggregates): PeriodFigures {
  const entries = periodMetrics.map((m) => [m, periodMetricKind[m] === 'money' ? fenToYuan(a[m]) : Number(a[m])]);
  return Object.fromEntries(entries) as PeriodFigures;
}

/** A period figure in its target's unit, exact: a count, or money in 元 (fen / 100). */
export function periodActual(metric: PeriodMetric, a: PeriodAggregates): Fraction {
  const x = Fraction.from(a[metric]);
  return periodMetricKind[metric] === 'money' ? x.div(Fraction.of(100)) : x;
}

export interface Window {
  from: string;
  to: string;
}

/** Year to date: [Y-01-01, min(D, Y-12-31)], both inclusive; null when D is before Y-01-01 (a 400 on the wire). */
export function yearToDate(year: number, asOf: string): Window | null {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  if (asOf < from) return null;
  return { from, to: asOf < end ? asOf : end };
}

/** Month YYYY-MM: [its first day, its last day]; null when the text is not a month. */
export function monthWindow(month: string): Window | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || !isIsoDate(`${month}-01`)) return null;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)); // day 0 of the next month
  return { from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

/** 序时进度: (days from Y-01-01 to D, both inclusive) / (days in Y); 1 once D is past the year, 0 before it. */
export function schedule(year: number, asOf: string): Fraction {
  const from = `${year}-01-01`;
  const next = `${year + 1}-01-01`;
  if (asOf >= next) return ONE;
  if (asOf < from) return ZERO;
  return Fraction.of(daysBetween(from, asOf) + 1, daysBetween(from, next));
}

export interface TargetFigures {
  completion: Fraction | null;
  ahead: Fraction | null;
}

/** 完成率 completion = actual / value (null when value is 0); 超序时 ahead = completion − schedule. */
export function evaluateTarget(actual: Fraction, value: DecInput, scheduled: Fraction): TargetFigures {
  const v = Fraction.from(value);
  if (v.isZero()) return { completion: null, ahead: null };
  const completion = actual.div(v);
  return { completion, ahead: completion.minus(scheduled) };
}

export interface WeightedCompletion {
  completion: Fraction | null;
  weight: DecInput;
}

/**
 * 擂台赛 score = Σ weight × min(completion, 1.2) / Σ weight over the targets with a completion and weight > 0;
 * null when there are none (the unit is listed, not ranked).
 */
export function score(targets: readonly WeightedCompletion[]): Fraction | null {
  let weighted = ZERO;
  let weights = ZERO;
  for (const t of targets) {
    const w = Fraction.from(t.weight);
    if (t.completion === null || w.cmp(ZERO) <= 0) continue;
    const capped = t.completion.cmp(completionCap) > 0 ? completionCap : t.completion;
    weighted = weighted.plus(w.times(capped));
    weights = weights.plus(w);
  }
  return weights.isZero() ? null : weighted.div(weights);
}

/** 红榜 when score ≥ 序时进度; 黑榜 when score < 0.8 × 序时进度; otherwise neither (and neither without a score). */
export function board(s: Fraction | null, scheduled: Fraction): Board | null {
  if (s === null) return null;
  if (s.cmp(scheduled) >= 0) return 'red';
  if (s.cmp(blackShare.times(scheduled)) < 0) return 'black';
  return null;
}

export interface Contender {
  id: number;
  code: string | null;
  peerGroup: string | null;
  score: Fraction | null;
}

const byCodeThenId = (a: Contender, b: Contender) => byText(a.code, b.code) || a.id - b.id;

/**
 * 擂台赛 rank within each non-null peer group (跑道): by score descending, equal scores share a rank (1, 1, 3), ties
 * listed by unit code, then id. Units without a score or a peer group are listed after, with rank null.
 * Groups come in name order, the units without a group last.
 */
export function rankWithinPeers<T extends Contender>(units: readonly T[]): (T & { rank: number | null })[] {
  const groups = groupBy(units, (u) => u.peerGroup);
  const out: (T & { rank: number | null })[] = [];
  for (const name of [...groups.keys()].sort(byText)) {
    const members = groups.get(name) ?? [];
    const ranks = (u: T) => name !== null && u.score !== null;
    const scored = members.filter(ranks);
    const unranked = members.filter((u) => !ranks(u)).sort(byCodeThenId);
    scored.sort((a, b) => (b.score as Fraction).cmp(a.score as Fraction) || byCodeThenId(a, b));
    scored.forEach((u, i) => {
      const prev = out[out.length - 1];
      const tied =
        i > 0 && prev !== undefined && prev.score !== null && u.score !== null && prev.score.cmp(u.score) === 0;
      out.push({ ...u, rank: tied ? prev.rank : i + 1 });
    });
    for (const u of unranked) out.push({ ...u, rank: null });
  }
  return out;
}
