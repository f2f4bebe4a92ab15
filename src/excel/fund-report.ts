import { Dec } from '../domain/decimal';
import type { FundMetrics } from '../queries/funds';
import { levelNames } from '../domain/vocabulary';
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
import { Workbook, type CellInput, type CellStyle, type StyleId } from '../xlsx/writer';

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
  {
    header: '进度',
    kind: 'text',
    width: 8,
    value: (m) => (m.reinvestment.paceOk === null ? null : m.reinvestment.paceOk ? '正常' : '滞后'),
  },
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

const numFmt: Record<Kind, string | undefined> = {
  text: undefined,
  wan: formats.wan,
  times: formats.times,
  percent: formats.percent,
  count: formats.count,
};

export const totalsNote =
  '合计只汇总顶层基金（没有上级基金、或其上级基金不在本表中的基金）的金额与项目数：上级基金的投资、返投认定和项目已穿透包含其全部下级基金，' +
  '下级基金对上级基金的出资也已计入上级基金的资金去向，若再加上下级基金的行，同一笔钱或同一个项目会被计算两次。倍数与比率不合计。';

/** 基金运行情况表 as of `asOf`: a title row, a header row, one row per fund (in report order), and a totals row. */
export function fundReportWorkbook(asOf: string, funds: FundMetrics[], now: Date): Workbook {
  const wb = new Workbook(now);
  const n = fundReportColumns.length;
  const ws = wb.sheet({
    name: '基金运行情况',
    columns: fundReportColumns.map((col) => ({ width: col.width })),
    frozen: { rows: 2, columns: 1 },
    print: { title: '基金运行情况表', asOf, titleRows: 2 },
  });
  ws.row([{ v: `基金运行情况表（截至 ${chineseDate(asOf)}）`, s: wb.style(titleStyle()) }], { height: 28 });
  ws.merge(1, 1, 1, n);
  const header = wb.style(headerStyle());
  ws.row(
    fundReportColumns.map((col) => ({ v: col.header, s: header })),
    { height: 36 },
  );

  // The styles of a figure, by kind, on a fund's row and on the totals row; the name's, by depth.
  const figureStyles = (extra: CellStyle) => {
    const byKind = Object.fromEntries(
      Object.entries(numFmt).map(([kind, f]) => [kind, wb.style({ ...extra, ...(f ? { numFmt: f } : {}) })]),
    ) as Record<Kind, StyleId>;
    return { byKind, dash: wb.style({ ...extra, ...dashStyle }), plain: wb.style(extra) };
  };
  const rowStyles = figureStyles({});
  const totalStyles = figureStyles({ bold: true, borderTop: true });
  const nameStyles: StyleId[] = [];
  const nameStyle = (depth: number) => (nameStyles[depth] ??= wb.style(depth ? { indent: depth } : {}));

  const depth = depthOf(funds);
  for (const m of funds) {
    const cells = fundReportColumns.map((col) => figure(rowStyles, col.kind, col.value(m)));
    cells[0]!.s = nameStyle(depth.get(m.fundId) ?? 0); // the name, indented by its depth
    ws.row(cells);
  }

  const shown = new Set(funds.map((f) => f.fundId));
  const top = funds.filter((f) => f.parentId === null || !shown.has(f.parentId));
  const totals = fundReportColumns.map((col, i): CellInput => {
    if (i === 0) return { v: '合计（顶层基金）', s: totalStyles.plain };
    if (col.kind === 'wan') {
      // Exact sums of the 元 strings, converted to 万元 once; "—" when the figure applies to no top-level fund.
      const figures = top.map((m) => col.value(m) as string | null).filter((v): v is string => v !== null);
      return figure(
        totalStyles,
        col.kind,
        figures.length ? figures.reduce((a, v) => a.plus(v), new Dec(0)).toFixed(2) : null,
      );
    }
    if (col.kind === 'count')
      return figure(
        totalStyles,
        col.kind,
        top.reduce((a, m) => a + ((col.value(m) as number | null) ?? 0), 0),
      );
    return { v: null, s: totalStyles.plain };
  });
  const totalsRow = ws.row(totals);
  ws.note(totalsRow, 1, totalsNote);
  ws.autoFilter(2, 1, 2 + funds.length, n);
  return wb;
}

/** A figure's cell: the number in its format, the text as it is, or "—" centred where it does not apply. */
function figure(
  styles: { byKind: Record<Kind, StyleId>; dash: StyleId },
  kind: Kind,
  v: string | number | null,
): { v: string | number | null; s: StyleId } {
  if (v === null) return { v: NOT_APPLICABLE, s: styles.dash };
  const value =
    kind === 'text' || kind === 'count' ? v : kind === 'wan' ? wanNumber(String(v)) : ratioNumber(String(v));
  return { v: value, s: styles.byKind[kind] };
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
