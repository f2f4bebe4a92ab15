// 调度 (SPEC §9): what is due and late, grouped by owner, as JSON and as .xlsx, within what the caller may see.
import { Hono, type Context } from 'hono';
import { allow } from '../auth';
import { readerRoles } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { dispatchWorkbook } from '../excel/dispatch-export';
import { xlsxResponse } from '../xlsx/workbook';
import { dispatchQuery, dispatchReport, type DispatchQuery } from '../queries/dispatch';
import { validate } from '../validation';
import type { Answer } from '../openapi/answers';

const dispatchOf = (c: Context<AppEnv>, q: DispatchQuery) =>
  dispatchReport({ db: c.var.db, scope: c.var.scope, asOf: q.asOf ?? c.var.today, horizonDays: q.horizonDays });

export const dispatch = new Hono<AppEnv>()
  .get('/dispatch', allow(...readerRoles), validate('query', dispatchQuery), async (c) =>
    c.json((await dispatchOf(c, c.req.valid('query'))) satisfies Answer<'Dispatch'>),
  )
  .get('/exports/dispatch.xlsx', allow(...readerRoles), validate('query', dispatchQuery), async (c) => {
    const d = await dispatchOf(c, c.req.valid('query'));
    return xlsxResponse(
      c,
      dispatchWorkbook(d, c.var.options.now()),
      `调度清单（截至${d.asOf}）.xlsx`,
      `dispatch-${d.asOf}.xlsx`,
    );
  });
