import { ApiError } from '../errors';
import { csvRecords, decodeText } from './csv';
import {
  MAX_CELLS,
  MAX_COLUMNS,
  MAX_SHARED_STRINGS,
  SheetRefused,
  tooFarRight,
  tooManyCells,
  type Cell,
  type Row,
  type SheetLimits,
} from './grid';
import { xmlEvents, type XmlEvent } from './xml';
import { inflateBudget, inflateEntry, zipEntries, ZipRefused } from './zip';

export type UploadKind = 'xlsx' | 'csv';

/**
 * The rows with content of an uploaded .xlsx (the first sheet whose first 10 rows hold a header row, else the first
 * sheet) or .csv, parsed only as they are taken, at most limits.maxRows of them. Whatever goes wrong reading the
 * file is thrown as uploadRefused.
 */
export function* sheetRows(
  bytes: Uint8Array,
  kind: UploadKind,
  isHeader: (cells: Cell[]) => boolean,
  limits: SheetLimits,
): Generator<Row> {
  try {
    yield* kind === 'csv' ? csvRecords(decodeText(bytes), limits.maxRows) : readXlsx(bytes, isHeader, limits);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof ZipRefused || err instanceof SheetRefused) throw uploadRefused(err.message);
    throw uploadRefused(
      `无法读取该 ${kind === 'xlsx' ? '.xlsx' : '.csv'} 文件，文件可能已损坏；请在 Excel 中重新保存后再导入`,
    );
  }
}

/** A sheet as an import reads it: the header row, found before anything after it is parsed, then the rows after it. */
export interface HeadedSheet {
  /** The first of the first 10 rows with content that isHeader. */
  header: Row | undefined;
  /** The number of the sheet's first row with content (1 when it has none): where a missing header is reported. */
  firstRow: number;
  /** Reads the rows after the header, at most `max` of them (only once the header has been checked). */
  take(max: number): Row[];
}

export function headedSheet(rows: Iterable<Row>, isHeader: (cells: Cell[]) => boolean): HeadedSheet {
  const it = rows[Symbol.iterator]();
  let firstRow: number | undefined;
  let header: Row | undefined;
  for (let i = 0; i < 10 && header === undefined; i++) {
    const next = it.next();
    if (next.done) break;
    firstRow ??= next.value.number;
    if (isHeader(next.value.cells)) header = next.value;
  }
  return {
    header,
    firstRow: firstRow ?? 1,
    take(max) {
      const out: Row[] = [];
      while (header !== undefined && out.length < max) {
        const next = it.next();
        if (next.done) break;
        out.push(next.value);
      }
      return out;
    },
  };
}

/** A 400 about the uploaded file itself (issues on `file`, no rows): what the import answers before reading any row. */
export const uploadRefused = (message: string) =>
  new ApiError('invalid_request', message, [{ path: 'file', message }], { rows: [] });

/**
 * An .xlsx read with touyin's own zip and XML readers (src/xlsx/zip.ts, xml.ts), not exceljs: every inflated byte
 * is counted and the sheet is read as it inflates, so what a hostile file can make the server hold is bounded by the
 * limits above rather than by what the file claims; and nothing of it is left pending when the request ends.
 */
function* readXlsx(bytes: Uint8Array, isHeader: (cells: Cell[]) => boolean, limits: SheetLimits): Generator<Row> {
  const entries = zipEntries(bytes);
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const budget = inflateBudget();
  const events = (path: string): Iterable<XmlEvent> => {
    const entry = byName.get(path.toLowerCase());
    return entry ? xmlEvents(decoded(inflateEntry(bytes, entry, budget))) : [];
  };
  const book = workbookOf(events);
  const styles = stylesOf(events(book.styles));
  const shared = sharedStringsOf(events(book.sharedStrings));
  const read = (path: string, maxRows: number) =>
    gridOf(events(path), { shared, styles, date1904: book.date1904 }, maxRows);
  // The first sheet whose first 10 rows hold a header row, else the first sheet.
  const chosen = book.sheets.find((path) => [...read(path, 10)].some((r) => isHeader(r.cells))) ?? book.sheets[0];
  if (chosen !== undefined) yield* read(chosen, limits.maxRows);
}

/** UTF-8 chunks as text chunks (a character split between two chunks is joined). */
function* decoded(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder('utf-8');
  for (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/** A package relationship's target as a path inside the archive: absolute (/xl/…) or relative to the part's folder. */
function partPath(folder: string, target: string): string {
  const parts: string[] = [];
  for (const seg of (target.startsWith('/') ? target.slice(1) : folder + target).split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships of a part (its `_rels/….rels`): type (the last segment of its URI) and path, by id. */
function relationsOf(
  events: (path: string) => Iterable<XmlEvent>,
  part: string,
): Map<string, { type: string; path: string }> {
  const folder = part.slice(0, part.lastIndexOf('/') + 1);
  const out = new Map<string, { type: string; path: string }>();
  for (const e of events(`${folder}_rels/${part.slice(folder.length)}.rels`)) {
    if (
      e.kind === 'open' &&
      e.name === 'Relationship' &&
      e.attrs.Id &&
      e.attrs.Target &&
      e.attrs.TargetMode !== 'External'
    ) {
      out.set(e.attrs.Id, { type: (e.attrs.Type ?? '').split('/').pop()!, path: partPath(folder, e.attrs.Target) });
    }
  }
  return out;
}

/**
 * The workbook's sheets in tab order, its styles and shared strings, as paths inside the archive (found through the
 * package's relationships, xl/… when a file has none), and its date system.
 */
function workbookOf(events: (path: string) => Iterable<XmlEvent>): {
  sheets: string[];
  styles: string;
  sharedStrings: string;
  date1904: boolean;
} {
  const main = [...relationsOf(events, '')].find(([, r]) => r.type === 'officeDocument')?.[1].path ?? 'xl/workbook.xml';
  const rels = relationsOf(events, main);
  const ofType = (type: string, fallback: string) => [...rels.values()].find((r) => r.type === type)?.path ?? fallback;
  const sheets: string[] = [];
  let date1904 = false;
  for (const e of events(main)) {
    if (e.kind !== 'open') continue;
    if (e.name === 'workbookPr') date1904 = ['1', 'true'].includes(e.attrs.date1904 ?? '');
    if (e.name === 'sheet') {
      const rid = Object.entries(e.attrs).find(([k]) => k.endsWith(':id'))?.[1];
      const rel = rid === undefined ? undefined : rels.get(rid);
      if (rel?.type === 'worksheet') sheets.push(rel.path);
    }
  }
  return {
    sheets,
    date1904,
    styles: ofType('styles', 'xl/styles.xml'),
    sharedStrings: ofType('sharedStrings', 'xl/sharedStrings.xml'),
  };
}

/** Built-in number formats that show dates: 14–22 and 45–47, and the CJK ones Chinese Excel uses (27–36, 50–58). */
const builtInDates = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format shows a date when, outside quotes and [brackets], it has y, m, d, h or s (as exceljs reads it). */
const isDateFormat = (code: string) =>
  /[ymdhsb]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );

/** For each cell style (the `s` of a cell), whether it shows a date. */
function stylesOf(styles: Iterable<XmlEvent>): boolean[] {
  const custom = new Map<number, string>();
  const dates: boolean[] = [];
  let inCellXfs = false;
  for (const e of styles) {
    if (e.kind === 'text') continue;
    if (e.kind === 'open' && e.name === 'numFmt') custom.set(Number(e.attrs.numFmtId), e.attrs.formatCode ?? '');
    else if (e.name === 'cellXfs') inCellXfs = e.kind === 'open' && !e.empty;
    else if (inCellXfs && e.kind === 'open' && e.name === 'xf') {
      const id = Number(e.attrs.numFmtId ?? 0);
      const code = custom.get(id);
      dates.push(code === undefined ? builtInDates.has(id) : isDateFormat(code));
    }
  }
  return dates;
}

/** The shared strings: each `si`'s text runs joined, without phonetic guides (rPh). */
function sharedStringsOf(strings: Iterable<XmlEvent>): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  for (const e of strings) {
    if (e.kind === 'text') {
      if (current !== null && inText && !inPhonetic) current += e.text;
    } else if (e.name === 'si') {
      if (e.kind === 'open') current = '';
      else if (current !== null) {
        if (out.length >= MAX_SHARED_STRINGS)
          throw new SheetRefused(`该 .xlsx 文件的文本超过 ${MAX_SHARED_STRINGS} 条，请分批导入`);
        out.push(current);
        current = null;
      }
    } else if (e.name === 't') inText = e.kind === 'open' && !e.empty;
    else if (e.name === 'rPh') inPhonetic = e.kind === 'open' && !e.empty;
  }
  return out;
}

interface SheetContext {
  shared: string[];
  styles: boolean[];
  date1904: boolean;
}

/** "AB12" → 28; null when the reference names no column. */
function columnOf(ref: string): number | null {
  const m = /^([A-Z]{1,3})\d*$/i.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Excel's serial day (1900 or 1904 system) → the Date exceljs would read. */
const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** A sheet's rows with content, up to maxRows of them, as they are parsed. */
function* gridOf(sheet: Iterable<XmlEvent>, ctx: SheetContext, maxRows: number): Generator<Row> {
  let taken = 0;
  let cellCount = 0;
  let rowNumber = 0;
  let cells: Cell[] = [];
  let column = 0;
  let cell: { type: string; style: number; v: string | null; inline: string | null } | null = null;
  let inV = false;
  let inInline = false;
  let inText = false;
  let inPhonetic = false;
  for (const e of sheet) {
    if (e.kind === 'text') {
      if (cell && inV) cell.v = (cell.v ?? '') + e.text;
      else if (cell && inInline && inText && !inPhonetic) cell.inline = (cell.inline ?? '') + e.text;
      continue;
    }
    const open = e.kind === 'open' && !(e as { empty?: boolean }).empty;
    switch (e.name) {
      case 'row':
        if (e.kind === 'open') {
          const r = Number(e.attrs.r);
          rowNumber = Number.isSafeInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          column = 0;
        } else if (cells.some((c) => c !== null && c !== undefined)) {
          cellCount += cells.length;
          if (cellCount > MAX_CELLS) throw tooManyCells();
          yield { number: rowNumber, cells: Array.from(cells, (c) => c ?? null) };
          if (++taken >= maxRows) return;
        }
        break;
      case 'c':
        if (e.kind === 'open') {
          column = (e.attrs.r === undefined ? null : columnOf(e.attrs.r)) ?? column + 1;
          cell = { type: e.attrs.t ?? 'n', style: Number(e.attrs.s ?? 0), v: null, inline: null };
        } else if (cell) {
          const value = cellValue(cell, ctx);
          cell = null;
          if (value === null) break;
          if (column > MAX_COLUMNS) throw tooFarRight(rowNumber, column);
          cells[column - 1] = value;
        }
        break;
      case 'v':
        inV = open;
        break;
      case 'is':
        inInline = open;
        break;
      case 't':
        inText = open;
        break;
      case 'rPh':
        inPhonetic = open;
        break;
    }
  }
}

/** A cell's value as exceljs reads it: shared and inline strings, numbers, dates by style, booleans, errors (their text), cached formula results. */
function cellValue(
  c: { type: string; style: number; v: string | null; inline: string | null },
  ctx: SheetContext,
): Cell {
  switch (c.type) {
    case 'inlineStr':
      return cellOf(c.inline ?? c.v);
    case 's':
      return c.v === null ? null : cellOf(ctx.shared[Number(c.v)] ?? null);
    case 'str':
    case 'e':
      return cellOf(c.v);
    case 'b':
      return c.v === null ? null : c.v.trim() === '1' || c.v.trim() === 'true';
    case 'd': {
      const d = c.v === null ? null : new Date(c.v);
      return d && !Number.isNaN(d.getTime()) ? d : cellOf(c.v);
    }
    default: {
      if (c.v === null || c.v.trim() === '') return null;
      const n = Number(c.v);
      if (!Number.isFinite(n)) return cellOf(c.v);
      return ctx.styles[c.style] ? excelDate(n, ctx.date1904) : n;
    }
  }
}

/** A stored text as a cell: blank text is an empty cell. */
function cellOf(v: string | null | undefined): Cell {
  return v === null || v === undefined || v.trim() === '' ? null : v;
}
