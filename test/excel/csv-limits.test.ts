import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS } from '../../src/excel/imports';
import { MAX_CELLS, MAX_COLUMNS } from '../../src/xlsx/grid';
import { sheetRows } from '../../src/xlsx/sheet';
import { testApp, type TestApp } from '../helpers';
import { buildPerformanceFamily } from '../performance-family';
import { tableCounts, upload } from './fixtures';

const FLOWS = '/api/imports/fund-flows';
const FLOW_HEADER = '基金,类型,日期,金额（元）';
const bytesOf = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;
const csvBytes = (text: string) => new TextEncoder().encode(text);

describe('the CSV reader under the xlsx limits', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await buildPerformanceFamily(t);
  });

  it(`a header wider than ${MAX_COLUMNS} columns stops the file at column ${MAX_COLUMNS + 1}: one small 400, no problem per column`, async () => {
    const columns = 5_000;
    const header = ['项目名称', ...Array.from({ length: columns }, (_, i) => `列${i}`)].join(',');
    for (const [path, csv] of [
      ['/api/imports/projects', `${header}\n甲项目\n`],
      [FLOWS, `${FLOW_HEADER},${header}\n`],
    ] as const) {
      const r = await upload(t, csv, { path, query: '?dryRun=1' });
      expect(r.status, path).toBe(400);
      expect(r.body.rows, path).toEqual([]);
      expect(r.body.error.issues, path).toEqual([
        { path: 'file', message: expect.stringContaining(`超出了可导入的范围（最多 ${MAX_COLUMNS} 列）`) },
      ]);
      // The answer does not grow with the file: 5,000 unknown columns once answered 5,000 problems, twice each.
      expect(bytesOf(r.body), path).toBeLessThan(1_000);
    }
  });

  it(`a filled cell right of column ${MAX_COLUMNS} in a data row refuses the file, as in an .xlsx`, async () => {
    const far = `${'业绩子基金,估值,2022-12-31,1000'}${','.repeat(MAX_COLUMNS - 3)}x`; // x in column 201
    const within = `${'业绩子基金,估值,2022-12-31,1000'}${','.repeat(MAX_COLUMNS - 5)}备注${','.repeat(5_000)}`;
    const ok = await upload(t, `${FLOW_HEADER}\n${within}\n`, { path: FLOWS, query: '?dryRun=1' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const r = await upload(t, `${FLOW_HEADER}\n${within}\n${far}\n`, { path: FLOWS, query: '?dryRun=1' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([
      { path: 'file', message: `第 3 行 GS 列超出了可导入的范围（最多 ${MAX_COLUMNS} 列），请删除多余的列后再导入` },
    ]);
  });

  it(`more than ${MAX_CELLS} cells (each record counted to its last filled field) refuses the file`, async () => {
    const row = `业绩子基金,估值,2022-12-31,1000${','.repeat(MAX_COLUMNS - 4)}x\n`;
    const rows = Math.floor(MAX_CELLS / MAX_COLUMNS) + 1;
    const before = tableCounts(t);
    const r = await upload(t, `${FLOW_HEADER}\n${row.repeat(rows)}`, { path: FLOWS, raw: true, type: 'text/csv' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([{ path: 'file', message: expect.stringContaining(`超过 ${MAX_CELLS} 个`) }]);
    expect(tableCounts(t)).toEqual(before);
  });

  it(`an answer lists at most ${MAX_LISTED_PROBLEMS} problems, the first by row, each once, and counts them all`, async () => {
    const bad = 3_000;
    const csv = `${FLOW_HEADER}\n${'业绩子基金,分配,2022-12-31,1000\n'.repeat(bad)}`;
    const r = await upload(t, csv, { path: FLOWS, query: '?dryRun=1' });
    expect(r.status).toBe(400);
    expect(r.body.problemCount).toBe(bad);
    expect(r.body.rows).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r.body.rows.map((p: { row: number }) => p.row)).toEqual(
      Array.from({ length: MAX_LISTED_PROBLEMS }, (_, i) => i + 2),
    );
    expect(r.body.rows[0]).toEqual({
      row: 2,
      column: '类型',
      message: expect.stringContaining('“分配”不是可选的类型'),
    });
    expect(r.body.error.message).toContain(`${bad} 行共有 ${bad} 处问题`);
    expect(r.body.error.issues).toEqual([
      { path: 'rows', message: `共 ${bad} 处问题，rows 中列出了行号最小的 ${MAX_LISTED_PROBLEMS} 处` },
    ]);
  });

  it('a cell echoed in a problem is cut short: a long unknown value does not make a long answer', async () => {
    const long = '甲'.repeat(100_000);
    const r = await upload(t, `${FLOW_HEADER}\n业绩子基金,${long},2022-12-31,1000\n`, {
      path: FLOWS,
      query: '?dryRun=1',
    });
    expect(r.status).toBe(400);
    expect(r.body.rows).toHaveLength(1);
    expect(bytesOf(r.body)).toBeLessThan(3_000);
  });

  it('a bad header stops the import there: what follows it is not read', async () => {
    // Row 3 would refuse the file (a value right of column 200) if it were read.
    const csv = `基金,类型,日期,金额（元）,不认识的列\n业绩子基金,估值,2022-12-31,1000\n${','.repeat(MAX_COLUMNS)}x\n`;
    const r = await upload(t, csv, { path: FLOWS, query: '?dryRun=1' });
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([{ row: 1, column: '不认识的列', message: expect.stringContaining('无法识别的列') }]);
  });
});

describe('csvRecords as sheetRows reads them', () => {
  const rows = (text: string, maxRows = 100) => [...sheetRows(csvBytes(text), 'csv', () => false, { maxRows })];

  it('reads RFC 4180 quoting, CRLF, tabs, and numbers records as before; empty records are skipped', () => {
    const text = 'a,"b,1","c ""q""",  "d\r\ne"x\r\n\r\n , ,\n\nlast,"unterminated\n,more';
    expect(rows(text)).toEqual([
      { number: 1, cells: ['a', 'b,1', 'c "q"', 'd\r\nex'] },
      // Records 2 (CRLF), 3 (blanks only) and 4 are empty; an unterminated quote runs to the end.
      { number: 5, cells: ['last', 'unterminated\n,more'] },
    ]);
    expect(rows('项目名称\t金额\n甲\t"1,5"\t\n')).toEqual([
      { number: 1, cells: ['项目名称', '金额'] },
      { number: 2, cells: ['甲', '1,5'] },
    ]);
    expect(rows('x,a"b" c,\n')).toEqual([{ number: 1, cells: ['x', 'a"b" c'] }]);
  });

  it('stops after maxRows records with content, whatever follows', () => {
    const text = `${'a\n'.repeat(50)}${','.repeat(MAX_COLUMNS)}x\n`;
    expect(rows(text, 50)).toHaveLength(50);
    expect(() => rows(text, 51)).toThrow(/超出了可导入的范围/);
  });
});
