import type { Context, MiddlewareHandler } from 'hono';
import { and, eq, lt, sql } from 'drizzle-orm';
import { hashToken } from './auth';
import { atomic, type Returning, type RowsOf } from './db';
import { idempotencyKeys } from './db/schema';
import { ApiError, errorText } from './errors';
import type { AppEnv, IdempotencyClaim } from './app-types';

/**
 * `Idempotency-Key` on a POST: the key is claimed before the write (so two racing retries cannot both write); the
 * same key and body replay the saved answer, another body is 409. Keys belong to the caller, so users cannot collide.
 *
 * - A write made through answered() saves its answer in the same transaction as the write (better-sqlite3), so a
 *   crash after the commit leaves the answer for the retry to replay. On D1 the write's batch marks the key as
 *   written (status −1) and the answer is saved right after; a retry of a key left at −1 learns that the write was
 *   made (409 saying so) instead of making it again.
 * - A claim is a lease of LEASE_MS: a reservation with no answer whose lease has passed belongs to a request that
 *   died, and a retry with the same body takes it over. The write of the request that lost its lease is refused in
 *   its own transaction (the answer's update fails), so the two never both write.
 * - A 5xx frees the key for a retry. Keys are kept for a day (older ones are deleted at the next keyed POST). No
 *   secret is stored: an answer carrying one (a new API token) sets `replayBody`, the same answer without the
 *   secret, and a replay answers that.
 */
const KEEP_MS = 24 * 3600_000;
/** How long a claim holds a key without an answer: longer than any request runs (an import takes seconds). */
export const LEASE_MS = 30_000;
/** `status` of a key whose write committed on D1 before its answer was saved. */
const WRITTEN = -1;

const whereKey = (k: { userId: number; key: string }) =>
  and(eq(idempotencyKeys.userId, k.userId), eq(idempotencyKeys.key, k.key));
/** Only while this request still holds its lease (no retry took the key over). */
const stillHeld = (k: IdempotencyClaim) => and(whereKey(k), eq(idempotencyKeys.createdAt, k.leaseAt));

// eslint-disable-next-line max-lines-per-function -- claim, replay and release of one key are one lease held across await next()
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new ApiError('invalid_request', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符', [
      { path: 'Idempotency-Key', message: '格式无效' },
    ]);
  const db = c.var.db;
  const userId = c.var.user.id;
  // Read as bytes: Hono caches the first read, and a cached text read would hand a binary upload (.xlsx) on mangled.
  // latin1 maps each byte to one character, so two different bodies never hash alike.
  const body = new TextDecoder('latin1').decode(await c.req.arrayBuffer());
  const requestHash = hashToken(`${c.req.method} ${c.req.path}
${body}`);
  const now = c.var.options.now();
  const leaseAt = now.toISOString();
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS).toISOString()));
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash, status: 0, body: '', createdAt: leaseAt })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [prior] = await db.select().from(idempotencyKeys).where(whereKey({ userId, key }));
    if (!prior || prior.requestHash !== requestHash)
      throw new ApiError('conflict', '该 Idempotency-Key 已用于另一个请求');
    if (prior.status === WRITTEN)
      throw new ApiError(
        'conflict',
        '使用该 Idempotency-Key 的请求已写入成功，但应答未能保存；请查询记录确认结果，不要重复提交',
      );
    if (prior.status === 0) {
      const expired = prior.createdAt < new Date(now.getTime() - LEASE_MS).toISOString();
      // The request that claimed it died without an answer (and so without a write): this retry takes the key over.
      const taken = expired
        ? await db
            .update(idempotencyKeys)
            .set({ createdAt: leaseAt })
            .where(
              and(
                whereKey({ userId, key }),
                eq(idempotencyKeys.status, 0),
                eq(idempotencyKeys.createdAt, prior.createdAt),
              ),
            )
            .returning({ key: idempotencyKeys.key })
        : [];
      if (taken.length === 0) throw new ApiError('conflict', '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试');
    } else {
      return new Response(prior.body, {
        status: prior.status,
        headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
      });
    }
  }
  const claim: IdempotencyClaim = { userId, key, leaseAt, sealed: false };
  c.set('idempotency', claim);
  try {
    await next();
  } finally {
    const res = c.res;
    if (res.status >= 500) {
      await db.delete(idempotencyKeys).where(stillHeld(claim));
    } else if (!claim.sealed) {
      await db
        .update(idempotencyKeys)
        .set({ status: res.status, body: await answerText(c, res) })
        .where(stillHeld(claim));
    }
  }
};

/** The text a replay answers: the response's body, or `replayBody` when the response carries a secret. */
async function answerText(c: Context<AppEnv>, res: Response) {
  const replay = c.var.replayBody;
  return replay === undefined ? res.clone().text() : JSON.stringify(replay);
}

/**
 * Runs a POST's write (atomic(): every statement with `.returning()`) and builds its answer from the rows; under an
 * Idempotency-Key the answer (with `status`) is saved in the same transaction as the write, so a retry after a crash
 * replays it. `answer` answering null (nothing to answer, e.g. a conflict the caller turns into a 409) saves nothing.
 * `answer` gets each statement's rows, in order, typed by the statements' `.returning()` (RowsOf); answered() answers
 * what `answer` does, with its type (null only where `answer` can answer null).
 */
export async function answered<const S extends readonly Returning[], A extends object | null>(
  c: Context<AppEnv>,
  statements: S,
  answer: (rows: RowsOf<S>) => A,
  status: 200 | 201 = 201,
): Promise<A> {
  const db = c.var.db;
  const claim = c.var.idempotency;
  // Each statement's rows in order, which is what RowsOf<S> names (atomic() types a whole batch so itself).
  const rowsOf = (rows: readonly unknown[]) => rows as RowsOf<S>;
  if (!claim) return answer(await atomic(db, statements));
  // The key's update fails (NOT NULL) when a retry has taken the lease over: the write rolls back with it.
  const seal = (s: number, text: string) =>
    db
      .update(idempotencyKeys)
      .set({
        status: sql`CASE WHEN ${idempotencyKeys.createdAt} = ${claim.leaseAt} THEN ${s} ELSE NULL END`,
        body: text,
      })
      .where(whereKey(claim))
      .returning({ key: idempotencyKeys.key });
  try {
    const d1 = db as unknown as { batch?: unknown };
    if (typeof d1.batch === 'function') {
      // D1 runs a batch without a step between its statements: the write and the mark that it was made.
      const rows = await atomic(db, [...statements, seal(WRITTEN, '')]);
      return answer(rowsOf(rows.slice(0, -1)));
    }
    const out = db.transaction(() => {
      const built = answer(rowsOf(statements.map((s) => s.all() as unknown[])));
      // better-sqlite3 runs it here, inside the transaction (its all() answers the rows, not a promise).
      if (built !== null) void seal(status, JSON.stringify(c.var.replayBody ?? built)).all();
      return built;
    });
    claim.sealed = out !== null;
    return out;
  } catch (err) {
    if (/NOT NULL constraint failed: idempotency_keys\.status/.test(errorText(err))) {
      throw new ApiError('conflict', '该 Idempotency-Key 已由另一次重试接管，本次请求未写入');
    }
    throw err;
  }
}
