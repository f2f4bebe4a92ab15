import type { Cell, Workbook } from 'exceljs';
import { Dec } from '../domain/decimal';
import { fenToYuan } from '../domain/money';
import { indicatorLabels, type Indicator } from '../domain/performance';
import { figuresOf, type FundPerformance } from '../queries/performance';
import { levelNames } from '../domain/vocabulary';
import { chineseDate, formats, loadExcelJs, newWorkbook, ratioNumber, styleHeader, wanNumber } from './workbook';

/** Multiples read as 0.0000×; rates and shares as percentages. */
const multiples = new Set<Indicator>(['dpi', 'rvpi', 'tvpi', 'reinvestmentMultiple']);
const formatOf = (i: Indicator) => (multiples.has(i) ? '0.0000' : formats.percent);

const columns = [
  { header: '基金名称', width: 30 },
  { header: '层级', width: 8 },
  { header: '指标', width: 22 },
  { header: '本基金数值', width: 14 },
  { header: '阈值', width: 16 },
  { header: '结果', width: 10 },
  { header: '说明', width: 30 },
];

export const selfCheckNote =
  '本表为平台依据本系统记录自行测算的投向与业绩自查结果，供准备投向评价时参考，不是主管部门的官方评分。' +
  '阈值由平台自行设定；“—”表示该数值无法计算（如实缴为 0）或未设定阈值。返投倍数越高，按 2025 年投向评价规则得分越低，故照实列示。';

const sign = { gte: '≥', lte: '≤' } as const;

/**
 * 投向评价自评表 for `year` as of `asOf`: per visible fund, its money figures, then every performance figure and
 * 投向 indicator with each platform threshold and 达标/未达标. A4 landscape, fitted to the page width.
 */
export async function selfCheckWorkbook(year: number, asOf: string, funds: FundPerformance[], now: Date): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = newWorkbook(ExcelJS, now);
  const ws = wb.addWorksheet('投向自评', {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));

  const title = ws.getRow(1).getCell(1);
  title.value = `${year}年度基金投向与业绩自评表（平台自查，非官方评分；截至 ${chineseDate(asOf)}）`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.mergeCells(1, 1, 1, columns.length);
  const note = ws.getRow(2).getCell(1);
  note.value = selfCheckNote;
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 32;
  ws.mergeCells(2, 1, 2, columns.length);
  columns.forEach((c, i) => {
    const cell = ws.getRow(3).getCell(i + 1);
    cell.value = c.header;
    styleHeader(cell);
  });

  let r = 4;
  const line = (f: FundPerformance, label: string) => {
    const row = ws.getRow(r++);
    row.getCell(1).value = f.name;
    row.getCell(2).value = levelNames[f.level] ?? f.level;
    row.getCell(3).value = label;
    return row;
  };
  for (const f of funds) {
    for (const [label, fen] of [['实缴出资（万元）', f.perf.paidIn], ['累计分配（万元）', f.perf.distributed], ['最新估值（万元）', f.perf.nav]] as const) {
      const cell = line(f, label).getCell(4);
      cell.value = wanNumber(fenToYuan(fen));
      cell.numFmt = formats.wan;
    }
    for (const { indicator, value } of figuresOf(f)) {
      const checks = f.checks.filter((c) => c.indicator === indicator);
      for (const check of checks.length ? checks : [null]) {
        const row = line(f, indicatorLabels[indicator]);
        figure(row.getCell(4), value === null ? null : ratioNumber(value.toFixed(4)), formatOf(indicator));
        if (check === null) {
          row.getCell(5).value = '未设定';
          dash(row.getCell(6));
        } else {
          row.getCell(5).value = `${sign[check.comparison]} ${multiples.has(indicator) ? check.value : percent(check.value)}`;
          const result = row.getCell(6);
          if (check.met === null) dash(result);
          else {
            result.value = check.met ? '达标' : '未达标';
            result.font = { bold: true, color: { argb: check.met ? 'FF1E7B34' : 'FFC00000' } };
          }
          row.getCell(7).value = check.label;
        }
      }
    }
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: Math.max(3, r - 1), column: columns.length } };
  return wb;
}

const percent = (ratio: string) => `${new Dec(ratio).mul(100).toFixed(2)}%`;

function figure(cell: Cell, v: number | null, numFmt: string) {
  if (v === null) return dash(cell);
  cell.value = v;
  cell.numFmt = numFmt;
}

function dash(cell: Cell) {
  cell.value = '—';
  cell.alignment = { horizontal: 'center' };
}
