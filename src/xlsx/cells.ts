// Reading a spreadsheet cell as the API would read the same field typed as text: numbers as Excel shows them,
// dates in the ways people write them, amounts with 万/亿.
import { Dec } from '../domain/decimal';
import { parseAmount, type AmountUnit } from '../domain/money';
import type { Cell } from './grid';

/** A number as Excel shows it (15 significant digits), as an exact decimal string: 0.1+0.2 reads "0.3". */
export const numberText = (n: number) => new Dec(n).toSignificantDigits(15).toFixed();

export function textOf(cell: Cell | undefined): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return isoOfDate(cell) ?? undefined;
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  const s = cell.trim();
  return s === '' ? undefined : s;
}

export const isoOfDate = (d: Date) => (Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10));

/** A date cell as YYYY-MM-DD: an Excel date, or text such as 2024-3-1, 2024/3/1, 2024.3.1, 2024年3月1日. */
export function dateOf(cell: Cell | undefined): string | undefined {
  if (cell instanceof Date) return isoOfDate(cell) ?? '无效日期';
  const s = textOf(cell);
  if (s === undefined) return undefined;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

/**
 * A money cell as the API's 元 string, checked afterwards by the API's own money schema: a number in the column's
 * unit, or text as people type it (1,234.56, １２３４, 100万, 1.5亿, 12345.6元; see parseAmount).
 */
export function moneyOf(cell: Cell | undefined, unit: AmountUnit): { value?: string; problem?: string } {
  if (cell === null || cell === undefined) return {};
  if (cell instanceof Date || typeof cell === 'boolean') return { problem: '金额应为数字' };
  const amount = parseAmount(typeof cell === 'number' ? numberText(cell) : cell, unit);
  return 'problem' in amount ? { problem: amount.problem } : { value: amount.yuan };
}

export const yesNo: Record<string, boolean> = {
  是: true,
  否: false,
  y: true,
  n: false,
  yes: true,
  no: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
};
