// The service loop of SPEC §9 end to end, every record written through the API as its users would write it, then read
// back through every report that counts it: the service report, the 通报, 调度, the alerts, my work. Today is
// 2026-11-22 (test/helpers.ts). Every figure is derived by hand below.
//
// 鸠江区 (R) with its 开发区 (U). Fund A (manager mA) brought project P (introduced by U, landing in R: a 飞地 of the
// park), signed 06-01, registered 07-10. P's plan from the template, signed + offset:
//   工商注册 registered +30 → 07-01, reached 07-10: done, late
//   立项备案 task       +45 → 07-16, actual 07-15: done, on time
//   开工     started    +120 → 09-29, re-planned to 10-31 (baseline kept): not reached, 滞后 since 10-31
// 对接人 李对接 from 06-05. The platform sets 用地 requests to 10 days.
//   r1 用地, raised by mA 10-01 for P, responsible U → due 10-11; accepted 10-02, resolved 10-08, reopened 10-20,
//      accepted again 10-21, resolved again 10-28 (after its due date), 回访 10-30 满意
//   r2 用工, raised by staff 11-01 for P, responsible U, due 11-10, assigned 李对接, still open: 超期 since 11-10
// Activities of U: 走出去 上海 11-05–11-07 led by the head, meeting P's company, advancing P; 请进来 02-20 that produced P.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';

let t: TestApp;
let R: { id: number };
let U: { id: number };
let A: { id: number };
let P: { id: number; companyId: number };
let staff: { id: number; token: string };
let mA: { id: number; token: string };
let mB: { id: number; token: string };
let li: { id: number; token: string };
let liaison: { id: number };
let nodes: { id: number; name: string }[];
let r1: { id: number };
let r2: { id: number };

beforeAll(async () => {
  t = await testApp();
  R = await t.create('/api/units', { name: '鸠江区' });
  U = await t.create('/api/units', { name: '鸠江开发区', parentId: R.id });
  const M = await t.create('/api/funds', { name: '区级母基金', level: 'mother', homeUnitId: R.id });
  A = await t.create('/api/funds', { name: '智能制造子基金', level: 'sub', parentId: M.id });
  const B = await t.create('/api/funds', { name: '文化创意子基金', level: 'sub', parentId: M.id });
  staff = await t.userWith('staff', undefined, 'staff-zhang');
  mA = await t.userWith('manager', [A.id]);
  mB = await t.userWith('manager', [B.id]);
  li = await t.userWith('staff', undefined, 'liaison-li');

  P = await t.create(
    '/api/projects',
    {
      name: '星辰智能装备基地',
      companyName: '芜湖星辰智能装备有限公司',
      sourceType: 'fund',
      sourceFundId: A.id,
      reportedOn: '2026-02-25',
      plannedTotal: '100000000',
      introducingUnitId: U.id,
      landingUnitId: R.id,
    },
    staff.token,
  );
  await t.create(`/api/projects/${P.id}/milestones`, { stage: 'signed', on: '2026-06-01' }, staff.token);
  await t.create(`/api/projects/${P.id}/milestones`, { stage: 'registered', on: '2026-07-10' }, staff.token);
  liaison = await t.create(
    `/api/projects/${P.id}/owners`,
    { userId: li.id, duty: 'liaison', from: '2026-06-05' },
    staff.token,
  );

  const template = await t.create(
    '/api/node-templates',
    {
      name: '标准工业项目',
      nodes: [
        { name: '工商注册', stage: 'registered', offsetDays: 30 },
        { name: '立项备案', offsetDays: 45 },
        { name: '开工', stage: 'started', offsetDays: 120 },
      ],
    },
    staff.token,
  );
  nodes = (await t.create(`/api/projects/${P.id}/nodes`, { templateId: template.id }, mA.token)).items;
  await t.ok('PATCH', `/api/nodes/${nodes[1]!.id}`, { actual: '2026-07-15' }, mA.token);
  await t.ok('PATCH', `/api/nodes/${nodes[2]!.id}`, { planned: '2026-10-31' }, mA.token);

  const settings = await t.ok('GET', '/api/settings', undefined, staff.token);
  await t.ok('PUT', '/api/settings', { ...settings, requestDays: { ...settings.requestDays, land: 10 } }, staff.token);
  r1 = await t.create(
    '/api/requests',
    { projectId: P.id, category: 'land', unitId: U.id, raisedOn: '2026-10-01', description: '厂房二期用地指标' },
    mA.token,
  );
  const move = (id: number, body: Record<string, unknown>) =>
    t.ok('POST', `/api/requests/${id}/transitions`, body, staff.token);
  await move(r1.id, { to: 'accepted', on: '2026-10-02' });
  await move(r1.id, { to: 'resolved', on: '2026-10-08', text: '协调出让地块' });
  await move(r1.id, { to: 'open', on: '2026-10-20' });
  await move(r1.id, { to: 'accepted', on: '2026-10-21' });
  await move(r1.id, { to: 'resolved', on: '2026-10-28', text: '完成摘牌' });
  await move(r1.id, { to: 'closed', on: '2026-10-30', rating: 'satisfied' });
  r2 = await t.create(
    '/api/requests',
    {
      projectId: P.id,
      category: 'labour',
      unitId: U.id,
      assigneeId: li.id,
      raisedOn: '2026-11-01',
      dueOn: '2026-11-10',
      description: '招聘技术工人 200 名',
    },
    staff.token,
  );

  await t.create(
    '/api/activities',
    {
      unitId: U.id,
      fundId: A.id,
      kind: 'outbound',
      startedOn: '2026-11-05',
      endedOn: '2026-11-07',
      destination: '上海',
      topLed: true,
      participantIds: [li.id],
      participantNames: ['区长'],
      companies: [{ name: '芜湖星辰智能装备有限公司', companyId: P.companyId }],
      projects: [{ projectId: P.id, link: 'advanced' }],
    },
    staff.token,
  );
  await t.create(
    '/api/activities',
    { unitId: U.id, kind: 'inbound', startedOn: '2026-02-20', projects: [{ projectId: P.id, link: 'produced' }] },
    staff.token,
  );
});

const unitRow = (body: any, id: number) => body.units.find((u: any) => u.unitId === id);
const fundRow = (body: any, id: number) => body.funds.find((f: any) => f.fundId === id);
const service = (query: string, token = staff.token) => t.ok('GET', `/api/reports/service?${query}`, undefined, token);

describe('what was written', () => {
  it('r1 took its due date from the platform’s 用地 days and carries its whole history', async () => {
    const r = await t.ok('GET', `/api/requests/${r1.id}`, undefined, mA.token);
    expect(r).toMatchObject({ dueOn: '2026-10-11', status: 'closed', resolvedOn: '2026-10-28', rating: 'satisfied' });
    expect(r.history.map((h: any) => [h.status, h.on])).toEqual([
      ['open', '2026-10-01'],
      ['accepted', '2026-10-02'],
      ['resolved', '2026-10-08'],
      ['open', '2026-10-20'],
      ['accepted', '2026-10-21'],
      ['resolved', '2026-10-28'],
      ['closed', '2026-10-30'],
    ]);
  });

  it('the plan reads as derived: registration from the milestone, the start re-planned with its baseline kept', async () => {
    const plan = (await t.ok('GET', `/api/projects/${P.id}/nodes`, undefined, mA.token)).items;
    expect(plan.map((n: any) => [n.name, n.planned, n.baseline, n.actual, n.status, n.onTime])).toEqual([
      ['工商注册', '2026-07-01', '2026-07-01', '2026-07-10', 'done', false],
      ['立项备案', '2026-07-16', '2026-07-16', '2026-07-15', 'done', true],
      ['开工', '2026-10-31', '2026-09-29', null, 'overdue', false],
    ]);
  });
});

describe('GET /api/reports/service', () => {
  it('October, 招引口径: r1 raised and resolved by its last resolution (late), rated; the park and the district alike', async () => {
    const r = await service('from=2026-10-01&to=2026-10-31');
    const requests = {
      raised: 1,
      resolved: 1,
      resolvedOnTime: 0, // last resolved 10-28 > due 10-11
      openOverdue: 0, // r2 was raised in November
      resolutionRate: '1.0000',
      onTimeRate: '0.0000',
      medianDays: '27.0', // 10-01 → 10-28
      satisfaction: '1.0000',
    };
    expect(unitRow(r, U.id).requests).toEqual(requests);
    expect(unitRow(r, R.id).requests).toEqual(requests); // the park is inside the district: counted once
    expect(fundRow(r, A.id).requests).toEqual(requests);
    expect(unitRow(r, U.id).activities.outbound).toBe(0);
  });

  it('a window ending while r1 was resolved the first time counts that resolution, on time, not yet rated', async () => {
    const r = await service('from=2026-10-01&to=2026-10-15');
    expect(unitRow(r, U.id).requests).toEqual({
      raised: 1,
      resolved: 1,
      resolvedOnTime: 1, // 10-08 ≤ 10-11
      openOverdue: 0,
      resolutionRate: '1.0000',
      onTimeRate: '1.0000',
      medianDays: '7.0',
      satisfaction: null,
    });
  });

  it('a window ending while r1 was reopened counts it open and overdue', async () => {
    const r = await service('from=2026-10-01&to=2026-10-25');
    expect(unitRow(r, U.id).requests).toMatchObject({ raised: 1, resolved: 0, openOverdue: 1, medianDays: null });
  });

  it('November to date: r2 overdue, the 上海 trip led by the head, the nodes as of today', async () => {
    const r = await service('from=2026-11-01&to=2026-11-22');
    const U1 = unitRow(r, U.id);
    expect(U1.requests).toMatchObject({ raised: 1, resolved: 0, openOverdue: 1 });
    expect(U1.activities).toEqual({ outbound: 1, inbound: 0, visit: 0, talks: 0, event: 0, online: 0 });
    expect(U1).toMatchObject({ topLed: 1, companiesMet: 1, leadsProduced: 0 });
    // Nodes sit with the project's unit in the view: 招引 → the park.
    expect(U1.nodes).toEqual({
      nodesDue: 3,
      nodesDoneOnTime: 1, // 立项备案
      nodesOverdue: 1, // 开工
      nodeOnTimeRate: '0.3333',
      replanned: 1,
    });
    expect(fundRow(r, A.id).nodes).toEqual(U1.nodes);
  });

  it('the year: the 请进来 that produced P counts as a lead produced', async () => {
    const r = await service('from=2026-01-01&to=2026-11-22');
    expect(unitRow(r, U.id)).toMatchObject({ topLed: 1, companiesMet: 1, leadsProduced: 1 });
    expect(unitRow(r, U.id).activities).toMatchObject({ outbound: 1, inbound: 1 });
    expect(unitRow(r, U.id).requests).toMatchObject({ raised: 2, resolved: 1, openOverdue: 1 });
  });

  it('落地口径 moves P’s nodes to the district itself; the requests stay with their responsible unit', async () => {
    const r = await service('from=2026-11-01&to=2026-11-22&view=landing');
    expect(unitRow(r, U.id).nodes.nodesDue).toBe(0);
    expect(unitRow(r, R.id).nodes).toMatchObject({ nodesDue: 3, nodesOverdue: 1 });
    expect(unitRow(r, U.id).requests.openOverdue).toBe(1);
  });

  it('another fund’s manager sees none of it', async () => {
    const r = await service('from=2026-01-01&to=2026-11-22', mB.token);
    expect(unitRow(r, U.id).requests.raised).toBe(0);
    expect(unitRow(r, U.id).nodes.nodesDue).toBe(0);
    expect(fundRow(r, A.id)).toBeUndefined();
    expect((await t.call('GET', `/api/requests/${r1.id}`, undefined, { token: mB.token })).status).toBe(404);
  });
});

describe('the 通报, 调度, alerts and my work read the same records', () => {
  it('the 通报 of 2026-10 carries the park’s October and year-to-date service rows', async () => {
    const b = await t.ok('GET', '/api/bulletins/2026-10');
    const month = await service('from=2026-10-01&to=2026-10-31');
    const ytd = await service('from=2026-01-01&to=2026-10-31');
    expect(unitRow(b, U.id).service).toEqual({ month: unitRow(month, U.id), ytd: unitRow(ytd, U.id) });
    expect(unitRow(b, U.id).service.month.requests.medianDays).toBe('27.0');
  });

  it('调度 today lists 开工 and r2 under 李对接, who finds both in my work', async () => {
    const d = await t.ok('GET', '/api/dispatch', undefined, staff.token);
    expect(d.owners.map((o: any) => o.userId)).toEqual([li.id]);
    const [owner] = d.owners;
    expect(owner.nodes.map((n: any) => [n.nodeId, n.status])).toEqual([[nodes[2]!.id, 'overdue']]);
    expect(owner.requests.map((r: any) => [r.requestId, r.status])).toEqual([[r2.id, 'overdue']]);
    expect(d.unowned).toEqual({ nodes: [], requests: [] });

    const work = await t.ok('GET', '/api/me/work', undefined, li.token);
    expect(work.projects.map((p: any) => p.projectId ?? p.id)).toEqual([P.id]);
    expect(work.requests.map((r: any) => r.id)).toEqual([r2.id]);
  });

  it('the alerts: 节点滞后 since the re-planned date, 诉求超期 since the due date; no 无人对接 while 李对接 serves', async () => {
    const items = (await t.ok('GET', '/api/alerts?asOf=2026-11-22', undefined, staff.token)).items;
    const service = items.filter((a: any) => ['node_overdue', 'request_overdue', 'no_liaison'].includes(a.kind));
    expect(service.map((a: any) => [a.kind, a.since])).toEqual(
      expect.arrayContaining([
        ['node_overdue', '2026-10-31'],
        ['request_overdue', '2026-11-10'],
      ]),
    );
    expect(service).toHaveLength(2);
    // As of 10-25, r1 was reopened and past due.
    const october = (await t.ok('GET', '/api/alerts?asOf=2026-10-25&kind=request_overdue', undefined, staff.token))
      .items;
    expect(october.map((a: any) => a.since)).toEqual(['2026-10-11']);
  });

  it('once 李对接 is taken off, P shows 无人对接 and its node moves to 未落实责任人 in 调度', async () => {
    await t.ok('DELETE', `/api/projects/${P.id}/owners/${liaison.id}`, { to: '2026-11-20' }, staff.token);
    const alerts = (await t.ok('GET', '/api/alerts?asOf=2026-11-22&kind=no_liaison', undefined, staff.token)).items;
    expect(alerts.map((a: any) => [a.projectId, a.since])).toEqual([[P.id, '2026-06-01']]);
    const d = await t.ok('GET', '/api/dispatch', undefined, staff.token);
    expect(d.unowned.nodes.map((n: any) => n.nodeId)).toEqual([nodes[2]!.id]);
    // r2 is still assigned to 李对接: a request's owner is its assignee.
    expect(d.owners.map((o: any) => [o.userId, o.nodes.length, o.requests.length])).toEqual([[li.id, 0, 1]]);
  });
});
