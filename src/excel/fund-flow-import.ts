// 分配与估值 imported from a GP's sheet: the header read into columns, every row checked (the fund visible to the
// caller, the kind, the API's date and amount rules), the checked rows planned against the records they update or
// repeat, and all written in one atomic write only when every row is right.
import { eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { atomic, touched } from '../db';
import { distributions, funds, valuations } from '../db/schema';
import { fundFlowDateProblem, type FundStart } from '../domain/performance';
import { ApiError, errorText, notFound } from '../errors';
import { count } from '../http/answer-fields';
import { bulkInsert, chunks } from '../records/bulk-insert';
import { fundStarts } from '../records/funds';
import { isoDate, issuesOf, positiveYuanAmount } from '../validation';
import { dateOf, moneyOf, textOf } from '../xlsx/cells';
import type { Row } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';
import { COLUMNS, flowKinds, headerKey, ID_COLUMN, type ColumnKey, type FlowKind } from './fund-flow-columns';
import { idsByName, Problems, readColumns, refused, type Importer } from './imports';

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

/** The sheet's columns by key: where each stands, its header as written, and whether its amounts are 万元. */
type Columns = Map<ColumnKey, { index: number; header: string; wan: boolean }>;

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
  const { columns, rows } = readFlowColumns(sheet);
  const flows = await checkFlows(ctx, columns, rows);
  const problems = new Problems();
  const plan = await planFlows(ctx, flows, problems, (key) => columns.get(key)?.header ?? ID_COLUMN);
  if (problems.length) throw refused(problems);
  const counts: FlowCounts = {
    rows: flows.length,
    distributions: plan.inserts.filter((f) => f.kind !== 'nav').length,
    valuations: plan.inserts.filter((f) => f.kind === 'nav').length,
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
  await writeFlows(ctx, plan);
  return counts;
}

/**
 * The header and the data rows: an unknown or repeated column, or a missing one of COLUMNS, is a problem of the
 * header row (a column headed 备注… is left out), and the sheet holds 1 to MAX_FLOW_ROWS data rows. A bad header
 * stops the import before any row after it is read.
 */
function readFlowColumns(sheet: HeadedSheet): { columns: Columns; rows: Row[] } {
  const { columns: indexes, rows } = readColumns<ColumnKey>(sheet, {
    columns: { ...COLUMNS, id: ID_COLUMN },
    required: Object.keys(COLUMNS) as (keyof typeof COLUMNS)[],
    keyOf: (cell) => headerKey(cell)?.key ?? null,
    anchor: 'fund',
    noHeader: '找不到表头行：前 10 行中没有“基金”和“类型”列。请使用导入模板。',
    repeated: (first) => `与“${first}”是同一列，不能重复`,
    maxRows: MAX_FLOW_ROWS,
  });
  // Each column as it is headed: an amount headed 金额（万元） is read in 万元.
  const cells = sheet.header!.cells;
  const columns: Columns = new Map(
    [...indexes].map(([key, index]) => [
      key,
      { index, header: textOf(cells[index])!, wan: headerKey(cells[index]!)!.wan },
    ]),
  );
  return { columns, rows };
}

/** What checking a row needs to know of the database: the caller's funds by id and by name, and each fund's start. */
interface FlowLookups {
  ids: Set<number>;
  byName: Map<string, number[]>;
  starts: Map<number, FundStart>;
  today: string;
}

/** Every row checked, in sheet order: the flows when all are right, else 400 listing every problem. */
async function checkFlows(ctx: Importer, columns: Columns, rows: Row[]): Promise<Flow[]> {
  const [allFunds, starts] = await Promise.all([
    ctx.db.select({ id: funds.id, name: funds.name }).from(funds),
    fundStarts(ctx.db),
  ]);
  const visible = allFunds.filter((f) => ctx.scope.all || ctx.scope.funds.has(f.id));
  const lookups = { ids: new Set(visible.map((f) => f.id)), byName: idsByName(visible), starts, today: ctx.today };
  const problems = new Problems();
  const flows: Flow[] = [];
  for (const r of rows) {
    const flow = checkFlow(r, columns, lookups, problems);
    if (flow) flows.push(flow);
  }
  if (problems.length) throw refused(problems);
  return flows;
}

/** One row read and checked: its flow, or undefined with its problems added (each cell's, in column order). */
function checkFlow(r: Row, columns: Columns, lookups: FlowLookups, problems: Problems): Flow | undefined {
  const label = (key: ColumnKey) => columns.get(key)?.header ?? ID_COLUMN;
  const cell = (key: ColumnKey) => {
    const column = columns.get(key);
    return column ? r.cells[column.index] : undefined;
  };
  const add = (key: ColumnKey, message: string) => problems.push({ row: r.number, column: label(key), message });
  const before = problems.length;

  const fundId = fundOf(textOf(cell('fund')), lookups, (message) => add('fund', message));

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
    const start = fundId === undefined ? null : (lookups.starts.get(fundId) ?? null);
    const problem = fundFlowDateProblem(on.data, start, lookups.today);
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
  if (problems.length !== before) return undefined;
  return { row: r.number, id: id ?? undefined, fundId: fundId!, kind: kind!, on: on.data!, fen: fen! };
}

/** The 基金 cell's fund: a visible fund's id, or its exact name when only one visible fund bears it. */
function fundOf(text: string | undefined, lookups: FlowLookups, add: (message: string) => void): number | undefined {
  if (text === undefined) return void add('必填，不能为空');
  if (/^\d+$/.test(text)) {
    if (lookups.ids.has(Number(text))) return Number(text);
    return void add(notFound('基金', text).message);
  }
  const found = lookups.byName.get(text) ?? [];
  if (found.length === 1) return found[0];
  add(
    found.length === 0
      ? `基金“${text}”不存在（名称须与系统中完全一致，也可填基金编号）`
      : `有 ${found.length} 个名为“${text}”的基金，请改填基金编号`,
  );
}

type DistributionKind = Exclude<FlowKind, 'nav'>;
const sameVersion = (column: SQLiteColumn, version: number) =>
  sql`case when ${column} = ${version} then ${column} + 1 end`;

/** What a flow's key is for the duplicate check: the same fund, kind, date and amount. */
const flowKey = (f: { fundId: number; kind: string; on: string; fen: number }) =>
  `${f.fundId}|${f.kind}|${f.on}|${f.fen}`;

const isNav = (f: { kind: string }) => f.kind === 'nav';

type Existing = { id: number; fundId: number; kind: string; on: string; fen: number; version: number };

/** Lookups go `IN (…)` at most this many values at a time (D1 binds at most 100 parameters per query). */
const CHUNK = 90;

/**
 * The records the sheet's rows may be: those its rows name by 记录编号 (by `d`/`v` and id), and every record of the
 * funds its new rows are for (by flowKey, the first of equal ones). 90 ids a statement.
 */
async function existingFlows(ctx: Importer, flows: Flow[]) {
  const byId = new Map<string, Existing>();
  const d = distributions;
  const v = valuations;
  for (const nav of [false, true]) {
    const ids = [...new Set(flows.filter((f) => f.id !== undefined && isNav(f) === nav).map((f) => f.id!))];
    for (const part of chunks(ids, CHUNK)) {
      const rows = nav
        ? (
            await ctx.db
              .select({ id: v.id, fundId: v.fundId, on: v.valuedOn, fen: v.navFen, version: v.version })
              .from(v)
              .where(inArray(v.id, part))
          ).map((e) => ({ ...e, kind: 'nav' }))
        : await ctx.db
            .select({ id: d.id, fundId: d.fundId, kind: d.kind, on: d.paidOn, fen: d.amountFen, version: d.version })
            .from(d)
            .where(inArray(d.id, part));
      rows.forEach((e) => byId.set(`${nav ? 'v' : 'd'}${e.id}`, e));
    }
  }
  const fundIds = [...new Set(flows.filter((f) => f.id === undefined).map((f) => f.fundId))];
  const byKey = new Map<string, Existing>();
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
    for (const e of rows) if (!byKey.has(flowKey(e))) byKey.set(flowKey(e), e);
  }
  return { byId: (nav: boolean, id: number) => byId.get(`${nav ? 'v' : 'd'}${id}`), byKey };
}

/**
 * How the checked rows are written: rows with a 记录编号 update that record (a distribution or NAV report of the
 * row's fund the caller sees) when they differ from it and are left when equal; rows without one are new records,
 * and those equal to an existing record, or to an earlier row, are duplicates.
 */
async function planFlows(ctx: Importer, flows: Flow[], problems: Problems, label: (key: ColumnKey) => string) {
  const existing = await existingFlows(ctx, flows);
  const inserts: Flow[] = [];
  const updates: { flow: Flow; version: number }[] = [];
  const duplicates = new Problems();
  let unchanged = 0;
  const idRows = new Map<string, number>();
  const sheetRows = new Map<string, number>();
  const what = (f: { kind: string }) => (isNav(f) ? '估值' : '分配');
  for (const f of flows) {
    if (f.id !== undefined) {
      const e = existing.byId(isNav(f), f.id);
      const seenAt = idRows.get(`${what(f)}${f.id}`);
      const problem = (message: string) => problems.push({ row: f.row, column: label('id'), message });
      if (!e || (!ctx.scope.all && !ctx.scope.funds.has(e.fundId))) problem(`${what(f)}记录 ${f.id} 不存在`);
      else if (e.fundId !== f.fundId) problem(`${what(f)}记录 ${f.id} 属于另一只基金，导入不能改换记录的基金`);
      else if (seenAt !== undefined) problem(`与第 ${seenAt} 行是同一条记录（记录编号 ${f.id}）`);
      else if (flowKey(e) === flowKey(f)) unchanged++;
      else updates.push({ flow: f, version: e.version });
      idRows.set(`${what(f)}${f.id}`, f.row);
      continue;
    }
    const same = existing.byKey.get(flowKey(f));
    const earlier = sheetRows.get(flowKey(f));
    const duplicate = (message: string) => duplicates.push({ row: f.row, column: label('amount'), message });
    if (same) duplicate(`与已有的${what(f)}记录 ${same.id} 完全相同（基金、类型、日期、金额）`);
    else if (earlier !== undefined) duplicate(`与第 ${earlier} 行完全相同（基金、类型、日期、金额）`);
    if (earlier === undefined) sheetRows.set(flowKey(f), f.row);
    inserts.push(f);
  }
  return { inserts, updates, unchanged, duplicates };
}

/**
 * The plan's new records and updates in one atomic write. A record changed by someone else since it was checked
 * gets no version (NOT NULL refuses it): nothing is written, and the import answers 409.
 */
async function writeFlows(ctx: Importer, plan: Awaited<ReturnType<typeof planFlows>>): Promise<void> {
  const user = ctx.user.id;
  const dists = plan.inserts.filter((f) => f.kind !== 'nav');
  const navs = plan.inserts.filter((f) => f.kind === 'nav');
  const distributionRows = dists.map((f) => ({
    fundId: f.fundId,
    amountFen: f.fen,
    paidOn: f.on,
    kind: f.kind as DistributionKind,
    updatedBy: user,
  }));
  const valuationRows = navs.map((f) => ({ fundId: f.fundId, navFen: f.fen, valuedOn: f.on, updatedBy: user }));
  const updates = plan.updates.map(({ flow: f, version }) =>
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
  );
  try {
    await atomic(ctx.db, [
      ...(dists.length ? bulkInsert(ctx.db, distributions, distributionRows) : []),
      ...(navs.length ? bulkInsert(ctx.db, valuations, valuationRows) : []),
      ...updates,
    ]);
  } catch (err) {
    if (/NOT NULL constraint failed: \w+\.version/.test(errorText(err))) {
      throw new ApiError('conflict', '导入期间有人修改了表中按记录编号修改的记录，未写入任何数据，请重新导出后再导入');
    }
    throw err;
  }
}
