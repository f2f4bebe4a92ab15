// The one place the pages get their data from. Each page's data has a type here and one function that loads it,
// over the records and figures of data-types.ts; the page components only take these as props. The functions read
// what the API reads, through the same plain functions (src/queries/: the read model for figures, records.ts and
// projects.ts for records) within the visitor's scope, which the page loaded once with its session; a record the
// visitor may not see is the same 404 as a missing one.
import { z } from 'zod';
import { reviewStatuses, sourceTypes, projectStages } from '../domain/vocabulary';
import { ApiError } from '../errors';
import { fundMetrics, fundReport } from '../queries/funds';
import { pipelineReport } from '../queries/pipeline';
import {
  confirmedArrivalsOf,
  projectListArrived as projectRows,
  projectRecordAndOwners,
  projectWhere,
  type DrivingInvestment,
} from '../queries/projects';
import { groupBy } from '../domain/groups';
import { fenToYuan } from '../domain/money';
import { projectPlanPage, type Assignable } from '../queries/nodes';
import { myWork, type MyWork } from '../queries/work';
import { defaultHorizonDays } from '../domain/nodes';
import type { Answer } from '../http/answers';
import { fundName } from '../queries/names';
import { filesOfPending, filesOfProject, type NamedFile } from '../queries/files';
import {
  mergedCompanies,
  pendingArrivals,
  suspectedDuplicates,
  type MergedCompany,
  type PendingArrival,
  type SuspectGroup,
} from '../queries/review';
import {
  auditEntries,
  namedCreditList,
  fundInvestments,
  fundList,
  fundRecord,
  fundRecords,
  unitList,
} from '../queries/records';
import { sees } from '../queries/trees';
import { id, isoDate, listQuery } from '../validation';
import { page } from '../http/responses';
import { readContext } from '../queries/read-context';
import type {
  Page,
  FundRef,
  UnitRef,
  FundDetail,
  FundFigures,
  Pipeline,
  ProjectItem,
  ProjectDetail,
  Investment,
  Credit,
  AuditEntry,
} from './data-types';

// ---- what the pages accept -----------------------------------------------------------------------------------

/** `?asOf=` of the cockpit and the fund page; absent means today. */
export const asOfQuery = z.object({ asOf: isoDate.optional() });

/** The filters of the project list: the same values GET /api/projects takes. */
export const projectFilters = z.object({
  fundId: id.optional(),
  stage: z.enum(projectStages).optional(),
  status: z.enum(reviewStatuses).optional(),
  chain: z.string().trim().max(50, '产业链不能超过 50 个字符').optional(),
  sourceType: z.enum(sourceTypes).optional(),
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
  cursor: listQuery.shape.cursor,
});
export type ProjectFilters = z.output<typeof projectFilters>;

// ---- reading -------------------------------------------------------------------------------------------------

/** What a page shows for a record that does not exist or that the visitor may not see: the same 404 for both. */
export const missing = () => new ApiError('not_found', '您要查看的记录不存在，或您无权查看。');
const found = <T>(record: T | null): T => {
  if (record === null) throw missing();
  return record;
};

/** The first 500 records of a list, as the pages' tables show them. */
const first500 = { after: 0, take: 500 };
/**
 * What a form's fund and unit pickers offer: every one the visitor sees, up to 5,000 (a province has about 2,000
 * funds and 300 units; a picker that stopped at 500 left the rest impossible to choose on a form).
 */
const pickable = { after: 0, take: 5_000 };
const allFunds = (c: Page): Promise<FundRef[]> => fundList(c.var.db, c.var.scope, {}, pickable);
const allUnits = (c: Page): Promise<UnitRef[]> => unitList(c.var.db, pickable);
const projectsWhere = (c: Page, filters: Parameters<typeof projectWhere>[1]) =>
  projectRows(c.var.db, projectWhere(c.var.scope, filters), first500) as Promise<ProjectItem[]>;

// ---- one function per page -----------------------------------------------------------------------------------

export interface CockpitData {
  asOf: string;
  funds: FundFigures[];
  pipeline: Pipeline;
}
export async function cockpitData(c: Page, asOf: string): Promise<CockpitData> {
  const ctx = readContext(c, { asOf });
  const [funds, pipeline] = await Promise.all([fundReport(ctx), pipelineReport(ctx)]);
  return { asOf, funds, pipeline };
}

export interface FundPageData {
  asOf: string;
  fund: FundDetail;
  /** The fund's parent when the visitor sees it (a manager's own fund's parent is outside its families: not named). */
  parent: UnitRef | null;
  metrics: FundFigures;
  investments: Investment[];
  projects: ProjectItem[];
}
export async function fundData(c: Page, fundId: number, asOf: string): Promise<FundPageData> {
  if (!sees(c.var.scope, fundId)) throw missing();
  const [fund, metrics, investments, projects] = await Promise.all([
    fundRecord(c.var.db, c.var.scope, fundId),
    fundMetrics(readContext(c, { asOf }), fundId),
    fundInvestments(c.var.db, fundId, first500),
    projectsWhere(c, { fundId }),
  ]);
  const record = found(fund);
  const parentId = record.parentId;
  const name = parentId !== null && sees(c.var.scope, parentId) ? await fundName(c.var.db, parentId) : null;
  const parent = parentId !== null && name !== null ? { id: parentId, name } : null;
  return { asOf, fund: record, parent, metrics: found(metrics), investments, projects };
}

export interface ProjectListData {
  filters: ProjectFilters;
  projects: ProjectItem[];
  nextCursor: string | null;
  funds: FundRef[];
}
export async function projectList(c: Page, filters: ProjectFilters): Promise<ProjectListData> {
  if (filters.fundId && !sees(c.var.scope, filters.fundId)) throw missing();
  const conds = projectWhere(c.var.scope, filters);
  const [list, funds] = await Promise.all([
    page(
      { limit: 100, cursor: filters.cursor },
      (after, take) => projectRows(c.var.db, conds, { after, take }),
      (p) => p as ProjectItem,
    ),
    allFunds(c),
  ]);
  return { filters, projects: list.items, nextCursor: list.nextCursor, funds };
}

/** One confirmed arrival as the ledger prints it. */
export interface LedgerArrival {
  on: string;
  /** 元. */
  amount: string;
  kind: string;
  currency: string | null;
  originalAmount: string | null;
}
export interface LedgerData {
  filters: ProjectFilters;
  projects: (ProjectItem & { reached: Record<string, string | null>; arrivals: LedgerArrival[] })[];
  nextCursor: string | null;
  funds: FundRef[];
  units: UnitRef[];
  asOf: string;
}
/** How many projects one printed ledger holds (then 下一页, as /projects pages by 100). */
export const LEDGER_ROWS = 500;
/**
 * 项目台账 for printing: the projects of /projects' filters, a page of up to LEDGER_ROWS, each with its confirmed
 * arrivals. Four statements whatever the page holds (funds, units, the projects, their arrivals by id range).
 */
export async function ledgerData(c: Page, filters: ProjectFilters): Promise<LedgerData> {
  if (filters.fundId && !sees(c.var.scope, filters.fundId)) throw missing();
  const conds = projectWhere(c.var.scope, filters);
  const [list, funds, units] = await Promise.all([
    page(
      { limit: LEDGER_ROWS, cursor: filters.cursor },
      (after, take) => projectRows(c.var.db, conds, { after, take }),
      (p) => p,
    ),
    allFunds(c),
    allUnits(c),
  ]);
  const [first, last] = [list.items[0]?.id, list.items.at(-1)?.id];
  const money =
    first === undefined || last === undefined ? [] : await confirmedArrivalsOf(c.var.db, conds, first, last);
  const byProject = groupBy(money, (a) => a.projectId);
  return {
    filters,
    projects: list.items.map((p) => ({
      ...(p as ProjectItem),
      reached: p.reached,
      arrivals: (byProject.get(p.id) ?? []).map((a) => ({
        on: a.on,
        amount: fenToYuan(a.amountFen),
        kind: a.kind,
        currency: a.currency,
        originalAmount: a.originalAmount,
      })),
    })),
    nextCursor: list.nextCursor,
    funds,
    units,
    asOf: c.var.today,
  };
}

export interface ProjectPageData {
  project: ProjectDetail;
  units: UnitRef[];
  funds: FundRef[];
  /** The change history, for staff only (null for other roles). */
  history: AuditEntry[] | null;
  /** The evidence files of the project, its arrivals and its milestones. */
  files: NamedFile[];
  /** 对接人, 包挂领导, 专班成员: current first, then those who left. */
  owners: Answer<'Owner'>[];
  /** The driving investment, named, when the visitor sees its fund. */
  investment: DrivingInvestment | null;
  /** The 推进节点计划 as of today (h = 14). */
  nodes: Answer<'Node'>[];
  /** The templates a writer may apply (none for a leader). */
  templates: { id: number; name: string }[];
  /** The active users staff may make owners (none for other roles). */
  people: Assignable[];
}
export async function projectData(c: Page, projectId: number, staff: boolean): Promise<ProjectPageData> {
  const view = { asOf: c.var.today, horizonDays: defaultHorizonDays };
  const writer = c.var.user.role !== 'leader';
  const [found1, units, funds, history, files] = await Promise.all([
    projectRecordAndOwners(c.var.db, c.var.scope, projectId),
    allUnits(c),
    allFunds(c),
    staff ? auditEntries(c.var.db, { entity: 'projects', id: projectId }, first500) : null,
    filesOfProject(c.var.db, projectId),
  ]);
  // The files are read with the project (one round trip), shown only once the project is known to be visible.
  const { record, ownerHistory, investment } = found(found1);
  const { registered, started, completed, producing } = record.reached;
  const plan = await projectPlanPage(c.var.db, projectId, { registered, started, completed, producing }, view, {
    templates: writer,
    users: staff,
  });
  return {
    project: record as ProjectDetail,
    units,
    funds,
    history,
    files,
    owners: ownerHistory,
    investment,
    nodes: plan.nodes,
    templates: plan.templates,
    people: plan.users,
  };
}

export type MyWorkData = MyWork;
/** 我的工作: the visitor's own projects and requests, as GET /api/me/work answers them. */
export const myWorkData = (c: Page): Promise<MyWorkData> =>
  myWork(c.var.db, c.var.scope, c.var.user.id, { asOf: c.var.today, horizonDays: defaultHorizonDays });

export interface ReviewData {
  projects: ProjectItem[];
  arrivals: PendingArrival[];
  credits: Credit[];
  funds: FundRef[];
  /** The files of everything in the queue (the 银行回单 staff open before they confirm). */
  files: NamedFile[];
  /** 疑似重复: companies whose names differ only by legal form, spacing or punctuation, by group. */
  suspects: SuspectGroup[];
  /** Companies merged into another, which staff may un-merge. */
  merged: MergedCompany[];
}
export async function reviewData(c: Page): Promise<ReviewData> {
  const [projects, arrivals, credits, funds, files, suspects, merged] = await Promise.all([
    projectsWhere(c, { status: 'pending' }),
    pendingArrivals(c.var.db, c.var.scope, first500),
    namedCreditList(c.var.db, c.var.scope, { status: 'pending' }, first500),
    allFunds(c),
    filesOfPending(c.var.db),
    suspectedDuplicates(c.var.db),
    mergedCompanies(c.var.db),
  ]);
  return { projects, arrivals, credits, funds, files, suspects, merged };
}

export interface RecordsData {
  funds: FundDetail[];
  units: UnitRef[];
}
export async function recordsData(c: Page): Promise<RecordsData> {
  const [funds, units] = await Promise.all([fundRecords(c.var.db, c.var.scope, pickable), allUnits(c)]);
  return { funds, units };
}

/** The platform's name, as its pages sign: the 通报's 发文单位 when the platform has set none. */
export const PLATFORM_NAME = '投引 touyin';

/** The 通报's 发文单位 from the platform setting `bulletin.issuer` (null when unset): it trimmed, else the platform's name. */
export const issuerName = (value: string | null): string => value?.trim() || PLATFORM_NAME;
