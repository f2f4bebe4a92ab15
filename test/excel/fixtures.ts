import ExcelJS from 'exceljs';
import { Dec } from '../../src/domain/decimal';
import { ADMIN_TOKEN, type TestApp } from '../helpers';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetCell = string | number | Date | null | undefined;

/** An .xlsx with one sheet holding these rows (the first is the header), as an upload would carry it. */
export async function xlsxOf(rows: SheetCell[][], sheetName = '项目'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r.map((v) => v ?? null));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A CSV (RFC 4180 quoting) of these rows. */
export function csvOf(rows: SheetCell[][]): string {
  const field = (v: SheetCell) => {
    const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export async function readXlsx(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  json: any;
}

/** A GET whose answer may be a spreadsheet: the bytes, and the parsed body when it is JSON. */
export async function download(t: TestApp, path: string, token: string | null = ADMIN_TOKEN): Promise<Download> {
  const res = await t.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  return { status: res.status, headers: res.headers, bytes, json };
}

/** POST /api/imports/projects (or opts.path) with the file as multipart field `file` (default) or as the raw body. */
export async function upload(
  t: TestApp,
  body: Uint8Array | string,
  opts: {
    token?: string;
    name?: string;
    type?: string;
    raw?: boolean;
    query?: string;
    headers?: Record<string, string>;
    path?: string;
  } = {},
) {
  const type = opts.type ?? (typeof body === 'string' ? 'text/csv' : XLSX);
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? ADMIN_TOKEN}`, ...opts.headers };
  let payload: BodyInit;
  if (opts.raw) {
    headers['content-type'] = type;
    payload = body as BodyInit;
  } else {
    const form = new FormData();
    form.append(
      'file',
      new File([body as BlobPart], opts.name ?? (typeof body === 'string' ? 'projects.csv' : 'projects.xlsx'), {
        type,
      }),
    );
    payload = form;
  }
  const res = await t.app.request(`${opts.path ?? '/api/imports/projects'}${opts.query ?? ''}`, {
    method: 'POST',
    headers,
    body: payload,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Row counts of every table touyin writes, to show that a refused import wrote nothing. */
export function tableCounts(t: TestApp): Record<string, number> {
  const tables = t.sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (t.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
    ]),
  );
}

/** 元 string → 万元 as the number a cell holds, by exact decimal division. */
export const wan = (yuan: string | null) => (yuan === null ? null : new Dec(yuan).div(10_000).toNumber());

/** SPEC §6 without its projects (test/worked-example.ts), ready to receive imported projects. */
export { buildCapital } from '../worked-example';

let gbTable: Map<string, number[]> | null = null;
/** Text as GB18030 bytes (what Excel's “CSV” saves on Chinese Windows), built from the platform's own decoder. */
export function gb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** The project import's columns, as its template names them. */
export const HEADER = [
  '项目名称',
  '企业名称',
  '统一社会信用代码',
  '来源类型',
  '来源基金',
  '驱动投资编号',
  '报送日期',
  '计划总投资（元）',
  '招引单位',
  '落地单位',
  '洽谈日期',
  '签约日期',
  '注册日期',
  '终止日期',
  '终止原因',
  '到资金额（元）',
  '到资日期',
  '到资类型',
  '到资记录（元）',
] as const;
export type ProjectRow = Partial<Record<(typeof HEADER)[number], SheetCell>>;
/** A project sheet: the header, then each row's cells under it. */
export const sheet = (rows: ProjectRow[], header: readonly string[] = HEADER): SheetCell[][] => [
  [...header],
  ...rows.map((r) => header.map((h) => (r as Record<string, SheetCell>)[h] ?? null)),
];
