// The data of the alerts (预警) and 产业链 pages and of the cockpit's alert counts, read from src/queries directly as
// the visitor's scope sees it: the same functions, scope and checks as GET /api/alerts and /api/reports/chains.
import { alertKinds, type AlertDays, type AlertKind } from '../domain/alerts';
import type { ChainFigures } from '../domain/chains';
import type { AppEnv } from '../app-types';
import { notFound } from '../errors';
import {
  alertCounts,
  alertList,
  alertQuery,
  alertRequestOf,
  seesPendingReview,
  type AlertItem,
  type AlertQuery,
  type AlertRequest,
} from '../queries/alerts';
import { chainMapQuery, chainReport, type ChainMapQuery } from '../queries/chains';
import { fundAndUnitNames } from '../queries/names';

/** The most alerts the page lists (the export carries more). */
export const ALERTS_ON_PAGE = 500;

/** What a page knows of its visitor (its context's variables). */
type Visitor = AppEnv['Variables'];

/** A fund the visitor may not see is a 404 page, as if it did not exist (a manager sees its funds' families only). */
const assertSeesFund = (v: Visitor, fundId: number | undefined) => {
  if (fundId && !v.scope.all && !v.scope.funds.has(fundId)) throw notFound('基金', fundId);
};

export interface Named {
  id: number;
  name: string;
}
const named = (m: Map<number, string>): Named[] => [...m].map(([id, name]) => ({ id, name }));

/** The request of a visitor: a fund it may not see, or a missing unit, is a 404 page. */
function alertRequest(v: Visitor, q: AlertQuery, units: Map<number, string>): AlertRequest {
  assertSeesFund(v, q.fundId);
  if (q.unitId && !units.has(q.unitId)) throw notFound('单位', q.unitId);
  return alertRequestOf({ db: v.db, scope: v.scope, role: v.user.role, today: v.today }, q);
}

export { alertQuery as alertsPageQuery };

export interface AlertsPageData {
  query: AlertQuery;
  asOf: string;
  days: AlertDays;
  kinds: readonly AlertKind[];
  counts: Record<AlertKind, number>;
  items: AlertItem[];
  more: boolean;
  funds: Named[];
  units: Named[];
}
export async function alertsPageData(v: Visitor, q: AlertQuery): Promise<AlertsPageData> {
  const names = await fundAndUnitNames(v.db, v.scope);
  const r = alertRequest(v, q, names.units);
  const [counts, list] = await Promise.all([alertCounts(r), alertList(r, { kind: q.kind, limit: ALERTS_ON_PAGE })]);
  return {
    query: q,
    asOf: r.asOf,
    days: r.days!,
    kinds: r.pendingReview ? alertKinds : alertKinds.filter((k) => k !== 'pending_review'),
    counts,
    ...list,
    funds: named(names.funds),
    units: named(names.units),
  };
}

/** The cockpit's alert counts as of its date (one statement). */
export async function cockpitAlerts(v: Visitor, asOf: string) {
  const pendingReview = seesPendingReview(v.user.role);
  const counts = await alertCounts({ db: v.db, scope: v.scope, asOf, pendingReview });
  return { asOf, counts, kinds: pendingReview ? alertKinds : alertKinds.filter((k) => k !== 'pending_review') };
}

export { chainMapQuery as chainsPageQuery };
export type ChainsPageQuery = ChainMapQuery;

export interface ChainsPageData {
  query: ChainsPageQuery;
  asOf: string;
  chains: (ChainFigures & { leadCompanies: string[] })[];
  funds: Named[];
  units: Named[];
}
export async function chainsPageData(v: Visitor, q: ChainsPageQuery): Promise<ChainsPageData> {
  assertSeesFund(v, q.fundId);
  const names = await fundAndUnitNames(v.db, v.scope);
  if (q.unitId && !names.units.has(q.unitId)) throw notFound('单位', q.unitId);
  const asOf = q.asOf ?? v.today;
  const chains = await chainReport({ db: v.db, scope: v.scope, asOf, bigProjectFen: v.options.bigProjectFen }, q);
  return { query: q, asOf, chains, funds: named(names.funds), units: named(names.units) };
}
