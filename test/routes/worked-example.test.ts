import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';

describe('SPEC §6 worked example through the API', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  beforeAll(async () => {
    t = await testApp();
    ids = await buildWorkedExample(t);
  });

  it('A as of 2024-12-31', async () => {
    const r = await t.get(`/api/funds/${ids.A.id}/metrics?asOf=2024-12-31`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      fundId: ids.A.id,
      asOf: '2024-12-31',
      capital: {
        committed: '500000000.00',
        paidIn: '200000000.00',
        parentCommitted: '100000000.00',
        parentPaidIn: '20000000.00',
        fiscalIn: '60000000.00',
        fiscalPaidIn: '12000000.00',
        invested: '65000000.00',
      },
      leverage: {
        parent: { committed: '5.0000', paidIn: '10.0000' },
        fiscal: { committed: '8.3333', paidIn: '16.6667' },
        subFunds: { committed: null, paidIn: null },
        subFundsFiscal: { committed: null, paidIn: null },
        investment: '3.5385',
      },
      reinvestment: {
        multiple: '1.2000',
        base: 'parent_committed',
        required: '120000000.00',
        credited: '90000000.00',
        rate: '0.7500',
        gap: '30000000.00',
        paceOk: true,
      },
      outcomes: {
        leads: 4,
        reached: { negotiating: 3, signed: 2, registered: 2, started: 1, completed: 0, producing: 0 },
        dropped: 1,
        landed: 2,
        investmentLinked: 1,
        introduced: 1,
        bigSigned: 1,
        overdue: 1,
        rates: { sign: '0.5000', registration: '1.0000', start: '0.5000', production: '0.0000', arrival: '0.3158' },
        plannedTotal: '380000000.00',
        arrived: '120000000.00',
        attractionMultiple: '5.8462',
        medianDaysToSign: '80.0',
        medianDaysToRegister: '43.5',
      },
    });
  });

  it('M as of 2024-12-31', async () => {
    const r = await t.get(`/api/funds/${ids.M.id}/metrics?asOf=2024-12-31`);
    expect(r.body.capital).toMatchObject({
      committed: '1000000000.00',
      paidIn: '200000000.00',
      parentCommitted: null,
      fiscalIn: '600000000.00',
    });
    expect(r.body.leverage).toEqual({
      parent: { committed: null, paidIn: null },
      fiscal: { committed: '1.6667', paidIn: '1.6667' },
      subFunds: { committed: '4.0000', paidIn: '5.0000' },
      subFundsFiscal: { committed: '6.6667', paidIn: '8.3333' },
      investment: '3.5385',
    });
    expect(r.body.outcomes.attractionMultiple).toBe('5.8462');
    expect(r.body.reinvestment).toEqual({
      multiple: '0.0000',
      base: 'parent_committed',
      required: null,
      credited: null,
      rate: null,
      gap: null,
      paceOk: null,
    });
  });

  it('pipeline as of 2024-06-15 and 2024-12-31: each of A’s projects at the stage it had reached that day', async () => {
    const at = async (asOf: string) =>
      (
        (await t.get(`/api/reports/pipeline?asOf=${asOf}`)).body.funds as {
          fundId: number;
          stage: string;
          count: number;
        }[]
      )
        .filter((r) => r.fundId === ids.A.id)
        .map((r) => [r.stage, r.count])
        .sort();
    // 06-15: P1 started 06-01; P2 signed 05-20 (registered only 07-01); P3 negotiating (dropped 06-30); P4 reported 06-01
    expect(await at('2024-06-15')).toEqual([
      ['negotiating', 1],
      ['reported', 1],
      ['signed', 1],
      ['started', 1],
    ]);
    // 12-31: P2 registered, P3 dropped; V is an agency lead with no source fund and is not counted
    expect(await at('2024-12-31')).toEqual([
      ['dropped', 1],
      ['registered', 1],
      ['reported', 1],
      ['started', 1],
    ]);
    // and the project list's stage filter (now) agrees
    expect((await t.get(`/api/projects?fundId=${ids.A.id}&stage=registered`)).body.items.map((p: any) => p.id)).toEqual(
      [ids.P2.id],
    );
  });
});
