// The pages on Workers: a password login (PBKDF2 through WebCrypto in workerd), the session cookie, the cockpit
// and a write through the page session with its CSRF token — all on D1.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { create, fresh, get } from './client';

const url = (path: string) => `https://touyin.test${path}`;

describe('pages in workerd', () => {
  it('a staff member logs in, sees the cockpit, and records a unit through the page session', async () => {
    const username = fresh('staff-');
    await create('/api/users', { username, role: 'staff', password: 'worker-pass-1' });
    const login = await SELF.fetch(url('/login'));
    const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const loginCookie = login.headers.getSetCookie().find((c) => c.startsWith('touyin_login_csrf='))!.split(';')[0]!;
    const res = await SELF.fetch(url('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({ csrf, username, password: 'worker-pass-1', next: '/' }).toString(),
    });
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
    for (const [path, status, title] of [['/?asOf=2024-02-30', 400, '请求有误'], ['/projects/0', 400, '请求有误'], ['/no-such-page', 404, '未找到']] as const) {
      const page = await SELF.fetch(url(path), { headers: { cookie } });
      expect(page.status, path).toBe(status);
      expect(page.headers.get('content-type'), path).toContain('text/html');
      expect(await page.text(), path).toContain(`<h1>${title}</h1>`);
    }

    const name = fresh('页面录入区');
    const refused = await SELF.fetch(url('/api/units'), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
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
});
