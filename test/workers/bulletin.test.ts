import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessmentScenario, type AssessmentScenario } from '../bulletin-scenario';
import { asTestApp, get } from './client';

// The assessment and the bulletin of test/routes/assessment.test.ts, through the worker on D1: the same figures.
/** The service loop's period figures (SPEC §9): the scenario has no activities or requests. */
const service0 = { outbound: 0, topLed: 0, visits: 0, requestsResolved: 0 };

describe('assessment on Workers + D1', () => {
  let s: AssessmentScenario;
  beforeAll(async () => {
    s = await buildAssessmentScenario(asTestApp());
  }, 60_000);

  it('GET /api/assessment: YTD figures, targets, score, rank and board', async () => {
    const r = await get('/api/assessment?year=2024&asOf=2024-06-30');
    expect(r.status).toBe(200);
    expect(r.body.schedule).toBe('0.4973'); // 182 / 366
    expect(r.body.units.map((u: any) => [u.unitId, u.score, u.rank, u.board])).toEqual([
      [s.U3.id, '0.8500', 1, 'red'], // (min(2, 1.2) + 0.5) / 2
      [s.U2.id, '0.5000', 2, 'red'], // 1 / 2 ≥ 0.4973
      [s.U1.id, '0.3333', 3, 'black'], // (2 × 1/4 + 5000万/1亿) / 3 < 0.8 × 0.4973
      [s.R.id, '1.0000', null, 'red'], // landed 2 / 2; no peer group
    ]);
    const U1 = r.body.units.find((u: any) => u.unitId === s.U1.id);
    expect(U1.ytd).toEqual({
      ...service0,
      newLeads: 1,
      signed: 1,
      signedPlanned: '200000000.00',
      bigSigned: 1,
      started: 1,
      producing: 0,
      arrived: '50000000.00',
    });
    const A = r.body.funds.find((f: any) => f.fundId === s.A.id);
    expect(A.ytd).toEqual({
      ...service0,
      newLeads: 1,
      signed: 1,
      signedPlanned: '200000000.00',
      bigSigned: 1,
      started: 2,
      producing: 1,
      arrived: '50000000.00',
    });
  });

  it('GET /api/bulletins/2024-07: month figures and alert counts; the .xlsx twice in a row', async () => {
    const b = await get('/api/bulletins/2024-07');
    expect(b.status).toBe(200);
    const U1 = b.body.units.find((u: any) => u.unitId === s.U1.id);
    expect(U1.month).toEqual({
      ...service0,
      newLeads: 0,
      signed: 1,
      signedPlanned: '50000000.00',
      bigSigned: 0,
      started: 0,
      producing: 0,
      arrived: '10000000.00',
    });
    expect(b.body.alerts).toEqual({
      signed_not_started: 1,
      started_not_completed: 0,
      stale: 1,
      pending_review: 2,
      node_overdue: 0,
      request_overdue: 0,
      no_liaison: 3, // P1, P2, P8: signed, live, not producing, no 对接人
    });
    for (let i = 0; i < 2; i++) {
      const x = await get('/api/exports/bulletin.xlsx?month=2024-07');
      expect(x.status).toBe(200);
      expect(x.headers.get('content-type')).toContain('spreadsheetml');
    }
  });
});
