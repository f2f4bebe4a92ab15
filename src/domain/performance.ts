import { daysBetween } from './dates';
import { Dec, type DecInput, fixed4 } from './decimal';
import { fenToYuan } from './money';

// 业绩与投向 (SPEC §8): DPI/RVPI/TVPI/XIRR/资产增值率 of a fund over its own LP capital, a parent's pro-rata view of a
// child fund, the policy indicators (投向指标) and platform-set thresholds. Money in is fen; exact Decs out, rounded
// only by the formatters.

/** An amount in fen on a date; as a cash flow, money paid in is negative and money returned (or held) positive. */
export interface DatedAmount {
  on: string;
  fen: DecInput;
}

const sum = (xs: readonly DatedAmount[]) => xs.reduce((a, x) => a.plus(x.fen), new Dec(0));
const upTo = (xs: readonly DatedAmount[], day: string) => xs.filter((x) => x.on <= day);
const exactRatio = (num: Dec, den: Dec): Dec | null => (den.isZero() ? null : num.div(den));

/**
 * The rate search runs at 20 significant digits: ample for a 1e-10 bracket (rounding moves an NPV's sign only within
 * ~1e-15 of the root), and ln/exp, run once per step, cost several times more at touyin's usual 40.
 */
const Rate = Dec.clone({ precision: 20 });
type Rate = InstanceType<typeof Rate>;

/** Σ cfᵢ × v^τᵢ with v = (1 + r)^(−1/365) and τᵢ whole days after the first flow; Horner from the last flow back. */
function npv(flows: readonly { day: number; fen: Rate }[], r: Rate): Rate {
  const v = r.plus(1).ln().div(-365).exp();
  const powers = new Map<number, Rate>();
  let acc = new Rate(0);
  let next = flows[flows.length - 1]?.day ?? 0;
  for (let i = flows.length - 1; i >= 0; i--) {
    const f = flows[i] as { day: number; fen: Rate };
    const gap = next - f.day;
    const p = powers.get(gap) ?? v.pow(gap);
    powers.set(gap, p);
    acc = f.fen.plus(acc.mul(p));
    next = f.day;
  }
  return acc;
}

/** A cash-flow series as the rate search reads it: whole days after the first flow, each amount exact and as a float. */
type Series = readonly { day: number; fen: Rate; float: number }[];

/** The unit roundoff of float64. */
const EPS = 2 ** -53;

/**
 * The sign of the NPV at r from a float64 evaluation, or null when its margin is thin. Each discount factor is
 * exp(gap × L), L = −log1p(r)/365, so an error in L grows only by the days spanned. Its error bound, relative to
 * Σ|cfᵢ|·vᵢ^τᵢ and to first order, allowing 2 ulp for each of log1p and exp: L's own error (5 ulp of |L| ≤ 0.026,
 * plus r's rounding, |r|·ε / (1 + r) over 365) and each product gap × L's rounding, per day spanned; each factor's exp
 * and the two roundings of each Horner step, per flow. The 20-digit exact NPV lies within 1e-18 × (days + flows) of
 * the true one. A sign is certain when |NPV| exceeds 8 times the two bounds together.
 */
function floatSign(flows: Series, rate: number): number | null {
  const L = -Math.log1p(rate) / 365;
  let acc = 0;
  let scale = 0;
  const last = flows[flows.length - 1]?.day ?? 0;
  let next = last;
  for (let i = flows.length - 1; i >= 0; i--) {
    const f = flows[i] as Series[number];
    const p = Math.exp((next - f.day) * L);
    acc = f.float + acc * p;
    scale = Math.abs(f.float) + scale * p;
    next = f.day;
  }
  const n = flows.length + 1;
  const perDay = 0.2 + Math.abs(rate) / (365 * (1 + rate));
  const margin = 8 * (scale * (EPS * (last * perDay + 8 * n) + 1e-18 * (last + n)) + n * 1e-300);
  if (!Number.isFinite(acc) || !Number.isFinite(margin) || Math.abs(acc) <= margin) return null;
  return Math.sign(acc);
}

/** The flows summed by day, in day order: whole days after the first, each exact (20 digits) and as a float. */
function seriesOf(flows: readonly DatedAmount[]): Series {
  const byDay = new Map<string, Dec>();
  for (const f of flows) byDay.set(f.on, (byDay.get(f.on) ?? new Dec(0)).plus(f.fen));
  const dates = [...byDay.keys()].sort();
  const first = dates[0];
  return dates.map((on) => {
    const fen = new Rate((byDay.get(on) as Dec).toString());
    return { day: daysBetween(first as string, on), fen, float: fen.toNumber() };
  });
}

/**
 * Both signs of the NPV of `flows` at `rate`: the float64 one (null when its margin is thin) and the exact one. For
 * the tests, which hold that a float sign, when given, is the exact one.
 */
export function npvSigns(flows: readonly DatedAmount[], rate: DecInput): { float: number | null; exact: number } {
  const series = seriesOf(flows);
  const r = new Rate(new Dec(rate).toString());
  return { float: floatSign(series, r.toNumber()), exact: npv(series, r).cmp(0) };
}

/**
 * A rate of the search: c × 10^e, as decimal.js holds it at 20 significant digits. The bisection's sums, halvings and
 * widths are exact in BigInt and then rounded to 20 digits half up (away from zero), as decimal.js rounds each
 * correctly rounded result: the same midpoints as Rate's arithmetic, without its cost on each step.
 */
interface Digits20 {
  c: bigint;
  e: number;
}

const POW10 = Array.from({ length: 48 }, (_, k) => 10n ** BigInt(k));
const pow10 = (k: number): bigint => POW10[k] ?? 10n ** BigInt(k);

/** c × 10^e rounded to 20 significant digits, half up on the magnitude. */
function round20(c: bigint, e: number): Digits20 {
  const a = c < 0n ? -c : c;
  if (a < pow10(20)) return { c, e };
  let d = Math.floor(Math.log10(Number(a))) + 1;
  if (a < pow10(d - 1)) d--;
  else if (a >= pow10(d)) d++;
  const p = pow10(d - 20);
  const q = a / p + ((a % p) * 2n >= p ? 1n : 0n);
  return { c: c < 0n ? -q : q, e: e + d - 20 };
}

/** x + y exact, then rounded (decimal.js's plus at 20 digits); y × −1 for minus. */
function add20(x: Digits20, y: Digits20, sign = 1n): Digits20 {
  const e = Math.min(x.e, y.e);
  return round20(x.c * pow10(x.e - e) + sign * y.c * pow10(y.e - e), e);
}

/** x / 2 = 5x / 10, rounded. */
const half20 = (x: Digits20): Digits20 => round20(x.c * 5n, x.e - 1);

/** Whether x ≥ 10^k. */
const atLeast = (x: Digits20, k: number) => (x.e >= k ? x.c >= 1n : x.c >= pow10(k - x.e));

const asText = (x: Digits20) => `${x.c}e${x.e}`;
const LOW20: Digits20 = { c: -9999n, e: -4 };
const HIGH20: Digits20 = { c: 1n, e: 2 };

/** The sign of the NPV at a rate of the search: from its float64 value when certain, else from the exact one. */
function signAt(flows: Series, x: Digits20): number {
  const rate = Number(asText(x));
  return floatSign(flows, rate) ?? npv(flows, new Rate(asText(x))).cmp(0);
}

/**
 * XIRR: the rate r with Σ cfᵢ / (1 + r)^((dᵢ − d₀)/365) = 0, d₀ the earliest date; bisection on [−0.9999, 100] until
 * the bracket is narrower than 1e-10, its midpoint (each at 20 significant digits). Null when the NPV at the two ends
 * has the same sign (no root).
 */
export function xirr(flows: readonly DatedAmount[]): Dec | null {
  const dated = seriesOf(flows);
  if (dated.length === 0) return null;
  let [lo, hi] = [LOW20, HIGH20];
  const loSign = signAt(dated, lo);
  const hiSign = signAt(dated, hi);
  if (loSign === hiSign) return null;
  if (loSign === 0) return new Dec(asText(lo));
  if (hiSign === 0) return new Dec(asText(hi));
  while (atLeast(add20(hi, lo, -1n), -10)) {
    const mid = half20(add20(lo, hi));
    const s = signAt(dated, mid);
    if (s === 0) return new Dec(asText(mid));
    if (s === loSign) lo = mid;
    else hi = mid;
  }
  return new Dec(asText(half20(add20(lo, hi))));
}

/** A fund's flows as of D, and the money figures behind its ratios (exact fen). */
export interface Performance {
  paidIn: Dec;
  distributed: Dec;
  nav: Dec;
  dpi: Dec | null;
  rvpi: Dec | null;
  tvpi: Dec | null;
  appreciation: Dec | null;
  irr: Dec | null;
}

/**
 * dpi = distributed / paidIn, rvpi = nav / paidIn, tvpi = (distributed + nav) / paidIn, 资产增值率 appreciation =
 * (distributed + nav − paidIn) / paidIn (null when paidIn is 0), and irr over −contributions, +distributions and
 * +nav on D (when nav > 0). Only flows dated ≤ D count.
 */
export function performance(
  contributions: readonly DatedAmount[],
  distributions: readonly DatedAmount[],
  nav: DecInput,
  asOf: string,
): Performance {
  const paid = upTo(contributions, asOf);
  const returned = upTo(distributions, asOf);
  const paidIn = sum(paid);
  const distributed = sum(returned);
  const held = new Dec(nav);
  const flows: DatedAmount[] = [
    ...paid.map((c) => ({ on: c.on, fen: new Dec(c.fen).neg() })),
    ...returned,
    ...(held.gt(0) ? [{ on: asOf, fen: held }] : []),
  ];
  return {
    paidIn,
    distributed,
    nav: held,
    dpi: exactRatio(distributed, paidIn),
    rvpi: exactRatio(held, paidIn),
    tvpi: exactRatio(distributed.plus(held), paidIn),
    appreciation: exactRatio(distributed.plus(held).minus(paidIn), paidIn),
    irr: xirr(flows),
  };
}

/** Money as 元 strings, ratios as 4-place strings or null (never "-0.0000"). */
export function performanceOut(p: Performance) {
  const four = (x: Dec | null) => (x === null ? null : fixed4(x));
  return {
    paidIn: fenToYuan(p.paidIn),
    distributed: fenToYuan(p.distributed),
    nav: fenToYuan(p.nav),
    dpi: four(p.dpi),
    rvpi: four(p.rvpi),
    tvpi: four(p.tvpi),
    irr: four(p.irr),
    appreciation: four(p.appreciation),
  };
}

/** The child fund's records a parent's view is computed from (fen, all dated). */
export interface ChildRecords {
  /** The parent's own contributions into the child. */
  parentContributions: readonly DatedAmount[];
  /** Every contribution into the child, the parent's included. */
  childContributions: readonly DatedAmount[];
  distributions: readonly DatedAmount[];
  /** The child's nav as of D (its latest valuation ≤ D, 0 without one). */
  nav: DecInput;
}

/**
 * 出资人视角's flows: the parent's own contributions into the child, its pro-rata share of each child distribution
 * (its paid-in ≤ that day / the child's paid-in ≤ that day) and its paid-in share of the child's nav on D. Shares stay
 * exact; only the output rounds them to the fen.
 */
export function parentFlows(
  c: ChildRecords,
  asOf: string,
): { contributions: readonly DatedAmount[]; distributions: DatedAmount[]; nav: Dec } {
  const share = (day: string) =>
    exactRatio(sum(upTo(c.parentContributions, day)), sum(upTo(c.childContributions, day))) ?? new Dec(0);
  const distributions = upTo(c.distributions, asOf).map((d) => ({ on: d.on, fen: new Dec(d.fen).mul(share(d.on)) }));
  return { contributions: c.parentContributions, distributions, nav: new Dec(c.nav).mul(share(asOf)) };
}

/** 出资人视角: the performance of the parent's flows in the child (parentFlows). */
export function parentView(c: ChildRecords, asOf: string): Performance {
  const f = parentFlows(c, asOf);
  return performance(f.contributions, f.distributions, f.nav, asOf);
}

/**
 * 投早: a round is early when, with spaces, punctuation, symbols and one trailing 轮 removed and letters upper-cased
 * (full-width forms folded first), it is 种子, 天使, PREA or A: 天使轮, Pre-A轮 and A+ are early, B is not.
 */
export function isEarlyRound(round: string | null): boolean {
  if (round === null) return false;
  const key = round
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/轮$/u, '')
    .toUpperCase();
  return key === '种子' || key === '天使' || key === 'PREA' || key === 'A';
}

/** The fund's own investments dated ≤ D, one row per investment or per group sharing a round and the same flags. */
export interface InvestmentSlice {
  round: string | null;
  fen: DecInput;
  hightech: boolean;
  specialized: boolean;
  sme: boolean;
  private: boolean;
}

/** What the policy indicators read, in fen as of D. */
export interface PolicyInputs {
  committed: DecInput;
  socialCommitted: DecInput;
  paidIn: DecInput;
  /** Exit proceeds received ≤ D. */
  exitProceeds: DecInput;
  /** Its share of its child funds' distributions ≤ D (Σ parentView(child).distributed). */
  childDistributions: DecInput;
  /** What it paid into its child funds ≤ D. */
  paidIntoChildren: DecInput;
  distributed: DecInput;
  investments: readonly InvestmentSlice[];
  /** The 返投 multiple k of its rule. */
  multiple: DecInput;
}

export interface PolicyIndicators {
  socialShare: Dec | null;
  paidRatio: Dec | null;
  idleShare: Dec | null;
  earlyShare: Dec | null;
  smallShare: Dec | null;
  techShare: Dec | null;
  privateShare: Dec | null;
  reinvestmentMultiple: Dec;
}

/**
 * 投向指标: 社会资本占比 social / committed; 出资完成比例 paidIn / committed; 闲置资金占比 max(0, cash) / paidIn with
 * cash = paidIn + exit proceeds + child distributions − own investments − paid into children − distributed;
 * 投早 / 投小 (sme) / 投科技 (hightech or specialized) / 民营 (private) as shares of its own investment amounts;
 * and the 返投 multiple k, shown because a high k now counts against a fund.
 */
export function policyIndicators(p: PolicyInputs): PolicyIndicators {
  const committed = new Dec(p.committed);
  const paidIn = new Dec(p.paidIn);
  const amount = (keep: (s: InvestmentSlice) => boolean) =>
    p.investments.filter(keep).reduce((a, s) => a.plus(s.fen), new Dec(0));
  const invested = amount(() => true);
  const cash = paidIn
    .plus(p.exitProceeds)
    .plus(p.childDistributions)
    .minus(invested)
    .minus(p.paidIntoChildren)
    .minus(p.distributed);
  return {
    socialShare: exactRatio(new Dec(p.socialCommitted), committed),
    paidRatio: exactRatio(paidIn, committed),
    idleShare: exactRatio(Dec.max(0, cash), paidIn),
    earlyShare: exactRatio(
      amount((s) => isEarlyRound(s.round)),
      invested,
    ),
    smallShare: exactRatio(
      amount((s) => s.sme),
      invested,
    ),
    techShare: exactRatio(
      amount((s) => s.hightech || s.specialized),
      invested,
    ),
    privateShare: exactRatio(
      amount((s) => s.private),
      invested,
    ),
    reinvestmentMultiple: new Dec(p.multiple),
  };
}

/** The figures a platform may set a threshold on: the performance ratios and the policy indicators. */
export const indicators = [
  'dpi',
  'rvpi',
  'tvpi',
  'irr',
  'appreciation',
  'socialShare',
  'paidRatio',
  'idleShare',
  'earlyShare',
  'smallShare',
  'techShare',
  'privateShare',
  'reinvestmentMultiple',
] as const;
export type Indicator = (typeof indicators)[number];

export const indicatorLabels = {
  dpi: '已分配收益倍数（DPI）',
  rvpi: '留存价值倍数（RVPI）',
  tvpi: '总价值倍数（TVPI）',
  irr: '内部收益率（IRR）',
  appreciation: '资产增值率',
  socialShare: '社会资本占比',
  paidRatio: '出资完成比例',
  idleShare: '闲置资金占比',
  earlyShare: '投早占比',
  smallShare: '投小占比',
  techShare: '投科技占比',
  privateShare: '民营企业投资占比',
  reinvestmentMultiple: '返投倍数',
} as const satisfies Record<Indicator, string>;

export interface Threshold {
  indicator: Indicator;
  comparison: 'gte' | 'lte';
  value: DecInput;
}

export interface ThresholdCheck {
  indicator: Indicator;
  comparison: 'gte' | 'lte';
  value: string;
  actual: string | null;
  met: boolean | null;
}

/** 达标: actual ≥ value (gte) or ≤ value (lte), on the exact figure; met is null when the figure is null. */
export function checkThreshold(t: Threshold, actual: Dec | null): ThresholdCheck {
  const value = new Dec(t.value);
  const met = actual === null ? null : t.comparison === 'gte' ? actual.gte(value) : actual.lte(value);
  return {
    indicator: t.indicator,
    comparison: t.comparison,
    value: fixed4(value),
    actual: actual === null ? null : fixed4(actual),
    met,
  };
}

/** When a fund's money can first move: its establishment date, else its first commitment; null when it has neither. */
export interface FundStart {
  on: string;
  /** Which date it is, for the message. */
  from: 'established' | 'firstCommitment';
}

/**
 * Why a 分配, 估值 or 退出 dated `on` is refused, or null: one rule for the API and the fund-flows import. Not after
 * `today`, not before the fund's start (its establishment, else its first commitment).
 */
export function fundFlowDateProblem(on: string, start: FundStart | null, today: string): string | null {
  if (on > today) return `日期不能晚于今天（${today}）`;
  if (start && on < start.on)
    return `日期不能早于基金的${start.from === 'established' ? '成立日' : '首笔认缴日（未登记成立日）'} ${start.on}`;
  return null;
}

/** Why a distribution or NAV of `fen` is refused, or null: it must be more than zero (a zero records nothing). */
export const fundFlowAmountProblem = (fen: number): string | null => (fen > 0 ? null : '金额须大于 0');
