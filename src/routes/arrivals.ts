// 到资认定 (SPEC §9): the arrivals a scope sees (the 认定 queue), one arrival, and staff's 认定 or 退回 of it.
import { Hono, type Context } from 'hono';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, reviewStatuses, staffRoles } from '../domain/vocabulary';
import { touched } from '../db';
import { arrivals as arrivalsTable, projects } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { id, idParam, isoDate, listQuery, optionalText, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { notSignedProblem } from '../domain/projects';
import { arrivalJson, arrivalList } from '../queries/projects';

const arrivalListQuery = listQuery.extend({
  status: z.enum(reviewStatuses, { error: 'status 应为 pending、confirmed 或 rejected' }).optional(),
  fundId: id.optional(),
  unitId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const reviewBody = z.object({ reason: optionalText(500) }).default({});

/** The arrival with its project, or the 404 that a missing arrival and another family's arrival both answer. */
export async function visibleArrival(c: Context<AppEnv>, arrivalId: number) {
  const [row] = await c.var.db
    .select({ a: arrivalsTable, p: projects })
    .from(arrivalsTable)
    .innerJoin(projects, eq(projects.id, arrivalsTable.projectId))
    .where(eq(arrivalsTable.id, arrivalId));
  if (!row) throw notFound('到资', arrivalId);
  assertFund(c, row.p.sourceFundId, '到资', arrivalId);
  return row;
}

const statusNames = { confirmed: '已认定', rejected: '已退回' } as const;

/**
 * 认定 (confirmed) or 退回 (rejected, with a reason) of an arrival. A pending arrival may go either way; a confirmed
 * one may be 退回 later (its money leaves every figure at once, through the project's arrival summary) and a
 * rejected one 认定 after all. Confirming needs what recording needs: a project not rejected, signed by the arrival.
 */
async function review(c: Context<AppEnv>, arrivalId: number, to: 'confirmed' | 'rejected', reason: string | null) {
  const { a, p } = await visibleArrival(c, arrivalId);
  const expected = ifMatchVersion(c);
  if (a.status === to) throw new ApiError('conflict', `到资 ${arrivalId} 已是${statusNames[to]}状态`);
  if (to === 'rejected' && !reason) throw invalid('reason', '退回到资须说明原因');
  if (to === 'confirmed') {
    if (p.status === 'rejected') throw new ApiError('conflict', `项目 ${p.id} 已被退回，其到资不能认定`);
    const notSigned = notSignedProblem(p.signedOn, a.arrivedOn);
    if (notSigned) throw new ApiError('conflict', `项目 ${p.id} ${notSigned}`);
  }
  const [row] = await c.var.db
    .update(arrivalsTable)
    .set({
      status: to,
      statusReason: reason,
      reviewedOn: c.var.today,
      reviewedBy: c.var.user.id,
      ...touched(arrivalsTable, c.var.user.id),
    })
    .where(and(eq(arrivalsTable.id, a.id), eq(arrivalsTable.version, expected ?? a.version)))
    .returning();
  if (!row) throw new ApiError('precondition_failed', `到资 ${arrivalId} 已被他人修改，请刷新后重试`);
  return withEtag(c, arrivalJson(row));
}

export const arrivals = new Hono<AppEnv>()
  .get('/arrivals', allow(...readerRoles), validate('query', arrivalListQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.fundId) assertFund(c, q.fundId);
    if (q.from && q.to && q.from > q.to) throw invalid('from', `起始日期 ${q.from} 晚于截止日期 ${q.to}`);
    return c.json(
      await page(
        q,
        (after, take) => arrivalList(c.var.db, c.var.scope, q, { after, take }),
        (r) => r,
      ),
    );
  })
  .get('/arrivals/:id', allow(...readerRoles), validate('param', idParam), async (c) =>
    withEtag(c, arrivalJson((await visibleArrival(c, c.req.valid('param').id)).a)),
  )
  .post(
    '/arrivals/:id/confirm',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => review(c, c.req.valid('param').id, 'confirmed', c.req.valid('json').reason ?? null),
  )
  .post(
    '/arrivals/:id/reject',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => review(c, c.req.valid('param').id, 'rejected', c.req.valid('json').reason ?? null),
  );
