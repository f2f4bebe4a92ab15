// 分配与估值 sheets' columns, one vocabulary for the import and the two workbooks written in its columns (the
// template and the export): the 类型 values, the headers and how a header cell is read, the formats of the columns.
import type { Cell } from '../xlsx/grid';
import { formats } from '../xlsx/workbook';
import type { CellStyle, Workbook } from '../xlsx/writer';

/** The 类型 column's values: two kinds of distribution and a NAV report. */
export const flowKinds = { '分配-返还本金': 'return_of_capital', '分配-收益': 'income', 估值: 'nav' } as const;
export type FlowKind = (typeof flowKinds)[keyof typeof flowKinds];
export const kindLabel = Object.fromEntries(Object.entries(flowKinds).map(([label, kind]) => [kind, label])) as Record<
  FlowKind,
  string
>;

/** The sheet's columns, by header (an amount column may read 金额（万元）). */
export const COLUMNS = { fund: '基金', kind: '类型', on: '日期', amount: '金额（元）' } as const;
/** The optional column of the export: a row with a record id is that record (updated or left), not a new one. */
export const ID_COLUMN = '记录编号';
export type ColumnKey = keyof typeof COLUMNS | 'id';

export const headerKey = (cell: Cell): { key: ColumnKey; wan: boolean } | null => {
  if (typeof cell !== 'string') return null;
  const text = cell.normalize('NFKC').replace(/\s/g, '');
  if (text === '基金' || text === '基金名称' || text === '基金编号') return { key: 'fund', wan: false };
  if (text === '类型') return { key: 'kind', wan: false };
  // The export names it 记录编号; exports before this release named it 备注：记录编号.
  if (text === ID_COLUMN || text === `备注:${ID_COLUMN}`) return { key: 'id', wan: false };
  if (text === '日期') return { key: 'on', wan: false };
  const m = /^金额(?:\((万元|元)\))?$/.exec(text);
  return m ? { key: 'amount', wan: m[1] === '万元' } : null;
};

/** A header row names 基金 and 类型. */
export const isFundFlowHeader = (cells: Cell[]) => {
  const keys = new Set(cells.map((c) => headerKey(c)?.key));
  return keys.has('fund') && keys.has('kind');
};

/** The date and amount columns keep their formats where a user types later. */
export const flowColumns = (wb: Workbook, widths: number[], extra: CellStyle = {}) =>
  widths.map((width, i) => ({
    width,
    style:
      i === 2
        ? wb.style({ ...extra, numFmt: formats.date })
        : i === 3
          ? wb.style({ ...extra, numFmt: formats.wan })
          : undefined,
  }));
