import { creditCodeCheckChar } from '../src/domain/credit-code';
import { addDays } from '../src/domain/dates';

/**
 * A small seeded pseudo-random generator (mulberry32): the demo district is the same on every start,
 * so screenshots, the README and browser tests can rely on it.
 */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [min, max]. */
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  /** A date in [from, to] (both YYYY-MM-DD). */
  const date = (from: string, to: string) => addDays(from, int(0, Math.max(0, daysBetween(from, to))));
  return { next, int, pick, chance, shuffle, date };
}
export type Prng = ReturnType<typeof prng>;

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 组织机构代码 check character of its 8-character body (A = 10 … Z = 35). */
function orgCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    sum += (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 11 ? '0' : c === 10 ? 'X' : String(c);
}

/**
 * A 统一社会信用代码 for an enterprise (登记管理部门 9, 类别 1) registered in `areaCode`: its embedded 组织机构代码
 * is either a pre-2015 numeric one or a post-2015 "MA…" one, and both check characters are valid.
 */
export function creditCode(r: Prng, areaCode: string): string {
  const modern = r.chance(0.7);
  let body: string;
  if (modern) {
    body = `MA${r.int(1, 9)}`;
    while (body.length < 8) body += r.pick([...CODE_CHARS.slice(0, r.chance(0.6) ? 10 : CODE_CHARS.length)]);
  } else {
    body = String(r.int(10_000_000, 79_999_999));
  }
  const first17 = `91${areaCode}${body}${orgCheckChar(body)}`;
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new Error(`统一社会信用代码前 17 位无效：${first17}`);
  return first17 + check;
}
