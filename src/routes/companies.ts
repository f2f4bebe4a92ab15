import { Hono } from 'hono';
import { and, asc, eq, exists, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { allow, readers, staffRoles, type Scope } from '../auth';
import type { Db } from '../db';
import { companies as companiesTable, investments, projects, reinvestmentCredits } from '../db/schema';
import { creditCodeProblem } from '../domain/credit-code';
import { companyNameKey } from '../domain/names';
import type { AppEnv } from '../env';
import { ApiError, notFound } from '../errors';
import { id, idParam, listQuery, text, validate } from '../validation';
import { page, withEtag } from '../wire';
import { assertUnitExists } from '../records/units';
import { inScope } from '../queries/trees';

type CompanyRow = typeof companiesTable.$inferSelect;
export const companyJson = (co: CompanyRow) => ({
  id: co.id,
  name: co.name,
  creditCode: co.creditCode,
  unitId: co.unitId,
  version: co.version,
});

export const creditCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const problem = creditCodeProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const companyInput = z.object({
  // The name key is what tells companies apart: a name of punctuation and invisible characters alone has none.
  name: text(200).refine((n) => companyNameKey(n) !== '', '企业名称须含有文字、字母或数字'),
  creditCode: creditCode.optional().nullable(),
  unitId: id.optional().nullable(),
});
export type CompanyInput = z.output<typeof companyInput>;

/** The key a lead is deduplicated on: the credit code, else the normalized name. */
export const companyKey = (co: { name: string; creditCode?: string | null }) =>
  co.creditCode ? `code:${co.creditCode}` : `name:${companyNameKey(co.name)}`;

/**
 * Every key under which an active lead would be this same company: its own key, and for a company given with a
 * credit code also its name key, so a lead first reported by name alone still blocks the same company reported
 * later with its code.
 */
export const sameCompanyKeys = (co: { name: string; creditCode?: string | null }) =>
  co.creditCode ? [companyKey(co), `name:${companyNameKey(co.name)}`] : [companyKey(co)];

/** Companies a manager may see: those its funds invested in, sourced projects for, or claimed credits on. */
export function companyVisible(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  return or(
    exists(sql`(select 1 from ${investments} where ${investments.companyId} = ${companiesTable.id} and ${inScope(scope, investments.fundId)})`),
    exists(sql`(select 1 from ${projects} where ${projects.companyId} = ${companiesTable.id} and ${inScope(scope, projects.sourceFundId)})`),
    exists(sql`(select 1 from ${reinvestmentCredits} where ${reinvestmentCredits.companyId} = ${companiesTable.id} and ${inScope(scope, reinvestmentCredits.fundId)})`),
  );
}

/** Which of these companies the caller may see: all of them for every role but a manager. */
export async function seenCompanies(db: Db, scope: Scope, ids: number[]): Promise<Set<number>> {
  if (scope.all) return new Set(ids);
  const seen = new Set<number>();
  // 50 ids a statement (companyVisible() binds the user id too): D1 binds at most 100 values.
  for (let i = 0; i < ids.length; i += 50) {
    const rows = await db
      .select({ id: companiesTable.id })
      .from(companiesTable)
      .where(and(inArray(companiesTable.id, ids.slice(i, i + 50)), companyVisible(scope)));
    for (const r of rows) seen.add(r.id);
  }
  return seen;
}

/** The company with this credit code, else (without a code) the one with this normalized name, if any. */
export async function findCompany(db: Db, input: { name: string; creditCode?: string | null }) {
  const where = input.creditCode
    ? eq(companiesTable.creditCode, input.creditCode)
    : eq(companiesTable.nameKey, companyNameKey(input.name));
  const [row] = await db.select().from(companiesTable).where(where).orderBy(asc(companiesTable.id)).limit(1);
  return row;
}

export function insertCompany(db: Db, input: CompanyInput, userId: number) {
  return db.insert(companiesTable).values(companyValues(input, userId)).returning();
}

/** The row insertCompany() writes; the spreadsheet import inserts many in one statement. */
export const companyValues = (input: CompanyInput, userId: number) => ({
  name: input.name,
  nameKey: companyNameKey(input.name),
  creditCode: input.creditCode ?? null,
  unitId: input.unitId ?? null,
  updatedBy: userId,
});

export const companies = new Hono<AppEnv>()
  // Managers name a company inside a lead (POST /api/projects); a bare company record is staff's to keep.
  .post('/companies', allow(...staffRoles), validate('json', companyInput), async (c) => {
    const body = c.req.valid('json');
    await assertUnitExists(c.var.db, body.unitId);
    if (body.creditCode) {
      const existing = await findCompany(c.var.db, body);
      if (existing) throw new ApiError('conflict', `统一社会信用代码 ${body.creditCode} 已登记`, undefined, { existingId: existing.id });
    }
    const [row] = await insertCompany(c.var.db, body, c.var.user.id);
    return withEtag(c, companyJson(row!), 201);
  })
  .get('/companies', allow(...readers), validate('query', listQuery.extend({ q: z.string().trim().max(100).optional() })), async (c) => {
    const q = c.req.valid('query');
    const conds = [
      companyVisible(c.var.scope),
      q.q ? or(sql`instr(${companiesTable.name}, ${q.q}) > 0`, eq(companiesTable.creditCode, q.q.toUpperCase())) : undefined,
    ];
    return c.json(
      await page(
        q,
        (after, take) =>
          c.var.db.select().from(companiesTable).where(and(gt(companiesTable.id, after), ...conds)).orderBy(asc(companiesTable.id)).limit(take),
        companyJson,
      ),
    );
  })
  .get('/companies/:id', allow(...readers), validate('param', idParam), async (c) => {
    const companyId = c.req.valid('param').id;
    const [row] = await c.var.db
      .select()
      .from(companiesTable)
      .where(and(eq(companiesTable.id, companyId), companyVisible(c.var.scope)));
    if (!row) throw notFound('企业', companyId);
    return withEtag(c, companyJson(row));
  });

