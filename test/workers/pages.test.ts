// The pages on Workers: a password login (PBKDF2 through WebCrypto in workerd), the session cookie, the cockpit
// and a write through the page session with its CSRF token — all on D1.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, create, fresh, get, ok } from './client';

const url = (path: string) => `https://touyin.test${path}`;

/** Posts the login form (after fetching it for its CSRF token) from one client address. */
async function login(username: string, password: string, address = '192.0.2.1') {
  const form = await SELF.fetch(url('/login'));
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const loginCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('touyin_login_csrf='))!
    .split(';')[0]!;
  return SELF.fetch(url('/login'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie, 'cf-connecting-ip': address },
    body: new URLSearchParams({ csrf, username, password, next: '/' }).toString(),
  });
}

describe('pages in workerd', () => {
  it('a staff member logs in, sees the cockpit, and records a unit through the page session', async () => {
    const username = fresh('staff-');
    await create('/api/users', { username, role: 'staff', password: 'worker-pass-1' });
    const res = await login(username, 'worker-pass-1');
    expect(res.status).toBe(303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('touyin_session='))!;
    expect(session).toContain('HttpOnly');
    expect(session).toContain('Secure'); // served over https here, so the cookie is Secure
    const cookie = session.split(';')[0]!;

    const cockpit = await SELF.fetch(url('/'), { headers: { cookie } });
    expect(cockpit.status).toBe(200);
    const html = await cockpit.text();
    expect(html).toContain('以投促引驾驶舱');
    expect(html).toContain('data-chart="spec-sankey"');
    const pageCsrf = /<meta name="csrf" content="([^"]+)"/.exec(html)![1]!;
    // Every page reads with this visitor in-process (the D1 binding travels along); bad input and unknown paths are pages.
    expect((await SELF.fetch(url('/records'), { headers: { cookie } })).status).toBe(200);
    for (const [path, status, title] of [
      ['/?asOf=2024-02-30', 400, '请求有误'],
      ['/projects/0', 400, '请求有误'],
      ['/no-such-page', 404, '未找到'],
    ] as const) {
      const page = await SELF.fetch(url(path), { headers: { cookie } });
      expect(page.status, path).toBe(status);
      expect(page.headers.get('content-type'), path).toContain('text/html');
      expect(await page.text(), path).toContain(`<h1>${title}</h1>`);
    }

    const name = fresh('页面录入区');
    const refused = await SELF.fetch(url('/api/units'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    expect(refused.status).toBe(403);
    const made = await SELF.fetch(url('/api/units'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': pageCsrf },
      body: JSON.stringify({ name }),
    });
    expect(made.status).toBe(201);
    expect((await get('/api/units?limit=500')).body.items.filter((u: any) => u.name === name)).toHaveLength(1);
  });

  it('the stylesheet and script are served by the worker itself', async () => {
    const css = await SELF.fetch(url('/assets/touyin.css'));
    expect(css.headers.get('content-type')).toContain('text/css');
    const js = await SELF.fetch(url('/assets/touyin.js'));
    expect(js.headers.get('content-type')).toContain('javascript');
  });

  it('on D1 too, failed logins are counted before the password is checked: parallel guesses lock the username', async () => {
    const username = fresh('lead-');
    await create('/api/users', { username, role: 'leader', password: 'worker-pass-1' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(username, `guess-${i}`, '192.0.2.2')));
    expect(answers.filter((a) => a.headers.get('location')?.includes('locked=1')).length).toBeGreaterThanOrEqual(7);
    expect((await login(username, 'worker-pass-1', '192.0.2.2')).headers.get('location')).toContain('locked=1');
  });

  it('revoking a user ends its sessions in the same D1 batch; a re-issued token does not bring them back', async () => {
    const username = fresh('lead-');
    const user = await create('/api/users', { username, role: 'leader', password: 'worker-pass-1' });
    const cookie = (await login(username, 'worker-pass-1', '192.0.2.3')).headers
      .getSetCookie()
      .find((c) => c.startsWith('touyin_session='))!
      .split(';')[0]!;
    expect((await SELF.fetch(url('/api/me'), { headers: { cookie } })).status).toBe(200);
    await ok('POST', `/api/users/${user.id}/revoke`);
    await ok('POST', `/api/users/${user.id}/token`);
    expect((await SELF.fetch(url('/api/me'), { headers: { cookie } })).status).toBe(401);
  });

  it('answers carry the security headers', async () => {
    const page = await SELF.fetch(url('/login'));
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await call('GET', '/api/me')).headers.get('x-frame-options')).toBe('DENY');
  });
});
