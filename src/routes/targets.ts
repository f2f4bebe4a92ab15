import { Hono, type Context } from 'hono';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund, seesFund } from '../auth';
import { readerRoles, staffRoles } from '../domain/vocabulary';
import { inScope } from '../queries/trees';
import { funds, targets as targetsTable } from '../db/schema';
import { touched } from '../db';
import { metricLabel, targetMetrics } from '../domain/assessment';
import type { AppEnv } from '../app-types';
import { ApiError, notFound } from '../errors';
import { id, idParam, listQuery, validate, year } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { assertUnitExists } from '../records/units';
import type { Answer } from '../openapi/answers';
import { answered } from '../idempotency';

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
    value: z
      .string()
      .trim()
      .regex(/^(0|[1-9]\d{0,14})(\.\d{1,4})?$/, '目标值应为非负数字字符串，最多 4 位小数，如 "500000000" 或 "0.6"'),
    /** 擂台赛 weight (权重): 0 keeps the target listed but out of the score. */
    weight: z
      .string()
      .trim()
      .regex(/^(0|[1-9]\d{0,5})(\.\d{1,4})?$/, '权重应为非负数字字符串，最多 4 位小数，如 "1" 或 "0.5"')
      .default('1'),
  })
  .superRefine((b, ctx) => {
    if (!b.unitId === !b.fundId)
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: '目标须且只能属于一个单位（unitId）或一只基金（fundId）',
      });
  });

/** What a PATCH may change: the value and the weight (the unit or fund, year and metric make the target what it is). */
const targetPatch = z.object({
  value: targetBody.shape.value.optional(),
  weight: targetBody.shape.weight.unwrap().optional(),
});

/** The 409 of a second target for the same unit or fund, year and metric, naming the one that exists. */
async function duplicateTarget(
  db: AppEnv['Variables']['db'],
  t: { unitId: number | null; fundId: number | null; year: number; metric: string },
) {
  const owner = t.unitId ? eq(targetsTable.unitId, t.unitId) : eq(targetsTable.fundId, t.fundId!);
  const [existing] = await db
    .select({ id: targetsTable.id })
    .from(targetsTable)
    .where(and(owner, eq(targetsTable.year, t.year), eq(targetsTable.metric, t.metric)));
  const whose = t.unitId ? `单位 ${t.unitId}` : `基金 ${t.fundId}`;
  return new ApiError(
    'conflict',
    `${whose} ${t.year} 年的「${metricLabel(t.metric)}」目标已存在（目标 ${existing?.id ?? ''}），请修改该目标（PATCH /api/targets/${existing?.id ?? ':id'}）`,
    undefined,
    { existingId: existing?.id ?? null },
  );
}

/** The target, or the 404 a missing target and another family's fund target both answer. */
async function visibleTarget(c: Context<AppEnv>, targetId: number): Promise<TargetRow> {
  const [row] = await c.var.db.select().from(targetsTable).where(eq(targetsTable.id, targetId));
  if (!row || (row.fundId !== null && !seesFund(c, row.fundId))) throw notFound('目标', targetId);
  return row;
}

/**
 * 目标: a yearly goal for a unit or a fund, set by platform staff, read beside the computed figure. One per (unit or
 * fund, year, metric): a second is 409, sequential or racing (the unique key decides), and a change is a PATCH.
 */
export const targets = new Hono<AppEnv>()
  .post('/targets', allow(...staffRoles), validate('json', targetBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    if (body.fundId) {
      const [f] = await db.select({ id: funds.id }).from(funds).where(eq(funds.id, body.fundId));
      if (!f) throw notFound('基金', body.fundId);
    }
    await assertUnitExists(db, body.unitId);
    const values = {
      unitId: body.unitId ?? null,
      fundId: body.fundId ?? null,
      year: body.year,
      metric: body.metric,
      value: body.value,
      weight: body.weight,
    };
    const target = await answered(
      c,
      [
        db
          .insert(targetsTable)
          .values({ ...values, updatedBy: c.var.user.id })
          .onConflictDoNothing()
          .returning(),
      ],
      ([[row]]) => (row ? targetJson(row) : null),
    );
    if (!target) throw await duplicateTarget(db, values);
    return withEtag(c, target, 201);
  })
  .get('/targets/:id', allow(...readerRoles), validate('param', idParam), async (c) =>
    withEtag(c, targetJson(await visibleTarget(c, c.req.valid('param').id))),
  )
  .patch('/targets/:id', allow(...staffRoles), validate('param', idParam), validate('json', targetPatch), async (c) => {
    const targetId = c.req.valid('param').id;
    const expected = ifMatchVersion(c);
    const target = await visibleTarget(c, targetId);
    const [row] = await c.var.db
      .update(targetsTable)
      .set({ ...c.req.valid('json'), ...touched(targetsTable, c.var.user.id) })
      .where(and(eq(targetsTable.id, targetId), eq(targetsTable.version, expected ?? target.version)))
      .returning();
    if (!row)
      throw new ApiError(
        'precondition_failed',
        `目标 ${targetId} 已被他人修改（当前版本与 If-Match 不符），请刷新后重试`,
      );
    return withEtag(c, targetJson(row));
  })
  .get(
    '/targets',
    allow(...readerRoles),
    validate('query', listQuery.extend({ year: year.optional(), fundId: id.optional(), unitId: id.optional() })),
    async (c) => {
      const q = c.req.valid('query');
      if (q.fundId) assertFund(c, q.fundId);
      return c.json(
        await page(
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
                  c.var.scope.all
                    ? undefined
                    : or(isNull(targetsTable.fundId), inScope(c.var.scope, targetsTable.fundId)),
                ),
              )
              .orderBy(asc(targetsTable.id))
              .limit(take),
          targetJson,
        ),
      );
    },
  );
