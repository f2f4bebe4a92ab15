import { describe, expect, it } from 'vitest';
import { testApp, TODAY, type Reply, type TestApp } from '../helpers';
import { withCheck } from '../worked-example';

// API.md, the happy path of every POST/PATCH: the whole answer (each contract field, money as 2-place 元 strings,
// `version`) and the ETag header carrying that version. Each test starts from a fresh database.

/** SPEC §3 default weights: local_company 1, relocated 1.5, local_subsidiary 1, sourced_project 0.3, secondary 0. */
/** A company recorded without 投向 flags (SPEC §8). */
const NO_FLAGS = { hightech: false, specialized: false, sme: false, private: false };
const DEFAULT_WEIGHTS = {
  local_company: '1',
  relocated: '1.5',
  local_subsidiary: '1',
  sourced_project: '0.3',
  secondary: '0',
};
const TIMESTAMP = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const CODE_X = withCheck('91340207MA2N0X000');
const CODE_Y = withCheck('91340207MA2N0Y000');
const ADMIN_ID = 1; // the admin testApp() creates is the first user

/** The answer has this status, and its ETag is the body's version. */
function answered(r: Reply, status: number) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('etag')).toBe(`"${r.body.version}"`);
  return r.body;
}

const count = (t: TestApp, table: string) =>
  (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

async function base(t: TestApp) {
  const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother', homeUnitId: unit.id });
  const A = await t.create('/api/funds', {
    name: '智能制造产业子基金',
    level: 'sub',
    parentId: M.id,
    reinvestment: { multiple: '1.2', base: 'parent_paid' },
  });
  return { unit, M, A };
}

describe('contract: happy paths of every write', () => {
  it('POST /api/units answers the whole unit; GET by id answers the same', async () => {
    const t = await testApp();
    const city = answered(await t.call('POST', '/api/units', { name: '芜湖市', code: '340200' }), 201);
    expect(city).toEqual({ id: city.id, name: '芜湖市', code: '340200', parentId: null, peerGroup: null, version: 1 });
    const district = answered(
      await t.call('POST', '/api/units', { name: '  鸠江区 ', code: '340207', parentId: city.id, peerGroup: '市辖区' }),
      201,
    );
    expect(district).toEqual({
      id: district.id,
      name: '鸠江区',
      code: '340207',
      parentId: city.id,
      peerGroup: '市辖区',
      version: 1,
    });
    expect(district.id).not.toBe(city.id);
    expect(answered(await t.get(`/api/units/${district.id}`), 200)).toEqual(district);
  });

  it('POST /api/funds: a mother fund gets k = 0 and the default base and weights; a sub-fund keeps its rule', async () => {
    const t = await testApp();
    const unit = await t.create('/api/units', { name: '鸠江区' });
    const M = answered(await t.call('POST', '/api/funds', { name: '鸠江区区级母基金', level: 'mother' }), 201);
    expect(M).toEqual({
      id: M.id,
      name: '鸠江区区级母基金',
      level: 'mother',
      parentId: null,
      manager: null,
      homeUnitId: null,
      establishedOn: null,
      reinvestment: { multiple: '0.0000', base: 'parent_committed', weights: DEFAULT_WEIGHTS },
      version: 1,
    });
    const A = answered(
      await t.call('POST', '/api/funds', {
        name: '智能制造产业子基金',
        level: 'sub',
        parentId: M.id,
        manager: '芜湖某创投管理有限公司',
        homeUnitId: unit.id,
        establishedOn: '2023-05-20',
        reinvestment: { multiple: '1.2', base: 'fund_paid', weights: { relocated: '2', secondary: '0.5' } },
      }),
      201,
    );
    expect(A).toEqual({
      id: A.id,
      name: '智能制造产业子基金',
      level: 'sub',
      parentId: M.id,
      manager: '芜湖某创投管理有限公司',
      homeUnitId: unit.id,
      establishedOn: '2023-05-20',
      // k "1.2" goes out with 4 places; the given weights replace the defaults, the others stay.
      reinvestment: {
        multiple: '1.2000',
        base: 'fund_paid',
        weights: { ...DEFAULT_WEIGHTS, relocated: '2', secondary: '0.5' },
      },
      version: 1,
    });
    const read = answered(await t.get(`/api/funds/${A.id}`), 200);
    expect(read).toEqual({ ...A, children: [], commitments: [] });
    expect(answered(await t.get(`/api/funds/${M.id}`), 200).children).toEqual([
      { id: A.id, name: '智能制造产业子基金', level: 'sub' },
    ]);
  });

  it('PATCH /api/funds/:id with If-Match bumps the version and changes only what it names', async () => {
    const t = await testApp();
    const { unit, M, A } = await base(t);
    const r = await t.call(
      'PATCH',
      `/api/funds/${A.id}`,
      { name: '智能制造产业子基金（一期）', manager: '某管理公司', establishedOn: '2023-06-30' },
      { headers: { 'if-match': '"1"' } },
    );
    const patched = answered(r, 200);
    expect(patched).toEqual({
      id: A.id,
      name: '智能制造产业子基金（一期）',
      level: 'sub',
      parentId: M.id,
      manager: '某管理公司',
      homeUnitId: null,
      establishedOn: '2023-06-30',
      reinvestment: { multiple: '1.2000', base: 'parent_paid', weights: DEFAULT_WEIGHTS },
      version: 2,
    });
    // Without If-Match the write goes on against the current version. Only `multiple` is named: the base stays
    // parent_paid (it must not fall back to the default parent_committed) and the weights stay.
    const second = answered(
      await t.call('PATCH', `/api/funds/${A.id}`, { homeUnitId: unit.id, reinvestment: { multiple: '1.5' } }),
      200,
    );
    expect(second).toEqual({
      ...patched,
      homeUnitId: unit.id,
      reinvestment: { multiple: '1.5000', base: 'parent_paid', weights: DEFAULT_WEIGHTS },
      version: 3,
    });
    const third = answered(
      await t.call(
        'PATCH',
        `/api/funds/${A.id}`,
        { manager: null, reinvestment: { weights: { sourced_project: '0.5' } } },
        { headers: { 'if-match': 'W/"3"' } },
      ),
      200,
    );
    expect(third).toEqual({
      ...second,
      manager: null,
      reinvestment: { ...second.reinvestment, weights: { ...DEFAULT_WEIGHTS, sourced_project: '0.5' } },
      version: 4,
    });
    expect(answered(await t.get(`/api/funds/${A.id}`), 200)).toEqual({ ...third, children: [], commitments: [] });
  });

  it('POST /api/funds/:id/commitments and /api/commitments/:id/contributions', async () => {
    const t = await testApp();
    const { M, A } = await base(t);
    const fromM = answered(
      await t.call('POST', `/api/funds/${A.id}/commitments`, {
        investorType: 'fund',
        investorFundId: M.id,
        amount: '100000000',
        committedOn: '2023-06-01',
      }),
      201,
    );
    // A fund investor without a name is named after the fund.
    expect(fromM).toEqual({
      id: fromM.id,
      fundId: A.id,
      investorType: 'fund',
      investorName: '鸠江区区级母基金',
      investorFundId: M.id,
      amount: '100000000.00',
      committedOn: '2023-06-01',
      version: 1,
      paidIn: '0.00',
    });
    const social = answered(
      await t.call('POST', `/api/funds/${A.id}/commitments`, {
        investorType: 'social',
        investorName: '社会出资人甲',
        amount: '0.5',
        committedOn: '2023-06-02',
      }),
      201,
    );
    expect(social).toEqual({
      id: social.id,
      fundId: A.id,
      investorType: 'social',
      investorName: '社会出资人甲',
      investorFundId: null,
      amount: '0.50',
      committedOn: '2023-06-02',
      version: 1,
      paidIn: '0.00',
    });

    const first = answered(
      await t.call('POST', `/api/commitments/${fromM.id}/contributions`, {
        amount: '20000000.5',
        paidOn: '2023-07-01',
      }),
      201,
    );
    expect(first).toEqual({
      id: first.id,
      commitmentId: fromM.id,
      amount: '20000000.50',
      paidOn: '2023-07-01',
      version: 1,
    });
    const second = answered(
      await t.call('POST', `/api/commitments/${fromM.id}/contributions`, { amount: '0.01', paidOn: '2023-08-01' }),
      201,
    );
    expect(second).toEqual({ id: second.id, commitmentId: fromM.id, amount: '0.01', paidOn: '2023-08-01', version: 1 });

    const read = answered(await t.get(`/api/commitments/${fromM.id}`), 200);
    // paidIn = 20,000,000.50 + 0.01
    expect(read).toEqual({ ...fromM, paidIn: '20000000.51', contributions: [first, second] });
    const fund = answered(await t.get(`/api/funds/${A.id}`), 200);
    expect(fund.commitments).toEqual([{ ...fromM, paidIn: '20000000.51' }, social]);
  });

  it('POST /api/companies: the credit code is stored in upper case, the name trimmed', async () => {
    const t = await testApp();
    const { unit } = await base(t);
    const co = answered(
      await t.call('POST', '/api/companies', {
        name: ' 芜湖星辰智能装备有限公司 ',
        creditCode: CODE_X.toLowerCase(),
        unitId: unit.id,
      }),
      201,
    );
    expect(co).toEqual({
      id: co.id,
      name: '芜湖星辰智能装备有限公司',
      creditCode: CODE_X,
      unitId: unit.id,
      flags: NO_FLAGS,
      version: 1,
    });
    const bare = answered(await t.call('POST', '/api/companies', { name: '芜湖老股转让标的有限公司' }), 201);
    expect(bare).toEqual({
      id: bare.id,
      name: '芜湖老股转让标的有限公司',
      creditCode: null,
      unitId: null,
      flags: NO_FLAGS,
      version: 1,
    });
    expect(answered(await t.get(`/api/companies/${co.id}`), 200)).toEqual(co);
  });

  it('POST /api/funds/:id/investments: by companyId, with a new company, and with a company known by its credit code', async () => {
    const t = await testApp();
    const { A } = await base(t);
    const co = await t.create('/api/companies', { name: '芜湖星辰智能装备有限公司', creditCode: CODE_X });
    const byId = answered(
      await t.call('POST', `/api/funds/${A.id}/investments`, {
        companyId: co.id,
        amount: '30000000',
        investedOn: '2023-09-01',
        round: 'A',
        roundSize: '100000000',
        preMoney: '250000000.5',
        lead: true,
      }),
      201,
    );
    expect(byId).toEqual({
      id: byId.id,
      fundId: A.id,
      companyId: co.id,
      amount: '30000000.00',
      investedOn: '2023-09-01',
      kind: 'new',
      round: 'A',
      roundSize: '100000000.00',
      preMoney: '250000000.50',
      lead: true,
      exitedOn: null,
      exitProceeds: null,
      version: 1,
    });

    const companiesBefore = count(t, 'companies');
    const inline = answered(
      await t.call('POST', `/api/funds/${A.id}/investments`, {
        company: { name: '芜湖远望新材料有限公司', creditCode: CODE_Y },
        amount: '20000000',
        investedOn: '2023-10-01',
        kind: 'secondary',
      }),
      201,
    );
    expect(inline).toEqual({
      id: inline.id,
      fundId: A.id,
      companyId: expect.any(Number),
      amount: '20000000.00',
      investedOn: '2023-10-01',
      kind: 'secondary',
      round: null,
      roundSize: null,
      preMoney: null,
      lead: false,
      exitedOn: null,
      exitProceeds: null,
      version: 1,
    });
    expect(count(t, 'companies')).toBe(companiesBefore + 1);
    expect(answered(await t.get(`/api/companies/${inline.companyId}`), 200)).toEqual({
      id: inline.companyId,
      name: '芜湖远望新材料有限公司',
      creditCode: CODE_Y,
      unitId: null,
      flags: NO_FLAGS,
      version: 1,
    });

    // The same credit code under another name is the same company: no second company is made.
    const again = answered(
      await t.call('POST', `/api/funds/${A.id}/investments`, {
        company: { name: '远望新材料', creditCode: CODE_Y },
        amount: '5000000',
        investedOn: '2024-01-01',
      }),
      201,
    );
    expect(again.companyId).toBe(inline.companyId);
    expect(count(t, 'companies')).toBe(companiesBefore + 1);
    expect(answered(await t.get(`/api/investments/${byId.id}`), 200)).toEqual({
      ...byId,
      company: {
        id: co.id,
        name: '芜湖星辰智能装备有限公司',
        creditCode: CODE_X,
        unitId: null,
        flags: NO_FLAGS,
        version: 1,
      },
    });
  });

  it('POST /api/projects: confirmed when staff report it, pending when a manager does', async () => {
    const t = await testApp();
    const { unit, A } = await base(t);
    const inv = await t.create(`/api/funds/${A.id}/investments`, {
      company: { name: '芜湖星辰智能装备有限公司', creditCode: CODE_X },
      amount: '30000000',
      investedOn: '2023-09-01',
    });
    const r = await t.call('POST', '/api/projects', {
      name: '星辰智能装备华东生产基地',
      company: { name: '星辰智能装备（芜湖）有限公司', creditCode: CODE_Y },
      sourceType: 'fund',
      sourceFundId: A.id,
      investmentId: inv.id,
      introducer: '张三',
      reportedOn: '2024-01-10',
      plannedTotal: '300000000',
      plannedFixedAsset: '200000000.1',
      foreign: true,
      chain: '智能制造',
      chainNode: 'midstream',
      chainAction: 'extend',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    const P = answered(r, 201);
    const noStage = {
      negotiating: null,
      signed: null,
      registered: null,
      started: null,
      completed: null,
      producing: null,
    };
    expect(P).toEqual({
      id: P.id,
      name: '星辰智能装备华东生产基地',
      companyId: expect.any(Number),
      company: { name: '星辰智能装备（芜湖）有限公司', creditCode: CODE_Y },
      sourceType: 'fund',
      sourceFundId: A.id,
      investmentId: inv.id,
      introducer: '张三',
      reportedOn: '2024-01-10',
      plannedTotal: '300000000.00',
      plannedFixedAsset: '200000000.10',
      foreign: true,
      chain: '智能制造',
      chainNode: 'midstream',
      chainAction: 'extend',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
      status: 'confirmed',
      statusReason: null,
      stage: 'reported',
      reached: noStage,
      droppedOn: null,
      version: 1,
      milestones: [],
      arrivals: [],
      owners: [],
    });
    expect(P.companyId).not.toBe(inv.companyId);
    expect(answered(await t.get(`/api/projects/${P.id}`), 200)).toEqual(P);

    const gp = await t.userWith('manager', [A.id]);
    const byManager = answered(
      await t.call(
        'POST',
        '/api/projects',
        {
          name: '某智能座舱项目',
          sourceType: 'fund',
          sourceFundId: A.id,
          reportedOn: '2024-06-01',
          plannedTotal: '120000000',
          introducingUnitId: unit.id,
          landingUnitId: unit.id,
        },
        { token: gp.token },
      ),
      201,
    );
    expect(byManager).toEqual({
      id: byManager.id,
      name: '某智能座舱项目',
      companyId: null,
      company: null,
      sourceType: 'fund',
      sourceFundId: A.id,
      investmentId: null,
      introducer: null,
      reportedOn: '2024-06-01',
      plannedTotal: '120000000.00',
      plannedFixedAsset: null,
      foreign: false,
      chain: null,
      chainNode: null,
      chainAction: null,
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
      status: 'pending',
      statusReason: null,
      stage: 'reported',
      reached: noStage,
      droppedOn: null,
      version: 1,
      milestones: [],
      arrivals: [],
      owners: [],
    });
  });

  it('POST /api/projects/:id/milestones and /arrivals; the project follows', async () => {
    const t = await testApp();
    const { unit } = await base(t);
    const P = await t.create('/api/projects', {
      name: '远望新材料研发中心',
      sourceType: 'business',
      reportedOn: '2024-02-01',
      plannedTotal: '80000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    const signed = answered(
      await t.call('POST', `/api/projects/${P.id}/milestones`, { stage: 'signed', on: '2024-05-20', note: '签约仪式' }),
      201,
    );
    expect(signed).toEqual({
      id: signed.id,
      projectId: P.id,
      stage: 'signed',
      on: '2024-05-20',
      note: '签约仪式',
      reason: null,
      current: true,
      recordedAt: TIMESTAMP,
      recordedBy: ADMIN_ID,
      version: 1,
    });
    const fixed = answered(
      await t.call('POST', `/api/projects/${P.id}/arrivals`, {
        amount: '20000000',
        arrivedOn: '2024-08-01',
        kind: 'fixed_asset',
      }),
      201,
    );
    // Without a currency, money that arrives is CNY.
    expect(fixed).toEqual({
      id: fixed.id,
      projectId: P.id,
      amount: '20000000.00',
      arrivedOn: '2024-08-01',
      kind: 'fixed_asset',
      currency: 'CNY',
      originalAmount: null,
      exchangeRate: null,
      status: 'confirmed',
      statusReason: null,
      reviewedOn: TODAY,
      reviewedBy: ADMIN_ID,
      recordedAt: TIMESTAMP,
      version: 1,
    });
    const fdi = answered(
      await t.call('POST', `/api/projects/${P.id}/arrivals`, {
        amount: '7100000.55',
        arrivedOn: '2024-05-20',
        kind: 'fdi',
        currency: 'USD',
        originalAmount: '1000000',
        exchangeRate: '7.1',
      }),
      201,
    );
    expect(fdi).toEqual({
      id: fdi.id,
      projectId: P.id,
      amount: '7100000.55',
      arrivedOn: '2024-05-20',
      kind: 'fdi',
      currency: 'USD',
      originalAmount: '1000000',
      exchangeRate: '7.1',
      status: 'confirmed',
      statusReason: null,
      reviewedOn: TODAY,
      reviewedBy: ADMIN_ID,
      recordedAt: TIMESTAMP,
      version: 1,
    });
    const dropped = answered(
      await t.call('POST', `/api/projects/${P.id}/milestones`, {
        stage: 'dropped',
        on: '2024-09-30',
        reason: '企业选址改至外省',
      }),
      201,
    );
    expect(dropped).toEqual({
      id: dropped.id,
      projectId: P.id,
      stage: 'dropped',
      on: '2024-09-30',
      note: null,
      reason: '企业选址改至外省',
      current: true,
      recordedAt: TIMESTAMP,
      recordedBy: ADMIN_ID,
      version: 1,
    });
    const read = answered(await t.get(`/api/projects/${P.id}`), 200);
    // Two milestones, each rewrote the reached dates: version 1 + 2. Signing implies negotiating on the same day.
    expect(read).toMatchObject({
      stage: 'dropped',
      droppedOn: '2024-09-30',
      version: 3,
      reached: {
        negotiating: '2024-05-20',
        signed: '2024-05-20',
        registered: null,
        started: null,
        completed: null,
        producing: null,
      },
      milestones: [signed, dropped],
      arrivals: [fdi, fixed], // ordered by arrival date
    });
  });

  it('POST /api/projects/:id/confirm and /reject answer the whole project, company included', async () => {
    const t = await testApp();
    const { unit, A } = await base(t);
    const gp = await t.userWith('manager', [A.id]);
    const report = (name: string, company: string) =>
      t.call(
        'POST',
        '/api/projects',
        {
          name,
          company: { name: company },
          sourceType: 'fund',
          sourceFundId: A.id,
          reportedOn: '2024-06-01',
          plannedTotal: '50000000',
          introducingUnitId: unit.id,
          landingUnitId: unit.id,
        },
        { token: gp.token },
      );
    const P = answered(await report('某智能座舱项目', '芜湖座舱科技有限公司'), 201);
    const Q = answered(await report('某锂电池回收项目', '芜湖回收科技有限公司'), 201);
    expect([P.status, Q.status]).toEqual(['pending', 'pending']);
    const { milestones: _m, arrivals: _a, owners: _o, ...project } = P;

    const confirmed = answered(
      await t.call('POST', `/api/projects/${P.id}/confirm`, {}, { headers: { 'if-match': '"1"' } }),
      200,
    );
    expect(confirmed).toEqual({ ...project, status: 'confirmed', statusReason: null, version: 2 });
    const { milestones: _qm, arrivals: _qa, owners: _qo, ...qProject } = Q;
    const rejected = answered(await t.call('POST', `/api/projects/${Q.id}/reject`, { reason: '与已有项目重复' }), 200);
    expect(rejected).toEqual({ ...qProject, status: 'rejected', statusReason: '与已有项目重复', version: 2 });
    expect(answered(await t.get(`/api/projects/${Q.id}`), 200)).toEqual({
      ...rejected,
      milestones: [],
      arrivals: [],
      owners: [],
    });
  });

  it('POST /api/funds/:id/reinvestment-credits is pending until staff approve or reject it', async () => {
    const t = await testApp();
    const { unit, A } = await base(t);
    const co = await t.create('/api/companies', { name: '芜湖星辰智能装备有限公司', creditCode: CODE_X });
    const V = await t.create('/api/projects', {
      name: '引荐未投项目 V',
      sourceType: 'agency',
      reportedOn: '2024-02-15',
      plannedTotal: '50000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    const byCompany = answered(
      await t.call('POST', `/api/funds/${A.id}/reinvestment-credits`, {
        category: 'local_company',
        companyId: co.id,
        amount: '30000000',
        on: '2024-10-01',
        evidence: '工商登记信息',
      }),
      201,
    );
    expect(byCompany).toEqual({
      id: byCompany.id,
      fundId: A.id,
      companyId: co.id,
      projectId: null,
      category: 'local_company',
      amount: '30000000.00',
      on: '2024-10-01',
      evidence: '工商登记信息',
      status: 'pending',
      statusReason: null,
      version: 1,
    });
    const byProject = answered(
      await t.call('POST', `/api/funds/${A.id}/reinvestment-credits`, {
        category: 'sourced_project',
        projectId: V.id,
        amount: '0.1',
        on: '2024-10-02',
      }),
      201,
    );
    expect(byProject).toEqual({
      id: byProject.id,
      fundId: A.id,
      companyId: null,
      projectId: V.id,
      category: 'sourced_project',
      amount: '0.10',
      on: '2024-10-02',
      evidence: null,
      status: 'pending',
      statusReason: null,
      version: 1,
    });
    const approved = answered(
      await t.call('POST', `/api/reinvestment-credits/${byCompany.id}/approve`, { reason: '核实无误' }),
      200,
    );
    expect(approved).toEqual({ ...byCompany, status: 'approved', statusReason: '核实无误', version: 2 });
    const rejected = answered(await t.call('POST', `/api/reinvestment-credits/${byProject.id}/reject`), 200);
    expect(rejected).toEqual({ ...byProject, status: 'rejected', statusReason: null, version: 2 });
    expect(answered(await t.get(`/api/reinvestment-credits/${byCompany.id}`), 200)).toEqual(approved);
  });

  it('POST /api/users shows the token once; the token works; the list never shows it', async () => {
    const t = await testApp();
    const { M, A } = await base(t);
    const staff = answered(
      await t.call('POST', '/api/users', { username: 'zhang.san', displayName: '张三', role: 'staff' }),
      201,
    );
    expect(staff).toEqual({
      id: staff.id,
      username: 'zhang.san',
      displayName: '张三',
      role: 'staff',
      fundIds: [],
      revoked: false,
      version: 1,
      token: expect.stringMatching(/^\S{20,}$/),
    });
    const gp = answered(
      await t.call('POST', '/api/users', { username: 'gp-a', role: 'manager', fundIds: [A.id, M.id, A.id] }),
      201,
    );
    // Duplicates go, the ids come back in order.
    expect(gp).toEqual({
      id: gp.id,
      username: 'gp-a',
      displayName: null,
      role: 'manager',
      fundIds: [M.id, A.id].sort((a, b) => a - b),
      revoked: false,
      version: 1,
      token: expect.any(String),
    });
    expect(gp.token).not.toBe(staff.token);

    expect((await t.get('/api/me', staff.token)).body).toEqual({
      id: staff.id,
      username: 'zhang.san',
      displayName: '张三',
      role: 'staff',
      fundIds: [],
    });
    const list = await t.get('/api/users');
    expect(list.status).toBe(200);
    for (const u of list.body.items) expect(u).not.toHaveProperty('token');
    expect(JSON.stringify(list.body)).not.toContain(staff.token);
  });
});
