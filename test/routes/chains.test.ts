// 重点产业链 records and the 产业链 map (SPEC §7) on the district of test/assessment-scenario.ts, as of D = 2025-06-30.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessmentScenario, D, type AssessmentScenario } from '../assessment-scenario';
import { testApp, type TestApp } from '../helpers';

let t: TestApp;
let s: AssessmentScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildAssessmentScenario(t);
});

type Actions = { fill: number; extend: number; strengthen: number };
const acts = (a: Partial<Actions> = {}): Actions => ({ fill: 0, extend: 0, strengthen: 0, ...a });
const node = (
  name: string,
  o: {
    landed?: number;
    pipeline?: number;
    planned?: string;
    arrived?: string;
    actions?: Partial<Actions>;
    gap?: boolean;
  } = {},
) => ({
  node: name,
  landed: o.landed ?? 0,
  pipeline: o.pipeline ?? 0,
  planned: o.planned ?? '0.00',
  arrived: o.arrived ?? '0.00',
  actions: acts(o.actions),
  gap: o.gap ?? false,
});
const gaps = ['upstream', 'midstream', 'downstream'].map((n) => node(n, { gap: true }));

describe('the 产业链 map', () => {
  it('lists the key chains (gaps marked) and then the other chains named by projects, by node', async () => {
    const body = await t.ok('GET', `/api/reports/chains?asOf=${D}`);
    expect(body).toEqual({
      asOf: D,
      view: 'introducing',
      chains: [
        {
          chain: s.chains.robot,
          key: true,
          leader: '张区长',
          leadCompanies: ['擎天机器人'],
          nodes: [
            node('upstream', { pipeline: 1, actions: { fill: 1 } }), // P1 signed, not landed; P9 is pending
            // P3 landed by starting (50,000,000; arrivals 10,000,000 by D, the 2025-07-01 one after), P8 landed 2024-07-01
            // and was dropped 2025-03-01: still landed (20,000,000, no arrivals)
            node('midstream', {
              landed: 2,
              planned: '70000000.00',
              arrived: '10000000.00',
              actions: { fill: 1, strengthen: 1 },
            }),
            node('downstream', { pipeline: 1, actions: { extend: 1 } }), // P11 (fund B) signed; P13 dropped before landing: neither
            node('unspecified', { pipeline: 1 }), // P5 names the chain, no node and no action
          ],
        },
        { chain: s.chains.energy, key: true, leader: null, leadCompanies: [], nodes: gaps }, // no project: every link a gap
        {
          chain: s.chains.tourism,
          key: false,
          leader: null,
          leadCompanies: [],
          nodes: [node('upstream', { pipeline: 1, actions: { extend: 1 } }), node('midstream'), node('downstream')],
        },
      ],
    });
  });

  it('a manager’s map holds only its funds’ projects: fund B’s downstream project leaves a gap', async () => {
    const body = await t.ok('GET', `/api/reports/chains?asOf=${D}`, undefined, s.tokens.mgrA);
    const robot = body.chains.find((c: { chain: string }) => c.chain === s.chains.robot);
    expect(robot.nodes[2]).toEqual(node('downstream', { gap: true }));
    expect(robot.nodes[1]).toEqual(
      node('midstream', {
        landed: 2,
        planned: '70000000.00',
        arrived: '10000000.00',
        actions: { fill: 1, strengthen: 1 },
      }),
    );
    const b = await t.ok('GET', `/api/reports/chains?asOf=${D}`, undefined, s.tokens.mgrB);
    expect(b.chains.map((c: { chain: string }) => c.chain)).toEqual([s.chains.robot, s.chains.energy]); // 文旅 is A's only
    expect(b.chains[0].nodes).toEqual([
      node('upstream', { gap: true }),
      node('midstream', { gap: true }),
      node('downstream', { pipeline: 1, actions: { extend: 1 } }),
    ]);
    expect((await t.get(`/api/reports/chains?fundId=${s.funds.B}`, s.tokens.mgrA)).status).toBe(404);
  });

  it('filters by fund family and by unit in either view (the 飞地 project counts where it landed in 落地口径)', async () => {
    const byFund = await t.ok('GET', `/api/reports/chains?asOf=${D}&fundId=${s.funds.B}`);
    expect(byFund.chains.map((c: { chain: string }) => c.chain)).toEqual([s.chains.robot, s.chains.energy]);
    const landing = await t.ok('GET', `/api/reports/chains?asOf=${D}&unitId=${s.units.V}&view=landing`);
    expect(landing.chains[0].nodes[2]).toEqual(node('downstream', { pipeline: 1, actions: { extend: 1 } }));
    const introducing = await t.ok('GET', `/api/reports/chains?asOf=${D}&unitId=${s.units.V}`);
    expect(introducing.chains[0].nodes).toEqual(gaps);
    const sub = await t.ok('GET', `/api/reports/chains?asOf=${D}&unitId=${s.units.U1}`);
    expect(sub.chains[0].nodes).toEqual([...gaps, node('unspecified', { pipeline: 1 })]);
  });

  it('as of an earlier date: a project not yet reported is off the map, one not yet landed is pipeline', async () => {
    // 2024-06-30: P3 (started 2023-07-01) landed; P8 signed 2024-06-01, registered only 2024-07-01: pipeline;
    // P13 signed 2024-05-01, dropped later: pipeline; P1, P5, P6, P11 not yet reported.
    const body = await t.ok('GET', '/api/reports/chains?asOf=2024-06-30');
    expect(body.chains.map((c: { chain: string }) => c.chain)).toEqual([s.chains.robot, s.chains.energy]);
    expect(body.chains[0].nodes).toEqual([
      node('upstream', { gap: true }),
      node('midstream', { landed: 1, pipeline: 1, planned: '50000000.00', actions: { fill: 1, strengthen: 1 } }),
      node('downstream', { pipeline: 1, actions: { fill: 1 } }),
    ]);
  });

  it('key chains are records: staff write (audited), everyone reads, a duplicate name is 409, bad bodies 400', async () => {
    const list = await t.ok('GET', '/api/chains', undefined, s.tokens.mgrA);
    expect(list.items[0]).toEqual({
      id: s.chains.robotId,
      name: s.chains.robot,
      leader: '张区长',
      leadCompanies: ['擎天机器人'],
      version: 1,
    });
    expect((await t.call('POST', '/api/chains', { name: '集成电路' }, { token: s.tokens.leader })).status).toBe(403);
    expect((await t.call('POST', '/api/chains', { name: '集成电路' }, { token: s.tokens.mgrA })).status).toBe(403);
    const dup = await t.call('POST', '/api/chains', { name: s.chains.robot });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    for (const body of [
      {},
      { name: ' ' },
      { name: '集成电路', leadCompanies: '某公司' },
      { name: '集成电路', leadCompanies: [''] },
    ]) {
      const r = await t.call('POST', '/api/chains', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const audit = await t.ok('GET', `/api/audit?entity=chains&id=${s.chains.robotId}`);
    expect(audit.items[0]).toMatchObject({
      action: 'create',
      after: { name: s.chains.robot, leader: '张区长', leadCompanies: '["擎天机器人"]' },
    });
  });

  it('answers 400 for a bad date or view, 404 for a missing unit', async () => {
    for (const q of ['asOf=2025-13-01', 'view=both', 'fundId=abc'])
      expect((await t.get(`/api/reports/chains?${q}`)).status, q).toBe(400);
    expect((await t.get('/api/reports/chains?unitId=99999')).status).toBe(404);
  });
});
