// The OpenAPI document's components: the error envelope and the errors every operation may answer, the named
// answers (answers.ts) as JSON Schema, the ETag headers, and the bodies shared by operations (a cursor page, what a
// spreadsheet upload answers).
import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../errors';
import { answers, type AnswerName } from './answers';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema: what a request takes (`input`) or an answer holds (`output`). */
export function toJson(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

const errorDescriptions: Record<Exclude<ErrorCode, 'internal'>, string> = {
  invalid_request: '请求参数有误；issues 逐项列出字段与原因',
  unauthorized: '未登录、令牌无效或已被吊销',
  forbidden: '当前角色无权执行此操作',
  not_found: '记录不存在，或不在当前用户可见范围内（基金管理人只能看到本基金族）',
  conflict: '与现有数据冲突：重复记录、实缴超过认缴、幂等键配了不同的请求体等',
  precondition_failed: 'If-Match 与记录当前版本不一致，未做任何修改',
  payload_too_large: '请求体过大（上限 1 MB）',
};

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties) };
}

export const components = {
  securitySchemes: {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'API 令牌：Authorization: Bearer <token>（新建用户或重新签发时返回）',
    },
  },
  schemas: {
    Error: {
      type: 'object',
      description: '唯一的错误格式；部分错误在 error 旁另有字段，如重复项目的 existingId',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(errorStatus) },
            message: { type: 'string', description: '简体中文说明' },
            issues: { type: 'array', description: '仅 invalid_request', items: { $ref: '#/components/schemas/Issue' } },
          },
        },
      },
    },
    Issue: object({
      path: { type: 'string', description: '字段路径，如 company.creditCode；空串指整个请求体' },
      message: { type: 'string' },
    }),
    ...Object.fromEntries(Object.entries(answers).map(([name, schema]) => [name, toJson(schema, 'output')])),
  } as Record<string, JsonSchema>,
  headers: {
    ReportETag: {
      description:
        '报表的强 ETag：数据版本（每次写入都会变化）、调用者的角色与范围、日期与请求的摘要；GET 带 If-None-Match 相同时为 304，不重新计算',
      schema: { type: 'string', examples: ['"rG-WN4xemeRCEAjgZmjT9hVkMb3e"'] },
    },
    ETag: {
      description:
        '记录的版本（version），加引号，如 "3"；GET 带 If-None-Match 相同时为 304，写操作带 If-Match 不符为 412',
      schema: { type: 'string', examples: ['"3"'] },
    },
  },
  // Every error an operation declares; `internal` (500) can follow any request and is declared on none.
  responses: Object.fromEntries(
    (Object.keys(errorDescriptions) as (keyof typeof errorDescriptions)[]).map((code) => [
      code,
      {
        description: errorDescriptions[code],
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
            example: {
              error: {
                code,
                message: errorDescriptions[code],
                ...(code === 'invalid_request' && {
                  issues: [{ path: 'amount', message: '金额格式不正确，应为元，如 "1234.56"' }],
                }),
              },
            },
          },
        },
      },
    ]),
  ),
};

/** What a spreadsheet upload answers beside the usual errors: every problem of the file, and its own size limit. */
export const uploadErrors = {
  '400': {
    description:
      '文件有误：逐行列出全部问题（rows 与 issues），未写入任何数据；无法识别或无法读取的文件（旧版 .xls、空文件、损坏的文件）同样为 400',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportRefused' } } },
  },
  '413': {
    description: '上传文件过大（上限 20 MB），请分批导入',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

/** A cursor page of `item` records. */
export const pageSchema = (item: AnswerName): JsonSchema =>
  object({
    items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    nextCursor: { type: ['string', 'null'], description: '下一页的 cursor；没有更多时为 null' },
  });
