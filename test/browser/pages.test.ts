// The pages in a real browser: Debian's Chromium driven by playwright-core against touyin served on 127.0.0.1
// with the demo district. Screenshots land in test/artifacts/ (gitignored).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertKindLabels, alertKinds } from '../../src/domain/alerts';
import { periodMetricKind, periodMetrics } from '../../src/domain/assessment';
import { Dec } from '../../src/domain/decimal';
import { pct, wan } from '../../src/web/format';
import { ARTIFACTS, demoLogin, demoServer, launchChromium } from './harness';
import { PLATFORM_NAME } from '../../src/web/data';
import { chineseDate } from '../../src/xlsx/worksheet';
import { settings } from '../../src/db/schema';

/** Set by vitest.config.ts (TOUYIN_CHROMIUM, else Debian's /usr/bin/chromium). */
const CHROMIUM = process.env.TOUYIN_CHROMIUM || '/usr/bin/chromium';

const ADMIN = 'browser-test-admin';

let base = '';
let browser: Browser;
let stop: () => Promise<void>;
let served: Awaited<ReturnType<typeof demoServer>>;

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(base + path, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A fresh browser context logged in as one demo user; console errors and page errors are collected. */
const loginAs = (username: string, viewport?: { width: number; height: number }) =>
  demoLogin(browser, base, username, viewport);

/** Pixels an ECharts canvas has drawn (not transparent): a blank canvas has none. */
async function drawnPixels(page: Page, selector: string) {
  await page.waitForSelector(`${selector}[data-rendered="1"]`, { timeout: 15_000 });
  return page.$eval(`${selector} canvas`, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

/** The text of each page of a PDF (pdftotext, layout kept). */
function pdfPages(file: string): string[] {
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}
const lines = (text: string) => text.split('\n').filter((l) => l.trim()).length;

const tile = (page: Page, label: string) =>
  page.$eval(
    `xpath=//div[contains(@class,"kpi")][div[@class="label" and text()="${label}"]]/div[@class="value"]`,
    (el) => el.textContent ?? '',
  );

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `浏览器测试需要 Chromium，未找到 ${CHROMIUM}：apt-get install -y chromium，或设置 TOUYIN_CHROMIUM=<路径>`,
    );
  served = await demoServer(ADMIN, 'touyin-browser-');
  base = served.base;
  stop = served.stop;
  browser = await launchChromium(CHROMIUM);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

describe('pages in Chromium', () => {
  it('a leader sees the cockpit with drawn charts, data in the fund table and no console errors', async () => {
    const { page, errors, context } = await loginAs('leader');
    for (const chart of ['#chart-sankey', '#chart-funnel', '#chart-chains']) {
      expect(await drawnPixels(page, chart), chart).toBeGreaterThan(2000);
    }
    const rows = await page.$$eval('#fund-table tbody tr', (trs) => trs.length);
    expect(rows).toBeGreaterThanOrEqual(4);
    expect(await tile(page, '认缴规模')).toMatch(/亿元|万元/);
    expect(await tile(page, '落地项目数')).not.toBe('0 个');
    // A leader reads, never writes: no lead form, no review queue in the menu.
    expect(await page.$('a[href="/projects/new"]')).toBeNull();
    expect(await page.$('a[href="/review"]')).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'cockpit.png'), fullPage: true });
    // Sorting the fund table by 认缴 puts the largest first when clicked twice (desc).
    await page.click('#fund-table th:nth-child(3)');
    await page.click('#fund-table th:nth-child(3)');
    const firstTwo = await page.$$eval('#fund-table tbody tr td:nth-child(3)', (tds) =>
      tds.slice(0, 2).map((td) => Number(td.getAttribute('data-v'))),
    );
    expect(firstTwo[0]!).toBeGreaterThanOrEqual(firstTwo[1]!);

    await page.click('#fund-table tbody tr:first-child a');
    await page.waitForSelector('#chart-capital');
    expect(await drawnPixels(page, '#chart-capital')).toBeGreaterThan(1000);
    await page.screenshot({ path: join(ARTIFACTS, 'fund.png'), fullPage: true });

    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/`);
    expect(await drawnPixels(phone, '#chart-funnel')).toBeGreaterThan(1000);
    await phone.screenshot({ path: join(ARTIFACTS, 'cockpit-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a manager submits a lead that stays pending, is refused a duplicate, and cannot open another fund’s project; staff confirms it and the cockpit counts it', async () => {
    const funds = (await api('/api/funds?limit=500')).body.items as { id: number; name: string }[];
    const manager = await api('/api/users?limit=500');
    const ai = manager.body.items.find((u: any) => u.username === 'manager-ai');
    const culture = manager.body.items.find((u: any) => u.username === 'manager-culture');
    expect(ai.fundIds.length).toBeGreaterThan(0);
    const cultureProjects = (await api(`/api/projects?fundId=${culture.fundIds[0]}&limit=1`)).body.items;
    expect(cultureProjects.length).toBe(1);

    const staff = await loginAs('staff');
    const leadsBefore = await tile(staff.page, '项目线索');

    const m = await loginAs('manager-ai');
    await m.page.goto(`${base}/projects/new`);
    const name = `浏览器测试项目 ${Date.now()}`;
    await m.page.fill('input[name=name]', name);
    await m.page.fill('input[name="company.name"]', `芜湖浏览器测试科技有限公司${Date.now()}`);
    await m.page.fill('input[name=plannedTotal]', '15000'); // 万元
    await m.page.selectOption('select[name=introducingUnitId]', { index: 1 });
    await m.page.selectOption('select[name=landingUnitId]', { index: 1 });
    await m.page.selectOption('select[name=chain]', '人工智能');
    await m.page.screenshot({ path: join(ARTIFACTS, 'lead-form.png'), fullPage: true });
    await Promise.all([m.page.waitForURL(/\/projects\/\d+$/), m.page.click('#lead-form button[type=submit]')]);
    const projectId = Number(m.page.url().split('/').pop());
    expect((await api(`/api/projects/${projectId}`)).body.plannedTotal).toBe('150000000.00'); // 15000 万元
    expect(await m.page.textContent('h1')).toContain('待认定');
    const companyName = await m.page.$eval('table td:has-text("投资企业") + td', (td) => td.textContent ?? '');

    // The same company again: refused, naming the existing project.
    await m.page.goto(`${base}/projects/new`);
    await m.page.fill('input[name=name]', `${name}（重复）`);
    await m.page.fill('input[name="company.name"]', companyName);
    await m.page.fill('input[name=plannedTotal]', '100');
    await m.page.selectOption('select[name=introducingUnitId]', { index: 1 });
    await m.page.selectOption('select[name=landingUnitId]', { index: 1 });
    await m.page.click('#lead-form button[type=submit]');
    await m.page.waitForSelector('#lead-form .msg.error');
    expect(await m.page.textContent('#lead-form .msg')).toContain(`#${projectId}`);

    // Another fund's project does not exist for this manager.
    const other = await m.page.goto(`${base}/projects/${cultureProjects[0].id}`);
    expect(other?.status()).toBe(404);
    expect(await m.page.textContent('h1')).toContain('未找到');
    // The refused duplicate (409) and the hidden project (404) are the only failed loads the browser reports.
    expect(m.errors).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);

    // Staff confirms it in the review queue; the cockpit now counts one more lead.
    await staff.page.goto(`${base}/review`);
    const row = staff.page.locator('#pending-projects tr', { hasText: name });
    // The page reloads itself once the confirmation is saved: wait for that reload before going anywhere else.
    await Promise.all([staff.page.waitForEvent('load'), row.locator('button.ok').click()]);
    await expect.poll(async () => await staff.page.locator('#pending-projects tr', { hasText: name }).count()).toBe(0);
    await staff.page.goto(`${base}/`);
    const leadsAfter = await tile(staff.page, '项目线索');
    expect(Number(leadsAfter.replace(/\D/g, ''))).toBe(Number(leadsBefore.replace(/\D/g, '')) + 1);
    expect((await api(`/api/projects/${projectId}`)).body.status).toBe('confirmed');
    expect(staff.errors).toEqual([]);
    expect(funds.length).toBeGreaterThan(0);
  }, 90_000);

  it('staff downloads the fund report, and a bad sheet uploaded on the import page is refused row by row with nothing written; a good one is imported', async () => {
    const staff = await loginAs('staff');
    const [download] = await Promise.all([staff.page.waitForEvent('download'), staff.page.click('#export-funds')]);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an .xlsx is a zip
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    const units = (await api('/api/units?limit=500')).body.items as { name: string }[];
    const funds = (await api('/api/funds?limit=500')).body.items as { name: string }[];
    const header =
      '项目名称,企业名称,来源类型,来源基金,报送日期,计划总投资（元）,招引单位,落地单位,签约日期,到资金额（元）,到资日期';
    const unit = units[1]!.name;
    const bad = [
      header,
      `浏览器导入甲,芜湖导入测试甲有限公司,基金招引,${funds[1]!.name},2025-01-10,-5,${unit},${unit},,,`,
      `浏览器导入乙,芜湖导入测试乙有限公司,基金招引,不存在的基金,2025-02-30,1000000,${unit},${unit},,,`,
      `浏览器导入丙,芜湖导入测试丙有限公司,基金招引,${funds[1]!.name},2025-01-10,1000000,${unit},${unit},2025-03-01,50000,2025-02-01`,
    ].join('\n');
    const before = (await api('/api/projects?limit=1')).body;
    const countBefore = (await api('/api/reports/funds')).body.funds[0].outcomes.leads;
    await staff.page.goto(`${base}/import`);
    await staff.page.setInputFiles('#import-form input[type=file]', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad),
    });
    await staff.page.click('#import-form button[value=import]');
    await staff.page.waitForSelector('#import-problems tbody tr');
    const problems = await staff.page.$$eval('#import-problems tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(problems.map((p) => p[0])).toEqual(expect.arrayContaining(['2', '3', '4'])); // every bad row named
    expect(await staff.page.textContent('#import-msg')).toContain('未写入任何数据');
    expect((await api('/api/reports/funds')).body.funds[0].outcomes.leads).toBe(countBefore);
    expect((await api('/api/projects?limit=1')).body).toEqual(before);
    await staff.page.screenshot({ path: join(ARTIFACTS, 'import-refused.png'), fullPage: true });

    const good = [
      header,
      `浏览器导入丁,芜湖导入测试丁有限公司,基金招引,${funds[1]!.name},2025-01-10,1000000,${unit},${unit},2025-03-01,50000,2025-04-01`,
    ].join('\n');
    await staff.page.setInputFiles('#import-form input[type=file]', {
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good),
    });
    await staff.page.click('#import-form button[value=import]');
    await staff.page.waitForFunction(() => document.getElementById('import-msg')?.textContent?.startsWith('已导入'));
    expect(await staff.page.textContent('#import-msg')).toContain('1 个项目');
    const found = (await api(`/api/projects?q=${encodeURIComponent('浏览器导入丁')}`)).body.items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'confirmed', stage: 'signed', plannedTotal: '1000000.00' });
    expect(staff.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  }, 60_000);

  it('staff records a fund, its commitment, a contribution and an investment through the forms; a manager records progress on its project', async () => {
    const staff = await loginAs('staff');
    const page = staff.page;
    await page.goto(`${base}/records`);
    const fundName = `表单测试子基金${Date.now()}`;
    await page.fill('#fund-form input[name=name]', fundName);
    await page.selectOption('#fund-form select[name=level]', 'sub');
    await page.selectOption('#fund-form select[name=parentId]', { index: 1 });
    await page.fill('#fund-form input[name="reinvestment.multiple"]', '1.1');
    await Promise.all([page.waitForEvent('load'), page.click('#fund-form button[type=submit]')]);
    const fund = ((await api('/api/funds?limit=500')).body.items as any[]).find((f) => f.name === fundName);
    expect(fund).toMatchObject({ level: 'sub', reinvestment: { multiple: '1.1000', base: 'parent_committed' } });

    await page.selectOption('#commitment-form select[name=fundId]', String(fund.id));
    await page.selectOption('#commitment-form select[name=investorType]', 'social');
    await page.fill('#commitment-form input[name=investorName]', '表单测试出资人');
    await page.fill('#commitment-form input[name=amount]', '3000.00005'); // 万元: 30000000.5 元, exactly
    await page.fill('#commitment-form input[name=committedOn]', '2026-01-05');
    expect(await page.textContent('#commitment-form label:has(input[name=amount])')).toContain('金额（万元）');
    await Promise.all([page.waitForEvent('load'), page.click('#commitment-form button[type=submit]')]);
    const detail = (await api(`/api/funds/${fund.id}`)).body;
    expect(detail.commitments).toMatchObject([
      { investorType: 'social', investorName: '表单测试出资人', amount: '30000000.50', paidIn: '0.00' },
    ]);

    await page.selectOption('#contribution-form select[name=commitmentId]', String(detail.commitments[0].id));
    await page.fill('#contribution-form input[name=amount]', '4000');
    await page.fill('#contribution-form input[name=paidOn]', '2026-02-01');
    await page.click('#contribution-form button[type=submit]');
    await page.waitForSelector('#contribution-form .msg.error'); // more than committed: refused, and the page says why
    // In the unit the clerk typed: 认缴 3000.00005 万元, nothing paid yet, 4000 asked.
    expect(await page.textContent('#contribution-form .msg')).toBe(
      '实缴将超过认缴：认缴 3000.00005 万元，已实缴 0 万元，本次 4000 万元，最多还可实缴 3000.00005 万元',
    );
    // Finer than the fen (7 decimals of 万元) or not a number: the page says so and posts nothing.
    for (const typed of ['0.0000001', '1万2', '-5']) {
      await page.fill('#contribution-form input[name=amount]', typed);
      await page.click('#contribution-form button[type=submit]');
      await page.waitForFunction(
        (t) =>
          (document.querySelector('#contribution-form .msg')?.textContent ?? '').includes('单位万元') &&
          (document.querySelector('#contribution-form input[name=amount]') as HTMLInputElement).value === t,
        typed,
      );
      expect(await page.textContent('#contribution-form .msg')).toBe(
        '金额（万元）应为数字，单位万元，最多 6 位小数（精确到分），如 1.5 或 3000',
      );
    }
    expect((await api(`/api/funds/${fund.id}`)).body.commitments[0].paidIn).toBe('0.00');
    await page.fill('#contribution-form input[name=amount]', '1000');
    await Promise.all([page.waitForEvent('load'), page.click('#contribution-form button[type=submit]')]);
    expect((await api(`/api/funds/${fund.id}`)).body.commitments[0].paidIn).toBe('10000000.00');
    // After the reload the form says what it recorded; the same 实缴 sent again is the first answer replayed, not a second one.
    const said = await page.textContent('#contribution-form .msg.success');
    expect(said).toContain('实缴已记录：认缴记录 ');
    expect(said).toContain('金额（万元） 1000；实缴日期 2026-02-01');
    await page.selectOption('#contribution-form select[name=commitmentId]', String(detail.commitments[0].id));
    await page.fill('#contribution-form input[name=amount]', '1000');
    await page.fill('#contribution-form input[name=paidOn]', '2026-02-01');
    await Promise.all([page.waitForEvent('load'), page.click('#contribution-form button[type=submit]')]);
    expect(await page.textContent('#contribution-form .msg.success')).toContain('（与刚才提交的相同，未重复记录）');
    expect((await api(`/api/funds/${fund.id}`)).body.commitments[0].paidIn).toBe('10000000.00');
    // A refused field is named as the form names it, not by its API path.
    await page.selectOption('#commitment-form select[name=fundId]', String(fund.id));
    await page.selectOption('#commitment-form select[name=investorType]', 'fund');
    await page.selectOption('#commitment-form select[name=investorFundId]', String(fund.id));
    await page.fill('#commitment-form input[name=amount]', '1');
    await page.fill('#commitment-form input[name=committedOn]', '2026-01-05');
    await page.click('#commitment-form button[type=submit]');
    await page.waitForSelector('#commitment-form .msg.error');
    await page.screenshot({ path: join(ARTIFACTS, 'records-refused-field.png'), fullPage: true });
    expect(await page.textContent('#commitment-form .msg')).not.toMatch(/investorFundId|fundId/);

    await page.selectOption('#investment-form select[name=fundId]', String(fund.id));
    await page.fill('#investment-form input[name="company.name"]', `表单测试被投企业${Date.now()}有限公司`);
    await page.fill('#investment-form input[name=amount]', '500');
    await page.fill('#investment-form input[name=investedOn]', '2026-03-01');
    await page.fill('#investment-form input[name=round]', 'A');
    await page.fill('#investment-form input[name=roundSize]', '2,000');
    await Promise.all([page.waitForEvent('load'), page.click('#investment-form button[type=submit]')]);
    const invested = (await api(`/api/funds/${fund.id}/investments`)).body.items;
    expect(invested).toMatchObject([
      { amount: '5000000.00', round: 'A', roundSize: '20000000.00', kind: 'new', lead: false },
    ]);
    expect(staff.errors.filter((e) => !e.includes('status of 409') && !e.includes('status of 400'))).toEqual([]);

    // A manager moves its own project forward: 签约 through the project page.
    const users = (await api('/api/users?limit=500')).body.items as any[];
    const ai = users.find((u) => u.username === 'manager-ai');
    const own = (await api(`/api/projects?fundId=${ai.fundIds[0]}&stage=negotiating&status=confirmed&limit=1`)).body
      .items[0];
    const m = await loginAs('manager-ai');
    await m.page.goto(`${base}/projects/${own.id}`);
    await m.page.selectOption('#milestone-form select[name=stage]', 'signed');
    await m.page.fill('#milestone-form input[name=on]', '2026-11-01');
    await Promise.all([m.page.waitForEvent('load'), m.page.click('#milestone-form button[type=submit]')]);
    expect(await m.page.textContent('#timeline')).toContain('2026-11-01 签约');
    expect((await api(`/api/projects/${own.id}`)).body).toMatchObject({
      stage: 'signed',
      reached: { signed: '2026-11-01' },
    });
    await m.page.fill('form[data-api$="/arrivals"] input[name=amount]', '0.5'); // 万元
    await m.page.fill('form[data-api$="/arrivals"] input[name=arrivedOn]', '2026-11-02');
    await Promise.all([m.page.waitForEvent('load'), m.page.click('form[data-api$="/arrivals"] button[type=submit]')]);
    expect((await api(`/api/projects/${own.id}`)).body.arrivals.at(-1)).toMatchObject({
      amount: '5000.00',
      arrivedOn: '2026-11-02',
    });
    expect(m.errors).toEqual([]);
  }, 60_000);

  it('staff records a distribution, a NAV report and an exit through the forms; the fund page draws the cash-flow chart and the indicators against the thresholds', async () => {
    const { page, errors, context } = await loginAs('staff');
    const fund = ((await api('/api/funds?limit=500')).body.items as any[]).find((f) => f.level === 'sub')!;
    await page.goto(`${base}/records`);
    await page.selectOption('#distribution-form select[name=fundId]', String(fund.id));
    await page.fill('#distribution-form input[name=amount]', '123.456789'); // 万元, as on every form
    await page.fill('#distribution-form input[name=paidOn]', '2026-10-10');
    await page.selectOption('#distribution-form select[name=kind]', 'income');
    await Promise.all([page.waitForEvent('load'), page.click('#distribution-form button[type=submit]')]);
    expect((await api(`/api/funds/${fund.id}/distributions?limit=500`)).body.items.at(-1)).toMatchObject({
      amount: '1234567.89',
      paidOn: '2026-10-10',
      kind: 'income',
    });

    await page.selectOption('#valuation-form select[name=fundId]', String(fund.id));
    await page.fill('#valuation-form input[name=nav]', '30000'); // 万元
    await page.fill('#valuation-form input[name=on]', '2026-10-15');
    await Promise.all([page.waitForEvent('load'), page.click('#valuation-form button[type=submit]')]);
    expect((await api(`/api/funds/${fund.id}/valuations?limit=500`)).body.items.at(-1)).toMatchObject({
      nav: '300000000.00',
      on: '2026-10-15',
    });

    const held = ((await api(`/api/funds/${fund.id}/investments?limit=500`)).body.items as any[]).find(
      (i) => i.exitedOn === null,
    )!;
    await page.selectOption('#exit-form select[name=investmentId]', String(held.id));
    await page.fill('#exit-form input[name=exitedOn]', '2026-10-20');
    await page.fill('#exit-form input[name=exitProceeds]', '2500'); // 万元
    await Promise.all([page.waitForEvent('load'), page.click('#exit-form button[type=submit]')]);
    expect((await api(`/api/investments/${held.id}`)).body).toMatchObject({
      exitedOn: '2026-10-20',
      exitProceeds: '25000000.00',
    });

    await page.goto(`${base}/funds/${fund.id}?asOf=2026-10-31`);
    await Promise.all([
      page.waitForEvent('load'),
      page.click(`a[href="/funds/${fund.id}/performance?asOf=2026-10-31"]`),
    ]);
    expect(await drawnPixels(page, '#chart-cashflow')).toBeGreaterThan(1000);
    const body = (await api(`/api/funds/${fund.id}/performance?asOf=2026-10-31`)).body;
    expect(body.nav).toBe('300000000.00');
    const results = await page.$$eval('#indicator-table .tag', (tags) => tags.map((t) => t.textContent));
    expect(results).toContain('达标');
    expect(await page.textContent('#indicator-table tr[data-indicator="tvpi"] td.num')).toBe(
      `${new Dec(body.tvpi).toFixed(2)} 倍`,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'fund-performance.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a fund named like a stage (签约) with a signed project: the cockpit still draws its Sankey, and a bad URL is a Chinese page', async () => {
    const funds = (await api('/api/funds?limit=500')).body.items as { id: number; level: string }[];
    const units = (await api('/api/units?limit=500')).body.items as { id: number }[];
    const mother = funds.find((f) => f.level === 'mother')!;
    const lookalike = await api('/api/funds', {
      method: 'POST',
      body: JSON.stringify({ name: '签约', level: 'sub', parentId: mother.id }),
    });
    expect(lookalike.status).toBe(201);
    const project = await api('/api/projects', {
      method: 'POST',
      body: JSON.stringify({
        name: '签约基金招引项目',
        company: { name: '芜湖签约基金测试有限公司' },
        sourceType: 'fund',
        sourceFundId: lookalike.body.id,
        reportedOn: '2026-01-05',
        plannedTotal: '100000000',
        introducingUnitId: units[0]!.id,
        landingUnitId: units[0]!.id,
      }),
    });
    expect(project.status).toBe(201);
    expect(
      (
        await api(`/api/projects/${project.body.id}/milestones`, {
          method: 'POST',
          body: JSON.stringify({ stage: 'signed', on: '2026-02-01' }),
        })
      ).status,
    ).toBe(201);

    const { page, errors, context } = await loginAs('leader');
    expect(await drawnPixels(page, '#chart-sankey')).toBeGreaterThan(2000);
    const labels = await page.evaluate(() => {
      const chart = (
        window as unknown as { touyinCharts: { getOption(): { series: { data: { name: string }[] }[] } }[] }
      ).touyinCharts[0]!;
      return chart.getOption().series[0]!.data.map((n) => n.name);
    });
    expect(labels.filter((n) => n === '签约')).toHaveLength(2); // the fund and the stage, two nodes
    // What the chart draws: the names (a fund's name wraps within its column), never the nodes' ids.
    const drawn = await page.evaluate(() => {
      const chart = (
        window as unknown as {
          touyinCharts: { getZr(): { storage: { getDisplayList(): { style?: { text?: unknown } }[] } } }[];
        }
      ).touyinCharts[0]!;
      return chart
        .getZr()
        .storage.getDisplayList()
        .flatMap((el) => (typeof el.style?.text === 'string' ? [el.style.text] : []));
    });
    expect(drawn.filter((text) => text === '签约')).toHaveLength(2);
    expect(drawn).toEqual(expect.arrayContaining(['洽谈', '注册', '开工', '投产']));
    expect(drawn.join('').replace(/\n/g, '')).toContain('鸠江区产业投资母基金');
    expect(drawn.filter((text) => /fund:|stage:/.test(text))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'cockpit-lookalike-fund.png'), fullPage: true });

    const bad = await page.goto(`${base}/projects?stage=bogus`);
    expect(bad?.status()).toBe(400);
    expect(await page.textContent('h1')).toBe('请求有误');
    const missing = await page.goto(`${base}/no-such-page`);
    expect(missing?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('未找到');
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    await context.close();
  }, 60_000);

  it('under the Content-Security-Policy, Swagger UI at /docs lists the API and nothing is refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const res = await page.goto(`${base}/docs`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.opblock-tag', { timeout: 15_000 });
    expect(await page.$$eval('.opblock-tag', (tags) => tags.length)).toBeGreaterThan(5);
    // An inline script is what the policy forbids: the browser refuses one put into the page.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.appendChild(s);
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(errors.filter((e) => !e.includes('inline script'))).toEqual([]);
    await context.close();
  }, 30_000);

  it('a leader follows the cockpit’s alert count to the alerts list, and reads the 产业链 map with its gaps', async () => {
    const { page, errors, context } = await loginAs('leader');
    const strip = page.locator('#cockpit-alerts');
    expect(await strip.locator('a[data-kind]').evaluateAll((as) => as.map((a) => a.getAttribute('data-kind')))).toEqual(
      [
        'signed_not_started',
        'started_not_completed',
        'stale', // a leader is not shown the 待认定 queue
        // the service loop's (SPEC §9): the demo's late nodes, overdue requests and signed projects without a 对接人
        'node_overdue',
        'request_overdue',
        'no_liaison',
      ],
    );
    const shown = Number(await strip.locator('a[data-kind="signed_not_started"] .tag').textContent());
    expect(shown).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/\/alerts\?/), strip.locator('a[data-kind="signed_not_started"]').click()]);
    const rows = await page.$$eval('#alerts tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-kind'), Number(tr.querySelector('td.num')!.textContent)] as const),
    );
    expect(rows).toHaveLength(shown);
    expect(rows.every(([kind, days]) => kind === 'signed_not_started' && days >= 180)).toBe(true);
    const days = rows.map(([, d]) => d);
    expect(days).toEqual([...days].sort((a, b) => b - a)); // longest waiting first
    await page.screenshot({ path: join(ARTIFACTS, 'alerts.png'), fullPage: true });

    await page.goto(`${base}/chains`);
    const empty = page.locator('tr[data-chain="集成电路"]');
    expect(await empty.locator('td.gap').count()).toBe(3);
    expect(await empty.textContent()).toContain('链长：区委副书记');
    const robot = page.locator('tr[data-chain="机器人及智能装备"]');
    expect(await robot.textContent()).toContain('链主：芜湖擎天机器人科技有限公司');
    expect(await page.locator('tr[data-chain="新材料"] td.gap').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'chains.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  it('a leader reads the 通报 of October 2026: 红黑榜, ranked unit rows with month and year-to-date figures, alert counts; it prints without the navigation; the assessment shows 序时进度', async () => {
    const { page, errors, context } = await loginAs('leader');
    // The figures as the leader may see them, from the API with the leader's own session.
    const res = await context.request.get(`${base}/api/bulletins/2026-10`);
    expect(res.status()).toBe(200);
    const b = await res.json();
    const red = (b.units as any[]).filter((u) => u.board === 'red').map((u) => u.name as string);
    const black = (b.units as any[]).filter((u) => u.board === 'black').map((u) => u.name as string);
    // The demo district makes the month non-trivial: both lists hold units, and something happened in the month.
    expect(red.length).toBeGreaterThan(0);
    expect(black.length).toBeGreaterThan(0);
    expect((b.units as any[]).some((u) => u.month.signed > 0 || u.month.newLeads > 0)).toBe(true);

    await page.goto(`${base}/bulletins/2026-10`);
    expect(await page.textContent('h1')).toBe('2026年10月以投促引考核通报');
    expect(await page.textContent('#red-board .tag.board-red')).toBe('红榜');
    expect(await page.textContent('#black-board .tag.board-black')).toBe('黑榜');
    expect((await page.textContent('#red-board'))!.replace('红榜', '').trim().split('、')).toEqual(red);
    expect((await page.textContent('#black-board'))!.replace('黑榜', '').trim().split('、')).toEqual(black);

    // One row per unit, in the API's order (peer group, then rank): rank, score, board, 7 month and 7 YTD figures.
    const cell = (kind: string, v: number | string) => (kind === 'money' ? wan(String(v)) : String(v));
    const rows = await page.$$eval('#units tbody tr', (trs) =>
      trs.map((tr) => ({
        unit: Number(tr.getAttribute('data-unit')),
        cls: tr.className,
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
      })),
    );
    expect(rows.map((r) => r.unit)).toEqual(b.units.map((u: any) => u.unitId));
    for (const [i, u] of (b.units as any[]).entries()) {
      const r = rows[i]!;
      expect(r.cells.slice(0, 5), u.name).toEqual([
        u.rank === null ? '—' : String(u.rank),
        u.name,
        u.peerGroup ?? '—',
        pct(u.score),
        u.board === 'red' ? '红榜' : u.board === 'black' ? '黑榜' : '—',
      ]);
      expect(r.cls).toBe(u.board ? `board-${u.board}` : '');
      expect(r.cells.slice(5), u.name).toEqual([
        ...periodMetrics.map((m) => cell(periodMetricKind[m], u.month[m])),
        ...periodMetrics.map((m) => cell(periodMetricKind[m], u.ytd[m])),
      ]);
    }
    // Ranks within a peer group run 1, 2, … (shared on ties, never skipping back).
    const firsts = new Map<string, number>();
    for (const u of b.units as any[]) if (!firsts.has(u.peerGroup)) firsts.set(u.peerGroup, u.rank);
    expect(firsts.size).toBeGreaterThan(1);
    expect([...firsts.values()].every((rank) => rank === 1)).toBe(true);

    // The alert counts, in the order of the kinds.
    const alerts = await page.$$eval('#alerts tr', (trs) =>
      trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]),
    );
    expect(alerts).toEqual(
      alertKinds.map((k) => [alertKindLabels[k], b.alerts[k] == null ? '—' : String(b.alerts[k])]),
    );
    expect(alerts.some(([, n]) => Number(n) > 0)).toBe(true);
    // 2026-10-31 is day 304 of 365: 序时进度 304 / 365 = 0.83288… → 83.29%.
    expect(b.schedule).toBe('0.8329');
    expect(await page.textContent('#schedule')).toBe('83.29%');
    // Signed: 发文单位 is the platform's name until the platform sets bulletin.issuer; dated the day it is issued.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const issued = `印发日期：${chineseDate(today)}`;
    expect(await page.textContent('#issuer')).toBe(`发文单位：${PLATFORM_NAME}${issued}`);
    await served.db.insert(settings).values({ key: 'bulletin.issuer', value: '芜湖市投资促进中心' });
    await page.reload();
    expect(await page.textContent('#issuer')).toBe(`发文单位：芜湖市投资促进中心${issued}`);
    await page.screenshot({ path: join(ARTIFACTS, 'bulletin.png'), fullPage: true });

    // Printed: no navigation bar, no download links, the tables are there.
    expect(await page.isVisible('header.top nav')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('header.top')).toBe(false);
    expect(await page.isVisible('header.top nav')).toBe(false);
    expect(await page.$$eval('.noprint', (els) => els.every((e) => getComputedStyle(e).display === 'none'))).toBe(true);
    for (const table of ['#units', '#targets', '#funds', '#alerts'])
      expect(await page.isVisible(table), table).toBe(true);
    expect(await page.$eval('#units', (t) => getComputedStyle(t.closest('.scroll')!).overflow)).toBe('visible');
    await page.screenshot({ path: join(ARTIFACTS, 'bulletin-print.png'), fullPage: true });
    // The PDF Chromium prints has landscape pages (A4: 842 × 595 pt) as the stylesheet's @page asks.
    const printed = await page.pdf({ preferCSSPageSize: true });
    // Its pages as pictures to look at: test/artifacts/bulletin-pdf-<n>.png.
    writeFileSync(join(ARTIFACTS, 'bulletin.pdf'), printed);
    if (existsSync('/usr/bin/pdftoppm'))
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-r',
        '60',
        join(ARTIFACTS, 'bulletin.pdf'),
        join(ARTIFACTS, 'bulletin-pdf'),
      ]);
    const pdf = printed.toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(box, 'a page size in the PDF').not.toBeNull();
    expect(Math.round(Number(box![1]))).toBe(842);
    expect(Math.round(Number(box![2]))).toBe(595);
    // Every page says its number; section 三 starts on the page that holds all its funds (never a heading alone at a
    // page's foot), and no page but the last is left more than half empty.
    const pages = pdfPages(join(ARTIFACTS, 'bulletin.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => expect(text).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`));
    const third = pages.findIndex((text) => text.includes('三、基金'));
    for (const f of b.funds as any[]) expect(pages[third], f.name).toContain(f.name.slice(0, 6));
    expect(pages[0]).toContain('发文单位：芜湖市投资促进中心');
    pages.slice(0, -1).forEach((text, i) => expect(lines(text), `page ${i + 1}`).toBeGreaterThan(20));
    // No page ends on a heading (二、… or 四's 年度累计…) whose table starts on the next page.
    const headings = await page.$$eval('main h2, main h3', (hs) => hs.map((h) => h.textContent!.trim()));
    expect(headings).toContain(`年度累计（截至 ${b.to}）`);
    pages.forEach((text, i) => {
      const body = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^第 \d+ 页，共 \d+ 页$/.test(l));
      expect(headings, `the foot of page ${i + 1}: ${body.at(-1)}`).not.toContain(body.at(-1));
    });
    await page.emulateMedia({ media: 'screen' });

    // The year's assessment at the same date shows the same 序时进度, on the page and on every target line.
    await page.goto(`${base}/assessment?year=2026&asOf=2026-10-31`);
    expect(await page.textContent('#schedule')).toBe('83.29%');
    const scheduleColumn = await page.$$eval('#targets tbody tr', (trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[6]?.textContent),
    );
    expect(scheduleColumn.length).toBeGreaterThan(0);
    expect(new Set(scheduleColumn)).toEqual(new Set(['83.29%']));
    expect(await page.$$eval('#units tbody tr', (trs) => trs.length)).toBe(b.units.length);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('the projects ledger prints in a readable column set: 8 pt or larger, headings on every page, names and 万元, each arrival in words; test/artifacts/ledger-pdf-<n>.png', async () => {
    const { page, errors, context } = await loginAs('leader', { width: 1920, height: 1080 });
    await page.goto(`${base}/projects`);
    await Promise.all([page.waitForURL(/\/projects\/ledger/), page.click('#ledger-link')]);
    const all = (await context.request.get(`${base}/api/projects?limit=500`).then((r) => r.json())) as any;
    const rows = await page.$$eval('#ledger tbody tr', (trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-project'),
        cells: [...(tr as HTMLTableRowElement).cells].map((td) => td.innerText),
      })),
    );
    expect(rows.length).toBe(all.items.length);
    // One project with arrivals, read against the API: its name, fund by name, dates, 万元 and the arrivals in words.
    const withMoney = rows.find((r) => r.cells[12] !== '')!;
    const p = (await context.request.get(`${base}/api/projects/${withMoney.id}`).then((r) => r.json())) as any;
    const fund = p.sourceFundId ? ((await api(`/api/funds/${p.sourceFundId}`)).body.name as string) : '—';
    expect(withMoney.cells.slice(1, 4)).toEqual([p.name, p.company?.name ?? '—', fund]);
    expect(withMoney.cells[7]).toBe(p.reached.signed ?? '');
    expect(withMoney.cells[10]).toBe(wan(p.plannedTotal));
    const confirmed = (p.arrivals as any[]).filter((a) => a.status === 'confirmed');
    expect(withMoney.cells[12]!.split('\n')).toEqual(
      confirmed.map((a) =>
        expect.stringMatching(new RegExp(`^${a.arrivedOn} 到资 ${wan(a.amount).replace('.', '\\.')} 万元（.+）$`)),
      ),
    );
    expect(withMoney.cells[12]).not.toContain('@');
    await page.screenshot({ path: join(ARTIFACTS, 'ledger.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    const size = await page.$eval('#ledger td', (td) => parseFloat(getComputedStyle(td).fontSize));
    expect(size).toBeGreaterThanOrEqual(8 * (96 / 72) - 0.01); // 8 pt in CSS pixels
    const printed = await page.pdf({ preferCSSPageSize: true });
    writeFileSync(join(ARTIFACTS, 'ledger.pdf'), printed);
    execFileSync('/usr/bin/pdftoppm', [
      '-png',
      '-r',
      '60',
      join(ARTIFACTS, 'ledger.pdf'),
      join(ARTIFACTS, 'ledger-pdf'),
    ]);
    const pages = pdfPages(join(ARTIFACTS, 'ledger.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('项目名称'); // the heading row repeats
      expect(text).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`);
    });
    expect(pages.join('')).not.toMatch(/\d@\d{4}-/);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('every page a leader, a manager and a clerk read, at 1920 and 390 px (test/artifacts/wide-*.png and phone-*.png)', async () => {
    const funds = (await api('/api/funds?limit=500')).body.items as { id: number; level: string }[];
    const sub = funds.find((f) => f.level === 'sub')!;
    const project = (await api('/api/projects?stage=started&limit=1')).body.items[0];
    const pages: [string, string, string][] = [
      ['leader', '/', 'cockpit'],
      ['leader', `/funds/${sub.id}`, 'fund'],
      ['leader', `/funds/${sub.id}/performance`, 'fund-performance'],
      ['leader', '/projects', 'projects'],
      ['leader', `/projects/${project.id}`, 'project'],
      ['leader', '/projects?stage=bogus', 'projects-400'],
      ['leader', '/assessment', 'assessment'],
      ['leader', '/bulletins', 'bulletin'],
      ['leader', '/projects/ledger?stage=signed', 'ledger'],
      ['manager-ai', '/', 'manager-cockpit'],
      ['manager-ai', '/projects/new', 'lead-form'],
      ['manager-ai', '/import', 'import'],
      ['staff', '/review', 'review'],
      ['staff', '/records', 'records'],
      ['leader', '/activities', 'activities'],
      ['staff', '/activities/new', 'activity-form'],
    ];
    for (const width of [1920, 390]) {
      const sessions = new Map<string, Awaited<ReturnType<typeof loginAs>>>();
      for (const [user, path, name] of pages) {
        if (!sessions.has(user)) sessions.set(user, await loginAs(user, { width, height: width > 1000 ? 1080 : 844 }));
        const { page } = sessions.get(user)!;
        await page.goto(base + path);
        for (const chart of await page.$$('[data-chart]'))
          await chart.evaluate((el) => el.getAttribute('data-rendered') || new Promise((r) => setTimeout(r, 500)));
        await page.screenshot({
          path: join(ARTIFACTS, `${width > 1000 ? 'wide' : 'phone'}-${name}.png`),
          fullPage: true,
        });
      }
      for (const s of sessions.values()) await s.context.close();
    }
  }, 120_000);

  it('a clerk fills the 招商活动 quick form on a 390 px phone in a few taps, saves, and finds it in the list; the pages fit the screen', async () => {
    const { page, errors, context } = await loginAs('staff', { width: 390, height: 844 });
    await page.goto(`${base}/activities/new`);
    // Nothing wider than the phone, and every field at 16 px or more (iOS zooms into a smaller one).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const small = await page.$$eval('#activity-form input, #activity-form select, #activity-form textarea', (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => [(el as HTMLInputElement).name, parseFloat(getComputedStyle(el).fontSize)] as const)
        .filter(([, size]) => size < 16),
    );
    expect(small).toEqual([]);
    // The date starts at today, the unit at the visitor's usual one; 目的地 shows only for 走出去.
    expect(await page.inputValue('input[name=startedOn]')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.$eval('select[name=unitId]', (s) => (s as unknown as HTMLSelectElement).value)).not.toBe('');
    expect(await page.isVisible('input[name=destination]')).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'activity-form-phone-empty.png'), fullPage: true });

    const started = Date.now();
    let taps = 0;
    const tap = async (action: Promise<unknown>) => {
      taps++;
      await action;
    };
    await tap(page.click('#activity-form .kinds label:has(input[value=outbound])'));
    expect(await page.isVisible('input[name=destination]')).toBe(true);
    await tap(page.fill('input[name=destination]', '合肥'));
    await tap(page.check('input[name=topLed]'));
    await tap(page.fill('textarea[name=companies]', '合肥量子视界科技有限公司\n合肥某新能源企业'));
    const staffId = await page.$eval('select[name=participantIds] option:last-child', (o) => {
      const options = [...(o.parentElement as unknown as HTMLSelectElement).options];
      return options.find((x) => x.textContent === '基金管理中心工作人员')!.value;
    });
    await tap(page.selectOption('select[name=participantIds]', [staffId]));
    await tap(page.fill('textarea[name=participantNames]', '区投资促进中心 李明、区科技局 张华'));
    const advanced = await page.$eval(
      'select[name=projects][data-extra*=advanced]',
      (s) =>
        [...(s as unknown as HTMLSelectElement).options].find((o) => o.textContent === '量子视界具身智能研发中心')!
          .value,
    );
    await tap(page.selectOption('select[name=projects][data-extra*=advanced]', [advanced]));
    await page.screenshot({ path: join(ARTIFACTS, 'activity-form-phone.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/activities#a\d+$/), tap(page.click('#activity-form button[type=submit]'))]);
    // Eight taps and fields: a person on a phone needs well under a minute for them; the browser took this long.
    expect(taps).toBe(8);
    expect(Date.now() - started).toBeLessThan(60_000);
    const id = Number(/#a(\d+)$/.exec(page.url())![1]);
    const saved = (await api(`/api/activities/${id}`)).body;
    expect(saved).toMatchObject({
      kind: 'outbound',
      destination: '合肥',
      topLed: true,
      participantIds: [Number(staffId)],
      participantNames: ['区投资促进中心 李明', '区科技局 张华'],
      projects: [{ projectId: Number(advanced), name: '量子视界具身智能研发中心', link: 'advanced' }],
    });
    expect(saved.companies.map((c: { name: string }) => c.name)).toEqual([
      '合肥量子视界科技有限公司',
      '合肥某新能源企业',
    ]);
    expect(saved.companies[0].companyId).not.toBeNull(); // registered in the demo: linked by its name
    const row = await page.textContent(`#a${id}`);
    expect(row).toContain('走出去');
    expect(row).toContain('主要负责人带队');
    expect(row).toContain('合肥量子视界科技有限公司');
    expect(await page.getAttribute(`#a${id} a[href="/projects/${advanced}"]`, 'href')).toBe(`/projects/${advanced}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'activities-phone.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'activities-phone-first-screen.png') });

    // The list's filters: 走出去 of 鸠江区 (and its 经开区) in October 2026, from the demo.
    await page.setViewportSize({ width: 1920, height: 1080 });
    const jiujiang = await page.$eval(
      '#activity-filters select[name=unitId]',
      (s) => [...(s as unknown as HTMLSelectElement).options].find((o) => o.textContent === '鸠江区')!.value,
    );
    await page.goto(`${base}/activities?unitId=${jiujiang}&kind=outbound&month=2026-10`);
    const rows = await page.$$eval('table.activities tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('广州');
    expect(rows[0]).toContain('主要负责人带队');
    await page.screenshot({ path: join(ARTIFACTS, 'activities-wide.png'), fullPage: true });
    expect(errors).toEqual([]);
    // A bad filter is a Chinese 400 page naming the field.
    await page.goto(`${base}/activities?kind=trip`);
    expect(await page.textContent('#refusal')).toContain('类型');
    await context.close();
  }, 60_000);

  it('a wrong password is refused and a page without a session sends the visitor to log in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/projects`);
    expect(page.url()).toContain('/login?next=%2Fprojects');
    await page.fill('input[name=username]', 'leader');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await page.waitForURL(/failed=1/);
    expect(await page.textContent('.msg.error')).toContain('不正确');
    await context.close();
  }, 30_000);
  it('the forms turn 万元 into exact 元 strings without floating point', async () => {
    const { page } = await loginAs('staff');
    await page.goto(`${base}/records`);
    const table: [string, string | null][] = [
      ['1', '10000'], // × 10^4
      ['1.5', '15000'],
      ['0.1', '1000'], // 0.1 × 10000 as a float is 1000.0000000000001
      ['3000.00005', '30000000.5'],
      ['0.000001', '0.01'], // one fen
      ['0.0000001', null], // below the fen
      ['1,234.5', '12345000'], // thousands grouped with commas
      ['１２３４', '12340000'], // full-width digits
      ['007', '70000'],
      ['0', '0'],
      ['999999999.999999', '9999999999999.99'],
      ['1e3', null],
      ['1万2', null],
      ['-5', null],
      ['.5', null],
      ['1,23', null],
    ];
    const got = await page.evaluate(
      (inputs) =>
        inputs.map((s) => (window as unknown as { touyinWanToYuan: (s: string) => string | null }).touyinWanToYuan(s)),
      table.map(([s]) => s),
    );
    expect(got).toEqual(table.map(([, yuan]) => yuan));
  }, 30_000);
});

describe('the service loop in Chromium: owners, the node plan, my work', () => {
  it('staff see a project’s plan against actual, edit a task node, assign an owner, apply a template; my work lists it, at 1920 and 390 px', async () => {
    const projects = (await api('/api/projects?status=confirmed&limit=500')).body.items as any[];
    let planned: any;
    let bare: any;
    for (const p of projects) {
      if (!p.reached.signed || p.stage === 'dropped') continue;
      const plan = (await api(`/api/projects/${p.id}/nodes`)).body;
      if (plan.items.length && !planned) planned = { p, plan };
      if (!plan.items.length && !bare) bare = p;
      if (planned && bare) break;
    }
    expect(planned.plan.items).toHaveLength(8);
    const { page, errors, context } = await loginAs('staff', { width: 1920, height: 1080 });
    await page.goto(`${base}/projects/${planned.p.id}`);
    expect(await page.$$eval('#nodes li.node', (li) => li.length)).toBe(8);
    const names = await page.$$eval('#nodes li.node .node-head b', (bs) => bs.map((b) => b.textContent));
    expect(names).toEqual(['工商注册', '立项备案', '土地摘牌', '环评批复', '施工许可', '开工', '主体竣工', '投产']);
    await page.screenshot({ path: join(ARTIFACTS, 'project-nodes.png'), fullPage: true });

    // Mark the first open task done through its form: the page reloads with it 已完成.
    const open = planned.plan.items.find((n: any) => n.stage === null && n.status !== 'done');
    if (open) {
      const form = `#node-form-${open.id}`;
      await page.click(`xpath=//form[@id="node-form-${open.id}"]/parent::details/summary`);
      await page.fill(`${form} input[name=actual]`, planned.p.reached.signed);
      await Promise.all([page.waitForEvent('load'), page.click(`${form} button[type=submit]`)]);
      const node = (await api(`/api/projects/${planned.p.id}/nodes`)).body.items.find((n: any) => n.id === open.id);
      expect(node).toMatchObject({ actual: planned.p.reached.signed, status: 'done' });
      expect(
        await page.textContent(`xpath=//form[@id="node-form-${open.id}"]/ancestor::li[1]//div[@class="node-head"]`),
      ).toContain('已完成');
    }

    // Assign the leader as 专班成员 through the owners form.
    const leader = (await api('/api/users?limit=500')).body.items.find((u: any) => u.username === 'leader');
    await page.selectOption('#owner-form select[name=userId]', String(leader.id));
    await page.selectOption('#owner-form select[name=duty]', 'member');
    await Promise.all([page.waitForEvent('load'), page.click('#owner-form button[type=submit]')]);
    expect(await page.textContent('#owners')).toContain('专班成员');
    const owners = (await api(`/api/projects/${planned.p.id}/owners`)).body.items;
    expect(owners.some((o: any) => o.userId === leader.id && o.duty === 'member' && o.to === null)).toBe(true);

    // A signed project without a plan takes the template through its form.
    await page.goto(`${base}/projects/${bare.id}`);
    await Promise.all([page.waitForEvent('load'), page.click('#template-form button[type=submit]')]);
    expect(await page.$$eval('#nodes li.node', (li) => li.length)).toBe(8);

    // The node plan import on /import: one task node appended to the planned project.
    await page.goto(`${base}/import`);
    await page.setInputFiles('#nodes-form input[type=file]', {
      name: '推进节点.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`项目编号,节点名称,计划日期\n${planned.p.id},设备进场,2027-03-01\n`),
    });
    await page.click('#nodes-form button[value=import]');
    await page.waitForFunction(() => document.getElementById('nodes-msg')?.textContent?.startsWith('已导入'));
    expect(await page.textContent('#nodes-msg')).toBe('已导入：1 个推进节点（1 个项目）');
    expect((await api(`/api/projects/${planned.p.id}/nodes`)).body.items.at(-1)).toMatchObject({
      name: '设备进场',
      position: 9,
      baseline: '2027-03-01',
    });

    await page.goto(`${base}/me`);
    expect(await page.$$eval('#my-projects li', (li) => li.length)).toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'me.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'me-phone.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${base}/projects/${planned.p.id}`);
    await page.screenshot({ path: join(ARTIFACTS, 'project-nodes-phone.png'), fullPage: true });
    // The owners table fits the phone (its 卸任 form folded); ending the 专班成员 through it writes \`to\`.
    const ownersBox = await page.$eval('#owners', (el) => [el.scrollWidth, el.parentElement!.clientWidth]);
    expect(ownersBox[0]).toBeLessThanOrEqual(ownersBox[1]!);
    const member = (await api(`/api/projects/${planned.p.id}/owners`)).body.items.find(
      (o: any) => o.userId === leader.id && o.duty === 'member' && o.to === null,
    );
    await page.click(`xpath=//form[@id="owner-end-${member.id}"]/parent::details/summary`);
    await page.screenshot({ path: join(ARTIFACTS, 'project-owner-end-phone.png'), fullPage: true });
    await Promise.all([page.waitForEvent('load'), page.click(`#owner-end-${member.id} button[type=submit]`)]);
    const ended = (await api(`/api/projects/${planned.p.id}/owners`)).body.items.find((o: any) => o.id === member.id);
    expect(ended.to).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
