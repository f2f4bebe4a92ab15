import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { arrivals, fundTree, projects as p, unitTree } from '../db/schema';
import { addDays } from '../domain/dates';
import type { OutcomeAggregates } from '../domain/outcomes';
import { progressStages as stages } from '../domain/vocabulary';
import { reachColumn } from './stages';
import { asText, countWhere as count, split, splitSum, splitTotal } from './sums';

/**
 * How projects roll up a tree: each project sits at one node (`node`: its source fund, or its introducing or
 * landing unit) and counts for every ancestor of that node (the node itself included), each project once per
 * ancestor. `projects` narrows the projects (scope, a fund's family); `ancestors` narrows the nodes reported.
 */
export interface Rollup {
  node: SQLiteColumn;
  tree: typeof fundTree | typeof unitTree;
  /**
   * How to read the projects table: the covering index in `node` order (every column read, grouped without a
   * sort or a table read). Without statistics SQLite picks projects_status_idx and looks up every row.
   */
  read: 'projects_fund_idx' | 'projects_introducing_unit_idx' | 'projects_landing_unit_idx';
  /** One node only (a fund's own metrics): `projects` holds exactly its projects, so they all count for the root. */
  root?: number;
  projects?: SQL;
  ancestors?: (ancestorId: SQLWrapper) => SQL | undefined;
}

export interface OutcomeRequest {
  asOf: string;
  bigProjectFen: number;
}

/** The projects every outcome counts: confirmed, reported by asOf, placed at a node, within `r.projects`. */
const counted = (r: Rollup, asOf: string) =>
  sql`${p.status} = 'confirmed' and ${p.reportedOn} <= ${asOf} and ${r.node} is not null${r.projects ? sql` and ${r.projects}` : sql``}`;

export const projectsOf = (r: Rollup) => sql`${p} indexed by ${sql.raw(r.read)}`;

/**
 * The nodes a node's projects count for, as SQL over a per-node row `g`: its ancestors through the closure table
 * (itself included) within `r.ancestors`, as a comma-separated list; with one root, the root alone.
 */
export const upOf = (r: Rollup) => {
  if (r.root !== undefined) return sql`cast(${r.root} as text)`;
  const where = r.ancestors?.(r.tree.ancestorId);
  return sql`(select group_concat(${r.tree.ancestorId}) from ${r.tree} where ${r.tree.descendantId} = g.node${where ? sql` and ${where}` : sql``})`;
};

/** The ancestors a per-node row's `up` lists (upOf), as ids. */
export const ancestorIds = (up: string | number | null): number[] => (up === null ? [] : String(up).split(',').map(Number));

const additiveKeys = ['leads', ...stages, 'dropped', 'investment_linked', 'big_signed', 'overdue'] as const;
type AdditiveKey = (typeof additiveKeys)[number];
type NodeRow = Record<AdditiveKey, number> & {
  node: number;
  up: string | null;
  planned_hi: string;
  planned_lo: string;
  arrived_hi: string;
  arrived_lo: string;
  /** The days to sign and to register of the node's own projects, comma-separated, in no order; null for none. */
  sign_days: string | null;
  register_days: string | null;
};

/**
 * The split sums (sums.ts) of the money arrived within a window (`from` open when absent) on the projects `counts`
 * selects, for a grouped pass over a projects index: from the project's arrival summary (schema.ts: kept by triggers
 * on arrivals) when all its arrivals fall in the window, nothing when none can, and a look-up of its arrivals only
 * when they straddle the window's edges (by asOf: only for a project with an arrival after asOf).
 */
export function arrivedWithin(w: { from?: string; to: string }, counts: SQL) {
  const some = sql`${counts} and ${p.firstArrivalOn} <= ${w.to}${w.from ? sql` and ${p.lastArrivalOn} >= ${w.from}` : sql``}`;
  const all = sql`${p.lastArrivalOn} <= ${w.to}${w.from ? sql` and ${p.firstArrivalOn} >= ${w.from}` : sql``}`;
  const dated = w.from ? sql`${arrivals.arrivedOn} between ${w.from} and ${w.to}` : sql`${arrivals.arrivedOn} <= ${w.to}`;
  const part = (summary: SQLWrapper, ofAmount: (amount: SQLWrapper) => SQL) =>
    sql`coalesce(sum(case when ${all} then ${summary} else (select coalesce(sum(${ofAmount(arrivals.amountFen)}), 0) from ${arrivals} where ${arrivals.projectId} = ${p.id} and ${dated}) end) filter (where ${some}), 0)`;
  return {
    hi: part(p.arrivedHi, (a) => sql`${a} / ${split}`),
    lo: part(p.arrivedLo, (a) => sql`${a} % ${split}`),
  };
}

/** A node's own day sample, parsed from its comma-separated text straight into an Int32Array (a province holds 200,000 values). */
function daysOf(list: string | null): Int32Array {
  if (list === null || list === '') return new Int32Array(0);
  let n = 1;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let k = 0;
  let v = 0;
  let sign = 1;
  for (let i = 0; i <= list.length; i++) {
    const ch = i < list.length ? list.charCodeAt(i) : 44;
    if (ch === 44) {
      out[k++] = sign * v;
      v = 0;
      sign = 1;
    } else if (ch === 45) sign = -1;
    else v = v * 10 + (ch - 48);
  }
  return out;
}

/** Values per block of the coarse counts mergedSample walks first (2^6 = 64 days). */
const BLOCK = 6;

/**
 * Counts by value (index: value − min) and by block of 64 values, zero between uses, for mergedSample: sized once
 * per pass to the range of every day sample.
 */
function sampleCounts(min: number, max: number) {
  const range = max - min + 1;
  return { min, byValue: new Int32Array(range), byBlock: new Int32Array((range >> BLOCK) + 1) };
}

/**
 * The median sample ({n, middle}) of the union of some nodes' day samples: counts them by value and by block, walks
 * the blocks and then one block's values to the median positions (n − 1) / 2 and n / 2, 0-based, rounded down (one
 * position for odd n), and clears the counts it set. No sort: a province's root holds 200,000 values.
 */
function mergedSample(parts: Int32Array[], counts: ReturnType<typeof sampleCounts>): { n: number; middle: number[] } {
  const { min, byValue, byBlock } = counts;
  let n = 0;
  for (const days of parts) {
    for (let i = 0; i < days.length; i++) {
      const at = days[i]! - min;
      byValue[at]!++;
      byBlock[at >> BLOCK]!++;
    }
    n += days.length;
  }
  const middle: number[] = [];
  let block = 0;
  let before = 0; // values in the blocks before `block`
  for (const position of n % 2 === 1 ? [(n - 1) / 2] : n === 0 ? [] : [n / 2 - 1, n / 2]) {
    while (before + byBlock[block]! <= position) before += byBlock[block++]!;
    let at = block << BLOCK;
    for (let seen = before; seen + byValue[at]! <= position; at++) seen += byValue[at]!;
    middle.push(at + min);
  }
  for (let b = 0; b < byBlock.length; b++) {
    if (byBlock[b] === 0) continue;
    byBlock[b] = 0;
    byValue.fill(0, b << BLOCK, (b + 1) << BLOCK);
  }
  return { n, middle };
}

/**
 * SPEC §4's counts and sums for every node of a tree at once, in one grouped statement: one pass over the
 * projects grouped by the node a project sits at (no closure join, no sort of the roll-up in SQL; with one root, a
 * single aggregate row): the counts, exact split sums (planned totals; arrivals from each project's arrival summary,
 * see arrivedWithin) and the two day samples (the generated day columns, as text), each an aggregate FILTER, with
 * each node's ancestors (the closure table, within `r.ancestors`; with one root, the root) as a list. JS then adds
 * every node into each of its ancestors (each project once per ancestor: a node's ancestors are distinct) and reads
 * each median off the ancestor's merged day samples, counted by value.
 */
export async function outcomeAggregatesByNode(db: Db, r: Rollup, q: OutcomeRequest): Promise<Map<number, OutcomeAggregates>> {
  const { asOf } = q;
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const overdueBy = addDays(asOf, -180);
  const where = counted(r, asOf);
  const planned = splitSum(p.plannedTotalFen, by(p.signedOn));
  const arrived = arrivedWithin({ to: asOf }, by(p.signedOn));
  // The generated day counts (schema.ts), read from the covering index.
  const days = (to: SQLWrapper, value: SQLWrapper) => sql`group_concat(${value}) filter (where ${by(to)})`;
  // With one root every project counts for it alone: one aggregate row, no grouping (a tenth cheaper).
  const node = r.root === undefined ? r.node : sql`${r.root}`;
  const perNode = sql`select g.*, ${upOf(r)} as up from (select ${node} as node, count(*) as leads,
      ${sql.join(stages.map((s) => sql`${count(by(reachColumn[s]))} as ${sql.raw(s)}`), sql`, `)},
      ${count(by(p.droppedOn))} as dropped,
      ${count(sql`${by(p.registeredOn)} and ${p.investmentId} is not null`)} as investment_linked,
      ${count(sql`${by(p.signedOn)} and ${p.plannedTotalFen} >= ${q.bigProjectFen}`)} as big_signed,
      ${count(sql`${p.signedOn} <= ${overdueBy} and not coalesce(${by(p.startedOn)}, 0) and not coalesce(${by(p.droppedOn)}, 0)`)} as overdue,
      ${asText(planned.hi)} as planned_hi, ${asText(planned.lo)} as planned_lo,
      ${asText(arrived.hi)} as arrived_hi, ${asText(arrived.lo)} as arrived_lo,
      ${days(p.signedOn, p.signDays)} as sign_days, ${days(p.registeredOn, p.registerDays)} as register_days
    from ${projectsOf(r)} where ${where}${r.root === undefined ? sql` group by ${r.node}` : sql``}) g`;
  const rows = await db.all<NodeRow>(perNode);

  interface Accumulator {
    counts: number[];
    planned: bigint;
    arrived: bigint;
    sign: Int32Array[];
    register: Int32Array[];
  }
  const acc = new Map<number, Accumulator>();
  let min = 0;
  let max = 0;
  for (const a of rows) {
    const up = ancestorIds(a.up).map((ancestor) => {
      let e = acc.get(ancestor);
      if (!e) acc.set(ancestor, (e = { counts: additiveKeys.map(() => 0), planned: 0n, arrived: 0n, sign: [], register: [] }));
      return e;
    });
    const plannedFen = splitTotal(a.planned_hi, a.planned_lo);
    const arrivedFen = splitTotal(a.arrived_hi, a.arrived_lo);
    const sign = daysOf(a.sign_days);
    const register = daysOf(a.register_days);
    for (const days of [sign, register]) {
      for (let i = 0; i < days.length; i++) {
        const v = days[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    const own = additiveKeys.map((k) => Number(a[k]));
    for (const e of up) {
      for (let i = 0; i < own.length; i++) e.counts[i]! += own[i]!;
      e.planned += plannedFen;
      e.arrived += arrivedFen;
      if (sign.length) e.sign.push(sign);
      if (register.length) e.register.push(register);
    }
  }

  const counts = sampleCounts(min, max);
  const out = new Map<number, OutcomeAggregates>();
  for (const [node, e] of acc) {
    const c = Object.fromEntries(additiveKeys.map((k, i) => [k, e.counts[i]!])) as Record<AdditiveKey, number>;
    out.set(node, {
      leads: c.leads,
      reached: Object.fromEntries(stages.map((s) => [s, c[s]])) as OutcomeAggregates['reached'],
      dropped: c.dropped,
      investmentLinked: c.investment_linked,
      bigSigned: c.big_signed,
      overdue: c.overdue,
      plannedTotalFen: e.planned,
      arrivedFen: e.arrived,
      signDays: mergedSample(e.sign, counts),
      registerDays: mergedSample(e.register, counts),
    });
  }
  return out;
}

/** The aggregates of a node without any counted project. */
export const noOutcomes = (): OutcomeAggregates => ({
  leads: 0,
  reached: Object.fromEntries(stages.map((s) => [s, 0])) as OutcomeAggregates['reached'],
  dropped: 0,
  investmentLinked: 0,
  bigSigned: 0,
  overdue: 0,
  plannedTotalFen: '0',
  arrivedFen: '0',
  signDays: { n: 0, middle: [] },
  registerDays: { n: 0, middle: [] },
});
