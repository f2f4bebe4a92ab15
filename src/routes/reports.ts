import { Hono } from 'hono';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, unitViews } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { invalid, notFound } from '../errors';
import { fundMetrics, fundReport } from '../queries/funds';
import { metricsQuery, readContext } from '../queries/read-context';
import { pipelineReport } from '../queries/pipeline';
import { unitReport } from '../queries/units';
import { serviceReport } from '../queries/service';
import { id, idParam, isoDate, unitView, validate } from '../validation';
import type { Answer } from '../openapi/answers';

/** The query of GET /api/reports/service: a window (both days inclusive), a view, optionally one unit or fund family. */
const serviceQuery = z.object({
  from: isoDate,
  to: isoDate,
  view: unitView,
  unitId: id.optional(),
  fundId: id.optional(),
});

export const reports = new Hono<AppEnv>()
  .get(
    '/funds/:id/metrics',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', metricsQuery),
    async (c) => {
      const fundId = c.req.valid('param').id;
      assertFund(c, fundId);
      const m = await fundMetrics(readContext(c, c.req.valid('query')), fundId);
      if (!m) throw notFound('基金', fundId);
      return c.json(m);
    },
  )
  .get('/reports/funds', allow(...readerRoles), validate('query', metricsQuery), async (c) => {
    const ctx = readContext(c, c.req.valid('query'));
    return c.json({ asOf: ctx.asOf, funds: await fundReport(ctx) });
  })
  // 招商口径 by region: a project counts for its introducing unit (招引口径) or its landing unit (落地口径), one view
  // at a time; a unit's figures include its sub-units', each project once.
  .get(
    '/reports/units',
    allow(...readerRoles),
    validate('query', metricsQuery.extend({ view: z.enum(unitViews).default('introducing'), fundId: id.optional() })),
    async (c) => {
      const q = c.req.valid('query');
      if (q.fundId) assertFund(c, q.fundId);
      const ctx = readContext(c, q);
      return c.json({ asOf: ctx.asOf, view: q.view, units: await unitReport(ctx, { view: q.view, fundId: q.fundId }) });
    },
  )
  // The pipeline for charts: confirmed projects by source fund (its own, not its family) and stage; and by 产业链.
  .get('/reports/pipeline', allow(...readerRoles), validate('query', metricsQuery), async (c) => {
    const ctx = readContext(c, c.req.valid('query'));
    return c.json({ asOf: ctx.asOf, ...(await pipelineReport(ctx)) } satisfies Answer<'Pipeline'>);
  })
  // 推进督办, 诉求闭环, 招商活动 (SPEC §9) over a window: each unit (sub-units rolled up, one view) and fund family.
  .get('/reports/service', allow(...readerRoles), validate('query', serviceQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.from > q.to) throw invalid('from', `起始日期 ${q.from} 晚于截止日期 ${q.to}`);
    if (q.fundId) assertFund(c, q.fundId);
    const report = await serviceReport(c.var.db, c.var.scope, q);
    return c.json(report satisfies Answer<'ServiceReport'>);
  });
