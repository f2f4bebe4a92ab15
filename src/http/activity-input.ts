// What a client sends about 招商活动 (SPEC §9): the body of a new activity and the list query, validated by zod (and
// documented by the OpenAPI built from them). The spreadsheet import checks its rows with the same body.
import { z } from 'zod';
import { activityKinds, activityLinks } from '../domain/vocabulary';
import { companyNameKey } from '../domain/names';
import { id, isoDate, listQuery, optionalName, optionalText, requiredText } from '../validation';

/** How many participants, companies and projects one activity may list: a delegation, not a directory. */
export const ACTIVITY_LIST_MAX = 100;

const kind = z.enum(activityKinds, {
  error:
    'kind 应为 outbound（走出去）、inbound（请进来）、visit（走访拜访）、talks（洽谈）、event（推介会/展会/沙龙）或 online（线上对接）',
});
const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `${what}应为数组` }).max(ACTIVITY_LIST_MAX, `${what}最多 ${ACTIVITY_LIST_MAX} 项`);

export const activityBody = z
  .object({
    unitId: id,
    fundId: id.optional().nullable(),
    kind,
    startedOn: isoDate,
    endedOn: isoDate.optional().nullable(),
    destination: optionalName(100),
    topLed: z.boolean({ error: 'topLed（主要负责人带队）应为 true 或 false' }).default(false),
    participantIds: listOf(id, '参与人员（participantIds）').default([]),
    participantNames: listOf(requiredText(50), '其他参与人员（participantNames）').default([]),
    companies: listOf(
      z.object({
        name: requiredText(200).refine((n) => companyNameKey(n) !== '', '企业名称须含有文字、字母或数字'),
        companyId: id.optional().nullable(),
      }),
      '对接企业（companies）',
    ).default([]),
    projects: listOf(
      z.object({
        projectId: id,
        link: z.enum(activityLinks, { error: 'link 应为 produced（促成线索）或 advanced（推进项目）' }),
      }),
      '关联项目（projects）',
    ).default([]),
    note: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if (b.endedOn && b.endedOn < b.startedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endedOn'],
        message: `结束日期 ${b.endedOn} 早于开始日期 ${b.startedOn}`,
      });
    if (b.kind === 'outbound' && !b.destination)
      ctx.addIssue({ code: 'custom', path: ['destination'], message: '走出去活动须填写目的地' });
    const seen = new Set<number>();
    b.projects.forEach((p, i) => {
      if (seen.has(p.projectId))
        ctx.addIssue({
          code: 'custom',
          path: ['projects', i, 'projectId'],
          message: `项目 ${p.projectId} 重复关联，每个项目只能关联一次`,
        });
      seen.add(p.projectId);
    });
  });
export type ActivityBody = z.output<typeof activityBody>;

export const activityListQuery = listQuery.extend({
  unitId: id.optional(),
  fundId: id.optional(),
  kind: kind.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ActivityFilters = z.output<typeof activityListQuery>;
