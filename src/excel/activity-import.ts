// 招商活动 in Excel: one row per activity (unit, fund, kind, dates, destination, 带队, people, companies, projects),
// imported like the projects (every row checked first, nothing written unless all are right), and its template. The
// rules are the API's: each row becomes the body of POST /api/activities, checked by its schema and by
// records/activities.ts's checkActivities(), and all are written by activityStatements() in one atomic write.
import { and, sql } from 'drizzle-orm';
import { z } from 'zod';
import { count } from '../http/answer-fields';
import { atomic } from '../db';
import { funds, projects, units, users } from '../db/schema';
import { activityKindNames, activityKinds } from '../domain/vocabulary';
import { cleanName } from '../domain/names';
import { chinaToday } from '../domain/dates';
import { activityBody, type ActivityBody } from '../http/activity-input';
import { activityStatements, checkActivities } from '../records/activities';
import { inScope } from '../queries/trees';
import { dateOf, textOf, yesNo } from '../xlsx/cells';
import type { Cell, Row } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';
import { headerStyle } from '../xlsx/workbook';
import { Workbook } from '../xlsx/writer';
import { Problems, readColumns, refused, type Importer } from './imports';

const COLUMNS = {
  unit: '单位',
  fund: '基金',
  kind: '活动类型',
  startedOn: '开始日期',
  endedOn: '结束日期',
  destination: '目的地',
  topLed: '主要负责人带队',
  participants: '参与人员',
  companies: '对接企业',
  produced: '促成线索项目',
  advanced: '推进项目',
  note: '备注说明',
} as const;
type ColumnKey = keyof typeof COLUMNS;
const REQUIRED: ColumnKey[] = ['unit', 'kind', 'startedOn'];

/** More rows than this are refused before any check. */
export const MAX_ACTIVITY_ROWS = 5_000;

/** The body of POST /api/imports/activities: what was written (201), or would be (200, ?dryRun=1). */
export const activityImportAnswer = z.strictObject({
  dryRun: z.boolean().meta({ description: 'true：只校验，未写入（200）；false：已写入（201）' }),
  rows: count.meta({ description: '数据行数' }),
  activities: count.meta({ description: '新增的招商活动数' }),
});
export type ActivityImportCounts = Omit<z.output<typeof activityImportAnswer>, 'dryRun'>;

const headerKey = (cell: Cell): ColumnKey | null => {
  if (typeof cell !== 'string') return null;
  const text = cell.normalize('NFKC').replace(/\s/g, '');
  for (const [key, header] of Object.entries(COLUMNS)) if (text === header) return key as ColumnKey;
  if (text === '类型') return 'kind';
  if (text === '日期') return 'startedOn';
  return null;
};

/** A header row names 单位 and 活动类型. */
export const isActivityHeader = (cells: Cell[]) => {
  const keys = new Set(cells.map(headerKey));
  return keys.has('unit') && keys.has('kind');
};

/** The 活动类型 column: a kind by its Chinese name (推介会、展会、沙龙 each) or its code. */
const kindByText = new Map<string, (typeof activityKinds)[number]>(
  activityKinds.flatMap((k) => [
    [activityKindNames[k], k],
    [k, k],
    ...activityKindNames[k].split('/').map((part) => [part, k] as [string, typeof k]),
  ]),
);

/** A cell's list: its entries separated by 、, line breaks or semicolons, each cleaned. */
const listOf = (cell: Cell | undefined) =>
  (textOf(cell) ?? '')
    .split(/[、\n;；]+/)
    .map(cleanName)
    .filter(Boolean);

/** The sheet's column a body field's problem belongs to. */
const columnOf = (path: string): string => {
  const head = path.split('.')[0] ?? '';
  if (head === 'participantIds' || head === 'participantNames') return COLUMNS.participants;
  if (head === 'projects') return `${COLUMNS.produced}/${COLUMNS.advanced}`;
  if (head === 'unitId') return COLUMNS.unit;
  if (head === 'fundId') return COLUMNS.fund;
  return COLUMNS[head as ColumnKey] ?? head;
};

/** Records by name, one statement each whatever their number (the names bound as one JSON value). */
async function namesIn(ctx: Importer, drafts: { unit: string; fund?: string; people: string[]; projects: string[] }[]) {
  const json = (xs: string[]) => JSON.stringify([...new Set(xs)]);
  const [unitRows, fundRows, userRows, projectRows] = await Promise.all([
    ctx.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(sql`${units.name} in (select value from json_each(${json(drafts.map((d) => d.unit))}))`),
    ctx.db
      .select({ id: funds.id, name: funds.name })
      .from(funds)
      .where(
        and(
          sql`${funds.name} in (select value from json_each(${json(drafts.flatMap((d) => (d.fund ? [d.fund] : [])))}))`,
          inScope(ctx.scope, funds.id),
        ),
      ),
    ctx.db
      .select({ id: users.id, displayName: users.displayName, username: users.username })
      .from(users)
      .where(
        sql`(${users.displayName} in (select value from json_each(${json(drafts.flatMap((d) => d.people))})) or ${users.username} in (select value from json_each(${json(drafts.flatMap((d) => d.people))}))) and ${users.revokedAt} is null`,
      ),
    ctx.db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(
        and(
          sql`${projects.name} in (select value from json_each(${json(drafts.flatMap((d) => d.projects))}))`,
          inScope(ctx.scope, projects.sourceFundId),
        ),
      ),
  ]);
  const byName = <T extends { id: number }>(rows: T[], names: (r: T) => (string | null)[]) => {
    const out = new Map<string, number[]>();
    for (const r of rows) for (const n of names(r)) if (n) out.set(n, [...(out.get(n) ?? []), r.id]);
    return out;
  };
  return {
    units: byName(unitRows, (u) => [u.name]),
    funds: byName(fundRows, (f) => [f.name]),
    users: byName(userRows, (u) => [u.displayName, u.username]),
    projects: byName(projectRows, (p) => [p.name]),
  };
}

/**
 * Checks every row and, when all are right and this is not a dry run, writes the activities in one atomic write
 * (audited by the tables' triggers), in sheet order. Any problem answers 400 listing every one and writes nothing.
 */
export async function importActivities(
  ctx: Importer,
  sheet: HeadedSheet,
  opts: { dryRun: boolean },
): Promise<ActivityImportCounts> {
  const { columns, rows: dataRows } = readColumns(sheet, {
    columns: COLUMNS,
    required: REQUIRED,
    keyOf: headerKey,
    anchor: 'unit',
    noHeader: '找不到表头行：前 10 行中没有“单位”和“活动类型”列。请使用导入模板。',
    maxRows: MAX_ACTIVITY_ROWS,
  });
  const problems = new Problems();
  const drafts = dataRows.map((r) => draftOf(r, columns));
  const names = await namesIn(ctx, drafts);
  const bodies: { row: number; body: ActivityBody }[] = [];
  for (const d of drafts) {
    const body = checkActivityRow(d, names, problems);
    if (body) bodies.push(body);
  }
  if (problems.length) throw refused(problems);
  const { checked, problems: found } = await checkActivities(
    ctx,
    bodies.map((b) => b.body),
  );
  for (const p of found) problems.push({ row: bodies[p.index]!.row, column: columnOf(p.path), message: p.message });
  if (problems.length) throw refused(problems);
  const counts = { rows: dataRows.length, activities: checked.length };
  if (opts.dryRun) return counts;
  await atomic(ctx.db, activityStatements(ctx.db, checked, ctx.user.id));
  return counts;
}

/** A row's cells by column, with its unit, fund, people and project names split out of their cells. */
function draftOf(r: Row, columns: Map<ColumnKey, number>) {
  const cell = (key: ColumnKey) => {
    const i = columns.get(key);
    return i === undefined ? undefined : r.cells[i];
  };
  return {
    row: r.number,
    cell,
    unit: cleanName(textOf(cell('unit')) ?? ''),
    fund: cleanName(textOf(cell('fund')) ?? '') || undefined,
    people: listOf(cell('participants')),
    produced: listOf(cell('produced')),
    advanced: listOf(cell('advanced')),
    projects: [...listOf(cell('produced')), ...listOf(cell('advanced'))],
  };
}

/** One row checked as POST /api/activities checks a body: the body, or undefined with the row's problems added. */
function checkActivityRow(
  d: ReturnType<typeof draftOf>,
  names: Awaited<ReturnType<typeof namesIn>>,
  problems: Problems,
): { row: number; body: ActivityBody } | undefined {
  const add = (column: string, message: string) => problems.push({ row: d.row, column, message });
  const before = problems.length;
  const one = (map: Map<string, number[]>, name: string, column: ColumnKey, what: string) => {
    const ids = map.get(name) ?? [];
    if (ids.length === 0) add(COLUMNS[column], `${what}“${name}”不存在`);
    else if (ids.length > 1) add(COLUMNS[column], `${what}“${name}”对应多条记录，请写全称`);
    return ids[0];
  };
  const byNameOrId = (text: string, map: Map<string, number[]>, column: ColumnKey, what: string) =>
    /^[1-9]\d{0,15}$/.test(text) ? Number(text) : one(map, text, column, what);
  const unitId = d.unit
    ? byNameOrId(d.unit, names.units, 'unit', '单位')
    : (add(COLUMNS.unit, '必填，不能为空'), undefined);
  const fundId = d.fund ? byNameOrId(d.fund, names.funds, 'fund', '基金') : null;
  const kindText = textOf(d.cell('kind'))?.trim() ?? '';
  const kind = kindByText.get(kindText.normalize('NFKC').replace(/\s/g, ''));
  if (!kind)
    add(
      COLUMNS.kind,
      kindText
        ? `“${kindText}”不是可选的类型，可填：${activityKinds.map((k) => activityKindNames[k]).join('、')}`
        : '必填，不能为空',
    );
  const ledText = textOf(d.cell('topLed'))?.trim().toLowerCase();
  const topLed = ledText ? yesNo[ledText] : false;
  if (topLed === undefined) add(COLUMNS.topLed, `“${ledText}”应填“是”或“否”`);
  const projectIds = (list: string[], link: 'produced' | 'advanced') =>
    list.flatMap((p) => {
      const id = byNameOrId(p, names.projects, link, '项目');
      return id ? [{ projectId: id, link }] : [];
    });
  const { participantIds, participantNames } = participantsOf(d.people, names.users);
  const raw = {
    unitId,
    fundId,
    kind,
    startedOn: dateOf(d.cell('startedOn')) ?? '',
    endedOn: dateOf(d.cell('endedOn')) ?? null,
    destination: textOf(d.cell('destination')) ?? null,
    topLed,
    participantIds,
    participantNames,
    companies: listOf(d.cell('companies')).map((name) => ({ name })),
    projects: [...projectIds(d.produced, 'produced'), ...projectIds(d.advanced, 'advanced')],
    note: textOf(d.cell('note')) ?? null,
  };
  if (problems.length > before) return undefined;
  const parsed = activityBody.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) add(columnOf(i.path.map(String).join('.')), i.message);
    return undefined;
  }
  return { row: d.row, body: parsed.data };
}

/** Participants by name: a user when exactly one user has that display name or username, else a name as written. */
function participantsOf(people: string[], users: Map<string, number[]>) {
  const participantIds: number[] = [];
  const participantNames: string[] = [];
  for (const p of people) {
    const ids = users.get(p);
    if (ids?.length === 1) participantIds.push(ids[0]!);
    else participantNames.push(p);
  }
  return { participantIds, participantNames };
}

const rules = [
  '每行一次招商活动。表头须为 单位、基金、活动类型、开始日期、结束日期、目的地、主要负责人带队、参与人员、对接企业、促成线索项目、推进项目、备注说明（列的顺序可以调整，以“备注”开头的其他列会被忽略）；单位、活动类型、开始日期必填。',
  `活动类型可填：${activityKinds.map((k) => activityKindNames[k]).join('、')}（推介会、展会、沙龙均可单独填写）。走出去须填目的地。`,
  '单位、基金、项目按名称填写（与系统中的名称一致），也可填其编号。基金管理人须填本基金（及其下级基金）的名称，只能关联本基金的项目。',
  '参与人员、对接企业、项目可填多个，以“、”分隔。参与人员与系统用户的显示名称或用户名一致时记为该用户，否则按姓名记录；对接企业与已登记企业名称一致时自动关联。',
  '日期填 2024-03-01 这样的格式（也可使用 Excel 日期单元格）；结束日期不早于开始日期，一天内的活动可不填。主要负责人带队填“是”或“否”，不填为否。',
  '导入前会逐行检查全部数据：只要有一处问题，整个文件都不会写入，返回的结果逐条列出“第几行、哪一列、什么问题”；全部无误时一次性写入。可先加 ?dryRun=1 只检查不写入。',
  '示例行（第 2 行）仅作格式参考，导入前请删除。',
];

/** 招商活动导入模板: the input sheet (headers, an example row, a 活动类型 drop-down) and 填写说明. */
export function activityTemplateWorkbook(example: { unit: string; fund: string | null }, now: Date): Workbook {
  const wb = new Workbook(now);
  const print = (name: string) => ({ title: `招商活动导入模板 ${name}`, asOf: chinaToday(now) });
  const widths = [14, 24, 16, 12, 12, 14, 14, 28, 36, 24, 24, 30];
  const ws = wb.sheet({
    name: '招商活动',
    columns: widths.map((width) => ({ width })),
    frozen: { rows: 1 },
    print: print('招商活动'),
  });
  const required = wb.style(headerStyle('FFC00000'));
  const optional = wb.style(headerStyle());
  ws.row(
    (Object.keys(COLUMNS) as ColumnKey[]).map((k) => ({
      v: COLUMNS[k],
      s: REQUIRED.includes(k) ? required : optional,
    })),
  );
  const plain = wb.style({ color: 'FF808080', italic: true });
  const cells = [
    example.unit,
    example.fund,
    activityKindNames.outbound,
    '2026-03-10',
    '2026-03-12',
    '深圳',
    '是',
    '区政府主要负责同志、区投资促进中心 李明',
    '深圳某智能装备有限公司、深圳某储能科技有限公司',
    null,
    null,
    '赴深圳开展产业链招商',
  ];
  ws.row(cells.map((v) => (v === null ? null : { v, s: plain })));
  const list = activityKinds.map((k) => activityKindNames[k]);
  ws.validate('C2:C5001', { list, error: `可填：${list.join('、')}` });
  const help = wb.sheet({ name: '填写说明', columns: [{ width: 100 }], print: print('填写说明') });
  help.row([{ v: '招商活动导入模板 填写说明', s: wb.style({ bold: true, size: 14 }) }]);
  const wrapTop = wb.style({ wrap: true, vertical: 'top' });
  rules.forEach((rule, i) => help.row([{ v: `${i + 1}. ${rule}`, s: wrapTop }], { at: 3 + i }));
  return wb;
}
