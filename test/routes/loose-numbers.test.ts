// Integers in a query or a path are decimal digits only, and a year lies in one range (2000–2100) on every surface
// that takes one: the assessment, the 通报 (API, export and page), targets and the self-check. `0x7e8`, `2e3`,
// `2026.0`, ` 2026` are not numbers here, and an empty `?year=` is refused, not read as "no filter" (issue 21.7).
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, testApp, type TestApp } from '../helpers';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await testApp();
  await t.create('/api/users', { username: 'leader-n', role: 'leader', password: 'secret-pass-1' });
  cookie = await sessionCookie(t.app, 'leader-n', 'secret-pass-1');
  const unit = await t.create<{ id: number }>('/api/units', { name: '鸠江区' });
  await t.create('/api/targets', { unitId: unit.id, year: 2026, metric: 'signed', value: '3' });
  await t.create('/api/targets', { unitId: unit.id, year: 2025, metric: 'signed', value: '2' });
});

/** A 400 envelope whose issues name `field` with a Chinese message. */
async function refused(path: string, field: string) {
  const r = await t.get(path);
  expect(r.status, `${path} → ${JSON.stringify(r.body)}`).toBe(400);
  expect(r.body.error.code).toBe('invalid_request');
  expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  expect(r.body.error.message).toMatch(/\p{Script=Han}/u);
}

const loose = ['0x7e8', '2e3', '2026.0', ' 2026', '2026 ', '+2026', '２０２６', ''];

describe('years', () => {
  it.each(loose)('year=%j is refused on the assessment, targets and the self-check', async (y) => {
    const q = encodeURIComponent(y);
    await refused(`/api/assessment?year=${q}`, 'year');
    await refused(`/api/targets?year=${q}`, 'year');
    await refused(`/api/exports/self-check.xlsx?year=${q}`, 'year');
  });

  it('a year outside 2000–2100 is refused everywhere, the 通报 months too', async () => {
    for (const y of ['1999', '2101']) {
      await refused(`/api/assessment?year=${y}`, 'year');
      await refused(`/api/targets?year=${y}`, 'year');
      await refused(`/api/exports/self-check.xlsx?year=${y}`, 'year');
    }
    for (const m of ['1900-01', '1999-12', '2101-01', '9999-12']) {
      await refused(`/api/bulletins/${m}`, 'month');
      await refused(`/api/exports/bulletin.xlsx?month=${m}`, 'month');
    }
    expect((await t.get('/api/bulletins/2000-01')).status).toBe(200);
    expect((await t.get('/api/bulletins/2100-12')).status).toBe(200);
  });

  it('a year in digits filters targets; a body year is an integer in range', async () => {
    const list = await t.ok<{ items: { year: number }[] }>('GET', '/api/targets?year=2026');
    expect(list.items.map((i) => i.year)).toEqual([2026]);
    const unit = await t.create<{ id: number }>('/api/units', { name: '弋江区' });
    for (const year of [1999, 2101, 2026.5, '0x7e8']) {
      const r = await t.call('POST', '/api/targets', { unitId: unit.id, year, metric: 'signed', value: '1' });
      expect(r.status, JSON.stringify(year)).toBe(400);
      expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain('year');
    }
  });

  it('pages answer the same refusals as a 400 page in Chinese', async () => {
    for (const path of [
      '/assessment?year=0x7e8',
      '/assessment?year=2e3',
      '/assessment?year=',
      '/assessment?year=1999',
      '/bulletins/1900-01',
      '/bulletins/9999-12',
    ]) {
      const res = await t.app.request(path, { headers: { cookie } });
      expect(res.status, path).toBe(400);
      expect(await res.text()).toMatch(/年份/);
    }
    expect((await t.app.request('/assessment?year=2026', { headers: { cookie } })).status).toBe(200);
  });
});

describe('limits and ids', () => {
  it.each(['0x10', '1e2', '10.0', ' 10', '', '0', '501'])('limit=%j is refused', async (limit) => {
    await refused(`/api/units?limit=${encodeURIComponent(limit)}`, 'limit');
    await refused(`/api/targets?limit=${encodeURIComponent(limit)}`, 'limit');
  });

  it('limit in digits pages as before', async () => {
    const first = await t.ok<{ items: unknown[]; nextCursor: string | null }>('GET', '/api/units?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
  });

  it.each(['0x1', '1e0', '1.0', ' 1'])('an id of %j in the path or the query is refused', async (id) => {
    await refused(`/api/units/${encodeURIComponent(id)}`, 'id');
    await refused(`/api/targets?unitId=${encodeURIComponent(id)}`, 'unitId');
  });
});
