import type { TestApp } from './helpers';

/**
 * A family with a grandchild, every flow on a date chosen so the figures can be derived by hand (2021 and 2022 are
 * common years: 2021-01-01 → 2022-01-01 → 2023-01-01 are steps of 365 days, so the flows are polynomials in
 * x = 1/(1 + r)).
 *
 * M (mother): fiscal 100M committed, 40M paid 2021-01-01; NAV 45M (2022-12-31).
 * A (sub of M, k = 1.2): M 50M committed, 20M paid 2021-01-01; social 50M, 20M paid 2021-01-01.
 *   Distributes 6M 2022-01-01 (and 9M in 2023, after the as-of date). NAV 30M (2022-06-30), 42M (2022-12-31),
 *   99M (2023-06-30, after). Invests X 8M (天使轮; sme, hightech, private) 2021-03-01, Y 12M (B; specialized)
 *   2021-06-01, exited 2022-10-01 for 15M; Z 5M (A轮) 2023-05-01 (after).
 * G (sub of A): A 10M committed, paid 2021-01-01; social 30M, 10M paid 2021-01-01 and 20M 2022-06-01.
 *   Distributes 4M 2022-01-01 (A's share then 10/20); NAV 44M 2022-12-31 (A's share on D 10/40).
 */
export const D = '2023-01-01';

/**
 * Builds the family through the API of `t` (the Node app or the worker on D1); names are suffixed with `tag` so
 * several families can share one database.
 */
export async function buildPerformanceFamily(t: Pick<TestApp, 'create' | 'ok'>, tag = '') {
  const M = await t.create('/api/funds', { name: `业绩母基金${tag}`, level: 'mother' });
  const A = await t.create('/api/funds', {
    name: `业绩子基金${tag}`,
    level: 'sub',
    parentId: M.id,
    reinvestment: { multiple: '1.2' },
  });
  const G = await t.create('/api/funds', { name: `业绩孙基金${tag}`, level: 'sub', parentId: A.id });
  const B = await t.create('/api/funds', { name: `另一子基金${tag}`, level: 'sub', parentId: M.id });
  const pay = async (fundId: number, commitment: object, payments: [string, string][]) => {
    const m = await t.create(`/api/funds/${fundId}/commitments`, { committedOn: '2021-01-01', ...commitment });
    for (const [amount, paidOn] of payments)
      await t.create(`/api/commitments/${m.id}/contributions`, { amount, paidOn });
  };
  await pay(M.id, { investorType: 'fiscal', investorName: '区财政局', amount: '100000000' }, [
    ['40000000', '2021-01-01'],
  ]);
  await pay(A.id, { investorType: 'fund', investorFundId: M.id, amount: '50000000' }, [['20000000', '2021-01-01']]);
  await pay(A.id, { investorType: 'social', investorName: '社会出资人甲', amount: '50000000' }, [
    ['20000000', '2021-01-01'],
  ]);
  await pay(G.id, { investorType: 'fund', investorFundId: A.id, amount: '10000000' }, [['10000000', '2021-01-01']]);
  await pay(G.id, { investorType: 'social', investorName: '社会出资人乙', amount: '30000000' }, [
    ['10000000', '2021-01-01'],
    ['20000000', '2022-06-01'],
  ]);
  await pay(B.id, { investorType: 'fund', investorFundId: M.id, amount: '10000000' }, [['5000000', '2021-01-01']]);

  await t.create(`/api/funds/${A.id}/distributions`, { amount: '6000000', paidOn: '2022-01-01', kind: 'income' });
  await t.create(`/api/funds/${A.id}/distributions`, {
    amount: '9000000',
    paidOn: '2023-03-01',
    kind: 'return_of_capital',
  });
  await t.create(`/api/funds/${G.id}/distributions`, {
    amount: '4000000',
    paidOn: '2022-01-01',
    kind: 'return_of_capital',
  });
  await t.create(`/api/funds/${M.id}/valuations`, { nav: '45000000', on: '2022-12-31' });
  await t.create(`/api/funds/${A.id}/valuations`, { nav: '30000000', on: '2022-06-30' });
  await t.create(`/api/funds/${A.id}/valuations`, { nav: '42000000', on: '2022-12-31' });
  await t.create(`/api/funds/${A.id}/valuations`, { nav: '99000000', on: '2023-06-30' });
  await t.create(`/api/funds/${G.id}/valuations`, { nav: '44000000', on: '2022-12-31' });

  const X = await t.create('/api/companies', {
    name: `天使科技${tag}有限公司`,
    flags: { sme: true, hightech: true, private: true },
  });
  const Y = await t.create('/api/companies', { name: `专精制造${tag}有限公司`, flags: { specialized: true } });
  await t.create(`/api/funds/${A.id}/investments`, {
    companyId: X.id,
    amount: '8000000',
    investedOn: '2021-03-01',
    round: '天使轮',
  });
  const y = await t.create(`/api/funds/${A.id}/investments`, {
    companyId: Y.id,
    amount: '12000000',
    investedOn: '2021-06-01',
    round: 'B',
  });
  await t.create(`/api/funds/${A.id}/investments`, {
    company: { name: `后投企业${tag}有限公司` },
    amount: '5000000',
    investedOn: '2023-05-01',
    round: 'A轮',
  });
  await t.ok('POST', `/api/investments/${y.id}/exit`, { exitedOn: '2022-10-01', exitProceeds: '15000000' });

  await t.create('/api/indicator-thresholds', {
    indicator: 'idleShare',
    comparison: 'lte',
    value: '0.3',
    label: '闲置资金不超过三成',
  });
  await t.create('/api/indicator-thresholds', { indicator: 'tvpi', comparison: 'gte', value: '1' });
  await t.create('/api/indicator-thresholds', { indicator: 'irr', comparison: 'gte', value: '0.08' });
  const mgrA = await t.create('/api/users', { username: `perf-mgr-a${tag}`, role: 'manager', fundIds: [A.id] });
  const mgrB = await t.create('/api/users', { username: `perf-mgr-b${tag}`, role: 'manager', fundIds: [B.id] });
  return {
    M: M.id as number,
    A: A.id as number,
    G: G.id as number,
    B: B.id as number,
    y: y.id as number,
    mgrA: mgrA.token as string,
    mgrB: mgrB.token as string,
  };
}

/** The whole performance body of A as of D, each figure derived beside it. */
export const subFundBody = (w: { A: number; G: number }) => ({
  fundId: w.A,
  asOf: D,
  paidIn: '40000000.00', // 20M (M) + 20M (social); the 2023 records are after D
  distributed: '6000000.00',
  nav: '42000000.00', // the latest valuation ≤ D (30M of 2022-06-30 is older, 99M of 2023 is later)
  dpi: '0.1500', // 6 / 40
  rvpi: '1.0500', // 42 / 40
  tvpi: '1.2000', // (6 + 42) / 40
  // −40 + 6x + 42x² = 0 → x = (−6 + √6756) / 84 = 0.907082… → r = 0.102436…
  irr: '0.1024',
  appreciation: '0.2000', // (6 + 42 − 40) / 40
  indicators: {
    socialShare: '0.5000', // 50 / (50 + 50)
    paidRatio: '0.4000', // 40 / 100
    // cash = 40 paid + 15 exit + 2 (its share of G's 4M: 10/20) − 20 invested − 10 paid into G − 6 distributed = 21
    idleShare: '0.5250', // 21 / 40
    earlyShare: '0.4000', // 天使轮 8 / (8 + 12); the A轮 of 2023 is after D
    smallShare: '0.4000', // sme: 8 / 20
    techShare: '1.0000', // hightech 8 + specialized 12
    privateShare: '0.4000', // 8 / 20
    reinvestmentMultiple: '1.2000',
  },
  children: [
    {
      fundId: w.G,
      contributed: '10000000.00',
      distributed: '2000000.00', // 4M × 10/20 (A's paid-in share on 2022-01-01)
      nav: '11000000.00', // 44M × 10/40 (its share on D, after the social LP's 20M of 2022-06-01)
      dpi: '0.2000', // 2 / 10
      rvpi: '1.1000', // 11 / 10
      tvpi: '1.3000', // 13 / 10
      // −10 + 2x + 11x² = 0 → x = (−2 + √444) / 22 = 0.866877… → r = 0.153565…
      irr: '0.1536',
      appreciation: '0.3000',
    },
  ],
  checks: [
    { indicator: 'idleShare', comparison: 'lte', value: '0.3000', actual: '0.5250', met: false },
    { indicator: 'tvpi', comparison: 'gte', value: '1.0000', actual: '1.2000', met: true },
    { indicator: 'irr', comparison: 'gte', value: '0.0800', actual: '0.1024', met: true },
  ],
});
