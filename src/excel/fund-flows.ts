// 分配与估值 in Excel: a GP's distribution and NAV sheet imported row by row (checked first, written only when every
// row is right), its template, and the export of the visible funds' distributions and NAV reports.
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { count } from '../http/answer-fields';
import { atomic, touched } from '../db';
import { distributions, funds, valuations } from '../db/schema';
import { chinaToday } from '../domain/dates';
import { amountFormats, fenToYuan } from '../domain/money';
import { isoDate, issuesOf, positiveYuanAmount } from '../validation';
import { ApiError, errorText, notFound } from '../errors';
import { bulkInsert, chunks } from '../records/bulk-insert';
import { fundStarts } from '../records/funds';
import { fundFlowDateProblem } from '../domain/performance';
import { inScope } from '../queries/trees';
import type { ReadContext } from '../queries/funds';
import { dateOf, moneyOf, textOf } from '../xlsx/cells';
import { idsByName, Problems, refused, type Importer } from './imports';
import type { Cell } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';
import { dateCell, formats, headerStyle } from '../xlsx/workbook';
import { Workbook, type CellStyle } from '../xlsx/writer';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** The 类型 column's values: two kinds of distribution and a NAV report. */
export const flowKinds = { '分配-返还本金': 'return_of_capital', '分配-收益': 'income', 估值: 'nav' } as const;
type FlowKind = (typeof flowKinds)[keyof typeof flowKinds];
const kindLabel = Object.fromEntries(Object.entries(flowKinds).map(([label, kind]) => [kind, label])) as Record<
  FlowKind,
  string
>;

/** The sheet's columns, by header (an amount column may read 金额（万元）). */
const COLUMNS = { fund: '基金', kind: '类型', on: '日期', amount: '金额（元）' } as const;
/** The optional column of the export: a row with a record id is that record (updated or left), not a new one. */
const ID_COLUMN = '记录编号';
type ColumnKey = keyof typeof COLUMNS | 'id';

/** More rows than this are refused before any check. */
export const MAX_FLOW_ROWS = 20_000;

/** The body of POST /api/imports/fund-flows: what was written (201), or would be (200, ?dryRun=1). */
export const fundFlowImportAnswer = z.strictObject({
  dryRun: z.boolean().meta({ description: 'true：只校验，未写入（200）；false：已写入（201）' }),
  rows: count.meta({ description: '数据行数' }),
  distributions: count.meta({ description: '新增的分配笔数' }),
  valuations: count.meta({ description: '新增的估值份数' }),
  updated: count.meta({ description: '按记录编号修改的记录数' }),
  unchanged: count.meta({ description: '带记录编号、与现有记录相同而跳过的行数' }),
  duplicates: z.array(z.strictObject({ row: z.int().positive(), column: z.string(), message: z.string() })).meta({
    description:
      '没有记录编号、与已有记录或表中前面的行完全相同（基金、类型、日期、金额）的行（最多列出 1000 行）；不为空时须带 ?confirmDuplicates=1 才会写入',
  }),
});
export type FlowCounts = Omit<z.output<typeof fundFlowImportAnswer>, 'dryRun'>;

interface Flow {
  row: number;
  /** The record this row is (its 记录编号), or undefined for a new record. */
  id?: number;
  fundId: number;
  kind: FlowKind;
  on: string;
  fen: number;
}

const headerKey = (cell: Cell): { key: ColumnKey; wan: boolean } | null => {
  if (typeof cell !== 'string') return null;
  const text = cell.normalize('NFKC').replace(/\s/g, '');
  if (text === '基金' || text === '基金名称' || text === '基金编号') return { key: 'fund', wan: false };
  if (text === '类型') return { key: 'kind', wan: false };
  // The export names it 记录编号; exports before this release named it 备注：记录编号.
  if (text === ID_COLUMN || text === `备注:${ID_COLUMN}`) return { key: 'id', wan: false };
  if (text === '日期') return { key: 'on', wan: false };
  const m = /^金额(?:\((万元|元)\))?$/.exec(text);
  return m ? { key: 'amount', wan: m[1] === '万元' } : null;
};

/** A header row names 基金 and 类型. */
export const isFundFlowHeader = (cells: Cell[]) => {
  const keys = new Set(cells.map((c) => headerKey(c)?.key));
  return keys.has('fund') && keys.has('kind');
};

/**
 * Checks every row (the fund visible to the caller, the kind, and the API's date and amount rules: fundFlowDateProblem,
 * positiveYuanAmount) and, when all are right and this is not a dry run, writes them in one atomic write (audited by
 * the tables' triggers). Any problem answers 400 listing every one and writes nothing.
 */
export async function importFundFlows(
  ctx: Importer,
  sheet: HeadedSheet,
  opts: { dryRun: boolean; confirmDuplicates: boolean },
): Promise<FlowCounts> {
  const header = sheet.header;
  if (!header)
    throw refused([
      {
        row: sheet.firstRow,
        column: COLUMNS.fund,
        message: '找不到表头行：前 10 行中没有“基金”和“类型”列。请使用导入模板。',
      },
    ]);
  const problems = new Problems();
  const columns = new Map<ColumnKey, { index: number; header: string; wan: boolean }>();
  header.cells.forEach((cell, index) => {
    const text = textOf(cell);
    if (text === undefined) return;
    const h = headerKey(cell);
    if (!h && text.startsWith('备注')) return;
    if (!h)
      problems.push({
        row: header.number,
        column: text,
        message: `无法识别的列“${text}”。列名请与导入模板一致；不需要导入的列以“备注”开头命名。`,
      });
    else if (columns.has(h.key))
      problems.push({
        row: header.number,
        column: text,
        message: `与“${columns.get(h.key)!.header}”是同一列，不能重复`,
      });
    else columns.set(h.key, { index, header: text, wan: h.wan });
  });
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[])
    if (!columns.has(key)) problems.push({ row: header.number, column: COLUMNS[key], message: '缺少必填列' });
  // A bad header stops the import before any row after it is read.
  if (problems.length) throw refused(problems);
  const dataRows = sheet.take(MAX_FLOW_ROWS + 1);
  if (dataRows.length === 0)
    throw refused([{ row: header.number + 1, column: COLUMNS.fund, message: '表中没有数据行' }]);
  if (dataRows.length > MAX_FLOW_ROWS)
    throw refused([
      {
        row: dataRows[MAX_FLOW_ROWS]!.number,
        column: COLUMNS.fund,
        message: `一次最多导入 ${MAX_FLOW_ROWS} 行，请分批导入`,
      },
    ]);

  const [allFunds, starts] = await Promise.all([
    ctx.db.select({ id: funds.id, name: funds.name }).from(funds),
    fundStarts(ctx.db),
  ]);
  const visible = allFunds.filter((f) => ctx.scope.all || ctx.scope.funds.has(f.id));
  const ids = new Set(visible.map((f) => f.id));
  const byName = idsByName(visible);

  const flows: Flow[] = [];
  for (const r of dataRows) {
    const label = (key: ColumnKey) => columns.get(key)?.header ?? ID_COLUMN;
    const cell = (key: ColumnKey) => {
      const column = columns.get(key);
      return column ? r.cells[column.index] : undefined;
    };
    const add = (key: ColumnKey, message: string) => problems.push({ row: r.number, column: label(key), message });
    const before = problems.length;

    let fundId: number | undefined;
    const fundText = textOf(cell('fund'));
    if (fundText === undefined) add('fund', '必填，不能为空');
    else if (/^\d+$/.test(fundText)) {
      if (ids.has(Number(fundText))) fundId = Number(fundText);
      else add('fund', notFound('基金', fundText).message);
    } else {
      const found = byName.get(fundText) ?? [];
      if (found.length === 1) fundId = found[0];
      else
        add(
          'fund',
          found.length === 0
            ? `基金“${fundText}”不存在（名称须与系统中完全一致，也可填基金编号）`
            : `有 ${found.length} 个名为“${fundText}”的基金，请改填基金编号`,
        );
    }

    const kindText = textOf(cell('kind'));
    const kind =
      kindText === undefined
        ? undefined
        : flowKinds[
            kindText
              .normalize('NFKC')
              .replace(/\s/g, '')
              .replace(/[－—–]/g, '-') as keyof typeof flowKinds
          ];
    if (kindText === undefined) add('kind', '必填，不能为空');
    else if (kind === undefined) add('kind', `“${kindText}”不是可选的类型，可填：${Object.keys(flowKinds).join('、')}`);

    const onText = dateOf(cell('on'));
    const on = isoDate.safeParse(onText);
    if (onText === undefined) add('on', '必填，不能为空');
    else if (!on.success) add('on', `“${onText}”不是有效日期，应为 2024-03-01 这样的格式`);
    else {
      // The API's rule (fundFlowDateProblem): not after today, not before the fund's start; checked once the fund is known.
      const problem = fundFlowDateProblem(
        on.data,
        fundId === undefined ? null : (starts.get(fundId) ?? null),
        ctx.today,
      );
      if (problem) add('on', problem);
    }

    const money = moneyOf(cell('amount'), columns.get('amount')!.wan ? 'wan' : 'yuan');
    let fen: number | undefined;
    if (money.problem) add('amount', money.problem);
    else if (money.value === undefined) add('amount', '必填，不能为空');
    else {
      const parsed = positiveYuanAmount.safeParse(money.value);
      if (parsed.success) fen = parsed.data;
      else for (const issue of issuesOf(parsed.error)) add('amount', issue.message);
    }
    const idText = textOf(cell('id'));
    const id = idText === undefined ? undefined : /^[1-9]\d{0,14}$/.test(idText) ? Number(idText) : null;
    if (id === null) add('id', `“${idText}”不是记录编号（导出表中的正整数）；新记录请留空`);
    if (problems.length === before)
      flows.push({ row: r.number, id: id ?? undefined, fundId: fundId!, kind: kind!, on: on.data!, fen: fen! });
  }
  if (problems.length) throw refused(problems);

  const plan = await planFlows(ctx, flows, problems, (key) => columns.get(key)?.header ?? ID_COLUMN);
  if (problems.length) throw refused(problems);
  const dists = plan.inserts.filter((f) => f.kind !== 'nav');
  const navs = plan.inserts.filter((f) => f.kind === 'nav');
  const counts: FlowCounts = {
    rows: flows.length,
    distributions: dists.length,
    valuations: navs.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    duplicates: plan.duplicates.listed(),
  };
  if (opts.dryRun) return counts;
  if (plan.duplicates.length && !opts.confirmDuplicates) {
    throw new ApiError(
      'conflict',
      `表中有 ${plan.duplicates.length} 行与已有记录或表中前面的行完全相同（基金、类型、日期、金额），未写入任何数据。若确是重复发生的分配或估值，请勾选“确认重复记录”（?confirmDuplicates=1）后重新导入；若是同一笔，请删去这些行，或用导出表中的记录编号修改原记录。`,
      undefined,
      { rows: counts.duplicates, problemCount: plan.duplicates.length },
    );
  }
  const user = ctx.user.id;
  try {
    await atomic(ctx.db, [
      ...(dists.length
        ? bulkInsert(
            ctx.db,
            distributions,
            dists.map((f) => ({
              fundId: f.fundId,
              amountFen: f.fen,
              paidOn: f.on,
              kind: f.kind as DistributionKind,
              updatedBy: user,
            })),
          )
        : []),
      ...(navs.length
        ? bulkInsert(
            ctx.db,
            valuations,
            navs.map((f) => ({ fundId: f.fundId, navFen: f.fen, valuedOn: f.on, updatedBy: user })),
          )
        : []),
      // A record changed by someone else since it was checked gets no version (NOT NULL refuses it): nothing is written.
      ...plan.updates.map(({ flow: f, version }) =>
        f.kind === 'nav'
          ? ctx.db
              .update(valuations)
              .set({
                navFen: f.fen,
                valuedOn: f.on,
                ...touched(valuations, user),
                version: sameVersion(valuations.version, version),
              })
              .where(eq(valuations.id, f.id!))
              .returning({ id: valuations.id })
          : ctx.db
              .update(distributions)
              .set({
                amountFen: f.fen,
                paidOn: f.on,
                kind: f.kind,
                ...touched(distributions, user),
                version: sameVersion(distributions.version, version),
              })
              .where(eq(distributions.id, f.id!))
              .returning({ id: distributions.id }),
      ),
    ]);
  } catch (err) {
    if (/NOT NULL constraint failed: \w+\.version/.test(errorText(err))) {
      throw new ApiError('conflict', '导入期间有人修改了表中按记录编号修改的记录，未写入任何数据，请重新导出后再导入');
    }
    throw err;
  }
  return counts;
}

type DistributionKind = Exclude<FlowKind, 'nav'>;
const sameVersion = (column: SQLiteColumn, version: number) =>
  sql`case when ${column} = ${version} then ${column} + 1 end`;

/** What a flow's key is for the duplicate check: the same fund, kind, date and amount. */
const flowKey = (f: { fundId: number; kind: string; on: string; fen: number }) =>
  `${f.fundId}|${f.kind}|${f.on}|${f.fen}`;

/**
 * How the checked rows are written: rows with a 记录编号 update that record (a distribution or NAV report of the
 * row's fund the caller sees) when they differ from it and are left when equal; rows without one are new records,
 * and those equal to an existing record, or to an earlier row, are duplicates. Reads the records by id and the
 * sheet's funds' records, 90 ids a statement.
 */
async function planFlows(ctx: Importer, flows: Flow[], problems: Problems, label: (key: ColumnKey) => string) {
  const isNav = (f: { kind: string }) => f.kind === 'nav';
  type Existing = { id: number; fundId: number; kind: string; on: string; fen: number; version: number };
  const existing = new Map<string, Existing>();
  const byId = (nav: boolean, id: number) => existing.get(`${nav ? 'v' : 'd'}${id}`);
  const remember = (rows: Existing[], nav: boolean) =>
    rows.forEach((e) => existing.set(`${nav ? 'v' : 'd'}${e.id}`, e));
  const d = distributions;
  const v = valuations;
  for (const nav of [false, true]) {
    const ids = [...new Set(flows.filter((f) => f.id !== undefined && isNav(f) === nav).map((f) => f.id!))];
    for (const part of chunks(ids, CHUNK)) {
      remember(
        nav
          ? (
              await ctx.db
                .select({ id: v.id, fundId: v.fundId, on: v.valuedOn, fen: v.navFen, version: v.version })
                .from(v)
                .where(inArray(v.id, part))
            ).map((e) => ({ ...e, kind: 'nav' }))
          : await ctx.db
              .select({ id: d.id, fundId: d.fundId, kind: d.kind, on: d.paidOn, fen: d.amountFen, version: d.version })
              .from(d)
              .where(inArray(d.id, part)),
        nav,
      );
    }
  }
  const fundIds = [...new Set(flows.filter((f) => f.id === undefined).map((f) => f.fundId))];
  const known = new Map<string, Existing>();
  for (const part of chunks(fundIds, CHUNK)) {
    const rows: Existing[] = [
      ...(await ctx.db
        .select({ id: d.id, fundId: d.fundId, kind: d.kind, on: d.paidOn, fen: d.amountFen, version: d.version })
        .from(d)
        .where(inArray(d.fundId, part))),
      ...(
        await ctx.db
          .select({ id: v.id, fundId: v.fundId, on: v.valuedOn, fen: v.navFen, version: v.version })
          .from(v)
          .where(inArray(v.fundId, part))
      ).map((e) => ({ ...e, kind: 'nav' })),
    ];
    for (const e of rows) if (!known.has(flowKey(e))) known.set(flowKey(e), e);
  }

  const inserts: Flow[] = [];
  const updates: { flow: Flow; version: number }[] = [];
  const duplicates = new Problems();
  let unchanged = 0;
  const idRows = new Map<string, number>();
  const sheetRows = new Map<string, number>();
  const what = (f: { kind: string }) => (isNav(f) ? '估值' : '分配');
  for (const f of flows) {
    if (f.id !== undefined) {
      const e = byId(isNav(f), f.id);
      const seenAt = idRows.get(`${what(f)}${f.id}`);
      if (!e || (!ctx.scope.all && !ctx.scope.funds.has(e.fundId)))
        problems.push({ row: f.row, column: label('id'), message: `${what(f)}记录 ${f.id} 不存在` });
      else if (e.fundId !== f.fundId)
        problems.push({
          row: f.row,
          column: label('id'),
          message: `${what(f)}记录 ${f.id} 属于另一只基金，导入不能改换记录的基金`,
        });
      else if (seenAt !== undefined)
        problems.push({
          row: f.row,
          column: label('id'),
          message: `与第 ${seenAt} 行是同一条记录（记录编号 ${f.id}）`,
        });
      else if (flowKey(e) === flowKey(f)) unchanged++;
      else updates.push({ flow: f, version: e.version });
      idRows.set(`${what(f)}${f.id}`, f.row);
      continue;
    }
    const same = known.get(flowKey(f));
    const earlier = sheetRows.get(flowKey(f));
    if (same)
      duplicates.push({
        row: f.row,
        column: label('amount'),
        message: `与已有的${what(f)}记录 ${same.id} 完全相同（基金、类型、日期、金额）`,
      });
    else if (earlier !== undefined)
      duplicates.push({
        row: f.row,
        column: label('amount'),
        message: `与第 ${earlier} 行完全相同（基金、类型、日期、金额）`,
      });
    if (earlier === undefined) sheetRows.set(flowKey(f), f.row);
    inserts.push(f);
  }
  return { inserts, updates, unchanged, duplicates };
}

/** Lookups go `IN (…)` at most this many values at a time (D1 binds at most 100 parameters per query). */
const CHUNK = 90;

const rules = [
  '每行一笔分配或一份估值（GP 报送的基金资产净值 NAV）。表头须为 基金、类型、日期、金额（元）（列的顺序可以调整，以“备注”开头的列会被忽略；表头写“金额（万元）”时整列按万元读）。',
  '基金填基金编号或系统中的全称（只能填本人可见的基金）。',
  `类型可填：${Object.keys(flowKinds).join('、')}。`,
  '日期填 2024-03-01 这样的格式（也可写 2024/3/1、2024年3月1日，或使用 Excel 日期单元格），不能晚于今天。分配填支付日，估值填估值基准日。',
  `金额单位为元，不能为负数，可写明单位，如 ${amountFormats}，换算成元后最多两位小数（精确到分）。分配填分配给全体出资人的总额，估值填基金净值。`,
  '导入前会逐行检查全部数据：只要有一处问题，整个文件都不会写入，返回的结果逐条列出“第几行、哪一列、什么问题”；全部无误时一次性写入。可先加 ?dryRun=1 只检查不写入。',
  '示例行（第 2 行）仅作格式参考，导入前请删除。',
];

/** The date and amount columns keep their formats where a user types later. */
const flowColumns = (wb: Workbook, widths: number[], extra: CellStyle = {}) =>
  widths.map((width, i) => ({
    width,
    style:
      i === 2
        ? wb.style({ ...extra, numFmt: formats.date })
        : i === 3
          ? wb.style({ ...extra, numFmt: formats.wan })
          : undefined,
  }));

/** 分配与估值导入模板: the input sheet (headers, one example row, a 类型 drop-down) and 填写说明. */
export function fundFlowTemplate(exampleFund: string, now: Date): Workbook {
  const wb = new Workbook(now);
  const asOf = chinaToday(now);
  const print = (name: string) => ({ title: `分配与估值导入模板 ${name}`, asOf });
  const ws = wb.sheet({
    name: '分配与估值',
    columns: flowColumns(wb, [32, 16, 14, 20]),
    frozen: { rows: 1 },
    print: print('分配与估值'),
  });
  const header = wb.style(headerStyle('FFC00000'));
  ws.row(Object.values(COLUMNS).map((v) => ({ v, s: header })));
  const example: CellStyle = { color: 'FF808080', italic: true };
  const plain = wb.style(example);
  ws.row([
    { v: exampleFund, s: plain },
    { v: '估值', s: plain },
    { v: dateCell(asOf), s: wb.style({ ...example, numFmt: formats.date }) },
    { v: 1000000, s: wb.style({ ...example, numFmt: formats.wan }) },
  ]);
  ws.validate('B2:B2001', { list: Object.keys(flowKinds), error: `可填：${Object.keys(flowKinds).join('、')}` });
  const help = wb.sheet({ name: '填写说明', columns: [{ width: 100 }], print: print('填写说明') });
  help.row([{ v: '分配与估值导入模板 填写说明', s: wb.style({ bold: true, size: 14 }) }]);
  const wrapTop = wb.style({ wrap: true, vertical: 'top' });
  rules.forEach((rule, i) => help.row([{ v: `${i + 1}. ${rule}`, s: wrapTop }], { at: 3 + i }));
  return wb;
}

/**
 * 基金分配与估值 as of asOf: every distribution and NAV report dated ≤ asOf of the visible funds (or of one fund), by
 * fund, date and kind, in the import's columns so the sheet reads back in: with its 记录编号, a row updates its record
 * (or is left when unchanged) instead of adding it again.
 */
export async function fundFlowExport(ctx: ReadContext, fundId: number | undefined, now: Date): Promise<Workbook> {
  const only = (col: typeof distributions.fundId | typeof valuations.fundId): SQL | undefined =>
    fundId === undefined ? inScope(ctx.scope, col) : eq(col, fundId);
  const names = new Map(
    (await ctx.db.select({ id: funds.id, name: funds.name }).from(funds)).map((f) => [f.id, f.name]),
  );
  if (fundId !== undefined && !names.has(fundId)) throw notFound('基金', fundId);
  const d = distributions;
  const v = valuations;
  const rows = [
    ...(await ctx.db
      .select({ id: d.id, fundId: d.fundId, on: d.paidOn, fen: d.amountFen, kind: d.kind })
      .from(d)
      .where(and(lte(d.paidOn, ctx.asOf), only(d.fundId)))),
    ...(
      await ctx.db
        .select({ id: v.id, fundId: v.fundId, on: v.valuedOn, fen: v.navFen })
        .from(v)
        .where(and(lte(v.valuedOn, ctx.asOf), only(v.fundId)))
    ).map((r) => ({ ...r, kind: 'nav' as const })),
  ].sort((a, b) => a.fundId - b.fundId || a.on.localeCompare(b.on) || a.kind.localeCompare(b.kind) || a.id - b.id);

  const wb = new Workbook(now);
  const columns = flowColumns(wb, [32, 16, 14, 20, 14]);
  const ws = wb.sheet({
    name: '分配与估值',
    columns,
    frozen: { rows: 1 },
    print: { title: '基金分配与估值', asOf: ctx.asOf },
  });
  const header = wb.style(headerStyle());
  ws.row([...Object.values(COLUMNS), ID_COLUMN].map((v) => ({ v, s: header })));
  const [, , date, amount] = columns.map((c) => c.style!);
  for (const r of rows)
    ws.row([
      names.get(r.fundId) ?? String(r.fundId),
      kindLabel[r.kind],
      { v: dateCell(r.on), s: date! },
      { v: Number(fenToYuan(r.fen)), s: amount! },
      r.id,
    ]);
  return wb;
}
