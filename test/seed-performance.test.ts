import { describe, expect, it } from 'vitest';
import { seed } from '../seed';
import { LAST_DAY } from '../seed/district';
import { testApp, TODAY } from './helpers';

describe('demo data: 业绩与投向', () => {
  it('makes every §8 figure non-trivial: each fund has a TVPI and an IRR, each figure is positive somewhere, thresholds both met and missed', async () => {
    const t = await testApp();
    await seed(t.db, { now: () => new Date(`${TODAY}T04:00:00Z`) });
    const funds = (await t.ok('GET', '/api/funds?limit=500')).items as { id: number }[];
    const bodies = await Promise.all(funds.map((f) => t.ok('GET', `/api/funds/${f.id}/performance?asOf=${LAST_DAY}`)));
    for (const b of bodies) {
      expect(b.tvpi, `fund ${b.fundId}`).not.toBeNull();
      expect(b.irr, `fund ${b.fundId}`).not.toBeNull();
    }
    const positive = (pick: (b: any) => string | null) => bodies.some((b) => pick(b) !== null && Number(pick(b)) > 0);
    for (const figure of ['distributed', 'nav', 'dpi', 'rvpi', 'tvpi', 'irr', 'appreciation'])
      expect(
        positive((b) => b[figure]),
        figure,
      ).toBe(true);
    for (const indicator of Object.keys(bodies[0].indicators))
      expect(
        positive((b) => b.indicators[indicator]),
        indicator,
      ).toBe(true);
    expect(bodies.some((b) => b.children.some((c: { distributed: string }) => Number(c.distributed) > 0))).toBe(true);
    const met = bodies.flatMap((b) => b.checks.map((c: { met: boolean | null }) => c.met));
    expect(met).toContain(true);
    expect(met).toContain(false);
    const exited = (await t.ok('GET', '/api/investments?limit=500')).items.filter(
      (i: { exitedOn: string | null }) => i.exitedOn !== null,
    );
    expect(exited.length).toBeGreaterThan(0);
  }, 120_000);
});
