import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { arrivals, fundTree, projects as p, unitTree } from '../db/schema';
import { addDays } from '../domain/dates';
import type { OutcomeAggregates } from '../domain/outcomes';
import { progressStages as stages } from '../domain/vocabulary';
import { entryOf } from '../domain/groups';
import { reachColumn } from './stages';
import { asText, countWhere as count, split, splitSum, splitTotal } from './sums';
import * as out from '../http/answer-fields';

const medianDays = z
  .string()
  .regex(/^\d+\.\d$/)
  .nullable()
  .meta({ description: '中位天数，1 位小数；无样本时为 null' });
/** 以投促引成效 as a fund's metrics and a unit's row answer them (SPEC §4); the OpenAPI component `Outcomes`. */
export const outcomesAnswer = z.strictObject({
  leads: out.count,
  reached: z.strictObject(
    Object.fromEntries(stages.map((s) => [s, out.count])) as Record<(typeof stages)[number], typeof out.count>,
  ),
  dropped: out.count,
  landed: out.count,
  investmentLinked: out.count,
  introduced: out.count,
  bigSigned: out.count,
  overdue: out.count,
  rates: z.strictObject({
    sign: out.ratioOrNull,
    registration: out.ratioOrNull,
    start: out.ratioOrNull,
    production: out.ratioOrNull,
    arrival: out.ratioOrNull,
  }),
  plannedTotal: out.yuan,
  arrived: out.yuan,
  attractionMultiple: out.ratioOrNull.optional().meta({ description: '以投促引倍数，仅基金指标给出' }),
  medianDaysToSign: medianDays,
  medianDaysToRegister: medianDays,
});

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

/**
 * The nodes a node's projects count for, as SQL over a per-node row `g`: its ancestors through the closure table
 * (itself included) within `r.ancestors`, as a comma-separated list; with one root, the root alone.
 */
const upOf = (r: Rollup) => {
  if (r.root !== undefined) return sql`cast(${r.root} as text)`;
  const where = r.ancestors?.(r.tree.ancestorId);
  return sql`(select group_concat(${r.tree.ancestorId}) from ${r.tree} where ${r.tree.descendantId} = g.node${where ? sql` and ${where}` : sql``})`;
};

/** The nodes a per-node row counts for: the node, then the ancestors `up` lists. */
type NodeRow = { node: number; up: string | number | null };

/**
 * One row per node of the tree: the aggregate `columns` over the node's own projects that `where` selects, read from
 * `r`'s covering index in node order (or from `from`, rows joined to their projects), with the nodes they count for
 * (upOf). With one root every project counts for it alone: a single aggregate row, no grouping (a tenth cheaper).
 */
export async function nodeRows<R>(
  db: Db,
  r: Rollup,
  columns: SQL,
  where: SQL,
  from: SQL = sql`${p} indexed by ${sql.raw(r.read)}`,
): Promise<(R & NodeRow)[]> {
  const node = r.root === undefined ? r.node : sql`${r.root}`;
  return await db.all<R & NodeRow>(sql`select g.*, ${upOf(r)} as up from (select ${node} as node, ${columns}
    from ${from} where ${where}${r.root === undefined ? sql` group by ${r.node}` : sql``}) g`);
}

/**
 * Each node's sums over the projects it counts for: every per-node row's own figures (`own`, read once) added by
 * `add` into the sums (made by `empty`) of each node its `up` lists — the node and its ancestors, which are distinct,
 * so each project counts once per ancestor.
 */
export function rollUp<R extends NodeRow, T, S>(
  rows: R[],
  own: (row: R) => T,
  empty: () => S,
  add: (sums: S, own: T) => void,
): Map<number, S> {
  const sums = new Map<number, S>();
  for (const row of rows) {
    const mine = own(row);
    for (const node of row.up === null ? [] : String(row.up).split(',')) {
      add(entryOf(sums, Number(node), empty), mine);
    }
  }
  return sums;
}

const additiveKeys = ['leads', ...stages, 'dropped', 'investment_linked', 'big_signed', 'overdue'] as const;
type AdditiveKey = (typeof additiveKeys)[number];
type OutcomeRow = Record<AdditiveKey, number> & {
  planned_hi: string;
  planned_lo: string;
  arrived_hi: string;
  arrived_lo: string;
  /** The days to sign and to register of the node's own projects, comma-separated, in no order; null for none. */
  sign_days: string | null;
  register_days: string | null;
};

/**
 * The split sums (sums.ts) of the confirmed money arrived within a window (`from` open when absent) on the projects
 * `counts` selects, for a grouped pass over a projects index: from the project's arrival summary (schema.ts: kept by
 * triggers on arrivals, confirmed arrivals only) when all its confirmed arrivals fall in the window, nothing when
 * none can, and a look-up of its confirmed arrivals only when they straddle the window's edges (by asOf: only for a
 * project with a confirmed arrival after asOf).
 */
export function arrivedWithin(w: { from?: string; to: string }, counts: SQL) {
  const some = sql`${counts} and ${p.firstArrivalOn} <= ${w.to}${w.from ? sql` and ${p.lastArrivalOn} >= ${w.from}` : sql``}`;
  const all = sql`${p.lastArrivalOn} <= ${w.to}${w.from ? sql` and ${p.firstArrivalOn} >= ${w.from}` : sql``}`;
  const dated = w.from
    ? sql`${arrivals.arrivedOn} between ${w.from} and ${w.to}`
    : sql`${arrivals.arrivedOn} <= ${w.to}`;
  const part = (summary: SQLWrapper, ofAmount: (amount: SQLWrapper) => SQL) =>
    sql`coalesce(sum(case when ${all} then ${summary} else (select coalesce(sum(${ofAmount(arrivals.amountFen)}), 0) from ${arrivals} where ${arrivals.projectId} = ${p.id} and ${arrivals.status} = 'confirmed' and ${dated}) end) filter (where ${some}), 0)`;
  return {
    hi: part(p.arrivedHi, (a) => sql`${a} / ${split}`),
    lo: part(p.arrivedLo, (a) => sql`${a} % ${split}`),
  };
}

/** A node's own day sample, parsed from its comma-separated text straight into an Int32Array (a province holds 200,000 values). */
export function daysOf(list: string | null): Int32Array {
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
export function sampleCounts(min: number, max: number) {
  const range = max - min + 1;
  return { min, byValue: new Int32Array(range), byBlock: new Int32Array((range >> BLOCK) + 1) };
}

/**
 * The median sample ({n, middle}) of the union of some nodes' day samples: counts them by value and by block, walks
 * the blocks and then one block's values to the median positions (n − 1) / 2 and n / 2, 0-based, rounded down (one
 * position for odd n), and clears the counts it set. No sort: a province's root holds 200,000 values.
 */
export function mergedSample(
  parts: Int32Array[],
  counts: ReturnType<typeof sampleCounts>,
): { n: number; middle: number[] } {
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
 * SPEC §4's counts and sums for every node of a tree at once, in one grouped statement (nodeRows: one pass over the
 * projects in node order, no closure join, no sort): the counts, exact split sums (planned totals; arrivals from each
 * project's arrival summary, see arrivedWithin) and the two day samples (the generated day columns, as text), each
 * an aggregate FILTER. JS then adds every node into each of its ancestors (rollUp) and reads each median off the
 * ancestor's merged day samples, counted by value.
 */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
export async function outcomeAggregatesByNode(
  db: Db,
  r: Rollup,
  q: OutcomeRequest,
): Promise<Map<number, OutcomeAggregates>> {
  const { asOf } = q;
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const overdueBy = addDays(asOf, -180);
  const where = counted(r, asOf);
  const planned = splitSum(p.plannedTotalFen, by(p.signedOn));
  const arrived = arrivedWithin({ to: asOf }, by(p.signedOn));
  // The generated day counts (schema.ts), read from the covering index.
  const days = (to: SQLWrapper, value: SQLWrapper) => sql`group_concat(${value}) filter (where ${by(to)})`;
  const rows = await nodeRows<OutcomeRow>(
    db,
    r,
    sql`count(*) as leads,
      ${sql.join(
        stages.map((s) => sql`${count(by(reachColumn[s]))} as ${sql.raw(s)}`),
        sql`, `,
      )},
      ${count(by(p.droppedOn))} as dropped,
      ${count(sql`${by(p.registeredOn)} and ${p.investmentId} is not null`)} as investment_linked,
      ${count(sql`${by(p.signedOn)} and ${p.plannedTotalFen} >= ${q.bigProjectFen}`)} as big_signed,
      ${count(sql`${p.signedOn} <= ${overdueBy} and not coalesce(${by(p.startedOn)}, 0) and not coalesce(${by(p.droppedOn)}, 0)`)} as overdue,
      ${asText(planned.hi)} as planned_hi, ${asText(planned.lo)} as planned_lo,
      ${asText(arrived.hi)} as arrived_hi, ${asText(arrived.lo)} as arrived_lo,
      ${days(p.signedOn, p.signDays)} as sign_days, ${days(p.registeredOn, p.registerDays)} as register_days`,
    where,
  );

  // The range of every day value, for the counts mergedSample reads medians off.
  let min = 0;
  let max = 0;
  const acc = rollUp(
    rows,
    (a) => {
      const own = {
        counts: additiveKeys.map((k) => Number(a[k])),
        planned: splitTotal(a.planned_hi, a.planned_lo),
        arrived: splitTotal(a.arrived_hi, a.arrived_lo),
        sign: daysOf(a.sign_days),
        register: daysOf(a.register_days),
      };
      for (const days of [own.sign, own.register]) {
        for (let i = 0; i < days.length; i++) {
          const v = days[i]!;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      return own;
    },
    () => ({
      counts: additiveKeys.map(() => 0),
      planned: 0n,
      arrived: 0n,
      sign: [] as Int32Array[],
      register: [] as Int32Array[],
    }),
    (e, own) => {
      for (let i = 0; i < own.counts.length; i++) e.counts[i]! += own.counts[i]!;
      e.planned += own.planned;
      e.arrived += own.arrived;
      if (own.sign.length) e.sign.push(own.sign);
      if (own.register.length) e.register.push(own.register);
    },
  );

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
