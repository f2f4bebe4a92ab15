import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/domain/decimal';
import {
  categoryWeightDefaults,
  creditedAmount,
  reinvestment,
  type Rule,
  type SubjectCredit,
  type Weights,
} from '../../src/domain/reinvestment';

const defaults: Weights = { ...categoryWeightDefaults };
const c = (subject: string, category: SubjectCredit['category'], amount: string | number): SubjectCredit => ({
  subject,
  category,
  amount,
});

describe('creditedAmount: Σ over subjects of max over categories of round_half_up(weight × Σ amount) (fen)', () => {
  it.each([
    [
      'SPEC §6: 30 + 30 + 15 + 15 + 0 = 90 (万元)',
      [
        c('company:X', 'local_company', 3000), // × 1 = 3000
        c('company:Y', 'relocated', 2000), // × 1.5 = 3000
        c('company:Z', 'local_subsidiary', 1500), // × 1 = 1500
        c('project:V', 'sourced_project', 5000), // × 0.3 = 1500
        c('company:W', 'secondary', 1000), // × 0 = 0
      ],
      defaults,
      '9000',
    ],
    ['nothing credited', [], defaults, '0'],
    ['relocated 1 fen × 1.5 = 1.5 fen → 2 fen (half up)', [c('company:1', 'relocated', 1)], defaults, '2'],
    ['sourced_project 5 fen × 0.3 = 1.5 fen → 2 fen', [c('project:1', 'sourced_project', 5)], defaults, '2'],
    ['sourced_project 1 fen × 0.3 = 0.3 fen → 0', [c('project:1', 'sourced_project', 1)], defaults, '0'],
    ['relocated 3 fen × 1.5 = 4.5 → 5 (half up, not half-even 4)', [c('company:1', 'relocated', 3)], defaults, '5'],
    [
      'rounded per subject, then summed: 1.5 → 2 twice is 4, not round(3.0) = 3',
      [c('company:1', 'relocated', 1), c('company:2', 'relocated', 1)],
      defaults,
      '4',
    ],
    [
      'one subject in two categories counts the larger: max(100 × 1, 100 × 1.5) = 150',
      [c('company:1', 'local_company', 100), c('company:1', 'relocated', 100)],
      defaults,
      '150',
    ],
    [
      'upgraded category adds only the difference: max(100, 80 × 1.5 = 120) = 120',
      [c('company:1', 'local_company', 100), c('company:1', 'relocated', 80)],
      defaults,
      '120',
    ],
    [
      'a lower-weighted category can still be the larger figure: max(100 × 1.5, 200 × 1) = 200',
      [c('company:1', 'relocated', 100), c('company:1', 'local_company', 200)],
      defaults,
      '200',
    ],
    [
      'secondary (weight 0) never adds: max(0, 100) = 100',
      [c('company:1', 'secondary', 500), c('company:1', 'local_company', 100)],
      defaults,
      '100',
    ],
    [
      'the same id as company and as project are two subjects: 100 + 100',
      [c('company:1', 'local_company', 100), c('project:1', 'local_subsidiary', 100)],
      defaults,
      '200',
    ],
    [
      'custom weights: relocated 2 → 100 × 2 = 200',
      [c('company:1', 'relocated', 100)],
      { ...defaults, relocated: '2' },
      '200',
    ],
    [
      'custom weights: secondary 0.5 → 301 × 0.5 = 150.5 → 151',
      [c('company:1', 'secondary', 301)],
      { ...defaults, secondary: '0.5' },
      '151',
    ],
  ] as const)('%s', (_name, credits, weights, expected) => {
    expect(creditedAmount([...credits], weights).toString()).toBe(expected);
  });
});

const rule = (multiple: string, base: Rule['base'] = 'parent_committed'): Rule => ({
  multiple,
  base,
  weights: defaults,
});
const fen = (v: string | number) => new Dec(v);

describe('reinvestment: required = k × base, rate, gap, paceOk', () => {
  it.each([
    [
      // SPEC §6 A: k 1.2 × base 100,000,000 元; credited 90,000,000; invested 65,000,000 of committed 500,000,000
      'SPEC §6 A',
      rule('1.2'),
      '10000000000',
      '9000000000',
      '6500000000',
      '50000000000',
      // required 1.2 × 1亿 = 1.2亿; rate 0.9/1.2 = 0.75; gap 1.2 − 0.9 = 0.3亿; paceOk: 65/500 = 0.13 < 0.5 → true
      {
        multiple: '1.2000',
        base: 'parent_committed',
        required: '120000000.00',
        credited: '90000000.00',
        rate: '0.7500',
        gap: '30000000.00',
        paceOk: true,
      },
    ],
    [
      'k = 0: no requirement; every field but multiple and base is null',
      rule('0', 'fund_paid'),
      '10000000000',
      '9000000000',
      '6500000000',
      '50000000000',
      { multiple: '0.0000', base: 'fund_paid', required: null, credited: null, rate: null, gap: null, paceOk: null },
    ],
    [
      'k written as 0.00 is still 0',
      rule('0.00'),
      '100',
      '0',
      '0',
      '100',
      {
        multiple: '0.0000',
        base: 'parent_committed',
        required: null,
        credited: null,
        rate: null,
        gap: null,
        paceOk: null,
      },
    ],
    [
      // credited 150 over required 1 × 120: rate 1.25, gap max(0, 120 − 150) = 0
      'over-credited: gap 0, rate above 1',
      rule('1'),
      '12000',
      '15000',
      '0',
      '12000',
      {
        multiple: '1.0000',
        base: 'parent_committed',
        required: '120.00',
        credited: '150.00',
        rate: '1.2500',
        gap: '0.00',
        paceOk: true,
      },
    ],
    [
      // invested/committed = 50/100 = 0.5 (≥ 0.5) and rate 49/100 = 0.49 < 0.5 → behind pace
      'paceOk false at exactly half deployed with rate 0.49',
      rule('1'),
      '10000',
      '4900',
      '5000',
      '10000',
      {
        multiple: '1.0000',
        base: 'parent_committed',
        required: '100.00',
        credited: '49.00',
        rate: '0.4900',
        gap: '51.00',
        paceOk: false,
      },
    ],
    [
      // deployed 0.5, rate 50/100 = 0.5 exactly → on pace
      'paceOk true at rate exactly 0.5',
      rule('1'),
      '10000',
      '5000',
      '5000',
      '10000',
      {
        multiple: '1.0000',
        base: 'parent_committed',
        required: '100.00',
        credited: '50.00',
        rate: '0.5000',
        gap: '50.00',
        paceOk: true,
      },
    ],
    [
      // deployed 4999/10000 = 0.4999 < 0.5 → no pace requirement yet, even with nothing credited
      'paceOk true just under half deployed',
      rule('1'),
      '10000',
      '0',
      '4999',
      '10000',
      {
        multiple: '1.0000',
        base: 'parent_committed',
        required: '100.00',
        credited: '0.00',
        rate: '0.0000',
        gap: '100.00',
        paceOk: true,
      },
    ],
    [
      // required 1.5 × 6667 = 10000.5 fen (→ "100.01"); rate 5000/10000.5 = 0.499975… prints "0.5000" but is behind:
      // pace is judged on the exact rate. gap 5000.5 fen → "50.01"
      'paceOk uses the exact rate, not the printed one',
      rule('1.5'),
      '6667',
      '5000',
      '10000',
      '10000',
      {
        multiple: '1.5000',
        base: 'parent_committed',
        required: '100.01',
        credited: '50.00',
        rate: '0.5000',
        gap: '50.01',
        paceOk: false,
      },
    ],
    [
      // nothing committed: invested/committed has no value, so no pace requirement (SPEC: "otherwise true"); 0/0 rate → null
      'nothing committed yet',
      rule('1.2'),
      '0',
      '0',
      '0',
      '0',
      {
        multiple: '1.2000',
        base: 'parent_committed',
        required: '0.00',
        credited: '0.00',
        rate: null,
        gap: '0.00',
        paceOk: true,
      },
    ],
    [
      // required 1.5 × 1 fen = 1.5 fen → "0.02" out; the rate uses the exact 1.5: 1/1.5 = 0.6667; gap 0.5 fen → "0.01"
      'fractional-fen requirement rounds only for output',
      rule('1.5'),
      '1',
      '1',
      '0',
      '1',
      {
        multiple: '1.5000',
        base: 'parent_committed',
        required: '0.02',
        credited: '0.01',
        rate: '0.6667',
        gap: '0.01',
        paceOk: true,
      },
    ],
  ] as const)('%s', (_name, r, base, credited, invested, committed, expected) => {
    expect(reinvestment(r, fen(base), fen(credited), fen(invested), fen(committed))).toEqual(expected);
  });
});

/** SPEC §6 in decimal.js (40 significant digits, half up), as touyin computed 返投 before it moved to BigInt. */
function decimalReference(r: Rule, base: bigint, credited: bigint, invested: bigint, committed: bigint) {
  const k = new Dec(r.multiple);
  const multiple = k.toFixed(4);
  if (k.isZero())
    return { multiple, base: r.base, required: null, credited: null, rate: null, gap: null, paceOk: null };
  const [b, c, i, m] = [base, credited, invested, committed].map((x) => new Dec(x.toString())) as [Dec, Dec, Dec, Dec];
  const required = k.mul(b);
  const yuan = (x: Dec) => x.toDecimalPlaces(0).div(100).toFixed(2);
  const rate = required.isZero() ? null : c.div(required).toFixed(4);
  const deployed = m.isZero() ? null : i.div(m);
  const paceOk = deployed !== null && deployed.gte(0.5) ? required.isZero() || c.div(required).gte(0.5) : true;
  return {
    multiple,
    base: r.base,
    required: yuan(required),
    credited: yuan(c),
    rate,
    gap: yuan(Dec.max(0, required.minus(c))),
    paceOk,
  };
}

describe('返投 in BigInt is decimal.js to the digit', () => {
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 4 }))
    .map(([int, frac, places]) =>
      places === 0 ? String(int) : `${int}.${String(frac).padStart(4, '0').slice(0, places)}`,
    );
  // Whole fen up to 10^18, often small and near each other so ties, halves and equal figures come up.
  const fenAmount = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.bigInt({ min: 0n, max: 200n }));

  it('required, rate, gap and pace for any k (up to 4 places) and amounts', () => {
    fc.assert(
      fc.property(decimal, fenAmount, fenAmount, fenAmount, fenAmount, (k, base, credited, invested, committed) => {
        expect(reinvestment(rule(k), base, credited, invested, committed)).toEqual(
          decimalReference(rule(k), base, credited, invested, committed),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('credited amounts for any weights: Σ over subjects of max(round_half_up(weight × amount))', () => {
    const credit = fc.record({
      subject: fc.constantFrom('company:1', 'company:2', 'project:1'),
      category: fc.constantFrom(...(Object.keys(categoryWeightDefaults) as SubjectCredit['category'][])),
      amount: fenAmount.map(String),
    });
    const weights = fc.record(
      Object.fromEntries(Object.keys(categoryWeightDefaults).map((k) => [k, decimal])) as Record<
        keyof Weights,
        typeof decimal
      >,
    );
    fc.assert(
      fc.property(fc.array(credit, { maxLength: 8 }), weights, (credits, w) => {
        const best = new Map<string, Dec>();
        for (const c of credits) {
          const weighted = new Dec(c.amount).mul(w[c.category]).toDecimalPlaces(0);
          if (!best.has(c.subject) || weighted.gt(best.get(c.subject)!)) best.set(c.subject, weighted);
        }
        const expected = [...best.values()].reduce((a, b) => a.plus(b), new Dec(0));
        expect(creditedAmount(credits, w).toString()).toBe(expected.toFixed(0));
      }),
      { numRuns: 2000 },
    );
  });
});
