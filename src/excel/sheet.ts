import type { CellValue, Worksheet } from 'exceljs';
import { ApiError } from '../errors';
import { loadExcelJs } from './workbook';

/** One cell as the import reads it: text, a number, a boolean, a date (a calendar day, UTC midnight), or empty. */
export type Cell = string | number | boolean | Date | null;

/** A sheet's non-empty rows with the row numbers the user sees (Excel's row number; the CSV record number). */
export interface Grid {
  rows: { number: number; cells: Cell[] }[];
}

export type UploadKind = 'xlsx' | 'csv';

/** Reads an uploaded .xlsx (the first sheet whose header row names 项目名称, else the first sheet) or .csv. */
export async function readGrid(bytes: Uint8Array, kind: UploadKind, isHeader: (cells: Cell[]) => boolean): Promise<Grid> {
  return kind === 'csv' ? { rows: csvRecords(decodeText(bytes)) } : readXlsx(bytes, isHeader);
}

/** An .xlsx may unpack to at most this much: a 20,000-row sheet is about 30 MB unpacked. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * The total unpacked size a zip's central directory declares, or null when the directory cannot be read. Checked
 * before unpacking, so a small upload that would unpack to gigabytes (a zip bomb) is refused instead of read.
 */
export function zipUnpackedSize(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record: signature PK\5\6, within the last 64 KiB (its comment is at most that).
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let p = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) return null;
      const size = view.getUint32(p + 24, true);
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: larger than 4 GiB
      total += size;
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return total;
  }
  return null;
}

async function readXlsx(bytes: Uint8Array, isHeader: (cells: Cell[]) => boolean): Promise<Grid> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked !== null && unpacked > MAX_UNPACKED_BYTES) {
    const message = `该 .xlsx 文件解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，请删除多余的工作表、图片或分批导入`;
    throw new ApiError('invalid_request', message, [{ path: 'file', message }], { rows: [] });
  }
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const sheets = wb.worksheets.map(gridOf);
  return sheets.find((g) => g.rows.slice(0, 10).some((r) => isHeader(r.cells))) ?? sheets[0] ?? { rows: [] };
}

function gridOf(ws: Worksheet): Grid {
  const rows: Grid['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based and sparse: index 0 is always empty.
    const values = (row.values as CellValue[]).slice(1);
    const cells = Array.from(values, cellOf);
    if (cells.some((c) => c !== null && c !== '')) rows.push({ number, cells });
  });
  return { rows };
}

/** What a stored cell means: the text of rich text and hyperlinks, the cached result of a formula. */
export function cellOf(v: CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return cellOf(v.richText.map((t) => t.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return cellOf((v as { result?: CellValue }).result);
    if ('hyperlink' in v && 'text' in v) return cellOf((v as { text: CellValue }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

/** CSV bytes as text: UTF-8 (with or without BOM), else GB18030 — what Excel's 「CSV」 saves on Chinese Windows. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * RFC 4180 records: comma-separated (a tab-separated file is recognised by its first line), fields in double
 * quotes may hold separators, quotes ("") and line breaks. Empty records are dropped; numbers are the record's.
 */
export function csvRecords(text: string): Grid['rows'] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: Grid['rows'] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let record = 1;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    const cells: Cell[] = fields.map((f) => (f.trim() === '' ? null : f));
    if (cells.some((c) => c !== null)) rows.push({ number: record, cells });
    record++;
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return rows;
}
