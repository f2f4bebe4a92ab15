import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { levelNames, labelOf } from '../domain/vocabulary';
import { projectColumns } from './project-columns';
import { MAX_IMPORT_ROWS } from './project-import';
import { chinaToday } from '../domain/dates';
import { amountFormats } from '../domain/money';
import { formats, loadExcelJs, newWorkbook, printSetup, styleHeader } from './workbook';

/** The columns a user fills: everything but the read-only columns an export adds. */
export const templateColumns = projectColumns.filter((c) => c.kind !== 'info');

/** Rows of the input sheet that carry drop-down lists and formats (the import itself reads any number up to the limit). */
const PREPARED_ROWS = 2000;

const rules = [
  '每行一个项目。第 1 行为表头，列名须与模板一致（列的顺序可以调整，不需要的非必填列可以删除，以“备注”开头的列会被忽略）。',
  '红色表头为必填列。来源基金、招引单位、落地单位可填编号或系统中的全称（见“基金与单位”表）。',
  `金额单位为元，不能为负数，可按习惯写明单位，如 ${amountFormats}（万 = 10000 元，亿 = 100000000 元），换算成元后最多两位小数（精确到分）；` +
    '如要整列按万元填写，把表头改为“……（万元）”。',
  '日期填 2024-03-01 这样的格式（也可写 2024/3/1、2024年3月1日，或使用 Excel 日期单元格），不能晚于今天，进展日期不能早于报送日期。',
  '进展节点每个阶段一列，填到达该阶段的日期；只填后面的节点（如只填注册日期）时，前面的节点按该日期视为已到达。',
  '一笔到资填在“到资金额（元）/到资日期/到资类型”三列；多笔到资写在“到资记录（元）”一格，格式为 金额@日期[@类型]，多笔用分号隔开，' +
    '如 60000000@2024-05-01;40000000@2024-09-01@流动资金。两种写法可以同时使用。到资日期不能早于项目签约日期。',
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
export async function importTemplateWorkbook(
  refs: { funds: { id: number; name: string; level: string }[]; units: { id: number; name: string }[] },
  now: Date,
): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = newWorkbook(ExcelJS, now);
  const ws = wb.addWorksheet('项目', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = templateColumns.map((col) => ({ width: col.width }));
  const header = ws.getRow(1);
  templateColumns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    styleHeader(cell, col.required ? 'FFC00000' : 'FF000000');
    cell.note = `${col.required ? '【必填】' : ''}${col.help}${col.labels ? `\n可填：${Object.values(col.labels).join('、')}` : ''}`;
  });
  header.height = 32;
  for (const example of [0, 1] as const) {
    const row = ws.getRow(2 + example);
    templateColumns.forEach((col, i) => {
      const value = col.examples[example];
      row.getCell(i + 1).value = col.kind === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
    });
    row.font = { color: { argb: 'FF808080' }, italic: true };
  }

  const letters = (i: number) => ws.getColumn(i + 1).letter;
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
  templateColumns.forEach((col, i) => {
    const range = `${letters(i)}2:${letters(i)}${PREPARED_ROWS + 1}`;
    if (col.kind === 'date') ws.getColumn(i + 1).numFmt = formats.date;
    if (col.kind === 'money') ws.getColumn(i + 1).numFmt = formats.wan;
    const list = col.labels ? Object.values(col.labels) : col.kind === 'bool' ? ['是', '否'] : null;
    if (list) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: col.header,
        error: `可填：${list.join('、')}`,
      });
    }
  });

  help(wb.addWorksheet('填写说明'));
  const refSheet = wb.addWorksheet('基金与单位');
  const asOf = chinaToday(now);
  for (const sheet of [ws, wb.getWorksheet('填写说明')!, refSheet]) printSetup(sheet, { title: `项目导入模板 ${sheet.name}`, asOf });
  refSheet.columns = [{ width: 10 }, { width: 32 }, { width: 10 }, { width: 4 }, { width: 10 }, { width: 24 }];
  const refHeader = refSheet.getRow(1);
  ['基金编号', '基金名称', '层级', '', '单位编号', '单位名称'].forEach((h, i) => {
    if (!h) return;
    refHeader.getCell(i + 1).value = h;
    styleHeader(refHeader.getCell(i + 1));
  });
  refs.funds.forEach((f, i) => {
    const row = refSheet.getRow(2 + i);
    row.getCell(1).value = f.id;
    row.getCell(2).value = f.name;
    row.getCell(3).value = labelOf(levelNames, f.level);
  });
  refs.units.forEach((u, i) => {
    const row = refSheet.getRow(2 + i);
    row.getCell(5).value = u.id;
    row.getCell(6).value = u.name;
  });
  return wb;
}

function help(ws: Worksheet) {
  ws.columns = [{ width: 24 }, { width: 8 }, { width: 70 }, { width: 40 }, { width: 30 }];
  ws.getRow(1).getCell(1).value = '项目导入模板 填写说明';
  ws.getRow(1).getCell(1).font = { bold: true, size: 14 };
  let r = 3;
  for (const rule of rules) {
    const cell = ws.getRow(r).getCell(1);
    cell.value = `${r - 2}. ${rule}`;
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 1, r, 5);
    ws.getRow(r).height = rule.length > 70 ? 48 : 30;
    r++;
  }
  r++;
  const header = ws.getRow(r);
  ['列名', '必填', '说明', '可填写的值', '示例'].forEach((h, i) => {
    header.getCell(i + 1).value = h;
    styleHeader(header.getCell(i + 1));
  });
  for (const col of templateColumns) {
    r++;
    const row = ws.getRow(r);
    const allowed = col.labels
      ? Object.entries(col.labels).map(([code, label]) => `${label}（${code}）`).join('、')
      : { text: '文字', money: `数字（元），或写明单位：${amountFormats}`, date: '日期', enum: '', bool: '是、否', fund: '基金编号或基金全称', unit: '单位编号或单位全称', int: '正整数', arrivals: '金额@日期[@类型[@币种@原币金额]];…', info: '' }[col.kind];
    row.values = [col.header, col.required ? '是' : '', col.help, allowed, col.examples.find((e) => e !== null) ?? ''];
    row.alignment = { wrapText: true, vertical: 'top' };
    if (col.required) row.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  }
}
