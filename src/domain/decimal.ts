import Decimal from 'decimal.js';

/** touyin's decimal: 40 significant digits, 四舍五入 (round half up). A clone, so no global state leaks. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
/**
 * An exact fraction n / d, d > 0: a fiscal share (SPEC §2: amounts × shares down the investor chain), kept exact
 * where decimal.js would round at 40 digits, in BigInt.
 */
export interface Fraction {
  n: bigint;
  d: bigint;
}
export type DecInput = Dec | string | number | bigint;
/** A value ratio() and fenToYuan() take: anything decimal.js takes, or an exact fraction. */
export type Numeric = DecInput | Fraction;

const INTEGER = /^-?\d+$/;

/** Whether the value is a Fraction (a Dec carries its digits in `d` too, but no `n`). */
export const isFraction = (x: Numeric): x is Fraction => typeof x === 'object' && typeof (x as Fraction).n === 'bigint';

/**
 * The value as a BigInt when it is an integer (a count, an amount in fen), else null. Reports turn thousands of
 * such integers into ratios and 元 text; BigInt does that exactly and several times faster than decimal.js.
 */
export function integerOf(x: Numeric): bigint | null {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return Number.isSafeInteger(x) ? BigInt(x) : null;
  if (typeof x === 'string') return INTEGER.test(x) ? BigInt(x) : null;
  if (isFraction(x)) return x.n % x.d === 0n ? x.n / x.d : null;
  return x.isInteger() ? BigInt(x.toFixed(0)) : null;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * n / d (d ≠ 0) rounded half up on the magnitude to `places` decimals, as text: what decimal.js answers for the
 * same integers (its 40 significant digits are exact here: a tie needs the remainder at exactly half of d). In plain
 * numbers while |n| × 10^places and |d| are safe integers (every step is then exact), else in BigInt.
 */
export function integerQuotient(n: bigint | number, d: bigint | number, places: number): string {
  const scale = 10 ** places;
  const nn = Number(n);
  const dd = Number(d);
  let whole: number | bigint;
  let decimals: number | bigint;
  let negative: boolean;
  if (Math.abs(nn) * scale <= Number.MAX_SAFE_INTEGER && Math.abs(dd) <= Number.MAX_SAFE_INTEGER) {
    const m = Math.abs(nn) * scale;
    const ad = Math.abs(dd);
    const r = m % ad;
    const q = (m - r) / ad + (2 * r >= ad ? 1 : 0);
    negative = q !== 0 && nn < 0 !== dd < 0;
    decimals = q % scale;
    whole = (q - decimals) / scale;
  } else {
    const [bn, bd] = [BigInt(n), BigInt(d)];
    const m = abs(bn) * BigInt(scale);
    const ad = abs(bd);
    const q = m / ad + ((m % ad) * 2n >= ad ? 1n : 0n);
    negative = q !== 0n && bn < 0n !== bd < 0n;
    decimals = q % BigInt(scale);
    whole = q / BigInt(scale);
  }
  const sign = negative ? '-' : '';
  if (places === 0) return `${sign}${whole}`;
  const text = String(decimals);
  return `${sign}${whole}.${text.length < places ? text.padStart(places, '0') : text}`;
}

const FRACTION = /^(-?\d+)(?:\.(\d+))?$/;

/**
 * The value as an exact fraction n / d with d > 0 ("1.5" → 15 / 10, 7 → 7 / 1): a 返投 multiple or weight (a
 * decimal string, SPEC §6) times whole fen in BigInt, exact where decimal.js would round at 40 digits.
 */
export function fractionOf(x: Numeric): Fraction {
  if (isFraction(x)) return x;
  const whole = integerOf(x);
  if (whole !== null) return { n: whole, d: 1n };
  const m = typeof x === 'string' ? FRACTION.exec(x) : null;
  if (m) return { n: BigInt(m[1]! + m[2]!), d: 10n ** BigInt(m[2]!.length) };
  const [n, d] = new Dec(x).toFraction() as [Dec, Dec];
  return { n: BigInt(n.toFixed(0)), d: BigInt(d.toFixed(0)) };
}

/** n / d (d > 0) rounded half up on the magnitude to a whole number (四舍五入 to the fen). */
export function roundedQuotient(n: bigint, d: bigint): bigint {
  const q = (abs(n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** Above this denominator (2^192), sums of fractions are reduced to lowest terms. */
const LARGE = 1n << 192n;
const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [abs(a), b];
  while (y) [x, y] = [y, x % y];
  return x;
};

/** a + b, exact: fractions over one denominator (a family's shares mostly are) add without growing it. */
export function addFractions(a: Fraction, b: Fraction): Fraction {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  const sum = { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
  if (sum.d < LARGE) return sum;
  const g = gcd(sum.n, sum.d);
  return { n: sum.n / g, d: sum.d / g };
}

/** num / den as a 4-place string, or null when den is 0 (never Infinity). */
export function ratio(num: Numeric, den: Numeric): string | null {
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den))
    return den === 0 ? null : integerQuotient(num as number, den as number, 4);
  const n = integerOf(num);
  const d = integerOf(den);
  if (n !== null && d !== null) return d === 0n ? null : integerQuotient(n, d, 4);
  if (isFraction(num) || isFraction(den)) {
    const a = fractionOf(num);
    const b = fractionOf(den);
    return b.n === 0n ? null : integerQuotient(a.n * b.d, a.d * b.n, 4);
  }
  const dd = new Dec(den);
  if (dd.isZero()) return null;
  return fixed4(new Dec(num).div(dd));
}

/** A ratio as a 4-place string, half up on the magnitude (−0.12345 → "-0.1235"); never "-0.0000". */
export function fixed4(x: Dec): string {
  const s = x.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}
