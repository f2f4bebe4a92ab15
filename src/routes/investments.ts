import { Hono } from 'hono';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles, investmentKinds } from '../domain/vocabulary';
import { inScope } from '../queries/trees';
import { fundInvestments, investmentJson } from '../queries/records';
import { touched } from '../db';
import { companies, investments as investmentsTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { id, idParam, isoDate, listQuery, yuanAmount, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { companyInput } from '../http/company-input';
import { companyFor, companyJson } from '../records/companies';
import { assertFundFlowDate, visibleFund } from '../records/funds';
import { answered } from '../idempotency';

const exitBody = z.object({ exitedOn: isoDate, exitProceeds: yuanAmount });

const investmentBody = z
  .object({
    companyId: id.optional(),
    company: companyInput.optional(),
    amount: yuanAmount,
    investedOn: isoDate,
    kind: z.enum(investmentKinds).default('new'),
    round: z.string().trim().min(1).max(50).optional().nullable(),
    roundSize: yuanAmount.optional().nullable(),
    preMoney: yuanAmount.optional().nullable(),
    lead: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    if ((b.companyId === undefined) === (b.company === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['companyId'], message: '须且只能提供 companyId 或 company 之一' });
    }
    if (b.roundSize != null && b.roundSize < b.amount) {
      ctx.addIssue({ code: 'custom', path: ['roundSize'], message: '本轮融资总额不能小于本基金的投资额' });
    }
  });

export const investments = new Hono<AppEnv>()
  .post(
    '/funds/:id/investments',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', investmentBody),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const db = c.var.db;
      if (body.kind === 'secondary' && body.lead) throw invalid('lead', '受让老股（secondary）不能为领投');
      const company = await companyFor(db, c.var.user.id, body);
      const insert = db
        .insert(investmentsTable)
        .values({
          fundId: fund.id,
          companyId: company.existing ? company.existing.id : sql`last_insert_rowid()`,
          amountFen: body.amount,
          investedOn: body.investedOn,
          kind: body.kind,
          round: body.round ?? null,
          roundSizeFen: body.roundSize ?? null,
          preMoneyFen: body.preMoney ?? null,
          lead: body.lead,
          updatedBy: c.var.user.id,
        })
        .returning();
      const investment = await answered(
        c,
        company.insert ? [company.insert, insert] : [insert],
        // The investment's rows come last: after the new company's, when there is one.
        (rows) => investmentJson((rows.length === 2 ? rows[1] : rows[0])[0]!),
      );
      return withEtag(c, investment, 201);
    },
  )
  .get(
    '/funds/:id/investments',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', listQuery),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const q = c.req.valid('query');
      return c.json(
        await page(
          q,
          (after, take) => fundInvestments(c.var.db, fund.id, { after, take }),
          (i) => i,
        ),
      );
    },
  )
  .get(
    '/investments',
    allow(...readerRoles),
    validate('query', listQuery.extend({ companyId: id.optional() })),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await page(
          q,
          (after, take) =>
            c.var.db
              .select()
              .from(investmentsTable)
              .where(
                and(
                  gt(investmentsTable.id, after),
                  inScope(c.var.scope, investmentsTable.fundId),
                  q.companyId ? eq(investmentsTable.companyId, q.companyId) : undefined,
                ),
              )
              .orderBy(asc(investmentsTable.id))
              .limit(take),
          investmentJson,
        ),
      );
    },
  )
  // 退出: recording it again corrects it (the audit trail keeps the earlier one); If-Match is checked when sent.
  .post(
    '/investments/:id/exit',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', exitBody),
    async (c) => {
      const investmentId = c.req.valid('param').id;
      const body = c.req.valid('json');
      const expected = ifMatchVersion(c);
      const [current] = await c.var.db.select().from(investmentsTable).where(eq(investmentsTable.id, investmentId));
      if (!current) throw notFound('投资', investmentId);
      assertFund(c, current.fundId, '投资', investmentId);
      if (body.exitedOn < current.investedOn)
        throw invalid('exitedOn', `退出日期不能早于投资日期 ${current.investedOn}`);
      await assertFundFlowDate(c.var.db, current.fundId, body.exitedOn, c.var.today, 'exitedOn');
      const [row] = await c.var.db
        .update(investmentsTable)
        .set({
          exitedOn: body.exitedOn,
          exitProceedsFen: body.exitProceeds,
          ...touched(investmentsTable, c.var.user.id),
        })
        .where(and(eq(investmentsTable.id, investmentId), eq(investmentsTable.version, expected ?? current.version)))
        .returning();
      if (!row)
        throw new ApiError(
          'precondition_failed',
          `投资 ${investmentId} 已被他人修改（当前版本与 If-Match 不符），请刷新后重试`,
        );
      return withEtag(c, investmentJson(row));
    },
  )
  .get('/investments/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const investmentId = c.req.valid('param').id;
    const [row] = await c.var.db
      .select({ i: investmentsTable, co: companies })
      .from(investmentsTable)
      .innerJoin(companies, eq(companies.id, investmentsTable.companyId))
      .where(eq(investmentsTable.id, investmentId));
    if (!row) throw notFound('投资', investmentId);
    assertFund(c, row.i.fundId, '投资', investmentId);
    return withEtag(c, { ...investmentJson(row.i), company: companyJson(row.co) });
  });
