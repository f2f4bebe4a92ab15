import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testApp, type TestApp } from '../helpers';
import { pdfBytes, uploadRequest } from '../evidence-files';

/**
 * Who may call what: one row per registered /api route (some routes have a second row for a fund filter), with
 * the status each role gets. Roles: admin, staff, the manager of fund A (whose records the row touches), the
 * manager of fund B (another fund under the same mother), a leader; a caller without a token and one whose token
 * was revoked always get 401.
 *
 * The rules: a manager sees only its funds' families and anything else is 404 as if it did not exist; a leader
 * reads everything and writes nothing (403); a write the role may never do is 403 (whatever the record, so the
 * status says nothing about other funds); staff and admin review; only admin manages users.
 */

type Who = 'admin' | 'staff' | 'mgrOwn' | 'mgrOther' | 'leader' | 'none' | 'revoked';
const whos: Who[] = ['admin', 'staff', 'mgrOwn', 'mgrOther', 'leader', 'none', 'revoked'];

interface World {
  t: TestApp;
  tokens: Record<Who, string | null>;
  unitId: number;
  M: number;
  A: {
    fund: number;
    commitment: number;
    company: number;
    investment: number;
    project: number;
    credit: number;
    target: number;
  };
  B: { fund: number };
  /** A fresh pending project of fund A (a manager's submission), for the review routes. */
  pendingProject(): Promise<number>;
  /** A fresh pending credit of fund A, for the review routes. */
  pendingCredit(): Promise<number>;
  /** A fresh pending arrival on fund A's project (a manager's report), for the 到资认定 routes. */
  pendingArrival(): Promise<number>;
  /** A fresh user, for the user-management routes. */
  freshUser(): Promise<number>;
  /** A fresh open 企业诉求 on fund A's project, raised by staff. */
  openRequest(): Promise<number>;
  /** A fresh evidence file on fund A's project, uploaded by staff. */
  freshFile(): Promise<number>;
  /** Users who may be made owners of fund A's project, one a call in turn. */
  ownerCandidates: number[];
  /** A fresh current 专班成员 of fund A's project, assigned by staff. */
  freshOwner(): Promise<number>;
  /** A fresh task node on fund A's project, added by staff. */
  freshNode(): Promise<number>;
}

interface Row {
  route: string;
  /** Why a second row of the same route exists (a query that names a fund). */
  variant?: string;
  url: (w: World) => string | Promise<string>;
  body?: (w: World, n: number) => unknown;
  headers?: Record<string, string>;
  /** The row is a multipart upload of an evidence file for this subject (not a JSON body). */
  upload?: (w: World) => string;
  /** Status for admin, staff, manager of A, manager of B, leader. */
  expect: [number, number, number, number, number];
}

const get = (route: string, url: Row['url'], expect: Row['expect'], variant?: string): Row => ({
  route,
  url,
  expect,
  variant,
});
const post = (route: string, url: Row['url'], body: Row['body'], expect: Row['expect']): Row => ({
  route,
  url,
  body,
  expect,
});

const EVERYONE: Row['expect'] = [200, 200, 200, 200, 200];
/** A record of fund A read by id: the manager of B gets the 404 of a missing record. */
const SCOPED_READ: Row['expect'] = [200, 200, 200, 404, 200];
/** A platform write: staff and admin only. */
const STAFF_WRITE: Row['expect'] = [201, 201, 403, 403, 403];
const STAFF_REVIEW: Row['expect'] = [200, 200, 403, 403, 403];
/** A write a manager may make for its own funds only. */
const MANAGER_WRITE: Row['expect'] = [201, 201, 201, 404, 403];
const ADMIN_ONLY = (ok: number): Row['expect'] => [ok, 403, 403, 403, 403];

const table: Row[] = [
  get('GET /api/me', () => '/api/me', EVERYONE),
  post(
    'POST /api/users',
    () => '/api/users',
    (_w, n) => ({ username: `matrix-user-${n}`, role: 'leader' }),
    ADMIN_ONLY(201),
  ),
  get('GET /api/users', () => '/api/users', ADMIN_ONLY(200)),
  post(
    'POST /api/users/:id/revoke',
    async (w) => `/api/users/${await w.freshUser()}/revoke`,
    () => ({}),
    ADMIN_ONLY(200),
  ),
  post(
    'POST /api/users/:id/token',
    async (w) => `/api/users/${await w.freshUser()}/token`,
    () => ({}),
    ADMIN_ONLY(200),
  ),

  post(
    'POST /api/units',
    () => '/api/units',
    (_w, n) => ({ name: `矩阵测试区${n}` }),
    STAFF_WRITE,
  ),
  get('GET /api/units', () => '/api/units', EVERYONE),
  get('GET /api/units/:id', (w) => `/api/units/${w.unitId}`, EVERYONE),

  post(
    'POST /api/funds',
    () => '/api/funds',
    (w, n) => ({ name: `矩阵测试子基金${n}`, level: 'sub', parentId: w.M }),
    STAFF_WRITE,
  ),
  get('GET /api/funds', () => '/api/funds', EVERYONE),
  get('GET /api/funds/:id', (w) => `/api/funds/${w.A.fund}`, SCOPED_READ),
  {
    route: 'PATCH /api/funds/:id',
    url: (w) => `/api/funds/${w.A.fund}`,
    body: (_w, n) => ({ name: `甲子基金（更名${n}）` }),
    expect: [200, 200, 403, 403, 403],
  },
  post(
    'POST /api/funds/:id/commitments',
    (w) => `/api/funds/${w.A.fund}/commitments`,
    (_w, n) => ({
      investorType: 'social',
      investorName: `社会出资人${n}`,
      amount: '1000.00',
      committedOn: '2024-06-01',
    }),
    STAFF_WRITE,
  ),
  get('GET /api/commitments/:id', (w) => `/api/commitments/${w.A.commitment}`, SCOPED_READ),
  post(
    'POST /api/commitments/:id/contributions',
    (w) => `/api/commitments/${w.A.commitment}/contributions`,
    () => ({ amount: '1.00', paidOn: '2024-06-01' }),
    STAFF_WRITE,
  ),

  // Any role that reports projects may register a company; it is tied to no fund until a record links it.
  // Managers name companies inside their leads; a bare company they could not see afterwards is staff's to record.
  post(
    'POST /api/companies',
    () => '/api/companies',
    (_w, n) => ({ name: `矩阵测试企业${n}有限公司` }),
    [201, 201, 403, 403, 403],
  ),
  get('GET /api/companies', () => '/api/companies', EVERYONE),
  get('GET /api/companies/:id', (w) => `/api/companies/${w.A.company}`, SCOPED_READ),
  // Flags are the platform's to keep: a manager may not change a company, even one its fund invested in.
  {
    route: 'PATCH /api/companies/:id',
    url: (w) => `/api/companies/${w.A.company}`,
    body: (_w, n) => ({ flags: { sme: n % 2 === 0 } }),
    expect: [200, 200, 403, 403, 403],
  },

  // 疑似重复: merging companies (and undoing it) is staff's. A merge into a company that does not exist is refused only
  // after the role is checked (404 for staff), and undoing a merge that never was is 409.
  post(
    'POST /api/companies/:id/merge',
    (w) => `/api/companies/${w.A.company}/merge`,
    () => ({ intoId: 999_999_999 }),
    [404, 404, 403, 403, 403],
  ),
  post(
    'POST /api/companies/:id/unmerge',
    (w) => `/api/companies/${w.A.company}/unmerge`,
    () => ({}),
    [409, 409, 403, 403, 403],
  ),

  post(
    'POST /api/funds/:id/investments',
    (w) => `/api/funds/${w.A.fund}/investments`,
    (_w, n) => ({ company: { name: `矩阵被投企业${n}有限公司` }, amount: '1000.00', investedOn: '2024-06-01' }),
    STAFF_WRITE,
  ),
  get('GET /api/funds/:id/investments', (w) => `/api/funds/${w.A.fund}/investments`, SCOPED_READ),
  get('GET /api/investments', () => '/api/investments', EVERYONE),
  get('GET /api/investments/:id', (w) => `/api/investments/${w.A.investment}`, SCOPED_READ),
  post(
    'POST /api/investments/:id/exit',
    (w) => `/api/investments/${w.A.investment}/exit`,
    (_w, n) => ({ exitedOn: '2025-01-01', exitProceeds: `${n}.00` }),
    STAFF_REVIEW,
  ),

  post(
    'POST /api/funds/:id/distributions',
    (w) => `/api/funds/${w.A.fund}/distributions`,
    () => ({ amount: '100.00', paidOn: '2024-06-01', kind: 'income' }),
    STAFF_WRITE,
  ),
  get('GET /api/funds/:id/distributions', (w) => `/api/funds/${w.A.fund}/distributions`, SCOPED_READ),
  post(
    'POST /api/funds/:id/valuations',
    (w) => `/api/funds/${w.A.fund}/valuations`,
    () => ({ nav: '100.00', on: '2024-06-01' }),
    STAFF_WRITE,
  ),
  get('GET /api/funds/:id/valuations', (w) => `/api/funds/${w.A.fund}/valuations`, SCOPED_READ),
  post(
    'POST /api/indicator-thresholds',
    () => '/api/indicator-thresholds',
    () => ({ indicator: 'tvpi', comparison: 'gte', value: '1' }),
    STAFF_WRITE,
  ),
  get('GET /api/indicator-thresholds', () => '/api/indicator-thresholds', EVERYONE),
  get('GET /api/funds/:id/performance', (w) => `/api/funds/${w.A.fund}/performance`, SCOPED_READ),
  get('GET /api/exports/self-check.xlsx', () => '/api/exports/self-check.xlsx', EVERYONE),

  post(
    'POST /api/projects',
    () => '/api/projects',
    (w, n) => ({
      name: `矩阵测试项目${n}`,
      sourceType: 'fund',
      sourceFundId: w.A.fund,
      reportedOn: '2024-06-01',
      plannedTotal: '1000000.00',
      introducingUnitId: w.unitId,
      landingUnitId: w.unitId,
    }),
    MANAGER_WRITE,
  ),
  get('GET /api/projects', () => '/api/projects', EVERYONE),
  get('GET /api/projects', (w) => `/api/projects?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/projects/:id', (w) => `/api/projects/${w.A.project}`, SCOPED_READ),
  post(
    'POST /api/projects/:id/milestones',
    (w) => `/api/projects/${w.A.project}/milestones`,
    () => ({ stage: 'negotiating', on: '2024-03-15' }),
    MANAGER_WRITE,
  ),
  post(
    'POST /api/projects/:id/arrivals',
    (w) => `/api/projects/${w.A.project}/arrivals`,
    () => ({ amount: '100.00', arrivedOn: '2024-06-01', kind: 'fixed_asset' }),
    MANAGER_WRITE,
  ),
  { route: 'POST /api/files', url: () => '/api/files', upload: (w) => `project:${w.A.project}`, expect: MANAGER_WRITE },
  get('GET /api/files', (w) => `/api/files?subject=project:${w.A.project}`, SCOPED_READ),
  get('GET /api/files/:id', async (w) => `/api/files/${await w.freshFile()}`, SCOPED_READ),
  // A manager deletes only its own upload while the subject is pending: this one is staff's, on a confirmed project.
  {
    route: 'DELETE /api/files/:id',
    url: async (w) => `/api/files/${await w.freshFile()}`,
    expect: [204, 204, 403, 404, 403],
  },
  post(
    'POST /api/activities',
    () => '/api/activities',
    (w) => ({
      unitId: w.unitId,
      fundId: w.A.fund,
      kind: 'visit',
      startedOn: '2024-06-01',
      projects: [{ projectId: w.A.project, link: 'advanced' }],
    }),
    MANAGER_WRITE,
  ),
  get('GET /api/activities', () => '/api/activities', EVERYONE),
  get('GET /api/activities', (w) => `/api/activities?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get(
    'GET /api/activities/:id',
    async (w) =>
      `/api/activities/${(await w.t.create('/api/activities', { unitId: w.unitId, fundId: w.A.fund, kind: 'talks', startedOn: '2024-06-01' })).id}`,
    SCOPED_READ,
  ),
  get('GET /api/arrivals', () => '/api/arrivals', EVERYONE),
  get('GET /api/arrivals', (w) => `/api/arrivals?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/arrivals/:id', async (w) => `/api/arrivals/${await w.pendingArrival()}`, SCOPED_READ),
  post(
    'POST /api/arrivals/:id/confirm',
    async (w) => `/api/arrivals/${await w.pendingArrival()}/confirm`,
    () => ({}),
    STAFF_REVIEW,
  ),
  post(
    'POST /api/arrivals/:id/reject',
    async (w) => `/api/arrivals/${await w.pendingArrival()}/reject`,
    () => ({ reason: '无银行回单' }),
    STAFF_REVIEW,
  ),
  post(
    'POST /api/projects/:id/confirm',
    async (w) => `/api/projects/${await w.pendingProject()}/confirm`,
    () => ({}),
    STAFF_REVIEW,
  ),
  post(
    'POST /api/projects/:id/reject',
    async (w) => `/api/projects/${await w.pendingProject()}/reject`,
    () => ({ reason: '材料不全' }),
    STAFF_REVIEW,
  ),

  // 企业诉求: a manager raises them for its funds' projects; staff handle them; the platform's settings are staff's.
  post(
    'POST /api/requests',
    () => '/api/requests',
    (w, n) => ({
      projectId: w.A.project,
      category: 'land',
      unitId: w.unitId,
      raisedOn: '2024-06-01',
      description: `矩阵诉求${n}`,
    }),
    MANAGER_WRITE,
  ),
  get('GET /api/requests', () => '/api/requests', EVERYONE),
  get('GET /api/requests', (w) => `/api/requests?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/requests/:id', async (w) => `/api/requests/${await w.openRequest()}`, SCOPED_READ),
  post(
    'POST /api/requests/:id/transitions',
    async (w) => `/api/requests/${await w.openRequest()}/transitions`,
    () => ({ to: 'accepted', on: '2024-06-02' }),
    STAFF_REVIEW,
  ),
  get('GET /api/settings', () => '/api/settings', [200, 200, 403, 403, 403]),
  {
    route: 'PUT /api/settings',
    url: () => '/api/settings',
    // Another number each call, so each allowed call writes.
    body: (_w, n) => ({ requestDays: { land: (n % 365) + 1 } }),
    expect: STAFF_REVIEW,
  },

  post(
    'POST /api/funds/:id/reinvestment-credits',
    (w) => `/api/funds/${w.A.fund}/reinvestment-credits`,
    (w) => ({ category: 'local_company', amount: '100.00', on: '2024-06-01', companyId: w.A.company }),
    MANAGER_WRITE,
  ),
  get('GET /api/funds/:id/reinvestment-credits', (w) => `/api/funds/${w.A.fund}/reinvestment-credits`, SCOPED_READ),
  get('GET /api/reinvestment-credits', () => '/api/reinvestment-credits', EVERYONE),
  get('GET /api/reinvestment-credits', (w) => `/api/reinvestment-credits?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/reinvestment-credits/:id', (w) => `/api/reinvestment-credits/${w.A.credit}`, SCOPED_READ),
  post(
    'POST /api/reinvestment-credits/:id/approve',
    async (w) => `/api/reinvestment-credits/${await w.pendingCredit()}/approve`,
    () => ({}),
    STAFF_REVIEW,
  ),
  post(
    'POST /api/reinvestment-credits/:id/reject',
    async (w) => `/api/reinvestment-credits/${await w.pendingCredit()}/reject`,
    () => ({ reason: '证明不足' }),
    STAFF_REVIEW,
  ),

  get('GET /api/funds/:id/metrics', (w) => `/api/funds/${w.A.fund}/metrics`, SCOPED_READ),
  get('GET /api/reports/funds', () => '/api/reports/funds', EVERYONE),
  get('GET /api/reports/units', () => '/api/reports/units', EVERYONE),
  get('GET /api/reports/units', (w) => `/api/reports/units?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/reports/pipeline', () => '/api/reports/pipeline', EVERYONE),
  get('GET /api/reports/service', () => '/api/reports/service?from=2024-01-01&to=2024-12-31', EVERYONE),
  get(
    'GET /api/reports/service',
    (w) => `/api/reports/service?from=2024-01-01&to=2024-12-31&fundId=${w.A.fund}`,
    SCOPED_READ,
    '?fundId=A',
  ),

  // One target per fund, year and metric: each call asks for another year.
  post(
    'POST /api/targets',
    () => '/api/targets',
    (w, n) => ({ fundId: w.A.fund, year: 2000 + (n % 101), metric: 'capital.committed', value: '1' }),
    STAFF_WRITE,
  ),
  get('GET /api/targets', () => '/api/targets', EVERYONE),
  get('GET /api/targets/:id', (w) => `/api/targets/${w.A.target}`, SCOPED_READ),
  {
    route: 'PATCH /api/targets/:id',
    url: (w) => `/api/targets/${w.A.target}`,
    body: (_w, n) => ({ value: String(n) }),
    expect: [200, 200, 403, 403, 403],
  },
  get('GET /api/targets', (w) => `/api/targets?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),

  // 预警: every role reads its scope's alerts (待认定超期 only staff's); a fund filter on another fund is 404.
  get('GET /api/alerts', () => '/api/alerts', EVERYONE),
  get('GET /api/alerts', (w) => `/api/alerts?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/exports/alerts.xlsx', () => '/api/exports/alerts.xlsx', EVERYONE),
  get('GET /api/exports/alerts.xlsx', (w) => `/api/exports/alerts.xlsx?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  // 调度: every role reads its scope's late and due nodes and requests.
  get('GET /api/dispatch', () => '/api/dispatch', EVERYONE),
  get('GET /api/exports/dispatch.xlsx', () => '/api/exports/dispatch.xlsx', EVERYONE),
  // 重点产业链 are regional records: staff write, everyone reads; the map is scoped like the unit report.
  post(
    'POST /api/chains',
    () => '/api/chains',
    (_w, n) => ({ name: `矩阵产业链${n}`, leader: '链长', leadCompanies: ['链主企业'] }),
    STAFF_WRITE,
  ),
  get('GET /api/chains', () => '/api/chains', EVERYONE),
  get('GET /api/reports/chains', () => '/api/reports/chains', EVERYONE),
  get('GET /api/reports/chains', (w) => `/api/reports/chains?fundId=${w.A.fund}`, SCOPED_READ, '?fundId=A'),
  get('GET /api/assessment', () => '/api/assessment?year=2024', EVERYONE),
  get('GET /api/bulletins/:month', () => '/api/bulletins/2024-05', EVERYONE),
  get('GET /api/exports/bulletin.xlsx', () => '/api/exports/bulletin.xlsx?month=2024-05', EVERYONE),

  get('GET /api/audit', () => '/api/audit', [200, 200, 403, 403, 403]),

  get('GET /api/exports/funds.xlsx', () => '/api/exports/funds.xlsx', EVERYONE),
  get('GET /api/exports/projects.xlsx', () => '/api/exports/projects.xlsx', EVERYONE),
  get(
    'GET /api/exports/projects.xlsx',
    (w) => `/api/exports/projects.xlsx?fundId=${w.A.fund}`,
    SCOPED_READ,
    '?fundId=A',
  ),
  // The template lists the funds a caller may import for, so every role that imports may fetch it.
  get(
    'GET /api/imports/projects/template.xlsx',
    () => '/api/imports/projects/template.xlsx',
    [200, 200, 200, 200, 403],
  ),
  {
    route: 'POST /api/imports/projects',
    url: () => '/api/imports/projects',
    // A sheet of one project sourced by fund A. For the manager of B, fund A does not exist: the row is refused with
    // the issue a missing fund gets (a 400 listing the rows, as for any bad row of a sheet).
    body: (w, n) =>
      `项目名称,来源类型,来源基金,报送日期,计划总投资（元）,招引单位,落地单位\n矩阵导入项目${n},基金招引,${w.A.fund},2024-06-01,1000000,${w.unitId},${w.unitId}\n`,
    headers: { 'content-type': 'text/csv' },
    expect: [201, 201, 201, 400, 403],
  },
  // Distributions and NAV reports are platform records: a manager may neither fetch the template nor import.
  get('GET /api/imports/fund-flows/template.xlsx', () => '/api/imports/fund-flows/template.xlsx', STAFF_REVIEW),
  {
    route: 'POST /api/imports/fund-flows',
    // Each role imports the same row: from the second on it repeats the first one's record, confirmed.
    url: () => '/api/imports/fund-flows?confirmDuplicates=1',
    body: (w) => `基金,类型,日期,金额（元）\n${w.A.fund},估值,2024-06-30,1000000\n`,
    headers: { 'content-type': 'text/csv' },
    expect: STAFF_WRITE,
  },
  // The service loop: staff assign owners and keep the templates; the node plan is written like milestones.
  get('GET /api/projects/:id/owners', (w) => `/api/projects/${w.A.project}/owners`, SCOPED_READ),
  post(
    'POST /api/projects/:id/owners',
    (w) => `/api/projects/${w.A.project}/owners`,
    (w, n) => ({ userId: w.ownerCandidates[n % w.ownerCandidates.length], duty: 'member' }),
    STAFF_WRITE,
  ),
  {
    route: 'DELETE /api/projects/:id/owners/:ownerId',
    url: async (w) => `/api/projects/${w.A.project}/owners/${await w.freshOwner()}`,
    body: () => ({}),
    expect: STAFF_REVIEW,
  },
  post(
    'POST /api/node-templates',
    () => '/api/node-templates',
    (_w, n) => ({ name: `矩阵模板${n}`, nodes: [{ name: '开工', stage: 'started', offsetDays: 90 }] }),
    STAFF_WRITE,
  ),
  get('GET /api/node-templates', () => '/api/node-templates', EVERYONE),
  post(
    'POST /api/projects/:id/nodes',
    (w) => `/api/projects/${w.A.project}/nodes`,
    (_w, n) => ({ name: `矩阵节点${n}`, planned: '2025-01-01' }),
    MANAGER_WRITE,
  ),
  get('GET /api/projects/:id/nodes', (w) => `/api/projects/${w.A.project}/nodes`, SCOPED_READ),
  {
    route: 'PATCH /api/nodes/:id',
    url: async (w) => `/api/nodes/${await w.freshNode()}`,
    body: () => ({ planned: '2025-02-01' }),
    expect: [200, 200, 200, 404, 403],
  },
  get('GET /api/me/work', () => '/api/me/work', EVERYONE),
  get('GET /api/imports/nodes/template.xlsx', () => '/api/imports/nodes/template.xlsx', [200, 200, 200, 200, 403]),
  {
    route: 'POST /api/imports/nodes',
    url: () => '/api/imports/nodes',
    // One node on fund A's project: for the manager of B that project does not exist, a row problem (400).
    body: (w, n) => `项目编号,节点名称,计划日期\n${w.A.project},矩阵导入节点${n},2025-01-01\n`,
    headers: { 'content-type': 'text/csv' },
    expect: [201, 201, 201, 400, 403],
  },
  get(
    'GET /api/imports/activities/template.xlsx',
    () => '/api/imports/activities/template.xlsx',
    [200, 200, 200, 200, 403],
  ),
  {
    route: 'POST /api/imports/activities',
    url: () => '/api/imports/activities',
    // An activity of fund A linking A's project: for the manager of B both are outside its funds, row problems (400).
    body: (w, n) =>
      `单位,基金,活动类型,开始日期,推进项目,备注说明\n${w.unitId},${w.A.fund},洽谈,2025-01-0${(n % 9) + 1},${w.A.project},矩阵${n}\n`,
    headers: { 'content-type': 'text/csv' },
    expect: [201, 201, 201, 400, 403],
  },
  get('GET /api/exports/fund-flows.xlsx', () => '/api/exports/fund-flows.xlsx', EVERYONE),
  get(
    'GET /api/exports/fund-flows.xlsx',
    (w) => `/api/exports/fund-flows.xlsx?fundId=${w.A.fund}`,
    SCOPED_READ,
    '?fundId=A',
  ),
];

/** Two sub-funds A and B under a mother M, each with a commitment, an investment, a project and a credit. */
async function buildWorld(): Promise<World> {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '矩阵区', code: '340299' });
  const M = await t.create('/api/funds', { name: '矩阵母基金', level: 'mother' });
  const family = async (tag: string) => {
    const fund = await t.create('/api/funds', { name: `${tag}子基金`, level: 'sub', parentId: M.id });
    const commitment = await t.create(`/api/funds/${fund.id}/commitments`, {
      investorType: 'fund',
      investorFundId: M.id,
      amount: '100000000',
      committedOn: '2024-01-01',
    });
    await t.create(`/api/commitments/${commitment.id}/contributions`, { amount: '10000000', paidOn: '2024-01-15' });
    const investment = await t.create(`/api/funds/${fund.id}/investments`, {
      company: { name: `${tag}被投企业有限公司` },
      amount: '10000000',
      investedOn: '2024-02-01',
    });
    const project = await t.create('/api/projects', {
      name: `${tag}基金招引项目`,
      sourceType: 'fund',
      sourceFundId: fund.id,
      investmentId: investment.id,
      reportedOn: '2024-03-01',
      plannedTotal: '50000000',
      company: { name: `${tag}项目公司有限公司` },
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    await t.create(`/api/projects/${project.id}/milestones`, { stage: 'signed', on: '2024-04-01' });
    const credit = await t.create(`/api/funds/${fund.id}/reinvestment-credits`, {
      category: 'local_company',
      amount: '10000000',
      on: '2024-05-01',
      companyId: investment.companyId,
    });
    const target = await t.create('/api/targets', { fundId: fund.id, year: 2025, metric: 'signed', value: '1' });
    return {
      fund: fund.id as number,
      commitment: commitment.id as number,
      company: investment.companyId as number,
      investment: investment.id as number,
      project: project.id as number,
      credit: credit.id as number,
      target: target.id as number,
    };
  };
  const A = await family('甲');
  const B = await family('乙');
  const staff = await t.userWith('staff');
  const mgrA = await t.userWith('manager', [A.fund]);
  const mgrB = await t.userWith('manager', [B.fund]);
  const leader = await t.userWith('leader');
  const revoked = await t.userWith('staff');
  await t.ok('POST', `/api/users/${revoked.id}/revoke`, {});
  const ownerCandidates: number[] = [];
  for (let i = 0; i < 8; i++) ownerCandidates.push((await t.userWith('leader', undefined, `matrix-candidate-${i}`)).id);

  let made = 0;
  return {
    t,
    tokens: {
      admin: ADMIN_TOKEN,
      staff: staff.token,
      mgrOwn: mgrA.token,
      mgrOther: mgrB.token,
      leader: leader.token,
      none: null,
      revoked: revoked.token,
    },
    unitId: unit.id,
    M: M.id,
    A,
    B: { fund: B.fund },
    async pendingProject() {
      const p = await t.create(
        '/api/projects',
        {
          name: `甲基金待认定项目${++made}`,
          sourceType: 'fund',
          sourceFundId: A.fund,
          reportedOn: '2024-06-01',
          plannedTotal: '1000000',
          introducingUnitId: unit.id,
          landingUnitId: unit.id,
        },
        mgrA.token,
      );
      return p.id;
    },
    async pendingCredit() {
      const r = await t.create(`/api/funds/${A.fund}/reinvestment-credits`, {
        category: 'local_company',
        amount: '100',
        on: '2024-06-01',
        companyId: A.company,
      });
      return r.id;
    },
    async pendingArrival() {
      const a = await t.create(
        `/api/projects/${A.project}/arrivals`,
        { amount: '100', arrivedOn: '2024-06-01', kind: 'working' },
        mgrA.token,
      );
      return a.id;
    },
    async freshFile() {
      const res = await t.app.request(
        uploadRequest('http://localhost', staff.token, `project:${A.project}`, pdfBytes(`矩阵${++made}`)),
      );
      return ((await res.json()) as { id: number }).id;
    },
    async freshUser() {
      return (await t.userWith('leader', undefined, `matrix-target-${++made}`)).id;
    },
    ownerCandidates,
    async freshOwner() {
      const user = await t.userWith('staff', undefined, `matrix-owner-${++made}`);
      const o = await t.create(`/api/projects/${A.project}/owners`, { userId: user.id, duty: 'member' }, staff.token);
      return o.id;
    },
    async freshNode() {
      const n = await t.create(
        `/api/projects/${A.project}/nodes`,
        { name: '矩阵任务', planned: '2025-01-01' },
        staff.token,
      );
      return n.id;
    },
    async openRequest() {
      const r = await t.create(
        '/api/requests',
        { projectId: A.project, category: 'land', unitId: unit.id, raisedOn: '2024-06-01', description: '矩阵诉求' },
        staff.token,
      );
      return r.id;
    },
  };
}

const auditCount = (t: TestApp) => (t.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
const codeOf: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

describe('access matrix', () => {
  let w: World;
  let calls = 0;
  beforeAll(async () => {
    w = await buildWorld();
  });

  it('lists every registered /api route, and only those', () => {
    const registered = [
      ...new Set(
        w.t.app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    const listed = new Set(table.map((r) => r.route));
    expect(
      registered.filter((r) => !listed.has(r)),
      'routes registered without a decided access rule in this table',
    ).toEqual([]);
    expect(
      [...listed].filter((r) => !registered.includes(r)),
      'rows for routes the app no longer registers',
    ).toEqual([]);
  });

  describe.each(table.map((row) => [`${row.route}${row.variant ? ` ${row.variant}` : ''}`, row] as const))(
    '%s',
    (_name, row) => {
      it.each(whos)('as %s', async (who) => {
        const [method, pattern] = row.route.split(' ') as [string, string];
        const expected = who === 'none' || who === 'revoked' ? 401 : row.expect[whos.indexOf(who)]!;
        const url = await row.url(w);
        // The row's URL must be an instance of its route, so the table cannot test one route under another's name.
        expect(url.split('?')[0]).toMatch(
          new RegExp(
            `^${pattern
              .replace(/\./g, '\\.')
              .replace(/:id/g, '\\d+')
              .replace(/:ownerId/g, '\\d+')
              .replace(/:month/g, '\\d{4}-\\d{2}')}$`,
          ),
        );
        const body = row.body?.(w, ++calls);
        const before = auditCount(w.t);
        const r = row.upload
          ? await Promise.resolve(
              w.t.app.request(
                uploadRequest('http://localhost', w.tokens[who] ?? '', row.upload(w), pdfBytes(`矩阵上传${calls}`)),
              ),
            ).then(async (res: Response) => ({ status: res.status, body: (await res.json()) as any }))
          : await w.t.call(method, url, body, { token: w.tokens[who], headers: row.headers });
        expect(r.status, JSON.stringify(r.body)).toBe(expected);
        const written = auditCount(w.t) - before;
        if (expected >= 400) {
          if (expected === 400) expect(r.body.error.code).toBe('invalid_request');
          else expect(r.body).toEqual({ error: { code: codeOf[expected], message: expect.any(String) } });
          expect(written, 'a refused request changes nothing').toBe(0);
        } else if (method === 'GET') {
          expect(written, 'a read writes nothing').toBe(0);
        } else {
          expect(written, 'a write leaves an audit row').toBeGreaterThan(0);
        }
      });
    },
  );
});
