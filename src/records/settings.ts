// Platform settings (SPEC §9): the statements that write the known keys, each an upsert of its row (audited: the
// insert or the update, never a write that changes nothing).
import { ne, sql } from 'drizzle-orm';
import { touched, type Db } from '../db';
import { settings } from '../db/schema';
import { requestCategories } from '../domain/vocabulary';
import type { SettingsBody } from '../http/request-input';
import { settingKey } from '../queries/settings';

/** The upsert of one setting; a value equal to the stored one writes nothing. */
const settingUpsert = (db: Db, key: string, value: string, userId: number) =>
  db
    .insert(settings)
    .values({ key, value, updatedBy: userId })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`excluded.value`, ...touched(settings, userId) },
      setWhere: ne(settings.value, sql`excluded.value`),
    })
    .returning();

/** The statements that write what a PUT /api/settings body names (its other settings stay as they are). */
export function settingWrites(db: Db, body: SettingsBody, userId: number) {
  const writes = requestCategories.flatMap((c) => {
    const days = body.requestDays?.[c];
    return days === undefined ? [] : [settingUpsert(db, settingKey.requestDays(c), String(days), userId)];
  });
  if (body.bulletinIssuer !== undefined)
    // null clears it: stored empty, read back as unset.
    writes.push(settingUpsert(db, settingKey.bulletinIssuer, body.bulletinIssuer ?? '', userId));
  return writes;
}
