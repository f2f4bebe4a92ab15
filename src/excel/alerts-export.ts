import { alertKindLabels, alertKinds, alertRuleText, type AlertDays } from '../domain/alerts';
import type { AlertItem } from '../queries/alerts';
import { chineseDate, dateCell, formats, headerStyle } from '../xlsx/workbook';
import { Workbook } from '../xlsx/writer';

/** The names an alert row shows beside its ids. */
export interface AlertNames {
  funds: Map<number, string>;
  units: Map<number, string>;
}

/** 预警清单 as of `asOf`: a title row naming the day counts, a header row, one row per alert (longest waiting first). */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): one sheet per kind of alert, each its own function
export function alertsWorkbook(
  asOf: string,
  days: AlertDays,
  items: AlertItem[],
  names: AlertNames,
  now: Date,
  truncated: boolean,
): Workbook {
  const wb = new Workbook(now);
  const date = wb.style({ numFmt: formats.date });
  const count = wb.style({ numFmt: formats.count });
  const ws = wb.sheet({
    name: '预警清单',
    columns: [12, 36, 30, 9, 9, 9, 9, 9, 30, 16, 16, 12, 11].map((width, i) => ({
      width,
      style: i === 11 ? date : i === 12 ? count : undefined,
    })),
    frozen: { rows: 2 },
    print: { title: '预警清单', asOf, titleRows: 2 },
  });
  const name = (m: Map<number, string>, id: number | null) => (id === null ? '' : (m.get(id) ?? `#${id}`));
  const rule = alertKinds.map((k) => [alertKindLabels[k], alertRuleText(k, days)].filter(Boolean).join(' ')).join('、');
  ws.row([
    {
      v: `预警清单（截至${chineseDate(asOf)}；${rule}）${truncated ? `；仅列出前 ${items.length} 条` : ''}`,
      s: wb.style({ bold: true, size: 13 }),
    },
  ]);
  const header = wb.style(headerStyle());
  ws.row(
    [
      '预警类型',
      '项目/认定对象',
      '节点/诉求',
      '项目 id',
      '认定 id',
      '到资 id',
      '节点 id',
      '诉求 id',
      '基金',
      '招引单位',
      '落地单位',
      '起算日期',
      '已持续天数',
    ].map((v) => ({ v, s: header })),
  );
  for (const a of items) {
    ws.row([
      alertKindLabels[a.kind],
      a.name,
      a.detail ?? '',
      a.projectId,
      a.creditId,
      a.arrivalId,
      a.nodeId,
      a.requestId,
      name(names.funds, a.fundId),
      name(names.units, a.introducingUnitId),
      name(names.units, a.landingUnitId),
      { v: dateCell(a.since), s: date },
      { v: a.days, s: count },
    ]);
  }
  return wb;
}
