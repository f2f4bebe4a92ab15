import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';

/**
 * A family with a grandchild, every flow on a date chosen so the figures can be derived by hand (2021 and 2022 are
 * common years: 2021-01-01 → 2022-01-01 → 2023-01-01 are steps of 365 days, so the flows are polynomials in
 * x = 1/(1 + r)).
 *
 * M (mother): fiscal 100M committed, 40M paid 2021-01-01; NAV 45M (2022-12-31).
 * A (sub of M, k = 1.2): M 50M committed, 20M paid 2021-01-01; social 50M, 20M paid 2021-01-01.
 *   Distributes 6M 2022-01-01 (and 9M in 2023, after the as-of date). NAV 30M (2022-06-30), 42M (2022-12-31),
 *   99M (2023-06-30, after). Invests X 8M (天使轮; sme, hightech, private) 2021-03-01, Y 12M (B; specialized)
 *   2021-06-01, exited 2022-10-01 for 15M; Z 5M (A轮) 2023-05-01 (after).
 * G (sub of A): A 10M committed, paid 2021-01-01; social 30M, 10M paid 2021-01-01 and 20M 2022-06-01.
 *   Distributes 4M 2022-01-01 (A's share then 10/20); NAV 44M 2022-12-31 (A's share on D 10/40).
 */
const D = '2023-01-01';

async function buildFamily() {
  const t = await testApp();
  const M = await t.create('/api/funds', { name: '业绩母基金', level: 'mother' });
  const A = await t.create('/api/funds', { name: '业绩子基金', level: 'sub', parentId: M.id, reinvestment: { multiple: '1.2' } });
  const G = await t.create('/api/funds', { name: '业绩孙基金', level: 'sub', parentId: A.id });
  const B = await t.create('/api/funds', { name: '另一子基金', level: 'sub', parentId: M.id });
  const pay = async (fundId: number, commitment: object, payments: [string, string][]) => {
    const m = await t.create(`/api/funds/${fundId}/commitments`, { committedOn: '2021-01-01', ...commitment });
    for (const [amount, paidOn] of payments) await t.create(`/api/commitments/${m.id}/contributions`, { amount, paidOn });
  };
  await pay(M.id, { investorType: 'fiscal', investorName: '区财政局', amount: '100000000' }, [['40000000', '2021-01-01']]);
  await pay(A.id, { investorType: 'fund', investorFundId: M.id, amount: '50000000' }, [['20000000', '2021-01-01']]);
  await pay(A.id, { investorType: 'social', investorName: '社会出资人甲', amount: '50000000' }, [['20000000', '2021-01-01']]);
  await pay(G.id, { investorType: 'fund', investorFundId: A.id, amount: '10000000' }, [['10000000', '2021-01-01']]);
  await pay(G.id, { investorType: 'social', investorName: '社会出资人乙', amount: '30000000' }, [['10000000', '2021-01-01'], ['20000000', '2022-06-01']]);
  await pay(B.id, { investorType: 'fund', investorFundId: M.id, amount: '10000000' }, [['5000000', '2021-01-01']]);

  await t.create(`/api/funds/${A.id}/distributions`, { amount: '6000000', paidOn: '2022-01-01', kind: 'income' });
  await t.create(`/api/funds/${A.id}/distributions`, { amount: '9000000', paidOn: '2023-03-01', kind: 'return_of_capital' });
  await t.create(`/api/funds/${G.id}/distributions`, { amount: '4000000', paidOn: '2022-01-01', kind: 'return_of_capital' });
  await t.create(`/api/funds/${M.id}/valuations`, { nav: '45000000', on: '2022-12-31' });
  await t.create(`/api/funds/${A.id}/valuations`, { nav: '30000000', on: '2022-06-30' });
  await t.create(`/api/funds/${A.id}/valuations`, { nav: '42000000', on: '2022-12-31' });
  await t.create(`/api/funds/${A.id}/valuations`, { nav: '99000000', on: '2023-06-30' });
  await t.create(`/api/funds/${G.id}/valuations`, { nav: '44000000', on: '2022-12-31' });

  const X = await t.create('/api/companies', { name: '天使科技有限公司', flags: { sme: true, hightech: true, private: true } });
  const Y = await t.create('/api/companies', { name: '专精制造有限公司', flags: { specialized: true } });
  await t.create(`/api/funds/${A.id}/investments`, { companyId: X.id, amount: '8000000', investedOn: '2021-03-01', round: '天使轮' });
  const y = await t.create(`/api/funds/${A.id}/investments`, { companyId: Y.id, amount: '12000000', investedOn: '2021-06-01', round: 'B' });
  await t.create(`/api/funds/${A.id}/investments`, { company: { name: '后投企业有限公司' }, amount: '5000000', investedOn: '2023-05-01', round: 'A轮' });
  await t.ok('POST', `/api/investments/${y.id}/exit`, { exitedOn: '2022-10-01', exitProceeds: '15000000' });

  await t.create('/api/indicator-thresholds', { indicator: 'idleShare', comparison: 'lte', value: '0.3', label: '闲置资金不超过三成' });
  await t.create('/api/indicator-thresholds', { indicator: 'tvpi', comparison: 'gte', value: '1' });
  await t.create('/api/indicator-thresholds', { indicator: 'irr', comparison: 'gte', value: '0.08' });
  const mgrA = await t.userWith('manager', [A.id]);
  const mgrB = await t.userWith('manager', [B.id]);
  return { t, M: M.id as number, A: A.id as number, G: G.id as number, B: B.id as number, y: y.id as number, mgrA: mgrA.token, mgrB: mgrB.token };
}

describe('GET /api/funds/:id/performance on a family with a grandchild', () => {
  let w: Awaited<ReturnType<typeof buildFamily>>;
  beforeAll(async () => {
    w = await buildFamily();
  });

  it('the sub-fund: its own flows, the view of its child, the 投向 indicators and the checks', async () => {
    const body = await w.t.ok('GET', `/api/funds/${w.A}/performance?asOf=${D}`);
    expect(body).toEqual({
      fundId: w.A,
      asOf: D,
      paidIn: '40000000.00', // 20M (M) + 20M (social); the 2023 records are after D
      distributed: '6000000.00',
      nav: '42000000.00', // the latest valuation ≤ D (30M of 2022-06-30 is older, 99M of 2023 is later)
      dpi: '0.1500', // 6 / 40
      rvpi: '1.0500', // 42 / 40
      tvpi: '1.2000', // (6 + 42) / 40
      // −40 + 6x + 42x² = 0 → x = (−6 + √6756) / 84 = 0.907082… → r = 0.102436…
      irr: '0.1024',
      appreciation: '0.2000', // (6 + 42 − 40) / 40
      indicators: {
        socialShare: '0.5000', // 50 / (50 + 50)
        paidRatio: '0.4000', // 40 / 100
        // cash = 40 paid + 15 exit + 2 (its share of G's 4M: 10/20) − 20 invested − 10 paid into G − 6 distributed = 21
        idleShare: '0.5250', // 21 / 40
        earlyShare: '0.4000', // 天使轮 8 / (8 + 12); the A轮 of 2023 is after D
        smallShare: '0.4000', // sme: 8 / 20
        techShare: '1.0000', // hightech 8 + specialized 12
        privateShare: '0.4000', // 8 / 20
        reinvestmentMultiple: '1.2000',
      },
      children: [
        {
          fundId: w.G,
          contributed: '10000000.00',
          distributed: '2000000.00', // 4M × 10/20 (A's paid-in share on 2022-01-01)
          nav: '11000000.00', // 44M × 10/40 (its share on D, after the social LP's 20M of 2022-06-01)
          dpi: '0.2000', // 2 / 10
          rvpi: '1.1000', // 11 / 10
          tvpi: '1.3000', // 13 / 10
          // −10 + 2x + 11x² = 0 → x = (−2 + √444) / 22 = 0.866877… → r = 0.153565…
          irr: '0.1536',
          appreciation: '0.3000',
        },
      ],
      checks: [
        { indicator: 'idleShare', comparison: 'lte', value: '0.3000', actual: '0.5250', met: false },
        { indicator: 'tvpi', comparison: 'gte', value: '1.0000', actual: '1.2000', met: true },
        { indicator: 'irr', comparison: 'gte', value: '0.0800', actual: '0.1024', met: true },
      ],
    });
  });

  it('the mother: its own capital only (not its family), and only its direct children', async () => {
    const body = await w.t.ok('GET', `/api/funds/${w.M}/performance?asOf=${D}`);
    expect(body).toMatchObject({
      paidIn: '40000000.00', // the fiscal LP's 40M: not the family's paid-in
      distributed: '0.00',
      nav: '45000000.00',
      dpi: '0.0000',
      rvpi: '1.1250', // 45 / 40
      tvpi: '1.1250',
      irr: '0.0607', // (1 + r)² = 45 / 40 → r = 0.060660…
      appreciation: '0.1250',
      indicators: { socialShare: '0.0000', paidRatio: '0.4000', earlyShare: null, reinvestmentMultiple: '0.0000' },
    });
    // A: M paid 20 of A's 40 throughout, so its view is half of A's flows; B: 5M in, nothing back, no nav.
    expect(body.children).toEqual([
      { fundId: w.A, contributed: '20000000.00', distributed: '3000000.00', nav: '21000000.00', dpi: '0.1500', rvpi: '1.0500', tvpi: '1.2000', irr: '0.1024', appreciation: '0.2000' },
      { fundId: w.B, contributed: '5000000.00', distributed: '0.00', nav: '0.00', dpi: '0.0000', rvpi: '0.0000', tvpi: '0.0000', irr: null, appreciation: '-1.0000' },
    ]);
    // cash = 40 + A's 3M to M − 25 paid into A and B = 18 → 18 / 40
    expect(body.indicators.idleShare).toBe('0.4500');
    expect(body.checks.map((c: { met: boolean | null }) => c.met)).toEqual([false, true, false]);
  });

  it('sees only records dated ≤ asOf: before the exit its proceeds are not cash yet', async () => {
    const body = await w.t.ok('GET', `/api/funds/${w.A}/performance?asOf=2022-09-30`);
    // cash = 40 + 0 exit + 2 − 20 − 10 − 6 = 6 → 6 / 40; nav 30M (2022-06-30)
    expect(body.indicators.idleShare).toBe('0.1500');
    expect(body.nav).toBe('30000000.00');
  });

  it('a fund with no paid-in: null ratios, no irr; a threshold on a null figure has met null', async () => {
    const t = w.t;
    const F = await t.create('/api/funds', { name: '未出资基金', level: 'mother' });
    const body = await t.ok('GET', `/api/funds/${F.id}/performance?asOf=${D}`);
    expect(body).toMatchObject({ paidIn: '0.00', dpi: null, rvpi: null, tvpi: null, irr: null, appreciation: null, children: [] });
    expect(body.checks[0]).toEqual({ indicator: 'idleShare', comparison: 'lte', value: '0.3000', actual: null, met: null });
  });

  it('a manager sees its fund and the family below; the mother and another family are 404 as if missing', async () => {
    expect((await w.t.get(`/api/funds/${w.A}/performance?asOf=${D}`, w.mgrA)).status).toBe(200);
    expect((await w.t.get(`/api/funds/${w.G}/performance?asOf=${D}`, w.mgrA)).status).toBe(200);
    for (const path of [`/api/funds/${w.M}/performance`, `/api/funds/${w.A}/distributions`, `/api/funds/${w.A}/valuations`]) {
      const other = path.includes(`/${w.M}/`) ? w.mgrA : w.mgrB;
      const r = await w.t.get(path, other);
      expect(r.status, path).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    const missing = await w.t.get('/api/funds/999999/performance');
    expect(missing.status).toBe(404);
  });

  it('lists distributions and valuations of a fund; refuses bad input with the 400 envelope', async () => {
    const list = await w.t.ok('GET', `/api/funds/${w.A}/distributions`);
    expect(list.items.map((d: { amount: string; kind: string }) => [d.amount, d.kind])).toEqual([['6000000.00', 'income'], ['9000000.00', 'return_of_capital']]);
    const navs = await w.t.ok('GET', `/api/funds/${w.A}/valuations`);
    expect(navs.items.map((v: { nav: string; on: string }) => [v.nav, v.on])).toEqual([['30000000.00', '2022-06-30'], ['42000000.00', '2022-12-31'], ['99000000.00', '2023-06-30']]);
    for (const [path, body] of [
      [`/api/funds/${w.A}/distributions`, { amount: '-1', paidOn: '2022-01-01', kind: 'income' }],
      [`/api/funds/${w.A}/distributions`, { amount: '1', paidOn: '2022-02-30', kind: 'income' }],
      [`/api/funds/${w.A}/distributions`, { amount: '1', paidOn: '2022-01-01', kind: 'fee' }],
      [`/api/funds/${w.A}/valuations`, { nav: '1.001', on: '2022-01-01' }],
      ['/api/indicator-thresholds', { indicator: 'bogus', comparison: 'gte', value: '1' }],
      ['/api/indicator-thresholds', { indicator: 'irr', comparison: 'gt', value: '1' }],
      ['/api/indicator-thresholds', { indicator: 'irr', comparison: 'gte', value: '1e5' }],
      [`/api/investments/${w.y}/exit`, { exitedOn: '2021-05-31', exitProceeds: '1' }], // before the investment
      [`/api/investments/${w.y}/exit`, { exitedOn: '2022-10-01', exitProceeds: '-5' }],
    ] as const) {
      const r = await w.t.call('POST', path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    expect((await w.t.get(`/api/funds/${w.A}/performance?asOf=2023-02-30`)).status).toBe(400);
  });

  it('a negative threshold (an IRR floor) is kept in its 4-place form', async () => {
    const r = await w.t.create('/api/indicator-thresholds', { indicator: 'irr', comparison: 'gte', value: '-0.05' });
    expect(r).toMatchObject({ indicator: 'irr', comparison: 'gte', value: '-0.0500', label: null });
  });
});

describe('company flags and the exit record', () => {
  it('PATCH /api/companies/:id sets flags, checks If-Match, and the change is audited', async () => {
    const t = await testApp();
    const co = await t.create('/api/companies', { name: '标记企业有限公司' });
    expect(co.flags).toEqual({ hightech: false, specialized: false, sme: false, private: false });
    const stale = await t.call('PATCH', `/api/companies/${co.id}`, { flags: { sme: true } }, { headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    const r = await t.call('PATCH', `/api/companies/${co.id}`, { flags: { sme: true, private: true } }, { headers: { 'if-match': `"${co.version}"` } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ flags: { hightech: false, specialized: false, sme: true, private: true }, version: co.version + 1 });
    expect(r.headers.get('etag')).toBe(`"${co.version + 1}"`);
    const audit = await t.ok('GET', `/api/audit?entity=companies&id=${co.id}`);
    expect(audit.items.at(-1)).toMatchObject({ action: 'update', before: { sme: 0 }, after: { sme: 1, private: 1 } });
    expect((await t.call('PATCH', '/api/companies/999999', { flags: { sme: true } })).status).toBe(404);
    expect((await t.call('PATCH', `/api/companies/${co.id}`, { flags: { listed: true } })).status).toBe(400);
  });

  it('POST /api/investments/:id/exit records the exit on the investment (and a correction replaces it)', async () => {
    const t = await testApp();
    const F = await t.create('/api/funds', { name: '退出基金', level: 'mother' });
    const i = await t.create(`/api/funds/${F.id}/investments`, { company: { name: '退出企业有限公司' }, amount: '100', investedOn: '2022-01-01' });
    expect(i).toMatchObject({ exitedOn: null, exitProceeds: null });
    const first = await t.ok('POST', `/api/investments/${i.id}/exit`, { exitedOn: '2023-01-01', exitProceeds: '150' });
    expect(first).toMatchObject({ id: i.id, exitedOn: '2023-01-01', exitProceeds: '150.00', version: i.version + 1 });
    const fixed = await t.ok('POST', `/api/investments/${i.id}/exit`, { exitedOn: '2023-02-01', exitProceeds: '160.5' });
    expect(fixed).toMatchObject({ exitedOn: '2023-02-01', exitProceeds: '160.50' });
    expect((await t.ok('GET', `/api/investments/${i.id}`)).exitProceeds).toBe('160.50');
  });
});

describe('GET /api/exports/self-check.xlsx', () => {
  it('opens with exceljs: a self-check (not an official score), every fund the caller sees, 达标/未达标 against the thresholds', async () => {
    const w = await buildFamily();
    const res = await w.t.app.request('/api/exports/self-check.xlsx?year=2022', { headers: { authorization: `Bearer ${w.mgrA}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(String(ws.getCell('A1').value)).toContain('2022年度');
    expect(String(ws.getCell('A1').value)).toContain('非官方评分');
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push([1, 2, 3, 4, 5, 6].map((c) => String(row.getCell(c).value ?? '')));
    });
    // The manager of A sees A and G only; a past year is judged on its last day (2022-12-31, the same figures as D
    // but for the nav flow's date: tvpi is (6 + 42) / 40 either way).
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(['业绩子基金', '业绩孙基金']);
    const a = rows.filter((r) => r[0] === '业绩子基金');
    expect(a.find((r) => r[2] === '总价值倍数（TVPI）')).toEqual(['业绩子基金', '子基金', '总价值倍数（TVPI）', '1.2', '≥ 1.0000', '达标']);
    expect(a.find((r) => r[2] === '闲置资金占比')).toEqual(['业绩子基金', '子基金', '闲置资金占比', '0.525', '≤ 30.00%', '未达标']);
    expect(a.find((r) => r[2] === '投早占比')).toEqual(['业绩子基金', '子基金', '投早占比', '0.4', '未设定', '—']);
    expect(a.find((r) => r[2] === '实缴出资（万元）')?.[3]).toBe('4000');
    expect((await w.t.get('/api/exports/self-check.xlsx?year=1999')).status).toBe(400);
  });
});
