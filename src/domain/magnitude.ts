// 千倍之差: an amount 1,000 times or more away from what it sits beside was most likely typed in the wrong unit
// (8000 meant as 万元 but read as 元). Such an amount is warned about, never refused: a small deposit on a large
// project is possible.

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
