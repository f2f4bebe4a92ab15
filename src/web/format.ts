import { Dec } from '../domain/decimal';

/** "123456789.00" 元 → "1.23 亿元" or "12,345.68 万元": how leadership reads money. Display only. */
export function readableMoney(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined) return '—';
  const v = new Dec(yuan);
  if (v.abs().gte(1e8)) return `${group(v.div(1e8).toFixed(2))} 亿元`;
  return `${group(v.div(1e4).toFixed(2))} 万元`;
}

/** "123456789.00" 元 → "12,345.68" (万元, for tables whose header names the unit). */
export function wan(yuan: string | null | undefined): string {
  return yuan === null || yuan === undefined ? '—' : group(new Dec(yuan).div(1e4).toFixed(2));
}

/** A 4-place ratio as a percentage, "0.3158" → "31.58%". */
export function pct(ratio: string | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${new Dec(ratio).mul(100).toFixed(2)}%`;
}

/** A 4-place ratio as a multiple, "4.0000" → "4.00 倍". */
export function times(ratio: string | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${new Dec(ratio).toFixed(2)} 倍`;
}

function group(fixed: string): string {
  const [int = '0', frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
