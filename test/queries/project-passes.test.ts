import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

// The reports' cost at province size is the number of passes over the projects table: each report reads it at
// most twice (the per-node counts, sums and day samples; the arrivals), whatever the number of funds or units —
// no pass per median sample, no roll-up of per-project groups through the closure table in SQL — and each pass
// reads a covering index in the order it groups by (no table read, no temp b-tree sort).

/** How many times a statement reads the projects table (each `from`/`join` of it). */
const projectReads = (sql: string) => (sql.match(/\b(?:from|join)\s+"projects"/gi) ?? []).length;

describe('every outcome report reads the projects table at most twice, each time from a covering index', () => {
  it('funds report, a family’s metrics, both unit views, as admin and as a manager', async () => {
    const t = await testApp();
    const s = t.sqlite;
    const district = await t.create('/api/units', { name: '市' });
    const mother = await t.create('/api/funds', { name: '母基金', level: 'mother' });
    const funds = [mother.id];
    const units = [district.id];
    s.transaction(() => {
      const fund = s.prepare(`insert into funds (name, level, parent_id, reinvest_multiple) values (?, 'sub', ?, '1')`);
      const unit = s.prepare(`insert into units (name, parent_id) values (?, ?)`);
      const project = s.prepare(
        `insert into projects (name, source_type, source_fund_id, reported_on, planned_total_fen, introducing_unit_id, landing_unit_id, status, signed_on, registered_on)
         values (?, 'fund', ?, '2024-01-01', 100000000, ?, ?, 'confirmed', ?, ?)`,
      );
      for (let i = 0; i < 11; i++) funds.push(Number(fund.run(`子基金${i}`, funds[Math.floor(i / 3)]).lastInsertRowid));
      for (let i = 0; i < 6; i++) units.push(Number(unit.run(`街道${i}`, units[Math.floor(i / 2)]).lastInsertRowid));
      for (let i = 0; i < 40; i++) {
        project.run(
          `项目${i}`,
          funds[i % funds.length],
          units[i % units.length],
          district.id,
          `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`,
          i % 3 ? '2024-06-01' : null,
        );
      }
    })();
    const manager = await t.userWith('manager', [funds[1]!]);

    const seen: string[] = [];
    const plans: string[] = [];
    const tableReads: string[] = [];
    // The opcodes that read a projects row itself, not an index of it (SQLite's bytecode, `explain`). The day counts
    // are virtual generated columns: the plan then says "USING INDEX" (not COVERING), yet every value comes from the
    // index and the table cursor's deferred seek never happens — which this checks.
    const projectsRoot = (
      s.prepare(`select rootpage from sqlite_master where type = 'table' and name = 'projects'`).get() as {
        rootpage: number;
      }
    ).rootpage;
    const projectRowReads = (sql: string, params: unknown[]) => {
      const ops = prepare(`explain ${sql}`).all(...params) as {
        addr: number;
        opcode: string;
        p1: number;
        p2: number;
      }[];
      const tableCursors = new Set(
        ops.filter((o) => o.opcode === 'OpenRead' && o.p2 === projectsRoot).map((o) => o.p1),
      );
      return ops
        .filter(
          (o) =>
            tableCursors.has(o.p1) &&
            /^(Column|Rowid|SeekRowid|NotExists|NotFound|Found|Rewind|Next|SeekG|SeekL|Last|Prev)/.test(o.opcode),
        )
        .map((o) => `${o.addr} ${o.opcode}`);
    };
    const prepare = s.prepare.bind(s);
    s.prepare = ((sql: string) => {
      seen.push(sql);
      const stmt = prepare(sql);
      if (projectReads(sql) === 0) return stmt;
      // How SQLite reads projects in each such statement, with the values it runs with.
      const all = stmt.all.bind(stmt);
      stmt.all = (...params: unknown[]) => {
        const plan = prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[];
        plans.push(...plan.map((row) => row.detail).filter((d) => /\bprojects\b|TEMP B-TREE/.test(d)));
        tableReads.push(...projectRowReads(sql, params));
        return all(...params);
      };
      return stmt;
    }) as typeof s.prepare;
    const reads = async (path: string, token?: string) => {
      seen.length = 0;
      plans.length = 0;
      tableReads.length = 0;
      expect((await t.call('GET', path, undefined, { token })).status, path).toBe(200);
      // Through a covering index in the order of the node grouped by: no table read, no sort.
      expect(plans.length, path).toBeGreaterThan(0);
      expect(
        plans.filter((d) => !/USING (COVERING )?INDEX projects_(fund|introducing_unit|landing_unit)_idx/.test(d)),
        path,
      ).toEqual([]);
      expect(tableReads, path).toEqual([]);
      return seen.reduce((n, sql) => n + projectReads(sql), 0);
    };

    for (const token of [undefined, manager.token]) {
      const root = token ? funds[1]! : mother.id;
      expect(await reads('/api/reports/funds?asOf=2025-01-01', token)).toBeLessThanOrEqual(2);
      expect(await reads(`/api/funds/${root}/metrics?asOf=2025-01-01`, token)).toBeLessThanOrEqual(2);
      expect(await reads('/api/reports/units?asOf=2025-01-01', token)).toBeLessThanOrEqual(2);
      expect(await reads(`/api/reports/units?view=landing&fundId=${root}&asOf=2025-01-01`, token)).toBeLessThanOrEqual(
        2,
      );
    }
    // The figures are still there: the medians come from the same pass.
    const m = await t.ok('GET', `/api/funds/${mother.id}/metrics?asOf=2025-01-01`);
    expect(m.outcomes.leads).toBe(40);
    expect(m.outcomes.medianDaysToSign).not.toBeNull();
    expect(m.outcomes.medianDaysToRegister).not.toBeNull();
  });
});
