import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-types';
import type { ReadContext } from './funds';
import { isoDate, yuanAmount } from '../validation';

export const metricsQuery = z.object({
  asOf: isoDate.optional(),
  /** 亿元以上: the planned total from which a signed project counts in bigSigned (元; default 100000000). */
  bigProjectThreshold: yuanAmount.optional(),
});

/** The read model's context for a request: its database, the caller's scope, the as-of date and threshold. */
export const readContext = (c: Context<AppEnv>, q: z.output<typeof metricsQuery>): ReadContext => ({
  db: c.var.db,
  scope: c.var.scope,
  asOf: q.asOf ?? c.var.today,
  bigProjectFen: q.bigProjectThreshold ?? c.var.options.bigProjectFen,
});
