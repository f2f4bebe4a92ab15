// The writes of a spreadsheet import: its rows' companies, projects, milestones and arrivals as bulk inserts, in
// waves, for one atomic write.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Returning } from '../db';
import { arrivals, companies, milestones, projects } from '../db/schema';
import { companyNameKey } from '../domain/names';
import type { CompanyInput } from '../http/company-input';
import type { arrivalBody, milestoneBody, ProjectBody } from '../http/project-input';
import { bulkInsert } from '../records/bulk-insert';
import { companyValues } from '../records/companies';
import { arrivalValues, milestoneValues, projectValues, refreshReached } from '../records/projects';
import type { Importer } from './imports';
import { groupBy } from '../domain/groups';

type MilestoneInput = z.output<typeof milestoneBody>;
type ArrivalInput = z.output<typeof arrivalBody>;

/** One row of the sheet as read and checked: the API's own inputs for its project, milestones and arrivals. */
export interface Draft {
  row: number;
  raw: Record<string, unknown>;
  body?: ProjectBody;
  milestones: MilestoneInput[];
  arrivals: ArrivalInput[];
  /** The column each arrival was read from (arrivalAmount or arrivals), for messages. */
  arrivalColumns: string[];
  /** Resolved after the lookups: the company the project points to and the key its lead is held under. */
  company?: { existingId: number | null; input: CompanyInput; key: string; isNew: boolean };
}

/** Whether the row records 终止 among its milestones. */
export const isDropped = (d: Draft) => d.milestones.some((m) => m.stage === 'dropped');

/**
 * The rows in waves, each naming a company at most once: the unique index on active leads is checked statement by
 * statement, and a project is inserted before its milestones mark it dropped, so the leads of one company go in one
 * wave at a time, the dropped ones first and the active one last. Most sheets are a single wave, in sheet order.
 */
function waves(drafts: Draft[]): Draft[][] {
  const seen = groupBy(
    drafts.filter((d) => d.company),
    (d) => d.company!.key,
  );
  const wave = new Map<Draft, number>();
  for (const group of seen.values())
    [...group.filter(isDropped), ...group.filter((d) => !isDropped(d))].forEach((d, i) => wave.set(d, i));
  const out: Draft[][] = [];
  for (const d of drafts) (out[wave.get(d) ?? 0] ??= []).push(d);
  return out;
}

/**
 * Every write of the import, for one atomic write. New companies go first, once each; a project finds a new company
 * by credit code (else by normalized name). Each wave's projects get one run of AUTOINCREMENT ids — nothing else
 * inserts projects inside the atomic write — so until the next wave the j-th of n is max(id) − (n − 1 − j): its
 * milestones and arrivals carry that offset as their project. Then refreshReached(), the statement the milestone
 * route runs, derives the wave's reached dates at once.
 */
export function statements(ctx: Importer, drafts: Draft[], status: 'confirmed' | 'pending') {
  const { db, user } = ctx;
  const out: Returning[] = [];
  const newCompanies = drafts
    .filter((d) => d.company?.isNew)
    .map((d) => companyValues({ ...d.company!.input, unitId: null }, user.id));
  out.push(...bulkInsert(db, companies, newCompanies));

  const newest = sql`(select max(${projects.id}) from ${projects})`;
  const fromNewest = { projectId: (offset: SQL) => sql`(${newest} - ${offset})` };
  const companyLookup = {
    companyId: (id: SQL) =>
      sql`coalesce(${id}, (select ${companies.id} from ${companies} where ${companies.creditCode} = json_extract(value, '$.newCompanyCode')),
        (select min(${companies.id}) from ${companies} where ${companies.nameKey} = json_extract(value, '$.newCompanyNameKey')))`,
  };
  for (const wave of waves(drafts)) {
    const rows = wave.map((d) => {
      const made = d.company && d.company.existingId === null ? d.company.input : null;
      return {
        ...projectValues(d.body!, {
          companyId: d.company?.existingId ?? null,
          companyKey: d.company?.key ?? null,
          status,
          userId: user.id,
        }),
        newCompanyCode: made?.creditCode ?? null,
        newCompanyNameKey: made && !made.creditCode ? companyNameKey(made.name) : null,
      };
    });
    out.push(...bulkInsert(db, projects, rows, companyLookup));
    const n = wave.length;
    const milestoneRows = wave.flatMap((d, j) => d.milestones.map((m) => milestoneValues(n - 1 - j, m, user.id)));
    out.push(...bulkInsert(db, milestones, milestoneRows, fromNewest));
    if (milestoneRows.length) {
      const withMilestones = sql`${projects.id} > ${newest} - ${n} and exists (select 1 from ${milestones} where ${milestones.projectId} = ${projects.id})`;
      out.push(refreshReached(db, withMilestones, user.id));
    }
    const arrivalRows = wave.flatMap((d, j) =>
      d.arrivals.map((a) => arrivalValues(n - 1 - j, a, { userId: user.id, role: user.role, today: ctx.today })),
    );
    out.push(...bulkInsert(db, arrivals, arrivalRows, fromNewest));
  }
  return out;
}
