// The pages as a leader, a manager and a clerk read them (issue 20): names where ids were, the money that arrived
// beside what was planned, totals rows, 暂无 for an empty table, Chinese field and option names on a 400 page, and
// menus that offer only what the role reads.
import { describe, expect, it } from 'vitest';
import { wan } from '../../src/web/format';
import { sessionCookie, testApp, type TestApp } from '../helpers';

/** A unit, a mother fund with two sub-funds, a project in the first with a 签约 and an arrival, a 返投 credit for a company. */
async function world(t: TestApp) {
  const unit = await t.create('/api/units', { name: '阅读测试区' });
  const mother = await t.create('/api/funds', { name: '阅读测试母基金', level: 'mother' });
  const mine = await t.create('/api/funds', { name: '阅读本管理人子基金', level: 'sub', parentId: mother.id });
  const other = await t.create('/api/funds', { name: '阅读其他子基金', level: 'sub', parentId: mother.id });
  const project = await t.create('/api/projects', {
    name: '阅读测试项目',
    company: { name: '芜湖阅读测试科技有限公司' },
    sourceType: 'fund',
    sourceFundId: mine.id,
    reportedOn: '2026-01-05',
    plannedTotal: '100000000',
    introducingUnitId: unit.id,
    landingUnitId: unit.id,
  });
  await t.create(`/api/projects/${project.id}/milestones`, { stage: 'signed', on: '2026-02-01' });
  await t.create(`/api/projects/${project.id}/arrivals`, {
    amount: '14800000',
    arrivedOn: '2026-03-14',
    kind: 'fixed_asset',
  });
  const investment = await t.create(`/api/funds/${mine.id}/investments`, {
    company: { name: '芜湖阅读被投企业有限公司' },
    amount: '5000000',
    investedOn: '2026-03-01',
  });
  const detail = await t.ok('GET', `/api/investments/${investment.id}`);
  await t.create(`/api/funds/${mine.id}/reinvestment-credits`, {
    category: 'local_company',
    amount: '5000000',
    on: '2026-03-02',
    companyId: detail.companyId,
  });
  await t.create(`/api/funds/${mine.id}/reinvestment-credits`, {
    category: 'sourced_project',
    amount: '1000000',
    on: '2026-03-03',
    projectId: project.id,
  });
  await t.create('/api/users', { username: 'staff-r', role: 'staff', password: 'secret-pass-1' });
  await t.create('/api/users', { username: 'leader-r', role: 'leader', password: 'secret-pass-1' });
  await t.create('/api/users', {
    username: 'manager-r',
    role: 'manager',
    fundIds: [mine.id],
    password: 'secret-pass-1',
  });
  return {
    mother,
    mine,
    other,
    project,
    staff: await sessionCookie(t.app, 'staff-r', 'secret-pass-1'),
    leader: await sessionCookie(t.app, 'leader-r', 'secret-pass-1'),
    manager: await sessionCookie(t.app, 'manager-r', 'secret-pass-1'),
  };
}

async function open(t: TestApp, path: string, cookie: string) {
  const res = await t.app.request(path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}
/** The text of the HTML element with this id (its tags removed). */
const textOf = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return null;
  const tag = html.lastIndexOf('<', start);
  const name = /^<(\w+)/.exec(html.slice(tag))![1]!;
  const end = html.indexOf(`</${name}>`, start);
  return html
    .slice(html.indexOf('>', start) + 1, end)
    .replace(/<[^>]+>/g, '|')
    .replace(/\|+/g, '|');
};

describe('the pages read in names and 万元', () => {
  it('the cockpit’s fund table shows each fund’s 实际到资 and a totals row of the top funds', async () => {
    const t = await testApp();
    const w = await world(t);
    const report = (await t.ok('GET', '/api/reports/funds?asOf=2026-11-22')).funds as {
      fundId: number;
      outcomes: { arrived: string; landed: number };
    }[];
    const mother = report.find((f) => f.fundId === w.mother.id)!;
    expect(mother.outcomes.arrived).toBe('14800000.00'); // the one arrival, counted for its fund's family
    const page = await open(t, '/?asOf=2026-11-22', w.leader);
    expect(page.status).toBe(200);
    expect(page.html).toContain('实际到资（万元）');
    for (const f of report) expect(page.html).toContain(`data-v="${f.outcomes.arrived}"`);
    const total = textOf(page.html, 'fund-table-total')!;
    expect(total).toContain('合计（阅读测试母基金）');
    expect(total).toContain(wan(mother.outcomes.arrived)); // 1,480.00
  });

  it('/projects and a fund page list each project’s 到资 in 万元 with a totals row; an empty list says 暂无', async () => {
    const t = await testApp();
    const w = await world(t);
    for (const path of ['/projects', `/funds/${w.mine.id}`]) {
      const page = await open(t, path, w.leader);
      expect(page.html, path).toContain('实际到资（万元）');
      expect(page.html, path).toContain('<td class="num" data-v="14800000.00">1,480.00</td>');
      expect(page.html, path).toMatch(
        /<tr class="total"><th colspan="\d+">合计（1 个项目）<\/th><th class="num">10,000.00<\/th><th class="num">1,480.00<\/th>/,
      );
    }
    const empty = await open(t, `/funds/${w.other.id}`, w.staff);
    expect(empty.html).toContain('暂无项目');
    expect(empty.html).toContain('暂无投资');
  });

  it('a fund page names its parent fund for staff, and says nothing of a parent outside a manager’s families', async () => {
    const t = await testApp();
    const w = await world(t);
    const staff = await open(t, `/funds/${w.mine.id}`, w.staff);
    expect(staff.html).toContain(`上级基金 <a href="/funds/${w.mother.id}?asOf=`);
    expect(staff.html).toContain('>阅读测试母基金</a>');
    expect(staff.html).not.toMatch(/上级基金 <a[^>]*>#/);
    const manager = await open(t, `/funds/${w.mine.id}`, w.manager);
    expect(manager.status).toBe(200);
    expect(manager.html).not.toContain('上级基金');
    expect(manager.html).not.toContain(`/funds/${w.mother.id}`);
    expect(manager.html).not.toContain('阅读测试母基金');
  });

  it('the review queue names the company or project of each 返投 credit, not its id', async () => {
    const t = await testApp();
    const w = await world(t);
    const page = await open(t, '/review', w.staff);
    const credits = textOf(page.html, 'pending-credits')!;
    expect(credits).toContain('芜湖阅读被投企业有限公司');
    expect(page.html).toContain(`<a href="/projects/${w.project.id}">阅读测试项目</a>`);
    expect(credits).not.toMatch(/企业 #|项目 #/);
  });

  it('a bad option on a page is refused naming the field and its options in Chinese', async () => {
    const t = await testApp();
    const w = await world(t);
    const page = await open(t, '/projects?stage=bogus&status=nope', w.leader);
    expect(page.status).toBe(400);
    const message = textOf(page.html, 'refusal')!;
    expect(message).toContain('阶段 应为以下之一：洽谈、签约、注册、开工、竣工、投产、终止、已报送');
    expect(message).toContain('认定状态 应为以下之一：待认定、已认定、已退回');
    expect(message).not.toMatch(/negotiating|stage|pending/);
  });

  it('the English API documentation is in the menu of staff only', async () => {
    const t = await testApp();
    const w = await world(t);
    expect((await open(t, '/', w.staff)).html).toContain('<a href="/docs"');
    for (const cookie of [w.leader, w.manager])
      expect((await open(t, '/', cookie)).html).not.toContain('<a href="/docs"');
  });
});

describe('the 通报 menu', () => {
  it('opens last month, or the last month in which a project moved when last month had nothing', async () => {
    const t = await testApp();
    const w = await world(t);
    // Today is 2026-11-22: last month is October; the world's projects were reported in January and signed on 2026-02-01.
    const quiet = await t.app.request('/bulletins', { headers: { cookie: w.leader } });
    expect(quiet.status).toBe(302);
    expect(quiet.headers.get('location')).toBe('/bulletins/2026-02');
    await t.create(`/api/projects/${w.project.id}/milestones`, { stage: 'registered', on: '2026-10-30' });
    const busy = await t.app.request('/bulletins', { headers: { cookie: w.leader } });
    expect(busy.headers.get('location')).toBe('/bulletins/2026-10');
  });
});
