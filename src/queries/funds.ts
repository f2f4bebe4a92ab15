import { asc, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { commitments, contributions, funds, fundTree, investments, projects, reinvestmentCredits } from '../db/schema';
import { Fraction } from '../domain/fraction';
import { fenToYuan } from '../domain/money';
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
} from '../domain/leverage';
import { outcomes } from '../domain/outcomes';
import {
  creditedAmount,
  fundRule,
  reinvestment,
  type CreditCategory,
  type SubjectCredit,
} from '../domain/reinvestment';
import { noOutcomes, outcomeAggregatesByNode, outcomesAnswer } from './outcomes';
import * as out from '../http/answer-fields';
import { fundLevels, reinvestmentBases } from '../domain/vocabulary';
import { asText, splitSum, splitTotal } from './sums';
import { inFamily, inScope, type Scope } from './trees';
import { entryOf, pushTo, runsOf } from '../domain/groups';

const pair = z.strictObject({ committed: out.ratioOrNull, paidIn: out.ratioOrNull });
const moneyOrNull = out.yuanOrNull.meta({ description: '金额（元，两位小数）；不适用时为 null' });
/** A fund's metrics over its family as of a date (SPEC §2–§4, API.md "Metrics body"); the OpenAPI component `Metrics`. */
export const metricsAnswer = z.strictObject({
  fundId: out.id,
  name: out.text,
  level: z.enum(fundLevels),
  parentId: out.idOrNull,
  asOf: out.isoDate,
  capital: z.strictObject({
    committed: out.yuan,
    paidIn: out.yuan,
    parentCommitted: moneyOrNull,
    parentPaidIn: moneyOrNull,
    fiscalIn: out.yuan,
    fiscalPaidIn: out.yuan,
    invested: out.yuan,
  }),
  leverage: z.strictObject({
    parent: pair,
    fiscal: pair,
    subFunds: pair,
    subFundsFiscal: pair,
    investment: out.ratioOrNull,
  }),
  reinvestment: z.strictObject({
    multiple: out.ratio,
    base: z.enum(reinvestmentBases),
    required: moneyOrNull,
    credited: moneyOrNull,
    rate: out.ratioOrNull,
    gap: moneyOrNull,
    paceOk: z.boolean().nullable(),
  }),
  outcomes: outcomesAnswer.extend({
    attractionMultiple: out.ratioOrNull.meta({ description: '以投促引倍数 = 计划总投资 / 基金族投资额' }),
  }),
});
/** GET /api/reports/funds. */
export const fundsReportAnswer = z.strictObject({ asOf: out.isoDate, funds: z.array(metricsAnswer) });

/** What every read-model function reads over: the database, who asks, the as-of date, the 亿元以上 threshold. */
export interface ReadContext {
  db: Db;
  scope: Scope;
  asOf: string;
  bigProjectFen: number;
}

/** What the figures read of each fund: who it is, where it sits, its 返投 rule. */
export const fundColumns = {
  id: funds.id,
  name: funds.name,
  level: funds.level,
  parentId: funds.parentId,
  reinvestMultiple: funds.reinvestMultiple,
  reinvestBase: funds.reinvestBase,
  reinvestWeights: funds.reinvestWeights,
};
export type FundRow = { [K in keyof typeof fundColumns]: (typeof funds.$inferSelect)[K] };
/** Which funds to compute: every fund the scope sees, or one fund (its family only, costing that family's share). */
type Which = { all: true } | { root: number };

/**
 * The funds whose inflows decide a family's fiscal shares: the family, and every fund that invested in one of them,
 * transitively (fiscal money flows down investor links, which need not follow the fund tree). A recursive query over
 * the commitments: it binds the root only, and a family far down the tree reads only its own chain.
 */
const investorChainOf = (root: number) => sql`(
  with recursive chain(id) as (
    select ${fundTree.descendantId} from ${fundTree} where ${fundTree.ancestorId} = ${root}
    union
    select c.investor_fund_id from ${commitments} c join chain on c.fund_id = chain.id where c.investor_type = 'fund' and c.investor_fund_id is not null
  ) select id from chain)`;

/**
 * Money into each fund by investor (fund, type, investor fund), committed and paid by asOf: exact split sums. With a
 * root, only into the funds of its investor chain (enough for its family's figures); otherwise into every fund.
 */
export async function inflowsOf(db: Db, asOf: string, root?: number): Promise<Inflow[]> {
  const c = commitments;
  const paidParts = splitSum(contributions.amountFen);
  const committed = splitSum(c.amountFen);
  const rows = await db.values<
    [
      fundId: number,
      investorType: Inflow['investorType'],
      investorFundId: number | null,
      committedHi: string,
      committedLo: string,
      paidHi: string,
      paidLo: string,
    ]
  >(sql`
    select ${c.fundId}, ${c.investorType}, ${c.investorFundId}, ${asText(committed.hi)}, ${asText(committed.lo)}, ${asText(sql`sum(paid.hi)`)}, ${asText(sql`sum(paid.lo)`)}
    from ${c} left join (
      select ${contributions.commitmentId} as commitment_id, ${paidParts.hi} as hi, ${paidParts.lo} as lo from ${contributions}
      where ${contributions.paidOn} <= ${asOf} group by ${contributions.commitmentId}
    ) paid on paid.commitment_id = ${c.id}
    where ${c.committedOn} <= ${asOf}${root === undefined ? sql`` : sql` and ${c.fundId} in ${investorChainOf(root)}`}
    group by ${c.fundId}, ${c.investorType}, ${c.investorFundId}`);
  return rows.map(([fundId, investorType, investorFundId, committedHi, committedLo, paidHi, paidLo]) => ({
    fundId,
    investorType,
    investorFundId,
    committed: splitTotal(committedHi, committedLo),
    paid: splitTotal(paidHi, paidLo),
  }));
}

/**
 * The nodes a fund's records count for: the fund and each ancestor the reader sees (a manager's visible funds are
 * closed downward, so the walk up stops at the first fund it does not see); for one family, its root alone.
 */
function countsFor(fundRows: FundRow[], root: number | null): (fundId: number) => number[] {
  if (root !== null) return () => [root];
  const parentOf = new Map(fundRows.map((f) => [f.id, f.parentId]));
  const memo = new Map<number, number[]>();
  const up = (f: number): number[] =>
    entryOf(memo, f, () => {
      const parent = parentOf.get(f);
      return parent === undefined ? [] : [f, ...(parent === null ? [] : up(parent))];
    });
  return up;
}

/**
 * invested(f) and Σ round sizes over the distinct (company, round) the family joined, for every fund at once. SQL
 * sums each fund's own investments by (company, round) in one grouped pass, ordered by round, so the funds of one
 * round are neighbours. A round counts its recorded size, else (and at least) the family's own amount in it, once
 * per family: a round one fund joined alone (most) counts the same for the fund and each ancestor, so it is added
 * to the fund's own figures and rolled up with them; a round several funds joined is combined per ancestor.
 */
async function investmentsByFund(
  db: Db,
  asOf: string,
  funds: SQL | undefined,
  countsFor: (fundId: number) => number[],
) {
  const i = investments;
  const own = splitSum(i.amountFen);
  // As arrays, not objects: a province has 10,000 such rows, and objects cost a third more to build.
  const rows = await db.values<
    [fund: number, company: number, round: string, size: number, hi: string, lo: string]
  >(sql`
    select ${i.fundId}, ${i.companyId}, coalesce(${i.round}, ''), coalesce(max(${i.roundSizeFen}), 0), ${asText(own.hi)}, ${asText(own.lo)}
    from ${i} where ${i.investedOn} <= ${asOf}${funds ? sql` and ${funds}` : sql``}
    group by ${i.companyId}, coalesce(${i.round}, ''), ${i.fundId} order by ${i.companyId}, coalesce(${i.round}, ''), ${i.fundId}`);
  type Figures = { invested: bigint; roundSizes: bigint };
  const none = (): Figures => ({ invested: 0n, roundSizes: 0n });
  const out = new Map<number, Figures>();
  const ownFigures = new Map<number, Figures>();
  // A round's rows: one per fund that joined it.
  for (const [start, end] of runsOf(rows, (a, b) => a[1] === b[1] && a[2] === b[2])) {
    // Per ancestor of the round's funds: their own amounts summed and the largest recorded size.
    const shared = end - start === 1 ? null : new Map<number, { own: bigint; size: bigint }>();
    for (let k = start; k < end; k++) {
      const [fund, , , recordedSize, hi, lo] = rows[k]!;
      const fen = splitTotal(hi, lo);
      const size = BigInt(recordedSize);
      const mine = entryOf(ownFigures, fund, none);
      mine.invested += fen;
      if (!shared) {
        mine.roundSizes += size > fen ? size : fen;
        continue;
      }
      for (const node of countsFor(Number(fund))) {
        const acc = shared.get(node);
        if (!acc) shared.set(node, { own: fen, size });
        else {
          acc.own += fen;
          if (size > acc.size) acc.size = size;
        }
      }
    }
    if (shared)
      for (const [node, { own: fen, size }] of shared) entryOf(out, node, none).roundSizes += size > fen ? size : fen;
  }
  for (const [fund, mine] of ownFigures) {
    for (const node of countsFor(Number(fund))) {
      const f = entryOf(out, node, none);
      f.invested += mine.invested;
      f.roundSizes += mine.roundSizes;
    }
  }
  return out;
}

/**
 * Approved credits dated by asOf, summed per (fund family, subject, category), for the funds with a 返投 rule
 * (k ≠ 0). SQL sums each fund's own by (subject, category), ordered by subject, so one subject's rows are
 * neighbours: a subject one fund holds alone (most) is the same credit for the fund and each ancestor, and is handed
 * to each of them as it is; only a subject several funds hold is summed per ancestor.
 */
async function creditsByFund(
  db: Db,
  asOf: string,
  funds: SQL | undefined,
  countsFor: (fundId: number) => number[],
  hasRule: (fundId: number) => boolean,
) {
  const c = reinvestmentCredits;
  const subject = sql`case when ${c.companyId} is not null then 'company:' || ${c.companyId} else 'project:' || ${c.projectId} end`;
  const amount = splitSum(c.amountFen);
  const rows = await db.values<[fund: number, subject: string, category: CreditCategory, hi: string, lo: string]>(sql`
    select ${c.fundId}, ${subject} as subject, ${c.category}, ${asText(amount.hi)}, ${asText(amount.lo)}
    from ${c} where ${c.status} = 'approved' and ${c.datedOn} <= ${asOf}${funds ? sql` and ${funds}` : sql``}
    group by subject, ${c.category}, ${c.fundId} order by subject, ${c.category}, ${c.fundId}`);
  const out = new Map<number, SubjectCredit[]>();
  const give = (node: number, credit: SubjectCredit) => {
    if (hasRule(node)) pushTo(out, node, credit);
  };
  // A subject's rows: one per (category, fund).
  for (const [start, end] of runsOf(rows, (a, b) => a[1] === b[1])) {
    const [firstFund, subjectOf] = rows[start]!;
    const alone = rows.slice(start + 1, end).every(([fund]) => fund === firstFund);
    if (alone) {
      for (let k = start; k < end; k++) {
        const [, , category, hi, lo] = rows[k]!;
        const credit = { subject: subjectOf, category, amount: splitTotal(hi, lo) };
        for (const node of countsFor(Number(firstFund))) give(node, credit);
      }
      continue;
    }
    // Several funds hold this subject: each ancestor sums its funds' amounts by category.
    const byNode = new Map<number, Map<CreditCategory, bigint>>();
    for (let k = start; k < end; k++) {
      const [fund, , category, hi, lo] = rows[k]!;
      const fen = splitTotal(hi, lo);
      for (const node of countsFor(Number(fund))) {
        const sums = entryOf(byNode, node, () => new Map<CreditCategory, bigint>());
        sums.set(category, (sums.get(category) ?? 0n) + fen);
      }
    }
    for (const [node, sums] of byNode)
      for (const [category, fen] of sums) give(node, { subject: subjectOf, category, amount: fen });
  }
  return out;
}

const money = (d: Amount | null) => (d === null ? null : fenToYuan(d));
/** Σ of inflow amounts (integer fen), exact in BigInt. */
const total = (xs: Inflow[], k: 'committed' | 'paid') => xs.reduce((a, i) => a + BigInt(i[k]), 0n);

/**
 * Every metric of SPEC §2–§4 for the chosen funds, each over its family, as of ctx.asOf, in a constant number of
 * grouped statements (five) whatever the number of funds: the fund rows, the inflows, investments and credits by
 * family, and the outcome counts, arrivals and median samples rolled up the fund tree.
 */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
async function fundFigures(ctx: ReadContext, which: Which, rows?: FundRow[]) {
  const { db, asOf } = ctx;
  const root = 'root' in which ? which.root : null;
  const fundRows: FundRow[] =
    rows ??
    (await db
      .select(fundColumns)
      .from(funds)
      .where(root === null ? inScope(ctx.scope, funds.id) : or(eq(funds.id, root), eq(funds.parentId, root)))
      .orderBy(asc(funds.id)));
  const ancestors = (col: SQLWrapper) => (root === null ? inScope(ctx.scope, col) : sql`${col} = ${root}`);
  // Whose records count: the scope's funds, or one family's.
  const recordsOf = (col: SQLWrapper) => (root === null ? inScope(ctx.scope, col) : inFamily(col, root));
  const nodesFor = countsFor(fundRows, root);
  // The funds with a 返投 rule (k ≠ 0): only they count credits.
  const hasRule = new Map(fundRows.map((f) => [f.id, !Fraction.from(f.reinvestMultiple).isZero()]));
  const [inflows, invested, credits, agg] = await Promise.all([
    inflowsOf(db, asOf, root ?? undefined),
    investmentsByFund(db, asOf, recordsOf(investments.fundId), nodesFor),
    creditsByFund(db, asOf, recordsOf(reinvestmentCredits.fundId), nodesFor, (f) => hasRule.get(f) ?? false),
    outcomeAggregatesByNode(
      db,
      {
        node: projects.sourceFundId,
        tree: fundTree,
        read: 'projects_fund_idx',
        root: root ?? undefined,
        projects: recordsOf(projects.sourceFundId),
        ancestors,
      },
      ctx,
    ),
  ]);
  const into = new Map<number, Inflow[]>();
  for (const i of inflows) pushTo(into, i.fundId, i);
  // For one family, inflowsOf read only its investor chain: all that decides its funds' fiscal shares.
  const fiscal = fiscalFlows(inflows);
  const childrenOf = new Map<number, FundRow[]>();
  for (const f of fundRows) if (f.parentId !== null) pushTo(childrenOf, f.parentId, f);

  const capitalOf = new Map<number, ReturnType<typeof ownCapitalOf>>();
  // Each fund's own figures, once: a fund is computed for itself and again as its parent's child.
  const ownCapital = (fund: FundRow) => entryOf(capitalOf, fund.id, () => ownCapitalOf(fund));
  const ownCapitalOf = (fund: FundRow) => {
    const mine = into.get(fund.id) ?? [];
    const fromParent = mine.filter(
      (i) => i.investorType === 'fund' && fund.parentId !== null && i.investorFundId === fund.parentId,
    );
    const f = fiscal.get(fund.id);
    return {
      committed: total(mine, 'committed'),
      paidIn: total(mine, 'paid'),
      parentCommitted: total(fromParent, 'committed'),
      parentPaidIn: total(fromParent, 'paid'),
      fiscalIn: f?.committed ?? 0n,
      fiscalPaidIn: f?.paid ?? 0n,
    };
  };

  // Typed by its answer: a field added to the builder and not the schema, or the other way, fails `tsc`.
  const metricsOf = (fund: FundRow): z.input<typeof metricsAnswer> => {
    const own = ownCapital(fund);
    const hasParent = fund.parentId !== null;
    const inv = invested.get(fund.id) ?? { invested: 0n, roundSizes: 0n };
    const capital: CapitalFigures = {
      ...own,
      parentCommitted: hasParent ? own.parentCommitted : null,
      parentPaidIn: hasParent ? own.parentPaidIn : null,
      invested: inv.invested,
    };
    const children: ChildFigures[] = (childrenOf.get(fund.id) ?? []).map((child) => {
      const c = ownCapital(child);
      const fromMe = (into.get(child.id) ?? []).filter(
        (i) => i.investorType === 'fund' && i.investorFundId === fund.id,
      );
      return {
        committed: c.committed,
        paidIn: c.paidIn,
        fromParentCommitted: total(fromMe, 'committed'),
        fromParentPaidIn: total(fromMe, 'paid'),
        fiscalIn: c.fiscalIn,
        fiscalPaidIn: c.fiscalPaidIn,
      };
    });
    const rule = fundRule(fund);
    const base = {
      parent_committed: own.parentCommitted,
      parent_paid: own.parentPaidIn,
      fund_committed: own.committed,
      fund_paid: own.paidIn,
    }[rule.base];
    const credited = hasRule.get(fund.id) ? creditedAmount(credits.get(fund.id) ?? [], rule.weights) : 0n;
    return {
      fundId: fund.id,
      name: fund.name,
      level: fund.level,
      parentId: fund.parentId,
      asOf,
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
      outcomes: outcomes(agg.get(fund.id) ?? noOutcomes(), inv.invested),
    };
  };
  return fundRows.filter((f) => root === null || f.id === root).map(metricsOf);
}
export type FundMetrics = Awaited<ReturnType<typeof fundFigures>>[number];

/**
 * Every metric of every fund the scope sees (each over its family), ordered by id: /api/reports/funds, the funds export.
 * `rows`: those funds, already read (by id), so the report does not read them again.
 */
export function fundReport(ctx: ReadContext, rows?: FundRow[]): Promise<FundMetrics[]> {
  return fundFigures(ctx, { all: true }, rows);
}

/** Every metric of one fund over its family, or null when there is no such fund; the caller checks visibility. */
export async function fundMetrics(ctx: ReadContext, fundId: number): Promise<FundMetrics | null> {
  return (await fundFigures(ctx, { root: fundId }))[0] ?? null;
}
