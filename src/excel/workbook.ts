import type { Context } from 'hono';
import type { Cell, Workbook } from 'exceljs';
import { Dec } from '../domain/decimal';

type ExcelJs = typeof import('exceljs');

/**
 * exceljs, loaded on first use: the library is large and only the spreadsheet routes need it, so the rest of the
 * app (and a Workers cold start) never pays for it.
 */
export async function loadExcelJs(): Promise<ExcelJs> {
  const mod = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  return mod.default ?? mod;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Number formats: money in 万元, multiples, rates, dates, counts. */
export const formats = { wan: '#,##0.00', times: '0.00', percent: '0.00%', date: 'yyyy-mm-dd', count: '0' } as const;

/** 元 as an exact decimal string → 万元 as a number for a cell (display only; the division is exact in decimal.js). */
export function wanNumber(yuan: string | null): number | null {
  return yuan === null ? null : new Dec(yuan).div(10_000).toNumber();
}

/** 元 as an exact decimal string → 万元 as an exact decimal string ("6000", "0.123456"). */
export function wanText(yuan: string): string {
  return new Dec(yuan).div(10_000).toFixed();
}

/** A 4-place ratio string → a number for a cell formatted 0.00 or 0.00%; null stays null. */
export function ratioNumber(ratio: string | null): number | null {
  return ratio === null ? null : new Dec(ratio).toNumber();
}

/** "2024-03-01" → the Date exceljs writes as that calendar day (exceljs reads and writes dates in UTC). */
export function dateCell(iso: string | null): Date | null {
  return iso === null ? null : new Date(`${iso}T00:00:00Z`);
}

/** "2026-10-31" → "2026年10月31日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** RFC 5987 value: UTF-8 percent-encoded, including the characters encodeURIComponent leaves alone but attr-char forbids. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition for a download with a Chinese name, and an ASCII name for clients that ignore filename*. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/** Answers a workbook as an .xlsx download. */
export async function xlsxResponse(c: Context, wb: Workbook, filename: string, asciiFallback: string) {
  const buffer: ArrayBuffer | Uint8Array = await wb.xlsx.writeBuffer();
  return c.body(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer), 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': contentDisposition(filename, asciiFallback),
    'Cache-Control': 'no-store',
  });
}

/** A workbook stamped as touyin's. */
export function newWorkbook(ExcelJS: ExcelJs, now: Date): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'touyin 投引';
  wb.created = now;
  wb.modified = now;
  return wb;
}

/** A header cell: bold on a light fill, wrapped, centred. */
export function styleHeader(cell: Cell, color = 'FF000000') {
  cell.font = { bold: true, color: { argb: color } };
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  cell.border = { bottom: { style: 'thin' } };
}
