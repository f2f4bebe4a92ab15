import { Dec, type DecInput } from './decimal';

// touyin's exact numbers: integers and fractions in BigInt. Money is whole fen; a share, a multiple, a weight, a
// completion or a score is a Fraction; every figure becomes text (4-place ratios, 元 with 2 places) through
// integerQuotient(), rounded half up on the magnitude. decimal.js (decimal.ts) is for what is not exact by nature.

/** A value ratio(), fenToYuan() and Fraction.from() take: anything decimal.js takes, or an exact fraction. */
export type Numeric = DecInput | Fraction;

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [abs(a), abs(b)];
  while (y) [x, y] = [y, x % y];
  return x;
};
/** Above this denominator (2^192), the results of arithmetic are reduced to lowest terms. */
const LARGE = 1n << 192n;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^(-?\d+)(?:\.(\d+))?$/;

/**
 * An exact rational n / d with d > 0, in BigInt: a fiscal share down the investor chain (SPEC §5: amounts × shares),
 * a 返投 multiple or weight (§6), a completion or a 擂台赛 score (§7). Exact where decimal.js would round at 40
 * digits: compared as 40-digit decimals, 1/3 and (1/6 + 1/2) / 2 differ in the last digit, and two units with equal
 * scores would not share a rank. Arithmetic reduces to lowest terms only once a denominator passes 2^192 (fractions
 * over one denominator, as a family's shares mostly are, add without growing it), so compare with cmp(), never by
 * n and d.
 */
export class Fraction {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  /** n / d in lowest terms; d must not be 0. */
  static of(n: bigint | number, d: bigint | number = 1n): Fraction {
    let [num, den] = [BigInt(n), BigInt(d)];
    if (den === 0n) throw new RangeError('Fraction with a zero denominator');
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num, den);
    return new Fraction(num / g, den / g);
  }

  /** n / d (d > 0) as it stands, reduced only when d is large. */
  private static over(n: bigint, d: bigint): Fraction {
    if (d < LARGE) return new Fraction(n, d);
    const g = gcd(n, d);
    return new Fraction(n / g, d / g);
  }

  /** The exact value of a number: a fen sum, a decimal string ("1.5" → 15 / 10), a Dec, a fraction. */
  static from(x: Numeric): Fraction {
    if (x instanceof Fraction) return x;
    const whole = integerOf(x);
    if (whole !== null) return new Fraction(whole, 1n);
    const m = typeof x === 'string' ? DECIMAL.exec(x) : null;
    if (m) return new Fraction(BigInt(m[1]! + m[2]!), 10n ** BigInt(m[2]!.length));
    const [n, d] = new Dec(x).toFraction() as [Dec, Dec];
    return new Fraction(BigInt(n.toFixed(0)), BigInt(d.toFixed(0)));
  }

  plus(o: Fraction): Fraction {
    if (this.d === o.d) return Fraction.over(this.n + o.n, this.d);
    return Fraction.over(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Fraction): Fraction {
    if (this.d === o.d) return Fraction.over(this.n - o.n, this.d);
    return Fraction.over(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Fraction): Fraction {
    return Fraction.over(this.n * o.n, this.d * o.d);
  }
  /** this / o; o must not be 0. */
  div(o: Fraction): Fraction {
    if (o.n === 0n) throw new RangeError('Fraction with a zero denominator');
    return o.n < 0n ? Fraction.over(-this.n * o.d, this.d * -o.n) : Fraction.over(this.n * o.d, this.d * o.n);
  }
  /** −1, 0 or 1 as this is less than, equal to or greater than o. */
  cmp(o: Fraction): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  /** The nearest whole number, half up on the magnitude (an amount in fen 四舍五入 to the fen). */
  rounded(): bigint {
    return roundedQuotient(this.n, this.d);
  }
  /** 4 places, half up on the magnitude (−0.12345 → "-0.1235"); never "-0.0000". */
  toFixed4(): string {
    return integerQuotient(this.n, this.d, 4);
  }
}

/** A fraction as a 4-place string, or null. */
export const fixed = (f: Fraction | null): string | null => (f === null ? null : f.toFixed4());

/**
 * The value as a BigInt when it is an integer (a count, an amount in fen), else null. Reports turn thousands of
 * such integers into ratios and 元 text; BigInt does that exactly and several times faster than decimal.js.
 */
export function integerOf(x: Numeric): bigint | null {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return Number.isSafeInteger(x) ? BigInt(x) : null;
  if (typeof x === 'string') return INTEGER.test(x) ? BigInt(x) : null;
  if (x instanceof Fraction) return x.n % x.d === 0n ? x.n / x.d : null;
  return x.isInteger() ? BigInt(x.toFixed(0)) : null;
}

/**
 * n / d (d ≠ 0) rounded half up on the magnitude to `places` decimals, as text ("-0.0000" never: a quotient that
 * rounds to zero has no sign). In plain numbers while |n| × 10^places and |d| are safe integers (every step is
 * then exact), else in BigInt.
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

/** n / d (d > 0) rounded half up on the magnitude to a whole number (四舍五入 to the fen). */
export function roundedQuotient(n: bigint, d: bigint): bigint {
  const q = (abs(n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** num / den as a 4-place string, exact, or null when den is 0 (never Infinity). */
export function ratio(num: Numeric, den: Numeric): string | null {
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den))
    return den === 0 ? null : integerQuotient(num as number, den as number, 4);
  const n = integerOf(num);
  const d = integerOf(den);
  if (n !== null && d !== null) return d === 0n ? null : integerQuotient(n, d, 4);
  const a = Fraction.from(num);
  const b = Fraction.from(den);
  return b.isZero() ? null : integerQuotient(a.n * b.d, a.d * b.n, 4);
}
