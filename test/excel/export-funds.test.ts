import type { Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/domain/decimal';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { download, readXlsx, wan, XLSX } from './fixtures';

/** The header row of the fund report, then each data row as header → cell value. */
function table(ws: Worksheet) {
  const header = (ws.getRow(2).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  }
  return { header, rows, cell: (r: number, h: string) => ws.getRow(r).getCell(header.indexOf(h) + 1) };
}

/** A ratio string of the API → what its cell must hold: the number, or "—" where the API says null. */
const figure = (s: string | null) => (s === null ? '—' : new Dec(s).toNumber());
const money = (s: string | null) => (s === null ? '—' : wan(s));

describe('GET /api/exports/funds.xlsx', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  beforeAll(async () => {
    t = await testApp();
    ids = await buildWorkedExample(t);
  });

  it('is an .xlsx named in Chinese (RFC 5987) with a title naming the as-of date, Chinese headers and a frozen header', async () => {
    const d = await download(t, '/api/exports/funds.xlsx?asOf=2024-12-31');
    expect(d.status).toBe(200);
    expect(d.headers.get('content-type')).toBe(XLSX);
    expect(Number(d.headers.get('content-length'))).toBe(d.bytes.length); // streamed from its compressed pieces, length known
    const disposition = d.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''[A-Za-z0-9%._-]+$/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('基金运行情况表（截至2024-12-31）.xlsx');

    const ws = (await readXlsx(d.bytes)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('基金运行情况表（截至 2024年12月31日）');
    const { header } = table(ws);
    expect(header.slice(0, 21)).toEqual([
      '基金名称',
      '层级',
      '认缴规模（万元）',
      '实缴（万元）',
      '母基金出资放大倍数',
      '财政放大倍数',
      '子基金放大倍数',
      '带动投资倍数',
      '返投要求（万元）',
      '返投认定（万元）',
      '返投完成率',
      '进度',
      '项目线索',
      '签约',
      '注册落地',
      '开工',
      '投产',
      '计划总投资（万元）',
      '实际到资（万元）',
      '到资率',
      '超期未开工',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(1).width).toBeGreaterThan(20);
  });

  it('holds the figures of GET /api/reports/funds for the same as-of date, as numbers with number formats', async () => {
    for (const asOf of ['2024-12-31', '2024-06-30']) {
      const api = await t.ok('GET', `/api/reports/funds?asOf=${asOf}`);
      const d = await download(t, `/api/exports/funds.xlsx?asOf=${asOf}`);
      const { rows, cell } = table((await readXlsx(d.bytes)).worksheets[0]!);
      expect(rows).toHaveLength(api.funds.length + 1);
      for (const m of api.funds) {
        const i = rows.findIndex((r) => r['基金名称'] === m.name);
        expect(i, m.name).toBeGreaterThanOrEqual(0);
        expect(rows[i]).toMatchObject({
          '认缴规模（万元）': money(m.capital.committed),
          '实缴（万元）': money(m.capital.paidIn),
          母基金出资放大倍数: figure(m.leverage.parent.committed),
          财政放大倍数: figure(m.leverage.fiscal.committed),
          子基金放大倍数: figure(m.leverage.subFunds.committed),
          带动投资倍数: figure(m.leverage.investment),
          '返投要求（万元）': money(m.reinvestment.required),
          '返投认定（万元）': money(m.reinvestment.credited),
          返投完成率: figure(m.reinvestment.rate),
          进度: m.reinvestment.paceOk === null ? '—' : m.reinvestment.paceOk ? '正常' : '滞后',
          项目线索: m.outcomes.leads,
          签约: m.outcomes.reached.signed,
          注册落地: m.outcomes.landed,
          开工: m.outcomes.reached.started,
          投产: m.outcomes.reached.producing,
          '计划总投资（万元）': money(m.outcomes.plannedTotal),
          '实际到资（万元）': money(m.outcomes.arrived),
          到资率: figure(m.outcomes.rates.arrival),
          超期未开工: m.outcomes.overdue,
        });
        if (m.capital.committed !== null) expect(cell(3 + i, '认缴规模（万元）').numFmt).toBe('#,##0.00');
        if (m.outcomes.rates.arrival !== null) expect(cell(3 + i, '到资率').numFmt).toBe('0.00%');
        if (m.leverage.fiscal.committed !== null) expect(cell(3 + i, '财政放大倍数').numFmt).toBe('0.00');
      }
    }
  });

  it('reads SPEC §6 as of 2024-12-31 in 万元 and ratios', async () => {
    const d = await download(t, '/api/exports/funds.xlsx?asOf=2024-12-31');
    const { rows } = table((await readXlsx(d.bytes)).worksheets[0]!);
    const A = rows.find((r) => r['基金名称'] === ids.A.name)!;
    expect(A).toMatchObject({
      层级: '子基金',
      '认缴规模（万元）': 50000, // 500,000,000 元 / 10,000
      '实缴（万元）': 20000, // 200,000,000 / 10,000
      母基金出资放大倍数: 5, // 500 / 100
      财政放大倍数: 8.3333, // 500 / 60, four places as the API
      '返投要求（万元）': 12000, // 1.2 × 100,000,000 = 120,000,000 元
      '返投认定（万元）': 9000, // 30+30+15+15+0 = 90,000,000 元
      返投完成率: 0.75, // 90 / 120
      进度: '正常', // invested 65 / committed 500 < 0.5, so pace is not judged
      项目线索: 4,
      签约: 2,
      注册落地: 2,
      '计划总投资（万元）': 38000, // P1 300,000,000 + P2 80,000,000
      '实际到资（万元）': 12000, // 60 + 40 + 20 million
      到资率: 0.3158, // 120 / 380
      超期未开工: 1, // P2 signed 2024-05-20, more than 180 days before, not started
    });
    const M = rows.find((r) => r['基金名称'] === ids.M.name)!;
    expect(M).toMatchObject({ 层级: '母基金', 母基金出资放大倍数: '—', 子基金放大倍数: 4, '返投要求（万元）': '—' }); // 1000 / 250; M has no parent and k = 0
  });

  it('totals money and counts over top-level funds only, with the rule in a cell note', async () => {
    const d = await download(t, '/api/exports/funds.xlsx?asOf=2024-12-31');
    const ws = (await readXlsx(d.bytes)).worksheets[0]!;
    const { rows, cell } = table(ws);
    const totals = rows.at(-1)!;
    expect(totals['基金名称']).toBe('合计（顶层基金）');
    // Only M is top-level: its 1,000,000,000 committed, not M + A + B + C (which would count M's money twice).
    expect(totals['认缴规模（万元）']).toBe(100000);
    expect(totals['计划总投资（万元）']).toBe(38000); // M's family holds A's projects once
    expect(totals['项目线索']).toBe(4);
    expect(totals['返投要求（万元）']).toBe('—'); // no top-level fund has a 返投 requirement
    expect(totals['财政放大倍数']).toBeNull(); // ratios are not totalled
    const note = cell(ws.rowCount, '基金名称').note;
    expect(typeof note === 'string' ? note : JSON.stringify(note)).toContain('顶层基金');
  });

  it('shows a manager only its funds, its fund being the top of its report', async () => {
    const mgr = await t.userWith('manager', [ids.A.id]);
    const d = await download(t, '/api/exports/funds.xlsx?asOf=2024-12-31', mgr.token);
    expect(d.status).toBe(200);
    const { rows } = table((await readXlsx(d.bytes)).worksheets[0]!);
    expect(rows.map((r) => r['基金名称'])).toEqual([ids.A.name, '合计（顶层基金）']);
    expect(rows[1]!['认缴规模（万元）']).toBe(50000); // A alone: 500,000,000 元
  });

  it('is for every reader, and answers the API envelope for a bad query or no token', async () => {
    const leader = await t.userWith('leader');
    expect((await download(t, '/api/exports/funds.xlsx', leader.token)).status).toBe(200);
    const bad = await download(t, '/api/exports/funds.xlsx?asOf=2024-02-30');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'invalid_request',
      issues: [{ path: 'asOf', message: expect.any(String) }],
    });
    const none = await download(t, '/api/exports/funds.xlsx', null);
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
  });

  it('defaults to today and names it', async () => {
    const d = await download(t, '/api/exports/funds.xlsx');
    const ws = (await readXlsx(d.bytes)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('基金运行情况表（截至 2026年11月22日）'); // the test clock's today
  });
});
