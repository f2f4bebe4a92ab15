// 疑似重复 companies and their merge (issue: duplicates). Staff merge one company into another: its projects,
// investments, 返投 credits, requests and the activities that met it move to the other in one atomic write, and the
// merged one is marked (its name key becomes `merged:<into>`, so no name matches it again). Every moved row is
// audited with its company before and after, and that is what the undo reads: it moves back exactly the rows the
// audit log shows moved from this company into the other, and gives the company its name key again.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { atomic, touched, type Db } from '../db';
import {
  activityCompanies,
  companies,
  investments,
  projects,
  reinvestmentCredits,
  serviceRequests,
} from '../db/schema';
import { companyNameKey } from '../domain/names';
import { ApiError, invalid, notFound } from '../errors';
import { MERGED } from '../queries/review';
import { activeLead } from './leads';

/** The records that name a company, each with its table's name in the audit log. */
const holders = [
  { table: projects, entity: 'projects' },
  { table: investments, entity: 'investments' },
  { table: reinvestmentCredits, entity: 'reinvestment_credits' },
  { table: serviceRequests, entity: 'service_requests' },
  { table: activityCompanies, entity: 'activity_companies' },
] as const;

const count = z.int().nonnegative();
/** What a merge or its undo answers: the two companies and how many records of each kind moved. */
export const companyMergeAnswer = z.strictObject({
  from: z.int().positive().meta({ description: '被合并（或撤销合并）的企业' }),
  into: z.int().positive().meta({ description: '并入的企业' }),
  moved: z
    .strictObject({
      projects: count,
      investments: count,
      reinvestment_credits: count,
      service_requests: count,
      activity_companies: count,
    })
    .meta({ description: '转移的记录数，按表' }),
});
type MergeAnswer = z.input<typeof companyMergeAnswer>;

/** The answer from the rows each move returned, in the order of `holders`. */
const answerOf = (from: number, into: number, results: { id: number }[][]): MergeAnswer => ({
  from,
  into,
  moved: Object.fromEntries(holders.map(({ entity }, i) => [entity, results[i]!.length])) as MergeAnswer['moved'],
});

async function companyRow(db: Db, id: number) {
  const [row] = await db.select().from(companies).where(eq(companies.id, id));
  if (!row) throw notFound('企业', id);
  return row;
}

/** The ids of a company's active leads (at most a few), for the refusal that names them. */
async function activeLeads(db: Db, companyId: number) {
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.companyId, companyId), activeLead()))
    .limit(5);
  return rows.map((r) => r.id);
}

/**
 * Merges company `fromId` into `intoId` (staff). Refused: the same company, one already merged, two different credit
 * codes (two legal persons), a coded company into an uncoded one (merge the other way), both with an active lead
 * (first decide the 首报 by 退回 or 终止 of one), a stale `expected` version of the merged one (412).
 */
export async function mergeCompanies(
  db: Db,
  fromId: number,
  intoId: number,
  userId: number,
  expected: number | null,
): Promise<MergeAnswer> {
  if (fromId === intoId) throw invalid('intoId', '不能把企业合并到它自己，请选择另一家企业');
  const [from, into] = await Promise.all([companyRow(db, fromId), companyRow(db, intoId)]);
  for (const co of [from, into])
    if (co.nameKey.startsWith(MERGED))
      throw new ApiError('conflict', `企业 ${co.id}（${co.name}）已被合并，不能再合并`);
  if (expected !== null && expected !== from.version)
    throw new ApiError('precondition_failed', `企业 ${from.id} 已被他人修改，请刷新后重试`);
  if (from.creditCode && into.creditCode && from.creditCode !== into.creditCode)
    throw new ApiError(
      'conflict',
      `两家企业的统一社会信用代码不同（${from.creditCode}、${into.creditCode}），是两个法人，不能合并`,
    );
  if (from.creditCode && !into.creditCode)
    throw new ApiError(
      'conflict',
      `企业 ${from.id} 有统一社会信用代码而企业 ${into.id} 没有：请把企业 ${into.id} 合并到企业 ${from.id}`,
    );
  const [leadsFrom, leadsInto] = await Promise.all([activeLeads(db, from.id), activeLeads(db, into.id)]);
  if (leadsFrom.length && leadsInto.length)
    throw new ApiError(
      'conflict',
      `两家企业各有在途项目线索（项目 ${[...leadsFrom, ...leadsInto].map((id) => `#${id}`).join('、')}）：` +
        '请先按首报原则退回或终止其中一方的线索，再合并',
    );
  const moves = holders.map(({ table }) =>
    db
      .update(table)
      .set({ companyId: into.id, ...touched(table, userId) })
      .where(eq(table.companyId, from.id))
      .returning({ id: table.id }),
  );
  const mark = db
    .update(companies)
    .set({ nameKey: `${MERGED}${into.id}`, ...touched(companies, userId) })
    .where(and(eq(companies.id, from.id), eq(companies.version, from.version)))
    .returning();
  return answerOf(from.id, into.id, await atomic(db, [...moves, mark]));
}

/**
 * Undoes the merge of company `fromId` (staff): the rows the audit log shows moved from it into the company it was
 * merged into, and still there, move back; its name key is its name's again.
 */
export async function unmergeCompany(db: Db, fromId: number, userId: number): Promise<MergeAnswer> {
  const from = await companyRow(db, fromId);
  if (!from.nameKey.startsWith(MERGED)) throw new ApiError('conflict', `企业 ${from.id}（${from.name}）未被合并`);
  const intoId = Number(from.nameKey.slice(MERGED.length));
  const movedByMerge = (entity: string, idColumn: unknown) =>
    sql`exists (select 1 from audit_log l where l.entity = ${entity} and l.entity_id = ${idColumn}
      and json_extract(l.before, '$.companyId') = ${from.id} and json_extract(l.after, '$.companyId') = ${intoId})`;
  const moves = holders.map(({ table, entity }) =>
    db
      .update(table)
      .set({ companyId: from.id, ...touched(table, userId) })
      .where(and(eq(table.companyId, intoId), movedByMerge(entity, table.id)))
      .returning({ id: table.id }),
  );
  const restore = db
    .update(companies)
    .set({ nameKey: companyNameKey(from.name), ...touched(companies, userId) })
    .where(eq(companies.id, from.id))
    .returning();
  return answerOf(from.id, intoId, await atomic(db, [...moves, restore]));
}
