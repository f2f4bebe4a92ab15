import { beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, familyOf } from '../../src/auth';
import { funds as fundsTable } from '../../src/db/schema';
import { testApp, type TestApp } from '../helpers';
import { generateTree } from './generated-tree';
import * as reference from './reference-metrics';

// The grouped read model (src/queries) against the per-family computation it replaced (reference-metrics.ts), on a
// generated district: every field of every fund and every unit, on several as-of dates, for staff and a manager.

const dates = ['2020-12-31', '2022-06-30', '2024-12-31', '2026-11-22'];
const BIG = 100 * 100_000_000;

let t: TestApp;
let tree: ReturnType<typeof generateTree>;

beforeAll(async () => {
  t = await testApp();
  tree = generateTree(t.sqlite);
});

async function referenceFunds(asOf: string, bigProjectFen = BIG, only?: Set<number>) {
  const ctx = await reference.metricsContext(t.db, asOf);
  const rows = [...ctx.funds.values()].filter((f) => !only || only.has(f.id)).sort((a, b) => a.id - b.id);
  const out = [];
  for (const f of rows) out.push(await reference.fundMetrics(t.db, ctx, f, { bigProjectFen }));
  return out;
}

describe('the generated district', () => {
  it('is deep and wide enough to test the roll-up', () => {
    const children = childrenOf(tree.funds.map((f) => ({ id: f.id, parentId: f.parent })));
    const depth = (id: number): number => 1 + Math.max(0, ...(children.get(id) ?? []).map(depth));
    expect(tree.funds.length).toBeGreaterThan(15);
    expect(Math.max(...tree.funds.filter((f) => f.parent === null).map((f) => depth(f.id)))).toBeGreaterThanOrEqual(3);
  });
});

describe('funds: the grouped pass equals the per-family computation', () => {
  for (const asOf of dates) {
    it(`GET /api/reports/funds and each GET /api/funds/:id/metrics as of ${asOf}`, async () => {
      const expected = await referenceFunds(asOf);
      const report = await t.ok('GET', `/api/reports/funds?asOf=${asOf}`);
      expect(report.funds).toEqual(expected);
      for (const m of expected) expect(await t.ok('GET', `/api/funds/${m.fundId}/metrics?asOf=${asOf}`)).toEqual(m);
    });
  }

  it('with another 亿元以上 threshold', async () => {
    const expected = await referenceFunds('2025-06-30', 5_000_000 * 100);
    expect((await t.ok('GET', '/api/reports/funds?asOf=2025-06-30&bigProjectThreshold=5000000')).funds).toEqual(
      expected,
    );
  });

  it('for a manager: exactly its funds’ families, each with the same figures', async () => {
    const rows = await t.db.select({ id: fundsTable.id, parentId: fundsTable.parentId }).from(fundsTable);
    const children = childrenOf(rows);
    const subs = tree.funds.filter((f) => f.parent !== null && (children.get(f.id) ?? []).length > 0);
    const bound = [subs[0]!.id, subs[subs.length - 1]!.id];
    const visible = new Set(bound.flatMap((f) => familyOf(children, f)));
    const manager = await t.userWith('manager', bound);
    const expected = await referenceFunds('2024-12-31', BIG, visible);
    expect(expected.length).toBe(visible.size);
    expect((await t.ok('GET', '/api/reports/funds?asOf=2024-12-31', undefined, manager.token)).funds).toEqual(expected);
  });
});

describe('pipeline: the same counts and exact sums', () => {
  for (const asOf of dates) {
    it(`GET /api/reports/pipeline as of ${asOf}, for staff and a manager`, async () => {
      const byKey = (xs: { fundId: number | null; stage: string }[]) =>
        [...xs].sort((a, b) => a.fundId! - b.fundId! || a.stage.localeCompare(b.stage));
      expect(byKey((await t.ok('GET', `/api/reports/pipeline?asOf=${asOf}`)).funds)).toEqual(
        byKey(await reference.pipelineFunds(t.db, asOf, null)),
      );
      const rows = await t.db.select({ id: fundsTable.id, parentId: fundsTable.parentId }).from(fundsTable);
      const sub = tree.funds.find((f) => f.parent !== null)!.id;
      const manager = await t.userWith('manager', [sub]);
      expect(byKey((await t.ok('GET', `/api/reports/pipeline?asOf=${asOf}`, undefined, manager.token)).funds)).toEqual(
        byKey(await reference.pipelineFunds(t.db, asOf, familyOf(childrenOf(rows), sub))),
      );
    });
  }
});

describe('units: the grouped pass equals the per-unit computation', () => {
  for (const asOf of dates.slice(1)) {
    for (const view of ['introducing', 'landing'] as const) {
      it(`GET /api/reports/units?view=${view} as of ${asOf}`, async () => {
        const expected = await reference.unitReport(t.db, asOf, BIG, view, null, null);
        expect((await t.ok('GET', `/api/reports/units?view=${view}&asOf=${asOf}`)).units).toEqual(expected);
      });
    }
  }

  it('within one fund family (fundId) and within a manager’s scope', async () => {
    const rows = await t.db.select({ id: fundsTable.id, parentId: fundsTable.parentId }).from(fundsTable);
    const children = childrenOf(rows);
    const mother = tree.funds.find((f) => f.parent === null)!.id;
    const sub = children.get(mother)![0]!;
    const family = familyOf(children, mother);
    expect((await t.ok('GET', `/api/reports/units?asOf=2025-01-01&fundId=${mother}`)).units).toEqual(
      await reference.unitReport(t.db, '2025-01-01', BIG, 'introducing', null, family),
    );
    const manager = await t.userWith('manager', [sub]);
    expect(
      (await t.ok('GET', '/api/reports/units?asOf=2025-01-01&view=landing', undefined, manager.token)).units,
    ).toEqual(await reference.unitReport(t.db, '2025-01-01', BIG, 'landing', familyOf(children, sub), null));
  });
});
