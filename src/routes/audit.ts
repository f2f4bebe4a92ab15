import { Hono } from 'hono';
import { and, asc, eq, getTableColumns, gt } from 'drizzle-orm';
import { z } from 'zod';
import { allow, staffRoles } from '../auth';
import { audited, auditLog, users } from '../db/schema';
import type { AppEnv } from '../env';
import { id, listQuery, validate } from '../validation';
import { page } from '../wire';

type AuditRow = typeof auditLog.$inferSelect & { user: { id: number; username: string; displayName: string | null } | null };
const auditJson = (a: AuditRow) => ({
  id: a.id,
  at: a.at,
  userId: a.userId,
  user: a.user, // who, by name: the page shows it rather than an id
  entity: a.entity,
  entityId: a.entityId,
  action: a.action,
  before: a.before ? (JSON.parse(a.before) as unknown) : null,
  after: a.after ? (JSON.parse(a.after) as unknown) : null,
});

const auditQuery = listQuery.extend({
  entity: z.enum(['user_funds', ...Object.keys(audited)] as [string, ...string[]]).optional(),
  id: id.optional(),
  userId: id.optional(),
});

/** Who changed what, when, with the values before and after: written by triggers in the same statement. */
export const audit = new Hono<AppEnv>().get('/audit', allow(...staffRoles), validate('query', auditQuery), async (c) => {
  const q = c.req.valid('query');
  return c.json(
    await page(
      q,
      (after, take) =>
        c.var.db
          .select({ ...getTableColumns(auditLog), user: { id: users.id, username: users.username, displayName: users.displayName } })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.userId))
          .where(
            and(
              gt(auditLog.id, after),
              q.entity ? eq(auditLog.entity, q.entity) : undefined,
              q.id ? eq(auditLog.entityId, q.id) : undefined,
              q.userId ? eq(auditLog.userId, q.userId) : undefined,
            ),
          )
          .orderBy(asc(auditLog.id))
          .limit(take),
      auditJson,
    ),
  );
});
