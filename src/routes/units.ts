import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { allow, readers, staffRoles } from '../auth';
import { units as unitsTable } from '../db/schema';
import type { Db } from '../db';
import type { AppEnv } from '../env';
import { ApiError, notFound } from '../errors';
import { id, idParam, listQuery, optionalText, text, validate } from '../validation';
import { page, withEtag } from '../wire';
import { unitJson, unitList } from '../queries/records';

const unitBody = z.object({
  name: text(100),
  code: z.string().regex(/^\d{6}(\d{3}|\d{6})?$/, '行政区划代码应为 6、9 或 12 位数字').optional().nullable(),
  parentId: id.optional().nullable(),
  peerGroup: optionalText(50),
});

/**
 * Throws the 404 of a missing unit (named `what`) unless `unitId` is absent or exists. `field` names the body field
 * in the answer where a request carries several unit ids.
 */
export async function assertUnitExists(db: Db, unitId: number | null | undefined, what = '单位', field?: string) {
  if (!unitId) return;
  const [u] = await db.select({ id: unitsTable.id }).from(unitsTable).where(eq(unitsTable.id, unitId));
  if (!u) throw new ApiError('not_found', `${what} ${unitId} 不存在`, undefined, field ? { field } : undefined);
}

export const units = new Hono<AppEnv>()
  .post('/', allow(...staffRoles), validate('json', unitBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    await assertUnitExists(db, body.parentId, '上级单位');
    const [row] = await db.insert(unitsTable).values({ ...body, updatedBy: c.var.user.id }).returning();
    return withEtag(c, unitJson(row!), 201);
  })
  .get('/', allow(...readers), validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await page(q, (after, take) => unitList(c.var.db, { after, take }), unitJson),
    );
  })
  .get('/:id', allow(...readers), validate('param', idParam), async (c) => {
    const { id: unitId } = c.req.valid('param');
    const [row] = await c.var.db.select().from(unitsTable).where(eq(unitsTable.id, unitId));
    if (!row) throw notFound('单位', unitId);
    return withEtag(c, unitJson(row));
  });
