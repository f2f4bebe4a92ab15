// The service loop's alerts (SPEC §9) on the scenario of test/service-scenario.ts: 节点滞后 with its grace days,
// 诉求超期 (a reopened request, a company's request), 无人对接 (a 对接人 replaced, removed, or assigned later), scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { projectOwners } from '../../src/db/schema';
import { testApp, type TestApp } from '../helpers';
import { buildServiceScenario, type ServiceScenario } from '../service-scenario';

let t: TestApp;
let s: ServiceScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildServiceScenario(t);
});

const D = '2024-06-30';
type Item = { kind: string; projectId: number | null; nodeId: number | null; requestId: number | null; days: number };
const keys = (items: Item[]) =>
  items.map((i) => `${i.kind}:${i.requestId !== null ? `r${i.requestId}` : `p${i.projectId}`}:${i.days}`);
const list = async (query: string, token?: string) =>
  (await t.ok('GET', `/api/alerts?asOf=${D}&${query}`, undefined, token)).items as (Item & Record<string, unknown>)[];

describe('节点滞后 node_overdue', () => {
  it('lists each node of a live project not done by D and planned before it, since its plan', async () => {
    const items = await list('kind=node_overdue');
    // P2 工商注册 planned 05-20, P2 not registered: 41 days; P1 开工 planned 06-25, started only 07-05: 5 days.
    // P2 立项备案 is planned on D itself (due, not late); P3's 土地摘牌 is late but P3 was dropped 06-15.
    expect(keys(items)).toEqual([`node_overdue:p${s.projects.P2}:41`, `node_overdue:p${s.projects.P1}:5`]);
    expect(items[1]).toMatchObject({
      projectId: s.projects.P1,
      name: '服务项目1',
      detail: '开工',
      fundId: s.A.id,
      introducingUnitId: s.U1a.id,
      landingUnitId: s.U2.id,
      since: '2024-06-25',
      creditId: null,
      requestId: null,
    });
    expect(items[1]!.nodeId).toEqual(expect.any(Number));
  });

  it('nodeGraceDays: late only once planned + grace < D', async () => {
    // 06-25 + 4 = 06-29 < 06-30: still late; + 5 = 06-30: within grace
    expect(keys(await list('kind=node_overdue&nodeGraceDays=4'))).toHaveLength(2);
    expect(keys(await list('kind=node_overdue&nodeGraceDays=5'))).toEqual([`node_overdue:p${s.projects.P2}:41`]);
    const body = await t.ok('GET', `/api/alerts?asOf=${D}&nodeGraceDays=5`);
    expect(body.days).toMatchObject({ node_overdue: 5, request_overdue: 0, no_liaison: 0 });
    // A stage node is done on its project's reached date: as of 07-05 P1's 开工 is done; P2's 立项备案 (06-30) is late.
    expect(keys((await t.ok('GET', '/api/alerts?asOf=2024-07-05&kind=node_overdue')).items)).toEqual([
      `node_overdue:p${s.projects.P2}:46`,
      `node_overdue:p${s.projects.P2}:5`,
    ]);
  });
});

describe('诉求超期 request_overdue', () => {
  it('lists each request raised by D, not resolved by D, due before D, since its due date', async () => {
    const items = await list('kind=request_overdue');
    // q4 (a company's, due 05-25, accepted only): 36 days; q7 (due 06-15, resolved 06-12 and reopened 06-20): 15.
    // q3 is due 07-05; q2 was last resolved 06-28, q6 06-02; q1 and q5 were resolved in time.
    expect(keys(items)).toEqual([`request_overdue:r${s.requests.q4}:36`, `request_overdue:r${s.requests.q7}:15`]);
    expect(items[0]).toMatchObject({
      projectId: null,
      name: '鸠江新材料有限公司',
      detail: '用地：办理施工许可',
      fundId: null,
      introducingUnitId: null,
      since: '2024-05-25',
    });
    expect(items[1]).toMatchObject({ projectId: s.projects.P1, name: '服务项目1', detail: '审批：办理施工许可' });
    // As of 07-10 q3 was resolved (07-03) before its due 07-05 ran out: still only q4 and q7.
    expect(keys((await t.ok('GET', '/api/alerts?asOf=2024-07-10&kind=request_overdue')).items)).toHaveLength(2);
  });

  it('a unit filter reads the responsible unit and the company’s unit too; a manager sees its projects’ only', async () => {
    // q4's company is in U1a, its responsible unit U2; q7's project was introduced by U1a.
    expect(keys(await list(`kind=request_overdue&unitId=${s.U1a.id}`))).toHaveLength(2);
    expect(keys(await list(`kind=request_overdue&unitId=${s.U2.id}`))).toEqual([
      `request_overdue:r${s.requests.q4}:36`, // responsible U2 (q7's P1 lands in U2 too)
      `request_overdue:r${s.requests.q7}:15`,
    ]);
    expect(keys(await list('kind=request_overdue', s.managerA.token))).toEqual([
      `request_overdue:r${s.requests.q7}:15`,
    ]);
  });

  it('reads the history on D: q7, resolved 06-12 and reopened 06-20, is not overdue on 06-16 and is again on 06-21', async () => {
    const on = async (asOf: string) =>
      keys((await t.ok('GET', `/api/alerts?asOf=${asOf}&kind=request_overdue`)).items).map((k) => k.split(':')[1]);
    expect(await on('2024-06-16')).toEqual([`r${s.requests.q4}`]);
    expect(await on('2024-06-21')).toEqual([`r${s.requests.q4}`, `r${s.requests.q7}`]);
    // The list's overdue filter answers the same requests on the same days.
    const listed = async (asOf: string) =>
      ((await t.ok('GET', `/api/requests?overdue=true&asOf=${asOf}`)).items as { id: number }[])
        .map((x) => x.id)
        .sort();
    expect(await listed('2024-06-16')).toEqual([s.requests.q4]);
    expect(await listed('2024-06-21')).toEqual([s.requests.q4, s.requests.q7].sort());
  });
});

describe('无人对接 no_liaison', () => {
  it('a live signed project without a current 对接人, until one is assigned; since its signing', async () => {
    // P1 (signed 03-01) and P2 (04-01); P3 was dropped, P4 is pending.
    expect(keys(await list('kind=no_liaison'))).toEqual([
      `no_liaison:p${s.projects.P1}:121`, // 03-01 → 06-30: 31 + 30 + 31 + 29
      `no_liaison:p${s.projects.P2}:90`,
    ]);
    const staff = await t.userWith('staff');
    await t.db.insert(projectOwners).values([
      // P1: a 对接人 from 05-01 to 06-10, then another from 06-10: current on D
      { projectId: s.projects.P1, userId: staff.id, duty: 'liaison', fromOn: '2024-05-01', toOn: '2024-06-10' },
      { projectId: s.projects.P1, userId: staff.id, duty: 'liaison', fromOn: '2024-06-10' },
      // P2: only a 包挂领导, and a 对接人 assigned after D
      { projectId: s.projects.P2, userId: staff.id, duty: 'leader', fromOn: '2024-04-01' },
      { projectId: s.projects.P2, userId: staff.id, duty: 'liaison', fromOn: '2024-07-01' },
    ]);
    expect(keys(await list('kind=no_liaison'))).toEqual([`no_liaison:p${s.projects.P2}:90`]);
    // As of 06-05 P1's first 对接人 was current, and P3 (signed 02-01) not yet dropped; before 05-01 P1 had none.
    expect(keys((await t.ok('GET', '/api/alerts?asOf=2024-06-05&kind=no_liaison')).items)).toEqual([
      `no_liaison:p${s.projects.P3}:125`,
      `no_liaison:p${s.projects.P2}:65`,
    ]);
    expect(keys((await t.ok('GET', '/api/alerts?asOf=2024-04-30&kind=no_liaison')).items)).toEqual([
      `no_liaison:p${s.projects.P3}:89`,
      `no_liaison:p${s.projects.P1}:60`,
      `no_liaison:p${s.projects.P2}:29`,
    ]);
    expect(keys((await t.ok('GET', '/api/alerts?asOf=2024-07-01&kind=no_liaison')).items)).toEqual([]);
  });
});

describe('the service alerts beside the others', () => {
  it('are counted in the 通报 and listed with Chinese names in the export', async () => {
    const b = await t.ok('GET', '/api/bulletins/2024-06');
    // as of 06-30: the two late nodes, the two overdue requests; 无人对接 depends on the owners written above
    expect(b.alerts).toMatchObject({ node_overdue: 2, request_overdue: 2 });
    const res = await t.app.request(`/api/exports/alerts.xlsx?asOf=${D}&kind=request_overdue`, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(res.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows = wb
      .getWorksheet('预警清单')!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(String(rows[0]![0])).toContain('节点滞后 宽限 0 天、诉求超期、无人对接');
    expect(rows.slice(2).map((r) => [r[0], r[1], r[2], r[7]])).toEqual([
      ['诉求超期', '鸠江新材料有限公司', '用地：办理施工许可', s.requests.q4],
      ['诉求超期', '服务项目1', '审批：办理施工许可', s.requests.q7],
    ]);
  });
});
