// The web session: password login → an HttpOnly, SameSite=Lax cookie; every write made with it needs the CSRF token.
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { testApp, TODAY, type TestApp } from '../helpers';

async function login(
  t: TestApp,
  username: string,
  password: string,
  app = t.app,
  { next = '/projects', headers = {} }: { next?: string; headers?: Record<string, string> } = {},
) {
  const page = await app.request('/login');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const loginCookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie, ...headers },
    body: new URLSearchParams({ csrf, username, password, next }).toString(),
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

  it('a sign-in or sign-out body over 16 KB is refused with 413 before it is read: no attempt recorded, no session', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { res } = await login(t, 'lead-one', 'x'.repeat(20_000));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('请求体过大');
    expect(res.headers.getSetCookie().join('\n')).not.toContain('touyin_session=ty_');
    expect(t.sqlite.prepare('select count(*) as n from login_failures').get()).toEqual({ n: 0 });
    const out = await t.app.request('/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${'y'.repeat(20_000)}`,
    });
    expect(out.status).toBe(413);
    // An ordinary form still signs in.
    expect((await login(t, 'lead-one', 'secret-pass-1')).cookie).toMatch(/^touyin_session=ty_/);
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
      t.app.request('/api/units', {
        method: 'POST',
        headers: { cookie: session, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: '会话测试区' }),
      });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: 'forbidden', message: '页面已过期（CSRF 校验失败），请刷新后重试' },
    });
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
    for (let i = 0; i < 5; i++)
      expect((await login(t, 'lead-one', `guess-${i}`)).res.headers.get('location')).toContain('failed=1');
    const locked = await login(t, 'lead-one', 'secret-pass-1');
    expect(locked.res.headers.get('location')).toContain('locked=1');
    expect(locked.cookie).toBe('');
    expect(await (await t.app.request('/login?locked=1')).text()).toContain('登录失败次数过多');
    // Another username is not affected.
    expect((await login(t, 'lead-two', 'secret-pass-2')).cookie).toMatch(/^touyin_session=/);
    // 15 minutes and a second after the clock of these tests (04:00Z), the right password works and clears the count.
    const later = createApp(() => t.db, { now: () => new Date(`${TODAY}T04:15:01Z`) });
    expect((await login(t, 'lead-one', 'secret-pass-1', later)).cookie).toMatch(/^touyin_session=/);
    expect(t.sqlite.prepare("select count(*) as n from login_failures where username = 'lead-one'").get()).toEqual({
      n: 0,
    });
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

/** Counts the PBKDF2 derivations (password checks) made while `run` runs. */
async function passwordChecks(run: () => Promise<unknown>) {
  const spy = vi.spyOn(crypto.subtle, 'deriveBits');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('login hardening', () => {
  it.each([
    ['/\\evil.example/x'],
    ['/\t/evil.example/x'],
    ['/\n/evil.example/x'],
    ['//evil.example/x'],
    ['/\\/evil.example'],
    ['\\\\evil.example'],
    ['https://evil.example/x'],
    ['javascript:alert(1)'],
    ['/\u0000/evil.example'],
    [' /projects'],
  ])('next=%j does not leave the site', async (next) => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { res } = await login(t, 'lead-one', 'secret-pass-1', t.app, { next });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const failed = await login(t, 'lead-one', 'wrong-password', t.app, { next });
    expect(failed.res.headers.get('location')).toBe('/login?failed=1&next=%2F');
  });

  it('a same-site path with its query survives; the login form carries only a same-site next', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { res } = await login(t, 'lead-one', 'secret-pass-1', t.app, { next: '/projects?stage=signed&q=芜湖' });
    expect(res.headers.get('location')).toBe('/projects?stage=signed&q=%E8%8A%9C%E6%B9%96');
    const form = await (await t.app.request(`/login?next=${encodeURIComponent('/\\evil.example/x')}`)).text();
    expect(form).toContain('name="next" value="/"');
  });

  it('40 parallel wrong passwords for one username get at most 5 password checks, then the right one is refused too', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const pages = await Promise.all(Array.from({ length: 40 }, () => t.app.request('/login')));
    const forms = await Promise.all(
      pages.map(async (p) => ({
        csrf: /name="csrf" value="([^"]+)"/.exec(await p.text())![1]!,
        cookie: p.headers.get('set-cookie')!.split(';')[0]!,
      })),
    );
    let answers: Response[] = [];
    const checks = await passwordChecks(async () => {
      answers = await Promise.all(
        forms.map((f, i) =>
          t.app.request('/login', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie },
            body: new URLSearchParams({ csrf: f.csrf, username: 'lead-one', password: `guess-${i}` }).toString(),
          }),
        ),
      );
    });
    expect(checks).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.headers.get('location')?.includes('locked=1'))).toHaveLength(35);
    expect((await login(t, 'lead-one', 'secret-pass-1')).res.headers.get('location')).toContain('locked=1');
  });

  it('one client address may fail 30 times in 15 minutes over all usernames; X-Forwarded-For counts only behind a trusted proxy', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const peer = (c: { req: { header: (n: string) => string | undefined } }) => c.req.header('x-test-peer');
    const direct = createApp(() => t.db, { now: () => new Date(`${TODAY}T04:00:00Z`), clientAddress: peer });
    const from = (address: string, forwarded?: string) => ({
      headers: { 'x-test-peer': address, ...(forwarded && { 'x-forwarded-for': forwarded }) },
    });
    for (let i = 0; i < 30; i++) {
      // A forged X-Forwarded-For changes nothing when no proxy is trusted.
      const r = await login(t, `nobody-${i}`, 'secret-pass-1', direct, from('203.0.113.7', `198.51.100.${i}`));
      expect(r.res.headers.get('location')).toContain('failed=1');
    }
    expect(
      (await login(t, 'lead-one', 'secret-pass-1', direct, from('203.0.113.7'))).res.headers.get('location'),
    ).toContain('locked=1');
    expect((await login(t, 'lead-one', 'secret-pass-1', direct, from('203.0.113.8'))).cookie).toMatch(
      /^touyin_session=/,
    );

    const proxied = createApp(() => t.db, {
      now: () => new Date(`${TODAY}T04:00:00Z`),
      clientAddress: () => '10.0.0.1',
      trustProxy: true,
    });
    // Behind the proxy, the address it saw (the last X-Forwarded-For entry) is the one that counts.
    expect(
      (await login(t, 'lead-one', 'secret-pass-1', proxied, from('x', '198.51.100.1, 203.0.113.7'))).res.headers.get(
        'location',
      ),
    ).toContain('locked=1');
    expect(
      (await login(t, 'lead-one', 'secret-pass-1', proxied, from('x', '203.0.113.7, 198.51.100.1'))).cookie,
    ).toMatch(/^touyin_session=/);
  });

  it.each([
    ['an unknown username', 'nobody'],
    ['a revoked user', 'gone'],
    ['a user without a password', 'api-only'],
  ])('%s costs one password check, like a wrong password', async (_what, username) => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const gone = await t.create('/api/users', { username: 'gone', role: 'leader', password: 'secret-pass-1' });
    await t.ok('POST', `/api/users/${gone.id}/revoke`);
    await t.create('/api/users', { username: 'api-only', role: 'leader' });
    expect(await passwordChecks(() => login(t, 'lead-one', 'wrong-password'))).toBe(1);
    expect(await passwordChecks(() => login(t, username, 'secret-pass-1'))).toBe(1);
  });

  it('expired sessions and login failures older than the window are deleted at the next login', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    await login(t, 'lead-one', 'secret-pass-1');
    await login(t, 'someone', 'guess');
    const count = (table: string) => (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect([count('sessions'), count('login_failures')]).toEqual([1, 1]);
    const later = createApp(() => t.db, { now: () => new Date(`${TODAY}T16:00:01Z`) });
    await login(t, 'lead-one', 'secret-pass-1', later);
    expect([count('sessions'), count('login_failures')]).toEqual([1, 0]); // only the new session
  });

  it('cookies carry Secure when told to, or behind a trusted proxy that says https; a forged X-Forwarded-Proto is ignored', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const secure = (cookie: string) => /;\s*Secure/i.test(cookie);
    const https = { headers: { 'x-forwarded-proto': 'https' } };
    expect(secure((await login(t, 'lead-one', 'secret-pass-1', t.app, https)).cookie)).toBe(false);
    const always = createApp(() => t.db, { now: () => new Date(`${TODAY}T04:00:00Z`), secureCookies: true });
    expect(secure((await login(t, 'lead-one', 'secret-pass-1', always)).cookie)).toBe(true);
    const proxied = createApp(() => t.db, { now: () => new Date(`${TODAY}T04:00:00Z`), trustProxy: true });
    expect(secure((await login(t, 'lead-one', 'secret-pass-1', proxied, https)).cookie)).toBe(true);
    expect(secure((await login(t, 'lead-one', 'secret-pass-1', proxied)).cookie)).toBe(false);
  });
});

describe('revoking ends web sessions', () => {
  const sessionsOf = (t: TestApp, userId: number) =>
    (t.sqlite.prepare('select count(*) as n from sessions where user_id = ?').get(userId) as { n: number }).n;

  it('revoking deletes the user’s sessions; re-issuing its token does not bring them back', async () => {
    const t = await testApp();
    const leader = await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { session } = await sessionOf(t, 'lead-one', 'secret-pass-1');
    await sessionOf(t, 'lead-one', 'secret-pass-1'); // a second browser
    expect(sessionsOf(t, leader.id)).toBe(2);
    await t.ok('POST', `/api/users/${leader.id}/revoke`);
    expect(sessionsOf(t, leader.id)).toBe(0);
    const reissued = await t.ok('POST', `/api/users/${leader.id}/token`);
    expect((await t.get('/api/me', reissued.token)).status).toBe(200);
    expect((await t.app.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
    expect((await t.app.request('/', { headers: { cookie: session } })).headers.get('location')).toBe(
      '/login?next=%2F',
    );
    expect((await sessionOf(t, 'lead-one', 'secret-pass-1')).csrf).toMatch(/^ty_/); // the password still logs in afresh
  });

  it('a session left over from a revocation made before sessions were ended does not come back with a new token', async () => {
    const t = await testApp();
    const leader = await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { session } = await sessionOf(t, 'lead-one', 'secret-pass-1');
    t.sqlite
      .prepare("update users set revoked_at = '2026-11-01T00:00:00.000Z', token_hash = null where id = ?")
      .run(leader.id);
    await t.ok('POST', `/api/users/${leader.id}/token`);
    expect((await t.app.request('/api/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('re-issuing the token of a user that is not revoked keeps its sessions', async () => {
    const t = await testApp();
    const leader = await t.create('/api/users', { username: 'lead-one', role: 'leader', password: 'secret-pass-1' });
    const { session } = await sessionOf(t, 'lead-one', 'secret-pass-1');
    await t.ok('POST', `/api/users/${leader.id}/token`);
    expect((await t.app.request('/api/me', { headers: { cookie: session } })).status).toBe(200);
  });
});
