import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { and, count, eq, gt, lte } from 'drizzle-orm';
import { createSession, endSession, loadSession, newToken, SESSION_COOKIE, verifyPassword } from '../auth';
import { loginFailures, users } from '../db/schema';
import type { AppEnv } from '../env';
import { Layout } from './layout';

const LOGIN_CSRF = 'touyin_login_csrf';
const LOGIN_MAX_FAILURES = 5;
const LOGIN_WINDOW_MS = 15 * 60_000;

/** The login form, its throttled check and logout: the only pages without a session. */
export const login = new Hono<AppEnv>()
  .get('/login', (c) => {
    const token = newToken();
    setCookie(c, LOGIN_CSRF, token, { httpOnly: true, sameSite: 'Lax', path: '/login' });
    const failed = c.req.query('failed') === '1';
    return c.html(
      <Layout title="登录">
        <div class="card login">
          <h1>投引 touyin · 登录</h1>
          <p class="muted">政府引导基金放大倍数、返投与以投促引成效</p>
          {failed ? <div class="msg show error">用户名或密码不正确，或页面已过期，请重试。</div> : null}
          {c.req.query('locked') === '1' ? <div class="msg show error">该账号登录失败次数过多，请 15 分钟后再试。</div> : null}
          <form method="post" action="/login" class="grid">
            <input type="hidden" name="csrf" value={token} />
            <input type="hidden" name="next" value={c.req.query('next') ?? '/'} />
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
  .post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = typeof form.next === 'string' && form.next.startsWith('/') && !form.next.startsWith('//') ? form.next : '/';
    const fail = () => c.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
    if (!form.csrf || form.csrf !== getCookie(c, LOGIN_CSRF)) return fail();
    const db = c.var.db;
    const username = String(form.username ?? '').slice(0, 100);
    const now = c.var.options.now();
    // Guessing is throttled per username: after 5 failures in 15 minutes, no password is even checked.
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
    const recent = and(eq(loginFailures.username, username), gt(loginFailures.failedAt, since));
    const [{ failures } = { failures: 0 }] = await db.select({ failures: count() }).from(loginFailures).where(recent);
    if (failures >= LOGIN_MAX_FAILURES) return c.redirect(`/login?locked=1&next=${encodeURIComponent(next)}`, 303);
    const [u] = await db.select().from(users).where(eq(users.username, username));
    if (!u || u.revokedAt || !(await verifyPassword(String(form.password ?? ''), u.passwordHash))) {
      await db.delete(loginFailures).where(and(eq(loginFailures.username, username), lte(loginFailures.failedAt, since)));
      await db.insert(loginFailures).values({ username, failedAt: now.toISOString() });
      return fail();
    }
    await db.delete(loginFailures).where(eq(loginFailures.username, username));
    const s = await createSession(db, u.id, now);
    deleteCookie(c, LOGIN_CSRF, { path: '/login' });
    setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: s.maxAge, secure: new URL(c.req.url).protocol === 'https:' });
    return c.redirect(next, 303);
  })
  .post('/logout', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const form = await c.req.parseBody();
    const s = cookie ? await loadSession(c.var.db, cookie, c.var.options.now()) : null;
    if (cookie && s && form.csrf === s.csrf) {
      await endSession(c.var.db, cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    return c.redirect('/login', 303);
  });
