import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

// D1 allows 100 bound variables a statement. better-sqlite3 allows far more, so this test counts the placeholders of
// every statement the app prepares while a 150-fund family, a unit with 120 sub-units and a manager bound to that
// family are read through every report, list and export.

const LIMIT = 100;

/** Placeholders in a statement's SQL, outside string literals. */
const placeholders = (sql: string) => (sql.replace(/'(?:[^']|'')*'/g, '').match(/\?/g) ?? []).length;

describe('no statement binds more than 100 variables, whatever the size of a family or a unit tree', () => {
  it('every read of a 150-fund family, a 120-sub-unit unit and its manager', async () => {
    const t = await testApp();
    const s = t.sqlite;
    const district = await t.create('/api/units', { name: '市' });
    const mother = await t.create('/api/funds', { name: '母基金', level: 'mother' });
    const ids: { funds: number[]; units: number[] } = { funds: [mother.id], units: [district.id] };
    s.transaction(() => {
      const fund = s.prepare(`insert into funds (name, level, parent_id, reinvest_multiple) values (?, 'sub', ?, '1')`);
      const unit = s.prepare(`insert into units (name, parent_id) values (?, ?)`);
      const project = s.prepare(
        `insert into projects (name, source_type, source_fund_id, reported_on, planned_total_fen, introducing_unit_id, landing_unit_id, status, signed_on, registered_on)
         values (?, 'fund', ?, '2024-01-01', 100000000, ?, ?, 'confirmed', '2024-02-01', '2024-05-01')`,
      );
      for (let i = 0; i < 149; i++)
        ids.funds.push(Number(fund.run(`子基金${i}`, ids.funds[Math.floor(i / 3)]!).lastInsertRowid));
      for (let i = 0; i < 120; i++)
        ids.units.push(Number(unit.run(`街道${i}`, i < 10 ? district.id : ids.units[1 + (i % 10)]!).lastInsertRowid));
      ids.funds.forEach((f, i) => project.run(`项目${i}`, f, ids.units[i % ids.units.length]!, district.id));
    })();
    const manager = await t.userWith('manager', [mother.id]);

    const seen: { sql: string; n: number }[] = [];
    const prepare = s.prepare.bind(s);
    s.prepare = (sql: string) => {
      seen.push({ sql, n: placeholders(sql) });
      return prepare(sql);
    };

    const paths = [
      `/api/funds/${mother.id}/metrics`,
      `/api/funds/${ids.funds[100]}/metrics`,
      '/api/reports/funds',
      '/api/reports/units',
      `/api/reports/units?view=landing&fundId=${mother.id}`,
      '/api/reports/pipeline',
      '/api/funds',
      `/api/projects?fundId=${mother.id}`,
      '/api/projects',
      '/api/investments',
      '/api/reinvestment-credits',
      '/api/targets',
      '/api/companies',
      '/api/exports/funds.xlsx',
      `/api/exports/projects.xlsx?fundId=${mother.id}`,
      '/api/imports/projects/template.xlsx',
    ];
    for (const token of [undefined, manager.token]) {
      for (const path of paths) expect((await t.call('GET', path, undefined, { token })).status, path).toBe(200);
    }
    const funds = await t.ok('GET', '/api/reports/funds', undefined, manager.token);
    expect(funds.funds).toHaveLength(150);
    expect(funds.funds[0].outcomes.leads).toBe(150);
    const units = await t.ok('GET', '/api/reports/units', undefined, manager.token);
    expect(units.units[0].outcomes.landed).toBe(150);

    expect(seen.length).toBeGreaterThan(paths.length);
    expect(seen.filter((q) => q.n > LIMIT).map((q) => `${q.n}: ${q.sql.slice(0, 120)}`)).toEqual([]);
  });
});
