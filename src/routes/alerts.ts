import { Hono, type Context } from 'hono';
import { allow, assertFund } from '../auth';
import { readerRoles } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { alertsWorkbook } from '../excel/alerts-export';
import { xlsxResponse } from '../xlsx/workbook';
import {
  alertDaysOf,
  alertList,
  alertQuery,
  alertRequestOf,
  type AlertQuery,
  type AlertRequest,
} from '../queries/alerts';
import { fundAndUnitNames } from '../queries/names';
import { listQuery, validate } from '../validation';
import { assertUnitExists } from '../records/units';
import type { Answer } from '../openapi/answers';

/** At most this many alerts go into one export. */
const EXPORT_ROWS = 20_000;

/** The alert request of a caller: a fund it may not see, or a missing unit, is 404. */
async function alertRequest(c: Context<AppEnv>, q: AlertQuery): Promise<AlertRequest> {
  if (q.fundId) assertFund(c, q.fundId);
  await assertUnitExists(c.var.db, q.unitId);
  return alertRequestOf({ db: c.var.db, scope: c.var.scope, role: c.var.user.role, today: c.var.today }, q);
}

/** 预警 (SPEC §7): the alerts a caller may see, longest waiting first, paged; and the same list as .xlsx. */
export const alerts = new Hono<AppEnv>()
  .get('/alerts', allow(...readerRoles), validate('query', alertQuery.extend(listQuery.shape)), async (c) => {
    const q = c.req.valid('query');
    const r = await alertRequest(c, q);
    const offset = q.cursor ?? 0;
    const { items, more } = await alertList(r, { kind: q.kind, limit: q.limit, offset });
    return c.json({
      asOf: r.asOf,
      days: alertDaysOf(q),
      items,
      nextCursor: more ? String(offset + items.length) : null,
    } satisfies Answer<'AlertList'>);
  })
  .get('/exports/alerts.xlsx', allow(...readerRoles), validate('query', alertQuery), async (c) => {
    const q = c.req.valid('query');
    const r = await alertRequest(c, q);
    const [{ items, more }, names] = await Promise.all([
      alertList(r, { kind: q.kind, limit: EXPORT_ROWS }),
      fundAndUnitNames(r.db, r.scope),
    ]);
    const wb = alertsWorkbook(r.asOf, alertDaysOf(q), items, names, c.var.options.now(), more);
    return xlsxResponse(c, wb, `预警清单（截至${r.asOf}）.xlsx`, `alerts-${r.asOf}.xlsx`);
  });
