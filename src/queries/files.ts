// Evidence files as the API answers them (SPEC §9): a subject's files, and every file of a project's records at once
// (the project, its arrivals and its milestones: the project page), one statement each, deleted ones left out.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { arrivals, files, milestones } from '../db/schema';
import type { Answer } from '../http/answers';

type FileRow = typeof files.$inferSelect;
export const fileJson = (f: FileRow): Answer<'EvidenceFile'> => ({
  id: f.id,
  name: f.name,
  type: f.type,
  size: f.size,
  sha256: f.sha256,
  subject: `${f.subjectType}:${f.subjectId}`,
  uploadedBy: f.uploadedBy,
  uploadedAt: f.createdAt,
  version: f.version,
});

/** The files of one subject that are not deleted, oldest first. */
export async function filesOf(db: Db, subject: { type: FileRow['subjectType']; id: number }) {
  const rows = await db
    .select()
    .from(files)
    .where(and(eq(files.subjectType, subject.type), eq(files.subjectId, subject.id), isNull(files.deletedAt)))
    .orderBy(asc(files.id));
  return rows.map(fileJson);
}

/** The files of a project, of its arrivals and of its milestones that are not deleted, oldest first. */
export async function filesOfProject(db: Db, projectId: number) {
  const of = (type: FileRow['subjectType'], ids: ReturnType<typeof sql>) =>
    and(eq(files.subjectType, type), sql`${files.subjectId} in ${ids}`);
  const rows = await db
    .select()
    .from(files)
    .where(
      and(
        isNull(files.deletedAt),
        or(
          and(eq(files.subjectType, 'project'), eq(files.subjectId, projectId)),
          of('arrival', sql`(select ${arrivals.id} from ${arrivals} where ${arrivals.projectId} = ${projectId})`),
          of(
            'milestone',
            sql`(select ${milestones.id} from ${milestones} where ${milestones.projectId} = ${projectId})`,
          ),
        ),
      ),
    )
    .orderBy(asc(files.id));
  return rows.map(fileJson);
}
