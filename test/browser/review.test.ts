// 到资认定 and 佐证材料 in a real browser (Chromium via playwright-core, the demo district): a manager records an
// arrival on its project page, sees it 待认定 and outside the total, attaches its 银行回单 (a refused file is said in
// Chinese on the page); staff open the file from the /review queue and confirm it. Screenshots of /review and the
// project page at 1920 and 390 px land in test/artifacts/ (review-*.png, project-evidence-*.png).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes } from '../evidence-files';
import { ARTIFACTS, demoLogin, demoServer, launchChromium } from './harness';

const CHROMIUM = process.env.TOUYIN_CHROMIUM || '/usr/bin/chromium';
const ADMIN = 'browser-review-admin';

let base = '';
let browser: Browser;
let stop: () => Promise<void>;

const api = async (path: string) =>
  (await (await fetch(base + path, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as any;

const loginAs = (username: string, width: number) =>
  demoLogin(browser, base, username, { width, height: width > 1000 ? 1080 : 844 });

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`浏览器测试需要 Chromium，未找到 ${CHROMIUM}`);
  const served = await demoServer(ADMIN, 'touyin-browser-review-');
  base = served.base;
  stop = served.stop;
  browser = await launchChromium(CHROMIUM);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

describe('到资认定 in Chromium', () => {
  it('a manager’s arrival with its 银行回单 waits on its project page; staff open the file in the queue and confirm it', async () => {
    const users = (await api('/api/users?limit=500')).items as { username: string; fundIds: number[] }[];
    const ai = users.find((u) => u.username === 'manager-ai')!;
    const project = (await api(`/api/projects?fundId=${ai.fundIds[0]}&stage=started&limit=1`)).items[0];
    expect(project).toBeDefined();

    const m = await loginAs('manager-ai', 1920);
    await m.page.goto(`${base}/projects/${project.id}`);
    await m.page.fill('#arrival-form input[name=amount]', '876.5');
    await Promise.all([m.page.waitForEvent('load'), m.page.click('#arrival-form button[type=submit]')]);
    const arrival = (await api(`/api/arrivals?status=pending&fundId=${ai.fundIds[0]}`)).items.find(
      (a: any) => a.projectId === project.id && a.amount === '8765000.00',
    );
    expect(arrival.status).toBe('pending');
    const row = m.page.locator('tr.arrival.pending', { hasText: '876.50' });
    expect(await row.textContent()).toContain('待认定 — 认定后计入到资');

    // A file that is not what its name says is refused on the page, in Chinese; the real 回单 is taken.
    const form = `#upload-arrival-${arrival.id}`;
    await m.page.click(`#files-arrival-${arrival.id} details.upload summary`);
    await m.page.setInputFiles(`${form} input[type=file]`, {
      name: '回单.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('这不是 PDF'),
    });
    await m.page.click(`${form} button[type=submit]`);
    await m.page.waitForSelector(`${form} .msg.error`);
    expect(await m.page.textContent(`${form} .msg`)).toMatch(/[\u4e00-\u9fff]/);
    await m.page.setInputFiles(`${form} input[type=file]`, {
      name: '工商银行回单.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdfBytes()),
    });
    await Promise.all([m.page.waitForEvent('load'), m.page.click(`${form} button[type=submit]`)]);
    await m.page.waitForSelector(`#files-arrival-${arrival.id} a.file-link`);
    expect(await m.page.textContent(`#files-arrival-${arrival.id}`)).toContain('工商银行回单.pdf');
    expect(await m.page.textContent('#arrived-pending')).toContain('876.50');
    await m.page.screenshot({ path: join(ARTIFACTS, 'project-evidence-wide.png'), fullPage: true });
    const phone = await loginAs('manager-ai', 390);
    await phone.page.goto(`${base}/projects/${project.id}`);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'project-evidence-phone.png'), fullPage: true });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.context.close();

    // Staff: the queue on a phone reads as cards, without sideways scrolling.
    const narrow = await loginAs('staff', 390);
    await narrow.page.goto(`${base}/review`);
    await narrow.page.screenshot({ path: join(ARTIFACTS, 'review-phone.png'), fullPage: true });
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await narrow.context.close();

    const s = await loginAs('staff', 1920);
    await s.page.goto(`${base}/review`);
    await s.page.screenshot({ path: join(ARTIFACTS, 'review-wide.png'), fullPage: true });
    const queued = s.page.locator(`#pending-arrivals tr[data-arrival="${arrival.id}"]`);
    expect(await queued.textContent()).toContain('876.50');
    expect(await queued.textContent()).toContain('人工智能子基金管理人');
    const [download] = await Promise.all([s.page.waitForEvent('download'), queued.locator('a.file-link').click()]);
    expect(download.suggestedFilename()).toBe('工商银行回单.pdf');
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await Promise.all([s.page.waitForEvent('load'), queued.locator('button.ok').click()]);
    await expect.poll(async () => s.page.locator(`#pending-arrivals tr[data-arrival="${arrival.id}"]`).count()).toBe(0);
    expect((await api(`/api/arrivals/${arrival.id}`)).status).toBe('confirmed');

    await m.page.reload();
    expect(await m.page.locator('tr.arrival.pending').count()).toBe(0);
    // The refused file is the only failed load the manager's browser reports.
    expect(m.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    expect(s.errors).toEqual([]);
    await m.context.close();
    await s.context.close();
  }, 120_000);
});

describe('千倍之差 and 撤销合并 on /review in Chromium', () => {
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(base + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as any;

  it('an arrival 1,000× below its project’s planned total is flagged before 认定; a merge is undone after a confirm', async () => {
    const users = (await api('/api/users?limit=500')).items as { username: string; fundIds: number[] }[];
    const ai = users.find((u) => u.username === 'manager-ai')!;
    const projects = (await api(`/api/projects?fundId=${ai.fundIds[0]}&stage=started&limit=50`)).items as any[];
    // A project planned at 10 万元 or more: 0.01 万元 (100 元) against it is at least 1,000× off.
    const project = projects.find((p) => Number(p.plannedTotal) >= 100_000)!;
    const m = await loginAs('manager-ai', 1920);
    await m.page.goto(`${base}/projects/${project.id}`);
    await m.page.fill('#arrival-form input[name=amount]', '0.01');
    await Promise.all([m.page.waitForEvent('load'), m.page.click('#arrival-form button[type=submit]')]);
    await m.context.close();
    const slip = (await api(`/api/arrivals?status=pending&fundId=${ai.fundIds[0]}`)).items.find(
      (a: any) => a.projectId === project.id && a.amount === '100.00',
    );
    expect(slip).toBeDefined();

    const fund = (await api('/api/funds?limit=1')).items[0];
    const a = await post('/api/companies', { name: '芜湖星澜光电科技有限公司' });
    const b = await post('/api/companies', { name: '芜湖星澜光电科技' });
    const investment = await post(`/api/funds/${fund.id}/investments`, {
      companyId: b.id,
      amount: '2000000',
      investedOn: '2026-03-01',
    });
    expect(investment.companyId).toBe(b.id);

    const s = await loginAs('staff', 1920);
    const dialogs: string[] = [];
    let accept = true;
    s.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void (accept ? d.accept() : d.dismiss());
    });
    await s.page.goto(`${base}/review`);
    const queued = s.page.locator(`#pending-arrivals tr[data-arrival="${slip.id}"] .slip-warning`);
    expect(await queued.textContent()).toContain('相差千倍以上，请核对金额单位');
    expect(await queued.textContent()).toContain('0.01 万元');
    // An arrival in line with its project carries no warning.
    const others = await s.page.locator('#pending-arrivals tr[data-arrival]').count();
    expect(await s.page.locator('#pending-arrivals .slip-warning').count()).toBeLessThan(others);

    // Merge b into a, confirmed.
    const row = s.page.locator(`#suspects tr[data-company="${b.id}"]`);
    await row.locator('select[name=intoId]').selectOption(String(a.id));
    await Promise.all([s.page.waitForEvent('load'), row.locator('button[type=submit]').click()]);
    expect(
      (await api(`/api/funds/${fund.id}/investments?limit=500`)).items.find((i: any) => i.id === investment.id)
        .companyId,
    ).toBe(a.id);
    const merged = s.page.locator(`#merged tr[data-merged="${b.id}"]`);
    expect(await merged.textContent()).toContain('芜湖星澜光电科技有限公司');
    expect(await s.page.locator(`#suspects tr[data-company="${b.id}"]`).count()).toBe(0);

    // 撤销合并 asks first: dismissed, nothing changes.
    accept = false;
    await merged.locator('button[type=submit]').click();
    expect(dialogs.at(-1)).toContain('撤销“芜湖星澜光电科技”并入“芜湖星澜光电科技有限公司”的合并');
    expect(
      (await api(`/api/funds/${fund.id}/investments?limit=500`)).items.find((i: any) => i.id === investment.id)
        .companyId,
    ).toBe(a.id);
    expect(await merged.count()).toBe(1);

    await s.page.screenshot({ path: join(ARTIFACTS, 'review-merged-wide.png'), fullPage: true });
    const phone = await loginAs('staff', 390);
    await phone.page.goto(`${base}/review`);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'review-merged-phone.png'), fullPage: true });
    await phone.page.locator('#merged').screenshot({ path: join(ARTIFACTS, 'review-merged-table-phone.png') });
    await phone.page
      .locator(`#pending-arrivals tr[data-arrival="${slip.id}"]`)
      .screenshot({ path: join(ARTIFACTS, 'review-slip-phone.png') });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.context.close();

    // Accepted: the investment is b's again and b is a 疑似重复 once more.
    accept = true;
    await Promise.all([s.page.waitForEvent('load'), merged.locator('button[type=submit]').click()]);
    expect(
      (await api(`/api/funds/${fund.id}/investments?limit=500`)).items.find((i: any) => i.id === investment.id)
        .companyId,
    ).toBe(b.id);
    expect(await s.page.locator(`#merged tr[data-merged="${b.id}"]`).count()).toBe(0);
    expect(await s.page.locator(`#suspects tr[data-company="${b.id}"]`).count()).toBe(1);
    expect(dialogs).toHaveLength(3);
    expect(s.errors).toEqual([]);
    await s.context.close();
  }, 120_000);
});
