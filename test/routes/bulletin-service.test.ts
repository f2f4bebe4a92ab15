// The 通报's 招商服务 block (SPEC §9) on the district of test/dispatch-scenario.ts plus four 招商活动: each unit's
// `service` is its GET /api/reports/service row for the month and for the year to date, in both views (the 飞地
// project P2 sits with 鸠江区 by introduction and with the park by landing), on the page and in the workbook.
import { beforeAll, describe, expect, it } from 'vitest';
import { activities } from '../../src/db/schema';
import { buildDispatchScenario, type DispatchScenario } from '../dispatch-scenario';
import { download, readXlsx } from '../excel/fixtures';
import { sessionCookie, testApp, type TestApp } from '../helpers';

let t: TestApp;
let s: DispatchScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildDispatchScenario(t);
  const { U, V } = s.units;
  await t.db.insert(activities).values([
    { unitId: U, kind: 'outbound', startedOn: '2025-06-05', destination: '深圳', topLed: true },
    { unitId: U, kind: 'outbound', startedOn: '2025-05-10', destination: '上海' },
    { unitId: U, kind: 'visit', startedOn: '2025-06-15' },
    { unitId: V, kind: 'inbound', startedOn: '2025-06-20' },
  ]);
});

const unitOf = (body: { units: { unitId: number }[] }, unitId: number): any =>
  body.units.find((u) => u.unitId === unitId)!;

describe('the 通报 of 2025-06: 招商服务 per unit', () => {
  it('carries each unit’s service report row for the month and for the year to date, in both views', async () => {
    for (const view of ['introducing', 'landing'] as const) {
      const b = await t.ok('GET', `/api/bulletins/2025-06?view=${view}`);
      const month = await t.ok('GET', `/api/reports/service?from=2025-06-01&to=2025-06-30&view=${view}`);
      const ytd = await t.ok('GET', `/api/reports/service?from=2025-01-01&to=2025-06-30&view=${view}`);
      for (const unitId of [s.units.U, s.units.V])
        expect(unitOf(b, unitId).service, `${view} ${unitId}`).toEqual({
          month: unitOf(month, unitId),
          ytd: unitOf(ytd, unitId),
        });
    }
  });

  it('holds the hand-derived figures: activities by start date, requests by raised date, late nodes by view', async () => {
    const b = await t.ok('GET', '/api/bulletins/2025-06');
    const U = unitOf(b, s.units.U).service;
    // June: the 深圳 trip (带队) and the visit; the 上海 trip (05-10) counts in the year only.
    expect(U.month.activities).toEqual({ outbound: 1, inbound: 0, visit: 1, talks: 0, event: 0, online: 0 });
    expect(U.month.topLed).toBe(1);
    expect(U.ytd.activities.outbound).toBe(2);
    // Raised in June with 鸠江区 responsible: R1, R2, R3, R4, R7, R9, R10 (R5, R6 in May; R8 in July).
    expect(U.month.requests.raised).toBe(7);
    expect(U.ytd.requests.raised).toBe(9);
    // Resolved by 06-30 of those: R3 (06-25) and R10 (06-20); R4 only on 07-02.
    expect(U.month.requests.resolved).toBe(2);
    // Late on 06-30 (not done, planned before it), 招引口径: n7, n2 (P1), n8 (P2, introduced here), n10 (P4); n9's
    // project was dropped. The park's own introduction has none.
    expect(U.month.nodes.nodesOverdue).toBe(4);
    expect(unitOf(b, s.units.V).service.month.nodes.nodesOverdue).toBe(0);
    expect(unitOf(b, s.units.V).service.month.activities.inbound).toBe(1);
    // 落地口径: P2's node sits with the park.
    const landing = await t.ok('GET', '/api/bulletins/2025-06?view=landing');
    expect(unitOf(landing, s.units.U).service.month.nodes.nodesOverdue).toBe(3);
    expect(unitOf(landing, s.units.V).service.month.nodes.nodesOverdue).toBe(1);
  });

  it('a manager’s 通报 counts only its funds’ projects’ nodes', async () => {
    const b = await t.ok('GET', '/api/bulletins/2025-06', undefined, s.users.manager.token);
    // fund B's P2 (n8) is not its: n7, n2, n10.
    expect(unitOf(b, s.units.U).service.month.nodes.nodesOverdue).toBe(3);
  });

  it('shows 招商服务 on the page and as a sheet of the workbook', async () => {
    await t.create('/api/users', { username: 'leader-bulletin', role: 'leader', password: 'leader-bulletin-pw' });
    const cookie = await sessionCookie(t.app, 'leader-bulletin', 'leader-bulletin-pw');
    const html = await (await t.app.request('/bulletins/2025-06', { headers: { cookie } })).text();
    expect(html).toContain('四、招商服务');
    const row = new RegExp(`<tr data-unit="${s.units.U}"><td>鸠江区</td>((?:<td class="num">[^<]*</td>)+)</tr>`);
    const monthTable = html.slice(html.indexOf('id="service-month"'), html.indexOf('id="service-ytd"'));
    const cells = [...row.exec(monthTable)![1]!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    // 走出去 请进来 走访 洽谈 推介会 线上 带队 线索 提出 办结 按期率 超期 节点按期率 滞后
    expect(cells.slice(0, 10)).toEqual(['1', '0', '1', '0', '0', '0', '1', '0', '7', '2']);
    expect(cells[13]).toBe('4');

    const wb = await readXlsx((await download(t, '/api/exports/bulletin.xlsx?month=2025-06')).bytes);
    const ws = wb.getWorksheet('招商服务')!;
    expect(ws.getCell('B2').value).toBe('本月');
    expect(ws.getCell('B3').value).toBe('走出去');
    const u = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === '鸠江区')!;
    expect([2, 3, 4, 8, 10, 11, 15].map((c) => u.getCell(c).value)).toEqual([1, 0, 1, 1, 7, 2, 4]);
    expect(u.getCell(16).value).toBe(2); // 年度累计 走出去 (column 16: 单位, then 14 of the month)
  });
});
