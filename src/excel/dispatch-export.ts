import { requestCategoryNames, requestStatusNames } from '../domain/vocabulary';
import type { Dispatch, DispatchNode, DispatchRequest } from '../queries/dispatch';
import { dispatchStatusNames } from '../queries/dispatch';
import { chineseDate, dateCell, formats, headerStyle } from '../xlsx/workbook';
import { Workbook, type CellInput } from '../xlsx/writer';

const headers = [
  '责任人',
  '事项',
  '状态',
  '滞后天数',
  '项目或企业',
  '单位',
  '节点或诉求类别',
  '内容',
  '计划或到期日期',
  '基线日期',
  '办理状态或备注',
] as const;
const widths = [14, 8, 8, 10, 30, 16, 16, 40, 14, 12, 10];
const DATE_COLUMNS = new Set([8, 9]);

/** One owner's part: a heading row with its counts, then its nodes and requests, 滞后 first (the list's order). */
interface Part {
  owner: string;
  nodes: DispatchNode[];
  requests: DispatchRequest[];
}

/**
 * 调度 as of `asOf` on one sheet: a title row, a header row, then for each owner (and last for 未落实责任人) a heading
 * row with its 滞后/临期 counts followed by its nodes and its requests; dates are dates, printed A4 landscape.
 */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
export function dispatchWorkbook(d: Dispatch, now: Date): Workbook {
  const wb = new Workbook(now);
  const date = wb.style({ numFmt: formats.date });
  const count = wb.style({ numFmt: formats.count });
  const late = wb.style({ numFmt: formats.count, bold: true, color: 'FFC00000' });
  const group = wb.style({ bold: true, fill: 'FFF2F2F2' });
  const title = `调度清单（截至${chineseDate(d.asOf)}，临期 ${d.horizonDays} 天）`;
  const ws = wb.sheet({
    name: '调度清单',
    columns: widths.map((width, i) => ({ width, style: DATE_COLUMNS.has(i) ? date : undefined })),
    frozen: { rows: 2 },
    print: { title: '调度清单', asOf: d.asOf, titleRows: 2 },
  });
  ws.row([{ v: title, s: wb.style({ bold: true, size: 13 }) }]);
  ws.merge(1, 1, 1, headers.length);
  const header = wb.style(headerStyle());
  ws.row(headers.map((v) => ({ v, s: header })));
  const parts: Part[] = [
    ...d.owners.map((o) => ({ owner: o.name, nodes: o.nodes, requests: o.requests })),
    { owner: '未落实责任人', ...d.unowned },
  ];
  for (const part of parts) {
    const items = [...part.nodes, ...part.requests];
    if (items.length === 0) continue;
    const overdue = items.filter((x) => x.status === 'overdue').length;
    const at = ws.row([
      { v: `${part.owner}：滞后 ${overdue} 项，临期 ${items.length - overdue} 项`, s: group },
      ...headers.slice(1).map(() => ({ v: null, s: group })),
    ]);
    ws.merge(at, 1, at, headers.length);
    const statusCells = (x: DispatchNode | DispatchRequest): CellInput[] => [
      dispatchStatusNames[x.status],
      { v: x.daysLate, s: x.status === 'overdue' ? late : count },
    ];
    for (const x of part.nodes)
      ws.row([
        part.owner,
        '推进节点',
        ...statusCells(x),
        x.company && x.company !== x.project ? `${x.project}（${x.company}）` : x.project,
        x.unit,
        x.name,
        null,
        { v: dateCell(x.planned), s: date },
        { v: dateCell(x.baseline), s: date },
        x.planned !== x.baseline ? '计划已调整' : null,
      ]);
    for (const x of part.requests)
      ws.row([
        part.owner,
        '企业诉求',
        ...statusCells(x),
        x.project ?? x.company,
        x.unit,
        requestCategoryNames[x.category],
        x.description,
        { v: dateCell(x.dueOn), s: date },
        null,
        requestStatusNames[x.state],
      ]);
  }
  return wb;
}
