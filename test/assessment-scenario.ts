// One district for the alert (预警) and 产业链 map tests, on Node and on workerd/D1: every alert kind at its threshold
// and one day short of it, a corrected signing date, drops before and after landing, pending leads and credits,
// a 飞地 project (introduced by 鸠江区, landed in the park), a sub-unit, a second fund a manager of A must not see.
// D = 2025-06-30. Cut-offs (SPEC §7): signed D − 180 = 2025-01-01 (Jan 1 is day 1, Jun 30 day 181 of 2025);
// started D − 730 = 2023-07-01 (2023-06-30 → 2025-06-30 is 731 days, 2024 being leap); stale D − 90 = 2025-04-01
// (29 days left of April + 31 + 30); pending D − 14 = 2025-06-16.
import type { TestApp } from './helpers';

export const D = '2025-06-30';

type Client = Pick<TestApp, 'create' | 'ok' | 'call' | 'get'>;

export async function buildAssessmentScenario(t: Client, tag = '') {
  const U = await t.create('/api/units', { name: `鸠江区${tag}` });
  const U1 = await t.create('/api/units', { name: `湾里街道${tag}`, parentId: U.id });
  const V = await t.create('/api/units', { name: `江北飞地园区${tag}` });
  const M = await t.create('/api/funds', { name: `区级母基金${tag}`, level: 'mother', homeUnitId: U.id });
  const A = await t.create('/api/funds', { name: `智能制造子基金${tag}`, level: 'sub', parentId: M.id });
  const B = await t.create('/api/funds', { name: `新能源子基金${tag}`, level: 'sub', parentId: M.id });
  const robot = await t.create('/api/chains', {
    name: `机器人${tag}`,
    leader: '张区长',
    leadCompanies: ['擎天机器人'],
  });
  const energy = await t.create('/api/chains', { name: `新能源${tag}` });
  const tourism = `文旅${tag}`;

  const project = async (
    label: string,
    o: {
      fund?: number;
      reported: string;
      planned: string;
      intro?: number;
      landing?: number;
      chain?: string | null;
      node?: string;
      action?: string;
      steps?: [string, string][];
      arrivals?: [string, string][];
      token?: string;
    },
  ) => {
    const p = await t.create(
      '/api/projects',
      {
        name: `项目${label}${tag}`,
        sourceType: 'fund',
        sourceFundId: o.fund ?? A.id,
        reportedOn: o.reported,
        plannedTotal: o.planned,
        introducingUnitId: o.intro ?? U.id,
        landingUnitId: o.landing ?? U.id,
        ...(o.chain ? { chain: o.chain } : {}),
        ...(o.node ? { chainNode: o.node } : {}),
        ...(o.action ? { chainAction: o.action } : {}),
      },
      o.token,
    );
    for (const [stage, on] of o.steps ?? [])
      await t.create(`/api/projects/${p.id}/milestones`, {
        stage,
        on,
        ...(stage === 'dropped' ? { reason: '企业放弃' } : {}),
      });
    for (const [amount, arrivedOn] of o.arrivals ?? [])
      await t.create(`/api/projects/${p.id}/arrivals`, { amount, arrivedOn, kind: 'fixed_asset' });
    return p.id as number;
  };
  const robotName = robot.name as string;
  // 签约未开工 on its cut-off (180 days); an arrival keeps it from being stale.
  const P1 = await project('1', {
    reported: '2024-10-01',
    planned: '10000000',
    chain: robotName,
    node: 'upstream',
    action: 'fill',
    steps: [['signed', '2025-01-01']],
    arrivals: [['1000000', '2025-05-01']],
  });
  // one day short (179 days).
  const P2 = await project('2', {
    reported: '2024-10-01',
    planned: '10000000',
    steps: [['signed', '2025-01-02']],
    arrivals: [['1000000', '2025-05-01']],
  });
  // 开工未竣工 on its cut-off (730 days); landed on the chain's midstream; one arrival after D.
  const P3 = await project('3', {
    reported: '2023-01-01',
    planned: '50000000',
    chain: robotName,
    node: 'midstream',
    action: 'strengthen',
    steps: [
      ['signed', '2023-03-01'],
      ['started', '2023-07-01'],
    ],
    arrivals: [
      ['10000000', '2025-06-01'],
      ['1000000', '2025-07-01'],
    ],
  });
  // one day short (729 days).
  const P4 = await project('4', {
    reported: '2023-01-01',
    planned: '10000000',
    steps: [
      ['signed', '2023-03-01'],
      ['started', '2023-07-02'],
    ],
    arrivals: [['1000000', '2025-06-01']],
  });
  // 长期无进展 on its cut-off (reported 90 days before D, nothing since), in the sub-unit, on the chain without a node.
  const P5 = await project('5', {
    reported: '2025-04-01',
    planned: '5000000',
    intro: U1.id,
    landing: U1.id,
    chain: robotName,
  });
  // one day short (89 days), on a chain that is not a key chain.
  const P6 = await project('6', {
    reported: '2025-04-02',
    planned: '8000000',
    chain: tourism,
    node: 'upstream',
    action: 'extend',
  });
  // signed 2024-12-01 (211 days before D), corrected to 2025-02-01 (149 days): no alert.
  const P7 = await project('7', {
    reported: '2024-06-01',
    planned: '10000000',
    steps: [
      ['signed', '2024-12-01'],
      ['signed', '2025-02-01'],
    ],
    arrivals: [['1000000', '2025-05-01']],
  });
  // landed (registered 2024-07-01), dropped 2025-03-01: no alert as of D, still landed on the map; 签约未开工 as of 2025-02-28.
  const P8 = await project('8', {
    reported: '2024-05-01',
    planned: '20000000',
    chain: robotName,
    node: 'midstream',
    action: 'fill',
    steps: [
      ['signed', '2024-06-01'],
      ['registered', '2024-07-01'],
      ['dropped', '2025-03-01'],
    ],
  });
  // fund B, a 飞地 project: introduced by 鸠江区, landed in the park; 签约未开工 for 211 days (an arrival keeps it from being stale).
  const P11 = await project('11', {
    fund: B.id,
    reported: '2024-11-01',
    planned: '30000000',
    landing: V.id,
    chain: robotName,
    node: 'downstream',
    action: 'extend',
    steps: [['signed', '2024-12-01']],
    arrivals: [['1000000', '2025-05-01']],
  });
  // producing long ago: never stale, never 开工未竣工.
  const P12 = await project('12', {
    reported: '2020-01-01',
    planned: '10000000',
    steps: [
      ['signed', '2020-02-01'],
      ['started', '2020-03-01'],
      ['completed', '2020-04-01'],
      ['producing', '2020-05-01'],
    ],
  });
  // dropped before landing: neither landed nor pipeline on the map.
  const P13 = await project('13', {
    reported: '2024-04-01',
    planned: '6000000',
    chain: robotName,
    node: 'downstream',
    action: 'fill',
    steps: [
      ['signed', '2024-05-01'],
      ['dropped', '2025-01-01'],
    ],
  });

  const mgrA = await t.create('/api/users', { username: `manager-a${tag}`, role: 'manager', fundIds: [A.id] });
  const mgrB = await t.create('/api/users', { username: `manager-b${tag}`, role: 'manager', fundIds: [B.id] });
  const leader = await t.create('/api/users', { username: `leader${tag}`, role: 'leader' });
  // pending leads of A (a manager's submissions), 14 and 13 days before D, on the robot chain (not on the map: pending).
  const P9 = await project('9', {
    reported: '2025-06-16',
    planned: '1000000',
    chain: robotName,
    node: 'upstream',
    action: 'fill',
    token: mgrA.token,
  });
  const P10 = await project('10', { reported: '2025-06-17', planned: '1000000', token: mgrA.token });
  const company = await t.create('/api/companies', { name: `芜湖返投认定企业${tag}有限公司` });
  const C1 = await t.create(`/api/funds/${A.id}/reinvestment-credits`, {
    category: 'local_company',
    amount: '100.00',
    on: '2025-06-16',
    companyId: company.id,
  });
  const C2 = await t.create(`/api/funds/${A.id}/reinvestment-credits`, {
    category: 'local_company',
    amount: '100.00',
    on: '2025-06-17',
    companyId: company.id,
  });

  return {
    units: { U: U.id as number, U1: U1.id as number, V: V.id as number },
    funds: { M: M.id as number, A: A.id as number, B: B.id as number },
    chains: { robot: robotName, energy: energy.name as string, tourism, robotId: robot.id as number },
    projects: { P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, P12, P13 },
    credits: { C1: C1.id as number, C2: C2.id as number },
    company: company.name as string,
    tokens: { mgrA: mgrA.token as string, mgrB: mgrB.token as string, leader: leader.token as string },
  };
}
export type AssessmentScenario = Awaited<ReturnType<typeof buildAssessmentScenario>>;
