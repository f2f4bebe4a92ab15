import { Hono } from 'hono';
import { asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles } from '../domain/vocabulary';
import { chains as chainsTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError } from '../errors';
import { chainMapQuery, chainReport, leadCompaniesOf, type ChainRow } from '../queries/chains';
import { listQuery, optionalName, requiredText, validate } from '../validation';
import { page, withEtag } from '../http/responses';
import { readContext } from '../queries/read-context';
import { assertUnitExists } from '../records/units';
import type { Answer } from '../openapi/answers';
import { answered } from '../idempotency';

const chainJson = (r: ChainRow): Answer<'Chain'> => ({
  id: r.id,
  name: r.name,
  leader: r.leader,
  leadCompanies: leadCompaniesOf(r),
  version: r.version,
});

const chainBody = z.object({
  name: requiredText(50),
  leader: optionalName(100),
  leadCompanies: z
    .array(requiredText(100), { error: 'leadCompanies 应为企业名称的数组' })
    .max(50, '链主企业最多 50 家')
    .optional(),
});

/** 重点产业链 records (staff write, everyone reads) and the 产业链 map (SPEC §7) over them. */
export const chains = new Hono<AppEnv>()
  .post('/chains', allow(...staffRoles), validate('json', chainBody), async (c) => {
    const b = c.req.valid('json');
    const chain = await answered(
      c,
      [
        c.var.db
          .insert(chainsTable)
          .values({
            name: b.name,
            leader: b.leader ?? null,
            leadCompanies: JSON.stringify(b.leadCompanies ?? []),
            updatedBy: c.var.user.id,
          })
          .onConflictDoNothing()
          .returning(),
      ],
      ([[row]]) => (row ? chainJson(row) : null),
    );
    if (!chain) {
      // The name as stored (cleanName: `人工智能\u200b` is 人工智能) is unique: a look-alike is the chain that exists.
      const [existing] = await c.var.db
        .select({ id: chainsTable.id })
        .from(chainsTable)
        .where(eq(chainsTable.name, b.name));
      throw new ApiError('conflict', `重点产业链「${b.name}」已存在（产业链 ${existing?.id ?? ''}）`, undefined, {
        existingId: existing?.id ?? null,
      });
    }
    return withEtag(c, chain, 201);
  })
  .get('/chains', allow(...readerRoles), validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await page(
        q,
        (after, take) =>
          c.var.db.select().from(chainsTable).where(gt(chainsTable.id, after)).orderBy(asc(chainsTable.id)).limit(take),
        chainJson,
      ),
    );
  })
  .get('/reports/chains', allow(...readerRoles), validate('query', chainMapQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.fundId) assertFund(c, q.fundId);
    await assertUnitExists(c.var.db, q.unitId);
    const ctx = readContext(c, q);
    return c.json({ asOf: ctx.asOf, view: q.view, chains: await chainReport(ctx, q) } satisfies Answer<'ChainMap'>);
  });
