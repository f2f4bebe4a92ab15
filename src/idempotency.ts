import type { MiddlewareHandler } from 'hono';
import { and, eq, lt } from 'drizzle-orm';
import { hashToken } from './auth';
import { idempotencyKeys } from './db/schema';
import { ApiError } from './errors';
import type { AppEnv } from './app-types';

/**
 * `Idempotency-Key` on a POST: the key is claimed before the write (so two racing retries cannot both write),
 * the answer is stored after it; the same key and body replay that answer, another body is 409.
 * A 5xx frees the key for a retry. Keys belong to the caller, so users cannot collide. Keys are kept for a day
 * (older ones are deleted at the next keyed POST). No secret is stored: an answer carrying one (a new API token)
 * sets `replayBody`, the same answer without the secret, and a replay answers that.
 */
const KEEP_MS = 24 * 3600_000;

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ApiError('invalid_request', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符', [{ path: 'Idempotency-Key', message: '格式无效' }]);
  const db = c.var.db;
  const userId = c.var.user.id;
  // Read as bytes: Hono caches the first read, and a cached text read would hand a binary upload (.xlsx) on mangled.
  // latin1 maps each byte to one character, so two different bodies never hash alike.
  const body = new TextDecoder('latin1').decode(await c.req.arrayBuffer());
  const requestHash = await hashToken(`${c.req.method} ${c.req.path}\n${body}`);
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
  const now = c.var.options.now();
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS).toISOString()));
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash, status: 0, body: '', createdAt: now.toISOString() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [prior] = await db.select().from(idempotencyKeys).where(where);
    if (!prior || prior.requestHash !== requestHash) throw new ApiError('conflict', '该 Idempotency-Key 已用于另一个请求');
    if (prior.status === 0) throw new ApiError('conflict', '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试');
    return new Response(prior.body, {
      status: prior.status,
      headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
    });
  }
  try {
    await next();
  } finally {
    const res = c.res;
    if (res.status >= 500) {
      await db.delete(idempotencyKeys).where(where);
    } else {
      const replay = c.var.replayBody;
      const body = replay === undefined ? await res.clone().text() : JSON.stringify(replay);
      await db.update(idempotencyKeys).set({ status: res.status, body }).where(where);
    }
  }
};
