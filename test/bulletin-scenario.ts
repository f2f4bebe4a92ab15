import type { TestApp } from './helpers';

/**
 * The assessment scenario (SPEC §7) shared by the Node and the Workers route tests. Units R ⊃ {U1, U2, U3} (U1–U3
 * in peer group A), funds M ⊃ {A, B}, and these projects (introducing unit → landing unit):
 *
 * | project | fund | units   | reported   | what happens                                                              |
 * | P1      | A    | U1 → U2 | 2024-01-10 | planned 2亿; signed 03-05, started 06-10; arrivals 5000万 04-01, 1000万 07-05 (飞地) |
 * | P2      | A    | U1 → U1 | 2023-11-01 | planned 5000万; signed 2024-01-20, corrected to 2024-07-02                  |
 * | P3      | B    | U2 → U2 | 2024-02-15 | planned 1.5亿; signed 04-10, dropped 05-20                                 |
 * | P4      | B    | U2 → U1 | 2024-03-01 | submitted by B's manager, rejected: never counts                          |
 * | P5      | A    | U1 → U1 | 2024-05-01 | submitted by A's manager, still pending: never counts (a 待认定 alert)     |
 * | P6      | B    | U3 → U3 | 2024-06-01 | planned 3000万; nothing yet                                                |
 * | P7      | A    | U3 → U1 | 2023-05-01 | signed 2023-06-01, registered 2023-08-01, producing 2024-05-15 (reaches started the same day) |
 * | P8      | A    | U2 → U2 | 2023-09-01 | signed 2023-10-01, then nothing (签约未开工, 长期无进展)                   |
 *
 * and one pending 返投 credit of B dated 2024-03-01. Targets for 2024 are in `targets` below.
 */
export async function buildAssessmentScenario(t: Pick<TestApp, 'create' | 'call'>, tag = '') {
  const unit = (name: string, code: string, peerGroup?: string, parentId?: number) =>
    t.create<{ id: number }>('/api/units', { name: `${name}${tag}`, code, peerGroup, parentId });
  const R = await unit('芜湖市', '340200');
  const U1 = await unit('鸠江区', '340207', 'A', R.id);
  const U2 = await unit('弋江区', '340209', 'A', R.id);
  const U3 = await unit('湾沚区', '340210', 'A', R.id);
  const M = await t.create<{ id: number }>('/api/funds', { name: `市级母基金${tag}`, level: 'mother' });
  const A = await t.create<{ id: number }>('/api/funds', {
    name: `智能制造子基金${tag}`,
    level: 'sub',
    parentId: M.id,
  });
  const B = await t.create<{ id: number }>('/api/funds', { name: `新能源子基金${tag}`, level: 'sub', parentId: M.id });
  const user = async (role: string, fundIds?: number[]) =>
    (
      await t.create<{ token: string }>('/api/users', {
        username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
        role,
        fundIds,
      })
    ).token;
  const managerA = await user('manager', [A.id]);
  const managerB = await user('manager', [B.id]);
  const leader = await user('leader');
  const staff = await user('staff');

  let n = 0;
  const project = async (
    fund: { id: number },
    from: { id: number },
    to: { id: number },
    reportedOn: string,
    planned: string,
    token?: string,
  ) =>
    (
      await t.create<{ id: number }>(
        '/api/projects',
        {
          name: `项目${++n}${tag}`,
          sourceType: 'fund',
          sourceFundId: fund.id,
          reportedOn,
          plannedTotal: planned,
          introducingUnitId: from.id,
          landingUnitId: to.id,
        },
        token,
      )
    ).id;
  const milestone = (id: number, stage: string, on: string) =>
    t.create(`/api/projects/${id}/milestones`, {
      stage,
      on,
      ...(stage === 'dropped' && { reason: '企业投资计划调整' }),
    });
  const arrive = (id: number, amount: string, arrivedOn: string) =>
    t.create(`/api/projects/${id}/arrivals`, { amount, arrivedOn, kind: 'fixed_asset' });

  const P1 = await project(A, U1, U2, '2024-01-10', '200000000');
  await milestone(P1, 'signed', '2024-03-05');
  await milestone(P1, 'started', '2024-06-10');
  await arrive(P1, '50000000', '2024-04-01');
  await arrive(P1, '10000000', '2024-07-05');
  const P2 = await project(A, U1, U1, '2023-11-01', '50000000');
  await milestone(P2, 'signed', '2024-01-20');
  await milestone(P2, 'signed', '2024-07-02'); // a correction: the signing moves from January to July
  const P3 = await project(B, U2, U2, '2024-02-15', '150000000');
  await milestone(P3, 'signed', '2024-04-10');
  await milestone(P3, 'dropped', '2024-05-20');
  const P4 = await project(B, U2, U1, '2024-03-01', '900000000', managerB);
  const rejected = await t.call('POST', `/api/projects/${P4}/reject`, { reason: '不属于基金招引' });
  if (rejected.status !== 200) throw new Error(`reject → ${rejected.status}`);
  await project(A, U1, U1, '2024-05-01', '800000000', managerA);
  await project(B, U3, U3, '2024-06-01', '30000000');
  const P7 = await project(A, U3, U1, '2023-05-01', '120000000');
  await milestone(P7, 'signed', '2023-06-01');
  await milestone(P7, 'registered', '2023-08-01');
  await milestone(P7, 'producing', '2024-05-15');
  const P8 = await project(A, U2, U2, '2023-09-01', '60000000');
  await milestone(P8, 'signed', '2023-10-01');
  await t.create(`/api/funds/${B.id}/reinvestment-credits`, {
    category: 'local_company',
    amount: '1000000',
    on: '2024-03-01',
    projectId: P3,
  });

  const target = (owner: { unitId?: number; fundId?: number }, metric: string, value: string, weight?: string) =>
    t.create<{ id: number; weight: string }>('/api/targets', { ...owner, year: 2024, metric, value, weight });
  const targets = {
    U1signed: await target({ unitId: U1.id }, 'signed', '4', '2'),
    U1arrived: await target({ unitId: U1.id }, 'arrived', '100000000'),
    U2signed: await target({ unitId: U2.id }, 'signed', '2'),
    U2leads: await target({ unitId: U2.id }, 'newLeads', '1', '0'), // weight 0: listed, not scored
    U3started: await target({ unitId: U3.id }, 'started', '0.5'), // 200% completion, capped at 120% in the score
    U3producing: await target({ unitId: U3.id }, 'producing', '2'),
    Rleads: await target({ unitId: R.id }, 'newLeads', '0'), // a zero target has no completion
    Rlanded: await target({ unitId: R.id }, 'outcomes.landed', '2'), // an as-of metric beside the period figures
    AsignedPlanned: await target({ fundId: A.id }, 'signedPlanned', '500000000'),
    Bleads: await target({ fundId: B.id }, 'outcomes.leads', '4', '1.5'),
  };
  // A target of another year is not read.
  await t.create('/api/targets', { unitId: U1.id, year: 2023, metric: 'signed', value: '1' });
  return { R, U1, U2, U3, M, A, B, managerA, managerB, leader, staff, targets };
}
export type AssessmentScenario = Awaited<ReturnType<typeof buildAssessmentScenario>>;
