// Evidence files as the API answers them (SPEC §9): a subject's files, and every file of a project's records at once
// (the project, its arrivals and its milestones: the project page), and every file of what waits for 认定 (the
// /review queue), one statement each, deleted ones left out; the pages' lists name each file's uploader.
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { arrivals, files, milestones, projects, reinvestmentCredits, users } from '../db/schema';
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

/** A file as a page lists it: the answer, with its uploader's name. */
export type NamedFile = Answer<'EvidenceFile'> & { uploaderName: string | null };

/** The files, not deleted, that meet `where`, oldest first, each with its uploader's name: one statement. */
async function namedFiles(db: Db, where: SQL | undefined): Promise<NamedFile[]> {
  const rows = await db
    .select({ f: files, username: users.username, displayName: users.displayName })
    .from(files)
    .leftJoin(users, eq(users.id, files.uploadedBy))
    .where(and(isNull(files.deletedAt), where))
    .orderBy(asc(files.id));
  return rows.map((r) => ({ ...fileJson(r.f), uploaderName: r.displayName ?? r.username ?? null }));
}

/** Files of `type` whose subject id is in the rows the subquery selects (never a bound list of ids). */
const ofSubjects = (type: FileRow['subjectType'], ids: SQL) =>
  and(eq(files.subjectType, type), sql`${files.subjectId} in ${ids}`);

/** The files of a project, of its arrivals and of its milestones that are not deleted, oldest first. */
export const filesOfProject = (db: Db, projectId: number) =>
  namedFiles(
    db,
    or(
      and(eq(files.subjectType, 'project'), eq(files.subjectId, projectId)),
      ofSubjects('arrival', sql`(select ${arrivals.id} from ${arrivals} where ${arrivals.projectId} = ${projectId})`),
      ofSubjects(
        'milestone',
        sql`(select ${milestones.id} from ${milestones} where ${milestones.projectId} = ${projectId})`,
      ),
    ),
  );

/**
 * The files of every project, arrival and 返投 credit still pending (the 认定 queue: staff read the 银行回单 before
 * they confirm). Staff only: no scope.
 */
export const filesOfPending = (db: Db) =>
  namedFiles(
    db,
    or(
      ofSubjects('project', sql`(select ${projects.id} from ${projects} where ${projects.status} = 'pending')`),
      ofSubjects('arrival', sql`(select ${arrivals.id} from ${arrivals} where ${arrivals.status} = 'pending')`),
      ofSubjects(
        'credit',
        sql`(select ${reinvestmentCredits.id} from ${reinvestmentCredits} where ${reinvestmentCredits.status} = 'pending')`,
      ),
    ),
  );

/** The files of one 企业诉求, not deleted, oldest first, with their uploaders' names. */
export const filesOfRequest = (db: Db, requestId: number) =>
  namedFiles(db, and(eq(files.subjectType, 'request'), eq(files.subjectId, requestId)));
