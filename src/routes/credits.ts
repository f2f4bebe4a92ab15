import { Hono, type Context } from 'hono';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles, writerRoles, creditCategories, creditStatuses } from '../domain/vocabulary';
import { creditJson, creditList } from '../queries/records';
import { touched } from '../db';
import { companies, reinvestmentCredits } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { id, idParam, isoDate, listQuery, yuanAmount, optionalText, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { visibleFund } from '../records/funds';
import { companyVisible } from '../records/companies';
import { visibleProject } from '../records/projects';
import { answered } from '../idempotency';

const creditBody = z
  .object({
    category: z.enum(creditCategories),
    amount: yuanAmount,
    on: isoDate,
    companyId: id.optional().nullable(),
    projectId: id.optional().nullable(),
    evidence: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if (!b.companyId === !b.projectId) {
      ctx.addIssue({
        code: 'custom',
        path: ['companyId'],
        message: '返投认定对象须且只能是一个企业（companyId）或一个项目（projectId）',
      });
    }
  });

const creditListQuery = listQuery.extend({ status: z.enum(creditStatuses).optional(), fundId: id.optional() });

async function visibleCredit(c: Context<AppEnv>, creditId: number) {
  const [row] = await c.var.db.select().from(reinvestmentCredits).where(eq(reinvestmentCredits.id, creditId));
  if (!row) throw notFound('返投认定', creditId);
  assertFund(c, row.fundId, '返投认定', creditId);
  return row;
}

async function review(c: Context<AppEnv>, creditId: number, to: 'approved' | 'rejected', reason: string | null) {
  const r = await visibleCredit(c, creditId);
  const expected = ifMatchVersion(c);
  if (r.status === to)
    throw new ApiError('conflict', `返投认定 ${creditId} 已是${to === 'approved' ? '已认定' : '已驳回'}状态`);
  const [row] = await c.var.db
    .update(reinvestmentCredits)
    .set({
      status: to,
      statusReason: reason,
      ...touched(reinvestmentCredits, c.var.user.id),
    })
    .where(and(eq(reinvestmentCredits.id, r.id), eq(reinvestmentCredits.version, expected ?? r.version)))
    .returning();
  if (!row) throw new ApiError('precondition_failed', `返投认定 ${creditId} 已被他人修改，请刷新后重试`);
  return withEtag(c, creditJson(row));
}

const listCredits = (c: Context<AppEnv>, q: z.output<typeof creditListQuery>, fundId?: number) =>
  page(
    q,
    (after, take) => creditList(c.var.db, c.var.scope, { status: q.status, fundId }, { after, take }),
    (r) => r,
  );

const reviewBody = z.object({ reason: optionalText(500) }).default({});

export const credits = new Hono<AppEnv>()
  .post(
    '/funds/:id/reinvestment-credits',
    allow(...writerRoles),
    validate('param', idParam),
    validate('json', creditBody),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      if (body.on > c.var.today) throw invalid('on', `认定日期不能晚于今天（${c.var.today}）`);
      if (body.projectId) await visibleProject(c, body.projectId);
      if (body.companyId) {
        const [co] = await c.var.db
          .select({ id: companies.id })
          .from(companies)
          .where(and(eq(companies.id, body.companyId), companyVisible(c.var.scope)));
        if (!co) throw notFound('企业', body.companyId);
      }
      const credit = await answered(
        c,
        [
          c.var.db
            .insert(reinvestmentCredits)
            .values({
              fundId: fund.id,
              companyId: body.companyId ?? null,
              projectId: body.projectId ?? null,
              category: body.category,
              amountFen: body.amount,
              datedOn: body.on,
              evidence: body.evidence ?? null,
              status: 'pending',
              updatedBy: c.var.user.id,
            })
            .returning(),
        ],
        ([[row]]) => creditJson(row!),
      );
      return withEtag(c, credit, 201);
    },
  )
  .get(
    '/funds/:id/reinvestment-credits',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', creditListQuery),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      return c.json(await listCredits(c, c.req.valid('query'), fund.id));
    },
  )
  .get('/reinvestment-credits', allow(...readerRoles), validate('query', creditListQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.fundId) assertFund(c, q.fundId);
    return c.json(await listCredits(c, q, q.fundId));
  })
  .get('/reinvestment-credits/:id', allow(...readerRoles), validate('param', idParam), async (c) =>
    withEtag(c, creditJson(await visibleCredit(c, c.req.valid('param').id))),
  )
  .post(
    '/reinvestment-credits/:id/approve',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => review(c, c.req.valid('param').id, 'approved', c.req.valid('json').reason ?? null),
  )
  .post(
    '/reinvestment-credits/:id/reject',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => review(c, c.req.valid('param').id, 'rejected', c.req.valid('json').reason ?? null),
  );
