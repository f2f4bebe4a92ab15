// What the API answers for 企业诉求 (SPEC §9): a request, its history and a list item, as zod schemas. Kept beside
// http/answers.ts (whose records they follow); src/openapi/answers.ts names them as OpenAPI components.
import { z } from 'zod';
import { requestCategories, requestRatings, requestStatuses } from '../domain/vocabulary';
import { dateOrNull, id, idOrNull, isoDate, text, textOrNull, version } from './answer-fields';

const rating = z.enum(requestRatings).nullable();

/** One entry of a request's history: the state it entered, on which date, with the resolution text or the rating. */
export const requestEventAnswer = z.strictObject({
  id,
  status: z.enum(requestStatuses),
  on: isoDate,
  text: textOrNull.meta({ description: '办理说明；办结时为办理结果' }),
  rating: rating.meta({ description: '回访的满意度' }),
  recordedAt: text,
  recordedBy: idOrNull,
});

export const requestAnswer = z.strictObject({
  id,
  projectId: idOrNull,
  companyId: idOrNull,
  category: z.enum(requestCategories),
  unitId: id.meta({ description: '责任单位' }),
  assigneeId: idOrNull.meta({ description: '承办人' }),
  raisedOn: isoDate,
  dueOn: isoDate.meta({ description: '办结时限' }),
  description: text,
  status: z.enum(requestStatuses).meta({ description: '当前状态：待受理、已受理、已办结、已回访' }),
  resolvedOn: dateOrNull.meta({ description: '最近一次办结的日期；重新打开后为 null' }),
  resolution: textOrNull.meta({ description: '最近一次办结的办理结果；重新打开后为 null' }),
  rating: rating.meta({ description: '回访的满意度；重新打开后为 null' }),
  closedOn: dateOrNull.meta({ description: '回访日期；重新打开后为 null' }),
  raisedBy: idOrNull,
  overdue: z.boolean().meta({ description: '超期：未办结且办结时限早于截至日（列表为 asOf，单条为今天）' }),
  version,
});

/** A request as lists show it: with the names of its project, company, unit and assignee. */
export const requestItemAnswer = requestAnswer.extend({
  projectName: textOrNull,
  companyName: textOrNull,
  unitName: text,
  assigneeName: textOrNull,
});
export const requestDetailAnswer = requestItemAnswer.extend({ history: z.array(requestEventAnswer) });

export const requestAnswers = {
  Request: requestItemAnswer,
  RequestDetail: requestDetailAnswer,
} satisfies Record<string, z.ZodType>;
