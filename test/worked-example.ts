import { creditCodeCheckChar } from '../src/domain/credit-code';
import type { TestApp } from './helpers';

/** A valid 统一社会信用代码 from its first 17 characters. */
export function withCheck(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (first17.length !== 17 || check === null) throw new Error(`not a credit code prefix: ${first17}`);
  return first17 + check;
}

/**
 * SPEC §6 without its projects: the unit, funds M/A/B/C, commitments, contributions and A's investments, and a
 * `credits(V)` that records and approves A's five 返投 credits once project V exists.
 */
export async function buildCapital(t: TestApp) {
  const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother', homeUnitId: unit.id });
  const A = await t.create('/api/funds', {
    name: '智能制造产业子基金',
    level: 'sub',
    parentId: M.id,
    reinvestment: { multiple: '1.2', base: 'parent_committed' },
  });
  const B = await t.create('/api/funds', { name: '人工智能产业子基金', level: 'sub', parentId: M.id });
  const C = await t.create('/api/funds', { name: '文化创意产业子基金', level: 'sub', parentId: M.id });
  const commit = async (fundId: number, investor: Record<string, unknown>, amount: string, paid: string) => {
    const m = await t.create(`/api/funds/${fundId}/commitments`, { ...investor, amount, committedOn: '2023-06-01' });
    await t.create(`/api/commitments/${m.id}/contributions`, { amount: paid, paidOn: '2023-07-01' });
    return m;
  };
  await commit(M.id, { investorType: 'fiscal', investorName: '区财政局' }, '600000000', '120000000');
  await commit(M.id, { investorType: 'soe', investorName: '区建投集团' }, '400000000', '80000000');
  await commit(A.id, { investorType: 'fund', investorFundId: M.id }, '100000000', '20000000');
  await commit(A.id, { investorType: 'social', investorName: '社会出资人甲' }, '400000000', '180000000');
  await commit(B.id, { investorType: 'fund', investorFundId: M.id }, '90000000', '45000000');
  await commit(B.id, { investorType: 'soe', investorName: '市国投' }, '60000000', '30000000');
  await commit(B.id, { investorType: 'social', investorName: '社会出资人乙' }, '150000000', '75000000');
  await commit(C.id, { investorType: 'fund', investorFundId: M.id }, '60000000', '15000000');
  await commit(C.id, { investorType: 'social', investorName: '社会出资人丙' }, '140000000', '35000000');
  const invest = (
    name: string,
    creditCode: string,
    amount: string,
    round: string,
    roundSize: string,
    investedOn: string,
  ) =>
    t.create(`/api/funds/${A.id}/investments`, { company: { name, creditCode }, amount, investedOn, round, roundSize });
  const X = await invest(
    '芜湖星辰智能装备有限公司',
    withCheck('91340207MA2N0X000'),
    '30000000',
    'A',
    '100000000',
    '2023-09-01',
  );
  const Y = await invest(
    '芜湖远望新材料有限公司',
    withCheck('91340207MA2N0Y000'),
    '20000000',
    'B',
    '80000000',
    '2023-10-01',
  );
  const Z = await invest(
    '芜湖中科传感技术有限公司',
    withCheck('91340207MA2N0W000'),
    '15000000',
    'A',
    '50000000',
    '2023-11-01',
  );
  const credits = async (V: number) => {
    const credit = async (body: Record<string, unknown>) => {
      const r = await t.create(`/api/funds/${A.id}/reinvestment-credits`, { on: '2024-10-01', ...body });
      await t.ok('POST', `/api/reinvestment-credits/${r.id}/approve`, {});
      return r;
    };
    await credit({ category: 'local_company', companyId: X.companyId, amount: '30000000' });
    await credit({ category: 'relocated', companyId: Y.companyId, amount: '20000000' });
    await credit({ category: 'local_subsidiary', companyId: Z.companyId, amount: '15000000' });
    await credit({ category: 'sourced_project', projectId: V, amount: '50000000' });
    const W = await t.create('/api/companies', { name: '芜湖老股转让标的有限公司' });
    await credit({ category: 'secondary', companyId: W.id, amount: '10000000' });
    return W;
  };
  return { unit, M, A, B, C, X, Y, Z, credits };
}

/**
 * SPEC §6, entered through the API: mother fund M with sub-funds A, B, C; A's investments, credits and projects.
 * Answers the ids a test needs.
 */
export async function buildWorkedExample(t: TestApp) {
  const { unit, M, A, B, C, X, Y, Z, credits } = await buildCapital(t);
  const project = async (name: string, reportedOn: string, plannedTotal: string, extra: Record<string, unknown> = {}) =>
    t.create('/api/projects', {
      name,
      sourceType: 'fund',
      sourceFundId: A.id,
      reportedOn,
      plannedTotal,
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
      ...extra,
    });
  const milestone = (id: number, stage: string, on: string, extra: Record<string, unknown> = {}) =>
    t.create(`/api/projects/${id}/milestones`, { stage, on, ...extra });
  const arrive = (id: number, amount: string, arrivedOn: string) =>
    t.create(`/api/projects/${id}/arrivals`, { amount, arrivedOn, kind: 'fixed_asset' });

  const P1 = await project('星辰智能装备华东生产基地', '2024-01-10', '300000000', {
    investmentId: X.id,
    company: { name: '星辰智能装备（芜湖）有限公司' },
  });
  await milestone(P1.id, 'negotiating', '2024-02-01');
  await milestone(P1.id, 'signed', '2024-03-01');
  await milestone(P1.id, 'registered', '2024-04-15');
  await milestone(P1.id, 'started', '2024-06-01');
  await arrive(P1.id, '60000000', '2024-05-01');
  await arrive(P1.id, '40000000', '2024-09-01');
  const P2 = await project('远望新材料研发中心', '2024-02-01', '80000000', {
    company: { name: '远望新材料（芜湖）研发有限公司' },
  });
  await milestone(P2.id, 'signed', '2024-05-20');
  await milestone(P2.id, 'registered', '2024-07-01');
  await arrive(P2.id, '20000000', '2024-08-01');
  const P3 = await project('某锂电池回收项目', '2024-03-01', '50000000');
  await milestone(P3.id, 'negotiating', '2024-04-01');
  await milestone(P3.id, 'dropped', '2024-06-30', { reason: '企业选址改至外省' });
  const P4 = await project('某智能座舱项目', '2024-06-01', '120000000');
  // V was referred by A but not invested in, and reached touyin through an agency: a credit subject, not one of A's leads.
  const V = await t.create('/api/projects', {
    name: '引荐未投项目 V',
    sourceType: 'agency',
    reportedOn: '2024-02-15',
    plannedTotal: '50000000',
    company: { name: '芜湖引荐科技有限公司' },
    introducingUnitId: unit.id,
    landingUnitId: unit.id,
  });

  const W = await credits(V.id);
  return { unit, M, A, B, C, X, Y, Z, P1, P2, P3, P4, V, W };
}
