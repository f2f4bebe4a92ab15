// 我的工作 (SPEC §9): every user's own list — the projects it owns now and the requests assigned to it.
import { Hono } from 'hono';
import { allow } from '../auth';
import { readerRoles } from '../domain/vocabulary';
import { defaultHorizonDays } from '../domain/nodes';
import type { AppEnv } from '../app-types';
import { myWork } from '../queries/work';

export const work = new Hono<AppEnv>().get('/me/work', allow(...readerRoles), async (c) =>
  c.json(await myWork(c.var.db, c.var.scope, c.var.user.id, { asOf: c.var.today, horizonDays: defaultHorizonDays })),
);
