import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { buildCapital, download, upload } from './fixtures';

describe('export projects → import into an empty app', () => {
  it('rebuilds SPEC §6: the fund report of the new app equals the original’s', async () => {
    const source = await testApp();
    const ids = await buildWorkedExample(source);
    const sheet = await download(source, '/api/exports/projects.xlsx');
    expect(sheet.status).toBe(200);

    // The same funds, units, capital and investments, but no project yet.
    const target = await testApp();
    const capital = await buildCapital(target);
    expect((await target.ok('GET', '/api/projects')).items).toEqual([]);

    const r = await upload(target, sheet.bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual({
      dryRun: false,
      rows: 5,
      projects: 5, // P1–P4 and V
      companies: 3, // P1's, P2's and V's companies (P3 and P4 name none)
      milestones: 8, // P1: 4, P2: 2, P3: 洽谈 and 终止, P4 and V: none
      arrivals: 3, // P1: 2, P2: 1
      status: 'confirmed',
      warnings: [], // the export's 万元 read back as 万元: no unit slips
    });

    const imported = (await target.ok('GET', '/api/projects?q=引荐未投项目')).items;
    expect(imported).toHaveLength(1);
    await capital.credits(imported[0].id);

    for (const asOf of ['2024-12-31', '2024-06-30', '2026-11-22']) {
      const before = await source.ok('GET', `/api/reports/funds?asOf=${asOf}`);
      const after = await target.ok('GET', `/api/reports/funds?asOf=${asOf}`);
      expect(after, asOf).toEqual(before);
    }
    // The details carry over too: reached dates, the drop reason, the arrivals.
    const P1 = (await target.ok('GET', '/api/projects?q=星辰')).items[0];
    const full = await target.ok('GET', `/api/projects/${P1.id}`);
    const original = await source.ok('GET', `/api/projects/${ids.P1.id}`);
    expect(full.reached).toEqual(original.reached);
    expect(full.investmentId).toBe(capital.X.id);
    expect(full.arrivals.map((a: any) => [a.amount, a.arrivedOn, a.kind])).toEqual(
      original.arrivals.map((a: any) => [a.amount, a.arrivedOn, a.kind]),
    );
    const P3 = await target.ok(
      'GET',
      `/api/projects/${(await target.ok('GET', '/api/projects?q=锂电池')).items[0].id}`,
    );
    expect(P3.milestones.find((m: any) => m.stage === 'dropped')).toMatchObject({
      on: '2024-06-30',
      reason: '企业选址改至外省',
    });
  });
});
