import { Hono } from 'hono';
import { and, asc, eq, gt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { allow } from '../auth';
import { readerRoles, staffRoles } from '../domain/vocabulary';
import { companies as companiesTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, notFound } from '../errors';
import { id, idParam, listQuery, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { touched } from '../db';
import { companyNameKey } from '../domain/names';
import { assertUnitExists } from '../records/units';
import { companyFlags, companyInput } from '../http/company-input';
import { companyJson, companyVisible, findCompany, insertCompany } from '../records/companies';
import { answered } from '../idempotency';
import { mergeCompanies, unmergeCompany } from '../records/company-merge';

const companyPatch = z.object({
  name: companyInput.shape.name.optional(),
  unitId: id.optional().nullable(),
  flags: companyFlags.optional(),
});

const mergeBody = z.object({ intoId: id });

export const companies = new Hono<AppEnv>()
  // Managers name a company inside a lead (POST /api/projects); a bare company record is staff's to keep.
  .post('/companies', allow(...staffRoles), validate('json', companyInput), async (c) => {
    const body = c.req.valid('json');
    await assertUnitExists(c.var.db, body.unitId);
    if (body.creditCode) {
      const existing = await findCompany(c.var.db, body);
      if (existing)
        throw new ApiError('conflict', `统一社会信用代码 ${body.creditCode} 已登记`, undefined, {
          existingId: existing.id,
        });
    }
    const company = await answered(c, [insertCompany(c.var.db, body, c.var.user.id)], ([[row]]) => companyJson(row!));
    return withEtag(c, company, 201);
  })
  .get(
    '/companies',
    allow(...readerRoles),
    validate('query', listQuery.extend({ q: z.string().trim().max(100).optional() })),
    async (c) => {
      const q = c.req.valid('query');
      const conds = [
        companyVisible(c.var.scope),
        q.q
          ? or(sql`instr(${companiesTable.name}, ${q.q}) > 0`, eq(companiesTable.creditCode, q.q.toUpperCase()))
          : undefined,
      ];
      return c.json(
        await page(
          q,
          (after, take) =>
            c.var.db
              .select()
              .from(companiesTable)
              .where(and(gt(companiesTable.id, after), ...conds))
              .orderBy(asc(companiesTable.id))
              .limit(take),
          companyJson,
        ),
      );
    },
  )
  .get('/companies/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const companyId = c.req.valid('param').id;
    const [row] = await c.var.db
      .select()
      .from(companiesTable)
      .where(and(eq(companiesTable.id, companyId), companyVisible(c.var.scope)));
    if (!row) throw notFound('企业', companyId);
    return withEtag(c, companyJson(row));
  })
  .patch(
    '/companies/:id',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', companyPatch),
    async (c) => {
      const companyId = c.req.valid('param').id;
      const body = c.req.valid('json');
      const expected = ifMatchVersion(c);
      const [current] = await c.var.db.select().from(companiesTable).where(eq(companiesTable.id, companyId));
      if (!current) throw notFound('企业', companyId);
      await assertUnitExists(c.var.db, body.unitId);
      if (body.name !== undefined) {
        // A rename onto another company's name (the same name key) would make two records of one company.
        const [other] = await c.var.db
          .select({ id: companiesTable.id })
          .from(companiesTable)
          .where(and(eq(companiesTable.nameKey, companyNameKey(body.name)), ne(companiesTable.id, companyId)))
          .limit(1);
        if (other)
          throw new ApiError(
            'conflict',
            `企业名称「${body.name}」与已登记的企业 ${other.id} 相同，不能改为该名称`,
            undefined,
            { existingId: other.id },
          );
      }
      const [row] = await c.var.db
        .update(companiesTable)
        .set({
          ...(body.name !== undefined && { name: body.name, nameKey: companyNameKey(body.name) }),
          ...(body.unitId !== undefined && { unitId: body.unitId }),
          ...body.flags,
          ...touched(companiesTable, c.var.user.id),
        })
        .where(and(eq(companiesTable.id, companyId), eq(companiesTable.version, expected ?? current.version)))
        .returning();
      if (!row)
        throw new ApiError(
          'precondition_failed',
          `企业 ${companyId} 已被他人修改（当前版本与 If-Match 不符），请刷新后重试`,
        );
      return withEtag(c, companyJson(row));
    },
  )
  // 疑似重复: staff merge one company into another (its projects, investments, credits, requests and activities
  // move, in one audited write) and may undo it from the audit log.
  .post(
    '/companies/:id/merge',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', mergeBody),
    async (c) =>
      c.json(
        await mergeCompanies(
          c.var.db,
          c.req.valid('param').id,
          c.req.valid('json').intoId,
          c.var.user.id,
          ifMatchVersion(c),
        ),
      ),
  )
  .post('/companies/:id/unmerge', allow(...staffRoles), validate('param', idParam), async (c) =>
    c.json(await unmergeCompany(c.var.db, c.req.valid('param').id, c.var.user.id)),
  );
