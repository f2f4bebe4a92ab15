import { Hono } from 'hono';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles, investorTypes } from '../domain/vocabulary';
import type { Db } from '../db';
import { commitments as commitmentsTable, contributions, funds } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { id, idParam, isoDate, yuanAmount, optionalName, validate } from '../validation';
import { withEtag } from '../http/responses';
import { fenToWanText, fenToYuan } from '../domain/money';
import { commitmentJson } from '../queries/records';
import { visibleFund } from '../records/funds';
import type { Answer } from '../openapi/answers';
import { answered } from '../idempotency';

const commitmentBody = z.object({
  investorType: z.enum(investorTypes),
  investorName: optionalName(100),
  investorFundId: id.optional().nullable(),
  amount: yuanAmount,
  committedOn: isoDate,
});

const contributionBody = z.object({ amount: yuanAmount, paidOn: isoDate });

/** Whether money already flows (through fund commitments) from `from` down to `to`. */
async function fundsMoneyReaches(db: Db, from: number, to: number): Promise<boolean> {
  const edges = await db
    .selectDistinct({ investor: commitmentsTable.investorFundId, fund: commitmentsTable.fundId })
    .from(commitmentsTable)
    .where(eq(commitmentsTable.investorType, 'fund'));
  const stack = [from];
  const seen = new Set<number>();
  while (stack.length) {
    const f = stack.pop()!;
    if (f === to) return true;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const e of edges) if (e.investor === f) stack.push(e.fund);
  }
  return false;
}

type ContributionRow = typeof contributions.$inferSelect;
const contributionJson = (p: ContributionRow): Answer<'Contribution'> => ({
  id: p.id,
  commitmentId: p.commitmentId,
  amount: fenToYuan(p.amountFen),
  paidOn: p.paidOn,
  version: p.version,
});

async function visibleCommitment(c: Parameters<typeof assertFund>[0], commitmentId: number) {
  const [m] = await c.var.db.select().from(commitmentsTable).where(eq(commitmentsTable.id, commitmentId));
  if (!m) throw notFound('认缴记录', commitmentId);
  assertFund(c, m.fundId, '认缴记录', commitmentId);
  return m;
}

export const commitments = new Hono<AppEnv>()
  .post(
    '/funds/:id/commitments',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', commitmentBody),
    async (c) => {
      const fund = await visibleFund(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const db = c.var.db;
      let investorName = body.investorName ?? null;
      if (body.investorType === 'fund') {
        if (!body.investorFundId) throw invalid('investorFundId', '出资人类型为基金（fund）时必须指定 investorFundId');
        if (body.investorFundId === fund.id) throw invalid('investorFundId', '基金不能向自身出资');
        const [investor] = await db.select().from(funds).where(eq(funds.id, body.investorFundId));
        if (!investor) throw notFound('出资基金', body.investorFundId);
        if (await fundsMoneyReaches(db, fund.id, investor.id)) {
          throw invalid('investorFundId', `基金 ${fund.id} 已直接或间接出资于基金 ${investor.id}，不能形成循环出资`);
        }
        investorName ??= investor.name;
      } else if (body.investorFundId) {
        throw invalid('investorFundId', '只有出资人类型为基金（fund）时才可指定 investorFundId');
      }
      const commitment = await answered(
        c,
        [
          db
            .insert(commitmentsTable)
            .values({
              fundId: fund.id,
              investorType: body.investorType,
              investorName,
              investorFundId: body.investorFundId ?? null,
              amountFen: body.amount,
              committedOn: body.committedOn,
              updatedBy: c.var.user.id,
            })
            .returning(),
        ],
        ([[row]]) => ({ ...commitmentJson(row!), paidIn: '0.00' }),
      );
      return withEtag(c, commitment, 201);
    },
  )
  .get('/commitments/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const m = await visibleCommitment(c, c.req.valid('param').id);
    const paid = await c.var.db
      .select()
      .from(contributions)
      .where(eq(contributions.commitmentId, m.id))
      .orderBy(asc(contributions.paidOn), asc(contributions.id));
    const paidIn = paid.reduce((s, p) => s + p.amountFen, 0);
    return withEtag(c, { ...commitmentJson(m), paidIn: fenToYuan(paidIn), contributions: paid.map(contributionJson) });
  })
  .post(
    '/commitments/:id/contributions',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', contributionBody),
    async (c) => {
      const m = await visibleCommitment(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      // One statement checks and inserts, so two concurrent payments can never together exceed the commitment.
      const contribution = await answered(
        c,
        [
          c.var.db
            .insert(contributions)
            .select(
              sql`select null, ${m.id}, ${body.amount}, ${body.paidOn}, 1, strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now'), ${c.var.user.id}
            where (select coalesce(sum(amount_fen), 0) from contributions where commitment_id = ${m.id}) + ${body.amount}
                  <= (select amount_fen from commitments where id = ${m.id})`,
            )
            .returning(),
        ],
        ([[row]]) => (row ? contributionJson(row) : null),
      );
      if (!contribution) {
        const [{ paid } = { paid: 0 }] = await c.var.db
          .select({ paid: sql<number>`coalesce(sum(${contributions.amountFen}), 0)` })
          .from(contributions)
          .where(and(eq(contributions.commitmentId, m.id)));
        throw new ApiError(
          'conflict',
          `实缴将超过认缴：认缴 ${fenToWanText(m.amountFen)}，已实缴 ${fenToWanText(paid)}，本次 ${fenToWanText(body.amount)}，最多还可实缴 ${fenToWanText(m.amountFen - paid)}`,
        );
      }
      return withEtag(c, contribution, 201);
    },
  );
