// The records of 业绩与投向 (SPEC §8) for many funds at once, each over its own LP capital (not its family), with
// each parent's view of its direct children. A constant number of grouped statements whatever the number of funds:
// the fund rows, the inflows (committed, social), the cash flows (contributions per (fund, investor fund, day),
// distributions per (fund, day), the latest valuation per fund: one UNION ALL), own investments per (fund, round,
// company flags), the thresholds.
import { asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import {
  commitments,
  companies,
  contributions,
  distributions,
  funds,
  indicatorThresholds,
  investments,
  valuations,
} from '../db/schema';
import type { DatedAmount, InvestmentSlice } from '../domain/performance';
import { groupBy } from '../domain/groups';
import { fundColumns, inflowsOf, type ReadContext } from './funds';
import { asText, splitSum, splitTotal } from './sums';
import { inScope } from './trees';

/** Which funds: every fund the scope sees, or one fund and its direct children (whose flows its view reads). */
export type Which = { all: true } | { root: number };

/** Contributions into a fund on one day, by the tracked fund that paid them (null: any other investor). */
export interface DayFlow extends DatedAmount {
  fundId: number;
  investorFundId: number | null;
}

const filterOf =
  (ctx: ReadContext, which: Which) =>
  (col: SQLWrapper): SQL | undefined =>
    'root' in which
      ? sql`${col} in (select ${funds.id} from ${funds} where ${funds.id} = ${which.root} or ${funds.parentId} = ${which.root})`
      : inScope(ctx.scope, col);

export const byFund = <T extends { fundId: number }>(rows: T[]) => groupBy(rows, (r) => r.fundId);

/** One fund's money on one day: contributions (by the tracked fund that paid them), distributions, or a NAV report. */
export interface FlowRow {
  kind: 'paid' | 'dist' | 'nav';
  fundId: number;
  investorFundId: number | null;
  on: string;
  fen: bigint;
}

/**
 * The cash flows of the funds `only` selects, as of asOf, in one statement: contributions per (fund, investor fund,
 * day), distributions per (fund, day), and the latest NAV report ≤ asOf of each fund (`navs: 'latest'`) or of each
 * day (`'all'`, the fund page's chart).
 */
export async function flowsOf(
  db: ReadContext['db'],
  asOf: string,
  only: SQL | ((col: SQLWrapper) => SQL | undefined),
  navs: 'latest' | 'all',
): Promise<FlowRow[]> {
  const cond = (col: SQLWrapper) => sqlAnd(typeof only === 'function' ? only(col) : sql`${col} = ${only}`);
  const [c, m, d, v] = [contributions, commitments, distributions, valuations];
  const paid = splitSum(c.amountFen);
  const dist = splitSum(d.amountFen);
  // The latest report of each fund, or of each fund and day (several on one day: the last recorded counts).
  const per = navs === 'latest' ? sql`${v.fundId}` : sql`${v.fundId}, ${v.valuedOn}`;
  const rows = await db.all<{
    kind: FlowRow['kind'];
    fundId: number;
    investorFundId: number | null;
    on: string;
    hi: string;
    lo: string;
  }>(sql`
    select 'paid' as kind, ${m.fundId} as fundId, case when ${m.investorType} = 'fund' then ${m.investorFundId} end as investorFundId,
      ${c.paidOn} as "on", ${asText(paid.hi)} as hi, ${asText(paid.lo)} as lo
    from ${c} join ${m} on ${m.id} = ${c.commitmentId}
    where ${c.paidOn} <= ${asOf} and ${m.committedOn} <= ${asOf}${cond(m.fundId)}
    group by ${m.fundId}, investorFundId, ${c.paidOn}
    union all
    select 'dist', ${d.fundId}, null, ${d.paidOn}, ${asText(dist.hi)}, ${asText(dist.lo)}
    from ${d} where ${d.paidOn} <= ${asOf}${cond(d.fundId)}
    group by ${d.fundId}, ${d.paidOn}
    union all
    select 'nav', fund_id, null, valued_on, '0', cast(nav_fen as text) from (
      select ${v.fundId} as fund_id, ${v.valuedOn} as valued_on, ${v.navFen} as nav_fen,
        row_number() over (partition by ${per} order by ${v.valuedOn} desc, ${v.id} desc) as n
      from ${v} where ${v.valuedOn} <= ${asOf}${cond(v.fundId)}
    ) where n = 1`);
  return rows.map((r) => ({
    kind: r.kind,
    fundId: Number(r.fundId),
    investorFundId: r.investorFundId === null ? null : Number(r.investorFundId),
    on: r.on,
    fen: splitTotal(r.hi, r.lo),
  }));
}

/** The records §8 reads for the chosen funds as of ctx.asOf, in five statements. */
export async function performanceRecords(ctx: ReadContext, which: Which) {
  const { db, asOf } = ctx;
  const only = filterOf(ctx, which);
  const [fundRows, inflows, flows, held, thresholdRows] = await Promise.all([
    db.select(fundColumns).from(funds).where(only(funds.id)).orderBy(asc(funds.id)),
    inflowsOf(db, asOf),
    flowsOf(db, asOf, only, 'latest'),
    investmentSlices(db, asOf, only),
    db.select().from(indicatorThresholds).orderBy(asc(indicatorThresholds.id)),
  ]);
  return {
    funds: fundRows,
    inflows,
    contributions: byFund(flows.filter((f) => f.kind === 'paid') as DayFlow[]),
    distributions: byFund(flows.filter((f) => f.kind === 'dist')),
    nav: new Map(flows.filter((f) => f.kind === 'nav').map((f) => [f.fundId, f.fen])),
    investments: byFund(held),
    thresholds: thresholdRows,
  };
}

const sqlAnd = (cond: SQL | undefined) => (cond ? sql` and ${cond}` : sql``);

/** Own investments up to asOf per (fund, round, company flags), with their exit proceeds by asOf: one statement. */
async function investmentSlices(db: ReadContext['db'], asOf: string, only: (col: SQLWrapper) => SQL | undefined) {
  const own = splitSum(investments.amountFen);
  const exits = splitSum(investments.exitProceedsFen, sql`${investments.exitedOn} <= ${asOf}`);
  const rows = await db
    .select({
      fundId: investments.fundId,
      round: investments.round,
      hightech: companies.hightech,
      specialized: companies.specialized,
      sme: companies.sme,
      private: companies.private,
      hi: asText(own.hi),
      lo: asText(own.lo),
      exitHi: asText(exits.hi),
      exitLo: asText(exits.lo),
    })
    .from(investments)
    .innerJoin(companies, eq(companies.id, investments.companyId))
    .where(sql`${investments.investedOn} <= ${asOf}${sqlAnd(only(investments.fundId))}`)
    .groupBy(
      investments.fundId,
      investments.round,
      companies.hightech,
      companies.specialized,
      companies.sme,
      companies.private,
    );
  return rows.map((r) => ({
    fundId: r.fundId,
    slice: {
      round: r.round,
      fen: splitTotal(r.hi, r.lo),
      hightech: r.hightech,
      specialized: r.specialized,
      sme: r.sme,
      private: r.private,
    } satisfies InvestmentSlice,
    exits: splitTotal(r.exitHi, r.exitLo),
  }));
}
