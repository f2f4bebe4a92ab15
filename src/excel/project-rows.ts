// One row of a project sheet read as the API's own inputs: the project body, its milestones and its arrivals, each
// checked by the API's schema and rules; a problem is named by its row and the column's header.
import { funds, units } from '../db/schema';
import { isIsoDate } from '../domain/dates';
import { futureArrival, milestoneDateProblem, notSignedProblem, signedOnOf } from '../domain/projects';
import { arrivalKindNames } from '../domain/vocabulary';
import { arrivalBody, milestoneBody, projectBody } from '../http/project-input';
import { issuesOf } from '../validation';
import { dateOf, moneyOf, textOf, yesNo } from '../xlsx/cells';
import type { Cell, Row } from '../xlsx/grid';
import { idsByName, type Importer, type Problems } from './imports';
import { columnByKey, enumCode, stageColumns, type MoneyUnit, type ProjectColumn } from './project-columns';
import type { Draft } from './project-import-writes';

export interface HeaderColumn {
  index: number;
  header: string;
  column: ProjectColumn;
  unit: MoneyUnit;
}

interface References {
  /** Whether the caller may use only some funds (a manager): a fund outside them reads as one that does not exist. */
  fundsLimited: boolean;
  fundIds: Set<number>;
  fundsByName: Map<string, number[]>;
  unitIds: Set<number>;
  unitsByName: Map<string, number[]>;
}

/** The funds the caller may see and every unit, by id and by exact name (both tables are small). */
export async function referenceData(ctx: Importer): Promise<References> {
  const fundRows = (await ctx.db.select({ id: funds.id, name: funds.name }).from(funds)).filter(
    (f) => ctx.scope.all || ctx.scope.funds.has(f.id),
  );
  const unitRows = await ctx.db.select({ id: units.id, name: units.name }).from(units);
  return {
    fundsLimited: !ctx.scope.all,
    fundIds: new Set(fundRows.map((f) => f.id)),
    fundsByName: idsByName(fundRows),
    unitIds: new Set(unitRows.map((u) => u.id)),
    unitsByName: idsByName(unitRows),
  };
}

/** One row being read: its cells by column key, and its problems, each named by the column's header. */
interface RowReader {
  row: Row;
  columns: Map<string, HeaderColumn>;
  cell: (key: string) => Cell | undefined;
  label: (key: string) => string;
  add: (key: string, message: string, column?: string) => void;
  /** The columns a problem was already reported on (a schema issue there is not said twice). */
  reported: Set<string>;
}

function rowReader(r: Row, columns: Map<string, HeaderColumn>, problems: Problems): RowReader {
  const reported = new Set<string>();
  const label = (key: string) => columns.get(key)?.header ?? columnByKey.get(key)?.header ?? key;
  return {
    row: r,
    columns,
    reported,
    label,
    cell: (key) => {
      const c = columns.get(key);
      return c ? r.cells[c.index] : undefined;
    },
    add: (key, message, column = label(key)) => {
      reported.add(key);
      problems.push({ row: r.number, column, message });
    },
  };
}

/** A row as the API's inputs: its project body (when valid), milestones and arrivals, each problem added. */
export function readRow(
  ctx: Importer,
  r: Row,
  columns: Map<string, HeaderColumn>,
  refs: References,
  problems: Problems,
): Draft {
  const rr = rowReader(r, columns, problems);
  const raw = leadFields(rr, refs);
  const draft: Draft = { row: r.number, raw, milestones: [], arrivals: [], arrivalColumns: [] };
  const parsed = projectBody.safeParse(raw);
  if (parsed.success) draft.body = parsed.data;
  else {
    for (const issue of issuesOf(parsed.error)) {
      const key = bodyFieldColumn[issue.path] ?? issue.path;
      if (!rr.reported.has(key)) rr.add(key, issue.message);
    }
  }
  // A future 报送日期 is the 报送日期's problem (projectRuleIssues says so), not the milestones' dated before it.
  const reportedOn =
    typeof raw.reportedOn === 'string' && isIsoDate(raw.reportedOn) && raw.reportedOn <= ctx.today
      ? raw.reportedOn
      : null;
  readMilestones(ctx, rr, reportedOn, draft);
  readArrivals(ctx, rr, reportedOn, draft);
  return draft;
}

/** The lead's own cells as projectBody's input: text, choices, yes/no, dates, money, and funds and units by name. */
// eslint-disable-next-line max-lines-per-function -- one lead's fields read cell by cell in the template's column order
function leadFields(rr: RowReader, refs: References): Record<string, unknown> {
  const { cell, add, columns } = rr;
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
    // A manager is told the same of a fund that does not exist and of another manager's: nothing of it is revealed.
    const absent = what === '基金' && refs.fundsLimited ? '不存在或无权使用' : '不存在';
    if (/^\d+$/.test(text)) {
      const id = Number(text);
      if (ids.has(id)) return id;
      add(key, `${what} ${id} ${absent}`);
      return undefined;
    }
    const found = byName.get(text) ?? [];
    if (found.length === 1) return found[0];
    add(
      key,
      found.length === 0
        ? `${what}“${text}”${absent}（名称须与系统中完全一致，也可填${what}编号）`
        : `有 ${found.length} 个名为“${text}”的${what}，请改填${what}编号`,
    );
    return undefined;
  };
  set('sourceFundId', ref('sourceFund', '基金', refs.fundIds, refs.fundsByName));
  set('introducingUnitId', ref('introducingUnit', '单位', refs.unitIds, refs.unitsByName));
  set('landingUnitId', ref('landingUnit', '单位', refs.unitIds, refs.unitsByName));

  return raw;
}

/** Milestones: one date column per stage, checked by the API's milestone schema and date rules. */
function readMilestones(ctx: Importer, rr: RowReader, reportedOn: string | null, draft: Draft) {
  const { cell, add } = rr;
  const dropReason = textOf(cell('dropReason'));
  for (const [stage] of stageColumns) {
    const on = dateOf(cell(stage));
    if (on === undefined) continue;
    const m = milestoneBody.safeParse({ stage, on, reason: stage === 'dropped' ? dropReason : undefined });
    if (!m.success) {
      for (const issue of issuesOf(m.error)) add(issue.path === 'reason' ? 'dropReason' : stage, issue.message);
      continue;
    }
    const dateProblem = milestoneDateProblem(m.data.on, reportedOn ?? m.data.on, ctx.today);
    if (dateProblem) add(stage, dateProblem);
    else draft.milestones.push(m.data);
  }
  if (dropReason !== undefined && dateOf(cell('dropped')) === undefined)
    add('dropReason', '填写了终止原因，但没有终止日期');
}

/** Arrivals: the single-arrival columns, then each entry of the compact cell; the API's schema and 409 rule each. */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the arrival columns and one arrival are the parts
function readArrivals(ctx: Importer, rr: RowReader, reportedOn: string | null, draft: Draft) {
  const { cell, add, label, columns } = rr;
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
}

/** The projectBody field a zod issue names → the sheet column that fed it. */
export const bodyFieldColumn: Record<string, string> = {
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
