import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { isIsoDate } from './domain/dates';
import { moneyProblem, yuanToFen } from './domain/money';
import { ApiError, type Issue } from './errors';

z.config(z.locales.zhCN());

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** zod through Hono's validator, once: a failure is a 400 envelope naming each field. */
export const validate = <Target extends keyof ValidationTargets, S extends z.ZodType>(target: Target, schema: S) =>
  validator(target, (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      throw new ApiError('invalid_request', `请求参数有误：${issues.map((i) => `${i.path || '请求体'} ${i.message}`).join('；')}`, issues);
    }
    return parsed.data as z.output<S>;
  });

/** Money in: a decimal string in 元 with ≤ 2 places, non-negative, ≤ 10^13; out of the schema as integer fen. */
export const money = z
  .unknown()
  .superRefine((v, ctx) => {
    const problem = moneyProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((v) => yuanToFen(v as string));

export const isoDate = z
  .string({ error: '日期须为字符串 YYYY-MM-DD' })
  .refine(isIsoDate, { message: '日期应为真实存在的日期，格式 YYYY-MM-DD' });

export const id = z.coerce.number({ error: 'id 须为正整数' }).int('id 须为正整数').positive('id 须为正整数').max(Number.MAX_SAFE_INTEGER);
export const idParam = z.object({ id });
export const text = (max = 200) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
export const optionalText = (max = 500) => z.string().trim().max(max, `不能超过 ${max} 个字符`).optional().nullable();

/** A decimal string such as a 返投 multiple or weight: non-negative, up to 4 places. */
export const decimalString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((s) => /^(0|[1-9]\d{0,5})(\.\d{1,4})?$/.test(s), { message: '应为非负小数，最多 4 位小数，如 "1.5"' });

export const listQuery = z.object({
  limit: z.coerce.number().int('limit 须为整数').min(1, 'limit 至少为 1').max(500, 'limit 最大为 500').default(50),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'cursor 无效')
    .transform(Number)
    .optional(),
});
