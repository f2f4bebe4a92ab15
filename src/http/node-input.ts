// What a client sends about 推进节点计划 (SPEC §9): a platform template, a node appended or a template applied to a
// project, a node's re-plan, actual date or note, and the as-of date and horizon the nodes are read with.
import { z } from 'zod';
import { nodeStages } from '../domain/vocabulary';
import { id, isoDate, optionalText, requiredText } from '../validation';

const stage = z
  .enum(nodeStages, { error: 'stage 应为 registered（注册）、started（开工）、completed（竣工）或 producing（投产）' })
  .nullable()
  .optional()
  .meta({ description: '阶段节点所读的项目阶段；不填为任务节点（自有完成日期）' });

/** The most days a template may put a node after signing: ten years. */
const MAX_OFFSET_DAYS = 3660;

export const templateNode = z.strictObject({
  name: requiredText(100),
  stage,
  offsetDays: z
    .int({ error: 'offsetDays 须为整数（签约后的天数）' })
    .min(0, 'offsetDays 不能为负')
    .max(MAX_OFFSET_DAYS, `offsetDays 不能超过 ${MAX_OFFSET_DAYS}`),
});
export type TemplateNode = z.output<typeof templateNode>;

export const nodeTemplateBody = z.strictObject({
  name: requiredText(100),
  nodes: z.array(templateNode).min(1, '模板至少需要一个节点').max(50, '模板最多 50 个节点'),
});

export const nodeCreateBody = z.union(
  [
    z.strictObject({ templateId: id }),
    z.strictObject({ name: requiredText(100), stage, planned: isoDate, note: optionalText(500) }),
  ],
  { error: '请求体应为 {templateId}（应用模板）或 {name, stage?, planned}（追加一个节点）' },
);

export const nodePatchBody = z.strictObject({
  planned: isoDate.optional().meta({ description: '调整后的计划日期（基准日期 baseline 不变）' }),
  actual: isoDate.nullable().optional().meta({ description: '任务节点的完成日期；null 清除；阶段节点不可填' }),
  note: optionalText(500),
});

const horizon = z
  .string()
  .regex(/^\d{1,3}$/, 'horizonDays 须为 0–366 的十进制整数')
  .transform(Number)
  .refine((n) => n <= 366, 'horizonDays 须为 0–366 的十进制整数')
  .meta({ type: 'integer', minimum: 0, maximum: 366, default: 14, description: '临期天数 h（默认 14）' });

export const nodeListQuery = z.object({ asOf: isoDate.optional(), horizonDays: horizon.optional() });
