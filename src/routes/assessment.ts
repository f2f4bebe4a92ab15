import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow, readers } from '../auth';
import { monthWindow, type Window } from '../domain/assessment';
import type { AppEnv } from '../env';
import { invalid } from '../errors';
import { bulletinWorkbook } from '../excel/bulletin';
import { xlsxResponse } from '../excel/workbook';
import { assessment, bulletin } from '../queries/assessment';
import { isoDate, validate } from '../validation';
import { readContext } from './reports';

const view = z.enum(['introducing', 'landing'], { error: 'view 应为 introducing（招引口径）或 landing（落地口径）' }).default('introducing');
const assessmentQuery = z.object({
  year: z.coerce.number({ error: '年份须为整数' }).int('年份须为整数').min(2000, '年份须在 2000–2100 之间').max(2100, '年份须在 2000–2100 之间'),
  asOf: isoDate.optional(),
  view,
});
const bulletinQuery = z.object({ view });

/** `YYYY-MM` → the month's window, or a 400 naming the field. */
export function monthOrThrow(month: string, path: string): Window {
  const w = monthWindow(month);
  if (!w) throw invalid(path, `月份应为 YYYY-MM 格式的有效月份，如 2024-06，收到 ${JSON.stringify(month)}`);
  return w;
}

/** The 通报 of a month as the caller may see it; pending_review counts only for those who 认定. */
export function bulletinFor(c: Context<AppEnv>, month: string, window: Window, v: 'introducing' | 'landing') {
  const reviewer = c.var.user.role === 'admin' || c.var.user.role === 'staff';
  return bulletin(readContext(c, {}), { month, window, view: v, reviewer });
}

/** 考核: the year's assessment (targets against 序时进度, 擂台赛) and the monthly 通报, scoped like the reports. */
export const assessmentRoutes = new Hono<AppEnv>()
  .get('/assessment', allow(...readers), validate('query', assessmentQuery), async (c) => {
    const q = c.req.valid('query');
    // Default: today, or the year's last day for a past year.
    const yearEnd = `${q.year}-12-31`;
    const asOf = q.asOf ?? (c.var.today > yearEnd ? yearEnd : c.var.today);
    const a = await assessment(readContext(c, { asOf }), { year: q.year, view: q.view });
    if (!a) throw invalid('asOf', `截止日期 ${asOf} 早于 ${q.year} 年 1 月 1 日，无法考核该年度`);
    return c.json(a);
  })
  .get('/bulletins/:month', allow(...readers), validate('query', bulletinQuery), async (c) => {
    const month = c.req.param('month');
    return c.json(await bulletinFor(c, month, monthOrThrow(month, 'month'), c.req.valid('query').view));
  })
  .get('/exports/bulletin.xlsx', allow(...readers), validate('query', bulletinQuery.extend({ month: z.string({ error: '请给出月份 month（YYYY-MM）' }) })), async (c) => {
    const q = c.req.valid('query');
    const b = await bulletinFor(c, q.month, monthOrThrow(q.month, 'month'), q.view);
    const wb = await bulletinWorkbook(b, c.var.options.now());
    return xlsxResponse(c, wb, `考核通报（${q.month}）.xlsx`, `bulletin-${q.month}.xlsx`);
  });
