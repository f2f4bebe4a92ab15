import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

// Small scenarios for SPEC §3 (返投), each its own fresh database.

type Rule = { multiple: string; base?: string; weights?: Record<string, string> };

async function scenario(rule: Rule, opts: { committed?: string; paid?: string } = {}) {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '测试区' });
  const M = (await t.create('/api/funds', { name: '母基金', level: 'mother' })).id as number;
  const F = (await t.create('/api/funds', { name: '返投子基金', level: 'sub', parentId: M, reinvestment: rule }))
    .id as number;
  const mc = await t.create(`/api/funds/${F}/commitments`, {
    investorType: 'fund',
    investorFundId: M,
    amount: opts.committed ?? '100',
    committedOn: '2024-01-01',
  });
  if (opts.paid) await t.create(`/api/commitments/${mc.id}/contributions`, { amount: opts.paid, paidOn: '2024-01-15' });
  const company = async (name: string) => (await t.create('/api/companies', { name })).id as number;
  const project = async (name: string) =>
    (
      await t.create('/api/projects', {
        name,
        sourceType: 'agency',
        reportedOn: '2024-01-01',
        plannedTotal: '1000',
        introducingUnitId: unit.id,
        landingUnitId: unit.id,
      })
    ).id as number;
  /** A credit, approved by staff unless `status` says otherwise. */
  const credit = async (
    subject: { companyId: number } | { projectId: number },
    category: string,
    amount: string,
    on = '2024-06-01',
    status: 'approved' | 'pending' | 'rejected' = 'approved',
  ) => {
    const r = await t.create(`/api/funds/${F}/reinvestment-credits`, { ...subject, category, amount, on });
    if (status !== 'pending')
      await t.ok('POST', `/api/reinvestment-credits/${r.id}/${status === 'approved' ? 'approve' : 'reject'}`, {});
    return r.id as number;
  };
  const invest = (amount: string, investedOn: string) =>
    t.create(`/api/funds/${F}/investments`, {
      company: { name: `芜湖被投企业${amount}${investedOn}` },
      amount,
      investedOn,
    });
  const reinvestment = async (asOf = '2024-12-31') =>
    (await t.ok('GET', `/api/funds/${F}/metrics?asOf=${asOf}`)).reinvestment;
  return { t, M, F, company, project, credit, invest, reinvestment };
}

describe('weighted credits round half up to the fen', () => {
  it('relocated 0.01 × 1.5 = 1.5 fen → 0.02; sourced_project 0.05 × 0.3 = 1.5 fen → 0.02', async () => {
    const s = await scenario({ multiple: '1', base: 'fund_committed' });
    await s.credit({ companyId: await s.company('芜湖迁入企业') }, 'relocated', '0.01');
    await s.credit({ projectId: await s.project('引荐项目') }, 'sourced_project', '0.05');
    // credited 2 + 2 fen; required 1 × 100 = 100; rate 0.04/100 = 0.0004; gap 99.96
    expect(await s.reinvestment()).toEqual({
      multiple: '1.0000',
      base: 'fund_committed',
      required: '100.00',
      credited: '0.04',
      rate: '0.0004',
      gap: '99.96',
      paceOk: true,
    });
  });

  it('the weight applies to a subject’s sum in a category: (0.01 + 0.01) × 1.5 = 3 fen, not 2 + 2', async () => {
    const s = await scenario({ multiple: '1', base: 'fund_committed' });
    const co = await s.company('芜湖迁入企业');
    await s.credit({ companyId: co }, 'relocated', '0.01', '2024-03-01');
    await s.credit({ companyId: co }, 'relocated', '0.01', '2024-06-01');
    expect((await s.reinvestment('2024-03-31')).credited).toBe('0.02'); // 1 fen × 1.5 = 1.5 → 2
    expect((await s.reinvestment('2024-12-31')).credited).toBe('0.03'); // 2 fen × 1.5 = 3
  });
});

describe('one subject counts once', () => {
  it('credited in two categories, it counts the larger; an upgrade adds only the difference', async () => {
    const s = await scenario({ multiple: '1.2', base: 'parent_committed' }, { committed: '1000' });
    const co = await s.company('芜湖本地企业');
    await s.credit({ companyId: co }, 'local_company', '100', '2024-01-10');
    await s.credit({ companyId: co }, 'relocated', '100', '2024-06-01');
    // required 1.2 × 1000 = 1200
    // 2024-03-31: local_company 100 × 1 = 100 → rate 100/1200 = 0.083333…, gap 1100
    expect(await s.reinvestment('2024-03-31')).toEqual({
      multiple: '1.2000',
      base: 'parent_committed',
      required: '1200.00',
      credited: '100.00',
      rate: '0.0833',
      gap: '1100.00',
      paceOk: true,
    });
    // 2024-12-31: max(100 × 1, 100 × 1.5) = 150 (not 250): the upgrade adds 50; rate 150/1200 = 0.125
    expect(await s.reinvestment('2024-12-31')).toEqual({
      multiple: '1.2000',
      base: 'parent_committed',
      required: '1200.00',
      credited: '150.00',
      rate: '0.1250',
      gap: '1050.00',
      paceOk: true,
    });
  });

  it('secondary (weight 0) adds nothing; custom weights replace the defaults', async () => {
    const s = await scenario(
      { multiple: '1', base: 'fund_committed', weights: { relocated: '2', sourced_project: '0.5' } },
      { committed: '1000' },
    );
    await s.credit({ companyId: await s.company('芜湖老股标的') }, 'secondary', '300');
    await s.credit({ companyId: await s.company('芜湖迁入企业') }, 'relocated', '100');
    await s.credit({ projectId: await s.project('引荐项目') }, 'sourced_project', '0.03');
    // 300 × 0 + 100 × 2 + 0.03 × 0.5 (3 fen × 0.5 = 1.5 fen → 2 fen) = 200.02
    expect((await s.reinvestment()).credited).toBe('200.02');
  });
});

describe('which credits count', () => {
  it('only approved credits dated by asOf; pending, rejected and later ones do not', async () => {
    const s = await scenario({ multiple: '1', base: 'fund_committed' }, { committed: '1000' });
    await s.credit({ companyId: await s.company('企业甲') }, 'local_company', '100', '2024-06-01', 'approved');
    await s.credit({ companyId: await s.company('企业乙') }, 'local_company', '200', '2024-06-01', 'pending');
    await s.credit({ companyId: await s.company('企业丙') }, 'local_company', '400', '2024-06-01', 'rejected');
    await s.credit({ companyId: await s.company('企业丁') }, 'local_company', '800', '2025-01-01', 'approved');
    const revoked = await s.credit(
      { companyId: await s.company('企业戊') },
      'local_company',
      '1600',
      '2024-06-01',
      'approved',
    );
    await s.t.ok('POST', `/api/reinvestment-credits/${revoked}/reject`, { reason: '复核不予认定' });
    expect((await s.reinvestment('2024-12-31')).credited).toBe('100.00'); // 甲 only
    expect((await s.reinvestment('2025-01-01')).credited).toBe('900.00'); // 甲 100 + 丁 800
  });
});

describe('k = 0 and the base variants', () => {
  it('k = 0: every field null but multiple "0.0000" and base', async () => {
    const s = await scenario({ multiple: '0', base: 'fund_paid' }, { paid: '60' });
    await s.credit({ companyId: await s.company('企业甲') }, 'local_company', '100');
    await s.invest('90', '2024-03-01'); // 90/100 deployed would matter if k were set
    expect(await s.reinvestment()).toEqual({
      multiple: '0.0000',
      base: 'fund_paid',
      required: null,
      credited: null,
      rate: null,
      gap: null,
      paceOk: null,
    });
  });

  // S: parent M commits 100 (paid 40), social 50 (paid 10); k = 2; one credit of 40
  it.each([
    ['parent_committed', '200.00', '0.2000', '160.00'], // 2 × 100; 40/200; 200 − 40
    ['parent_paid', '80.00', '0.5000', '40.00'], // 2 × 40; 40/80; 80 − 40
    ['fund_committed', '300.00', '0.1333', '260.00'], // 2 × (100 + 50); 40/300 = 0.13333…; 300 − 40
    ['fund_paid', '100.00', '0.4000', '60.00'], // 2 × (40 + 10); 40/100; 100 − 40
  ])('base %s: required %s, rate %s, gap %s', async (base, required, rate, gap) => {
    const s = await scenario({ multiple: '2', base }, { committed: '100', paid: '40' });
    const m = await s.t.create(`/api/funds/${s.F}/commitments`, {
      investorType: 'social',
      investorName: '社会出资人',
      amount: '50',
      committedOn: '2024-01-01',
    });
    await s.t.create(`/api/commitments/${m.id}/contributions`, { amount: '10', paidOn: '2024-01-15' });
    await s.credit({ companyId: await s.company('企业甲') }, 'local_company', '40');
    expect(await s.reinvestment()).toEqual({
      multiple: '2.0000',
      base,
      required,
      credited: '40.00',
      rate,
      gap,
      paceOk: true,
    });
  });

  it('changing the rule (PATCH) changes the figures at once: k 2 → 1.5 over parent_committed', async () => {
    const s = await scenario({ multiple: '2' }, { committed: '100' });
    await s.credit({ companyId: await s.company('企业甲') }, 'local_company', '60');
    expect((await s.reinvestment()).rate).toBe('0.3000'); // 60 / (2 × 100)
    await s.t.ok('PATCH', `/api/funds/${s.F}`, { reinvestment: { multiple: '1.5' } });
    // 60 / (1.5 × 100) = 0.4; gap 150 − 60
    expect(await s.reinvestment()).toEqual({
      multiple: '1.5000',
      base: 'parent_committed',
      required: '150.00',
      credited: '60.00',
      rate: '0.4000',
      gap: '90.00',
      paceOk: true,
    });
  });
});

describe('paceOk (进度): once invested/committed ≥ 0.5, the rate must be ≥ 0.5', () => {
  it('behind pace at exactly half deployed with rate 0.49, on pace again at rate 0.5', async () => {
    const s = await scenario({ multiple: '1', base: 'fund_committed' }, { committed: '100' });
    const co = await s.company('企业甲');
    await s.credit({ companyId: co }, 'local_company', '49', '2024-02-01');
    await s.invest('50', '2024-04-01');
    await s.credit({ projectId: await s.project('引荐项目') }, 'local_subsidiary', '1', '2024-06-01');
    // 2024-03-31: invested 0/100 < 0.5 → true whatever the rate (49/100)
    expect(await s.reinvestment('2024-03-31')).toMatchObject({ rate: '0.4900', paceOk: true });
    // 2024-04-01: invested 50/100 = 0.5 ≥ 0.5 and rate 0.49 < 0.5 → false
    expect(await s.reinvestment('2024-04-01')).toEqual({
      multiple: '1.0000',
      base: 'fund_committed',
      required: '100.00',
      credited: '49.00',
      rate: '0.4900',
      gap: '51.00',
      paceOk: false,
    });
    // 2024-06-01: credited 49 + 1 = 50 → rate 0.5 → true
    expect(await s.reinvestment('2024-06-01')).toMatchObject({
      credited: '50.00',
      rate: '0.5000',
      gap: '50.00',
      paceOk: true,
    });
  });

  it('just under half deployed (49.99/100) needs no pace yet', async () => {
    const s = await scenario({ multiple: '1', base: 'fund_committed' }, { committed: '100' });
    await s.invest('49.99', '2024-04-01');
    expect(await s.reinvestment()).toMatchObject({ credited: '0.00', rate: '0.0000', paceOk: true }); // 49.99/100 < 0.5
    await s.invest('0.01', '2024-05-01');
    expect(await s.reinvestment()).toMatchObject({ rate: '0.0000', paceOk: false }); // (49.99 + 0.01)/100 = 0.5
  });
});
