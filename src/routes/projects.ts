import { Hono, type Context } from 'hono';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund, seesFund } from '../auth';
import { readerRoles, staffRoles, writerRoles } from '../domain/vocabulary';
import { atomic, touched } from '../db';
import { arrivals, companies, funds, milestones, projects as projectsTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { idParam, optionalText, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { insertCompany } from '../records/companies';
import { assertUnitExists } from '../records/units';
import { arrivalJson, milestoneJson, projectJson, projectList, projectRecord } from '../queries/projects';
import {
  futureArrival,
  milestoneDateProblem,
  notSignedProblem,
  projectRuleIssues,
  signingAfterArrivalProblem,
} from '../domain/projects';
import { arrivalBody, milestoneBody, projectBody, projectListQuery } from '../http/project-input';
import { activeLeadOf, duplicateLead, planLeads } from '../records/leads';
import { arrivalInsert, projectConditions, projectInsert, recordMilestone, visibleProject } from '../records/projects';
import { answered } from '../idempotency';

type ProjectRow = typeof projectsTable.$inferSelect;

const reviewBody = z.object({ reason: optionalText(500) }).default({});

/** Changes a project's review status to 认定 (confirmed) or 退回 (rejected), refusing a confirmation that would give its company a second active lead. */
async function changeStatus(
  c: Context<AppEnv>,
  projectId: number,
  to: 'confirmed' | 'rejected',
  reason: string | null,
) {
  const p = await visibleProject(c, projectId);
  const expected = ifMatchVersion(c);
  if (p.status === to)
    throw new ApiError('conflict', `项目 ${projectId} 已是${to === 'confirmed' ? '已认定' : '已退回'}状态`);
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

export const projects = new Hono<AppEnv>()
  .post('/projects', allow(...writerRoles), validate('json', projectBody), async (c) => {
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
    await assertUnitExists(db, body.introducingUnitId, '单位', 'introducingUnitId');
    await assertUnitExists(db, body.landingUnitId, '单位', 'landingUnitId');
    await assertUnitExists(db, body.company?.unitId);

    const leadRules = async () => {
      const [plan] = await planLeads(c.var, [body]);
      const problem = plan!.problems[0];
      if (problem && 'error' in problem) throw problem.error;
      return plan!.company;
    };
    const company = await leadRules();
    const insert = projectInsert(db, body, {
      companyId: company ? (company.existing ? company.existing.id : sql`last_insert_rowid()`) : null,
      companyKey: company?.key ?? null,
      status: user.role === 'manager' ? 'pending' : 'confirmed',
      userId: user.id,
    });
    const companyInsert = company?.isNew ? insertCompany(db, company.input!, user.id) : null;
    let row: ProjectRow;
    let inserted: { name: string; creditCode: string | null } | null = null;
    try {
      if (companyInsert) {
        const [companyRows, projectRows] = await atomic(db, [companyInsert, insert]);
        [inserted, row] = [companyRows[0]!, projectRows[0]!];
      } else row = (await atomic(db, [insert]))[0][0]!;
    } catch (err) {
      // Someone reported the same company meanwhile: the unique index refused the write; answer its 409.
      await leadRules();
      throw err;
    }
    // A manager who names (by name or code) a company registered outside its funds' data links its lead to that
    // company but is answered with what it sent: the registered name and code are not its to read.
    const co = company?.unseen
      ? { name: body.company!.name, creditCode: body.company!.creditCode ?? null }
      : (company?.existing ?? inserted);
    return withEtag(c, { ...projectJson(row, co), milestones: [], arrivals: [], owners: [] }, 201);
  })
  .get('/projects', allow(...readerRoles), validate('query', projectListQuery), async (c) => {
    const q = c.req.valid('query');
    const db = c.var.db;
    const conds = projectConditions(c, q);
    return c.json(
      await page(
        q,
        (after, take) => projectList(db, conds, { after, take }),
        (p) => p,
      ),
    );
  })
  .get('/projects/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const projectId = c.req.valid('param').id;
    const p = await projectRecord(c.var.db, c.var.scope, projectId);
    if (!p) throw notFound('项目', projectId);
    return withEtag(c, p);
  })
  .post(
    '/projects/:id/milestones',
    allow(...writerRoles),
    validate('param', idParam),
    validate('json', milestoneBody),
    async (c) => {
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
        .where(and(eq(arrivals.projectId, p.id), ne(arrivals.status, 'rejected')))
        .orderBy(asc(arrivals.arrivedOn), asc(arrivals.id))
        .limit(1);
      const afterArrival = signingAfterArrivalProblem(current, body, earliest);
      if (afterArrival) throw new ApiError('conflict', `项目 ${p.id} ${afterArrival}`);
      const [, inserted] = await recordMilestone(c.var.db, p.id, body, c.var.user.id);
      return withEtag(c, milestoneJson(inserted[0]!), 201);
    },
  )
  .post(
    '/projects/:id/arrivals',
    allow(...writerRoles),
    validate('param', idParam),
    validate('json', arrivalBody),
    async (c) => {
      const p = await visibleProject(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      if (p.status === 'rejected') throw new ApiError('conflict', `项目 ${p.id} 已被退回，不能再记录到资`);
      if (body.arrivedOn > c.var.today) throw invalid('arrivedOn', futureArrival(c.var.today));
      const notSigned = notSignedProblem(p.signedOn, body.arrivedOn);
      if (notSigned) throw new ApiError('conflict', `项目 ${p.id} ${notSigned}`);
      const arrival = await answered(
        c,
        [arrivalInsert(c.var.db, p.id, body, { userId: c.var.user.id, role: c.var.user.role, today: c.var.today })],
        ([[row]]) => arrivalJson(row!),
      );
      return withEtag(c, arrival, 201);
    },
  )
  .post(
    '/projects/:id/confirm',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => changeStatus(c, c.req.valid('param').id, 'confirmed', c.req.valid('json').reason ?? null),
  )
  .post(
    '/projects/:id/reject',
    allow(...staffRoles),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => changeStatus(c, c.req.valid('param').id, 'rejected', c.req.valid('json').reason ?? null),
  );
