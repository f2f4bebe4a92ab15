import { addDays, daysBetween, isIsoDate } from './dates';
import type { DecInput } from './decimal';
import { Fraction } from './fraction';
import { fenToYuan } from './money';
import { chainActions, chainNodes, type Board, type ChainAction, type ChainNode } from './vocabulary';
import { groupBy } from './groups';

// 考核 (SPEC §7): windows, period figures, targets against 序时进度, 擂台赛 scores, ranks and boards, the pure parts
// of the alerts, and the 产业链 grid. SQL counts and sums; everything here works on those aggregates.

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

const byText = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
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

/** The alert kinds (预警): the four of SPEC §7 and the service loop's three (§9). */
export const alertKinds = [
  'signed_not_started',
  'started_not_completed',
  'stale',
  'pending_review',
  'node_overdue',
  'request_overdue',
  'no_liaison',
] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertKindLabels = {
  signed_not_started: '签约未开工',
  started_not_completed: '开工未竣工',
  stale: '长期无进展',
  pending_review: '待认定超期',
  node_overdue: '节点滞后',
  request_overdue: '诉求超期',
  no_liaison: '无人对接',
} as const satisfies Record<AlertKind, string>;

/**
 * The default day counts: a request may pass others. For 节点滞后 it is the grace after the planned date (an alert
 * once planned + grace < D); 诉求超期 (due date passed) and 无人对接 (signed, no current 对接人) take none: 0.
 */
export const alertDayDefaults = {
  signed_not_started: 180,
  started_not_completed: 730,
  stale: 90,
  pending_review: 14,
  node_overdue: 0,
  request_overdue: 0,
  no_liaison: 0,
} as const satisfies Record<AlertKind, number>;
export type AlertDays = Record<AlertKind, number>;

/** How a kind's day count reads beside its name: "180 天", "宽限 3 天", or nothing for a kind that takes none. */
export function alertRuleText(kind: AlertKind, days: AlertDays): string {
  if (kind === 'request_overdue' || kind === 'no_liaison') return '';
  return kind === 'node_overdue' ? `宽限 ${days[kind]} 天` : `${days[kind]} 天`;
}

/**
 * D − days for each kind: a clock started on or before its cut-off has run out (the dates SQL compares against). For
 * 节点滞后 the cut-off is D − grace − 1: a node planned on or before it is late by more than its grace.
 */
export function alertCutoffs(asOf: string, days: AlertDays = alertDayDefaults): Record<AlertKind, string> {
  const cut = (n: number) => addDays(asOf, -n);
  return {
    signed_not_started: cut(days.signed_not_started),
    started_not_completed: cut(days.started_not_completed),
    stale: cut(days.stale),
    pending_review: cut(days.pending_review),
    node_overdue: cut(days.node_overdue + 1),
    request_overdue: cut(1),
    no_liaison: asOf,
  };
}

export interface Alert {
  kind: AlertKind;
  /** The date the alert's clock started. */
  since: string;
  /** D − since. */
  days: number;
}

/** A confirmed project's dates: the date each stage was reached (SPEC §4), its drop, and its activity. */
export interface ProjectClock {
  reportedOn: string;
  reached: { signed: string | null; started: string | null; completed: string | null; producing: string | null };
  droppedOn: string | null;
  /** Dates of its current milestones (after corrections). */
  milestoneDates: readonly string[];
  arrivalDates: readonly string[];
}

const alert = (kind: AlertKind, since: string, asOf: string): Alert => ({
  kind,
  since,
  days: daysBetween(since, asOf),
});

/**
 * The alerts a confirmed project raises as of D (none once dropped by D): 签约未开工 (signed ≤ D − 180, not started),
 * 开工未竣工 (started ≤ D − 730, not completed), 长期无进展 (not producing, and its latest report, milestone or
 * arrival dated ≤ D is on or before D − 90).
 */
export function projectAlerts(p: ProjectClock, asOf: string, days: AlertDays = alertDayDefaults): Alert[] {
  const by = (date: string | null): date is string => date !== null && date <= asOf;
  if (p.reportedOn > asOf || by(p.droppedOn)) return [];
  const cutoff = alertCutoffs(asOf, days);
  const out: Alert[] = [];
  const { signed, started, completed, producing } = p.reached;
  if (by(signed) && signed <= cutoff.signed_not_started && !by(started))
    out.push(alert('signed_not_started', signed, asOf));
  if (by(started) && started <= cutoff.started_not_completed && !by(completed)) {
    out.push(alert('started_not_completed', started, asOf));
  }
  if (!by(producing)) {
    const latest = [p.reportedOn, ...p.milestoneDates, ...p.arrivalDates].filter(by).reduce((a, b) => (b > a ? b : a));
    if (latest <= cutoff.stale) out.push(alert('stale', latest, asOf));
  }
  return out;
}

/** 待认定超期: a pending project (by its reported date), credit (by its date) or arrival (by its date) waiting since on or before D − 14. */
export function pendingAlert(since: string, asOf: string, days: AlertDays = alertDayDefaults): Alert | null {
  return since <= alertCutoffs(asOf, days).pending_review ? alert('pending_review', since, asOf) : null;
}

/** What SQL counts and sums for one (chain, node) of a scope; node null = projects that name no node. */
export interface ChainCell {
  chain: string;
  node: ChainNode | null;
  landed: number;
  pipeline: number;
  plannedFen: bigint | string | number;
  arrivedFen: bigint | string | number;
  actions: Partial<Record<ChainAction, number>>;
}

const noActions = (): Record<ChainAction, number> => ({ fill: 0, extend: 0, strengthen: 0 });

export interface KeyChain {
  name: string;
  leader: string | null;
}

export interface ChainNodeFigures {
  node: ChainNode | 'unspecified';
  landed: number;
  pipeline: number;
  planned: string;
  arrived: string;
  actions: Record<ChainAction, number>;
  gap: boolean;
}

export interface ChainFigures {
  chain: string;
  key: boolean;
  leader: string | null;
  nodes: ChainNodeFigures[];
}

/**
 * 产业链 map: every key chain (in the order given) and then every other chain named by a cell (by name), each with
 * upstream/midstream/downstream and `unspecified` when some project names no node. A link of a key chain with no
 * landed and no pipeline project is a gap (缺链环节); other chains, and `unspecified`, have no gaps.
 */
export function chainMap(keyChains: readonly KeyChain[], cells: readonly ChainCell[]): ChainFigures[] {
  type Sum = {
    landed: number;
    pipeline: number;
    planned: bigint;
    arrived: bigint;
    actions: Record<ChainAction, number>;
  };
  const sums = new Map<string, Map<ChainNode | 'unspecified', Sum>>();
  for (const c of cells) {
    const nodes = sums.get(c.chain) ?? new Map<ChainNode | 'unspecified', Sum>();
    sums.set(c.chain, nodes);
    const node = c.node ?? 'unspecified';
    const s = nodes.get(node) ?? {
      landed: 0,
      pipeline: 0,
      planned: 0n,
      arrived: 0n,
      actions: noActions(),
    };
    nodes.set(node, s);
    s.landed += c.landed;
    s.pipeline += c.pipeline;
    s.planned += BigInt(c.plannedFen);
    s.arrived += BigInt(c.arrivedFen);
    for (const a of chainActions) s.actions[a] += c.actions[a] ?? 0;
  }
  const keyNames = new Set(keyChains.map((k) => k.name));
  const others = [...sums.keys()].filter((name) => !keyNames.has(name)).sort(byText);
  const chains = [
    ...keyChains.map((k) => ({ chain: k.name, key: true, leader: k.leader })),
    ...others.map((name) => ({ chain: name, key: false, leader: null })),
  ];
  return chains.map(({ chain, key, leader }) => {
    const nodes = sums.get(chain);
    const names: (ChainNode | 'unspecified')[] = [
      ...chainNodes,
      ...(nodes?.has('unspecified') ? (['unspecified'] as const) : []),
    ];
    return {
      chain,
      key,
      leader,
      nodes: names.map((node) => {
        const s = nodes?.get(node);
        const landed = s?.landed ?? 0;
        const pipeline = s?.pipeline ?? 0;
        return {
          node,
          landed,
          pipeline,
          planned: fenToYuan(s?.planned ?? 0),
          arrived: fenToYuan(s?.arrived ?? 0),
          actions: s?.actions ?? noActions(),
          gap: key && node !== 'unspecified' && landed === 0 && pipeline === 0,
        };
      }),
    };
  });
}
