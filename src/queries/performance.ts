// 业绩与投向 (SPEC §8): each fund's figures over its own LP capital (DPI, TVPI, IRR, the 投向 indicators and their
// thresholds), with each parent's view of its direct children; their answer, the fund page's panel and chart, and
// the cockpit's TVPI and IRR. The records they read are performance-records.ts's.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { thresholdComparisons } from '../db/schema';
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
  type Performance,
  type PolicyIndicators,
  type ThresholdCheck,
} from '../domain/performance';
import { fundRule } from '../domain/reinvestment';
import type { FundRow, ReadContext } from './funds';
import { byFund, flowsOf, performanceRecords, type FlowRow, type Which } from './performance-records';
import { inScope } from './trees';
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
  const childrenOf = new Map<number, FundRow[]>();
  for (const f of r.funds)
    if (f.parentId !== null) childrenOf.set(f.parentId, [...(childrenOf.get(f.parentId) ?? []), f]);
  const withChildren = 'root' in which;
  return r.funds
    .filter((f) => !('root' in which) || f.id === which.root)
    .map((fund) => fundFigures(r, fund, childrenOf.get(fund.id) ?? [], ctx.asOf, withChildren));
}

type Records = Awaited<ReturnType<typeof performanceRecords>>;
const zero = new Dec(0);

/** One fund's §8 figures from the records: its performance, its policy indicators, its children's views, its checks. */
function fundFigures(r: Records, fund: FundRow, children: FundRow[], asOf: string, withChildren: boolean) {
  const paidIn = r.contributions.get(fund.id) ?? [];
  const perf = performance(paidIn, r.distributions.get(fund.id) ?? [], r.nav.get(fund.id) ?? zero, asOf);
  // The parent's flows in each direct child; their performance (an XIRR each) only where the body shows them.
  const flows = children.map((child) => {
    const into = r.contributions.get(child.id) ?? [];
    const records = {
      parentContributions: into.filter((c) => c.investorFundId === fund.id),
      childContributions: into,
      distributions: r.distributions.get(child.id) ?? [],
      nav: r.nav.get(child.id) ?? zero,
    };
    return { child, records, flows: parentFlows(records, asOf) };
  });
  const policy = policyOf(r, fund, perf, flows, asOf);
  const actual = figureOf(perf, policy);
  return {
    fundId: fund.id,
    name: fund.name,
    level: fund.level,
    parentId: fund.parentId,
    perf,
    policy,
    children: withChildren
      ? flows.map((f) => ({ fundId: f.child.id, name: f.child.name, view: parentView(f.records, asOf) }))
      : [],
    checks: r.thresholds.map((t) => ({
      ...checkThreshold(
        { indicator: t.indicator as Indicator, comparison: t.comparison, value: t.value },
        actual(t.indicator as Indicator),
      ),
      label: t.label,
    })),
  };
}

/** A fund's 投向 indicators: its inflows, its own investments and exits, and its flows into its direct children. */
function policyOf(
  r: Records,
  fund: FundRow,
  perf: Performance,
  flows: { flows: ReturnType<typeof parentFlows> }[],
  asOf: string,
): PolicyIndicators {
  const total = (xs: readonly DatedAmount[]) =>
    xs.filter((x) => x.on <= asOf).reduce((a, x) => a.plus(x.fen), new Dec(0));
  const mine = r.inflows.filter((i) => i.fundId === fund.id);
  const held = r.investments.get(fund.id) ?? [];
  return policyIndicators({
    committed: mine.reduce((a, i) => a.plus(i.committed), new Dec(0)),
    socialCommitted: mine.filter((i) => i.investorType === 'social').reduce((a, i) => a.plus(i.committed), new Dec(0)),
    paidIn: perf.paidIn,
    exitProceeds: held.reduce((a, h) => a.plus(h.exits), new Dec(0)),
    childDistributions: flows.reduce((a, f) => a.plus(total(f.flows.distributions)), new Dec(0)),
    paidIntoChildren: flows.reduce((a, f) => a.plus(total(f.flows.contributions)), new Dec(0)),
    distributed: perf.distributed,
    investments: held.map((h) => h.slice),
    multiple: fundRule(fund).multiple,
  });
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
