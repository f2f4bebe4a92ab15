import { sql, type SQL } from 'drizzle-orm';
import { alertCutoffs } from '../domain/alerts';
import type { Window } from '../domain/assessment';
import { activityKinds, type UnitView } from '../domain/vocabulary';
import { lastResolvedBy, requestStateAndRatingOn } from './requests';
import type { Part } from './together';
import { inScope, type Scope } from './trees';

// The three grouped statements of the service figures (SPEC §9, queries/service.ts rolls their rows up): 招商活动,
// 企业诉求 and 推进节点, each one query for every window at once, whatever the number of units, funds or records; read
// together (queries/together.ts) in one statement. A row holds its grouping keys and its figures, each named with the
// window (or end) it is of.

export interface ServiceRequest {
  view: UnitView;
  windows: readonly Window[];
  /** Only this unit and its sub-units: their rows, and the records in them (for the fund rows too). */
  unitId?: number;
  /** Only this fund family: its funds' rows, and its records (for the unit rows too). */
  fundId?: number;
  /** Leave the nodes out (their figures stay zero): the assessment's period figures read activities and requests. */
  withoutNodes?: boolean;
}

/**
 * The distinct ends of the windows (what the figures as of a day read: a request's state, a node's): the 通报's month
 * and year to date end on one day, so their states are read once. `of[i]` is window i's end's position in `ends`.
 */
export function windowEnds(windows: readonly Window[]): { ends: string[]; of: number[] } {
  const ends = [...new Set(windows.map((w) => w.to))];
  return { ends, of: windows.map((w) => ends.indexOf(w.to)) };
}

const inUnit = (col: SQL, unitId: number) =>
  sql`${col} in (select descendant_id from unit_tree where ancestor_id = ${unitId})`;
const inFamilyOf = (col: SQL, fundId: number) =>
  sql`${col} in (select descendant_id from fund_tree where ancestor_id = ${fundId})`;
const and = (parts: (SQL | undefined)[]) =>
  sql.join(
    parts.filter((x): x is SQL => x !== undefined).map((x) => sql` and ${x}`),
    sql``,
  );

const cols = (n: number, make: (i: number) => SQL) =>
  sql.join(
    Array.from({ length: n }, (_, i) => make(i)),
    sql`, `,
  );

/** A project's unit in the view. */
const unitOf = (view: UnitView) => (view === 'introducing' ? sql`p.introducing_unit_id` : sql`p.landing_unit_id`);

/**
 * 招商活动 of every unit (its sub-units' included) and fund family for each window, in one statement: the activities
 * started within the windows (a manager: those done for its funds), each joined to its unit's and its fund's
 * ancestors through the closure tables; per (tree, node), counts by kind and 主要负责人带队, distinct companies met
 * (the company when linked, else the name's key) and distinct confirmed projects produced (CROSS JOIN keeps the
 * order: from the activities to their links to the projects by id, never a walk of every confirmed project).
 */
export function activityQuery(scope: Scope, req: ServiceRequest, lo: string, hi: string): Part {
  const W = req.windows.length;
  const flags = cols(
    W,
    (i) => sql`started_on between ${req.windows[i]!.from} and ${req.windows[i]!.to} as in${sql.raw(String(i))}`,
  );
  const where = and([
    inScope(scope, sql`fund_id`),
    req.fundId ? inFamilyOf(sql`fund_id`, req.fundId) : undefined,
    req.unitId ? inUnit(sql`unit_id`, req.unitId) : undefined,
  ]);
  // Each branch names every column (null where it counts something else): a compound SELECT's terms line up.
  const figures = (part: 'a' | 'c' | 'p') =>
    cols(W, (i) => {
      const w = sql.raw(`in${i}`);
      const kinds = activityKinds.map((k) =>
        part === 'a' ? sql`count(*) filter (where ${w} and kind = ${sql.raw(`'${k}'`)})` : sql`null`,
      );
      return sql.join(
        [
          ...kinds.map((k, j) => sql`${k} as ${sql.raw(`${activityKinds[j]}${i}`)}`),
          sql`${part === 'a' ? sql`count(*) filter (where ${w} and top_led)` : sql`null`} as ${sql.raw(`top_led${i}`)}`,
          sql`${part === 'c' ? sql`count(distinct case when ac.company_id is not null then 'c' || ac.company_id else 'n' || ac.name_key end) filter (where ${w})` : sql`null`} as ${sql.raw(`companies${i}`)}`,
          sql`${part === 'p' ? sql`count(distinct ap.project_id) filter (where ${w})` : sql`null`} as ${sql.raw(`leads${i}`)}`,
        ],
        sql`, `,
      );
    });
  const query = sql`with a as (select id, unit_id, fund_id, kind, top_led, ${flags} from activities
      where started_on between ${lo} and ${hi}${where}),
    m as (select 'u' as tree, ut.ancestor_id as node, a.* from a join unit_tree ut on ut.descendant_id = a.unit_id
      union all select 'f' as tree, ft.ancestor_id as node, a.* from a join fund_tree ft on ft.descendant_id = a.fund_id)
    select tree, node, ${figures('a')} from m group by tree, node
    union all
    select tree, node, ${figures('c')} from m join activity_companies ac on ac.activity_id = m.id group by tree, node
    union all
    select tree, node, ${figures('p')} from m cross join activity_projects ap on ap.activity_id = m.id
      cross join projects p on p.id = ap.project_id
      where ap.link = 'produced' and p.status = 'confirmed'${and([inScope(scope, sql`p.source_fund_id`)])}
      group by tree, node`;
  const columns = req.windows.flatMap((_, i) =>
    [...activityKinds, 'top_led', 'companies', 'leads'].map((name) => `${name}${i}`),
  );
  return { query, columns: ['tree', 'node', ...columns] };
}

/**
 * A request's state and rating on `to` (requestStateAndRatingOn) without reading its history when its own row tells:
 * a history's dates never go back (a transition is dated on or after the last), so a request now 已回访 since a day
 * on or before `to` was so on `to` (with its rating), and one now 已办结 since then was 已办结; any other (open now, or
 * settled after `to`) looks its history up. Its last resolution by `to` likewise: resolvedOn, the last resolution of a
 * request now settled, when it is on or before `to`.
 */
const settledStateOn = (to: string) => sql`case when sr.status = 'closed' and sr.closed_on <= ${to}
    then 'closed|' || coalesce(sr.rating, '')
  when sr.status = 'resolved' and sr.resolved_on <= ${to} then 'resolved|'
  else ${requestStateAndRatingOn(sql`sr.id`, to)} end`;

/**
 * 企业诉求 for each window in one statement, grouped by the units and the fund a request belongs to: its responsible
 * unit, its project's unit in the view, its company's unit, its project's source fund (a manager: only requests on its
 * funds' projects). Per group, counts of each figure and the resolved ones' day sample; JS adds a group into every
 * unit above any of its three units (once) and every family above its fund.
 *
 * Each request's state and rating and its last resolution are looked up once per distinct window end (windowEnds),
 * in a materialized step: a flattened subquery would repeat each look-up in every figure that reads it (eight times).
 */
export function requestQuery(scope: Scope, req: ServiceRequest, hi: string): Part {
  const unit = unitOf(req.view);
  const { ends, of } = windowEnds(req.windows);
  // Per window: raised in it (r); per end: the state and rating on that day from the history (st), the last
  // resolution by then (lr), due (d: raised by then with its due date passed). Settled (s) is 已办结 or 已回访 on
  // that day; overdue, still open with its due date passed.
  const flags = sql.join(
    [
      ...req.windows.map((w, i) => sql`sr.raised_on between ${w.from} and ${w.to} as ${sql.raw(`r${i}`)}`),
      ...ends.map(
        (to, k) => sql`${settledStateOn(to)} as ${sql.raw(`st${k}`)},
      case when sr.status in ('resolved', 'closed') and sr.resolved_on <= ${to} then sr.resolved_on
        else ${lastResolvedBy(sql`sr.id`, to)} end as ${sql.raw(`lr${k}`)},
      sr.raised_on <= ${to} and sr.due_on < ${to} as ${sql.raw(`d${k}`)}`,
      ),
    ],
    sql`, `,
  );
  const figures = cols(req.windows.length, (i) => {
    const [r, st, lr, due] = [`r${i}`, `st${of[i]}`, `lr${of[i]}`, `d${of[i]}`].map((x) => sql.raw(x)) as [
      SQL,
      SQL,
      SQL,
      SQL,
    ];
    const n = (name: string) => sql.raw(`${name}${i}`);
    const s = sql`(${st} like 'resolved|%' or ${st} like 'closed|%')`;
    return sql`count(*) filter (where ${r}) as ${n('raised')},
      count(*) filter (where ${r} and ${s}) as ${n('resolved')},
      count(*) filter (where ${r} and ${s} and ${lr} <= due_on) as ${n('on_time')},
      count(*) filter (where ${due} and not coalesce(${s}, 0)) as ${n('overdue')},
      count(*) filter (where ${r} and ${st} like 'closed|_%') as ${n('rated')},
      count(*) filter (where ${r} and ${st} in ('closed|satisfied', 'closed|basic')) as ${n('satisfied')},
      group_concat(cast(round(julianday(${lr}) - julianday(raised_on)) as integer)) filter (where ${r} and ${s}) as ${n('days')}`;
  });
  const where = and([
    inScope(scope, sql`p.source_fund_id`),
    req.fundId ? inFamilyOf(sql`p.source_fund_id`, req.fundId) : undefined,
    req.unitId
      ? sql`(${inUnit(sql`sr.unit_id`, req.unitId)} or ${inUnit(unit, req.unitId)} or ${inUnit(sql`c.unit_id`, req.unitId)})`
      : undefined,
  ]);
  const query = sql`with q as materialized (
      select sr.unit_id as ru, ${unit} as pu, c.unit_id as cu, p.source_fund_id as f, sr.raised_on, sr.due_on, ${flags}
      from service_requests sr left join projects p on p.id = sr.project_id
        left join companies c on c.id = sr.company_id
      where sr.raised_on <= ${hi}${where})
    select ru, pu, cu, f, ${figures} from q group by ru, pu, cu, f`;
  const columns = req.windows.flatMap((_, i) =>
    ['raised', 'resolved', 'on_time', 'overdue', 'rated', 'satisfied', 'days'].map((name) => `${name}${i}`),
  );
  return { query, columns: ['ru', 'pu', 'cu', 'f', ...columns] };
}

/**
 * 推进节点 as of each distinct window end (windowEnds) in one statement: the nodes of confirmed projects (within the
 * scope) not dropped by that day, a stage node's actual date its project's reached date of that stage (§4), a task
 * node's its own. Counted per project first (the projects in id order, each with its nodes from project_nodes_project_idx:
 * no sort), then those per-project counts summed by the project's unit (in the view) and by its source fund — a few
 * thousand rows, where grouping every node by (unit, fund) sorted a million nodes into a hundred thousand groups.
 * Rows: `tree` 'u' or 'f', `node` the unit or fund (null: a project at none), figures per end; beside them `alert`, the
 * 节点滞后 alerts as of the end with the default grace (queries/alerts.ts: a live project reported by then), so the
 * 通报 need not walk the nodes again for its alert count.
 */
export function nodeQuery(scope: Scope, req: ServiceRequest): Part {
  const { ends } = windowEnds(req.windows);
  const unit = unitOf(req.view);
  const actual = sql`case n.stage when 'registered' then p.registered_on when 'started' then p.started_on
    when 'completed' then p.completed_on when 'producing' then p.producing_on else n.actual_on end`;
  const perProject = cols(ends.length, (k) => {
    const D = ends[k]!;
    const n = (name: string) => sql.raw(`${name}${k}`);
    const live = sql`coalesce(p.dropped_on > ${D}, 1)`;
    const done = sql`coalesce(${actual} <= ${D}, 0)`;
    return sql`count(*) filter (where ${live} and n.planned_on <= ${D}) as ${n('due')},
      count(*) filter (where ${live} and n.planned_on <= ${D} and ${done} and ${actual} <= n.planned_on) as ${n('on_time')},
      count(*) filter (where ${live} and not ${done} and n.planned_on < ${D}) as ${n('overdue')},
      count(*) filter (where ${live} and n.planned_on <> n.baseline_on) as ${n('replanned')},
      count(*) filter (where ${live} and p.reported_on <= ${D} and not ${done}
        and n.planned_on <= ${alertCutoffs(D).node_overdue}) as ${n('alert')}`;
  });
  const names = ends.flatMap((_, k) => ['due', 'on_time', 'overdue', 'replanned', 'alert'].map((x) => `${x}${k}`));
  const sums = sql.raw(names.map((x) => `sum(${x}) as ${x}`).join(', '));
  const where = and([
    inScope(scope, sql`p.source_fund_id`),
    req.fundId ? inFamilyOf(sql`p.source_fund_id`, req.fundId) : undefined,
    req.unitId ? inUnit(unit, req.unitId) : undefined,
  ]);
  const query = sql`with pn as materialized (
      select ${unit} as u, p.source_fund_id as f, ${perProject}
      from projects p join project_nodes n on n.project_id = p.id
      where p.status = 'confirmed'${where}
      group by p.id)
    select 'u' as tree, u as node, ${sums} from pn group by u
    union all
    select 'f' as tree, f as node, ${sums} from pn group by f`;
  return { query, columns: ['tree', 'node', ...names] };
}
