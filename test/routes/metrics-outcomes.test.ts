import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

// Small scenarios for SPEC §4 (以投促引 outcomes), each its own fresh database.

async function scenario() {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '测试区' });
  const fund = async (name: string, level: 'mother' | 'sub' | 'direct' = 'direct', parentId?: number) =>
    (await t.create<{ id: number }>('/api/funds', { name, level, parentId })).id;
  const F = await fund('招商子基金');
  let n = 0;
  /** A fund-sourced project (confirmed when staff enter it), with its milestones. */
  const project = async (o: {
    fund?: number;
    reportedOn?: string;
    planned?: string;
    investmentId?: number;
    stages?: [string, string][];
    token?: string;
  }) => {
    const p = await t.create(
      '/api/projects',
      {
        name: `项目${++n}`,
        sourceType: 'fund',
        sourceFundId: o.fund ?? F,
        investmentId: o.investmentId,
        reportedOn: o.reportedOn ?? '2024-01-01',
        plannedTotal: o.planned ?? '100000000',
        introducingUnitId: unit.id,
        landingUnitId: unit.id,
      },
      o.token,
    );
    for (const [stage, on] of o.stages ?? []) await milestone(p.id, stage, on, o.token);
    return p.id as number;
  };
  const milestone = (id: number, stage: string, on: string, token?: string) =>
    t.create(
      `/api/projects/${id}/milestones`,
      { stage, on, ...(stage === 'dropped' && { reason: '企业投资计划调整' }) },
      token,
    );
  const arrive = (id: number, amount: string, arrivedOn: string) =>
    t.create(`/api/projects/${id}/arrivals`, { amount, arrivedOn, kind: 'fixed_asset' });
  const invest = (fundId: number, amount: string, investedOn = '2023-12-01') =>
    t.create<{ id: number }>(`/api/funds/${fundId}/investments`, {
      company: { name: `芜湖被投企业${++n}` },
      amount,
      investedOn,
    });
  const outcomes = async (fundId = F, asOf = '2024-12-31', extra = '') =>
    (await t.ok('GET', `/api/funds/${fundId}/metrics?asOf=${asOf}${extra}`)).outcomes;
  return { t, unit, fund, F, project, milestone, arrive, invest, outcomes };
}

const nothing = { negotiating: 0, signed: 0, registered: 0, started: 0, completed: 0, producing: 0 };

describe('reaching stages', () => {
  it('a project dropped after signing counts as signed and as dropped (its planned total stays in plannedTotal)', async () => {
    const s = await scenario();
    await s.invest(s.F, '100000000');
    await s.project({
      planned: '200000000',
      stages: [
        ['signed', '2024-03-01'],
        ['dropped', '2024-05-01'],
      ],
    });
    await s.project({}); // a lead with no progress
    expect(await s.outcomes()).toEqual({
      leads: 2,
      reached: { ...nothing, negotiating: 1, signed: 1 }, // signing reaches negotiating too
      dropped: 1,
      landed: 0,
      investmentLinked: 0,
      introduced: 0,
      bigSigned: 1, // 2亿 ≥ 1亿, dropped or not
      overdue: 0, // signed 2024-03-01 ≤ D − 180 = 2024-07-04, but dropped
      rates: { sign: '0.5000', registration: '0.0000', start: '0.0000', production: '0.0000', arrival: '0.0000' }, // 1/2, 0/1 …, 0/2亿
      plannedTotal: '200000000.00',
      arrived: '0.00',
      attractionMultiple: '2.0000', // 2亿 / 1亿
      medianDaysToSign: '60.0', // 2024-01-01 → 03-01: 31 + 29
      medianDaysToRegister: null, // none registered
    });
  });

  it('skipped stages: registered without signing is signed that day; producing alone reaches every stage', async () => {
    const s = await scenario();
    await s.project({ stages: [['registered', '2024-02-15']] });
    await s.project({ stages: [['producing', '2024-04-01']] });
    const before = await s.outcomes(s.F, '2024-03-31');
    expect(before.reached).toEqual({
      negotiating: 1,
      signed: 1,
      registered: 1,
      started: 0,
      completed: 0,
      producing: 0,
    });
    expect(before.medianDaysToSign).toBe('45.0'); // 2024-01-01 → 02-15: 31 + 14
    expect(before.medianDaysToRegister).toBe('0.0'); // signed = registered the same day

    const after = await s.outcomes();
    expect(after).toMatchObject({
      leads: 2,
      reached: { negotiating: 2, signed: 2, registered: 2, started: 1, completed: 1, producing: 1 },
      landed: 2,
      introduced: 2, // no driving investment
      // sign 2/2, registration 2/2, start 1/2, production 1/2
      rates: { sign: '1.0000', registration: '1.0000', start: '0.5000', production: '0.5000', arrival: '0.0000' },
      plannedTotal: '200000000.00',
      medianDaysToSign: '68.0', // (45 + 91) / 2; 2024-01-01 → 04-01: 31 + 29 + 31 = 91
      medianDaysToRegister: '0.0', // (0, 0)
      overdue: 1, // the registered one: signed 2024-02-15 ≤ 2024-07-04 and never started
    });
  });

  it('a corrected stage date replaces the first for metrics; the history keeps both', async () => {
    const s = await scenario();
    const id = await s.project({
      stages: [
        ['signed', '2024-03-01'],
        ['signed', '2024-05-01'],
      ],
    });
    // as of 2024-04-01 the project is not signed: the correction moved signing to 05-01
    expect((await s.outcomes(s.F, '2024-04-01')).reached.signed).toBe(0);
    const may = await s.outcomes(s.F, '2024-05-01');
    expect(may.reached.signed).toBe(1);
    expect(may.medianDaysToSign).toBe('121.0'); // 2024-01-01 → 05-01: 31 + 29 + 31 + 30 (not 60 to 03-01)

    const p = await s.t.ok('GET', `/api/projects/${id}`);
    expect(p.reached.signed).toBe('2024-05-01');
    expect(
      p.milestones.map((m: { stage: string; on: string; current: boolean }) => [m.stage, m.on, m.current]),
    ).toEqual([
      ['signed', '2024-03-01', false],
      ['signed', '2024-05-01', true],
    ]);
  });

  it('a correction to an earlier date counts from the earlier date', async () => {
    const s = await scenario();
    await s.project({
      stages: [
        ['signed', '2024-05-01'],
        ['signed', '2024-03-01'],
      ],
    });
    expect((await s.outcomes(s.F, '2024-04-01')).reached.signed).toBe(1);
  });
});

describe('what counts', () => {
  it('pending and rejected projects do not count; confirming a pending one brings it in', async () => {
    const s = await scenario();
    const manager = await s.t.userWith('manager', [s.F]);
    const submitted = await s.project({ token: manager.token, stages: [['signed', '2024-02-01']] }); // pending: submitted by the manager
    const rejected = await s.project({ stages: [['signed', '2024-02-01']] });
    await s.t.ok('POST', `/api/projects/${rejected}/reject`, { reason: '非基金招引项目' });
    await s.project({ stages: [['negotiating', '2024-02-01']] }); // confirmed on entry by staff
    expect(await s.outcomes()).toMatchObject({
      leads: 1,
      reached: { ...nothing, negotiating: 1 },
      plannedTotal: '0.00',
    });

    await s.t.ok('POST', `/api/projects/${submitted}/confirm`, {});
    // now: 2 leads, one signed (1亿)
    expect(await s.outcomes()).toMatchObject({
      leads: 2,
      reached: { ...nothing, negotiating: 2, signed: 1 },
      plannedTotal: '100000000.00',
      rates: { sign: '0.5000' },
    });
  });

  it('projects reported after asOf and arrivals after asOf are not counted', async () => {
    const s = await scenario();
    const p = await s.project({ reportedOn: '2024-01-01', planned: '100', stages: [['signed', '2024-02-01']] });
    await s.arrive(p, '10', '2024-06-30');
    await s.arrive(p, '20', '2024-07-01');
    await s.project({ reportedOn: '2024-07-01', planned: '300', stages: [['signed', '2024-07-01']] });
    expect(await s.outcomes(s.F, '2024-06-30')).toMatchObject({
      leads: 1, // the second is reported 2024-07-01
      plannedTotal: '100.00',
      arrived: '10.00', // the 20 arrives 2024-07-01
      rates: { arrival: '0.1000' }, // 10/100
    });
    expect(await s.outcomes(s.F, '2024-07-01')).toMatchObject({
      leads: 2,
      plannedTotal: '400.00', // 100 + 300
      arrived: '30.00', // 10 + 20
      rates: { arrival: '0.0750' }, // 30/400
    });
  });

  it('projects of another fund, or of no fund, do not count', async () => {
    const s = await scenario();
    const other = await s.fund('另一只基金');
    await s.project({ fund: other, stages: [['signed', '2024-02-01']] });
    await s.t.create('/api/projects', {
      name: '以商引商项目',
      sourceType: 'business',
      reportedOn: '2024-01-01',
      plannedTotal: '100',
      introducingUnitId: s.unit.id,
      landingUnitId: s.unit.id,
    });
    expect((await s.outcomes()).leads).toBe(0);
    expect((await s.outcomes(other)).leads).toBe(1);
  });

  it('a mother’s outcomes include every descendant’s projects', async () => {
    const s = await scenario();
    const M = await s.fund('母基金', 'mother');
    const S = await s.fund('子基金', 'sub', M);
    const SS = await s.fund('孙基金', 'sub', S);
    const S2 = await s.fund('另一子基金', 'sub', M);
    await s.project({ fund: M, stages: [['negotiating', '2024-02-01']] });
    await s.project({ fund: S, stages: [['signed', '2024-02-01']] });
    await s.project({ fund: SS, stages: [['registered', '2024-02-01']] });
    await s.project({ fund: S2, stages: [['signed', '2024-02-01']] });
    await s.invest(SS, '50000000');
    await s.invest(S2, '150000000');
    const m = await s.outcomes(M);
    // all four; signed: S, SS, S2; registered: SS; attraction: 3亿 / (0.5 + 1.5)亿
    expect(m).toMatchObject({
      leads: 4,
      reached: { ...nothing, negotiating: 4, signed: 3, registered: 1 },
      plannedTotal: '300000000.00',
      attractionMultiple: '1.5000',
    });
    // S's family is S and SS: 2亿 / 0.5亿
    expect(await s.outcomes(S)).toMatchObject({
      leads: 2,
      reached: { ...nothing, negotiating: 2, signed: 2, registered: 1 },
      attractionMultiple: '4.0000',
    });
    expect(await s.outcomes(SS)).toMatchObject({
      leads: 1,
      reached: { ...nothing, negotiating: 1, signed: 1, registered: 1 },
      attractionMultiple: '2.0000',
    }); // 1亿 / 0.5亿
    expect(await s.outcomes(S2)).toMatchObject({ leads: 1, attractionMultiple: '0.6667' }); // 1亿 / 1.5亿
  });
});

describe('overdue: signed on or before D − 180, not started and not dropped by D', () => {
  it('as of 2025-06-30 (D − 180 = 2025-01-01)', async () => {
    const s = await scenario();
    const r = '2024-06-01';
    await s.project({ reportedOn: r, stages: [['signed', '2025-01-01']] }); // exactly 180 days → counts
    await s.project({ reportedOn: r, stages: [['signed', '2025-01-02']] }); // 179 days → no
    await s.project({
      reportedOn: r,
      stages: [
        ['signed', '2024-12-01'],
        ['started', '2025-06-30'],
      ],
    }); // started on D → no
    await s.project({
      reportedOn: r,
      stages: [
        ['signed', '2024-12-01'],
        ['dropped', '2025-06-30'],
      ],
    }); // dropped on D → no
    await s.project({
      reportedOn: r,
      stages: [
        ['signed', '2024-12-01'],
        ['started', '2025-07-01'],
      ],
    }); // started after D → counts
    await s.project({
      reportedOn: r,
      stages: [
        ['signed', '2024-12-01'],
        ['registered', '2025-02-01'],
      ],
    }); // registered only → counts
    await s.project({ reportedOn: r, stages: [['negotiating', '2024-06-02']] }); // never signed → no
    await s.project({ reportedOn: r, stages: [['completed', '2024-12-01']] }); // completed without a recorded start has started → no
    expect((await s.outcomes(s.F, '2025-06-30')).overdue).toBe(3);
    // a day earlier (D = 2025-06-29, D − 180 = 2024-12-31): 2025-01-01 is now 179 days back → no; the start and the drop
    // on 06-30 are after D → the four signed 2024-12-01 (start 06-30, drop 06-30, start 07-01, registered) all count
    expect((await s.outcomes(s.F, '2025-06-29')).overdue).toBe(4);
  });
});

describe('bigSigned: signed projects with planned total ≥ the threshold (default 1亿元)', () => {
  it('exactly 1亿 counts; the bigProjectThreshold parameter moves the line', async () => {
    const s = await scenario();
    await s.project({ planned: '100000000', stages: [['signed', '2024-02-01']] }); // exactly 1亿
    await s.project({ planned: '99999999.99', stages: [['signed', '2024-02-01']] }); // one fen under
    await s.project({ planned: '500000000' }); // big but never signed
    await s.project({ planned: '50000000', stages: [['signed', '2024-02-01']] });
    expect((await s.outcomes()).bigSigned).toBe(1);
    expect((await s.outcomes(s.F, '2024-12-31', '&bigProjectThreshold=50000000')).bigSigned).toBe(3); // all three signed
    expect((await s.outcomes(s.F, '2024-12-31', '&bigProjectThreshold=99999999.99')).bigSigned).toBe(2);
    expect((await s.outcomes(s.F, '2024-12-31', '&bigProjectThreshold=100000000.01')).bigSigned).toBe(0);
  });

  it.each([
    ['bigProjectThreshold=1e8', 'bigProjectThreshold'], // money is a decimal string in 元
    ['bigProjectThreshold=-1', 'bigProjectThreshold'],
    ['asOf=2024-02-30', 'asOf'], // not a real date
    ['asOf=20241231', 'asOf'],
  ])('?%s is a 400 naming %s', async (query, path) => {
    const s = await scenario();
    const r = await s.t.get(`/api/funds/${s.F}/metrics?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });
});

describe('medians with odd and even samples', () => {
  it('3 then 4 projects', async () => {
    const s = await scenario();
    // reported 2024-01-01; signed after 10, 40, 20 days; registered 5, 1, 9 days after signing (entered unsorted)
    await s.project({
      stages: [
        ['signed', '2024-01-11'],
        ['registered', '2024-01-16'],
      ],
    }); // 10; 5
    await s.project({
      stages: [
        ['signed', '2024-02-10'],
        ['registered', '2024-02-11'],
      ],
    }); // 40 (30 + 10); 1
    await s.project({
      stages: [
        ['signed', '2024-01-21'],
        ['registered', '2024-01-30'],
      ],
    }); // 20; 9
    const odd = await s.outcomes(s.F, '2024-03-31');
    expect(odd.medianDaysToSign).toBe('20.0'); // 10, [20], 40
    expect(odd.medianDaysToRegister).toBe('5.0'); // 1, [5], 9

    // reported 2024-04-01, signed 2024-05-02 (30 + 1 = 31 days), registered 2024-05-04 (2 days)
    await s.project({
      reportedOn: '2024-04-01',
      stages: [
        ['signed', '2024-05-02'],
        ['registered', '2024-05-04'],
      ],
    });
    const even = await s.outcomes(s.F, '2024-06-30');
    expect(even.medianDaysToSign).toBe('25.5'); // 10, [20, 31], 40 → (20 + 31) / 2
    expect(even.medianDaysToRegister).toBe('3.5'); // 1, [2, 5], 9 → (2 + 5) / 2
  });

  it('a signed but not yet registered project is in the signing sample only', async () => {
    const s = await scenario();
    await s.project({
      stages: [
        ['signed', '2024-01-11'],
        ['registered', '2024-01-16'],
      ],
    }); // 10; 5
    await s.project({ stages: [['signed', '2024-01-31']] }); // 30; —
    const r = await s.outcomes();
    expect(r.medianDaysToSign).toBe('20.0'); // (10 + 30) / 2
    expect(r.medianDaysToRegister).toBe('5.0'); // 5 alone
  });
});

describe('investmentLinked vs introduced (over landed projects)', () => {
  it('landed with a driving investment is linked; without one, introduced; not landed is neither', async () => {
    const s = await scenario();
    const inv = await s.invest(s.F, '100000000');
    await s.project({ investmentId: inv.id, stages: [['registered', '2024-03-01']] }); // linked
    await s.project({ investmentId: inv.id, stages: [['producing', '2024-03-01']] }); // linked (producing reaches registered)
    await s.project({ stages: [['registered', '2024-03-01']] }); // introduced
    await s.project({ investmentId: inv.id, stages: [['signed', '2024-03-01']] }); // signed only: not landed
    expect(await s.outcomes()).toMatchObject({ landed: 3, investmentLinked: 2, introduced: 1 });
    expect(await s.outcomes(s.F, '2024-02-29')).toMatchObject({ landed: 0, investmentLinked: 0, introduced: 0 });
  });
});

describe('zero denominators and rounding in outcomes', () => {
  it('leads without signing, signing with a planned total of 0, nothing invested: nulls, not errors', async () => {
    const s = await scenario();
    await s.project({});
    expect(await s.outcomes()).toMatchObject({
      leads: 1,
      rates: { sign: '0.0000', registration: null, start: null, production: null, arrival: null }, // 0/1; the rest over 0 signed
      attractionMultiple: null, // nothing invested
      medianDaysToSign: null,
      medianDaysToRegister: null,
    });
    await s.project({ planned: '0', stages: [['signed', '2024-02-01']] });
    expect((await s.outcomes()).rates).toEqual({
      sign: '0.5000',
      registration: '0.0000',
      start: '0.0000',
      production: '0.0000',
      arrival: null,
    }); // arrival 0/0
  });

  it('arrival 1/32 = 0.03125 → "0.0313" (half up); attraction 32/256 = 0.125 → "0.1250"', async () => {
    const s = await scenario();
    await s.invest(s.F, '256');
    const p = await s.project({ planned: '32', stages: [['signed', '2024-02-01']] });
    await s.arrive(p, '1', '2024-03-01');
    const r = await s.outcomes();
    expect(r.rates.arrival).toBe('0.0313');
    expect(r.attractionMultiple).toBe('0.1250');
  });
});
