import type { Context } from 'hono';
import { Dec } from '../domain/decimal';
import type { CellStyle, Workbook } from './writer';

export { chineseDate } from './worksheet';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Number formats: money in 万元, multiples, rates, dates, counts. */
export const formats = { wan: '#,##0.00', times: '0.00', percent: '0.00%', date: 'yyyy-mm-dd', count: '0' } as const;

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * 元 as an exact decimal string → 万元 as a number for a cell (display only). The division is exact: the decimal
 * point moves four places in the text, which is then read as the nearest double, the same number as decimal.js's
 * division and toNumber() give, without their cost on every cell of a 2,000-fund report.
 */
export function wanNumber(yuan: string | null): number | null {
  if (yuan === null) return null;
  const m = PLAIN_DECIMAL.exec(yuan);
  if (!m) return new Dec(yuan).div(10_000).toNumber();
  const whole = m[2]!.padStart(5, '0');
  return Number(`${m[1]}${whole.slice(0, -4)}.${whole.slice(-4)}${m[3] ?? ''}`);
}

/** 元 as an exact decimal string → 万元 as an exact decimal string ("6000", "0.123456"). */
export function wanText(yuan: string): string {
  return new Dec(yuan).div(10_000).toFixed();
}

/** A 4-place ratio string → a number for a cell formatted 0.00 or 0.00%; null stays null. */
export function ratioNumber(ratio: string | null): number | null {
  if (ratio === null) return null;
  return PLAIN_DECIMAL.test(ratio) ? Number(ratio) : new Dec(ratio).toNumber();
}

/** "2024-03-01" → that calendar day as a cell holds it (UTC midnight, as Excel's serial day); give it a date style. */
export function dateCell(iso: string | null): Date | null {
  return iso === null ? null : new Date(`${iso}T00:00:00Z`);
}

/** RFC 5987 value: UTF-8 percent-encoded, including the characters encodeURIComponent leaves alone but attr-char forbids. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition for a download with a Chinese name, and an ASCII name for clients that ignore filename*. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/** Answers a workbook as an .xlsx download. */
export function xlsxResponse(c: Context, wb: Workbook, filename: string, asciiFallback: string) {
  const { body, size } = wb.stream();
  return c.body(body, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(filename, asciiFallback),
    'Cache-Control': 'no-store',
  });
}

/** A header cell: bold (black, or red for a required column) on a light fill, wrapped, centred, a line below. */
export const headerStyle = (color = 'FF000000'): CellStyle => ({
  bold: true,
  color,
  horizontal: 'center',
  vertical: 'center',
  wrap: true,
  fill: 'FFDDEBF7',
  borderBottom: true,
});

/** A sheet's title: bold, large, centred. */
export const titleStyle = (size = 14): CellStyle => ({ bold: true, size, horizontal: 'center', vertical: 'center' });

/** "—" where a figure does not apply. */
export const NOT_APPLICABLE = '—';
export const dashStyle: CellStyle = { horizontal: 'center' };
