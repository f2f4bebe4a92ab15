import type Database from 'better-sqlite3';
import { prng } from '../../seed/random';
import { progressStages } from '../../src/domain/vocabulary';
import { addDays } from '../../src/domain/dates';

/**
 * A seeded district written in bulk straight into a test database: two mother funds with sub-funds four levels
 * deep, units three levels deep, and projects (all statuses, every stage, drops, arrivals), investments (shared and
 * unrecorded rounds) and credits (every category and status) spread over them and over time — so the grouped read
 * model can be compared with the per-family computation on every fund and unit.
 */
export function generateTree(sqlite: Database.Database, seed = 7) {
  const r = prng(seed);
  const id = (res: Database.RunResult) => Number(res.lastInsertRowid);
  const run = (sql: string) => sqlite.prepare(sql);
  const insUnit = run(`insert into units (name, parent_id, peer_group) values (?, ?, ?)`);
  const insFund = run(
    `insert into funds (name, level, parent_id, reinvest_multiple, reinvest_base, reinvest_weights) values (?, ?, ?, ?, ?, ?)`,
  );
  const insCommitment = run(
    `insert into commitments (fund_id, investor_type, investor_name, investor_fund_id, amount_fen, committed_on) values (?, ?, ?, ?, ?, ?)`,
  );
  const insContribution = run(`insert into contributions (commitment_id, amount_fen, paid_on) values (?, ?, ?)`);
  const insCompany = run(`insert into companies (name, name_key) values (?, ?)`);
  const insInvestment = run(
    `insert into investments (fund_id, company_id, amount_fen, invested_on, round, round_size_fen) values (?, ?, ?, ?, ?, ?)`,
  );
  const insProject = run(
    `insert into projects (name, source_type, source_fund_id, investment_id, reported_on, planned_total_fen, introducing_unit_id, landing_unit_id, status,
       negotiating_on, signed_on, registered_on, started_on, completed_on, producing_on, dropped_on)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insArrival = run(
    `insert into arrivals (project_id, amount_fen, arrived_on, kind, status) values (?, ?, ?, 'fixed_asset', ?)`,
  );
  const insCredit = run(
    `insert into reinvestment_credits (fund_id, company_id, project_id, category, amount_fen, dated_on, status) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const YI = 100 * 100_000_000;
  const day = () => r.date('2020-01-01', '2026-11-01');

  const tx = sqlite.transaction(() => {
    const root = id(insUnit.run('市', null, null));
    const units = [root];
    for (let i = 0; i < 3; i++) {
      const county = id(insUnit.run(`县${i}`, root, 'county'));
      units.push(county);
      for (let j = 0; j < 3; j++) units.push(id(insUnit.run(`县${i}镇${j}`, county, 'town')));
    }

    const funds: { id: number; parent: number | null }[] = [];
    const commit = (fundId: number, type: string, investorFundId: number | null, fen: number) => {
      const on = r.date('2019-06-01', '2025-01-01');
      const m = id(insCommitment.run(fundId, type, type === 'fund' ? null : `${type}出资人`, investorFundId, fen, on));
      if (r.chance(0.85)) insContribution.run(m, Math.floor((fen * r.int(1, 10)) / 20), addDays(on, r.int(0, 400)));
      if (r.chance(0.5)) insContribution.run(m, Math.floor((fen * r.int(1, 10)) / 20), addDays(on, r.int(0, 900)));
    };
    const fund = (name: string, parent: number | null, depth: number) => {
      const k = r.pick(['0', '0', '1', '1.2', '1.5']);
      const weights = r.chance(0.3)
        ? JSON.stringify({
            local_company: '1',
            relocated: '2',
            local_subsidiary: '0.8',
            sourced_project: '0.5',
            secondary: '0.1',
          })
        : null;
      const f = id(
        insFund.run(
          name,
          parent === null ? 'mother' : 'sub',
          parent,
          k,
          r.pick(['parent_committed', 'parent_paid', 'fund_committed', 'fund_paid']),
          weights,
        ),
      );
      funds.push({ id: f, parent });
      if (parent === null) {
        commit(f, 'fiscal', null, r.int(5, 10) * YI);
        commit(f, 'soe', null, r.int(1, 5) * YI);
      } else {
        commit(f, 'fund', parent, r.int(1, 3) * YI);
        if (r.chance(0.8)) commit(f, 'social', null, r.int(1, 6) * YI);
        if (r.chance(0.3)) commit(f, 'fiscal', null, r.int(1, 2) * YI);
      }
      if (depth < 3) for (let i = r.int(depth === 0 ? 3 : 0, 3); i > 0; i--) fund(`${name}-${i}`, f, depth + 1);
    };
    fund('母基金甲', null, 0);
    const firstFamily = funds.length;
    fund('母基金乙', null, 0);
    // Funds of 甲's family that also invest in funds of 乙's (not their parents): fiscal money crosses families, so a
    // family's figures depend on inflows outside its tree (queries/funds.ts: the investor chain).
    for (const target of funds.slice(firstFamily + 1).filter((_, i) => i % 3 === 0))
      commit(target.id, 'fund', r.pick(funds.slice(0, firstFamily)).id, r.int(1, 2) * YI);

    const companies = Array.from({ length: 40 }, (_, i) => id(insCompany.run(`企业${i}`, `企业${i}`)));
    const investments: number[] = [];
    for (let i = 0; i < 120; i++) {
      const amount = r.int(1, 50) * 1_000_000 * 100;
      const size = r.chance(0.6) ? amount * r.int(1, 5) : null;
      investments.push(
        id(
          insInvestment.run(r.pick(funds).id, r.pick(companies), amount, day(), r.pick(['A', 'B', '天使', null]), size),
        ),
      );
    }

    const projects: number[] = [];
    for (let i = 0; i < 600; i++) {
      const sourced = r.chance(0.9);
      const reported = r.date('2020-01-01', '2026-10-01');
      const target = r.int(-1, 5);
      const dates: (string | null)[] = progressStages.map(() => null);
      let on = reported;
      for (let s = 0; s <= target; s++) {
        if (s !== 1 && r.chance(0.25)) continue; // skipped stages
        on = addDays(on, r.int(0, 300));
        dates[s] = on;
      }
      const reached = dates.map((_, s) => dates.slice(s).find((d) => d !== null) ?? null);
      const dropped = r.chance(0.1) ? addDays(on, r.int(1, 200)) : null;
      projects.push(
        id(
          insProject.run(
            `项目${i}`,
            sourced ? 'fund' : 'business',
            sourced ? r.pick(funds).id : null,
            r.chance(0.2) ? r.pick(investments) : null,
            reported,
            r.int(0, 30) * 10_000_000 * 100,
            r.chance(0.9) ? r.pick(units) : null,
            r.chance(0.9) ? r.pick(units) : null,
            r.pick(['confirmed', 'confirmed', 'confirmed', 'pending', 'rejected']),
            ...reached,
            dropped,
          ),
        ),
      );
    }
    // Arrivals of every 认定 status: only the confirmed ones may count anywhere.
    for (let i = 0; i < 500; i++)
      insArrival.run(
        r.pick(projects),
        r.int(1, 900) * 100_000 * 100,
        day(),
        r.pick(['confirmed', 'confirmed', 'pending', 'rejected']),
      );
    for (let i = 0; i < 200; i++) {
      const onCompany = r.chance(0.7);
      insCredit.run(
        r.pick(funds).id,
        onCompany ? r.pick(companies) : null,
        onCompany ? null : r.pick(projects),
        r.pick(['local_company', 'relocated', 'local_subsidiary', 'sourced_project', 'secondary']),
        r.int(1, 500) * 100_000 * 100,
        day(),
        r.pick(['approved', 'approved', 'pending', 'rejected']),
      );
    }
    return { funds, units };
  });
  return tx();
}
