// The 调度 page in Chromium on the demo district, with 推进节点 and 企业诉求 written beside it: owners' cards with 滞后
// first, the unowned card last, at 1920 px and at 390 px (no page-wide horizontal scroll), and printed as a PDF.
// Screenshots: test/artifacts/dispatch-1920.png, dispatch-390.png, dispatch-pdf-<n>.png.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, isNotNull, isNull, notExists } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db';
import { projectNodes, projectOwners, projects as p, serviceRequests, units, users } from '../../src/db/schema';
import { ARTIFACTS, demoLogin, demoServer, launchChromium } from './harness';

const CHROMIUM = process.env.TOUYIN_CHROMIUM || '/usr/bin/chromium';
const AS_OF = '2026-11-30';

/** Owners, nodes and requests on signed demo projects that have none: two owners, late and due items, unowned ones. */
async function serviceLoop(db: Db) {
  const projects = await db
    .select({ id: p.id })
    .from(p)
    .where(
      and(
        eq(p.status, 'confirmed'),
        isNotNull(p.signedOn),
        isNull(p.droppedOn),
        // Projects the demo gave no 对接人 or plan, so what the page shows is what this test wrote.
        notExists(db.select().from(projectOwners).where(eq(projectOwners.projectId, p.id))),
        notExists(db.select().from(projectNodes).where(eq(projectNodes.projectId, p.id))),
      ),
    )
    .orderBy(asc(p.id))
    .limit(4);
  const user = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const [staff, leader] = [await user('staff'), await user('leader')];
  const unit = (await db.select({ id: units.id }).from(units).orderBy(asc(units.id)).limit(1))[0]!.id;
  await db.insert(projectOwners).values([
    { projectId: projects[0]!.id, userId: staff, duty: 'liaison', fromOn: '2026-01-01' },
    { projectId: projects[1]!.id, userId: leader, duty: 'liaison', fromOn: '2026-01-01' },
  ]);
  const names = ['立项备案', '环评批复', '施工许可', '土地摘牌', '主体竣工'];
  await db.insert(projectNodes).values(
    projects.flatMap((x, i) => [
      { projectId: x.id, position: 1, name: names[i % 5]!, plannedOn: '2026-10-15', baselineOn: '2026-09-30' },
      { projectId: x.id, position: 2, name: names[(i + 1) % 5]!, plannedOn: '2026-11-29', baselineOn: '2026-11-29' },
      { projectId: x.id, position: 3, name: names[(i + 2) % 5]!, plannedOn: '2026-12-10', baselineOn: '2026-12-10' },
    ]),
  );
  const request = (i: number, category: 'land' | 'labour' | 'utilities', assigneeId: number | null) => ({
    projectId: projects[i]!.id,
    category,
    unitId: unit,
    assigneeId,
  });
  await db.insert(serviceRequests).values([
    {
      ...request(0, 'land', staff),
      raisedOn: '2026-10-01',
      dueOn: '2026-10-16',
      description: '二期用地指标尚未落实，需协调自然资源局',
    },
    {
      ...request(1, 'labour', staff),
      raisedOn: '2026-11-20',
      dueOn: '2026-12-05',
      description: '投产前需招聘技术工人 120 名',
    },
    {
      ...request(2, 'utilities', null),
      raisedOn: '2026-11-01',
      dueOn: '2026-11-16',
      description: '厂区双回路供电接入',
    },
  ]);
}

let base = '';
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`浏览器测试需要 Chromium，未找到 ${CHROMIUM}`);
  const served = await demoServer('browser-dispatch-admin', 'touyin-browser-dispatch-');
  await serviceLoop(served.db);
  ({ base, stop } = served);
  browser = await launchChromium(CHROMIUM);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

async function openAs(username: string, width: number) {
  const opened = await demoLogin(browser, base, username, { width, height: 900 });
  await opened.page.goto(`${base}/dispatch?asOf=${AS_OF}`);
  return opened;
}

describe('the 调度 page in Chromium', () => {
  it('shows each owner’s card with 滞后 first and the unowned card last, at 1920 px', async () => {
    const { page, context, errors } = await openAs('leader', 1920);
    const cards = await page.$$eval('section.dispatch-owner h2', (hs) => hs.map((h) => h.textContent ?? ''));
    expect(cards[0]).toMatch(/^基金管理中心工作人员/);
    expect(cards.at(-1)).toMatch(/^未落实责任人/);
    // In every card the 滞后 rows come before the 临期 ones.
    const statuses = await page.$$eval('section.dispatch-owner', (secs) =>
      secs.map((s) => [...s.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-status')).join(',')),
    );
    for (const s of statuses) expect(s).toMatch(/^(overdue,)*(overdue|due)?(,due)*$/);
    expect(statuses.join(',')).toContain('overdue');
    expect(await page.textContent('#dispatch-counts')).toContain('超期诉求');
    await page.screenshot({ path: join(ARTIFACTS, 'dispatch-1920.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 390 px phone without a page-wide horizontal scroll, and prints A4 landscape', async () => {
    const { page, context, errors } = await openAs('staff', 390);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.win);
    // On a phone each item reads as a card (no header row), each cell on its own line inside the owner's card.
    expect(await page.$eval('table.dispatch thead', (th) => getComputedStyle(th).display)).toBe('none');
    const overflow = await page.$$eval(
      'section.dispatch-owner',
      (secs) =>
        secs.filter((s) => s.querySelector('.scroll')!.scrollWidth > s.querySelector('.scroll')!.clientWidth).length,
    );
    expect(overflow).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dispatch-390.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('header.top', (h) => getComputedStyle(h).display)).toBe('none');
    const printed = await page.pdf({ preferCSSPageSize: true });
    writeFileSync(join(ARTIFACTS, 'dispatch.pdf'), printed);
    if (existsSync('/usr/bin/pdftoppm'))
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-r',
        '60',
        join(ARTIFACTS, 'dispatch.pdf'),
        join(ARTIFACTS, 'dispatch-pdf'),
      ]);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(printed.toString('latin1'));
    expect(Number(box![1])).toBeGreaterThan(Number(box![2])); // landscape
    expect(errors).toEqual([]);
    await context.close();
  });
});
