import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';

// SPEC §6 read at other dates than 2024-12-31. Record dates: commitments 2023-06-01, contributions 2023-07-01,
// investments X 2023-09-01, Y 2023-10-01, Z 2023-11-01, credits 2024-10-01; P1 reported 2024-01-10, negotiating 02-01,
// signed 03-01, registered 04-15, arrival 60M 05-01, started 06-01, arrival 40M 09-01; P2 reported 02-01, signed 05-20,
// registered 07-01, arrival 20M 08-01; P3 reported 03-01, negotiating 04-01, dropped 06-30; P4 reported 06-01.

const noReinvestment = {
  multiple: '0.0000',
  base: 'parent_committed',
  required: null,
  credited: null,
  rate: null,
  gap: null,
  paceOk: null,
};
const nothingReached = { negotiating: 0, signed: 0, registered: 0, started: 0, completed: 0, producing: 0 };
/** Outcomes of a family with no leads; attractionMultiple depends on what was invested. */
const noOutcomes = (attractionMultiple: string | null) => ({
  leads: 0,
  reached: nothingReached,
  dropped: 0,
  landed: 0,
  investmentLinked: 0,
  introduced: 0,
  bigSigned: 0,
  overdue: 0,
  rates: { sign: null, registration: null, start: null, production: null, arrival: null },
  plannedTotal: '0.00',
  arrived: '0.00',
  attractionMultiple,
  medianDaysToSign: null,
  medianDaysToRegister: null,
});
const nullPair = { committed: null, paidIn: null };

// Capital of each fund once every commitment and contribution is in (from 2023-07-01 on).
const capitalA = {
  committed: '500000000.00',
  paidIn: '200000000.00', // 100 + 400; 20 + 180 (百万)
  parentCommitted: '100000000.00',
  parentPaidIn: '20000000.00',
  fiscalIn: '60000000.00', // 100 × 600/1000
  fiscalPaidIn: '12000000.00', // 20 × 120/200
};
const leverageA = {
  parent: { committed: '5.0000', paidIn: '10.0000' }, // 500/100; 200/20
  fiscal: { committed: '8.3333', paidIn: '16.6667' }, // 500/60; 200/12
  subFunds: nullPair,
  subFundsFiscal: nullPair,
};
const capitalM = {
  committed: '1000000000.00',
  paidIn: '200000000.00', // 600 + 400; 120 + 80
  parentCommitted: null,
  parentPaidIn: null, // M has no parent
  fiscalIn: '600000000.00',
  fiscalPaidIn: '120000000.00',
};
const leverageM = {
  parent: nullPair,
  fiscal: { committed: '1.6667', paidIn: '1.6667' }, // 1000/600; 200/120
  subFunds: { committed: '4.0000', paidIn: '5.0000' }, // (500+300+200)/(100+90+60); (200+150+50)/(20+45+15)
  subFundsFiscal: { committed: '6.6667', paidIn: '8.3333' }, // 1000/(60+54+36); 400/(12+27+9)
};

describe('SPEC §6 worked example at several as-of dates', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  beforeAll(async () => {
    t = await testApp();
    ids = await buildWorkedExample(t);
  });
  const metrics = (fundId: number, asOf: string, extra = '') =>
    t.ok('GET', `/api/funds/${fundId}/metrics?asOf=${asOf}${extra}`);

  it('2023-01-01, before any commitment: money "0.00", every ratio null', async () => {
    const a = await metrics(ids.A.id, '2023-01-01');
    expect(a.asOf).toBe('2023-01-01');
    expect(a.capital).toEqual({
      committed: '0.00',
      paidIn: '0.00',
      parentCommitted: '0.00',
      parentPaidIn: '0.00', // A has a parent: 0, not null
      fiscalIn: '0.00',
      fiscalPaidIn: '0.00',
      invested: '0.00',
    });
    expect(a.leverage).toEqual({
      parent: nullPair,
      fiscal: nullPair,
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null,
    });
    // required 1.2 × 0 = 0; rate 0/0 → null; paceOk: nothing committed, so no deployment ratio → true (SPEC "otherwise true")
    expect(a.reinvestment).toEqual({
      multiple: '1.2000',
      base: 'parent_committed',
      required: '0.00',
      credited: '0.00',
      rate: null,
      gap: '0.00',
      paceOk: true,
    });
    expect(a.outcomes).toEqual(noOutcomes(null)); // invested 0 → attractionMultiple null

    const m = await metrics(ids.M.id, '2023-01-01');
    expect(m.capital).toEqual({
      committed: '0.00',
      paidIn: '0.00',
      parentCommitted: null,
      parentPaidIn: null,
      fiscalIn: '0.00',
      fiscalPaidIn: '0.00',
      invested: '0.00',
    });
    // M has children, but Σ committed(c) / Σ committed(M→c) is 0/0 → null
    expect(m.leverage).toEqual({
      parent: nullPair,
      fiscal: nullPair,
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null,
    });
    expect(m.reinvestment).toEqual(noReinvestment);
    expect(m.outcomes).toEqual(noOutcomes(null));
  });

  it('2023-06-30, committed but nothing paid or invested yet: committed-basis ratios only', async () => {
    const a = await metrics(ids.A.id, '2023-06-30');
    expect(a.capital).toEqual({
      ...capitalA,
      paidIn: '0.00',
      parentPaidIn: '0.00',
      fiscalPaidIn: '0.00',
      invested: '0.00',
    });
    expect(a.leverage).toEqual({
      parent: { committed: '5.0000', paidIn: null }, // 500/100; 0/0
      fiscal: { committed: '8.3333', paidIn: null }, // 500/60; 0/0
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null, // nothing invested
    });
    // required 1.2 × 100M; credited 0 → rate 0/120 = 0, gap 120M; invested 0/500 < 0.5 → paceOk true
    expect(a.reinvestment).toEqual({
      multiple: '1.2000',
      base: 'parent_committed',
      required: '120000000.00',
      credited: '0.00',
      rate: '0.0000',
      gap: '120000000.00',
      paceOk: true,
    });

    const m = await metrics(ids.M.id, '2023-06-30');
    expect(m.capital).toEqual({ ...capitalM, paidIn: '0.00', fiscalPaidIn: '0.00', invested: '0.00' });
    expect(m.leverage).toEqual({
      parent: nullPair,
      fiscal: { committed: '1.6667', paidIn: null },
      subFunds: { committed: '4.0000', paidIn: null },
      subFundsFiscal: { committed: '6.6667', paidIn: null },
      investment: null,
    });
  });

  it.each([
    ['2023-08-31', '0.00', null], // no investment yet
    ['2023-09-01', '30000000.00', '3.3333'], // X: 100/30
    ['2023-10-31', '50000000.00', '3.6000'], // X, Y: (100+80)/(30+20)
    ['2023-11-01', '65000000.00', '3.5385'], // X, Y, Z: (100+80+50)/(30+20+15) = 3.538461…
  ])('investment leverage as of %s: invested %s, multiple %s', async (asOf, invested, investment) => {
    for (const fund of [ids.A.id, ids.M.id]) {
      const r = await metrics(fund, asOf);
      expect(r.capital.invested).toBe(invested);
      expect(r.leverage.investment).toBe(investment);
    }
  });

  it('2023-12-31, capital in place but before any project or credit', async () => {
    const a = await metrics(ids.A.id, '2023-12-31');
    expect(a.capital).toEqual({ ...capitalA, invested: '65000000.00' });
    expect(a.leverage).toEqual({ ...leverageA, investment: '3.5385' });
    // credits are dated 2024-10-01: credited 0 of required 120M; invested 65/500 = 0.13 < 0.5 → paceOk true
    expect(a.reinvestment).toEqual({
      multiple: '1.2000',
      base: 'parent_committed',
      required: '120000000.00',
      credited: '0.00',
      rate: '0.0000',
      gap: '120000000.00',
      paceOk: true,
    });
    expect(a.outcomes).toEqual(noOutcomes('0.0000')); // 0 / 65

    const m = await metrics(ids.M.id, '2023-12-31');
    expect(m.capital).toEqual({ ...capitalM, invested: '65000000.00' });
    expect(m.leverage).toEqual({ ...leverageM, investment: '3.5385' });
    expect(m.outcomes).toEqual(noOutcomes('0.0000'));
  });

  it('2024-04-30: P1 signed and registered but not started; P2 not signed; P3 negotiating; P4 not reported', async () => {
    const expected = {
      leads: 3, // P1, P2, P3 (P4 reported 2024-06-01)
      // negotiating: P1 (02-01), P3 (04-01); P2 has no stage yet. signed/registered: P1
      reached: { negotiating: 2, signed: 1, registered: 1, started: 0, completed: 0, producing: 0 },
      dropped: 0,
      landed: 1, // P1
      investmentLinked: 1, // P1 is driven by investment X
      introduced: 0,
      bigSigned: 1, // P1 planned 3亿 ≥ 1亿
      overdue: 0, // D − 180 = 2023-11-02; P1 signed 2024-03-01
      rates: {
        sign: '0.3333', // 1/3
        registration: '1.0000', // 1/1
        start: '0.0000', // 0/1
        production: '0.0000',
        arrival: '0.0000', // first arrival is 2024-05-01: 0/300
      },
      plannedTotal: '300000000.00', // P1
      arrived: '0.00',
      attractionMultiple: '4.6154', // 300/65 = 4.615384…
      medianDaysToSign: '51.0', // P1 2024-01-10 → 2024-03-01: 22 (to Feb 1) + 29 (leap Feb) = 51
      medianDaysToRegister: '45.0', // P1 2024-03-01 → 2024-04-15: 31 + 14 = 45
    };
    const a = await metrics(ids.A.id, '2024-04-30');
    expect(a.outcomes).toEqual(expected);
    expect(a.reinvestment).toMatchObject({ credited: '0.00', rate: '0.0000', gap: '120000000.00', paceOk: true });
    // M's family is M, A, B, C; only A sourced projects
    expect((await metrics(ids.M.id, '2024-04-30')).outcomes).toEqual(expected);
  });

  it('2024-06-29 and 2024-06-30: P3 is dropped on the 30th; P4 counts as a lead', async () => {
    const expected = {
      leads: 4, // P4 reported 2024-06-01
      // negotiating: P1, P3, and P2 (signed 05-20 reaches every earlier stage); signed: P1, P2; registered/started: P1
      reached: { negotiating: 3, signed: 2, registered: 1, started: 1, completed: 0, producing: 0 },
      dropped: 1, // P3, dropped on the as-of date itself
      landed: 1,
      investmentLinked: 1,
      introduced: 0,
      bigSigned: 1, // P1 3亿; P2 0.8亿 < 1亿
      overdue: 0, // D − 180 = 2024-01-02; both signings are later
      rates: {
        sign: '0.5000', // 2/4
        registration: '0.5000', // 1/2
        start: '0.5000', // 1/2
        production: '0.0000',
        arrival: '0.1579', // 60 / (300 + 80) = 0.157894…
      },
      plannedTotal: '380000000.00',
      arrived: '60000000.00', // P1's 2024-05-01 arrival
      attractionMultiple: '5.8462', // 380/65
      medianDaysToSign: '80.0', // (51 + 109) / 2; P2 2024-02-01 → 05-20: 29 + 31 + 30 + 19 = 109
      medianDaysToRegister: '45.0', // P1 only
    };
    expect((await metrics(ids.A.id, '2024-06-30')).outcomes).toEqual(expected);
    expect((await metrics(ids.A.id, '2024-06-29')).outcomes).toEqual({ ...expected, dropped: 0 });
    expect((await metrics(ids.M.id, '2024-06-30')).outcomes).toEqual(expected);
  });

  it.each([
    ['2024-11-15', 0], // P2 signed 2024-05-20 is 179 days back (D − 180 = 2024-05-19)
    ['2024-11-16', 1], // exactly 180 days: 11 + 30 + 31 + 31 + 30 + 31 + 16 = 180
  ])('overdue as of %s is %d (P2 signed 2024-05-20, never started)', async (asOf, overdue) => {
    expect((await metrics(ids.A.id, asOf)).outcomes.overdue).toBe(overdue);
  });

  it('2024-10-01: the credits arrive', async () => {
    // 30 + 20 × 1.5 + 15 + 50 × 0.3 + 10 × 0 = 90 (百万); rate 90/120; gap 30
    expect((await metrics(ids.A.id, '2024-09-30')).reinvestment.credited).toBe('0.00');
    expect((await metrics(ids.A.id, '2024-10-01')).reinvestment).toEqual({
      multiple: '1.2000',
      base: 'parent_committed',
      required: '120000000.00',
      credited: '90000000.00',
      rate: '0.7500',
      gap: '30000000.00',
      paceOk: true,
    });
  });

  it('2024-12-31: M, A, B and C in full', async () => {
    const outcomesA = {
      leads: 4,
      reached: { negotiating: 3, signed: 2, registered: 2, started: 1, completed: 0, producing: 0 },
      dropped: 1,
      landed: 2,
      investmentLinked: 1, // P1 (X)
      introduced: 1, // P2
      bigSigned: 1,
      overdue: 1, // P2: signed 2024-05-20 ≤ D − 180 = 2024-07-04, not started
      rates: { sign: '0.5000', registration: '1.0000', start: '0.5000', production: '0.0000', arrival: '0.3158' }, // 2/4, 2/2, 1/2, 0/2, 120/380
      plannedTotal: '380000000.00',
      arrived: '120000000.00', // 60 + 40 + 20
      attractionMultiple: '5.8462',
      medianDaysToSign: '80.0', // (51 + 109) / 2
      medianDaysToRegister: '43.5', // P1 45, P2 05-20 → 07-01: 12 + 30 = 42; (42 + 45) / 2
    };
    const a = await metrics(ids.A.id, '2024-12-31');
    expect(a.capital).toEqual({ ...capitalA, invested: '65000000.00' });
    expect(a.leverage).toEqual({ ...leverageA, investment: '3.5385' });
    expect(a.outcomes).toEqual(outcomesA);

    const m = await metrics(ids.M.id, '2024-12-31');
    expect(m).toMatchObject({ fundId: ids.M.id, asOf: '2024-12-31', level: 'mother', parentId: null });
    expect(m.capital).toEqual({ ...capitalM, invested: '65000000.00' });
    expect(m.leverage).toEqual({ ...leverageM, investment: '3.5385' });
    expect(m.reinvestment).toEqual(noReinvestment);
    expect(m.outcomes).toEqual(outcomesA); // B and C sourced nothing

    const b = await metrics(ids.B.id, '2024-12-31');
    expect(b.capital).toEqual({
      committed: '300000000.00',
      paidIn: '150000000.00', // 90 + 60 + 150; 45 + 30 + 75
      parentCommitted: '90000000.00',
      parentPaidIn: '45000000.00',
      fiscalIn: '54000000.00', // 90 × 600/1000
      fiscalPaidIn: '27000000.00', // 45 × 120/200
      invested: '0.00',
    });
    expect(b.leverage).toEqual({
      parent: { committed: '3.3333', paidIn: '3.3333' }, // 300/90; 150/45
      fiscal: { committed: '5.5556', paidIn: '5.5556' }, // 300/54; 150/27
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null, // B invested nothing
    });
    expect(b.reinvestment).toEqual(noReinvestment);
    expect(b.outcomes).toEqual(noOutcomes(null));

    const c = await metrics(ids.C.id, '2024-12-31');
    expect(c.capital).toEqual({
      committed: '200000000.00',
      paidIn: '50000000.00', // 60 + 140; 15 + 35
      parentCommitted: '60000000.00',
      parentPaidIn: '15000000.00',
      fiscalIn: '36000000.00', // 60 × 0.6
      fiscalPaidIn: '9000000.00', // 15 × 0.6
      invested: '0.00',
    });
    expect(c.leverage).toEqual({
      parent: { committed: '3.3333', paidIn: '3.3333' }, // 200/60; 50/15
      fiscal: { committed: '5.5556', paidIn: '5.5556' }, // 200/36; 50/9
      subFunds: nullPair,
      subFundsFiscal: nullPair,
      investment: null,
    });
  });

  it('bigProjectThreshold changes bigSigned: 8000万 takes P2 (0.8亿) in; 3亿 + 0.01 leaves P1 out', async () => {
    expect((await metrics(ids.A.id, '2024-12-31', '&bigProjectThreshold=80000000')).outcomes.bigSigned).toBe(2); // P1 3亿, P2 0.8亿
    expect((await metrics(ids.A.id, '2024-12-31', '&bigProjectThreshold=80000000.01')).outcomes.bigSigned).toBe(1); // P1 only
    expect((await metrics(ids.A.id, '2024-12-31', '&bigProjectThreshold=300000000.01')).outcomes.bigSigned).toBe(0);
  });

  it('asOf defaults to today (2026-11-22), when everything is in', async () => {
    const r = await t.ok('GET', `/api/funds/${ids.A.id}/metrics`);
    expect(r.asOf).toBe('2026-11-22');
    const at = await metrics(ids.A.id, '2026-11-22');
    expect(r).toEqual(at);
    expect(r.outcomes.overdue).toBe(1); // P2 still not started
  });

  it.each(['2023-01-01', '2024-04-30', '2024-12-31'])(
    'GET /api/reports/funds as of %s lists every fund with the per-fund figures',
    async (asOf) => {
      const report = await t.ok('GET', `/api/reports/funds?asOf=${asOf}`);
      expect(report.asOf).toBe(asOf);
      expect(report.funds.map((f: { fundId: number }) => f.fundId)).toEqual([ids.M.id, ids.A.id, ids.B.id, ids.C.id]);
      for (const f of report.funds) expect(f).toEqual(await metrics(f.fundId, asOf));
    },
  );

  it('GET /api/reports/funds honours bigProjectThreshold like the per-fund endpoint', async () => {
    const report = await t.ok('GET', '/api/reports/funds?asOf=2024-12-31&bigProjectThreshold=80000000');
    const a = report.funds.find((f: { fundId: number }) => f.fundId === ids.A.id);
    expect(a.outcomes.bigSigned).toBe(2);
    expect(a).toEqual(await metrics(ids.A.id, '2024-12-31', '&bigProjectThreshold=80000000'));
  });
});
