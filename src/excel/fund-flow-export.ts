// 分配与估值 workbooks written in the import's columns: the template (headers, an example row, 填写说明) and the
// export of the visible funds' distributions and NAV reports, which reads back in through its 记录编号.
import { and, eq, lte, type SQL } from 'drizzle-orm';
import { distributions, funds, valuations } from '../db/schema';
import { chinaToday } from '../domain/dates';
import { amountFormats, fenToYuan } from '../domain/money';
import { notFound } from '../errors';
import { inScope } from '../queries/trees';
import type { ReadContext } from '../queries/funds';
import { dateCell, formats, headerStyle } from '../xlsx/workbook';
import { Workbook, type CellStyle } from '../xlsx/writer';
import { COLUMNS, flowColumns, flowKinds, ID_COLUMN, kindLabel } from './fund-flow-columns';

const rules = [
  '每行一笔分配或一份估值（GP 报送的基金资产净值 NAV）。表头须为 基金、类型、日期、金额（元）（列的顺序可以调整，以“备注”开头的列会被忽略；表头写“金额（万元）”时整列按万元读）。',
  '基金填基金编号或系统中的全称（只能填本人可见的基金）。',
  `类型可填：${Object.keys(flowKinds).join('、')}。`,
  '日期填 2024-03-01 这样的格式（也可写 2024/3/1、2024年3月1日，或使用 Excel 日期单元格），不能晚于今天。分配填支付日，估值填估值基准日。',
  `金额单位为元，不能为负数，可写明单位，如 ${amountFormats}，换算成元后最多两位小数（精确到分）。分配填分配给全体出资人的总额，估值填基金净值。`,
  '导入前会逐行检查全部数据：只要有一处问题，整个文件都不会写入，返回的结果逐条列出“第几行、哪一列、什么问题”；全部无误时一次性写入。可先加 ?dryRun=1 只检查不写入。',
  '示例行（第 2 行）仅作格式参考，导入前请删除。',
];

/** 分配与估值导入模板: the input sheet (headers, one example row, a 类型 drop-down) and 填写说明. */
export function fundFlowTemplate(exampleFund: string, now: Date): Workbook {
  const wb = new Workbook(now);
  const asOf = chinaToday(now);
  const print = (name: string) => ({ title: `分配与估值导入模板 ${name}`, asOf });
  const ws = wb.sheet({
    name: '分配与估值',
    columns: flowColumns(wb, [32, 16, 14, 20]),
    frozen: { rows: 1 },
    print: print('分配与估值'),
  });
  const header = wb.style(headerStyle('FFC00000'));
  ws.row(Object.values(COLUMNS).map((v) => ({ v, s: header })));
  const example: CellStyle = { color: 'FF808080', italic: true };
  const plain = wb.style(example);
  ws.row([
    { v: exampleFund, s: plain },
    { v: '估值', s: plain },
    { v: dateCell(asOf), s: wb.style({ ...example, numFmt: formats.date }) },
    { v: 1000000, s: wb.style({ ...example, numFmt: formats.wan }) },
  ]);
  ws.validate('B2:B2001', { list: Object.keys(flowKinds), error: `可填：${Object.keys(flowKinds).join('、')}` });
  const help = wb.sheet({ name: '填写说明', columns: [{ width: 100 }], print: print('填写说明') });
  help.row([{ v: '分配与估值导入模板 填写说明', s: wb.style({ bold: true, size: 14 }) }]);
  const wrapTop = wb.style({ wrap: true, vertical: 'top' });
  rules.forEach((rule, i) => help.row([{ v: `${i + 1}. ${rule}`, s: wrapTop }], { at: 3 + i }));
  return wb;
}

/**
 * 基金分配与估值 as of asOf: every distribution and NAV report dated ≤ asOf of the visible funds (or of one fund), by
 * fund, date and kind, in the import's columns so the sheet reads back in: with its 记录编号, a row updates its record
 * (or is left when unchanged) instead of adding it again.
 */
export async function fundFlowExport(ctx: ReadContext, fundId: number | undefined, now: Date): Promise<Workbook> {
  const only = (col: typeof distributions.fundId | typeof valuations.fundId): SQL | undefined =>
    fundId === undefined ? inScope(ctx.scope, col) : eq(col, fundId);
  const names = new Map(
    (await ctx.db.select({ id: funds.id, name: funds.name }).from(funds)).map((f) => [f.id, f.name]),
  );
  if (fundId !== undefined && !names.has(fundId)) throw notFound('基金', fundId);
  const d = distributions;
  const v = valuations;
  const rows = [
    ...(await ctx.db
      .select({ id: d.id, fundId: d.fundId, on: d.paidOn, fen: d.amountFen, kind: d.kind })
      .from(d)
      .where(and(lte(d.paidOn, ctx.asOf), only(d.fundId)))),
    ...(
      await ctx.db
        .select({ id: v.id, fundId: v.fundId, on: v.valuedOn, fen: v.navFen })
        .from(v)
        .where(and(lte(v.valuedOn, ctx.asOf), only(v.fundId)))
    ).map((r) => ({ ...r, kind: 'nav' as const })),
  ].sort((a, b) => a.fundId - b.fundId || a.on.localeCompare(b.on) || a.kind.localeCompare(b.kind) || a.id - b.id);

  const wb = new Workbook(now);
  const columns = flowColumns(wb, [32, 16, 14, 20, 14]);
  const ws = wb.sheet({
    name: '分配与估值',
    columns,
    frozen: { rows: 1 },
    print: { title: '基金分配与估值', asOf: ctx.asOf },
  });
  const header = wb.style(headerStyle());
  ws.row([...Object.values(COLUMNS), ID_COLUMN].map((v) => ({ v, s: header })));
  const [, , date, amount] = columns.map((c) => c.style!);
  for (const r of rows)
    ws.row([
      names.get(r.fundId) ?? String(r.fundId),
      kindLabel[r.kind],
      { v: dateCell(r.on), s: date! },
      { v: Number(fenToYuan(r.fen)), s: amount! },
      r.id,
    ]);
  return wb;
}
