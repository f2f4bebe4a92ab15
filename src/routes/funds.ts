import { Hono } from 'hono';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { allow, seesFund } from '../auth';
import { readerRoles, staffRoles, fundLevels, reinvestmentBases } from '../domain/vocabulary';
import { fundJson, fundList, fundRecord } from '../queries/records';
import { touched } from '../db';
import { funds as fundsTable } from '../db/schema';
import { categoryWeightDefaults, fundRule, type Rule, type Weights } from '../domain/reinvestment';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { decimalString, id, idParam, isoDate, listQuery, optionalName, requiredText, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { assertUnitExists } from '../records/units';
import { visibleFund } from '../records/funds';
import { answered } from '../idempotency';

const weightsSchema = z
  .object(
    Object.fromEntries(Object.keys(categoryWeightDefaults).map((k) => [k, decimalString.optional()])) as Record<
      keyof Weights,
      z.ZodOptional<typeof decimalString>
    >,
  )
  .strict();

const ruleSchema = z.object({
  multiple: decimalString,
  base: z.enum(reinvestmentBases).default('parent_committed'),
  weights: weightsSchema.optional(),
});

const fundBody = z.object({
  name: requiredText(100),
  level: z.enum(fundLevels),
  parentId: id.optional().nullable(),
  manager: optionalName(100),
  homeUnitId: id.optional().nullable(),
  establishedOn: isoDate.optional().nullable(),
  reinvestment: ruleSchema.optional(),
});

const fundPatch = z.object({
  name: requiredText(100).optional(),
  manager: optionalName(100),
  homeUnitId: id.optional().nullable(),
  establishedOn: isoDate.optional().nullable(),
  // No default for `base` here: a PATCH that leaves it out must keep the fund's base, not reset it.
  reinvestment: ruleSchema
    .extend({ base: z.enum(reinvestmentBases) })
    .partial()
    .optional(),
});

const fundListQuery = listQuery.extend({ level: z.enum(fundLevels).optional(), parentId: id.optional() });

function ruleColumns(r: Partial<z.output<typeof ruleSchema>> | undefined, current?: Rule) {
  if (!r) return {};
  const weights = { ...(current?.weights ?? categoryWeightDefaults), ...r.weights };
  return {
    ...(r.multiple !== undefined && { reinvestMultiple: r.multiple }),
    ...(r.base !== undefined && { reinvestBase: r.base }),
    reinvestWeights: JSON.stringify(weights),
  };
}

export const funds = new Hono<AppEnv>()
  .post('/funds', allow(...staffRoles), validate('json', fundBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    if (body.level === 'sub' && !body.parentId) throw invalid('parentId', '子基金必须指定上级基金 parentId');
    if (body.parentId) {
      const [parent] = await db.select({ id: fundsTable.id }).from(fundsTable).where(eq(fundsTable.id, body.parentId));
      if (!parent) throw notFound('上级基金', body.parentId);
    }
    await assertUnitExists(db, body.homeUnitId);
    const { reinvestment, ...fields } = body;
    const fund = await answered(
      c,
      [
        db
          .insert(fundsTable)
          .values({
            ...fields,
            ...ruleColumns(reinvestment ?? { multiple: '0', base: 'parent_committed' }),
            updatedBy: c.var.user.id,
          })
          .returning(),
      ],
      ([[row]]) => fundJson(row!),
    );
    return withEtag(c, fund, 201);
  })
  .get('/funds', allow(...readerRoles), validate('query', fundListQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await page(q, (after, take) => fundList(c.var.db, c.var.scope, q, { after, take }), fundJson));
  })
  .get('/funds/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const fundId = c.req.valid('param').id;
    const fund = await fundRecord(c.var.db, c.var.scope, fundId);
    if (!fund) throw notFound('基金', fundId);
    const children = await c.var.db
      .select({ id: fundsTable.id, name: fundsTable.name, level: fundsTable.level })
      .from(fundsTable)
      .where(eq(fundsTable.parentId, fund.id))
      .orderBy(asc(fundsTable.id));
    const { commitments, ...rest } = fund;
    return withEtag(c, { ...rest, children: children.filter((ch) => seesFund(c, ch.id)), commitments });
  })
  .patch('/funds/:id', allow(...staffRoles), validate('param', idParam), validate('json', fundPatch), async (c) => {
    const fundId = c.req.valid('param').id;
    const body = c.req.valid('json');
    const expected = ifMatchVersion(c);
    const fund = await visibleFund(c, fundId);
    await assertUnitExists(c.var.db, body.homeUnitId);
    const { reinvestment, ...fields } = body;
    const [row] = await c.var.db
      .update(fundsTable)
      .set({
        ...fields,
        ...ruleColumns(reinvestment, fundRule(fund)),
        ...touched(fundsTable, c.var.user.id),
      })
      .where(and(eq(fundsTable.id, fundId), eq(fundsTable.version, expected ?? fund.version)))
      .returning();
    if (!row)
      throw new ApiError(
        'precondition_failed',
        `基金 ${fundId} 已被他人修改（当前版本与 If-Match 不符），请刷新后重试`,
      );
    return withEtag(c, fundJson(row));
  });
