// 签约 before 到资: an arrival before signing is refused (409), and so is a corrected signing date that would leave an
// existing arrival before signing (issue 7 item 14).
import { beforeEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../excel/fixtures';
import { testApp, type TestApp } from '../helpers';

describe('a corrected signing date cannot move after an arrival', () => {
  let t: TestApp;
  let p: { id: number };
  let arrival: { id: number };
  beforeEach(async () => {
    t = await testApp();
    const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
    p = await t.create('/api/projects', {
      name: '星辰项目',
      company: { name: '芜湖星辰科技有限公司' },
      sourceType: 'business',
      reportedOn: '2024-01-10',
      plannedTotal: '100000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-03-01' });
    arrival = await t.create(`/api/projects/${p.id}/arrivals`, {
      amount: '1000000',
      arrivedOn: '2024-05-01',
      kind: 'fixed_asset',
    });
  });

  it('a signing date after the arrival is 409 naming the arrival, and nothing changes', async () => {
    const before = tableCounts(t);
    const r = await t.call('POST', `/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-06-01' });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({
      error: { code: 'conflict', message: expect.stringContaining(`2024-05-01 的到资（到资 ${arrival.id}）`) },
    });
    expect(tableCounts(t)).toEqual(before);
    expect((await t.get(`/api/projects/${p.id}`)).body.reached.signed).toBe('2024-03-01');
  });

  it('a signing date on or before the arrival is a correction like any other', async () => {
    expect(
      (await t.call('POST', `/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-05-01' })).status,
    ).toBe(201);
    expect((await t.get(`/api/projects/${p.id}`)).body.reached.signed).toBe('2024-05-01');
  });

  it('a later stage reached before the arrival keeps the project signed in time (SPEC §4: signed = earliest of 签约 and later)', async () => {
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'registered', on: '2024-04-01' });
    expect(
      (await t.call('POST', `/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-06-01' })).status,
    ).toBe(201);
    expect((await t.get(`/api/projects/${p.id}`)).body.reached.signed).toBe('2024-04-01');
    // …and that registered date cannot move after the arrival now either.
    expect(
      (await t.call('POST', `/api/projects/${p.id}/milestones`, { stage: 'registered', on: '2024-05-02' })).status,
    ).toBe(409);
  });

  it('other stages are unaffected', async () => {
    expect(
      (await t.call('POST', `/api/projects/${p.id}/milestones`, { stage: 'negotiating', on: '2024-07-01' })).status,
    ).toBe(201);
    expect(
      (
        await t.call('POST', `/api/projects/${p.id}/milestones`, {
          stage: 'dropped',
          on: '2024-08-01',
          reason: '企业放弃',
        })
      ).status,
    ).toBe(201);
  });
});
