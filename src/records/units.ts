import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { units } from '../db/schema';
import { ApiError } from '../errors';

/**
 * Throws the 404 of a missing unit (named `what`) unless `unitId` is absent or exists. `field` names the body field
 * in the answer where a request carries several unit ids.
 */
export async function assertUnitExists(db: Db, unitId: number | null | undefined, what = '单位', field?: string) {
  if (!unitId) return;
  const [u] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  if (!u) throw new ApiError('not_found', `${what} ${unitId} 不存在`, undefined, field ? { field } : undefined);
}
