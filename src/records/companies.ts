// Company records: their JSON, which ones a manager may see, finding one by code or name, and inserting one.
import { and, asc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../auth';
import type { Db } from '../db';
import { companies, investments, projects, reinvestmentCredits } from '../db/schema';
import { companyNameKey } from '../domain/names';
import { notFound } from '../errors';
import type { CompanyInput } from '../http/company-input';
import { inScope } from '../queries/trees';
import { assertUnitExists } from './units';
import type { Answer } from '../http/answers';

type CompanyRow = typeof companies.$inferSelect;
export const companyJson = (co: CompanyRow): Answer<'Company'> => ({
  id: co.id,
  name: co.name,
  creditCode: co.creditCode,
  unitId: co.unitId,
  flags: { hightech: co.hightech, specialized: co.specialized, sme: co.sme, private: co.private },
  version: co.version,
});

/** Companies a manager may see: those its funds invested in, sourced projects for, or claimed credits on. */
export function companyVisible(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  return or(
    exists(
      sql`(select 1 from ${investments} where ${investments.companyId} = ${companies.id} and ${inScope(scope, investments.fundId)})`,
    ),
    exists(
      sql`(select 1 from ${projects} where ${projects.companyId} = ${companies.id} and ${inScope(scope, projects.sourceFundId)})`,
    ),
    exists(
      sql`(select 1 from ${reinvestmentCredits} where ${reinvestmentCredits.companyId} = ${companies.id} and ${inScope(scope, reinvestmentCredits.fundId)})`,
    ),
  );
}

/** Which of these companies the caller may see: all of them for every role but a manager. */
export async function seenCompanies(db: Db, scope: Scope, ids: number[]): Promise<Set<number>> {
  if (scope.all) return new Set(ids);
  const seen = new Set<number>();
  // 50 ids a statement (companyVisible() binds the user id too): D1 binds at most 100 values.
  for (let i = 0; i < ids.length; i += 50) {
    const rows = await db
      .select({ id: companies.id })
      .from(companies)
      .where(and(inArray(companies.id, ids.slice(i, i + 50)), companyVisible(scope)));
    for (const r of rows) seen.add(r.id);
  }
  return seen;
}

/** The company with this credit code, else (without a code) the one with this normalized name, if any. */
export async function findCompany(db: Db, input: { name: string; creditCode?: string | null }) {
  const where = input.creditCode
    ? eq(companies.creditCode, input.creditCode)
    : eq(companies.nameKey, companyNameKey(input.name));
  const [row] = await db.select().from(companies).where(where).orderBy(asc(companies.id)).limit(1);
  return row;
}

export function insertCompany(db: Db, input: CompanyInput, userId: number) {
  return db.insert(companies).values(companyValues(input, userId)).returning();
}

/** The row insertCompany() writes; the spreadsheet import inserts many in one statement. */
export const companyValues = (input: CompanyInput, userId: number) => ({
  name: input.name,
  nameKey: companyNameKey(input.name),
  creditCode: input.creditCode ?? null,
  unitId: input.unitId ?? null,
  ...input.flags,
  updatedBy: userId,
});

/**
 * The statement that yields the company a new record points to: the existing company (by id, credit code, or
 * normalized name), else an insert placed before the record's own insert in one atomic write.
 */
export async function companyFor(db: Db, userId: number, ref: { companyId?: number; company?: CompanyInput }) {
  if (ref.companyId !== undefined) {
    const [co] = await db.select().from(companies).where(eq(companies.id, ref.companyId));
    if (!co) throw notFound('企业', ref.companyId);
    return { existing: co, insert: null };
  }
  const input = ref.company!;
  await assertUnitExists(db, input.unitId);
  const existing = await findCompany(db, input);
  return existing ? { existing, insert: null } : { existing: null, insert: insertCompany(db, input, userId) };
}
