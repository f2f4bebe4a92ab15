// Records read as the API answers them, by plain functions that the routes and the pages both call: lists of funds,
// units, a fund's investments, 返投 credits and audit entries, and a fund with its commitments. Each is one statement
// (a page of rows after a cursor id), within what the scope sees, binding no list of ids.
import { and, asc, eq, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import {
  auditLog,
  commitments,
  companies,
  contributions,
  funds,
  investments,
  projects,
  reinvestmentCredits,
  units,
  users,
} from '../db/schema';
import { type creditStatuses, type fundLevels } from '../domain/vocabulary';
import { Dec } from '../domain/decimal';
import { fundRule } from '../domain/reinvestment';
import { fenToYuan } from '../domain/money';
import { inScope, sees, type Scope } from './trees';
import type { z } from 'zod';
import type { Answer, commitmentAnswer } from '../http/answers';

/** Which page of a list: the rows with an id above `after`, at most `take` of them, by id. */
export interface Slice {
  after: number;
  take: number;
}

type FundRow = typeof funds.$inferSelect;
export const fundJson = (f: FundRow): Answer<'Fund'> => {
  const rule = fundRule(f);
  return {
    id: f.id,
    name: f.name,
    level: f.level,
    parentId: f.parentId,
    manager: f.manager,
    homeUnitId: f.homeUnitId,
    establishedOn: f.establishedOn,
    reinvestment: { multiple: new Dec(rule.multiple).toFixed(4), base: rule.base, weights: rule.weights },
    version: f.version,
  };
};

/** The funds the scope sees, optionally of one level or one parent. */
export function fundList(
  db: Db,
  scope: Scope,
  q: { level?: (typeof fundLevels)[number]; parentId?: number },
  s: Slice,
) {
  return db
    .select()
    .from(funds)
    .where(
      and(
        gt(funds.id, s.after),
        inScope(scope, funds.id),
        q.level ? eq(funds.level, q.level) : undefined,
        q.parentId ? eq(funds.parentId, q.parentId) : undefined,
      ),
    )
    .orderBy(asc(funds.id))
    .limit(s.take);
}

type UnitRow = typeof units.$inferSelect;
export const unitJson = (u: UnitRow): Answer<'Unit'> => ({
  id: u.id,
  name: u.name,
  code: u.code,
  parentId: u.parentId,
  peerGroup: u.peerGroup,
  version: u.version,
});

/** Every unit (units are no one's secret). */
export const unitList = (db: Db, s: Slice) =>
  db.select().from(units).where(gt(units.id, s.after)).orderBy(asc(units.id)).limit(s.take);

/** Companies by name, for staff's pickers (a manager never reads this list): id, name and credit code. */
export const companyRefs = (db: Db, s: Slice) =>
  db
    .select({ id: companies.id, name: companies.name, creditCode: companies.creditCode })
    .from(companies)
    .where(gt(companies.id, s.after))
    .orderBy(asc(companies.id))
    .limit(s.take);

type CommitmentFields = Pick<
  typeof commitments.$inferSelect,
  'id' | 'fundId' | 'investorType' | 'investorName' | 'investorFundId' | 'amountFen' | 'committedOn' | 'version'
>;
export const commitmentJson = (m: CommitmentFields): z.input<typeof commitmentAnswer> => ({
  id: m.id,
  fundId: m.fundId,
  investorType: m.investorType,
  investorName: m.investorName,
  investorFundId: m.investorFundId,
  amount: fenToYuan(m.amountFen),
  committedOn: m.committedOn,
  version: m.version,
});

/**
 * Each fund's commitments with what has been paid into each, as a JSON array read in the fund's own row (amounts
 * are at most 10^15 fen, and a commitment's payments never exceed it: exact as JSON numbers).
 */
const commitmentsColumn = sql<string>`(select json_group_array(json_object(
    'id', m.id, 'fundId', m.fund_id, 'investorType', m.investor_type, 'investorName', m.investor_name, 'investorFundId', m.investor_fund_id,
    'amountFen', m.amount_fen, 'committedOn', m.committed_on, 'version', m.version,
    'paidFen', (select coalesce(sum(p.amount_fen), 0) from ${contributions} p where p.commitment_id = m.id)))
  from ${commitments} m where m.fund_id = "funds"."id")`;

/** Funds with their commitments (认缴) and paid-in (实缴) per commitment, as GET /api/funds/:id answers them. */
async function fundsWithCommitments(db: Db, where: SQL | undefined, s: Slice) {
  const rows = await db
    .select({ ...getTableColumns(funds), commitments: commitmentsColumn })
    .from(funds)
    .where(and(gt(funds.id, s.after), where))
    .orderBy(asc(funds.id))
    .limit(s.take);
  return rows.map(({ commitments: list, ...f }) => ({
    ...fundJson(f),
    commitments: (JSON.parse(list) as (CommitmentFields & { paidFen: number })[])
      .sort((a, b) => a.id - b.id)
      .map((m) => ({ ...commitmentJson(m), paidIn: fenToYuan(m.paidFen) })),
  }));
}
export type FundWithCommitments = Awaited<ReturnType<typeof fundsWithCommitments>>[number];

/** One fund with its commitments, or null when it does not exist or the scope does not see it (the same 404). */
export async function fundRecord(db: Db, scope: Scope, fundId: number): Promise<FundWithCommitments | null> {
  if (!sees(scope, fundId)) return null;
  return (await fundsWithCommitments(db, eq(funds.id, fundId), { after: 0, take: 1 }))[0] ?? null;
}

/** The funds the scope sees, each with its commitments: one statement for the page. */
export const fundRecords = (db: Db, scope: Scope, s: Slice) => fundsWithCommitments(db, inScope(scope, funds.id), s);

type InvestmentRow = typeof investments.$inferSelect;
export const investmentJson = (i: InvestmentRow): Answer<'Investment'> => ({
  id: i.id,
  fundId: i.fundId,
  companyId: i.companyId,
  amount: fenToYuan(i.amountFen),
  investedOn: i.investedOn,
  kind: i.kind,
  round: i.round,
  roundSize: fenToYuan(i.roundSizeFen),
  preMoney: fenToYuan(i.preMoneyFen),
  lead: i.lead,
  exitedOn: i.exitedOn,
  exitProceeds: fenToYuan(i.exitProceedsFen),
  version: i.version,
});

/** A fund's own investments, each with its company's name and code; the caller checks the fund is visible. */
export async function fundInvestments(db: Db, fundId: number, s: Slice) {
  const rows = await db
    .select({ i: investments, co: { name: companies.name, creditCode: companies.creditCode } })
    .from(investments)
    .innerJoin(companies, eq(companies.id, investments.companyId))
    .where(and(eq(investments.fundId, fundId), gt(investments.id, s.after)))
    .orderBy(asc(investments.id))
    .limit(s.take);
  return rows.map((r) => ({ ...investmentJson(r.i), company: r.co }));
}

type CreditRow = typeof reinvestmentCredits.$inferSelect;
export const creditJson = (r: CreditRow): Answer<'Credit'> => ({
  id: r.id,
  fundId: r.fundId,
  companyId: r.companyId,
  projectId: r.projectId,
  category: r.category,
  amount: fenToYuan(r.amountFen),
  on: r.datedOn,
  evidence: r.evidence,
  status: r.status,
  statusReason: r.statusReason,
  version: r.version,
});

/** 返投 credits of one fund (the caller checks it is visible), else of every fund the scope sees; by status. */
type CreditQuery = { status?: (typeof creditStatuses)[number]; fundId?: number };
const creditWhere = (scope: Scope, q: CreditQuery, s: Slice) =>
  and(
    gt(reinvestmentCredits.id, s.after),
    q.fundId ? eq(reinvestmentCredits.fundId, q.fundId) : inScope(scope, reinvestmentCredits.fundId),
    q.status ? eq(reinvestmentCredits.status, q.status) : undefined,
  );

export async function creditList(db: Db, scope: Scope, q: CreditQuery, s: Slice) {
  const rows = await db
    .select()
    .from(reinvestmentCredits)
    .where(creditWhere(scope, q, s))
    .orderBy(asc(reinvestmentCredits.id))
    .limit(s.take);
  return rows.map(creditJson);
}

/** The same credits with the names of the company or project each is for (the review page names them, not ids). */
export async function namedCreditList(db: Db, scope: Scope, q: CreditQuery, s: Slice) {
  const rows = await db
    .select({ r: reinvestmentCredits, company: companies.name, project: projects.name })
    .from(reinvestmentCredits)
    .leftJoin(companies, eq(companies.id, reinvestmentCredits.companyId))
    .leftJoin(projects, eq(projects.id, reinvestmentCredits.projectId))
    .where(creditWhere(scope, q, s))
    .orderBy(asc(reinvestmentCredits.id))
    .limit(s.take);
  return rows.map(({ r, company, project }) => ({ ...creditJson(r), companyName: company, projectName: project }));
}

/** Audit entries (staff and admins read them all), optionally of one entity, one record, one user; naming the user. */
export async function auditEntries(db: Db, q: { entity?: string; id?: number; userId?: number }, s: Slice) {
  const rows = await db
    .select({
      ...getTableColumns(auditLog),
      user: { id: users.id, username: users.username, displayName: users.displayName },
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        gt(auditLog.id, s.after),
        q.entity ? eq(auditLog.entity, q.entity) : undefined,
        q.id ? eq(auditLog.entityId, q.id) : undefined,
        q.userId ? eq(auditLog.userId, q.userId) : undefined,
      ),
    )
    .orderBy(asc(auditLog.id))
    .limit(s.take);
  return rows.map((a): Answer<'AuditEntry'> => ({
    id: a.id,
    at: a.at,
    userId: a.userId,
    user: a.user, // who, by name: the page shows it rather than an id
    entity: a.entity,
    entityId: a.entityId,
    action: a.action,
    before: a.before ? (JSON.parse(a.before) as Record<string, unknown>) : null,
    after: a.after ? (JSON.parse(a.after) as Record<string, unknown>) : null,
  }));
}
