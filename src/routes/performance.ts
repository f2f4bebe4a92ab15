import { Hono } from 'hono';
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles } from '../domain/vocabulary';
import { fenToYuan } from '../domain/money';
import {
  distributionKinds,
  distributions as distributionsTable,
  indicatorThresholds,
  thresholdComparisons,
  valuations as valuationsTable,
} from '../db/schema';
import { Dec, fixed4 } from '../domain/decimal';
import { indicators } from '../domain/performance';
import type { AppEnv } from '../app-types';
import { notFound } from '../errors';
import { selfCheckWorkbook } from '../excel/self-check';
import { xlsxResponse } from '../xlsx/workbook';
import { fundPerformance, performanceJson, performanceReport } from '../queries/performance';
import { idParam, isoDate, listQuery, positiveYuanAmount, optionalName, validate, year } from '../validation';
import { page, withEtag } from '../http/responses';
import { assertFundFlowDate, visibleFund } from '../records/funds';
import { readContext } from '../queries/read-context';
import type { Answer } from '../openapi/answers';
import { answered } from '../idempotency';

type DistributionRow = typeof distributionsTable.$inferSelect;
const distributionJson = (d: DistributionRow): Answer<'Distribution'> => ({
  id: d.id,
  fundId: d.fundId,
  amount: fenToYuan(d.amountFen),
  paidOn: d.paidOn,
  kind: d.kind,
  version: d.version,
});

type ValuationRow = typeof valuationsTable.$inferSelect;
const valuationJson = (v: ValuationRow): Answer<'Valuation'> => ({
  id: v.id,
  fundId: v.fundId,
  nav: fenToYuan(v.navFen),
  on: v.valuedOn,
  version: v.version,
});

type ThresholdRow = typeof indicatorThresholds.$inferSelect;
const thresholdJson = (t: ThresholdRow): Answer<'Threshold'> => ({
  id: t.id,
  indicator: t.indicator,
  comparison: t.comparison,
  value: t.value,
  label: t.label,
  version: t.version,
});

const distributionBody = z.object({ amount: positiveYuanAmount, paidOn: isoDate, kind: z.enum(distributionKinds) });
const valuationBody = z.object({ nav: positiveYuanAmount, on: isoDate });

const THRESHOLD = /^-?(0|[1-9]\d{0,5})(\.\d{1,4})?$/;
const thresholdBody = z.object({
  indicator: z.enum(indicators),
  comparison: z.enum(thresholdComparisons),
  // A ratio or rate (IRR may be negative): up to 4 places; stored as its 4-place form.
  value: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((s) => THRESHOLD.test(s), { message: '阈值应为小数，最多 4 位小数，如 "0.3" 或 "-0.05"' })
    .transform((s) => fixed4(new Dec(s))),
  label: optionalName(100),
});

const asOfQuery = z.object({ asOf: isoDate.optional() });
const yearQuery = z.object({ year: year.optional() });

/** 业绩与投向 (SPEC §8): distributions, NAV reports, thresholds, a fund's performance body and the yearly 自评表. */
export const performance = new Hono<AppEnv>()
  .post(
    '/funds/:id/distributions',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', distributionBody),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      await assertFundFlowDate(c.var.db, fund.id, body.paidOn, c.var.today, 'paidOn');
      const distribution = await answered(
        c,
        [
          c.var.db
            .insert(distributionsTable)
            .values({
              fundId: fund.id,
              amountFen: body.amount,
              paidOn: body.paidOn,
              kind: body.kind,
              updatedBy: c.var.user.id,
            })
            .returning(),
        ],
        ([[row]]) => distributionJson(row!),
      );
      return withEtag(c, distribution, 201);
    },
  )
  .get(
    '/funds/:id/distributions',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', listQuery),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const q = c.req.valid('query');
      return c.json(
        await page(
          q,
          (after, take) =>
            c.var.db
              .select()
              .from(distributionsTable)
              .where(and(eq(distributionsTable.fundId, fund.id), gt(distributionsTable.id, after)))
              .orderBy(asc(distributionsTable.id))
              .limit(take),
          distributionJson,
        ),
      );
    },
  )
  .post(
    '/funds/:id/valuations',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', valuationBody),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      await assertFundFlowDate(c.var.db, fund.id, body.on, c.var.today, 'on');
      const valuation = await answered(
        c,
        [
          c.var.db
            .insert(valuationsTable)
            .values({ fundId: fund.id, navFen: body.nav, valuedOn: body.on, updatedBy: c.var.user.id })
            .returning(),
        ],
        ([[row]]) => valuationJson(row!),
      );
      return withEtag(c, valuation, 201);
    },
  )
  .get(
    '/funds/:id/valuations',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', listQuery),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const q = c.req.valid('query');
      return c.json(
        await page(
          q,
          (after, take) =>
            c.var.db
              .select()
              .from(valuationsTable)
              .where(and(eq(valuationsTable.fundId, fund.id), gt(valuationsTable.id, after)))
              .orderBy(asc(valuationsTable.id))
              .limit(take),
          valuationJson,
        ),
      );
    },
  )
  .post('/indicator-thresholds', allow(...staffRoles), validate('json', thresholdBody), async (c) => {
    const body = c.req.valid('json');
    const threshold = await answered(
      c,
      [
        c.var.db
          .insert(indicatorThresholds)
          .values({
            indicator: body.indicator,
            comparison: body.comparison,
            value: body.value,
            label: body.label ?? null,
            updatedBy: c.var.user.id,
          })
          .returning(),
      ],
      ([[row]]) => thresholdJson(row!),
    );
    return withEtag(c, threshold, 201);
  })
  .get('/indicator-thresholds', allow(...readerRoles), validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await page(
        q,
        (after, take) =>
          c.var.db
            .select()
            .from(indicatorThresholds)
            .where(gt(indicatorThresholds.id, after))
            .orderBy(asc(indicatorThresholds.id))
            .limit(take),
        thresholdJson,
      ),
    );
  })
  .get(
    '/funds/:id/performance',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', asOfQuery),
    async (c) => {
      const fundId = c.req.valid('param').id;
      assertFund(c, fundId);
      const ctx = readContext(c, c.req.valid('query'));
      const f = await fundPerformance(ctx, fundId);
      if (!f) throw notFound('基金', fundId);
      return c.json(performanceJson(f, ctx.asOf));
    },
  )
  .get('/exports/self-check.xlsx', allow(...readerRoles), validate('query', yearQuery), async (c) => {
    const today = c.var.today;
    const year = c.req.valid('query').year ?? Number(today.slice(0, 4));
    // A past year is judged at its last day; the current year (or a later one) as of today.
    const yearEnd = `${year}-12-31`;
    const asOf = yearEnd < today ? yearEnd : today;
    const ctx = readContext(c, { asOf });
    const wb = selfCheckWorkbook(year, asOf, await performanceReport(ctx), c.var.options.now());
    return xlsxResponse(c, wb, `投向自评表（${year}年度，截至${asOf}）.xlsx`, `self-check-${year}.xlsx`);
  });
