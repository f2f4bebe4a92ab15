import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';

/** A row read through `together`: its columns by name. */
export type Row = Record<string, string | number | null>;

/** One query of `together`: its SQL and the names of the columns to read of each of its rows. */
export interface Part {
  query: SQL;
  columns: readonly string[];
}

/**
 * Several independent queries in one statement (D1 counts statements, ≤ 10 a report; each is a round trip): each
 * query's rows as one JSON array of arrays (a scalar subquery `json_group_array`), parsed back into rows by column
 * name. For small results only (lists, grouped figures): numbers past 2^53 must come as text, and rows in no order
 * (sort them in JS). The parts' bound variables add up, and D1 allows 100 a statement.
 */
export async function together<K extends string>(db: Db, parts: Record<K, Part>): Promise<Record<K, Row[]>> {
  const keys = Object.keys(parts) as K[];
  const column = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);
  const [row] = await db.all<Record<string, string | null>>(
    sql`select ${sql.join(
      keys.map((k, i) => {
        const p = parts[k];
        return sql`(select json_group_array(json_array(${sql.join(p.columns.map(column), sql`, `)})) from (${p.query})) as ${sql.raw(`p${i}`)}`;
      }),
      sql`, `,
    )}`,
  );
  const out = {} as Record<K, Row[]>;
  keys.forEach((k, i) => {
    const names = parts[k].columns;
    const arrays = JSON.parse(row?.[`p${i}`] ?? '[]') as (string | number | null)[][];
    out[k] = arrays.map((values) => Object.fromEntries(names.map((n, j) => [n, values[j] ?? null])));
  });
  return out;
}
