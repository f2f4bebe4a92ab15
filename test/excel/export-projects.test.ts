import type { Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { download, readXlsx, wan, XLSX } from './fixtures';

function table(ws: Worksheet) {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, any>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  }
  return { header, rows, cell: (r: number, h: string) => ws.getRow(r).getCell(header.indexOf(h) + 1) };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('GET /api/exports/projects.xlsx', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  beforeAll(async () => {
    t = await testApp();
    ids = await buildWorkedExample(t);
  });

  async function exported(query = '', token?: string) {
    const d = await download(t, `/api/exports/projects.xlsx${query}`, token);
    expect(d.status, JSON.stringify(d.json)).toBe(200);
    return table((await readXlsx(d.bytes)).worksheets[0]!);
  }

  it('is an .xlsx named in Chinese, one row per project, with Chinese headers, stages and statuses', async () => {
    const d = await download(t, '/api/exports/projects.xlsx');
    expect(d.headers.get('content-type')).toBe(XLSX);
    expect(decodeURIComponent(d.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      '项目清单（2026-11-22）.xlsx',
    );
    const { header, rows, cell } = await exported();
    expect(header).toEqual(
      expect.arrayContaining([
        '项目名称',
        '企业名称',
        '来源类型',
        '来源基金',
        '报送日期',
        '计划总投资（万元）',
        '当前阶段',
        '审核状态',
        '签约日期',
        '终止日期',
        '终止原因',
        '到资记录（万元）',
      ]),
    );
    expect(rows.map((r) => r['项目编号'])).toEqual([ids.P1.id, ids.P2.id, ids.P3.id, ids.P4.id, ids.V.id]);

    const P1 = rows[0]!;
    expect(P1).toMatchObject({
      项目名称: '星辰智能装备华东生产基地',
      企业名称: '星辰智能装备（芜湖）有限公司',
      来源类型: '基金招引',
      来源基金: '智能制造产业子基金',
      驱动投资编号: ids.X.id,
      报送日期: day('2024-01-10'),
      当前阶段: '开工', // started 2024-06-01 is its furthest stage
      审核状态: '已认定',
      洽谈日期: day('2024-02-01'),
      签约日期: day('2024-03-01'),
      注册日期: day('2024-04-15'),
      开工日期: day('2024-06-01'),
      投产日期: null,
      招引单位: '鸠江区',
      落地单位: '鸠江区',
      // two arrivals, 60,000,000 and 40,000,000 元, in 万元 with their dates and kind
      '到资记录（万元）': '6000@2024-05-01@固定资产投资;4000@2024-09-01@固定资产投资',
      '到资合计（万元）': 10000,
    });
    expect(P1['计划总投资（万元）']).toBe(wan('300000000'));
    expect(cell(2, '计划总投资（万元）').numFmt).toBe('#,##0.00');
    expect(cell(2, '签约日期').numFmt).toBe('yyyy-mm-dd');
    expect(rows[2]).toMatchObject({ 当前阶段: '终止', 终止日期: day('2024-06-30'), 终止原因: '企业选址改至外省' });
    expect(rows[3]).toMatchObject({ 当前阶段: '已报送', 签约日期: null });
    expect(rows[4]).toMatchObject({ 来源类型: '中介/委托', 来源基金: null });
  });

  it('takes the filters of GET /api/projects and selects the same projects', async () => {
    const pending = await t.userWith('manager', [ids.A.id]);
    await t.create(
      '/api/projects',
      {
        name: '待认定的新能源项目',
        sourceType: 'fund',
        sourceFundId: ids.A.id,
        reportedOn: '2024-07-01',
        plannedTotal: '10000000',
        chain: '新能源汽车',
        introducingUnitId: ids.unit.id,
        landingUnitId: ids.unit.id,
      },
      pending.token,
    );
    const queries = [
      '',
      `?fundId=${ids.A.id}`,
      `?fundId=${ids.B.id}`,
      '?stage=registered',
      '?stage=dropped',
      '?stage=reported',
      '?status=pending',
      '?status=confirmed',
      '?chain=新能源汽车',
      '?sourceType=agency',
      '?q=远望',
      '?q=芜湖',
      `?fundId=${ids.M.id}&stage=started`,
    ];
    for (const query of queries) {
      const api = await t.ok('GET', `/api/projects${query}${query ? '&' : '?'}limit=500`);
      const { rows } = await exported(query);
      expect(
        rows.map((r) => r['项目编号']),
        query,
      ).toEqual(api.items.map((p: { id: number }) => p.id));
    }
    const bad = await download(t, '/api/exports/projects.xlsx?stage=finished');
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('stage');
  });

  it('shows a manager only its funds’ projects, and another fund is 404', async () => {
    const mgrA = await t.userWith('manager', [ids.A.id]);
    const mgrB = await t.userWith('manager', [ids.B.id]);
    const { rows } = await exported('', mgrA.token);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r['来源基金'] === '智能制造产业子基金')).toBe(true); // V (no source fund) is not A's
    expect((await exported('', mgrB.token)).rows).toEqual([]);
    const other = await download(t, `/api/exports/projects.xlsx?fundId=${ids.A.id}`, mgrB.token);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('not_found');
  });

  it('reads and writes the projects a page at a time: the same sheet, with every project’s stages and arrivals, whatever the page size', async () => {
    const sheetOf = async (app: TestApp, query: string) => {
      const d = await download(app, `/api/exports/projects.xlsx${query}`);
      expect(d.status).toBe(200);
      const ws = (await readXlsx(d.bytes)).worksheets[0]!;
      return { ...table(ws), filter: ws.autoFilter };
    };
    const whole = await testApp();
    const paged = await testApp({ exportPage: 2 });
    const wholeIds = await buildWorkedExample(whole);
    const pagedIds = await buildWorkedExample(paged);
    expect(pagedIds.A.id).toBe(wholeIds.A.id);
    for (const query of ['', `?fundId=${wholeIds.A.id}`, '?q=芜湖', '?stage=dropped', '?stage=signed']) {
      const a = await sheetOf(whole, query);
      const b = await sheetOf(paged, query);
      expect(b.rows, query).toEqual(a.rows);
      expect(b.filter, query).toEqual(a.filter);
    }
    const all = await sheetOf(paged, '');
    expect(all.rows).toHaveLength(5); // three pages of 2, 2 and 1
    expect(all.rows[0]!['到资记录（万元）']).toBe('6000@2024-05-01@固定资产投资;4000@2024-09-01@固定资产投资');
    expect(all.rows[2]).toMatchObject({ 当前阶段: '终止', 终止日期: day('2024-06-30'), 终止原因: '企业选址改至外省' });
  });
});
