// The OpenAPI 3.1 document of /api: each route Hono registers, with the zod schemas it validates with
// (validation.ts), the roles it allows (auth.ts), and what operations tables (records.ts, projects.ts, reports.ts)
// say of it; the components are components.ts.
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { allowedRoles } from '../auth';
import { roles, type Role } from '../domain/vocabulary';
import { errorStatus, type ErrorCode } from '../errors';
import { isCachedApiPath } from '../http/read-cache';
import { validatorSchemas } from '../validation';
import { answers } from './answers';
import { components, pageSchema, toJson, uploadErrors } from './components';
import { tags, type Operation } from './operation';
import { projectOperations } from './projects';
import { recordOperations } from './records';
import { reportOperations } from './reports';

type JsonSchema = Record<string, unknown>;

/**
 * Every /api operation, keyed "METHOD path" as Hono registers it. test/openapi.test.ts fails when a route has no
 * entry here, so the document stays complete.
 */
export const operations: Record<string, Operation> = {
  ...recordOperations,
  ...projectOperations,
  ...reportOperations,
};

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = { type: 'string', format: 'binary' };

const roleNames: Record<Role, string> = {
  admin: '管理员',
  staff: '平台工作人员',
  manager: '基金管理人',
  leader: '领导',
};

const description = `touyin（投引）：母基金、子基金、投资与基金招引项目，计算放大倍数、返投与以投促引成效。

- 认证：每个 /api 请求带 \`Authorization: Bearer <令牌>\`。角色：管理员、平台工作人员、基金管理人（只能看到本基金族，其余一律 404）、领导（只读）。
- 金额：以元为单位的十进制字符串，最多两位小数，如 \`"500000000.00"\`；比值为 4 位小数的字符串，分母为 0 时为 \`null\`。
- 日期：\`YYYY-MM-DD\`（中国日期）。
- 列表：\`?limit=\`（默认 50，最大 500）与 \`?cursor=\`，返回 \`{"items":[…],"nextCursor":…}\`。
- 按 id 返回的记录带 \`version\` 与 \`ETag\`；PATCH 带 \`If-Match\` 且版本不符为 412，不做任何修改。
- POST 可带 \`Idempotency-Key\`：同键同请求体返回首次结果，同键不同请求体为 409。
- 错误只有一种格式（见 Error），失败的请求不改变任何数据。`;

/** One route as Hono registers it (a path may be registered by several handlers: their validators add up). */
interface Collected {
  method: string;
  path: string;
  validators: { target: string; schema: z.ZodType }[];
  roles?: readonly Role[];
}

/** What the document reads of one route: its validators' schemas as JSON Schema, and its path's parameters. */
interface Shape {
  op: Collected;
  spec: Partial<Operation>;
  pathParams: string[];
  paramSchema: JsonSchema | null;
  queryProps: [string, JsonSchema][];
  queryRequired: string[];
  json: z.ZodType | undefined;
  /** The ETag header component the success answer carries, if any. */
  etag: 'ETag' | 'ReportETag' | undefined;
}

/** The OpenAPI 3.1 document of an API router mounted at `base`, built from the zod schemas its routes validate with. */
export function openApiDocument(routes: readonly RouterRoute[], base = '/api') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of collect(routes, base)) {
    const s = shapeOf(op, operations[key] ?? { summary: key });
    const openApiPath = op.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    const parameters = parametersOf(s);
    paths[openApiPath] ??= {};
    paths[openApiPath][op.method.toLowerCase()] = {
      operationId: operationId(op.method, op.path),
      summary: s.spec.summary,
      ...(op.roles && { description: `可调用的角色：${op.roles.map((r) => roleNames[r]).join('、')}` }),
      ...(s.spec.tag && { tags: [s.spec.tag] }),
      ...(parameters.length && { parameters }),
      ...requestBodyOf(s),
      responses: responsesOf(s),
    };
  }

  return {
    openapi: '3.1.0',
    // package.json is private and names no licence: touyin is not open source. SPDX has no identifier for that; a
    // LicenseRef- is SPDX's way of naming a licence of one's own.
    info: {
      title: 'touyin 投引 API',
      version: '1.0.0',
      description,
      license: { name: 'Proprietary（专有软件，未开源；UNLICENSED）', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: '提供本文档的同一服务（/api 路径相对于它）' }],
    tags: Object.entries(tags).map(([name, text]) => ({ name, description: text })),
    security: [{ bearer: [] }],
    paths,
    components,
  };
}

/** The routes by "METHOD path", in the order Hono registered them; catch-alls and middleware left out. */
function collect(routes: readonly RouterRoute[], base: string): Map<string, Collected> {
  const collected = new Map<string, Collected>();
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const path = `${base}${r.path === '/' ? '' : r.path}`;
    const key = `${r.method} ${path}`;
    const op = collected.get(key) ?? { method: r.method, path, validators: [] };
    collected.set(key, op);
    const v = validatorSchemas.get(r.handler);
    if (v) op.validators.push(v);
    op.roles ??= allowedRoles.get(r.handler);
  }
  return collected;
}

function shapeOf(op: Collected, spec: Partial<Operation>): Shape {
  const schemaOf = (target: string) => op.validators.find((v) => v.target === target)?.schema;
  const param = schemaOf('param');
  const query = schemaOf('query');
  const querySchema = query ? toJson(query) : null;
  // A record read or written by id answers its version as the ETag (src/http/responses.ts withEtag).
  const schema = spec.body ? (answers[spec.body] as z.ZodType) : undefined;
  const versioned = (schema instanceof z.ZodObject && 'version' in schema.shape) || undefined;
  // A report, export or alert list answers the data version's tag (src/http/read-cache.ts).
  const etag = versioned ? 'ETag' : op.method === 'GET' && isCachedApiPath(op.path) ? 'ReportETag' : undefined;
  return {
    op,
    spec,
    pathParams: [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
    paramSchema: param ? toJson(param) : null,
    queryProps: Object.entries((querySchema?.properties ?? {}) as Record<string, JsonSchema>),
    queryRequired: (querySchema?.required ?? []) as string[],
    json: schemaOf('json'),
    etag,
  };
}

const header = (name: string, description: string) => ({
  name,
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description,
});

/** Path and query parameters from the validators, then the headers the operation honours. */
function parametersOf({ op, spec, pathParams, paramSchema, queryProps, queryRequired, etag }: Shape): unknown[] {
  const parameters: unknown[] = pathParams.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: (paramSchema?.properties as Record<string, JsonSchema> | undefined)?.[name] ?? { type: 'string' },
  }));
  for (const [name, schema] of queryProps) {
    parameters.push({
      name,
      in: 'query',
      required: queryRequired.includes(name),
      schema,
      ...(typeof schema.description === 'string' && { description: schema.description }),
    });
  }
  if (op.method === 'POST') parameters.push(header('Idempotency-Key', '幂等键：同键同请求体返回首次结果，不重复创建'));
  if (spec.ifMatch) parameters.push(header('If-Match', '记录的 version（ETag），不符为 412'));
  if (etag && op.method === 'GET')
    parameters.push(header('If-None-Match', '客户端持有的 ETag；与当前版本相同时为 304'));
  return parameters;
}

/** The errors an operation may answer, by what it takes and does; `internal` (500) is declared on none. */
function errorsOf({ op, spec, pathParams, queryProps, json }: Shape): ErrorCode[] {
  const writes = op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT';
  const errors: ErrorCode[] = ['unauthorized'];
  if (op.validators.length || writes) errors.push('invalid_request');
  if (op.roles && op.roles.length < roles.length) errors.push('forbidden');
  if (pathParams.length || json || queryProps.some(([name]) => name.endsWith('Id'))) errors.push('not_found');
  if (writes) errors.push('conflict');
  if (spec.ifMatch) errors.push('precondition_failed');
  if (writes) errors.push('payload_too_large');
  return errors.sort((a, b) => errorStatus[a] - errorStatus[b]);
}

function successDescription({ upload, created, noContent, binary }: Partial<Operation>): string {
  if (upload) return '已全部写入（一次原子写入）';
  if (created) return '已创建';
  if (noContent) return '成功，无响应体';
  if (binary) return '文件内容（Content-Type 为其类型，Content-Disposition: attachment 附原文件名）';
  return '成功';
}

function responsesOf(s: Shape): Record<string, unknown> {
  const { op, spec, etag } = s;
  const { body, page, upload, created, noContent, binary } = spec;
  const okSchema = body ? { $ref: `#/components/schemas/${body}` } : page ? pageSchema(page) : { type: 'object' };
  const content = op.path.endsWith('.xlsx')
    ? { [xlsx]: { schema: file } }
    : binary
      ? { 'application/octet-stream': { schema: file } }
      : { 'application/json': { schema: okSchema } };
  const etagHeader = etag && { headers: { ETag: { $ref: `#/components/headers/${etag}` } } };
  const responses: Record<string, unknown> = {
    ...(upload && { '200': { description: '?dryRun=1：逐行校验通过，未写入任何数据', content } }),
    [created ? '201' : noContent ? '204' : '200']: {
      description: successDescription(spec),
      ...etagHeader,
      ...(!noContent && { content }),
    },
  };
  if (etag && op.method === 'GET') {
    responses['304'] = {
      description: 'If-None-Match 与当前版本相同：客户端的副本仍是最新的，无响应体',
      ...etagHeader,
    };
  }
  for (const code of errorsOf(s)) responses[String(errorStatus[code])] = { $ref: `#/components/responses/${code}` };
  if (upload) Object.assign(responses, uploadErrors);
  return responses;
}

/** The request body: a spreadsheet upload, one evidence file with its subject, or the JSON its validator takes. */
function requestBodyOf({ spec, json }: Shape): { requestBody?: unknown } {
  if (json) {
    return {
      requestBody: {
        required: !json.safeParse(undefined).success,
        content: { 'application/json': { schema: toJson(json) } },
      },
    };
  }
  if (spec.form) {
    const subject = { type: 'string', pattern: '^(project|arrival|milestone|credit|request):[1-9][0-9]*$' };
    return {
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { file, subject }, required: ['file', 'subject'] },
          },
        },
      },
    };
  }
  if (spec.upload) {
    return {
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': { schema: { type: 'object', properties: { file }, required: ['file'] } },
          [xlsx]: { schema: file },
          'text/csv': { schema: { type: 'string' } },
        },
      },
    };
  }
  return {};
}

/** "POST /api/funds/:id/commitments" → "postFundsByIdCommitments", "…/template.xlsx" → "…TemplateXlsx": stable, readable in clients. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .flatMap((seg) => (seg.startsWith(':') ? ['by', seg.slice(1)] : seg.split(/[-.]/)));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
