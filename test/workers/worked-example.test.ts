import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkedExample } from '../worked-example';
import { asTestApp, get } from './client';

// SPEC §6 entered through the worker on D1: the same figures as test/routes/worked-example.test.ts on better-sqlite3.
// This file's D1 holds only the worked example (built once; its credit codes are fixed).
describe('SPEC §6 worked example on Workers + D1', () => {
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  beforeAll(async () => {
    ids = await buildWorkedExample(asTestApp());
  }, 60_000);

  it('A as of 2024-12-31', async () => {
    const r = await get(`/api/funds/${ids.A.id}/metrics?asOf=2024-12-31`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      fundId: ids.A.id,
      asOf: '2024-12-31',
      capital: {
        // 100 (M) + 400 (social) 百万元 committed; 20 + 180 paid; M's fiscal share 60% × 100 and × 20
        committed: '500000000.00',
        paidIn: '200000000.00',
        parentCommitted: '100000000.00',
        parentPaidIn: '20000000.00',
        fiscalIn: '60000000.00',
        fiscalPaidIn: '12000000.00',
        invested: '65000000.00', // 30 + 20 + 15
      },
      leverage: {
        parent: { committed: '5.0000', paidIn: '10.0000' }, // 500 / 100, 200 / 20
        fiscal: { committed: '8.3333', paidIn: '16.6667' }, // 500 / 60, 200 / 12
        subFunds: { committed: null, paidIn: null }, // A has no sub-funds
        subFundsFiscal: { committed: null, paidIn: null },
        investment: '3.5385', // round sizes (100 + 80 + 50) / invested 65
      },
      // required 1.2 × 100 = 120; credited 30 + 20 × 1.5 (relocated) + 15 + 50 × 0.3 (sourced project) + 10 × 0 (secondary) = 90
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
        leads: 4, // P1–P4 (V is an agency project)
        reached: { negotiating: 3, signed: 2, registered: 2, started: 1, completed: 0, producing: 0 },
        dropped: 1,
        landed: 2,
        investmentLinked: 1,
        introduced: 1,
        bigSigned: 1,
        overdue: 1,
        // sign 2/4, registration 2/2, start 1/2, production 0/2, arrival 120 / 380
        rates: { sign: '0.5000', registration: '1.0000', start: '0.5000', production: '0.0000', arrival: '0.3158' },
        // planned of the signed P1 + P2 = 300 + 80; arrived 60 + 40 + 20; 380 / 65
        plannedTotal: '380000000.00',
        arrived: '120000000.00',
        attractionMultiple: '5.8462',
        // days to sign: P1 2024-01-10→03-01 = 51, P2 2024-02-01→05-20 = 109, median 80.0;
        // days to register: P1 03-01→04-15 = 45, P2 05-20→07-01 = 42, median 43.5
        medianDaysToSign: '80.0',
        medianDaysToRegister: '43.5',
      },
    });
  });

  it('M as of 2024-12-31', async () => {
    const r = await get(`/api/funds/${ids.M.id}/metrics?asOf=2024-12-31`);
    expect(r.status).toBe(200);
    // committed 600 + 400; paid 120 + 80; fiscal 600 (区财政局)
    expect(r.body.capital).toMatchObject({
      committed: '1000000000.00',
      paidIn: '200000000.00',
      parentCommitted: null,
      fiscalIn: '600000000.00',
    });
    expect(r.body.leverage).toEqual({
      parent: { committed: null, paidIn: null },
      fiscal: { committed: '1.6667', paidIn: '1.6667' }, // 1000 / 600, 200 / 120
      subFunds: { committed: '4.0000', paidIn: '5.0000' }, // (500 + 300 + 200) / (100 + 90 + 60), (200 + 150 + 50) / (20 + 45 + 15)
      subFundsFiscal: { committed: '6.6667', paidIn: '8.3333' }, // 1000 / (60 + 54 + 36), 400 / (12 + 27 + 9): M's fiscal share 0.6 of each
      investment: '3.5385', // only A invested: 230 / 65
    });
    expect(r.body.outcomes.attractionMultiple).toBe('5.8462'); // A's 380 / 65, the family's only leads and investments
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
});
