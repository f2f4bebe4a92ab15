import { z } from 'zod';
import type { CurrentUser, Scope } from '../auth';
import { atomic, type Db } from '../db';
import { funds, units } from '../db/schema';
import { isIsoDate } from '../domain/dates';
import { ApiError, notFound, toApiError } from '../errors';
import {
  futureArrival,
  milestoneDateProblem,
  notSignedProblem,
  projectRuleIssues,
  signedOnOf,
} from '../domain/projects';
import { arrivalBody, milestoneBody, projectBody } from '../http/project-input';
import { planLeads } from '../records/leads';
import { issuesOf } from '../validation';
import { dateOf, moneyOf, textOf, yesNo } from '../xlsx/cells';
import { isDropped, statements, type Draft } from './project-import-writes';
import {
  columnByKey,
  enumCode,
  parseHeader,
  stageColumns,
  type MoneyUnit,
  type ProjectColumn,
} from './project-columns';
import { arrivalKindNames, reviewStatuses } from '../domain/vocabulary';
import { count, text } from '../http/answer-fields';
import type { Cell, Row } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';
import { groupBy } from '../domain/groups';
import { farApart, neighbourMedian } from '../domain/magnitude';
import { fenToWanText } from '../domain/money';

/** Ids by exact (trimmed) name: a sheet names funds and units as people write them; a shared name is ambiguous. */
export const idsByName = (rows: { id: number; name: string }[]) =>
  groupBy(
    rows,
    (r) => r.name.trim(),
    (r) => r.id,
  );

/** One problem of an import, where the user finds it: the sheet's row number and the column's header. */
const rowProblemAnswer = z.strictObject({
  row: z.int().positive().meta({ description: '表中的行号（与 Excel 左侧行号一致）' }),
  column: text.meta({ description: '列的表头' }),
  message: text,
});
export type RowProblem = z.output<typeof rowProblemAnswer>;

/** An import's answer lists at most this many problems (the first by row), and counts them all. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** A problem's column and message are cut to these lengths: what a cell holds is echoed back, and may be long. */
const MAX_COLUMN_TEXT = 60;
const MAX_MESSAGE_TEXT = 300;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The problems of one import as they are found: `length` counts every one (and `rowCount` the rows they are on),
 * but only the first MAX_LISTED_PROBLEMS by row (stable: a row's problems in the order found) are kept.
 */
export class Problems {
  private kept: RowProblem[] = [];
  private rows = new Set<number>();
  length = 0;

  push(p: RowProblem): void {
    this.length++;
    this.rows.add(p.row);
    this.kept.push({ row: p.row, column: clip(p.column, MAX_COLUMN_TEXT), message: clip(p.message, MAX_MESSAGE_TEXT) });
    if (this.kept.length >= 2 * MAX_LISTED_PROBLEMS) this.kept = this.listed();
  }

  get rowCount(): number {
    return this.rows.size;
  }

  listed(): RowProblem[] {
    return [...this.kept].sort((a, b) => a.row - b.row).slice(0, MAX_LISTED_PROBLEMS);
  }
}

/**
 * The 400 of a spreadsheet upload: the one error envelope, and `rows` listing every problem of the file (empty when
 * the file itself cannot be read). A bad query (?dryRun=x) is the plain envelope, without `rows`.
 */
export const importRefusedAnswer = z.strictObject({
  error: z.strictObject({
    code: z.literal('invalid_request'),
    message: text,
    issues: z.array(
      z.strictObject({
        path: text.meta({ description: '如“第 12 行.签约日期”；文件本身有误时为 file' }),
        message: text,
      }),
    ),
  }),
  rows: z
    .array(rowProblemAnswer)
    .max(MAX_LISTED_PROBLEMS)
    .optional()
    .meta({
      description: `逐行列出的问题，按行号排序，最多 ${MAX_LISTED_PROBLEMS} 处（行号最小的）；文件无法读取时为空数组`,
    }),
  problemCount: count
    .optional()
    .meta({ description: '问题总数（rows 只列出前 1000 处时，以此为准）；文件无法读取时不出现' }),
});

/** The body of POST /api/imports/projects: what was written (201), or would be (200, ?dryRun=1). */
export const projectImportAnswer = z.strictObject({
  dryRun: z.boolean().meta({ description: 'true：只校验，未写入（200）；false：已写入（201）' }),
  rows: count.meta({ description: '数据行数' }),
  projects: count,
  companies: count.meta({
    description: '表中提到、调用者此前看不到的企业数（新企业，及基金管理人范围外已登记的企业）',
  }),
  milestones: count,
  arrivals: count,
  status: z
    .enum(reviewStatuses)
    .exclude(['rejected'])
    .meta({ description: '新项目的审核状态：基金管理人导入为 pending，其他为 confirmed' }),
  warnings: z.array(rowProblemAnswer).max(MAX_LISTED_PROBLEMS).meta({
    description:
      '提醒（不阻止导入）：与相邻各行或本项目计划总投资相差千倍以上的金额，多为单位填错（元与万元），请核对；按行号排序',
  }),
});
export type ImportCounts = Omit<z.output<typeof projectImportAnswer>, 'dryRun'>;

export interface Importer {
  db: Db;
  user: CurrentUser;
  scope: Scope;
  today: string;
}

/** More rows than this are refused before any check: one request, one atomic write, answered in seconds. */
export const MAX_IMPORT_ROWS = 20_000;

interface HeaderColumn {
  index: number;
  header: string;
  column: ProjectColumn;
  unit: MoneyUnit;
}

/** A header row names 项目名称. */
export const isHeaderRow = (cells: Cell[]) =>
  cells.some((c) => typeof c === 'string' && parseHeader(c).column?.key === 'name');

/**
 * Validates every row of a project sheet with the rules of POST /api/projects, /milestones and /arrivals, and, when
 * all rows are good and this is not a dry run, writes them in one atomic write. Any problem answers 400 listing
 * every problem (row, column, reason) and writes nothing.
 */
export async function importProjects(
  ctx: Importer,
  sheet: HeadedSheet,
  opts: { dryRun: boolean },
): Promise<ImportCounts> {
  const problems = new Problems();
  const headerRow = sheet.header;
  if (!headerRow) {
    throw refused([
      {
        row: sheet.firstRow,
        column: '项目名称',
        message: '找不到表头行：前 10 行中没有“项目名称”列。请使用导入模板。',
      },
    ]);
  }
  // A bad header stops the import before any row after it is read.
  const columns = headerColumns(headerRow, problems);
  if (problems.length) throw refused(problems);
  const dataRows = sheet.take(MAX_IMPORT_ROWS + 1);
  if (dataRows.length === 0)
    throw refused([{ row: headerRow.number + 1, column: '项目名称', message: '表中没有项目行' }]);
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw refused([
      {
        row: dataRows[MAX_IMPORT_ROWS]!.number,
        column: '项目名称',
        message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`,
      },
    ]);
  }

  const refs = await referenceData(ctx);
  const drafts = dataRows.map((r) => readRow(ctx, r, columns, refs, problems));
  const label = (key: string) => columns.get(key)?.header ?? columnByKey.get(key)?.header ?? key;
  const unseenCompanies = await checkAgainstDatabase(ctx, drafts, label, problems);
  if (problems.length) throw refused(problems);

  const status = ctx.user.role === 'manager' ? 'pending' : 'confirmed';
  const counts: ImportCounts = {
    rows: drafts.length,
    projects: drafts.length,
    companies: unseenCompanies,
    milestones: drafts.reduce((n, d) => n + d.milestones.length, 0),
    arrivals: drafts.reduce((n, d) => n + d.arrivals.length, 0),
    status,
    warnings: magnitudeWarnings(drafts, label).slice(0, MAX_LISTED_PROBLEMS),
  };
  if (opts.dryRun) return counts;

  try {
    await atomic(ctx.db, statements(ctx, drafts, status));
  } catch (err) {
    // Someone registered the same company, or a lead of it, between the checks and the write: nothing was written.
    if (toApiError(err)?.code === 'conflict') {
      throw new ApiError('conflict', '导入期间有人登记了表中同一企业或其项目，未写入任何数据，请重新导入');
    }
    throw err;
  }
  return counts;
}

/**
 * The 400 of an import's problems, listed once: `rows` (at most MAX_LISTED_PROBLEMS, by row) and `problemCount`;
 * the envelope's `issues` holds one issue saying so. Nothing was written.
 */
export function refused(found: Problems | RowProblem[]): ApiError {
  const problems = found instanceof Problems ? found : found.reduce((all, p) => (all.push(p), all), new Problems());
  const rows = problems.listed();
  const listed =
    rows.length < problems.length ? `rows 中列出了行号最小的 ${rows.length} 处` : 'rows 中有每一处的行、列和原因';
  const message = `导入未完成：${problems.rowCount} 行共有 ${problems.length} 处问题，未写入任何数据。请按所列各行逐项修改后重新导入（${listed}）。`;
  return new ApiError(
    'invalid_request',
    message,
    [{ path: 'rows', message: `共 ${problems.length} 处问题，${listed}` }],
    { rows, problemCount: problems.length },
  );
}

function headerColumns(header: Row, problems: Problems): Map<string, HeaderColumn> {
  const out = new Map<string, HeaderColumn>();
  header.cells.forEach((cell, index) => {
    if (cell === null) return;
    const text = String(cell instanceof Date ? cell.toISOString().slice(0, 10) : cell).trim();
    if (/^备注/.test(text)) return;
    const { column, unit } = parseHeader(text);
    if (!column) {
      problems.push({
        row: header.number,
        column: text,
        message: `无法识别的列“${text}”。列名请与导入模板一致（说明见模板的“填写说明”）；不需要导入的列可删除，或以“备注”开头命名。`,
      });
      return;
    }
    const earlier = out.get(column.key);
    if (earlier) {
      problems.push({ row: header.number, column: text, message: `与“${earlier.header}”是同一列，不能重复` });
      return;
    }
    out.set(column.key, { index, header: text, column, unit });
  });
  for (const column of columnByKey.values()) {
    if (column.required && !out.has(column.key))
      problems.push({ row: header.number, column: column.header, message: '缺少必填列' });
  }
  return out;
}

interface References {
  fundIds: Set<number>;
  fundsByName: Map<string, number[]>;
  unitIds: Set<number>;
  unitsByName: Map<string, number[]>;
}

/** The funds the caller may see and every unit, by id and by exact name (both tables are small). */
async function referenceData(ctx: Importer): Promise<References> {
  const fundRows = (await ctx.db.select({ id: funds.id, name: funds.name }).from(funds)).filter(
    (f) => ctx.scope.all || ctx.scope.funds.has(f.id),
  );
  const unitRows = await ctx.db.select({ id: units.id, name: units.name }).from(units);
  return {
    fundIds: new Set(fundRows.map((f) => f.id)),
    fundsByName: idsByName(fundRows),
    unitIds: new Set(unitRows.map((u) => u.id)),
    unitsByName: idsByName(unitRows),
  };
}

function readRow(
  ctx: Importer,
  r: Row,
  columns: Map<string, HeaderColumn>,
  refs: References,
  problems: Problems,
): Draft {
  const reported = new Set<string>();
  const label = (key: string) => columns.get(key)?.header ?? columnByKey.get(key)?.header ?? key;
  const add = (key: string, message: string, column = label(key)) => {
    reported.add(key);
    problems.push({ row: r.number, column, message });
  };
  const cell = (key: string): Cell | undefined => {
    const c = columns.get(key);
    return c ? r.cells[c.index] : undefined;
  };
  const raw: Record<string, unknown> = {};
  const set = (field: string, v: unknown) => {
    if (v !== undefined) raw[field] = v;
  };

  for (const key of ['name', 'introducer', 'chain'] as const) set(key, textOf(cell(key)));
  for (const key of ['name', 'sourceType', 'reportedOn', 'plannedTotal', 'introducingUnit', 'landingUnit']) {
    if (textOf(cell(key)) === undefined) add(key, '必填，不能为空');
  }
  const companyName = textOf(cell('companyName'));
  const creditCode = textOf(cell('creditCode'));
  if (companyName !== undefined || creditCode !== undefined)
    raw.company = { name: companyName ?? '', ...(creditCode !== undefined && { creditCode }) };

  for (const [key, field] of [
    ['sourceType', 'sourceType'],
    ['chainNode', 'chainNode'],
    ['chainAction', 'chainAction'],
  ] as const) {
    const text = textOf(cell(key));
    if (text === undefined) continue;
    const labels = columnByKey.get(key)!.labels!;
    const code = enumCode(labels, text);
    if (code === null) add(key, `“${text}”不是可选的值，可填：${Object.values(labels).join('、')}`);
    else raw[field] = code;
  }
  const foreign = textOf(cell('foreign'));
  if (foreign !== undefined) {
    const v = yesNo[foreign.toLowerCase()];
    if (v === undefined) add('foreign', `“${foreign}”应填 是 或 否`);
    else raw.foreign = v;
  }
  set('investmentId', textOf(cell('investmentId')));
  set('reportedOn', dateOf(cell('reportedOn')));
  for (const key of ['plannedTotal', 'plannedFixedAsset'] as const) {
    const m = moneyOf(cell(key), columns.get(key)?.unit ?? 'wan');
    if (m.problem) add(key, m.problem);
    set(key, m.value);
  }
  const ref = (key: string, what: '基金' | '单位', ids: Set<number>, byName: Map<string, number[]>) => {
    const text = textOf(cell(key));
    if (text === undefined) return undefined;
    if (/^\d+$/.test(text)) {
      const id = Number(text);
      if (ids.has(id)) return id;
      add(key, notFound(what, id).message);
      return undefined;
    }
    const found = byName.get(text) ?? [];
    if (found.length === 1) return found[0];
    add(
      key,
      found.length === 0
        ? `${what}“${text}”不存在（名称须与系统中完全一致，也可填${what}编号）`
        : `有 ${found.length} 个名为“${text}”的${what}，请改填${what}编号`,
    );
    return undefined;
  };
  set('sourceFundId', ref('sourceFund', '基金', refs.fundIds, refs.fundsByName));
  set('introducingUnitId', ref('introducingUnit', '单位', refs.unitIds, refs.unitsByName));
  set('landingUnitId', ref('landingUnit', '单位', refs.unitIds, refs.unitsByName));

  const draft: Draft = { row: r.number, raw, milestones: [], arrivals: [], arrivalColumns: [] };
  const parsed = projectBody.safeParse(raw);
  if (parsed.success) draft.body = parsed.data;
  else {
    for (const issue of issuesOf(parsed.error)) {
      const key = bodyFieldColumn[issue.path] ?? issue.path;
      if (!reported.has(key)) add(key, issue.message);
    }
  }

  // Milestones: one date column per stage, checked by the API's milestone schema and date rules.
  const reportedOn = typeof raw.reportedOn === 'string' && isIsoDate(raw.reportedOn) ? raw.reportedOn : null;
  const dropReason = textOf(cell('dropReason'));
  for (const [stage] of stageColumns) {
    const on = dateOf(cell(stage));
    if (on === undefined) continue;
    const m = milestoneBody.safeParse({ stage, on, reason: stage === 'dropped' ? dropReason : undefined });
    if (!m.success) {
      for (const issue of issuesOf(m.error)) add(issue.path === 'reason' ? 'dropReason' : stage, issue.message);
      continue;
    }
    const dateProblem = reportedOn ? milestoneDateProblem(m.data.on, reportedOn, ctx.today) : null;
    if (dateProblem) add(stage, dateProblem);
    else draft.milestones.push(m.data);
  }
  if (dropReason !== undefined && dateOf(cell('dropped')) === undefined)
    add('dropReason', '填写了终止原因，但没有终止日期');

  // Arrivals: the single-arrival columns, then each entry of the compact cell; the API's schema and 409 rule each.
  const signedOn = signedOnOf(draft.milestones);
  const arrival = (
    input: Record<string, unknown>,
    columnOf: (field: string) => string,
    prefix: string,
    unitKey: string,
  ) => {
    const a = arrivalBody.safeParse(input);
    if (!a.success) {
      for (const issue of issuesOf(a.error)) add(unitKey, `${prefix}${issue.message}`, columnOf(issue.path));
      return;
    }
    if (a.data.arrivedOn > ctx.today) add(unitKey, `${prefix}${futureArrival(ctx.today)}`, columnOf('arrivedOn'));
    else if (reportedOn) {
      const notSigned = notSignedProblem(signedOn, a.data.arrivedOn);
      if (notSigned) add(unitKey, `${prefix}${notSigned}`, columnOf('arrivedOn'));
      else {
        draft.arrivals.push(a.data);
        draft.arrivalColumns.push(unitKey);
      }
    }
  };
  const single = {
    amount: cell('arrivalAmount'),
    arrivedOn: cell('arrivalOn'),
    kind: cell('arrivalKind'),
    currency: cell('arrivalCurrency'),
    originalAmount: cell('arrivalOriginal'),
  };
  if (Object.values(single).some((v) => textOf(v) !== undefined)) {
    const input = arrivalInput(
      moneyOf(single.amount, columns.get('arrivalAmount')?.unit ?? 'wan'),
      dateOf(single.arrivedOn),
      textOf(single.kind),
      textOf(single.currency),
      textOf(single.originalAmount),
    );
    const columnOf = (field: string) => label(arrivalFieldColumn[field] ?? 'arrivalAmount');
    if (input.problem) add('arrivalAmount', input.problem, columnOf(input.field ?? 'amount'));
    else arrival(input.value!, columnOf, '', 'arrivalAmount');
  }
  const compact = textOf(cell('arrivals'));
  if (compact !== undefined) {
    const entries = compact
      .split(/[;；\r\n]+/)
      .map((e) => e.trim())
      .filter(Boolean);
    entries.forEach((entry, i) => {
      const prefix = entries.length > 1 ? `第 ${i + 1} 笔“${entry}”：` : `“${entry}”：`;
      const parts = entry.split(/[@＠]/).map((p) => p.trim());
      if (parts.length < 2 || parts.length > 5) {
        add('arrivals', `${prefix}格式应为 金额@日期，可加 @类型，外资再加 @币种@原币金额`);
        return;
      }
      const input = arrivalInput(
        moneyOf(parts[0] || null, columns.get('arrivals')!.unit),
        dateOf(parts[1] || null),
        parts[2] || undefined,
        parts[3] || undefined,
        parts[4] || undefined,
      );
      if (input.problem) add('arrivals', `${prefix}${input.problem}`);
      else arrival(input.value!, () => label('arrivals'), prefix, 'arrivals');
    });
  }
  return draft;
}

/**
 * The amounts of a valid sheet that are 1,000× or more off what they sit beside (千倍之差, likely a unit slip): a
 * planned total against the median of the rows around it, a planned fixed-asset investment and each arrival
 * against its project's planned total. Warnings only; the rows are written as they are.
 */
function magnitudeWarnings(drafts: Draft[], label: (key: string) => string): RowProblem[] {
  const fen = (amount: number | null | undefined) => (amount == null ? null : BigInt(amount));
  const totals = drafts.map((d) => fen(d.body?.plannedTotal));
  const out: RowProblem[] = [];
  drafts.forEach((d, i) => {
    const total = totals[i] ?? null;
    if (total === null) return;
    const warn = (key: string, message: string) => out.push({ row: d.row, column: label(key), message });
    const around = neighbourMedian(totals, i);
    if (around !== null && farApart(total, around))
      warn(
        'plannedTotal',
        `计划总投资 ${fenToWanText(total)} 与相邻各行（中位数 ${fenToWanText(around)}）相差千倍以上，请核对金额单位（元 / 万元）`,
      );
    const versusTotal = (key: string, what: string, amount: bigint) => {
      if (farApart(amount, total))
        warn(
          key,
          `${what} ${fenToWanText(amount)} 与本项目计划总投资 ${fenToWanText(total)} 相差千倍以上，请核对金额单位（元 / 万元）`,
        );
    };
    const fixed = fen(d.body?.plannedFixedAsset);
    if (fixed !== null) versusTotal('plannedFixedAsset', '计划固定资产投资', fixed);
    d.arrivals.forEach((a, j) =>
      versusTotal(d.arrivalColumns[j] ?? 'arrivals', `${a.arrivedOn} 到资`, BigInt(a.amount)),
    );
  });
  return out;
}

/** The projectBody field a zod issue names → the sheet column that fed it. */
const bodyFieldColumn: Record<string, string> = {
  name: 'name',
  company: 'companyName',
  companyId: 'companyName',
  'company.name': 'companyName',
  'company.creditCode': 'creditCode',
  'company.unitId': 'companyName',
  sourceType: 'sourceType',
  sourceFundId: 'sourceFund',
  investmentId: 'investmentId',
  introducer: 'introducer',
  reportedOn: 'reportedOn',
  plannedTotal: 'plannedTotal',
  plannedFixedAsset: 'plannedFixedAsset',
  foreign: 'foreign',
  chain: 'chain',
  chainNode: 'chainNode',
  chainAction: 'chainAction',
  introducingUnitId: 'introducingUnit',
  landingUnitId: 'landingUnit',
};

const arrivalFieldColumn: Record<string, string> = {
  amount: 'arrivalAmount',
  arrivedOn: 'arrivalOn',
  kind: 'arrivalKind',
  currency: 'arrivalCurrency',
  originalAmount: 'arrivalOriginal',
  exchangeRate: 'arrivalOriginal',
};

/** The arrivalBody input of one arrival, or the first problem reading its cells. */
function arrivalInput(
  amount: { value?: string; problem?: string },
  arrivedOn: string | undefined,
  kindText: string | undefined,
  currency: string | undefined,
  originalAmount: string | undefined,
): { value?: Record<string, unknown>; problem?: string; field?: string } {
  if (amount.problem) return { problem: amount.problem, field: 'amount' };
  if (amount.value === undefined) return { problem: '填写到资时须填写到资金额', field: 'amount' };
  if (arrivedOn === undefined) return { problem: '填写到资时须填写到资日期', field: 'arrivedOn' };
  let kind: string = 'fixed_asset';
  if (kindText !== undefined) {
    const code = enumCode(arrivalKindNames, kindText);
    if (code === null)
      return {
        problem: `“${kindText}”不是可选的到资类型，可填：${Object.values(arrivalKindNames).join('、')}`,
        field: 'kind',
      };
    kind = code;
  }
  return { value: { amount: amount.value, arrivedOn, kind, currency, originalAmount } };
}

/**
 * The rules that need the database, for every row whose fields are valid: the lead rules of POST /api/projects
 * (planLeads: the driving investment, the company each lead is about — a new one made once however many rows name
 * it — and one active lead per company, against the database and inside the sheet, where a row with 终止日期 holds
 * none). Answers how many companies the sheet names that the caller could not see before: new ones, and for a
 * manager also those registered outside its funds' data, so the count is the same whether or not other funds'
 * companies exist.
 */
async function checkAgainstDatabase(
  ctx: Importer,
  drafts: Draft[],
  label: (key: string) => string,
  problems: Problems,
): Promise<number> {
  const valid = drafts.filter((d) => d.body);
  const add = (d: Draft, column: string, message: string) => problems.push({ row: d.row, column, message });

  for (const d of valid)
    for (const issue of projectRuleIssues(d.body!, ctx.today, ctx.user.role))
      add(d, label(bodyFieldColumn[issue.path] ?? issue.path), issue.message);

  const plans = await planLeads(
    ctx,
    valid.map((d) => ({ ...d.body!, dropped: isDropped(d) })),
  );
  const unseen = new Set<number>();
  let made = 0;
  valid.forEach((d, i) => {
    const { company, problems: broken } = plans[i]!;
    const companyColumn = label(d.body!.company?.creditCode ? 'creditCode' : 'companyName');
    for (const p of broken) {
      const column = p.field === 'investmentId' ? label('investmentId') : companyColumn;
      add(
        d,
        column,
        'error' in p
          ? p.error.message
          : `与第 ${valid[p.sameAs]!.row} 行是同一企业，同一企业只能有一个在办项目（按首报原则归属首报单位）`,
      );
    }
    if (!company) return;
    d.company = {
      existingId: company.existing?.id ?? null,
      input: company.input!,
      key: company.key,
      isNew: company.isNew,
    };
    if (company.isNew) made++;
    if (company.unseen) unseen.add(company.existing!.id);
  });
  return made + unseen.size;
}
