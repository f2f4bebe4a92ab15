// What a client sends about 企业诉求 and the platform settings (SPEC §9): the bodies and the list query, validated by
// zod (and documented by the OpenAPI built from them).
import { z } from 'zod';
import { requestCategories, requestRatings, requestStatuses } from '../domain/vocabulary';
import { id, isoDate, listQuery, optionalText, requiredNote, requiredText } from '../validation';
import { REQUEST_DAYS } from '../domain/requests';

const categoryError = { error: `category 应为 ${requestCategories.join('、')} 之一` };
const statusError = { error: 'status 应为 open、accepted、resolved 或 closed' };

export const requestBody = z
  .object({
    projectId: id.optional(),
    companyId: id.optional(),
    category: z.enum(requestCategories, categoryError),
    unitId: id.meta({ description: '责任单位' }),
    assigneeId: id.optional().nullable().meta({ description: '承办人（用户）' }),
    raisedOn: isoDate,
    dueOn: isoDate
      .optional()
      .meta({ description: '办结时限；缺省为提出日期加该类别的天数（平台设置，未设置为 15 天）' }),
    description: requiredNote(2000),
  })
  .refine((b) => b.projectId !== undefined || b.companyId !== undefined, {
    path: ['projectId'],
    message: '须填写诉求所涉的项目（projectId）或企业（companyId）',
  });
export type RequestBody = z.output<typeof requestBody>;

export const transitionBody = z
  .object({
    to: z.enum(requestStatuses, {
      error: 'to 应为 accepted（受理）、resolved（办结）、closed（回访）或 open（重新打开）',
    }),
    on: isoDate,
    text: optionalText(2000).meta({ description: '办理说明；办结（resolved）时必填，为办理结果' }),
    rating: z
      .enum(requestRatings, { error: 'rating 应为 satisfied、basic 或 unsatisfied' })
      .optional()
      .nullable()
      .meta({ description: '回访（closed）时必填：满意、基本满意或不满意' }),
  })
  .superRefine((b, ctx) => {
    if (b.to === 'resolved' && !b.text)
      ctx.addIssue({ code: 'custom', path: ['text'], message: '办结须填写办理结果（text）' });
    if (b.to === 'closed' && !b.rating)
      ctx.addIssue({ code: 'custom', path: ['rating'], message: '回访须填写满意度（rating）' });
    if (b.to !== 'closed' && b.rating)
      ctx.addIssue({ code: 'custom', path: ['rating'], message: '满意度（rating）只在回访（to 为 closed）时填写' });
  });
export type TransitionBody = z.output<typeof transitionBody>;

/** `?overdue=`: 1/true lists only overdue requests, 0/false only the others; absent, both. */
const overdueFlag = z
  .enum(['1', '0', 'true', 'false'], { error: 'overdue 应为 1 或 0' })
  .transform((v) => v === '1' || v === 'true')
  .optional();

export const requestListQuery = listQuery.extend({
  status: z.enum(requestStatuses, statusError).optional(),
  category: z.enum(requestCategories, categoryError).optional(),
  unitId: id.optional(),
  fundId: id.optional(),
  assigneeId: id.optional(),
  projectId: id.optional(),
  companyId: id.optional(),
  overdue: overdueFlag,
  asOf: isoDate.optional(),
});
export type RequestListQuery = z.output<typeof requestListQuery>;

const days = z
  .int({ error: `天数应为 ${REQUEST_DAYS.min}–${REQUEST_DAYS.max} 的整数` })
  .min(REQUEST_DAYS.min, `天数应为 ${REQUEST_DAYS.min}–${REQUEST_DAYS.max} 的整数`)
  .max(REQUEST_DAYS.max, `天数应为 ${REQUEST_DAYS.min}–${REQUEST_DAYS.max} 的整数`);

/** PUT /api/settings: any of the known settings, each checked; an unknown key is refused. */
export const settingsBody = z
  .strictObject({
    requestDays: z
      .strictObject(
        Object.fromEntries(requestCategories.map((k) => [k, days.optional()])) as Record<
          (typeof requestCategories)[number],
          z.ZodOptional<typeof days>
        >,
        { error: `requestDays 的类别应为 ${requestCategories.join('、')}` },
      )
      .optional()
      .meta({ description: '各诉求类别从提出到办结时限的天数（1–365）' }),
    bulletinIssuer: requiredText(100)
      .nullable()
      .optional()
      .meta({ description: '通报的发文单位；null 清除（GET 的答复原样 PUT 回来也可以）' }),
  })
  .refine((b) => b.bulletinIssuer !== undefined || Object.values(b.requestDays ?? {}).some((d) => d !== undefined), {
    message: '请至少填写一项设置（requestDays 或 bulletinIssuer）',
  });
export type SettingsBody = z.output<typeof settingsBody>;
