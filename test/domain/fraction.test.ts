import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/domain/decimal';
import { fixed, Fraction } from '../../src/domain/fraction';

const f = (n: number, d = 1) => Fraction.of(n, d);

describe('Fraction: exact rationals, printed with 4 places half up on the magnitude', () => {
  it.each([
    [f(1, 3), '0.3333'],
    [f(2, 3), '0.6667'], // 0.66666… → up
    [f(-2, 3), '-0.6667'], // magnitude rounded, sign kept
    [f(1, 32), '0.0313'], // 0.03125 exactly → half up (half-even would give 0.0312)
    [f(-1, 32), '-0.0313'], // −0.03125 → magnitude half up (rounding toward +∞ would give −0.0312)
    [f(-12345, 100000), '-0.1235'], // SPEC §7: −0.12345 → "-0.1235"
    [f(1, 20000), '0.0001'], // 0.00005 → up
    [f(-1, 100000), '0.0000'], // −0.00001 rounds to zero: never "-0.0000"
    [f(-1, 20001), '0.0000'], // −0.0000499… → zero, unsigned
    [f(123456), '123456.0000'],
    [f(-7, 4), '-1.7500'],
    [f(0), '0.0000'],
  ])('%o → %s', (x, expected) => {
    expect(x.toFixed4()).toBe(expected);
  });

  it('reads decimals exactly and keeps sums exact where 40-digit decimals would not', () => {
    expect(Fraction.from('12.50').cmp(f(25, 2))).toBe(0);
    expect(Fraction.from(new Dec('0.0001')).cmp(f(1, 10000))).toBe(0);
    expect(Fraction.from(12345).cmp(f(12345))).toBe(0);
    // (1/6 + 1/2) / 2 = 1/3 exactly; with Dec(40) it is 0.3333…34, not 1/3
    expect(f(1, 6).plus(f(1, 2)).div(f(2)).cmp(f(1, 3))).toBe(0);
    expect(new Dec(1).div(6).plus(new Dec(1).div(2)).div(2).eq(new Dec(1).div(3))).toBe(false);
    expect(f(3, -6).cmp(f(-1, 2))).toBe(0); // sign moved to the numerator, lowest terms
    expect(() => f(1, 0)).toThrow(RangeError);
    expect(fixed(null)).toBeNull();
  });
});
