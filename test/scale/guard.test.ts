// The guard every Node test runs under: testApp's connection refuses, as D1 does, a statement binding over 100 variables.
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { funds } from '../../src/db/schema';
import { boundVariables, testApp } from '../helpers';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

describe('boundVariables', () => {
  it('counts ? placeholders and distinct named ones', () => {
    expect(boundVariables('select 1')).toBe(0);
    expect(boundVariables(`select * from funds where id in (${placeholders(7)}) and level = ?`)).toBe(8);
    expect(boundVariables('select :a, :a, @b, $c, ?5')).toBe(4);
  });

  it('does not count what sits in string literals, quoted identifiers or comments', () => {
    expect(boundVariables(`select '?', 'it''s ?', "col?", \`x?\`, [y?] -- ? ?\n from t where a = ? /* ? :x */`)).toBe(
      1,
    );
    expect(
      boundVariables(`select strftime('%Y-%m-%dT%H:%M:%fZ','now'), json_extract(x, '$.a') from t where id = ?`),
    ).toBe(1);
  });
});

describe('testApp’s connection', () => {
  it('runs a statement with 100 variables and refuses one with 101, as D1 does', async () => {
    const t = await testApp();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(
      t.sqlite.prepare(`select count(*) as n from funds where id in (${placeholders(100)})`).get(...ids(100)),
    ).toEqual({ n: 0 });
    expect(() => t.sqlite.prepare(`select count(*) as n from funds where id in (${placeholders(101)})`)).toThrow(
      /too many SQL variables: 101/,
    );
  });

  it('refuses drizzle’s statements too: inArray over 101 ids throws, over 100 runs', async () => {
    const t = await testApp();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(
      await t.db
        .select()
        .from(funds)
        .where(inArray(funds.id, ids(100))),
    ).toEqual([]);
    await expect(async () =>
      t.db
        .select()
        .from(funds)
        .where(inArray(funds.id, ids(101))),
    ).rejects.toThrow(/too many SQL variables/);
  });
});
