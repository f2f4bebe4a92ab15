import type { Cell, Workbook, Worksheet } from 'exceljs';
import { periodMetricKind, periodMetricLabels, periodMetrics, alertKindLabels, alertKinds, type PeriodFigures, metricLabel } from '../domain/assessment';
import type { Bulletin } from '../queries/assessment';
import { boardNames, viewNames } from '../domain/vocabulary';
import { chineseDate, formats, loadExcelJs, newWorkbook, printSetup, ratioNumber, styleHeader, wanNumber } from './workbook';

type Kind = 'text' | 'wan' | 'percent' | 'count' | 'number';
interface Column<T> {
  header: string;
  /** The header row above it (本月 / 年度累计), merged over equal neighbours. */
  group?: string;
  kind: Kind;
  width: number;
  value: (row: T) => string | number | null;
}

const numFmt: Record<Kind, string | undefined> = { text: undefined, wan: formats.wan, percent: formats.percent, count: formats.count, number: '#,##0.####' };
const RED = 'FFC00000';
const BLACK = 'FF404040';

/** The seven period figures of one window as columns (money in 万元). */
function periodColumns<T>(group: string, figures: (row: T) => PeriodFigures | undefined): Column<T>[] {
  return periodMetrics.map((m) => {
    const money = periodMetricKind[m] === 'money';
    return { header: money ? `${periodMetricLabels[m]}（万元）` : periodMetricLabels[m], group, kind: money ? 'wan' : 'count', width: money ? 13 : 9, value: (r: T) => figures(r)?.[m] ?? null };
  });
}

type UnitRow = Bulletin['units'][number];
type FundRow = Bulletin['funds'][number];
type TargetLine = { owner: string; target: UnitRow['targets'][number] };

const unitColumns: Column<UnitRow>[] = [
  { header: '排名', kind: 'count', width: 6, value: (u) => u.rank },
  { header: '单位', kind: 'text', width: 22, value: (u) => u.name },
  { header: '跑道', kind: 'text', width: 8, value: (u) => u.peerGroup ?? null },
  { header: '得分', kind: 'percent', width: 9, value: (u) => u.score },
  { header: '红黑榜', kind: 'text', width: 8, value: (u) => (u.board ? (boardNames[u.board] ?? null) : null) },
  ...periodColumns<UnitRow>('本月', (u) => u.month),
  ...periodColumns<UnitRow>('年度累计', (u) => u.ytd),
];

const fundColumns: Column<FundRow>[] = [
  { header: '基金', kind: 'text', width: 28, value: (f) => f.name },
  ...periodColumns<FundRow>('本月', (f) => f.month),
  ...periodColumns<FundRow>('年度累计', (f) => f.ytd),
];

const targetColumns = (scheduled: string | null): Column<TargetLine>[] => [
  { header: '单位或基金', kind: 'text', width: 26, value: (t) => t.owner },
  { header: '指标', kind: 'text', width: 22, value: (t) => metricLabel(t.target.metric) },
  { header: '年度目标', kind: 'number', width: 14, value: (t) => t.target.value },
  { header: '权重', kind: 'number', width: 7, value: (t) => t.target.weight },
  { header: '累计完成', kind: 'number', width: 14, value: (t) => t.target.actual },
  { header: '完成率', kind: 'percent', width: 9, value: (t) => t.target.completion },
  { header: '序时进度', kind: 'percent', width: 9, value: () => scheduled },
  { header: '超序时', kind: 'percent', width: 9, value: (t) => t.target.ahead },
];

/**
 * One part of the bulletin on its own sheet: the title (row 1), the group and column headers (rows 2–3), repeated on
 * every printed page, with the title and date in the page header; A4 landscape, fitted to one page wide.
 */
function addPart<T>(wb: Workbook, name: string, title: string, asOf: string, columns: Column<T>[], rows: T[], mark?: (row: T) => 'red' | 'black' | null): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  printSetup(ws, { title, asOf, titleRows: 3 });
  const date = `截至${chineseDate(asOf)}`;
  ws.columns = columns.map((c) => ({ width: c.width }));
  const t = ws.getCell(1, 1);
  t.value = `${title}（${date}）`;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(1, 1, 1, columns.length);
  // Group headers over equal neighbours; a column without a group spans both header rows.
  for (let i = 0; i < columns.length; ) {
    const group = columns[i]!.group;
    let j = i;
    while (group && j + 1 < columns.length && columns[j + 1]!.group === group) j++;
    const top = ws.getCell(2, i + 1);
    top.value = group ?? columns[i]!.header;
    styleHeader(top);
    if (group) {
      if (j > i) ws.mergeCells(2, i + 1, 2, j + 1);
      for (let k = i; k <= j; k++) {
        const cell = ws.getCell(3, k + 1);
        cell.value = columns[k]!.header;
        styleHeader(cell);
      }
    } else {
      ws.mergeCells(2, i + 1, 3, i + 1);
    }
    i = j + 1;
  }
  ws.getRow(3).height = 42;
  rows.forEach((r, n) => {
    const row = ws.getRow(4 + n);
    columns.forEach((c, i) => writeCell(row.getCell(i + 1), c.kind, c.value(r)));
    const m = mark?.(r);
    if (m) row.eachCell((cell) => (cell.font = { bold: m === 'red', color: { argb: m === 'red' ? RED : BLACK } }));
  });
  return ws;
}

function writeCell(cell: Cell, kind: Kind, v: string | number | null) {
  if (v === null) {
    cell.value = '—';
    cell.alignment = { horizontal: 'center' };
    return;
  }
  if (kind === 'text' || typeof v === 'number') cell.value = v;
  else if (kind === 'wan') cell.value = wanNumber(v);
  else cell.value = ratioNumber(v);
  const fmt = numFmt[kind];
  if (fmt) cell.numFmt = fmt;
}

/** 考核通报 of a month: units (擂台赛 with 红黑榜), funds, targets and alerts, each part on its own sheet. */
export async function bulletinWorkbook(b: Bulletin, now: Date): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = newWorkbook(ExcelJS, now);
  const [y, m] = b.month.split('-');
  const title = `${y}年${Number(m)}月以投促引考核通报（${viewNames[b.view]}）`;
  const date = b.to;
  addPart(wb, '单位擂台赛', title, date, unitColumns, b.units, (u) => u.board);
  addPart(wb, '基金', title, date, fundColumns, b.funds);
  const lines: TargetLine[] = [
    ...b.units.flatMap((u) => u.targets.map((target) => ({ owner: u.name, target }))),
    ...b.funds.flatMap((f) => f.targets.map((target) => ({ owner: f.name, target }))),
  ];
  addPart(wb, '目标完成', title, date, targetColumns(b.schedule), lines);
  const alertRows = alertKinds.map((k) => ({ kind: alertKindLabels[k], count: b.alerts[k] }));
  addPart(wb, '预警', title, date, [
    { header: '预警类型', kind: 'text', width: 20, value: (r: (typeof alertRows)[number]) => r.kind },
    { header: '项目数', kind: 'count', width: 10, value: (r: (typeof alertRows)[number]) => r.count },
  ], alertRows);
  return wb;
}
