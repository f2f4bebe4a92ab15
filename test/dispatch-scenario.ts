// One district for the 调度 (dispatch) tests, D = 2025-06-30 and the default horizon h = 14 (D + h = 2025-07-14).
// Projects, milestones and users go through the API; owners, nodes and requests (and their history) are written
// with drizzle, as their own write routes would leave them (service_requests.resolvedOn: the last resolution while
// resolved or closed, null once reopened).
//
//   P1 (fund A, 鸠江区; liaison 李对接 until 2025-04-01, then 王对接; 张领导 is its 包挂领导, not its liaison):
//     n1 stage registered, planned 02-15 — reached 03-01 ≤ D: done
//     n2 task 立项备案, planned 06-29 (baseline 06-01, re-planned) — 滞后 1 day (D − 1)
//     n3 stage started, planned 06-30 = D — 临期, 0 days (planned < D is 滞后; = D is not)
//     n4 task 环评批复, planned 07-14 = D + h — 临期 (the horizon's last day)
//     n5 task 施工许可, planned 07-15 = D + h + 1 — not listed
//     n6 task 土地摘牌, planned 05-01, done 06-30 = D — done
//     n7 task 工商注册, planned 05-01, done 07-01 (after D) — 滞后 60 days (30 of May + 30 of June)
//   P2 (fund B, introduced by 鸠江区, landed in 飞地园区; no liaison): n8 task planned 06-01 — unowned, 滞后 29 days
//   P3 (fund A, dropped 05-01): n9 planned 06-01 — not listed (dropped by D)
//   P4 (fund A, liaison 李对接 from 2025-04-01; started 07-05, after D): n10 stage started, planned 06-20 — 滞后 10
//
//   Requests (assignee):
//     R1  P1 赵承办, raised 06-01, due 06-16, open — 滞后 14
//     R2  P1 赵承办, raised 06-10, due 06-30 = D, accepted 06-12 — 临期
//     R3  P1 赵承办, due 06-20, resolved 06-25 ≤ D — not listed
//     R4  P1 赵承办, due 06-20, accepted 06-05, resolved 07-02 (after D) — on D accepted: 滞后 10
//     R5  P1 none, due 05-16, resolved 05-10, reopened 06-01 — unowned, open, 滞后 45 (15 of May + 30 of June)
//     R6  P1 none, due 05-16, resolved 05-10, reopened 07-03 (after D) — on D resolved: not listed
//     R7  P2's company only (fund B), none, raised 06-20, due 07-10 — unowned, 临期
//     R8  P1 赵承办, raised 07-01 (after D), due 07-05 — not listed
//     R9  P1 赵承办, due 07-15 = D + h + 1 — not listed
//     R10 P1 赵承办, due 06-15, resolved 06-20, closed 06-25 — not listed
import { projectNodes, projectOwners, requestEvents, serviceRequests } from '../src/db/schema';
import type { Db } from '../src/db';
import type { TestApp } from './helpers';

export const D = '2025-06-30';

type Client = Pick<TestApp, 'create' | 'ok' | 'call' | 'get'>;

export async function buildDispatchScenario(t: Client & { db: Db }, tag = '') {
  const U = await t.create('/api/units', { name: `鸠江区${tag}` });
  const V = await t.create('/api/units', { name: `江北飞地园区${tag}` });
  const M = await t.create('/api/funds', { name: `区级母基金${tag}`, level: 'mother', homeUnitId: U.id });
  const A = await t.create('/api/funds', { name: `智能制造子基金${tag}`, level: 'sub', parentId: M.id });
  const B = await t.create('/api/funds', { name: `新能源子基金${tag}`, level: 'sub', parentId: M.id });
  const user = (username: string, displayName: string) =>
    t.create<{ id: number; token: string }>('/api/users', {
      username: `${username}${tag}`,
      displayName,
      role: 'staff',
    });
  const li = await user('li', '李对接');
  const wang = await user('wang', '王对接');
  const zhang = await user('zhang', '张领导');
  const zhao = await user('zhao', '赵承办');
  const manager = await t.create<{ id: number; token: string }>('/api/users', {
    username: `manager-a${tag}`,
    role: 'manager',
    fundIds: [A.id],
  });

  const project = async (name: string, fund: number, steps: [string, string][], landing = U.id) => {
    const p = await t.create('/api/projects', {
      name: `${name}${tag}`,
      company: { name: `${name}企业${tag}` },
      sourceType: 'fund',
      sourceFundId: fund,
      reportedOn: '2024-10-01',
      plannedTotal: '100000000',
      introducingUnitId: U.id,
      landingUnitId: landing,
    });
    for (const [stage, on] of steps)
      await t.create(`/api/projects/${p.id}/milestones`, {
        stage,
        on,
        ...(stage === 'dropped' ? { reason: '企业放弃' } : {}),
      });
    return p as { id: number; companyId: number };
  };
  const P1 = await project('智能装备项目', A.id, [
    ['signed', '2025-01-01'],
    ['registered', '2025-03-01'],
  ]);
  const P2 = await project('储能电池项目', B.id, [['signed', '2025-01-01']], V.id);
  const P3 = await project('放弃项目', A.id, [
    ['signed', '2025-01-01'],
    ['dropped', '2025-05-01'],
  ]);
  const P4 = await project('机器人项目', A.id, [
    ['signed', '2025-01-01'],
    ['started', '2025-07-05'],
  ]);

  await t.db.insert(projectOwners).values([
    { projectId: P1.id, userId: li.id, duty: 'liaison', fromOn: '2025-01-05', toOn: '2025-04-01' },
    { projectId: P1.id, userId: wang.id, duty: 'liaison', fromOn: '2025-04-01' },
    { projectId: P1.id, userId: zhang.id, duty: 'leader', fromOn: '2025-01-05' },
    { projectId: P2.id, userId: zhang.id, duty: 'member', fromOn: '2025-01-05' },
    { projectId: P4.id, userId: li.id, duty: 'liaison', fromOn: '2025-04-01' },
  ]);

  let position = 0;
  const node = async (
    projectId: number,
    name: string,
    planned: string,
    o: { stage?: 'registered' | 'started'; actual?: string; baseline?: string } = {},
  ) => {
    const [row] = await t.db
      .insert(projectNodes)
      .values({
        projectId,
        position: ++position,
        name,
        stage: o.stage ?? null,
        plannedOn: planned,
        baselineOn: o.baseline ?? planned,
        actualOn: o.actual ?? null,
      })
      .returning();
    return row!.id;
  };
  const nodes = {
    n1: await node(P1.id, '工商注册（阶段）', '2025-02-15', { stage: 'registered' }),
    n2: await node(P1.id, '立项备案', '2025-06-29', { baseline: '2025-06-01' }),
    n3: await node(P1.id, '开工', D, { stage: 'started' }),
    n4: await node(P1.id, '环评批复', '2025-07-14'),
    n5: await node(P1.id, '施工许可', '2025-07-15'),
    n6: await node(P1.id, '土地摘牌', '2025-05-01', { actual: D }),
    n7: await node(P1.id, '工商注册', '2025-05-01', { actual: '2025-07-01' }),
    n8: await node(P2.id, '立项备案', '2025-06-01'),
    n9: await node(P3.id, '立项备案', '2025-06-01'),
    n10: await node(P4.id, '开工', '2025-06-20', { stage: 'started' }),
  };

  type Status = 'open' | 'accepted' | 'resolved' | 'closed';
  const request = async (
    o: { projectId?: number; companyId?: number; assignee?: number; raised: string; due: string },
    history: [Status, string][] = [],
  ) => {
    const last = history.at(-1);
    const lastResolved = [...history].reverse().find(([s]) => s === 'resolved');
    const settled = last && (last[0] === 'resolved' || last[0] === 'closed');
    const [row] = await t.db
      .insert(serviceRequests)
      .values({
        projectId: o.projectId ?? null,
        companyId: o.companyId ?? null,
        category: 'approval',
        unitId: U.id,
        assigneeId: o.assignee ?? null,
        raisedOn: o.raised,
        dueOn: o.due,
        description: `诉求 ${o.raised} → ${o.due}`,
        status: last?.[0] ?? 'open',
        resolvedOn: settled ? lastResolved![1] : null,
        closedOn: last?.[0] === 'closed' ? last[1] : null,
        rating: last?.[0] === 'closed' ? 'satisfied' : null,
      })
      .returning();
    const id = row!.id;
    await t.db.insert(requestEvents).values(
      [['open', o.raised] as [Status, string], ...history].map(([status, happenedOn]) => ({
        requestId: id,
        status,
        happenedOn,
      })),
    );
    return id;
  };
  const onP1 = { projectId: P1.id };
  const requests = {
    R1: await request({ ...onP1, assignee: zhao.id, raised: '2025-06-01', due: '2025-06-16' }),
    R2: await request({ ...onP1, assignee: zhao.id, raised: '2025-06-10', due: D }, [['accepted', '2025-06-12']]),
    R3: await request({ ...onP1, assignee: zhao.id, raised: '2025-06-01', due: '2025-06-20' }, [
      ['accepted', '2025-06-02'],
      ['resolved', '2025-06-25'],
    ]),
    R4: await request({ ...onP1, assignee: zhao.id, raised: '2025-06-01', due: '2025-06-20' }, [
      ['accepted', '2025-06-05'],
      ['resolved', '2025-07-02'],
    ]),
    R5: await request({ ...onP1, raised: '2025-05-01', due: '2025-05-16' }, [
      ['resolved', '2025-05-10'],
      ['open', '2025-06-01'],
    ]),
    R6: await request({ ...onP1, raised: '2025-05-01', due: '2025-05-16' }, [
      ['resolved', '2025-05-10'],
      ['open', '2025-07-03'],
    ]),
    R7: await request({ companyId: P2.companyId, raised: '2025-06-20', due: '2025-07-10' }),
    R8: await request({ ...onP1, assignee: zhao.id, raised: '2025-07-01', due: '2025-07-05' }),
    R9: await request({ ...onP1, assignee: zhao.id, raised: '2025-06-20', due: '2025-07-15' }),
    R10: await request({ ...onP1, assignee: zhao.id, raised: '2025-06-01', due: '2025-06-15' }, [
      ['resolved', '2025-06-20'],
      ['closed', '2025-06-25'],
    ]),
  };
  return {
    units: { U: U.id as number, V: V.id as number },
    funds: { M: M.id as number, A: A.id as number, B: B.id as number },
    users: { li, wang, zhang, zhao, manager },
    projects: { P1, P2, P3, P4 },
    nodes,
    requests,
  };
}
export type DispatchScenario = Awaited<ReturnType<typeof buildDispatchScenario>>;
