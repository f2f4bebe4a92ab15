import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { arrivals, fundTree, projects as p, unitTree } from '../db/schema';
import { addDays } from '../domain/dates';
import type { OutcomeAggregates } from '../domain/outcomes';
import { progressStages as stages } from '../domain/vocabulary';
import { reachColumn } from './stages';
import { joinSum, splitSum } from './sums';

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

export const projectsOf = (r: Rollup) => (r.read === 'scan' ? sql`${p} not indexed` : sql`${p} indexed by ${sql.raw(r.read)}`);

/** Per-node rows of `inner` summed for every ancestor through the closure table; with one root, already its own. */
export const rolledUp = (r: Rollup, inner: SQL, measures: SQL, groupExtra?: SQL) => {
  if (r.root !== undefined) return sql`select g.node as node, ${measures} from (${inner}) g group by g.node${groupExtra ?? sql``}`;
  const where = r.ancestors?.(r.tree.ancestorId);
  return sql`select ${r.tree.ancestorId} as node, ${measures} from (${inner}) g join ${r.tree} on ${r.tree.descendantId} = g.node${where ? sql` where ${where}` : sql``} group by ${r.tree.ancestorId}${groupExtra ?? sql``}`;
};

interface AdditiveRow {
  node: number;
  leads: number;
  negotiating: number;
  signed: number;
  registered: number;
  started: number;
  completed: number;
  producing: number;
  dropped: number;
  investment_linked: number;
  big_signed: number;
  overdue: number;
  planned_hi: string;
  planned_lo: string;
  arrived_hi: string;
  arrived_lo: string;
}

interface MiddleRow {
  node: number;
  kind: 'sign' | 'register';
  value: number;
  first: number;
  last: number;
  total: number;
}

/**
 * SPEC §4's counts and sums for every node of a tree at once, in two grouped statements: one pass over the
 * projects grouped by node (counts, exact split sums), and over their arrivals, rolled up to ancestors through the
 * closure table; and the day histograms of the two medians, rolled up the same way, of which SQL keeps only the
 * one or two middle values per ancestor (window sums over the histogram).
 */
export async function outcomeAggregatesByNode(db: Db, r: Rollup, q: OutcomeRequest): Promise<Map<number, OutcomeAggregates>> {
  const { asOf } = q;
  const by = (col: SQLWrapper) => sql`${col} <= ${asOf}`;
  const overdueBy = addDays(asOf, -180);
  const where = counted(r, asOf);
  const planned = splitSum(sql`case when ${by(p.signedOn)} then ${p.plannedTotalFen} end`);
  const additive = sql`select ${nodeOf(r)} as node, count(*) as leads,
      ${sql.join(stages.map((s) => sql`${count(by(reachColumn[s]))} as ${sql.raw(s)}`), sql`, `)},
      ${count(by(p.droppedOn))} as dropped,
      ${count(sql`${by(p.registeredOn)} and ${p.investmentId} is not null`)} as investment_linked,
      ${count(sql`${by(p.signedOn)} and ${p.plannedTotalFen} >= ${q.bigProjectFen}`)} as big_signed,
      ${count(sql`${p.signedOn} <= ${overdueBy} and not coalesce(${by(p.startedOn)}, 0) and not coalesce(${by(p.droppedOn)}, 0)`)} as overdue,
      ${planned.hi} as planned_hi, ${planned.lo} as planned_lo, 0 as arrived_hi, 0 as arrived_lo
    from ${projectsOf(r)} where ${where}${groupByNode(r)}`;
  const counts = ['leads', ...stages, 'dropped', 'investment_linked', 'big_signed', 'overdue'];
  const sums = counts.map((k) => sql`sum(g.${sql.raw(k)}) as ${sql.raw(k)}`);
  const texts = ['planned_hi', 'planned_lo', 'arrived_hi', 'arrived_lo'].map((k) => sql`cast(sum(g.${sql.raw(k)}) as text) as ${sql.raw(k)}`);
  // The arrivals per node ride in the same pass, as rows of their own (every count 0), so one roll-up join serves both.
  const arrived = splitSum(arrivals.amountFen);
  const arrivedInner = sql`select ${nodeOf(r)} as node, ${sql.raw(counts.map(() => '0').join(', '))}, 0, 0, ${arrived.hi}, ${arrived.lo}
    from ${projectsOf(r)} join ${arrivals} on ${arrivals.projectId} = ${p.id}
    where ${where} and ${by(p.signedOn)} and ${arrivals.arrivedOn} <= ${asOf}${groupByNode(r)}`;
  const days = (from: SQLWrapper, to: SQLWrapper) => sql`cast(round(julianday(${to}) - julianday(${from})) as integer)`;
  const histogram = (kind: string, from: SQLWrapper, to: SQLWrapper) =>
    sql`select ${nodeOf(r)} as node, ${kind} as kind, ${days(from, to)} as value, count(*) as n from ${projectsOf(r)} where ${where} and ${by(to)}${groupByNode(r, sql`value`)}`;
  const middle = sql`with h as (${rolledUp(
    r,
    sql`${histogram('sign', p.reportedOn, p.signedOn)} union all ${histogram('register', p.signedOn, p.registeredOn)}`,
    sql`g.kind as kind, g.value as value, sum(g.n) as n`,
    sql`, g.kind, g.value`,
  )}), c as (
      select node, kind, value, n,
        sum(n) over (partition by node, kind order by value rows between unbounded preceding and current row) as cum,
        sum(n) over (partition by node, kind) as total
      from h)
    select node, kind, value, cum - n as first, cum - 1 as last, total from c
    where cum - n <= total / 2 and cum - 1 >= (total - 1) / 2`;

  const [rows, middleRows] = await Promise.all([
    db.all<AdditiveRow>(rolledUp(r, sql`${additive} union all ${arrivedInner}`, sql.join([...sums, ...texts], sql`, `))),
    db.all<MiddleRow>(middle),
  ]);

  const middles = new Map<string, { n: number; lo: number[]; hi: number[] }>();
  for (const m of middleRows) {
    const key = `${m.node}:${m.kind}`;
    const total = Number(m.total);
    const entry = middles.get(key) ?? { n: total, lo: [], hi: [] };
    // The sample's median positions: (n − 1) / 2 and n / 2, 0-based, rounded down (one position for odd n).
    const lo = Math.floor((total - 1) / 2);
    const hi = Math.floor(total / 2);
    if (Number(m.first) <= lo && lo <= Number(m.last)) entry.lo.push(Number(m.value));
    if (Number(m.first) <= hi && hi <= Number(m.last)) entry.hi.push(Number(m.value));
    middles.set(key, entry);
  }
  const sample = (node: number, kind: MiddleRow['kind']) => {
    const m = middles.get(`${node}:${kind}`);
    if (!m) return { n: 0, middle: [] };
    return { n: m.n, middle: m.n % 2 === 1 ? m.lo.slice(0, 1) : [...m.lo.slice(0, 1), ...m.hi.slice(0, 1)] };
  };

  const out = new Map<number, OutcomeAggregates>();
  for (const a of rows) {
    const node = Number(a.node);
    out.set(node, {
      leads: Number(a.leads),
      reached: Object.fromEntries(stages.map((s) => [s, Number(a[s])])) as OutcomeAggregates['reached'],
      dropped: Number(a.dropped),
      investmentLinked: Number(a.investment_linked),
      bigSigned: Number(a.big_signed),
      overdue: Number(a.overdue),
      plannedTotalFen: joinSum(a.planned_hi, a.planned_lo).toFixed(0),
      arrivedFen: joinSum(a.arrived_hi, a.arrived_lo).toFixed(0),
      signDays: sample(node, 'sign'),
      registerDays: sample(node, 'register'),
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
