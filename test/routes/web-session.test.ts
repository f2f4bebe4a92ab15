// The web session: password login → an HttpOnly, SameSite=Lax cookie; every write made with it needs the CSRF token.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { testApp, TODAY, type TestApp } from '../helpers';

async function login(t: TestApp, username: string, password: string, app = t.app) {
  const page = await app.request('/login');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const loginCookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, username, password, next: '/projects' }).toString(),
  });
  return { res, cookie: res.headers.getSetCookie().find((c) => c.startsWith('touyin_session=')) ?? '' };
}

async function sessionOf(t: TestApp, username: string, password: string) {
  const { cookie } = await login(t, username, password);
  const session = cookie.split(';')[0]!;
  const home = await t.app.request('/', { headers: { cookie: session } });
  const csrf = /<meta name="csrf" content="([^"]+)"/.exec(await home.text())![1]!;
  return { session, csrf };
}

describe('web session', () => {
  it('a right password gives an HttpOnly SameSite=Lax session cookie and goes where the visitor was headed', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { res, cookie } = await login(t, 'lead-one', 'secret-pass-1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/projects');
    expect(cookie).toMatch(/^touyin_session=ty_[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
  });

  it.each([
    ['a wrong password', 'lead-one', 'not-it'],
    ['an unknown user', 'nobody', 'secret-pass-1'],
  ])('%s is refused without a session', async (_n, username, password) => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { res, cookie } = await login(t, username, password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login?failed=1');
    expect(cookie).not.toContain('touyin_session=ty_');
  });

  it('a login form without its CSRF cookie is refused', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged', username: 'lead-one', password: 'secret-pass-1' }).toString(),
    });
    expect(res.headers.get('location')).toContain('failed=1');
    expect(res.headers.getSetCookie().join('\n')).not.toContain('touyin_session=ty_');
  });

  it('with the cookie, reads work; a write needs X-CSRF-Token (403 and nothing written without it)', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'staff-one', role: 'staff', password: 'secret-pass-1' });
    const { session, csrf } = await sessionOf(t, 'staff-one', 'secret-pass-1');
    const me = await t.app.request('/api/me', { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ username: 'staff-one', role: 'staff' });
    const post = (headers: Record<string, string>) =>
      t.app.request('/api/units', { method: 'POST', headers: { cookie: session, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: '会话测试区' }) });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: '页面已过期（CSRF 校验失败），请刷新后重试' } });
    expect((await post({ 'x-csrf-token': 'ty_wrong' })).status).toBe(403);
    expect((await t.get('/api/units')).body.items).toEqual([]);
    const ok = await post({ 'x-csrf-token': csrf });
    expect(ok.status).toBe(201);
    const audit = (await t.get('/api/audit?entity=units')).body.items;
    const staff = (await t.get('/api/users')).body.items.find((u: any) => u.username === 'staff-one');
    expect(audit.map((a: any) => a.userId)).toEqual([staff.id]); // the write is the person's, made through the page
  });

  it('logout ends the session; a session also ends after 12 hours', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { session, csrf } = await sessionOf(t, 'lead-one', 'secret-pass-1');
    const later = createApp(() => t.db, { now: () => new Date(`${TODAY}T16:00:01Z`) }); // 12 h 0 min 1 s after 04:00
    expect((await later.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
    expect((await t.app.request('/api/me', { headers: { cookie: session } })).status).toBe(200);
    const out = await t.app.request('/logout', {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(out.status).toBe(303);
    expect((await t.app.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
    const page = await t.app.request('/', { headers: { cookie: session } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2F');
  });

  it('pages a role may not use answer 403 in HTML; a revoked user’s session stops working', async () => {
    const t = await testApp();
    const leader = await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { session } = await sessionOf(t, 'lead-one', 'secret-pass-1');
    for (const path of ['/review', '/records', '/projects/new', '/import']) {
      const res = await t.app.request(path, { headers: { cookie: session } });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    await t.ok('POST', `/api/users/${leader.id}/revoke`);
    expect((await t.app.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('five wrong passwords in 15 minutes lock that username (even the right password is refused) until the window passes', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    await t.create('/api/users', { username: 'lead-two', role: 'leader', password: 'secret-pass-2' });
    for (let i = 0; i < 5; i++) expect((await login(t, 'lead-one', `guess-${i}`)).res.headers.get('location')).toContain('failed=1');
    const locked = await login(t, 'lead-one', 'secret-pass-1');
    expect(locked.res.headers.get('location')).toContain('locked=1');
    expect(locked.cookie).toBe('');
    expect(await (await t.app.request('/login?locked=1')).text()).toContain('登录失败次数过多');
    // Another username is not affected.
    expect((await login(t, 'lead-two', 'secret-pass-2')).cookie).toMatch(/^touyin_session=/);
    // 15 minutes and a second after the clock of these tests (04:00Z), the right password works and clears the count.
    const later = createApp(() => t.db, { now: () => new Date(`${TODAY}T04:15:01Z`) });
    expect((await login(t, 'lead-one', 'secret-pass-1', later)).cookie).toMatch(/^touyin_session=/);
    expect(t.sqlite.prepare("select count(*) as n from login_failures where username = 'lead-one'").get()).toEqual({ n: 0 });
  });

  it('four failures then a success clear the count', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    for (let i = 0; i < 4; i++) await login(t, 'lead-one', `guess-${i}`);
    expect((await login(t, 'lead-one', 'secret-pass-1')).cookie).toMatch(/^touyin_session=/);
    for (let i = 0; i < 4; i++) await login(t, 'lead-one', `guess-${i}`);
    expect((await login(t, 'lead-one', 'secret-pass-1')).cookie).toMatch(/^touyin_session=/);
  });
});
