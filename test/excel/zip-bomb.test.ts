import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { MAX_CELLS, MAX_COLUMNS } from '../../src/xlsx/grid';
import { xmlEvents, type XmlEvent } from '../../src/xlsx/xml';
import {
  inflateBudget,
  inflateEntry,
  MAX_INFLATED_BYTES,
  MAX_ZIP_ENTRIES,
  zipEntries,
  ZipRefused,
} from '../../src/xlsx/zip';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { upload, xlsxOf } from './fixtures';
import { deflateBomb, rawEntriesOf, rawZip, type RawEntry } from './zip-fixtures';

const MB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** A 1 MB run of empty rows: no cell for the import to stop at, only bytes. */
const emptyRows = '<row/>'.repeat(MB / 6);

/**
 * The .xlsx of the attack: a real workbook whose sheet inflates to about `mb` MB of XML from about 1 KB per MB, while
 * its local header and central directory declare the sheet's real, small size.
 */
async function bombXlsx(mb: number): Promise<Uint8Array> {
  const entries = rawEntriesOf(await xlsxOf([['项目名称'], ['炸弹项目']]));
  const sheet = entries.find((e) => e.name === SHEET)!;
  const head = deflateRawSync(Buffer.from(HEAD), { finishFlush: 3 /* Z_FULL_FLUSH */ });
  const body = deflateBomb(emptyRows, mb);
  const data = new Uint8Array(head.length + body.length);
  data.set(head);
  data.set(body, head.length);
  return rawZip(entries.map((e) => (e === sheet ? { ...e, data } : e)));
}

describe('an .xlsx that inflates to far more than it says (zip bomb)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await buildWorkedExample(t);
  });

  it('is refused with a 400 in Chinese as soon as the sheet inflates past what its directory declared', async () => {
    const bomb = await bombXlsx(1500); // ~1.5 GB of XML
    expect(bomb.length).toBeLessThan(3 * MB);
    const r = await upload(t, bomb);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.issues).toEqual([{ path: 'file', message: expect.stringContaining('解压后的大小与目录不符') }]);
    expect(r.body.rows).toEqual([]);
  });

  it('three at once leave the server answering /health, its memory bounded', async () => {
    const bombs = await Promise.all([bombXlsx(1500), bombXlsx(1500), bombXlsx(1500)]);
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakBuffers = before.arrayBuffers;
    // Sampled between the requests' steps (each refusal happens within one synchronous read).
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    };
    const sampler = setInterval(sample, 1);
    const answers = await Promise.all(bombs.map((b) => upload(t, b)));
    clearInterval(sampler);
    sample();
    for (const r of answers) {
      expect(r.status).toBe(400);
      expect(r.body.error.issues[0].message).toContain('解压后');
    }
    const health = await t.app.request('/health');
    expect(health.status).toBe(200);
    // Each read holds at most a few MB of inflated XML at a time; the bombs would be 4.5 GB.
    expect((peakRss - before.rss) / MB).toBeLessThan(256);
    expect((peakBuffers - before.arrayBuffers) / MB).toBeLessThan(128);
  });

  it('is refused when its directory honestly declares more than the limit in all', async () => {
    const entries = rawEntriesOf(await xlsxOf([['项目名称'], ['大表项目']]));
    // Two honest parts of 30 MB each: each under the limit, together over it; refused before inflating anything.
    const big = (name: string): RawEntry => ({
      name,
      data: deflateBomb('<row/>'.repeat(MB / 6), 30),
      declaredSize: (MB / 6) * 6 * 30,
    });
    const zip = rawZip([...entries, big('xl/worksheets/extra1.xml'), big('xl/worksheets/extra2.xml')]);
    const r = await upload(t, zip);
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].message).toContain(`解压后超过 ${MAX_INFLATED_BYTES / MB} MB`);
  });

  it('counts the bytes that come out, not the ones declared: a budget stops an entry mid-way', () => {
    const data = deflateBomb('<row/>'.repeat(MB / 6), 8);
    const zip = rawZip([{ name: SHEET, data, declaredSize: (MB / 6) * 6 * 8 }]);
    const [entry] = zipEntries(zip);
    const budget = inflateBudget(3 * MB);
    let seen = 0;
    expect(() => {
      for (const chunk of inflateEntry(zip, entry!, budget)) seen += chunk.length;
    }).toThrow(ZipRefused);
    // Stopped within one step (4 KB of input, at most ~4 MB out) of the limit.
    expect(seen).toBeLessThanOrEqual(3 * MB);
    expect(budget.used).toBeLessThan(8 * MB);
  });
});

describe('other zip tricks are refused with a 400 in Chinese', () => {
  let t: TestApp;
  let entries: RawEntry[];
  beforeEach(async () => {
    t = await testApp();
    await buildWorkedExample(t);
    entries = rawEntriesOf(await xlsxOf([['项目名称'], ['项目']]));
  });

  const refusedWith = async (zip: Uint8Array, text: string) => {
    const r = await upload(t, zip);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.issues).toEqual([{ path: 'file', message: expect.stringContaining(text) }]);
  };

  it('the hand-built zip of a real workbook is read (the tricks below change one thing each)', async () => {
    const r = await upload(t, rawZip(entries));
    // Read: the import then lists what the sheet lacks (its required columns), nothing about the file.
    expect(r.status).toBe(400);
    expect(r.body.rows).toContainEqual({ row: 1, column: '报送日期', message: '缺少必填列' });
    expect(r.body.error.issues.some((i: { path: string }) => i.path === 'file')).toBe(false);
  });

  it('entries that share their compressed data (overlapping entries)', async () => {
    const sheet = entries.findIndex((e) => e.name === SHEET);
    await refusedWith(
      rawZip([...entries, { ...entries[sheet]!, name: 'xl/worksheets/sheet2.xml', sharesWith: sheet }]),
      '条目相互重叠',
    );
  });

  it('a name given twice, a name that climbs out (..), an absolute Windows path', async () => {
    await refusedWith(rawZip([...entries, { ...entries[0]!, name: entries[0]!.name.toUpperCase() }]), '重复');
    await refusedWith(rawZip([...entries, { ...entries[0]!, name: 'xl/../../etc/passwd' }]), '不合法');
    await refusedWith(rawZip([...entries, { ...entries[0]!, name: 'C:\\x.xml' }]), '不合法');
  });

  it('encryption, an unknown compression method, ZIP64 sizes', async () => {
    await refusedWith(rawZip(entries.map((e) => (e.name === SHEET ? { ...e, flags: 0x801 } : e))), '已加密');
    await refusedWith(rawZip(entries.map((e) => (e.name === SHEET ? { ...e, method: 12 } : e))), '不支持的压缩方式');
    await refusedWith(rawZip(entries.map((e) => (e.name === SHEET ? { ...e, declaredSize: 0xffffffff } : e))), 'ZIP64');
  });

  it(`more than ${MAX_ZIP_ENTRIES} entries`, async () => {
    const empty = deflateRawSync(Buffer.alloc(0));
    const many = Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => ({
      name: `xl/media/x${i}.bin`,
      data: empty,
      declaredSize: 0,
    }));
    await refusedWith(rawZip([...entries, ...many]), `超过上限 ${MAX_ZIP_ENTRIES}`);
  });

  it('stored data that is larger than declared, and a deflate stream cut short', async () => {
    const xml = strToU8(`${HEAD}</sheetData></worksheet>`);
    await refusedWith(
      rawZip(entries.map((e) => (e.name === SHEET ? { ...e, method: 0, data: xml, declaredSize: 10 } : e))),
      '大小不一致',
    );
    await refusedWith(
      rawZip(entries.map((e) => (e.name === SHEET ? { ...e, data: e.data.subarray(0, e.data.length >> 1) } : e))),
      '无法读取',
    );
  });

  it(`a value beyond column ${MAX_COLUMNS}, more than ${MAX_CELLS} cells, a DOCTYPE (entities that expand)`, async () => {
    const wide = `${HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="ZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
    const doctype = `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol;</t></is></c></row></sheetData></worksheet>`;
    const withSheet = (xml: string) =>
      rawZip(
        entries.map((e) =>
          e.name === SHEET ? { ...e, data: deflateRawSync(xml), declaredSize: Buffer.byteLength(xml) } : e,
        ),
      );
    await refusedWith(withSheet(wide), '第 1 行 ZZ 列超出了可导入的范围');
    // 20,000 rows, each filled out to column 100 by one value there: the grid would keep 2,000,000 cells.
    // A complete header, so that the import reads on past it.
    const header = ['项目名称', '来源类型', '报送日期', '计划总投资（元）', '招引单位', '落地单位']
      .map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`)
      .join('');
    const far = `${HEAD}<row r="1">${header}</row>${'<row><c r="CV1"><v>1</v></c></row>'.repeat(20_000)}</sheetData></worksheet>`;
    await refusedWith(withSheet(far), `超过 ${MAX_CELLS} 个`);
    const r = await upload(t, withSheet(doctype));
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].message).toContain('无法读取');
  });
});

describe('the sheet XML reader', () => {
  const events = (chunks: string[]) => [...xmlEvents(chunks)];
  const texts = (es: XmlEvent[]) =>
    es
      .filter((e) => e.kind === 'text')
      .map((e) => (e as { text: string }).text)
      .join('');

  it('reads the same events however the text is cut into chunks', () => {
    const xml = `<?xml version="1.0"?><x:c r="A1" t='s' a="1>2"><v>1 &lt; 2 &amp; &#x4E2D;&#25991;</v><is><t><![CDATA[<b>]]></t></is><e/></x:c>`;
    const whole = events([xml]);
    expect(whole[0]).toEqual({ kind: 'open', name: 'c', attrs: { r: 'A1', t: 's', a: '1>2' }, empty: false });
    expect(texts(whole)).toBe('1 < 2 & 中文<b>');
    for (let cut = 1; cut < xml.length; cut++) {
      const split = events([xml.slice(0, cut), xml.slice(cut)]);
      expect(texts(split)).toBe(texts(whole));
      expect(split.filter((e) => e.kind !== 'text')).toEqual(whole.filter((e) => e.kind !== 'text'));
    }
  });

  it('refuses a DOCTYPE, a malformed tag, text that never ends', () => {
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "b">]><x/>'])).toThrow();
    expect(() => events(['<x a=1>'])).toThrow();
    expect(() => events(['<x>', ...Array.from({ length: 40 }, () => 'a'.repeat(16 * 1024))])).toThrow();
  });
});
