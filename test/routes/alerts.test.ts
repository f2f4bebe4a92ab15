// GET /api/alerts (SPEC §7 预警) on the district of test/assessment-scenario.ts: each kind at its cut-off and one day
// short, custom day counts, a corrected signing date, drops, pending leads and credits (staff only), scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessmentScenario, D, type AssessmentScenario } from '../assessment-scenario';
import { testApp, type TestApp } from '../helpers';

let t: TestApp;
let s: AssessmentScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildAssessmentScenario(t);
});

type Item = { kind: string; projectId: number | null; creditId: number | null; days: number };
/** The service loop's kinds (SPEC §9) are tested on their own below: this district has no 对接人, nodes or requests. */
const serviceKinds = ['node_overdue', 'request_overdue', 'no_liaison'];
const section7 = <T extends Item>(items: T[]) => items.filter((i) => !serviceKinds.includes(i.kind));
const keys = (items: Item[], only: (items: Item[]) => Item[] = section7) =>
  only(items).map((i) => `${i.kind}:${i.creditId === null ? `p${i.projectId}` : `c${i.creditId}`}:${i.days}`);

describe('GET /api/alerts', () => {
  it('lists every kind at its cut-off (not one day short), longest waiting first, with names, funds, units, since and days', async () => {
    const { projects: p, credits: c, funds: f, units: u } = s;
    const all = await t.ok('GET', `/api/alerts?asOf=${D}`);
    const body = { ...all, items: section7(all.items) };
    expect(keys(body.items)).toEqual([
      `started_not_completed:p${p.P3}:730`, // started 2023-07-01 = D − 730; P4 started a day later is 729 days
      `signed_not_started:p${p.P11}:211`, // signed 2024-12-01: 30 days of December + 181 of 2025
      `signed_not_started:p${p.P1}:180`, // signed 2025-01-01 = D − 180; P2 (2025-01-02) is 179, P7 corrected to 2025-02-01 is 149
      `stale:p${p.P5}:90`, // reported 2025-04-01 = D − 90, nothing since; P6 (2025-04-02) is 89
      `pending_review:p${p.P9}:14`, // pending lead reported 2025-06-16 = D − 14; P10 is 13
      `pending_review:c${c.C1}:14`, // pending credit dated 2025-06-16; C2 is 13
    ]);
    expect(body.items[0]).toEqual({
      kind: 'started_not_completed',
      projectId: p.P3,
      creditId: null,
      arrivalId: null,
      nodeId: null,
      requestId: null,
      name: '项目3',
      detail: null,
      fundId: f.A,
      introducingUnitId: u.U,
      landingUnitId: u.U,
      since: '2023-07-01',
      days: 730,
    });
    expect(body.items[1]).toMatchObject({
      projectId: p.P11,
      fundId: f.B,
      introducingUnitId: u.U,
      landingUnitId: u.V,
      since: '2024-12-01',
    });
    expect(body.items[3]).toMatchObject({ kind: 'stale', introducingUnitId: u.U1, since: '2025-04-01' });
    expect(body.items[5]).toEqual({
      kind: 'pending_review',
      projectId: null,
      creditId: c.C1,
      arrivalId: null,
      nodeId: null,
      requestId: null,
      name: s.company,
      detail: null,
      fundId: f.A,
      introducingUnitId: null,
      landingUnitId: null,
      since: '2025-06-16',
      days: 14,
    });
    expect(body).toMatchObject({
      asOf: D,
      nextCursor: null,
      days: { signed_not_started: 180, started_not_completed: 730, stale: 90, pending_review: 14 },
    });
  });

  it('moves each cut-off with the day counts a request passes', async () => {
    const { projects: p } = s;
    const custom = await t.ok(
      'GET',
      `/api/alerts?asOf=${D}&signedDays=179&startedDays=731&staleDays=89&pendingDays=13`,
    );
    expect(keys(custom.items)).toEqual([
      `signed_not_started:p${p.P11}:211`,
      `signed_not_started:p${p.P1}:180`,
      `signed_not_started:p${p.P2}:179`, // now on the cut-off; P3 (730 days) is a day short of 731
      `stale:p${p.P5}:90`,
      `stale:p${p.P6}:89`,
      `pending_review:p${p.P9}:14`,
      `pending_review:c${s.credits.C1}:14`,
      `pending_review:p${p.P10}:13`,
      `pending_review:c${s.credits.C2}:13`,
    ]);
    const strict = await t.ok('GET', `/api/alerts?asOf=${D}&signedDays=200&kind=signed_not_started`);
    expect(keys(strict.items)).toEqual([`signed_not_started:p${p.P11}:211`]);
  });

  it('a drop by D ends a project’s alerts; before its drop it still had them', async () => {
    const { projects: p } = s;
    // As of 2025-02-28 the cut-off is 2024-09-01: P8 signed 2024-06-01, not started, dropped only on 2025-03-01.
    const before = await t.ok('GET', '/api/alerts?asOf=2025-02-28&kind=signed_not_started');
    // 272 days = 30 (June) + 184 (July–December) + 31 + 27; P13 (signed 2024-05-01) was dropped on 2025-01-01, before.
    expect(keys(before.items)).toEqual([`signed_not_started:p${p.P8}:272`]);
    const after = await t.ok('GET', `/api/alerts?asOf=${D}`);
    expect(after.items.map((i: { projectId: number }) => i.projectId)).not.toContain(p.P8);
  });

  it('filters by kind, fund family and unit (introducing or landing, sub-units included)', async () => {
    const { projects: p, funds: f, units: u } = s;
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}&kind=stale`)).items)).toEqual([`stale:p${p.P5}:90`]);
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}&fundId=${f.B}`)).items)).toEqual([
      `signed_not_started:p${p.P11}:211`,
    ]);
    expect(section7((await t.ok('GET', `/api/alerts?asOf=${D}&fundId=${f.M}`)).items)).toHaveLength(6);
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}&unitId=${u.V}`)).items)).toEqual([
      `signed_not_started:p${p.P11}:211`,
    ]);
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}&unitId=${u.U1}`)).items)).toEqual([`stale:p${p.P5}:90`]);
    // the credit has no unit: a unit filter leaves it out
    expect(section7((await t.ok('GET', `/api/alerts?asOf=${D}&unitId=${u.U}`)).items)).toHaveLength(5);
  });

  it('pages with limit and cursor in the same order', async () => {
    const all = await t.ok('GET', `/api/alerts?asOf=${D}`);
    const pages = [await t.ok('GET', `/api/alerts?asOf=${D}&limit=4`)];
    while (pages.at(-1).nextCursor)
      pages.push(await t.ok('GET', `/api/alerts?asOf=${D}&limit=4&cursor=${pages.at(-1).nextCursor}`));
    expect(pages.map((page) => page.nextCursor)).toEqual([
      ...Array.from({ length: Math.ceil(all.items.length / 4) - 1 }, (_, i) => String(4 * (i + 1))),
      null,
    ]);
    expect(pages.flatMap((page) => page.items)).toEqual(all.items);
  });

  it('a manager sees only its funds’ projects and no 待认定 queue; a leader sees every project but no queue either', async () => {
    const { projects: p, funds: f, tokens } = s;
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}`, undefined, tokens.mgrA)).items)).toEqual([
      `started_not_completed:p${p.P3}:730`,
      `signed_not_started:p${p.P1}:180`,
      `stale:p${p.P5}:90`,
    ]);
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}`, undefined, tokens.mgrB)).items)).toEqual([
      `signed_not_started:p${p.P11}:211`,
    ]);
    expect((await t.ok('GET', `/api/alerts?asOf=${D}&kind=pending_review`, undefined, tokens.mgrA)).items).toEqual([]);
    expect(keys((await t.ok('GET', `/api/alerts?asOf=${D}`, undefined, tokens.leader)).items)).toHaveLength(4);
    // 无人对接 too: A's signed live projects only (P3, P4, P1, P2, P7).
    expect(
      keys((await t.ok('GET', `/api/alerts?asOf=${D}&kind=no_liaison`, undefined, tokens.mgrA)).items, (i) => i),
    ).toHaveLength(5);
    const other = await t.get(`/api/alerts?fundId=${f.B}`, tokens.mgrA);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: { code: 'not_found', message: `基金 ${f.B} 不存在` } });
  });

  it('无人对接: every live project signed by D and not producing, while it has no 对接人 (since: its signing)', async () => {
    const { projects: p } = s;
    const liaisonless = await t.ok('GET', `/api/alerts?asOf=${D}&kind=no_liaison`);
    expect(keys(liaisonless.items, (i) => i)).toEqual([
      `no_liaison:p${p.P3}:852`, // signed 2023-03-01: 2023-03-01 → 2025-06-30 is 306 + 366 + 180 days
      `no_liaison:p${p.P4}:852`,
      `no_liaison:p${p.P11}:211`, // signed 2024-12-01
      `no_liaison:p${p.P1}:180`, // signed 2025-01-01
      `no_liaison:p${p.P2}:179`,
      `no_liaison:p${p.P7}:149`, // its corrected signing, 2025-02-01
      // P8 was dropped; P5, P6 and the pending leads never signed
    ]);
  });

  it('answers 400 for a bad date, kind or day count and 404 for a missing unit, in Chinese', async () => {
    for (const q of [
      'asOf=2025-02-30',
      'kind=bogus',
      'signedDays=-1',
      'staleDays=1.5',
      'pendingDays=99999',
      'nodeGraceDays=-2',
      'fundId=0',
      'limit=0',
    ]) {
      const r = await t.get(`/api/alerts?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.message).toMatch(/请求参数有误/);
    }
    const r = await t.get('/api/alerts?unitId=99999');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe('单位 99999 不存在');
  });

  it('exports the same list as .xlsx', async () => {
    const res = await t.app.request(`/api/exports/alerts.xlsx?asOf=${D}&kind=signed_not_started`, {
      headers: { authorization: `Bearer test-admin-token` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('预警清单')!;
    const rows = ws
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(String(rows[0]![0])).toContain('截至2025年6月30日');
    expect(rows.slice(2).map((r) => [r[0], r[1], r[8], r[12]])).toEqual([
      ['签约未开工', '项目11', '新能源子基金', 211],
      ['签约未开工', '项目1', '智能制造子基金', 180],
    ]);
  });
});
