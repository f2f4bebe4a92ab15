import type { Workbook } from 'exceljs';
import { alertKindLabels, type AlertDays } from '../domain/assessment';
import type { AlertItem } from '../queries/alerts';
import { chineseDate, dateCell, formats, loadExcelJs, newWorkbook, printSetup, styleHeader } from './workbook';

/** The names an alert row shows beside its ids. */
export interface AlertNames {
  funds: Map<number, string>;
  units: Map<number, string>;
}

/** 预警清单 as of `asOf`: a title row naming the day counts, a header row, one row per alert (longest waiting first). */
export async function alertsWorkbook(asOf: string, days: AlertDays, items: AlertItem[], names: AlertNames, now: Date, truncated: boolean): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = newWorkbook(ExcelJS, now);
  const ws = wb.addWorksheet('预警清单');
  printSetup(ws, { title: '预警清单', asOf, titleRows: 2 });
  const name = (m: Map<number, string>, id: number | null) => (id === null ? '' : (m.get(id) ?? `#${id}`));
  const rule =
    `签约未开工 ${days.signed_not_started} 天、开工未竣工 ${days.started_not_completed} 天、长期无进展 ${days.stale} 天、` +
    `待认定超期 ${days.pending_review} 天`;
  ws.addRow([`预警清单（截至${chineseDate(asOf)}；${rule}）${truncated ? `；仅列出前 ${items.length} 条` : ''}`]).font = { bold: true, size: 13 };
  const header = ws.addRow(['预警类型', '项目/认定对象', '项目 id', '认定 id', '基金', '招引单位', '落地单位', '起算日期', '已持续天数']);
  header.eachCell((cell) => styleHeader(cell));
  for (const a of items) {
    ws.addRow([
      alertKindLabels[a.kind],
      a.name,
      a.projectId,
      a.creditId,
      name(names.funds, a.fundId),
      name(names.units, a.introducingUnitId),
      name(names.units, a.landingUnitId),
      dateCell(a.since),
      a.days,
    ]);
  }
  [12, 36, 9, 9, 30, 16, 16, 12, 11].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(8).numFmt = formats.date;
  ws.getColumn(9).numFmt = formats.count;
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return wb;
}
