import Decimal from 'decimal.js';

// decimal.js, where it earns its place: reading decimals people type (amounts in 万元 and 亿元, 返投 multiples),
// XIRR's iteration and the performance figures derived from it, and 万元 on pages and in workbooks. Exact figures
// (money in fen, shares, ratios, scores) are BigInt and Fraction (fraction.ts).

/** touyin's decimal: 40 significant digits, 四舍五入 (round half up). A clone, so no global state leaks. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
export type DecInput = Dec | string | number | bigint;

/** A ratio as a 4-place string, half up on the magnitude (−0.12345 → "-0.1235"); never "-0.0000". */
export function fixed4(x: Dec): string {
  const s = x.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}
