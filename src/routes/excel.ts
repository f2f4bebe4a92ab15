import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles, writerRoles } from '../domain/vocabulary';
import { funds, projects, units } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError } from '../errors';
import { fundReportWorkbook } from '../excel/fund-report';
import { projectExportWorkbook } from '../excel/project-export';
import { importProjects, isHeaderRow, MAX_IMPORT_ROWS } from '../excel/project-import';
import { headedSheet, sheetRows, uploadRefused as badUpload, type HeadedSheet, type UploadKind } from '../xlsx/sheet';
import type { Cell } from '../xlsx/grid';
import { isFundFlowHeader } from '../excel/fund-flow-columns';
import { fundFlowExport, fundFlowTemplate } from '../excel/fund-flow-export';
import { importFundFlows, MAX_FLOW_ROWS } from '../excel/fund-flow-import';
import { importTemplateWorkbook } from '../excel/template';
import { importNodes, isNodeHeader, MAX_NODE_ROWS, nodeTemplateWorkbook } from '../excel/node-import';
import {
  activityTemplateWorkbook,
  importActivities,
  isActivityHeader,
  MAX_ACTIVITY_ROWS,
} from '../excel/activity-import';
import { xlsxResponse } from '../xlsx/workbook';
import { fundReport, type FundMetrics } from '../queries/funds';
import { inScope } from '../queries/trees';
import { id, isoDate, validate } from '../validation';
import { projectListQuery } from '../http/project-input';
import { projectConditions } from '../records/projects';
import { metricsQuery, readContext } from '../queries/read-context';
import type { Answer } from '../openapi/answers';

/** An upload may be this large (a 10,000-row sheet is about 1 MB as .xlsx, 3 MB as .csv). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The body limit of /api/imports/* in place of the API's 1 MB (src/app.ts). It must run before anything reads the
 * body (the Idempotency-Key middleware does), so it is registered with the API's middleware, not on the route.
 */
export const uploadLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES,
  onError: () => {
    throw new ApiError('payload_too_large', `上传文件过大（上限 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB），请分批导入`);
  },
});

const flag = (name: string) =>
  z
    .enum(['1', '0', 'true', 'false'], { error: `${name} 应为 1 或 0` })
    .optional()
    .transform((v) => v === '1' || v === 'true');
const importQuery = z.object({ dryRun: flag('dryRun') });
/** confirmDuplicates=1 writes rows that repeat an existing record or an earlier row (listed by the dry run); without it they are 409. */
const fundFlowImportQuery = importQuery.extend({ confirmDuplicates: flag('confirmDuplicates') });

const importers = writerRoles;

/** Funds in tree order (each parent before its children, siblings by id), as leadership reads a fund report. */
function treeOrder(rows: FundMetrics[]): FundMetrics[] {
  const ids = new Set(rows.map((r) => r.fundId));
  const children = new Map<number | null, FundMetrics[]>();
  for (const r of [...rows].sort((a, b) => a.fundId - b.fundId)) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: FundMetrics[] = [];
  const walk = (parent: number | null) => {
    for (const r of children.get(parent) ?? []) {
      out.push(r);
      walk(r.fundId);
    }
  };
  walk(null);
  return out;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * The uploaded file: multipart/form-data field `file`, or the raw body. The bytes decide (an .xlsx is a zip, an old
 * .xls an OLE file); the declared type or name only tells CSV from anything else.
 */
async function upload(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; kind: UploadKind }> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  let bytes: Uint8Array;
  let declared = type;
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw badUpload('请在 multipart/form-data 的 file 字段上传 .xlsx 或 .csv 文件');
    bytes = new Uint8Array(await file.arrayBuffer());
    declared = `${file.type.toLowerCase()} ${file.name.toLowerCase()}`;
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  }
  if (bytes.length === 0) throw badUpload('上传的文件是空的');
  if (isZip(bytes)) return { bytes, kind: 'xlsx' };
  if (isOle(bytes)) throw badUpload('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx（Excel 工作簿）或 .csv 后再导入');
  if (/csv|text\/plain|vnd\.ms-excel|\.csv\b/.test(declared)) return { bytes, kind: 'csv' };
  throw badUpload(`无法识别的文件类型（${declared || '未声明 Content-Type'}），请上传 .xlsx 或 .csv 文件`);
}

const importer = (c: Context<AppEnv>) => ({ db: c.var.db, user: c.var.user, scope: c.var.scope, today: c.var.today });

/**
 * The uploaded sheet, read up to its header row; the rest is parsed as the import takes it. The header may sit in
 * any of the first 10 rows; one row more than the import takes is enough to refuse it.
 */
async function uploadedSheet(
  c: Context<AppEnv>,
  isHeader: (cells: Cell[]) => boolean,
  maxRows: number,
): Promise<HeadedSheet> {
  const file = await upload(c);
  return headedSheet(sheetRows(file.bytes, file.kind, isHeader, { maxRows: 10 + maxRows + 1 }), isHeader);
}

const fundFlowQuery = z.object({ fundId: id.optional(), asOf: isoDate.optional() });

export const excel = new Hono<AppEnv>()
  .get('/exports/funds.xlsx', allow(...readerRoles), validate('query', metricsQuery), async (c) => {
    // The same figures as GET /api/reports/funds: the same read model and visibility.
    const ctx = readContext(c, c.req.valid('query'));
    const wb = fundReportWorkbook(ctx.asOf, treeOrder(await fundReport(ctx)), c.var.options.now());
    return xlsxResponse(c, wb, `基金运行情况表（截至${ctx.asOf}）.xlsx`, `fund-report-${ctx.asOf}.xlsx`);
  })
  .get(
    '/exports/projects.xlsx',
    allow(...readerRoles),
    validate('query', projectListQuery.omit({ limit: true, cursor: true })),
    async (c) => {
      const conds = projectConditions(c, c.req.valid('query'));
      const wb = await projectExportWorkbook(c, conds);
      return xlsxResponse(c, wb, `项目清单（${c.var.today}）.xlsx`, `projects-${c.var.today}.xlsx`);
    },
  )
  .get('/imports/projects/template.xlsx', allow(...importers), async (c) => {
    const db = c.var.db;
    const fundRows = await db
      .select({ id: funds.id, name: funds.name, level: funds.level })
      .from(funds)
      .where(inScope(c.var.scope, funds.id))
      .orderBy(asc(funds.id));
    const unitRows = await db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.id));
    const wb = importTemplateWorkbook({ funds: fundRows, units: unitRows }, c.var.options.now());
    return xlsxResponse(c, wb, '项目导入模板.xlsx', 'project-import-template.xlsx');
  })
  .post('/imports/projects', allow(...importers), validate('query', importQuery), async (c) => {
    const { dryRun } = c.req.valid('query');
    const sheet = await uploadedSheet(c, isHeaderRow, MAX_IMPORT_ROWS);
    const counts = await importProjects(importer(c), sheet, { dryRun });
    return c.json({ dryRun, ...counts } satisfies Answer<'ProjectImport'>, dryRun ? 200 : 201);
  })
  .get('/imports/fund-flows/template.xlsx', allow(...staffRoles), async (c) => {
    const [first] = await c.var.db.select({ name: funds.name }).from(funds).orderBy(asc(funds.id)).limit(1);
    const wb = fundFlowTemplate(first?.name ?? '某某子基金', c.var.options.now());
    return xlsxResponse(c, wb, '分配与估值导入模板.xlsx', 'fund-flow-import-template.xlsx');
  })
  .post('/imports/fund-flows', allow(...staffRoles), validate('query', fundFlowImportQuery), async (c) => {
    // Distributions and NAV reports are platform records (POST /api/funds/:id/distributions is staff-only too).
    const { dryRun, confirmDuplicates } = c.req.valid('query');
    const sheet = await uploadedSheet(c, isFundFlowHeader, MAX_FLOW_ROWS);
    const counts = await importFundFlows(importer(c), sheet, { dryRun, confirmDuplicates });
    return c.json({ dryRun, ...counts } satisfies Answer<'FundFlowImport'>, dryRun ? 200 : 201);
  })
  .get('/imports/nodes/template.xlsx', allow(...importers), async (c) => {
    const [first] = await c.var.db
      .select({ id: projects.id })
      .from(projects)
      .where(inScope(c.var.scope, projects.sourceFundId))
      .orderBy(asc(projects.id))
      .limit(1);
    const wb = nodeTemplateWorkbook(first?.id ?? 1, c.var.options.now());
    return xlsxResponse(c, wb, '推进节点导入模板.xlsx', 'node-import-template.xlsx');
  })
  .post('/imports/nodes', allow(...importers), validate('query', importQuery), async (c) => {
    // The node plan is written like milestones: staff, and managers for their funds' projects.
    const { dryRun } = c.req.valid('query');
    const sheet = await uploadedSheet(c, isNodeHeader, MAX_NODE_ROWS);
    const counts = await importNodes(importer(c), sheet, { dryRun });
    return c.json({ dryRun, ...counts } satisfies Answer<'NodeImport'>, dryRun ? 200 : 201);
  })
  .get('/imports/activities/template.xlsx', allow(...importers), async (c) => {
    const [unit] = await c.var.db.select({ name: units.name }).from(units).orderBy(asc(units.id)).limit(1);
    const [fund] = await c.var.db
      .select({ name: funds.name })
      .from(funds)
      .where(inScope(c.var.scope, funds.id))
      .orderBy(asc(funds.id))
      .limit(1);
    const wb = activityTemplateWorkbook(
      { unit: unit?.name ?? '某某区', fund: fund?.name ?? null },
      c.var.options.now(),
    );
    return xlsxResponse(c, wb, '招商活动导入模板.xlsx', 'activity-import-template.xlsx');
  })
  .post('/imports/activities', allow(...importers), validate('query', importQuery), async (c) => {
    // Activities are written as through POST /api/activities: staff, and managers for their own funds.
    const { dryRun } = c.req.valid('query');
    const sheet = await uploadedSheet(c, isActivityHeader, MAX_ACTIVITY_ROWS);
    const counts = await importActivities(importer(c), sheet, { dryRun });
    return c.json({ dryRun, ...counts } satisfies Answer<'ActivityImport'>, dryRun ? 200 : 201);
  })
  .get('/exports/fund-flows.xlsx', allow(...readerRoles), validate('query', fundFlowQuery), async (c) => {
    const q = c.req.valid('query');
    if (q.fundId !== undefined) assertFund(c, q.fundId);
    const ctx = readContext(c, q);
    const wb = await fundFlowExport(ctx, q.fundId, c.var.options.now());
    return xlsxResponse(c, wb, `基金分配与估值（截至${ctx.asOf}）.xlsx`, `fund-flows-${ctx.asOf}.xlsx`);
  });
