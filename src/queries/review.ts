// The 认定 queue as /review shows it (SPEC §9): the arrivals waiting for 认定, each with its project, company, fund
// and who entered it — one statement for the page, within what the scope sees.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db';
import { arrivals, companies, funds, projects, users } from '../db/schema';
import { arrivalJson } from './projects';
import type { Slice } from './records';
import { inScope, type Scope } from './trees';

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
    enteredBy: r.displayName ?? r.username ?? null,
  }));
}
export type PendingArrival = Awaited<ReturnType<typeof pendingArrivals>>[number];
