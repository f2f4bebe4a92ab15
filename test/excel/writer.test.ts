// touyin's streaming .xlsx writer (src/excel/writer.ts), read back by exceljs (as Excel-compatible programs read it)
// and by touyin's own reader (as the import reads a file a user saved from an export).
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/domain/decimal';
import { sheetRows } from '../../src/xlsx/sheet';
import { ratioNumber, wanNumber } from '../../src/xlsx/workbook';
import { columnLetter, Workbook } from '../../src/xlsx/writer';
import { xmlAttr, xmlText } from '../../src/xlsx/xml';
import { readXlsx } from './fixtures';

const NOW = new Date('2026-11-22T04:00:00Z');
const print = { title: '测试表 R&D', asOf: '2026-10-31' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('the streaming .xlsx writer', () => {
  it('escapes XML, drops the characters XML 1.0 forbids, keeps spaces, line breaks, CR and emoji', async () => {
    const wb = new Workbook(NOW);
    const ws = wb.sheet({ name: "甲'乙&<丙>", columns: [{ width: 20 }], print });
    const texts = [
      'a & b < c > d "e" \'f\'',
      ' 前后空格 ',
      '第一行\r\n第二行',
      'x\u0000y\u0008z\uFFFE',
      'lone \uD800 surrogate',
      '🚀 项目 مشروع',
      ']]> <![CDATA[',
    ];
    for (const t of texts) ws.row([t]);
    const bytes = wb.bytes();
    const read = (await readXlsx(bytes)).worksheets[0]!;
    expect(read.name).toBe("甲'乙&<丙>");
    expect(texts.map((_, i) => read.getCell(i + 1, 1).value)).toEqual([
      'a & b < c > d "e" \'f\'',
      ' 前后空格 ',
      '第一行\r\n第二行',
      'xyz',
      'lone  surrogate',
      '🚀 项目 مشروع',
      ']]> <![CDATA[',
    ]);
    const grid = { rows: [...sheetRows(bytes, 'xlsx', () => false, { maxRows: 100 })] };
    expect(grid.rows.map((r) => r.cells[0])).toEqual([
      'a & b < c > d "e" \'f\'',
      ' 前后空格 ',
      '第一行\r\n第二行',
      'xyz',
      'lone  surrogate',
      '🚀 项目 مشروع',
      ']]> <![CDATA[',
    ]);
    expect(xmlText('a\u0001b&')).toBe('ab&amp;');
    expect(xmlAttr('"x"\n\t')).toBe('&quot;x&quot;&#10;&#9;');
  });

  it('writes numbers, booleans and dates (serial days in a date format), leaves out empty cells and keeps styled empty ones', async () => {
    const wb = new Workbook(NOW);
    const date = wb.style({ numFmt: 'yyyy-mm-dd' });
    const wan = wb.style({ numFmt: '#,##0.00' });
    const bold = wb.style({ bold: true, borderTop: true });
    expect(wb.style({ numFmt: 'yyyy-mm-dd' })).toBe(date); // the same style, the same id
    const ws = wb.sheet({
      name: '数',
      columns: [{ width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }],
      print,
    });
    ws.row([1.5, -0, 0.1 + 0.2, { v: 12345.678, s: wan }, true, { v: day('2024-02-29'), s: date }]);
    ws.row([null, undefined, { v: null, s: bold }, Number.NaN, 'x']);
    const bytes = wb.bytes();
    const read = (await readXlsx(bytes)).worksheets[0]!;
    expect((read.getRow(1).values as unknown[]).slice(1)).toEqual([
      1.5,
      0,
      0.30000000000000004,
      12345.678,
      true,
      day('2024-02-29'),
    ]);
    expect(read.getCell(1, 4).numFmt).toBe('#,##0.00');
    expect(read.getCell(1, 6).numFmt).toBe('yyyy-mm-dd');
    expect(read.getCell(2, 3).value).toBeNull();
    expect(read.getCell(2, 3).font).toMatchObject({ bold: true });
    expect(read.getCell(2, 3).border.top).toMatchObject({ style: 'thin' });
    expect(read.getCell(2, 5).value).toBe('x');
    const grid = { rows: [...sheetRows(bytes, 'xlsx', () => false, { maxRows: 100 })] };
    expect(grid.rows[0]!.cells).toEqual([1.5, 0, 0.30000000000000004, 12345.678, true, day('2024-02-29')]);
    expect(grid.rows[1]).toEqual({ number: 2, cells: [null, null, null, null, 'x'] });
    const sheetXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toContain('<c r="C2" s="3"/>');
    expect(sheetXml).not.toContain('r="A2"');
    expect(sheetXml).not.toContain('NaN');
  });

  it('lays a sheet out: widths, column styles, heights, merges, frozen panes, a filter, notes, drop-down lists, rows at a number', async () => {
    const wb = new Workbook(NOW);
    const date = wb.style({ numFmt: 'yyyy-mm-dd' });
    const header = wb.style({
      bold: true,
      color: 'FFC00000',
      fill: 'FFDDEBF7',
      horizontal: 'center',
      vertical: 'center',
      wrap: true,
      borderBottom: true,
    });
    const ws = wb.sheet({
      name: '项目',
      columns: [{ width: 30 }, { width: 12, style: date }],
      frozen: { rows: 2, columns: 1 },
      print: { ...print, titleRows: 2 },
    });
    ws.row([{ v: '标题', s: wb.style({ bold: true, size: 14 }) }], { height: 28 });
    ws.merge(1, 1, 1, 2);
    ws.row([
      { v: '名称', s: header },
      { v: '日期', s: header },
    ]);
    ws.note(2, 1, '【必填】第一行\n第二行 & <注>');
    ws.validate('B3:B10', { list: ['是', '否'], errorTitle: '是否', error: '可填：是、否' });
    ws.row(['甲', { v: day('2024-01-10'), s: date }], { at: 5 });
    ws.autoFilter(2, 1, 5, 2);
    expect(() => ws.row(['乙'], { at: 4 })).toThrow();
    const second = wb.sheet({ name: '说明', columns: [{ width: 100 }], print: { ...print, titleRows: [3, 3] } });
    second.row(['说明']);
    const bytes = wb.bytes();
    const book = await readXlsx(bytes);
    const read = book.worksheets[0]!;
    expect(read.getColumn(1).width).toBe(30);
    expect(read.getColumn(2).numFmt).toBe('yyyy-mm-dd');
    expect(read.getRow(1).height).toBe(28);
    expect(read.getCell(1, 2).isMerged).toBe(true);
    expect(read.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3' });
    expect(read.getCell(2, 1).font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
    expect(read.getCell(2, 1).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(read.getCell(2, 1).alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    const note = read.getCell(2, 1).note as unknown as { texts: { text: string }[] };
    expect(note.texts.map((t) => t.text).join('')).toBe('【必填】第一行\n第二行 & <注>');
    const validations = (read as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
      .model;
    const list = {
      type: 'list',
      formulae: ['"是,否"'],
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '是否',
      error: '可填：是、否',
    };
    expect(validations).toMatchObject({ B3: list, B10: list });
    expect(Object.keys(validations)).toHaveLength(8); // B3 to B10, each cell as exceljs reads a range
    expect(read.autoFilter).toBe('A2:B5');
    expect(read.getRow(5).getCell(2).value).toEqual(day('2024-01-10'));
    expect(read.rowCount).toBe(5);
    expect(read.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '1:2',
    });
    expect(read.pageSetup.margins).toEqual({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
    expect(read.headerFooter).toMatchObject({
      oddHeader: '&C测试表 R&&D',
      oddFooter: '&L截至 2026年10月31日&R第 &P 页，共 &N 页',
    });
    expect(book.worksheets[1]!.pageSetup.printTitlesRow).toBe('3:3');
    expect(book.creator).toBe('touyin 投引');
    expect(book.created).toEqual(NOW);
    expect(book.modified).toEqual(NOW);
    // Only the sheet with notes has a comments part and a drawing; the content types name every part.
    const parts = unzipSync(bytes);
    expect(
      Object.keys(parts)
        .filter((p) => /comments|vmlDrawing/.test(p))
        .sort(),
    ).toEqual(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
    const types = strFromU8(parts['[Content_Types].xml']!);
    for (const p of [
      '/xl/worksheets/sheet1.xml',
      '/xl/worksheets/sheet2.xml',
      '/xl/comments1.xml',
      '/xl/styles.xml',
      '/xl/workbook.xml',
    ])
      expect(types).toContain(`PartName="${p}"`);
  });

  it('writes a large sheet deflated, and nothing after the workbook is written', () => {
    const wb = new Workbook(NOW);
    const ws = wb.sheet({ name: '大表', columns: Array.from({ length: 10 }, () => ({ width: 10 })), print });
    for (let r = 0; r < 20_000; r++) ws.row(Array.from({ length: 10 }, (_, c) => (c % 2 ? r * c : `第${r}行第${c}列`)));
    const bytes = wb.bytes();
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml.match(/<row /g)).toHaveLength(20_000);
    expect(xml).toContain('<c r="J20000"><v>179991</v></c>');
    // deflated: 200,000 cells in a small fraction of their XML
    expect(bytes.length).toBeLessThan(xml.length / 5);
    expect(() => ws.row(['太晚'])).toThrow();
    expect(() => wb.bytes()).toThrow();
  });

  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});

describe('cell numbers from decimal strings', () => {
  it('wanNumber and ratioNumber give exactly the number decimal.js gives, for any amount', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.integer({ min: 0, max: 6 }))
      .map(([neg, digits, places]) => {
        const s = digits.toString().padStart(places + 1, '0');
        return `${neg ? '-' : ''}${places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s}`;
      });
    fc.assert(
      fc.property(decimal, (s) => {
        expect(wanNumber(s)).toBe(new Dec(s).div(10_000).toNumber());
        expect(ratioNumber(s)).toBe(new Dec(s).toNumber());
      }),
      { numRuns: 2000 },
    );
    expect([wanNumber('123456.78'), wanNumber('1'), wanNumber('0.01'), wanNumber('1e5'), wanNumber(null)]).toEqual([
      12.345678,
      0.0001,
      0.000001,
      10,
      null,
    ]);
    expect(ratioNumber('8.3333')).toBe(8.3333);
  });
});
