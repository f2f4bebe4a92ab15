import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { funds, units, users } from '../db/schema';
import { inScope, type Scope } from './trees';

/** The name a user goes by on a page or in an answer: the display name, else the username. */
export const userName = sql<string>`coalesce(${users.displayName}, ${users.username})`;

/** One fund's name, or null when there is none (the caller checks the visitor sees it). */
export async function fundName(db: Db, fundId: number): Promise<string | null> {
  const [row] = await db.select({ name: funds.name }).from(funds).where(eq(funds.id, fundId));
  return row?.name ?? null;
}

/** The names of the funds a scope sees and of every unit, by id (two statements): for lists that carry ids. */
export async function fundAndUnitNames(db: Db, scope: Scope) {
  const [fundRows, unitRows] = await Promise.all([
    db.select({ id: funds.id, name: funds.name }).from(funds).where(inScope(scope, funds.id)).orderBy(asc(funds.id)),
    db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.id)),
  ]);
  return { funds: new Map(fundRows.map((f) => [f.id, f.name])), units: new Map(unitRows.map((u) => [u.id, u.name])) };
}
