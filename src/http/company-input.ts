// A company as a client names it inside a request.
import { z } from 'zod';
import { creditCodeProblem } from '../domain/credit-code';
import { companyNameKey } from '../domain/names';
import { id, requiredText } from '../validation';

export const creditCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const problem = creditCodeProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** 高新技术企业 / 专精特新 / 中小企业 / 民营: what the 投向 indicators read (SPEC §8). */
export const companyFlags = z
  .object({
    hightech: z.boolean().optional(),
    specialized: z.boolean().optional(),
    sme: z.boolean().optional(),
    private: z.boolean().optional(),
  })
  .strict();

export const companyInput = z.object({
  // The name key is what tells companies apart: a name of punctuation and invisible characters alone has none.
  name: requiredText(200).refine((n) => companyNameKey(n) !== '', '企业名称须含有文字、字母或数字'),
  creditCode: creditCode.optional().nullable(),
  unitId: id.optional().nullable(),
  flags: companyFlags.optional(),
});
export type CompanyInput = z.output<typeof companyInput>;
