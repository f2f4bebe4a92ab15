// 调度 (SPEC §9): what is due and late, grouped by owner, as JSON (paged by owners) and as .xlsx (every owner of the
// filter), within what the caller may see; optionally one unit with its sub-units, or one owner (`me`: the caller).
import { Hono } from 'hono';
import { allow } from '../auth';
import { readerRoles } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { dispatchWorkbook } from '../excel/dispatch-export';
import { xlsxResponse } from '../xlsx/workbook';
import { dispatchFor, dispatchQuery } from '../queries/dispatch';
import { validate } from '../validation';
import type { Answer } from '../openapi/answers';

const query = validate('query', dispatchQuery);

export const dispatch = new Hono<AppEnv>()
  .get('/dispatch', allow(...readerRoles), query, async (c) =>
    c.json((await dispatchFor(c.var, c.req.valid('query'))) satisfies Answer<'Dispatch'>),
  )
  .get('/exports/dispatch.xlsx', allow(...readerRoles), query, async (c) => {
    const d = await dispatchFor(c.var, c.req.valid('query'), 'all');
    return xlsxResponse(
      c,
      dispatchWorkbook(d, c.var.options.now()),
      `调度清单（截至${d.asOf}）.xlsx`,
      `dispatch-${d.asOf}.xlsx`,
    );
  });
