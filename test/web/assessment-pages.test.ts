// The 预警 and 产业链 pages and the cockpit's alert counts, without a browser: what each role is shown, scoped like
// the API; bad input is a Chinese 400 page, a fund the visitor may not see a 404 page, never a 500.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssessmentScenario, D, type AssessmentScenario } from '../assessment-scenario';
import { sessionCookie, testApp, type TestApp } from '../helpers';

let t: TestApp;
let s: AssessmentScenario;
const cookies: Record<'staff' | 'manager' | 'leader', string> = { staff: '', manager: '', leader: '' };
beforeAll(async () => {
  t = await testApp();
  s = await buildAssessmentScenario(t);
  await t.create('/api/users', { username: 'staff-w', role: 'staff', password: 'secret-pass-1' });
  await t.create('/api/users', {
    username: 'manager-w',
    role: 'manager',
    fundIds: [s.funds.A],
    password: 'secret-pass-1',
  });
  await t.create('/api/users', { username: 'leader-w', role: 'leader', password: 'secret-pass-1' });
  cookies.staff = await sessionCookie(t.app, 'staff-w', 'secret-pass-1');
  cookies.manager = await sessionCookie(t.app, 'manager-w', 'secret-pass-1');
  cookies.leader = await sessionCookie(t.app, 'leader-w', 'secret-pass-1');
});

const page = async (path: string, who: keyof typeof cookies) => {
  const res = await t.app.request(path, { headers: { cookie: cookies[who] } });
  return { status: res.status, html: await res.text() };
};
/** The alert rows of the page: kind and days; without 无人对接 unless asked (no project here has a 对接人). */
const rows = (html: string, withLiaison = false) =>
  [...html.matchAll(/<tr data-kind="([a-z_]+)">[\s\S]*?<td class="num">(\d+)<\/td>/g)]
    .map((m) => `${m[1]}:${m[2]}`)
    .filter((r) => withLiaison || !r.startsWith('no_liaison:'));

describe('/alerts', () => {
  it('staff see every kind with counts, longest waiting first; filters narrow the list', async () => {
    const all = await page(`/alerts?asOf=${D}`, 'staff');
    expect(all.status).toBe(200);
    expect(rows(all.html)).toEqual([
      'started_not_completed:730',
      'signed_not_started:211',
      'signed_not_started:180',
      'stale:90',
      'pending_review:14',
      'pending_review:14',
    ]);
    expect(all.html).toContain('待认定超期（14 天）');
    expect(all.html).toContain('节点滞后（宽限 0 天）');
    expect(rows(all.html, true).filter((r) => r.startsWith('no_liaison:'))).toEqual([
      'no_liaison:852', // P3, P4 signed 2023-03-01
      'no_liaison:852',
      'no_liaison:211',
      'no_liaison:180',
      'no_liaison:179',
      'no_liaison:149',
    ]);
    expect(all.html).toContain('/api/exports/alerts.xlsx?asOf=2025-06-30');
    const stale = await page(`/alerts?asOf=${D}&kind=stale&fundId=&unitId=${s.units.U1}`, 'staff');
    expect(rows(stale.html)).toEqual(['stale:90']);
    expect(stale.html).toContain('湾里街道');
  });

  it('a manager sees its funds’ alerts only and no 待认定 queue; another fund is a 404 page', async () => {
    const mine = await page(`/alerts?asOf=${D}`, 'manager');
    expect(rows(mine.html)).toEqual(['started_not_completed:730', 'signed_not_started:180', 'stale:90']);
    expect(mine.html).not.toContain('待认定超期');
    expect(mine.html).not.toContain('新能源子基金');
    const other = await page(`/alerts?fundId=${s.funds.B}`, 'manager');
    expect(other.status).toBe(404);
    expect(other.html).toContain('不存在');
  });

  it('answers bad input with a 400 page in Chinese', async () => {
    for (const q of ['asOf=2025-02-30', 'kind=bogus', 'staleDays=-3', 'unitId=x']) {
      const r = await page(`/alerts?${q}`, 'leader');
      expect(r.status, q).toBe(400);
      expect(r.html).toContain('请求参数有误');
    }
    expect((await page('/alerts?unitId=99999', 'leader')).status).toBe(404);
  });
});

describe('/chains', () => {
  it('draws each chain × node, gaps marked, with 链长 and 链主', async () => {
    const r = await page(`/chains?asOf=${D}`, 'leader');
    expect(r.status).toBe(200);
    expect(r.html).toContain('链长：张区长');
    expect(r.html).toContain('链主：擎天机器人');
    expect(r.html).toContain('未指定环节');
    const energyRow = new RegExp(`<tr data-chain="${s.chains.energy}">[\\s\\S]*?</tr>`).exec(r.html)![0];
    expect(energyRow.match(/缺链/g)).toHaveLength(3);
    const robotRow = new RegExp(`<tr data-chain="${s.chains.robot}">[\\s\\S]*?</tr>`).exec(r.html)![0];
    expect(robotRow).not.toContain('缺链');
    expect(robotRow).toContain('计划 7,000.00 万元'); // midstream: 50,000,000 + 20,000,000 元
    expect(robotRow).toContain('到资 1,000.00 万元');
  });

  it('a manager’s map leaves out other funds’ projects; filters by unit and view; 400 and 404 pages', async () => {
    const mine = await page(`/chains?asOf=${D}`, 'manager');
    const robotRow = new RegExp(`<tr data-chain="${s.chains.robot}">[\\s\\S]*?</tr>`).exec(mine.html)![0];
    expect(robotRow.match(/缺链/g)).toHaveLength(1); // fund B's downstream project is not the manager's
    const landing = await page(`/chains?asOf=${D}&unitId=${s.units.V}&view=landing`, 'staff');
    expect(landing.status).toBe(200);
    expect(landing.html).toMatch(/<option value="landing" selected/);
    expect((await page('/chains?view=both', 'staff')).status).toBe(400);
    expect((await page(`/chains?fundId=${s.funds.B}`, 'manager')).status).toBe(404);
  });
});

describe('the cockpit', () => {
  it('shows the alert counts of its date, linking to the alerts page', async () => {
    const r = await page(`/?asOf=${D}`, 'staff');
    expect(r.status).toBe(200);
    const strip = /<section class="card" id="cockpit-alerts"[\s\S]*?<\/section>/.exec(r.html)![0];
    expect(
      [...strip.matchAll(/data-kind="([a-z_]+)">[^<]*<span class="tag \w+">(\d+)</g)].map((m) => `${m[1]}:${m[2]}`),
    ).toEqual([
      'signed_not_started:2',
      'started_not_completed:1',
      'stale:1',
      'pending_review:2',
      'node_overdue:0',
      'request_overdue:0',
      'no_liaison:6', // P3, P4, P11, P1, P2, P7: signed, live, not producing, no 对接人
    ]);
    expect(strip).toContain(`href="/alerts?asOf=${D}&amp;kind=stale"`);
    const leader = await page(`/?asOf=${D}`, 'leader');
    expect(leader.html).not.toContain('待认定超期');
  });
});
