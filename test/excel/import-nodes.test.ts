// 推进节点 import (POST /api/imports/nodes): the API's node rules row by row, nothing written on a bad sheet, nodes
// appended after a project's last in sheet order with baseline = planned. Today is 2026-11-22 (test/helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';

let t: TestApp;
let PA: { id: number };
let PB: { id: number };
let PR: { id: number };
let managerA: { token: string };
let managerC: { token: string };

const HEADER = '项目编号,节点名称,阶段,计划日期,完成日期,备注说明';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const post = (body: string, query = '', token?: string) =>
  t.call('POST', `/api/imports/nodes${query}`, body, { headers: { 'content-type': 'text/csv' }, token });
const nodeCount = () => (t.sqlite.prepare('select count(*) as n from project_nodes').get() as { n: number }).n;

beforeAll(async () => {
  t = await testApp();
  const unit = await t.create('/api/units', { name: '鸠江区' });
  const M = await t.create('/api/funds', { name: '区级母基金', level: 'mother' });
  const A = await t.create('/api/funds', { name: '智能制造子基金', level: 'sub', parentId: M.id });
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
  PB = await project('文旅综合体', C.id);
  PR = await project('退回的项目', A.id);
  await t.ok('POST', `/api/projects/${PR.id}/reject`, { reason: '重复报送' });
  await t.create(`/api/projects/${PA.id}/milestones`, { stage: 'signed', on: '2026-06-01' });
  await t.create(`/api/projects/${PA.id}/nodes`, { name: '已有节点', planned: '2026-07-01' });
  managerA = await t.userWith('manager', [A.id]);
  managerC = await t.userWith('manager', [C.id]);
});

describe('POST /api/imports/nodes', () => {
  const sheet = () =>
    csv(
      `${PA.id},立项备案,,2026-07-16,2026-07-15,发改委备案`,
      `${PA.id},开工,开工,2026-10-29,,`,
      `${PB.id},环评批复,,2026-12-01,,`,
    );

  it('checks a dry run without writing, then appends the nodes after each project’s last', async () => {
    const before = nodeCount();
    const dry = await post(sheet(), '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ dryRun: true, rows: 3, nodes: 3, projects: 2 });
    expect(nodeCount()).toBe(before);

    const done = await post(sheet());
    expect(done.status).toBe(201);
    expect(done.body).toEqual({ dryRun: false, rows: 3, nodes: 3, projects: 2 });
    const plan = await t.ok('GET', `/api/projects/${PA.id}/nodes`);
    // The node added by the API keeps position 1; the sheet's follow in its order. As of 2026-11-22: the filing is
    // done (07-15 ≤ planned 07-16: on time); 开工 (not started, planned 10-29 < D) is late.
    expect(
      plan.items.map((n: any) => [
        n.position,
        n.name,
        n.stage,
        n.planned,
        n.baseline,
        n.actual,
        n.status,
        n.onTime,
        n.note,
      ]),
    ).toEqual([
      [1, '已有节点', null, '2026-07-01', '2026-07-01', null, 'overdue', false, null],
      [2, '立项备案', null, '2026-07-16', '2026-07-16', '2026-07-15', 'done', true, '发改委备案'],
      [3, '开工', 'started', '2026-10-29', '2026-10-29', null, 'overdue', false, null],
    ]);
    expect((await t.ok('GET', `/api/projects/${PB.id}/nodes`)).items.map((n: any) => [n.position, n.name])).toEqual([
      [1, '环评批复'],
    ]);
    const audited = t.sqlite.prepare(`select count(*) as n from audit_log where entity = 'project_nodes'`).get() as {
      n: number;
    };
    expect(audited.n).toBe(4);
  });

  it('refuses a bad sheet row by row in Chinese and writes nothing', async () => {
    const before = nodeCount();
    const bad = await post(
      csv(
        `${PA.id},竣工,竣工,2027-01-01,2026-11-01,`, // actual on a stage node
        `${PA.id},施工许可,,2026-12-01,2026-11-23,`, // actual after today
        `${PA.id},装修,装修阶段,2026-12-01,,`, // no such stage
        `${PA.id},设备进场,,2026-02-30,,`, // no such date
        `abc,设备进场,,2026-12-01,,`,
        `${PR.id},设备进场,,2026-12-01,,`, // a rejected project
        `99999,设备进场,,2026-12-01,,`,
        `${PA.id},,,,,`,
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.rows.map((r: any) => [r.row, r.column])).toEqual([
      [2, '完成日期'],
      [3, '完成日期'],
      [4, '阶段'],
      [5, '计划日期'],
      [6, '项目编号'],
      [9, '节点名称'],
      [9, '计划日期'],
    ]);
    expect(bad.body.rows[0].message).toContain('阶段节点的完成日期取自项目该阶段的达成日期');
    expect(bad.body.rows[1].message).toBe('完成日期 2026-11-23 晚于今天 2026-11-22');
    // The rows right in themselves, then their projects: rejected and missing.
    const projectsBad = await post(csv(`${PR.id},设备进场,,2026-12-01,,`, `99999,设备进场,,2026-12-01,,`));
    expect(projectsBad.body.rows).toEqual([
      { row: 2, column: '项目编号', message: `项目 ${PR.id} 已被退回，不能再编排推进节点` },
      { row: 3, column: '项目编号', message: '项目 99999 不存在' },
    ]);
    expect(nodeCount()).toBe(before);
    const header = await post('项目编号,节点名称,负责人\n1,立项,张三\n');
    expect(header.status).toBe(400);
    expect(header.body.rows.map((r: any) => r.column).sort()).toEqual(['计划日期', '负责人']);
  });

  it('lets a manager import only its funds’ projects: another fund’s is as missing as a wrong id', async () => {
    const theirs = await post(csv(`${PB.id},设备进场,,2026-12-01,,`), '?dryRun=1', managerA.token);
    expect(theirs.status).toBe(400);
    expect(theirs.body.rows).toEqual([{ row: 2, column: '项目编号', message: `项目 ${PB.id} 不存在` }]);
    expect((await post(csv(`${PB.id},设备进场,,2026-12-01,,`), '?dryRun=1', managerC.token)).status).toBe(200);
    const leader = await t.userWith('leader');
    expect((await post(csv(`${PB.id},设备进场,,2026-12-01,,`), '', leader.token)).status).toBe(403);
  });

  it('answers its template', async () => {
    const res = await t.app.request('/api/imports/nodes/template.xlsx', {
      headers: { authorization: `Bearer ${managerA.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });
});
