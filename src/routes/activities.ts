// 招商活动 (SPEC §9): record an activity (走出去, 请进来, visits, talks, events, online meetings) with who went, the
// companies met and the projects it produced or advanced; list them; read one.
import { Hono } from 'hono';
import { allow, assertFund } from '../auth';
import { readerRoles, writerRoles } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { idParam, validate } from '../validation';
import { page, withEtag } from '../http/responses';
import { activityBody, activityListQuery } from '../http/activity-input';
import {
  activityList,
  activityRecord,
  activityStatements,
  checkActivities,
  writtenActivityJson,
} from '../records/activities';
import { answered } from '../idempotency';

export const activities = new Hono<AppEnv>()
  .post('/activities', allow(...writerRoles), validate('json', activityBody), async (c) => {
    const recorder = { db: c.var.db, scope: c.var.scope, user: c.var.user };
    const { checked, problems } = await checkActivities(recorder, [c.req.valid('json')]);
    const [problem] = problems;
    if (problem)
      throw problem.code === 'not_found'
        ? new ApiError('not_found', problem.message)
        : invalid(problem.path, problem.message);
    const activity = await answered(c, activityStatements(c.var.db, checked, c.var.user.id), (rows) =>
      writtenActivityJson(rows[0]![0]!.id, checked[0]!, c.var.user.id),
    );
    return withEtag(c, activity, 201);
  })
  .get('/activities', allow(...readerRoles), validate('query', activityListQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.fundId) assertFund(c, q.fundId);
    if (q.from && q.to && q.from > q.to) throw invalid('from', `起始日期 ${q.from} 晚于截止日期 ${q.to}`);
    return c.json(
      await page(
        q,
        (after, take) => activityList(c.var.db, c.var.scope, q, { after, take }),
        (a) => a,
      ),
    );
  })
  .get('/activities/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const activityId = c.req.valid('param').id;
    const a = await activityRecord(c.var.db, c.var.scope, activityId);
    if (!a) throw notFound('招商活动', activityId);
    return withEtag(c, a);
  });
