// The 业绩与投向 parts of the pages, without a browser: the fund page's panel (cash-flow chart spec and the figures
// against the thresholds) and the cockpit's TVPI and IRR columns, each as the visitor's scope allows.
import { describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../src/auth';
import { testApp, TODAY } from '../helpers';
import { buildPerformanceFamily, D } from '../performance-family';

async function pages() {
  const t = await testApp();
  const w = await buildPerformanceFamily(t);
  const me = (await t.ok('GET', '/api/me')) as { id: number };
  const users = (await t.ok('GET', '/api/users?limit=500')).items as { id: number; username: string }[];
  const cookieOf = async (userId: number) =>
    `${SESSION_COOKIE}=${(await createSession(t.db, userId, new Date(`${TODAY}T04:00:00Z`))).id}`;
  const page = async (path: string, userId = me.id) => {
    const res = await t.app.request(path, { headers: { cookie: await cookieOf(userId) } });
    return { status: res.status, html: await res.text() };
  };
  return { t, w, page, mgrA: users.find((u) => u.username === 'perf-mgr-a')!.id };
}

describe('performance on the pages', () => {
  it('the fund page links its 业绩与投向 page, which shows figures, thresholds met or not, the child view, the cash-flow chart', async () => {
    const { w, page, mgrA } = await pages();
    expect((await page(`/funds/${w.A}?asOf=${D}`)).html).toContain(`href="/funds/${w.A}/performance?asOf=${D}"`);
    expect((await page(`/funds/${w.M}/performance?asOf=${D}`, mgrA)).status).toBe(404);
    expect((await page(`/funds/99999/performance`)).status).toBe(404);
    expect((await page(`/funds/${w.A}/performance?asOf=2024-02-30`)).status).toBe(400);
    const { status, html } = await page(`/funds/${w.A}/performance?asOf=${D}`);
    expect(status).toBe(200);
    const panel = html.slice(html.indexOf('id="performance"'));
    expect(panel).toMatch(
      /<tr data-indicator="tvpi"><td>总价值倍数（TVPI）<\/td><td class="num">1\.20 倍<\/td><td>≥ 1\.00 倍<\/td><td><span class="tag good">达标<\/span><\/td><\/tr>/,
    );
    expect(panel).toMatch(
      /<tr data-indicator="idleShare"><td>闲置资金占比<\/td><td class="num">52\.50%<\/td><td>≤ 30\.00%（闲置资金不超过三成）<\/td><td><span class="tag bad">未达标<\/span><\/td><\/tr>/,
    );
    expect(panel).toContain('业绩孙基金');
    const spec = JSON.parse(/<script type="application\/json" id="spec-cashflow">(.*?)<\/script>/s.exec(html)![1]!);
    // Cumulative 万元 on each day something changed, carried to the as-of date: paid 4000 from 2021-01-01, 600
    // distributed on 2022-01-01, nav 3000 then 4200.
    expect(spec.series.map((s: { name: string; data: unknown[] }) => [s.name, s.data])).toEqual([
      [
        '累计实缴',
        [
          ['2021-01-01', 4000],
          ['2022-01-01', 4000],
          ['2022-06-30', 4000],
          ['2022-12-31', 4000],
          [D, 4000],
        ],
      ],
      [
        '累计分配',
        [
          ['2021-01-01', 0],
          ['2022-01-01', 600],
          ['2022-06-30', 600],
          ['2022-12-31', 600],
          [D, 600],
        ],
      ],
      [
        '估值（NAV）',
        [
          ['2021-01-01', 0],
          ['2022-01-01', 0],
          ['2022-06-30', 3000],
          ['2022-12-31', 4200],
          [D, 4200],
        ],
      ],
    ]);
  });

  it('the cockpit lists TVPI and IRR for the funds the visitor sees, and a manager sees no other fund there', async () => {
    const { w, page, mgrA } = await pages();
    const { html } = await page(`/?asOf=${D}`);
    expect(html).toContain('<th data-sort="true" class="num">TVPI</th>');
    expect(html).toContain('<td class="num" data-v="1.2000">1.20 倍</td><td class="num" data-v="0.1024">10.24%</td>');
    const manager = await page(`/?asOf=${D}`, mgrA);
    expect(manager.html).toContain('业绩子基金');
    expect(manager.html).not.toContain('业绩母基金');
    expect(manager.html).not.toContain('另一子基金');
    expect((await page(`/funds/${w.M}?asOf=${D}`, mgrA)).status).toBe(404);
  });

  it('the records page has forms for distributions, valuations and exits, the exit form listing the investments', async () => {
    const { page, mgrA } = await pages();
    const { status, html } = await page('/records');
    expect(status).toBe(200);
    expect(html).toContain('data-api="/api/funds/{fundId}/distributions"');
    expect(html).toContain('data-api="/api/funds/{fundId}/valuations"');
    expect(html).toContain('data-api="/api/investments/{investmentId}/exit"');
    expect(html).toMatch(
      /<option value="\d+">业绩子基金 → 专精制造有限公司（2021-06-01，1,200\.00 万，已于 2022-10-01 退出）<\/option>/,
    );
    expect((await page('/records', mgrA)).status).toBe(403);
  });
});
