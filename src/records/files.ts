// Evidence files' subjects (SPEC §9): which record a file belongs to, who may see it (whoever may see the record), and
// whether it is still pending (its uploader may then take the file back).
import type { Context } from 'hono';
import { eq, sql } from 'drizzle-orm';
import { assertFund } from '../auth';
import { arrivals, fileSubjects, milestones, projects, reinvestmentCredits, serviceRequests } from '../db/schema';
import type { AppEnv } from '../app-types';
import { invalid, notFound } from '../errors';

export type FileSubjectType = (typeof fileSubjects)[number];
export interface FileSubject {
  type: FileSubjectType;
  id: number;
}

/** Each subject's name in messages. */
export const fileSubjectNames = {
  project: '项目',
  arrival: '到资',
  milestone: '进展',
  credit: '返投认定',
  request: '诉求',
} as const satisfies Record<FileSubjectType, string>;

/** `project:12` as a subject, or a 400 on `field` naming the accepted forms. */
export function parseFileSubject(text: unknown, field = 'subject'): FileSubject {
  const m =
    typeof text === 'string' ? /^(project|arrival|milestone|credit|request):([1-9]\d{0,14})$/.exec(text.trim()) : null;
  if (!m)
    throw invalid(field, `${field} 应为 project:N、arrival:N、milestone:N、credit:N 或 request:N（N 为记录编号）`);
  return { type: m[1] as FileSubjectType, id: Number(m[2]) };
}

/**
 * The subject's fund (what decides who sees it) and whether it still waits for 认定 — or the 404 that a missing record
 * and another family's record both answer. A milestone is pending while its project is; a request (诉求) while it
 * waits to be accepted, and whoever may read it (a manager: its funds' projects' requests) may read its files.
 */
export async function visibleSubject(
  c: Context<AppEnv>,
  s: FileSubject,
): Promise<{ fundId: number | null; pending: boolean }> {
  const db = c.var.db;
  const what = fileSubjectNames[s.type];
  let row: { fundId: number | null; status: string } | undefined;
  if (s.type === 'project') {
    [row] = await db
      .select({ fundId: projects.sourceFundId, status: projects.status })
      .from(projects)
      .where(eq(projects.id, s.id));
  } else if (s.type === 'arrival') {
    [row] = await db
      .select({ fundId: projects.sourceFundId, status: arrivals.status })
      .from(arrivals)
      .innerJoin(projects, eq(projects.id, arrivals.projectId))
      .where(eq(arrivals.id, s.id));
  } else if (s.type === 'milestone') {
    [row] = await db
      .select({ fundId: projects.sourceFundId, status: projects.status })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .where(eq(milestones.id, s.id));
  } else if (s.type === 'credit') {
    [row] = await db
      .select({ fundId: reinvestmentCredits.fundId, status: reinvestmentCredits.status })
      .from(reinvestmentCredits)
      .where(eq(reinvestmentCredits.id, s.id));
  } else if (s.type === 'request') {
    [row] = await db
      .select({
        fundId: projects.sourceFundId,
        status: sql<string>`case when ${serviceRequests.status} = 'open' then 'pending' else ${serviceRequests.status} end`,
      })
      .from(serviceRequests)
      .leftJoin(projects, eq(projects.id, serviceRequests.projectId))
      .where(eq(serviceRequests.id, s.id));
  }
  if (!row) throw notFound(what, s.id);
  assertFund(c, row.fundId, what, s.id);
  return { fundId: row.fundId, pending: row.status === 'pending' };
}
