import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { launchChromium } from './browser/harness';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { moneyProblem } from '../src/domain/money';
import { nodeAssets } from '../src/node';
import { answers } from '../src/openapi/answers';
import { operations } from '../src/openapi/document';
import { decimalString, validatorSchemas } from '../src/validation';
import { ADMIN_TOKEN, testApp, type TestApp } from './helpers';
import { pdfBytes, uploadRequest } from './evidence-files';
import { buildWorkedExample } from './worked-example';
import { upload, xlsxOf } from './excel/fixtures';

type Json = Record<string, any>;

const methods = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
/** The /api operations the app really registers, read from Hono's route table (not from the document). */
function apiRoutes(t: TestApp) {
  const out = new Map<string, { method: string; path: string; json?: z.ZodType }>();
  for (const r of t.app.routes) {
    if (!methods.includes(r.method) || !r.path.startsWith('/api/')) continue;
    const key = `${r.method} ${r.path}`;
    const route = out.get(key) ?? { method: r.method, path: r.path };
    const v = validatorSchemas.get(r.handler);
    if (v?.target === 'json') route.json = v.schema;
    out.set(key, route);
  }
  return out;
}
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

async function documentOf(t: TestApp): Promise<Json> {
  const r = await t.call('GET', '/openapi.json', undefined, { token: null });
  expect(r.status).toBe(200);
  return r.body;
}

/** The schema of a property, without the `null` branch that `.nullable()` adds. */
function nonNull(schema: Json): Json {
  const branches = (schema.anyOf as Json[] | undefined)?.filter((s) => s.type !== 'null');
  return branches?.length === 1 ? branches[0]! : schema;
}

/**
 * The problems of `value` against a JSON Schema in the document, for the keywords the document uses (type, enum,
 * pattern, required, properties, items, anyOf, $ref). Answers [] when it conforms.
 */
function problems(doc: Json, schema: Json, value: unknown, at = '$'): string[] {
  if (schema.$ref) return problems(doc, doc.components.schemas[String(schema.$ref).split('/').at(-1)!], value, at);
  if (schema.anyOf)
    return (schema.anyOf as Json[]).some((s) => problems(doc, s, value, at).length === 0)
      ? []
      : [`${at}: 不符合任一分支`];
  const out: string[] = [];
  if (schema.type) {
    const types = ([] as string[]).concat(schema.type);
    const actual =
      value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number')))
      return [`${at}: 应为 ${types.join('|')}，实为 ${actual}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${at}: ${String(value)} 不在枚举中`);
  if ('const' in schema && value !== schema.const) out.push(`${at}: ${String(value)} 应为 ${String(schema.const)}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value))
    out.push(`${at}: ${value} 不符合 ${schema.pattern}`);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in obj)) out.push(`${at}.${k}: 缺少`);
    for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Json>))
      if (k in obj) out.push(...problems(doc, s, obj[k], `${at}.${k}`));
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => out.push(...problems(doc, schema.items, v, `${at}[${i}]`)));
  return out;
}

/** The problems of a real answer against what the document declares for it, and the strict zod schema it was made from. */
function answerProblems(doc: Json, response: Json | undefined, body: unknown): unknown[] {
  const schema = response?.content?.['application/json']?.schema as Json | undefined;
  if (!schema) return ['未声明该状态的 JSON 响应'];
  const out: unknown[] = problems(doc, schema, body);
  // The zod schema the document was made from is strict: a field the document does not name fails here.
  const name = String(schema.$ref ?? schema.properties?.items?.items?.$ref ?? '')
    .split('/')
    .at(-1)!;
  if (name in answers) {
    const records = schema.$ref ? [body] : (body as Json).items;
    for (const rec of records) out.push(...(answers[name as keyof typeof answers].safeParse(rec).error?.issues ?? []));
  }
  return out;
}

/** A small file for each upload that imports into the worked example, and one it refuses row by row. */
async function uploadFiles() {
  const projectHeader = [
    '项目名称',
    '来源类型',
    '来源基金',
    '报送日期',
    '计划总投资（元）',
    '招引单位',
    '落地单位',
    '签约日期',
    '注册日期',
    '到资金额（元）',
    '到资日期',
    '产业链',
    '产业链环节',
    '补链延链强链',
  ];
  const flowHeader = ['基金', '类型', '日期', '金额（元）'];
  const nodeHeader = ['项目编号', '节点名称', '阶段', '计划日期', '完成日期', '备注说明'];
  const activityHeader = [
    '单位',
    '基金',
    '活动类型',
    '开始日期',
    '结束日期',
    '目的地',
    '主要负责人带队',
    '参与人员',
    '对接企业',
    '促成线索项目',
    '推进项目',
    '备注说明',
  ];
  return [
    {
      path: '/api/imports/projects',
      good: await xlsxOf([
        projectHeader,
        [
          '导入的招商项目',
          '基金招引',
          '智能制造产业子基金',
          '2024-03-01',
          50000000,
          '鸠江区',
          '鸠江区',
          '2024-04-01',
          '2024-05-01',
          '100万',
          '2024-06-01',
          '新能源汽车',
          '中游',
          '补链',
        ],
      ]),
      bad: await xlsxOf([
        projectHeader,
        [
          '',
          '基金招引',
          '没有这只基金',
          '2025-13-01',
          -5,
          '鸠江区',
          '鸠江区',
          null,
          null,
          null,
          null,
          null,
          '侧游',
          null,
        ],
      ]),
    },
    {
      path: '/api/imports/fund-flows',
      good: await xlsxOf(
        [
          flowHeader,
          ['智能制造产业子基金', '分配-收益', '2024-12-31', 1000],
          ['智能制造产业子基金', '估值', '2024-12-31', '2万'],
        ],
        '分配与估值',
      ),
      bad: await xlsxOf([flowHeader, ['没有这只基金', '分红', '2099-01-01', 'abc']], '分配与估值'),
    },
    {
      // Project 1 of the worked example (signed 2024-03-01).
      path: '/api/imports/nodes',
      good: await xlsxOf(
        [
          nodeHeader,
          [1, '立项备案', null, '2024-04-15', '2024-04-10', null],
          [1, '开工', '开工', '2024-08-01', null, null],
        ],
        '推进节点',
      ),
      bad: await xlsxOf([nodeHeader, ['甲', '', '装修', '2024-02-30', '2099-01-01', null]], '推进节点'),
    },
    {
      path: '/api/imports/activities',
      good: await xlsxOf(
        [
          activityHeader,
          ['鸠江区', null, '走访拜访', '2024-04-01', null, null, '否', null, '某未登记企业', null, null, null],
        ],
        '招商活动',
      ),
      bad: await xlsxOf(
        [
          activityHeader,
          ['没有这个单位', null, '跳舞', '2024-02-30', null, null, '也许', null, null, null, null, null],
        ],
        '招商活动',
      ),
    },
  ];
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document, served without auth, with the bearer scheme and Chinese tags', async () => {
    const t = await testApp();
    const r = await t.call('GET', '/openapi.json', undefined, { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = r.body as Json;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const tagNames = (doc.tags as Json[]).map((tag) => tag.name);
    for (const tag of doc.tags as Json[]) expect(tag.description).toMatch(/[\u4e00-\u9fff]/);
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
        expect(op.tags?.length, `${method} ${path} 没有标签`).toBe(1);
        expect(tagNames).toContain(op.tags[0]);
        expect(
          Object.keys(op.responses).some((s) => /^20[014]$/.test(s)),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it('lists every registered /api route with its method, and nothing else', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const registered = [...apiRoutes(t).values()].map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`).sort();
    const documented = Object.entries(doc.paths as Record<string, Json>)
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).toEqual(registered);
    // The contract's own list (API.md) is part of it.
    for (const op of [
      'post /api/projects',
      'get /api/funds/{id}/metrics',
      'patch /api/funds/{id}',
      'post /api/commitments/{id}/contributions',
      'get /api/reports/funds',
    ]) {
      expect(documented).toContain(op);
    }
  });

  it('has a Chinese summary in src/openapi/ (records.ts, projects.ts, reports.ts) for every /api route (add one when you add a route), and none stale', async () => {
    const t = await testApp();
    const keys = [...apiRoutes(t).keys()];
    expect(keys.filter((k) => !operations[k])).toEqual([]);
    expect(Object.keys(operations).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('declares each path parameter, from the same schema that validates it', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        const declared = ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'path');
        expect(
          declared.map((p) => p.name),
          `${method} ${path}`,
        ).toEqual(names);
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
    // idParam: a positive integer, or its digits as a string (as it arrives in a path).
    const id = (doc.paths['/api/funds/{id}/metrics'].get.parameters as Json[]).find((p) => p.name === 'id')!;
    expect(id.schema.anyOf).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'integer', minimum: 1 }),
        expect.objectContaining({ type: 'string' }),
      ]),
    );
  });

  it('documents query parameters from the query schema', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const query = (path: string) =>
      Object.fromEntries(
        ((doc.paths[path].get.parameters ?? []) as Json[]).filter((p) => p.in === 'query').map((p) => [p.name, p]),
      );
    // listQuery: limit (default 50, 1–500) and cursor, plus the projects filters of API.md.
    const projects = query('/api/projects');
    expect(Object.keys(projects)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'fundId', 'stage', 'status', 'chain', 'q']),
    );
    expect(projects.limit!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
    expect(projects.limit!.required).toBe(false);
    const metrics = query('/api/funds/{id}/metrics');
    expect(metrics.asOf!.schema).toMatchObject({ type: 'string', format: 'date' });
    expect(metrics.bigProjectThreshold!.schema).toMatchObject({ type: 'string', pattern: expect.any(String) });
  });

  it('has a JSON request body for every POST/PATCH that validates one, its required fields those zod insists on', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const writes = [...apiRoutes(t).values()].filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(writes.filter((r) => r.json).length).toBeGreaterThan(15);
    for (const r of writes) {
      const op = doc.paths[openApiPath(r.path)][r.method.toLowerCase()];
      if (!r.json) {
        // A spreadsheet upload documents its file body; any other write without a JSON schema takes no body.
        if (operations[`${r.method} ${r.path}`]?.upload || operations[`${r.method} ${r.path}`]?.form)
          expect(Object.keys(op.requestBody.content)).toContain('multipart/form-data');
        else expect(op.requestBody, `${r.method} ${r.path}`).toBeUndefined();
        continue;
      }
      const schema = op.requestBody?.content?.['application/json']?.schema as Json;
      expect(schema, `${r.method} ${r.path}`).toBeDefined();
      // A body of alternatives (POST /api/projects/{id}/nodes: a template or one node) requires per alternative.
      if (schema.anyOf) {
        expect(
          schema.anyOf.every((alt: Json) => alt.type === 'object' && alt.required),
          `${r.method} ${r.path}`,
        ).toBe(true);
        continue;
      }
      // What zod itself reports missing from an empty object is exactly what the document calls required.
      const parsed = r.json.safeParse({});
      const missing = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
      expect([...(schema.required ?? [])].sort(), `${r.method} ${r.path}`).toEqual(missing.sort());
      // A body that may be left out (reason? for confirm/reject) is not a required requestBody.
      expect(op.requestBody.required, `${r.method} ${r.path}`).toBe(!r.json.safeParse(undefined).success);
    }
  });

  it.each([
    ['/api/projects', ['name', 'sourceType', 'reportedOn', 'plannedTotal', 'introducingUnitId', 'landingUnitId']],
    ['/api/units', ['name']],
    ['/api/funds', ['name', 'level']],
    ['/api/funds/{id}/commitments', ['investorType', 'amount', 'committedOn']],
    ['/api/commitments/{id}/contributions', ['amount', 'paidOn']],
    ['/api/companies', ['name']],
    ['/api/funds/{id}/investments', ['amount', 'investedOn']], // companyId or company: neither alone is required
    ['/api/projects/{id}/milestones', ['stage', 'on']],
    ['/api/projects/{id}/arrivals', ['amount', 'arrivedOn', 'kind']],
    ['/api/funds/{id}/reinvestment-credits', ['category', 'amount', 'on']],
    ['/api/users', ['username', 'role']],
  ])('POST %s requires the fields API.md lists without "?"', async (path, required) => {
    const t = await testApp();
    const doc = await documentOf(t);
    const schema = doc.paths[path].post.requestBody.content['application/json'].schema;
    expect([...schema.required].sort()).toEqual([...required].sort());
    expect(doc.paths[path].post.requestBody.required).toBe(true);
  });

  it('shows money as a string in 元 with a pattern and an example, wherever money goes in', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const body = (path: string) =>
      doc.paths[path].post.requestBody.content['application/json'].schema.properties as Json;
    const moneyFields = [
      body('/api/projects').plannedTotal,
      body('/api/projects').plannedFixedAsset,
      body('/api/funds/{id}/commitments').amount,
      body('/api/commitments/{id}/contributions').amount,
      body('/api/funds/{id}/investments').amount,
      body('/api/funds/{id}/investments').roundSize,
      body('/api/projects/{id}/arrivals').amount,
      body('/api/funds/{id}/reinvestment-credits').amount,
    ];
    for (const field of moneyFields) {
      expect(nonNull(field)).toMatchObject({ type: 'string', pattern: expect.any(String), examples: ['500000000.00'] });
    }
    expect(body('/api/projects').reportedOn).toMatchObject({
      type: 'string',
      format: 'date',
      examples: ['2024-12-31'],
    });
  });

  it('money pattern accepts exactly what the money validator accepts', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const pattern = new RegExp(
      doc.paths['/api/projects'].post.requestBody.content['application/json'].schema.properties.plannedTotal.pattern,
    );
    const agrees = (s: string) => expect(pattern.test(s), s).toBe(moneyProblem(s) === null);
    // Edges of SPEC's money: ≤ 2 places, non-negative, ≤ 10^13 元.
    for (const s of [
      '0',
      '0.5',
      '500000000.00',
      '9999999999999.99',
      '10000000000000',
      '10000000000000.0',
      '10000000000000.00',
      '10000000000000.01',
      '10000000000001',
      '00',
      '01',
      '1.',
      '.5',
      '1.234',
      '-1',
      '',
    ])
      agrees(s);
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?[0-9]{0,15}(\.[0-9]{0,3})?$/),
        (s) => pattern.test(s) === (moneyProblem(s) === null),
      ),
      { numRuns: 2000 },
    );
  });

  it('decimal pattern (返投倍数, weights) accepts exactly what decimalString accepts as a string', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const multiple =
      doc.paths['/api/funds'].post.requestBody.content['application/json'].schema.properties.reinvestment.properties
        .multiple;
    const stringBranch = (multiple.anyOf as Json[]).find((s) => s.type === 'string')!;
    const pattern = new RegExp(stringBranch.pattern);
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?[0-9]{0,8}(\.[0-9]{0,5})?$/),
        (s) => pattern.test(s) === decimalString.safeParse(s).success,
      ),
      { numRuns: 2000 },
    );
  });

  it('references the one error envelope for 400/401/403/404/409/412/413', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const refs = (op: Json) =>
      Object.fromEntries(
        Object.entries(op.responses as Json)
          .filter(([s]) => s >= '400')
          .map(([s, r]) => [s, r.$ref]),
      );
    expect(refs(doc.paths['/api/projects'].post)).toEqual({
      '400': '#/components/responses/invalid_request',
      '401': '#/components/responses/unauthorized',
      '403': '#/components/responses/forbidden',
      '404': '#/components/responses/not_found',
      '409': '#/components/responses/conflict',
      '413': '#/components/responses/payload_too_large',
    });
    expect(refs(doc.paths['/api/funds/{id}'].patch)['412']).toBe('#/components/responses/precondition_failed');
    // GET /api/me: anyone signed in, no parameters: only 401 can go wrong.
    expect(Object.keys(refs(doc.paths['/api/me'].get))).toEqual(['401']);
    for (const [code, response] of Object.entries(doc.components.responses as Record<string, Json>)) {
      expect(response.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      expect(response.description).toMatch(/[\u4e00-\u9fff]/);
      expect(
        problems(doc, { $ref: '#/components/schemas/Error' }, response.content['application/json'].example),
        code,
      ).toEqual([]);
    }
    // A real 400 from the API conforms to it.
    const bad = await t.call('POST', '/api/projects', { name: '', plannedTotal: 5 });
    expect(bad.status).toBe(400);
    expect(problems(doc, { $ref: '#/components/schemas/Error' }, bad.body)).toEqual([]);
    expect(bad.body.error.issues.length).toBeGreaterThan(0);
  });

  it('describes the real response bodies: metrics, both reports, the caller, a list page', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const w = await buildWorkedExample(t);
    const check = async (path: string, ref: string) => {
      const r = await t.get(path);
      expect(r.status, path).toBe(200);
      expect(problems(doc, { $ref: `#/components/schemas/${ref}` }, r.body), path).toEqual([]);
      return r.body;
    };
    const a = await check(`/api/funds/${w.A.id}/metrics?asOf=2024-12-31`, 'Metrics');
    await check(`/api/funds/${w.M.id}/metrics?asOf=2024-12-31`, 'Metrics'); // a mother fund: parent figures are null
    await check('/api/reports/funds?asOf=2024-12-31', 'FundsReport');
    await check('/api/reports/units?asOf=2024-12-31', 'UnitsReport');
    await check('/api/me', 'Me');
    expect(doc.paths['/api/funds/{id}/metrics'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Metrics',
    });
    // A download answers the spreadsheet itself, not JSON.
    expect(Object.keys(doc.paths['/api/exports/funds.xlsx'].get.responses['200'].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    // The checker is not blind: a ratio as a JSON number, a money total as null, a missing block are each caught.
    expect(
      problems(
        doc,
        { $ref: '#/components/schemas/Metrics' },
        { ...a, leverage: { ...a.leverage, investment: 3.5385 } },
      ),
    ).not.toEqual([]);
    expect(
      problems(doc, { $ref: '#/components/schemas/Metrics' }, { ...a, capital: { ...a.capital, committed: null } }),
    ).not.toEqual([]);
    const { outcomes: _gone, ...noOutcomes } = a;
    expect(problems(doc, { $ref: '#/components/schemas/Metrics' }, noOutcomes)).toEqual(['$.outcomes: 缺少']);
  });

  it('names the schema of every JSON success body: none is a bare object', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const bare: string[] = [];
    let bodies = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
          const schema = response.content?.['application/json']?.schema as Json | undefined;
          if (!status.startsWith('2') || !schema) continue;
          bodies++;
          const named = schema.$ref ? doc.components.schemas[String(schema.$ref).split('/').at(-1)!] : schema;
          // One of several described bodies (a node, or the nodes a template made) is described too.
          const described = (x: Json | undefined) => Boolean(x?.properties);
          if (!described(named) && !(named?.anyOf as Json[] | undefined)?.every(described))
            bare.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(bodies).toBeGreaterThan(60);
    expect(bare).toEqual([]);
  });

  it('describes every JSON success answer: the worked example, both uploads and a read of every GET route, ETag included', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const seen: { method: string; path: string; status: number; body: unknown; etag: string | null }[] = [];
    const request = t.app.request.bind(t.app);
    t.app.request = (async (input: string | Request, init?: RequestInit) => {
      const res = await request(input, init);
      const type = res.headers.get('content-type') ?? '';
      if (res.status < 300 && type.startsWith('application/json')) {
        // The test client sends Requests (test/client.ts); a test may also pass a path.
        const [method, url] = input instanceof Request ? [input.method, input.url] : [init?.method ?? 'GET', input];
        seen.push({
          method,
          path: new URL(url, 'http://x').pathname,
          status: res.status,
          body: await res.clone().json(),
          etag: res.headers.get('etag'),
        });
      }
      return res;
    }) as typeof t.app.request;

    const w = await buildWorkedExample(t);
    const [investment] = (await t.get(`/api/funds/${w.A.id}/investments`)).body.items;
    const [credit] = (await t.get('/api/reinvestment-credits')).body.items;
    const [audit] = (await t.get('/api/audit?limit=1')).body.items;
    const fund = (await t.get(`/api/funds/${w.A.id}`)).body;
    const ids: Record<string, number> = {
      units: w.unit.id,
      funds: w.A.id,
      commitments: fund.commitments[0].id,
      companies: investment.companyId,
      investments: investment.id,
      projects: w.P1.id,
      'reinvestment-credits': credit.id,
      arrivals: 1,
    };
    // Writes the worked example does not make: a revoked user, a new token, a company and fund changed with If-Match, an exit, reviews.
    const manager = await t.create('/api/users', { username: 'm1', role: 'manager', fundIds: [w.A.id] });
    await t.ok('POST', `/api/users/${manager.id}/token`);
    await t.ok('POST', `/api/users/${manager.id}/revoke`);
    await t.call(
      'PATCH',
      `/api/companies/${investment.companyId}`,
      { name: '改名后的企业有限公司' },
      { headers: { 'if-match': `"${(await t.get(`/api/companies/${investment.companyId}`)).body.version}"` } },
    );
    await t.ok('PATCH', `/api/funds/${w.B.id}`, { manager: '某管理人' });
    await t.ok('POST', `/api/investments/${investment.id}/exit`, { exitedOn: '2024-12-01', exitProceeds: '1000.00' });
    await t.ok('POST', `/api/projects/${w.P4.id}/reject`, { reason: '资料不全' });
    const mine = await t.userWith('manager', [w.A.id]);
    const submitted = await t.create(
      '/api/projects',
      {
        name: '管理人报送项目',
        sourceType: 'fund',
        sourceFundId: w.A.id,
        reportedOn: '2024-07-01',
        plannedTotal: '1000000',
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
      },
      mine.token,
    );
    await t.ok('POST', `/api/projects/${submitted.id}/confirm`, {});
    for (const review of ['confirm', 'reject']) {
      const arrival = await t.create(
        `/api/projects/${w.P1.id}/arrivals`,
        { amount: '100.00', arrivedOn: '2024-10-01', kind: 'working' },
        mine.token,
      );
      await t.ok('POST', `/api/arrivals/${arrival.id}/${review}`, { reason: '核对银行回单' });
    }
    const claim = await t.create(`/api/funds/${w.A.id}/reinvestment-credits`, {
      on: '2024-10-01',
      category: 'sourced_project',
      projectId: w.P2.id,
      amount: '1000.00',
    });
    await t.ok('POST', `/api/reinvestment-credits/${claim.id}/reject`, { reason: '依据不足' });
    await t.create(`/api/chains`, { name: '新能源汽车', leader: '某领导', leadCompanies: ['某链主'] });
    const target = await t.create(`/api/targets`, { unitId: w.unit.id, year: 2024, metric: 'signed', value: '3' });
    ids.targets = target.id;
    await t.ok('PATCH', `/api/targets/${target.id}`, { weight: '2' });
    // Targets whose actual is money (a 元 string) or none (a fund figure set for a unit), and a unit in a 跑道, so a rank is given.
    await t.create(`/api/targets`, {
      fundId: w.A.id,
      year: 2024,
      metric: 'outcomes.plannedTotal',
      value: '100000000',
      weight: '2',
    });
    const ranked = await t.create('/api/units', { name: '弋江区', code: '340203', peerGroup: '城区' });
    await t.create(`/api/targets`, { unitId: ranked.id, year: 2024, metric: 'arrived', value: '1000000' });
    await t.create(`/api/targets`, { unitId: ranked.id, year: 2024, metric: 'capital.committed', value: '1000000' });
    await t.create(`/api/indicator-thresholds`, { indicator: 'dpi', comparison: 'gte', value: '1' });
    await t.create(`/api/funds/${w.A.id}/valuations`, { nav: '1000.00', on: '2024-12-31' });
    await t.create(`/api/funds/${w.A.id}/distributions`, { amount: '100.00', paidOn: '2024-12-31', kind: 'income' });
    // The service loop: an owner assigned and ended, a template applied, a node appended and re-planned.
    const owner = await t.create(`/api/projects/${w.P1.id}/owners`, { userId: mine.id, duty: 'member' });
    await t.ok('DELETE', `/api/projects/${w.P1.id}/owners/${owner.id}`, {});
    await t.create(`/api/projects/${w.P1.id}/owners`, { userId: mine.id, duty: 'liaison' });
    const nodeTemplate = await t.create('/api/node-templates', {
      name: '标准模板',
      nodes: [
        { name: '工商注册', stage: 'registered', offsetDays: 30 },
        { name: '环评批复', offsetDays: 90 },
      ],
    });
    await t.create(`/api/projects/${w.P1.id}/nodes`, { templateId: nodeTemplate.id });
    const node = await t.create(`/api/projects/${w.P1.id}/nodes`, { name: '设备进场', planned: '2024-12-01' });
    await t.ok('PATCH', `/api/nodes/${node.id}`, { planned: '2025-01-15', actual: '2025-01-10' });
    const activity = await t.create('/api/activities', {
      unitId: w.unit.id,
      fundId: w.A.id,
      kind: 'outbound',
      startedOn: '2024-11-01',
      destination: '深圳',
      topLed: true,
      participantIds: [mine.id],
      participantNames: ['某科长'],
      companies: [{ name: '芜湖星辰智能装备有限公司' }, { name: '某未登记企业' }],
      projects: [{ projectId: w.P1.id, link: 'advanced' }],
    });
    ids.activities = activity.id;
    // 企业诉求 raised, accepted (with If-Match) and the platform settings written.
    const raised = await t.create('/api/requests', {
      projectId: w.P1.id,
      category: 'land',
      unitId: w.unit.id,
      raisedOn: '2024-10-01',
      description: '用地指标',
    });
    ids.requests = raised.id;
    await t.call(
      'POST',
      `/api/requests/${raised.id}/transitions`,
      { to: 'accepted', on: '2024-10-02' },
      { headers: { 'if-match': '"1"' } },
    );
    await t.ok('PUT', '/api/settings', { requestDays: { land: 30 }, bulletinIssuer: '某区投资促进局' });
    // 疑似重复: one spelling merged into the other, and the merge undone.
    const spelled = await t.create('/api/companies', { name: '芜湖文档测试科技有限公司' });
    const again = await t.create('/api/companies', { name: '芜湖文档测试科技' });
    await t.ok('POST', `/api/companies/${again.id}/merge`, { intoId: spelled.id });
    await t.ok('POST', `/api/companies/${again.id}/unmerge`, {});
    expect(audit).toBeDefined();
    for (const u of await uploadFiles()) {
      expect((await upload(t, u.good, { path: u.path, query: '?dryRun=1' })).status, u.path).toBe(200);
      expect((await upload(t, u.good, { path: u.path })).status, u.path).toBe(201);
    }
    // Reads that fill what the sweep below leaves empty: a mother fund's children in its performance, a leader's 通报.
    const leader = await t.userWith('leader');
    const evidence = await t.app.request(
      uploadRequest('http://localhost', ADMIN_TOKEN, `project:${w.P1.id}`, pdfBytes()),
    );
    expect(evidence.status).toBe(201);
    ids.files = ((await evidence.json()) as { id: number }).id;
    const reads = [`/api/funds/${w.M.id}/performance?asOf=2024-12-31`, '/api/bulletins/2024-12'];
    for (const path of reads) expect((await t.get(path, leader.token)).status, path).toBe(200);
    for (const path of Object.keys(doc.paths)) {
      if (!doc.paths[path].get || path.endsWith('.xlsx')) continue;
      const url = path
        .replace(/^\/api\/([\w-]+)\/\{id\}/, (_, kind: string) => `/api/${kind}/${ids[kind]}`)
        .replace('{month}', '2024-12');
      const r = await t.get(
        url +
          (path.startsWith('/api/assessment')
            ? '?year=2024'
            : path === '/api/files'
              ? `?subject=project:${w.P1.id}`
              : path === '/api/reports/service'
                ? '?from=2024-01-01&to=2024-12-31'
                : url.includes('{')
                  ? ''
                  : path.includes('report') || path.endsWith('metrics') || path.endsWith('performance')
                    ? '?asOf=2024-12-31'
                    : ''),
      );
      expect(r.status, url).toBe(200);
    }

    const templates = Object.keys(doc.paths).map((p) => ({ p, re: new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`) }));
    const covered = new Set<string>();
    const undescribed = new Set<string>();
    for (const a of seen) {
      const template = templates.find((x) => x.re.test(a.path))?.p;
      expect(template, a.path).toBeDefined();
      const response = doc.paths[template!][a.method.toLowerCase()].responses[String(a.status)];
      expect(response, `${a.method} ${a.path} ${a.status}`).toBeDefined();
      const schema = response.content['application/json'].schema;
      covered.add(`${a.method} ${template}`);
      if (schema.type === 'object' && !schema.properties) {
        undescribed.add(`${a.method} ${template}`);
        continue;
      }
      expect(answerProblems(doc, response, a.body), `${a.method} ${a.path}`).toEqual([]);
      // The ETag is declared exactly where it is sent: a record's version, or a report's tag of the data version.
      expect(Boolean(response.headers?.ETag), `ETag of ${a.method} ${template}`).toBe(a.etag !== null);
      if (a.etag && response.headers.ETag.$ref.endsWith('/ReportETag')) expect(a.etag).toMatch(/^"r[\w-]{27}"$/);
      else if (a.etag) expect(a.etag).toBe(`"${(a.body as Json).version}"`);
    }
    // A file's bytes (GET /api/files/{id}) and a 204 (DELETE) are no JSON answers.
    const answersJson = (op: Json) =>
      Object.entries(op.responses as Json).some(
        ([code, r]) => /^2/.test(code) && (r as Json).content?.['application/json'],
      );
    const jsonOperations = Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => !path.endsWith('.xlsx') && m !== 'parameters' && answersJson((ops as Json)[m]))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(jsonOperations.filter((k) => !covered.has(k))).toEqual([]);
    expect([...undescribed]).toEqual([]);
    // The checker is not blind to the reports: a 通报 unit without its month figures, an assessment unit with them
    // (the strict schema names no month there), an IRR as a number, an alert's days as text.
    const answerOf = (path: string) => seen.find((a) => a.path === path)!.body as Json;
    const responseOf = (path: string) => doc.paths[path].get.responses['200'];
    const bulletin = answerOf('/api/bulletins/2024-12');
    const { month: _month, ...noMonth } = bulletin.units[0];
    expect(answerProblems(doc, responseOf('/api/bulletins/{month}'), { ...bulletin, units: [noMonth] })).not.toEqual(
      [],
    );
    const assessed = answerOf('/api/assessment');
    expect(
      answerProblems(doc, responseOf('/api/assessment'), {
        ...assessed,
        units: [{ ...assessed.units[0], month: bulletin.units[0].month }],
      }),
    ).not.toEqual([]);
    const performance = answerOf(`/api/funds/${w.A.id}/performance`);
    expect(performance.irr).toMatch(/^-/);
    expect(
      answerProblems(doc, responseOf('/api/funds/{id}/performance'), { ...performance, irr: Number(performance.irr) }),
    ).not.toEqual([]);
    const alerts = answerOf('/api/alerts');
    expect(alerts.items.length).toBeGreaterThan(0);
    expect(
      answerProblems(doc, responseOf('/api/alerts'), {
        ...alerts,
        items: [{ ...alerts.items[0], days: String(alerts.items[0].days) }],
      }),
    ).not.toEqual([]);
  });
});

describe('the spreadsheet uploads in /openapi.json', () => {
  it('declares their answers: the dry run 200, the written 201, the refused file 400 with its rows, 413 over 20 MB', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    const expected = {
      '/api/imports/projects': 'ProjectImport',
      '/api/imports/fund-flows': 'FundFlowImport',
    } as Record<string, string>;
    for (const [path, body] of Object.entries(expected)) {
      const responses = doc.paths[path].post.responses as Json;
      expect(Object.keys(responses).sort(), path).toEqual(['200', '201', '400', '401', '403', '409', '413']);
      for (const status of ['200', '201'])
        expect(responses[status].content['application/json'].schema, `${path} ${status}`).toEqual({
          $ref: `#/components/schemas/${body}`,
        });
      expect(responses['400'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ImportRefused',
      });
      expect(responses['413'].description).toContain('20 MB');
      expect(responses['413'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it('validates what both uploads really answer against the document: dry run, commit, a refused file, an unreadable one, a bad query', async () => {
    const t = await testApp();
    const doc = await documentOf(t);
    await buildWorkedExample(t);
    const oldXls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    for (const u of await uploadFiles()) {
      const responses = doc.paths[u.path].post.responses as Json;
      const send = (file: Uint8Array, query = '') => upload(t, file, { path: u.path, query });
      const dry = await send(u.good, '?dryRun=1');
      const done = await send(u.good);
      const refused = await send(u.bad);
      const unreadable = await send(oldXls);
      const badQuery = await send(u.good, '?dryRun=maybe');
      expect([dry.status, done.status, refused.status, unreadable.status, badQuery.status], u.path).toEqual([
        200, 201, 400, 400, 400,
      ]);
      expect(dry.body.dryRun).toBe(true);
      expect(done.body).toEqual({ ...dry.body, dryRun: false });
      expect(refused.body.rows.length, u.path).toBeGreaterThan(1);
      expect(unreadable.body.rows).toEqual([]);
      expect(badQuery.body.rows).toBeUndefined();
      for (const [name, r] of Object.entries({ dry, done, refused, unreadable, badQuery })) {
        expect(answerProblems(doc, responses[String(r.status)], r.body), `${u.path} ${name}`).toEqual([]);
      }
      // The checker is not blind: a count as a string, a field the schema does not name, a row problem without its column.
      expect(answerProblems(doc, responses['201'], { ...done.body, rows: String(done.body.rows) })).not.toEqual([]);
      expect(answerProblems(doc, responses['201'], { ...done.body, written: true })).not.toEqual([]);
      const { column: _gone, ...noColumn } = refused.body.rows[0];
      expect(answerProblems(doc, responses['400'], { ...refused.body, rows: [noColumn] })).not.toEqual([]);
    }
    // A manager's projects go in pending: the status the answer names.
    const manager = await t.userWith('manager', [
      (await t.get('/api/funds?limit=500')).body.items.find((f: Json) => f.name === '智能制造产业子基金').id,
    ]);
    const [projects] = await uploadFiles();
    const mine = await upload(t, projects!.good, { token: manager.token, query: '?dryRun=1' });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.status).toBe('pending');
    expect(answerProblems(doc, doc.paths['/api/imports/projects'].post.responses['200'], mine.body)).toEqual([]);
  });
});

describe('GET /docs', () => {
  it('answers Swagger UI loading its files from /vendor/swagger-ui-dist, no CDN, without auth', async () => {
    const t = await testApp();
    const r = await t.call('GET', '/docs', undefined, { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const html = r.body as string;
    expect(html).toContain('src="/vendor/swagger-ui-dist/swagger-ui-bundle.js"');
    expect(html).toContain('href="/vendor/swagger-ui-dist/swagger-ui.css"');
    expect(html).not.toMatch(/https?:\/\//);
    const init = await t.call('GET', '/docs/init.js', undefined, { token: null });
    expect(init.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(init.body).toContain("url: '/openapi.json'");
    expect(init.body).toContain('validatorUrl: null');
  });

  it('serves the vendor files through the Node assets option, byte for byte from node_modules', async () => {
    const t = await testApp({ assets: nodeAssets });
    const root = resolve(import.meta.dirname, '../node_modules');
    for (const [path, type, file] of [
      ['/vendor/swagger-ui-dist/swagger-ui-bundle.js', /^text\/javascript/, 'swagger-ui-dist/swagger-ui-bundle.js'],
      ['/vendor/swagger-ui-dist/swagger-ui.css', /^text\/css/, 'swagger-ui-dist/swagger-ui.css'],
      ['/vendor/echarts/echarts.min.js', /^text\/javascript/, 'echarts/dist/echarts.min.js'],
    ] as const) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(resolve(root, file))), path).toBe(true);
    }
    // Only the listed files: not the rest of the package, not a path out of it.
    for (const path of [
      '/vendor/swagger-ui-dist/package.json',
      '/vendor/swagger-ui-dist/..%2Fpackage.json',
      '/vendor/hono/index.js',
    ]) {
      expect((await t.app.request(path)).status, path).toBe(404);
    }
  });

  it('answers 404 for vendor files when no assets option is given (Workers serve them from public/)', async () => {
    const t = await testApp();
    const r = await t.call('GET', '/vendor/swagger-ui-dist/swagger-ui-bundle.js', undefined, { token: null });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});

const browserPath = '/usr/bin/chromium';
describe.skipIf(!existsSync(browserPath))('Swagger UI in a browser', () => {
  it('renders every tag of the document, offline, without errors', async () => {
    const t = await testApp({ assets: nodeAssets });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((ok) => server.once('listening', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchChromium(browserPath);
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      const pageErrors: string[] = [];
      page.on('request', (req) => requested.push(req.url()));
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await page.goto(`${origin}/docs`);
      await page.waitForSelector('.opblock-tag', { timeout: 15_000 });
      const doc = await documentOf(t);
      const shown = await page.$$eval('.opblock-tag', (els) => els.map((e) => e.getAttribute('data-tag')));
      expect(shown.sort()).toEqual((doc.tags as Json[]).map((tag) => tag.name).sort());
      expect(await page.locator('.errors-wrapper').count()).toBe(0);
      expect(await page.locator('.title').first().textContent()).toContain('touyin 投引 API');
      // Open one tag: its operations show with their Chinese summaries.
      await page.click('.opblock-tag[data-tag="reports"]');
      await page.waitForSelector('.opblock-summary-description');
      const summaries = await page.$$eval('.opblock-summary-description', (els) => els.map((e) => e.textContent));
      expect(summaries).toContain(operations['GET /api/funds/:id/metrics']!.summary);
      expect(pageErrors).toEqual([]);
      expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    }
  });
});
