// 推进节点计划 in Excel: a sheet of nodes (project, name, stage or task, planned date, actual date, note) imported
// like the projects (every row checked first, nothing written unless all are right), and its template. The rules are
// the API's (src/records/nodes.ts): a project the caller may write and not rejected, no actual on a stage node, none
// after today; each node is appended after the project's last, its baseline its planned date.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { count } from '../http/answer-fields';
import { atomic } from '../db';
import { projectNodes, projects } from '../db/schema';
import { chinaToday } from '../domain/dates';
import { nodeStages, stageNames, type NodeStage } from '../domain/vocabulary';
import { isoDate } from '../validation';
import { bulkInsert } from '../records/bulk-insert';
import { nodeChangeProblem, nodeProjectProblem, nodeValues } from '../records/nodes';
import { sees } from '../queries/trees';
import { dateOf, textOf } from '../xlsx/cells';
import type { Cell, Row } from '../xlsx/grid';
import type { HeadedSheet } from '../xlsx/sheet';
import { dateCell, formats, headerStyle } from '../xlsx/workbook';
import { Workbook, type CellStyle } from '../xlsx/writer';
import { Problems, readColumns, refused, type Importer } from './imports';

const COLUMNS = {
  project: '项目编号',
  name: '节点名称',
  stage: '阶段',
  planned: '计划日期',
  actual: '完成日期',
  note: '备注说明',
} as const;
type ColumnKey = keyof typeof COLUMNS;
const REQUIRED: ColumnKey[] = ['project', 'name', 'planned'];

/** More rows than this are refused before any check. */
export const MAX_NODE_ROWS = 20_000;

/** The 阶段 column: a stage node's stage by its Chinese name or code; empty (or 任务) for a task node. */
const stageByText = new Map<string, NodeStage>(
  nodeStages.flatMap((s) => [
    [stageNames[s], s],
    [s, s],
  ]),
);

/** The body of POST /api/imports/nodes: what was written (201), or would be (200, ?dryRun=1). */
export const nodeImportAnswer = z.strictObject({
  dryRun: z.boolean().meta({ description: 'true：只校验，未写入（200）；false：已写入（201）' }),
  rows: count.meta({ description: '数据行数' }),
  nodes: count.meta({ description: '新增的推进节点数' }),
  projects: count.meta({ description: '涉及的项目数' }),
});
export type NodeImportCounts = Omit<z.output<typeof nodeImportAnswer>, 'dryRun'>;

const headerKey = (cell: Cell): ColumnKey | null => {
  if (typeof cell !== 'string') return null;
  const text = cell.normalize('NFKC').replace(/\s/g, '');
  for (const [key, header] of Object.entries(COLUMNS)) if (text === header) return key as ColumnKey;
  if (text === '项目ID' || text === '项目') return 'project';
  if (text === '节点') return 'name';
  return null;
};

/** A header row names 项目编号 and 节点名称. */
export const isNodeHeader = (cells: Cell[]) => {
  const keys = new Set(cells.map(headerKey));
  return keys.has('project') && keys.has('name');
};

interface NodeRowIn {
  row: number;
  projectId: number;
  name: string;
  stage: NodeStage | null;
  planned: string;
  actual: string | null;
  note: string | null;
}

/**
 * Checks every row and, when all are right and this is not a dry run, appends the nodes in one atomic write (audited
 * by the table's triggers), each project's after its last node, in sheet order. Any problem answers 400 listing
 * every one and writes nothing.
 */
export async function importNodes(
  ctx: Importer,
  sheet: HeadedSheet,
  opts: { dryRun: boolean },
): Promise<NodeImportCounts> {
  const { columns, rows: dataRows } = readColumns(sheet, {
    columns: COLUMNS,
    required: REQUIRED,
    keyOf: headerKey,
    anchor: 'project',
    noHeader: '找不到表头行：前 10 行中没有“项目编号”和“节点名称”列。请使用导入模板。',
    maxRows: MAX_NODE_ROWS,
  });
  const problems = new Problems();
  const parsed: NodeRowIn[] = [];
  for (const r of dataRows) {
    const node = checkNodeRow(r, columns, problems, ctx.today);
    if (node) parsed.push(node);
  }
  if (problems.length) throw refused(problems);
  const projectCount = await checkNodeProjects(ctx, parsed, problems);
  if (problems.length) throw refused(problems);
  const counts = { rows: parsed.length, nodes: parsed.length, projects: projectCount };
  if (opts.dryRun) return counts;
  await writeNodes(ctx, parsed);
  return counts;
}

/** One row read and checked: its node, or undefined with its problems added (each cell's, in column order). */
function checkNodeRow(r: Row, columns: Map<ColumnKey, number>, problems: Problems, today: string) {
  const cell = (key: ColumnKey) => {
    const i = columns.get(key);
    return i === undefined ? undefined : r.cells[i];
  };
  const add = (key: ColumnKey, message: string) => problems.push({ row: r.number, column: COLUMNS[key], message });
  const before = problems.length;
  const projectText = textOf(cell('project'));
  const projectId = projectText && /^[1-9]\d{0,15}$/.test(projectText) ? Number(projectText) : undefined;
  if (projectText === undefined) add('project', '必填，不能为空');
  else if (projectId === undefined) add('project', `“${projectText}”不是项目编号（正整数，见项目页或项目清单）`);
  const name = textOf(cell('name'))?.trim();
  if (!name) add('name', '必填，不能为空');
  else if (name.length > 100) add('name', '不能超过 100 个字符');
  const stageText = textOf(cell('stage'))?.trim();
  const stage = !stageText || stageText === '任务' ? null : (stageByText.get(stageText) ?? undefined);
  if (stage === undefined)
    add(
      'stage',
      `“${stageText}”不是可选的阶段，可填：${nodeStages.map((s) => stageNames[s]).join('、')}，任务节点留空`,
    );
  const date = (key: ColumnKey, required: boolean) => {
    const text = dateOf(cell(key));
    if (text === undefined) {
      if (required) add(key, '必填，不能为空');
      return null;
    }
    const ok = isoDate.safeParse(text);
    if (!ok.success) add(key, `“${text}”不是有效日期，应为 2024-03-01 这样的格式`);
    return ok.success ? ok.data : null;
  };
  const planned = date('planned', true);
  const actual = date('actual', false);
  if (stage !== undefined && actual !== null) {
    // The API's rule: no actual on a stage node, none after today.
    const issue = nodeChangeProblem({ stage }, { actual }, today);
    if (issue) add('actual', issue.message);
  }
  const note = textOf(cell('note'))?.trim() || null;
  if (note && note.length > 500) add('note', '不能超过 500 个字符');
  if (problems.length !== before) return undefined;
  return { row: r.number, projectId: projectId!, name: name!, stage: stage!, planned: planned!, actual, note };
}

/**
 * Each node's project: one the caller sees and may plan (nodeProjectProblem), else a problem of its row. The sheet's
 * projects are read by one statement binding their ids as one JSON value. Answers how many projects the sheet names.
 */
async function checkNodeProjects(ctx: Importer, parsed: NodeRowIn[], problems: Problems): Promise<number> {
  const ids = [...new Set(parsed.map((n) => n.projectId))];
  const found = await ctx.db
    .select({
      id: projects.id,
      status: projects.status,
      signedOn: projects.signedOn,
      sourceFundId: projects.sourceFundId,
    })
    .from(projects)
    .where(sql`${projects.id} in (select value from json_each(${JSON.stringify(ids)}))`);
  const byId = new Map(found.map((p) => [p.id, p]));
  for (const n of parsed) {
    const p = byId.get(n.projectId);
    if (!p || !sees(ctx.scope, p.sourceFundId))
      problems.push({ row: n.row, column: COLUMNS.project, message: `项目 ${n.projectId} 不存在` });
    else {
      const problem = nodeProjectProblem(p);
      if (problem) problems.push({ row: n.row, column: COLUMNS.project, message: problem });
    }
  }
  return ids.length;
}

/** The nodes appended in one atomic write: each project's after its last one (read in the insert itself), in sheet order. */
async function writeNodes(ctx: Importer, parsed: NodeRowIn[]): Promise<void> {
  const ordinal = new Map<number, number>();
  const rows = parsed.map((n) => {
    const k = (ordinal.get(n.projectId) ?? 0) + 1;
    ordinal.set(n.projectId, k);
    return nodeValues(n.projectId, k, n, ctx.user.id);
  });
  await atomic(
    ctx.db,
    bulkInsert(ctx.db, projectNodes, rows, {
      position: (field) =>
        sql`coalesce((select max(n.position) from ${projectNodes} n where n.project_id = json_extract(value, '$.projectId')), 0) + ${field}`,
    }),
  );
}

const rules = [
  '每行一个推进节点。表头须为 项目编号、节点名称、阶段、计划日期、完成日期、备注说明（列的顺序可以调整，以“备注”开头的其他列会被忽略）；项目编号、节点名称、计划日期必填。',
  `阶段可填：${nodeStages.map((s) => stageNames[s]).join('、')}——阶段节点的完成日期取自项目进展（记录进展即可），不能在此填写；任务节点（立项备案、土地摘牌、环评批复、施工许可等）阶段留空，可填完成日期。`,
  '日期填 2024-03-01 这样的格式（也可写 2024/3/1、2024年3月1日，或使用 Excel 日期单元格）；完成日期不能晚于今天。计划日期即基准日期，之后调整计划时基准不变。',
  '节点追加在项目已有节点之后，按表中顺序排列。基金管理人只能导入本基金（及其下级基金）的项目；已退回的项目不能编排节点。',
  '导入前会逐行检查全部数据：只要有一处问题，整个文件都不会写入，返回的结果逐条列出“第几行、哪一列、什么问题”；全部无误时一次性写入。可先加 ?dryRun=1 只检查不写入。',
  '示例行（第 2、3 行）仅作格式参考，导入前请删除。',
];

/** 推进节点导入模板: the input sheet (headers, two example rows, a 阶段 drop-down) and 填写说明. */
export function nodeTemplateWorkbook(exampleProjectId: number, now: Date): Workbook {
  const wb = new Workbook(now);
  const asOf = chinaToday(now);
  const print = (name: string) => ({ title: `推进节点导入模板 ${name}`, asOf });
  const widths = [12, 24, 10, 14, 14, 40];
  const dateColumn = (i: number) => i === 3 || i === 4;
  const ws = wb.sheet({
    name: '推进节点',
    columns: widths.map((width, i) => ({
      width,
      style: dateColumn(i) ? wb.style({ numFmt: formats.date }) : undefined,
    })),
    frozen: { rows: 1 },
    print: print('推进节点'),
  });
  const required = wb.style(headerStyle('FFC00000'));
  const optional = wb.style(headerStyle());
  ws.row(
    (Object.keys(COLUMNS) as ColumnKey[]).map((k) => ({
      v: COLUMNS[k],
      s: REQUIRED.includes(k) ? required : optional,
    })),
  );
  const example: CellStyle = { color: 'FF808080', italic: true };
  const plain = wb.style(example);
  const date = wb.style({ ...example, numFmt: formats.date });
  ws.row([
    { v: exampleProjectId, s: plain },
    { v: '立项备案', s: plain },
    null,
    { v: dateCell(asOf), s: date },
    { v: dateCell(asOf), s: date },
    { v: '发改委已出具备案证明', s: plain },
  ]);
  ws.row([
    { v: exampleProjectId, s: plain },
    { v: '开工', s: plain },
    { v: stageNames.started, s: plain },
    { v: dateCell(asOf), s: date },
    null,
    null,
  ]);
  const list = nodeStages.map((s) => stageNames[s]);
  ws.validate('C2:C2001', { list, error: `可填：${list.join('、')}，任务节点留空` });
  const help = wb.sheet({ name: '填写说明', columns: [{ width: 100 }], print: print('填写说明') });
  help.row([{ v: '推进节点导入模板 填写说明', s: wb.style({ bold: true, size: 14 }) }]);
  const wrapTop = wb.style({ wrap: true, vertical: 'top' });
  rules.forEach((rule, i) => help.row([{ v: `${i + 1}. ${rule}`, s: wrapTop }], { at: 3 + i }));
  return wb;
}
