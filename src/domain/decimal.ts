import Decimal from 'decimal.js';

/** touyin's decimal: 40 significant digits, 四舍五入 (round half up). A clone, so no global state leaks. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
export type DecInput = Dec | string | number | bigint;

const INTEGER = /^-?\d+$/;

/**
 * The value as a BigInt when it is an integer (a count, an amount in fen), else null. Reports turn thousands of
 * such integers into ratios and 元 text; BigInt does that exactly and several times faster than decimal.js.
 */
export function integerOf(x: DecInput): bigint | null {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return Number.isSafeInteger(x) ? BigInt(x) : null;
  if (typeof x === 'string') return INTEGER.test(x) ? BigInt(x) : null;
  return x.isInteger() ? BigInt(x.toFixed(0)) : null;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * n / d (d ≠ 0) rounded half up on the magnitude to `places` decimals, as text: what decimal.js answers for the
 * same integers (its 40 significant digits are exact here: a tie needs the remainder at exactly half of d).
 */
export function integerQuotient(n: bigint, d: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const m = abs(n) * scale;
  const ad = abs(d);
  let q = m / ad;
  if ((m % ad) * 2n >= ad) q += 1n;
  const negative = q !== 0n && n < 0n !== d < 0n;
  const digits = q.toString().padStart(places + 1, '0');
  const point = digits.length - places;
  return `${negative ? '-' : ''}${digits.slice(0, point)}${places ? `.${digits.slice(point)}` : ''}`;
}

const FRACTION = /^(-?\d+)(?:\.(\d+))?$/;

/**
 * The value as an exact fraction n / d with d > 0 ("1.5" → 15 / 10, 7 → 7 / 1): a 返投 multiple or weight (a
 * decimal string, SPEC §6) times whole fen in BigInt, exact where decimal.js would round at 40 digits.
 */
export function fractionOf(x: DecInput): { n: bigint; d: bigint } {
  const whole = integerOf(x);
  if (whole !== null) return { n: whole, d: 1n };
  const m = typeof x === 'string' ? FRACTION.exec(x) : null;
  if (m) return { n: BigInt(m[1]! + m[2]!), d: 10n ** BigInt(m[2]!.length) };
  const [n, d] = new Dec(x as Dec | string | number).toFraction() as [Dec, Dec];
  return { n: BigInt(n.toFixed(0)), d: BigInt(d.toFixed(0)) };
}

/** n / d (d > 0) rounded half up on the magnitude to a whole number (四舍五入 to the fen). */
export function roundedQuotient(n: bigint, d: bigint): bigint {
  const q = (abs(n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** num / den as a 4-place string, or null when den is 0 (never Infinity). */
export function ratio(num: DecInput, den: DecInput): string | null {
  const n = integerOf(num);
  const d = integerOf(den);
  if (n !== null && d !== null) return d === 0n ? null : integerQuotient(n, d, 4);
  const dd = new Dec(den);
  if (dd.isZero()) return null;
  return fixed4(new Dec(num).div(dd));
}

/** A ratio as a 4-place string, half up on the magnitude (−0.12345 → "-0.1235"); never "-0.0000". */
export function fixed4(x: Dec): string {
  const s = x.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}
