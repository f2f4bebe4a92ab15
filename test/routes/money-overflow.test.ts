import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

// Issue 7 item 4: sums of integer fen beyond SQLite's int64 (2^63 ≈ 9.2 × 10^18 fen) must not break any read.
// Each amount here is the largest the API accepts (10^13 元 = 10^15 fen); thousands of them are written in bulk
// straight into the database, as thousands of accepted writes would leave it.

const MAX_FEN = 10 ** 15;
const N = 10_000; // 10,000 × 10^15 fen = 10^19 fen > 2^63
const ARRIVALS = 9_300; // 9,300 × 10^15 fen = 9.3 × 10^18 fen > 2^63
const e17 = '100000000000000000.00'; // 10^19 fen in 元

async function hugeDistrict() {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '测试区' });
  const mother = await t.create('/api/funds', { name: '母基金', level: 'mother' });
  const sub = await t.create('/api/funds', {
    name: '子基金',
    level: 'sub',
    parentId: mother.id,
    reinvestment: { multiple: '1', base: 'fund_committed' },
  });
  const company = await t.create('/api/companies', { name: '芜湖超大企业有限公司' });
  const lead = await t.create('/api/projects', {
    name: '到资项目',
    sourceType: 'fund',
    sourceFundId: sub.id,
    reportedOn: '2024-01-01',
    plannedTotal: '0',
    introducingUnitId: unit.id,
    landingUnitId: unit.id,
  });
  await t.create(`/api/projects/${lead.id}/milestones`, { stage: 'signed', on: '2024-02-01' });

  const s = t.sqlite;
  s.transaction(() => {
    const commitment = s.prepare(
      `insert into commitments (fund_id, investor_type, investor_name, amount_fen, committed_on) values (?, 'social', '社会出资人', ?, '2024-01-01')`,
    );
    const contribution = s.prepare(
      `insert into contributions (commitment_id, amount_fen, paid_on) values (?, ?, '2024-01-02')`,
    );
    const investment = s.prepare(
      `insert into investments (fund_id, company_id, amount_fen, invested_on, round) values (?, ?, ?, '2024-01-03', 'A')`,
    );
    const credit = s.prepare(
      `insert into reinvestment_credits (fund_id, company_id, category, amount_fen, dated_on, status) values (?, ?, 'local_company', ?, '2024-01-04', 'approved')`,
    );
    const project = s.prepare(
      `insert into projects (name, source_type, source_fund_id, reported_on, planned_total_fen, introducing_unit_id, landing_unit_id, status, negotiating_on, signed_on)
       values (?, 'fund', ?, '2024-01-01', ?, ?, ?, 'confirmed', '2024-03-01', '2024-03-01')`,
    );
    const arrival = s.prepare(
      `insert into arrivals (project_id, amount_fen, arrived_on, kind) values (?, ?, '2024-06-01', 'fixed_asset')`,
    );
    for (let i = 0; i < N; i++) {
      contribution.run(Number(commitment.run(sub.id, MAX_FEN).lastInsertRowid), MAX_FEN);
      investment.run(sub.id, company.id, MAX_FEN);
      credit.run(sub.id, company.id, MAX_FEN);
      project.run(`大项目${i}`, sub.id, MAX_FEN, unit.id, unit.id);
    }
    for (let i = 0; i < ARRIVALS; i++) arrival.run(lead.id, MAX_FEN);
  })();
  return { t, unit, mother, sub, lead };
}

describe('sums beyond int64 stay exact', () => {
  it('every report, metric and export answers 200 with the exact decimal', async () => {
    const { t, unit, mother, sub } = await hugeDistrict();
    const m = await t.ok('GET', `/api/funds/${sub.id}/metrics?asOf=2024-12-31`);
    expect(m.capital).toMatchObject({ committed: e17, paidIn: e17, invested: e17 });
    expect(m.leverage.investment).toBe('1.0000'); // one round, no size recorded: its size is the family's own 10^19 fen
    expect(m.reinvestment).toMatchObject({ required: e17, credited: e17, rate: '1.0000', gap: '0.00' });
    expect(m.outcomes).toMatchObject({
      leads: N + 1,
      plannedTotal: e17,
      arrived: '93000000000000000.00', // 9,300 × 10^13 元
      rates: expect.objectContaining({ arrival: '0.9300' }),
      attractionMultiple: '1.0000',
    });

    const mo = await t.ok('GET', `/api/funds/${mother.id}/metrics?asOf=2024-12-31`);
    expect(mo.capital.invested).toBe(e17);
    expect(mo.outcomes.arrived).toBe('93000000000000000.00');

    const funds = await t.ok('GET', '/api/reports/funds?asOf=2024-12-31');
    expect(funds.funds.map((f: { outcomes: { plannedTotal: string } }) => f.outcomes.plannedTotal)).toEqual([e17, e17]);

    const units = await t.ok('GET', '/api/reports/units?asOf=2024-12-31');
    expect(units.units.find((u: { unitId: number }) => u.unitId === unit.id).outcomes).toMatchObject({
      plannedTotal: e17,
      arrived: '93000000000000000.00',
    });

    const pipeline = await t.ok('GET', '/api/reports/pipeline?asOf=2024-12-31');
    expect(pipeline.funds).toContainEqual({ fundId: sub.id, stage: 'signed', count: N + 1, plannedTotal: e17 });

    for (const path of [
      '/api/exports/funds.xlsx?asOf=2024-12-31',
      `/api/exports/projects.xlsx?q=${encodeURIComponent('到资项目')}`,
      `/api/funds/${sub.id}`,
    ]) {
      expect((await t.get(path)).status, path).toBe(200);
    }
  }, 60_000);
});
