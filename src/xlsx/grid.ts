// The shape of a sheet as touyin reads and writes it: a cell, a row, column letters, and the limits a sheet that is
// read is held to (the reasons it is refused).

/** One cell as the import reads it: text, a number, a boolean, a date (a calendar day, UTC midnight), or empty. */
export type Cell = string | number | boolean | Date | null;

/** A row with content and the number the user sees (Excel's row number; the CSV record number). */
export interface Row {
  number: number;
  cells: Cell[];
}

/** What one sheet may hold: the rows the import reads (and cells no further right than MAX_COLUMNS, MAX_CELLS in all). */
export interface SheetLimits {
  /** Rows with content read before stopping (the import refuses more rows than it takes anyway). */
  maxRows: number;
}

/** A value further right than this column is refused: the import template has about 30 columns. */
export const MAX_COLUMNS = 200;
/**
 * Cells one sheet may hold, counting each row up to its last filled cell (what the grid keeps): 20,000 rows of 75
 * columns; the import template has 29. Distinct strings one workbook may hold.
 */
export const MAX_CELLS = 1_500_000;
export const MAX_SHARED_STRINGS = 1_000_000;

export class SheetRefused extends Error {}

export const tooFarRight = (row: number, column: number) =>
  new SheetRefused(
    `第 ${row} 行 ${columnLetter(column)} 列超出了可导入的范围（最多 ${MAX_COLUMNS} 列），请删除多余的列后再导入`,
  );
export const tooManyCells = () =>
  new SheetRefused(`工作表的单元格（每行算到最后一个非空单元格）超过 ${MAX_CELLS} 个，请删除多余的行、列或分批导入`);

const letterCache: string[] = [];
/** 1 → "A", 28 → "AB". */
export function columnLetter(n: number): string {
  const cached = letterCache[n];
  if (cached !== undefined) return cached;
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  if (n < 1000) letterCache[n] = s;
  return s;
}
