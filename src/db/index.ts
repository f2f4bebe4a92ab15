import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

export const dbConfig = { schema, casing: 'snake_case' } as const;

/** One type for both drivers: better-sqlite3 (sync) in Node, D1 (async) on Workers. Always `await` queries. */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** A statement atomic() can run: a query builder ending in `.returning()`. */
export type Returning = BatchItem<'sqlite'> & { all(): unknown };

/** What statements answer, in order: each statement's rows, typed by its `.returning()` (a plain Returning: unknown). */
export type RowsOf<S extends readonly Returning[]> = {
  -readonly [K in keyof S]: S[K] extends PromiseLike<infer Rows> ? Rows : unknown[];
};

/**
 * Runs statements as one atomic write: `batch` on D1 (which rejects BEGIN), a synchronous transaction on
 * better-sqlite3 (an async callback would commit half). Every statement must use `.returning()`; the answer is
 * each statement's rows, in order, typed by its `.returning()` (RowsOf). A failing statement rolls back all of them.
 */
export async function atomic<const S extends readonly Returning[]>(db: Db, statements: S): Promise<RowsOf<S>> {
  const d1 = db as unknown as { batch?: (s: readonly Returning[]) => Promise<unknown[]> };
  // Both drivers answer each statement's rows in order, which is what RowsOf<S> names.
  if (typeof d1.batch === 'function') return (await d1.batch(statements)) as RowsOf<S>;
  return db.transaction(() => statements.map((s) => s.all()) as RowsOf<S>);
}

/** The current time as SQLite writes it (ISO 8601 UTC, milliseconds). */
export const sqlNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * The columns every update of an audited row sets: the next version (what If-Match compares), when, and who —
 * the audit trigger copies `updated_by` into audit_log.
 */
export const touched = (table: { version: SQLiteColumn }, userId: number) => ({
  version: sql`${table.version} + 1`,
  updatedAt: sqlNow,
  updatedBy: userId,
});
