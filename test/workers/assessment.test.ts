// 预警 and the 产业链 map inside workerd on D1: the same district and figures as test/routes/alerts.test.ts and
// chains.test.ts, filtered to this district's mother fund (the `it`s of a file share one D1).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessmentScenario, D, type AssessmentScenario } from '../assessment-scenario';
import { asTestApp, fresh, get, ok } from './client';

let s: AssessmentScenario;
beforeAll(async () => {
  s = await buildAssessmentScenario(asTestApp(), fresh('-'));
});

/** SPEC §7's kinds: this district has no 对接人, so 无人对接 (§9) is checked on its own below. */
const keys = (items: { kind: string; projectId: number | null; creditId: number | null; days: number }[]) =>
  items
    .filter((i) => i.kind !== 'no_liaison')
    .map((i) => `${i.kind}:${i.creditId === null ? `p${i.projectId}` : `c${i.creditId}`}:${i.days}`);

describe('alerts and the chain map on Workers + D1', () => {
  it('lists every kind at its cut-off, longest waiting first, scoped for a manager', async () => {
    const { projects: p, credits: c, funds: f } = s;
    const body = await ok('GET', `/api/alerts?asOf=${D}&fundId=${f.M}`);
    expect(keys(body.items)).toEqual([
      `started_not_completed:p${p.P3}:730`,
      `signed_not_started:p${p.P11}:211`,
      `signed_not_started:p${p.P1}:180`,
      `stale:p${p.P5}:90`,
      `pending_review:p${p.P9}:14`,
      `pending_review:c${c.C1}:14`,
    ]);
    const mine = await ok('GET', `/api/alerts?asOf=${D}`, undefined, s.tokens.mgrA);
    expect(keys(mine.items)).toEqual([
      `started_not_completed:p${p.P3}:730`,
      `signed_not_started:p${p.P1}:180`,
      `stale:p${p.P5}:90`,
    ]);
    expect((await get(`/api/alerts?fundId=${f.B}`, s.tokens.mgrA)).status).toBe(404);
    // 无人对接: A's signed live projects that do not produce (P3, P4, P1, P2, P7), on D1 too
    const liaisonless = await ok('GET', `/api/alerts?asOf=${D}&kind=no_liaison`, undefined, s.tokens.mgrA);
    expect(liaisonless.items.map((i: { days: number }) => i.days)).toEqual([852, 852, 180, 179, 149]);
  });

  it('draws the map: key chains with gaps, a drop after landing still landed, a manager’s own figures', async () => {
    const body = await ok('GET', `/api/reports/chains?asOf=${D}&fundId=${s.funds.M}`);
    const robot = body.chains.find((c: { chain: string }) => c.chain === s.chains.robot);
    expect(
      robot.nodes.map(
        (n: { node: string; landed: number; pipeline: number; planned: string; arrived: string; gap: boolean }) => [
          n.node,
          n.landed,
          n.pipeline,
          n.planned,
          n.arrived,
          n.gap,
        ],
      ),
    ).toEqual([
      ['upstream', 0, 1, '0.00', '0.00', false],
      ['midstream', 2, 0, '70000000.00', '10000000.00', false],
      ['downstream', 0, 1, '0.00', '0.00', false],
      ['unspecified', 0, 1, '0.00', '0.00', false],
    ]);
    const energy = body.chains.find((c: { chain: string }) => c.chain === s.chains.energy);
    expect(energy.nodes.every((n: { gap: boolean }) => n.gap)).toBe(true);
    const mine = await ok('GET', `/api/reports/chains?asOf=${D}`, undefined, s.tokens.mgrA);
    expect(mine.chains.find((c: { chain: string }) => c.chain === s.chains.robot).nodes[2].gap).toBe(true);
  });

  it('exports the alerts as .xlsx twice in a row', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await get(`/api/exports/alerts.xlsx?asOf=${D}&fundId=${s.funds.M}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/spreadsheetml/);
    }
  });
});
