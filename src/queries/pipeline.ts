import { and, eq, isNotNull, lte, sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { projects as p } from '../db/schema';
import { fenToYuan } from '../domain/money';
import { stageSql } from './stages';
import type { ReadContext } from './funds';
import { asText, countWhere, splitSum, splitTotal } from './sums';
import { inScope } from './trees';
import { projectStages, type ProjectStage } from '../domain/vocabulary';
import { count, isoDate, id, text, yuan } from '../http/answer-fields';

/** The body of GET /api/reports/pipeline: project counts by source fund and stage, and by 产业链. */
export const pipelineAnswer = z.strictObject({
  asOf: isoDate,
  funds: z.array(
    z.strictObject({
      fundId: id.meta({ description: '来源基金（只计本基金，不含下级基金）' }),
      stage: z.enum(projectStages).meta({ description: '截至 asOf 所处阶段' }),
      count,
      plannedTotal: yuan.meta({ description: '这些项目的计划总投资合计（元）' }),
    }),
  ),
  chains: z.array(
    z.strictObject({
      chain: text.meta({ description: '产业链；未填写的为“未分类”' }),
      count,
      landed: count.meta({ description: '截至 asOf 已注册（落地）的项目数' }),
    }),
  ),
});
type Pipeline = z.output<typeof pipelineAnswer>;

/** SQLite's order of a text column: null first, then by code unit. */
const byName = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/**
 * The pipeline for charts: confirmed projects reported by asOf, by source fund (its own, not its family) and the
 * stage each had reached that day; and by 产业链. Counts and exact sums, both groupings in one statement.
 */
export async function pipelineReport(ctx: ReadContext): Promise<Omit<Pipeline, 'asOf'>> {
  const { db, asOf } = ctx;
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const stage = stageSql(asOf);
  const where = and(
    eq(p.status, 'confirmed'),
    lte(p.reportedOn, asOf),
    isNotNull(p.sourceFundId),
    inScope(ctx.scope, p.sourceFundId),
  );
  const planned = splitSum(p.plannedTotalFen);
  type Row = {
    kind: 'fund' | 'chain';
    fundId: number | null;
    stage: ProjectStage | null;
    chain: string | null;
    count: number;
    hi: string | null;
    lo: string | null;
    landed: number | null;
  };
  const rows = await db.all<Row>(
    // By fund through the covering projects_fund_idx, as the fund roll-ups read (src/queries/outcomes.ts).
    sql`select 'fund' as kind, ${p.sourceFundId} as fundId, ${stage} as stage, null as chain, count(*) as count,
          ${asText(planned.hi)} as hi, ${asText(planned.lo)} as lo, null as landed
        from ${p} indexed by projects_fund_idx where ${where} group by ${p.sourceFundId}, stage
      union all
      select 'chain', null, null, ${p.chain}, count(*), null, null, ${countWhere(by(p.registeredOn))}
        from ${p} indexed by projects_chain_idx where ${where} group by ${p.chain}`,
  );
  const byFund = rows.filter((r) => r.kind === 'fund');
  // Most projects first; equal counts by chain name, the unclassified first.
  const byChain = rows
    .filter((r) => r.kind === 'chain')
    .sort((a, b) => Number(b.count) - Number(a.count) || byName(a.chain, b.chain));
  return {
    funds: byFund.map((r) => ({
      fundId: Number(r.fundId),
      stage: r.stage!,
      count: Number(r.count),
      plannedTotal: fenToYuan(splitTotal(r.hi, r.lo)),
    })),
    chains: byChain.map((r) => ({ chain: r.chain ?? '未分类', count: Number(r.count), landed: Number(r.landed) })),
  };
}
