import { Hono, type Context } from 'hono';
import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund, readers, seesFund, staffRoles } from '../auth';
import { atomic, touched, type Db } from '../db';
import {
  arrivalKinds,
  arrivals,
  chainActions,
  chainNodes,
  companies,
  funds,
  investments,
  milestones,
  milestoneStages,
  progressStages,
  projects as projectsTable,
  reviewStatuses,
  sourceTypes,
  type Role,
} from '../db/schema';
import type { AppEnv } from '../env';
import { ApiError, invalid, notFound, type Issue } from '../errors';
import { decimalString, id, idParam, isoDate, listQuery, money, optionalText, text, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../wire';
import { companyKey, companyNameKey, sameCompanyKeys } from '../domain/names';
import { companyInput } from '../http/company-input';
import { companyFor, seenCompanies } from '../records/companies';
import { assertUnitExists } from '../records/units';
import { arrivalJson, milestoneJson, projectJson, projectList, projectRecord, projectWhere, type ProjectFilters } from '../queries/projects';
import { relatedFundsOf } from '../queries/trees';

type ProjectRow = typeof projectsTable.$inferSelect;
type MilestoneRow = typeof milestones.$inferSelect;

/** The project, or the 404 that a missing project and another manager's project both answer. */
export async function visibleProject(c: Context<AppEnv>, projectId: number): Promise<ProjectRow> {
  const [row] = await c.var.db.select().from(projectsTable).where(eq(projectsTable.id, projectId));
  if (!row) throw notFound('项目', projectId);
  assertFund(c, row.sourceFundId, '项目', projectId);
  return row;
}

export const projectBody = z
  .object({
    name: text(200),
    companyId: id.optional(),
    company: companyInput.optional(),
    sourceType: z.enum(sourceTypes),
    sourceFundId: id.optional().nullable(),
    investmentId: id.optional().nullable(),
    introducer: optionalText(100),
    reportedOn: isoDate,
    plannedTotal: money,
    plannedFixedAsset: money.optional().nullable(),
    foreign: z.boolean().default(false),
    chain: optionalText(50),
    chainNode: z.enum(chainNodes).optional().nullable(),
    chainAction: z.enum(chainActions).optional().nullable(),
    introducingUnitId: id,
    landingUnitId: id,
  })
  .superRefine((b, ctx) => {
    if (b.companyId !== undefined && b.company !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['company'], message: 'companyId 与 company 只能提供其一' });
    }
    if (b.sourceType === 'fund' && !b.sourceFundId) {
      ctx.addIssue({ code: 'custom', path: ['sourceFundId'], message: '来源类型为基金招引（fund）时必须指定来源基金 sourceFundId' });
    }
    if (b.plannedFixedAsset != null && b.plannedFixedAsset > b.plannedTotal) {
      ctx.addIssue({ code: 'custom', path: ['plannedFixedAsset'], message: '计划固定资产投资不能大于计划总投资' });
    }
  });

export const projectListQuery = listQuery.extend({
  fundId: id.optional(),
  stage: z.enum([...milestoneStages, 'reported']).optional(),
  status: z.enum(reviewStatuses).optional(),
  chain: z.string().trim().max(50).optional(),
  sourceType: z.enum(sourceTypes).optional(),
  q: z.string().trim().max(100).optional(),
});

export const milestoneBody = z
  .object({ stage: z.enum(milestoneStages), on: isoDate, note: optionalText(500), reason: optionalText(500) })
  .superRefine((b, ctx) => {
    if (b.stage === 'dropped' && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '终止（dropped）必须填写原因 reason' });
  });

export const arrivalBody = z
  .object({
    amount: money,
    arrivedOn: isoDate,
    kind: z.enum(arrivalKinds),
    currency: z.string().trim().regex(/^[A-Z]{3}$/, '币种应为 3 位大写字母代码，如 USD').optional().nullable(),
    // An amount in the original currency (US$ 5,000,000 is common), not a multiple: up to 13 integer digits.
    originalAmount: z.string().trim().regex(/^(0|[1-9]\d{0,12})(\.\d{1,4})?$/, '原币金额应为非负数字字符串，最多 4 位小数，如 "5000000.00"').optional().nullable(),
    exchangeRate: decimalString.optional().nullable(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'fdi' && (!b.currency || !b.originalAmount)) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: '外资到资（fdi）须填写原币种 currency 与原币金额 originalAmount' });
    }
  });

export const futureArrival = (today: string) => `到资日期不能晚于今天（${today}）`;

/** Why an arrival dated `arrivedOn` is refused (409) for a project that reached 签约 on `signedOn`, or null. */
export function notSignedProblem(signedOn: string | null, arrivedOn: string): string | null {
  if (signedOn && signedOn <= arrivedOn) return null;
  return `在 ${arrivedOn} 尚未签约${signedOn ? `（签约日期 ${signedOn}）` : ''}，不能记录到资`;
}

/** The day a project reached 签约: its earliest current milestone of 签约 or any later stage (SPEC §4), as refreshReached() derives it. */
export function signedOnOf(current: { stage: string; on: string }[]): string | null {
  const later = new Set<string>(progressStages.slice(1));
  return current.filter((m) => later.has(m.stage)).reduce<string | null>((a, m) => (a === null || m.on < a ? m.on : a), null);
}

/**
 * Why recording milestone `m` is refused (409) for a project with these current milestones and this earliest
 * arrival, or null: a corrected 签约 (or later) date must not leave an arrival before signing, as notSignedProblem()
 * refuses an arrival before signing.
 */
export function signingAfterArrivalProblem(current: { stage: string; on: string }[], m: { stage: string; on: string }, earliest: { id: number; arrivedOn: string } | undefined): string | null {
  if (!earliest) return null;
  const signedOn = signedOnOf([...current.filter((c) => c.stage !== m.stage), m]);
  if (signedOn !== null && signedOn <= earliest.arrivedOn) return null;
  return `已有 ${earliest.arrivedOn} 的到资（到资 ${earliest.id}），签约日期${signedOn ? ` ${signedOn}` : ''}不能晚于到资日期；请先核对该笔到资`;
}

/** The insert of one arrival (到资). */
export function arrivalInsert(db: Db, projectId: number, a: z.output<typeof arrivalBody>, userId: number) {
  return db.insert(arrivals).values(arrivalValues(projectId, a, userId)).returning();
}

/** The row arrivalInsert() writes; the spreadsheet import inserts many in one statement. */
export const arrivalValues = (projectId: number, a: z.output<typeof arrivalBody>, userId: number) => ({
  projectId,
  amountFen: a.amount,
  arrivedOn: a.arrivedOn,
  kind: a.kind,
  currency: a.currency ?? (a.kind === 'fdi' ? null : 'CNY'),
  originalAmount: a.originalAmount ?? null,
  exchangeRate: a.exchangeRate ?? null,
  updatedBy: userId,
});

const reviewBody = z.object({ reason: optionalText(500) }).default({});

/**
 * The statement that re-derives the reached-stage dates of a project (by id), or of the projects a condition selects
 * (the spreadsheet import refreshes its new projects at once), from their current milestones.
 */
export function refreshReached(db: Db, which: number | SQL, userId: number) {
  const current = sql`${milestones.projectId} = ${projectsTable.id} and ${milestones.current} = 1`;
  const earliestFrom = (i: number) =>
    sql`(select min(${milestones.happenedOn}) from ${milestones} where ${current} and ${inArray(milestones.stage, progressStages.slice(i))})`;
  return db
    .update(projectsTable)
    .set({
      negotiatingOn: earliestFrom(0),
      signedOn: earliestFrom(1),
      registeredOn: earliestFrom(2),
      startedOn: earliestFrom(3),
      completedOn: earliestFrom(4),
      producingOn: earliestFrom(5),
      droppedOn: sql`(select max(${milestones.happenedOn}) from ${milestones} where ${current} and ${milestones.stage} = 'dropped')`,
      ...touched(projectsTable, userId),
    })
    .where(typeof which === 'number' ? eq(projectsTable.id, which) : which)
    .returning();
}

type MilestoneInput = { stage: MilestoneRow['stage']; on: string; note?: string | null; reason?: string | null };

/** The insert of one milestone entry, current for its stage. */
export function milestoneInsert(db: Db, projectId: number, m: MilestoneInput, userId: number) {
  return db.insert(milestones).values(milestoneValues(projectId, m, userId)).returning();
}

/** The row milestoneInsert() writes; the spreadsheet import inserts many in one statement. */
export const milestoneValues = (projectId: number, m: MilestoneInput, userId: number) => ({
  projectId,
  stage: m.stage,
  happenedOn: m.on,
  note: m.note ?? null,
  reason: m.reason ?? null,
  updatedBy: userId,
});

/** Why a milestone dated `on` is refused (400) for a project reported on `reportedOn`, or null. */
export function milestoneDateProblem(on: string, reportedOn: string, today: string): string | null {
  if (on < reportedOn) return `进展日期不能早于报送日期 ${reportedOn}`;
  if (on > today) return `进展日期不能晚于今天（${today}）`;
  return null;
}

/**
 * Records a milestone: a repeated stage is a correction (the earlier entry stays, no longer current), and the
 * project's reached dates follow, all in one atomic write.
 */
export function recordMilestone(db: Db, projectId: number, m: MilestoneInput, userId: number) {
  return atomic<unknown>(db, [
    db
      .update(milestones)
      .set({ current: false, ...touched(milestones, userId) })
      .where(and(eq(milestones.projectId, projectId), eq(milestones.stage, m.stage), eq(milestones.current, true)))
      .returning({ id: milestones.id }),
    milestoneInsert(db, projectId, m, userId),
    refreshReached(db, projectId, userId),
  ]);
}

/** A project that still holds its company's lead (首报): not rejected, not dropped. One per company key. */
export const activeLead = () => and(ne(projectsTable.status, 'rejected'), isNull(projectsTable.droppedOn));

/**
 * The active lead (首报) of this company, other than project `exceptId`, if one exists. A company given with its
 * credit code matches leads keyed by that code or by its name alone; a company known only by name matches every
 * lead whose company bears that name, coded or not.
 */
async function activeLeadOf(db: Db, co: { name: string; creditCode?: string | null }, exceptId = 0): Promise<ActiveLead | undefined> {
  const nameKey = companyNameKey(co.name);
  const same = co.creditCode
    ? inArray(projectsTable.companyKey, sameCompanyKeys(co))
    : or(
        eq(projectsTable.companyKey, companyKey(co)),
        sql`${projectsTable.companyId} in (select ${companies.id} from ${companies} where ${companies.nameKey} = ${nameKey})`,
      );
  const [row] = await db
    .select({ id: projectsTable.id, sourceFundId: projectsTable.sourceFundId })
    .from(projectsTable)
    .where(and(same, activeLead(), ne(projectsTable.id, exceptId)))
    .orderBy(projectsTable.id)
    .limit(1);
  return row;
}

/** The project that holds a company's lead, as much of it as decides who may learn of it. */
export type ActiveLead = { id: number; sourceFundId: number | null };

/** What a caller who may not see the project holding a company's lead learns of it: that it exists, nothing more. */
export const reportedElsewhere = '该企业已由其他单位报送';

/**
 * The 409 of a lead whose company already has an active lead. The project's id (`existingId`) and number go only
 * to a caller who may see that project (`sees`); anyone else learns only that another unit reported the company.
 */
export const duplicateLead = (existing: ActiveLead, sees: boolean) =>
  sees
    ? new ApiError('conflict', `该企业已有在办项目（项目编号 ${existing.id}），按首报原则归属首报单位，不能重复报送`, undefined, { existingId: existing.id })
    : new ApiError('conflict', reportedElsewhere);

async function review(c: Context<AppEnv>, projectId: number, to: 'confirmed' | 'rejected', reason: string | null) {
  const p = await visibleProject(c, projectId);
  const expected = ifMatchVersion(c);
  if (p.status === to) throw new ApiError('conflict', `项目 ${projectId} 已是${to === 'confirmed' ? '已认定' : '已退回'}状态`);
  if (to === 'confirmed' && p.companyKey && !p.droppedOn) {
    const [co] = p.companyId ? await c.var.db.select().from(companies).where(eq(companies.id, p.companyId)) : [];
    const other = co ? await activeLeadOf(c.var.db, co, p.id) : undefined;
    if (other) throw duplicateLead(other, seesFund(c, other.sourceFundId));
  }
  const [row] = await c.var.db
    .update(projectsTable)
    .set({
      status: to,
      statusReason: reason,
      ...touched(projectsTable, c.var.user.id),
    })
    .where(and(eq(projectsTable.id, p.id), eq(projectsTable.version, expected ?? p.version)))
    .returning();
  if (!row) throw new ApiError('precondition_failed', `项目 ${projectId} 已被他人修改，请刷新后重试`);
  const [co] = row.companyId ? await c.var.db.select().from(companies).where(eq(companies.id, row.companyId)) : [];
  return withEtag(c, projectJson(row, co));
}

/** The filters of GET /api/projects (and of its spreadsheet export) as conditions, after the 404 of a fund the caller may not see. */
export function projectConditions(c: Context<AppEnv>, q: ProjectFilters): (SQL | undefined)[] {
  if (q.fundId) assertFund(c, q.fundId);
  return projectWhere(c.var.scope, q);
}

/** The rules POST /api/projects applies beyond its schema that need no database: 400 issues, in the order checked. */
export function projectRuleIssues(body: { reportedOn: string; sourceFundId?: number | null }, today: string, role: Role): Issue[] {
  const issues: Issue[] = [];
  if (body.reportedOn > today) issues.push({ path: 'reportedOn', message: `报送日期不能晚于今天（${today}）` });
  if (role === 'manager' && !body.sourceFundId) issues.push({ path: 'sourceFundId', message: '基金管理人报送项目须指定本基金为来源基金 sourceFundId' });
  return issues;
}

/**
 * Whether an investment of `investmentFundId` may drive a lead of `sourceFundId`: one fund is in the other's family.
 * `related` is relatedFundsOf() read for the investment funds.
 */
export function investmentRelated(related: Map<number, Set<number>>, sourceFundId: number | null | undefined, investmentFundId: number): boolean {
  if (sourceFundId === null || sourceFundId === undefined) return false;
  return related.get(investmentFundId)?.has(sourceFundId) ?? false;
}
export const unrelatedInvestment = (investmentId: number) => `投资 ${investmentId} 不属于来源基金或其上下级基金，不能作为驱动投资`;

export type ProjectBody = z.output<typeof projectBody>;

/** The insert of a new project; `companyId` may be SQL (the last_insert_rowid() of a company inserted just before). */
export function projectInsert(db: Db, body: ProjectBody, to: NewProject) {
  return db.insert(projectsTable).values(projectValues(body, to)).returning();
}

type NewProject = { companyId: number | SQL | null; companyKey: string | null; status: 'pending' | 'confirmed'; userId: number };

/** The row projectInsert() writes; the spreadsheet import inserts many in one statement. */
export const projectValues = (body: ProjectBody, to: NewProject) => ({
  name: body.name,
  companyId: to.companyId,
  companyKey: to.companyKey,
  sourceType: body.sourceType,
  sourceFundId: body.sourceFundId ?? null,
  investmentId: body.investmentId ?? null,
  introducer: body.introducer ?? null,
  reportedOn: body.reportedOn,
  plannedTotalFen: body.plannedTotal,
  plannedFixedAssetFen: body.plannedFixedAsset ?? null,
  foreign: body.foreign,
  chain: body.chain ?? null,
  chainNode: body.chainNode ?? null,
  chainAction: body.chainAction ?? null,
  introducingUnitId: body.introducingUnitId,
  landingUnitId: body.landingUnitId,
  status: to.status,
  updatedBy: to.userId,
});

export const projects = new Hono<AppEnv>()
  .post('/projects', allow('admin', 'staff', 'manager'), validate('json', projectBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.var.db;
    const user = c.var.user;
    const [rule] = projectRuleIssues(body, c.var.today, user.role);
    if (rule) throw invalid(rule.path, rule.message);
    if (body.sourceFundId) {
      assertFund(c, body.sourceFundId);
      const [f] = await db.select({ id: funds.id }).from(funds).where(eq(funds.id, body.sourceFundId));
      if (!f) throw notFound('基金', body.sourceFundId);
    }
    if (body.investmentId) {
      const [inv] = await db.select().from(investments).where(eq(investments.id, body.investmentId));
      if (!inv || !c.var.scope.all && !c.var.scope.funds.has(inv.fundId)) throw notFound('投资', body.investmentId);
      if (!investmentRelated(await relatedFundsOf(db, [inv.fundId]), body.sourceFundId, inv.fundId)) throw invalid('investmentId', unrelatedInvestment(inv.id));
    }
    if (body.companyId !== undefined && !(await seenCompanies(db, c.var.scope, [body.companyId])).has(body.companyId)) {
      // A manager may name by id only a company its funds already touch; any other is as missing as a wrong id.
      throw notFound('企业', body.companyId);
    }
    await assertUnitExists(db, body.introducingUnitId, '单位', 'introducingUnitId');
    await assertUnitExists(db, body.landingUnitId, '单位', 'landingUnitId');

    const hasCompany = body.companyId !== undefined || body.company !== undefined;
    const company = hasCompany ? await companyFor(db, user.id, body) : null;
    const named = company ? (company.existing ?? body.company!) : null;
    const key = named ? companyKey(named) : null;
    const refuseDuplicate = async () => {
      const existing = named ? await activeLeadOf(db, named) : undefined;
      if (existing) throw duplicateLead(existing, seesFund(c, existing.sourceFundId));
    };
    await refuseDuplicate();
    // A manager who names (by name or code) a company registered outside its funds' data links its lead to that
    // company but is answered with what it sent: the registered name and code are not its to read.
    const hidden = company?.existing && body.company && !(await seenCompanies(db, c.var.scope, [company.existing.id])).has(company.existing.id);
    const insert = projectInsert(db, body, {
      companyId: company ? (company.existing ? company.existing.id : sql`last_insert_rowid()`) : null,
      companyKey: key,
      status: user.role === 'manager' ? 'pending' : 'confirmed',
      userId: user.id,
    });
    let results: ProjectRow[][];
    try {
      results = await atomic<ProjectRow>(db, company?.insert ? [company.insert, insert] : [insert]);
    } catch (err) {
      await refuseDuplicate();
      throw err;
    }
    const row = results.at(-1)![0]!;
    const co = hidden
      ? { name: body.company!.name, creditCode: body.company!.creditCode ?? null }
      : (company?.existing ?? (company?.insert ? (results[0]![0] as unknown as { name: string; creditCode: string | null }) : null));
    return withEtag(c, { ...projectJson(row, co), milestones: [], arrivals: [] }, 201);
  })
  .get('/projects', allow(...readers), validate('query', projectListQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.db;
    const conds = projectConditions(c, q);
    return c.json(await page(q, (after, take) => projectList(db, conds, { after, take }), (p) => p));
  })
  .get('/projects/:id', allow(...readers), validate('param', idParam), async (c) => {
    const projectId = c.req.valid('param').id;
    const p = await projectRecord(c.var.db, c.var.scope, projectId);
    if (!p) throw notFound('项目', projectId);
    return withEtag(c, p);
  })
  .post('/projects/:id/milestones', allow('admin', 'staff', 'manager'), validate('param', idParam), validate('json', milestoneBody), async (c) => {
    const p = await visibleProject(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    if (p.status === 'rejected') throw new ApiError('conflict', `项目 ${p.id} 已被退回，不能再记录进展`);
    const dateProblem = milestoneDateProblem(body.on, p.reportedOn, c.var.today);
    if (dateProblem) throw invalid('on', dateProblem);
    const current = await c.var.db
      .select({ stage: milestones.stage, on: milestones.happenedOn })
      .from(milestones)
      .where(and(eq(milestones.projectId, p.id), eq(milestones.current, true)));
    const [earliest] = await c.var.db
      .select({ id: arrivals.id, arrivedOn: arrivals.arrivedOn })
      .from(arrivals)
      .where(eq(arrivals.projectId, p.id))
      .orderBy(asc(arrivals.arrivedOn), asc(arrivals.id))
      .limit(1);
    const afterArrival = signingAfterArrivalProblem(current, body, earliest);
    if (afterArrival) throw new ApiError('conflict', `项目 ${p.id} ${afterArrival}`);
    const [, inserted] = await recordMilestone(c.var.db, p.id, body, c.var.user.id);
    return withEtag(c, milestoneJson((inserted as MilestoneRow[])[0]!), 201);
  })
  .post('/projects/:id/arrivals', allow('admin', 'staff', 'manager'), validate('param', idParam), validate('json', arrivalBody), async (c) => {
    const p = await visibleProject(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    if (p.status === 'rejected') throw new ApiError('conflict', `项目 ${p.id} 已被退回，不能再记录到资`);
    if (body.arrivedOn > c.var.today) throw invalid('arrivedOn', futureArrival(c.var.today));
    const notSigned = notSignedProblem(p.signedOn, body.arrivedOn);
    if (notSigned) throw new ApiError('conflict', `项目 ${p.id} ${notSigned}`);
    const [row] = await arrivalInsert(c.var.db, p.id, body, c.var.user.id);
    return withEtag(c, arrivalJson(row!), 201);
  })
  .post('/projects/:id/confirm', allow(...staffRoles), validate('param', idParam), validate('json', reviewBody), async (c) =>
    review(c, c.req.valid('param').id, 'confirmed', c.req.valid('json').reason ?? null),
  )
  .post('/projects/:id/reject', allow(...staffRoles), validate('param', idParam), validate('json', reviewBody), async (c) =>
    review(c, c.req.valid('param').id, 'rejected', c.req.valid('json').reason ?? null),
  );

