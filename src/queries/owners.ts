// A project's owners (专人对接/包挂, SPEC §9) as the API answers them, each with its user's name: the project's
// current owners or its whole history, in one statement.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { projectOwners, users } from '../db/schema';
import type { Answer } from '../http/answers';
import { userName } from './names';

type OwnerRow = typeof projectOwners.$inferSelect;

export const ownerJson = (o: OwnerRow, name: string): Answer<'Owner'> => ({
  id: o.id,
  projectId: o.projectId,
  userId: o.userId,
  name,
  duty: o.duty,
  from: o.fromOn,
  to: o.toOn,
  version: o.version,
});

/**
 * The project's whole owner history as a JSON array of answers, in projectOwnerList's order: a column to read with
 * the project's row, so the owners cost no statement of their own.
 */
export const ownerHistoryJson = (projectId: number) => sql<string>`(
  select coalesce(json_group_array(json_object('id', id, 'projectId', project_id, 'userId', user_id, 'name', name,
    'duty', duty, 'from', from_on, 'to', to_on, 'version', version)), '[]')
  from (
    select o.*, coalesce(u.display_name, u.username) as name
    from ${projectOwners} o join ${users} u on u.id = o.user_id
    where o.project_id = ${projectId}
    order by o.to_on is not null, case o.duty when 'liaison' then 0 when 'leader' then 1 else 2 end, o.from_on, o.id
  ))`;

/** The project's owners, current ones only or the whole history: current first (对接人, 包挂领导, 专班成员), then by date. */
export async function projectOwnerList(db: Db, projectId: number, which: 'current' | 'all') {
  const rows = await db
    .select({ o: projectOwners, name: userName })
    .from(projectOwners)
    .innerJoin(users, eq(users.id, projectOwners.userId))
    .where(and(eq(projectOwners.projectId, projectId), which === 'current' ? isNull(projectOwners.toOn) : undefined))
    .orderBy(
      sql`${projectOwners.toOn} is not null`,
      sql`case ${projectOwners.duty} when 'liaison' then 0 when 'leader' then 1 else 2 end`,
      asc(projectOwners.fromOn),
      asc(projectOwners.id),
    );
  return rows.map((r) => ownerJson(r.o, r.name));
}
