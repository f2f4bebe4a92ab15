import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Reply, type TestApp } from '../helpers';
import { withCheck } from '../worked-example';
import { reportedElsewhere } from '../../src/domain/projects';

// API.md's refusals for every POST/PATCH: 400 naming each malformed field, 401, 404, 409, 412, 413, broken JSON and
// Idempotency-Key. Every refused request is checked to have changed nothing at all: every row of every table
// (audit_log and idempotency_keys included) is the same before and after.

const HAN = /\p{Script=Han}/u;
const CODE_X = withCheck('91340207MA2N0X000'); // the company A invested in
const CODE_P = withCheck('91340207MA2N0P000'); // the company of project P
const CODE_Y = withCheck('91340207MA2N0Y000'); // free: no company has it yet
const TOMORROW = '2026-11-23'; // the test clock's today (helpers.ts TODAY, 2026-11-22) + 1

/** Every row of every table, in rowid order. */
function dump(t: TestApp): Record<string, unknown[]> {
  const tables = t.sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, t.sqlite.prepare(`select * from "${name}" order by rowid`).all()]),
  );
}

const rows = (t: TestApp, table: string) =>
  (t.sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;

/** The one envelope: the code that goes with the status, a Chinese message, `issues` only (and always) on 400. */
function expectEnvelope(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const error = r.body.error as { code: string; message: string; issues?: { path: string; message: string }[] };
  expect(error.code).toBe(code);
  expect(error.message).toMatch(HAN);
  if (status === 400) {
    expect(Object.keys(error).sort()).toEqual(['code', 'issues', 'message']);
    expect(error.issues!.length).toBeGreaterThan(0);
    for (const issue of error.issues!) {
      expect(Object.keys(issue).sort()).toEqual(['message', 'path']);
      expect(issue.message).toMatch(HAN);
    }
  } else {
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  }
  return r.body;
}

type Method = 'POST' | 'PATCH';
interface Opts {
  token?: string | null;
  headers?: Record<string, string>;
}

/** A request that must be refused with this status and code and leave the database exactly as it was. */
async function refused(
  t: TestApp,
  method: Method | 'GET' | 'DELETE',
  path: string,
  body: unknown,
  status: number,
  code: string,
  opts: Opts = {},
) {
  const before = dump(t);
  const r = await t.call(method, path, body, opts);
  const answer = expectEnvelope(r, status, code);
  expect(dump(t)).toEqual(before);
  return answer;
}

/** A 400 whose issues name `field` (with a Chinese message for it). */
async function invalidField(t: TestApp, method: Method, path: string, body: unknown, field: string) {
  const answer = await refused(t, method, path, body, 400, 'invalid_request');
  const issues = answer.error.issues as { path: string; message: string }[];
  expect(issues.map((i) => i.path)).toContain(field);
  return issues.find((i) => i.path === field)!.message;
}

/** SPEC-shaped data to refuse writes against: M ← A, B; a commitment M→A; company X; A's investment; projects P, Q; a credit. */
async function world(t: TestApp) {
  const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother', homeUnitId: unit.id });
  const A = await t.create('/api/funds', {
    name: '智能制造产业子基金',
    level: 'sub',
    parentId: M.id,
    reinvestment: { multiple: '1.2', base: 'parent_paid' },
  });
  const B = await t.create('/api/funds', { name: '人工智能产业子基金', level: 'sub', parentId: M.id });
  const mA = await t.create(`/api/funds/${A.id}/commitments`, {
    investorType: 'fund',
    investorFundId: M.id,
    amount: '100000000',
    committedOn: '2023-06-01',
  });
  await t.create(`/api/commitments/${mA.id}/contributions`, { amount: '20000000', paidOn: '2023-07-01' });
  const co = await t.create('/api/companies', { name: '芜湖星辰智能装备有限公司', creditCode: CODE_X });
  const inv = await t.create(`/api/funds/${A.id}/investments`, {
    companyId: co.id,
    amount: '30000000',
    investedOn: '2023-09-01',
    round: 'A',
    roundSize: '100000000',
  });
  const P = await t.create('/api/projects', {
    name: '星辰智能装备华东生产基地',
    company: { name: '星辰智能装备（芜湖）有限公司', creditCode: CODE_P },
    sourceType: 'fund',
    sourceFundId: A.id,
    investmentId: inv.id,
    reportedOn: '2024-01-10',
    plannedTotal: '300000000',
    introducingUnitId: unit.id,
    landingUnitId: unit.id,
  });
  await t.create(`/api/projects/${P.id}/milestones`, { stage: 'signed', on: '2024-03-01' });
  const Q = await t.create('/api/projects', {
    name: '某智能座舱项目',
    company: { name: '芜湖远望（新材料）有限公司' },
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
  return { unit, M, A, B, mA, co, inv, P, Q, cr };
}
type World = Awaited<ReturnType<typeof world>>;

interface Route {
  name: string;
  method: Method;
  path: string;
  /** The same path with an id that does not exist. */
  missing: string | null;
  valid: () => Record<string, unknown>;
}

function routesOf(w: World): Route[] {
  const u = w.unit.id;
  return [
    {
      name: 'units',
      method: 'POST',
      path: '/api/units',
      missing: null,
      valid: () => ({ name: '弋江区', code: '340209', parentId: u, peerGroup: '市辖区' }),
    },
    {
      name: 'funds',
      method: 'POST',
      path: '/api/funds',
      missing: null,
      valid: () => ({
        name: '新材料产业子基金',
        level: 'sub',
        parentId: w.M.id,
        manager: '某管理公司',
        homeUnitId: u,
        establishedOn: '2024-01-01',
        reinvestment: { multiple: '1.5', base: 'fund_paid', weights: { relocated: '1' } },
      }),
    },
    {
      name: 'PATCH funds',
      method: 'PATCH',
      path: `/api/funds/${w.A.id}`,
      missing: '/api/funds/9999',
      valid: () => ({
        name: '智能制造产业子基金（二期）',
        manager: '某管理公司',
        homeUnitId: u,
        establishedOn: '2023-05-01',
        reinvestment: { multiple: '1.3' },
      }),
    },
    {
      name: 'commitments',
      method: 'POST',
      path: `/api/funds/${w.A.id}/commitments`,
      missing: '/api/funds/9999/commitments',
      valid: () => ({
        investorType: 'social',
        investorName: '社会出资人甲',
        amount: '400000000',
        committedOn: '2023-06-01',
      }),
    },
    {
      name: 'contributions',
      method: 'POST',
      path: `/api/commitments/${w.mA.id}/contributions`,
      missing: '/api/commitments/9999/contributions',
      valid: () => ({ amount: '1000', paidOn: '2023-08-01' }),
    },
    {
      name: 'companies',
      method: 'POST',
      path: '/api/companies',
      missing: null,
      valid: () => ({ name: '芜湖远望新材料有限公司', creditCode: CODE_Y, unitId: u }),
    },
    {
      name: 'investments',
      method: 'POST',
      path: `/api/funds/${w.A.id}/investments`,
      missing: '/api/funds/9999/investments',
      valid: () => ({
        companyId: w.co.id,
        amount: '20000000',
        investedOn: '2023-10-01',
        kind: 'new',
        round: 'B',
        roundSize: '80000000',
        preMoney: '300000000',
        lead: false,
      }),
    },
    {
      name: 'projects',
      method: 'POST',
      path: '/api/projects',
      missing: null,
      valid: () => ({
        name: '远望新材料研发中心',
        company: { name: '远望新材料（芜湖）研发有限公司' },
        sourceType: 'fund',
        sourceFundId: w.A.id,
        investmentId: w.inv.id,
        introducer: '张三',
        reportedOn: '2024-02-01',
        plannedTotal: '80000000',
        plannedFixedAsset: '50000000',
        foreign: false,
        chain: '新材料',
        chainNode: 'midstream',
        chainAction: 'fill',
        introducingUnitId: u,
        landingUnitId: u,
      }),
    },
    {
      name: 'milestones',
      method: 'POST',
      path: `/api/projects/${w.P.id}/milestones`,
      missing: '/api/projects/9999/milestones',
      valid: () => ({ stage: 'registered', on: '2024-04-15', note: '已注册' }),
    },
    {
      name: 'arrivals',
      method: 'POST',
      path: `/api/projects/${w.P.id}/arrivals`,
      missing: '/api/projects/9999/arrivals',
      valid: () => ({ amount: '60000000', arrivedOn: '2024-05-01', kind: 'fixed_asset' }),
    },
    {
      name: 'confirm',
      method: 'POST',
      path: `/api/projects/${w.Q.id}/confirm`,
      missing: '/api/projects/9999/confirm',
      valid: () => ({ reason: '材料齐全' }),
    },
    {
      name: 'reject',
      method: 'POST',
      path: `/api/projects/${w.Q.id}/reject`,
      missing: '/api/projects/9999/reject',
      valid: () => ({ reason: '重复报送' }),
    },
    {
      name: 'reinvestment-credits',
      method: 'POST',
      path: `/api/funds/${w.A.id}/reinvestment-credits`,
      missing: '/api/funds/9999/reinvestment-credits',
      valid: () => ({
        category: 'local_company',
        companyId: w.co.id,
        amount: '1000',
        on: '2024-10-01',
        evidence: '工商登记',
      }),
    },
    {
      name: 'approve',
      method: 'POST',
      path: `/api/reinvestment-credits/${w.cr.id}/approve`,
      missing: '/api/reinvestment-credits/9999/approve',
      valid: () => ({ reason: '核实无误' }),
    },
    {
      name: 'reject credit',
      method: 'POST',
      path: `/api/reinvestment-credits/${w.cr.id}/reject`,
      missing: '/api/reinvestment-credits/9999/reject',
      valid: () => ({ reason: '证据不足' }),
    },
    {
      name: 'users',
      method: 'POST',
      path: '/api/users',
      missing: null,
      valid: () => ({ username: 'gp-b', displayName: '某管理人', role: 'manager', fundIds: [w.A.id] }),
    },
  ];
}

// Wrong money, each with what its message must speak of (where the message should help the user).
const badMoney: [string, unknown, RegExp | null][] = [
  ['negative', '-1', /负/],
  ['three decimals', '1.234', /两位小数|分/],
  ['not a number', 'abc', null],
  ['a JSON number instead of a string', 100, /字符串/],
  ['empty', '', null],
  ['an exponent', '1e5', null],
  ['over 10^13 元', '10000000000000.01', /10000000000000/],
  ['full-width digits', '１２３', null],
  ['a comma', '1,000', null],
  ['an object', { yuan: '1' }, null],
  ['null', null, null],
];
const badDates: [string, unknown][] = [
  ['2024-02-30', '2024-02-30'],
  ['Feb 29 of a common year', '2023-02-29'],
  ['month 13', '2024-13-01'],
  ['slashes', '2024/01/01'],
  ['no dashes', '20240101'],
  ['a number', 20240101],
  ['single digits', '2024-1-1'],
  ['a timestamp', '2024-01-01T00:00:00Z'],
  ['empty', ''],
];
const badIds: [string, unknown][] = [
  ['zero', 0],
  ['negative', -1],
  ['fractional', 1.5],
  ['a boolean', true],
  ['an array', [1]],
  ['a word', 'abc'],
  ['hex', '0x1'],
];

/** [label, change to the valid body (undefined removes a key), field the 400 must name, what its message says]. */
type Case = [string, Record<string, unknown>, string, RegExp?];

const moneyCases = (field: string, { optional = false } = {}): Case[] =>
  badMoney
    .filter(([, v]) => !(optional && v === null))
    .map(([label, v, hint]) => [`${field} ${label}`, { [field]: v }, field, hint ?? undefined]);
const dateCases = (field: string): Case[] => badDates.map(([label, v]) => [`${field} ${label}`, { [field]: v }, field]);
const idCases = (field: string): Case[] => badIds.map(([label, v]) => [`${field} ${label}`, { [field]: v }, field]);
const missing = (...fields: string[]): Case[] => fields.map((f) => [`${f} missing`, { [f]: undefined }, f]);

const swapLast = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

function casesFor(w: World): Record<string, Case[]> {
  return {
    units: [
      ...missing('name'),
      ['name blank', { name: '   ' }, 'name'],
      ['name a number', { name: 42 }, 'name'],
      ['name over 100 characters', { name: '区'.repeat(101) }, 'name'],
      ['code of 5 digits', { code: '34020' }, 'code'],
      ['code with a letter', { code: '34020A' }, 'code'],
      ...idCases('parentId'),
      ['peerGroup over 50 characters', { peerGroup: 'x'.repeat(51) }, 'peerGroup'],
    ],
    funds: [
      ...missing('name', 'level'),
      ['level unknown', { level: 'grand' }, 'level'],
      ['level upper case', { level: 'SUB' }, 'level'],
      ['a sub-fund without parentId', { parentId: undefined }, 'parentId'],
      ...idCases('parentId'),
      ...idCases('homeUnitId'),
      ...dateCases('establishedOn'),
      ['manager over 100 characters', { manager: '某'.repeat(101) }, 'manager'],
      ['reinvestment a string', { reinvestment: 'k=1.2' }, 'reinvestment'],
      ['reinvestment.multiple missing', { reinvestment: { base: 'fund_paid' } }, 'reinvestment.multiple'],
      ['reinvestment.multiple negative', { reinvestment: { multiple: '-1' } }, 'reinvestment.multiple'],
      ['reinvestment.multiple with 5 places', { reinvestment: { multiple: '1.23456' } }, 'reinvestment.multiple'],
      ['reinvestment.multiple a word', { reinvestment: { multiple: 'abc' } }, 'reinvestment.multiple'],
      ['reinvestment.base unknown', { reinvestment: { multiple: '1', base: 'paid' } }, 'reinvestment.base'],
      [
        'reinvestment.weights with an unknown category',
        { reinvestment: { multiple: '1', weights: { foo: '1' } } },
        'reinvestment.weights',
      ],
      [
        'reinvestment.weights negative',
        { reinvestment: { multiple: '1', weights: { relocated: '-1' } } },
        'reinvestment.weights.relocated',
      ],
    ],
    'PATCH funds': [
      ['name blank', { name: '' }, 'name'],
      ['name a number', { name: 5 }, 'name'],
      ...dateCases('establishedOn'),
      ...idCases('homeUnitId'),
      ['manager over 100 characters', { manager: '某'.repeat(101) }, 'manager'],
      ['reinvestment.base unknown', { reinvestment: { base: 'x' } }, 'reinvestment.base'],
      ['reinvestment.multiple with 5 places', { reinvestment: { multiple: '1.23456' } }, 'reinvestment.multiple'],
      [
        'reinvestment.weights with an unknown category',
        { reinvestment: { weights: { foo: '1' } } },
        'reinvestment.weights',
      ],
    ],
    commitments: [
      ...missing('investorType', 'amount', 'committedOn'),
      ['investorType unknown', { investorType: 'bank' }, 'investorType'],
      ['investorType upper case', { investorType: 'SOCIAL' }, 'investorType'],
      ...moneyCases('amount'),
      ...dateCases('committedOn'),
      ['a fund investor without investorFundId', { investorType: 'fund' }, 'investorFundId'],
      ['a fund investing in itself', { investorType: 'fund', investorFundId: w.A.id }, 'investorFundId'],
      ['investorFundId for a social investor', { investorFundId: w.M.id }, 'investorFundId'],
      ...idCases('investorFundId').map(([l, b, f]): Case => [l, { ...b, investorType: 'fund' }, f]),
    ],
    contributions: [...missing('amount', 'paidOn'), ...moneyCases('amount'), ...dateCases('paidOn')],
    companies: [
      ...missing('name'),
      ['name blank', { name: ' ' }, 'name'],
      ['name over 200 characters', { name: '企'.repeat(201) }, 'name'],
      ['creditCode with a wrong check character', { creditCode: swapLast(CODE_Y) }, 'creditCode'],
      ['creditCode of 17 characters', { creditCode: CODE_Y.slice(0, 17) }, 'creditCode'],
      ['creditCode of 19 characters', { creditCode: `${CODE_Y}0` }, 'creditCode'],
      [
        'creditCode with I (not used in codes)',
        { creditCode: `${CODE_Y.slice(0, 10)}I${CODE_Y.slice(11)}` },
        'creditCode',
      ],
      [
        'creditCode with letters where the region code goes',
        { creditCode: withCheck('91ABCDEFMA2N0Y000') },
        'creditCode',
      ],
      ['creditCode a number', { creditCode: 913402071 }, 'creditCode'],
      ...idCases('unitId'),
    ],
    investments: [
      ['neither companyId nor company', { companyId: undefined }, 'companyId'],
      ['both companyId and company', { company: { name: '芜湖远望新材料有限公司' } }, 'companyId'],
      ...missing('amount', 'investedOn'),
      ...moneyCases('amount'),
      ...moneyCases('roundSize', { optional: true }),
      ...moneyCases('preMoney', { optional: true }),
      ['a round smaller than the investment', { roundSize: '19999999.99' }, 'roundSize'],
      ...dateCases('investedOn'),
      ['kind unknown', { kind: 'old' }, 'kind'],
      ['lead a string', { lead: 'yes' }, 'lead'],
      ['lead a number', { lead: 1 }, 'lead'],
      ['a secondary purchase marked as lead', { kind: 'secondary', lead: true }, 'lead'],
      ['round over 50 characters', { round: 'A'.repeat(51) }, 'round'],
      [
        'an inline company with a bad credit code',
        { companyId: undefined, company: { name: '某公司', creditCode: '123' } },
        'company.creditCode',
      ],
      ['an inline company without a name', { companyId: undefined, company: { creditCode: CODE_Y } }, 'company.name'],
      ...idCases('companyId'),
    ],
    projects: [
      ...missing('name', 'sourceType', 'reportedOn', 'plannedTotal', 'introducingUnitId', 'landingUnitId'),
      ['sourceType unknown', { sourceType: 'friend' }, 'sourceType'],
      [
        'a fund-sourced project without sourceFundId',
        { sourceFundId: undefined, investmentId: undefined },
        'sourceFundId',
      ],
      ...dateCases('reportedOn'),
      ['reportedOn tomorrow', { reportedOn: TOMORROW }, 'reportedOn'],
      ...moneyCases('plannedTotal'),
      ...moneyCases('plannedFixedAsset', { optional: true }),
      ['plannedFixedAsset above plannedTotal', { plannedFixedAsset: '80000000.01' }, 'plannedFixedAsset'],
      ['chainNode unknown', { chainNode: 'top' }, 'chainNode'],
      ['chainAction unknown', { chainAction: 'fix' }, 'chainAction'],
      ['foreign a string', { foreign: 'yes' }, 'foreign'],
      ...idCases('landingUnitId'),
      ...idCases('sourceFundId'),
      [
        'an inline company with a bad check character',
        { company: { name: '某公司', creditCode: swapLast(CODE_Y) } },
        'company.creditCode',
      ],
      ['companyId together with company', { companyId: w.co.id }, 'company'],
      ['a driving investment of an unrelated fund', { sourceFundId: w.B.id }, 'investmentId'],
      ['a driving investment without a source fund', { sourceType: 'agency', sourceFundId: undefined }, 'investmentId'],
    ],
    milestones: [
      ...missing('stage', 'on'),
      ['stage unknown', { stage: 'won' }, 'stage'],
      ['stage upper case', { stage: 'SIGNED' }, 'stage'],
      ...dateCases('on'),
      ['on before reportedOn (2024-01-10)', { on: '2024-01-09' }, 'on'],
      ['on after today', { on: TOMORROW }, 'on'],
      ['dropped without a reason', { stage: 'dropped' }, 'reason'],
      ['dropped with a blank reason', { stage: 'dropped', reason: '   ' }, 'reason'],
      ['note over 500 characters', { note: '注'.repeat(501) }, 'note'],
    ],
    arrivals: [
      ...missing('amount', 'arrivedOn', 'kind'),
      ...moneyCases('amount'),
      ...dateCases('arrivedOn'),
      ['arrivedOn after today', { arrivedOn: TOMORROW }, 'arrivedOn'],
      ['kind unknown', { kind: 'cash' }, 'kind'],
      ['foreign money without a currency', { kind: 'fdi', originalAmount: '1000000' }, 'currency'],
      ['currency in lower case', { currency: 'usd' }, 'currency'],
      ['currency of 4 letters', { currency: 'RMBY' }, 'currency'],
      ['originalAmount negative', { kind: 'fdi', currency: 'USD', originalAmount: '-5' }, 'originalAmount'],
      ['exchangeRate a word', { exchangeRate: 'abc' }, 'exchangeRate'],
    ],
    confirm: [
      ['reason over 500 characters', { reason: '由'.repeat(501) }, 'reason'],
      ['reason a number', { reason: 5 }, 'reason'],
    ],
    reject: [
      ['reason over 500 characters', { reason: '由'.repeat(501) }, 'reason'],
      ['reason an object', { reason: {} }, 'reason'],
    ],
    'reinvestment-credits': [
      ...missing('category', 'amount', 'on'),
      ['category unknown', { category: 'local' }, 'category'],
      ...moneyCases('amount'),
      ...dateCases('on'),
      ['on after today', { on: TOMORROW }, 'on'],
      ['neither companyId nor projectId', { companyId: undefined }, 'companyId'],
      ['both companyId and projectId', { projectId: w.P.id }, 'companyId'],
      ['evidence over 1000 characters', { evidence: '证'.repeat(1001) }, 'evidence'],
      ...idCases('projectId').map(([l, b, f]): Case => [l, { ...b, companyId: undefined }, f]),
    ],
    approve: [
      ['reason a number', { reason: 5 }, 'reason'],
      ['reason over 500 characters', { reason: '由'.repeat(501) }, 'reason'],
    ],
    'reject credit': [['reason an array', { reason: ['x'] }, 'reason']],
    users: [
      ...missing('username', 'role'),
      ['username of 1 character', { username: 'a' }, 'username'],
      ['username in Chinese', { username: '张三' }, 'username'],
      ['username with a space', { username: 'gp b' }, 'username'],
      ['username over 40 characters', { username: 'g'.repeat(41) }, 'username'],
      ['role unknown', { role: 'root' }, 'role'],
      ['a manager without funds', { fundIds: undefined }, 'fundIds'],
      ['a manager with no funds', { fundIds: [] }, 'fundIds'],
      ['staff bound to a fund', { role: 'staff' }, 'fundIds'],
      ['fundIds a string', { fundIds: 'x' }, 'fundIds'],
      ['fundIds with 0', { fundIds: [0] }, 'fundIds.0'],
      ['fundIds with a word', { fundIds: [w.A.id, 'a'] }, 'fundIds.1'],
      ['password of 5 characters', { password: 'short' }, 'password'],
      ['displayName over 50 characters', { displayName: '名'.repeat(51) }, 'displayName'],
    ],
  };
}

describe('contract errors: 400 names each malformed field and changes nothing', () => {
  let t: TestApp;
  let w: World;
  let routes: Route[];
  let cases: Record<string, Case[]>;
  // One world for the table below: every case is refused and checked to leave every row as it was, so no case
  // can see another's effects.
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    routes = routesOf(w);
    cases = casesFor(w);
  });

  it('covers every write route of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual(routes.map((r) => r.name).sort());
    for (const route of routes) expect(cases[route.name]!.length, route.name).toBeGreaterThan(0);
  });

  it("each valid body of the table is accepted in a fresh world (so each 400 below is the mutation's doing)", async () => {
    for (const name of routes.map((r) => r.name)) {
      const fresh = await testApp();
      const fw = await world(fresh);
      const route = routesOf(fw).find((r) => r.name === name)!;
      // Q was recorded by staff, so it is confirmed already: confirming it needs it rejected first.
      if (name === 'confirm') await fresh.ok('POST', `/api/projects/${fw.Q.id}/reject`, {});
      const r = await fresh.call(route.method, route.path, route.valid());
      expect([200, 201], `${name}: ${JSON.stringify(r.body)}`).toContain(r.status);
    }
  });

  const names = [
    'units',
    'funds',
    'PATCH funds',
    'commitments',
    'contributions',
    'companies',
    'investments',
    'projects',
    'milestones',
    'arrivals',
    'confirm',
    'reject',
    'reinvestment-credits',
    'approve',
    'reject credit',
    'users',
  ];
  for (const name of names) {
    it(`${name}: every malformed field is a 400 naming it`, async () => {
      const route = routes.find((r) => r.name === name)!;
      for (const [label, change, field, hint] of cases[name]!) {
        const body = { ...route.valid(), ...change };
        const message = await invalidField(t, route.method, route.path, body, field).catch((err: Error) => {
          throw new Error(`${name} / ${label}: ${err.message}`);
        });
        if (hint) expect(message, `${name} / ${label}`).toMatch(hint);
      }
    });
  }

  it('a cycle of fund commitments is a 400 on investorFundId', async () => {
    // M already commits to A; A committing to M would make money flow in a circle.
    await invalidField(
      t,
      'POST',
      `/api/funds/${w.M.id}/commitments`,
      { investorType: 'fund', investorFundId: w.A.id, amount: '1', committedOn: '2023-06-01' },
      'investorFundId',
    );
  });

  it('a body that is not a JSON object is a 400 on every route', async () => {
    for (const route of routes) {
      for (const text of ['{', '{"name":', "{'name':'x'}", '{"a":1,}', '', 'nul', '{"a":1}{"b":2}']) {
        const body = await refused(t, route.method, route.path, text, 400, 'invalid_request');
        expect(body.error.issues).toEqual([{ path: '', message: expect.stringMatching(HAN) }]);
      }
      for (const text of ['[]', '[{"name":"x"}]', 'null', '"x"', '42', 'true']) {
        const body = await refused(t, route.method, route.path, text, 400, 'invalid_request');
        expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['']);
      }
    }
  });

  it('a broken JSON body with a JSON content type names no field but the body', async () => {
    const body = await refused(t, 'POST', '/api/units', '{"name": "弋江区"', 400, 'invalid_request', {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(body.error.issues).toHaveLength(1);
  });

  it('401 on every route: no token, a wrong token, a revoked token, another scheme', async () => {
    const staff = await t.create('/api/users', { username: 'staff-revoked', role: 'staff' });
    expect((await t.call('POST', `/api/users/${staff.id}/revoke`, {})).status).toBe(200);
    for (const route of routes) {
      const body = route.valid();
      await refused(t, route.method, route.path, body, 401, 'unauthorized', { token: null });
      await refused(t, route.method, route.path, body, 401, 'unauthorized', { token: 'ty_not-a-real-token' });
      await refused(t, route.method, route.path, body, 401, 'unauthorized', { token: staff.token });
      await refused(t, route.method, route.path, body, 401, 'unauthorized', {
        token: null,
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      });
    }
  });

  it('404 for an unknown id in the path of every route that has one', async () => {
    const withIds = routes.filter((r) => r.missing);
    expect(withIds.length).toBe(11);
    for (const route of withIds) await refused(t, route.method, route.missing!, route.valid(), 404, 'not_found');
  });

  it('404 for an unknown id in the body', async () => {
    const r = Object.fromEntries(routes.map((x) => [x.name, x]));
    const cases: [string, Record<string, unknown>][] = [
      ['units', { parentId: 9999 }],
      ['funds', { parentId: 9999 }],
      ['funds', { homeUnitId: 9999 }],
      ['PATCH funds', { homeUnitId: 9999 }],
      ['commitments', { investorType: 'fund', investorFundId: 9999 }],
      ['companies', { unitId: 9999 }],
      ['investments', { companyId: 9999 }],
      ['investments', { companyId: undefined, company: { name: '某新公司', unitId: 9999 } }],
      ['projects', { sourceFundId: 9999, investmentId: undefined }],
      ['projects', { investmentId: 9999 }],
      ['projects', { introducingUnitId: 9999 }],
      ['projects', { landingUnitId: 9999 }],
      ['projects', { company: undefined, companyId: 9999 }],
      ['projects', { company: { name: '某新公司', unitId: 9999 } }],
      ['reinvestment-credits', { companyId: 9999 }],
      ['reinvestment-credits', { companyId: undefined, projectId: 9999 }],
      ['users', { fundIds: [w.A.id, 9999] }],
    ];
    for (const [name, change] of cases) {
      const route = r[name]!;
      const body = await refused(t, route.method, route.path, { ...route.valid(), ...change }, 404, 'not_found');
      expect(body.error.message, `${name} ${JSON.stringify(change)}`).toMatch(/9999/);
    }
  });

  it('404 for an unknown route or method, with the envelope', async () => {
    await refused(t, 'POST', '/api/fund', { name: 'x', level: 'mother' }, 404, 'not_found');
    await refused(t, 'GET', '/api/nothing', undefined, 404, 'not_found');
    await refused(t, 'DELETE', `/api/funds/${w.A.id}`, undefined, 404, 'not_found');
    await refused(t, 'PATCH', `/api/units/${w.unit.id}`, { name: 'x' }, 404, 'not_found');
    await refused(t, 'POST', `/api/projects/${w.P.id}/approve`, {}, 404, 'not_found');
  });

  it('a malformed id in the path is a 400 on id', async () => {
    for (const route of routes.filter((x) => x.missing)) {
      for (const bad of ['0', '-1', '1.5', 'abc', '0x1', '1e3', '99999999999999999999']) {
        const path = route.missing!.replace('9999', bad);
        const body = await refused(t, route.method, path, route.valid(), 400, 'invalid_request');
        expect(
          body.error.issues.map((i: { path: string }) => i.path),
          path,
        ).toContain('id');
      }
    }
  });
});

describe('contract errors: 409 conflicts', () => {
  it('a duplicate credit code (in any case) is a 409 with the existing company', async () => {
    const t = await testApp();
    const w = await world(t);
    const body = await refused(
      t,
      'POST',
      '/api/companies',
      { name: '另一个名字有限公司', creditCode: CODE_X.toLowerCase() },
      409,
      'conflict',
    );
    expect(body.existingId).toBe(w.co.id);
  });

  it('a taken username is a 409', async () => {
    const t = await testApp();
    await t.create('/api/users', { username: 'li.si', role: 'leader' });
    await refused(t, 'POST', '/api/users', { username: 'li.si', role: 'staff' }, 409, 'conflict');
  });

  it('a contribution beyond the commitment is a 409; up to it exactly is fine', async () => {
    const t = await testApp();
    const w = await world(t);
    // committed 100,000,000; paid 20,000,000; room 80,000,000
    const body = await refused(
      t,
      'POST',
      `/api/commitments/${w.mA.id}/contributions`,
      { amount: '80000000.01', paidOn: '2023-08-01' },
      409,
      'conflict',
    );
    expect(body.error.message).toBe(
      '实缴将超过认缴：认缴 10000 万元，已实缴 2000 万元，本次 8000.000001 万元，最多还可实缴 8000 万元',
    ); // 万元, as the clerk typed it
    expect(
      (await t.call('POST', `/api/commitments/${w.mA.id}/contributions`, { amount: '80000000', paidOn: '2023-08-01' }))
        .status,
    ).toBe(201);
    await refused(
      t,
      'POST',
      `/api/commitments/${w.mA.id}/contributions`,
      { amount: '0.01', paidOn: '2023-08-02' },
      409,
      'conflict',
    );
    expect((await t.get(`/api/commitments/${w.mA.id}`)).body.paidIn).toBe('100000000.00');
  });

  it('an arrival before signing is a 409; on the signing day it is fine', async () => {
    const t = await testApp();
    const w = await world(t);
    // P signed 2024-03-01
    await refused(
      t,
      'POST',
      `/api/projects/${w.P.id}/arrivals`,
      { amount: '1000', arrivedOn: '2024-02-29', kind: 'fixed_asset' },
      409,
      'conflict',
    );
    // Q was never signed
    await refused(
      t,
      'POST',
      `/api/projects/${w.Q.id}/arrivals`,
      { amount: '1000', arrivedOn: '2024-12-01', kind: 'working' },
      409,
      'conflict',
    );
    expect(
      (
        await t.call('POST', `/api/projects/${w.P.id}/arrivals`, {
          amount: '1000',
          arrivedOn: '2024-03-01',
          kind: 'fixed_asset',
        })
      ).status,
    ).toBe(201);
  });

  it('a second active project of one company is a 409 naming the first: by credit code, by companyId, by normalized name', async () => {
    const t = await testApp();
    const w = await world(t);
    const lead = (company: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => ({
      name: '重复报送的项目',
      sourceType: 'business',
      reportedOn: '2024-07-01',
      plannedTotal: '10000000',
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
      ...(company && { company }),
      ...extra,
    });
    // P's company by its credit code, under another name and in lower case
    let body = await refused(
      t,
      'POST',
      '/api/projects',
      lead({ name: '完全不同的名字', creditCode: CODE_P.toLowerCase() }),
      409,
      'conflict',
    );
    expect(body.existingId).toBe(w.P.id);
    body = await refused(t, 'POST', '/api/projects', lead(undefined, { companyId: w.P.companyId }), 409, 'conflict');
    expect(body.existingId).toBe(w.P.id);
    // Q's company 芜湖远望（新材料）有限公司, spelled with half-width parentheses, spaces, full-width letters around it
    for (const spelling of [
      '芜湖远望(新材料)有限公司',
      ' 芜湖远望 ( 新材料 ) 有限公司 ',
      '芜湖远望【新材料】有限公司',
      '芜湖远望　（新材料）　有限公司',
    ]) {
      body = await refused(t, 'POST', '/api/projects', lead({ name: spelling }), 409, 'conflict');
      expect(body.existingId, spelling).toBe(w.Q.id);
    }
    const latin = await t.create('/api/projects', lead({ name: 'ABC 智能科技有限公司' }));
    body = await refused(t, 'POST', '/api/projects', lead({ name: 'ａｂｃ智能科技有限公司' }), 409, 'conflict');
    expect(body.existingId).toBe(latin.id);
    // A manager's report is refused too, but Q (business-sourced) is not the manager's to see: no id, no number.
    const gp = await t.userWith('manager', [w.A.id]);
    body = await refused(
      t,
      'POST',
      '/api/projects',
      lead({ name: '芜湖远望(新材料)有限公司' }, { sourceType: 'fund', sourceFundId: w.A.id }),
      409,
      'conflict',
      { token: gp.token },
    );
    expect(body).toEqual({ error: { code: 'conflict', message: reportedElsewhere(false) } });
  });

  it('a dropped project frees its company; a rejected one too, and confirming it again is then a 409', async () => {
    const t = await testApp();
    const w = await world(t);
    const lead = (name: string) => ({
      name,
      company: { name: '芜湖远望(新材料)有限公司' },
      sourceType: 'business',
      reportedOn: '2024-07-01',
      plannedTotal: '10000000',
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
    });
    await t.create(`/api/projects/${w.Q.id}/milestones`, {
      stage: 'dropped',
      on: '2024-06-30',
      reason: '企业选址改至外省',
    });
    const again = await t.create('/api/projects', lead('远望新材料二次洽谈'));
    expect(again.companyId).toBe(w.Q.companyId); // the same company, found by its normalized name
    await refused(t, 'POST', '/api/projects', lead('第三次报送'), 409, 'conflict');

    await t.ok('POST', `/api/projects/${again.id}/reject`, { reason: '与已有项目重复' });
    const third = await t.create('/api/projects', lead('第三次报送'));
    expect(third.status).toBe('confirmed');
    const body = await refused(t, 'POST', `/api/projects/${again.id}/confirm`, {}, 409, 'conflict');
    expect(body.existingId).toBe(third.id);
  });

  it('confirming a confirmed project, approving an approved credit, or recording on a rejected project is a 409', async () => {
    const t = await testApp();
    const w = await world(t);
    await refused(t, 'POST', `/api/projects/${w.P.id}/confirm`, {}, 409, 'conflict');
    await t.ok('POST', `/api/reinvestment-credits/${w.cr.id}/approve`, {});
    await refused(t, 'POST', `/api/reinvestment-credits/${w.cr.id}/approve`, {}, 409, 'conflict');
    await t.ok('POST', `/api/projects/${w.Q.id}/reject`, { reason: '不符合条件' });
    await refused(t, 'POST', `/api/projects/${w.Q.id}/reject`, {}, 409, 'conflict');
    await refused(
      t,
      'POST',
      `/api/projects/${w.Q.id}/milestones`,
      { stage: 'signed', on: '2024-07-01' },
      409,
      'conflict',
    );
  });
});

describe('contract errors: 412, body size, Idempotency-Key', () => {
  it('PATCH /api/funds/:id with a stale or malformed If-Match is a 412 and changes nothing', async () => {
    const t = await testApp();
    const w = await world(t);
    const path = `/api/funds/${w.A.id}`;
    expect((await t.call('PATCH', path, { manager: '甲' }, { headers: { 'if-match': '"1"' } })).status).toBe(200);
    await refused(t, 'PATCH', path, { manager: '乙' }, 412, 'precondition_failed', { headers: { 'if-match': '"1"' } });
    await refused(t, 'PATCH', path, { manager: '乙' }, 412, 'precondition_failed', { headers: { 'if-match': '"3"' } });
    await refused(t, 'PATCH', path, { manager: '乙' }, 412, 'precondition_failed', { headers: { 'if-match': 'abc' } });
    const now = await t.get(path);
    expect(now.body).toMatchObject({ manager: '甲', version: 2 });
    expect(now.headers.get('etag')).toBe('"2"');
    expect(
      (await t.call('PATCH', path, { manager: '乙' }, { headers: { 'if-match': now.headers.get('etag')! } })).body,
    ).toMatchObject({ manager: '乙', version: 3 });
  });

  it('confirm and approve honour If-Match too', async () => {
    const t = await testApp();
    const w = await world(t);
    await t.ok('POST', `/api/projects/${w.Q.id}/reject`, {}); // Q: version 1 → 2
    await refused(t, 'POST', `/api/projects/${w.Q.id}/confirm`, {}, 412, 'precondition_failed', {
      headers: { 'if-match': '"1"' },
    });
    await refused(t, 'POST', `/api/reinvestment-credits/${w.cr.id}/approve`, {}, 412, 'precondition_failed', {
      headers: { 'if-match': '"7"' },
    });
  });

  it('a body over 1 MB is a 413 payload_too_large; exactly 1 MB is read (and here refused as a 400)', async () => {
    const t = await testApp();
    const sized = (bytes: number) => {
      const shell = JSON.stringify({ name: '弋江区', peerGroup: '' });
      const text = JSON.stringify({
        name: '弋江区',
        peerGroup: 'x'.repeat(bytes - new TextEncoder().encode(shell).length),
      });
      expect(new TextEncoder().encode(text).length).toBe(bytes);
      return text;
    };
    await refused(t, 'POST', '/api/units', sized(1024 * 1024 + 1), 413, 'payload_too_large');
    await refused(t, 'POST', '/api/units', sized(2 * 1024 * 1024), 413, 'payload_too_large');
    const body = await refused(t, 'POST', '/api/units', sized(1024 * 1024), 400, 'invalid_request');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['peerGroup']);
    const w = await world(t);
    await refused(t, 'PATCH', `/api/funds/${w.A.id}`, sized(1024 * 1024 + 1), 413, 'payload_too_large');
  });

  it('the same Idempotency-Key and body answer the first response and create nothing new', async () => {
    const t = await testApp();
    const w = await world(t);
    const headers = { 'idempotency-key': 'unit-2026-11-22-001' };
    const first = await t.call('POST', '/api/units', { name: '弋江区', code: '340209' }, { headers });
    expect(first.status).toBe(201);
    const units = rows(t, 'units');
    const audits = rows(t, 'audit_log');
    const before = dump(t);
    const second = await t.call('POST', '/api/units', { name: '弋江区', code: '340209' }, { headers });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(dump(t)).toEqual(before);
    expect([rows(t, 'units'), rows(t, 'audit_log')]).toEqual([units, audits]);

    // Another body under the same key: 409, nothing written.
    const other = await refused(t, 'POST', '/api/units', { name: '三山区' }, 409, 'conflict', { headers });
    expect(other.error.message).toMatch(/Idempotency-Key/);
    // The same key on another route is another request too.
    await refused(
      t,
      'POST',
      `/api/funds/${w.A.id}/commitments`,
      { investorType: 'social', amount: '1', committedOn: '2023-06-01' },
      409,
      'conflict',
      { headers },
    );
    // Keys belong to their user: another user's identical request is its own.
    const staff = await t.userWith('staff');
    const theirs = await t.call(
      'POST',
      '/api/units',
      { name: '弋江区', code: '340209' },
      { headers, token: staff.token },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('a refused request replays its refusal under the same key; a malformed key is a 400', async () => {
    const t = await testApp();
    const w = await world(t);
    const headers = { 'idempotency-key': 'contribution-001' };
    const over = { amount: '80000000.01', paidOn: '2023-08-01' };
    const first = await t.call('POST', `/api/commitments/${w.mA.id}/contributions`, over, { headers });
    expectEnvelope(first, 409, 'conflict');
    const replay = await refused(t, 'POST', `/api/commitments/${w.mA.id}/contributions`, over, 409, 'conflict', {
      headers,
    });
    expect(replay).toEqual(first.body);

    const body = await refused(t, 'POST', '/api/units', { name: '弋江区' }, 400, 'invalid_request', {
      headers: { 'idempotency-key': 'has space' },
    });
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['Idempotency-Key']);
    await refused(t, 'POST', '/api/units', { name: '弋江区' }, 400, 'invalid_request', {
      headers: { 'idempotency-key': 'k'.repeat(201) },
    });
  });
});
