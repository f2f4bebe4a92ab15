// A project's days to sign and to register (projects.sign_days, register_days) are virtual generated columns
// (drizzle/0018), read by the outcome pass from the covering indexes instead of computing julianday() per project.
// These tests hold them to the dates on rows the old schema held and after each kind of milestone write.
import { describe, expect, it } from 'vitest';
import { databaseBefore, migrateToLatest, testApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';

/** Whole days from one ISO date to another, in plain JS (UTC dates: no daylight saving). */
const daysBetween = (from: string | null, to: string | null) =>
  from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) : null;

type Row = {
  id: number;
  reported: string;
  signed: string | null;
  registered: string | null;
  signDays: number | null;
  registerDays: number | null;
};
const rowsOf = (sqlite: { prepare: (s: string) => { all: () => unknown[] } }) =>
  sqlite
    .prepare(
      'select id, reported_on as reported, signed_on as signed, registered_on as registered, sign_days as signDays, register_days as registerDays from projects order by id',
    )
    .all() as Row[];

const expectDaysFromDates = (rows: Row[]) => {
  for (const r of rows) {
    expect(r.signDays, `project ${r.id}`).toBe(daysBetween(r.reported, r.signed));
    expect(r.registerDays, `project ${r.id}`).toBe(daysBetween(r.signed, r.registered));
  }
};

describe('the day counts of a project', () => {
  it('are there for rows the schema held before migration 0018, across a leap day and a year end', () => {
    const sqlite = databaseBefore('_project_day_counts');
    try {
      sqlite.exec(`
        insert into projects (id, name, source_type, reported_on, planned_total_fen, status, signed_on, registered_on) values
          (1, '甲项目', 'platform', '2024-02-28', 100, 'confirmed', '2024-03-01', '2025-01-02'),
          (2, '乙项目', 'platform', '2023-12-31', 100, 'confirmed', '2023-12-31', null),
          (3, '丙项目', 'platform', '2024-01-01', 100, 'pending', null, null);
      `);
      migrateToLatest(sqlite);
      const rows = rowsOf(sqlite);
      expectDaysFromDates(rows);
      expect(rows.map((r) => [r.signDays, r.registerDays])).toEqual([
        [2, 307],
        [0, null],
        [null, null],
      ]);
    } finally {
      sqlite.close();
    }
  });

  it("follow the stage dates the API's milestone writes set, and a changed date", async () => {
    const t = await testApp();
    await buildWorkedExample(t);
    expectDaysFromDates(rowsOf(t.sqlite));
    // Another signed date (as a corrected milestone sets it) moves the project's days with it.
    const signed = rowsOf(t.sqlite).find((r) => r.signed !== null)!;
    t.sqlite.prepare('update projects set signed_on = ? where id = ?').run('2024-12-30', signed.id);
    expectDaysFromDates(rowsOf(t.sqlite));
    expect(rowsOf(t.sqlite).find((r) => r.id === signed.id)!.signDays).toBe(daysBetween(signed.reported, '2024-12-30'));
  });
});
