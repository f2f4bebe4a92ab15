import { Dec } from '../domain/decimal';
import { fenToYuan } from '../domain/money';
import { indicatorLabels, type Indicator } from '../domain/performance';
import { figuresOf, type FundPerformance } from '../queries/performance';
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
import { Workbook, type CellInput, type StyleId } from '../xlsx/writer';

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
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the header block and the indicator rows are the parts
export function selfCheckWorkbook(year: number, asOf: string, funds: FundPerformance[], now: Date): Workbook {
  const wb = new Workbook(now);
  const ws = wb.sheet({
    name: '投向自评',
    columns: columns.map((c) => ({ width: c.width })),
    frozen: { rows: 3 },
    print: { title: `${year}年度基金投向与业绩自评表`, asOf, titleRows: [3, 3] },
  });
  ws.row(
    [
      {
        v: `${year}年度基金投向与业绩自评表（平台自查，非官方评分；截至 ${chineseDate(asOf)}）`,
        s: wb.style(titleStyle()),
      },
    ],
    { height: 28 },
  );
  ws.merge(1, 1, 1, columns.length);
  ws.row([{ v: selfCheckNote, s: wb.style({ wrap: true, vertical: 'top' }) }], { height: 32 });
  ws.merge(2, 1, 2, columns.length);
  const header = wb.style(headerStyle());
  ws.row(columns.map((c) => ({ v: c.header, s: header })));

  const dash = { v: NOT_APPLICABLE, s: wb.style(dashStyle) };
  const wan = wb.style({ numFmt: formats.wan });
  const formatStyles = new Map<string, StyleId>();
  const figure = (v: number | null, numFmt: string): CellInput => {
    if (v === null) return dash;
    let s = formatStyles.get(numFmt);
    if (s === undefined) formatStyles.set(numFmt, (s = wb.style({ numFmt })));
    return { v, s };
  };
  const met = wb.style({ bold: true, color: 'FF1E7B34' });
  const unmet = wb.style({ bold: true, color: 'FFC00000' });
  for (const f of funds) {
    const level = levelNames[f.level] ?? f.level;
    for (const [label, fen] of [
      ['实缴出资（万元）', f.perf.paidIn],
      ['累计分配（万元）', f.perf.distributed],
      ['最新估值（万元）', f.perf.nav],
    ] as const) {
      ws.row([f.name, level, label, { v: wanNumber(fenToYuan(fen)), s: wan }]);
    }
    for (const { indicator, value } of figuresOf(f)) {
      const checks = f.checks.filter((c) => c.indicator === indicator);
      const cell = figure(value === null ? null : ratioNumber(value.toFixed(4)), formatOf(indicator));
      for (const check of checks.length ? checks : [null]) {
        if (check === null) ws.row([f.name, level, indicatorLabels[indicator], cell, '未设定', dash]);
        else {
          ws.row([
            f.name,
            level,
            indicatorLabels[indicator],
            cell,
            `${sign[check.comparison]} ${multiples.has(indicator) ? check.value : percent(check.value)}`,
            check.met === null ? dash : { v: check.met ? '达标' : '未达标', s: check.met ? met : unmet },
            check.label,
          ]);
        }
      }
    }
  }
  ws.autoFilter(3, 1, ws.rowCount, columns.length);
  return wb;
}

const percent = (ratio: string) => `${new Dec(ratio).mul(100).toFixed(2)}%`;
