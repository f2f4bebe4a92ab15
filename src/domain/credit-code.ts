// 统一社会信用代码 (GB 32100-2015): 18 characters from 31 (no I, O, S, V, Z); the last is a check character.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character for the first 17 characters, or null if one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return CHARS[(31 - (sum % 31)) % 31] ?? null;
}

/** Why a credit code is invalid, in Chinese, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划代码';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确';
  return null;
}
