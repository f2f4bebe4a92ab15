import { Hono } from 'hono';
import { and, asc, eq, exists, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { allow, hashPassword, hashToken, newToken } from '../auth';
import { readerRoles, roles } from '../domain/vocabulary';
import { atomic, sqlNow, touched } from '../db';
import { funds, sessions, userFunds, users as usersTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, notFound } from '../errors';
import { id, idParam, listQuery, optionalName, validate } from '../validation';
import { page, withEtag } from '../http/responses';
import type { Answer } from '../openapi/answers';

type UserRow = typeof usersTable.$inferSelect;
const userJson = (u: UserRow, fundIds: number[]): Answer<'User'> => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  fundIds,
  revoked: u.revokedAt !== null,
  version: u.version,
});

const userBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{2,40}$/, '用户名为 2–40 位字母、数字、下划线、点或连字符'),
    displayName: optionalName(50),
    role: z.enum(roles),
    fundIds: z.array(id).max(100).optional(),
    password: z.string().min(8, '密码至少 8 位').max(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.role === 'manager' && !b.fundIds?.length)
      ctx.addIssue({ code: 'custom', path: ['fundIds'], message: '基金管理人须绑定至少一只基金 fundIds' });
    if (b.role !== 'manager' && b.fundIds?.length)
      ctx.addIssue({ code: 'custom', path: ['fundIds'], message: '只有基金管理人（manager）可绑定基金' });
  });

async function fundIdsOf(db: AppEnv['Variables']['db'], userIds: number[]) {
  const rows = userIds.length ? await db.select().from(userFunds).where(inArray(userFunds.userId, userIds)) : [];
  const out = new Map<number, number[]>();
  for (const r of rows)
    out.set(
      r.userId,
      [...(out.get(r.userId) ?? []), r.fundId].sort((a, b) => a - b),
    );
  return out;
}

export const users = new Hono<AppEnv>()
  .get('/me', allow(...readerRoles), (c) => {
    const u = c.var.user;
    return c.json({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, fundIds: u.fundIds });
  })
  .post('/users', allow('admin'), validate('json', userBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    const fundIds = [...new Set(body.fundIds ?? [])];
    if (fundIds.length) {
      const found = await db.select({ id: funds.id }).from(funds).where(inArray(funds.id, fundIds));
      const missing = fundIds.find((f) => !found.some((r) => r.id === f));
      if (missing !== undefined) throw notFound('基金', missing);
    }
    const [taken] = await db
      .select({ id: usersTable.id })
      .from(usersTable)
      .where(eq(usersTable.username, body.username));
    if (taken) throw new ApiError('conflict', `用户名 ${body.username} 已被使用`);
    const token = newToken();
    const insert = db
      .insert(usersTable)
      .values({
        username: body.username,
        displayName: body.displayName ?? null,
        role: body.role,
        tokenHash: hashToken(token),
        passwordHash: body.password ? await hashPassword(body.password) : null,
        updatedBy: c.var.user.id,
      })
      .returning();
    const bind = fundIds.map((fundId) =>
      db
        .insert(userFunds)
        .values({ userId: sql`(select id from users where username = ${body.username})`, fundId })
        .returning(),
    );
    const results = await atomic(db, [insert, ...bind]);
    const user = userJson(
      results[0][0]!,
      fundIds.sort((a, b) => a - b),
    );
    c.set('replayBody', user); // the token is shown this once: an Idempotency-Key replay answers the user without it
    return withEtag(c, { ...user, token }, 201);
  })
  .get('/users', allow('admin'), validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const result = await page(
      q,
      (after, take) =>
        c.var.db.select().from(usersTable).where(gt(usersTable.id, after)).orderBy(asc(usersTable.id)).limit(take),
      (u) => u,
    );
    const bound = await fundIdsOf(
      c.var.db,
      result.items.map((u) => u.id),
    );
    return c.json({
      items: result.items.map((u) => userJson(u, bound.get(u.id) ?? [])),
      nextCursor: result.nextCursor,
    });
  })
  .post('/users/:id/revoke', allow('admin'), validate('param', idParam), async (c) => {
    const userId = c.req.valid('param').id;
    if (userId === c.var.user.id) throw new ApiError('conflict', '不能吊销自己的令牌');
    const db = c.var.db;
    // Revoking ends the user's web sessions too, in the same write.
    const [updated] = await atomic(db, [
      db
        .update(usersTable)
        .set({ revokedAt: sqlNow, tokenHash: null, ...touched(usersTable, c.var.user.id) })
        .where(and(eq(usersTable.id, userId), isNull(usersTable.revokedAt)))
        .returning(),
      db.delete(sessions).where(eq(sessions.userId, userId)).returning(),
    ]);
    const row = updated?.[0];
    if (!row) throw notFound('有效用户', userId);
    return withEtag(c, userJson(row, (await fundIdsOf(db, [row.id])).get(row.id) ?? []));
  })
  .post('/users/:id/token', allow('admin'), validate('param', idParam), async (c) => {
    const userId = c.req.valid('param').id;
    const token = newToken();
    const db = c.var.db;
    // A revoked user comes back with a new token but without any session from before.
    const [, updated] = await atomic(db, [
      db
        .delete(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            exists(
              db
                .select()
                .from(usersTable)
                .where(and(eq(usersTable.id, userId), isNotNull(usersTable.revokedAt))),
            ),
          ),
        )
        .returning(),
      db
        .update(usersTable)
        .set({ tokenHash: hashToken(token), revokedAt: null, ...touched(usersTable, c.var.user.id) })
        .where(eq(usersTable.id, userId))
        .returning(),
    ]);
    const row = updated?.[0];
    if (!row) throw notFound('用户', userId);
    const user = userJson(row, (await fundIdsOf(db, [row.id])).get(row.id) ?? []);
    c.set('replayBody', user);
    return withEtag(c, { ...user, token });
  });
