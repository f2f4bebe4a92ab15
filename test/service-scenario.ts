import {
  activities,
  activityCompanies,
  activityProjects,
  projectNodes,
  requestEvents,
  serviceRequests,
} from '../src/db/schema';
import { companyNameKey } from '../src/domain/names';
import type { RequestRating, RequestStatus } from '../src/domain/vocabulary';
import type { TestApp } from './helpers';

/**
 * The service-loop rows (nodes, 诉求, 招商活动) written straight into the tables, for the read side's tests until
 * their write APIs exist. Each helper writes what a write path would: a request's history beside its state.
 */
export function serviceRows(t: Pick<TestApp, 'db'>) {
  let position = 0;
  return {
    async node(
      projectId: number,
      n: {
        name: string;
        stage?: 'registered' | 'started' | 'completed' | 'producing';
        planned: string;
        baseline?: string;
        actual?: string;
      },
    ) {
      const [row] = await t.db
        .insert(projectNodes)
        .values({
          projectId,
          position: ++position,
          name: n.name,
          stage: n.stage ?? null,
          plannedOn: n.planned,
          baselineOn: n.baseline ?? n.planned,
          actualOn: n.actual ?? null,
        })
        .returning({ id: projectNodes.id });
      return row!.id;
    },

    /**
     * A request with its history: `events` are the states it entered after `open` on its raising day; its state in
     * force, last resolution (null once reopened), rating and closing follow from them as the transition write keeps them.
     */
    async request(r: {
      projectId?: number;
      companyId?: number;
      unitId: number;
      raisedOn: string;
      dueOn: string;
      category?: 'land' | 'labour' | 'approval' | 'finance' | 'utilities' | 'policy' | 'other';
      events?: [RequestStatus, string, RequestRating?][];
    }) {
      let status: RequestStatus = 'open';
      let resolvedOn: string | null = null;
      let closedOn: string | null = null;
      let rating: RequestRating | null = null;
      for (const [to, on, rated] of r.events ?? []) {
        status = to;
        if (to === 'resolved') resolvedOn = on;
        if (to === 'open') [resolvedOn, closedOn, rating] = [null, null, null];
        if (to === 'closed') [closedOn, rating] = [on, rated ?? null];
      }
      const [row] = await t.db
        .insert(serviceRequests)
        .values({
          projectId: r.projectId ?? null,
          companyId: r.companyId ?? null,
          category: r.category ?? 'approval',
          unitId: r.unitId,
          raisedOn: r.raisedOn,
          dueOn: r.dueOn,
          description: '办理施工许可',
          status,
          resolvedOn,
          resolution: resolvedOn ? '已办结' : null,
          rating,
          closedOn,
        })
        .returning({ id: serviceRequests.id });
      const id = row!.id;
      await t.db.insert(requestEvents).values([
        { requestId: id, status: 'open', happenedOn: r.raisedOn },
        ...(r.events ?? []).map(([to, on, rated]) => ({
          requestId: id,
          status: to,
          happenedOn: on,
          text: to === 'resolved' ? '已办结' : null,
          rating: rated ?? null,
        })),
      ]);
      return id;
    },

    async activity(a: {
      unitId: number;
      fundId?: number;
      kind: 'outbound' | 'inbound' | 'visit' | 'talks' | 'event' | 'online';
      startedOn: string;
      topLed?: boolean;
      companies?: { name: string; companyId?: number }[];
      projects?: { projectId: number; link: 'produced' | 'advanced' }[];
    }) {
      const [row] = await t.db
        .insert(activities)
        .values({
          unitId: a.unitId,
          fundId: a.fundId ?? null,
          kind: a.kind,
          startedOn: a.startedOn,
          topLed: a.topLed ?? false,
        })
        .returning({ id: activities.id });
      const id = row!.id;
      for (const c of a.companies ?? [])
        await t.db.insert(activityCompanies).values({
          activityId: id,
          name: c.name,
          nameKey: companyNameKey(c.name),
          companyId: c.companyId ?? null,
        });
      for (const p of a.projects ?? []) await t.db.insert(activityProjects).values({ activityId: id, ...p });
      return id;
    },
  };
}

/**
 * The service report's scenario (SPEC §9): units R ⊃ {U1 ⊃ U1a, U2}, funds M ⊃ {A, B}, A's manager; companies C1 (in
 * U2) and C2 (in U1a); projects
 *
 * | project | fund | units (招引 → 落地) | milestones                                                   |
 * | P1      | A    | U1a → U2 (飞地)    | signed 2024-03-01, registered 05-10, started 07-05          |
 * | P2      | B    | U2 → U2            | signed 2024-04-01                                            |
 * | P3      | A    | U1 → U1            | signed 2024-02-01, dropped 06-15                             |
 * | P4      | A    | U1a → U1a          | submitted by A's manager, still pending                      |
 *
 * with the nodes, requests and activities below; the test derives each figure of June 2024 from them by hand.
 */
export async function buildServiceScenario(t: TestApp) {
  const unit = (name: string, parentId?: number) => t.create<{ id: number }>('/api/units', { name, parentId });
  const R = await unit('芜湖市');
  const U1 = await unit('鸠江区', R.id);
  const U1a = await unit('鸠江经济开发区', U1.id);
  const U2 = await unit('弋江区', R.id);
  const M = await t.create<{ id: number }>('/api/funds', { name: '市级母基金', level: 'mother' });
  const A = await t.create<{ id: number }>('/api/funds', { name: '智能制造子基金', level: 'sub', parentId: M.id });
  const B = await t.create<{ id: number }>('/api/funds', { name: '新能源子基金', level: 'sub', parentId: M.id });
  const managerA = await t.userWith('manager', [A.id]);
  const leader = await t.userWith('leader');
  const C1 = await t.create<{ id: number }>('/api/companies', { name: '芜湖精密制造有限公司', unitId: U2.id });
  const C2 = await t.create<{ id: number }>('/api/companies', { name: '鸠江新材料有限公司', unitId: U1a.id });

  let n = 0;
  const project = async (fund: { id: number }, from: { id: number }, to: { id: number }, token?: string) =>
    (
      await t.create<{ id: number }>(
        '/api/projects',
        {
          name: `服务项目${++n}`,
          sourceType: 'fund',
          sourceFundId: fund.id,
          reportedOn: '2024-01-05',
          plannedTotal: '100000000',
          introducingUnitId: from.id,
          landingUnitId: to.id,
        },
        token,
      )
    ).id;
  const milestone = (id: number, stage: string, on: string) =>
    t.create(`/api/projects/${id}/milestones`, { stage, on, ...(stage === 'dropped' && { reason: '企业战略调整' }) });

  const P1 = await project(A, U1a, U2);
  await milestone(P1, 'signed', '2024-03-01');
  await milestone(P1, 'registered', '2024-05-10');
  await milestone(P1, 'started', '2024-07-05');
  const P2 = await project(B, U2, U2);
  await milestone(P2, 'signed', '2024-04-01');
  const P3 = await project(A, U1, U1);
  await milestone(P3, 'signed', '2024-02-01');
  await milestone(P3, 'dropped', '2024-06-15');
  const P4 = await project(A, U1a, U1a, managerA.token);

  const rows = serviceRows(t);
  // Nodes of P1: a late stage node, an on-time re-planned task, a stage node not reached by 06-30, a re-planned task
  // not yet due, a task done early whose plan lies after 06-30.
  await rows.node(P1, { name: '工商注册', stage: 'registered', planned: '2024-05-01' });
  await rows.node(P1, { name: '环评批复', planned: '2024-06-20', baseline: '2024-06-10', actual: '2024-06-18' });
  await rows.node(P1, { name: '开工', stage: 'started', planned: '2024-06-25' });
  await rows.node(P1, { name: '主体竣工', planned: '2024-07-15', baseline: '2024-06-15' });
  await rows.node(P1, { name: '施工许可', planned: '2024-07-20', actual: '2024-06-05' });
  // Nodes of P2: one planned on the window's last day (due, not yet late), one stage node late.
  await rows.node(P2, { name: '立项备案', planned: '2024-06-30' });
  await rows.node(P2, { name: '工商注册', stage: 'registered', planned: '2024-05-20' });
  // P3 was dropped on 06-15: its late node no longer counts as of 06-30.
  await rows.node(P3, { name: '土地摘牌', planned: '2024-05-01' });

  const q1 = await rows.request({
    projectId: P1,
    unitId: U2.id,
    raisedOn: '2024-06-05',
    dueOn: '2024-06-20',
    events: [
      ['accepted', '2024-06-06'],
      ['resolved', '2024-06-10'],
      ['closed', '2024-06-12', 'satisfied'],
    ],
  });
  const q2 = await rows.request({
    projectId: P1,
    unitId: U1a.id,
    raisedOn: '2024-06-10',
    dueOn: '2024-06-25',
    events: [
      ['resolved', '2024-06-15'],
      ['open', '2024-06-18'],
      ['resolved', '2024-06-28'],
    ],
  });
  const q3 = await rows.request({
    projectId: P2,
    unitId: U2.id,
    raisedOn: '2024-06-20',
    dueOn: '2024-07-05',
    events: [['resolved', '2024-07-03']],
  });
  const q4 = await rows.request({
    companyId: C2.id,
    unitId: U2.id,
    raisedOn: '2024-05-10',
    dueOn: '2024-05-25',
    category: 'land',
    events: [['accepted', '2024-05-12']],
  });
  const q5 = await rows.request({
    projectId: P2,
    unitId: U2.id,
    raisedOn: '2024-06-25',
    dueOn: '2024-06-28',
    events: [
      ['resolved', '2024-06-26'],
      ['closed', '2024-06-27', 'unsatisfied'],
    ],
  });
  const q6 = await rows.request({
    projectId: P1,
    unitId: U1.id,
    raisedOn: '2024-05-01',
    dueOn: '2024-05-16',
    events: [['resolved', '2024-06-02']],
  });
  const q7 = await rows.request({
    projectId: P1,
    unitId: U1.id,
    raisedOn: '2024-06-08',
    dueOn: '2024-06-15',
    events: [
      ['resolved', '2024-06-12'],
      ['open', '2024-06-20'],
    ],
  });

  const a1 = await rows.activity({
    unitId: U1a.id,
    fundId: A.id,
    kind: 'outbound',
    startedOn: '2024-06-03',
    topLed: true,
    companies: [{ name: '芜湖精密制造有限公司', companyId: C1.id }, { name: '深圳某科技有限公司' }],
    projects: [{ projectId: P1, link: 'produced' }],
  });
  const a2 = await rows.activity({
    unitId: U1.id,
    kind: 'visit',
    startedOn: '2024-06-15',
    companies: [{ name: '芜湖精密制造有限公司', companyId: C1.id }, { name: '深圳某科技有限公司 ' }],
    projects: [
      { projectId: P1, link: 'produced' },
      { projectId: P2, link: 'advanced' },
    ],
  });
  const a3 = await rows.activity({
    unitId: U2.id,
    fundId: B.id,
    kind: 'talks',
    startedOn: '2024-06-30',
    topLed: true,
    companies: [{ name: '杭州某新能源公司' }],
    projects: [{ projectId: P2, link: 'produced' }],
  });
  await rows.activity({ unitId: U2.id, kind: 'outbound', startedOn: '2024-05-31', topLed: true });
  await rows.activity({ unitId: U1a.id, kind: 'event', startedOn: '2024-07-01' });
  const a6 = await rows.activity({
    unitId: U2.id,
    kind: 'online',
    startedOn: '2024-06-10',
    projects: [{ projectId: P4, link: 'produced' }],
  });
  return {
    R,
    U1,
    U1a,
    U2,
    M,
    A,
    B,
    managerA,
    leader,
    C1,
    C2,
    projects: { P1, P2, P3, P4 },
    requests: { q1, q2, q3, q4, q5, q6, q7 },
    activities: { a1, a2, a3, a6 },
  };
}
export type ServiceScenario = Awaited<ReturnType<typeof buildServiceScenario>>;
