// 招商活动 (SPEC §9) through the API, on a hand-built district: 芜湖市 with 鸠江区 (and its 经开区) and 弋江区; funds
// A and C under a mother fund; company X that A invested in, company K registered by staff alone; a project of A
// (PA) and one of C (PC). Every expected body is written out by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { withCheck } from '../worked-example';

let t: TestApp;
let city: { id: number }, district: { id: number }, other: { id: number };
let A: { id: number }, C: { id: number };
let X: { companyId: number }, K: { id: number };
let PA: { id: number }, PC: { id: number };
let staff: { id: number; token: string };
let managerA: { id: number; token: string };
let managerC: { id: number; token: string };
let leader: { id: number; token: string };

const count = (table: string) => (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  t = await testApp();
  city = await t.create('/api/units', { name: '芜湖市' });
  district = await t.create('/api/units', { name: '鸠江区', parentId: city.id });
  await t.create('/api/units', { name: '鸠江经济开发区', parentId: district.id });
  other = await t.create('/api/units', { name: '弋江区', parentId: city.id });
  const M = await t.create('/api/funds', { name: '市级母基金', level: 'mother', homeUnitId: city.id });
  A = await t.create('/api/funds', { name: '智能制造子基金', level: 'sub', parentId: M.id, homeUnitId: district.id });
  C = await t.create('/api/funds', { name: '文化创意子基金', level: 'sub', parentId: M.id });
  X = await t.create(`/api/funds/${A.id}/investments`, {
    company: { name: '芜湖星辰智能装备有限公司', creditCode: withCheck('91340207MA2N0X000') },
    amount: '30000000',
    investedOn: '2025-09-01',
  });
  K = await t.create('/api/companies', { name: '深圳云帆机器人有限公司' });
  const project = (name: string, fundId: number) =>
    t.create('/api/projects', {
      name,
      sourceType: 'fund',
      sourceFundId: fundId,
      reportedOn: '2026-03-01',
      plannedTotal: '200000000',
      introducingUnitId: district.id,
      landingUnitId: district.id,
    });
  PA = await project('星辰智能装备华东基地', A.id);
  PC = await project('文创产业园', C.id);
  staff = await t.create('/api/users', { username: 'zhang', displayName: '张科长', role: 'staff' });
  managerA = await t.userWith('manager', [A.id]);
  managerC = await t.userWith('manager', [C.id]);
  leader = await t.userWith('leader');
});

const trip = () => ({
  unitId: district.id,
  fundId: A.id,
  kind: 'outbound',
  startedOn: '2026-11-10',
  endedOn: '2026-11-12',
  destination: '深圳',
  topLed: true,
  participantIds: [staff.id],
  participantNames: ['区招商局 李明'],
  companies: [
    { name: '芜湖 星辰智能装备有限公司' },
    { name: '深圳云帆机器人有限公司' },
    { name: '某新能源电池企业' },
    { name: '芜湖星辰智能装备有限公司' },
  ],
  projects: [{ projectId: PA.id, link: 'advanced' }],
  note: '区长带队赴深圳招商',
});

describe('POST /api/activities', () => {
  it('records a 走出去 trip with its people, companies (linked by name key, once each) and projects, in one audited write', async () => {
    const audits = count('audit_log');
    const res = await t.call('POST', '/api/activities', trip(), { token: staff.token });
    expect(res.status).toBe(201);
    const expected = {
      id: res.body.id,
      unitId: district.id,
      fundId: A.id,
      kind: 'outbound',
      startedOn: '2026-11-10',
      endedOn: '2026-11-12',
      destination: '深圳',
      topLed: true,
      participantIds: [staff.id],
      participantNames: ['区招商局 李明'],
      participants: [
        { userId: staff.id, name: '张科长' },
        { userId: null, name: '区招商局 李明' },
      ],
      // The spaced spelling shares X's name key; the repeat of it is the same company; K is known by its name; the
      // third is not registered.
      companies: [
        { name: '芜湖 星辰智能装备有限公司', companyId: X.companyId },
        { name: '深圳云帆机器人有限公司', companyId: K.id },
        { name: '某新能源电池企业', companyId: null },
      ],
      projects: [{ projectId: PA.id, name: '星辰智能装备华东基地', link: 'advanced' }],
      note: '区长带队赴深圳招商',
      version: 1,
    };
    expect(res.body).toEqual(expected);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await t.ok('GET', `/api/activities/${res.body.id}`)).toEqual(expected);
    // The activity, 2 participants, 3 companies and 1 project: 7 rows, each audited as written by 张科长.
    const entries = t.sqlite
      .prepare(`select entity, user_id as userId from audit_log where id > ? order by id`)
      .all(audits) as { entity: string; userId: number }[];
    expect(entries.map((e) => e.entity).sort()).toEqual(
      [
        'activities',
        'activity_companies',
        'activity_companies',
        'activity_companies',
        'activity_participants',
        'activity_participants',
        'activity_projects',
      ].sort(),
    );
    expect(new Set(entries.map((e) => e.userId))).toEqual(new Set([staff.id]));
  });

  it('takes the least: unit, kind and start date; the rest defaults', async () => {
    const a = await t.create('/api/activities', { unitId: other.id, kind: 'visit', startedOn: '2026-11-05' });
    expect(a).toEqual({
      id: a.id,
      unitId: other.id,
      fundId: null,
      kind: 'visit',
      startedOn: '2026-11-05',
      endedOn: null,
      destination: null,
      topLed: false,
      participantIds: [],
      participantNames: [],
      participants: [],
      companies: [],
      projects: [],
      note: null,
      version: 1,
    });
  });

  it('refuses each bad field with a Chinese 400 naming it, and writes nothing', async () => {
    const before = count('activities');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'trip' }, 'kind', /走出去/],
      [{ startedOn: '2026-02-30' }, 'startedOn', /日期/],
      [{ endedOn: '2026-11-09' }, 'endedOn', /早于开始日期/],
      [{ destination: '  ' }, 'destination', /目的地/],
      [{ destination: undefined }, 'destination', /走出去活动须填写目的地/],
      [{ topLed: 'yes' }, 'topLed', /主要负责人带队/],
      [{ unitId: 'abc' }, 'unitId', /id 须为正整数/],
      [{ participantIds: [0] }, 'participantIds.0', /id 须为正整数/],
      [{ participantNames: ['\u200b'] }, 'participantNames.0', /不能为空/],
      [{ companies: [{ name: '（）' }] }, 'companies.0.name', /企业名称须含有文字/],
      [{ companies: '星辰' }, 'companies', /数组/],
      [{ projects: [{ projectId: PA.id, link: 'made' }] }, 'projects.0.link', /促成线索/],
      [
        {
          projects: [
            { projectId: PA.id, link: 'advanced' },
            { projectId: PA.id, link: 'produced' },
          ],
        },
        'projects.1.projectId',
        /重复关联/,
      ],
      [{ participantNames: Array.from({ length: 101 }, (_, i) => `人员${i}`) }, 'participantNames', /最多 100 项/],
      [{ note: 'x'.repeat(1001) }, 'note', /1000/],
    ];
    for (const [change, path, message] of cases) {
      const res = await t.call('POST', '/api/activities', { ...trip(), ...change }, { token: staff.token });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      const issue = res.body.error.issues.find((i: { path: string }) => i.path === path);
      expect(issue?.message, `${path}: ${JSON.stringify(res.body.error.issues)}`).toMatch(message);
      expect(res.body.error.message).toMatch(/^请求参数有误/);
    }
    expect(count('activities')).toBe(before);
  });

  it('answers 404 for a unit, user or project that does not exist, and writes nothing', async () => {
    const before = count('activities');
    for (const [change, message] of [
      [{ unitId: 9999 }, '单位 9999 不存在'],
      [{ fundId: 9999 }, '基金 9999 不存在'],
      [{ participantIds: [staff.id, 9999] }, '用户 9999 不存在'],
      [{ projects: [{ projectId: 9999, link: 'produced' }] }, '项目 9999 不存在'],
      [{ companies: [{ name: '某企业', companyId: 9999 }] }, '企业 9999 不存在'],
    ] as const) {
      const res = await t.call('POST', '/api/activities', { ...trip(), ...change }, { token: staff.token });
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: 'not_found', message });
    }
    expect(count('activities')).toBe(before);
  });

  it('lets a leader read but not record', async () => {
    const res = await t.call('POST', '/api/activities', trip(), { token: leader.token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('领导无权执行此操作');
  });

  it('Idempotency-Key: the same body answers the first activity again, another body is 409', async () => {
    const before = count('activities');
    const headers = { 'idempotency-key': 'trip-1' };
    const first = await t.call('POST', '/api/activities', trip(), { token: staff.token, headers });
    const again = await t.call('POST', '/api/activities', trip(), { token: staff.token, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(count('activities')).toBe(before + 1);
    const other = await t.call(
      'POST',
      '/api/activities',
      { ...trip(), topLed: false },
      { token: staff.token, headers },
    );
    expect(other.status).toBe(409);
    expect(count('activities')).toBe(before + 1);
  });
});

describe('a manager', () => {
  it('records for its own fund only, and links only the companies and projects it may see', async () => {
    const body = { ...trip(), participantIds: [managerA.id], projects: [{ projectId: PA.id, link: 'produced' }] };
    const a = await t.create('/api/activities', body, managerA.token);
    // X is A's investment, so A's manager may know it; K was registered by staff alone and stays unlinked.
    expect(a.companies).toEqual([
      { name: '芜湖 星辰智能装备有限公司', companyId: X.companyId },
      { name: '深圳云帆机器人有限公司', companyId: null },
      { name: '某新能源电池企业', companyId: null },
    ]);
    expect(a.projects).toEqual([{ projectId: PA.id, name: '星辰智能装备华东基地', link: 'produced' }]);
    expect(await t.ok('GET', `/api/activities/${a.id}`, undefined, managerA.token)).toEqual(a);

    const before = count('activities');
    const refused = async (change: Record<string, unknown>) =>
      t.call('POST', '/api/activities', { ...body, ...change }, { token: managerA.token });
    const noFund = await refused({ fundId: undefined });
    expect(noFund.status).toBe(400);
    expect(noFund.body.error.issues).toEqual([{ path: 'fundId', message: '基金管理人登记活动须选择本基金（fundId）' }]);
    expect((await refused({ fundId: C.id })).body.error).toEqual({ code: 'not_found', message: `基金 ${C.id} 不存在` });
    expect((await refused({ projects: [{ projectId: PC.id, link: 'advanced' }] })).body.error).toEqual({
      code: 'not_found',
      message: `项目 ${PC.id} 不存在`,
    });
    // K by id is as missing to A's manager as a wrong id.
    expect((await refused({ companies: [{ name: '云帆', companyId: K.id }] })).body.error).toEqual({
      code: 'not_found',
      message: `企业 ${K.id} 不存在`,
    });
    expect(count('activities')).toBe(before);
  });

  it('sees only its funds’ activities: another fund’s, or one without a fund, is 404; hidden links stay hidden', async () => {
    // Staff record an activity of A that met K and advanced C's project too.
    const mixed = await t.create(
      '/api/activities',
      {
        ...trip(),
        projects: [
          { projectId: PA.id, link: 'advanced' },
          { projectId: PC.id, link: 'advanced' },
        ],
      },
      staff.token,
    );
    expect(mixed.projects.map((p: { projectId: number }) => p.projectId)).toEqual([PA.id, PC.id]);
    const seenByA = await t.ok('GET', `/api/activities/${mixed.id}`, undefined, managerA.token);
    expect(seenByA.projects).toEqual([{ projectId: PA.id, name: '星辰智能装备华东基地', link: 'advanced' }]);
    expect(seenByA.companies[1]).toEqual({ name: '深圳云帆机器人有限公司', companyId: null });

    const ofC = await t.create('/api/activities', { ...trip(), fundId: C.id, projects: [] }, managerC.token);
    const noFund = await t.create('/api/activities', { ...trip(), fundId: null, projects: [] }, staff.token);
    for (const id of [ofC.id, noFund.id]) {
      const res = await t.get(`/api/activities/${id}`, managerA.token);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: 'not_found', message: `招商活动 ${id} 不存在` });
    }
    const listed = await t.ok('GET', '/api/activities?limit=500', undefined, managerA.token);
    expect(listed.items.length).toBeGreaterThan(0);
    expect(new Set(listed.items.map((a: { fundId: number }) => a.fundId))).toEqual(new Set([A.id]));
    expect((await t.get(`/api/activities?fundId=${C.id}`, managerA.token)).status).toBe(404);
  });
});

describe('GET /api/activities', () => {
  it('filters by a unit with its sub-units, kind, start date window and fund; pages by id', async () => {
    const t2 = await testApp();
    const c2 = await t2.create('/api/units', { name: '芜湖市' });
    const d = await t2.create('/api/units', { name: '鸠江区', parentId: c2.id });
    const p = await t2.create('/api/units', { name: '经开区', parentId: d.id });
    const o = await t2.create('/api/units', { name: '弋江区', parentId: c2.id });
    const fund = await t2.create('/api/funds', { name: '母基金', level: 'mother' });
    const add = (unitId: number, kind: string, startedOn: string, extra: Record<string, unknown> = {}) =>
      t2.create('/api/activities', {
        unitId,
        kind,
        startedOn,
        ...(kind === 'outbound' ? { destination: '上海' } : {}),
        ...extra,
      });
    const a1 = await add(c2.id, 'event', '2026-10-20');
    const a2 = await add(d.id, 'outbound', '2026-11-01', { fundId: fund.id });
    const a3 = await add(p.id, 'visit', '2026-11-15');
    const a4 = await add(o.id, 'outbound', '2026-11-30');
    const ids = async (query: string) =>
      (await t2.ok('GET', `/api/activities${query}`)).items.map((a: { id: number }) => a.id);
    expect(await ids('')).toEqual([a1.id, a2.id, a3.id, a4.id]);
    expect(await ids(`?unitId=${c2.id}`)).toEqual([a1.id, a2.id, a3.id, a4.id]);
    expect(await ids(`?unitId=${d.id}`)).toEqual([a2.id, a3.id]); // 鸠江区 and its 经开区, not 弋江区
    expect(await ids(`?unitId=${p.id}`)).toEqual([a3.id]);
    expect(await ids('?kind=outbound')).toEqual([a2.id, a4.id]);
    expect(await ids('?from=2026-11-01&to=2026-11-29')).toEqual([a2.id, a3.id]);
    expect(await ids(`?fundId=${fund.id}`)).toEqual([a2.id]);
    expect(await ids(`?unitId=${d.id}&kind=visit&from=2026-11-15&to=2026-11-15`)).toEqual([a3.id]);
    const first = await t2.ok('GET', '/api/activities?limit=3');
    expect(first.items.map((a: { id: number }) => a.id)).toEqual([a1.id, a2.id, a3.id]);
    expect(first.nextCursor).toBe(String(a3.id));
    expect(await ids(`?limit=3&cursor=${first.nextCursor}`)).toEqual([a4.id]);

    const bad = await t2.get('/api/activities?kind=trip&from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['from', 'kind']);
    const reversed = await t2.get('/api/activities?from=2026-12-01&to=2026-11-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toBe('起始日期 2026-12-01 晚于截止日期 2026-11-01');
    expect((await t2.get('/api/activities/9999')).status).toBe(404);
  });
});
