import type { Context, MiddlewareHandler } from 'hono';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './db';
import { funds, userFunds, users, type Role } from './db/schema';
import { ApiError, notFound } from './errors';
import type { AppEnv } from './env';

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** API tokens are random 32 bytes; only their SHA-256 is stored (a fast hash suits a secret this long). */
export async function hashToken(token: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

export function newToken(): string {
  return `ty_${b64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

// PBKDF2-SHA256 through WebCrypto: the same slow hash on Node and Workers (which caps iterations at 100,000).
const PBKDF2_ITERATIONS = 100_000;

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return hex(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$${PBKDF2_ITERATIONS}$${b64url(salt)}$${await pbkdf2(password, salt, PBKDF2_ITERATIONS)}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iter, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'pbkdf2' || !iter || !salt || !hash) return false;
  const saltBytes = Uint8Array.from(atob(salt.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
  const candidate = await pbkdf2(password, saltBytes, Number(iter));
  let diff = candidate.length ^ hash.length;
  for (let i = 0; i < candidate.length; i++) diff |= candidate.charCodeAt(i) ^ (hash.charCodeAt(i) || 0);
  return diff === 0;
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  fundIds: number[];
}

/** Who a user may see: every fund (`all`), or the families of the manager's funds. */
export interface Scope {
  all: boolean;
  funds: Set<number>;
}

/** Each fund's direct children, from the (small) funds table. */
export async function fundTree(db: Db) {
  const rows = await db.select({ id: funds.id, parentId: funds.parentId }).from(funds);
  const children = new Map<number, number[]>();
  for (const r of rows) if (r.parentId !== null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  return { ids: rows.map((r) => r.id), children };
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

export async function loadUser(db: Db, token: string): Promise<CurrentUser | null> {
  const hash = await hashToken(token);
  const [u] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.tokenHash, hash), isNull(users.revokedAt)));
  if (!u) return null;
  const bound = await db.select({ fundId: userFunds.fundId }).from(userFunds).where(eq(userFunds.userId, u.id));
  return { ...u, fundIds: bound.map((b) => b.fundId).sort((a, b) => a - b) };
}

export async function scopeOf(db: Db, user: CurrentUser): Promise<Scope> {
  if (user.role !== 'manager') return { all: true, funds: new Set() };
  const tree = await fundTree(db);
  return { all: false, funds: new Set(user.fundIds.flatMap((f) => familyOf(tree.children, f))) };
}

/** Bearer-token authentication for /api: sets `user` and `scope`, or answers 401. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const user = m?.[1] ? await loadUser(c.var.db, m[1]) : null;
  if (!user) throw new ApiError('unauthorized', m ? '令牌无效或已被吊销' : '缺少 Authorization: Bearer 令牌');
  c.set('user', user);
  c.set('scope', await scopeOf(c.var.db, user));
  await next();
};

const roleNames: Record<Role, string> = { admin: '管理员', staff: '平台工作人员', manager: '基金管理人', leader: '领导' };

/** Only these roles may go on; any other answers 403. */
export const allow =
  (...roles: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!roles.includes(c.var.user.role)) throw new ApiError('forbidden', `${roleNames[c.var.user.role]}无权执行此操作`);
    await next();
  };

export const readers = ['admin', 'staff', 'manager', 'leader'] as const satisfies Role[];
export const staffRoles = ['admin', 'staff'] as const satisfies Role[];

/** Whether the caller may see this fund; a manager sees only its funds' families. */
export function seesFund(c: Context<AppEnv>, fundId: number | null): boolean {
  const s = c.var.scope;
  return s.all || (fundId !== null && s.funds.has(fundId));
}

/** Throws the same 404 as a missing fund when the caller may not see it. */
export function assertFund(c: Context<AppEnv>, fundId: number | null, what = '基金') {
  if (!seesFund(c, fundId)) throw notFound(what, fundId ?? '');
}

/** The fund ids a list must be limited to, or null for every fund. */
export function fundFilter(c: Context<AppEnv>): number[] | null {
  return c.var.scope.all ? null : [...c.var.scope.funds];
}
