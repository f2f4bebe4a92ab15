// Idempotency-Key rows: no API token is ever stored in them, and they expire after a day.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { testApp, type TestApp } from '../helpers';

/** Every text value in every table, to search for a secret at rest. */
function everything(t: TestApp): string {
  const tables = t.sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(t.sqlite.prepare(`select * from "${name}"`).all())).join('\n');
}

describe('Idempotency-Key', () => {
  it('POST /api/users: the token is answered once and stored nowhere; a replay answers the same user without it and creates nothing', async () => {
    const t = await testApp();
    const headers = { 'idempotency-key': 'user-staff-one' };
    const first = await t.call('POST', '/api/users', { username: 'staff-one', role: 'staff' }, { headers });
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^ty_/);
    expect(everything(t)).not.toContain(first.body.token);
    const replay = await t.call('POST', '/api/users', { username: 'staff-one', role: 'staff' }, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const { token, ...user } = first.body;
    expect(replay.body).toEqual(user);
    expect((await t.get('/api/users')).body.items).toHaveLength(2); // the admin and staff-one, once
    expect((await t.get('/api/me', token)).body.username).toBe('staff-one');
  });

  it('POST /api/users/:id/token: the new token is stored nowhere; a replay answers the user without it and issues no other', async () => {
    const t = await testApp();
    const staff = await t.userWith('staff');
    const headers = { 'idempotency-key': 'reissue-1' };
    const first = await t.call('POST', `/api/users/${staff.id}/token`, undefined, { headers });
    expect(first.status).toBe(200);
    expect(everything(t)).not.toContain(first.body.token);
    const replay = await t.call('POST', `/api/users/${staff.id}/token`, undefined, { headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).not.toHaveProperty('token');
    expect(replay.body).toMatchObject({ id: staff.id, version: first.body.version });
    expect((await t.get('/api/me', first.body.token)).status).toBe(200); // still the token that was issued
  });

  it('keys are kept for a day: after that the same key is a new request, and old rows are deleted', async () => {
    const t = await testApp();
    const headers = { 'idempotency-key': 'unit-1' };
    expect((await t.call('POST', '/api/units', { name: '弋江区' }, { headers })).status).toBe(201);
    expect((await t.call('POST', '/api/units', { name: '弋江区' }, { headers })).headers.get('idempotent-replayed')).toBe('true');
    const at = (iso: string) => {
      const app = createApp(() => t.db, { now: () => new Date(iso) });
      return (path: string, body: unknown, key: string) =>
        app.request(path, { method: 'POST', headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
    };
    const rows = () => t.sqlite.prepare('select key from idempotency_keys order by key').all();
    // 23 h 59 min later the key still replays.
    expect((await at('2026-11-23T03:59:00.000Z')('/api/units', { name: '弋江区' }, 'unit-1')).headers.get('idempotent-replayed')).toBe('true');
    // A day and a minute later another keyed POST deletes it, and the same key with another body is a new request.
    const later = at('2026-11-23T04:01:00.000Z');
    expect((await later('/api/units', { name: '鸠江区' }, 'unit-2')).status).toBe(201);
    expect(rows()).toEqual([{ key: 'unit-2' }]);
    expect((await later('/api/units', { name: '镜湖区' }, 'unit-1')).status).toBe(201);
  });
});
