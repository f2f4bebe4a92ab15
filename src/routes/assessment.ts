import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow } from '../auth';
import { readerRoles, type UnitView } from '../domain/vocabulary';
import { monthWindow, type Window } from '../domain/assessment';
import type { AppEnv } from '../app-types';
import { bulletinWorkbook } from '../excel/bulletin';
import { xlsxResponse } from '../xlsx/workbook';
import { assessmentAsOf, assessmentOrThrow, bulletin } from '../queries/assessment';
import { assessmentQuery, month, unitView, validate } from '../validation';
import { readContext } from '../queries/read-context';
import { seesPendingReview } from '../queries/alerts';

const bulletinQuery = z.object({ view: unitView });

/** The 通报 of a (validated) month as the caller may see it; pending_review counts only for those who 认定. */
function bulletinFor(c: Context<AppEnv>, m: string, v: UnitView) {
  const reviewer = seesPendingReview(c.var.user.role);
  return bulletin(readContext(c, {}), { month: m, window: monthWindow(m) as Window, view: v, reviewer });
}

/** 考核: the year's assessment (targets against 序时进度, 擂台赛) and the monthly 通报, scoped like the reports. */
export const assessmentRoutes = new Hono<AppEnv>()
  .get('/assessment', allow(...readerRoles), validate('query', assessmentQuery), async (c) => {
    const q = c.req.valid('query');
    // Default: today, or the year's last day for a past year.
    return c.json(await assessmentOrThrow(readContext(c, { asOf: assessmentAsOf(q, c.var.today) }), q));
  })
  .get(
    '/bulletins/:month',
    allow(...readerRoles),
    validate('param', z.object({ month })),
    validate('query', bulletinQuery),
    async (c) => c.json(await bulletinFor(c, c.req.valid('param').month, c.req.valid('query').view)),
  )
  .get(
    '/exports/bulletin.xlsx',
    allow(...readerRoles),
    validate('query', bulletinQuery.extend({ month })),
    async (c) => {
      const q = c.req.valid('query');
      const b = await bulletinFor(c, q.month, q.view);
      const wb = bulletinWorkbook(b, c.var.options.now());
      return xlsxResponse(c, wb, `考核通报（${q.month}）.xlsx`, `bulletin-${q.month}.xlsx`);
    },
  );
