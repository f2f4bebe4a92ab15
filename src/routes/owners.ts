// 专人对接/包挂 (SPEC §9): a project's owners with their history — staff assign a 对接人 (at most one current: a new
// one ends the last in the same write), 包挂领导 and 专班成员, and end an assignment; whoever sees the project reads them.
import { Hono } from 'hono';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { allow } from '../auth';
import { ownerDutyNames, readerRoles, staffRoles } from '../domain/vocabulary';
import { touched } from '../db';
import { projectOwners, users } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { idParam, validate } from '../validation';
import { ifMatchVersion, withEtag } from '../http/responses';
import { ownerBody, ownerEndBody, ownerParams } from '../http/owner-input';
import { userName } from '../queries/names';
import { ownerJson, projectOwnerList } from '../queries/owners';
import { boundFamilyIds } from '../queries/trees';
import { visibleProject } from '../records/projects';
import { answered } from '../idempotency';

export const owners = new Hono<AppEnv>()
  .get('/projects/:id/owners', allow(...readerRoles), validate('param', idParam), async (c) => {
    const p = await visibleProject(c, c.req.valid('param').id);
    return c.json({ items: await projectOwnerList(c.var.db, p.id, 'all'), nextCursor: null });
  })
  .post(
    '/projects/:id/owners',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', ownerBody),
    async (c) => {
      const db = c.var.db;
      const p = await visibleProject(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const from = body.from ?? c.var.today;
      if (p.status === 'rejected') throw new ApiError('conflict', `项目 ${p.id} 已被退回，不能再安排对接人`);
      const [user] = await db
        .select({
          id: users.id,
          name: userName,
          role: users.role,
          revokedAt: users.revokedAt,
          seesProject:
            p.sourceFundId === null ? sql<number>`0` : sql<number>`${p.sourceFundId} in ${boundFamilyIds(body.userId)}`,
        })
        .from(users)
        .where(eq(users.id, body.userId));
      if (!user) throw notFound('用户', body.userId);
      if (user.revokedAt !== null)
        throw invalid('userId', `用户 ${user.name} 已停用，不能安排为项目的${ownerDutyNames[body.duty]}`);
      if (user.role === 'manager' && !user.seesProject)
        throw invalid(
          'userId',
          `基金管理人 ${user.name} 看不到项目 ${p.id}（不属其基金），不能安排为${ownerDutyNames[body.duty]}`,
        );
      const current = await db
        .select()
        .from(projectOwners)
        .where(and(eq(projectOwners.projectId, p.id), isNull(projectOwners.toOn)));
      if (current.some((o) => o.userId === user.id && o.duty === body.duty))
        throw new ApiError('conflict', `${user.name} 已是项目 ${p.id} 在任的${ownerDutyNames[body.duty]}`);
      const replaced = body.duty === 'liaison' ? current.find((o) => o.duty === 'liaison') : undefined;
      if (replaced && from < replaced.fromOn)
        throw invalid('from', `新对接人的起始日期 ${from} 早于现任对接人的起始日期 ${replaced.fromOn}`);
      const insert = db
        .insert(projectOwners)
        .values({ projectId: p.id, userId: user.id, duty: body.duty, fromOn: from, updatedBy: c.var.user.id })
        .returning();
      // A second 对接人 ends the first on the day the new one starts, in the same atomic write.
      const end = replaced
        ? [
            db
              .update(projectOwners)
              .set({ toOn: from, ...touched(projectOwners, c.var.user.id) })
              .where(and(eq(projectOwners.id, replaced.id), isNull(projectOwners.toOn)))
              .returning(),
          ]
        : [];
      const owner = await answered(c, [...end, insert], (rows) => ownerJson(rows.at(-1)![0]!, user.name));
      return withEtag(c, owner, 201);
    },
  )
  .delete(
    '/projects/:id/owners/:ownerId',
    allow(...staffRoles),
    validate('param', ownerParams),
    validate('json', ownerEndBody),
    async (c) => {
      const db = c.var.db;
      const { id, ownerId } = c.req.valid('param');
      const p = await visibleProject(c, id);
      const [row] = await db
        .select({ o: projectOwners, name: userName })
        .from(projectOwners)
        .innerJoin(users, eq(users.id, projectOwners.userId))
        .where(and(eq(projectOwners.id, ownerId), eq(projectOwners.projectId, p.id)));
      if (!row) throw notFound('项目对接人记录', ownerId);
      const expected = ifMatchVersion(c);
      if (row.o.toOn !== null)
        throw new ApiError(
          'conflict',
          `${row.name} 已于 ${row.o.toOn} 卸任项目 ${p.id} 的${ownerDutyNames[row.o.duty]}`,
        );
      const to = c.req.valid('json').to ?? c.var.today;
      if (to < row.o.fromOn) throw invalid('to', `卸任日期 ${to} 早于起始日期 ${row.o.fromOn}`);
      const [ended] = await db
        .update(projectOwners)
        .set({ toOn: to, ...touched(projectOwners, c.var.user.id) })
        .where(and(eq(projectOwners.id, row.o.id), eq(projectOwners.version, expected ?? row.o.version)))
        .returning();
      if (!ended) throw new ApiError('precondition_failed', `项目对接人记录 ${ownerId} 已被他人修改，请刷新后重试`);
      return withEtag(c, ownerJson(ended, row.name));
    },
  );
