import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

// Small scenarios for SPEC §2 (capital and leverage), each its own fresh database.

async function scenario() {
  const t = await testApp();
  const fund = async (name: string, level: 'mother' | 'sub' | 'direct', parentId?: number) =>
    (await t.create<{ id: number }>('/api/funds', { name, level, parentId })).id;
  /** A commitment (and, when `paid` is given, one contribution) into `fundId`. */
  const commit = async (
    fundId: number,
    investor: Record<string, unknown>,
    amount: string,
    paid?: string,
    committedOn = '2024-01-01',
    paidOn = '2024-02-01',
  ) => {
    const m = await t.create(`/api/funds/${fundId}/commitments`, {
      investorName: '出资人',
      ...investor,
      amount,
      committedOn,
    });
    if (paid !== undefined) await t.create(`/api/commitments/${m.id}/contributions`, { amount: paid, paidOn });
    return m;
  };
  const fiscal = { investorType: 'fiscal' };
  const soe = { investorType: 'soe' };
  const social = { investorType: 'social' };
  const parent = (investorFundId: number) => ({ investorType: 'fund', investorFundId });
  const invest = (
    fundId: number,
    company: { companyId: number } | { company: { name: string } },
    amount: string,
    round: string | null,
    roundSize: string | null,
    investedOn = '2024-03-01',
  ) => t.create(`/api/funds/${fundId}/investments`, { ...company, amount, round, roundSize, investedOn });
  const metrics = (fundId: number, asOf = '2024-12-31') => t.ok('GET', `/api/funds/${fundId}/metrics?asOf=${asOf}`);
  return { t, fund, commit, fiscal, soe, social, parent, invest, metrics };
}

const nullPair = { committed: null, paidIn: null };

describe('zero denominators are null, never Infinity and never an error', () => {
  it('a mother without fiscal money, a sub-fund without parent money, a sub-fund with nothing', async () => {
    const s = await scenario();
    const M = await s.fund('国资母基金', 'mother');
    const S = await s.fund('纯社会资本子基金', 'sub', M);
    const E = await s.fund('尚未募资子基金', 'sub', M);
    await s.commit(M, s.soe, '100', '50');
    await s.commit(S, s.social, '100', '20');

    const m = await s.metrics(M);
    expect(m.capital).toEqual({
      committed: '100.00',
      paidIn: '50.00',
      parentCommitted: null,
      parentPaidIn: null,
      fiscalIn: '0.00',
      fiscalPaidIn: '0.00',
      invested: '0.00',
    });
    expect(m.leverage).toEqual({
      parent: nullPair, // no parent fund
      fiscal: nullPair, // 100 / 0 fiscal
      subFunds: nullPair, // (100 + 0) / (0 + 0) from M
      subFundsFiscal: nullPair, // (100 + 0) / 0 fiscal
      investment: null, // nothing invested
    });

    const sub = await s.metrics(S);
    expect(sub.capital).toEqual({
      committed: '100.00',
      paidIn: '20.00',
      parentCommitted: '0.00',
      parentPaidIn: '0.00',
      fiscalIn: '0.00',
      fiscalPaidIn: '0.00',
      invested: '0.00',
    });
    expect(sub.leverage).toEqual({
      parent: nullPair,
      fiscal: nullPair,
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null,
    });

    const empty = await s.t.get(`/api/funds/${E}/metrics?asOf=2024-12-31`);
    expect(empty.status).toBe(200);
    expect(empty.body.capital.committed).toBe('0.00');
    expect(empty.body.leverage).toEqual({
      parent: nullPair,
      fiscal: nullPair,
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null,
    });

    const report = await s.t.call('GET', '/api/reports/funds?asOf=2024-12-31');
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).not.toMatch(/Infinity|NaN/);
  });
});

describe('rounding half up at 4 places, and fen-rounded money out of exact shares', () => {
  it('parent leverage 20001/20000 = 1.00005 → "1.0001"', async () => {
    const s = await scenario();
    const M = await s.fund('母基金', 'mother');
    const S = await s.fund('子基金', 'sub', M);
    await s.commit(M, s.fiscal, '200', '200');
    await s.commit(S, s.parent(M), '200', '200');
    await s.commit(S, s.social, '0.01', '0.01');
    const r = await s.metrics(S);
    // committed 200.01 / parent 200 = 1.00005: the 5th decimal is exactly 5 → up (half-even would give 1.0000)
    expect(r.leverage.parent).toEqual({ committed: '1.0001', paidIn: '1.0001' });
    // fiscalIn(S) = 200 × 200/200 = 200 → the same ratio
    expect(r.leverage.fiscal).toEqual({ committed: '1.0001', paidIn: '1.0001' });
  });

  it('half a fen of fiscal money prints as 0.01 but ratios use the exact 0.5 fen', async () => {
    const s = await scenario();
    const M = await s.fund('母基金', 'mother');
    const S = await s.fund('子基金', 'sub', M);
    await s.commit(M, s.fiscal, '1', '1');
    await s.commit(M, s.soe, '1', '0');
    await s.commit(S, s.parent(M), '0.01', '0.01');
    const r = await s.metrics(S);
    // fiscalIn(S) = 1 fen × 100/200 = 0.5 fen → "0.01" (half up); fiscalPaidIn = 1 fen × 100/100 (M's paid is all fiscal) = 1 fen
    expect(r.capital).toMatchObject({ committed: '0.01', fiscalIn: '0.01', fiscalPaidIn: '0.01' });
    // 1 fen / 0.5 fen = 2 (the printed 0.01 would give 1.0000); paid 1/1
    expect(r.leverage.fiscal).toEqual({ committed: '2.0000', paidIn: '1.0000' });
    // M: Σ committed(children) / Σ fiscalIn(children) = 1 / 0.5
    expect((await s.metrics(M)).leverage.subFundsFiscal).toEqual({ committed: '2.0000', paidIn: '1.0000' });
  });
});

describe('a deep fund tree: mother → sub → sub-sub', () => {
  async function tree() {
    const s = await scenario();
    const M = await s.fund('市级母基金', 'mother');
    const S = await s.fund('区级子基金', 'sub', M);
    const SS = await s.fund('产业孙基金', 'sub', S);
    await s.commit(M, s.fiscal, '100', '50');
    await s.commit(M, s.soe, '200', '50');
    await s.commit(S, s.parent(M), '100', '40');
    await s.commit(S, s.social, '50', '10');
    await s.commit(SS, s.parent(S), '30', '10');
    await s.commit(SS, s.social, '30', '10');
    return { ...s, M, S, SS };
  }

  it('fiscal money flows two levels: fiscalIn(SS) = commitment(S→SS) × fiscalIn(S) / committed(S)', async () => {
    const { metrics, M, S, SS } = await tree();
    const m = await metrics(M);
    expect(m.capital).toMatchObject({
      committed: '300.00',
      paidIn: '100.00',
      fiscalIn: '100.00',
      fiscalPaidIn: '50.00',
    });
    expect(m.leverage).toEqual({
      parent: nullPair,
      fiscal: { committed: '3.0000', paidIn: '2.0000' }, // 300/100; 100/50
      subFunds: { committed: '1.5000', paidIn: '1.2500' }, // direct child S only: 150/100; 50/40
      subFundsFiscal: { committed: '4.5000', paidIn: '2.5000' }, // 150 / 33.33…; 50 / 20
      investment: null,
    });

    const s = await metrics(S);
    // fiscalIn(S) = 100 × 100/300 = 33.33… → "33.33"; fiscalPaidIn(S) = 40 × 50/100 = 20
    expect(s.capital).toEqual({
      committed: '150.00',
      paidIn: '50.00',
      parentCommitted: '100.00',
      parentPaidIn: '40.00',
      fiscalIn: '33.33',
      fiscalPaidIn: '20.00',
      invested: '0.00',
    });
    expect(s.leverage).toEqual({
      parent: { committed: '1.5000', paidIn: '1.2500' }, // 150/100; 50/40
      fiscal: { committed: '4.5000', paidIn: '2.5000' }, // 150 / 33.33… exactly 4.5 (the printed 33.33 would give 4.5005); 50/20
      subFunds: { committed: '2.0000', paidIn: '2.0000' }, // SS: 60/30; 20/10
      subFundsFiscal: { committed: '9.0000', paidIn: '5.0000' }, // 60 / 6.66…; 20/4
      investment: null,
    });

    const ss = await metrics(SS);
    // fiscalIn(SS) = 30 × 33.33…/150 = 6.66… → "6.67"; fiscalPaidIn(SS) = 10 × 20/50 = 4
    expect(ss.capital).toEqual({
      committed: '60.00',
      paidIn: '20.00',
      parentCommitted: '30.00',
      parentPaidIn: '10.00',
      fiscalIn: '6.67',
      fiscalPaidIn: '4.00',
      invested: '0.00',
    });
    expect(ss.leverage).toEqual({
      parent: { committed: '2.0000', paidIn: '2.0000' }, // 60/30; 20/10
      fiscal: { committed: '9.0000', paidIn: '5.0000' }, // 60 / 6.66… = 9 exactly (6.67 would give 8.9955); 20/4
      subFunds: nullPair, // no children
      subFundsFiscal: nullPair,
      investment: null,
    });
  });

  it('a direct fiscal commitment into the sub-sub adds to what flows down', async () => {
    const { commit, fiscal, metrics, SS } = await tree();
    await commit(SS, fiscal, '40', '16');
    // fiscalIn(SS) = 40 + 6.66… = 46.66… → "46.67"; committed 100 → 100 / 46.66… = 2.142857… → "2.1429"
    // paid: 16 + 4 = 20; paidIn 36 → 36/20 = 1.8
    const ss = await metrics(SS);
    expect(ss.capital).toMatchObject({
      committed: '100.00',
      paidIn: '36.00',
      fiscalIn: '46.67',
      fiscalPaidIn: '20.00',
    });
    expect(ss.leverage.fiscal).toEqual({ committed: '2.1429', paidIn: '1.8000' });
  });

  it('invested(f) is the family’s: the mother counts the sub-sub’s investments', async () => {
    const { invest, metrics, M, S, SS } = await tree();
    await invest(SS, { company: { name: '芜湖孙基金被投企业' } }, '20', 'A', '80');
    await invest(S, { company: { name: '芜湖子基金被投企业' } }, '10', 'A', '30');
    expect((await metrics(M)).capital.invested).toBe('30.00'); // 20 + 10
    expect((await metrics(M)).leverage.investment).toBe('3.6667'); // (80 + 30) / 30
    expect((await metrics(S)).leverage.investment).toBe('3.6667'); // S's family is S and SS
    expect((await metrics(SS)).capital.invested).toBe('20.00');
    expect((await metrics(SS)).leverage.investment).toBe('4.0000'); // 80/20
  });
});

describe('records dated after asOf are not seen', () => {
  it('a later commitment, a later contribution and a later investment', async () => {
    const s = await scenario();
    const M = await s.fund('母基金', 'mother');
    const S = await s.fund('子基金', 'sub', M);
    await s.commit(M, s.fiscal, '1000', '500', '2024-01-01', '2024-02-01');
    await s.commit(S, s.parent(M), '100', '50', '2024-01-01', '2024-02-01');
    const late = await s.commit(S, s.social, '300', '100', '2024-01-01', '2025-01-01'); // paid after the as-of date
    await s.commit(S, s.social, '600', undefined, '2025-01-01'); // committed after the as-of date
    await s.t.create(`/api/commitments/${late.id}/contributions`, { amount: '50', paidOn: '2024-12-31' }); // paid on the as-of date
    await s.invest(S, { company: { name: '芜湖早投企业' } }, '40', 'A', '200', '2024-12-31');
    await s.invest(S, { company: { name: '芜湖晚投企业' } }, '60', 'A', '100', '2025-01-01');

    const r = await s.metrics(S, '2024-12-31');
    // committed 100 + 300 (the 600 comes 2025-01-01); paid 50 + 50 (the 100 comes 2025-01-01)
    expect(r.capital).toEqual({
      committed: '400.00',
      paidIn: '100.00',
      parentCommitted: '100.00',
      parentPaidIn: '50.00',
      fiscalIn: '100.00',
      fiscalPaidIn: '50.00',
      invested: '40.00',
    });
    expect(r.leverage.parent).toEqual({ committed: '4.0000', paidIn: '2.0000' }); // 400/100; 100/50
    expect(r.leverage.investment).toBe('5.0000'); // 200/40

    const later = await s.metrics(S, '2025-01-01');
    expect(later.capital).toMatchObject({ committed: '1000.00', paidIn: '200.00', invested: '100.00' }); // 100+300+600; 50+50+100; 40+60
    expect(later.leverage.investment).toBe('3.0000'); // (200 + 100) / (40 + 60)
  });
});

describe('investment leverage over distinct (company, round) of the family', () => {
  async function coInvestment() {
    const s = await scenario();
    const M = await s.fund('母基金', 'mother');
    const S1 = await s.fund('子基金一', 'sub', M);
    const S2 = await s.fund('子基金二', 'sub', M);
    // Q round A, size 1000: S1 100 and S2 200 — the same round, joined by two family funds
    const q = await s.invest(S1, { company: { name: '芜湖共投企业Q' } }, '100', 'A', '1000');
    await s.invest(S2, { companyId: q.companyId }, '200', 'A', '1000');
    // R: S1 50 with no round recorded and no size → counts as S1's own 50
    await s.invest(S1, { company: { name: '芜湖企业R' } }, '50', null, null);
    // T round B, no size: S1 30 and S2 20 → counts as the family's own 30 + 20
    const tb = await s.invest(S1, { company: { name: '芜湖企业T' } }, '30', 'B', null);
    await s.invest(S2, { companyId: tb.companyId }, '20', 'B', null);
    return { ...s, M, S1, S2 };
  }

  it('the mother counts a co-invested round’s size once, and an unsized round as the family’s own amount', async () => {
    const { metrics, M } = await coInvestment();
    const m = await metrics(M);
    expect(m.capital.invested).toBe('400.00'); // 100 + 200 + 50 + 30 + 20
    // Q-A 1000 (once, not 2000) + R 50 + T-B (30 + 20) = 1100; 1100 / 400 = 2.75
    expect(m.leverage.investment).toBe('2.7500');
  });

  it.each([
    ['S1', '180.00', '6.0000'], // invested 100 + 50 + 30; rounds Q-A 1000 + R 50 + T-B 30 = 1080; 1080/180
    ['S2', '220.00', '4.6364'], // invested 200 + 20; rounds Q-A 1000 + T-B 20 = 1020; 1020/220 = 4.636363…
  ] as const)('%s alone: invested %s, multiple %s', async (name, invested, investment) => {
    const s = await coInvestment();
    const r = await s.metrics(name === 'S1' ? s.S1 : s.S2);
    expect(r.capital.invested).toBe(invested);
    expect(r.leverage.investment).toBe(investment);
  });

  // SPEC does not say what "round" is when none is recorded. Reading chosen: unlabelled investments in one company are one
  // round (its largest recorded size, at least the family's own amount) — the figure never overstates 带动投资.
  it('investments in one company with no round recorded count as one round: max(1000, 500), at least the own 200', async () => {
    const s = await scenario();
    const F = await s.fund('直投基金', 'direct');
    const q = await s.invest(F, { company: { name: '芜湖企业Q' } }, '100', null, '1000', '2024-03-01');
    await s.invest(F, { companyId: q.companyId }, '100', null, '500', '2024-09-01');
    expect((await s.metrics(F)).leverage.investment).toBe('5.0000'); // 1000 / (100 + 100)
  });

  it('two rounds of one company are two rounds: Q-A 1000 + Q-B 500', async () => {
    const s = await scenario();
    const F = await s.fund('直投基金', 'direct');
    const q = await s.invest(F, { company: { name: '芜湖企业Q' } }, '100', 'A', '1000', '2024-03-01');
    await s.invest(F, { companyId: q.companyId }, '100', 'B', '500', '2024-09-01');
    expect((await s.metrics(F)).leverage.investment).toBe('7.5000'); // (1000 + 500) / (100 + 100)
    expect((await s.metrics(F, '2024-06-30')).leverage.investment).toBe('10.0000'); // round B not yet: 1000/100
  });
});
