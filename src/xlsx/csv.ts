// CSV uploads: the bytes as text, and the records with content, read under the same limits as an .xlsx.
import { MAX_CELLS, MAX_COLUMNS, tooFarRight, tooManyCells, type Cell, type Row } from './grid';

/** CSV bytes as text: UTF-8 (with or without BOM), else GB18030 — what Excel's 「CSV」 saves on Chinese Windows. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * RFC 4180 records with content, parsed as they are taken and under the xlsx limits: comma-separated (a
 * tab-separated file is recognised by its first line), fields in double quotes may hold separators, quotes ("")
 * and line breaks; numbers are the record's. A record is kept up to its last filled field; a filled field right of
 * MAX_COLUMNS, or more than MAX_CELLS cells, refuses the file; empty records are skipped without keeping anything,
 * and reading stops after maxRows records with content.
 */
// eslint-disable-next-line max-lines-per-function -- one pass of a quote-aware state machine over the text; its state is the locals
export function* csvRecords(text: string, maxRows: number): Generator<Row> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (!firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',').charCodeAt(0);
  const n = text.length;
  let i = 0;
  let record = 0;
  let taken = 0;
  let cellCount = 0;
  while (i < n) {
    record++;
    // A line of nothing but spaces: the commonest empty record, skipped without building it.
    let j = i;
    while (j < n && (text.charCodeAt(j) === SPACE || (text.charCodeAt(j) === TAB && sep !== TAB))) j++;
    const end = j < n ? text.charCodeAt(j) : LF;
    if (end === LF || end === CR) {
      i = j + (end === CR && text.charCodeAt(j + 1) === LF ? 2 : 1);
      continue;
    }
    const cells: Cell[] = [];
    let column = 0;
    for (;;) {
      column++;
      let field = '';
      let start = i;
      while (i < n) {
        const ch = text.charCodeAt(i);
        if (ch === sep || ch === LF || ch === CR) break;
        if (ch === QUOTE && (field + text.slice(start, i)).trim() === '') {
          // A quoted section, up to the quote not doubled (or the end of the text); what follows joins the field.
          field = '';
          i++;
          for (;;) {
            const q = text.indexOf('"', i);
            if (q < 0) {
              field += text.slice(i);
              i = n;
              break;
            }
            field += text.slice(i, q);
            i = q + 1;
            if (text.charCodeAt(i) !== QUOTE) break;
            field += '"';
            i++;
          }
          start = i;
          continue;
        }
        i++;
      }
      field += text.slice(start, i);
      if (field.trim() !== '') {
        if (column > MAX_COLUMNS) throw tooFarRight(record, column);
        cells[column - 1] = field;
      }
      const ch = i < n ? text.charCodeAt(i) : LF;
      i++;
      if (ch === sep) continue;
      if (ch === CR && text.charCodeAt(i) === LF) i++;
      break;
    }
    if (cells.length === 0) continue;
    cellCount += cells.length;
    if (cellCount > MAX_CELLS) throw tooManyCells();
    yield { number: record, cells: Array.from(cells, (c) => c ?? null) };
    if (++taken >= maxRows) return;
  }
}
