import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { buildServiceScenario, type ServiceScenario } from '../service-scenario';

// GET /api/reports/service (SPEC §9) on the scenario of test/service-scenario.ts, window June 2024; every figure is
// derived by hand beside it.
//
// Requests and the units they belong to (responsible unit; project's unit in the view; company's unit), 招引口径:
//   q1 P1 U2, raised 06-05 due 06-20, resolved 06-10 (5 days), closed 满意              → U2, U1a (+U1, R)
//   q2 P1 U1a, raised 06-10 due 06-25, resolved 06-15, reopened, resolved 06-28 (18 days, late) → U1a (+U1, R)
//   q3 P2 U2, raised 06-20 due 07-05, resolved 07-03: after the window's end            → U2 (+R)
//   q4 C2 (in U1a) U2, raised 05-10 due 05-25, still accepted: open and overdue          → U2, U1a (+U1, R)
//   q5 P2 U2, raised 06-25 due 06-28, resolved 06-26 (1 day), closed 不满意             → U2 (+R)
//   q6 P1 U1, raised 05-01, resolved 06-02: raised before the window, resolved in it     → U1, U1a (+R)
//   q7 P1 U1, raised 06-08 due 06-15, resolved 06-12 then reopened 06-20: open, overdue  → U1, U1a (+R)
// In 落地口径 P1 sits in U2 instead of U1a.

const June = 'from=2024-06-01&to=2024-06-30';
const noActivities = { outbound: 0, inbound: 0, visit: 0, talks: 0, event: 0, online: 0 };

let t: TestApp;
let s: ServiceScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildServiceScenario(t);
});

const unitOf = (body: any, id: number) => body.units.find((u: any) => u.unitId === id);
const fundOf = (body: any, id: number) => body.funds.find((f: any) => f.fundId === id);

describe('GET /api/reports/service, 招引口径', () => {
  let r: any;
  beforeAll(async () => {
    r = await t.ok('GET', `/api/reports/service?${June}`);
  });

  it('names the window and view, lists every unit and every fund', () => {
    expect(r).toMatchObject({ from: '2024-06-01', to: '2024-06-30', view: 'introducing' });
    expect(r.units.map((u: any) => u.unitId)).toEqual([s.R.id, s.U1.id, s.U1a.id, s.U2.id]);
    expect(r.funds.map((f: any) => f.fundId)).toEqual([s.M.id, s.A.id, s.B.id]);
  });

  it('a sub-unit: U1a', () => {
    expect(unitOf(r, s.U1a.id)).toEqual({
      unitId: s.U1a.id,
      activities: { ...noActivities, outbound: 1 }, // a1 (06-03); a5 starts 07-01, after the window
      topLed: 1, // a1
      companiesMet: 2, // a1: C1 (linked) and 深圳某科技有限公司 (by name)
      leadsProduced: 1, // a1 → P1
      requests: {
        raised: 3, // q1, q2, q7 (q4 and q6 were raised in May)
        resolved: 2, // q1 (06-10), q2 (last resolved 06-28); q7 was reopened
        resolvedOnTime: 1, // q1; q2's last resolution 06-28 is after its due 06-25
        openOverdue: 2, // q4 (due 05-25), q7 (due 06-15)
        resolutionRate: '0.6667', // 2 / 3
        onTimeRate: '0.5000', // 1 / 2
        medianDays: '11.5', // (5 + 18) / 2
        satisfaction: '1.0000', // q1 满意, the only one rated
      },
      nodes: {
        nodesDue: 3, // P1's nodes planned ≤ 06-30: 工商注册 05-01, 环评批复 06-20, 开工 06-25
        nodesDoneOnTime: 1, // 环评批复 done 06-18 ≤ 06-20; 工商注册 reached 05-10 > 05-01
        nodesOverdue: 1, // 开工 planned 06-25, started only 07-05
        nodeOnTimeRate: '0.3333', // 1 / 3
        replanned: 2, // 环评批复 (06-10 → 06-20), 主体竣工 (06-15 → 07-15)
      },
    });
  });

  it('a unit with its sub-unit: U1 counts U1a’s records once and its own', () => {
    expect(unitOf(r, s.U1.id)).toEqual({
      unitId: s.U1.id,
      activities: { ...noActivities, outbound: 1, visit: 1 }, // a1 (U1a), a2 (U1)
      topLed: 1, // a1
      companiesMet: 2, // C1 twice, 深圳某科技有限公司 twice (the second with a trailing space: the same name key)
      leadsProduced: 1, // P1, produced by a1 and by a2; P2 was only advanced
      // The same requests as U1a (asserted by hand above): q6 and q7 (responsible U1) are U1a's too through P1.
      requests: unitOf(r, s.U1a.id).requests,
      // P3 sits in U1 but was dropped on 06-15: its late 土地摘牌 does not count.
      nodes: { nodesDue: 3, nodesDoneOnTime: 1, nodesOverdue: 1, nodeOnTimeRate: '0.3333', replanned: 2 },
    });
  });

  it('U2: requests by responsible unit, by project and by company', () => {
    expect(unitOf(r, s.U2.id)).toEqual({
      unitId: s.U2.id,
      activities: { ...noActivities, talks: 1, online: 1 }, // a3 (06-30, the last day), a6; a4 started 05-31
      topLed: 1, // a3 (a4 is outside the window)
      companiesMet: 1, // 杭州某新能源公司
      leadsProduced: 1, // P2 by a3; a6's P4 is pending, not counted
      requests: {
        raised: 3, // q1, q3, q5
        resolved: 2, // q1, q5; q3 was resolved 07-03, after the window
        resolvedOnTime: 2, // q1 06-10 ≤ 06-20, q5 06-26 ≤ 06-28
        openOverdue: 1, // q4
        resolutionRate: '0.6667', // 2 / 3
        onTimeRate: '1.0000', // 2 / 2
        medianDays: '3.0', // (5 + 1) / 2
        satisfaction: '0.5000', // q1 满意, q5 不满意
      },
      nodes: {
        nodesDue: 2, // P2: 立项备案 06-30 (the last day), 工商注册 05-20
        nodesDoneOnTime: 0,
        nodesOverdue: 1, // 工商注册; 立项备案 is due on 06-30 itself, not yet late
        nodeOnTimeRate: '0.0000',
        replanned: 0,
      },
    });
  });

  it('the region: every record once', () => {
    expect(unitOf(r, s.R.id)).toEqual({
      unitId: s.R.id,
      activities: { ...noActivities, outbound: 1, visit: 1, talks: 1, online: 1 }, // a1, a2, a3, a6
      topLed: 2, // a1, a3
      companiesMet: 3, // C1, 深圳某科技有限公司, 杭州某新能源公司
      leadsProduced: 2, // P1, P2
      requests: {
        raised: 5, // q1, q2, q3, q5, q7
        resolved: 3, // q1, q2, q5
        resolvedOnTime: 2, // q1, q5
        openOverdue: 2, // q4, q7
        resolutionRate: '0.6000', // 3 / 5
        onTimeRate: '0.6667', // 2 / 3
        medianDays: '5.0', // 1, 5, 18
        satisfaction: '0.5000', // 1 / 2
      },
      nodes: { nodesDue: 5, nodesDoneOnTime: 1, nodesOverdue: 2, nodeOnTimeRate: '0.2000', replanned: 2 },
    });
  });

  it('fund families: requests and nodes of their projects, activities done for their funds', () => {
    expect(fundOf(r, s.A.id)).toEqual({
      fundId: s.A.id,
      topLed: 1, // a1
      companiesMet: 2,
      leadsProduced: 1,
      requests: {
        raised: 3, // q1, q2, q7 (q6 raised in May); q4 is about a company, no project
        resolved: 2,
        resolvedOnTime: 1,
        openOverdue: 1, // q7
        resolutionRate: '0.6667',
        onTimeRate: '0.5000',
        medianDays: '11.5',
        satisfaction: '1.0000',
      },
      nodes: { nodesDue: 3, nodesDoneOnTime: 1, nodesOverdue: 1, nodeOnTimeRate: '0.3333', replanned: 2 },
    });
    expect(fundOf(r, s.B.id)).toEqual({
      fundId: s.B.id,
      topLed: 1, // a3
      companiesMet: 1,
      leadsProduced: 1,
      requests: {
        raised: 2, // q3, q5
        resolved: 1, // q5
        resolvedOnTime: 1,
        openOverdue: 0,
        resolutionRate: '0.5000',
        onTimeRate: '1.0000',
        medianDays: '1.0',
        satisfaction: '0.0000', // q5 不满意
      },
      nodes: { nodesDue: 2, nodesDoneOnTime: 0, nodesOverdue: 1, nodeOnTimeRate: '0.0000', replanned: 0 },
    });
    expect(fundOf(r, s.M.id)).toEqual({
      fundId: s.M.id,
      topLed: 2,
      companiesMet: 3,
      leadsProduced: 2,
      requests: {
        raised: 5,
        resolved: 3,
        resolvedOnTime: 2,
        openOverdue: 1, // q7 (q4 has no project)
        resolutionRate: '0.6000',
        onTimeRate: '0.6667',
        medianDays: '5.0',
        satisfaction: '0.5000',
      },
      nodes: { nodesDue: 5, nodesDoneOnTime: 1, nodesOverdue: 2, nodeOnTimeRate: '0.2000', replanned: 2 },
    });
  });
});

describe('GET /api/reports/service, 落地口径 (飞地: P1 counts for U2)', () => {
  it('moves P1’s requests and nodes from U1a to U2', async () => {
    const r = await t.ok('GET', `/api/reports/service?${June}&view=landing`);
    expect(r.view).toBe('landing');
    expect(unitOf(r, s.U1a.id)).toMatchObject({
      activities: { ...noActivities, outbound: 1 }, // activities are the unit's own whatever the view
      // q2 (responsible U1a) and q4 (company in U1a)
      requests: {
        raised: 1,
        resolved: 1,
        resolvedOnTime: 0,
        openOverdue: 1,
        resolutionRate: '1.0000',
        onTimeRate: '0.0000',
        medianDays: '18.0',
        satisfaction: null, // nothing rated
      },
      nodes: { nodesDue: 0, nodesDoneOnTime: 0, nodesOverdue: 0, nodeOnTimeRate: null, replanned: 0 },
    });
    // U2 now holds every request (q2, q6, q7 through P1) and every live node.
    expect(unitOf(r, s.U2.id)).toMatchObject({
      requests: { raised: 5, resolved: 3, resolvedOnTime: 2, openOverdue: 2, medianDays: '5.0' },
      nodes: { nodesDue: 5, nodesDoneOnTime: 1, nodesOverdue: 2, nodeOnTimeRate: '0.2000', replanned: 2 },
    });
    // The region counts each record once in either view.
    expect(unitOf(r, s.R.id).requests.raised).toBe(5);
    expect(unitOf(r, s.R.id).nodes.nodesDue).toBe(5);
  });
});

describe('GET /api/reports/service, windows', () => {
  it('a window ending before a resolution does not count it; a later one does', async () => {
    // q3 raised 06-20, resolved 07-03: in June it is raised and not resolved; over June–July it is resolved.
    const r = await t.ok('GET', `/api/reports/service?from=2024-06-01&to=2024-07-31`);
    expect(unitOf(r, s.U2.id).requests).toMatchObject({
      raised: 3, // q1, q3, q5
      resolved: 3,
      resolvedOnTime: 3, // q3 07-03 ≤ 07-05
      medianDays: '5.0', // 1, 5, 13
    });
    // As of 07-31: 开工 (P1) was reached 07-05, after its plan 06-25: done, late; 主体竣工 (07-15) and 施工许可
    // (07-20, done 06-05) are due now.
    expect(unitOf(r, s.U1a.id).nodes).toEqual({
      nodesDue: 5,
      nodesDoneOnTime: 2, // 环评批复, 施工许可
      nodesOverdue: 1, // 主体竣工
      nodeOnTimeRate: '0.4000',
      replanned: 2,
    });
  });

  it('a window ending between a resolution and its reopening counts it as resolved then (the history on that day)', async () => {
    // As of 06-16: q2 resolved 06-15 (reopened 06-18), q7 resolved 06-12 (reopened 06-20), q1 closed 06-12 满意. A
    // later reopening does not unsettle the finished window; q7, due 06-15, is not overdue on 06-16. q4 is.
    const r = await t.ok('GET', '/api/reports/service?from=2024-06-01&to=2024-06-16');
    expect(unitOf(r, s.U1.id).requests).toEqual({
      raised: 3, // q1 06-05, q7 06-08, q2 06-10
      resolved: 3,
      resolvedOnTime: 3, // q1 06-10 ≤ 06-20, q7 06-12 ≤ 06-15, q2 06-15 ≤ 06-25
      openOverdue: 1, // q4 (accepted, due 05-25); q6 was resolved 06-02
      resolutionRate: '1.0000',
      onTimeRate: '1.0000',
      medianDays: '5.0', // q7 4, q1 5, q2 5
      satisfaction: '1.0000', // q1
    });
    // Once reopened (06-20) q7 is open again and overdue; q2 is open again until its second resolution on 06-28.
    const later = await t.ok('GET', '/api/reports/service?from=2024-06-01&to=2024-06-21');
    expect(unitOf(later, s.U1.id).requests).toMatchObject({ raised: 3, resolved: 1, openOverdue: 2 });
  });

  it('a window before anything happened is all zeros and nulls', async () => {
    const r = await t.ok('GET', '/api/reports/service?from=2023-01-01&to=2023-01-31');
    expect(unitOf(r, s.R.id)).toEqual({
      unitId: s.R.id,
      activities: noActivities,
      topLed: 0,
      companiesMet: 0,
      leadsProduced: 0,
      requests: {
        raised: 0,
        resolved: 0,
        resolvedOnTime: 0,
        openOverdue: 0,
        resolutionRate: null,
        onTimeRate: null,
        medianDays: null,
        satisfaction: null,
      },
      nodes: { nodesDue: 0, nodesDoneOnTime: 0, nodesOverdue: 0, nodeOnTimeRate: null, replanned: 2 },
    });
  });
});

describe('GET /api/reports/service, filters and scope', () => {
  it('unitId lists the unit’s sub-tree and counts only its records in the fund rows', async () => {
    const r = await t.ok('GET', `/api/reports/service?${June}&unitId=${s.U1.id}`);
    expect(r.units.map((u: any) => u.unitId)).toEqual([s.U1.id, s.U1a.id]);
    expect(unitOf(r, s.U1.id).requests.raised).toBe(3);
    // B's requests (q3, q5) are U2's alone; its nodes too.
    expect(fundOf(r, s.B.id)).toMatchObject({ topLed: 0, requests: { raised: 0 }, nodes: { nodesDue: 0 } });
    expect(fundOf(r, s.A.id).requests.raised).toBe(3);
  });

  it('fundId counts only the family’s records and lists its funds', async () => {
    const r = await t.ok('GET', `/api/reports/service?${June}&fundId=${s.B.id}`);
    expect(r.funds.map((f: any) => f.fundId)).toEqual([s.B.id]);
    expect(unitOf(r, s.R.id)).toMatchObject({
      activities: { ...noActivities, talks: 1 }, // a3 only
      requests: { raised: 2, resolved: 1 }, // q3, q5
      nodes: { nodesDue: 2 },
    });
  });

  it('a manager sees its funds’ records only, and only its funds', async () => {
    const r = await t.ok('GET', `/api/reports/service?${June}`, undefined, s.managerA.token);
    expect(r.funds.map((f: any) => f.fundId)).toEqual([s.A.id]);
    expect(unitOf(r, s.U1a.id)).toEqual({
      unitId: s.U1a.id,
      activities: { ...noActivities, outbound: 1 }, // a1, done for A
      topLed: 1,
      companiesMet: 2,
      leadsProduced: 1,
      // q1, q2, q6, q7 (P1 is A's); q4 concerns a company, not A's project
      requests: {
        raised: 3,
        resolved: 2,
        resolvedOnTime: 1,
        openOverdue: 1, // q7
        resolutionRate: '0.6667',
        onTimeRate: '0.5000',
        medianDays: '11.5',
        satisfaction: '1.0000',
      },
      nodes: { nodesDue: 3, nodesDoneOnTime: 1, nodesOverdue: 1, nodeOnTimeRate: '0.3333', replanned: 2 },
    });
    // U2: only q1 (responsible U2, on A's P1); a3 and a6 were not done for A; P2 is B's.
    expect(unitOf(r, s.U2.id)).toMatchObject({
      activities: noActivities,
      topLed: 0,
      requests: { raised: 1, resolved: 1, openOverdue: 0, medianDays: '5.0' },
      nodes: { nodesDue: 0 },
    });
    expect(fundOf(r, s.A.id)).toEqual(fundOf(await t.ok('GET', `/api/reports/service?${June}`), s.A.id));
  });

  it('a fund the manager may not see is 404, as is a unit or fund that does not exist', async () => {
    const other = await t.call('GET', `/api/reports/service?${June}&fundId=${s.B.id}`, undefined, {
      token: s.managerA.token,
    });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    expect((await t.call('GET', `/api/reports/service?${June}&unitId=9999`)).status).toBe(404);
    expect((await t.call('GET', `/api/reports/service?${June}&fundId=9999`)).status).toBe(404);
  });

  it('a leader reads it', async () => {
    const r = await t.ok('GET', `/api/reports/service?${June}`, undefined, s.leader.token);
    expect(unitOf(r, s.R.id).requests.raised).toBe(5);
  });
});

describe('GET /api/reports/service, bad queries', () => {
  it.each([
    ['no window', '', 'from'],
    ['no end', 'from=2024-06-01', 'to'],
    ['a false date', 'from=2024-02-30&to=2024-03-31', 'from'],
    ['from after to', 'from=2024-07-01&to=2024-06-30', 'from'],
    ['an unknown view', `${June}&view=both`, 'view'],
    ['a bad unit id', `${June}&unitId=abc`, 'unitId'],
  ])('%s is a 400 naming the field', async (_, query, field) => {
    const res = await t.call('GET', `/api/reports/service?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.issues.map((i: any) => i.path)).toContain(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('targets on the service loop’s period figures (SPEC §9)', () => {
  it('outbound, topLed, visits and requestsResolved are accepted and counted year to date', async () => {
    const target = (owner: object, metric: string, value: string) =>
      t.create<{ id: number }>('/api/targets', { ...owner, year: 2024, metric, value });
    await target({ unitId: s.U1.id }, 'outbound', '2');
    await target({ unitId: s.U1.id }, 'requestsResolved', '4');
    await target({ fundId: s.A.id }, 'topLed', '1');
    const a = await t.ok('GET', '/api/assessment?year=2024&asOf=2024-06-30');
    const u1 = unitOf(a, s.U1.id);
    // YTD 2024-01-01 … 06-30 in U1 and U1a: a1 (outbound, 主要负责人带队), a2 (visit); a5 starts 07-01.
    // Requests raised in 2024 and resolved by 06-30: q1, q2 (last resolution 06-28) and q6 (raised 05-01); q7 reopened.
    expect(u1.ytd).toMatchObject({ outbound: 1, topLed: 1, visits: 1, requestsResolved: 3 });
    expect(u1.targets.map((x: any) => [x.metric, x.actual, x.completion, x.ahead])).toEqual([
      ['outbound', 1, '0.5000', '0.0027'], // 1 / 2; 0.5 − 182/366
      ['requestsResolved', 3, '0.7500', '0.2527'], // 3 / 4
    ]);
    expect(u1.score).toBe('0.6250'); // (0.5 + 0.75) / 2
    // A's family: a1 only was done for A
    expect(fundOf(a, s.A.id).targets.map((x: any) => [x.metric, x.actual, x.completion])).toEqual([
      ['topLed', 1, '1.0000'],
    ]);
    expect(fundOf(a, s.B.id).ytd).toMatchObject({ outbound: 0, topLed: 1, visits: 0, requestsResolved: 1 }); // a3; q5
  });
});
