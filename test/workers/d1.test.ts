import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { atomic, dbConfig, type Db } from '../../src/db';
import { auditLog, companies, contributions, projects, units } from '../../src/db/schema';
import { toApiError } from '../../src/errors';
import { fresh } from './client';

// What the shared code assumes of its driver, checked on D1 itself: batch atomicity and result shape,
// last_insert_rowid() between batch statements, audit triggers, and the constraint messages errors.ts maps.

const db = drizzle(env.DB, dbConfig) as unknown as Db;

async function unit() {
  const [u] = await db
    .insert(units)
    .values({ name: fresh('弋江区') })
    .returning();
  return u!;
}

/** The error a statement throws, as touyin's API would answer it. */
async function apiErrorOf(run: () => Promise<unknown>) {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  return toApiError(err);
}

describe('D1 under the shared db code', () => {
  it('atomic() answers each statement’s returned rows, in order', async () => {
    const u = await unit();
    const name = fresh('芜湖批量企业');
    const [created, renamed] = await atomic(db, [
      db
        .insert(companies)
        .values({ name, nameKey: name, unitId: u.id })
        .returning({ id: companies.id, name: companies.name }),
      db
        .update(companies)
        .set({ name: `${name}甲` })
        .where(eq(companies.nameKey, name))
        .returning({ id: companies.id, name: companies.name }),
    ]);
    expect(created).toEqual([{ id: expect.any(Number), name }]);
    expect(renamed).toEqual([{ id: created![0]!.id, name: `${name}甲` }]);
  });

  it('atomic() rolls back the whole batch when a later statement fails, audit rows included', async () => {
    const u = await unit();
    const name = fresh('芜湖回滚企业');
    const auditBefore = await db.select({ n: sql<number>`count(*)` }).from(auditLog);
    const failing = atomic(db, [
      db.insert(companies).values({ name, nameKey: name, unitId: u.id }).returning(),
      // landing unit 999999 does not exist: FOREIGN KEY fails after the company insert succeeded
      db
        .insert(projects)
        .values({
          name,
          companyId: sql`last_insert_rowid()`,
          companyKey: `name:${name}`,
          sourceType: 'agency',
          reportedOn: '2024-01-10',
          plannedTotalFen: 100,
          introducingUnitId: u.id,
          landingUnitId: 999_999,
          status: 'confirmed',
        })
        .returning(),
    ]);
    expect((await apiErrorOf(() => failing))?.code).toBe('conflict');
    expect(await db.select().from(companies).where(eq(companies.nameKey, name))).toEqual([]);
    expect(await db.select({ n: sql<number>`count(*)` }).from(auditLog)).toEqual(auditBefore);
  });

  it('last_insert_rowid() in a batch is the previous statement’s row, not its trigger’s audit row', async () => {
    const u = await unit();
    const name = fresh('芜湖新企业');
    const [companyRows, projectRows] = await atomic(db, [
      db
        .insert(companies)
        .values({ name, nameKey: name, unitId: u.id, updatedBy: null })
        .returning({ id: companies.id }),
      db
        .insert(projects)
        .values({
          name,
          companyId: sql`last_insert_rowid()`,
          companyKey: `name:${name}`,
          sourceType: 'agency',
          reportedOn: '2024-01-10',
          plannedTotalFen: 100,
          introducingUnitId: u.id,
          landingUnitId: u.id,
          status: 'confirmed',
        })
        .returning({ id: projects.id, companyId: projects.companyId }),
    ]);
    expect(companyRows).toEqual([{ id: expect.any(Number) }]);
    const co = companyRows![0]!;
    expect(projectRows).toEqual([{ id: expect.any(Number), companyId: co.id }]);
    // the audit rows the triggers wrote have their own ids; the project did not take one of them
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'companies'));
    expect(audit.filter((a) => a.entityId === co.id).map((a) => a.action)).toEqual(['create']);
  });

  it('maps D1’s UNIQUE, FOREIGN KEY and CHECK failures like better-sqlite3’s', async () => {
    const u = await unit();
    const code = `91340207${crypto.randomUUID().replace(/\D/g, '').padEnd(10, '0').slice(0, 10)}`;
    await db.insert(companies).values({ name: fresh('甲'), nameKey: fresh('甲'), creditCode: code });

    const unique = await apiErrorOf(() =>
      db.insert(companies).values({ name: fresh('乙'), nameKey: fresh('乙'), creditCode: code }),
    );
    expect(unique).toMatchObject({ code: 'conflict', message: '记录已存在，与现有数据重复' });

    const foreign = await apiErrorOf(() =>
      db.insert(companies).values({ name: fresh('丙'), nameKey: fresh('丙'), unitId: 999_999 }),
    );
    expect(foreign).toMatchObject({ code: 'conflict', message: '引用的记录不存在或仍被引用' });

    const check = await apiErrorOf(() =>
      db.insert(projects).values({
        name: fresh('丁'),
        sourceType: 'agency',
        reportedOn: '2024-01-10',
        plannedTotalFen: -1,
        introducingUnitId: u.id,
        landingUnitId: u.id,
        status: 'confirmed',
      }),
    );
    expect(check).toMatchObject({ code: 'invalid_request', message: '数据不满足约束条件' });

    // straight from the binding, without drizzle's wrapper, too
    const raw = await apiErrorOf(() =>
      env.DB.prepare('insert into contributions (commitment_id, amount_fen, paid_on) values (999999, 1, ?)')
        .bind('2024-01-01')
        .run(),
    );
    expect(raw?.code).toBe('conflict');
    expect(await db.select().from(contributions).where(eq(contributions.commitmentId, 999_999))).toEqual([]);
  });
});
