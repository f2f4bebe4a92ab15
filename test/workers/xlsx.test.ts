import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { create, fresh, get } from './client';

// .xlsx in workerd: timers left pending when a request ends are dropped there, so a zip layer that defers work with
// timers (exceljs's JSZip) would leave every later .xlsx request of the isolate hanging. The `it`s of this file run
// in one isolate, one after the other: each answers only if the ones before left nothing pending.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A minimal .xlsx (inline strings, no styles) with these rows, zipped here without exceljs. */
function xlsxOf(rows: (string | number)[][]): Uint8Array {
  const cell = (v: string | number) =>
    typeof v === 'number' ? `<c><v>${v}</v></c>` : `<c t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map((r, i) => `<row r="${i + 1}">${r.map(cell).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets><sheet name="项目" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
}

const HEADER = ['项目名称', '来源类型', '来源基金', '报送日期', '计划总投资（元）', '招引单位', '落地单位'];

async function setting() {
  const unit = await create('/api/units', { name: fresh('鸠江区') });
  const mother = await create('/api/funds', { name: fresh('区级母基金'), level: 'mother', homeUnitId: unit.id });
  const sub = await create('/api/funds', { name: fresh('子基金'), level: 'sub', parentId: mother.id });
  return { unit, sub };
}

const leads = (s: Awaited<ReturnType<typeof setting>>, names: string[]) =>
  xlsxOf([HEADER, ...names.map((n) => [n, '基金招引', s.sub.name, '2024-01-10', 80000000, s.unit.name, s.unit.name])]);

async function importXlsx(file: Uint8Array, query = '', path = '/api/imports/projects') {
  const res = await SELF.fetch(`https://touyin.test${path}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.TOUYIN_ADMIN_TOKEN}`, 'content-type': XLSX },
    body: file as Uint8Array<ArrayBuffer>,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** An .xlsx download: its status, and the text of its sheets and shared strings. */
async function exportXlsx(path: string) {
  const res = await SELF.fetch(`https://touyin.test${path}`, {
    headers: { authorization: `Bearer ${env.TOUYIN_ADMIN_TOKEN}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(res.status, strFromU8(bytes.subarray(0, 300))).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  const parts = unzipSync(bytes);
  return Object.entries(parts)
    .filter(([name]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name))
    .map(([, b]) => strFromU8(b))
    .join('\n');
}

describe('.xlsx on Workers, request after request in one isolate', () => {
  it('export, then two uploads, then exports again: each answers, and the exports show what was imported', async () => {
    const s = await setting();
    expect(await exportXlsx('/api/exports/projects.xlsx')).toContain('项目名称');

    const first = fresh('表格项目甲');
    const dry = await importXlsx(leads(s, [first]), '?dryRun=1');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, projects: 1 });
    const real = await importXlsx(leads(s, [first]));
    expect(real.status, JSON.stringify(real.body)).toBe(201);
    expect(real.body).toMatchObject({ dryRun: false, projects: 1, status: 'confirmed' });

    expect(await exportXlsx('/api/exports/projects.xlsx')).toContain(first);
    expect(await exportXlsx('/api/exports/funds.xlsx?asOf=2026-10-31')).toContain(s.sub.name);
    expect(await exportXlsx('/api/imports/projects/template.xlsx')).toContain('项目名称');
  });

  it('still reads uploads and writes exports in the next request of the same isolate', async () => {
    const s = await setting();
    const names = [fresh('表格项目乙'), fresh('表格项目丙')];
    const r = await importXlsx(leads(s, names));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.projects).toBe(2);
    const sheet = await exportXlsx('/api/exports/projects.xlsx');
    for (const n of names) expect(sheet).toContain(n);
  });

  it('refuses a zip bomb quickly and goes on answering', async () => {
    const s = await setting();
    const file = leads(s, [fresh('炸弹项目')]);
    // Make the central directory claim that the sheet inflates to 4 bytes: reading stops at the 5th.
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    let end = file.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    let p = view.getUint32(end + 16, true);
    for (let i = 0; i < view.getUint16(end + 10, true); i++) {
      const nameLength = view.getUint16(p + 28, true);
      const name = strFromU8(file.subarray(p + 46, p + 46 + nameLength));
      if (name === 'xl/worksheets/sheet1.xml') view.setUint32(p + 24, 4, true);
      p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    const bomb = await importXlsx(file);
    expect(bomb.status).toBe(400);
    expect(bomb.body.error.issues[0].message).toContain('解压后的大小与目录不符');
    expect(await exportXlsx('/api/exports/projects.xlsx')).toContain('项目名称');
  });

  it('imports a GP sheet of distributions and NAV reports on D1, then exports it, in the same isolate', async () => {
    const s = await setting();
    const sheet = xlsxOf([
      ['基金', '类型', '日期', '金额（元）'],
      [s.sub.name, '分配-收益', '2024-03-01', 1500000],
      [String(s.sub.id), '估值', '2024-06-30', '3000万'],
    ]);
    const dry = await importXlsx(sheet, '?dryRun=1', '/api/imports/fund-flows');
    expect(dry).toEqual({
      status: 200,
      body: { dryRun: true, rows: 2, distributions: 1, valuations: 1, updated: 0, unchanged: 0, duplicates: [] },
    });
    const bad = await importXlsx(
      xlsxOf([
        ['基金', '类型', '日期', '金额（元）'],
        [s.sub.name, '估值', '2024-06-30', 1],
        [s.sub.name, '估值', '2024-06-31', 1],
      ]),
      '',
      '/api/imports/fund-flows',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.rows).toEqual([{ row: 3, column: '日期', message: expect.stringContaining('2024-06-31') }]);
    const r = await importXlsx(sheet, '', '/api/imports/fund-flows');
    expect(r).toEqual({
      status: 201,
      body: { dryRun: false, rows: 2, distributions: 1, valuations: 1, updated: 0, unchanged: 0, duplicates: [] },
    });
    expect((await get(`/api/funds/${s.sub.id}/valuations`)).body.items).toMatchObject([
      { nav: '30000000.00', on: '2024-06-30' },
    ]);
    const text = await exportXlsx(`/api/exports/fund-flows.xlsx?fundId=${s.sub.id}`);
    expect(text).toContain(s.sub.name);
    expect(text).toContain('分配-收益');
    expect(await exportXlsx('/api/exports/projects.xlsx')).toContain('项目名称');
  });
});
