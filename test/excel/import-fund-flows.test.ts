import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { buildPerformanceFamily, D } from '../performance-family';
import { download, readXlsx, tableCounts, upload, xlsxOf } from './fixtures';
import { deflateBomb, rawEntriesOf, rawZip } from './zip-fixtures';

const PATH = '/api/imports/fund-flows';
const send = (t: TestApp, body: Uint8Array | string, opts: Parameters<typeof upload>[2] = {}) =>
  upload(t, body, { path: PATH, ...opts });
/** A's performance body as of D without what names the fund. */
const performanceOf = async (t: TestApp, fundId: number) => {
  const { fundId: _id, children, ...rest } = await t.ok('GET', `/api/funds/${fundId}/performance?asOf=${D}`);
  return { ...rest, children: children.map(({ fundId: _c, ...c }: { fundId: number }) => c) };
};

describe('POST /api/imports/fund-flows', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildPerformanceFamily>>;
  beforeEach(async () => {
    t = await testApp();
    w = await buildPerformanceFamily(t);
  });

  it('round trip: the template, filled in, dry-runs, imports, and the performance body changes exactly as posting the same records', async () => {
    const template = await download(t, '/api/imports/fund-flows/template.xlsx');
    expect(template.status).toBe(200);
    const wb = await readXlsx(template.bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['分配与估值', '填写说明']);
    const ws = wb.getWorksheet('分配与估值')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['基金', '类型', '日期', '金额（元）']);
    expect(ws.getRow(2).getCell(2).value).toBe('估值');
    // Filled: the example row replaced by A's GP sheet (name and id, Excel date and text date, 万).
    ws.spliceRows(2, 1);
    ws.addRow(['业绩子基金', '分配-收益', new Date('2022-06-01T00:00:00Z'), 2000000]);
    ws.addRow([String(w.A), '估值', '2022/12/31', '5000万']);
    ws.addRow(['业绩孙基金', '分配-返还本金', '2022年3月1日', '1000000.50']);
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());

    const twin = await buildPerformanceFamily(t, '-twin');
    await t.create(`/api/funds/${twin.A}/distributions`, { amount: '2000000', paidOn: '2022-06-01', kind: 'income' });
    await t.create(`/api/funds/${twin.A}/valuations`, { nav: '50000000', on: '2022-12-31' });
    await t.create(`/api/funds/${twin.G}/distributions`, {
      amount: '1000000.50',
      paidOn: '2022-03-01',
      kind: 'return_of_capital',
    });

    const before = tableCounts(t);
    const dry = await send(t, filled, { query: '?dryRun=1' });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      rows: 3,
      distributions: 2,
      valuations: 1,
      updated: 0,
      unchanged: 0,
      duplicates: [],
    });
    expect(tableCounts(t)).toEqual(before);

    const untouched = await performanceOf(t, w.A);
    const r = await send(t, filled);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual({
      dryRun: false,
      rows: 3,
      distributions: 2,
      valuations: 1,
      updated: 0,
      unchanged: 0,
      duplicates: [],
    });
    const after = await performanceOf(t, w.A);
    expect(after).toMatchObject({ distributed: '8000000.00', nav: '50000000.00', dpi: '0.2000', tvpi: '1.4500' });
    expect(untouched).toMatchObject({ distributed: '6000000.00', nav: '42000000.00' });
    expect(after).toEqual(await performanceOf(t, twin.A));
    // Audited like a posted record: one audit row per record, by the importing user.
    const audited = t.sqlite
      .prepare(
        "select entity, user_id as userId from audit_log where entity in ('distributions', 'valuations') order by id desc limit 3",
      )
      .all() as { entity: string; userId: number }[];
    expect(audited.map((a) => a.entity).sort()).toEqual(['distributions', 'distributions', 'valuations']);
    expect(new Set(audited.map((a) => a.userId)).size).toBe(1);
    expect(tableCounts(t).audit_log! - before.audit_log!).toBe(3);
    // The export lists them as of the date, and reads back in the import's columns.
    const out = await download(t, `/api/exports/fund-flows.xlsx?fundId=${w.A}&asOf=${D}`);
    expect(out.status).toBe(200);
    const sheet = (await readXlsx(out.bytes)).getWorksheet('分配与估值')!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((v) => (v as unknown[]).slice(1, 5).map((x) => (x instanceof Date ? x.toISOString().slice(0, 10) : x)));
    expect(rows).toEqual([
      ['业绩子基金', '分配-收益', '2022-01-01', 6000000],
      ['业绩子基金', '分配-收益', '2022-06-01', 2000000],
      ['业绩子基金', '估值', '2022-06-30', 30000000],
      ['业绩子基金', '估值', '2022-12-31', 42000000],
      ['业绩子基金', '估值', '2022-12-31', 50000000],
    ]);
    const again = await send(t, out.bytes, { query: '?dryRun=1' });
    expect(again.body).toEqual({
      dryRun: true,
      rows: 5,
      distributions: 0,
      valuations: 0,
      updated: 0,
      unchanged: 5,
      duplicates: [],
    });
  });

  it('the export imported twice leaves the figures as they were; a 记录编号 row updates its record; a repeated row is listed by the dry run and written only when confirmed', async () => {
    const before = await performanceOf(t, w.A);
    const exported = await download(t, `/api/exports/fund-flows.xlsx?fundId=${w.A}&asOf=${D}`);
    const lines = (await readXlsx(exported.bytes)).getWorksheet('分配与估值')!.rowCount - 1;
    const answers = [await send(t, exported.bytes), await send(t, exported.bytes)];
    // Each import once added every distribution again (dpi 0.15 → 0.45 after two).
    expect(await performanceOf(t, w.A)).toEqual(before);
    for (const r of answers) {
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toEqual({
        dryRun: false,
        rows: lines,
        distributions: 0,
        valuations: 0,
        updated: 0,
        unchanged: lines,
        duplicates: [],
      });
    }

    // Row 2 (the distribution) changed in place; row 3 (a NAV report) without its 记录编号; row 3 again at the end.
    const wb = await readXlsx(exported.bytes);
    const ws = wb.getWorksheet('分配与估值')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['基金', '类型', '日期', '金额（元）', '记录编号']);
    const distributionId = ws.getRow(2).getCell(5).value;
    const navId = Number(ws.getRow(3).getCell(5).value);
    ws.getRow(2).getCell(4).value = 7000000;
    ws.getRow(3).getCell(5).value = null;
    ws.addRow((ws.getRow(3).values as unknown[]).slice(1, 5));
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());
    const dry = await send(t, edited, { query: '?dryRun=1' });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      rows: lines + 1,
      distributions: 0,
      valuations: 2,
      updated: 1,
      unchanged: lines - 2,
      duplicates: [
        { row: 3, column: '金额（元）', message: `与已有的估值记录 ${navId} 完全相同（基金、类型、日期、金额）` },
        {
          row: lines + 2,
          column: '金额（元）',
          message: `与已有的估值记录 ${navId} 完全相同（基金、类型、日期、金额）`,
        },
      ],
    });
    const counts = tableCounts(t);
    const refused = await send(t, edited);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('confirmDuplicates=1'),
    });
    expect(refused.body.rows).toEqual(dry.body.duplicates);
    expect(tableCounts(t)).toEqual(counts);

    const confirmed = await send(t, edited, { query: '?confirmDuplicates=1' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body).toMatchObject({ updated: 1, valuations: 2 });
    const distribution = t.sqlite
      .prepare('select amount_fen as fen, version from distributions where id = ?')
      .get(distributionId) as { fen: number; version: number };
    expect(distribution).toEqual({ fen: 700_000_000, version: 2 });
    expect(tableCounts(t).valuations! - counts.valuations!).toBe(2);
    // The update is audited like any change: one entry, before and after.
    expect(
      t.sqlite
        .prepare(
          "select count(*) as n from audit_log where entity = 'distributions' and entity_id = ? and action = 'update'",
        )
        .get(distributionId),
    ).toEqual({ n: 1 });
  });

  it('lists every bad row with its column and writes nothing (all or nothing)', async () => {
    const before = tableCounts(t);
    const file = await xlsxOf(
      [
        ['基金', '类型', '日期', '金额（元）'],
        ['业绩子基金', '估值', '2022-12-31', 1000],
        ['不存在的基金', '分配', '2022-02-30', -5],
        [String(w.B), '估值', '2026-11-23', '1.234'],
        ['业绩子基金', '分配-收益', null, '12万'],
      ],
      '分配与估值',
    );
    const r = await send(t, file);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.rows).toEqual([
      { row: 3, column: '基金', message: expect.stringContaining('不存在的基金') },
      { row: 3, column: '类型', message: expect.stringContaining('分配-返还本金') },
      { row: 3, column: '日期', message: expect.stringContaining('不是有效日期') },
      { row: 3, column: '金额（元）', message: '金额不能为负数' },
      { row: 4, column: '日期', message: '日期不能晚于今天（2026-11-22）' },
      { row: 4, column: '金额（元）', message: expect.stringContaining('两位小数') },
      { row: 5, column: '日期', message: '必填，不能为空' },
    ]);
    // Each problem listed once, in rows; the envelope's one issue counts them.
    expect(r.body.error.issues).toEqual([{ path: 'rows', message: expect.stringContaining('共 7 处问题') }]);
    expect(r.body.problemCount).toBe(7);
    expect(tableCounts(t)).toEqual(before);
  });

  it('a manager may neither import nor fetch the template (403), and cannot name another fund even in the export', async () => {
    const csv = `基金,类型,日期,金额（元）\n${w.A},估值,2022-12-31,1000\n`;
    expect((await send(t, csv, { token: w.mgrA })).status).toBe(403);
    expect((await download(t, '/api/imports/fund-flows/template.xlsx', w.mgrA)).status).toBe(403);
    expect((await download(t, `/api/exports/fund-flows.xlsx?fundId=${w.A}`, w.mgrB)).status).toBe(404);
    const own = await download(t, '/api/exports/fund-flows.xlsx', w.mgrB);
    expect(own.status).toBe(200);
    const names = (await readXlsx(own.bytes)).getWorksheet('分配与估值')!.getColumn(1).values.slice(2);
    expect(names.every((n) => n === '另一子基金')).toBe(true);
  });

  it('a staff user naming a fund by id that does not exist gets the row refused, not a 500', async () => {
    const r = await send(t, `基金,类型,日期,金额（元）\n999999,估值,2022-12-31,1000\n`);
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([{ row: 2, column: '基金', message: '基金 999999 不存在' }]);
  });

  it('a bad header is refused as a whole: an unknown column, the same column twice (named by its first header), a missing one', async () => {
    const before = tableCounts(t);
    const r = await send(t, `基金,类型,金额（元）,金额（万元）,说明,备注\n${w.A},估值,1000,0.1,x,y\n`);
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([
      { row: 1, column: '金额（万元）', message: '与“金额（元）”是同一列，不能重复' },
      { row: 1, column: '说明', message: expect.stringContaining('无法识别的列“说明”') },
      { row: 1, column: '日期', message: '缺少必填列' },
    ]);
    expect(tableCounts(t)).toEqual(before);
  });

  it('a zip bomb is still a 400 about the file', async () => {
    const entries = rawEntriesOf(
      await xlsxOf(
        [
          ['基金', '类型', '日期', '金额（元）'],
          ['业绩子基金', '估值', '2022-12-31', 1],
        ],
        '分配与估值',
      ),
    );
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const bomb = rawZip(
      entries.map((e) => (e === sheet ? { ...e, data: deflateBomb('<row/>'.repeat(174762), 1500) } : e)),
    );
    const before = tableCounts(t);
    const r = await send(t, bomb);
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([]);
    expect(tableCounts(t)).toEqual(before);
  });
});
