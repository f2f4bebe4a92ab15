import { describe, expect, it } from 'vitest';
import { median, medianOffsets, middleValues, outcomes, type OutcomeAggregates } from '../../src/domain/outcomes';

describe('medianOffsets: the 0-based positions of a sorted sample holding its median', () => {
  it.each([
    [1, { offset: 0, count: 1 }], // [x]
    [2, { offset: 0, count: 2 }], // [x, y]
    [3, { offset: 1, count: 1 }], // [a, x, b]
    [4, { offset: 1, count: 2 }], // [a, x, y, b]
    [5, { offset: 2, count: 1 }],
    [10, { offset: 4, count: 2 }], // positions 4 and 5
  ])('n = %d → %j', (n, expected) => {
    expect(medianOffsets(n)).toEqual(expected);
  });
});

describe('middleValues: the median positions read off a histogram of (value, count), ascending', () => {
  it.each([
    // sample 51, 109 (the worked example's days to sign): n = 2 → positions 0 and 1
    [
      [
        { value: 51, count: 1 },
        { value: 109, count: 1 },
      ],
      2,
      [51, 109],
    ],
    // sample 3,3,3,7: n = 4 → positions 1 and 2 both inside the run of 3s
    [
      [
        { value: 3, count: 3 },
        { value: 7, count: 1 },
      ],
      4,
      [3, 3],
    ],
    // sample 1,2,2,9,9: n = 5 → position 2, the second 2
    [
      [
        { value: 1, count: 1 },
        { value: 2, count: 2 },
        { value: 9, count: 2 },
      ],
      5,
      [2],
    ],
    // sample 1,1,4,4: n = 4 → positions 1 and 2 straddle two values
    [
      [
        { value: 1, count: 2 },
        { value: 4, count: 2 },
      ],
      4,
      [1, 4],
    ],
    // one value: n = 1 → itself
    [[{ value: 42, count: 1 }], 1, [42]],
    // empty sample → none
    [[], 0, []],
  ] as const)('%j with n = %i → %j', (histogram, n, expected) => {
    expect(middleValues([...histogram], n)).toEqual(expected);
  });
});

describe('median: one decimal from the middle value(s); null for an empty sample', () => {
  it.each([
    [{ n: 0, middle: [] }, null],
    [{ n: 1, middle: [45] }, '45.0'],
    [{ n: 2, middle: [51, 109] }, '80.0'], // SPEC §6 medianDaysToSign: (51 + 109) / 2
    [{ n: 2, middle: [42, 45] }, '43.5'], // SPEC §6 medianDaysToRegister: (45 + 42) / 2
    [{ n: 3, middle: [20] }, '20.0'],
    [{ n: 4, middle: [20, 31] }, '25.5'], // (20 + 31) / 2
    [{ n: 2, middle: [0, 0] }, '0.0'], // same-day steps are a sample of zeros, not an empty one
    [{ n: 2, middle: [-3, -2] }, '-2.5'], // a date entered before the report: negative days stay exact
    [{ n: 2, middle: [-1, 0] }, '-0.5'],
    [{ n: 2, middle: [-1, 1] }, '0.0'],
  ])('%j → %s', (sample, expected) => {
    expect(median(sample)).toBe(expected);
  });
});

const none = { negotiating: 0, signed: 0, registered: 0, started: 0, completed: 0, producing: 0 };
const aggregates = (a: Partial<OutcomeAggregates>): OutcomeAggregates => ({
  leads: 0,
  reached: none,
  dropped: 0,
  investmentLinked: 0,
  bigSigned: 0,
  overdue: 0,
  plannedTotalFen: '0',
  arrivedFen: '0',
  signDays: { n: 0, middle: [] },
  registerDays: { n: 0, middle: [] },
  ...a,
});

describe('outcomes: rates over signed projects, arrival over planned total, multiple over invested', () => {
  it('SPEC §6 A as of 2024-12-31', () => {
    const a = aggregates({
      leads: 4,
      reached: { negotiating: 3, signed: 2, registered: 2, started: 1, completed: 0, producing: 0 },
      dropped: 1,
      investmentLinked: 1,
      bigSigned: 1,
      overdue: 1,
      plannedTotalFen: '38000000000', // 3亿 + 0.8亿
      arrivedFen: '12000000000', // 0.6亿 + 0.4亿 + 0.2亿
      signDays: { n: 2, middle: [51, 109] },
      registerDays: { n: 2, middle: [42, 45] },
    });
    expect(outcomes(a, '6500000000')).toEqual({
      leads: 4,
      reached: { negotiating: 3, signed: 2, registered: 2, started: 1, completed: 0, producing: 0 },
      dropped: 1,
      landed: 2, // = reached registered
      investmentLinked: 1,
      introduced: 1, // landed 2 − linked 1
      bigSigned: 1,
      overdue: 1,
      rates: {
        sign: '0.5000', // 2 / 4
        registration: '1.0000', // 2 / 2
        start: '0.5000', // 1 / 2
        production: '0.0000', // 0 / 2
        arrival: '0.3158', // 120 / 380 = 0.315789…
      },
      plannedTotal: '380000000.00',
      arrived: '120000000.00',
      attractionMultiple: '5.8462', // 380 / 65 = 5.846153…
      medianDaysToSign: '80.0',
      medianDaysToRegister: '43.5',
    });
  });

  it('no leads: every rate and median null, money "0.00"; the multiple is 0 over a non-zero investment', () => {
    expect(outcomes(aggregates({}), '6500000000')).toEqual({
      leads: 0,
      reached: none,
      dropped: 0,
      landed: 0,
      investmentLinked: 0,
      introduced: 0,
      bigSigned: 0,
      overdue: 0,
      rates: { sign: null, registration: null, start: null, production: null, arrival: null },
      plannedTotal: '0.00',
      arrived: '0.00',
      attractionMultiple: '0.0000', // 0 / 65
      medianDaysToSign: null,
      medianDaysToRegister: null,
    });
  });

  it.each([
    [
      'nothing invested → attractionMultiple null',
      aggregates({ leads: 1, reached: { ...none, negotiating: 1, signed: 1 }, plannedTotalFen: '100' }),
      '0',
      'attractionMultiple',
      null,
    ],
    [
      'leads but none signed → sign 0, other rates null',
      aggregates({ leads: 3 }),
      '1',
      'rates',
      { sign: '0.0000', registration: null, start: null, production: null, arrival: null },
    ],
    // signed projects with a planned total of 0 → arrival 0/0 → null
    [
      'signed with planned total 0 → arrival null',
      aggregates({ leads: 1, reached: { ...none, negotiating: 1, signed: 1 } }),
      '1',
      'rates',
      { sign: '1.0000', registration: '0.0000', start: '0.0000', production: '0.0000', arrival: null },
    ],
    [
      'arrival 1/32 = 0.03125 → half up',
      aggregates({ leads: 1, reached: { ...none, signed: 1 }, plannedTotalFen: '3200', arrivedFen: '100' }),
      '1',
      'rates',
      { sign: '1.0000', registration: '0.0000', start: '0.0000', production: '0.0000', arrival: '0.0313' },
    ],
    [
      'sign 2/3 = 0.6666… → 0.6667',
      aggregates({ leads: 3, reached: { ...none, signed: 2, registered: 1, started: 1, completed: 1, producing: 1 } }),
      '1',
      'rates',
      { sign: '0.6667', registration: '0.5000', start: '0.5000', production: '0.5000', arrival: null },
    ],
    [
      'introduced = landed − linked: 5 − 2',
      aggregates({ reached: { ...none, registered: 5 }, investmentLinked: 2 }),
      '1',
      'introduced',
      3,
    ],
  ] as const)('%s', (_name, a, invested, field, expected) => {
    expect(outcomes(a, invested)[field]).toEqual(expected);
  });
});
