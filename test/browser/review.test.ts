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
