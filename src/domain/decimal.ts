import Decimal from 'decimal.js';

/** touyin's decimal: 40 significant digits, 四舍五入 (round half up). A clone, so no global state leaks. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
export type DecInput = Dec | string | number;

/** num / den as a 4-place string, or null when den is 0 (never Infinity). */
export function ratio(num: DecInput, den: DecInput): string | null {
  const d = new Dec(den);
  if (d.isZero()) return null;
  return fixed4(new Dec(num).div(d));
}

/** A ratio as a 4-place string, half up on the magnitude (−0.12345 → "-0.1235"); never "-0.0000". */
export function fixed4(x: Dec): string {
  const s = x.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}
