// HTTP conventions clients and caches expect: compressed text answers (and nothing else compressed), JSON with its
// charset, 304 for a record or vendor file the client already holds, a long cache for vendor files.
import { gunzipSync, inflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { VENDOR_CACHE_CONTROL } from '../../src/vendor';
import { nodeOptions } from '../../src/node';
import { ADMIN_TOKEN, testApp, type TestApp } from '../helpers';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function bytes(res: Response) {
  return new Uint8Array(await res.arrayBuffer());
}

/** A unit and 500 projects, for a 500-row list. */
async function fiveHundredProjects(t: TestApp) {
  const unit = await t.create('/api/units', { name: '鸠江区' });
  const fund = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother' });
  for (let i = 0; i < 500; i++) {
    await t.create('/api/projects', {
      name: `第${i}号智能装备生产基地项目`,
      company: { name: `芜湖第${i}号智能装备有限公司` },
      sourceType: 'fund',
      sourceFundId: fund.id,
      reportedOn: '2026-01-05',
      plannedTotal: '100000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
  }
}

describe('compression', () => {
  it('a 500-row list is gzipped when the client accepts it, and unpacks to the same JSON', async () => {
    const t = await testApp();
    await fiveHundredProjects(t);
    const plain = await t.app.request('/api/projects?limit=500', { headers: auth });
    const gz = await t.app.request('/api/projects?limit=500', {
      headers: { ...auth, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    const raw = await bytes(plain);
    const packed = await bytes(gz);
    const unpacked = gunzipSync(packed);
    expect(JSON.parse(Buffer.from(unpacked).toString('utf8')).items).toHaveLength(500);
    expect(Buffer.from(unpacked).equals(Buffer.from(raw))).toBe(true);
    expect(packed.length * 5).toBeLessThan(raw.length);
  });

  it('deflate when that is all the client takes', async () => {
    const t = await testApp();
    await t.create('/api/units', { name: '鸠江区' });
    const res = await t.app.request('/openapi.json', { headers: { 'accept-encoding': 'deflate' } });
    expect(res.headers.get('content-encoding')).toBe('deflate');
    expect(JSON.parse(inflateSync(await bytes(res)).toString('utf8')).openapi).toMatch(/^3\./);
  });

  it.each([
    ['/vendor/swagger-ui-dist/swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
    ['/vendor/swagger-ui-dist/swagger-ui.css', 'text/css; charset=utf-8'],
    ['/vendor/echarts/echarts.min.js', 'text/javascript; charset=utf-8'],
    ['/docs', 'text/html; charset=UTF-8'],
    ['/assets/touyin.css', 'text/css; charset=utf-8'],
    ['/assets/touyin.js', 'text/javascript; charset=utf-8'],
  ])('%s is compressed', async (path, type) => {
    const t = await testApp();
    const app = createApp(() => t.db, nodeOptions({}));
    const plain = await bytes(await app.request(path));
    const res = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const packed = await bytes(res);
    expect(Buffer.from(gunzipSync(packed)).equals(Buffer.from(plain))).toBe(true);
  });

  it.each([
    ['the project export', '/api/exports/projects.xlsx'],
    ['the import template', '/api/imports/projects/template.xlsx'],
    ['the fund report', '/api/exports/funds.xlsx?asOf=2026-10-31'],
  ])('%s (.xlsx, already a zip) passes through unchanged', async (_, path) => {
    const t = await testApp();
    await t.create('/api/units', { name: '鸠江区' });
    const res = await t.app.request(path, { headers: { ...auth, 'accept-encoding': 'gzip, deflate' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    const body = await bytes(res);
    expect(Buffer.from(body.subarray(0, 2)).toString('latin1')).toBe('PK');
    expect(Number(res.headers.get('content-length') ?? body.length)).toBe(body.length);
  });

  it('a PNG is not compressed again', async () => {
    const t = await testApp();
    const res = await createApp(() => t.db, nodeOptions({})).request('/vendor/swagger-ui-dist/favicon-32x32.png', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});

describe('JSON charset', () => {
  it.each([
    ['GET', '/api/me', 200],
    ['GET', '/api/funds/999', 404],
    ['POST', '/api/units', 400],
    ['GET', '/health', 200],
    ['GET', '/openapi.json', 200],
    ['GET', '/api/nothing-here', 404],
  ])('%s %s answers application/json; charset=utf-8', async (method, path, status) => {
    const t = await testApp();
    const res = await t.app.request(path, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('If-None-Match on records read by id', () => {
  async function fund(t: TestApp) {
    const f = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother' });
    const res = await t.app.request(`/api/funds/${f.id}`, { headers: auth });
    return { id: f.id as number, etag: res.headers.get('etag')! };
  }
  const get = (t: TestApp, path: string, inm: string, token = ADMIN_TOKEN, method = 'GET') =>
    t.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'if-none-match': inm } });

  it.each([
    ['the same tag', (e: string) => e],
    ['the weak form of the tag (weak comparison)', (e: string) => `W/${e}`],
    ['a list naming it', (e: string) => `"999", ${e}`],
    ['*', () => '*'],
  ])('%s answers 304 with the ETag and no body', async (_, header) => {
    const t = await testApp();
    const { id, etag } = await fund(t);
    expect(etag).toBe('"1"');
    const res = await get(t, `/api/funds/${id}`, header(etag));
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect(await res.text()).toBe('');
  });

  it('HEAD with a matching tag answers 304 too', async () => {
    const t = await testApp();
    const { id, etag } = await fund(t);
    expect((await get(t, `/api/funds/${id}`, etag, ADMIN_TOKEN, 'HEAD')).status).toBe(304);
  });

  it('a tag of an older version answers the current record', async () => {
    const t = await testApp();
    const { id, etag } = await fund(t);
    await t.ok('PATCH', `/api/funds/${id}`, { manager: '某管理公司' });
    const res = await get(t, `/api/funds/${id}`, etag);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(((await res.json()) as { manager: string }).manager).toBe('某管理公司');
  });

  it.each(['"1"', '*'])('If-None-Match: %s on a fund the manager may not see is still 404', async (header) => {
    const t = await testApp();
    const mother = await t.create('/api/funds', { name: '母基金', level: 'mother' });
    const mine = await t.create('/api/funds', { name: '本基金', level: 'sub', parentId: mother.id });
    const other = await t.create('/api/funds', { name: '别的基金', level: 'sub', parentId: mother.id });
    const manager = await t.userWith('manager', [mine.id]);
    const res = await get(t, `/api/funds/${other.id}`, header, manager.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it.each([
    ['units', async (t: TestApp) => `/api/units/${(await t.create('/api/units', { name: '鸠江区' })).id}`],
    [
      'companies',
      async (t: TestApp) =>
        `/api/companies/${(await t.create('/api/companies', { name: '芜湖星辰智能装备有限公司' })).id}`,
    ],
  ])('%s read by id answer 304 too', async (_, path) => {
    const t = await testApp();
    const p = await path(t);
    const first = await t.app.request(p, { headers: auth });
    expect(first.status).toBe(200);
    expect((await get(t, p, first.headers.get('etag')!)).status).toBe(304);
  });

  it('If-Match: * on PATCH asks only that the record exist', async () => {
    const t = await testApp();
    const { id } = await fund(t);
    const res = await t.call('PATCH', `/api/funds/${id}`, { manager: '某管理公司' }, { headers: { 'if-match': '*' } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });
});

describe('/vendor/ caching', () => {
  it('a vendor file keeps for 30 days and answers 304 to its ETag, also after compression weakened it', async () => {
    const t = await testApp();
    const app = createApp(() => t.db, nodeOptions({}));
    const path = '/vendor/echarts/echarts.min.js';
    const first = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers.get('cache-control')).toBe('public, max-age=2592000');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]{20,}"$/);
    for (const header of [etag, etag.slice(2), '*']) {
      const again = await app.request(path, { headers: { 'if-none-match': header, 'accept-encoding': 'gzip' } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('cache-control')).toBe(VENDOR_CACHE_CONTROL);
    }
    const other = await app.request(path, { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).toBe(etag.slice(2));
  });

  it("Workers' static assets get the same Cache-Control from public/_headers", () => {
    const headers = readFileSync(resolve(import.meta.dirname, '../../public/_headers'), 'utf8');
    expect(headers).toContain(`/vendor/*\n  Cache-Control: ${VENDOR_CACHE_CONTROL}\n`);
  });
});
