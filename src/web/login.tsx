import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { eq, lte, sql } from 'drizzle-orm';
import { createSession, endSession, loadSession, newToken, SESSION_COOKIE, verifyPassword } from '../auth';
import { loginFailures, users } from '../db/schema';
import type { AppEnv } from '../app-types';
import { Layout } from './layout';

const LOGIN_CSRF = 'touyin_login_csrf';
const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failed logins one username may have in the window; further attempts are refused without checking a password. */
const LOGIN_MAX_FAILURES = 5;
/**
 * Failed logins one client address may have in the window, over all usernames: stops trying one password on many
 * accounts, and leaves room for an office whose staff share one address.
 */
const SOURCE_MAX_FAILURES = 30;

/** Where to go after login: a path on this site, else '/'. Backslashes, control characters and other origins are refused. */
function sameSitePath(next: unknown): string {
  // eslint-disable-next-line no-control-regex -- a control character in `next` is what is refused
  if (typeof next !== 'string' || !next.startsWith('/') || /[\\\x00-\x1f\x7f]/.test(next)) return '/';
  try {
    const url = new URL(next, 'http://touyin.invalid');
    return url.origin === 'http://touyin.invalid' ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}

/** The client's address: what the proxy saw when one is trusted, else the runtime's own (see AppOptions). */
function sourceOf(c: Context<AppEnv>): string {
  const o = c.var.options;
  const forwarded = o.trustProxy ? c.req.header('x-forwarded-for')?.split(',').pop()?.trim() : undefined;
  return (forwarded || o.clientAddress(c) || '').slice(0, 100);
}

/** Cookies carry Secure on https, behind a trusted TLS proxy, or always when the site says so. */
function secureCookies(c: Context<AppEnv>): boolean {
  const o = c.var.options;
  if (o.secureCookies || new URL(c.req.url).protocol === 'https:') return true;
  return o.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/**
 * Records a login attempt unless the username or the client address already has too many recent failures, in one
 * statement (so parallel attempts cannot all slip under the limit); answers whether it was recorded. Attempts older
 * than the window are deleted first.
 */
async function recordAttempt(c: Context<AppEnv>, username: string, now: Date): Promise<boolean> {
  const db = c.var.db;
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const source = sourceOf(c);
  await db.delete(loginFailures).where(lte(loginFailures.failedAt, since));
  const recorded = await db
    .insert(loginFailures)
    .select(
      sql`select null, ${username}, ${source}, ${now.toISOString()}
          where (select count(*) from login_failures where username = ${username} and failed_at > ${since}) < ${LOGIN_MAX_FAILURES}
            and (select count(*) from login_failures where source = ${source} and failed_at > ${since}) < ${SOURCE_MAX_FAILURES}`,
    )
    .returning({ id: loginFailures.id });
  return recorded.length > 0;
}

/** A sign-in or sign-out form is a few hundred bytes: anything over 16 KB is refused before it is read. */
const formLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('请求体过大（登录表单上限 16 KB）', 413) });

export const login = new Hono<AppEnv>()
  .get('/login', (c) => {
    const token = newToken();
    setCookie(c, LOGIN_CSRF, token, { httpOnly: true, sameSite: 'Lax', path: '/login', secure: secureCookies(c) });
    const failed = c.req.query('failed') === '1';
    return c.html(
      <Layout title="登录">
        <div class="card login">
          <h1>投引 touyin · 登录</h1>
          <p class="muted">政府引导基金放大倍数、返投与以投促引成效</p>
          {failed ? <div class="msg show error">用户名或密码不正确，或页面已过期，请重试。</div> : null}
          {c.req.query('locked') === '1' ? (
            <div class="msg show error">登录失败次数过多，请 15 分钟后再试。</div>
          ) : null}
          <form method="post" action="/login" class="grid">
            <input type="hidden" name="csrf" value={token} />
            <input type="hidden" name="next" value={sameSitePath(c.req.query('next'))} />
            <label>
              用户名
              <input name="username" autocomplete="username" required autofocus />
            </label>
            <label>
              密码
              <input name="password" type="password" autocomplete="current-password" required />
            </label>
            <button class="primary" type="submit">
              登录
            </button>
          </form>
        </div>
      </Layout>,
    );
  })
  .post('/login', formLimit, async (c) => {
    const form = await c.req.parseBody();
    const next = sameSitePath(form.next);
    const fail = () => c.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
    if (!form.csrf || form.csrf !== getCookie(c, LOGIN_CSRF)) return fail();
    const db = c.var.db;
    const username = (typeof form.username === 'string' ? form.username : '').slice(0, 100);
    const now = c.var.options.now();
    // The attempt counts as a failure from before its password is checked until it succeeds.
    if (!(await recordAttempt(c, username, now)))
      return c.redirect(`/login?locked=1&next=${encodeURIComponent(next)}`, 303);
    const [u] = await db.select().from(users).where(eq(users.username, username));
    const usable = u && !u.revokedAt ? u : undefined;
    if (
      !(await verifyPassword(typeof form.password === 'string' ? form.password : '', usable?.passwordHash ?? null)) ||
      !usable
    )
      return fail();
    await db.delete(loginFailures).where(eq(loginFailures.username, username));
    const s = await createSession(db, usable.id, now);
    const secure = secureCookies(c);
    deleteCookie(c, LOGIN_CSRF, { path: '/login', secure });
    setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: s.maxAge, secure });
    return c.redirect(next, 303);
  })
  .post('/logout', formLimit, async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const form = await c.req.parseBody();
    const s = cookie ? await loadSession(c.var.db, cookie, c.var.options.now(), c.var.options.migrationsTable) : null;
    if (cookie && s && form.csrf === s.csrf) {
      await endSession(c.var.db, cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    return c.redirect('/login', 303);
  });
