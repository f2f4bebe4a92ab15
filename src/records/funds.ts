import { eq } from 'drizzle-orm';
import { assertFund } from '../auth';
import { funds } from '../db/schema';
import { notFound } from '../errors';

type FundRow = typeof funds.$inferSelect;

/** The fund, or the 404 a missing fund and another manager's fund both answer. */
export async function visibleFund(c: Parameters<typeof assertFund>[0], fundId: number): Promise<FundRow> {
  assertFund(c, fundId);
  const [row] = await c.var.db.select().from(funds).where(eq(funds.id, fundId));
  if (!row) throw notFound('基金', fundId);
  return row;
}
