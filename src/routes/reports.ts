import { Hono } from 'hono';
import { and, eq, inArray, isNotNull, lte, sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund, childrenOf, familyOf, fundFilter, fundTree, readers, seesFund } from '../auth';
import { projects, units } from '../db/schema';
import { fenToYuan } from '../domain/decimal';
import { outcomes } from '../domain/outcomes';
import type { AppEnv } from '../env';
import { fundMetrics, metricsContext, outcomeAggregates } from '../metrics';
import { id, idParam, isoDate, money, validate } from '../validation';
import { visibleFund } from './funds';
import { stageSql } from './projects';

const metricsQuery = z.object({
  asOf: isoDate.optional(),
  /** 亿元以上: the planned total from which a signed project counts in bigSigned (元; default 100000000). */
  bigProjectThreshold: money.optional(),
});

export const reports = new Hono<AppEnv>()
  .get('/funds/:id/metrics', allow(...readers), validate('param', idParam), validate('query', metricsQuery), async (c) => {
    const fund = await visibleFund(c, c.req.valid('param').id);
    const q = c.req.valid('query');
    const ctx = await metricsContext(c.var.db, q.asOf ?? c.var.today);
    return c.json(await fundMetrics(c.var.db, ctx, fund, { bigProjectFen: q.bigProjectThreshold ?? c.var.options.bigProjectFen }));
  })
  .get('/reports/funds', allow(...readers), validate('query', metricsQuery), async (c) => {
    const q = c.req.valid('query');
    const asOf = q.asOf ?? c.var.today;
    const ctx = await metricsContext(c.var.db, asOf);
    const visible = [...ctx.funds.values()].filter((f) => seesFund(c, f.id)).sort((a, b) => a.id - b.id);
    const opts = { bigProjectFen: q.bigProjectThreshold ?? c.var.options.bigProjectFen };
    const out = [];
    for (const f of visible) out.push(await fundMetrics(c.var.db, ctx, f, opts));
    return c.json({ asOf, funds: out });
  })
  // 招商口径 by region: a project counts for its introducing unit (招引口径) or its landing unit (落地口径), one view
  // at a time; a unit's figures include its sub-units', each project once.
  .get(
    '/reports/units',
    allow(...readers),
    validate('query', metricsQuery.extend({ view: z.enum(['introducing', 'landing']).default('introducing'), fundId: id.optional() })),
    async (c) => {
      const q = c.req.valid('query');
      const db = c.var.db;
      const asOf = q.asOf ?? c.var.today;
      const unitRows = await db.select().from(units);
      const children = childrenOf(unitRows);
      const visible = fundFilter(c);
      let fundFamily: number[] | null = null;
      if (q.fundId) {
        assertFund(c, q.fundId);
        fundFamily = familyOf((await fundTree(db)).children, q.fundId);
      }
      const column = q.view === 'introducing' ? projects.introducingUnitId : projects.landingUnitId;
      const bigFen = q.bigProjectThreshold ?? c.var.options.bigProjectFen;
      const out = [];
      for (const u of unitRows.sort((a, b) => a.id - b.id)) {
        const which = and(
          inArray(column, familyOf(children, u.id)),
          visible ? inArray(projects.sourceFundId, visible) : undefined,
          fundFamily ? inArray(projects.sourceFundId, fundFamily) : undefined,
        );
        const { attractionMultiple: _none, ...figures } = outcomes(await outcomeAggregates(db, which, asOf, bigFen), '0');
        out.push({ unitId: u.id, name: u.name, code: u.code, parentId: u.parentId, peerGroup: u.peerGroup, outcomes: figures });
      }
      return c.json({ asOf, view: q.view, units: out });
    },
  )
  // The pipeline for charts: confirmed projects reported by asOf, by source fund (its own, not its family) and by
  // the stage each had reached that day; and by 产业链. Counts only, from one grouped query each.
  .get('/reports/pipeline', allow(...readers), validate('query', metricsQuery), async (c) => {
    const q = c.req.valid('query');
    const asOf = q.asOf ?? c.var.today;
    const p = projects;
    const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
    const stage = stageSql(asOf);
    const visible = fundFilter(c);
    const where = and(eq(p.status, 'confirmed'), lte(p.reportedOn, asOf), isNotNull(p.sourceFundId), visible ? inArray(p.sourceFundId, visible) : undefined);
    const byFund = await c.var.db
      .select({ fundId: p.sourceFundId, stage, count: sql<number>`count(*)`, planned: sql<string>`cast(sum(${p.plannedTotalFen}) as text)` })
      .from(p)
      .where(where)
      .groupBy(p.sourceFundId, stage);
    const byChain = await c.var.db
      .select({ chain: p.chain, count: sql<number>`count(*)`, landed: sql<number>`coalesce(sum(case when ${by(p.registeredOn)} then 1 else 0 end), 0)` })
      .from(p)
      .where(where)
      .groupBy(p.chain)
      .orderBy(sql`count(*) desc`);
    return c.json({
      asOf,
      funds: byFund.map((r) => ({ fundId: r.fundId, stage: r.stage, count: Number(r.count), plannedTotal: fenToYuan(r.planned ?? '0') })),
      chains: byChain.map((r) => ({ chain: r.chain ?? '未分类', count: Number(r.count), landed: Number(r.landed) })),
    });
  });
