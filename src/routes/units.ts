import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { allow } from '../auth';
import { readerRoles, staffRoles } from '../domain/vocabulary';
import { units as unitsTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { notFound } from '../errors';
import { assertUnitExists } from '../records/units';
import { id, idParam, listQuery, optionalName, requiredText, validate } from '../validation';
import { page, withEtag } from '../http/responses';
import { unitJson, unitList } from '../queries/records';
import { answered } from '../idempotency';

const unitBody = z.object({
  name: requiredText(100),
  code: z
    .string()
    .regex(/^\d{6}(\d{3}|\d{6})?$/, '行政区划代码应为 6、9 或 12 位数字')
    .optional()
    .nullable(),
  parentId: id.optional().nullable(),
  peerGroup: optionalName(50),
});

export const units = new Hono<AppEnv>()
  .post('/', allow(...staffRoles), validate('json', unitBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    await assertUnitExists(db, body.parentId, '上级单位');
    const unit = await answered(
      c,
      [
        db
          .insert(unitsTable)
          .values({ ...body, updatedBy: c.var.user.id })
          .returning(),
      ],
      ([[row]]) => unitJson(row!),
    );
    return withEtag(c, unit, 201);
  })
  .get('/', allow(...readerRoles), validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await page(q, (after, take) => unitList(c.var.db, { after, take }), unitJson));
  })
  .get('/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const { id: unitId } = c.req.valid('param');
    const [row] = await c.var.db.select().from(unitsTable).where(eq(unitsTable.id, unitId));
    if (!row) throw notFound('单位', unitId);
    return withEtag(c, unitJson(row));
  });
