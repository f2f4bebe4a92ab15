// 招商活动 import (POST /api/imports/activities): each row the body of POST /api/activities, checked by the API's
// rules; names of units, funds, users and projects resolved; nothing written on a bad sheet.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';

let t: TestApp;
let unit: { id: number };
let A: { id: number };
let PA: { id: number };
let PC: { id: number };
let staff: { id: number };
let managerA: { token: string };

const HEADER =
  '单位,基金,活动类型,开始日期,结束日期,目的地,主要负责人带队,参与人员,对接企业,促成线索项目,推进项目,备注说明';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const post = (body: string, query = '', token?: string) =>
  t.call('POST', `/api/imports/activities${query}`, body, { headers: { 'content-type': 'text/csv' }, token });
const count = () => (t.sqlite.prepare('select count(*) as n from activities').get() as { n: number }).n;

beforeAll(async () => {
  t = await testApp();
  unit = await t.create('/api/units', { name: '鸠江区' });
  const M = await t.create('/api/funds', { name: '区级母基金', level: 'mother' });
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
  PC = await project('文旅综合体', C.id);
  await t.create('/api/companies', { name: '深圳云帆机器人有限公司' });
  staff = await t.create('/api/users', { username: 'zhang', displayName: '张科长', role: 'staff' });
  managerA = await t.userWith('manager', [A.id]);
});

describe('POST /api/imports/activities', () => {
  it('checks a dry run without writing, then writes each row as the API would', async () => {
    const sheet = csv(
      `鸠江区,智能制造子基金,走出去,2026-03-10,2026-03-12,深圳,是,张科长、区招商局 李明,深圳云帆机器人有限公司、某未登记企业,星辰智能装备基地,,赴深圳招商`,
      `鸠江区,,推介会,2026-04-01,,,否,,,,${PC.id},`,
    );
    const before = count();
    const dry = await post(sheet, '?dryRun=1');
    expect(dry.body).toEqual({ dryRun: true, rows: 2, activities: 2 });
    expect(dry.status).toBe(200);
    expect(count()).toBe(before);
    const done = await post(sheet);
    expect(done.status).toBe(201);
    expect(done.body).toEqual({ dryRun: false, rows: 2, activities: 2 });
    const items = (await t.ok('GET', `/api/activities?unitId=${unit.id}`)).items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      fundId: A.id,
      kind: 'outbound',
      startedOn: '2026-03-10',
      endedOn: '2026-03-12',
      destination: '深圳',
      topLed: true,
      participantIds: [staff.id],
      participantNames: ['区招商局 李明'],
      projects: [{ projectId: PA.id, name: '星辰智能装备基地', link: 'produced' }],
      note: '赴深圳招商',
    });
    expect(items[0].companies.map((c: { companyId: number | null }) => c.companyId !== null)).toEqual([true, false]);
    expect(items[1]).toMatchObject({
      fundId: null,
      kind: 'event',
      topLed: false,
      projects: [{ projectId: PC.id, link: 'advanced' }],
    });
  });

  it('refuses a bad sheet row by row in Chinese and writes nothing', async () => {
    const before = count();
    const res = await post(
      csv(
        `不存在的区,,走出去,2026-03-10,,深圳,,,,,,`,
        `鸠江区,,出差,2026-03-10,,,,,,,,`,
        `鸠江区,,走出去,2026-03-10,2026-03-01,,,,,,,`,
        `鸠江区,,洽谈,2026-03-10,,,也许,,,没有的项目,,`,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.rows).toEqual([
      { row: 2, column: '单位', message: '单位“不存在的区”不存在' },
      { row: 3, column: '活动类型', message: expect.stringMatching(/^“出差”不是可选的类型/) },
      { row: 4, column: '结束日期', message: '结束日期 2026-03-01 早于开始日期 2026-03-10' },
      { row: 4, column: '目的地', message: '走出去活动须填写目的地' },
      { row: 5, column: '主要负责人带队', message: '“也许”应填“是”或“否”' },
      { row: 5, column: '促成线索项目', message: '项目“没有的项目”不存在' },
    ]);
    expect(count()).toBe(before);
  });

  it('a manager imports only for its own fund and projects', async () => {
    const before = count();
    const noFund = await post(csv(`鸠江区,,洽谈,2026-03-10,,,,,,,,`), '', managerA.token);
    expect(noFund.status).toBe(400);
    expect(noFund.body.rows).toEqual([{ row: 2, column: '基金', message: '基金管理人登记活动须选择本基金（fundId）' }]);
    const other = await post(csv(`鸠江区,文化创意子基金,洽谈,2026-03-10,,,,,,,文旅综合体,`), '', managerA.token);
    expect(other.body.rows).toEqual([
      { row: 2, column: '基金', message: '基金“文化创意子基金”不存在' },
      { row: 2, column: '推进项目', message: '项目“文旅综合体”不存在' },
    ]);
    const byId = await post(csv(`鸠江区,智能制造子基金,洽谈,2026-03-10,,,,,,,${PC.id},`), '', managerA.token);
    expect(byId.body.rows).toEqual([{ row: 2, column: '促成线索项目/推进项目', message: `项目 ${PC.id} 不存在` }]);
    expect(count()).toBe(before);
    const ok = await post(csv(`鸠江区,智能制造子基金,洽谈,2026-03-10,,,,,,,星辰智能装备基地,`), '', managerA.token);
    expect(ok.status).toBe(201);
    expect(count()).toBe(before + 1);
  });

  it('serves its template', async () => {
    const res = await t.app.request('/api/imports/activities/template.xlsx', {
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
  });
});
