import { Dec } from './decimal';
import { Fraction, integerOf, integerQuotient, type Numeric } from './fraction';

const MONEY = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;
/** 10^13 元: the largest amount accepted on the wire (10^15 fen stays an exact integer in JS and SQLite). */
export const MAX_YUAN_DIGITS = 14;

/** Why a wire amount is not acceptable, in Chinese, or null when it is fine. */
export function moneyProblem(value: unknown): string | null {
  if (typeof value !== 'string') return '金额须为字符串（单位：元），如 "500000000.00"';
  const s = value.trim();
  if (s.startsWith('-')) return '金额不能为负数';
  if (/^\d+\.\d{3,}$/.test(s)) return '金额最多两位小数（精确到分）';
  const m = MONEY.exec(s);
  if (!m) return '金额格式不正确，应为元，如 "1234.56"';
  const int = m[1] ?? '';
  if (
    int.length > MAX_YUAN_DIGITS ||
    (int.length === MAX_YUAN_DIGITS && (int !== '10000000000000' || /[1-9]/.test(m[2] ?? '')))
  ) {
    return '金额不能超过 10000000000000 元';
  }
  return null;
}

/** Fen (exact, or derived and rounded half up to the fen) → "1234.56" 元, the wire's money. Null stays null. */
export function fenToYuan(fen: Numeric): string;
export function fenToYuan(fen: Numeric | null): string | null;
export function fenToYuan(fen: Numeric | null): string | null {
  if (fen === null) return null;
  const whole = integerOf(fen);
  if (whole !== null) return integerQuotient(whole, 100n, 2);
  return integerQuotient(Fraction.from(fen).rounded(), 100n, 2);
}

/** Whole fen → "3000 万元", "0.00005 万元": exact (fen / 10^6), trailing zeros dropped; how messages speak to clerks who type 万元. */
export function fenToWanText(fen: number | bigint): string {
  const text = integerQuotient(BigInt(fen), 1_000_000n, 6);
  return `${text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text} 万元`;
}

/** "1234.5" 元 → 123450 fen. Call only on a value moneyProblem() accepted. */
export function yuanToFen(value: string): number {
  const [int = '0', frac = ''] = value.trim().split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0'));
}

/** The unit an amount is counted in when the text names none: 元, or 万元 (a column headed "（万元）"). */
export type AmountUnit = 'yuan' | 'wan';

const UNIT_SCALE = { 元: 1, 万: 10_000, 万元: 10_000, 亿: 100_000_000, 亿元: 100_000_000 } as const;
// 1234.56, 1,234.56 (commas between groups of three), then an optional unit: 元, 万, 万元, 亿, 亿元.
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(元|万元?|亿元?)?$/;

/** What an amount in a spreadsheet cell or a form may look like, for messages and the import template. */
export const amountFormats = '1234.56、1,234.56、100万、1.5亿、12345.6元';

/**
 * An amount as people in China type it → 元 as an exact decimal string: `100万` = 1000000, `1.5 亿元` = 150000000,
 * `1,234.56`, full-width `１２３４`. 万 = 10^4 and 亿 = 10^8 (exact, decimal.js); a bare number counts in `unit`.
 * At most 2 decimals of 元 after scaling (分); `1万2`, `1e5` and negatives are refused. The range is the wire's
 * moneyProblem() to check.
 */
export function parseAmount(text: string, unit: AmountUnit): { yuan: string } | { problem: string } {
  const s = text.normalize('NFKC').trim();
  const unitName = unit === 'wan' ? '万元' : '元';
  if (/^[-−]/.test(s)) return { problem: '金额不能为负数' };
  const m = AMOUNT.exec(s);
  if (!m) return { problem: `金额格式不正确：应为数字，单位${unitName}，也可写明单位，如 ${amountFormats}` };
  const [, int = '', frac, written] = m;
  if (int.replace(/,/g, '').replace(/^0+/, '').length > 20) return { problem: '金额不能超过 10000000000000 元' };
  const scale = written ? UNIT_SCALE[written as keyof typeof UNIT_SCALE] : unit === 'wan' ? 10_000 : 1;
  const yuan = new Dec(`${int.replace(/,/g, '')}${frac ? `.${frac}` : ''}`).times(scale);
  if (yuan.decimalPlaces() > 2) {
    return {
      problem:
        scale === 1
          ? '金额最多两位小数（精确到分）'
          : `金额换算成元后最多两位小数（精确到分）：“${s}”为 ${yuan.toFixed()} 元`,
    };
  }
  return { yuan: yuan.toFixed() };
}
