import { Hono } from 'hono';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles } from '../domain/vocabulary';
import { inScope } from '../queries/trees';
import { funds, targets as targetsTable } from '../db/schema';
import { targetMetrics } from '../domain/assessment';
import type { AppEnv } from '../app-types';
import { notFound } from '../errors';
import { id, listQuery, validate, year } from '../validation';
import { page, withEtag } from '../http/responses';
import { assertUnitExists } from '../records/units';
import type { Answer } from '../openapi-answers';


type TargetRow = typeof targetsTable.$inferSelect;
const targetJson = (t: TargetRow): Answer<'Target'> => ({
  id: t.id,
  unitId: t.unitId,
  fundId: t.fundId,
  year: t.year,
  metric: t.metric,
  value: t.value,
  weight: t.weight,
  version: t.version,
});

const targetBody = z
  .object({
    unitId: id.optional().nullable(),
    fundId: id.optional().nullable(),
    year,
    metric: z.enum(targetMetrics),
    // Money targets are in 元 (up to 10^15), rates and multiples as decimals: a non-negative decimal string.
    value: z.string().trim().regex(/^(0|[1-9]\d{0,14})(\.\d{1,4})?$/, '目标值应为非负数字字符串，最多 4 位小数，如 "500000000" 或 "0.6"'),
    /** 擂台赛 weight (权重): 0 keeps the target listed but out of the score. */
    weight: z.string().trim().regex(/^(0|[1-9]\d{0,5})(\.\d{1,4})?$/, '权重应为非负数字字符串，最多 4 位小数，如 "1" 或 "0.5"').default('1'),
  })
  .superRefine((b, ctx) => {
    if (!b.unitId === !b.fundId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '目标须且只能属于一个单位（unitId）或一只基金（fundId）' });
  });

/** 目标: a yearly goal for a unit or a fund, set by platform staff, read beside the computed figure. */
export const targets = new Hono<AppEnv>()
  .post('/targets', allow(...staffRoles), validate('json', targetBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    if (body.fundId) {
      const [f] = await db.select({ id: funds.id }).from(funds).where(eq(funds.id, body.fundId));
      if (!f) throw notFound('基金', body.fundId);
    }
    await assertUnitExists(db, body.unitId);
    const [row] = await db
      .insert(targetsTable)
      .values({ unitId: body.unitId ?? null, fundId: body.fundId ?? null, year: body.year, metric: body.metric, value: body.value, weight: body.weight, updatedBy: c.var.user.id })
      .returning();
    return withEtag(c, targetJson(row!), 201);
  })
  .get(
    '/targets',
    allow(...readerRoles),
    validate('query', listQuery.extend({ year: year.optional(), fundId: id.optional(), unitId: id.optional() })),
    async (c) => {
      const q = c.req.valid('query');
      if (q.fundId) assertFund(c, q.fundId);
      return c.json(await page(
        q,
        (after, take) =>
          c.var.db
            .select()
            .from(targetsTable)
            .where(
              and(
                gt(targetsTable.id, after),
                q.year ? eq(targetsTable.year, q.year) : undefined,
                q.fundId ? eq(targetsTable.fundId, q.fundId) : undefined,
                q.unitId ? eq(targetsTable.unitId, q.unitId) : undefined,
                // A manager sees regional targets and its own funds', never another fund's.
                c.var.scope.all ? undefined : or(isNull(targetsTable.fundId), inScope(c.var.scope, targetsTable.fundId)),
              ),
            )
            .orderBy(asc(targetsTable.id))
            .limit(take),
        targetJson,
      ));
    },
  );
