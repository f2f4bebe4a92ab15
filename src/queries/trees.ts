import { inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import type { Scope } from '../domain/visitor';
import { fundTree, unitTree, userFunds } from '../db/schema';

/**
 * Trees as data: fund families and unit sub-trees are joins on the closure tables `fund_tree` / `unit_tree`
 * (kept by triggers in the same statement as each tree change). Every statement here binds at most a root id or
 * a user id — never a list of ids that grows with the tree (D1 allows 100 bound variables a statement).
 */

export type { Scope };

/** Whether the scope sees this fund (checked in JS, from the scope's set). */
export const sees = (scope: Scope, fundId: number | null): boolean =>
  scope.all || (fundId !== null && scope.funds.has(fundId));

/** A fund's family (the fund and all its descendants, 穿透) as a subquery of fund ids. */
export const familyIds = (rootId: number): SQL =>
  sql`(select ${fundTree.descendantId} from ${fundTree} where ${fundTree.ancestorId} = ${rootId})`;

/** The families of the funds a user is bound to, as a subquery of fund ids. */
export const boundFamilyIds = (userId: number): SQL =>
  sql`(select ft.descendant_id from ${fundTree} ft join ${userFunds} uf on uf.fund_id = ft.ancestor_id where uf.user_id = ${userId})`;

/** `col` is in the fund's family. */
export const inFamily = (col: SQLWrapper, rootId: number): SQL => sql`${col} in ${familyIds(rootId)}`;

/** `col` is the unit or one of its sub-units (the unit_tree closure). */
export const inUnit = (col: SQLWrapper, unitId: number): SQL =>
  sql`${col} in (select ${unitTree.descendantId} from ${unitTree} where ${unitTree.ancestorId} = ${unitId})`;

/** `col` is a fund the scope sees; undefined (no condition) when it sees every fund. */
export const inScope = (scope: Scope, col: SQLWrapper): SQL | undefined =>
  scope.all ? undefined : sql`${col} in ${boundFamilyIds(scope.userId)}`;

/**
 * For each given fund, the funds related to it — its ancestors and its family (itself included): where a driving
 * investment's fund may be for a lead of that source fund. Reads in chunks small enough for D1's 100 variables.
 */
export async function relatedFundsOf(db: Db, fundIds: number[]): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>(fundIds.map((f) => [f, new Set<number>()]));
  const ids = [...out.keys()];
  for (let i = 0; i < ids.length; i += 45) {
    const part = ids.slice(i, i + 45);
    const rows = await db
      .select({ ancestorId: fundTree.ancestorId, descendantId: fundTree.descendantId })
      .from(fundTree)
      .where(or(inArray(fundTree.ancestorId, part), inArray(fundTree.descendantId, part)));
    for (const r of rows) {
      out.get(r.ancestorId)?.add(r.descendantId);
      out.get(r.descendantId)?.add(r.ancestorId);
    }
  }
  return out;
}
