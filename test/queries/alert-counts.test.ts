// The alert counts (the cockpit's strip, the 通报, the alerts page) count in one pass what the list lists branch by
// branch: on the districts of test/assessment-scenario.ts (§7's kinds) and test/service-scenario.ts (§9's), each
// count equals the list's rows of its kind, on many dates, day counts, scopes and filters.
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { alertKinds, type AlertDays, type AlertKind } from '../../src/domain/alerts';
import { alertCounts, alertList, type AlertRequest } from '../../src/queries/alerts';
import { buildAssessmentScenario, D as assessmentDay } from '../assessment-scenario';
import { testApp, type TestApp } from '../helpers';
import { buildServiceScenario } from '../service-scenario';

const everyone = { all: true, userId: 0, funds: new Set<number>() };

async function expectCountsOfList(r: AlertRequest, seen: Set<AlertKind>) {
  const { items, more } = await alertList(r, { limit: 100_000 });
  expect(more).toBe(false);
  const tally = Object.fromEntries(alertKinds.map((k) => [k, 0])) as Record<AlertKind, number>;
  for (const i of items) tally[i.kind]++;
  expect({ asOf: r.asOf, fundId: r.fundId, unitId: r.unitId, counts: await alertCounts(r) }).toEqual({
    asOf: r.asOf,
    fundId: r.fundId,
    unitId: r.unitId,
    counts: tally,
  });
  for (const k of alertKinds) if (tally[k] > 0) seen.add(k);
}

const shortDays: AlertDays = {
  signed_not_started: 30,
  started_not_completed: 60,
  stale: 20,
  pending_review: 3,
  node_overdue: 0,
  request_overdue: 0,
  no_liaison: 0,
};

describe('alertCounts equals the alert list counted by kind', () => {
  let a: TestApp;
  let b: TestApp;
  let districts: {
    t: TestApp;
    day: string;
    funds: number[];
    units: number[];
    managers: { id: number; funds: number[] }[];
  }[];
  beforeAll(async () => {
    a = await testApp();
    const s = await buildAssessmentScenario(a);
    b = await testApp();
    const v = await buildServiceScenario(b);
    const managerA = await a.userWith('manager', [s.funds.A]);
    districts = [
      {
        t: a,
        day: assessmentDay,
        funds: Object.values(s.funds),
        units: Object.values(s.units),
        managers: [{ id: managerA.id, funds: [s.funds.A] }],
      },
      {
        t: b,
        day: '2024-06-30',
        funds: [v.M.id, v.A.id, v.B.id],
        units: [v.U1.id, v.U1a.id, v.U2.id],
        managers: [{ id: v.managerA.id, funds: [v.A.id] }],
      },
    ];
  });

  it('on many dates and day counts, for staff, a leader, a manager, a fund family and a unit', async () => {
    const seen = new Set<AlertKind>();
    for (const d of districts)
      for (const shift of [-400, -90, -30, 0, 1, 45, 200])
        for (const days of [undefined, shortDays]) {
          const asOf = addDays(d.day, shift);
          const base = { db: d.t.db, scope: everyone, asOf, days };
          await expectCountsOfList({ ...base, pendingReview: true }, seen);
          await expectCountsOfList({ ...base, pendingReview: false }, seen);
          for (const m of d.managers)
            await expectCountsOfList(
              { ...base, scope: { all: false, userId: m.id, funds: new Set(m.funds) }, pendingReview: false },
              seen,
            );
          for (const fundId of d.funds) await expectCountsOfList({ ...base, pendingReview: true, fundId }, seen);
          for (const unitId of d.units) await expectCountsOfList({ ...base, pendingReview: true, unitId }, seen);
        }
    // Every kind was counted somewhere, so each count was held to rows it had.
    expect([...seen].sort()).toEqual([...alertKinds].sort());
  });
});
