// A project's arrival summary (projects.first_arrival_on, last_arrival_on, arrived_hi, arrived_lo) is kept by
// triggers on arrivals (drizzle/0017, 0022: confirmed arrivals only) and read by the outcome pass instead of joining
// every arrival. These tests hold it to what the confirmed arrivals say, through every kind of write (a 认定 and a
// 退回 too), and the figures to plain SQL on every date.
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan } from '../../src/domain/money';
import { databaseBefore, migrateToLatest, testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';

const SPLIT = 1_000_000_000n;

/** Each project's summary as stored, and as its arrivals say it should be (exact: BigInt over the amounts). */
function summaries(sqlite: Database.Database) {
  const stored = sqlite
    .prepare(
      'select id, first_arrival_on as first, last_arrival_on as last, cast(arrived_hi as text) as hi, cast(arrived_lo as text) as lo from projects order by id',
    )
    .all() as { id: number; first: string | null; last: string | null; hi: string; lo: string }[];
  const arrivals = sqlite
    .prepare(
      `select project_id as projectId, cast(amount_fen as text) as fen, arrived_on as on_ from arrivals where status = 'confirmed'`,
    )
    .all() as {
    projectId: number;
    fen: string;
    on_: string;
  }[];
  const expected = stored.map((p) => {
    const mine = arrivals.filter((a) => a.projectId === p.id);
    const dates = mine.map((a) => a.on_).sort();
    return {
      id: p.id,
      first: dates[0] ?? null,
      last: dates.at(-1) ?? null,
      total: mine.reduce((s, a) => s + BigInt(a.fen), 0n).toString(),
    };
  });
  const actual = stored.map((p) => ({
    id: p.id,
    first: p.first,
    last: p.last,
    total: (BigInt(p.hi) * SPLIT + BigInt(p.lo)).toString(),
  }));
  return { actual, expected };
}

/** The arrived money of a fund's family by asOf, in plain SQL over the arrivals (no summary), as 元 text. */
function plainArrived(t: TestApp, fundId: number, asOf: string) {
  const r = t.sqlite
    .prepare(
      `select cast(coalesce(sum(a.amount_fen), 0) as text) as fen from arrivals a join projects p on p.id = a.project_id
       where p.source_fund_id in (select descendant_id from fund_tree where ancestor_id = ?) and p.status = 'confirmed'
         and p.reported_on <= ? and p.signed_on <= ? and a.arrived_on <= ? and a.status = 'confirmed'`,
    )
    .get(fundId, asOf, asOf, asOf) as { fen: string };
  return fenToYuan(r.fen);
}

describe('the arrival summary of a project', () => {
  it('equals its arrivals after any sequence of inserts, updates and deletes, and writes nothing to the audit log', async () => {
    const t = await testApp();
    const w = await buildWorkedExample(t);
    const projectIds = [w.P1.id, w.P2.id, w.P3.id, w.P4.id];
    const admin = (t.sqlite.prepare(`select id from users where username = 'admin'`).get() as { id: number }).id;
    const insert = t.sqlite.prepare(
      `insert into arrivals (project_id, amount_fen, arrived_on, kind, currency, status, updated_by) values (?, ?, ?, 'working', 'CNY', ?, ?)`,
    );
    const status = fc.constantFrom('confirmed', 'pending', 'rejected');
    const day = fc
      .integer({ min: 0, max: 900 })
      .map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    // Up to 10^15 fen an amount: several on one project pass 2^63 only in the split parts' sum, never in one part.
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }),
      fc.constant(10 ** 15),
      fc.integer({ min: 0, max: 10 ** 15 }),
    );
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        project: fc.constantFrom(...projectIds),
        amount,
        on: day,
        status,
      }),
      fc.record({ kind: fc.constant('review' as const), pick: fc.nat(), status }),
      fc.record({
        kind: fc.constant('update' as const),
        pick: fc.nat(),
        project: fc.constantFrom(...projectIds),
        amount,
        on: day,
      }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), project: fc.constantFrom(...projectIds) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );
    const auditBefore = (
      t.sqlite.prepare(`select count(*) as n from audit_log where entity = 'projects'`).get() as { n: number }
    ).n;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        for (const o of ops) {
          const ids = (t.sqlite.prepare('select id from arrivals order by id').all() as { id: number }[]).map(
            (r) => r.id,
          );
          const picked = 'pick' in o && ids.length ? ids[o.pick % ids.length]! : null;
          if (o.kind === 'insert') insert.run(o.project, o.amount, o.on, o.status, admin);
          else if (picked === null) continue;
          else if (o.kind === 'update')
            t.sqlite
              .prepare('update arrivals set amount_fen = ?, arrived_on = ? where id = ?')
              .run(o.amount, o.on, picked);
          else if (o.kind === 'review')
            t.sqlite.prepare('update arrivals set status = ? where id = ?').run(o.status, picked);
          else if (o.kind === 'move')
            t.sqlite.prepare('update arrivals set project_id = ? where id = ?').run(o.project, picked);
          else t.sqlite.prepare('delete from arrivals where id = ?').run(picked);
        }
        const { actual, expected } = summaries(t.sqlite);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 60 },
    );
    // An arrival is the arrivals table's change, not the project's: no project entry for any of those writes.
    expect(
      (t.sqlite.prepare(`select count(*) as n from audit_log where entity = 'projects'`).get() as { n: number }).n,
    ).toBe(auditBefore);
  });

  it('gives the arrived figure of plain SQL on every date, also between a project’s first and last arrival', async () => {
    const t = await testApp();
    const w = await buildWorkedExample(t);
    // Arrivals spread over a year on every signed project: most dates fall between some project's first and last.
    const signed = t.sqlite.prepare(`select id from projects where signed_on is not null`).all() as { id: number }[];
    expect(signed.length).toBeGreaterThan(1);
    // A manager's arrivals too, left pending, confirmed or 退回 (after or without a 认定): only the confirmed count.
    const manager = await t.userWith('manager', [w.M.id]);
    for (const [i, p] of signed.entries()) {
      for (const [k, on] of ['2024-09-15', '2024-11-30', '2025-02-10', '2025-06-01'].entries()) {
        await t.create(`/api/projects/${p.id}/arrivals`, {
          amount: `${(i + 1) * 1000 + k}.${k}7`,
          arrivedOn: on,
          kind: 'working',
        });
        const a = await t.create(
          `/api/projects/${p.id}/arrivals`,
          { amount: `${(i + 7) * 3000 + k}.${k}3`, arrivedOn: on, kind: 'working' },
          manager.token,
        );
        if (k % 4 === 1 || k % 4 === 3) await t.ok('POST', `/api/arrivals/${a.id}/confirm`, {});
        if (k % 4 === 2 || k % 4 === 3) await t.ok('POST', `/api/arrivals/${a.id}/reject`, { reason: '回单不符' });
      }
    }
    expect(
      t.sqlite.prepare('select status, count(*) as n from arrivals group by status order by status').all(),
    ).toEqual([
      { status: 'confirmed', n: 3 + signed.length * 5 }, // the worked example's 3, then per project 4 staff entries and 1 confirmed
      { status: 'pending', n: signed.length },
      { status: 'rejected', n: signed.length * 2 },
    ]);
    const dates = [
      '2024-06-30',
      '2024-09-14',
      '2024-09-15',
      '2024-12-31',
      '2025-02-09',
      '2025-02-10',
      '2025-05-31',
      '2025-12-31',
    ];
    for (const asOf of dates) {
      for (const fund of [w.M, w.A, w.B]) {
        const m = await t.ok('GET', `/api/funds/${fund.id}/metrics?asOf=${asOf}`);
        expect(m.outcomes.arrived, `${fund.id} ${asOf}`).toBe(plainArrived(t, fund.id, asOf));
      }
      const report = await t.ok('GET', `/api/reports/funds?asOf=${asOf}`);
      for (const row of report.funds)
        expect(row.outcomes.arrived, `report ${row.fundId} ${asOf}`).toBe(plainArrived(t, row.fundId, asOf));
    }
    const { actual, expected } = summaries(t.sqlite);
    expect(actual).toEqual(expected);
  });

  it('is filled in by its migration for the arrivals already stored, without audit entries', () => {
    const sqlite = databaseBefore('_project_summaries');
    try {
      sqlite.exec(`
        insert into projects (id, name, source_type, reported_on, planned_total_fen, status) values
          (1, '甲项目', 'platform', '2024-01-01', 100, 'confirmed'), (2, '乙项目', 'platform', '2024-01-01', 100, 'confirmed'), (3, '丙项目', 'platform', '2024-01-01', 100, 'confirmed');
        insert into arrivals (project_id, amount_fen, arrived_on, kind) values
          (1, 1000000000000000, '2024-05-01', 'working'), (1, 999999999, '2024-03-01', 'working'), (1, 1000000000000000, '2024-04-01', 'working'),
          (2, 5, '2024-02-02', 'working');
      `);
      const auditBefore = (sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
      migrateToLatest(sqlite);
      const { actual, expected } = summaries(sqlite);
      expect(actual).toEqual(expected);
      expect(actual[0]).toEqual({ id: 1, first: '2024-03-01', last: '2024-05-01', total: '2000000999999999' });
      expect(actual[2]).toEqual({ id: 3, first: null, last: null, total: '0' });
      expect((sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(auditBefore);
    } finally {
      sqlite.close();
    }
  });
});

describe('the latest milestone date of a project', () => {
  it('equals the latest of its current milestones after any milestone writes, through the API and directly, without audit entries', async () => {
    const t = await testApp();
    const w = await buildWorkedExample(t);
    const expected = () =>
      t.sqlite
        .prepare(
          `select p.id, (select max(happened_on) from milestones m where m.project_id = p.id and m."current" = 1) as latest from projects p order by p.id`,
        )
        .all();
    const stored = () => t.sqlite.prepare(`select id, last_milestone_on as latest from projects order by id`).all();
    expect(stored()).toEqual(expected());
    // Through the API: a later milestone, and a corrected one of the same stage (the earlier entry stops being current).
    await t.create(`/api/projects/${w.P1.id}/milestones`, { stage: 'started', on: '2024-09-01' });
    await t.create(`/api/projects/${w.P1.id}/milestones`, { stage: 'started', on: '2024-08-01', note: '更正' });
    expect(stored()).toEqual(expected());
    const audit = (
      t.sqlite.prepare(`select count(*) as n from audit_log where entity = 'projects'`).get() as { n: number }
    ).n;
    // Directly, as a data fix would: dates moved, current flags flipped, rows moved and deleted.
    const ids = (t.sqlite.prepare('select id from milestones order by id').all() as { id: number }[]).map((r) => r.id);
    for (const [i, id] of ids.entries()) {
      if (i % 4 === 0)
        t.sqlite.prepare(`update milestones set happened_on = date(happened_on, '+${i} days') where id = ?`).run(id);
      if (i % 4 === 1) t.sqlite.prepare(`update milestones set "current" = 1 - "current" where id = ?`).run(id);
      if (i % 4 === 2) t.sqlite.prepare(`update milestones set project_id = ? where id = ?`).run(w.P3.id, id);
      if (i % 7 === 3) t.sqlite.prepare(`delete from milestones where id = ?`).run(id);
      expect(stored()).toEqual(expected());
    }
    expect(
      (t.sqlite.prepare(`select count(*) as n from audit_log where entity = 'projects'`).get() as { n: number }).n,
    ).toBe(audit);
  });
});
