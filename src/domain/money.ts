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
  if (int.length > MAX_YUAN_DIGITS || (int.length === MAX_YUAN_DIGITS && (int !== '10000000000000' || /[1-9]/.test(m[2] ?? '')))) {
    return '金额不能超过 10000000000000 元';
  }
  return null;
}

/** "1234.5" 元 → 123450 fen. Call only on a value moneyProblem() accepted. */
export function yuanToFen(value: string): number {
  const [int = '0', frac = ''] = value.trim().split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0'));
}
