import type { Context } from 'hono';
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { strToU8 } from 'fflate';
import { Dec } from '../domain/decimal';
import { zipFiles } from './zip';

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

/** The parts of exceljs's XLSX writer that render a workbook's XML parts into anything with `append`. */
interface XlsxParts {
  workbook: Workbook;
  prepareModel(model: unknown, options: object): void;
  [render: `add${string}`]: (zip: PartSink, model: unknown) => unknown;
}
interface PartSink {
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void;
}

/**
 * The workbook as .xlsx bytes. exceljs renders the XML parts (the steps of its own `XLSX.write`, in its order) and
 * touyin zips them with fflate in one synchronous call: exceljs's `writeBuffer` zips with JSZip, whose timers Workers
 * drop at the end of a request, after which every later .xlsx in that isolate would hang.
 */
export async function xlsxBytes(wb: Workbook): Promise<Uint8Array<ArrayBuffer>> {
  const xlsx = wb.xlsx as unknown as XlsxParts;
  const model = (xlsx.workbook as unknown as { model: unknown }).model;
  const files: Record<string, Uint8Array> = {};
  const sink: PartSink = {
    append(data, { name, base64 }) {
      if (base64) throw new Error(`xlsx part ${name}: base64 media is not supported`);
      files[name] = typeof data === 'string' ? strToU8(data) : data;
    },
  };
  xlsx.prepareModel(model, {});
  for (const step of ['addContentTypes', 'addOfficeRels', 'addWorkbookRels', 'addWorksheets', 'addSharedStrings', 'addDrawings', 'addTables', 'addThemes', 'addStyles', 'addMedia', 'addApp', 'addCore', 'addWorkbook'] as const) {
    await xlsx[step]!(sink, model);
  }
  return zipFiles(files, wb.modified ?? new Date(0));
}

/** Answers a workbook as an .xlsx download. */
export async function xlsxResponse(c: Context, wb: Workbook, filename: string, asciiFallback: string) {
  return c.body(await xlsxBytes(wb), 200, {
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

/** Excel header/footer text is a small language in which `&` starts a code: a literal ampersand is written `&&`. */
const headerFooterText = (s: string) => s.replace(/&/g, '&&');

/**
 * How every touyin sheet prints: A4 landscape, scaled to one page wide (as many pages tall as it takes), the first
 * `titleRows` rows repeated on every page, the title in the header and the as-of date and page numbers in the
 * footer. Every export calls it for each of its sheets.
 */
export function printSetup(sheet: Worksheet, { title, asOf, titleRows = 1 }: { title: string; asOf: string; titleRows?: number }) {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `1:${titleRows}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&C${headerFooterText(title)}`,
    oddFooter: `&L截至 ${chineseDate(asOf)}&R第 &P 页，共 &N 页`,
  };
}
