import { sql, type SQLWrapper } from 'drizzle-orm';
import { projects } from '../db/schema';
import { progressStages } from '../domain/vocabulary';

/** The column holding the date a project reached each stage (kept by the milestone writes). */
export const reachColumn = {
  negotiating: projects.negotiatingOn,
  signed: projects.signedOn,
  registered: projects.registeredOn,
  started: projects.startedOn,
  completed: projects.completedOn,
  producing: projects.producingOn,
} as const;

/** The stage SQL says a project is at (as currentStage does), now or — given `asOf` — on that date. */
export function stageSql(asOf?: string) {
  const reached = (col: SQLWrapper) => (asOf ? sql`${col} <= ${asOf}` : sql`${col} is not null`);
  return sql<string>`case when ${reached(projects.droppedOn)} then 'dropped' ${sql.join(
    [...progressStages].reverse().map((s) => sql`when ${reached(reachColumn[s])} then ${s}`),
    sql` `,
  )} else 'reported' end`;
}
