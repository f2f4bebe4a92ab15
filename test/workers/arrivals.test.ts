import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkedExample } from '../worked-example';
import { asTestApp, call, create, fresh, ok } from './client';

// 到资认定 through the worker on D1: a manager's arrival is pending and uncounted, staff's 认定 counts it (the project
// summary's triggers on D1), 退回 takes it out; the queue is scoped.
describe('到资认定 on Workers + D1', () => {
  let w: Awaited<ReturnType<typeof buildWorkedExample>>;
  let manager: { token: string };
  let other: { token: string };
  beforeAll(async () => {
    w = await buildWorkedExample(asTestApp());
    manager = await create('/api/users', { username: fresh('arrivals-mgr-'), role: 'manager', fundIds: [w.A.id] });
    other = await create('/api/users', { username: fresh('arrivals-mgr-'), role: 'manager', fundIds: [w.C.id] });
  }, 60_000);

  it('pending counts nowhere, confirmed counts, rejected no longer', async () => {
    const arrived = async () => (await ok('GET', `/api/funds/${w.M.id}/metrics?asOf=2024-12-31`)).outcomes.arrived;
    expect(await arrived()).toBe('120000000.00'); // SPEC §6
    const a = await create(
      `/api/projects/${w.P2.id}/arrivals`,
      { amount: '5000000.50', arrivedOn: '2024-10-01', kind: 'working' },
      manager.token,
    );
    expect(a.status).toBe('pending');
    expect(await arrived()).toBe('120000000.00');
    expect((await ok('GET', '/api/arrivals?status=pending')).items.map((i: any) => i.id)).toContain(a.id);
    expect((await ok('GET', '/api/arrivals?status=pending', undefined, other.token)).items).toEqual([]);
    expect((await call('GET', `/api/arrivals/${a.id}`, undefined, { token: other.token })).status).toBe(404);
    expect((await call('POST', `/api/arrivals/${a.id}/confirm`, {}, { token: manager.token })).status).toBe(403);

    expect((await ok('POST', `/api/arrivals/${a.id}/confirm`, {})).status).toBe('confirmed');
    expect(await arrived()).toBe('125000000.50');
    expect((await ok('POST', `/api/arrivals/${a.id}/reject`, { reason: '回单金额不符' })).status).toBe('rejected');
    expect(await arrived()).toBe('120000000.00');
  });
});
