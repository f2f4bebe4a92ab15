import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isIsoDate } from './domain/dates';
import { monthWindow } from './domain/assessment';
import { moneyProblem, yuanToFen } from './domain/money';
import { fundFlowAmountProblem } from './domain/performance';
import { cleanName, cleanNote, hasVisibleText } from './domain/names';
import { ApiError, type Issue } from './errors';
import { unitViews } from './domain/vocabulary';

z.config(zhCN());

/** A zod issue as the envelope lists it: the field's path and zod's (Chinese) message. */
const apiIssue = (i: z.core.$ZodIssue): Issue => ({ path: i.path.map(String).join('.'), message: i.message });

export function issuesOf(error: z.ZodError, words: (i: z.core.$ZodIssue) => Issue = apiIssue): Issue[] {
  return error.issues.map(words);
}

/** What each validate() middleware checks: the OpenAPI document (src/openapi/document.ts) is built from these very schemas. */
export const validatorSchemas = new WeakMap<object, { target: keyof ValidationTargets; schema: z.ZodType }>();

// A lone surrogate cannot be stored as UTF-8 (it would come back as U+FFFD); control characters (tab and line
// breaks aside) are never part of a name, a note or an id and hide text from whoever reads it.
const LONE_SURROGATE = /\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Why a text from a client is refused whatever field it is in, or null. */
export function unsafeTextProblem(s: string): string | null {
  if (LONE_SURROGATE.test(s)) return '含有无效的 Unicode 字符（孤立的代理项），请检查输入';
  if (CONTROL.test(s)) return '不能含有控制字符（如 U+0000）';
  return null;
}

/** The first string (keys included) anywhere in a parsed request part that unsafeTextProblem() refuses. */
function firstUnsafeText(value: unknown): Issue | null {
  // A stack, not recursion: a 1 MB body may nest arrays hundreds of thousands deep.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = unsafeTextProblem(v);
      if (problem) return { path, message: problem };
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        const problem = unsafeTextProblem(k);
        if (problem) return { path: at, message: `字段名${problem}` };
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/**
 * zod through Hono's validator, once: a failure is a 400 envelope naming each field. Every string of the request
 * part is checked first, so no route stores a lone surrogate or a control character whatever its schema says.
 * `words` says an issue in the reader's words (the pages name fields and options in Chinese, the API by their codes).
 */
export const validate = <Target extends keyof ValidationTargets, S extends z.ZodType>(
  target: Target,
  schema: S,
  words = apiIssue,
) => {
  const middleware = validator(target, (value) => {
    const unsafe = firstUnsafeText(value);
    if (unsafe)
      throw new ApiError('invalid_request', `请求参数有误：${unsafe.path || '请求体'} ${unsafe.message}`, [unsafe]);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error, words);
      throw new ApiError(
        'invalid_request',
        `请求参数有误：${issues.map((i) => `${i.path || '请求体'} ${i.message}`).join('；')}`,
        issues,
      );
    }
    return parsed.data;
  });
  validatorSchemas.set(middleware, { target, schema });
  return middleware;
};

/** Money in: a decimal string in 元 with ≤ 2 places, non-negative, ≤ 10^13; out of the schema as integer fen. */
export const yuanAmount = z
  .unknown()
  // The meta sits before the transform: zod drops `examples` of a transforming schema from the input JSON Schema.
  .meta({
    type: 'string',
    pattern: '^(?:(?:0|[1-9]\\d{0,12})(?:\\.\\d{1,2})?|10000000000000(?:\\.00?)?)$',
    description: '金额，单位元，十进制字符串，最多两位小数，非负，不超过 10000000000000',
    examples: ['500000000.00'],
  })
  .superRefine((v, ctx) => {
    const problem = moneyProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((v) => yuanToFen(v as string));

/** A distribution or NAV: money as yuanAmount, more than zero (fundFlowAmountProblem, the import's rule too). */
export const positiveYuanAmount = yuanAmount.superRefine((fen, ctx) => {
  const problem = fundFlowAmountProblem(fen);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const isoDate = z
  .string({ error: '日期须为字符串 YYYY-MM-DD' })
  .refine(isIsoDate, { message: '日期应为真实存在的日期，格式 YYYY-MM-DD' })
  .meta({
    format: 'date',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: '日期 YYYY-MM-DD（中国日期）',
    examples: ['2024-12-31'],
  });

/** The years touyin assesses, bulletins and targets alike: one range everywhere. */
export const YEARS = { min: 2000, max: 2100 } as const;
const yearMessage = `年份须为 ${YEARS.min}–${YEARS.max} 之间的四位十进制整数`;
const inYears = (y: number) => y >= YEARS.min && y <= YEARS.max;

/**
 * A year: a JSON integer (bodies) or exactly four decimal digits (query and path), within YEARS. `0x7e8`, `2e3`,
 * `2026.0`, ` 2026` and an empty `?year=` are refused, not read as a number or as "no filter".
 */
export const year = z
  .union([z.int({ error: yearMessage }), z.string().regex(/^\d{4}$/, yearMessage)], { error: yearMessage })
  .transform(Number)
  .refine(inYears, yearMessage)
  .meta({
    anyOf: [
      { type: 'integer', minimum: YEARS.min, maximum: YEARS.max },
      { type: 'string', pattern: '^\\d{4}$' },
    ],
    description: `年份（${YEARS.min}–${YEARS.max}；查询参数中为四位数字）`,
    examples: [2024],
  });

/** A calendar month YYYY-MM (a 通报's month). */
export const month = z
  .string({ error: '月份须为字符串 YYYY-MM' })
  .refine((m) => monthWindow(m) !== null && inYears(Number(m.slice(0, 4))), {
    message: `月份应为 YYYY-MM 格式的有效月份，年份在 ${YEARS.min}–${YEARS.max} 之间，如 2024-06`,
  })
  .meta({ pattern: '^\\d{4}-\\d{2}$', description: '月份 YYYY-MM', examples: ['2024-06'] });

/** A unit report's view: 招引口径 (the introducing unit, the default) or 落地口径 (the landing unit). */
export const unitView = z
  .enum(unitViews, { error: 'view 应为 introducing（招引口径）或 landing（落地口径）' })
  .default('introducing');

/** GET /api/assessment and the /assessment page: a year, an optional as-of date, a view. */
export const assessmentQuery = z.object({
  year,
  asOf: isoDate.optional(),
  view: unitView,
});

// Only a JSON number or a string of digits (path and query ids) is an id: `true`, `[5]` or "0x1" are not.
export const id = z
  .union([z.number(), z.string().regex(/^\d{1,16}$/, 'id 须为正整数')], { error: 'id 须为正整数' })
  .pipe(
    z.coerce
      .number<string | number>({ error: 'id 须为正整数' })
      .int('id 须为正整数')
      .positive('id 须为正整数')
      .max(Number.MAX_SAFE_INTEGER),
  )
  .meta({
    anyOf: [
      { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      { type: 'string', pattern: '^\\d{1,16}$' },
    ],
    description: '记录 id（正整数；路径与查询参数中为数字串）',
    examples: [1],
  });
export const idParam = z.object({ id });
const safeText = (s: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = unsafeTextProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};
/** Something visible (not only spaces or invisible characters) of at most `max` characters, no control characters. */
const visibleText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `不能超过 ${max} 个字符`)
    .refine(hasVisibleText, '不能为空')
    .superRefine(safeText);
/**
 * A required name or label (of a unit, fund, company, project, chain, 链主): something visible (not only spaces or
 * invisible characters), no control characters, stored as cleanName() gives it.
 */
export const requiredText = (max = 200) => visibleText(max).transform(cleanName);
/** An optional name or label (a manager, an investor, a 跑道, a chain a project names, a threshold's label), as cleanName() gives it. */
export const optionalName = (max = 100) =>
  z.string().trim().max(max, `不能超过 ${max} 个字符`).superRefine(safeText).transform(cleanName).optional().nullable();
/** A required text of some length (a 诉求's description): something visible, its line breaks kept (cleanNote). */
export const requiredNote = (max = 2000) => visibleText(max).transform(cleanNote);
/** An optional note, reason or evidence: its line breaks kept, invisible characters dropped (cleanNote). */
export const optionalText = (max = 500) =>
  z.string().trim().max(max, `不能超过 ${max} 个字符`).superRefine(safeText).transform(cleanNote).optional().nullable();

const DECIMAL = /^(0|[1-9]\d{0,5})(\.\d{1,4})?$/;
/** A decimal string such as a 返投 multiple or weight: non-negative, up to 4 places. */
export const decimalString = z
  .union([z.string(), z.number()])
  .meta({
    anyOf: [
      { type: 'string', pattern: DECIMAL.source },
      { type: 'number', minimum: 0 },
    ],
    description: '非负小数，最多 4 位小数（宜用字符串）',
    examples: ['1.5'],
  })
  .transform((v) => String(v).trim())
  .refine((s) => DECIMAL.test(s), { message: '应为非负小数，最多 4 位小数，如 "1.5"' });

export const listQuery = z.object({
  limit: z
    .string()
    // On the wire a query parameter is digits: documented as the integer it is read as.
    .meta({
      type: 'integer',
      minimum: 1,
      maximum: 500,
      default: 50,
      description: '每页条数（1–500 的十进制整数，默认 50）',
      examples: [50],
    })
    .regex(/^\d{1,3}$/, 'limit 须为 1–500 的十进制整数')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, 'limit 须为 1–500 的十进制整数')
    .default(50),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'cursor 无效')
    .transform(Number)
    .optional(),
});
