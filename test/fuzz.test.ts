import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Reply, type TestApp } from './helpers';
import { withCheck } from './worked-example';

// Property-based bad input for every write route: whatever a client sends, touyin never answers 5xx, every refusal
// is the one error envelope, and a refused request leaves every table as it was.

const SEED = 20261122;

/** The status each envelope code must come with (API.md, Conventions). */
const statusOfCode: Record<string, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
};

/** Fields of a record that carry money: on the wire always 元 with exactly 2 decimals. */
const moneyFields = new Set(['amount', 'plannedTotal', 'plannedFixedAsset', 'roundSize', 'preMoney', 'paidIn']);

/** Row count and version sum of every table: an insert moves the count, an update moves the sum (and audit_log). */
function stateReader(t: TestApp): () => unknown[] {
  const tables = t.sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`)
    .all() as { name: string }[];
  const parts = tables.map(({ name }) => {
    const cols = t.sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[];
    const versioned = cols.some((col) => col.name === 'version');
    return `select '${name}' as t, count(*) as n, ${versioned ? 'total(version)' : '0'} as v from "${name}"`;
  });
  expect(parts.length).toBeGreaterThanOrEqual(15);
  const stmt = t.sqlite.prepare(parts.join(' union all '));
  return () => stmt.all();
}

function assertEnvelope(r: Reply) {
  expect(r.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(r.body).toBeTypeOf('object');
  const { error, ...extra } = r.body as { error: Record<string, unknown> };
  // Only the documented companions of the envelope: `existingId` on a duplicate lead, `field` naming a unit.
  for (const k of Object.keys(extra)) expect(['existingId', 'field']).toContain(k);
  expect(statusOfCode[String(error.code)]).toBe(r.status);
  expect(error.message).toBeTypeOf('string');
  expect(error.message as string).toMatch(/\p{Script=Han}/u);
  if (r.status === 400) {
    const issues = error.issues as { path: unknown; message: unknown }[];
    expect(Array.isArray(issues)).toBe(true);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(Object.keys(i).sort()).toEqual(['message', 'path']);
      expect(i.path).toBeTypeOf('string');
      expect(i.message).toBeTypeOf('string');
    }
    expect(Object.keys(error).sort()).toEqual(['code', 'issues', 'message']);
  } else {
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  }
}

/** Money anywhere in an accepted answer is a 2-place 元 string (or null where optional). */
function assertMoneyStrings(value: unknown) {
  if (Array.isArray(value)) return value.forEach(assertMoneyStrings);
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (moneyFields.has(k) && v !== null) expect(v).toMatch(/^(0|[1-9]\d*)\.\d{2}$/);
    assertMoneyStrings(v);
  }
}

/** Sets a key as an own property, `__proto__` included (plain assignment would change the prototype instead). */
function withKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const tricky = fc.constantFrom<unknown>(
  null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 1e-7,
  '', ' ', '\u0000', '\t\n', '-1', '-0.01', '1.234', '0.001', '1e3', '0x10', 'NaN', 'Infinity', '１２３', '１２３.４５',
  '10000000000000.01', '100000000000000', '9'.repeat(400), '2024-02-30', '2023-02-29', '2024-13-01', '2024-1-1',
  '0000-01-01', '1899-12-31', '9999-12-31', '2024-01-01T00:00:00Z', '２０２４-０１-０１', 'fund', 'FUND', 'dropped',
  'admin', '__proto__', 'constructor', "'; drop table funds; --", '<script>alert(1)</script>', '\ud800', '👨‍👩‍👧‍👦',
  '鸠江区'.repeat(400), 'x'.repeat(20_000), [], [1], ['1'], [[[[]]]], {}, { a: { b: { c: { d: [] } } } },
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } },
);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: tricky },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2_000, maxLength: 4_000, unit: 'grapheme' }) },
);

const strangeKeys = ['__proto__', 'constructor', 'prototype', 'id', 'version', 'status', 'updatedBy', 'toString', 'hasOwnProperty', '', '鸠江'];

/** Malformed versions of a valid body: one field set to junk, one field removed, junk keys added, or no object at all. */
function badBodies(valid: Record<string, unknown>): fc.Arbitrary<{ text: string }> {
  const keys = Object.keys(valid);
  const asText = (v: unknown) => ({ text: JSON.stringify(v) ?? 'null' });
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => asText(withKey(valid, k, v))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), junk, junk).map(([k1, k2, v1, v2]) => asText(withKey(withKey(valid, k1, v1), k2, v2))) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => asText(Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k)))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...strangeKeys), junk).map(([k, v]) => asText(withKey(valid, k, v))) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(asText) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 6 }).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', '[1,', 'nul', '{"name":"x",}', "{'name':'x'}", '\u0000', '{"a":1}{"b":2}').map((text) => ({ text })) },
  );
}

interface Route {
  method: 'POST' | 'PATCH';
  path: string;
  valid: Record<string, unknown>;
}

describe('fuzz: malformed bodies on every write route', () => {
  let t: TestApp;
  let routes: Route[];
  let stateOf: () => unknown[];

  beforeAll(async () => {
    t = await testApp();
    const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
    const M = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother', homeUnitId: unit.id });
    const A = await t.create('/api/funds', { name: '智能制造产业子基金', level: 'sub', parentId: M.id, reinvestment: { multiple: '1.2', base: 'parent_committed' } });
    const m = await t.create(`/api/funds/${A.id}/commitments`, { investorType: 'fund', investorFundId: M.id, amount: '100000000', committedOn: '2023-06-01' });
    const co = await t.create('/api/companies', { name: '芜湖星辰智能装备有限公司', creditCode: withCheck('91340207MA2N0X000') });
    const inv = await t.create(`/api/funds/${A.id}/investments`, { companyId: co.id, amount: '30000000', investedOn: '2023-09-01' });
    const P = await t.create('/api/projects', {
      name: '星辰智能装备华东生产基地', sourceType: 'fund', sourceFundId: A.id, investmentId: inv.id, reportedOn: '2024-01-10',
      plannedTotal: '300000000', company: { name: '星辰智能装备（芜湖）有限公司' }, introducingUnitId: unit.id, landingUnitId: unit.id,
    });
    await t.create(`/api/projects/${P.id}/milestones`, { stage: 'signed', on: '2024-03-01' });
    const Q = await t.create('/api/projects', {
      name: '某智能座舱项目', sourceType: 'business', reportedOn: '2024-06-01', plannedTotal: '120000000', introducingUnitId: unit.id, landingUnitId: unit.id,
    });
    const cr = await t.create(`/api/funds/${A.id}/reinvestment-credits`, { category: 'local_company', companyId: co.id, amount: '30000000', on: '2024-10-01' });

    stateOf = stateReader(t);
    routes = [
      { method: 'POST', path: '/api/units', valid: { name: '弋江区', code: '340209', parentId: unit.id, peerGroup: '市辖区' } },
      {
        method: 'POST', path: '/api/funds',
        valid: { name: '新材料子基金', level: 'sub', parentId: M.id, manager: '某管理公司', homeUnitId: unit.id, establishedOn: '2024-01-01', reinvestment: { multiple: '1.5', base: 'fund_paid', weights: { relocated: '1' } } },
      },
      { method: 'PATCH', path: `/api/funds/${A.id}`, valid: { name: '智能制造产业子基金（二期）', manager: '某管理公司', homeUnitId: unit.id, establishedOn: '2023-05-01', reinvestment: { multiple: '1.3' } } },
      { method: 'POST', path: `/api/funds/${A.id}/commitments`, valid: { investorType: 'social', investorName: '社会出资人甲', amount: '400000000', committedOn: '2023-06-01' } },
      { method: 'POST', path: `/api/commitments/${m.id}/contributions`, valid: { amount: '1000', paidOn: '2023-07-01' } },
      { method: 'POST', path: '/api/companies', valid: { name: '芜湖远望新材料有限公司', creditCode: withCheck('91340207MA2N0Y000'), unitId: unit.id } },
      {
        method: 'POST', path: `/api/funds/${A.id}/investments`,
        valid: { companyId: co.id, amount: '20000000', investedOn: '2023-10-01', kind: 'new', round: 'B', roundSize: '80000000', preMoney: '300000000', lead: false },
      },
      {
        method: 'POST', path: '/api/projects',
        valid: {
          name: '远望新材料研发中心', company: { name: '远望新材料（芜湖）研发有限公司' }, sourceType: 'fund', sourceFundId: A.id, investmentId: inv.id,
          introducer: '张三', reportedOn: '2024-02-01', plannedTotal: '80000000', plannedFixedAsset: '50000000', foreign: false, chain: '新材料',
          chainNode: 'midstream', chainAction: 'fill', introducingUnitId: unit.id, landingUnitId: unit.id,
        },
      },
      { method: 'POST', path: `/api/projects/${P.id}/milestones`, valid: { stage: 'registered', on: '2024-04-15', note: '已注册' } },
      { method: 'POST', path: `/api/projects/${P.id}/arrivals`, valid: { amount: '60000000', arrivedOn: '2024-05-01', kind: 'fixed_asset' } },
      { method: 'POST', path: `/api/projects/${Q.id}/confirm`, valid: { reason: '材料齐全' } },
      { method: 'POST', path: `/api/projects/${Q.id}/reject`, valid: { reason: '重复报送' } },
      { method: 'POST', path: `/api/funds/${A.id}/reinvestment-credits`, valid: { category: 'local_company', companyId: co.id, amount: '1000', on: '2024-10-01', evidence: '工商登记' } },
      { method: 'POST', path: `/api/reinvestment-credits/${cr.id}/approve`, valid: { reason: '核实无误' } },
      { method: 'POST', path: `/api/reinvestment-credits/${cr.id}/reject`, valid: { reason: '证据不足' } },
      { method: 'POST', path: '/api/users', valid: { username: 'gp-a', displayName: '智能制造基金管理人', role: 'manager', fundIds: [A.id] } },
      { method: 'POST', path: '/api/targets', valid: { fundId: A.id, year: 2025, metric: 'outcomes.leads', value: '10' } },
    ];
  });

  /** Sends one body and checks the invariants; answers the status so a property can tally outcomes. */
  async function probe(route: Route, text: string, path = route.path): Promise<number> {
    const before = stateOf();
    const r = await t.call(route.method, path, text);
    expect(r.status, `${route.method} ${path} ${text.slice(0, 300)} → ${JSON.stringify(r.body)}`).toBeLessThan(500);
    if (r.status >= 400) {
      assertEnvelope(r);
      expect(stateOf(), `${route.method} ${path} ${text.slice(0, 300)} changed state on ${r.status}`).toEqual(before);
    } else {
      expect([200, 201]).toContain(r.status);
      expect(r.body).not.toHaveProperty('error');
      assertMoneyStrings(r.body);
    }
    return r.status;
  }

  it('never 5xx, always the envelope, nothing changed on refusal (about 4,800 bodies)', async () => {
    const tally: Record<number, number> = {};
    for (const [i, route] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(badBodies(route.valid), async ({ text }) => {
          const status = await probe(route, text);
          tally[status] = (tally[status] ?? 0) + 1;
        }),
        { seed: SEED + i, numRuns: 280 },
      );
    }
    // The generators are built to be refused: most answers must be 400s, else they test little.
    const total = Object.values(tally).reduce((s, n) => s + n, 0);
    expect(total).toBe(routes.length * 280);
    expect(tally[400] ?? 0).toBeGreaterThan(total / 2);
  }, 90_000);

  it('malformed ids in the path are 400 or 404 and change nothing', async () => {
    const badId = fc.oneof(
      fc.constantFrom('0', '-1', '1.5', '1e3', 'abc', '%00', '%E4%B8%AD', '99999999999999999999', '9007199254740993', ' 1', '0x1', '１', '__proto__', 'constructor', '1;drop'),
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^\d+$/.test(s)).map(encodeURIComponent),
      fc.integer({ min: 10_000, max: 2 ** 40 }).map(String),
    );
    const withIds = routes.filter((r) => /\/\d+(\/|$)/.test(r.path));
    for (const [i, route] of withIds.entries()) {
      await fc.assert(
        fc.asyncProperty(badId, async (idText) => {
          const status = await probe(route, JSON.stringify(route.valid), route.path.replace(/\/\d+(?=\/|$)/, `/${idText}`));
          expect([400, 404]).toContain(status);
        }),
        { seed: SEED + 100 + i, numRuns: 40 },
      );
    }
  });

  it('a body over 1 MB is 413 on every route, whatever field carries it', async () => {
    for (const route of routes) {
      for (const key of Object.keys(route.valid)) {
        const text = JSON.stringify(withKey(route.valid, key, '鸠'.repeat(400_000))); // 3 bytes each in UTF-8: 1.2 MB
        expect(await probe(route, text)).toBe(413);
      }
    }
  });

  it('no body key polluted Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
