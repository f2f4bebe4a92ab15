// One target per (unit or fund, year, metric) (issue 21.3): a second is 409 whether it comes after the first or
// races it, so the 擂台赛 score counts each goal once; a change is PATCH /api/targets/:id with If-Match (412 when
// stale). Migration 0019 keeps the newest of existing duplicates and audits the deletion of the others.
import { beforeEach, describe, expect, it } from 'vitest';
import { databaseBefore, migrateToLatest, testApp, type TestApp } from '../helpers';

let t: TestApp;
let unit: number;
let fund: number;
beforeEach(async () => {
  t = await testApp();
  unit = (await t.create<{ id: number }>('/api/units', { name: '鸠江区', peerGroup: '城区' })).id;
  fund = (await t.create<{ id: number }>('/api/funds', { name: '鸠江区产业母基金', level: 'mother' })).id;
});

const targetRows = () =>
  t.sqlite.prepare('select unit_id as unitId, fund_id as fundId, year, metric, value from targets order by id').all();

describe('POST /api/targets', () => {
  it('a second target for the same unit, year and metric is 409 naming the first; another year, metric or owner is not', async () => {
    const first = await t.create<{ id: number }>('/api/targets', {
      unitId: unit,
      year: 2026,
      metric: 'signed',
      value: '10',
    });
    const again = await t.call('POST', '/api/targets', {
      unitId: unit,
      year: 2026,
      metric: 'signed',
      value: '12',
      weight: '2',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect(again.body.error.message).toContain(`目标 ${first.id}`);
    expect(again.body.existingId).toBe(first.id);
    const fundAgain = await t.create<{ id: number }>('/api/targets', {
      fundId: fund,
      year: 2026,
      metric: 'signed',
      value: '3',
    });
    expect(
      (await t.call('POST', '/api/targets', { fundId: fund, year: 2026, metric: 'signed', value: '4' })).body
        .existingId,
    ).toBe(fundAgain.id);
    await t.create('/api/targets', { unitId: unit, year: 2025, metric: 'signed', value: '10' });
    await t.create('/api/targets', { unitId: unit, year: 2026, metric: 'started', value: '10' });
    expect(targetRows()).toEqual([
      { unitId: unit, fundId: null, year: 2026, metric: 'signed', value: '10' },
      { unitId: null, fundId: fund, year: 2026, metric: 'signed', value: '3' },
      { unitId: unit, fundId: null, year: 2025, metric: 'signed', value: '10' },
      { unitId: unit, fundId: null, year: 2026, metric: 'started', value: '10' },
    ]);
  });

  it('two racing requests for the same target: one 201, one 409, one row', async () => {
    const body = { unitId: unit, year: 2026, metric: 'signed', value: '10' };
    const replies = await Promise.all([
      t.call('POST', '/api/targets', body),
      t.call('POST', '/api/targets', { ...body, value: '11' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(targetRows()).toHaveLength(1);
  });

  it('the 擂台赛 score counts the target once', async () => {
    await t.create('/api/targets', { unitId: unit, year: 2026, metric: 'signed', value: '10', weight: '1' });
    await t.call('POST', '/api/targets', { unitId: unit, year: 2026, metric: 'signed', value: '10', weight: '1' });
    const a = await t.ok('GET', '/api/assessment?year=2026');
    expect(a.units.find((u: { unitId: number }) => u.unitId === unit).targets).toHaveLength(1);
  });
});

describe('PATCH /api/targets/:id', () => {
  it('changes value and weight under If-Match; a stale version is 412 and changes nothing', async () => {
    const target = await t.create<{ id: number; version: number }>('/api/targets', {
      unitId: unit,
      year: 2026,
      metric: 'signed',
      value: '10',
    });
    const changed = await t.call(
      'PATCH',
      `/api/targets/${target.id}`,
      { value: '12', weight: '0.5' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body).toEqual({
      id: target.id,
      unitId: unit,
      fundId: null,
      year: 2026,
      metric: 'signed',
      value: '12',
      weight: '0.5',
      version: 2,
    });
    const stale = await t.call(
      'PATCH',
      `/api/targets/${target.id}`,
      { value: '99' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await t.ok('GET', `/api/targets/${target.id}`)).value).toBe('12');
    const audit = await t.ok('GET', `/api/audit?entity=targets&id=${target.id}`);
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['create', 'update']);
  });

  it('refuses a bad value, a missing target, a manager; a manager reads another family’s fund target as missing', async () => {
    const target = await t.create<{ id: number }>('/api/targets', {
      fundId: fund,
      year: 2026,
      metric: 'signed',
      value: '10',
    });
    expect((await t.call('PATCH', `/api/targets/${target.id}`, { value: '-1' })).status).toBe(400);
    expect((await t.call('PATCH', '/api/targets/999', { value: '1' })).status).toBe(404);
    const other = await t.create<{ id: number }>('/api/funds', { name: '文化创意产业子基金', level: 'mother' });
    const manager = await t.userWith('manager', [other.id]);
    expect((await t.call('PATCH', `/api/targets/${target.id}`, { value: '1' }, { token: manager.token })).status).toBe(
      403,
    );
    const hidden = await t.get(`/api/targets/${target.id}`, manager.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ error: { code: 'not_found', message: `目标 ${target.id} 不存在` } });
  });
});

it('migration drop_duplicate_targets keeps the newest of each duplicate set and audits the deleted ones', () => {
  const sqlite = databaseBefore('_drop_duplicate_targets');
  try {
    sqlite.exec(`
      insert into users (id, username, role) values (7, 'staff', 'staff');
      insert into units (id, name, updated_by) values (1, '鸠江区', 7);
      insert into funds (id, name, level, updated_by) values (1, '母基金', 'mother', 7);
      insert into targets (id, unit_id, fund_id, year, metric, value, updated_by) values
        (1, 1, null, 2026, 'signed', '10', 7), (2, 1, null, 2026, 'signed', '12', 7), (3, 1, null, 2026, 'signed', '14', 7),
        (4, null, 1, 2026, 'signed', '5', 7), (5, null, 1, 2026, 'signed', '6', 7),
        (6, 1, null, 2025, 'signed', '9', 7), (7, null, 1, 2026, 'started', '1', 7);
    `);
    const auditBefore = (sqlite.prepare('select max(id) as m from audit_log').get() as { m: number }).m;
    migrateToLatest(sqlite);
    expect(sqlite.prepare('select id, value from targets order by id').all()).toEqual([
      { id: 3, value: '14' },
      { id: 5, value: '6' },
      { id: 6, value: '9' },
      { id: 7, value: '1' },
    ]);
    const deleted = sqlite
      .prepare(
        'select user_id as userId, entity_id as id, action, before, after from audit_log where id > ? order by id',
      )
      .all(auditBefore) as {
      userId: number;
      id: number;
      action: string;
      before: string;
      after: null;
    }[];
    expect(deleted.map((d) => [d.userId, d.id, d.action, JSON.parse(d.before).value, d.after])).toEqual([
      [7, 1, 'delete', '10', null],
      [7, 2, 'delete', '12', null],
      [7, 4, 'delete', '5', null],
    ]);
    expect(() =>
      sqlite.exec(`insert into targets (unit_id, year, metric, value) values (1, 2026, 'signed', '1')`),
    ).toThrow(/UNIQUE/);
  } finally {
    sqlite.close();
  }
});
