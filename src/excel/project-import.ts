import { z } from 'zod';
import { atomic } from '../db';
import { neighbourMedian, unitSlipWarning, versusNeighbours, versusPlannedTotal } from '../domain/magnitude';
import { projectRuleIssues } from '../domain/projects';
import { reviewStatuses } from '../domain/vocabulary';
import { ApiError, toApiError } from '../errors';
import { count } from '../http/answer-fields';
import { planLeads } from '../records/leads';
import type { Cell, Row } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';
import { MAX_LISTED_PROBLEMS, Problems, refused, rowProblemAnswer, type Importer, type RowProblem } from './imports';
import { columnByKey, parseHeader } from './project-columns';
import { isDropped, statements, type Draft } from './project-import-writes';
import { bodyFieldColumn, readRow, referenceData, type HeaderColumn } from './project-rows';

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

/** More rows than this are refused before any check: one request, one atomic write, answered in seconds. */
export const MAX_IMPORT_ROWS = 20_000;

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
    const warn = (key: string, message: string | null) => {
      if (message) out.push({ row: d.row, column: label(key), message });
    };
    warn('plannedTotal', unitSlipWarning('计划总投资', total, neighbourMedian(totals, i), versusNeighbours));
    const fixed = fen(d.body?.plannedFixedAsset);
    if (fixed !== null)
      warn('plannedFixedAsset', unitSlipWarning('计划固定资产投资', fixed, total, versusPlannedTotal));
    d.arrivals.forEach((a, j) =>
      warn(
        d.arrivalColumns[j] ?? 'arrivals',
        unitSlipWarning(`${a.arrivedOn} 到资`, BigInt(a.amount), total, versusPlannedTotal),
      ),
    );
  });
  return out;
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
