import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { buildPerformanceFamily, D, subFundBody } from '../performance-family';
import { fresh, get, workerApp } from './client';

// 业绩与投向 on Workers + D1: the same family and the same hand-derived body as test/routes/performance.test.ts.

describe('performance on Workers + D1', () => {
  it('answers the sub-fund body exactly, scopes managers, and serves the 自评表 twice in a row', async () => {
    const w = await buildPerformanceFamily(workerApp, fresh('-'));
    const body = await workerApp.ok('GET', `/api/funds/${w.A}/performance?asOf=${D}`);
    expect(body).toEqual(subFundBody(w));
    expect((await get(`/api/funds/${w.A}/performance?asOf=${D}`, w.mgrB)).status).toBe(404);
    expect((await get(`/api/funds/${w.M}/performance?asOf=${D}`, w.mgrA)).status).toBe(404);
    for (let i = 0; i < 2; i++) {
      const res = await SELF.fetch(
        new Request('https://touyin.test/api/exports/self-check.xlsx?year=2022', {
          headers: { authorization: `Bearer ${w.mgrA}` },
        }),
      );
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    }
  });
});
