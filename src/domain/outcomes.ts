import type { DecInput } from './decimal';
import { integerQuotient, ratio } from './fraction';
import { fenToYuan } from './money';
import type { Stage } from './vocabulary';

/** What SQL counts and sums over a family's confirmed projects reported by the as-of date. */
export interface OutcomeAggregates {
  leads: number;
  reached: Record<Stage, number>;
  dropped: number;
  investmentLinked: number;
  bigSigned: number;
  overdue: number;
  plannedTotalFen: bigint | string | number;
  arrivedFen: bigint | string | number;
  /** The middle one or two values of each sorted sample, and the sample size. */
  signDays: { n: number; middle: number[] };
  registerDays: { n: number; middle: number[] };
}

/** Median from the middle one or two values of a sorted sample, one decimal; null for an empty sample. */
export function median(sample: { n: number; middle: number[] }): string | null {
  if (sample.n === 0 || sample.middle.length === 0) return null;
  // Whole days: the mean of one or two integers is exact to one decimal (….0 or ….5), in BigInt.
  const total = sample.middle.reduce((a, b) => a + BigInt(b), 0n);
  return integerQuotient(total, BigInt(sample.middle.length), 1);
}

/** Which 0-based positions of a sorted sample of n hold its median (one for odd n, two for even). */
export function medianOffsets(n: number): { offset: number; count: number } {
  return n % 2 === 1 ? { offset: (n - 1) / 2, count: 1 } : { offset: n / 2 - 1, count: 2 };
}

/**
 * The median positions' values of a sample given as a histogram (each distinct value with its count, ascending):
 * SQL groups days instead of sorting every project, and the median is read off the cumulative counts.
 */
export function middleValues(histogram: { value: number; count: number }[], n: number): number[] {
  if (n === 0) return [];
  const { offset, count } = medianOffsets(n);
  const out: number[] = [];
  let seen = 0;
  for (const { value, count: k } of histogram) {
    while (out.length < count && offset + out.length < seen + k) out.push(value);
    seen += k;
    if (out.length === count) break;
  }
  return out;
}

/**
 * 以投促引成效: rates over signed projects (注册率, 开工率, 投产率), 到资率 = arrived / plannedTotal,
 * 以投促引倍数 = plannedTotal / invested, landed = reached registered, introduced = landed − investmentLinked.
 */
export function outcomes(a: OutcomeAggregates, investedFen: DecInput) {
  const signed = a.reached.signed;
  const landed = a.reached.registered;
  return {
    leads: a.leads,
    reached: a.reached,
    dropped: a.dropped,
    landed,
    investmentLinked: a.investmentLinked,
    introduced: landed - a.investmentLinked,
    bigSigned: a.bigSigned,
    overdue: a.overdue,
    rates: {
      sign: ratio(signed, a.leads),
      registration: ratio(landed, signed),
      start: ratio(a.reached.started, signed),
      production: ratio(a.reached.producing, signed),
      arrival: ratio(a.arrivedFen, a.plannedTotalFen),
    },
    plannedTotal: fenToYuan(a.plannedTotalFen),
    arrived: fenToYuan(a.arrivedFen),
    attractionMultiple: ratio(a.plannedTotalFen, investedFen),
    medianDaysToSign: median(a.signDays),
    medianDaysToRegister: median(a.registerDays),
  };
}
export type Outcomes = ReturnType<typeof outcomes>;
