// 千倍之差: an amount 1,000 times or more away from what it sits beside was most likely typed in the wrong unit
// (8000 meant as 万元 but read as 元). Such an amount is warned about, never refused: a small deposit on a large
// project is possible.
import { fenToWanText } from './money';

/** The factor at which two amounts are called far apart. */
export const MAGNITUDE_GAP = 1000n;

/** Whether two positive amounts (fen) differ by a factor of MAGNITUDE_GAP or more; false when either is 0. */
export function farApart(a: bigint, b: bigint): boolean {
  if (a <= 0n || b <= 0n) return false;
  return a * MAGNITUDE_GAP <= b || b * MAGNITUDE_GAP <= a;
}

/**
 * The median of the positive amounts among the `window` entries on each side of entry i (not i itself): what an
 * amount's neighbours in a list look like. The lower middle of an even count, exact; null when there are none.
 */
export function neighbourMedian(values: readonly (bigint | null)[], i: number, window = 5): bigint | null {
  const around = [...values.slice(Math.max(0, i - window), i), ...values.slice(i + 1, i + 1 + window)]
    .filter((v): v is bigint => v !== null && v > 0n)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return around.length ? around[Math.floor((around.length - 1) / 2)]! : null;
}

/**
 * The warning for an amount (fen) 1,000× or more off the amount it is read against, in words for the clerk:
 * "<what> 8 万元 与<against(8000 万元)>相差千倍以上，请核对金额单位（元 / 万元）"; null when they are not far apart or
 * there is nothing to read it against.
 */
export function unitSlipWarning(
  what: string,
  amount: bigint,
  reference: bigint | null,
  against: (reference: string) => string,
): string | null {
  if (reference === null || !farApart(amount, reference)) return null;
  return `${what} ${fenToWanText(amount)} 与${against(fenToWanText(reference))}相差千倍以上，请核对金额单位（元 / 万元）`;
}

/** Against a project's planned total. */
export const versusPlannedTotal = (total: string) => `本项目计划总投资 ${total} `;
/** Against the median of the amounts around it. */
export const versusNeighbours = (median: string) => `相邻各行（中位数 ${median}）`;
