// The data of the 招商活动 pages: the list with its filters and the quick form's choices, read through the same
// functions as GET /api/activities within the visitor's scope.
import { z } from 'zod';
import { activityKinds } from '../domain/vocabulary';
import { monthWindow } from '../domain/assessment';
import type { Answer } from '../http/answers';
import { page } from '../http/responses';
import { activityList, participantChoices, projectChoices, usualUnit } from '../records/activities';
import { fundList, unitList } from '../queries/records';
import { sees } from '../queries/trees';
import { id, listQuery, month } from '../validation';
import { missing } from './data';
import type { FundRef, Page, UnitRef } from './data-types';

/** The filters of the /activities page: a unit (with its sub-units), a kind, a month. */
export const activitiesPageQuery = z.object({
  unitId: id.optional(),
  fundId: id.optional(),
  kind: z.enum(activityKinds).optional(),
  month: month.optional(),
  cursor: listQuery.shape.cursor,
});
export type ActivitiesPageQuery = z.output<typeof activitiesPageQuery>;

export type ActivityItem = Answer<'Activity'>;

/** What a page's unit and fund pickers offer (as many as a province holds). */
const pickable = { after: 0, take: 5_000 };

/** Activities listed on one page, the newest first. */
export const ACTIVITIES_ON_PAGE = 100;

export interface ActivitiesPageData {
  filters: ActivitiesPageQuery;
  activities: ActivityItem[];
  nextCursor: string | null;
  units: UnitRef[];
  funds: FundRef[];
}

export async function activitiesPageData(c: Page, q: ActivitiesPageQuery): Promise<ActivitiesPageData> {
  if (q.fundId && !sees(c.var.scope, q.fundId)) throw missing();
  const window = q.month ? monthWindow(q.month) : null;
  const filters = { unitId: q.unitId, fundId: q.fundId, kind: q.kind, from: window?.from, to: window?.to };
  const [list, units, funds] = await Promise.all([
    page(
      { limit: ACTIVITIES_ON_PAGE, cursor: q.cursor },
      (after, take) => activityList(c.var.db, c.var.scope, filters, { after, take }, true),
      (a) => a,
    ),
    unitList(c.var.db, pickable),
    fundList(c.var.db, c.var.scope, {}, pickable),
  ]);
  return { filters: q, activities: list.items, nextCursor: list.nextCursor, units, funds };
}

export interface ActivityFormData {
  units: UnitRef[];
  funds: FundRef[];
  users: UnitRef[];
  projects: UnitRef[];
  /** The unit the form starts at: the visitor's last activity's, else its fund's home unit, else the top unit. */
  unitId: number | null;
}

export async function activityFormData(c: Page): Promise<ActivityFormData> {
  const [units, funds, users, projects, usual] = await Promise.all([
    unitList(c.var.db, pickable),
    fundList(c.var.db, c.var.scope, {}, pickable),
    participantChoices(c.var.db),
    projectChoices(c.var.db, c.var.scope),
    usualUnit(c.var.db, c.var.user),
  ]);
  const top = units.find((u) => u.parentId === null) ?? units[0];
  return { units, funds, users, projects, unitId: usual ?? top?.id ?? null };
}
