import { expect } from 'vitest';
import type { Reply, TestApp } from './helpers';
import { withCheck } from './worked-example';

// What the fuzz tests share: a small district with one record of each kind, every write route with a valid body,
// and the checks every answer must pass (no 5xx, the one envelope, nothing changed on refusal).

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
export function stateReader(t: TestApp): () => unknown[] {
  const tables = t.sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
    )
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

export function assertEnvelope(r: Reply) {
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
export function assertMoneyStrings(value: unknown) {
  if (Array.isArray(value)) return value.forEach(assertMoneyStrings);
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (moneyFields.has(k) && v !== null) expect(v).toMatch(/^(0|[1-9]\d*)\.\d{2}$/);
    assertMoneyStrings(v);
  }
}

/** Sets a key as an own property, `__proto__` included (plain assignment would change the prototype instead). */
export function withKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export interface Route {
  method: 'POST' | 'PATCH';
  path: string;
  valid: Record<string, unknown>;
}

/** The district and every write route of touyin with a valid body for it. */
export async function fuzzWorld(t: TestApp): Promise<Route[]> {
  const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother', homeUnitId: unit.id });
  const A = await t.create('/api/funds', {
    name: '智能制造产业子基金',
    level: 'sub',
    parentId: M.id,
    reinvestment: { multiple: '1.2', base: 'parent_committed' },
  });
  const m = await t.create(`/api/funds/${A.id}/commitments`, {
    investorType: 'fund',
    investorFundId: M.id,
    amount: '100000000',
    committedOn: '2023-06-01',
  });
  const co = await t.create('/api/companies', {
    name: '芜湖星辰智能装备有限公司',
    creditCode: withCheck('91340207MA2N0X000'),
  });
  const inv = await t.create(`/api/funds/${A.id}/investments`, {
    companyId: co.id,
    amount: '30000000',
    investedOn: '2023-09-01',
  });
  const P = await t.create('/api/projects', {
    name: '星辰智能装备华东生产基地',
    sourceType: 'fund',
    sourceFundId: A.id,
    investmentId: inv.id,
    reportedOn: '2024-01-10',
    plannedTotal: '300000000',
    company: { name: '星辰智能装备（芜湖）有限公司' },
    introducingUnitId: unit.id,
    landingUnitId: unit.id,
  });
  await t.create(`/api/projects/${P.id}/milestones`, { stage: 'signed', on: '2024-03-01' });
  const Q = await t.create('/api/projects', {
    name: '某智能座舱项目',
    sourceType: 'business',
    reportedOn: '2024-06-01',
    plannedTotal: '120000000',
    introducingUnitId: unit.id,
    landingUnitId: unit.id,
  });
  const cr = await t.create(`/api/funds/${A.id}/reinvestment-credits`, {
    category: 'local_company',
    companyId: co.id,
    amount: '30000000',
    on: '2024-10-01',
  });

  return [
    {
      method: 'POST',
      path: '/api/units',
      valid: { name: '弋江区', code: '340209', parentId: unit.id, peerGroup: '市辖区' },
    },
    {
      method: 'POST',
      path: '/api/funds',
      valid: {
        name: '新材料子基金',
        level: 'sub',
        parentId: M.id,
        manager: '某管理公司',
        homeUnitId: unit.id,
        establishedOn: '2024-01-01',
        reinvestment: { multiple: '1.5', base: 'fund_paid', weights: { relocated: '1' } },
      },
    },
    {
      method: 'PATCH',
      path: `/api/funds/${A.id}`,
      valid: {
        name: '智能制造产业子基金（二期）',
        manager: '某管理公司',
        homeUnitId: unit.id,
        establishedOn: '2023-05-01',
        reinvestment: { multiple: '1.3' },
      },
    },
    {
      method: 'POST',
      path: `/api/funds/${A.id}/commitments`,
      valid: { investorType: 'social', investorName: '社会出资人甲', amount: '400000000', committedOn: '2023-06-01' },
    },
    { method: 'POST', path: `/api/commitments/${m.id}/contributions`, valid: { amount: '1000', paidOn: '2023-07-01' } },
    {
      method: 'POST',
      path: '/api/companies',
      valid: { name: '芜湖远望新材料有限公司', creditCode: withCheck('91340207MA2N0Y000'), unitId: unit.id },
    },
    {
      method: 'POST',
      path: `/api/funds/${A.id}/investments`,
      valid: {
        companyId: co.id,
        amount: '20000000',
        investedOn: '2023-10-01',
        kind: 'new',
        round: 'B',
        roundSize: '80000000',
        preMoney: '300000000',
        lead: false,
      },
    },
    {
      method: 'POST',
      path: '/api/projects',
      valid: {
        name: '远望新材料研发中心',
        company: { name: '远望新材料（芜湖）研发有限公司' },
        sourceType: 'fund',
        sourceFundId: A.id,
        investmentId: inv.id,
        introducer: '张三',
        reportedOn: '2024-02-01',
        plannedTotal: '80000000',
        plannedFixedAsset: '50000000',
        foreign: false,
        chain: '新材料',
        chainNode: 'midstream',
        chainAction: 'fill',
        introducingUnitId: unit.id,
        landingUnitId: unit.id,
      },
    },
    {
      method: 'POST',
      path: `/api/projects/${P.id}/milestones`,
      valid: { stage: 'registered', on: '2024-04-15', note: '已注册' },
    },
    {
      method: 'POST',
      path: `/api/projects/${P.id}/arrivals`,
      valid: { amount: '60000000', arrivedOn: '2024-05-01', kind: 'fixed_asset' },
    },
    { method: 'POST', path: `/api/projects/${Q.id}/confirm`, valid: { reason: '材料齐全' } },
    { method: 'POST', path: `/api/projects/${Q.id}/reject`, valid: { reason: '重复报送' } },
    {
      method: 'POST',
      path: `/api/funds/${A.id}/reinvestment-credits`,
      valid: { category: 'local_company', companyId: co.id, amount: '1000', on: '2024-10-01', evidence: '工商登记' },
    },
    { method: 'POST', path: `/api/reinvestment-credits/${cr.id}/approve`, valid: { reason: '核实无误' } },
    { method: 'POST', path: `/api/reinvestment-credits/${cr.id}/reject`, valid: { reason: '证据不足' } },
    {
      method: 'POST',
      path: '/api/users',
      valid: { username: 'gp-a', displayName: '智能制造基金管理人', role: 'manager', fundIds: [A.id] },
    },
    {
      method: 'POST',
      path: '/api/targets',
      valid: { fundId: A.id, year: 2025, metric: 'outcomes.leads', value: '10' },
    },
  ];
}

/** A probe: sends one body and checks the invariants; answers the reply so a property can tally outcomes. */
export function prober(t: TestApp) {
  const stateOf = stateReader(t);
  return async (route: Route, text: string, path = route.path): Promise<Reply> => {
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
    return r;
  };
}
