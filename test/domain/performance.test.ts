import { describe, expect, it } from 'vitest';
import { Dec, fixed4 } from '../../src/domain/decimal';
import {
  checkThreshold,
  isEarlyRound,
  parentView,
  performance,
  performanceOut,
  npvSigns,
  policyIndicators,
  xirr,
  type DatedAmount,
  type InvestmentSlice,
  type PolicyInputs,
} from '../../src/domain/performance';

const flow = (on: string, fen: number | string): DatedAmount => ({ on, fen });
const rate = (flows: DatedAmount[]) => {
  const r = xirr(flows);
  return r === null ? null : fixed4(r);
};

describe('xirr: bisection on [−0.9999, 100] to 1e-10, 4 places; null without a sign change at the ends', () => {
  it.each([
    ['1000 grows to 1100 in 365 days: 10%', [flow('2023-01-01', -1000), flow('2024-01-01', 1100)], '0.1000'],
    // 2024 has 366 days: (1 + r)^(366/365) = 1.1 → r = 1.1^(365/366) − 1 = 0.099713…
    ['the same over a leap year (366 days)', [flow('2024-01-01', -1000), flow('2025-01-01', 1100)], '0.0997'],
    ['half lost in a year: −50%', [flow('2023-01-01', -1000), flow('2024-01-01', 500)], '-0.5000'],
    // 1000 × 1.1² + 1000 × 1.1 = 1210 + 1100 = 2310 (2021 and 2022 are common years: 365-day steps)
    [
      'two calls, one return',
      [flow('2021-01-01', -1000), flow('2022-01-01', -1000), flow('2023-01-01', 2310)],
      '0.1000',
    ],
    // 210x² + 30x − 200 = 0 with x = 1/(1 + r): x = (√168900 − 30) / 420 = 0.907082… → r = 0.102436…
    ['a distribution and a nav', [flow('2021-01-01', -200), flow('2022-01-01', 30), flow('2023-01-01', 210)], '0.1024'],
    [
      'flows in any order, same-day flows added',
      [flow('2024-01-01', 1100), flow('2023-01-01', -400), flow('2023-01-01', -600)],
      '0.1000',
    ],
    ['money back unchanged: zero', [flow('2024-01-01', -100), flow('2024-07-01', 100)], '0.0000'],
    // r = 999960/1000000 − 1 = −0.00004: rounds to zero and prints without a sign
    [
      'a rate that rounds to zero from below: "0.0000", never "-0.0000"',
      [flow('2023-01-01', -1000000), flow('2024-01-01', 999960)],
      '0.0000',
    ],
    ['only money in: no sign change → null', [flow('2023-01-01', -1000), flow('2024-01-01', -100)], null],
    ['only money out: null', [flow('2023-01-01', 1000)], null],
    ['no flows: null', [], null],
    // r = 199 lies outside [−0.9999, 100]: NPV is positive at both ends
    ['a root above 100: null', [flow('2023-01-01', -1), flow('2024-01-01', 200)], null],
    // −100 + 230x − 132x² has roots at 1 + r = 1.1 and 1.2, and is negative at both ends
    [
      'two roots, same sign at both ends: null',
      [flow('2021-01-01', -100), flow('2022-01-01', 230), flow('2023-01-01', -132)],
      null,
    ],
    [
      'everything on one day, netting to zero: NPV 0 at both ends → null',
      [flow('2024-01-01', -100), flow('2024-01-01', 100)],
      null,
    ],
  ] as const)('%s → %s', (_name, flows, expected) => {
    expect(rate([...flows])).toBe(expected);
  });

  it('stops within 1e-10 of the root', () => {
    const r = xirr([flow('2023-01-01', -1000), flow('2024-01-01', 1100)]) as Dec;
    expect(r.minus('0.1').abs().lt('1e-10')).toBe(true);
  });
});

describe('performance: dpi, rvpi, tvpi, appreciation over paid-in; irr over the dated flows', () => {
  const yi = 10_000_000_000; // 1亿元 in fen

  it('API.md figures: paid 2亿, distributed 0.3亿, nav 2.1亿', () => {
    const p = performance([flow('2021-01-01', 2 * yi)], [flow('2022-01-01', 0.3 * yi)], 2.1 * yi, '2023-01-01');
    expect(performanceOut(p)).toEqual({
      paidIn: '200000000.00',
      distributed: '30000000.00',
      nav: '210000000.00',
      dpi: '0.1500', // 0.3 / 2
      rvpi: '1.0500', // 2.1 / 2
      tvpi: '1.2000', // (0.3 + 2.1) / 2
      irr: '0.1024', // −2 on day 0, +0.3 on day 365, +2.1 (nav on D) on day 730: the closed form above
      appreciation: '0.2000', // (0.3 + 2.1 − 2) / 2
    });
  });

  it('sees only flows dated ≤ D', () => {
    const p = performance(
      [flow('2021-01-01', 100), flow('2023-01-02', 999)], // the second call is after D
      [flow('2023-01-01', 121), flow('2023-02-01', 50)], // the second distribution is after D
      0,
      '2023-01-01',
    );
    expect(performanceOut(p)).toMatchObject({
      paidIn: '1.00',
      distributed: '1.21',
      nav: '0.00',
      dpi: '1.2100',
      rvpi: '0.0000',
      tvpi: '1.2100',
      appreciation: '0.2100',
    });
    expect(fixed4(p.irr as Dec)).toBe('0.1000'); // 100 → 121 over 730 days: 1.1² (no nav flow when nav is 0)
  });

  it('tvpi from the exact sum, not from rounded dpi + rvpi', () => {
    const p = performanceOut(performance([flow('2024-01-01', 6)], [flow('2024-06-01', 1)], 1, '2024-12-31'));
    expect([p.dpi, p.rvpi, p.tvpi]).toEqual(['0.1667', '0.1667', '0.3333']); // 1/6, 1/6, 2/6 (0.1667 + 0.1667 would be 0.3334)
  });

  it('below cost: negative appreciation and irr', () => {
    const p = performanceOut(performance([flow('2021-01-01', 100)], [], 90, '2022-01-01'));
    expect(p).toMatchObject({ rvpi: '0.9000', tvpi: '0.9000', appreciation: '-0.1000', irr: '-0.1000' }); // 100 → 90 in 365 days
  });

  it('nothing paid in: every ratio null, money "0.00"', () => {
    expect(performanceOut(performance([], [], 500, '2024-12-31'))).toEqual({
      paidIn: '0.00',
      distributed: '0.00',
      nav: '5.00',
      dpi: null,
      rvpi: null,
      tvpi: null,
      irr: null, // only a positive flow: no sign change
      appreciation: null,
    });
  });
});

describe('parentView (出资人视角): own contributions, pro-rata distributions and nav', () => {
  const wan = 1_000_000; // 1万元 in fen
  const child = {
    parentContributions: [
      flow('2024-01-01', 2000 * wan),
      flow('2024-07-01', 1000 * wan),
      flow('2025-09-01', 500 * wan),
    ],
    childContributions: [
      flow('2024-01-01', 2000 * wan), // the parent
      flow('2024-01-01', 3000 * wan),
      flow('2024-07-01', 1000 * wan), // the parent
      flow('2024-07-01', 4000 * wan),
      flow('2025-09-01', 500 * wan), // the parent, after D
    ],
    distributions: [
      flow('2024-06-30', 500 * wan), // parent paid 2000 of 5000 by then: 0.4 → 200
      flow('2024-07-01', 1000 * wan), // that day's calls count: 3000 of 10000 = 0.3 → 300
      flow('2024-12-31', 2000 * wan), // 0.3 → 600
      flow('2025-08-01', 9999 * wan), // after D
    ],
    nav: 12000 * wan, // 0.3 → 3600
  };

  it('shares by paid-in on each day; ratios on the parent\u2019s own flows', () => {
    const p = parentView(child, '2025-06-30');
    expect(performanceOut(p)).toMatchObject({
      paidIn: '30000000.00', // 2000 + 1000 万 (the 2025-09-01 call is after D)
      distributed: '11000000.00', // 200 + 300 + 600 万
      nav: '36000000.00', // 12000 × 3000/10000
      dpi: '0.3667', // 1100 / 3000
      rvpi: '1.2000', // 3600 / 3000
      tvpi: '1.5667', // 4700 / 3000
      appreciation: '0.5667', // 1700 / 3000
    });
    const own = [
      flow('2024-01-01', -2000 * wan),
      flow('2024-07-01', -1000 * wan),
      flow('2024-06-30', 200 * wan),
      flow('2024-07-01', 300 * wan),
      flow('2024-12-31', 600 * wan),
      flow('2025-06-30', 3600 * wan),
    ];
    expect(p.irr?.eq(xirr(own) as Dec)).toBe(true); // irr of exactly the parent's flows
  });

  it('a 25% LP of a child that returns 10% in a year earns 10%', () => {
    const p = parentView(
      {
        parentContributions: [flow('2021-01-01', 100)],
        childContributions: [flow('2021-01-01', 100), flow('2021-01-01', 300)],
        distributions: [flow('2022-01-01', 440)],
        nav: 0,
      },
      '2022-01-01',
    );
    expect(performanceOut(p)).toMatchObject({ paidIn: '1.00', distributed: '1.10', dpi: '1.1000', irr: '0.1000' }); // 440 × 100/400 = 110
  });

  it('keeps shares exact: a third of three 100-fen distributions is 100 fen, not 3 × 33', () => {
    const p = parentView(
      {
        parentContributions: [flow('2024-01-01', 100)],
        childContributions: [flow('2024-01-01', 100), flow('2024-01-01', 200)],
        distributions: [flow('2024-02-01', 100), flow('2024-03-01', 100), flow('2024-04-01', 100)],
        nav: 0,
      },
      '2024-12-31',
    );
    expect(performanceOut(p)).toMatchObject({ distributed: '1.00', dpi: '1.0000' }); // 3 × 33.33… fen = 99.99… → 1.00 元
  });

  it('a distribution before any paid-in is nobody\u2019s share', () => {
    const p = parentView(
      {
        parentContributions: [flow('2024-03-01', 100)],
        childContributions: [flow('2024-03-01', 100)],
        distributions: [flow('2024-02-01', 50)],
        nav: 0,
      },
      '2024-12-31',
    );
    expect(performanceOut(p).distributed).toBe('0.00');
  });
});

describe('isEarlyRound (投早): 种子 / 天使 / PREA / A after removing spaces, punctuation, symbols and a trailing 轮', () => {
  it.each([
    ['天使轮', true],
    ['天使', true],
    ['种子轮', true],
    ['Pre-A轮', true], // → PREA
    ['pre-a', true],
    ['Pre A', true],
    ['PreA+', true],
    ['A+', true], // + is a symbol → A
    ['A轮', true],
    ['a', true],
    [' A 轮 ', true],
    ['A+轮', true],
    ['Ａ轮', true], // full-width Ａ folds to A
    ['B', false],
    ['B轮', false],
    ['Pre-B', false],
    ['A1', false], // not one of the four
    ['Series A', false], // → SERIESA
    ['轮', false],
    ['', false],
    [null, false],
  ] as const)('%j → %s', (round, expected) => {
    expect(isEarlyRound(round)).toBe(expected);
  });
});

describe('policyIndicators (投向指标)', () => {
  const slice = (
    round: string | null,
    fen: number,
    flags: Partial<Omit<InvestmentSlice, 'round' | 'fen'>> = {},
  ): InvestmentSlice => ({
    round,
    fen,
    hightech: false,
    specialized: false,
    sme: false,
    private: false,
    ...flags,
  });
  const inputs: PolicyInputs = {
    committed: 50000,
    socialCommitted: 40000,
    paidIn: 20000,
    exitProceeds: 1000,
    childDistributions: 300,
    paidIntoChildren: 6000,
    distributed: 1500,
    investments: [
      slice('A轮', 3000, { hightech: true, specialized: true, sme: true, private: true }), // both tech flags: counted once
      slice('B', 2000, { specialized: true, private: true }), // 专精特新 counts as 投科技 too
      slice('天使轮', 1500, { private: true }),
      slice(null, 500),
    ],
    multiple: '1.2',
  };
  const out = (p: PolicyInputs) =>
    Object.fromEntries(Object.entries(policyIndicators(p)).map(([k, v]) => [k, v === null ? null : fixed4(v)]));

  it('shares of the fund\u2019s own capital and investments', () => {
    expect(out(inputs)).toEqual({
      socialShare: '0.8000', // 40000 / 50000
      paidRatio: '0.4000', // 20000 / 50000
      idleShare: '0.3400', // (20000 + 1000 + 300 − 7000 − 6000 − 1500) = 6800 / 20000
      earlyShare: '0.6429', // (3000 A + 1500 天使) / 7000 = 0.642857…
      smallShare: '0.4286', // 3000 / 7000 = 0.428571…
      techShare: '0.7143', // (3000 + 2000) / 7000 = 0.714285…
      privateShare: '0.9286', // 6500 / 7000 = 0.928571…
      reinvestmentMultiple: '1.2000', // k, shown as it is
    });
  });

  it('idle cash never below zero; zero denominators give null', () => {
    expect(out({ ...inputs, paidIntoChildren: 30000 }).idleShare).toBe('0.0000'); // cash = −17200 → max(0, …)
    expect(out({ ...inputs, committed: 0, paidIn: 0, investments: [] })).toMatchObject({
      socialShare: null,
      paidRatio: null,
      idleShare: null,
      earlyShare: null,
      smallShare: null,
      techShare: null,
      privateShare: null,
    });
  });
});

describe('checkThreshold: met on the exact figure; null when the figure is null', () => {
  it.each([
    [
      'idleShare ≤ 0.3 with 0.34',
      { indicator: 'idleShare', comparison: 'lte', value: '0.3' },
      new Dec('0.34'),
      { value: '0.3000', actual: '0.3400', met: false },
    ],
    [
      'dpi ≥ 0.15 with exactly 0.15',
      { indicator: 'dpi', comparison: 'gte', value: '0.15' },
      new Dec(3).div(20),
      { value: '0.1500', actual: '0.1500', met: true },
    ],
    [
      'idleShare ≤ 0.34 with exactly 0.34',
      { indicator: 'idleShare', comparison: 'lte', value: '0.34' },
      new Dec('0.34'),
      { value: '0.3400', actual: '0.3400', met: true },
    ],
    // 0.99996 prints as 1.0000 but is below 1
    [
      'tvpi ≥ 1 with 0.99996',
      { indicator: 'tvpi', comparison: 'gte', value: '1' },
      new Dec('0.99996'),
      { value: '1.0000', actual: '1.0000', met: false },
    ],
    [
      'irr ≥ 0.08 with −0.05',
      { indicator: 'irr', comparison: 'gte', value: '0.08' },
      new Dec('-0.05'),
      { value: '0.0800', actual: '-0.0500', met: false },
    ],
    [
      'reinvestmentMultiple ≤ 1 with 1.2',
      { indicator: 'reinvestmentMultiple', comparison: 'lte', value: '1' },
      new Dec('1.2'),
      { value: '1.0000', actual: '1.2000', met: false },
    ],
    [
      'dpi ≥ 0.5 with no figure',
      { indicator: 'dpi', comparison: 'gte', value: '0.5' },
      null,
      { value: '0.5000', actual: null, met: null },
    ],
  ] as const)('%s', (_name, t, actual, expected) => {
    expect(checkThreshold(t, actual)).toEqual({ indicator: t.indicator, comparison: t.comparison, ...expected });
  });
});

describe('xirr decides each bisection step as exact NPVs would (its float fast path changes no midpoint)', () => {
  // The oracle: the same bisection (midpoints at 20 significant digits, as xirr computes them), each sign from the NPV
  // Σ cfᵢ × (1 + r)^(−τᵢ/365) in 40-digit decimals.
  const Mid = Dec.clone({ precision: 20 });
  const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  function oracle(flows: DatedAmount[]) {
    const d0 = flows.map((f) => f.on).sort()[0]!;
    const sign = (r: InstanceType<typeof Mid>) =>
      flows
        .reduce(
          (a, f) => a.plus(new Dec(f.fen).mul(new Dec(r.toString()).plus(1).pow(new Dec(-days(d0, f.on)).div(365)))),
          new Dec(0),
        )
        .cmp(0);
    let [lo, hi] = [new Mid('-0.9999'), new Mid(100)];
    const loSign = sign(lo);
    if (loSign === sign(hi)) return null;
    while (hi.minus(lo).gte('1e-10')) {
      const mid = lo.plus(hi).div(2);
      if (sign(mid) === loSign) lo = mid;
      else hi = mid;
    }
    return lo.plus(hi).div(2).toString();
  }
  let seed = 20261130;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const day = (n: number) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const cases = Array.from({ length: 40 }, (_, k) => {
    const flows: DatedAmount[] = [];
    const n = 2 + Math.floor(next() * 8);
    for (let i = 0; i < n; i++)
      flows.push(
        flow(day(Math.floor(next() * 3000)), (i === 0 ? -1 : next() < 0.5 ? -1 : 1) * Math.floor(next() * 1e10)),
      );
    flows.push(flow(day(3100), Math.floor(next() * 3e10)));
    return [k, flows] as const;
  });
  it.each(cases)('random flows #%i', (_k, flows) => {
    const r = xirr(flows);
    expect(r === null ? null : r.toString()).toBe(oracle(flows));
  });
});

describe('the float NPV decides a sign only when the exact NPV has the same one', () => {
  // Random series (up to 12 flows over 30 years, amounts from 1 fen to 1e13 fen, sums of pro-rata shares too) at
  // random rates across the search's range, and at rates within 1e-9 … 1e-17 of their root, where the NPV is near
  // zero and the float path must hand the step to the exact one.
  let seed = 20261207;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const amount = () => {
    const whole = Math.floor(10 ** (next() * 13));
    return next() < 0.2 ? new Dec(whole).div(3 + Math.floor(next() * 7)).toString() : String(whole || 1);
  };
  const series = Array.from({ length: 60 }, () => {
    const flows: DatedAmount[] = [flow(day(0), `-${amount()}`)];
    const n = 1 + Math.floor(next() * 11);
    const span = 30 + Math.floor(next() * 11_000);
    for (let i = 0; i < n; i++) {
      const fen = amount();
      flows.push(flow(day(Math.floor(next() * span)), next() < 0.4 ? `-${fen}` : fen));
    }
    return flows;
  });
  const rates = () => [
    '-0.9999',
    '100',
    ...Array.from({ length: 8 }, () => (next() < 0.5 ? next() * 2 - 0.9999 : next() * 100).toPrecision(12)),
  ];

  it('at random rates: every float sign is the exact sign, and the float path decides almost all', () => {
    let decided = 0;
    let total = 0;
    for (const flows of series)
      for (const r of rates()) {
        const s = npvSigns(flows, r);
        total++;
        if (s.float !== null) {
          decided++;
          expect({ r, flows, sign: s.float }).toEqual({ r, flows, sign: s.exact });
        }
      }
    expect(decided / total).toBeGreaterThan(0.95);
  });

  it('next to a root (NPV near zero): every float sign is the exact sign, and the thinnest are left to the exact path', () => {
    let thin = 0;
    let cases = 0;
    for (const flows of series) {
      const root = xirr(flows);
      if (root === null) continue;
      for (const gap of ['1e-9', '1e-11', '1e-13', '1e-15', '1e-17'])
        for (const r of [root.minus(gap), root.plus(gap), root]) {
          if (r.lte('-0.9999')) continue;
          const s = npvSigns(flows, r);
          cases++;
          if (s.float === null) thin++;
          else expect({ r: r.toString(), flows, sign: s.float }).toEqual({ r: r.toString(), flows, sign: s.exact });
        }
    }
    expect(cases).toBeGreaterThan(100);
    expect(thin).toBeGreaterThan(0);
    expect(thin).toBeLessThan(cases);
  });
});
