import {
  periodMetricKind,
  periodMetricLabels,
  periodMetrics,
  type PeriodFigures,
  metricLabel,
} from '../domain/assessment';
import { alertKindLabels, alertKinds } from '../domain/alerts';
import { serviceColumns, type Bulletin } from '../queries/assessment';
import { boardNames, viewNames } from '../domain/vocabulary';
import {
  chineseDate,
  dashStyle,
  formats,
  headerStyle,
  NOT_APPLICABLE,
  ratioNumber,
  titleStyle,
  wanNumber,
} from '../xlsx/workbook';
import { Workbook, type CellStyle, type StyledCell, type StyleId } from '../xlsx/writer';

type Kind = 'text' | 'wan' | 'percent' | 'count' | 'number';
interface Column<T> {
  header: string;
  /** The header row above it (本月 / 年度累计), merged over equal neighbours. */
  group?: string;
  kind: Kind;
  width: number;
  value: (row: T) => string | number | null;
}

const numFmt: Record<Kind, string | undefined> = {
  text: undefined,
  wan: formats.wan,
  percent: formats.percent,
  count: formats.count,
  number: '#,##0.####',
};
const RED = 'FFC00000';
const BLACK = 'FF404040';

/** The seven period figures of one window as columns (money in 万元). */
function periodColumns<T>(group: string, figures: (row: T) => PeriodFigures | undefined): Column<T>[] {
  return periodMetrics.map((m) => {
    const money = periodMetricKind[m] === 'money';
    return {
      header: money ? `${periodMetricLabels[m]}（万元）` : periodMetricLabels[m],
      group,
      kind: money ? 'wan' : 'count',
      width: money ? 13 : 9,
      value: (r: T) => figures(r)?.[m] ?? null,
    };
  });
}

type UnitRow = Bulletin['units'][number];
type FundRow = Bulletin['funds'][number];

/** 到资认定 of the month (SPEC §9): confirmed in it, by confirmation date, and still pending at its end (万元). */
const reviewColumns = <T extends UnitRow | FundRow>(): Column<T>[] => [
  { header: '本月认定到资（万元）', group: '到资认定', kind: 'wan', width: 13, value: (r) => r.arrivalsConfirmed },
  { header: '月末待认定（万元）', group: '到资认定', kind: 'wan', width: 13, value: (r) => r.arrivalsPending },
];
type TargetLine = { owner: string; target: UnitRow['targets'][number] };

const unitColumns: Column<UnitRow>[] = [
  { header: '排名', kind: 'count', width: 6, value: (u) => u.rank },
  { header: '单位', kind: 'text', width: 22, value: (u) => u.name },
  { header: '分组', kind: 'text', width: 8, value: (u) => u.peerGroup ?? null },
  { header: '得分', kind: 'percent', width: 9, value: (u) => u.score },
  { header: '红黑榜', kind: 'text', width: 8, value: (u) => (u.board ? (boardNames[u.board] ?? null) : null) },
  ...periodColumns<UnitRow>('本月', (u) => u.month),
  ...periodColumns<UnitRow>('年度累计', (u) => u.ytd),
  ...reviewColumns<UnitRow>(),
];

/** 招商服务 (SPEC §9): each unit's activities, requests and nodes, for the month and for the year to date. */
const serviceSheetColumns: Column<UnitRow>[] = [
  { header: '单位', kind: 'text', width: 22, value: (u) => u.name },
  ...(['month', 'ytd'] as const).flatMap((w) =>
    serviceColumns.map((c): Column<UnitRow> => ({
      header: c.label,
      group: w === 'month' ? '本月' : '年度累计',
      kind: c.kind,
      width: c.kind === 'percent' ? 9 : 7,
      value: (u) => c.value(u.service[w]),
    })),
  ),
];

const fundColumns: Column<FundRow>[] = [
  { header: '基金', kind: 'text', width: 28, value: (f) => f.name },
  ...periodColumns<FundRow>('本月', (f) => f.month),
  ...periodColumns<FundRow>('年度累计', (f) => f.ytd),
  ...reviewColumns<FundRow>(),
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
function addPart<T>(
  wb: Workbook,
  name: string,
  title: string,
  asOf: string,
  columns: Column<T>[],
  rows: T[],
  mark?: (row: T) => 'red' | 'black' | null,
) {
  const ws = wb.sheet({
    name,
    columns: columns.map((c) => ({ width: c.width })),
    frozen: { rows: 3 },
    print: { title, asOf, titleRows: 3 },
  });
  ws.row([{ v: `${title}（截至${chineseDate(asOf)}）`, s: wb.style(titleStyle()) }], { height: 26 });
  ws.merge(1, 1, 1, columns.length);
  // Group headers over equal neighbours; a column without a group spans both header rows.
  const header = wb.style(headerStyle());
  const top: StyledCell[] = [];
  const below: StyledCell[] = [];
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    let j = i;
    while (group && j + 1 < columns.length && columns[j + 1]!.group === group) j++;
    // The cells a merge covers keep the header's style: Excel draws a merged range's borders from each of its cells.
    top[i] = { v: group ?? columns[i]!.header, s: header };
    if (group) {
      if (j > i) ws.merge(2, i + 1, 2, j + 1);
      for (let k = i; k <= j; k++) {
        if (k > i) top[k] = { v: null, s: header };
        below[k] = { v: columns[k]!.header, s: header };
      }
    } else {
      ws.merge(2, i + 1, 3, i + 1);
      below[i] = { v: null, s: header };
    }
    i = j + 1;
  }
  ws.row(top);
  ws.row(below, { height: 42 });
  // A cell's style by its kind, in the row's mark (红榜 bold red, 黑榜 dark grey) or none.
  const styles = new Map<string, StyleId>();
  const styleOf = (kind: Kind | 'dash', m: 'red' | 'black' | null | undefined) => {
    const key = `${kind}:${m ?? ''}`;
    let id = styles.get(key);
    if (id === undefined) {
      const fmt = kind === 'dash' ? undefined : numFmt[kind];
      const style: CellStyle = {
        ...(kind === 'dash' ? dashStyle : fmt ? { numFmt: fmt } : {}),
        ...(m ? { bold: m === 'red', color: m === 'red' ? RED : BLACK } : {}),
      };
      styles.set(key, (id = wb.style(style)));
    }
    return id;
  };
  for (const r of rows) {
    const m = mark?.(r);
    ws.row(columns.map((c) => cellOf(c.kind, c.value(r), (kind) => styleOf(kind, m))));
  }
}

function cellOf(kind: Kind, v: string | number | null, style: (kind: Kind | 'dash') => StyleId): StyledCell {
  if (v === null) return { v: NOT_APPLICABLE, s: style('dash') };
  const value = kind === 'text' || typeof v === 'number' ? v : kind === 'wan' ? wanNumber(v) : ratioNumber(v);
  return { v: value, s: style(kind) };
}

/** 考核通报 of a month: units (擂台赛 with 红黑榜), funds, 招商服务, targets and alerts, each part on its own sheet. */
export function bulletinWorkbook(b: Bulletin, now: Date): Workbook {
  const wb = new Workbook(now);
  const [y, m] = b.month.split('-');
  const title = `${y}年${Number(m)}月以投促引考核通报（${viewNames[b.view]}）`;
  const date = b.to;
  addPart(wb, '单位擂台赛', title, date, unitColumns, b.units, (u) => u.board);
  addPart(wb, '基金', title, date, fundColumns, b.funds);
  addPart(wb, '招商服务', title, date, serviceSheetColumns, b.units);
  const lines: TargetLine[] = [
    ...b.units.flatMap((u) => u.targets.map((target) => ({ owner: u.name, target }))),
    ...b.funds.flatMap((f) => f.targets.map((target) => ({ owner: f.name, target }))),
  ];
  addPart(wb, '目标完成', title, date, targetColumns(b.schedule), lines);
  const alertRows = alertKinds.map((k) => ({ kind: alertKindLabels[k], count: b.alerts[k] }));
  addPart(
    wb,
    '预警',
    title,
    date,
    [
      { header: '预警类型', kind: 'text', width: 20, value: (r: (typeof alertRows)[number]) => r.kind },
      { header: '项目数', kind: 'count', width: 10, value: (r: (typeof alertRows)[number]) => r.count },
    ],
    alertRows,
  );
  return wb;
}
