// The 认定 queue as /review shows it (SPEC §9): the arrivals waiting for 认定, each with its project, company, fund
// and who entered it, and the companies suspected to be one (疑似重复) — one statement each.
import { and, asc, desc, eq, gt, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { fenToYuan } from '../domain/money';
import { arrivals, companies, funds, investments, projects, reinvestmentCredits, users } from '../db/schema';
import { arrivalJson } from './projects';
import type { Slice } from './records';
import { inScope, type Scope } from './trees';

/** The name key prefix of a company merged into another (src/records/company-merge.ts writes it). */
export const MERGED = 'merged:';

/**
 * The pending arrivals the scope sees, oldest first, named: project, company, source fund, and who entered it (a
 * pending arrival has not been reviewed, so its last writer is the one who entered it).
 */
export async function pendingArrivals(db: Db, scope: Scope, s: Slice) {
  const rows = await db
    .select({
      a: arrivals,
      projectName: projects.name,
      companyName: companies.name,
      fundId: projects.sourceFundId,
      fundName: funds.name,
      plannedTotalFen: projects.plannedTotalFen,
      username: users.username,
      displayName: users.displayName,
    })
    .from(arrivals)
    .innerJoin(projects, eq(projects.id, arrivals.projectId))
    .leftJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(funds, eq(funds.id, projects.sourceFundId))
    .leftJoin(users, eq(users.id, arrivals.updatedBy))
    .where(and(gt(arrivals.id, s.after), eq(arrivals.status, 'pending'), inScope(scope, projects.sourceFundId)))
    .orderBy(asc(arrivals.id))
    .limit(s.take);
  return rows.map((r) => ({
    ...arrivalJson(r.a),
    projectName: r.projectName,
    companyName: r.companyName,
    fundId: r.fundId,
    fundName: r.fundName,
    plannedTotal: fenToYuan(r.plannedTotalFen),
    enteredBy: r.displayName ?? r.username ?? null,
  }));
}
export type PendingArrival = Awaited<ReturnType<typeof pendingArrivals>>[number];

/**
 * 疑似重复: companies (not merged) that share their name key with another — the same name but for its legal form
 * (有限公司, （集团）…), spacing or punctuation — in groups, each company with how many projects, investments and 返投
 * credits name it: one statement. Staff only: no scope. At most `take` companies.
 */
export async function suspectedDuplicates(db: Db, take = 500) {
  const count = (table: typeof projects | typeof investments | typeof reinvestmentCredits) =>
    sql<number>`(select count(*) from ${table} where ${table.companyId} = ${companies.id})`;
  const shared = sql`${companies.nameKey} in (select ${companies.nameKey} from ${companies} where ${companies.nameKey} not like ${`${MERGED}%`} group by ${companies.nameKey} having count(*) > 1)`;
  const rows = await db
    .select({
      id: companies.id,
      name: companies.name,
      creditCode: companies.creditCode,
      nameKey: companies.nameKey,
      version: companies.version,
      projects: count(projects),
      investments: count(investments),
      credits: count(reinvestmentCredits),
    })
    .from(companies)
    .where(shared)
    .orderBy(asc(companies.nameKey), asc(companies.id))
    .limit(take);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(r.nameKey, [...(groups.get(r.nameKey) ?? []), r]);
  return [...groups.values()];
}
export type SuspectGroup = Awaited<ReturnType<typeof suspectedDuplicates>>[number];

/**
 * The companies merged into another (their name key is `merged:<into>`), latest change first, each with the company
 * it went into: what /review offers to undo (撤销合并). One statement; staff only; at most `take`.
 */
export async function mergedCompanies(db: Db, take = 200) {
  const into = alias(companies, 'into_company');
  return db
    .select({
      id: companies.id,
      name: companies.name,
      creditCode: companies.creditCode,
      mergedAt: companies.updatedAt,
      intoId: into.id,
      intoName: into.name,
    })
    .from(companies)
    .leftJoin(into, sql`${companies.nameKey} = ${MERGED} || ${into.id}`)
    .where(like(companies.nameKey, `${MERGED}%`))
    .orderBy(desc(companies.updatedAt), desc(companies.id))
    .limit(take);
}
export type MergedCompany = Awaited<ReturnType<typeof mergedCompanies>>[number];
