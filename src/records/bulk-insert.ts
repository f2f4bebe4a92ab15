import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';

/** `xs` in parts of at most `size`. */
export const chunks = <T>(xs: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/** Rows per bulk insert: the JSON of 1,000 projects is a few hundred KB, well under D1's 2 MB per value. */
const BULK_ROWS = 1_000;

/**
 * Many rows in one statement: INSERT … SELECT over json_each(?) of the rows' JSON. One bound value (D1 binds at most
 * 100 per statement) and one compiled statement, instead of a parameter per value. The rows are what the API's own
 * builders write (companyValues, projectValues, …); a column they do not set gets its default, as in a plain insert;
 * `computed` turns a row's field into the column's value (a lookup, an id relative to the newest project). Rows are
 * inserted in array order, so AUTOINCREMENT ids follow it.
 */
export function bulkInsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: Record<string, unknown>[],
  computed: Record<string, (field: SQL) => SQL> = {},
) {
  const first = rows[0] ?? {};
  // The columns drizzle lists in INSERT … SELECT: every column but generated ones (shouldDisableInsert is untyped).
  const columns = Object.entries(getTableColumns(table)).filter(
    ([, col]) => !(col as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
  );
  const field = (key: string) => sql`json_extract(value, ${sql.raw(`'$.${key}'`)})`;
  const values = columns.map(([key, col]) => {
    if (computed[key]) return computed[key](field(key));
    if (key in first) return field(key);
    if (col.default === undefined || col.default === null) return sql`null`;
    return is(col.default, SQL) ? col.default : sql.param(col.default, col);
  });
  return chunks(rows, BULK_ROWS).map((part) =>
    db
      .insert(table)
      .select(sql`select ${sql.join(values, sql`, `)} from json_each(${JSON.stringify(part)}) order by key`)
      .returning({ id: sql<number>`id` }),
  );
}
