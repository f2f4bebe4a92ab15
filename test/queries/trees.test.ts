import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childrenOf, familyOf } from '../../src/auth';
import { testApp, type TestApp } from '../helpers';

// fund_tree and unit_tree (drizzle/0007) are kept by triggers: after any insert, move or delete they hold exactly
// the (ancestor, descendant, depth) pairs the parent links say.

function expectedClosure(rows: { id: number; parentId: number | null }[]) {
  const children = childrenOf(rows);
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const depth = (id: number, ancestor: number): number => (id === ancestor ? 0 : 1 + depth(parent.get(id)!, ancestor));
  return rows
    .flatMap((r) => familyOf(children, r.id).map((d) => ({ ancestorId: r.id, descendantId: d, depth: depth(d, r.id) })))
    .sort((a, b) => a.ancestorId - b.ancestorId || a.descendantId - b.descendantId);
}

function closure(t: TestApp, table: 'fund_tree' | 'unit_tree') {
  return t.sqlite
    .prepare(`select ancestor_id as ancestorId, descendant_id as descendantId, depth from ${table} order by 1, 2`)
    .all();
}

const links = (t: TestApp, table: 'funds' | 'units') =>
  t.sqlite.prepare(`select id, parent_id as parentId from ${table}`).all() as { id: number; parentId: number | null }[];

describe('closure tables follow the trees', () => {
  it('funds created through the API, then moved and deleted in SQL', async () => {
    const t = await testApp();
    const m = await t.create('/api/funds', { name: '母基金', level: 'mother' });
    const a = await t.create('/api/funds', { name: 'A', level: 'sub', parentId: m.id });
    const b = await t.create('/api/funds', { name: 'B', level: 'sub', parentId: m.id });
    const a1 = await t.create('/api/funds', { name: 'A1', level: 'sub', parentId: a.id });
    await t.create('/api/funds', { name: 'A11', level: 'sub', parentId: a1.id });
    await t.create('/api/funds', { name: '直投基金', level: 'direct' });
    expect(closure(t, 'fund_tree')).toEqual(expectedClosure(links(t, 'funds')));
    expect(closure(t, 'fund_tree')).toHaveLength(6 + 4 + 2 + 1); // self pairs, A1/A11 under A and M, A11 under A1 …

    t.sqlite.prepare('update funds set parent_id = ? where id = ?').run(b.id, a1.id); // A1 (with A11) moves under B
    expect(closure(t, 'fund_tree')).toEqual(expectedClosure(links(t, 'funds')));
    t.sqlite.prepare('update funds set parent_id = null where id = ?').run(a1.id); // and becomes a root
    expect(closure(t, 'fund_tree')).toEqual(expectedClosure(links(t, 'funds')));

    const leaf = await t.create('/api/funds', { name: '临时', level: 'sub', parentId: b.id });
    t.sqlite.prepare('delete from funds where id = ?').run(leaf.id);
    expect(closure(t, 'fund_tree')).toEqual(expectedClosure(links(t, 'funds')));
  });

  it('units with sub-units', async () => {
    const t = await testApp();
    const city = await t.create('/api/units', { name: '市' });
    for (const name of ['甲县', '乙县']) {
      const county = await t.create('/api/units', { name, parentId: city.id });
      for (const town of ['一镇', '二镇'])
        await t.create('/api/units', { name: `${name}${town}`, parentId: county.id });
    }
    expect(closure(t, 'unit_tree')).toEqual(expectedClosure(links(t, 'units')));
    expect(closure(t, 'unit_tree').filter((r) => (r as { ancestorId: number }).ancestorId === city.id)).toHaveLength(7);
  });
});

describe('the migration fills the closure tables from the trees already there', () => {
  it('its backfill statements rebuild exactly the pairs the triggers keep', async () => {
    const t = await testApp();
    const m = await t.create('/api/funds', { name: '母基金', level: 'mother' });
    const a = await t.create('/api/funds', { name: 'A', level: 'sub', parentId: m.id });
    await t.create('/api/funds', { name: 'A1', level: 'sub', parentId: a.id });
    const city = await t.create('/api/units', { name: '市' });
    await t.create('/api/units', {
      name: '县',
      parentId: (await t.create('/api/units', { name: '区', parentId: city.id })).id,
    });
    const kept = [closure(t, 'fund_tree'), closure(t, 'unit_tree')];
    t.sqlite.exec('delete from fund_tree; delete from unit_tree;');
    const migration = readFileSync(resolve(import.meta.dirname, '../../drizzle/0009_fund_unit_closure.sql'), 'utf8');
    const backfills = migration
      .split('--> statement-breakpoint')
      .map((x) => x.trim())
      .filter((x) => /^(--[^\n]*\n)*INSERT INTO/.test(x));
    expect(backfills).toHaveLength(2);
    for (const statement of backfills) t.sqlite.exec(statement);
    expect([closure(t, 'fund_tree'), closure(t, 'unit_tree')]).toEqual(kept);
  });
});
