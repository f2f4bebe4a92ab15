import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type { Cell } from '../../src/xlsx/grid';
import { sheetRows } from '../../src/xlsx/sheet';
import { readXlsx, xlsxOf } from './fixtures';

const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rel = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${ns}/${type}" Target="${target}"/>`;
const rels = (...r: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r.join('')}</Relationships>`;
const isHeader = (cells: Cell[]) => cells.includes('项目名称');

/**
 * A workbook as other programs write it: the workbook part at a path of its own (found through _rels/.rels), a
 * namespace prefix on every element, the header on the second sheet, rich text with a phonetic guide, dates by
 * built-in, CJK and custom formats in the 1904 system, booleans, errors, cached formula results, inline strings,
 * cells and rows without references.
 */
function otherWriterXlsx(): Uint8Array {
  const sheet2 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
  <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>
  <x:row r="4">
    <x:c r="A4" t="inlineStr"><x:is><x:t xml:space="preserve">  甲项目 &amp; 乙 </x:t></x:is></x:c>
    <x:c r="B4" s="1"><x:v>0</x:v></x:c>
    <x:c s="2"><x:v>1</x:v></x:c>
    <x:c s="3"><x:f>TODAY()</x:f><x:v>2</x:v></x:c>
    <x:c t="b"><x:v>1</x:v></x:c>
    <x:c t="e"><x:v>#N/A</x:v></x:c>
    <x:c t="str"><x:f>A4&amp;"x"</x:f><x:v>公式文本</x:v></x:c>
    <x:c><x:f>1+1</x:f></x:c>
    <x:c><x:v>1234.5</x:v></x:c>
    <x:c t="s"><x:v>99</x:v></x:c>
    <x:c s="4"><x:v>3</x:v></x:c>
  </x:row>
  <x:row><x:c r="B5" t="inlineStr"><x:is><x:t>   </x:t></x:is></x:c></x:row>
  <x:row><x:c r="C6"><x:v>7</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
  return zipSync({
    '_rels/.rels': strToU8(rels(rel('rId1', 'officeDocument', '/book/main.xml'))),
    'book/main.xml': strToU8(
      `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="说明" sheetId="1" r:id="rId1"/><x:sheet name="项目" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`,
    ),
    'book/_rels/main.xml.rels': strToU8(
      rels(
        rel('rId1', 'worksheet', 'sheets/a.xml'),
        rel('rId2', 'worksheet', '/book/sheets/b.xml'),
        rel('rId3', 'styles', 'look.xml'),
        rel('rId4', 'sharedStrings', '../strings.xml'),
      ),
    ),
    'book/sheets/a.xml': strToU8(
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>填写说明</t></is></c></row></sheetData></worksheet>',
    ),
    'book/sheets/b.xml': strToU8(sheet2),
    'book/look.xml':
      strToU8(`<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;万元&quot;"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`),
    'strings.xml': strToU8(
      `<sst><si><r><rPr><b/></rPr><t>项目</t></r><r><t>名称</t></r><rPh sb="0" eb="2"><t>こうもく</t></rPh></si><si><t>备注</t></si></sst>`,
    ),
  });
}

// 1904 system: serial 0 is 1904-01-01.
const day1904 = (serial: number) => new Date(Date.UTC(1904, 0, 1) + serial * 86_400_000);

describe('reading an .xlsx sheet', () => {
  it('reads what other programs write: prefixes, relationships, rich text, date formats, 1904, formulas, inline strings', async () => {
    const grid = { rows: [...sheetRows(otherWriterXlsx(), 'xlsx', isHeader, { maxRows: 100 })] };
    expect(grid.rows).toEqual([
      { number: 2, cells: ['项目名称', null, '备注'] },
      {
        number: 4,
        cells: ['  甲项目 & 乙 ', day1904(0), day1904(1), day1904(2), true, '#N/A', '公式文本', null, 1234.5, null, 3],
      },
      // Row 5 holds only blanks; the next row without a number is 6.
      { number: 6, cells: [null, null, 7] },
    ]);
  });

  it('reads what exceljs writes as exceljs reads it', async () => {
    const rows = [
      ['项目名称', '日期', '金额', '是否'],
      ['项目甲', new Date('2025-03-15T00:00:00Z'), 1000000.5, '是'],
      [null, null, 0.1, null],
    ];
    const file = await xlsxOf(rows);
    const ours = { rows: [...sheetRows(file, 'xlsx', isHeader, { maxRows: 100 })] };
    const theirs = (await readXlsx(file)).worksheets[0]!;
    const expected: { number: number; cells: Cell[] }[] = [];
    theirs.eachRow((row, number) =>
      expected.push({ number, cells: Array.from((row.values as Cell[]).slice(1), (v) => v ?? null) }),
    );
    expect(ours.rows).toEqual(expected);
  });

  it('stops after maxRows rows with content', async () => {
    const file = await xlsxOf([['项目名称'], ...Array.from({ length: 50 }, (_, i) => [`项目${i}`])]);
    const grid = { rows: [...sheetRows(file, 'xlsx', isHeader, { maxRows: 12 })] };
    expect(grid.rows.map((r) => r.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
