// Platform settings (SPEC §9), read in one statement each: the days from raised to due of each 诉求 category, and the
// 通报's 发文单位. Each key's reader validates its stored text, so a bad row reads as unset, never as a wrong figure.
import { eq, like, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { settings } from '../db/schema';
import { defaultRequestDays, requestCategories, type RequestCategory } from '../domain/vocabulary';
import { textOrNull } from '../http/answer-fields';
import { parseRequestDays, REQUEST_DAYS } from '../domain/requests';

/** The settings table's keys: `requestDays.<category>` and `bulletin.issuer`. */
export const settingKey = {
  requestDays: (category: RequestCategory) => `requestDays.${category}`,
  bulletinIssuer: 'bulletin.issuer',
} as const;

const categoryDays = z.int().min(REQUEST_DAYS.min).max(REQUEST_DAYS.max);
export const settingsAnswer = z.strictObject({
  requestDays: z
    .strictObject(
      Object.fromEntries(requestCategories.map((k) => [k, categoryDays])) as Record<
        RequestCategory,
        typeof categoryDays
      >,
    )
    .meta({ description: '各诉求类别从提出到办结时限的天数（未设置为 15）' }),
  bulletinIssuer: textOrNull.meta({ description: '通报的发文单位（未设置为 null）' }),
});
export type Settings = z.infer<typeof settingsAnswer>;

/** Every setting, unset ones at their defaults: one statement. */
export async function readSettings(db: Db): Promise<Settings> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(or(like(settings.key, 'requestDays.%'), eq(settings.key, settingKey.bulletinIssuer)));
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const requestDays = Object.fromEntries(
    requestCategories.map((c) => [c, parseRequestDays(byKey.get(settingKey.requestDays(c))) ?? defaultRequestDays]),
  ) as Record<RequestCategory, number>;
  return {
    requestDays,
    bulletinIssuer: byKey.get(settingKey.bulletinIssuer) || null,
  };
}

/** The days from raised to due of one 诉求 category (15 when unset): one statement. */
export async function requestDaysOf(db: Db, category: RequestCategory): Promise<number> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, settingKey.requestDays(category)));
  return parseRequestDays(row?.value) ?? defaultRequestDays;
}

/** The 通报's 发文单位, or null when the platform has set none: one statement. */
export async function bulletinIssuer(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, settingKey.bulletinIssuer));
  return row?.value || null;
}
