import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { arrivals, fundTree, projects as p, unitTree } from '../db/schema';
import { addDays } from '../domain/dates';
import { middleValues, stages, type OutcomeAggregates } from '../domain/outcomes';
import { reachColumn } from './stages';
import { asText, splitSum, splitTotal } from './sums';

/**
 * How projects roll up a tree: each project sits at one node (`node`: its source fund, or its introducing or
 * landing unit) and counts for every ancestor of that node (the node itself included), each project once per
 * ancestor. `projects` narrows the projects (scope, a fund's family); `ancestors` narrows the nodes reported.
 */
export interface Rollup {
  node: SQLiteColumn;
  tree: typeof fundTree | typeof unitTree;
  /**
   * How to read the projects table. Without statistics SQLite picks projects_status_idx and looks up every row;
   * by source fund the covering projects_fund_idx holds every column read, in fund order (a third of the cost at
   * 100,000 projects); by unit a plain scan beats the unit indexes, which would look up each row in random order.
   */
  read: 'projects_fund_idx' | 'scan';
  /** One node only (a fund's own metrics): `projects` holds exactly its projects, so they are counted as one group. */
  root?: number;
  projects?: SQL;
  ancestors?: (ancestorId: SQLWrapper) => SQL | undefined;
}

export interface OutcomeRequest {
  asOf: string;
  bigProjectFen: number;
}

const count = (cond: SQL) => sql`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

/** The projects every outcome counts: confirmed, reported by asOf, placed at a node, within `r.projects`. */
const counted = (r: Rollup, asOf: string) =>
  sql`${p.status} = 'confirmed' and ${p.reportedOn} <= ${asOf} and ${r.node} is not null${r.projects ? sql` and ${r.projects}` : sql``}`;

/** The node a project counts for, and the grouping by it (none when the rollup has one root). */
const nodeOf = (r: Rollup) => (r.root === undefined ? sql`${r.node}` : sql`${r.root}`);
const groupByNode = (r: Rollup, also?: SQL) =>
  r.root === undefined ? sql` group by ${r.node}${also ? sql`, ${also}` : sql``}` : also ? sql` group by ${also}` : sql``;

const projectsOf = (r: Rollup) => (r.read === 'scan' ? sql`${p} not indexed` : sql`${p} indexed by ${sql.raw(r.read)}`);

/**
 * The nodes a node's projects count for, as SQL over a per-node row `g`: its ancestors through the closure table
 * (itself included) within `r.ancestors`, as a comma-separated list; with one root, the root alone.
 */
const upOf = (r: Rollup) => {
  if (r.root !== undefined) return sql`cast(g.node as text)`;
  const where = r.ancestors?.(r.tree.ancestorId);
  return sql`(select group_concat(${r.tree.ancestorId}) from ${r.tree} where ${r.tree.descendantId} = g.node${where ? sql` and ${where}` : sql``})`;
};

const additiveKeys = ['leads', ...stages, 'dropped', 'investment_linked', 'big_signed', 'overdue'] as const;
type AdditiveRow = Record<(typeof additiveKeys)[number], number> & { node: number; up: string | null; planned_hi: string; planned_lo: string };

interface ArrivedRow {
  node: number;
  hi: string;
  lo: string;
}

interface HistogramRow {
  node: number;
  kind: 'sign' | 'register';
  /** The node's own day histogram: "days:count" pairs, comma-separated. */
  hist: string;
}

/** One ancestor's running figures while the nodes below it are added in. */
interface Accumulator {
  counts: number[];
  planned: bigint;
  arrived: bigint;
  sign: Map<number, number>;
  register: Map<number, number>;
}

/**
 * SPEC §4's counts and sums for every node of a tree at once, in three grouped statements, each one pass over the
 * projects grouped by the node a project sits at (no closure join, no sort of the roll-up in SQL): the counts and
 * exact split sums, with each node's ancestors (the closure table, within `r.ancestors`) as a list; the arrivals;
 * and each node's two day histograms as text. JS then adds every node into each of its ancestors (each project
 * once per ancestor: a node's ancestors are distinct) and reads each median off the rolled-up histogram.
 */
export async function outcomeAggregatesByNode(db: Db, r: Rollup, q: OutcomeRequest): Promise<Map<number, OutcomeAggregates>> {
  const { asOf } = q;
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const overdueBy = addDays(asOf, -180);
  const where = counted(r, asOf);
  const planned = splitSum(sql`case when ${by(p.signedOn)} then ${p.plannedTotalFen} end`);
  const additive = sql`select g.*, ${upOf(r)} as up from (select ${nodeOf(r)} as node, count(*) as leads,
      ${sql.join(stages.map((s) => sql`${count(by(reachColumn[s]))} as ${sql.raw(s)}`), sql`, `)},
      ${count(by(p.droppedOn))} as dropped,
      ${count(sql`${by(p.registeredOn)} and ${p.investmentId} is not null`)} as investment_linked,
      ${count(sql`${by(p.signedOn)} and ${p.plannedTotalFen} >= ${q.bigProjectFen}`)} as big_signed,
      ${count(sql`${p.signedOn} <= ${overdueBy} and not coalesce(${by(p.startedOn)}, 0) and not coalesce(${by(p.droppedOn)}, 0)`)} as overdue,
      ${asText(planned.hi)} as planned_hi, ${asText(planned.lo)} as planned_lo
    from ${projectsOf(r)} where ${where}${groupByNode(r)}) g`;
  const arrived = splitSum(arrivals.amountFen);
  const arrivedSql = sql`select ${nodeOf(r)} as node, ${asText(arrived.hi)} as hi, ${asText(arrived.lo)} as lo
    from ${projectsOf(r)} join ${arrivals} on ${arrivals.projectId} = ${p.id}
    where ${where} and ${by(p.signedOn)} and ${arrivals.arrivedOn} <= ${asOf}${groupByNode(r)}`;
  const days = (from: SQLWrapper, to: SQLWrapper) => sql`cast(round(julianday(${to}) - julianday(${from})) as integer)`;
  const histogram = (kind: string, from: SQLWrapper, to: SQLWrapper) =>
    sql`select ${nodeOf(r)} as node, ${kind} as kind, ${days(from, to)} as value, count(*) as n from ${projectsOf(r)} where ${where} and ${by(to)}${groupByNode(r, sql`value`)}`;
  const histograms = sql`select h.node as node, h.kind as kind, group_concat(h.value || ':' || h.n) as hist
    from (${histogram('sign', p.reportedOn, p.signedOn)} union all ${histogram('register', p.signedOn, p.registeredOn)}) h group by h.node, h.kind`;

  const [rows, arrivedRows, histogramRows] = await Promise.all([
    db.all<AdditiveRow>(additive),
    db.all<ArrivedRow>(arrivedSql),
    db.all<HistogramRow>(histograms),
  ]);

  const acc = new Map<number, Accumulator>();
  const upBy = new Map<number, Accumulator[]>();
  for (const a of rows) {
    const node = Number(a.node);
    const up = (a.up === null ? [] : String(a.up).split(',')).map((id) => {
      const ancestor = Number(id);
      let e = acc.get(ancestor);
      if (!e) acc.set(ancestor, (e = { counts: additiveKeys.map(() => 0), planned: 0n, arrived: 0n, sign: new Map(), register: new Map() }));
      return e;
    });
    upBy.set(node, up);
    const counts = additiveKeys.map((k) => Number(a[k]));
    const plannedFen = splitTotal(a.planned_hi, a.planned_lo);
    for (const e of up) {
      for (let i = 0; i < counts.length; i++) e.counts[i]! += counts[i]!;
      e.planned += plannedFen;
    }
  }
  for (const a of arrivedRows) {
    const fen = splitTotal(a.hi, a.lo);
    for (const e of upBy.get(Number(a.node)) ?? []) e.arrived += fen;
  }
  for (const h of histogramRows) {
    const up = upBy.get(Number(h.node)) ?? [];
    for (const pair of String(h.hist).split(',')) {
      const colon = pair.indexOf(':');
      const value = Number(pair.slice(0, colon));
      const n = Number(pair.slice(colon + 1));
      for (const e of up) {
        const m = e[h.kind];
        m.set(value, (m.get(value) ?? 0) + n);
      }
    }
  }

  const sample = (m: Map<number, number>) => {
    const histogram = [...m].sort((x, y) => x[0] - y[0]).map(([value, count]) => ({ value, count }));
    const n = histogram.reduce((t, h) => t + h.count, 0);
    return { n, middle: middleValues(histogram, n) };
  };
  const out = new Map<number, OutcomeAggregates>();
  for (const [node, e] of acc) {
    const c = Object.fromEntries(additiveKeys.map((k, i) => [k, e.counts[i]!])) as Record<(typeof additiveKeys)[number], number>;
    out.set(node, {
      leads: c.leads,
      reached: Object.fromEntries(stages.map((s) => [s, c[s]])) as OutcomeAggregates['reached'],
      dropped: c.dropped,
      investmentLinked: c.investment_linked,
      bigSigned: c.big_signed,
      overdue: c.overdue,
      plannedTotalFen: e.planned.toString(),
      arrivedFen: e.arrived.toString(),
      signDays: sample(e.sign),
      registerDays: sample(e.register),
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
