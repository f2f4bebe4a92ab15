// 专人对接 and 推进节点计划 (SPEC §9) on a hand-derived scenario: a 对接人 replaced, a template applied to a project
// signed 2026-06-01, re-plans that keep the baseline, a stage node reading its milestone, a task node's actual, the
// states as of two dates, my work, and the 404 another fund's manager gets. Today is 2026-11-22 (test/helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, TODAY, type TestApp } from '../helpers';

let t: TestApp;
let A: { id: number };
let PA: { id: number };
let PU: { id: number };
let PC: { id: number };
let staff: { id: number; token: string };
let managerA: { id: number; token: string };
let managerC: { id: number; token: string };
let leader: { id: number; token: string };
let liaison1: { id: number; token: string };
let liaison2: { id: number; token: string };
let template: { id: number };

const auditCount = (entity: string) =>
  (t.sqlite.prepare(`select count(*) as n from audit_log where entity = ?`).get(entity) as { n: number }).n;

beforeAll(async () => {
  t = await testApp();
  const unit = await t.create('/api/units', { name: '鸠江区' });
  const M = await t.create('/api/funds', { name: '区级母基金', level: 'mother', homeUnitId: unit.id });
  A = await t.create('/api/funds', { name: '智能制造子基金', level: 'sub', parentId: M.id });
  const C = await t.create('/api/funds', { name: '文化创意子基金', level: 'sub', parentId: M.id });
  const project = (name: string, fundId: number) =>
    t.create('/api/projects', {
      name,
      sourceType: 'fund',
      sourceFundId: fundId,
      reportedOn: '2026-03-01',
      plannedTotal: '100000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
  PA = await project('星辰智能装备基地', A.id);
  PU = await project('远望新材料研发中心', A.id);
  PC = await project('文旅综合体', C.id);
  await t.create(`/api/projects/${PA.id}/milestones`, { stage: 'signed', on: '2026-06-01' });
  await t.create(`/api/projects/${PA.id}/milestones`, { stage: 'registered', on: '2026-07-10' });
  await t.create(`/api/projects/${PC.id}/milestones`, { stage: 'signed', on: '2026-05-01' });
  staff = await t.userWith('staff', undefined, 'staff-zhang');
  managerA = await t.userWith('manager', [A.id]);
  managerC = await t.userWith('manager', [C.id]);
  leader = await t.userWith('leader');
  liaison1 = await t.userWith('staff', undefined, 'liaison-li');
  liaison2 = await t.userWith('staff', undefined, 'liaison-wang');
});

describe('owners (专人对接/包挂)', () => {
  it('a second 对接人 ends the first on the day it starts, in the same write; history is kept', async () => {
    const first = await t.create(
      `/api/projects/${PA.id}/owners`,
      { userId: liaison1.id, duty: 'liaison', from: '2026-08-01' },
      staff.token,
    );
    expect(first).toEqual({
      id: first.id,
      projectId: PA.id,
      userId: liaison1.id,
      name: 'liaison-li',
      duty: 'liaison',
      from: '2026-08-01',
      to: null,
      version: 1,
    });
    // Before the first's start: refused, nothing changed.
    const early = await t.call(
      'POST',
      `/api/projects/${PA.id}/owners`,
      { userId: liaison2.id, duty: 'liaison', from: '2026-07-01' },
      { token: staff.token },
    );
    expect(early.status).toBe(400);
    expect(early.body.error.issues[0].path).toBe('from');

    const before = auditCount('project_owners');
    const second = await t.create(
      `/api/projects/${PA.id}/owners`,
      { userId: liaison2.id, duty: 'liaison', from: '2026-10-01' },
      staff.token,
    );
    expect(second).toMatchObject({ userId: liaison2.id, duty: 'liaison', from: '2026-10-01', to: null });
    expect(auditCount('project_owners')).toBe(before + 2); // the first's end and the second's start
    const leaderRow = await t.create(
      `/api/projects/${PA.id}/owners`,
      { userId: leader.id, duty: 'leader' },
      staff.token,
    );
    expect(leaderRow).toMatchObject({ duty: 'leader', from: TODAY, to: null }); // from defaults to today

    const list = await t.ok('GET', `/api/projects/${PA.id}/owners`, undefined, managerA.token);
    expect(list.items.map((o: any) => [o.name, o.duty, o.from, o.to])).toEqual([
      ['liaison-wang', 'liaison', '2026-10-01', null],
      [leaderRow.name, 'leader', TODAY, null],
      ['liaison-li', 'liaison', '2026-08-01', '2026-10-01'], // ended by the second, kept as history
    ]);
    const detail = await t.ok('GET', `/api/projects/${PA.id}`, undefined, leader.token);
    expect(detail.owners.map((o: any) => o.id)).toEqual([second.id, leaderRow.id]);
  });

  it('refuses the same user twice in the same current duty, unknown and revoked users, and non-staff', async () => {
    const twice = await t.call(
      'POST',
      `/api/projects/${PA.id}/owners`,
      { userId: liaison2.id, duty: 'liaison' },
      { token: staff.token },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe(`liaison-wang 已是项目 ${PA.id} 在任的对接人`);
    const unknown = await t.call('POST', `/api/projects/${PA.id}/owners`, { userId: 9999, duty: 'member' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('用户 9999 不存在');
    const gone = await t.userWith('staff', undefined, 'gone-zhao');
    await t.ok('POST', `/api/users/${gone.id}/revoke`, {});
    const revoked = await t.call('POST', `/api/projects/${PA.id}/owners`, { userId: gone.id, duty: 'member' });
    expect(revoked.status).toBe(400);
    expect(revoked.body.error.issues).toEqual([
      { path: 'userId', message: '用户 gone-zhao 已停用，不能安排为项目的专班成员' },
    ]);
    // A manager who cannot see the project cannot own it.
    const blind = await t.call('POST', `/api/projects/${PA.id}/owners`, { userId: managerC.id, duty: 'member' });
    expect(blind.status).toBe(400);
    const badDuty = await t.call('POST', `/api/projects/${PA.id}/owners`, { userId: leader.id, duty: 'boss' });
    expect(badDuty.status).toBe(400);
    expect(badDuty.body.error.issues[0].path).toBe('duty');
    const byManager = await t.call(
      'POST',
      `/api/projects/${PA.id}/owners`,
      { userId: leader.id, duty: 'member' },
      { token: managerA.token },
    );
    expect(byManager.status).toBe(403);
  });

  it('ends an assignment by setting to (the row stays), once', async () => {
    const member = await t.create(
      `/api/projects/${PA.id}/owners`,
      { userId: liaison1.id, duty: 'member', from: '2026-10-01' },
      staff.token,
    );
    const early = await t.call('DELETE', `/api/projects/${PA.id}/owners/${member.id}`, { to: '2026-09-30' });
    expect(early.status).toBe(400);
    const ended = await t.call('DELETE', `/api/projects/${PA.id}/owners/${member.id}`, { to: '2026-11-01' });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ...member, to: '2026-11-01', version: 2 });
    const again = await t.call('DELETE', `/api/projects/${PA.id}/owners/${member.id}`);
    expect(again.status).toBe(409);
    // Another project's path does not reach the row.
    expect((await t.call('DELETE', `/api/projects/${PU.id}/owners/${member.id}`)).status).toBe(404);
    const history = await t.ok('GET', `/api/projects/${PA.id}/owners`);
    expect(history.items.find((o: any) => o.id === member.id).to).toBe('2026-11-01');
  });

  it('answers 404 to another fund’s manager', async () => {
    expect((await t.get(`/api/projects/${PA.id}/owners`, managerC.token)).status).toBe(404);
    expect((await t.get(`/api/projects/${PA.id}`, managerC.token)).status).toBe(404);
  });
});

describe('node plans (推进节点计划)', () => {
  it('makes a template (staff) that everyone reads; a duplicate name is 409', async () => {
    template = await t.create(
      '/api/node-templates',
      {
        name: '标准工业项目',
        nodes: [
          { name: '工商注册', stage: 'registered', offsetDays: 30 },
          { name: '立项备案', offsetDays: 45 },
          { name: '环评批复', offsetDays: 90 },
          { name: '开工', stage: 'started', offsetDays: 120 },
          { name: '投产', stage: 'producing', offsetDays: 365 },
        ],
      },
      staff.token,
    );
    expect(template).toMatchObject({ name: '标准工业项目', version: 1 });
    expect(template).toHaveProperty('nodes.1', { name: '立项备案', stage: null, offsetDays: 45 });
    const list = await t.ok('GET', '/api/node-templates', undefined, managerC.token);
    expect(list.items.map((x: any) => x.name)).toEqual(['标准工业项目']);
    expect(
      (await t.call('POST', '/api/node-templates', { name: '标准工业项目', nodes: [{ name: 'x', offsetDays: 1 }] }))
        .status,
    ).toBe(409);
    expect(
      (
        await t.call(
          'POST',
          '/api/node-templates',
          { name: 'x', nodes: [{ name: 'x', offsetDays: 1 }] },
          { token: managerA.token },
        )
      ).status,
    ).toBe(403);
    const bad = await t.call('POST', '/api/node-templates', {
      name: '坏模板',
      nodes: [{ name: '开工', stage: 'signed', offsetDays: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path).sort()).toEqual(['nodes.0.offsetDays', 'nodes.0.stage']);
  });

  it('applies a template to a signed project: planned = baseline = signed + offset; 409 on an unsigned one or twice', async () => {
    const unsigned = await t.call(
      'POST',
      `/api/projects/${PU.id}/nodes`,
      { templateId: template.id },
      { token: managerA.token },
    );
    expect(unsigned.status).toBe(409);
    expect(unsigned.body.error.message).toContain('尚未签约');
    expect((await t.ok('GET', `/api/projects/${PU.id}/nodes`)).items).toEqual([]);

    const applied = await t.call(
      'POST',
      `/api/projects/${PA.id}/nodes`,
      { templateId: template.id },
      { token: managerA.token },
    );
    expect(applied.status).toBe(201);
    // signed 2026-06-01: +30 → 07-01; +45 → 07-16; +90 → 08-30 (June 30 + July 31 = 61 → Aug 1, +29); +120 → 09-29
    // (Sep 1 is +92); +365 → 2027-06-01 (no 29 February in between). As of today 2026-11-22:
    expect(
      applied.body.items.map((n: any) => [
        n.position,
        n.name,
        n.stage,
        n.planned,
        n.baseline,
        n.actual,
        n.status,
        n.onTime,
      ]),
    ).toEqual([
      [1, '工商注册', 'registered', '2026-07-01', '2026-07-01', '2026-07-10', 'done', false], // registered 07-10, 9 days late
      [2, '立项备案', null, '2026-07-16', '2026-07-16', null, 'overdue', false],
      [3, '环评批复', null, '2026-08-30', '2026-08-30', null, 'overdue', false],
      [4, '开工', 'started', '2026-09-29', '2026-09-29', null, 'overdue', false],
      [5, '投产', 'producing', '2027-06-01', '2027-06-01', null, 'open', false],
    ]);
    const twice = await t.call('POST', `/api/projects/${PA.id}/nodes`, { templateId: template.id });
    expect(twice.status).toBe(409);
    expect((await t.call('POST', `/api/projects/${PA.id}/nodes`, { templateId: 999 })).status).toBe(404);
  });

  it('re-plans keep the baseline; a task node takes its actual, a stage node reads its milestone', async () => {
    const plan = await t.ok('GET', `/api/projects/${PA.id}/nodes`);
    const [registration, filing, eia, start] = plan.items;
    // Re-plan the EIA twice: the baseline stays the first plan.
    const r1 = await t.call('PATCH', `/api/nodes/${eia.id}`, { planned: '2026-11-15' }, { token: managerA.token });
    expect(r1.status).toBe(200);
    expect(r1.headers.get('etag')).toBe('"2"');
    const stale = await t.call(
      'PATCH',
      `/api/nodes/${eia.id}`,
      { planned: '2026-12-01' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(stale.status).toBe(412);
    const r2 = await t.call(
      'PATCH',
      `/api/nodes/${eia.id}`,
      { planned: '2026-12-01', note: '专家评审延期' },
      { headers: { 'if-match': '"2"' } },
    );
    expect(r2.body).toMatchObject({
      planned: '2026-12-01',
      baseline: '2026-08-30',
      replanned: true,
      status: 'due',
      note: '专家评审延期',
      version: 3,
    });
    // 12-01 is within [11-22, 11-22 + 14 = 12-06]: due.

    const done = await t.ok('PATCH', `/api/nodes/${filing.id}`, { actual: '2026-07-15' });
    expect(done).toMatchObject({
      actual: '2026-07-15',
      status: 'done',
      onTime: true,
      planned: '2026-07-16',
      replanned: false,
    });
    const future = await t.call('PATCH', `/api/nodes/${filing.id}`, { actual: '2026-11-23' });
    expect(future.status).toBe(400);
    const onStage = await t.call('PATCH', `/api/nodes/${registration.id}`, { actual: '2026-07-01' });
    expect(onStage.status).toBe(400);
    expect(onStage.body.error.issues[0].path).toBe('actual');
    const baselineField = await t.call('PATCH', `/api/nodes/${eia.id}`, { baseline: '2026-12-01' });
    expect(baselineField.status).toBe(400);
    const nothing = await t.call('PATCH', `/api/nodes/${eia.id}`, {});
    expect([nothing.status, nothing.body.version]).toEqual([200, 3]); // nothing asked, nothing written

    // 开工 is recorded as a milestone: the stage node reads it, nothing entered twice.
    await t.create(`/api/projects/${PA.id}/milestones`, { stage: 'started', on: '2026-11-01' });
    const after = await t.ok('GET', `/api/projects/${PA.id}/nodes`);
    expect(after.items.find((n: any) => n.id === start.id)).toMatchObject({
      actual: '2026-11-01',
      status: 'done',
      onTime: false, // planned 09-29
      planned: '2026-09-29',
    });
  });

  it('reads the plan as of an earlier date and horizon', async () => {
    // As of 2026-07-12: registered 07-10 is done; the filing (actual 07-15) was not yet done and its plan 07-16 lies
    // within 14 days (due); the EIA (12-01) and 开工 (started 11-01, planned 09-29) are open.
    const then = await t.ok('GET', `/api/projects/${PA.id}/nodes?asOf=2026-07-12`);
    expect(then.items.map((n: any) => [n.name, n.actual, n.status])).toEqual([
      ['工商注册', '2026-07-10', 'done'],
      ['立项备案', null, 'due'],
      ['环评批复', null, 'open'],
      ['开工', null, 'open'],
      ['投产', null, 'open'],
    ]);
    expect(then).toMatchObject({ projectId: PA.id, asOf: '2026-07-12', horizonDays: 14, nextCursor: null });
    // h = 3: 07-16 is beyond 07-15, open.
    const narrow = await t.ok('GET', `/api/projects/${PA.id}/nodes?asOf=2026-07-12&horizonDays=3`);
    expect(narrow.items[1].status).toBe('open');
    expect((await t.get(`/api/projects/${PA.id}/nodes?horizonDays=-1`)).status).toBe(400);
    expect((await t.get(`/api/projects/${PA.id}/nodes?asOf=2026-02-30`)).status).toBe(400);
  });

  it('appends a node; managers write their own funds’ projects only, others get 404', async () => {
    const extra = await t.create(
      `/api/projects/${PA.id}/nodes`,
      { name: '设备进场', planned: '2026-12-20' },
      managerA.token,
    );
    expect(extra).toMatchObject({
      position: 6,
      stage: null,
      planned: '2026-12-20',
      baseline: '2026-12-20',
      status: 'open',
      templateId: null,
    });
    expect(
      (
        await t.call(
          'POST',
          `/api/projects/${PA.id}/nodes`,
          { name: 'x', planned: '2026-12-20' },
          { token: managerC.token },
        )
      ).status,
    ).toBe(404);
    expect((await t.get(`/api/projects/${PA.id}/nodes`, managerC.token)).status).toBe(404);
    expect(
      (await t.call('PATCH', `/api/nodes/${extra.id}`, { planned: '2027-01-01' }, { token: managerC.token })).status,
    ).toBe(404);
    expect(
      (await t.call('PATCH', `/api/nodes/${extra.id}`, { planned: '2027-01-01' }, { token: leader.token })).status,
    ).toBe(403);
    expect((await t.call('PATCH', '/api/nodes/99999', { planned: '2027-01-01' })).status).toBe(404);
    // C's manager writes C's project.
    const own = await t.call(
      'POST',
      `/api/projects/${PC.id}/nodes`,
      { templateId: template.id },
      { token: managerC.token },
    );
    expect(own.status).toBe(201);
    expect(own.body.items[0].planned).toBe('2026-05-31'); // signed 05-01 + 30
    const mixed = await t.call('POST', `/api/projects/${PA.id}/nodes`, { templateId: template.id, name: 'x' });
    expect(mixed.status).toBe(400);
  });

  it('replays a keyed create instead of applying twice', async () => {
    const body = { name: '竣工验收', stage: 'completed', planned: '2027-03-01' };
    const headers = { 'idempotency-key': 'node-1' };
    const a = await t.call('POST', `/api/projects/${PA.id}/nodes`, body, { headers });
    const b = await t.call('POST', `/api/projects/${PA.id}/nodes`, body, { headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const n = (await t.ok('GET', `/api/projects/${PA.id}/nodes`)).items.filter((x: any) => x.name === '竣工验收');
    expect(n).toHaveLength(1);
  });
});

describe('my work (我的工作)', () => {
  it('lists the projects a user owns now with the next node, and its requests not closed', async () => {
    const request = (values: Record<string, unknown>) =>
      t.sqlite
        .prepare(
          `insert into service_requests (project_id, category, unit_id, assignee_id, raised_on, due_on, description, status, resolved_on)
           values (@projectId, @category, (select id from units limit 1), @assigneeId, @raisedOn, @dueOn, @description, @status, @resolvedOn)`,
        )
        .run({ projectId: PA.id, category: 'land', assigneeId: liaison2.id, resolvedOn: null, ...values });
    request({ raisedOn: '2026-10-01', dueOn: '2026-11-01', description: '用地指标', status: 'accepted' });
    request({
      raisedOn: '2026-11-10',
      dueOn: '2026-11-25',
      description: '用工招聘',
      status: 'open',
      category: 'labour',
    });
    request({
      raisedOn: '2026-09-01',
      dueOn: '2026-09-10',
      description: '电力增容',
      status: 'resolved',
      resolvedOn: '2026-09-20',
    });
    request({
      raisedOn: '2026-08-01',
      dueOn: '2026-08-10',
      description: '已回访',
      status: 'closed',
      resolvedOn: '2026-08-05',
    });
    request({ projectId: PC.id, raisedOn: '2026-08-01', dueOn: '2026-12-10', description: '文旅用地', status: 'open' });

    const mine = await t.ok('GET', '/api/me/work', undefined, liaison2.token);
    expect(mine.userId).toBe(liaison2.id);
    expect(mine.projects).toEqual([
      {
        ownerId: expect.any(Number),
        projectId: PA.id,
        name: '星辰智能装备基地',
        duty: 'liaison',
        from: '2026-10-01',
        stage: 'started',
        status: 'confirmed',
        // the earliest node not done: the EIA re-planned to 12-01 (due); the filing and registration are done
        nextNode: { id: expect.any(Number), name: '环评批复', stage: null, planned: '2026-12-01', status: 'due' },
        nodesOverdue: 0,
      },
    ]);
    // By due date; closed left out; the resolved one is not overdue; 11-01 < 11-22 is.
    expect(mine.requests.map((r: any) => [r.description, r.status, r.dueOn, r.overdue, r.daysLeft])).toEqual([
      ['电力增容', 'resolved', '2026-09-10', false, -73],
      ['用地指标', 'accepted', '2026-11-01', true, -21],
      ['用工招聘', 'open', '2026-11-25', false, 3],
      ['文旅用地', 'open', '2026-12-10', false, 18],
    ]);
    // The first 对接人 was replaced: nothing current.
    expect((await t.ok('GET', '/api/me/work', undefined, liaison1.token)).projects).toEqual([]);
    // A manager sees only its funds' requests and projects.
    t.sqlite.prepare(`update service_requests set assignee_id = ?`).run(managerA.id);
    expect(
      (await t.ok('GET', '/api/me/work', undefined, managerA.token)).requests.map((r: any) => r.description),
    ).toEqual(['电力增容', '用地指标', '用工招聘']);
  });
});
