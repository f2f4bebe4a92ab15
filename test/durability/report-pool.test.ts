// Reports off the request thread (src/node.ts reportPool): worker threads with their own read-only connections to
// the same WAL file compute the same answers as the main thread, see each write committed before they start, and a
// page's visitor comes with the request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { ensureAdmin } from '../../src/bootstrap';
import { openDatabase, reportPool } from '../../src/node';
import { clientOf } from '../client';
import { ADMIN_TOKEN, TODAY } from '../helpers';

const now = () => new Date(`${TODAY}T04:00:00Z`);
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('report workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touyin-pool-'));
  const file = join(dir, 'touyin.db');
  const { sqlite, db } = openDatabase(file);
  const pool = reportPool(file, 2);
  let handed = 0;
  const app = createApp(() => db, { now, runReport: (r, t) => (handed++, pool.run(r, t)) });
  const inline = createApp(() => db, { now, cacheBytes: 0 });
  const t = clientOf(async (request) => app.request(request), { token: ADMIN_TOKEN, origin: 'http://localhost' });

  beforeAll(async () => {
    await ensureAdmin(db, ADMIN_TOKEN);
  });
  afterAll(async () => {
    await pool.close();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers as the main thread does, and each write is in the next report', async () => {
    const unit = await t.create('/api/units', { name: '线程区' });
    const fund = await t.create('/api/funds', { name: '线程母基金', level: 'mother' });
    const path = '/api/reports/funds?asOf=2026-11-01';
    for (let i = 0; i < 3; i++) {
      await t.create('/api/projects', {
        name: `线程项目${i}`,
        sourceType: 'fund',
        sourceFundId: fund.id,
        reportedOn: '2026-01-05',
        plannedTotal: '100000000',
        introducingUnitId: unit.id,
        landingUnitId: unit.id,
      });
      const before = handed;
      const pooled = await app.request(path, { headers: auth });
      expect(handed).toBe(before + 1);
      const body = await pooled.text();
      expect(body).toBe(await (await inline.request(path, { headers: auth })).text());
      expect(JSON.parse(body).funds[0].outcomes.leads).toBe(i + 1);
      expect(pooled.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
  });

  it('a bad query is the same 400 envelope; a report of a missing fund the same 404', async () => {
    const bad = await app.request('/api/reports/funds?asOf=2026-02-30', { headers: auth });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(
      await (await inline.request('/api/reports/funds?asOf=2026-02-30', { headers: auth })).json(),
    );
    const missing = await app.request('/api/funds/999/metrics', { headers: auth });
    expect(missing.status).toBe(404);
  });

  it('identical reports at once are one job', async () => {
    const before = handed;
    const path = '/api/reports/units?asOf=2026-10-01';
    const bodies = await Promise.all([1, 2, 3].map(async () => (await app.request(path, { headers: auth })).text()));
    expect(handed).toBe(before + 1);
    expect(new Set(bodies).size).toBe(1);
  });
});
