// 企业诉求 (SPEC §9): the states a request may go to from each state, what a transition writes on the request, and the
// rules of its dates. Pure: the routes and records call these, the tests read the table.
import { addDays } from './dates';
import { defaultRequestDays, requestStatusNames, type RequestRating, type RequestStatus } from './vocabulary';

/**
 * The state machine: from each state, the states a transition may go to. open → accepted (受理) → resolved (办结) →
 * closed (回访); resolved or closed → open (重新打开), after which the request is accepted and resolved again.
 */
export const requestTransitions = {
  open: ['accepted'],
  accepted: ['resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
} as const satisfies Record<RequestStatus, readonly RequestStatus[]>;

/** A transition by what the clerk does: 受理, 办结, 回访, 重新打开. */
export const transitionNames = {
  accepted: '受理',
  resolved: '办结',
  closed: '回访',
  open: '重新打开',
} as const satisfies Record<RequestStatus, string>;

/** Whether a request in state `from` may go to `to` (requestTransitions). */
export const mayTransition = (from: RequestStatus, to: RequestStatus): boolean =>
  (requestTransitions[from] as readonly RequestStatus[]).includes(to);

/** Why a request in state `from` may not go to `to`, in Chinese, or null when it may. */
export function transitionProblem(from: RequestStatus, to: RequestStatus): string | null {
  if (mayTransition(from, to)) return null;
  const allowed = requestTransitions[from].map((s) => transitionNames[s]).join('或');
  return `诉求当前为“${requestStatusNames[from]}”，不能${transitionNames[to]}（只能${allowed}）`;
}

/** Why a transition dated `on` is refused — before the last entry of the history, or after today — or null. */
export function transitionDateProblem(on: string, lastOn: string, today: string): string | null {
  if (on < lastOn) return `日期 ${on} 早于该诉求上一次办理的日期 ${lastOn}`;
  if (on > today) return `日期 ${on} 晚于今天（${today}）`;
  return null;
}

/** Why a request's dates are refused — raised after today, due before raised — as [field, message], or null. */
export function requestDatesProblem(raisedOn: string, dueOn: string, today: string): [string, string] | null {
  if (raisedOn > today) return ['raisedOn', `提出日期 ${raisedOn} 晚于今天（${today}）`];
  if (dueOn < raisedOn) return ['dueOn', `办结时限 ${dueOn} 早于提出日期 ${raisedOn}`];
  return null;
}

/** The range of days from raised to due the platform may set for a category. */
export const REQUEST_DAYS = { min: 1, max: 365 } as const;

/** A stored day count as the settings reader takes it: an integer within REQUEST_DAYS, else unset (null). */
export function parseRequestDays(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d{1,3}$/.test(value)) return null;
  const n = Number(value);
  return n >= REQUEST_DAYS.min && n <= REQUEST_DAYS.max ? n : null;
}

/** 办结时限: dueOn = raisedOn + the category's days (the platform's setting; 15 when unset). */
export const requestDueOn = (raisedOn: string, days: number | null | undefined): string =>
  addDays(raisedOn, days ?? defaultRequestDays);

/** What a transition writes on the request: the state in force and the fields that follow it. */
export interface TransitionFields {
  status: RequestStatus;
  resolvedOn?: string | null;
  resolution?: string | null;
  rating?: RequestRating | null;
  closedOn?: string | null;
}

/**
 * The request's fields after a transition to `to` on `on`: a resolution sets resolvedOn (the last resolution's date)
 * and its text; 回访 sets the rating and closedOn and keeps resolvedOn; reopening clears all four (the history keeps
 * them); 受理 changes only the state.
 */
export function transitionFields(
  to: RequestStatus,
  on: string,
  text: string | null,
  rating: RequestRating | null,
): TransitionFields {
  switch (to) {
    case 'accepted':
      return { status: 'accepted' };
    case 'resolved':
      return { status: 'resolved', resolvedOn: on, resolution: text };
    case 'closed':
      return { status: 'closed', rating, closedOn: on };
    case 'open':
      return { status: 'open', resolvedOn: null, resolution: null, rating: null, closedOn: null };
  }
}

/** Whether a request is overdue as of D (诉求超期): not resolved (open or accepted) and dueOn < D. */
export const requestOverdue = (status: RequestStatus, dueOn: string, asOf: string): boolean =>
  (status === 'open' || status === 'accepted') && dueOn < asOf;
