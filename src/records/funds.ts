import { eq, min } from 'drizzle-orm';
import { assertFund } from '../auth';
import type { Db } from '../db';
import { commitments, funds } from '../db/schema';
import { fundFlowDateProblem, type FundStart } from '../domain/performance';
import { invalid, notFound } from '../errors';

type FundRow = typeof funds.$inferSelect;

/** The fund, or the 404 a missing fund and another manager's fund both answer. */
export async function visibleFund(c: Parameters<typeof assertFund>[0], fundId: number): Promise<FundRow> {
  assertFund(c, fundId);
  const [row] = await c.var.db.select().from(funds).where(eq(funds.id, fundId));
  if (!row) throw notFound('基金', fundId);
  return row;
}

/**
 * Each fund's start (its establishment date, else its first commitment's date), one grouped statement: for one fund
 * (the API's distribution, valuation and exit) or every fund (the fund-flows import). A fund with neither is absent.
 */
export async function fundStarts(db: Db, fundId?: number): Promise<Map<number, FundStart>> {
  const rows = await db
    .select({ id: funds.id, establishedOn: funds.establishedOn, firstCommitment: min(commitments.committedOn) })
    .from(funds)
    .leftJoin(commitments, eq(commitments.fundId, funds.id))
    .where(fundId === undefined ? undefined : eq(funds.id, fundId))
    .groupBy(funds.id);
  const starts = new Map<number, FundStart>();
  for (const r of rows) {
    if (r.establishedOn) starts.set(r.id, { on: r.establishedOn, from: 'established' });
    else if (r.firstCommitment) starts.set(r.id, { on: r.firstCommitment, from: 'firstCommitment' });
  }
  return starts;
}

/** The refusal of a 分配, 估值 or 退出 of `fundId` dated `on` under fundFlowDateProblem(), naming `field`; or nothing. */
export async function assertFundFlowDate(db: Db, fundId: number, on: string, today: string, field: string) {
  const problem = fundFlowDateProblem(on, (await fundStarts(db, fundId)).get(fundId) ?? null, today);
  if (problem) throw invalid(field, problem);
}
