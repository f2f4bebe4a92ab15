// What a client sends about projects: the request bodies and the list query, validated by zod (and documented by the OpenAPI built from them).
import { z } from 'zod';
import {
  arrivalKinds,
  chainActions,
  chainNodes,
  milestoneStages,
  reviewStatuses,
  sourceTypes,
  projectStages,
} from '../domain/vocabulary';
import {
  decimalString,
  id,
  isoDate,
  listQuery,
  yuanAmount,
  optionalName,
  optionalText,
  requiredText,
} from '../validation';
import { cleanName } from '../domain/names';
import { companyInput } from './company-input';

export const projectBody = z
  .object({
    name: requiredText(200),
    companyId: id.optional(),
    company: companyInput.optional(),
    sourceType: z.enum(sourceTypes),
    sourceFundId: id.optional().nullable(),
    investmentId: id.optional().nullable(),
    introducer: optionalName(100),
    reportedOn: isoDate,
    plannedTotal: yuanAmount,
    plannedFixedAsset: yuanAmount.optional().nullable(),
    foreign: z.boolean().default(false),
    chain: optionalName(50),
    chainNode: z.enum(chainNodes).optional().nullable(),
    chainAction: z.enum(chainActions).optional().nullable(),
    introducingUnitId: id,
    landingUnitId: id,
  })
  .superRefine((b, ctx) => {
    if (b.companyId !== undefined && b.company !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['company'], message: 'companyId 与 company 只能提供其一' });
    }
    if (b.sourceType === 'fund' && !b.sourceFundId) {
      ctx.addIssue({
        code: 'custom',
        path: ['sourceFundId'],
        message: '来源类型为基金招引（fund）时必须指定来源基金 sourceFundId',
      });
    }
    if (b.plannedFixedAsset != null && b.plannedFixedAsset > b.plannedTotal) {
      ctx.addIssue({ code: 'custom', path: ['plannedFixedAsset'], message: '计划固定资产投资不能大于计划总投资' });
    }
  });

export type ProjectBody = z.output<typeof projectBody>;

export const projectListQuery = listQuery.extend({
  fundId: id.optional(),
  stage: z.enum(projectStages).optional(),
  status: z.enum(reviewStatuses).optional(),
  chain: z.string().trim().max(50).transform(cleanName).optional(),
  sourceType: z.enum(sourceTypes).optional(),
  q: z.string().trim().max(100).optional(),
});

export const milestoneBody = z
  .object({ stage: z.enum(milestoneStages), on: isoDate, note: optionalText(500), reason: optionalText(500) })
  .superRefine((b, ctx) => {
    if (b.stage === 'dropped' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '终止（dropped）必须填写原因 reason' });
  });

export const arrivalBody = z
  .object({
    amount: yuanAmount,
    arrivedOn: isoDate,
    kind: z.enum(arrivalKinds),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, '币种应为 3 位大写字母代码，如 USD')
      .optional()
      .nullable(),
    // An amount in the original currency (US$ 5,000,000 is common), not a multiple: up to 13 integer digits.
    originalAmount: z
      .string()
      .trim()
      .regex(/^(0|[1-9]\d{0,12})(\.\d{1,4})?$/, '原币金额应为非负数字字符串，最多 4 位小数，如 "5000000.00"')
      .optional()
      .nullable(),
    exchangeRate: decimalString.optional().nullable(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'fdi' && (!b.currency || !b.originalAmount)) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: '外资到资（fdi）须填写原币种 currency 与原币金额 originalAmount',
      });
    }
  });
