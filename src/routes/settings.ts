// Platform settings (SPEC §9): read and written by staff — each 诉求 category's days to its due date, the 通报's 发文单位.
import { Hono } from 'hono';
import { allow } from '../auth';
import { staffRoles } from '../domain/vocabulary';
import { atomic } from '../db';
import type { AppEnv } from '../app-types';
import { validate } from '../validation';
import { settingsBody } from '../http/request-input';
import { readSettings } from '../queries/settings';
import { settingWrites } from '../records/settings';

export const settingsRoutes = new Hono<AppEnv>()
  .get('/settings', allow(...staffRoles), async (c) => c.json(await readSettings(c.var.db)))
  .put('/settings', allow(...staffRoles), validate('json', settingsBody), async (c) => {
    await atomic(c.var.db, settingWrites(c.var.db, c.req.valid('json'), c.var.user.id));
    return c.json(await readSettings(c.var.db));
  });
