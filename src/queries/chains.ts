import { asc, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { chains as chainsTable, projects as p, unitTree } from '../db/schema';
import { chainMap, type ChainCell } from '../domain/chains';
import type { ReadContext } from './funds';
import { arrivedWithin } from './outcomes';
import { countWhere, splitSum, splitTotal } from './sums';
import { inFamily, inScope } from './trees';
import { id, isoDate } from '../validation';
import {
  chainActions,
  chainNodes,
  unitViews,
  type ChainAction,
  type ChainNode,
  type UnitView,
} from '../domain/vocabulary';
import { count, isoDate as dateOut, text, textOrNull, yuan } from '../http/answer-fields';

/** A key chain (重点产业链) as stored: its 链主 companies are a JSON array of names. */
export type ChainRow = typeof chainsTable.$inferSelect;
export const leadCompaniesOf = (row: Pick<ChainRow, 'leadCompanies'>): string[] => {
  const parsed: unknown = row.leadCompanies ? JSON.parse(row.leadCompanies) : [];
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

/** The query of GET /api/reports/chains and the 产业链 page. */
export const chainMapQuery = z.object({
  asOf: isoDate.optional(),
  fundId: id.optional(),
  unitId: id.optional(),
  view: z.enum(['introducing', 'landing'], { error: 'view 应为 introducing 或 landing' }).default('introducing'),
});
export type ChainMapQuery = z.output<typeof chainMapQuery>;

/** One link of a chain in the map: its projects, money and 补链/延链/强链 counts; `unspecified` gathers projects naming no link. */
const chainLinkAnswer = z.strictObject({
  node: z.enum([...chainNodes, 'unspecified']),
  landed: count.meta({ description: '截至 asOf 已落地（已注册）的项目数' }),
  pipeline: count.meta({ description: '在谈项目数：未落地也未终止' }),
  planned: yuan.meta({ description: '已落地项目的计划总投资（元）' }),
  arrived: yuan.meta({ description: '已落地项目截至 asOf 的到资（元）' }),
  actions: z
    .strictObject(Object.fromEntries(chainActions.map((a) => [a, count])) as Record<ChainAction, typeof count>)
    .meta({ description: '补链、延链、强链的项目数' }),
  gap: z.boolean().meta({ description: '缺链环节：重点产业链的这一环节没有落地也没有在谈项目' }),
});

/** The body of GET /api/reports/chains: every key chain, then every other chain projects name, link by link. */
export const chainMapAnswer = z.strictObject({
  asOf: dateOut,
  view: z.enum(unitViews),
  chains: z.array(
    z.strictObject({
      chain: text,
      key: z.boolean().meta({ description: '是否为登记的重点产业链' }),
      leader: textOrNull.meta({ description: '链长；非重点产业链为 null' }),
      nodes: z.array(chainLinkAnswer),
      leadCompanies: z.array(text).meta({ description: '链主企业；非重点产业链为空' }),
    }),
  ),
});
type ChainMap = z.output<typeof chainMapAnswer>;

export interface ChainMapRequest {
  fundId?: number;
  /** Only projects of this unit and its sub-units, in `view` (招引口径 by default). */
  unitId?: number;
  view?: UnitView;
}

/**
 * The 产业链 map (SPEC §7) of a scope as of D in two statements: the key chains; and, in one pass over the chain
 * index, the scope's confirmed projects reported by D that name a chain, counted by (chain, node, action) — landed
 * (reached registered by D, whatever happened after), pipeline (neither landed nor dropped by D), the landed ones'
 * planned total and their arrivals dated ≤ D (from each project's arrival summary, outcomes.ts arrivedWithin).
 */
export async function chainReport(ctx: ReadContext, req: ChainMapRequest = {}): Promise<ChainMap['chains']> {
  const D = ctx.asOf;
  const by = (col: SQL) => sql`coalesce(${col} <= ${D}, 0)`;
  const landed = by(sql`${p.registeredOn}`);
  const unitCol = req.view === 'landing' ? p.landingUnitId : p.introducingUnitId;
  const where = sql.join(
    [
      sql`${p.status} = 'confirmed' and ${p.reportedOn} <= ${D} and ${p.chain} is not null and trim(${p.chain}) <> ''`,
      inScope(ctx.scope, p.sourceFundId),
      req.fundId ? inFamily(p.sourceFundId, req.fundId) : undefined,
      req.unitId
        ? sql`${unitCol} in (select ${unitTree.descendantId} from ${unitTree} where ${unitTree.ancestorId} = ${req.unitId})`
        : undefined,
    ].filter((x): x is SQL => x !== undefined),
    sql` and `,
  );
  const planned = splitSum(p.plannedTotalFen, landed);
  const arrived = arrivedWithin({ to: D }, landed);
  const [keyChains, cellRows] = await Promise.all([
    ctx.db.select().from(chainsTable).orderBy(asc(chainsTable.id)),
    ctx.db.all<{
      chain: string;
      node: ChainNode | null;
      action: ChainAction | null;
      landed: number;
      pipeline: number;
      hi: string;
      lo: string;
      arrivedHi: string;
      arrivedLo: string;
    }>(
      sql`select ${p.chain} as chain, ${p.chainNode} as node, ${p.chainAction} as action,
        ${countWhere(landed)} as landed,
        ${countWhere(sql`not ${landed} and not ${by(sql`${p.droppedOn}`)}`)} as pipeline,
        cast(${planned.hi} as text) as hi, cast(${planned.lo} as text) as lo,
        cast(${arrived.hi} as text) as arrivedHi, cast(${arrived.lo} as text) as arrivedLo
        from ${p} indexed by projects_chain_idx where ${where} group by ${p.chain}, ${p.chainNode}, ${p.chainAction}`,
    ),
  ]);
  const cells: ChainCell[] = cellRows.map((r) => ({
    chain: r.chain,
    node: r.node,
    landed: Number(r.landed),
    pipeline: Number(r.pipeline),
    plannedFen: splitTotal(r.hi, r.lo),
    arrivedFen: splitTotal(r.arrivedHi, r.arrivedLo),
    actions: r.action ? { [r.action]: Number(r.landed) + Number(r.pipeline) } : {},
  }));
  const leads = new Map(keyChains.map((k) => [k.name, leadCompaniesOf(k)]));
  return chainMap(keyChains, cells).map((ch) => ({ ...ch, leadCompanies: leads.get(ch.chain) ?? [] }));
}

/** The key chains' names (重点产业链), in name order: what the 产业链 picker of a form offers. One statement. */
export async function keyChainNames(db: ReadContext['db']): Promise<string[]> {
  const rows = await db.select({ name: chainsTable.name }).from(chainsTable).orderBy(asc(chainsTable.name));
  return rows.map((r) => r.name);
}
