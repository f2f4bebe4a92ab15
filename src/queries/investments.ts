// The investments a form offers to pick from, named and newest first, within the visitor's scope.
import { eq, sql } from 'drizzle-orm';
import { companies, funds, investments } from '../db/schema';
import type { ReadContext } from './funds';
import { inScope } from './trees';

/**
 * The latest investments the scope sees, newest first, named (fund, company, date, amount in fen): what the exit form
 * of /records and the 驱动投资 picker of the lead form offer. A manager's scope holds only its own funds'.
 */
export async function investmentChoices(ctx: ReadContext, limit = 500) {
  return ctx.db
    .select({
      id: investments.id,
      fundId: investments.fundId,
      fundName: funds.name,
      companyName: companies.name,
      amount: investments.amountFen,
      investedOn: investments.investedOn,
      exitedOn: investments.exitedOn,
    })
    .from(investments)
    .innerJoin(funds, eq(funds.id, investments.fundId))
    .innerJoin(companies, eq(companies.id, investments.companyId))
    .where(inScope(ctx.scope, investments.fundId))
    .orderBy(sql`${investments.id} desc`)
    .limit(limit);
}
export type InvestmentChoice = Awaited<ReturnType<typeof investmentChoices>>[number];
