// What the 企业诉求 pages read (SPEC §9): the list with its filters, one request with its history and files, the form
// that raises one, a project's requests and the platform settings — through the same queries the API calls, within
// the visitor's scope; a request the visitor may not see is the same 404 page as a missing one.
import type { Context } from 'hono';
import { z } from 'zod';
import { requestCategories, requestStatuses } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { filesOfRequest, type NamedFile } from '../queries/files';
import { projectListArrived, projectWhere } from '../queries/projects';
import { companyRefs, unitList } from '../queries/records';
import { requestHandlers, requestList, requestRecord, type RequestDetail, type RequestItem } from '../queries/requests';
import { readSettings, type Settings } from '../queries/settings';
import { sees } from '../queries/trees';
import { id, listQuery } from '../validation';
import { page } from '../http/responses';
import { missing } from './data';
import type { UnitRef } from './data-types';

type Page = Context<AppEnv>;

/** The /requests page's filters: the values GET /api/requests takes; `overdue=1` lists only the overdue. */
export const requestPageFilters = z.object({
  status: z.enum(requestStatuses).optional(),
  category: z.enum(requestCategories).optional(),
  unitId: id.optional(),
  assigneeId: id.optional(),
  overdue: z.enum(['1'], { error: '超期 应为 1' }).optional(),
  cursor: listQuery.shape.cursor,
});
export type RequestPageFilters = z.output<typeof requestPageFilters>;

/** Names of the platform's handlers (承办人) and of every unit, for the pickers. */
const pickable = { after: 0, take: 5_000 };

export interface RequestListData {
  filters: RequestPageFilters;
  items: RequestItem[];
  nextCursor: string | null;
  units: UnitRef[];
  handlers: UnitRef[];
  today: string;
  /** Whether the visitor may raise a request (not a leader). */
  raises: boolean;
}
export async function requestListData(c: Page, filters: RequestPageFilters): Promise<RequestListData> {
  const today = c.var.today;
  const q = { ...filters, overdue: filters.overdue ? true : undefined };
  const [list, units, handlers] = await Promise.all([
    page(
      { limit: 100, cursor: filters.cursor },
      (after, take) => requestList(c.var.db, c.var.scope, q, today, { after, take }),
      (r) => r,
    ),
    unitList(c.var.db, pickable),
    requestHandlers(c.var.db),
  ]);
  return {
    filters,
    items: list.items,
    nextCursor: list.nextCursor,
    units,
    handlers,
    today,
    raises: c.var.user.role !== 'leader',
  };
}

export interface RequestPageData {
  request: RequestDetail;
  files: NamedFile[];
  today: string;
}
export async function requestPageData(c: Page, requestId: number): Promise<RequestPageData> {
  const [request, files] = await Promise.all([
    requestRecord(c.var.db, c.var.scope, requestId, c.var.today),
    filesOfRequest(c.var.db, requestId),
  ]);
  if (!request) throw missing();
  return { request, files, today: c.var.today };
}

/** A project the form may raise a request for: its name, company and landing unit (the default 责任单位). */
export interface RequestProject {
  id: number;
  name: string;
  companyName: string | null;
  landingUnitId: number | null;
}
export interface RequestFormData {
  projects: RequestProject[];
  /** The project the form was opened from (the project page's 提出诉求), when the visitor sees it. */
  projectId: number | null;
  units: UnitRef[];
  handlers: UnitRef[];
  /** Staff only: the companies a request without a project may concern (empty for a manager). */
  companies: { id: number; name: string; creditCode: string | null }[];
  settings: Settings;
  today: string;
  staff: boolean;
}
export async function requestFormData(c: Page, projectId: number | undefined): Promise<RequestFormData> {
  const role = c.var.user.role;
  const staff = role === 'admin' || role === 'staff';
  const [projects, units, handlers, settings, companyList] = await Promise.all([
    // A manager raises requests for its funds' projects only: the picker offers those (confirmed or pending).
    projectListArrived(c.var.db, projectWhere(c.var.scope, {}), pickable),
    unitList(c.var.db, pickable),
    requestHandlers(c.var.db),
    readSettings(c.var.db),
    staff ? companyRefs(c.var.db, pickable) : Promise.resolve([]),
  ]);
  const chosen = projectId !== undefined ? projects.find((p) => p.id === projectId) : undefined;
  if (projectId !== undefined && (!chosen || !sees(c.var.scope, chosen.sourceFundId ?? null))) throw missing();
  return {
    projects: projects
      .filter((p) => p.status !== 'rejected')
      .map((p) => ({ id: p.id, name: p.name, companyName: p.company?.name ?? null, landingUnitId: p.landingUnitId })),
    projectId: chosen?.id ?? null,
    units,
    handlers,
    companies: companyList.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    settings,
    today: c.var.today,
    staff,
  };
}

/** A project's requests, for its page's 企业诉求 card (overdue as of today). One statement. */
export const projectRequests = (c: Page, projectId: number): Promise<RequestItem[]> =>
  requestList(c.var.db, c.var.scope, { projectId }, c.var.today, { after: 0, take: 500 });

/** The platform settings, for the staff's settings card. */
export const settingsData = (c: Page): Promise<Settings> => readSettings(c.var.db);
