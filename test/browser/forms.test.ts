// The lead form's pickers and the project page's words in a real browser (Chromium via playwright-core, the demo
// district): 产业链 is picked from the key chains, with 其他 opening a field for another chain; 驱动投资 is picked from the
// manager's own funds' investments, named, and the project page names it; the date of the act starts at today; a
// stage reached on a later stage's date reads as implied. Screenshots at 1920 and 390 px land in test/artifacts/
// (lead-pickers-*.png, project-words-*.png).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoBrowserSuite } from './harness';

const suite = demoBrowserSuite('browser-forms-admin', 'touyin-browser-forms-', { beforeAll, afterAll });
const { api, loginAs } = suite;

const narrowEnough = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

describe('the lead form’s pickers in Chromium', () => {
  it('a manager picks a key chain or types another under 其他, and picks one of its own funds’ investments; the page names it', async () => {
    const keyChains = ((await api('GET', '/api/chains?limit=500')).items as { name: string }[]).map((c) => c.name);
    expect(keyChains.length).toBeGreaterThan(2);
    const all = (await api('GET', '/api/investments?limit=500')).items as { id: number; fundId: number }[];
    const m = await loginAs('manager-ai', 1920);
    // What this manager's session may read of investments: its funds' (and their sub-funds') only.
    const own = new Set(
      (
        (await m.page.evaluate(async () => (await fetch('/api/investments?limit=500')).json())) as {
          items: { id: number; fundId: number }[];
        }
      ).items.map((i) => i.id),
    );
    expect(own.size).toBeGreaterThan(0);
    expect(all.filter((i) => !own.has(i.id)).length).toBeGreaterThan(0);
    await m.page.goto(`${suite.base}/projects/new`);
    // 产业链: the key chains, then 其他; the typed field shows only for 其他.
    const chainOptions = await m.page.$$eval('select[name=chain] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(chainOptions).toEqual(['', ...[...keyChains].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), '__other__']);
    expect(await m.page.isVisible('#chain-other')).toBe(false);
    // 驱动投资: only this manager's funds' investments, each by company, date and 万元.
    const offered = await m.page.$$eval('select[name=investmentId] option', (os) =>
      os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ''] as const),
    );
    expect(offered[0]).toEqual(['', '（无）']);
    expect(new Set(offered.slice(1).map(([v]) => Number(v)))).toEqual(own);
    for (const [, text] of offered.slice(1)) expect(text).toMatch(/^.+（\d{4}-\d{2}-\d{2}，[\d,]+\.\d{2} 万元）$/);
    // The day of the act starts at today (the field's own maximum).
    const reportedOn = await m.page.inputValue('input[name=reportedOn]');
    expect(reportedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(reportedOn).toBe(await m.page.getAttribute('input[name=reportedOn]', 'max'));

    const fill = async (name: string) => {
      await m.page.fill('input[name=name]', name);
      await m.page.fill('input[name="company.name"]', `${name}科技有限公司`);
      await m.page.fill('input[name=plannedTotal]', '12000');
      await m.page.selectOption('select[name=introducingUnitId]', { index: 1 });
      await m.page.selectOption('select[name=landingUnitId]', { index: 1 });
    };
    await fill('芜湖选链测试项目');
    await m.page.selectOption('select[name=chain]', '__other__');
    expect(await m.page.isVisible('#chain-other')).toBe(true);
    await m.page.fill('#chain-other', '低空经济');
    await m.page.selectOption('select[name=chain]', keyChains[0]!); // changed mind: a key chain again
    expect(await m.page.isVisible('#chain-other')).toBe(false);
    await m.page.selectOption('select[name=chain]', '__other__');
    await m.page.fill('#chain-other', '低空经济');
    const [pick, pickText] = offered[1]!;
    await m.page.selectOption('select[name=investmentId]', pick);
    await m.page.screenshot({ path: join(ARTIFACTS, 'lead-pickers-wide.png'), fullPage: true });
    await Promise.all([m.page.waitForURL(/\/projects\/\d+$/), m.page.click('#lead-form button[type=submit]')]);
    const projectId = Number(m.page.url().split('/').pop());
    const saved = await api('GET', `/api/projects/${projectId}`);
    expect(saved.chain).toBe('低空经济');
    expect(saved.investmentId).toBe(Number(pick));
    // The project page names the investment in words, never by its number.
    const said = (await m.page.textContent('#driving-investment'))!.trim();
    expect(said).toContain(pickText);
    expect(said).not.toMatch(/#\d/);
    await m.page.screenshot({ path: join(ARTIFACTS, 'project-words-wide.png'), fullPage: true });

    // A key chain is sent as picked.
    await m.page.goto(`${suite.base}/projects/new`);
    await fill('芜湖重点链测试项目');
    await m.page.selectOption('select[name=chain]', keyChains[0]!);
    await Promise.all([m.page.waitForURL(/\/projects\/\d+$/), m.page.click('#lead-form button[type=submit]')]);
    expect((await api('GET', `/api/projects/${Number(m.page.url().split('/').pop())}`)).chain).toBe(keyChains[0]);
    expect(m.errors).toEqual([]);
    await m.context.close();

    const phone = await loginAs('manager-ai', 390);
    await phone.page.goto(`${suite.base}/projects/new`);
    await phone.page.selectOption('select[name=chain]', '__other__');
    await phone.page.screenshot({ path: join(ARTIFACTS, 'lead-pickers-phone.png'), fullPage: true });
    await narrowEnough(phone.page);
    await phone.page.goto(`${suite.base}/projects/${projectId}`);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'project-words-phone.png'), fullPage: true });
    await narrowEnough(phone.page);
    await phone.context.close();
  }, 120_000);

  it('a stage reached on a later stage’s date reads as implied on the project page and its node plan', async () => {
    const units = (await api('GET', '/api/units?limit=500')).items as { id: number }[];
    const fund = (await api('GET', '/api/funds?limit=500')).items.find((f: any) => f.level === 'sub');
    const project = await api('POST', '/api/projects', {
      name: '芜湖推定日期测试项目',
      company: { name: '芜湖推定日期测试科技有限公司' },
      sourceType: 'fund',
      sourceFundId: fund.id,
      reportedOn: '2026-01-05',
      plannedTotal: '300000000',
      introducingUnitId: units[0]!.id,
      landingUnitId: units[0]!.id,
    });
    await api('POST', `/api/projects/${project.id}/milestones`, { stage: 'signed', on: '2026-02-01' });
    await api('POST', `/api/projects/${project.id}/milestones`, { stage: 'started', on: '2026-03-10' });
    const node = await api('POST', `/api/projects/${project.id}/nodes`, {
      name: '完成工商注册',
      stage: 'registered',
      planned: '2026-03-01',
    });
    expect(node.actual).toBe('2026-03-10');

    const s = await loginAs('staff', 1920);
    await s.page.goto(`${suite.base}/projects/${project.id}`);
    const registered = s.page.locator('#reached-dates [data-stage=registered]');
    expect(await registered.getAttribute('class')).toBe('implied');
    expect(await registered.textContent()).toBe('注册 2026-03-10（由开工推定）');
    expect(await s.page.locator('#reached-dates [data-stage=started]').getAttribute('class')).toBe('');
    expect(await s.page.locator('#reached-dates [data-stage=signed]').textContent()).toBe('签约 2026-02-01');
    // The node plan's 注册 node says its 完成 date is implied.
    expect(await s.page.locator('#nodes li', { hasText: '完成工商注册' }).textContent()).toContain(
      '完成 2026-03-10（由开工推定）',
    );
    // The color says it too: the implied date is muted.
    const [entered, implied] = await Promise.all(
      ['started', 'registered'].map((st) =>
        s.page.$eval(`#reached-dates [data-stage=${st}]`, (el) => getComputedStyle(el).color),
      ),
    );
    expect(implied).not.toBe(entered);
    // The milestone form's date starts at today.
    expect(await s.page.inputValue('#milestone-form input[name=on]')).toBe(
      await s.page.getAttribute('#milestone-form input[name=on]', 'max'),
    );
    await s.page.screenshot({ path: join(ARTIFACTS, 'project-implied-wide.png'), fullPage: true });
    await s.page.locator('#reached-dates').screenshot({ path: join(ARTIFACTS, 'project-implied-cell-wide.png') });
    expect(s.errors).toEqual([]);
    await s.context.close();
    const phone = await loginAs('staff', 390);
    await phone.page.goto(`${suite.base}/projects/${project.id}`);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'project-implied-phone.png'), fullPage: true });
    await narrowEnough(phone.page);
    await phone.context.close();
  }, 120_000);
});
