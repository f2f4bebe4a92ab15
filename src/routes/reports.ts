import { Hono } from 'hono';
import { z } from 'zod';
import { allow, readers, seesFund } from '../auth';
import type { AppEnv } from '../env';
import { fundMetrics, metricsContext } from '../metrics';
import { idParam, isoDate, money, validate } from '../validation';
import { visibleFund } from './funds';

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
  });
