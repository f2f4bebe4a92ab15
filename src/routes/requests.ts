// 企业诉求 (SPEC §9): raised by staff, or by a manager for its funds' projects; accepted, resolved, visited (回访) and
// reopened by staff, each step a dated entry of its history; listed within the caller's scope.
import { Hono } from 'hono';
import { and, eq, isNull } from 'drizzle-orm';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles, writerRoles } from '../domain/vocabulary';
import { atomic } from '../db';
import { companies, units, users } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { idParam, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { requestBody, requestListQuery, transitionBody } from '../http/request-input';
import { requestDatesProblem, requestDueOn, transitionDateProblem, transitionProblem } from '../domain/requests';
import { requestDaysOf } from '../queries/settings';
import { requestEventJson, requestJson, requestList, requestRecord, type RequestDetail } from '../queries/requests';
import { raiseRequest, transitionRequest, visibleRequest } from '../records/requests';
import { visibleProject } from '../records/projects';
import { answered } from '../idempotency';

export const requests = new Hono<AppEnv>()
  .post('/requests', allow(...writerRoles), validate('json', requestBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    const manager = c.var.user.role === 'manager';
    const project = body.projectId ? await visibleProject(c, body.projectId) : null;
    // A manager raises requests for its funds' projects only: a company on its own, or another than its project's,
    // is as missing to it as a wrong id.
    if (body.companyId !== undefined) {
      if (manager && body.companyId !== project?.companyId) throw notFound('企业', body.companyId);
      if (project?.companyId && project.companyId !== body.companyId)
        throw invalid('companyId', `企业 ${body.companyId} 不是项目 ${project.id} 的企业`);
    }
    const [company] = body.companyId
      ? await db.select({ name: companies.name }).from(companies).where(eq(companies.id, body.companyId))
      : [];
    if (body.companyId && !company) throw notFound('企业', body.companyId);
    const [[unit], [assignee], days] = await Promise.all([
      db.select({ name: units.name }).from(units).where(eq(units.id, body.unitId)),
      body.assigneeId
        ? db
            .select({ displayName: users.displayName, username: users.username })
            .from(users)
            .where(and(eq(users.id, body.assigneeId), isNull(users.revokedAt)))
        : [],
      requestDaysOf(db, body.category),
    ]);
    if (!unit) throw new ApiError('not_found', `单位 ${body.unitId} 不存在`, undefined, { field: 'unitId' });
    if (body.assigneeId && !assignee) throw notFound('用户', body.assigneeId);
    const dueOn = body.dueOn ?? requestDueOn(body.raisedOn, days);
    const dates = requestDatesProblem(body.raisedOn, dueOn, c.var.today);
    if (dates) throw invalid(...dates);
    const projectCompany =
      project?.companyId && !company
        ? (await db.select({ name: companies.name }).from(companies).where(eq(companies.id, project.companyId)))[0]
        : undefined;
    const answer = await answered(c, [...raiseRequest(db, body, dueOn, c.var.user.id)], ([[r], [event]]) => ({
      ...requestJson(r!, false),
      projectName: project?.name ?? null,
      companyName: company?.name ?? projectCompany?.name ?? null,
      unitName: unit.name,
      assigneeName: assignee ? (assignee.displayName ?? assignee.username) : null,
      history: [requestEventJson(event!)],
    }));
    return withEtag(c, answer, 201);
  })
  .get('/requests', allow(...readerRoles), validate('query', requestListQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.fundId) assertFund(c, q.fundId);
    const asOf = q.asOf ?? c.var.today;
    return c.json(
      await page(
        q,
        (after, take) => requestList(c.var.db, c.var.scope, q, asOf, { after, take }),
        (r) => r,
      ),
    );
  })
  .get('/requests/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const id = c.req.valid('param').id;
    const r = await requestRecord(c.var.db, c.var.scope, id, c.var.today);
    if (!r) throw notFound('诉求', id);
    return withEtag(c, r);
  })
  .post(
    '/requests/:id/transitions',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', transitionBody),
    async (c) => {
      const id = c.req.valid('param').id;
      const t = c.req.valid('json');
      const { r, lastOn } = await visibleRequest(c, id);
      const expected = ifMatchVersion(c) ?? r.version;
      if (expected !== r.version) throw stale(id);
      const refused = transitionProblem(r.status, t.to);
      if (refused) throw new ApiError('conflict', refused);
      const dated = transitionDateProblem(t.on, lastOn, c.var.today);
      if (dated) throw invalid('on', dated);
      const [, updated] = await atomic(c.var.db, [...transitionRequest(c.var.db, r, expected, t, c.var.user.id)]);
      if (!updated?.length) throw stale(id);
      const detail = (await requestRecord(c.var.db, c.var.scope, id, c.var.today)) as RequestDetail;
      return withEtag(c, detail);
    },
  );

const stale = (id: number) => new ApiError('precondition_failed', `诉求 ${id} 已被他人修改，请刷新后重试`);
