import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec, fixed4 } from '../../src/domain/decimal';
import { ratio } from '../../src/domain/fraction';
import { fenToYuan } from '../../src/domain/money';

describe('ratio: num / den as 4 places, half up, null on a zero denominator', () => {
  it.each([
    ['1000', '250', '4.0000'], // SPEC §6 subFunds: (500+300+200) / (100+90+60)
    ['380', '65', '5.8462'], // 5.846153… : 5th decimal 1 → down
    ['120', '380', '0.3158'], // 0.315789… : 5th decimal 8 → up
    ['1', '3', '0.3333'], // 0.33333…
    ['2', '3', '0.6667'], // 0.66666… → up
    ['1', '8', '0.1250'], // 0.125, padded to 4 places
    ['1', '32', '0.0313'], // 0.03125: 5th decimal exactly 5 → half up (half-even would give 0.0312)
    ['5', '32', '0.1563'], // 0.15625: exactly half → up (half-even would give 0.1562)
    ['1', '20000', '0.0001'], // 0.00005 exactly → up
    ['1', '20001', '0.0000'], // 0.0000499975… → down
    ['20001', '20000', '1.0001'], // 1.00005 exactly → up (half-even would give 1.0000)
    ['0', '7', '0.0000'], // nothing over something is zero, not null
    ['5', '0', null], // zero denominator → null, never Infinity
    ['0', '0', null], // 0/0 → null, never NaN
    ['0.0', '0.00', null], // a zero written with decimals is still zero
    ['-1', '8', '-0.1250'], // a negative ratio (资产增值率 of a fund below cost)
    ['-1', '32', '-0.0313'], // −0.03125: the magnitude rounds half up
    ['-1', '20001', '0.0000'], // −0.0000499…: rounds to zero, printed without a sign (never "-0.0000")
  ] as const)('%s / %s = %s', (num, den, expected) => {
    expect(ratio(num, den)).toBe(expected);
  });

  it('accepts Dec and number inputs and keeps exact shares: (100 × 100 / 300) is 33.33…, so 150 / it is 4.5000', () => {
    const fiscalIn = new Dec(100).mul(100).div(300); // 33.333… (not rounded to 33.33, which would give 4.5005)
    expect(ratio(150, fiscalIn)).toBe('4.5000');
    expect(ratio(new Dec('230'), 65)).toBe('3.5385'); // 3.538461…
  });

  it('is exact far beyond float range: (10^20 + 1) / 10^20 is 1.00000000000000000001 → "1.0000"', () => {
    expect(ratio('100000000000000000001', '100000000000000000000')).toBe('1.0000');
    expect(ratio('100000000000000000000', '3')).toBe('33333333333333333333.3333'); // 40 significant digits
  });
});

describe('fenToYuan: fen (exact or derived) as 元 with 2 places, half up to the fen', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [12345, '123.45'],
    ['1.5', '0.02'], // 1.5 fen → 2 fen (half up)
    ['2.5', '0.03'], // 2.5 fen → 3 fen (half up, not half-even's 2)
    ['0.5', '0.01'], // half a fen → 1 fen
    ['0.4999', '0.00'], // under half → 0
    ['3333.3333333', '33.33'], // 100元 × 100/300 in fen: 3333.33… fen
    ['666.66666666', '6.67'], // 30元 × 33.33…/150 in fen: 666.66… fen
    [50000000000, '500000000.00'], // 5亿元
    ['1000000000000000', '10000000000000.00'], // 10^15 fen = the largest amount accepted, 10^13 元
  ] as const)('%s fen → %s 元', (fen, expected) => {
    expect(fenToYuan(fen)).toBe(expected);
  });
});

describe('fixed4: 4 places, half up on the magnitude, never "-0.0000"', () => {
  it.each([
    ['-0.12345', '-0.1235'], // SPEC §7: the magnitude rounds half up
    ['0.12345', '0.1235'],
    ['-0.00004', '0.0000'], // a rate that rounds to zero is 0.0000 (SPEC §8 irr)
    ['-0.00005', '-0.0001'], // half a unit of the 4th place rounds away from zero
    ['-0', '0.0000'],
    ['12', '12.0000'],
  ])('%s → %s', (x, expected) => {
    expect(fixed4(new Dec(x))).toBe(expected);
  });
});

describe('the integer fast paths of ratio and fenToYuan', () => {
  // Counts and amounts in fen are integers: ratio and fenToYuan do them in BigInt. They must answer exactly what
  // decimal.js answers for the same values (40 digits, half up on the magnitude), on either side of every tie.
  const slowRatio = (n: bigint, d: bigint) => (d === 0n ? null : fixed4(new Dec(n.toString()).div(d.toString())));
  const slowYuan = (fen: bigint) => new Dec(fen.toString()).toDecimalPlaces(0).div(100).toFixed(2);
  const big = fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n });
  const small = fc.bigInt({ min: -20_000n, max: 20_000n });
  it('ratio of integers (numbers, digit strings, integral decimals, BigInts) = decimal.js', () => {
    fc.assert(
      fc.property(
        fc.oneof(big, small),
        fc.oneof(big, small, fc.constantFrom(0n, 1n, -1n, 2n, 3n, 7n, 20_000n)),
        (n, d) => {
          const expected = slowRatio(n, d);
          expect(ratio(n, d)).toBe(expected);
          expect(ratio(n.toString(), d.toString())).toBe(expected);
          expect(ratio(new Dec(n.toString()), new Dec(d.toString()))).toBe(expected);
          if (
            Number.isSafeInteger(Number(n)) &&
            Number.isSafeInteger(Number(d)) &&
            BigInt(Number(n)) === n &&
            BigInt(Number(d)) === d
          )
            expect(ratio(Number(n), Number(d))).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
    // Ties at the fifth place, both signs: half up on the magnitude.
    expect(ratio(1, 80000)).toBe('0.0000'); // 0.0000125
    expect(ratio(5, 100000)).toBe('0.0001'); // 0.00005
    expect(ratio(-5, 100000)).toBe('-0.0001');
    expect(ratio(-4, 100000)).toBe('0.0000');
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(7, 0)).toBeNull();
    expect(ratio('12.5', 5)).toBe('2.5000'); // not an integer: decimal.js
  });
  it('fenToYuan of integers = decimal.js', () => {
    fc.assert(
      fc.property(fc.oneof(big, small), (fen) => {
        const expected = slowYuan(fen);
        expect(fenToYuan(fen)).toBe(expected);
        expect(fenToYuan(fen.toString())).toBe(expected);
        expect(fenToYuan(new Dec(fen.toString()))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(fenToYuan(-5)).toBe('-0.05');
    expect(fenToYuan('0')).toBe('0.00');
    expect(fenToYuan('1234.5')).toBe('12.35'); // a derived amount: rounded to the fen first
  });
});
