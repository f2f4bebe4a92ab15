import { and, eq, isNotNull, lte, sql, type SQLWrapper } from 'drizzle-orm';
import { projects as p } from '../db/schema';
import { fenToYuan } from '../domain/money';
import { stageSql } from './stages';
import type { ReadContext } from './funds';
import { asText, joinSum, splitSum } from './sums';
import { inScope } from './trees';

/**
 * The pipeline for charts: confirmed projects reported by asOf, by source fund (its own, not its family) and the
 * stage each had reached that day; and by 产业链. Counts and exact sums, one grouped statement each.
 */
export async function pipelineReport(ctx: ReadContext) {
  const { db, asOf } = ctx;
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const stage = stageSql(asOf);
  const where = and(eq(p.status, 'confirmed'), lte(p.reportedOn, asOf), isNotNull(p.sourceFundId), inScope(ctx.scope, p.sourceFundId));
  const planned = splitSum(p.plannedTotalFen);
  const [byFund, byChain] = await Promise.all([
    // Through the covering projects_fund_idx, as the fund roll-ups read (src/queries/outcomes.ts): half the time.
    db.all<{ fundId: number; stage: string; count: number; hi: string; lo: string }>(
      sql`select ${p.sourceFundId} as fundId, ${stage} as stage, count(*) as count, ${asText(planned.hi)} as hi, ${asText(planned.lo)} as lo
        from ${p} indexed by projects_fund_idx where ${where} group by ${p.sourceFundId}, stage`,
    ),
    db
      .select({ chain: p.chain, count: sql<number>`count(*)`, landed: sql<number>`coalesce(sum(case when ${by(p.registeredOn)} then 1 else 0 end), 0)` })
      .from(p)
      .where(where)
      .groupBy(p.chain)
      .orderBy(sql`count(*) desc`),
  ]);
  return {
    funds: byFund.map((r) => ({ fundId: r.fundId, stage: r.stage, count: Number(r.count), plannedTotal: fenToYuan(joinSum(r.hi, r.lo)) })),
    chains: byChain.map((r) => ({ chain: r.chain ?? '未分类', count: Number(r.count), landed: Number(r.landed) })),
  };
}
