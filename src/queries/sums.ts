import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Exact money sums that cannot overflow. One amount is at most 10^15 fen, and SQLite's `sum()` fails for good
 * ("integer overflow") once a total passes 2^63 ≈ 9.2 × 10^18 — 9,300 arrivals of 10^13 元 on one project would
 * break every report. So SQL sums the high and low parts of each amount separately (each part sum stays far below
 * 2^63 for any row count a database can hold), hands them over as text (a JS number is exact only to 2^53), and
 * splitTotal() puts them back together as a BigInt.
 */
const SPLIT = 1_000_000_000;
/** The split point as SQL, for expressions over split parts (a project's arrival summary). */
export const split = sql.raw(String(SPLIT));

/**
 * Integer sums of the high and low parts of `expr` (null rows add nothing), over the rows where `when` holds if
 * given (an aggregate FILTER: see countWhere), to sum again or to read with asText.
 */
export function splitSum(expr: SQLWrapper, when?: SQL) {
  const only = when ? sql` filter (where ${when})` : sql``;
  return {
    hi: sql<number>`coalesce(sum(${expr} / ${split})${only}, 0)`,
    lo: sql<number>`coalesce(sum(${expr} % ${split})${only}, 0)`,
  };
}

/**
 * How many rows of a group satisfy `cond`. An aggregate FILTER clause (SQLite ≥ 3.30, D1 too): the aggregate does
 * not step on the other rows at all, where a `sum(case when … then 1 else 0 end)` steps on every row — the outcome
 * pass over the province's 200,000 projects went from 182 to 133 ms with its counts, sums and samples filtered.
 */
export const countWhere = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`;

/** An integer aggregate as exact text. */
export const asText = (expr: SQL) => sql<string>`cast(coalesce(${expr}, 0) as text)`;

/** The exact total in fen of parts summed by splitSum(), as a BigInt: totals of such totals stay exact and cheap. */
export function splitTotal(hi: number | string | null | undefined, lo: number | string | null | undefined): bigint {
  return BigInt(hi ?? 0) * BigInt(SPLIT) + BigInt(lo ?? 0);
}
