import { levelNames, labelOf } from '../domain/vocabulary';
import { projectColumns } from './project-columns';
import { MAX_IMPORT_ROWS } from './project-import';
import { chinaToday } from '../domain/dates';
import { amountFormats } from '../domain/money';
import { formats, headerStyle } from '../xlsx/workbook';
import { columnLetter, Workbook, type CellValue, type Sheet } from '../xlsx/writer';

/** The columns a user fills: everything but the read-only columns an export adds. */
export const templateColumns = projectColumns.filter((c) => c.kind !== 'info');

/** Rows of the input sheet that carry drop-down lists and formats (the import itself reads any number up to the limit). */
const PREPARED_ROWS = 2000;

const rules = [
  '每行一个项目。第 1 行为表头，列名须与模板一致（列的顺序可以调整，不需要的非必填列可以删除，以“备注”开头的列会被忽略）。',
  '红色表头为必填列。来源基金、招引单位、落地单位可填编号或系统中的全称（见“基金与单位”表）。',
  `金额单位为万元（与各页面一致），不能为负数，也可按习惯写明单位，如 ${amountFormats}（万 = 10000 元，亿 = 100000000 元），换算成元后最多两位小数（精确到分）；` +
    '如要整列按元填写，把表头改为“……（元）”（旧模板的“（元）”表头照常按元读取）。导入预检会提示与相邻行或计划总投资相差千倍以上的金额，请核对单位。',
  '日期填 2024-03-01 这样的格式（也可写 2024/3/1、2024年3月1日，或使用 Excel 日期单元格），不能晚于今天，进展日期不能早于报送日期。',
  '进展节点每个阶段一列，填到达该阶段的日期；只填后面的节点（如只填注册日期）时，前面的节点按该日期视为已到达。',
  '一笔到资填在“到资金额（万元）/到资日期/到资类型”三列；多笔到资写在“到资记录（万元）”一格，格式为 金额@日期[@类型]，多笔用分号隔开，' +
    '如 6000@2024-05-01;4000@2024-09-01@流动资金。两种写法可以同时使用。到资日期不能早于项目签约日期。',
  '同一企业只能有一个在办项目（按统一社会信用代码，无代码时按企业名称判断）：表内重复、或与系统中已有的在办项目重复，都会报错。',
  '导入前会逐行检查全部数据：只要有一处问题，整个文件都不会写入，返回的结果逐条列出“第几行、哪一列、什么问题”；全部无误时一次性写入。',
  `一次最多 ${MAX_IMPORT_ROWS} 行；导入在一次请求内完成并返回结果（不分段返回进度）。大文件可先加 ?dryRun=1 只检查不写入。`,
  '平台工作人员导入的项目为“已认定”；基金管理人只能导入本基金（及其下级基金）的项目，导入后为“待认定”，由平台审核。',
  '导出的项目清单（/api/exports/projects.xlsx）可以直接作为导入文件：其中的项目编号、当前阶段、审核状态、到资合计列仅供阅读，导入时忽略。',
  '示例行（第 2、3 行）仅作格式参考，导入前请删除。',
];

/**
 * 项目导入模板: the input sheet (headers with notes, two example rows, drop-down lists), 填写说明 (each column, its
 * allowed values and the rules), and 基金与单位 (what the caller may name in the fund and unit columns).
 */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the input sheet and 填写说明 are the parts
export function importTemplateWorkbook(
  refs: { funds: { id: number; name: string; level: string }[]; units: { id: number; name: string }[] },
  now: Date,
): Workbook {
  const wb = new Workbook(now);
  const asOf = chinaToday(now);
  const print = (name: string) => ({ title: `项目导入模板 ${name}`, asOf });
  // Date and money columns keep their formats where a user types later; the example rows are grey italic.
  const columnStyle = (kind: string, extra = {}) =>
    kind === 'date'
      ? wb.style({ ...extra, numFmt: formats.date })
      : kind === 'money'
        ? wb.style({ ...extra, numFmt: formats.wan })
        : Object.keys(extra).length
          ? wb.style(extra)
          : undefined;
  const ws = wb.sheet({
    name: '项目',
    columns: templateColumns.map((col) => ({ width: col.width, style: columnStyle(col.kind) })),
    frozen: { rows: 1, columns: 1 },
    print: print('项目'),
  });
  const required = wb.style(headerStyle('FFC00000'));
  const optional = wb.style(headerStyle());
  ws.row(
    templateColumns.map((col) => ({ v: col.header, s: col.required ? required : optional })),
    { height: 32 },
  );
  templateColumns.forEach((col, i) =>
    ws.note(
      1,
      i + 1,
      `${col.required ? '【必填】' : ''}${col.help}${col.labels ? `\n可填：${Object.values(col.labels).join('、')}` : ''}`,
    ),
  );
  const example = { color: 'FF808080', italic: true };
  const exampleStyles = templateColumns.map((col) => columnStyle(col.kind, example)!);
  for (const n of [0, 1] as const) {
    ws.row(
      templateColumns.map((col, i) => {
        const value = col.examples[n];
        return {
          v: col.kind === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value,
          s: exampleStyles[i]!,
        };
      }),
    );
  }
  templateColumns.forEach((col, i) => {
    const list = col.labels ? Object.values(col.labels) : col.kind === 'bool' ? ['是', '否'] : null;
    const letter = columnLetter(i + 1);
    if (list)
      ws.validate(`${letter}2:${letter}${PREPARED_ROWS + 1}`, {
        list,
        errorTitle: col.header,
        error: `可填：${list.join('、')}`,
      });
  });

  help(wb, wb.sheet({ name: '填写说明', columns: HELP_WIDTHS.map((width) => ({ width })), print: print('填写说明') }));

  const refSheet = wb.sheet({
    name: '基金与单位',
    columns: [10, 32, 10, 4, 10, 24].map((width) => ({ width })),
    print: print('基金与单位'),
  });
  const header = wb.style(headerStyle());
  refSheet.row(['基金编号', '基金名称', '层级', '', '单位编号', '单位名称'].map((v) => (v ? { v, s: header } : null)));
  for (let i = 0; i < Math.max(refs.funds.length, refs.units.length); i++) {
    const f = refs.funds[i];
    const u = refs.units[i];
    refSheet.row([f?.id, f?.name, f && labelOf(levelNames, f.level), null, u?.id, u?.name]);
  }
  return wb;
}

const HELP_WIDTHS = [24, 8, 70, 40, 30];

/**
 * The height of a row whose cells wrap in columns of these widths: the lines of its longest cell (a CJK character is
 * two units of width, as Excel counts columns) at 15 points a line. A row without a height stays one line high in
 * LibreOffice and WPS, and its text runs over the rows below it on screen and on paper.
 */
export function wrappedHeight(cells: CellValue[], widths: number[]): number {
  let lines = 1;
  cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    let units = 0;
    for (const ch of v) units += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
    lines = Math.max(lines, Math.ceil(units / Math.max(1, (widths[i] ?? 8) - 1)));
  });
  return lines * 15;
}

function help(wb: Workbook, ws: Sheet) {
  ws.row([{ v: '项目导入模板 填写说明', s: wb.style({ bold: true, size: 14 }) }]);
  const wrapTop = wb.style({ wrap: true, vertical: 'top' });
  let r = 3;
  for (const rule of rules) {
    ws.row([{ v: `${r - 2}. ${rule}`, s: wrapTop }], { at: r, height: rule.length > 70 ? 48 : 30 });
    ws.merge(r, 1, r, 5);
    r++;
  }
  const header = wb.style(headerStyle());
  ws.row(
    ['列名', '必填', '说明', '可填写的值', '示例'].map((v) => ({ v, s: header })),
    { at: r + 1 },
  );
  const requiredName = wb.style({ wrap: true, vertical: 'top', bold: true, color: 'FFC00000' });
  for (const col of templateColumns) {
    const allowed = col.labels
      ? Object.entries(col.labels)
          .map(([code, label]) => `${label}（${code}）`)
          .join('、')
      : {
          text: '文字',
          money: `数字（万元），或写明单位：${amountFormats}`,
          date: '日期',
          enum: '',
          bool: '是、否',
          fund: '基金编号或基金全称',
          unit: '单位编号或单位全称',
          int: '正整数',
          arrivals: '金额@日期[@类型[@币种@原币金额]];…',
          info: '',
        }[col.kind];
    const cells: CellValue[] = [
      col.header,
      col.required ? '是' : null,
      col.help,
      allowed || null,
      col.examples.find((e) => e !== null) ?? null,
    ];
    ws.row(
      cells.map((v, i) => ({ v, s: i === 0 && col.required ? requiredName : wrapTop })),
      { height: wrappedHeight(cells, HELP_WIDTHS) },
    );
  }
}
