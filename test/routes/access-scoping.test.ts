import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testApp, type Reply, type TestApp } from '../helpers';
import { withCheck } from '../worked-example';
import { reportedElsewhere } from '../../src/domain/projects';

/**
 * What each role sees. The world: mother fund M with sub-funds A and B; A has a sub-fund A1 of its own (so A's
 * family is A and A1). Each of A, A1 and B has a commitment, an investment, a confirmed project and a credit; a
 * business-sourced project belongs to no fund. Users are created through POST /api/users: a manager of A, a staff
 * member and a leader (and a manager of B to submit from another fund).
 */

const MISSING = 999_999;

async function buildWorld() {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '范围区', code: '340298' });
  const unit2 = await t.create('/api/units', { name: '邻区', code: '340297' });
  const M = await t.create('/api/funds', { name: '范围母基金', level: 'mother', homeUnitId: unit.id });
  const fund = async (name: string, parentId: number) => {
    const f = await t.create('/api/funds', {
      name,
      level: 'sub',
      parentId,
      reinvestment: { multiple: '1', base: 'parent_committed' },
    });
    const commitment = await t.create(`/api/funds/${f.id}/commitments`, {
      investorType: 'fund',
      investorFundId: parentId,
      amount: '100000000',
      committedOn: '2024-01-01',
    });
    return { ...f, commitment };
  };
  const A = await fund('甲新能源子基金', M.id);
  const A1 = await fund('甲一新能源孙基金', A.id);
  const B = await fund('乙新能源子基金', M.id);

  // Every company name holds 新能源, so a search for it would find all of them if the scope were not applied.
  const family = async (f: { id: number }, tag: string, codeSuffix: string) => {
    const investment = await t.create(`/api/funds/${f.id}/investments`, {
      company: { name: `新能源${tag}被投科技有限公司`, creditCode: withCheck(`91340207MA2N${codeSuffix}0`) },
      amount: '10000000',
      investedOn: '2024-02-01',
    });
    const project = await t.create('/api/projects', {
      name: `新能源电池项目${tag}`,
      sourceType: 'fund',
      sourceFundId: f.id,
      reportedOn: '2024-03-01',
      plannedTotal: '50000000',
      chain: '新能源汽车',
      company: { name: `新能源${tag}项目有限公司`, creditCode: withCheck(`91340207MA2N${codeSuffix}1`) },
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    await t.create(`/api/projects/${project.id}/milestones`, { stage: 'signed', on: '2024-04-01' });
    const credit = await t.create(`/api/funds/${f.id}/reinvestment-credits`, {
      category: 'local_company',
      amount: '5000000',
      on: '2024-05-01',
      companyId: investment.companyId,
    });
    const target = await t.create('/api/targets', { fundId: f.id, year: 2026, metric: 'outcomes.leads', value: '5' });
    return {
      investment,
      project,
      credit,
      target,
      company: investment.companyId as number,
      projectCompany: project.companyId as number,
    };
  };
  const a = await family(A, '甲', 'AAA1');
  const a1 = await family(A1, '甲一', 'AAB1');
  const b = await family(B, '乙', 'BBB1');
  const business = await t.create('/api/projects', {
    name: '新能源电池项目（商务招引）',
    sourceType: 'business',
    reportedOn: '2024-03-01',
    plannedTotal: '30000000',
    chain: '新能源汽车',
    company: { name: '新能源丙项目有限公司' },
    introducingUnitId: unit2.id,
    landingUnitId: unit2.id,
  });
  const regionalTarget = await t.create('/api/targets', {
    unitId: unit.id,
    year: 2026,
    metric: 'outcomes.leads',
    value: '10',
  });

  const manager = await t.create('/api/users', { username: 'jia-manager', role: 'manager', fundIds: [A.id] });
  const staff = await t.create('/api/users', { username: 'platform-staff', role: 'staff' });
  const leader = await t.create('/api/users', { username: 'district-leader', role: 'leader' });
  const managerB = await t.create('/api/users', { username: 'yi-manager', role: 'manager', fundIds: [B.id] });
  return { t, unit, unit2, M, A, A1, B, a, a1, b, business, regionalTarget, manager, staff, leader, managerB };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

const idsOf = (r: Reply) => (r.body.items as { id: number }[]).map((i) => i.id).sort((x, y) => x - y);
const sorted = (...xs: number[]) => [...xs].sort((x, y) => x - y);

/** A 404 body with the record's id replaced, so another fund's record and a missing one can be compared. */
const withoutId = (r: Reply, id: number) => ({
  status: r.status,
  body: JSON.parse(JSON.stringify(r.body).replaceAll(String(id), '<id>')),
});

describe('what a manager, staff and a leader see', () => {
  let w: World;
  let t: TestApp;
  beforeAll(async () => {
    w = await buildWorld();
    t = w.t;
  });

  it('GET /api/me answers each caller', async () => {
    expect((await t.get('/api/me', w.manager.token)).body).toEqual({
      id: w.manager.id,
      username: 'jia-manager',
      displayName: null,
      role: 'manager',
      fundIds: [w.A.id],
    });
    expect((await t.get('/api/me', w.staff.token)).body).toEqual({
      id: w.staff.id,
      username: 'platform-staff',
      displayName: null,
      role: 'staff',
      fundIds: [],
    });
    expect((await t.get('/api/me', w.leader.token)).body).toEqual({
      id: w.leader.id,
      username: 'district-leader',
      displayName: null,
      role: 'leader',
      fundIds: [],
    });
    expect((await t.get('/api/me', ADMIN_TOKEN)).body).toMatchObject({ username: 'admin', role: 'admin', fundIds: [] });
  });

  it('funds: the manager sees its fund and its sub-fund, never the mother or the sibling', async () => {
    expect(idsOf(await t.get('/api/funds', w.manager.token))).toEqual(sorted(w.A.id, w.A1.id));
    expect(idsOf(await t.get(`/api/funds?parentId=${w.M.id}`, w.manager.token))).toEqual([w.A.id]);
    expect(idsOf(await t.get('/api/funds?level=mother', w.manager.token))).toEqual([]);
    const own = await t.get(`/api/funds/${w.A.id}`, w.manager.token);
    expect(own.status).toBe(200);
    expect(own.body.children).toEqual([{ id: w.A1.id, name: '甲一新能源孙基金', level: 'sub' }]);
    // The mother's detail would list B among its children: the manager of A may not read it at all.
    expect((await t.get(`/api/funds/${w.M.id}`, w.manager.token)).status).toBe(404);
    for (const token of [w.staff.token, w.leader.token]) {
      expect(idsOf(await t.get('/api/funds', token))).toEqual(sorted(w.M.id, w.A.id, w.A1.id, w.B.id));
    }
  });

  it('projects: every filter stays inside the family', async () => {
    const own = sorted(w.a.project.id, w.a1.project.id);
    const list = (query: string, token = w.manager.token) => t.get(`/api/projects${query}`, token).then(idsOf);
    expect(await list('')).toEqual(own);
    expect(await list(`?fundId=${w.A.id}`)).toEqual(own);
    expect(await list(`?fundId=${w.A1.id}`)).toEqual([w.a1.project.id]);
    expect(await list('?stage=signed')).toEqual(own);
    expect(await list('?status=confirmed')).toEqual(own);
    expect(await list('?status=pending')).toEqual([]);
    expect(await list(`?chain=${encodeURIComponent('新能源汽车')}`)).toEqual(own);
    expect(await list('?sourceType=fund')).toEqual(own);
    expect(await list('?sourceType=business')).toEqual([]);
    expect(await list(`?q=${encodeURIComponent('新能源电池')}`)).toEqual(own);
    expect(await list(`?q=${encodeURIComponent('乙')}`)).toEqual([]);
    // The same searches by staff and leader find the other fund's and the business project too.
    const all = sorted(w.a.project.id, w.a1.project.id, w.b.project.id, w.business.id);
    expect(await list(`?q=${encodeURIComponent('新能源电池')}`, w.staff.token)).toEqual(all);
    expect(await list(`?chain=${encodeURIComponent('新能源汽车')}`, w.leader.token)).toEqual(all);
  });

  it('investments, credits and companies: only the family', async () => {
    expect(idsOf(await t.get('/api/investments', w.manager.token))).toEqual(
      sorted(w.a.investment.id, w.a1.investment.id),
    );
    expect(idsOf(await t.get(`/api/investments?companyId=${w.b.company}`, w.manager.token))).toEqual([]);
    expect(idsOf(await t.get(`/api/funds/${w.A.id}/investments`, w.manager.token))).toEqual([w.a.investment.id]);

    expect(idsOf(await t.get('/api/reinvestment-credits', w.manager.token))).toEqual(
      sorted(w.a.credit.id, w.a1.credit.id),
    );
    expect(idsOf(await t.get('/api/reinvestment-credits?status=pending', w.manager.token))).toEqual(
      sorted(w.a.credit.id, w.a1.credit.id),
    );
    expect(idsOf(await t.get(`/api/funds/${w.A.id}/reinvestment-credits`, w.manager.token))).toEqual([w.a.credit.id]);

    const ownCompanies = sorted(w.a.company, w.a.projectCompany, w.a1.company, w.a1.projectCompany);
    expect(idsOf(await t.get('/api/companies', w.manager.token))).toEqual(ownCompanies);
    expect(idsOf(await t.get(`/api/companies?q=${encodeURIComponent('新能源')}`, w.manager.token))).toEqual(
      ownCompanies,
    );
    expect(idsOf(await t.get(`/api/companies?q=${encodeURIComponent('乙')}`, w.manager.token))).toEqual([]);
    const bCode = (await t.get(`/api/companies/${w.b.company}`)).body.creditCode as string;
    expect(idsOf(await t.get(`/api/companies?q=${bCode}`, w.manager.token))).toEqual([]);
    expect(idsOf(await t.get(`/api/companies?q=${bCode}`, w.leader.token))).toEqual([w.b.company]);
    expect((await t.get(`/api/companies/${w.a.company}`, w.manager.token)).body).toMatchObject({
      id: w.a.company,
      name: '新能源甲被投科技有限公司',
    });
  });

  it('reports and targets: only the family', async () => {
    const funds = await t.get('/api/reports/funds', w.manager.token);
    expect(funds.body.funds.map((f: { fundId: number }) => f.fundId)).toEqual(sorted(w.A.id, w.A1.id));

    const pipeline = await t.get('/api/reports/pipeline', w.manager.token);
    // Each fund's own confirmed project, signed: A's and A1's, one each.
    expect(
      pipeline.body.funds
        .map((f: { fundId: number; stage: string; count: number }) => [f.fundId, f.stage, f.count])
        .sort(),
    ).toEqual(
      [
        [w.A.id, 'signed', 1],
        [w.A1.id, 'signed', 1],
      ].sort(),
    );
    expect(pipeline.body.chains).toEqual([{ chain: '新能源汽车', count: 2, landed: 0 }]);

    const units = await t.get('/api/reports/units', w.manager.token);
    const leadsOf = (r: Reply, unitId: number) =>
      r.body.units.find((u: { unitId: number }) => u.unitId === unitId).outcomes.leads;
    expect(leadsOf(units, w.unit.id)).toBe(2); // A's and A1's projects; B's is hidden
    expect(leadsOf(units, w.unit2.id)).toBe(0); // the business project belongs to no fund
    const all = await t.get('/api/reports/units', w.leader.token);
    expect(leadsOf(all, w.unit.id)).toBe(3); // A, A1, B
    expect(leadsOf(all, w.unit2.id)).toBe(1);

    expect(idsOf(await t.get('/api/targets', w.manager.token))).toEqual(
      sorted(w.regionalTarget.id, w.a.target.id, w.a1.target.id),
    );
    expect(idsOf(await t.get('/api/targets', w.staff.token))).toEqual(
      sorted(w.regionalTarget.id, w.a.target.id, w.a1.target.id, w.b.target.id),
    );
  });

  it('Excel exports, the import template and imports: only the family', async () => {
    const sheetText = async (path: string, token: string) => {
      const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const cells: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
      return cells.join('\n');
    };
    const names = { A: '甲新能源子基金', A1: '甲一新能源孙基金', B: '乙新能源子基金', M: '范围母基金' };

    const fundsSheet = await sheetText('/api/exports/funds.xlsx', w.manager.token);
    expect(fundsSheet).toContain(names.A);
    expect(fundsSheet).toContain(names.A1);
    expect(fundsSheet).not.toContain(names.B);
    expect(fundsSheet).not.toContain(names.M);
    expect(await sheetText('/api/exports/funds.xlsx', w.leader.token)).toContain(names.B);

    const projectsSheet = await sheetText('/api/exports/projects.xlsx', w.manager.token);
    expect(projectsSheet).toContain('新能源电池项目甲');
    expect(projectsSheet).toContain('新能源电池项目甲一');
    expect(projectsSheet).not.toContain('新能源电池项目乙');
    expect(projectsSheet).not.toContain('新能源电池项目（商务招引）');
    expect(projectsSheet).not.toContain('新能源乙项目有限公司');
    const everyProject = await sheetText('/api/exports/projects.xlsx', w.staff.token);
    expect(everyProject).toContain('新能源电池项目乙');
    expect(everyProject).toContain('新能源电池项目（商务招引）');

    const template = await sheetText('/api/imports/projects/template.xlsx', w.manager.token);
    expect(template).toContain(names.A);
    expect(template).not.toContain(names.B);
    expect(template).not.toContain(names.M);

    // A sheet row sourced by fund B is refused exactly as one naming a fund that does not exist, and writes nothing.
    const sheet = (fund: number) =>
      `项目名称,来源类型,来源基金,报送日期,计划总投资（元）,招引单位,落地单位\n导入项目,基金招引,${fund},2024-06-01,1000000,${w.unit.id},${w.unit.id}\n`;
    const upload = (fund: number) =>
      t.call('POST', '/api/imports/projects', sheet(fund), {
        token: w.manager.token,
        headers: { 'content-type': 'text/csv' },
      });
    const before = (t.sqlite.prepare('select count(*) as n from projects').get() as { n: number }).n;
    const hidden = await upload(w.B.id);
    expect(hidden.status).toBe(400);
    expect(withoutId(hidden, w.B.id)).toEqual(withoutId(await upload(MISSING), MISSING));
    expect((t.sqlite.prepare('select count(*) as n from projects').get() as { n: number }).n).toBe(before);
  });

  it("another fund's records answer exactly the 404 of a record that does not exist", async () => {
    const cases: [string, (id: number) => string, number][] = [
      ['fund B', (id) => `/api/funds/${id}`, w.B.id],
      ['the mother fund', (id) => `/api/funds/${id}`, w.M.id],
      ["B's metrics", (id) => `/api/funds/${id}/metrics`, w.B.id],
      ["B's investments", (id) => `/api/funds/${id}/investments`, w.B.id],
      ["B's credits", (id) => `/api/funds/${id}/reinvestment-credits`, w.B.id],
      ["B's commitment", (id) => `/api/commitments/${id}`, w.B.commitment.id],
      ["B's investment", (id) => `/api/investments/${id}`, w.b.investment.id],
      ["B's project", (id) => `/api/projects/${id}`, w.b.project.id],
      ['the business project', (id) => `/api/projects/${id}`, w.business.id],
      ["B's credit", (id) => `/api/reinvestment-credits/${id}`, w.b.credit.id],
      ["B's company", (id) => `/api/companies/${id}`, w.b.company],
      ["B's project company", (id) => `/api/companies/${id}`, w.b.projectCompany],
      ['projects of B', (id) => `/api/projects?fundId=${id}`, w.B.id],
      ['credits of B', (id) => `/api/reinvestment-credits?fundId=${id}`, w.B.id],
      ['targets of B', (id) => `/api/targets?fundId=${id}`, w.B.id],
      ['units report of B', (id) => `/api/reports/units?fundId=${id}`, w.B.id],
    ];
    for (const [what, url, id] of cases) {
      const hidden = await t.get(url(id), w.manager.token);
      const missing = await t.get(url(MISSING), w.manager.token);
      expect(hidden.status, what).toBe(404);
      expect(withoutId(hidden, id), what).toEqual(withoutId(missing, MISSING));
      expect(hidden.headers.get('etag'), what).toBeNull();
      expect((await t.get(url(id), w.leader.token)).status, `${what} for the leader`).toBe(200);
    }
  });

  it("writes that name another fund's records answer the 404 of a missing record and create nothing", async () => {
    const project = (extra: Record<string, unknown>) => ({
      name: '伪造来源项目',
      sourceType: 'fund',
      sourceFundId: w.A.id,
      reportedOn: '2024-06-01',
      plannedTotal: '1000000',
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
      ...extra,
    });
    const cases: [string, (id: number) => [string, unknown], number][] = [
      ['a forged sourceFundId', (id) => ['/api/projects', project({ sourceFundId: id })], w.B.id],
      [
        "B's investment as the driving investment",
        (id) => ['/api/projects', project({ investmentId: id })],
        w.b.investment.id,
      ],
      ["B's company by id", (id) => ['/api/projects', project({ companyId: id })], w.b.company],
      [
        "a milestone on B's project",
        (id) => [`/api/projects/${id}/milestones`, { stage: 'started', on: '2024-06-01' }],
        w.b.project.id,
      ],
      [
        "an arrival on B's project",
        (id) => [`/api/projects/${id}/arrivals`, { amount: '1', arrivedOn: '2024-06-01', kind: 'working' }],
        w.b.project.id,
      ],
      [
        'a credit for fund B',
        (id) => [
          `/api/funds/${id}/reinvestment-credits`,
          { category: 'secondary', amount: '1', on: '2024-06-01', companyId: w.a.company },
        ],
        w.B.id,
      ],
      [
        "a credit on B's project",
        (id) => [
          `/api/funds/${w.A.id}/reinvestment-credits`,
          { category: 'sourced_project', amount: '1', on: '2024-06-01', projectId: id },
        ],
        w.b.project.id,
      ],
      [
        "a credit on B's company",
        (id) => [
          `/api/funds/${w.A.id}/reinvestment-credits`,
          { category: 'local_company', amount: '1', on: '2024-06-01', companyId: id },
        ],
        w.b.company,
      ],
    ];
    const auditRows = () => (t.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
    for (const [what, build, id] of cases) {
      const before = auditRows();
      const [path, body] = build(id);
      const hidden = await t.call('POST', path, body, { token: w.manager.token });
      const [missingPath, missingBody] = build(MISSING);
      const missing = await t.call('POST', missingPath, missingBody, { token: w.manager.token });
      expect(hidden.status, `${what}: ${JSON.stringify(hidden.body)}`).toBe(404);
      expect(withoutId(hidden, id), what).toEqual(withoutId(missing, MISSING));
      expect(auditRows(), `${what} wrote nothing`).toBe(before);
    }
    // The company B invested in stays hidden: no refused write linked it to A.
    expect((await t.get(`/api/companies/${w.b.company}`, w.manager.token)).status).toBe(404);
  });

  it("a duplicate lead of another fund's project answers the manager 409 with no id and no detail; staff and the family keep existingId", async () => {
    const other = (await t.get(`/api/projects/${w.b.project.id}`)).body;
    const lead = (creditCode: string) => ({
      name: '重复报送项目',
      sourceType: 'fund',
      sourceFundId: w.A.id,
      reportedOn: '2024-06-01',
      plannedTotal: '1000000',
      company: { name: '随便写的名字有限公司', creditCode },
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
    });
    const r = await t.call('POST', '/api/projects', lead(other.company.creditCode), { token: w.manager.token });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ error: { code: 'conflict', message: reportedElsewhere(true) } });
    const text = JSON.stringify(r.body);
    for (const secret of [
      String(w.b.project.id),
      other.name,
      other.company.name,
      '乙新能源子基金',
      '50000000',
      String(w.B.id),
    ])
      expect(text).not.toContain(secret);
    // A1's project is in the manager's family: it may learn which of its own projects holds the company.
    const own = (await t.get(`/api/projects/${w.a1.project.id}`)).body;
    const mine = await t.call('POST', '/api/projects', lead(own.company.creditCode), { token: w.manager.token });
    expect(mine.status).toBe(409);
    expect(mine.body).toEqual({
      error: { code: 'conflict', message: expect.stringContaining(`项目编号 ${w.a1.project.id}`) },
      existingId: w.a1.project.id,
    });
    // Staff see every project: the id and number stay.
    const staff = await t.call(
      'POST',
      '/api/projects',
      { ...lead(other.company.creditCode), sourceType: 'business', sourceFundId: undefined },
      { token: w.staff.token },
    );
    expect(staff.status).toBe(409);
    expect(staff.body.existingId).toBe(w.b.project.id);
  });
});

describe("a manager's submissions wait for staff", () => {
  let w: World;
  let t: TestApp;
  beforeAll(async () => {
    w = await buildWorld();
    t = w.t;
  });

  it('a submitted project is pending, uncounted until staff confirm it, and its manager cannot confirm it', async () => {
    const leads = async () => (await t.get(`/api/funds/${w.A.id}/metrics`, w.staff.token)).body.outcomes;
    const before = await leads();
    // A's family has two confirmed projects (A's and A1's), each planned at 50,000,000.
    expect(before).toMatchObject({ leads: 2, plannedTotal: '100000000.00' });

    const p = await t.create(
      '/api/projects',
      {
        name: '经理报送项目',
        sourceType: 'fund',
        sourceFundId: w.A.id,
        reportedOn: '2026-10-01',
        plannedTotal: '20000000',
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
      },
      w.manager.token,
    );
    expect(p).toMatchObject({ status: 'pending', sourceFundId: w.A.id, stage: 'reported' });
    expect(await leads()).toMatchObject({ leads: 2, plannedTotal: '100000000.00' });
    expect(idsOf(await t.get('/api/projects?status=pending', w.manager.token))).toEqual([p.id]);
    expect(idsOf(await t.get('/api/projects?status=pending', w.managerB.token))).toEqual([]);

    // Its own progress it may record while pending.
    expect(
      (
        await t.call(
          'POST',
          `/api/projects/${p.id}/milestones`,
          { stage: 'signed', on: '2026-11-01' },
          { token: w.manager.token },
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await t.call(
          'POST',
          `/api/projects/${p.id}/arrivals`,
          { amount: '1000000', arrivedOn: '2026-11-10', kind: 'fixed_asset' },
          { token: w.manager.token },
        )
      ).status,
    ).toBe(201);

    const self = await t.call('POST', `/api/projects/${p.id}/confirm`, {}, { token: w.manager.token });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('forbidden');
    expect((await t.get(`/api/projects/${p.id}`, w.manager.token)).body.status).toBe('pending');
    expect(await leads()).toMatchObject({ leads: 2 });

    const confirmed = await t.call('POST', `/api/projects/${p.id}/confirm`, {}, { token: w.staff.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    // Now counted: 2 + 1 leads, 100,000,000 + 20,000,000 planned; its manager's arrival still waits for its own 认定.
    expect(await leads()).toMatchObject({ leads: 3, plannedTotal: '120000000.00', arrived: '0.00' });
    const [arrival] = (await t.get(`/api/projects/${p.id}`, w.manager.token)).body.arrivals;
    expect(arrival.status).toBe('pending');
    expect((await t.call('POST', `/api/arrivals/${arrival.id}/confirm`, {}, { token: w.manager.token })).status).toBe(
      403,
    );
    expect((await t.call('POST', `/api/arrivals/${arrival.id}/confirm`, {}, { token: w.staff.token })).status).toBe(
      200,
    );
    expect(await leads()).toMatchObject({ leads: 3, arrived: '1000000.00' });
  });

  it('a manager submits credits for its own funds only, pending until staff approve', async () => {
    const credit = await t.create(
      `/api/funds/${w.A.id}/reinvestment-credits`,
      {
        category: 'sourced_project',
        amount: '3000000',
        on: '2024-06-01',
        projectId: w.a.project.id,
      },
      w.manager.token,
    );
    expect(credit).toMatchObject({ status: 'pending', fundId: w.A.id, projectId: w.a.project.id });
    const approve = await t.call(
      'POST',
      `/api/reinvestment-credits/${credit.id}/approve`,
      {},
      { token: w.manager.token },
    );
    expect(approve.status).toBe(403);
    const credited = async () =>
      (await t.get(`/api/funds/${w.A.id}/metrics`, w.staff.token)).body.reinvestment.credited;
    // Every credit of the world is still pending, the manager's too: nothing is credited yet.
    expect(await credited()).toBe('0.00');
    expect(
      (await t.call('POST', `/api/reinvestment-credits/${credit.id}/approve`, {}, { token: w.staff.token })).body
        .status,
    ).toBe('approved');
    // SPEC §3: sourced_project weighs 0.3 by default, 0.3 × 3,000,000 = 900,000.
    expect(await credited()).toBe('900000.00');
  });
});

describe('tokens', () => {
  let w: World;
  let t: TestApp;
  beforeAll(async () => {
    w = await buildWorld();
    t = w.t;
  });

  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

  it('are stored hashed: the users table never holds a token', async () => {
    const tokens = [ADMIN_TOKEN, w.manager.token, w.staff.token, w.leader.token, w.managerB.token] as string[];
    const rows = t.sqlite.prepare('select * from users').all() as Record<string, unknown>[];
    const dump = JSON.stringify(rows);
    for (const token of tokens) expect(dump).not.toContain(token);
    const hashOf = (id: number) => rows.find((r) => r.id === id)!.token_hash;
    expect(hashOf(w.manager.id)).toBe(sha256(w.manager.token));
    expect(hashOf(w.leader.id)).toBe(sha256(w.leader.token));
  });

  it('revocation answers 401 at once; rotation retires the old token and the new one works', async () => {
    expect((await t.get('/api/me', w.leader.token)).status).toBe(200);
    expect((await t.call('POST', `/api/users/${w.leader.id}/revoke`, {})).status).toBe(200);
    const revoked = await t.get('/api/me', w.leader.token);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect((await t.get('/api/funds', w.leader.token)).status).toBe(401);

    const rotated = await t.call('POST', `/api/users/${w.manager.id}/token`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).toEqual(expect.any(String));
    expect(rotated.body.token).not.toBe(w.manager.token);
    expect((await t.get('/api/me', w.manager.token)).status).toBe(401);
    expect((await t.get('/api/me', rotated.body.token)).body).toEqual({
      id: w.manager.id,
      username: 'jia-manager',
      displayName: null,
      role: 'manager',
      fundIds: [w.A.id],
    });
    // The new token carries the same scope.
    expect(idsOf(await t.get('/api/funds', rotated.body.token))).toEqual(sorted(w.A.id, w.A1.id));
    const row = t.sqlite.prepare('select token_hash from users where id = ?').get(w.manager.id) as {
      token_hash: string;
    };
    expect(row.token_hash).toBe(sha256(rotated.body.token));
  });
});
