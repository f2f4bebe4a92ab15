import type { Workbook } from 'exceljs';
import { Dec } from '../domain/decimal';
import type { FundMetrics } from '../queries/funds';
import { levelNames } from '../domain/vocabulary';
import { chineseDate, formats, loadExcelJs, newWorkbook, printSetup, ratioNumber, styleHeader, wanNumber } from './workbook';

type Kind = 'text' | 'wan' | 'times' | 'percent' | 'count';

interface Column {
  header: string;
  kind: Kind;
  width: number;
  /** The figure, as the API writes it: a decimal string (元 or a ratio), a count, or text; null where it does not apply. */
  value: (m: FundMetrics) => string | number | null;
}

/** The fund report's columns, in the order the 基金运行情况表 is read upward. Every figure comes from fundMetrics(). */
export const fundReportColumns: Column[] = [
  { header: '基金名称', kind: 'text', width: 30, value: (m) => m.name },
  { header: '层级', kind: 'text', width: 8, value: (m) => levelNames[m.level] ?? m.level },
  { header: '认缴规模（万元）', kind: 'wan', width: 14, value: (m) => m.capital.committed },
  { header: '实缴（万元）', kind: 'wan', width: 14, value: (m) => m.capital.paidIn },
  { header: '母基金出资放大倍数', kind: 'times', width: 11, value: (m) => m.leverage.parent.committed },
  { header: '财政放大倍数', kind: 'times', width: 10, value: (m) => m.leverage.fiscal.committed },
  { header: '子基金放大倍数', kind: 'times', width: 10, value: (m) => m.leverage.subFunds.committed },
  { header: '带动投资倍数', kind: 'times', width: 10, value: (m) => m.leverage.investment },
  { header: '返投要求（万元）', kind: 'wan', width: 13, value: (m) => m.reinvestment.required },
  { header: '返投认定（万元）', kind: 'wan', width: 13, value: (m) => m.reinvestment.credited },
  { header: '返投完成率', kind: 'percent', width: 10, value: (m) => m.reinvestment.rate },
  { header: '进度', kind: 'text', width: 8, value: (m) => (m.reinvestment.paceOk === null ? null : m.reinvestment.paceOk ? '达标' : '滞后') },
  { header: '项目线索', kind: 'count', width: 8, value: (m) => m.outcomes.leads },
  { header: '签约', kind: 'count', width: 7, value: (m) => m.outcomes.reached.signed },
  { header: '注册落地', kind: 'count', width: 8, value: (m) => m.outcomes.landed },
  { header: '开工', kind: 'count', width: 7, value: (m) => m.outcomes.reached.started },
  { header: '投产', kind: 'count', width: 7, value: (m) => m.outcomes.reached.producing },
  { header: '计划总投资（万元）', kind: 'wan', width: 14, value: (m) => m.outcomes.plannedTotal },
  { header: '实际到资（万元）', kind: 'wan', width: 14, value: (m) => m.outcomes.arrived },
  { header: '到资率', kind: 'percent', width: 9, value: (m) => m.outcomes.rates.arrival },
  { header: '超期未开工', kind: 'count', width: 9, value: (m) => m.outcomes.overdue },
  { header: '终止', kind: 'count', width: 7, value: (m) => m.outcomes.dropped },
  { header: '签约率', kind: 'percent', width: 9, value: (m) => m.outcomes.rates.sign },
  { header: '注册率', kind: 'percent', width: 9, value: (m) => m.outcomes.rates.registration },
  { header: '开工率', kind: 'percent', width: 9, value: (m) => m.outcomes.rates.start },
  { header: '已投资（万元）', kind: 'wan', width: 14, value: (m) => m.capital.invested },
  { header: '以投促引倍数', kind: 'times', width: 10, value: (m) => m.outcomes.attractionMultiple },
  { header: '返投缺口（万元）', kind: 'wan', width: 13, value: (m) => m.reinvestment.gap },
  { header: '财政出资（万元）', kind: 'wan', width: 14, value: (m) => m.capital.fiscalIn },
];

const numFmt: Record<Kind, string | undefined> = { text: undefined, wan: formats.wan, times: formats.times, percent: formats.percent, count: formats.count };
const NOT_APPLICABLE = '—';

export const totalsNote =
  '合计只汇总顶层基金（没有上级基金、或其上级基金不在本表中的基金）的金额与项目数：上级基金的投资、返投认定和项目已穿透包含其全部下级基金，' +
  '下级基金对上级基金的出资也已计入上级基金的资金去向，若再加上下级基金的行，同一笔钱或同一个项目会被计算两次。倍数与比率不合计。';

/** 基金运行情况表 as of `asOf`: a title row, a header row, one row per fund (in report order), and a totals row. */
export async function fundReportWorkbook(asOf: string, funds: FundMetrics[], now: Date): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = newWorkbook(ExcelJS, now);
  const ws = wb.addWorksheet('基金运行情况', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  ws.columns = fundReportColumns.map((col) => ({ width: col.width }));
  printSetup(ws, { title: '基金运行情况表', asOf, titleRows: 2 });

  const title = ws.getRow(1);
  title.getCell(1).value = `基金运行情况表（截至 ${chineseDate(asOf)}）`;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, fundReportColumns.length);

  const header = ws.getRow(2);
  fundReportColumns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    styleHeader(cell);
  });
  header.height = 36;

  const depth = depthOf(funds);
  funds.forEach((m, r) => {
    const row = ws.getRow(3 + r);
    fundReportColumns.forEach((col, i) => writeFigure(row.getCell(i + 1), col.kind, col.value(m)));
    row.getCell(1).alignment = { indent: depth.get(m.fundId) ?? 0 };
  });

  const shown = new Set(funds.map((f) => f.fundId));
  const top = funds.filter((f) => f.parentId === null || !shown.has(f.parentId));
  const totals = ws.getRow(3 + funds.length);
  fundReportColumns.forEach((col, i) => {
    const cell = totals.getCell(i + 1);
    if (i === 0) {
      cell.value = '合计（顶层基金）';
      cell.note = totalsNote;
    } else if (col.kind === 'wan') {
      // Exact sums of the 元 strings, converted to 万元 once; "—" when the figure applies to no top-level fund.
      const figures = top.map((m) => col.value(m) as string | null).filter((v): v is string => v !== null);
      writeFigure(cell, col.kind, figures.length ? figures.reduce((a, v) => a.plus(v), new Dec(0)).toFixed(2) : null);
    } else if (col.kind === 'count') {
      writeFigure(cell, col.kind, top.reduce((a, m) => a + ((col.value(m) as number | null) ?? 0), 0));
    }
    cell.font = { bold: true };
    cell.border = { top: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + funds.length, column: fundReportColumns.length } };
  return wb;
}

function writeFigure(cell: import('exceljs').Cell, kind: Kind, v: string | number | null) {
  if (v === null) {
    cell.value = NOT_APPLICABLE;
    cell.alignment = { horizontal: 'center' };
    return;
  }
  if (kind === 'text' || kind === 'count') cell.value = v;
  else if (kind === 'wan') cell.value = wanNumber(String(v));
  else cell.value = ratioNumber(String(v));
  const fmt = numFmt[kind];
  if (fmt) cell.numFmt = fmt;
}

/** How deep each fund sits below the top of the report, for indenting its name. */
function depthOf(funds: FundMetrics[]): Map<number, number> {
  const parent = new Map(funds.map((f) => [f.fundId, f.parentId]));
  const depth = new Map<number, number>();
  for (const f of funds) {
    let d = 0;
    for (let p = f.parentId; p !== null && parent.has(p) && d < funds.length; p = parent.get(p) ?? null) d++;
    depth.set(f.fundId, d);
  }
  return depth;
}
