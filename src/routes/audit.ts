import { Hono } from 'hono';
import { z } from 'zod';
import { allow } from '../auth';
import { staffRoles } from '../domain/vocabulary';
import { audited } from '../db/schema';
import { auditEntries } from '../queries/records';
import type { AppEnv } from '../app-types';
import { id, listQuery, validate } from '../validation';
import { page } from '../http/responses';

const auditQuery = listQuery.extend({
  entity: z.enum(['user_funds', ...Object.keys(audited)] as [string, ...string[]]).optional(),
  id: id.optional(),
  userId: id.optional(),
});

/** Who changed what, when, with the values before and after: written by triggers in the same statement. */
export const audit = new Hono<AppEnv>().get(
  '/audit',
  allow(...staffRoles),
  validate('query', auditQuery),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await page(
        q,
        (after, take) => auditEntries(c.var.db, q, { after, take }),
        (a) => a,
      ),
    );
  },
);
