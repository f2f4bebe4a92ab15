import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers';
import { buildPerformanceFamily, D, subFundBody } from '../performance-family';

async function buildFamily() {
  const t = await testApp();
  return { t, ...(await buildPerformanceFamily(t)) };
}

describe('GET /api/funds/:id/performance on a family with a grandchild', () => {
  let w: Awaited<ReturnType<typeof buildFamily>>;
  beforeAll(async () => {
    w = await buildFamily();
  });

  it('the sub-fund: its own flows, the view of its child, the 投向 indicators and the checks', async () => {
    const body = await w.t.ok('GET', `/api/funds/${w.A}/performance?asOf=${D}`);
    expect(body).toEqual(subFundBody(w));
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
      {
        fundId: w.A,
        contributed: '20000000.00',
        distributed: '3000000.00',
        nav: '21000000.00',
        dpi: '0.1500',
        rvpi: '1.0500',
        tvpi: '1.2000',
        irr: '0.1024',
        appreciation: '0.2000',
      },
      {
        fundId: w.B,
        contributed: '5000000.00',
        distributed: '0.00',
        nav: '0.00',
        dpi: '0.0000',
        rvpi: '0.0000',
        tvpi: '0.0000',
        irr: null,
        appreciation: '-1.0000',
      },
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
    expect(body).toMatchObject({
      paidIn: '0.00',
      dpi: null,
      rvpi: null,
      tvpi: null,
      irr: null,
      appreciation: null,
      children: [],
    });
    expect(body.checks[0]).toEqual({
      indicator: 'idleShare',
      comparison: 'lte',
      value: '0.3000',
      actual: null,
      met: null,
    });
  });

  it('a manager sees its fund and the family below; the mother and another family are 404 as if missing', async () => {
    expect((await w.t.get(`/api/funds/${w.A}/performance?asOf=${D}`, w.mgrA)).status).toBe(200);
    expect((await w.t.get(`/api/funds/${w.G}/performance?asOf=${D}`, w.mgrA)).status).toBe(200);
    for (const path of [
      `/api/funds/${w.M}/performance`,
      `/api/funds/${w.A}/distributions`,
      `/api/funds/${w.A}/valuations`,
    ]) {
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
    expect(list.items.map((d: { amount: string; kind: string }) => [d.amount, d.kind])).toEqual([
      ['6000000.00', 'income'],
      ['9000000.00', 'return_of_capital'],
    ]);
    const navs = await w.t.ok('GET', `/api/funds/${w.A}/valuations`);
    expect(navs.items.map((v: { nav: string; on: string }) => [v.nav, v.on])).toEqual([
      ['30000000.00', '2022-06-30'],
      ['42000000.00', '2022-12-31'],
      ['99000000.00', '2023-06-30'],
    ]);
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
    const stale = await t.call(
      'PATCH',
      `/api/companies/${co.id}`,
      { flags: { sme: true } },
      { headers: { 'if-match': '"7"' } },
    );
    expect(stale.status).toBe(412);
    const r = await t.call(
      'PATCH',
      `/api/companies/${co.id}`,
      { flags: { sme: true, private: true } },
      { headers: { 'if-match': `"${co.version}"` } },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      flags: { hightech: false, specialized: false, sme: true, private: true },
      version: co.version + 1,
    });
    expect(r.headers.get('etag')).toBe(`"${co.version + 1}"`);
    const audit = await t.ok('GET', `/api/audit?entity=companies&id=${co.id}`);
    expect(audit.items.at(-1)).toMatchObject({ action: 'update', before: { sme: 0 }, after: { sme: 1, private: 1 } });
    expect((await t.call('PATCH', '/api/companies/999999', { flags: { sme: true } })).status).toBe(404);
    expect((await t.call('PATCH', `/api/companies/${co.id}`, { flags: { listed: true } })).status).toBe(400);
  });

  it('POST /api/investments/:id/exit records the exit on the investment (and a correction replaces it)', async () => {
    const t = await testApp();
    const F = await t.create('/api/funds', { name: '退出基金', level: 'mother' });
    const i = await t.create(`/api/funds/${F.id}/investments`, {
      company: { name: '退出企业有限公司' },
      amount: '100',
      investedOn: '2022-01-01',
    });
    expect(i).toMatchObject({ exitedOn: null, exitProceeds: null });
    const first = await t.ok('POST', `/api/investments/${i.id}/exit`, { exitedOn: '2023-01-01', exitProceeds: '150' });
    expect(first).toMatchObject({ id: i.id, exitedOn: '2023-01-01', exitProceeds: '150.00', version: i.version + 1 });
    const fixed = await t.ok('POST', `/api/investments/${i.id}/exit`, {
      exitedOn: '2023-02-01',
      exitProceeds: '160.5',
    });
    expect(fixed).toMatchObject({ exitedOn: '2023-02-01', exitProceeds: '160.50' });
    expect((await t.ok('GET', `/api/investments/${i.id}`)).exitProceeds).toBe('160.50');
  });
});

describe('GET /api/exports/self-check.xlsx', () => {
  it('opens with exceljs: a self-check (not an official score), every fund the caller sees, 达标/未达标 against the thresholds', async () => {
    const w = await buildFamily();
    const res = await w.t.app.request('/api/exports/self-check.xlsx?year=2022', {
      headers: { authorization: `Bearer ${w.mgrA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
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
    expect(a.find((r) => r[2] === '总价值倍数（TVPI）')).toEqual([
      '业绩子基金',
      '子基金',
      '总价值倍数（TVPI）',
      '1.2',
      '≥ 1.0000',
      '达标',
    ]);
    expect(a.find((r) => r[2] === '闲置资金占比')).toEqual([
      '业绩子基金',
      '子基金',
      '闲置资金占比',
      '0.525',
      '≤ 30.00%',
      '未达标',
    ]);
    expect(a.find((r) => r[2] === '投早占比')).toEqual(['业绩子基金', '子基金', '投早占比', '0.4', '未设定', '—']);
    expect(a.find((r) => r[2] === '实缴出资（万元）')?.[3]).toBe('4000');
    expect((await w.t.get('/api/exports/self-check.xlsx?year=1999')).status).toBe(400);
  });
});

describe('a constant number of statements', () => {
  /** The statements GET /api/funds/:id/performance and the 自评表 prepare for a mother with `n` children, each with flows. */
  async function statementsFor(n: number) {
    const t = await testApp();
    const M = await t.create('/api/funds', { name: '计数母基金', level: 'mother' });
    for (let i = 0; i < n; i++) {
      const c = await t.create('/api/funds', { name: `计数子基金${i}`, level: 'sub', parentId: M.id });
      const m = await t.create(`/api/funds/${c.id}/commitments`, {
        investorType: 'fund',
        investorFundId: M.id,
        amount: '100',
        committedOn: '2021-01-01',
      });
      await t.create(`/api/commitments/${m.id}/contributions`, { amount: '100', paidOn: '2021-01-01' });
      await t.create(`/api/funds/${c.id}/distributions`, { amount: '10', paidOn: '2022-01-01', kind: 'income' });
      await t.create(`/api/funds/${c.id}/valuations`, { nav: '120', on: '2022-06-30' });
      await t.create(`/api/funds/${c.id}/investments`, {
        company: { name: `计数企业${i}有限公司` },
        amount: '50',
        investedOn: '2021-02-01',
        round: 'A',
      });
    }
    const prepare = t.sqlite.prepare;
    let count = 0;
    t.sqlite.prepare = ((source: string) => {
      count++;
      return prepare.call(t.sqlite, source);
    }) as typeof prepare;
    const one = await t.ok('GET', `/api/funds/${M.id}/performance?asOf=${D}`);
    expect(one.children).toHaveLength(n);
    const perFund = count;
    expect((await t.call('GET', '/api/exports/self-check.xlsx?year=2022')).status).toBe(200);
    return [perFund, count - perFund];
  }

  it('whatever the number of children: no statement per child or per fund', async () => {
    expect(await statementsFor(12)).toEqual(await statementsFor(2));
  });
});
