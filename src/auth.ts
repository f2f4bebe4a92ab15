import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { getCookie } from 'hono/cookie';
import type { Db } from './db';
import { fundTree, sessions, userFunds, users } from './db/schema';
import { type Role, roleNames } from './domain/vocabulary';
import { ApiError, notFound } from './errors';
import type { AppEnv } from './app-types';
import { sees } from './queries/trees';
import type { CurrentUser, Scope } from './domain/visitor';
import { groupBy } from './domain/groups';
import { versionColumns, versionOf } from './http/read-cache';

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * API tokens are random 32 bytes; only their SHA-256 is stored (a fast hash suits a secret this long). Synchronous
 * (node:crypto, which Workers have too with nodejs_compat): WebCrypto's digest would cost a small request a trip
 * through the thread pool and extra turns of the event loop.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return `ty_${b64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

// PBKDF2-SHA256 through WebCrypto: the same slow hash on Node and Workers (which caps iterations at 100,000).
const PBKDF2_ITERATIONS = 100_000;

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return hex(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$${PBKDF2_ITERATIONS}$${b64url(salt)}$${await pbkdf2(password, salt, PBKDF2_ITERATIONS)}`;
}

// What a login without a usable stored hash (unknown username, revoked user, no password set) is checked against, so
// that a miss costs the same PBKDF2 as a wrong password and the time taken does not tell which usernames exist.
const NO_ONE_SALT = new Uint8Array(16);

/** Whether `password` matches the stored hash; always derives one PBKDF2 key, also when there is nothing to match. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iter, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'pbkdf2' || !iter || !salt || !hash) {
    await pbkdf2(password, NO_ONE_SALT, PBKDF2_ITERATIONS);
    return false;
  }
  const saltBytes = Uint8Array.from(atob(salt.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
  const candidate = await pbkdf2(password, saltBytes, Number(iter));
  let diff = candidate.length ^ hash.length;
  for (let i = 0; i < candidate.length; i++) diff |= candidate.charCodeAt(i) ^ (hash.charCodeAt(i) || 0);
  return diff === 0;
}

export type { CurrentUser, Scope };

/** Each row's direct children, by parent id (funds, units: any tree stored as parent links). */
export function childrenOf(rows: { id: number; parentId: number | null }[]): Map<number, number[]> {
  return groupBy(
    rows.filter((r) => r.parentId !== null),
    (r) => r.parentId!,
    (r) => r.id,
  );
}

/** A fund and all its descendants (穿透). */
export function familyOf(children: Map<number, number[]>, root: number): number[] {
  const out: number[] = [];
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    out.push(f);
    stack.push(...(children.get(f) ?? []));
  }
  return out;
}

/** Who made a request and what it may see: every fund, or (a manager) the families of its funds. */
export interface Visitor {
  user: CurrentUser;
  scope: Scope;
}

/**
 * The columns of a user that make a Visitor, read in the statement that finds the user: its bound funds and, for a
 * manager, its funds' families through the closure table (one indexed read whatever the family's size).
 */
const visitorColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  fundIds: sql<string | null>`(select group_concat(b.fund_id) from ${userFunds} b where b.user_id = "users"."id")`,
  visible: sql<
    string | null
  >`case when "users"."role" = 'manager' then (select group_concat(ft.descendant_id) from ${fundTree} ft join ${userFunds} uf on uf.fund_id = ft.ancestor_id where uf.user_id = "users"."id") end`,
};

function visitorOf(row: {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  fundIds: string | null;
  visible: string | null;
}): Visitor {
  const ids = (list: string | null) => (list ? list.split(',').map(Number) : []);
  const user: CurrentUser = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    fundIds: ids(row.fundIds).sort((a, b) => a - b),
  };
  const scope: Scope =
    row.role === 'manager'
      ? { all: false, userId: row.id, funds: new Set(ids(row.visible)) }
      : { all: true, userId: row.id, funds: new Set() };
  return { user, scope };
}

/** The user an API token belongs to, unless revoked, and the data version (same statement). */
export async function loadUser(
  db: Db,
  token: string,
  migrationsTable: string,
): Promise<(Visitor & { version: string }) | null> {
  const [u] = await db
    .select({ ...visitorColumns, ...versionColumns(migrationsTable) })
    .from(users)
    .where(and(eq(users.tokenHash, hashToken(token)), isNull(users.revokedAt)));
  return u ? { ...visitorOf(u), version: versionOf(u) } : null;
}

export const SESSION_COOKIE = 'touyin_session';
const SESSION_HOURS = 12;

/** Starts a web session (and deletes expired ones): answers the cookie value (random) and the CSRF token every write must carry. */
export async function createSession(db: Db, userId: number, now: Date) {
  const id = newToken();
  const csrf = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await db.delete(sessions).where(lte(sessions.expiresAt, now.toISOString()));
  await db.insert(sessions).values({ idHash: hashToken(id), userId, csrf, expiresAt });
  return { id, csrf, maxAge: SESSION_HOURS * 3600 };
}

/**
 * The visitor (user and scope) and CSRF token of a live session cookie, else null, and the data version: one
 * statement.
 */
export async function loadSession(
  db: Db,
  cookie: string,
  now: Date,
  migrationsTable: string,
): Promise<(Visitor & { csrf: string; version: string }) | null> {
  const [s] = await db
    .select({ ...visitorColumns, ...versionColumns(migrationsTable), csrf: sessions.csrf })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.idHash, hashToken(cookie)), gt(sessions.expiresAt, now.toISOString()), isNull(users.revokedAt)),
    );
  return s ? { ...visitorOf(s), csrf: s.csrf, version: versionOf(s) } : null;
}

export async function endSession(db: Db, cookie: string) {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(cookie)));
}

/**
 * Authentication for /api: a bearer token, else the web session cookie. A write made with the cookie must carry
 * the session's CSRF token in `X-CSRF-Token`. Sets `user` and `scope`, or answers 401/403.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const db = c.var.db;
  let visitor: (Visitor & { version: string }) | null;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    visitor = m?.[1] ? await loadUser(db, m[1], c.var.options.migrationsTable) : null;
    if (!visitor) throw new ApiError('unauthorized', m ? '令牌无效或已被吊销' : 'Authorization 应为 Bearer 令牌');
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await loadSession(db, cookie, c.var.options.now(), c.var.options.migrationsTable) : null;
    if (!session) throw new ApiError('unauthorized', '缺少 Authorization: Bearer 令牌，或登录已过期');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && c.req.header('x-csrf-token') !== session.csrf) {
      throw new ApiError('forbidden', '页面已过期（CSRF 校验失败），请刷新后重试');
    }
    visitor = session;
    c.set('csrf', session.csrf);
  }
  c.set('user', visitor.user);
  c.set('scope', visitor.scope);
  c.set('dataVersion', visitor.version);
  await next();
};

/** The roles each allow() middleware lets through, read by the OpenAPI document (src/openapi/document.ts). */
export const allowedRoles = new WeakMap<object, readonly Role[]>();

/** Only these roles may go on; any other answers 403. */
export const allow = (...roles: Role[]): MiddlewareHandler<AppEnv> => {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!roles.includes(c.var.user.role))
      throw new ApiError('forbidden', `${roleNames[c.var.user.role]}无权执行此操作`);
    await next();
  };
  allowedRoles.set(middleware, roles);
  return middleware;
};

/** Whether the caller may see this fund; a manager sees only its funds' families. */
export function seesFund(c: Context<AppEnv>, fundId: number | null): boolean {
  return sees(c.var.scope, fundId);
}

/** Throws the same 404 as a missing record (`what` with id `recordId`, by default the fund) when the caller may not see the fund. */
export function assertFund(
  c: Context<AppEnv>,
  fundId: number | null,
  what = '基金',
  recordId: number | string = fundId ?? '',
) {
  if (!seesFund(c, fundId)) throw notFound(what, recordId);
}
