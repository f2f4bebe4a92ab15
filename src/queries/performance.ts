import { asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import {
  commitments,
  companies,
  contributions,
  distributions,
  funds,
  indicatorThresholds,
  investments,
  thresholdComparisons,
  valuations,
} from '../db/schema';
import { Dec, fixed4 } from '../domain/decimal';
import { fenToYuan } from '../domain/money';
import {
  checkThreshold,
  indicators as indicatorNames,
  parentFlows,
  parentView,
  performance,
  performanceOut,
  policyIndicators,
  type DatedAmount,
  type Indicator,
  type InvestmentSlice,
  type Performance,
  type PolicyIndicators,
  type ThresholdCheck,
} from '../domain/performance';
import { fundRule } from '../domain/reinvestment';
import { inflowsOf, type ReadContext } from './funds';
import { asText, splitSum, splitTotal } from './sums';
import { inScope } from './trees';
import { groupBy } from '../domain/groups';
import { id, isoDate, ratio, ratioOrNull, signedRatio, signedRatioOrNull, yuan } from '../http/answer-fields';

/** DPI, RVPI, TVPI (never negative), IRR and 资产增值率 (may be): null when paid-in is 0, or IRR has no root. */
const ratiosAnswer = {
  dpi: ratioOrNull.meta({ description: '已分配收益倍数：分配 / 实缴' }),
  rvpi: ratioOrNull.meta({ description: '留存价值倍数：净值 / 实缴' }),
  tvpi: ratioOrNull.meta({ description: '总价值倍数：（分配 + 净值）/ 实缴' }),
  irr: signedRatioOrNull.meta({ description: '内部收益率（XIRR，年化）；无解时为 null' }),
  appreciation: signedRatioOrNull.meta({ description: '资产增值率：（分配 + 净值 − 实缴）/ 实缴' }),
};

/** The body of GET /api/funds/:id/performance (SPEC §8): money in 元, ratios as 4-place strings or null. */
export const performanceAnswer = z.strictObject({
  fundId: id,
  asOf: isoDate,
  paidIn: yuan.meta({ description: '截至 asOf 的实缴（元）' }),
  distributed: yuan.meta({ description: '截至 asOf 的分配（元）' }),
  nav: yuan.meta({ description: '截至 asOf 最近一次估值的净值（元）；无估值为 0' }),
  ...ratiosAnswer,
  indicators: z
    .strictObject({
      socialShare: ratioOrNull,
      paidRatio: ratioOrNull,
      idleShare: ratioOrNull,
      earlyShare: ratioOrNull,
      smallShare: ratioOrNull,
      techShare: ratioOrNull,
      privateShare: ratioOrNull,
      reinvestmentMultiple: ratio,
    } satisfies Record<Indicator & keyof PolicyIndicators, z.ZodType>)
    .meta({ description: '投向指标：占比的分母为 0 时为 null' }),
  children: z
    .array(
      z.strictObject({
        fundId: id,
        contributed: yuan.meta({ description: '本基金对该子基金的实缴（元）' }),
        distributed: yuan.meta({ description: '按实缴比例归属本基金的分配（元）' }),
        nav: yuan.meta({ description: '按实缴比例归属本基金的净值（元）' }),
        ...ratiosAnswer,
      }),
    )
    .meta({ description: '出资人视角：本基金在各直接下级基金中的业绩' }),
  checks: z
    .array(
      z.strictObject({
        indicator: z.enum(indicatorNames),
        comparison: z.enum(thresholdComparisons),
        value: signedRatio.meta({ description: '阈值' }),
        actual: signedRatioOrNull.meta({ description: '本基金的指标值；无法计算时为 null' }),
        met: z.boolean().nullable().meta({ description: '是否达标；指标值为 null 时为 null' }),
      }),
    )
    .meta({ description: '每个指标阈值的达标情况，按阈值登记顺序' }),
});

// 业绩与投向 (SPEC §8) for many funds at once: each over its own LP capital (not its family), with each parent's
// view of its direct children. A constant number of grouped statements whatever the number of funds: the fund rows,
// the inflows (committed, social), the cash flows (contributions per (fund, investor fund, day), distributions per
// (fund, day), the latest valuation per fund: one UNION ALL), own investments per (fund, round, company flags), the
// thresholds.

/** Which funds: every fund the scope sees, or one fund and its direct children (whose flows its view reads). */
type Which = { all: true } | { root: number };

type FundRow = Pick<
  typeof funds.$inferSelect,
  'id' | 'name' | 'level' | 'parentId' | 'reinvestMultiple' | 'reinvestBase' | 'reinvestWeights'
>;

/** Contributions into a fund on one day, by the tracked fund that paid them (null: any other investor). */
interface DayFlow extends DatedAmount {
  fundId: number;
  investorFundId: number | null;
}

const filterOf =
  (ctx: ReadContext, which: Which) =>
  (col: SQLWrapper): SQL | undefined =>
    'root' in which
      ? sql`${col} in (select ${funds.id} from ${funds} where ${funds.id} = ${which.root} or ${funds.parentId} = ${which.root})`
      : inScope(ctx.scope, col);

const byFund = <T extends { fundId: number }>(rows: T[]) => groupBy(rows, (r) => r.fundId);

/** One fund's money on one day: contributions (by the tracked fund that paid them), distributions, or a NAV report. */
interface FlowRow {
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
async function flowsOf(
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
async function performanceRecords(ctx: ReadContext, which: Which) {
  const { db, asOf } = ctx;
  const only = filterOf(ctx, which);
  const own = splitSum(investments.amountFen);
  const exits = splitSum(investments.exitProceedsFen, sql`${investments.exitedOn} <= ${asOf}`);
  const [fundRows, inflows, flows, investmentRows, thresholdRows] = await Promise.all([
    db
      .select({
        id: funds.id,
        name: funds.name,
        level: funds.level,
        parentId: funds.parentId,
        reinvestMultiple: funds.reinvestMultiple,
        reinvestBase: funds.reinvestBase,
        reinvestWeights: funds.reinvestWeights,
      })
      .from(funds)
      .where(only(funds.id))
      .orderBy(asc(funds.id)),
    inflowsOf(db, asOf),
    flowsOf(db, asOf, only, 'latest'),
    db
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
      ),
    db.select().from(indicatorThresholds).orderBy(asc(indicatorThresholds.id)),
  ]);
  return {
    funds: fundRows as FundRow[],
    inflows,
    contributions: byFund(flows.filter((f) => f.kind === 'paid') as DayFlow[]),
    distributions: byFund(flows.filter((f) => f.kind === 'dist')),
    nav: new Map(flows.filter((f) => f.kind === 'nav').map((f) => [f.fundId, f.fen])),
    investments: byFund(
      investmentRows.map((r) => ({
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
      })),
    ),
    thresholds: thresholdRows,
  };
}

const sqlAnd = (cond: SQL | undefined) => (cond ? sql` and ${cond}` : sql``);

const four = (x: Dec | null) => (x === null ? null : fixed4(x));
const indicatorsOut = (p: PolicyIndicators) => ({
  socialShare: four(p.socialShare),
  paidRatio: four(p.paidRatio),
  idleShare: four(p.idleShare),
  earlyShare: four(p.earlyShare),
  smallShare: four(p.smallShare),
  techShare: four(p.techShare),
  privateShare: four(p.privateShare),
  reinvestmentMultiple: fixed4(p.reinvestmentMultiple),
});

/** Every §8 figure of the chosen funds, each over its own capital, ordered by id. */
async function performanceFigures(ctx: ReadContext, which: Which) {
  const r = await performanceRecords(ctx, which);
  const { asOf } = ctx;
  const childrenOf = new Map<number, FundRow[]>();
  for (const f of r.funds)
    if (f.parentId !== null) childrenOf.set(f.parentId, [...(childrenOf.get(f.parentId) ?? []), f]);
  const zero = new Dec(0);
  const withChildren = 'root' in which;

  const figuresOf = (fund: FundRow) => {
    const paidIn = r.contributions.get(fund.id) ?? [];
    const perf = performance(paidIn, r.distributions.get(fund.id) ?? [], r.nav.get(fund.id) ?? zero, asOf);
    // The parent's flows in each direct child; their performance (an XIRR each) only where the body shows them.
    const flows = (childrenOf.get(fund.id) ?? []).map((child) => {
      const into = r.contributions.get(child.id) ?? [];
      const records = {
        parentContributions: into.filter((c) => c.investorFundId === fund.id),
        childContributions: into,
        distributions: r.distributions.get(child.id) ?? [],
        nav: r.nav.get(child.id) ?? zero,
      };
      return { child, records, flows: parentFlows(records, asOf) };
    });
    const children = withChildren
      ? flows.map((f) => ({ fundId: f.child.id, name: f.child.name, view: parentView(f.records, asOf) }))
      : [];
    const total = (xs: readonly DatedAmount[]) =>
      xs.filter((x) => x.on <= asOf).reduce((a, x) => a.plus(x.fen), new Dec(0));
    const mine = r.inflows.filter((i) => i.fundId === fund.id);
    const held = r.investments.get(fund.id) ?? [];
    const policy = policyIndicators({
      committed: mine.reduce((a, i) => a.plus(i.committed), new Dec(0)),
      socialCommitted: mine
        .filter((i) => i.investorType === 'social')
        .reduce((a, i) => a.plus(i.committed), new Dec(0)),
      paidIn: perf.paidIn,
      exitProceeds: held.reduce((a, h) => a.plus(h.exits), new Dec(0)),
      childDistributions: flows.reduce((a, f) => a.plus(total(f.flows.distributions)), new Dec(0)),
      paidIntoChildren: flows.reduce((a, f) => a.plus(total(f.flows.contributions)), new Dec(0)),
      distributed: perf.distributed,
      investments: held.map((h) => h.slice),
      multiple: fundRule(fund).multiple,
    });
    const actual = figureOf(perf, policy);
    return {
      fundId: fund.id,
      name: fund.name,
      level: fund.level,
      parentId: fund.parentId,
      perf,
      policy,
      children,
      checks: r.thresholds.map((t) => ({
        ...checkThreshold(
          { indicator: t.indicator as Indicator, comparison: t.comparison, value: t.value },
          actual(t.indicator as Indicator),
        ),
        label: t.label,
      })),
    };
  };
  return r.funds.filter((f) => !('root' in which) || f.id === which.root).map(figuresOf);
}

/** The exact figure a threshold reads, by indicator name. */
const figureOf =
  (perf: Performance, policy: PolicyIndicators) =>
  (name: Indicator): Dec | null => {
    switch (name) {
      case 'dpi':
      case 'rvpi':
      case 'tvpi':
      case 'irr':
      case 'appreciation':
        return perf[name];
      default:
        return policy[name];
    }
  };

export type FundPerformance = Awaited<ReturnType<typeof performanceFigures>>[number];

/** The body of GET /api/funds/:id/performance (API.md): money in 元, ratios 4-place strings or null. */
export function performanceJson(f: FundPerformance, asOf: string): z.output<typeof performanceAnswer> {
  return {
    fundId: f.fundId,
    asOf,
    ...performanceOut(f.perf),
    indicators: indicatorsOut(f.policy),
    children: f.children.map((c) => {
      const { paidIn, ...out } = performanceOut(c.view);
      return { fundId: c.fundId, contributed: paidIn, ...out };
    }),
    checks: f.checks.map(({ label: _label, ...check }): ThresholdCheck => check),
  };
}
export type PerformanceBody = ReturnType<typeof performanceJson>;

/** One fund's §8 figures (its direct children's flows read too), or null when there is no such fund. */
export async function fundPerformance(ctx: ReadContext, fundId: number): Promise<FundPerformance | null> {
  return (await performanceFigures(ctx, { root: fundId }))[0] ?? null;
}

/** Every visible fund's §8 figures but the children's views (`children` is empty): the cockpit's TVPI and IRR, the 自评表. */
export function performanceReport(ctx: ReadContext): Promise<FundPerformance[]> {
  return performanceFigures(ctx, { all: true });
}

/** Every figure a threshold may be set on, with its exact value, in the order of `indicators`. */
export function figuresOf(f: FundPerformance): { indicator: Indicator; value: Dec | null }[] {
  const actual = figureOf(f.perf, f.policy);
  return indicatorNames.map((indicator) => ({ indicator, value: actual(indicator) }));
}

/** One point of a fund's cash-flow chart: cumulative paid-in and distributions, and the NAV in force, on a day (元). */
export interface CashFlowPoint {
  on: string;
  paidIn: string;
  distributed: string;
  nav: string;
}

/**
 * The fund page's chart: on each day something changed (a contribution, a distribution, a NAV report) up to asOf,
 * the cumulative paid-in and distributions and the latest NAV. One statement over one fund.
 */
export async function cashFlowSeries(ctx: ReadContext, fundId: number): Promise<CashFlowPoint[]> {
  const flows = await flowsOf(ctx.db, ctx.asOf, sql`${fundId}`, 'all');
  const onDay = (kind: FlowRow['kind']) => {
    const out = new Map<string, Dec>();
    for (const f of flows) if (f.kind === kind) out.set(f.on, (out.get(f.on) ?? new Dec(0)).plus(f.fen));
    return out;
  };
  const [paidOn, distOn, navOn] = [onDay('paid'), onDay('dist'), onDay('nav')];
  const days = [...new Set([...paidOn.keys(), ...distOn.keys(), ...navOn.keys()])].sort();
  let [p, d, n] = [new Dec(0), new Dec(0), new Dec(0)];
  return days.map((on) => {
    p = p.plus(paidOn.get(on) ?? 0);
    d = d.plus(distOn.get(on) ?? 0);
    n = navOn.get(on) ?? n;
    return { on, paidIn: fenToYuan(p), distributed: fenToYuan(d), nav: fenToYuan(n) };
  });
}

/** The fund page's performance panel: the performance body, its cash-flow series and the threshold labels. */
export async function fundPerformancePanel(ctx: ReadContext, fundId: number) {
  const [f, series] = await Promise.all([fundPerformance(ctx, fundId), cashFlowSeries(ctx, fundId)]);
  if (!f) return null;
  return {
    asOf: ctx.asOf,
    name: f.name,
    body: performanceJson(f, ctx.asOf),
    labels: f.checks.map((c) => c.label),
    childNames: Object.fromEntries(f.children.map((c) => [c.fundId, c.name])),
    series,
  };
}
export type PerformancePanelData = NonNullable<Awaited<ReturnType<typeof fundPerformancePanel>>>;

/** TVPI and IRR of every visible fund with a cash flow, by fund id (one statement): the cockpit's fund table. */
export async function tvpiAndIrr(ctx: ReadContext): Promise<Map<number, { tvpi: string | null; irr: string | null }>> {
  const flows = await flowsOf(ctx.db, ctx.asOf, (col) => inScope(ctx.scope, col), 'latest');
  const byId = byFund(flows);
  const out = new Map<number, { tvpi: string | null; irr: string | null }>();
  for (const [fundId, f] of byId) {
    const nav = f.find((x) => x.kind === 'nav')?.fen ?? new Dec(0);
    const p = performance(
      f.filter((x) => x.kind === 'paid'),
      f.filter((x) => x.kind === 'dist'),
      nav,
      ctx.asOf,
    );
    out.set(fundId, { tvpi: four(p.tvpi), irr: four(p.irr) });
  }
  return out;
}

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
