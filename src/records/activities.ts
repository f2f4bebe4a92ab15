// 招商活动 (SPEC §9): the rules a new activity keeps and the statements that write it (the API and the spreadsheet
// import share both), and the activities read as the API answers them, within what the caller may see.
import { userName as userNameSql } from '../queries/names';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, min, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import {
  activities,
  activityCompanies,
  activityParticipants,
  activityProjects,
  companies,
  funds,
  projects,
  units,
  unitTree,
  users,
} from '../db/schema';
import type { ActivityLink } from '../domain/vocabulary';
import { companyNameKey } from '../domain/names';
import { groupBy } from '../domain/groups';
import type { Role } from '../domain/vocabulary';
import type { ActivityBody, ActivityFilters } from '../http/activity-input';
import type { Answer } from '../http/answers';
import type { Slice } from '../queries/records';
import { inFamily, inScope, sees, type Scope } from '../queries/trees';
import { bulkInsert } from './bulk-insert';
import { companyVisible } from './companies';

/** Who records: the role decides whether a fund is required, the scope what may be named. */
export interface Recorder {
  db: Db;
  scope: Scope;
  user: { id: number; role: Role };
}

/** An activity as it will be written: the body checked against the records, each name resolved. */
export interface CheckedActivity {
  body: ActivityBody;
  users: { id: number; name: string }[];
  names: string[];
  companies: { name: string; nameKey: string; companyId: number | null }[];
  projects: { projectId: number; name: string; link: ActivityLink }[];
}

/** Why an activity cannot be written: the field, the message, and whether it is a bad value or a record not found. */
export interface ActivityProblem {
  index: number;
  path: string;
  message: string;
  code: 'invalid_request' | 'not_found';
}

/** `col` in a JSON list bound as one value: one variable whatever the list's length (D1 binds at most 100). */
const inJson = (col: Parameters<typeof inArray>[0], values: unknown[]) =>
  inArray(col, sql`(select value from json_each(${JSON.stringify(values)}))`);

const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Checks activities against the records, all of them in a constant number of statements: the unit, fund, users and
 * projects must exist and the fund and projects lie in the caller's scope (else the 404 of a missing record); a
 * manager names its fund. Companies are linked by the id given (a company the caller may see) or by their name key,
 * to the oldest company of that key the caller may see, so no link tells a manager of a company outside its funds.
 * Participants, names and companies are taken once each, in the order given.
 */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the activity fields and the participants are the parts
export async function checkActivities(
  r: Recorder,
  bodies: ActivityBody[],
): Promise<{ checked: CheckedActivity[]; problems: ActivityProblem[] }> {
  const { db, scope } = r;
  const all = <T>(pick: (b: ActivityBody) => T[]) => unique(bodies.flatMap(pick));
  const fundIds = all((b) => (b.fundId ? [b.fundId] : []));
  const unitIds = all((b) => [b.unitId]);
  const userIds = all((b) => b.participantIds);
  const projectIds = all((b) => b.projects.map((p) => p.projectId));
  const companyIds = all((b) => b.companies.flatMap((co) => (co.companyId ? [co.companyId] : [])));
  const keys = all((b) => b.companies.map((co) => companyNameKey(co.name)));
  const none = Promise.resolve([]);
  const [fundRows, unitRows, userRows, projectRows, companyRows, keyRows] = await Promise.all([
    fundIds.length ? db.select({ id: funds.id }).from(funds).where(inJson(funds.id, fundIds)) : none,
    db.select({ id: units.id }).from(units).where(inJson(units.id, unitIds)),
    userIds.length ? db.select({ id: users.id, name: userNameSql }).from(users).where(inJson(users.id, userIds)) : none,
    projectIds.length
      ? db
          .select({ id: projects.id, name: projects.name, fundId: projects.sourceFundId })
          .from(projects)
          .where(inJson(projects.id, projectIds))
      : none,
    companyIds.length
      ? db
          .select({ id: companies.id })
          .from(companies)
          .where(and(inJson(companies.id, companyIds), companyVisible(scope)))
      : none,
    keys.length
      ? db
          .select({ key: companies.nameKey, id: min(companies.id) })
          .from(companies)
          .where(and(inJson(companies.nameKey, keys), companyVisible(scope)))
          .groupBy(companies.nameKey)
      : none,
  ]);
  const fundSet = new Set(fundRows.map((f: { id: number }) => f.id));
  const unitSet = new Set(unitRows.map((u) => u.id));
  const userName = new Map(userRows.map((u: { id: number; name: string }) => [u.id, u.name]));
  const project = new Map(
    projectRows.map((p: { id: number; name: string; fundId: number | null }) => [p.id, p] as const),
  );
  const companySet = new Set(companyRows.map((co: { id: number }) => co.id));
  const byKey = new Map(keyRows.map((k: { key: string; id: number | null }) => [k.key, k.id]));

  const problems: ActivityProblem[] = [];
  const checked = bodies.map((b, index) => {
    const refuse = (path: string, message: string, code: ActivityProblem['code'] = 'not_found') =>
      problems.push({ index, path, message, code });
    if (r.user.role === 'manager' && !b.fundId)
      refuse('fundId', '基金管理人登记活动须选择本基金（fundId）', 'invalid_request');
    if (b.fundId && (!sees(scope, b.fundId) || !fundSet.has(b.fundId))) refuse('fundId', `基金 ${b.fundId} 不存在`);
    if (!unitSet.has(b.unitId)) refuse('unitId', `单位 ${b.unitId} 不存在`);
    const people = unique(b.participantIds);
    people.forEach((id) => userName.has(id) || refuse('participantIds', `用户 ${id} 不存在`));
    b.projects.forEach((p, i) => {
      const found = project.get(p.projectId);
      if (!found || !sees(scope, found.fundId)) refuse(`projects.${i}.projectId`, `项目 ${p.projectId} 不存在`);
    });
    b.companies.forEach((co, i) => {
      if (co.companyId && !companySet.has(co.companyId))
        refuse(`companies.${i}.companyId`, `企业 ${co.companyId} 不存在`);
    });
    const met = new Map<string, CheckedActivity['companies'][number]>();
    for (const co of b.companies) {
      const nameKey = companyNameKey(co.name);
      const known = met.get(nameKey);
      if (known) known.companyId ??= co.companyId ?? null;
      else met.set(nameKey, { name: co.name, nameKey, companyId: co.companyId ?? byKey.get(nameKey) ?? null });
    }
    return {
      body: b,
      users: people.map((id) => ({ id, name: userName.get(id) ?? '' })),
      names: unique(b.participantNames),
      companies: [...met.values()],
      projects: b.projects.map((p) => ({ ...p, name: project.get(p.projectId)?.name ?? '' })),
    };
  });
  return { checked, problems };
}

/** The row of an activity as written. */
const activityValues = (b: ActivityBody, userId: number) => ({
  unitId: b.unitId,
  fundId: b.fundId ?? null,
  kind: b.kind,
  startedOn: b.startedOn,
  endedOn: b.endedOn ?? null,
  destination: b.destination ?? null,
  topLed: b.topLed,
  note: b.note ?? null,
  updatedBy: userId,
});

/**
 * Every write of these activities, for one atomic write: the activities, then their participants, companies and
 * projects. The activities get one run of AUTOINCREMENT ids (nothing else inserts activities inside the atomic write),
 * so the j-th of n is max(id) − (n − 1 − j): its child rows carry that offset as their activity.
 */
export function activityStatements(db: Db, checked: CheckedActivity[], userId: number) {
  const n = checked.length;
  const newest = sql`(select max(${activities.id}) from ${activities})`;
  const fromNewest = { activityId: (offset: SQL) => sql`(${newest} - ${offset})` };
  const children = <T>(rows: (a: CheckedActivity) => T[]) =>
    checked.flatMap((a, j) => rows(a).map((row) => ({ activityId: n - 1 - j, ...row, updatedBy: userId })));
  return [
    ...bulkInsert(
      db,
      activities,
      checked.map((a) => activityValues(a.body, userId)),
    ),
    ...bulkInsert(
      db,
      activityParticipants,
      children((a) => [
        ...a.users.map((u) => ({ userId: u.id, name: null })),
        ...a.names.map((name) => ({ userId: null, name })),
      ]),
      fromNewest,
    ),
    ...bulkInsert(
      db,
      activityCompanies,
      children((a) => a.companies),
      fromNewest,
    ),
    ...bulkInsert(
      db,
      activityProjects,
      children((a) => a.projects.map((p) => ({ projectId: p.projectId, link: p.link }))),
      fromNewest,
    ),
  ];
}

type ActivityRow = typeof activities.$inferSelect;
type Children = Pick<Answer<'Activity'>, 'participants' | 'companies' | 'projects'>;

/** The answer of an activity: its row and its child rows (participants with the users first, as written). */
export const activityJson = (a: ActivityRow, c: Children): Answer<'Activity'> => ({
  id: a.id,
  unitId: a.unitId,
  fundId: a.fundId,
  kind: a.kind,
  startedOn: a.startedOn,
  endedOn: a.endedOn,
  destination: a.destination,
  topLed: a.topLed,
  participantIds: c.participants.flatMap((p) => (p.userId ? [p.userId] : [])),
  participantNames: c.participants.flatMap((p) => (p.userId ? [] : [p.name])),
  participants: c.participants,
  companies: c.companies,
  projects: c.projects,
  note: a.note,
  version: a.version,
});

/** The answer of an activity just written, from what was checked: the same as reading it back. */
export const writtenActivityJson = (id: number, a: CheckedActivity, userId: number): Answer<'Activity'> =>
  activityJson({ id, version: 1, ...activityValues(a.body, userId) } as ActivityRow, {
    participants: [
      ...a.users.map((u) => ({ userId: u.id, name: u.name })),
      ...a.names.map((name) => ({ userId: null, name })),
    ],
    companies: a.companies.map((co) => ({ name: co.name, companyId: co.companyId })),
    projects: a.projects,
  });

/** The activities the scope sees: a manager those of its funds' families (an activity without a fund is staff's). */
export function activityWhere(scope: Scope, q: Partial<ActivityFilters>): (SQL | undefined)[] {
  return [
    inScope(scope, activities.fundId),
    q.unitId
      ? sql`${activities.unitId} in (select ${unitTree.descendantId} from ${unitTree} where ${unitTree.ancestorId} = ${q.unitId})`
      : undefined,
    q.fundId ? inFamily(activities.fundId, q.fundId) : undefined,
    q.kind ? eq(activities.kind, q.kind) : undefined,
    q.from ? gte(activities.startedOn, q.from) : undefined,
    q.to ? lte(activities.startedOn, q.to) : undefined,
  ];
}

/**
 * The child rows of the activities `conds` selects with ids in [lo, hi]: three statements whatever the number of
 * activities, each joined to the same conditions (no id list is bound). A manager sees a linked project only of its
 * funds, and a company's id only when it may see that company.
 */
async function childrenOf(db: Db, scope: Scope, conds: (SQL | undefined)[], lo: number, hi: number) {
  const within = and(...conds, gte(activities.id, lo), lte(activities.id, hi));
  const shownCompany = scope.all
    ? activityCompanies.companyId
    : sql<number | null>`case when ${companyVisible(scope)} then ${activityCompanies.companyId} end`;
  const [people, met, linked] = await Promise.all([
    db
      .select({
        activityId: activityParticipants.activityId,
        userId: activityParticipants.userId,
        name: sql<string>`coalesce(${activityParticipants.name}, ${users.displayName}, ${users.username})`,
      })
      .from(activityParticipants)
      .innerJoin(activities, eq(activities.id, activityParticipants.activityId))
      .leftJoin(users, eq(users.id, activityParticipants.userId))
      .where(within)
      .orderBy(asc(activityParticipants.id)),
    db
      .select({ activityId: activityCompanies.activityId, name: activityCompanies.name, companyId: shownCompany })
      .from(activityCompanies)
      .innerJoin(activities, eq(activities.id, activityCompanies.activityId))
      .leftJoin(companies, eq(companies.id, activityCompanies.companyId))
      .where(within)
      .orderBy(asc(activityCompanies.id)),
    db
      .select({
        activityId: activityProjects.activityId,
        projectId: activityProjects.projectId,
        name: projects.name,
        link: activityProjects.link,
      })
      .from(activityProjects)
      .innerJoin(activities, eq(activities.id, activityProjects.activityId))
      .innerJoin(projects, eq(projects.id, activityProjects.projectId))
      .where(and(within, inScope(scope, projects.sourceFundId)))
      .orderBy(asc(activityProjects.id)),
  ]);
  const drop = <T extends { activityId: number }>({ activityId: _, ...rest }: T) => rest;
  return {
    participants: groupBy(people, (p) => p.activityId, drop),
    companies: groupBy(met, (m) => m.activityId, drop),
    projects: groupBy(linked, (l) => l.activityId, drop),
  };
}

/**
 * Activities with their children: one statement for the activities and three for their children. In id order after
 * the slice's `after`; newest first (`newest`), below `after` when it is not 0 (the pages list the latest first).
 */
async function activitiesWith(db: Db, scope: Scope, conds: (SQL | undefined)[], s: Slice, newest = false) {
  const rows = await db
    .select()
    .from(activities)
    .where(and(...conds, newest ? (s.after ? lt(activities.id, s.after) : undefined) : gt(activities.id, s.after)))
    .orderBy(newest ? desc(activities.id) : asc(activities.id))
    .limit(s.take);
  const ids = rows.map((a) => a.id);
  if (ids.length === 0) return [];
  const c = await childrenOf(db, scope, conds, Math.min(...ids), Math.max(...ids));
  return rows.map((a) =>
    activityJson(a, {
      participants: c.participants.get(a.id) ?? [],
      companies: c.companies.get(a.id) ?? [],
      projects: c.projects.get(a.id) ?? [],
    }),
  );
}

/**
 * A page of the activities the scope sees that meet the filters: by id (GET /api/activities), or newest first (the
 * /activities page, whose cursor is the last id shown).
 */
export const activityList = (db: Db, scope: Scope, q: Partial<ActivityFilters>, s: Slice, newest = false) =>
  activitiesWith(db, scope, activityWhere(scope, q), s, newest);

/** One activity; null when it does not exist or the scope does not see it. */
export async function activityRecord(db: Db, scope: Scope, activityId: number) {
  const [a] = await activitiesWith(db, scope, [inScope(scope, activities.fundId), eq(activities.id, activityId)], {
    after: 0,
    take: 1,
  });
  return a ?? null;
}

/** The people a form offers as participants: every user not revoked, by display name. */
export const participantChoices = (db: Db) =>
  db
    .select({ id: users.id, name: userNameSql })
    .from(users)
    .where(isNull(users.revokedAt))
    .orderBy(asc(users.id))
    .limit(5_000);

/** The projects a form offers to link: those the scope sees, the newest first, not rejected. */
export const projectChoices = (db: Db, scope: Scope) =>
  db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(and(inScope(scope, projects.sourceFundId), ne(projects.status, 'rejected')))
    .orderBy(desc(projects.id))
    .limit(1_000);

/**
 * The unit a new activity of this user most likely belongs to: that of its last activity, else (a manager) its first
 * fund's home unit; null when neither is known.
 */
export async function usualUnit(db: Db, user: { id: number; fundIds: number[] }): Promise<number | null> {
  const [last] = await db
    .select({ unitId: activities.unitId })
    .from(activities)
    .where(eq(activities.updatedBy, user.id))
    .orderBy(desc(activities.id))
    .limit(1);
  if (last) return last.unitId;
  const first = user.fundIds[0];
  if (first === undefined) return null;
  const [home] = await db.select({ unitId: funds.homeUnitId }).from(funds).where(eq(funds.id, first));
  return home?.unitId ?? null;
}
