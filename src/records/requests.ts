// 企业诉求 records (SPEC §9): the visible-or-404 lookup, and the statements that raise a request with the first entry of
// its history and that move it from state to state, each in one atomic write with its history row.
import type { Context } from 'hono';
import { and, eq, sql } from 'drizzle-orm';
import { assertFund } from '../auth';
import { sqlNow, touched, type Db } from '../db';
import { projects, requestEvents, serviceRequests } from '../db/schema';
import { transitionFields } from '../domain/requests';
import type { AppEnv } from '../app-types';
import { notFound } from '../errors';
import type { RequestBody, TransitionBody } from '../http/request-input';

type RequestRow = typeof serviceRequests.$inferSelect;

/**
 * The request with its project's fund and the date of the last entry of its history, or the 404 that a missing
 * request, another family's and (for a manager) one about a company alone all answer.
 */
export async function visibleRequest(c: Context<AppEnv>, requestId: number) {
  const [row] = await c.var.db
    .select({
      r: serviceRequests,
      fundId: projects.sourceFundId,
      lastOn: sql<string>`(select max(${requestEvents.happenedOn}) from ${requestEvents} where ${requestEvents.requestId} = ${serviceRequests.id})`,
    })
    .from(serviceRequests)
    .leftJoin(projects, eq(projects.id, serviceRequests.projectId))
    .where(eq(serviceRequests.id, requestId));
  if (!row) throw notFound('诉求', requestId);
  assertFund(c, row.fundId, '诉求', requestId);
  return { ...row, lastOn: row.lastOn ?? row.r.raisedOn };
}

/** The two statements that raise a request: the request, and its history's first entry (open, on raisedOn). */
export function raiseRequest(db: Db, body: RequestBody, dueOn: string, userId: number) {
  return [
    db
      .insert(serviceRequests)
      .values({
        projectId: body.projectId ?? null,
        companyId: body.companyId ?? null,
        category: body.category,
        unitId: body.unitId,
        assigneeId: body.assigneeId ?? null,
        raisedOn: body.raisedOn,
        dueOn,
        description: body.description,
        status: 'open',
        raisedBy: userId,
        updatedBy: userId,
      })
      .returning(),
    db
      .insert(requestEvents)
      .values({
        // The request inserted just before (an audit trigger's insert does not change it once the trigger ends).
        requestId: sql`last_insert_rowid()`,
        status: 'open',
        happenedOn: body.raisedOn,
        updatedBy: userId,
      })
      .returning(),
  ] as const;
}

/**
 * The two statements of a transition: its history entry, then the request's fields in step with it
 * (transitionFields). Both hold only while the request is at `version`: when someone changed it meanwhile neither
 * writes, and the update answers no row.
 */
export function transitionRequest(db: Db, r: RequestRow, version: number, t: TransitionBody, userId: number) {
  const text = t.text ?? null;
  const rating = t.rating ?? null;
  const current = and(eq(serviceRequests.id, r.id), eq(serviceRequests.version, version));
  return [
    db
      .insert(requestEvents)
      .select(
        db
          // Every column of request_events, in its order (what an insert-select needs).
          .select({
            id: sql`null`.as('id'),
            requestId: serviceRequests.id,
            status: sql`${t.to}`.as('status'),
            happenedOn: sql`${t.on}`.as('happened_on'),
            text: sql`${text}`.as('text'),
            rating: sql`${rating}`.as('rating'),
            version: sql`1`.as('version'),
            createdAt: sqlNow.as('created_at'),
            updatedAt: sqlNow.as('updated_at'),
            updatedBy: sql`${userId}`.as('updated_by'),
          })
          .from(serviceRequests)
          .where(current),
      )
      .returning(),
    db
      .update(serviceRequests)
      .set({ ...transitionFields(t.to, t.on, text, rating), ...touched(serviceRequests, userId) })
      .where(current)
      .returning(),
  ] as const;
}
