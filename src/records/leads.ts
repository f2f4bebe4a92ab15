// The lead rules (首报, SPEC §3) in one place: which company a new lead is about, who holds that company's active
// lead, whether the driving investment belongs to the lead's fund family, and whether the caller may see the company.
// POST /api/projects plans one body, the project sheet import every row at once; both keep what planLeads() answers.
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { companies, investments, projects } from '../db/schema';
import { companyKey, companyNameKey, sameCompanyKeys } from '../domain/names';
import { investmentRelated, reportedElsewhere, unrelatedInvestment } from '../domain/projects';
import { ApiError, invalid, notFound } from '../errors';
import type { CompanyInput } from '../http/company-input';
import { relatedFundsOf, sees, type Scope } from '../queries/trees';
import { chunks } from './bulk-insert';
import { seenCompanies } from './companies';

/** A project that still holds its company's lead (首报): not rejected, not dropped. One per company key. */
export const activeLead = () => and(ne(projects.status, 'rejected'), isNull(projects.droppedOn));

/** The project that holds a company's lead, as much of it as decides who may learn of it. */
export type ActiveLead = { id: number; sourceFundId: number | null };

/**
 * The 409 of a lead whose company already has an active lead. The project's id (`existingId`) and number go only
 * to a caller who may see that project (`sees`); anyone else learns only that another fund or unit holds its lead, whom to ask and how to appeal.
 */
export const duplicateLead = (existing: ActiveLead, sees: boolean) =>
  sees
    ? new ApiError(
        'conflict',
        `该企业已有在办项目（项目编号 ${existing.id}），按首报原则归属首报单位，不能重复报送`,
        undefined,
        { existingId: existing.id },
      )
    : new ApiError('conflict', reportedElsewhere(existing.sourceFundId !== null));

type Named = { name: string; creditCode?: string | null };

/**
 * Where an active lead of this company would be found: under its own key and, for a company given with its credit
 * code, under its name alone (a lead reported earlier by name); and for a company known only by name, every lead
 * whose company bears that name, coded or not (`nameKeys`, matched through the lead's company).
 */
function probesOf(...cos: Named[]) {
  return {
    keys: [...new Set(cos.flatMap(sameCompanyKeys))],
    nameKeys: [...new Set(cos.filter((co) => !co.creditCode).map((co) => companyNameKey(co.name)))],
  };
}
type Probes = ReturnType<typeof probesOf>;

/** Lookups go `IN (…)` at most this many values at a time (D1 binds at most 100 parameters per query). */
const CHUNK = 90;

/**
 * The active leads any of these probes find, in statements of at most CHUNK bound values; answers, for one probe,
 * the lowest-numbered lead it finds other than project `exceptId`.
 */
async function activeLeads(db: Db, all: Probes[]) {
  const values = [
    ...Array.from(new Set(all.flatMap((p) => p.keys)), (key) => ({ key, nameKey: null })),
    ...Array.from(new Set(all.flatMap((p) => p.nameKeys)), (nameKey) => ({ key: null, nameKey })),
  ];
  const byKey = new Map<string, ActiveLead[]>();
  const byName = new Map<string, ActiveLead[]>();
  for (const part of chunks(values, CHUNK)) {
    const keys = part.flatMap((v) => (v.key === null ? [] : [v.key]));
    const nameKeys = part.flatMap((v) => (v.nameKey === null ? [] : [v.nameKey]));
    const rows = await db
      .select({
        id: projects.id,
        sourceFundId: projects.sourceFundId,
        key: projects.companyKey,
        nameKey: companies.nameKey,
      })
      .from(projects)
      .leftJoin(companies, eq(companies.id, projects.companyId))
      .where(
        and(
          or(
            keys.length ? inArray(projects.companyKey, keys) : undefined,
            nameKeys.length ? inArray(companies.nameKey, nameKeys) : undefined,
          ),
          activeLead(),
        ),
      )
      .orderBy(asc(projects.id));
    for (const r of rows) {
      const lead = { id: r.id, sourceFundId: r.sourceFundId };
      if (r.key !== null && keys.includes(r.key)) (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push(lead);
      if (r.nameKey !== null && nameKeys.includes(r.nameKey))
        (byName.get(r.nameKey) ?? byName.set(r.nameKey, []).get(r.nameKey)!).push(lead);
    }
  }
  return (p: Probes, exceptId = 0): ActiveLead | undefined =>
    [...p.keys.flatMap((k) => byKey.get(k) ?? []), ...p.nameKeys.flatMap((k) => byName.get(k) ?? [])]
      .filter((lead) => lead.id !== exceptId)
      .sort((a, b) => a.id - b.id)[0];
}

/** The active lead (首报) of this company, other than project `exceptId`, if one exists (see probesOf). */
export async function activeLeadOf(db: Db, co: Named, exceptId = 0): Promise<ActiveLead | undefined> {
  const probes = probesOf(co);
  return (await activeLeads(db, [probes]))(probes, exceptId);
}

/** What a new lead says of its company, fund and investment: a project body, or a row of the sheet. */
export interface LeadBody {
  companyId?: number;
  company?: CompanyInput;
  sourceFundId?: number | null;
  investmentId?: number | null;
  /** Recorded as 终止 together with its creation (a sheet row with 终止日期): it holds no lead. */
  dropped?: boolean;
}

/** The company a lead points to, and the key its lead is held under. */
export interface LeadCompany {
  /** The registered company (by id, credit code, or normalized name), or null for one the lead makes. */
  existing: { id: number; name: string; creditCode: string | null } | null;
  /** What the caller named (for a new company, what is inserted); null when it gave the company's id. */
  input: CompanyInput | null;
  key: string;
  /** Inserted with this lead: no registered company, and no earlier lead of the same batch makes it. */
  isNew: boolean;
  /** A registered company the caller could not see before (a manager naming one outside its funds' data). */
  unseen: boolean;
}

/** A rule a lead breaks: its field and the API's error, or (inside one batch) the earlier lead of the same company. */
export type LeadProblem =
  { field: 'investmentId' | 'companyId' | 'company'; error: ApiError } | { field: 'company'; sameAs: number };

export interface LeadPlan {
  company: LeadCompany | null;
  /** In the order the API answers them: the investment, the company's id, the company's active lead. */
  problems: LeadProblem[];
}

export interface LeadContext {
  db: Db;
  scope: Scope;
}

/**
 * The lead rules for a batch of new leads, resolved in order as if they were posted one by one (a company made by an
 * earlier lead is the company of a later one; a later active lead of the same company is refused): the driving
 * investment must exist in the caller's scope (else 404) and belong to the source fund's family (else 400); a company
 * named by id must be one the caller sees (else 404); a company named by credit code, else by normalized name, is
 * the registered one (the lowest id) or a new one; and a company with an active lead is refused (409, saying which
 * project only to a caller who may see it). A constant number of statements for any batch (IN lists of at most
 * CHUNK values each), never one per lead.
 */
export async function planLeads(ctx: LeadContext, bodies: LeadBody[]): Promise<LeadPlan[]> {
  const plans: LeadPlan[] = bodies.map(() => ({ company: null, problems: [] }));
  await checkInvestments(ctx, bodies, plans);
  await resolveCompanies(ctx, bodies, plans);

  const probes = plans.map((p, i) =>
    p.company
      ? probesOf(...[p.company.existing, p.company.input, bodies[i]!.company ?? null].filter((c) => c !== null))
      : null,
  );
  const leadOf = await activeLeads(
    ctx.db,
    probes.filter((p) => p !== null),
  );
  const firstActive = new Map<string, number>();
  bodies.forEach((body, i) => {
    const p = probes[i];
    if (!p) return;
    const existing = leadOf(p);
    if (existing) {
      plans[i]!.problems.push({
        field: 'company',
        error: duplicateLead(existing, sees(ctx.scope, existing.sourceFundId)),
      });
      return;
    }
    if (body.dropped) return;
    const aliases = p.keys;
    const first = aliases.map((k) => firstActive.get(k)).find((f) => f !== undefined);
    if (first !== undefined) plans[i]!.problems.push({ field: 'company', sameAs: first });
    else for (const k of aliases) firstActive.set(k, i);
  });
  return plans;
}

/** The driving investment of each lead: in the caller's scope, and of the source fund's family. */
async function checkInvestments(ctx: LeadContext, bodies: LeadBody[], plans: LeadPlan[]) {
  const ids = [...new Set(bodies.flatMap((b) => (b.investmentId ? [b.investmentId] : [])))];
  const found = new Map<number, { id: number; fundId: number }>();
  for (const part of chunks(ids, CHUNK)) {
    for (const inv of await ctx.db
      .select({ id: investments.id, fundId: investments.fundId })
      .from(investments)
      .where(inArray(investments.id, part)))
      found.set(inv.id, inv);
  }
  const related = await relatedFundsOf(ctx.db, [...new Set([...found.values()].map((inv) => inv.fundId))]);
  bodies.forEach((b, i) => {
    if (!b.investmentId) return;
    const inv = found.get(b.investmentId);
    if (!inv || !sees(ctx.scope, inv.fundId))
      plans[i]!.problems.push({ field: 'investmentId', error: notFound('投资', b.investmentId) });
    else if (!investmentRelated(related, b.sourceFundId, inv.fundId))
      plans[i]!.problems.push({ field: 'investmentId', error: invalid('investmentId', unrelatedInvestment(inv.id)) });
  });
}

type Known = { id: number; name: string; creditCode: string | null };

/** The company of each lead: named by id (seen by the caller, else 404), by credit code, else by normalized name. */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): companies named by id and by credit code or name are the parts
async function resolveCompanies(ctx: LeadContext, bodies: LeadBody[], plans: LeadPlan[]) {
  const { db, scope } = ctx;
  const byId = new Map<number, Known>();
  const byCode = new Map<string, Known>();
  const byName = new Map<string, Known>();
  const lookup = async (
    column: SQLiteColumn,
    values: (string | number)[],
    into: (co: Known & { nameKey: string }) => void,
  ) => {
    for (const part of chunks([...new Set(values)], CHUNK)) {
      const rows = await db
        .select({
          id: companies.id,
          name: companies.name,
          creditCode: companies.creditCode,
          nameKey: companies.nameKey,
        })
        .from(companies)
        .where(inArray(column, part))
        .orderBy(asc(companies.id));
      rows.forEach(into);
    }
  };
  await lookup(
    companies.id,
    bodies.flatMap((b) => (b.companyId !== undefined ? [b.companyId] : [])),
    (co) => byId.set(co.id, co),
  );
  await lookup(
    companies.creditCode,
    bodies.flatMap((b) => (b.company?.creditCode ? [b.company.creditCode] : [])),
    (co) => byCode.set(co.creditCode!, co),
  );
  // The lowest id of a name, as findCompany() picks.
  await lookup(
    companies.nameKey,
    bodies.flatMap((b) => (b.company && !b.company.creditCode ? [companyNameKey(b.company.name)] : [])),
    (co) => byName.has(co.nameKey) || byName.set(co.nameKey, co),
  );
  const registered = [...new Set([...byId.values(), ...byCode.values(), ...byName.values()].map((co) => co.id))];
  const seen = await seenCompanies(db, scope, registered);

  // Leads resolve in order, as if posted one by one: a company made by an earlier lead is found by a later one.
  const madeByCode = new Map<string, CompanyInput>();
  const madeByName = new Map<string, CompanyInput>();
  bodies.forEach((b, i) => {
    const plan = plans[i]!;
    if (b.companyId !== undefined) {
      const co = byId.get(b.companyId);
      // A manager may name by id only a company its funds already touch; any other is as missing as a wrong id.
      if (!co || !seen.has(co.id)) plan.problems.push({ field: 'companyId', error: notFound('企业', b.companyId) });
      else plan.company = { existing: co, input: null, key: companyKey(co), isNew: false, unseen: false };
      return;
    }
    const input = b.company;
    if (!input) return;
    const nameKey = companyNameKey(input.name);
    const existing = input.creditCode ? byCode.get(input.creditCode) : byName.get(nameKey);
    if (existing) {
      plan.company = { existing, input, key: companyKey(existing), isNew: false, unseen: !seen.has(existing.id) };
      return;
    }
    const made = input.creditCode ? madeByCode.get(input.creditCode) : madeByName.get(nameKey);
    plan.company = {
      existing: null,
      input: made ?? input,
      key: companyKey(made ?? input),
      isNew: !made,
      unseen: false,
    };
    if (made) return;
    if (input.creditCode) madeByCode.set(input.creditCode, input);
    if (!madeByName.has(nameKey)) madeByName.set(nameKey, input);
  });
}
