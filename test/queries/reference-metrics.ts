import { and, eq, inArray, isNotNull, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { stageSql } from '../../src/queries/stages';
// The per-family metrics as touyin computed them before the grouped read model (src/metrics.ts at the commit before
// src/queries/): one fund at a time, the family's ids bound into each statement. Kept verbatim as the reference
// the read model must equal on every field (test/queries/read-model.test.ts); only imports and the unit loop
// (from the old GET /api/reports/units) are added.
import { childrenOf, familyOf } from '../../src/auth';
import type { Db } from '../../src/db';
import {
  arrivals,
  commitments,
  contributions,
  funds,
  investments,
  projects,
  reinvestmentCredits,
  units,
} from '../../src/db/schema';
import { addDays } from '../../src/domain/dates';
import { Dec } from '../../src/domain/decimal';
import { fenToYuan } from '../../src/domain/money';
import {
  fiscalFlows,
  fiscalLeverage,
  investmentLeverage,
  parentLeverage,
  subFundFiscalLeverage,
  subFundLeverage,
  type Amount,
  type CapitalFigures,
  type ChildFigures,
  type Inflow,
} from '../../src/domain/leverage';
import { middleValues, outcomes, type OutcomeAggregates } from '../../src/domain/outcomes';
import { progressStages as stages } from '../../src/domain/vocabulary';
import { creditedAmount, fundRule, reinvestment } from '../../src/domain/reinvestment';

type FundRow = typeof funds.$inferSelect;
const text = (expr: ReturnType<typeof sql>) => sql<string>`cast(coalesce(${expr}, 0) as text)`;
const count = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

/**
 * What every fund's metrics share for one as-of date: the fund tree and the money flowing into each fund,
 * read once (one grouped query) so a report over all funds costs one pass, not one per fund.
 */
export async function metricsContext(db: Db, asOf: string) {
  const fundRows = await db.select().from(funds);
  const paid = db
    .select({ commitmentId: contributions.commitmentId, paid: sql<number>`sum(${contributions.amountFen})`.as('paid') })
    .from(contributions)
    .where(lte(contributions.paidOn, asOf))
    .groupBy(contributions.commitmentId)
    .as('paid');
  const inflows: Inflow[] = await db
    .select({
      fundId: commitments.fundId,
      investorType: commitments.investorType,
      investorFundId: commitments.investorFundId,
      committed: text(sql`sum(${commitments.amountFen})`),
      paid: text(sql`sum(${paid.paid})`),
    })
    .from(commitments)
    .leftJoin(paid, eq(paid.commitmentId, commitments.id))
    .where(lte(commitments.committedOn, asOf))
    .groupBy(commitments.fundId, commitments.investorType, commitments.investorFundId);
  return {
    asOf,
    funds: new Map(fundRows.map((f) => [f.id, f])),
    children: childrenOf(fundRows),
    inflows,
    fiscal: fiscalFlows(inflows),
  };
}
export type MetricsContext = Awaited<ReturnType<typeof metricsContext>>;

function ownCapital(ctx: MetricsContext, fund: FundRow) {
  const zero = () => new Dec(0);
  const into = ctx.inflows.filter((i) => i.fundId === fund.id);
  const fromParent = into.filter(
    (i) => i.investorType === 'fund' && fund.parentId !== null && i.investorFundId === fund.parentId,
  );
  const total = (xs: Inflow[], k: 'committed' | 'paid') => xs.reduce((a, i) => a.plus(i[k]), zero());
  const fiscal = ctx.fiscal.get(fund.id) ?? { committed: zero(), paid: zero() };
  return {
    committed: total(into, 'committed'),
    paidIn: total(into, 'paid'),
    parentCommitted: total(fromParent, 'committed'),
    parentPaidIn: total(fromParent, 'paid'),
    fiscalIn: fiscal.committed,
    fiscalPaidIn: fiscal.paid,
  };
}

async function investmentFigures(db: Db, family: number[], asOf: string) {
  const where = and(inArray(investments.fundId, family), lte(investments.investedOn, asOf));
  // One figure per distinct (company, round): the recorded round size, else (and at least) the family's own amount.
  const rounds = db
    .select({
      size: sql<number>`max(coalesce(max(${investments.roundSizeFen}), 0), sum(${investments.amountFen}))`.as('size'),
    })
    .from(investments)
    .where(where)
    .groupBy(investments.companyId, sql`coalesce(${investments.round}, '')`)
    .as('rounds');
  const [[inv], [rs]] = await Promise.all([
    db
      .select({ invested: text(sql`sum(${investments.amountFen})`) })
      .from(investments)
      .where(where),
    db.select({ sizes: text(sql`sum(${rounds.size})`) }).from(rounds),
  ]);
  return { invested: new Dec(inv?.invested ?? 0), roundSizes: new Dec(rs?.sizes ?? 0) };
}

async function creditedFen(db: Db, family: number[], asOf: string, weights: Parameters<typeof creditedAmount>[1]) {
  const subject = sql<string>`case when ${reinvestmentCredits.companyId} is not null then 'company:' || ${reinvestmentCredits.companyId} else 'project:' || ${reinvestmentCredits.projectId} end`;
  const rows = await db
    .select({
      subject,
      category: reinvestmentCredits.category,
      amount: text(sql`sum(${reinvestmentCredits.amountFen})`),
    })
    .from(reinvestmentCredits)
    .where(
      and(
        inArray(reinvestmentCredits.fundId, family),
        eq(reinvestmentCredits.status, 'approved'),
        lte(reinvestmentCredits.datedOn, asOf),
      ),
    )
    .groupBy(subject, reinvestmentCredits.category);
  return creditedAmount(rows, weights);
}

/** Outcome counts and sums over the confirmed projects that `which` selects, reported by asOf. */
export async function outcomeAggregates(
  db: Db,
  which: SQL | undefined,
  asOf: string,
  bigFen: number,
): Promise<OutcomeAggregates> {
  const p = projects;
  const scope = and(which, eq(p.status, 'confirmed'), lte(p.reportedOn, asOf));
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const overdueBy = addDays(asOf, -180);
  const [agg] = await db
    .select({
      leads: sql<number>`count(*)`,
      negotiating: count(by(p.negotiatingOn)),
      signed: count(by(p.signedOn)),
      registered: count(by(p.registeredOn)),
      started: count(by(p.startedOn)),
      completed: count(by(p.completedOn)),
      producing: count(by(p.producingOn)),
      dropped: count(by(p.droppedOn)),
      investmentLinked: count(sql`${by(p.registeredOn)} and ${p.investmentId} is not null`),
      bigSigned: count(sql`${by(p.signedOn)} and ${p.plannedTotalFen} >= ${bigFen}`),
      overdue: count(
        sql`${p.signedOn} <= ${overdueBy} and not coalesce(${by(p.startedOn)}, 0) and not coalesce(${by(p.droppedOn)}, 0)`,
      ),
      plannedTotal: text(sql`sum(case when ${by(p.signedOn)} then ${p.plannedTotalFen} end)`),
    })
    .from(p)
    .where(scope);
  const [arrived] = await db
    .select({ amount: text(sql`sum(${arrivals.amountFen})`) })
    .from(arrivals)
    .innerJoin(p, eq(p.id, arrivals.projectId))
    .where(and(scope, by(p.signedOn), lte(arrivals.arrivedOn, asOf), eq(arrivals.status, 'confirmed')));

  const sample = async (from: SQLWrapper, to: SQLWrapper, n: number) => {
    if (n === 0) return { n, middle: [] };
    const days = sql<number>`cast(round(julianday(${to}) - julianday(${from})) as integer)`;
    const histogram = await db
      .select({ value: days, count: sql<number>`count(*)` })
      .from(p)
      .where(and(scope, by(to)))
      .groupBy(days)
      .orderBy(days);
    return {
      n,
      middle: middleValues(
        histogram.map((h) => ({ value: Number(h.value), count: Number(h.count) })),
        n,
      ),
    };
  };
  const a = agg!;
  return {
    leads: Number(a.leads),
    reached: Object.fromEntries(stages.map((s) => [s, Number(a[s])])) as OutcomeAggregates['reached'],
    dropped: Number(a.dropped),
    investmentLinked: Number(a.investmentLinked),
    bigSigned: Number(a.bigSigned),
    overdue: Number(a.overdue),
    plannedTotalFen: a.plannedTotal,
    arrivedFen: arrived?.amount ?? '0',
    signDays: await sample(p.reportedOn, p.signedOn, Number(a.signed)),
    registerDays: await sample(p.signedOn, p.registeredOn, Number(a.registered)),
  };
}

const money = (d: Amount | null) => (d === null ? null : fenToYuan(d));

/** Every metric of SPEC §2–§4 for one fund over its family, as of ctx.asOf. */
export async function fundMetrics(db: Db, ctx: MetricsContext, fund: FundRow, opts: { bigProjectFen: number }) {
  const family = familyOf(ctx.children, fund.id);
  const own = ownCapital(ctx, fund);
  const hasParent = fund.parentId !== null;
  const inv = await investmentFigures(db, family, ctx.asOf);
  const capital: CapitalFigures = {
    ...own,
    parentCommitted: hasParent ? own.parentCommitted : null,
    parentPaidIn: hasParent ? own.parentPaidIn : null,
    invested: inv.invested,
  };
  const children: ChildFigures[] = (ctx.children.get(fund.id) ?? []).flatMap((id) => {
    const child = ctx.funds.get(id);
    if (!child) return [];
    const c = ownCapital(ctx, child);
    const fromMe = ctx.inflows.filter(
      (i) => i.fundId === id && i.investorType === 'fund' && i.investorFundId === fund.id,
    );
    return [
      {
        committed: c.committed,
        paidIn: c.paidIn,
        fromParentCommitted: fromMe.reduce((a, i) => a.plus(i.committed), new Dec(0)),
        fromParentPaidIn: fromMe.reduce((a, i) => a.plus(i.paid), new Dec(0)),
        fiscalIn: c.fiscalIn,
        fiscalPaidIn: c.fiscalPaidIn,
      },
    ];
  });
  const rule = fundRule(fund);
  const base = {
    parent_committed: own.parentCommitted,
    parent_paid: own.parentPaidIn,
    fund_committed: own.committed,
    fund_paid: own.paidIn,
  }[rule.base];
  const credited = new Dec(rule.multiple).isZero() ? new Dec(0) : await creditedFen(db, family, ctx.asOf, rule.weights);
  const agg = await outcomeAggregates(db, inArray(projects.sourceFundId, family), ctx.asOf, opts.bigProjectFen);
  return {
    fundId: fund.id,
    name: fund.name,
    level: fund.level,
    parentId: fund.parentId,
    asOf: ctx.asOf,
    capital: {
      committed: fenToYuan(capital.committed),
      paidIn: fenToYuan(capital.paidIn),
      parentCommitted: money(capital.parentCommitted),
      parentPaidIn: money(capital.parentPaidIn),
      fiscalIn: fenToYuan(capital.fiscalIn),
      fiscalPaidIn: fenToYuan(capital.fiscalPaidIn),
      invested: fenToYuan(capital.invested),
    },
    leverage: {
      parent: parentLeverage(capital),
      fiscal: fiscalLeverage(capital),
      subFunds: subFundLeverage(children),
      subFundsFiscal: subFundFiscalLeverage(children),
      investment: investmentLeverage(inv.roundSizes, inv.invested),
    },
    reinvestment: reinvestment(rule, base, credited, inv.invested, own.committed),
    outcomes: outcomes(agg, inv.invested),
  };
}
export type FundMetrics = Awaited<ReturnType<typeof fundMetrics>>;

/** The old GET /api/reports/units loop: each unit with its sub-units, one unit at a time. */
export async function unitReport(
  db: Db,
  asOf: string,
  bigFen: number,
  view: 'introducing' | 'landing',
  visible: number[] | null,
  fundFamily: number[] | null,
) {
  const unitRows = await db.select().from(units);
  const children = childrenOf(unitRows);
  const column = view === 'introducing' ? projects.introducingUnitId : projects.landingUnitId;
  const out = [];
  for (const u of unitRows.sort((a, b) => a.id - b.id)) {
    const which = and(
      inArray(column, familyOf(children, u.id)),
      visible ? inArray(projects.sourceFundId, visible) : undefined,
      fundFamily ? inArray(projects.sourceFundId, fundFamily) : undefined,
    );
    const { attractionMultiple: _none, ...figures } = outcomes(await outcomeAggregates(db, which, asOf, bigFen), '0');
    out.push({
      unitId: u.id,
      name: u.name,
      code: u.code,
      parentId: u.parentId,
      peerGroup: u.peerGroup,
      outcomes: figures,
    });
  }
  return out;
}

/** The old GET /api/reports/pipeline (funds part): confirmed projects by source fund and stage reached on asOf. */
export async function pipelineFunds(db: Db, asOf: string, visible: number[] | null) {
  const p = projects;
  const where = and(
    eq(p.status, 'confirmed'),
    lte(p.reportedOn, asOf),
    isNotNull(p.sourceFundId),
    visible ? inArray(p.sourceFundId, visible) : undefined,
  );
  const byFund = await db
    .select({
      fundId: p.sourceFundId,
      stage: stageSql(asOf),
      count: sql<number>`count(*)`,
      planned: sql<string>`cast(sum(${p.plannedTotalFen}) as text)`,
    })
    .from(p)
    .where(where)
    .groupBy(p.sourceFundId, stageSql(asOf));
  return byFund.map((r) => ({
    fundId: r.fundId,
    stage: r.stage,
    count: Number(r.count),
    plannedTotal: fenToYuan(r.planned ?? '0'),
  }));
}
