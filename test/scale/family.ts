// A fund family and a unit tree big enough that a statement binding one variable per fund or per unit goes over
// D1's 100, built through the API (cheap at this size) so the same code serves the Node and the workerd suites.
import type { TestApp } from '../helpers';
import { withCheck } from '../worked-example';

type Client = Pick<TestApp, 'create' | 'ok'>;

/** Answers a raw Response for a path, without following redirects: app.request in Node, the worker's fetch in workerd. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export interface ScaleWorld {
  /** The family's root (a mother fund) and every fund id of it, root first. */
  mother: number;
  funds: number[];
  /** A fund two levels below the mother, and the deepest fund of the family. */
  grandchild: number;
  deepest: number;
  /** The region's root unit and its sub-units (all of them under the root, some two levels down). */
  region: number;
  subUnits: number[];
  /** Projects sourced by funds of the family, one of them with milestones and arrivals. */
  projects: number[];
  /** A manager bound to the mother (so to the whole family), with a password for the pages. */
  manager: { id: number; token: string; username: string; password: string };
  /** An admin with a password, for the pages. */
  admin: { id: number; token: string; username: string; password: string };
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Builds, under names starting with `tag`: a unit with `subUnits` sub-units (a fifth of them one level further down),
 * a mother fund whose family has `funds` funds in a ternary tree (so some are five levels deep), commitments and
 * contributions on the top of the tree, an investment and a 返投 credit, a dozen projects spread over the family's
 * funds and the sub-units (one signed, started, with an arrival), a target, and a manager and an admin with passwords.
 */
export async function buildScale(t: Client, tag: string, { funds = 150, subUnits = 120 } = {}): Promise<ScaleWorld> {
  const region = (await t.create('/api/units', { name: `${tag}市`, peerGroup: '地市' })).id as number;
  const units: number[] = [];
  for (let i = 0; i < subUnits; i++) {
    // every fifth sub-unit sits under the one before it: a unit tree three levels deep
    const parentId = i % 5 === 4 ? units[i - 1]! : region;
    units.push(
      (await t.create('/api/units', { name: `${tag}第${i + 1}区`, parentId, peerGroup: i % 2 ? '县区' : '开发区' })).id,
    );
  }

  const mother = (
    await t.create('/api/funds', {
      name: `${tag}母基金`,
      level: 'mother',
      homeUnitId: region,
      establishedOn: '2021-01-01',
    })
  ).id as number;
  const ids = [mother];
  const depth = new Map([[mother, 0]]);
  for (let i = 1; i < funds; i++) {
    const parentId = ids[Math.floor((i - 1) / 3)]!;
    const f = await t.create('/api/funds', {
      name: `${tag}子基金${i}`,
      level: 'sub',
      parentId,
      homeUnitId: units[i % units.length] ?? region,
      establishedOn: '2022-01-01',
      reinvestment: { multiple: '1.2', base: 'parent_committed' },
    });
    ids.push(f.id);
    depth.set(f.id, depth.get(parentId)! + 1);
  }
  const grandchild = ids.find((f) => depth.get(f) === 2)!;
  const deepest = ids.reduce((a, b) => (depth.get(b)! > depth.get(a)! ? b : a));

  // Capital on the top of the tree: the mother from the treasury, its first children from the mother and society.
  const fiscal = await t.create(`/api/funds/${mother}/commitments`, {
    investorType: 'fiscal',
    investorName: `${tag}财政局`,
    amount: '1000000000',
    committedOn: '2021-01-01',
  });
  await t.create(`/api/commitments/${fiscal.id}/contributions`, { amount: '400000000', paidOn: '2021-03-01' });
  for (const sub of ids.slice(1, 4)) {
    const fromMother = await t.create(`/api/funds/${sub}/commitments`, {
      investorType: 'fund',
      investorFundId: mother,
      amount: '100000000',
      committedOn: '2022-01-01',
    });
    await t.create(`/api/commitments/${fromMother.id}/contributions`, { amount: '50000000', paidOn: '2022-03-01' });
    await t.create(`/api/funds/${sub}/commitments`, {
      investorType: 'social',
      investorName: `${tag}社会出资人${sub}`,
      amount: '300000000',
      committedOn: '2022-01-01',
    });
  }
  const code = withCheck(
    `91340207${Array.from({ length: 9 }, (_, i) => CODE_CHARS[(tag.charCodeAt(i % tag.length) + i * 7) % CODE_CHARS.length]).join('')}`,
  );
  const investment = await t.create(`/api/funds/${grandchild}/investments`, {
    company: { name: `${tag}被投企业有限公司`, creditCode: code },
    amount: '20000000',
    investedOn: '2023-05-01',
    round: 'A',
    roundSize: '80000000',
  });
  const credit = await t.create(`/api/funds/${grandchild}/reinvestment-credits`, {
    category: 'local_company',
    amount: '30000000',
    on: '2023-06-01',
    companyId: investment.companyId,
  });
  await t.ok('POST', `/api/reinvestment-credits/${credit.id}/approve`, {});
  await t.create('/api/targets', { unitId: region, year: 2026, metric: 'outcomes.landed', value: '10' });
  await t.create('/api/targets', { fundId: mother, year: 2026, metric: 'outcomes.leads', value: '20' });

  const projects: number[] = [];
  for (let i = 0; i < 12; i++) {
    const p = await t.create('/api/projects', {
      name: `${tag}招引项目${i + 1}`,
      sourceType: 'fund',
      sourceFundId: ids[(i * 13) % ids.length],
      reportedOn: '2024-01-10',
      plannedTotal: String(50_000_000 + i * 10_000_000),
      chain: i % 2 ? '新能源汽车' : '智能装备',
      introducingUnitId: units[(i * 11) % units.length] ?? region,
      landingUnitId: units[(i * 7 + 3) % units.length] ?? region,
    });
    projects.push(p.id);
  }
  await t.create(`/api/projects/${projects[0]}/milestones`, { stage: 'signed', on: '2024-03-01' });
  await t.create(`/api/projects/${projects[0]}/milestones`, { stage: 'started', on: '2024-06-01' });
  await t.create(`/api/projects/${projects[0]}/arrivals`, {
    amount: '20000000',
    arrivedOn: '2024-07-01',
    kind: 'fixed_asset',
  });

  const password = 'scale-pass-1';
  const managerName = `${tag}-gp`.replace(/[^A-Za-z0-9_.-]/g, '');
  const adminName = `${tag}-admin`.replace(/[^A-Za-z0-9_.-]/g, '');
  const manager = await t.create('/api/users', { username: managerName, role: 'manager', fundIds: [mother], password });
  const admin = await t.create('/api/users', { username: adminName, role: 'admin', password });
  await addServiceLoop(t, tag, {
    projects,
    units: units.length ? units : [region],
    ownerId: admin.id,
    companyId: investment.companyId,
  });
  return {
    mother,
    funds: ids,
    grandchild,
    deepest,
    region,
    subUnits: units,
    projects,
    manager: { id: manager.id, token: manager.token, username: managerName, password },
    admin: { id: admin.id, token: admin.token, username: adminName, password },
  };
}

/**
 * The service loop (SPEC §9) on the world's projects: three more signed (one dropped later), a node template of stage
 * and task nodes applied to each signed project (one node re-planned, one task done), owners with history (a 对接人
 * replaced) on some, requests with their history (resolved and rated, reopened and resolved again, still open past
 * due, one about a company alone) and activities with people, companies met and linked projects, spread over the
 * sub-units: the records every service figure, 调度, alert and the 通报 read.
 */
async function addServiceLoop(
  t: Client,
  tag: string,
  w: { projects: number[]; units: number[]; ownerId: number; companyId: number },
): Promise<void> {
  const [p0, p1, p2, p3] = w.projects as [number, number, number, number];
  for (const [i, id] of [p1, p2, p3].entries()) {
    await t.create(`/api/projects/${id}/milestones`, { stage: 'signed', on: `2025-0${i + 1}-15` });
  }
  await t.create(`/api/projects/${p3}/milestones`, { stage: 'dropped', on: '2026-05-01', reason: '企业战略调整' });
  const template = await t.create('/api/node-templates', {
    name: `${tag}标准工业项目`,
    nodes: [
      { name: '工商注册', stage: 'registered', offsetDays: 30 },
      { name: '立项备案', offsetDays: 45 },
      { name: '环评批复', offsetDays: 90 },
      { name: '开工', stage: 'started', offsetDays: 120 },
      { name: '投产', stage: 'producing', offsetDays: 720 },
    ],
  });
  for (const id of [p0, p1, p2, p3]) await t.create(`/api/projects/${id}/nodes`, { templateId: template.id });
  const nodes = (await t.ok('GET', `/api/projects/${p1}/nodes`)).items as { id: number; name: string }[];
  const task = nodes.find((n) => n.name === '立项备案')!;
  await t.ok('PATCH', `/api/nodes/${task.id}`, { planned: '2025-05-01', actual: '2025-04-20' });

  await t.create(`/api/projects/${p0}/owners`, { userId: w.ownerId, duty: 'liaison', from: '2024-03-05' });
  await t.create(`/api/projects/${p0}/owners`, { userId: w.ownerId, duty: 'leader', from: '2024-03-05' });
  await t.create(`/api/projects/${p1}/owners`, { userId: w.ownerId, duty: 'member', from: '2025-02-01' });

  const unit = (i: number) => w.units[(i * 7) % w.units.length]!;
  const raise = (body: Record<string, unknown>) =>
    t.create('/api/requests', { category: 'land', description: `${tag}用地指标`, ...body });
  const move = (id: number, to: string, on: string, more: Record<string, unknown> = {}) =>
    t.ok('POST', `/api/requests/${id}/transitions`, { to, on, ...more });
  const rated = await raise({ projectId: p0, unitId: unit(1), raisedOn: '2026-02-01', assigneeId: w.ownerId });
  await move(rated.id, 'accepted', '2026-02-02');
  await move(rated.id, 'resolved', '2026-02-10', { text: '已协调' });
  await move(rated.id, 'closed', '2026-02-20', { rating: 'satisfied' });
  const reopened = await raise({ projectId: p1, unitId: unit(2), raisedOn: '2026-06-01', category: 'approval' });
  await move(reopened.id, 'accepted', '2026-06-02');
  await move(reopened.id, 'resolved', '2026-06-10', { text: '已办结' });
  await move(reopened.id, 'open', '2026-07-01');
  await move(reopened.id, 'accepted', '2026-07-02');
  await move(reopened.id, 'resolved', '2026-10-20', { text: '再次办结' });
  await raise({ projectId: p2, unitId: unit(3), raisedOn: '2026-08-01', category: 'labour' });
  await raise({ companyId: w.companyId, unitId: unit(4), raisedOn: '2026-09-01', category: 'finance' });

  await t.create('/api/activities', {
    unitId: unit(5),
    kind: 'outbound',
    startedOn: '2026-10-10',
    endedOn: '2026-10-12',
    destination: '深圳',
    topLed: true,
    participantIds: [w.ownerId],
    participantNames: ['区招商局 李明'],
    companies: [{ name: `${tag}星辰智能装备有限公司` }, { name: '某新能源电池企业' }],
    projects: [
      { projectId: p0, link: 'advanced' },
      { projectId: p2, link: 'produced' },
    ],
  });
  await t.create('/api/activities', { unitId: unit(6), kind: 'visit', startedOn: '2026-03-05' });
}

/** Logs in through /login as a person and answers the session cookie (`touyin_session=…`). */
export async function sessionCookie(fetch: Fetcher, username: string, password: string): Promise<string> {
  const page = await fetch('/login');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const loginCookie = page.headers
    .getSetCookie()
    .find((c) => c.startsWith('touyin_login_csrf='))!
    .split(';')[0]!;
  const res = await fetch('/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, username, password, next: '/' }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('touyin_session='));
  if (res.status !== 303 || !session) throw new Error(`login of ${username} → ${res.status}, no session cookie`);
  return session.split(';')[0]!;
}

const ASOF = 'asOf=2026-10-31';

/** The reports, by what they are: every call that computes figures over funds or units. */
export function reportCalls(w: ScaleWorld): Record<string, string> {
  return {
    'family metrics of the mother': `/api/funds/${w.mother}/metrics?${ASOF}`,
    'metrics of a grandchild fund': `/api/funds/${w.grandchild}/metrics?${ASOF}`,
    'metrics of the deepest fund': `/api/funds/${w.deepest}/metrics`,
    'funds report': `/api/reports/funds?${ASOF}`,
    'units report': `/api/reports/units?${ASOF}`,
    'units report, landing view': `/api/reports/units?${ASOF}&view=landing`,
    'units report of the family': `/api/reports/units?${ASOF}&fundId=${w.mother}`,
    'pipeline report': `/api/reports/pipeline?${ASOF}`,
    dispatch: `/api/dispatch?${ASOF}`,
    'service report': '/api/reports/service?from=2026-01-01&to=2026-10-31',
    'service report of the family, landing view': `/api/reports/service?from=2026-01-01&to=2026-10-31&view=landing&fundId=${w.mother}`,
    bulletin: '/api/bulletins/2026-10',
    'bulletin, landing view': '/api/bulletins/2026-10?view=landing',
    alerts: `/api/alerts?${ASOF}`,
    'alerts of the family': `/api/alerts?${ASOF}&fundId=${w.mother}`,
  };
}
export const reportPaths = (w: ScaleWorld) => Object.values(reportCalls(w));

/** The lists and records every reader may read. */
export function listPaths(w: ScaleWorld): string[] {
  return [
    '/api/me',
    '/api/units?limit=500',
    `/api/units/${w.region}`,
    '/api/funds?limit=500',
    `/api/funds?parentId=${w.mother}`,
    `/api/funds/${w.mother}`,
    `/api/funds/${w.deepest}`,
    '/api/projects?limit=500',
    `/api/projects?fundId=${w.mother}`,
    `/api/projects?fundId=${w.grandchild}&stage=reported`,
    `/api/projects/${w.projects[0]}`,
    '/api/companies?limit=500',
    '/api/investments?limit=500',
    `/api/funds/${w.grandchild}/investments`,
    '/api/reinvestment-credits?limit=500',
    `/api/reinvestment-credits?fundId=${w.mother}`,
    `/api/funds/${w.grandchild}/reinvestment-credits`,
    '/api/targets?limit=500',
    `/api/targets?fundId=${w.mother}`,
  ];
}

/** Lists only staff and admins read. */
export const staffListPaths = ['/api/audit?limit=500', '/api/users?limit=500'];

/** The Excel exports (the template is for those who import: staff, admins and managers). */
export function exportPaths(w: ScaleWorld): string[] {
  return [
    `/api/exports/funds.xlsx?${ASOF}`,
    '/api/exports/projects.xlsx',
    `/api/exports/projects.xlsx?fundId=${w.mother}`,
    '/api/imports/projects/template.xlsx',
    `/api/exports/dispatch.xlsx?${ASOF}`,
    '/api/exports/bulletin.xlsx?month=2026-10',
  ];
}

/** The pages every reader opens (with a session cookie); /review and /records are staff's. */
export function pagePaths(w: ScaleWorld): string[] {
  return [
    '/',
    `/?${ASOF}`,
    `/funds/${w.mother}`,
    `/funds/${w.deepest}`,
    '/projects',
    `/projects?fundId=${w.mother}`,
    `/projects/${w.projects[0]}`,
    '/projects/new',
    '/import',
    `/dispatch?${ASOF}`,
    '/bulletins/2026-10',
  ];
}
export const staffPagePaths = ['/review', '/records'];
