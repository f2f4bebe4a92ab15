import { addDays, daysBetween } from './dates';

// 预警 (SPEC §7, §9): the alert kinds, their day counts and cutoffs, and the alerts of one project's dates; SQL finds
// the projects, credits, arrivals, nodes and requests past a cutoff (queries/alerts.ts).

/** The alert kinds (预警): the four of SPEC §7 and the service loop's three (§9). */
export const alertKinds = [
  'signed_not_started',
  'started_not_completed',
  'stale',
  'pending_review',
  'node_overdue',
  'request_overdue',
  'no_liaison',
] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertKindLabels = {
  signed_not_started: '签约未开工',
  started_not_completed: '开工未竣工',
  stale: '长期无进展',
  pending_review: '待认定超期',
  node_overdue: '节点滞后',
  request_overdue: '诉求超期',
  no_liaison: '无人对接',
} as const satisfies Record<AlertKind, string>;

/**
 * The default day counts: a request may pass others. For 节点滞后 it is the grace after the planned date (an alert
 * once planned + grace < D); 诉求超期 (due date passed) and 无人对接 (signed, no current 对接人) take none: 0.
 */
export const alertDayDefaults = {
  signed_not_started: 180,
  started_not_completed: 730,
  stale: 90,
  pending_review: 14,
  node_overdue: 0,
  request_overdue: 0,
  no_liaison: 0,
} as const satisfies Record<AlertKind, number>;
export type AlertDays = Record<AlertKind, number>;

/** How a kind's day count reads beside its name: "180 天", "宽限 3 天", or nothing for a kind that takes none. */
export function alertRuleText(kind: AlertKind, days: AlertDays): string {
  if (kind === 'request_overdue' || kind === 'no_liaison') return '';
  return kind === 'node_overdue' ? `宽限 ${days[kind]} 天` : `${days[kind]} 天`;
}

/**
 * D − days for each kind: a clock started on or before its cut-off has run out (the dates SQL compares against). For
 * 节点滞后 the cut-off is D − grace − 1: a node planned on or before it is late by more than its grace.
 */
export function alertCutoffs(asOf: string, days: AlertDays = alertDayDefaults): Record<AlertKind, string> {
  const cut = (n: number) => addDays(asOf, -n);
  return {
    signed_not_started: cut(days.signed_not_started),
    started_not_completed: cut(days.started_not_completed),
    stale: cut(days.stale),
    pending_review: cut(days.pending_review),
    node_overdue: cut(days.node_overdue + 1),
    request_overdue: cut(1),
    no_liaison: asOf,
  };
}

export interface Alert {
  kind: AlertKind;
  /** The date the alert's clock started. */
  since: string;
  /** D − since. */
  days: number;
}

/** A confirmed project's dates: the date each stage was reached (SPEC §4), its drop, and its activity. */
export interface ProjectClock {
  reportedOn: string;
  reached: { signed: string | null; started: string | null; completed: string | null; producing: string | null };
  droppedOn: string | null;
  /** Dates of its current milestones (after corrections). */
  milestoneDates: readonly string[];
  arrivalDates: readonly string[];
}

const alert = (kind: AlertKind, since: string, asOf: string): Alert => ({
  kind,
  since,
  days: daysBetween(since, asOf),
});

/**
 * The alerts a confirmed project raises as of D (none once dropped by D): 签约未开工 (signed ≤ D − 180, not started),
 * 开工未竣工 (started ≤ D − 730, not completed), 长期无进展 (not producing, and its latest report, milestone or
 * arrival dated ≤ D is on or before D − 90).
 */
export function projectAlerts(p: ProjectClock, asOf: string, days: AlertDays = alertDayDefaults): Alert[] {
  const by = (date: string | null): date is string => date !== null && date <= asOf;
  if (p.reportedOn > asOf || by(p.droppedOn)) return [];
  const cutoff = alertCutoffs(asOf, days);
  const out: Alert[] = [];
  const { signed, started, completed, producing } = p.reached;
  if (by(signed) && signed <= cutoff.signed_not_started && !by(started))
    out.push(alert('signed_not_started', signed, asOf));
  if (by(started) && started <= cutoff.started_not_completed && !by(completed)) {
    out.push(alert('started_not_completed', started, asOf));
  }
  if (!by(producing)) {
    const latest = [p.reportedOn, ...p.milestoneDates, ...p.arrivalDates].filter(by).reduce((a, b) => (b > a ? b : a));
    if (latest <= cutoff.stale) out.push(alert('stale', latest, asOf));
  }
  return out;
}

/** 待认定超期: a pending project (by its reported date), credit (by its date) or arrival (by its date) waiting since on or before D − 14. */
export function pendingAlert(since: string, asOf: string, days: AlertDays = alertDayDefaults): Alert | null {
  return since <= alertCutoffs(asOf, days).pending_review ? alert('pending_review', since, asOf) : null;
}
