// What every sheet import shares: who imports, the problems of an import as they are found (listed by row, cut
// short), the one 400 that lists them, and funds and units found by name.
import { z } from 'zod';
import type { CurrentUser, Scope } from '../auth';
import type { Db } from '../db';
import { groupBy } from '../domain/groups';
import { ApiError } from '../errors';
import { count, text } from '../http/answer-fields';
import { textOf } from '../xlsx/cells';
import type { Cell, Row } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';

export interface Importer {
  db: Db;
  user: CurrentUser;
  scope: Scope;
  today: string;
}

/** Ids by exact (trimmed) name: a sheet names funds and units as people write them; a shared name is ambiguous. */
export const idsByName = (rows: { id: number; name: string }[]) =>
  groupBy(
    rows,
    (r) => r.name.trim(),
    (r) => r.id,
  );

/** One problem of an import, where the user finds it: the sheet's row number and the column's header. */
export const rowProblemAnswer = z.strictObject({
  row: z.int().positive().meta({ description: '表中的行号（与 Excel 左侧行号一致）' }),
  column: text.meta({ description: '列的表头' }),
  message: text,
});
export type RowProblem = z.output<typeof rowProblemAnswer>;

/** An import's answer lists at most this many problems (the first by row), and counts them all. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** A problem's column and message are cut to these lengths: what a cell holds is echoed back, and may be long. */
const MAX_COLUMN_TEXT = 60;
const MAX_MESSAGE_TEXT = 300;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The problems of one import as they are found: `length` counts every one (and `rowCount` the rows they are on),
 * but only the first MAX_LISTED_PROBLEMS by row (stable: a row's problems in the order found) are kept.
 */
export class Problems {
  private kept: RowProblem[] = [];
  private rows = new Set<number>();
  length = 0;

  push(p: RowProblem): void {
    this.length++;
    this.rows.add(p.row);
    this.kept.push({ row: p.row, column: clip(p.column, MAX_COLUMN_TEXT), message: clip(p.message, MAX_MESSAGE_TEXT) });
    if (this.kept.length >= 2 * MAX_LISTED_PROBLEMS) this.kept = this.listed();
  }

  get rowCount(): number {
    return this.rows.size;
  }

  listed(): RowProblem[] {
    return [...this.kept].sort((a, b) => a.row - b.row).slice(0, MAX_LISTED_PROBLEMS);
  }
}

/**
 * The 400 of a spreadsheet upload: the one error envelope, and `rows` listing every problem of the file (empty when
 * the file itself cannot be read). A bad query (?dryRun=x) is the plain envelope, without `rows`.
 */
export const importRefusedAnswer = z.strictObject({
  error: z.strictObject({
    code: z.literal('invalid_request'),
    message: text,
    issues: z.array(
      z.strictObject({
        path: text.meta({ description: '如“第 12 行.签约日期”；文件本身有误时为 file' }),
        message: text,
      }),
    ),
  }),
  rows: z
    .array(rowProblemAnswer)
    .max(MAX_LISTED_PROBLEMS)
    .optional()
    .meta({
      description: `逐行列出的问题，按行号排序，最多 ${MAX_LISTED_PROBLEMS} 处（行号最小的）；文件无法读取时为空数组`,
    }),
  problemCount: count
    .optional()
    .meta({ description: '问题总数（rows 只列出前 1000 处时，以此为准）；文件无法读取时不出现' }),
});

/**
 * The 400 of an import's problems, listed once: `rows` (at most MAX_LISTED_PROBLEMS, by row) and `problemCount`;
 * the envelope's `issues` holds one issue saying so. Nothing was written.
 */
export function refused(found: Problems | RowProblem[]): ApiError {
  const problems = found instanceof Problems ? found : found.reduce((all, p) => (all.push(p), all), new Problems());
  const rows = problems.listed();
  const listed =
    rows.length < problems.length ? `rows 中列出了行号最小的 ${rows.length} 处` : 'rows 中有每一处的行、列和原因';
  const message = `导入未完成：${problems.rowCount} 行共有 ${problems.length} 处问题，未写入任何数据。请按所列各行逐项修改后重新导入（${listed}）。`;
  return new ApiError(
    'invalid_request',
    message,
    [{ path: 'rows', message: `共 ${problems.length} 处问题，${listed}` }],
    { rows, problemCount: problems.length },
  );
}

/** How a sheet of one record per row names its columns (the 推进节点 and 招商活动 imports). */
export interface ColumnSpec<K extends string> {
  /** Each column's header as the template writes it. */
  columns: Record<K, string>;
  required: readonly K[];
  /** The column a header cell names (its template header or an accepted alias), or null. */
  keyOf: (cell: Cell) => K | null;
  /** The column a problem of the sheet as a whole is reported in. */
  anchor: K;
  /** What a sheet without a header row is told. */
  noHeader: string;
  /** What a second cell heading the same column is told, given the first one's text (else “…”列重复). */
  repeated?: (first: string) => string;
  maxRows: number;
}

/**
 * The header and the data rows of a sheet of one record per row: an unknown, repeated or missing required column is
 * a problem of the header row (a column headed 备注… is left out), and the sheet holds 1 to `maxRows` data rows. Any
 * problem refuses the import before a row after the header is read.
 */
export function readColumns<K extends string>(
  sheet: HeadedSheet,
  spec: ColumnSpec<K>,
): { columns: Map<K, number>; rows: Row[] } {
  const { columns: names, anchor, maxRows } = spec;
  const header = sheet.header;
  if (!header) throw refused([{ row: sheet.firstRow, column: names[anchor], message: spec.noHeader }]);
  const problems = new Problems();
  const columns = new Map<K, number>();
  header.cells.forEach((cell, index) => {
    const text = textOf(cell);
    if (text === undefined) return;
    const key = spec.keyOf(cell);
    if (!key && text.startsWith('备注')) return;
    if (!key)
      problems.push({
        row: header.number,
        column: text,
        message: `无法识别的列“${text}”。列名请与导入模板一致；不需要导入的列以“备注”开头命名。`,
      });
    else if (columns.has(key)) {
      const first = textOf(header.cells[columns.get(key)!]) ?? names[key];
      problems.push({ row: header.number, column: text, message: spec.repeated?.(first) ?? `“${names[key]}”列重复` });
    } else columns.set(key, index);
  });
  for (const key of spec.required)
    if (!columns.has(key)) problems.push({ row: header.number, column: names[key], message: '缺少必填列' });
  if (problems.length) throw refused(problems);
  const rows = sheet.take(maxRows + 1);
  if (rows.length === 0) throw refused([{ row: header.number + 1, column: names[anchor], message: '表中没有数据行' }]);
  if (rows.length > maxRows)
    throw refused([
      { row: rows[maxRows]!.number, column: names[anchor], message: `一次最多导入 ${maxRows} 行，请分批导入` },
    ]);
  return { columns, rows };
}
