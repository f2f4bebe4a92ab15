import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { Dec } from '../../src/domain/decimal';
import { buildAssessmentScenario, type AssessmentScenario } from '../bulletin-scenario';

// SPEC §7 on the scenario of test/bulletin-scenario.ts (飞地 projects, a corrected signing, a drop, a rejected and a
// pending lead, a pending credit); every figure derived by hand beside it.

/** The service loop's period figures (SPEC §9): this scenario has no activities or requests. */
const service0 = { outbound: 0, topLed: 0, visits: 0, requestsResolved: 0 };
const zero = {
  newLeads: 0,
  signed: 0,
  signedPlanned: '0.00',
  bigSigned: 0,
  started: 0,
  producing: 0,
  arrived: '0.00',
  ...service0,
};

let t: TestApp;
let s: AssessmentScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildAssessmentScenario(t);
});

const unitOf = (body: any, id: number) => body.units.find((u: any) => u.unitId === id);
const fundOf = (body: any, id: number) => body.funds.find((f: any) => f.fundId === id);

describe('GET /api/assessment', () => {
  it('2024 as of 2024-06-30, 招引口径: YTD figures, targets, 擂台赛 score, rank and board', async () => {
    const a = await t.ok('GET', '/api/assessment?year=2024&asOf=2024-06-30');
    expect(a).toMatchObject({ year: 2024, asOf: '2024-06-30', view: 'introducing', schedule: '0.4973' }); // 182 / 366
    // Peer group A by score (U3, U2, U1), then R (no peer group: listed, not ranked).
    expect(a.units.map((u: any) => [u.unitId, u.rank])).toEqual([
      [s.U3.id, 1],
      [s.U2.id, 2],
      [s.U1.id, 3],
      [s.R.id, null],
    ]);
    expect(unitOf(a, s.U1.id)).toEqual({
      unitId: s.U1.id,
      name: '鸠江区',
      code: '340207',
      parentId: s.R.id,
      peerGroup: 'A',
      // P1 reported 01-10, signed 03-05 (2亿 ≥ 1亿), started 06-10, 5000万 arrived 04-01 (07-05 is later);
      // P2's signing was corrected to 07-02 and P2 was reported in 2023; P4 (introduced by U2) and P5 (pending) never count.
      ytd: {
        ...service0,
        newLeads: 1,
        signed: 1,
        signedPlanned: '200000000.00',
        bigSigned: 1,
        started: 1,
        producing: 0,
        arrived: '50000000.00',
      },
      targets: [
        // 1 / 4; 0.25 − 182/366 = −0.24727
        {
          id: s.targets.U1signed.id,
          metric: 'signed',
          value: '4',
          weight: '2',
          actual: 1,
          completion: '0.2500',
          ahead: '-0.2473',
        },
        // 5000万 / 1亿; 0.5 − 0.49727
        {
          id: s.targets.U1arrived.id,
          metric: 'arrived',
          value: '100000000',
          weight: '1',
          actual: '50000000.00',
          completion: '0.5000',
          ahead: '0.0027',
        },
      ],
      score: '0.3333', // (2 × 0.25 + 1 × 0.5) / 3
      rank: 3,
      board: 'black', // 1/3 < 0.8 × 182/366 = 0.3978
    });
    expect(unitOf(a, s.U2.id)).toMatchObject({
      // P3: reported 02-15, signed 04-10 (1.5亿), dropped later: still signed; P8 signed in 2023
      ytd: {
        ...service0,
        newLeads: 1,
        signed: 1,
        signedPlanned: '150000000.00',
        bigSigned: 1,
        started: 0,
        producing: 0,
        arrived: '0.00',
      },
      targets: [
        { metric: 'signed', actual: 1, completion: '0.5000', ahead: '0.0027' }, // 1 / 2
        { metric: 'newLeads', weight: '0', actual: 1, completion: '1.0000', ahead: '0.5027' }, // weight 0: not in the score
      ],
      score: '0.5000',
      rank: 2,
      board: 'red', // 0.5 ≥ 0.4973
    });
    expect(unitOf(a, s.U3.id)).toMatchObject({
      // P6 reported 06-01; P7 (reported 2023) producing 05-15, which reaches started that day too
      ytd: { ...zero, newLeads: 1, started: 1, producing: 1 },
      targets: [
        { metric: 'started', completion: '2.0000', ahead: '1.5027' },
        { metric: 'producing', completion: '0.5000' },
      ],
      score: '0.8500',
      rank: 1,
      board: 'red', // (min(2, 1.2) + 0.5) / 2
    });
    expect(unitOf(a, s.R.id)).toMatchObject({
      ytd: {
        ...service0,
        newLeads: 3,
        signed: 2,
        signedPlanned: '350000000.00',
        bigSigned: 2,
        started: 2,
        producing: 1,
        arrived: '50000000.00',
      }, // U1 + U2 + U3, each project once
      targets: [
        { metric: 'newLeads', value: '0', actual: 3, completion: null, ahead: null }, // a zero target has no completion
        // as of 06-30, landed = reached registered: P7 (2023-08-01) and P1 (started 06-10 reaches registered)
        { metric: 'outcomes.landed', actual: 2, completion: '1.0000', ahead: '0.5027' },
      ],
      score: '1.0000',
      rank: null,
      board: 'red',
    });
    expect(fundOf(a, s.M.id)).toMatchObject({ ytd: unitOf(a, s.R.id).ytd, targets: [] }); // M's family holds every project
    expect(fundOf(a, s.A.id)).toMatchObject({
      // P1 (new, signed, started, 5000万) and P7 (started and producing 05-15)
      ytd: {
        ...service0,
        newLeads: 1,
        signed: 1,
        signedPlanned: '200000000.00',
        bigSigned: 1,
        started: 2,
        producing: 1,
        arrived: '50000000.00',
      },
      targets: [{ metric: 'signedPlanned', actual: '200000000.00', completion: '0.4000', ahead: '-0.0973' }], // 2亿 / 5亿
    });
    expect(fundOf(a, s.B.id)).toMatchObject({
      ytd: {
        ...service0,
        newLeads: 2,
        signed: 1,
        signedPlanned: '150000000.00',
        bigSigned: 1,
        started: 0,
        producing: 0,
        arrived: '0.00',
      }, // P3, P6
      targets: [{ metric: 'outcomes.leads', weight: '1.5', actual: 2, completion: '0.5000' }], // P3, P6 (P4 rejected) / 4
    });
  });

  it('落地口径 counts 飞地 projects for the landing unit', async () => {
    const a = await t.ok('GET', '/api/assessment?year=2024&asOf=2024-06-30&view=landing');
    expect(a.view).toBe('landing');
    // U2 lands P1 (introduced by U1) and P3
    expect(unitOf(a, s.U2.id).ytd).toEqual({
      ...service0,
      newLeads: 2,
      signed: 2,
      signedPlanned: '350000000.00',
      bigSigned: 2,
      started: 1,
      producing: 0,
      arrived: '50000000.00',
    });
    // U1 lands P7 (introduced by U3): started and producing 05-15
    expect(unitOf(a, s.U1.id).ytd).toEqual({ ...zero, started: 1, producing: 1 });
    expect(unitOf(a, s.U3.id).ytd).toEqual({ ...zero, newLeads: 1 });
    expect(unitOf(a, s.R.id).ytd.newLeads).toBe(3);
  });

  it('the correction moves P2 into July: YTD as of 07-31 and the schedule 213/366', async () => {
    const a = await t.ok('GET', '/api/assessment?year=2024&asOf=2024-07-31');
    expect(a.schedule).toBe('0.5820');
    // + P2 signed 07-02 (5000万, not 亿元以上) + P1's 1000万 on 07-05
    expect(unitOf(a, s.U1.id).ytd).toEqual({
      ...service0,
      newLeads: 1,
      signed: 2,
      signedPlanned: '250000000.00',
      bigSigned: 1,
      started: 1,
      producing: 0,
      arrived: '60000000.00',
    });
    expect(unitOf(a, s.U1.id)).toMatchObject({ score: '0.5333', rank: 2, board: null }); // (2 × 2/4 + 0.6) / 3; 0.4656 ≤ it < 0.5820
  });

  it('a past year defaults to its last day (schedule 1); asOf before the year is a 400', async () => {
    const a = await t.ok('GET', '/api/assessment?year=2024');
    expect(a).toMatchObject({ asOf: '2024-12-31', schedule: '1.0000' });
    const bad = await t.get('/api/assessment?year=2025&asOf=2024-12-31');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'asOf' }] });
    expect((await t.get('/api/assessment')).status).toBe(400);
    expect((await t.get('/api/assessment?year=2024&view=bogus')).status).toBe(400);
  });

  it("a manager sees only its funds' projects in the unit figures, and only its funds", async () => {
    const a = await t.ok('GET', '/api/assessment?year=2024&asOf=2024-06-30', undefined, s.managerB);
    expect(a.funds.map((f: any) => f.fundId)).toEqual([s.B.id]);
    expect(unitOf(a, s.U2.id).ytd).toEqual({
      ...service0,
      newLeads: 1,
      signed: 1,
      signedPlanned: '150000000.00',
      bigSigned: 1,
      started: 0,
      producing: 0,
      arrived: '0.00',
    }); // P3
    expect(unitOf(a, s.U1.id).ytd).toEqual(zero); // P1, P2 are A's
    expect(unitOf(a, s.U1.id).score).toBe('0.0000');
  });
});

describe('a target on a leverage', () => {
  it('reads the 认缴 basis of the pair: actual = metrics.leverage.<name>.committed, scored like any target', async () => {
    const c = await testApp();
    const w = await buildWorkedExample(c);
    await c.create('/api/targets', { fundId: w.A.id, year: 2024, metric: 'leverage.fiscal', value: '2' });
    await c.create('/api/targets', { fundId: w.A.id, year: 2024, metric: 'leverage.investment', value: '2' });
    const metrics = await c.ok('GET', `/api/funds/${w.A.id}/metrics?asOf=2024-12-31`);
    expect(metrics.leverage.fiscal.committed).not.toBe(metrics.leverage.fiscal.paidIn);
    const a = await c.ok('GET', '/api/assessment?year=2024&asOf=2024-12-31');
    const targets = fundOf(a, w.A.id).targets;
    const fiscal = targets.find((x: any) => x.metric === 'leverage.fiscal');
    expect(fiscal.actual).toBe(metrics.leverage.fiscal.committed);
    expect(fiscal.completion).toBe(new Dec(metrics.leverage.fiscal.committed).div(2).toFixed(4));
    expect(targets.find((x: any) => x.metric === 'leverage.investment').actual).toBe(metrics.leverage.investment);
  });
});

describe('POST /api/targets', () => {
  it('takes a weight (default "1") and a period metric; a negative or non-numeric weight is a 400', async () => {
    const made = await t.create('/api/targets', { unitId: s.U1.id, year: 2030, metric: 'bigSigned', value: '3' });
    expect(made).toMatchObject({ metric: 'bigSigned', value: '3', weight: '1' });
    expect(
      (await t.create('/api/targets', { fundId: s.A.id, year: 2030, metric: 'arrived', value: '1000', weight: '0.25' }))
        .weight,
    ).toBe('0.25');
    for (const weight of ['-1', 'abc', '1e3', '0.12345']) {
      const r = await t.call('POST', '/api/targets', {
        unitId: s.U1.id,
        year: 2030,
        metric: 'signed',
        value: '1',
        weight,
      });
      expect(r.status, weight).toBe(400);
      expect(r.body.error.issues[0].path, weight).toBe('weight');
    }
  });
});

describe('GET /api/bulletins/:month', () => {
  it('July 2024: month figures beside YTD as of 07-31, and the alert counts', async () => {
    const b = await t.ok('GET', '/api/bulletins/2024-07');
    expect(b).toMatchObject({
      month: '2024-07',
      from: '2024-07-01',
      to: '2024-07-31',
      year: 2024,
      asOf: '2024-07-31',
      view: 'introducing',
      schedule: '0.5820',
    });
    expect(unitOf(b, s.U1.id)).toMatchObject({
      month: { ...zero, signed: 1, signedPlanned: '50000000.00', arrived: '10000000.00' }, // P2 signed 07-02; P1's 07-05 arrival
      ytd: {
        ...service0,
        newLeads: 1,
        signed: 2,
        signedPlanned: '250000000.00',
        bigSigned: 1,
        started: 1,
        producing: 0,
        arrived: '60000000.00',
      },
      score: '0.5333',
      rank: 2,
      board: null,
    });
    expect(unitOf(b, s.U2.id)).toMatchObject({ month: zero, rank: 3 });
    expect(fundOf(b, s.A.id).month).toEqual({
      ...zero,
      signed: 1,
      signedPlanned: '50000000.00',
      arrived: '10000000.00',
    });
    expect(fundOf(b, s.B.id).month).toEqual(zero);
    // P8 signed 2023-10-01 ≤ 07-31 − 180 and never started, and nothing since (≤ 07-31 − 90); P5 reported 05-01 and
    // B's credit dated 03-01 wait since on or before 07-31 − 14; P1, P2 (signed 07-02) and P8 are signed, live, not
    // producing and have no 对接人 (P3 was dropped, P7 produces); no nodes or requests
    const service = { node_overdue: 0, request_overdue: 0, no_liaison: 3 };
    expect(b.alerts).toEqual({
      signed_not_started: 1,
      started_not_completed: 0,
      stale: 1,
      pending_review: 2,
      ...service,
    });
  });

  it('pending_review is for those who 认定: null for a leader; a manager counts its funds only', async () => {
    expect((await t.ok('GET', '/api/bulletins/2024-07', undefined, s.leader)).alerts).toEqual({
      signed_not_started: 1,
      started_not_completed: 0,
      stale: 1,
      pending_review: null,
      node_overdue: 0,
      request_overdue: 0,
      no_liaison: 3,
    });
    // B's P3 was dropped and P6 never signed
    expect((await t.ok('GET', '/api/bulletins/2024-07', undefined, s.managerB)).alerts).toEqual({
      signed_not_started: 0,
      started_not_completed: 0,
      stale: 0,
      pending_review: null,
      node_overdue: 0,
      request_overdue: 0,
      no_liaison: 0,
    });
    expect((await t.ok('GET', '/api/bulletins/2024-07', undefined, s.staff)).alerts.pending_review).toBe(2);
  });

  it.each(['2024-13', '2024-7', 'bogus', '2024-02-01'])('a bad month %s is a 400', async (m) => {
    const r = await t.get(`/api/bulletins/${m}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });

  it('the .xlsx opens with exceljs: one sheet per part, A4 landscape fitted to width, titles repeated, 红黑榜 marked', async () => {
    const res = await t.app.request('/api/exports/bulletin.xlsx?month=2024-06', {
      headers: { authorization: `Bearer ${s.staff}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位擂台赛', '基金', '招商服务', '目标完成', '预警']);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:3',
      });
      expect(ws.headerFooter.oddHeader).toContain('2024年6月以投促引考核通报');
      expect(ws.headerFooter.oddFooter).toContain('截至 2024年6月30日');
    }
    const units = wb.getWorksheet('单位擂台赛')!;
    expect(units.getCell(1, 1).value).toBe('2024年6月以投促引考核通报（招引口径）（截至2024年6月30日）');
    const rows = [4, 5, 6, 7].map((r) => [
      units.getCell(r, 1).value,
      units.getCell(r, 2).value,
      units.getCell(r, 4).value,
      units.getCell(r, 5).value,
    ]);
    expect(rows).toEqual([
      [1, '湾沚区', 0.85, '红榜'],
      [2, '弋江区', 0.5, '红榜'],
      [3, '鸠江区', 0.3333, '黑榜'],
      ['—', '芜湖市', 1, '红榜'],
    ]);
    // 红榜 rows bold red, 黑榜 rows dark grey, the score still a percentage
    expect(units.getCell(4, 2).font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
    expect(units.getCell(6, 2).font).toMatchObject({ color: { argb: 'FF404040' } });
    expect(units.getCell(6, 2).font.bold).toBeFalsy();
    expect(units.getCell(4, 4).numFmt).toBe('0.00%');
    // 万元: U1's YTD signedPlanned 2亿 = 20000 万元, in the 年度累计 group (after the month's 11 period figures)
    expect(units.getCell(3, 19).value).toBe('签约项目计划总投资（万元）');
    expect(units.getCell(2, 17).value).toBe('年度累计');
    expect(units.getCell(6, 19).value).toBe(20000);
    expect(units.getCell(3, 16).value).toBe('诉求办结');
    const alerts = wb.getWorksheet('预警')!;
    expect([alerts.getCell(4, 1).value, alerts.getCell(4, 2).value]).toEqual(['签约未开工', 1]); // P8: 2023-10-01 ≤ 06-30 − 180
    expect((await t.get('/api/exports/bulletin.xlsx?month=2024-00')).status).toBe(400);
  });
});

describe('cost', () => {
  it('the assessment and the bulletin cost the same number of statements with 4 units and 3 funds as with 34 and 23', async () => {
    const c = await testApp();
    const w = await buildAssessmentScenario(c);
    const count = async (path: string) => {
      let n = 0;
      const prepare = c.sqlite.prepare;
      c.sqlite.prepare = ((source: string) => {
        n++;
        return prepare.call(c.sqlite, source);
      }) as typeof prepare;
      try {
        await c.ok('GET', path);
      } finally {
        c.sqlite.prepare = prepare;
      }
      return n;
    };
    const paths = [
      '/api/assessment?year=2024&asOf=2024-06-30',
      '/api/bulletins/2024-07',
      '/api/assessment?year=2024&view=landing',
    ];
    const countAll = async () => {
      const out: number[] = [];
      for (const path of paths) out.push(await count(path));
      return out;
    };
    const before = await countAll();
    for (let i = 0; i < 20; i++) {
      const unit = await c.create('/api/units', { name: `加测单位${i}`, peerGroup: 'A', parentId: w.R.id });
      const fund = await c.create('/api/funds', { name: `加测子基金${i}`, level: 'sub', parentId: w.A.id });
      await c.create('/api/units', { name: `加测园区${i}`, parentId: unit.id });
      const p = await c.create('/api/projects', {
        name: `加测项目${i}`,
        sourceType: 'fund',
        sourceFundId: fund.id,
        reportedOn: '2024-02-01',
        plannedTotal: '1000000',
        introducingUnitId: unit.id,
        landingUnitId: w.U2.id,
      });
      await c.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-03-01' });
      await c.create('/api/targets', { unitId: unit.id, year: 2024, metric: 'signed', value: '1' });
      await c.create('/api/targets', { fundId: fund.id, year: 2024, metric: 'outcomes.landed', value: '1' });
    }
    expect(await countAll()).toEqual(before);
    // and the figures grew with them: 20 more signings under R
    const a = await c.ok('GET', '/api/assessment?year=2024&asOf=2024-06-30');
    expect(a.units.find((u: any) => u.unitId === w.R.id).ytd.signed).toBe(22);
  });
});
