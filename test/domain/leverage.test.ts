import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/domain/decimal';
import { integerQuotient, ratio, type Fraction } from '../../src/domain/fraction';
import { fenToYuan } from '../../src/domain/money';
import {
  fiscalFlows,
  fiscalLeverage,
  investmentLeverage,
  parentLeverage,
  subFundFiscalLeverage,
  subFundLeverage,
  type CapitalFigures,
  type ChildFigures,
  type Inflow,
} from '../../src/domain/leverage';

const M = 1;
const A = 2;
const B = 3;
const C = 4;
const fiscal = (fundId: number, committed: string, paid: string): Inflow => ({
  fundId,
  investorType: 'fiscal',
  investorFundId: null,
  committed,
  paid,
});
const other = (fundId: number, investorType: 'soe' | 'social', committed: string, paid: string): Inflow => ({
  fundId,
  investorType,
  investorFundId: null,
  committed,
  paid,
});
const fromFund = (fundId: number, investorFundId: number, committed: string, paid: string): Inflow => ({
  fundId,
  investorType: 'fund',
  investorFundId,
  committed,
  paid,
});

/** An exact fraction as text with `places` decimals, half up. */
const fixed = (x: Fraction, places: number) => integerQuotient(x.n, x.d, places);

/** The fiscal share of each fund, as strings with 6 places (exact values, not fen-rounded). */
const shares = (inflows: Inflow[]) =>
  Object.fromEntries([...fiscalFlows(inflows)].map(([f, s]) => [f, [fixed(s.committed, 6), fixed(s.paid, 6)]]));

// SPEC §6 in 万元 (units cancel in every share). Children listed before their parent: the order must not matter.
const workedExample: Inflow[] = [
  fromFund(A, M, '10000', '2000'),
  other(A, 'social', '40000', '18000'),
  fromFund(B, M, '9000', '4500'),
  other(B, 'soe', '6000', '3000'),
  other(B, 'social', '15000', '7500'),
  fromFund(C, M, '6000', '1500'),
  other(C, 'social', '14000', '3500'),
  fiscal(M, '60000', '12000'),
  other(M, 'soe', '40000', '8000'),
];

describe('fiscalFlows: fiscalIn(f) = Σ fiscal into f + Σ commitment(p→f) × fiscalIn(p)/committed(p)', () => {
  it('SPEC §6: M is 60% fiscal on both bases, and so is every sub-fund’s money from M', () => {
    expect(shares(workedExample)).toEqual({
      [M]: ['60000.000000', '12000.000000'], // fiscal commitment 60000, paid 12000
      [A]: ['6000.000000', '1200.000000'], // 10000 × 60000/100000; paid 2000 × 12000/20000
      [B]: ['5400.000000', '2700.000000'], // 9000 × 0.6; paid 4500 × 0.6
      [C]: ['3600.000000', '900.000000'], // 6000 × 0.6; paid 1500 × 0.6
    });
  });

  it('flows down two levels with exact (unrounded) shares', () => {
    const S = 2;
    const SS = 3;
    const r = fiscalFlows([
      fromFund(SS, S, '30', '10'),
      other(SS, 'social', '30', '10'),
      fromFund(S, M, '100', '40'),
      other(S, 'social', '50', '10'),
      fiscal(M, '100', '50'),
      other(M, 'soe', '200', '50'),
    ]);
    // S: 100 × 100/300 = 33.33…; paid 40 × 50/100 = 20
    expect(fixed(r.get(S)!.committed, 10)).toBe('33.3333333333');
    expect(fixed(r.get(S)!.paid, 10)).toBe('20.0000000000');
    // SS: 30 × 33.33…/150 = 6.66…; paid 10 × 20/50 = 4
    expect(fixed(r.get(SS)!.committed, 10)).toBe('6.6666666667');
    expect(fixed(r.get(SS)!.paid, 10)).toBe('4.0000000000');
    // exactness: 60 / 6.66… is exactly 9 (a fen-rounded 6.67 would give 8.9955), and 2/3 of a fen is kept as such
    expect(ratio(60, r.get(SS)!.committed)).toBe('9.0000');
    expect(r.get(SS)!.committed.n * 3n).toBe(20n * r.get(SS)!.committed.d);
  });

  it('adds a direct fiscal commitment to the fiscal share that arrives through a parent', () => {
    // A: fiscal 50 direct + 100 from M (M is 600/1000 fiscal) → 50 + 60 = 110; paid 10 + 20 × 120/200 = 22
    const r = shares([
      fiscal(M, '600', '120'),
      other(M, 'soe', '400', '80'),
      fromFund(A, M, '100', '20'),
      fiscal(A, '50', '10'),
    ]);
    expect(r[A]).toEqual(['110.000000', '22.000000']);
  });

  it('adds the shares of two fund investors', () => {
    // C takes 100 from A (all fiscal: 1) and 100 from B (none fiscal: 0) → 100; paid 50 × 1 + 50 × 0 = 50
    const r = shares([
      fiscal(A, '200', '100'),
      other(B, 'social', '200', '100'),
      fromFund(C, A, '100', '50'),
      fromFund(C, B, '100', '50'),
    ]);
    expect(r[C]).toEqual(['100.000000', '50.000000']);
  });

  it.each([
    [
      'a fund with no fiscal money anywhere above it',
      [other(M, 'soe', '100', '100'), fromFund(A, M, '50', '50')],
      ['0.000000', '0.000000'],
    ],
    // M has committed 100 but paid nothing: the paid share has a zero denominator and contributes 0, not NaN
    [
      'a parent that has paid nothing in',
      [fiscal(M, '100', '0'), fromFund(A, M, '50', '0')],
      ['50.000000', '0.000000'],
    ],
    // M's only commitment is 0: its share has a zero denominator and contributes 0
    [
      'a parent whose commitments sum to 0',
      [fiscal(M, '0', '0'), fromFund(A, M, '50', '10')],
      ['0.000000', '0.000000'],
    ],
    // M has no inflows at all (not in the list): nothing flows
    ['a parent with no commitments recorded', [fromFund(A, M, '50', '10')], ['0.000000', '0.000000']],
  ])('%s → 0 fiscal share, never NaN', (_name, inflows, expected) => {
    expect(shares(inflows)[A]).toEqual(expected);
  });

  it('terminates on a cycle of fund commitments (which writes refuse) instead of recursing forever', () => {
    const r = fiscalFlows([fiscal(M, '100', '100'), fromFund(M, A, '50', '50'), fromFund(A, M, '50', '50')]);
    expect(r.get(M)!.committed.d).toBeGreaterThan(0n);
    expect(r.get(A)!.committed.d).toBeGreaterThan(0n);
  });
});

const capital = (c: Partial<Record<keyof CapitalFigures, string | null>>): CapitalFigures => {
  const d = (v: string | null | undefined) => (v === null ? null : new Dec(v ?? 0));
  return {
    committed: d(c.committed)!,
    paidIn: d(c.paidIn)!,
    parentCommitted: d(c.parentCommitted),
    parentPaidIn: d(c.parentPaidIn),
    fiscalIn: d(c.fiscalIn)!,
    fiscalPaidIn: d(c.fiscalPaidIn)!,
    invested: d(c.invested)!,
  };
};
// SPEC §6 as of 2024-12-31, in 万元
const fundA = capital({
  committed: '50000',
  paidIn: '20000',
  parentCommitted: '10000',
  parentPaidIn: '2000',
  fiscalIn: '6000',
  fiscalPaidIn: '1200',
  invested: '6500',
});
const fundM = capital({
  committed: '100000',
  paidIn: '20000',
  parentCommitted: null,
  parentPaidIn: null,
  fiscalIn: '60000',
  fiscalPaidIn: '12000',
  invested: '6500',
});

describe('parentLeverage and fiscalLeverage', () => {
  it.each([
    ['A parent', parentLeverage(fundA), { committed: '5.0000', paidIn: '10.0000' }], // 50000/10000; 20000/2000
    ['A fiscal', fiscalLeverage(fundA), { committed: '8.3333', paidIn: '16.6667' }], // 50000/6000; 20000/1200
    ['M parent (no parent fund)', parentLeverage(fundM), { committed: null, paidIn: null }],
    ['M fiscal', fiscalLeverage(fundM), { committed: '1.6667', paidIn: '1.6667' }], // 100000/60000; 20000/12000
    // a sub-fund whose parent has committed nothing yet: 0 denominators → null
    [
      'parent 0',
      parentLeverage(capital({ committed: '100', parentCommitted: '0', parentPaidIn: '0' })),
      { committed: null, paidIn: null },
    ],
    // committed but nothing paid: committed basis only
    [
      'paid 0',
      fiscalLeverage(capital({ committed: '100', fiscalIn: '40', fiscalPaidIn: '0' })),
      { committed: '2.5000', paidIn: null },
    ], // 100/40
    // exact shares: 150 / (100 × 100/300) = 4.5
    [
      'exact share',
      fiscalLeverage(
        capital({
          committed: '150',
          paidIn: '50',
          fiscalIn: new Dec(100).mul(100).div(300).toString(),
          fiscalPaidIn: '20',
        }),
      ),
      { committed: '4.5000', paidIn: '2.5000' },
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

const child = (
  committed: string,
  paidIn: string,
  fromParentCommitted: string,
  fromParentPaidIn: string,
  fiscalIn: string,
  fiscalPaidIn: string,
): ChildFigures => ({
  committed: new Dec(committed),
  paidIn: new Dec(paidIn),
  fromParentCommitted: new Dec(fromParentCommitted),
  fromParentPaidIn: new Dec(fromParentPaidIn),
  fiscalIn: new Dec(fiscalIn),
  fiscalPaidIn: new Dec(fiscalPaidIn),
});
// SPEC §6 children of M, in 万元
const childrenOfM = [
  child('50000', '20000', '10000', '2000', '6000', '1200'), // A
  child('30000', '15000', '9000', '4500', '5400', '2700'), // B
  child('20000', '5000', '6000', '1500', '3600', '900'), // C
];

describe('subFundLeverage and subFundFiscalLeverage over the direct children', () => {
  it.each([
    ['subFunds, SPEC §6', subFundLeverage(childrenOfM), { committed: '4.0000', paidIn: '5.0000' }], // (500+300+200)/(100+90+60); (200+150+50)/(20+45+15)
    ['subFundsFiscal, SPEC §6', subFundFiscalLeverage(childrenOfM), { committed: '6.6667', paidIn: '8.3333' }], // 1000/(60+54+36); 400/(12+27+9)
    ['subFunds, no children', subFundLeverage([]), { committed: null, paidIn: null }],
    ['subFundsFiscal, no children', subFundFiscalLeverage([]), { committed: null, paidIn: null }],
    // children exist but nothing committed to them yet: 0/0 → null
    [
      'subFunds, children with nothing in',
      subFundLeverage([child('0', '0', '0', '0', '0', '0')]),
      { committed: null, paidIn: null },
    ],
    // a child funded only by social money: parent share 0 → null; fiscal 0 → null
    [
      'subFunds, no parent money',
      subFundLeverage([child('100', '50', '0', '0', '0', '0')]),
      { committed: null, paidIn: null },
    ],
    [
      'subFundsFiscal, no fiscal money',
      subFundFiscalLeverage([child('100', '50', '0', '0', '0', '0')]),
      { committed: null, paidIn: null },
    ],
    // one child: 300 / 90 = 3.3333 (B alone)
    ['subFunds, one child', subFundLeverage([childrenOfM[1]!]), { committed: '3.3333', paidIn: '3.3333' }], // 300/90; 150/45
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('investmentLeverage: Σ round sizes / invested', () => {
  it.each([
    ['230', '65', '3.5385'], // SPEC §6: (100+80+50)/(30+20+15) = 3.538461…
    ['100', '30', '3.3333'], // X alone
    ['65', '65', '1.0000'], // no round sizes recorded: each round counts as the family's own amount
    ['0', '0', null], // nothing invested
  ] as const)('%s / %s = %s', (sizes, invested, expected) => {
    expect(investmentLeverage(sizes, invested)).toBe(expected);
  });
});

/** 财政资金穿透 in decimal.js (40 significant digits), as touyin computed it before the shares became exact fractions. */
/** Whether a / (n / d) × 10^4 is exactly an odd multiple of ½: a tie that half-up rounding decides. */
function isHalfAtFifthPlace(a: bigint, share: Fraction): boolean {
  if (share.n === 0n) return false;
  const twice = a * share.d * 20000n;
  return twice % share.n === 0n && (twice / share.n) % 2n === 1n;
}

function decimalShares(inflows: Inflow[]): Map<number, { committed: Dec; paid: Dec }> {
  const totals = new Map<number, { committed: Dec; paid: Dec }>();
  for (const i of inflows) {
    const t = totals.get(i.fundId) ?? { committed: new Dec(0), paid: new Dec(0) };
    totals.set(i.fundId, { committed: t.committed.plus(i.committed), paid: t.paid.plus(i.paid) });
  }
  const done = new Map<number, { committed: Dec; paid: Dec }>();
  const visit = (f: number): { committed: Dec; paid: Dec } => {
    const known = done.get(f);
    if (known) return known;
    let committed = new Dec(0);
    let paid = new Dec(0);
    for (const i of inflows.filter((x) => x.fundId === f)) {
      if (i.investorType === 'fiscal') {
        committed = committed.plus(i.committed);
        paid = paid.plus(i.paid);
      } else if (i.investorType === 'fund') {
        const up = visit(i.investorFundId!);
        const t = totals.get(i.investorFundId!)!;
        if (!t.committed.isZero()) committed = committed.plus(up.committed.mul(i.committed).div(t.committed));
        if (!t.paid.isZero()) paid = paid.plus(up.paid.mul(i.paid).div(t.paid));
      }
    }
    const share = { committed, paid };
    done.set(f, share);
    return share;
  };
  for (const f of totals.keys()) visit(f);
  return done;
}

describe('exact fiscal shares agree with decimal.js to the fen and to 4 places', () => {
  // A random fund tree (each fund below an earlier one, some also funded by a second earlier fund), each fund with
  // fiscal, soe and social money of random size; compared as the report prints them: 元 to the fen, and the leverage.
  const amount = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: 1000n }));
  const fundSpec = fc.record({
    parent: fc.nat(),
    second: fc.option(fc.nat()),
    fromParent: amount,
    fromSecond: amount,
    fiscal: amount,
    soe: amount,
    social: amount,
    paidPart: fc.integer({ min: 0, max: 100 }),
  });
  it('for random trees of up to 30 funds, up to 6 levels', () => {
    fc.assert(
      fc.property(fc.array(fundSpec, { minLength: 1, maxLength: 30 }), (specs) => {
        const inflows: Inflow[] = [];
        const paid = (x: bigint, part: number) => String((x * BigInt(part)) / 100n);
        specs.forEach((f, i) => {
          const id = i + 1;
          const add = (investorType: Inflow['investorType'], x: bigint, investorFundId: number | null = null) =>
            inflows.push({ fundId: id, investorType, investorFundId, committed: String(x), paid: paid(x, f.paidPart) });
          add('fiscal', f.fiscal);
          add('soe', f.soe);
          add('social', f.social);
          if (i > 0) add('fund', f.fromParent, 1 + (f.parent % i));
          if (i > 1 && f.second !== null) add('fund', f.fromSecond, 1 + (f.second % i));
        });
        const exact = fiscalFlows(inflows);
        const reference = decimalShares(inflows);
        for (const [fund, share] of reference) {
          const committed = inflows.filter((x) => x.fundId === fund).reduce((a, x) => a + BigInt(x.committed), 0n);
          const mine = exact.get(fund)!;
          expect(fenToYuan(mine.committed)).toBe(fenToYuan(share.committed));
          expect(fenToYuan(mine.paid)).toBe(fenToYuan(share.paid));
          // decimal.js holds the share to 40 digits, so on an exact half at the 5th place (committed / share =
          // …x.xxxx5 exactly, as in 7.6e26 = 4 fen of fiscal money under 1.5e15 of others) its quotient falls a hair
          // below and rounds down, where the exact fraction rounds half up. There the exact answer is checked itself.
          const exactRatio = ratio(committed, mine.committed);
          if (isHalfAtFifthPlace(committed, mine.committed))
            expect(exactRatio).toBe(integerQuotient(committed * mine.committed.d, mine.committed.n, 4));
          else expect(exactRatio).toBe(ratio(committed, share.committed));
        }
      }),
      { numRuns: 500 },
    );
  });
});
