// Idempotency-Key rows: no API token is ever stored in them, they expire after a day, the answer is saved with the
// write (a crash after the commit leaves it for the retry), and a claim left by a request that died expires after
// the lease (issue 21.4).
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { hashToken } from '../../src/auth';
import { LEASE_MS } from '../../src/idempotency';
import { ADMIN_TOKEN, TODAY, testApp, type TestApp } from '../helpers';

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
    expect(
      (await t.call('POST', '/api/units', { name: '弋江区' }, { headers })).headers.get('idempotent-replayed'),
    ).toBe('true');
    const at = (iso: string) => {
      const app = createApp(() => t.db, { now: () => new Date(iso) });
      return (path: string, body: unknown, key: string) =>
        app.request(path, {
          method: 'POST',
          headers: {
            authorization: 'Bearer test-admin-token',
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
        });
    };
    const rows = () => t.sqlite.prepare('select key from idempotency_keys order by key').all();
    // 23 h 59 min later the key still replays.
    expect(
      (await at('2026-11-23T03:59:00.000Z')('/api/units', { name: '弋江区' }, 'unit-1')).headers.get(
        'idempotent-replayed',
      ),
    ).toBe('true');
    // A day and a minute later another keyed POST deletes it, and the same key with another body is a new request.
    const later = at('2026-11-23T04:01:00.000Z');
    expect((await later('/api/units', { name: '鸠江区' }, 'unit-2')).status).toBe(201);
    expect(rows()).toEqual([{ key: 'unit-2' }]);
    expect((await later('/api/units', { name: '镜湖区' }, 'unit-1')).status).toBe(201);
  });
});

/**
 * Makes the connection die (every later statement throws, as after a SIGKILL nothing more reaches the database) the
 * moment the first write to `table` is committed: right after its statement outside a transaction, or right after
 * the transaction holding it commits. Answers the function that brings the connection back.
 */
function dieAfterCommitTo(sqlite: Database.Database, table: string) {
  let wrote = false;
  let dead = false;
  const killed = () => {
    dead = true;
    throw new Error('the process was killed');
  };
  const { prepare, transaction } = sqlite;
  sqlite.prepare = ((source: string) => {
    if (dead) throw new Error('the process was killed');
    const stmt = prepare.call(sqlite, source);
    if (!source.toLowerCase().startsWith(`insert into "${table}"`)) return stmt;
    for (const m of ['all', 'get', 'run'] as const) {
      const run = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        const r = run(...a);
        wrote = true;
        if (!sqlite.inTransaction) killed();
        return r;
      };
    }
    return stmt;
  }) as typeof sqlite.prepare;
  sqlite.transaction = ((fn: (...a: unknown[]) => unknown) => {
    const tx = transaction.call(sqlite, fn) as unknown as Record<string, (...a: unknown[]) => unknown>;
    const after = (r: unknown) => (wrote ? killed() : r);
    const wrapped = Object.assign((...a: unknown[]) => after(tx.default!(...a)), {
      deferred: (...a: unknown[]) => after(tx.deferred!(...a)),
      immediate: (...a: unknown[]) => after(tx.immediate!(...a)),
      exclusive: (...a: unknown[]) => after(tx.exclusive!(...a)),
    });
    return wrapped;
  }) as unknown as typeof sqlite.transaction;
  return () => {
    sqlite.prepare = prepare;
    sqlite.transaction = transaction;
  };
}

describe('Idempotency-Key after a crash', () => {
  const unitRows = (t: TestApp) =>
    t.sqlite.prepare('select id, name from units order by id').all() as { id: number; name: string }[];
  const keyRow = (t: TestApp, key: string) =>
    t.sqlite.prepare('select status, created_at as createdAt from idempotency_keys where key = ?').get(key) as
      { status: number; createdAt: string } | undefined;

  it('a crash after the commit: the answer was saved with the write, so the retry replays it and writes nothing more', async () => {
    const t = await testApp();
    const headers = { 'idempotency-key': 'unit-crash-1' };
    const revive = dieAfterCommitTo(t.sqlite, 'units');
    const first = await t.call('POST', '/api/units', { name: '弋江区' }, { headers }).catch(() => null);
    revive();
    expect(first?.status ?? 500).toBe(500); // the client learnt nothing
    const [unit] = unitRows(t);
    expect(unit?.name).toBe('弋江区'); // but the write committed
    expect(keyRow(t, 'unit-crash-1')?.status).toBe(201);
    const retry = await t.call('POST', '/api/units', { name: '弋江区' }, { headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(await t.ok('GET', `/api/units/${unit!.id}`));
    expect(unitRows(t)).toHaveLength(1);
  });

  it('a crash between the claim and the answer (a reservation left behind): within the lease 409, once it has passed the retry proceeds', async () => {
    const t = await testApp();
    const body = JSON.stringify({ name: '鸠江区' });
    const claimedAt = new Date(`${TODAY}T04:00:00Z`);
    t.sqlite
      .prepare(
        "insert into idempotency_keys (user_id, key, request_hash, status, body, created_at) values (1, ?, ?, 0, '', ?)",
      )
      // The hash the middleware takes: method, path and the body's bytes read as latin1.
      .run(
        'unit-left',
        await hashToken(`POST /api/units\n${new TextDecoder('latin1').decode(new TextEncoder().encode(body))}`),
        claimedAt.toISOString(),
      );
    const at = (ms: number) => {
      const app = createApp(() => t.db, { now: () => new Date(claimedAt.getTime() + ms) });
      return app.request('/api/units', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': 'unit-left',
        },
        body,
      });
    };
    const early = await at(LEASE_MS - 1000);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain('仍在处理中');
    expect(unitRows(t)).toHaveLength(0);
    const late = await at(LEASE_MS + 1000);
    expect(late.status).toBe(201);
    expect(unitRows(t)).toEqual([{ id: ((await late.json()) as { id: number }).id, name: '鸠江区' }]);
    // The key now holds that answer: the next retry replays it.
    const again = await at(LEASE_MS + 2000);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(unitRows(t)).toHaveLength(1);
    // Another body under a key left behind is still another request.
    t.sqlite
      .prepare(
        "insert into idempotency_keys (user_id, key, request_hash, status, body, created_at) values (1, ?, ?, 0, '', ?)",
      )
      .run('unit-left-2', 'another-hash', claimedAt.toISOString());
    expect(
      (await t.call('POST', '/api/units', { name: '镜湖区' }, { headers: { 'idempotency-key': 'unit-left-2' } }))
        .status,
    ).toBe(409);
  });

  it('a request whose lease a retry took over does not write: its transaction is refused with the answer', async () => {
    const t = await testApp();
    const { prepare } = t.sqlite;
    // While the first request runs, its lease passes and a retry takes the key over (its claim time changes).
    t.sqlite.prepare = ((source: string) => {
      if (source.toLowerCase().startsWith('insert into "units"'))
        prepare.call(t.sqlite, "update idempotency_keys set created_at = '2026-11-22T04:00:31.000Z'").run([]);
      return prepare.call(t.sqlite, source);
    }) as typeof t.sqlite.prepare;
    const r = await t.call('POST', '/api/units', { name: '三山区' }, { headers: { 'idempotency-key': 'unit-taken' } });
    t.sqlite.prepare = prepare;
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('接管');
    expect(unitRows(t)).toHaveLength(0);
  });
});
