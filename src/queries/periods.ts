import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { arrivals, fundTree, projects as p, unitTree } from '../db/schema';
import { periodMetrics, type PeriodAggregates, type Window } from '../domain/assessment';
import type { UnitView } from '../domain/vocabulary';
import type { ReadContext } from './funds';
import { arrivedWithin, nodeRows, rollUp, type Rollup } from './outcomes';
import { asText, countWhere, splitSum, splitTotal } from './sums';
import { inScope } from './trees';
import type { ServiceAggregates } from './service';
import type { Part, Row } from './together';

// 考核's period figures (SPEC §7, §9): what each unit (one view) and each fund family did in one or two windows —
// project counts and sums in one grouped statement over the unit or fund tree, the service loop's counts beside them —
// and the 到资审核 figures of the 通报. assessment.ts sets targets against them and scores them.

const PERIOD_COUNTS = ['new_leads', 'signed', 'big_signed', 'started', 'producing'] as const;

/**
 * The period figures of every node of a tree for each window, in one grouped statement: one pass over the projects
 * grouped by the node a project sits at (nodeRows); JS adds every node into each of its ancestors (rollUp, each
 * project once per ancestor). A project counts in a window when the date it reached the stage (or its report
 * date, for newLeads) lies in the window and it was reported by the window's end; arrivals by their own dates.
 */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
async function periodAggregatesByNode(
  db: Db,
  r: Rollup,
  windows: readonly Window[],
  bigProjectFen: number,
): Promise<Map<number, PeriodAggregates[]>> {
  const lastDay = windows.reduce((a, w) => (w.to > a ? w.to : a), windows[0]!.to);
  const where = sql`${p.status} = 'confirmed' and ${r.node} is not null and ${p.reportedOn} <= ${lastDay}${r.projects ? sql` and ${r.projects}` : sql``}`;
  const inWindow = (w: Window, col: SQLWrapper) =>
    sql`${p.reportedOn} <= ${w.to} and ${col} between ${w.from} and ${w.to}`;
  const cols: SQL[] = [];
  windows.forEach((w, i) => {
    const col = (name: string) => sql.raw(`w${i}_${name}`);
    const planned = splitSum(p.plannedTotalFen, inWindow(w, p.signedOn));
    const arrived = arrivedWithin(w, sql`${p.reportedOn} <= ${w.to}`);
    cols.push(
      sql`${countWhere(inWindow(w, p.reportedOn))} as ${col('new_leads')}`,
      sql`${countWhere(inWindow(w, p.signedOn))} as ${col('signed')}`,
      sql`${countWhere(sql`${inWindow(w, p.signedOn)} and ${p.plannedTotalFen} >= ${bigProjectFen}`)} as ${col('big_signed')}`,
      sql`${countWhere(inWindow(w, p.startedOn))} as ${col('started')}`,
      sql`${countWhere(inWindow(w, p.producingOn))} as ${col('producing')}`,
      sql`${asText(planned.hi)} as ${col('planned_hi')}`,
      sql`${asText(planned.lo)} as ${col('planned_lo')}`,
      sql`${asText(arrived.hi)} as ${col('arrived_hi')}`,
      sql`${asText(arrived.lo)} as ${col('arrived_lo')}`,
    );
  });
  const rows = await nodeRows<Record<string, string | number | null>>(db, r, sql.join(cols, sql`, `), where);
  const acc = rollUp(
    rows,
    (row) =>
      windows.map((_, i) => ({
        counts: PERIOD_COUNTS.map((k) => Number(row[`w${i}_${k}`])),
        planned: splitTotal(row[`w${i}_planned_hi`], row[`w${i}_planned_lo`]),
        arrived: splitTotal(row[`w${i}_arrived_hi`], row[`w${i}_arrived_lo`]),
      })),
    () => windows.map(() => ({ counts: PERIOD_COUNTS.map(() => 0), planned: 0n, arrived: 0n })),
    (sums, own) =>
      sums.forEach((s, i) => {
        own[i]!.counts.forEach((n, k) => (s.counts[k]! += n));
        s.planned += own[i]!.planned;
        s.arrived += own[i]!.arrived;
      }),
  );
  const out = new Map<number, PeriodAggregates[]>();
  for (const [node, sums] of acc) {
    out.set(
      node,
      sums.map((s) => {
        const [newLeads, signed, bigSigned, started, producing] = s.counts as [number, number, number, number, number];
        return {
          newLeads,
          signed,
          signedPlanned: s.planned.toString(),
          bigSigned,
          started,
          producing,
          arrived: s.arrived.toString(),
          // The service loop's figures are the service report's (withService).
          outbound: 0,
          topLed: 0,
          visits: 0,
          requestsResolved: 0,
        };
      }),
    );
  }
  return out;
}

/** 到资认定 in a window (SPEC §9): money confirmed in it (by confirmation date) and money still pending at its end, in fen. */
export interface ArrivalReview {
  confirmed: bigint;
  pending: bigint;
}

/**
 * The 通报's 到资认定 figures of every node of the unit tree (one view) and of the fund tree for one window, as one
 * query for `together` (queries/together.ts): per tree, one grouped branch over the arrivals the window touches (read
 * from arrivals_status_idx, joined to their confirmed projects reported by its end), its rows tagged 'u' or 'f' with
 * the nodes each counts for; arrivalReviews rolls them up like the period figures. Pending at the end: dated and
 * entered by then, and pending still or decided after it.
 */
export function arrivalReviewPart(ctx: ReadContext, view: UnitView, w: Window): Part {
  const a = arrivals;
  const confirmedIn = sql`${a.status} = 'confirmed' and ${a.reviewedOn} between ${w.from} and ${w.to}`;
  const pendingAtEnd = sql`${a.arrivedOn} <= ${w.to} and ${a.enteredOn} <= ${w.to} and (${a.status} = 'pending' or ${a.reviewedOn} > ${w.to})`;
  const touching = sql`(${confirmedIn} or (${a.status} = 'pending' and ${a.arrivedOn} <= ${w.to}) or (${a.status} <> 'pending' and ${a.reviewedOn} > ${w.to}))`;
  const confirmed = splitSum(a.amountFen, confirmedIn);
  const pending = splitSum(a.amountFen, pendingAtEnd);
  const branch = (tag: 'u' | 'f', r: Rollup) => {
    const ancestors = r.ancestors?.(r.tree.ancestorId);
    return sql`select '${sql.raw(tag)}' as tree, g.*, (select group_concat(${r.tree.ancestorId}) from ${r.tree}
        where ${r.tree.descendantId} = g.node${ancestors ? sql` and ${ancestors}` : sql``}) as up
      from (select ${r.node} as node, ${asText(confirmed.hi)} as confirmed_hi, ${asText(confirmed.lo)} as confirmed_lo,
          ${asText(pending.hi)} as pending_hi, ${asText(pending.lo)} as pending_lo
        from ${a} indexed by arrivals_status_idx join ${p} on ${p.id} = ${a.projectId}
        where ${touching} and ${p.status} = 'confirmed' and ${r.node} is not null and ${p.reportedOn} <= ${w.to}${r.projects ? sql` and ${r.projects}` : sql``}
        group by ${r.node}) g`;
  };
  return {
    query: sql`${branch('u', unitRollup(ctx, view))} union all ${branch('f', fundRollup(ctx))}`,
    columns: ['tree', 'node', 'up', 'confirmed_hi', 'confirmed_lo', 'pending_hi', 'pending_lo'],
  };
}

/** The rows of arrivalReviewPart rolled up each tree: by unit and by fund. */
export function arrivalReviews(rows: Row[]): Record<'units' | 'funds', Map<number, ArrivalReview>> {
  const of = (tag: string) =>
    rollUp(
      rows.filter((row) => row.tree === tag).map((row) => ({ node: Number(row.node), up: row.up ?? null, row })),
      ({ row }) => ({
        confirmed: splitTotal(row.confirmed_hi, row.confirmed_lo),
        pending: splitTotal(row.pending_hi, row.pending_lo),
      }),
      (): ArrivalReview => ({ confirmed: 0n, pending: 0n }),
      (sums, own) => {
        sums.confirmed += own.confirmed;
        sums.pending += own.pending;
      },
    );
  return { units: of('u'), funds: of('f') };
}

/**
 * The period figures of every node with the service loop's (SPEC §9) in them: 走出去 and 走访拜访 activities,
 * 主要负责人带队, and the requests raised and resolved in the window (the service report's `resolved`).
 */
export function withService(
  projects: Map<number, PeriodAggregates[]>,
  service: Map<number, ServiceAggregates[]>,
): Map<number, PeriodAggregates[]> {
  const out = new Map(projects);
  for (const [node, sums] of service) {
    const own = out.get(node) ?? sums.map(noPeriod);
    out.set(
      node,
      own.map((a, i) => {
        const s = sums[i]!;
        return {
          ...a,
          outbound: s.activities.byKind.outbound,
          topLed: s.activities.topLed,
          visits: s.activities.byKind.visit,
          requestsResolved: s.requests.resolved,
        };
      }),
    );
  }
  return out;
}

export const noPeriod = (): PeriodAggregates =>
  Object.fromEntries(periodMetrics.map((m) => [m, 0])) as PeriodAggregates;

/** How the projects of one view roll up the unit tree (sub-units rolled up, each project once), within what the scope sees. */
export const unitRollup = (ctx: ReadContext, view: UnitView): Rollup => ({
  node: view === 'introducing' ? p.introducingUnitId : p.landingUnitId,
  tree: unitTree,
  read: view === 'introducing' ? 'projects_introducing_unit_idx' : 'projects_landing_unit_idx',
  projects: inScope(ctx.scope, p.sourceFundId),
});

/** How projects roll up the fund families the scope sees. */
export const fundRollup = (ctx: ReadContext): Rollup => ({
  node: p.sourceFundId,
  tree: fundTree,
  read: 'projects_fund_idx',
  projects: inScope(ctx.scope, p.sourceFundId),
  ancestors: (col) => inScope(ctx.scope, col),
});

/** Period figures of every unit in one view (sub-units rolled up, each project once), within what the scope sees. */
export const periodByUnit = (ctx: ReadContext, view: UnitView, windows: readonly Window[]) =>
  periodAggregatesByNode(ctx.db, unitRollup(ctx, view), windows, ctx.bigProjectFen);

/** Period figures of every fund family the scope sees. */
export const periodByFund = (ctx: ReadContext, windows: readonly Window[]) =>
  periodAggregatesByNode(ctx.db, fundRollup(ctx), windows, ctx.bigProjectFen);
