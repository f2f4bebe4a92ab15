import { buildAssessmentScenario } from '../bulletin-scenario';
// The pages' answers without a browser: every page validates its own query string and path, and answers bad input
// with a Chinese 400 page, a missing or invisible record with a 404 page, an unknown path with a 404 page — never a
// 500. A page loads its visitor's session once, and the cockpit's Sankey keys its nodes by id, not by name.
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { ensureAdmin } from '../../src/bootstrap';
import { dbConfig, type Db } from '../../src/db';
import { ADMIN_TOKEN, sessionCookie, testApp, TODAY, type TestApp } from '../helpers';

type App = TestApp['app'];

/** A unit, a mother fund with two sub-funds, a confirmed project in each; staff, and a manager of the first sub-fund. */
async function world(t: Pick<TestApp, 'app' | 'create'>) {
  const unit = await t.create('/api/units', { name: '页面测试区' });
  const mother = await t.create('/api/funds', { name: '页面测试母基金', level: 'mother' });
  const mine = await t.create('/api/funds', { name: '本管理人子基金', level: 'sub', parentId: mother.id });
  const other = await t.create('/api/funds', { name: '其他子基金', level: 'sub', parentId: mother.id });
  const project = (fund: { id: number }, name: string) =>
    t.create('/api/projects', {
      name,
      company: { name: `${name}有限公司` },
      sourceType: 'fund',
      sourceFundId: fund.id,
      reportedOn: '2026-01-05',
      plannedTotal: '100000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
  const own = await project(mine, '本基金项目');
  const hidden = await project(other, '其他基金项目');
  await t.create('/api/users', { username: 'staff-p', role: 'staff', password: 'secret-pass-1' });
  await t.create('/api/users', {
    username: 'manager-p',
    role: 'manager',
    fundIds: [mine.id],
    password: 'secret-pass-1',
  });
  return {
    unit,
    mother,
    mine,
    other,
    own,
    hidden,
    staff: await sessionCookie(t.app, 'staff-p', 'secret-pass-1'),
    manager: await sessionCookie(t.app, 'manager-p', 'secret-pass-1'),
  };
}

async function open(app: App, path: string, cookie: string) {
  const res = await app.request(path, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

/** A refusal page: HTML, in Chinese, with its status, and no trace of a stack or an internal message. */
function expectRefusal(page: Awaited<ReturnType<typeof open>>, status: number, title: string, what: string) {
  expect(page.status, what).toBe(status);
  expect(page.type, what).toContain('text/html');
  expect(page.html, what).toContain(`<div class="card" id="refusal" data-status="${status}"><h1>${title}</h1>`);
  expect(page.html, what).not.toMatch(/at .*\.ts|Error:|内部接口|internal/);
}

// Bad values for each query parameter a page reads (each refused with 400 by the page that reads it).
const badAsOf = ['2024-02-30', '2024-13-01', '2024-2-3', '20240101', 'abc', 'today', '2024-01-01T00:00:00Z', '%00'];
const badProjectFilters: [string, string[]][] = [
  ['stage', ['bogus', 'SIGNED', '签约', '1']],
  ['status', ['bogus', 'approved', '已认定']],
  ['sourceType', ['bogus', 'FUND']],
  ['fundId', ['abc', '0', '-1', '1.5', '1e3', '0x1', '99999999999999999999', '１']],
  ['cursor', ['abc', '-1', '1.5', '1e3', '9999999999999999']],
  ['chain', ['链'.repeat(51)]],
  ['q', ['搜'.repeat(101)]],
];
/** The parameters as the 400 page names them. */
const fieldNames: Record<string, string> = {
  asOf: '截至日期',
  stage: '阶段',
  status: '认定状态',
  sourceType: '来源类型',
  fundId: '基金',
  cursor: '翻页位置',
  chain: '产业链',
  q: '搜索词',
};
const badIds = ['0', '-1', 'abc', '1.5', '1e3', '0x1', '99999999999999999999', '%E4%B8%AD', '__proto__', 'constructor'];

describe('page status codes', () => {
  it('every page answers a bad query value it reads with a Chinese 400 page, and ignores the ones it does not read', async () => {
    const t = await testApp();
    const w = await world(t);
    const pages = [
      '/',
      `/funds/${w.mine.id}`,
      '/projects',
      '/projects/new',
      `/projects/${w.own.id}`,
      '/import',
      '/review',
      '/records',
    ];
    const reads: Record<string, string[]> = {
      '/': ['asOf'],
      [`/funds/${w.mine.id}`]: ['asOf'],
      '/projects': badProjectFilters.map(([k]) => k),
    };
    const bad: [string, string][] = [
      ...badAsOf.map((v): [string, string] => ['asOf', v]),
      ...badProjectFilters.flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v])),
    ];
    let refused = 0;
    for (const page of pages) {
      for (const [key, value] of bad) {
        const path = `${page}?${key}=${encodeURIComponent(value)}`;
        const answer = await open(t.app, path, w.staff);
        if (reads[page]?.includes(key)) {
          expectRefusal(answer, 400, '请求有误', path);
          expect(answer.html, path).toContain(`请求参数有误：${fieldNames[key]} `); // the page names the parameter it refused, in Chinese
          refused++;
        } else {
          expect(answer.status, path).toBe(200);
        }
      }
      // A parameter given twice is not one value.
      const twice = await open(t.app, `${page}?asOf=2026-01-01&asOf=2026-02-01&stage=signed&stage=dropped`, w.staff);
      expect(twice.status, page).toBe(reads[page] ? 400 : 200);
    }
    expect(refused).toBe(2 * badAsOf.length + badProjectFilters.reduce((n, [, vs]) => n + vs.length, 0));
  });

  it('the examples of the report: asOf on 2024-02-30, stage=bogus, fundId=abc, cursor=abc, /projects/0, a 20-digit fund id', async () => {
    const t = await testApp();
    const w = await world(t);
    for (const path of [
      '/?asOf=2024-02-30',
      '/projects?stage=bogus',
      '/projects?fundId=abc',
      '/projects?cursor=abc',
      '/projects/0',
      '/funds/99999999999999999999',
    ]) {
      for (const cookie of [w.staff, w.manager]) expectRefusal(await open(t.app, path, cookie), 400, '请求有误', path);
    }
  });

  it('a malformed id in a page path is a 400 page', async () => {
    const t = await testApp();
    const w = await world(t);
    for (const base of ['/funds', '/projects']) {
      for (const bad of badIds)
        expectRefusal(await open(t.app, `${base}/${bad}`, w.staff), 400, '请求有误', `${base}/${bad}`);
    }
  });

  it('empty fields of the filter form mean "not given"', async () => {
    const t = await testApp();
    const w = await world(t);
    const page = await open(t.app, '/projects?fundId=&stage=&status=&chain=&q=&sourceType=&cursor=', w.staff);
    expect(page.status).toBe(200);
    expect(page.html).toContain('本基金项目');
    expect((await open(t.app, '/?asOf=', w.staff)).status).toBe(200);
    // Filters that are right are applied, and the page keeps them in the form.
    const signed = await open(t.app, `/projects?fundId=${w.mine.id}&status=confirmed`, w.staff);
    expect(signed.status).toBe(200);
    expect(signed.html).toContain('本基金项目');
    expect(signed.html).not.toContain('其他基金项目');
    expect(signed.html).toContain(`<option value="${w.mine.id}" selected="">`);
  });

  it('a missing record and another fund’s record are the same 404 page; an unknown path is a 404 page, /api keeps its JSON 404', async () => {
    const t = await testApp();
    const w = await world(t);
    const missingProject = await open(t.app, '/projects/999999', w.manager);
    const hiddenProject = await open(t.app, `/projects/${w.hidden.id}`, w.manager);
    expectRefusal(missingProject, 404, '未找到', 'missing project');
    expectRefusal(hiddenProject, 404, '未找到', 'hidden project');
    expect(hiddenProject.html).toBe(missingProject.html);
    const missingFund = await open(t.app, '/funds/999999', w.manager);
    const hiddenFund = await open(t.app, `/funds/${w.other.id}`, w.manager);
    expectRefusal(hiddenFund, 404, '未找到', 'hidden fund');
    expect(hiddenFund.html).toBe(missingFund.html);
    expect(hiddenFund.html).not.toContain('其他子基金');
    expectRefusal(
      await open(t.app, `/projects?fundId=${w.other.id}`, w.manager),
      404,
      '未找到',
      'filter by a hidden fund',
    );
    // Staff sees both.
    expect((await open(t.app, `/projects/${w.hidden.id}`, w.staff)).status).toBe(200);
    expect((await open(t.app, `/funds/${w.other.id}`, w.staff)).status).toBe(200);

    for (const path of ['/nope', '/funds', '/projects/1/edit', '/index.html', '/review/']) {
      const page = await open(t.app, path, w.staff);
      expectRefusal(page, 404, '未找到', path);
    }
    // Without a session, too: nothing about the app is needed to say a path does not exist.
    expectRefusal(await open(t.app, '/nope', ''), 404, '未找到', 'no session');
    const api = await t.get('/api/nope');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(api.body).toEqual({ error: { code: 'not_found', message: '接口 GET /api/nope 不存在' } });
  });

  it('without a session, a bad URL still sends the visitor to log in first', async () => {
    const t = await testApp();
    const res = await t.app.request('/projects?stage=bogus');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fprojects%3Fstage%3Dbogus');
  });
});

describe('page data', () => {
  it('a page loads its visitor’s session once, however many records it reads', async () => {
    const sqlite = new Database(':memory:');
    let sessionReads = 0;
    const logger = { logQuery: (query: string) => void (/from "sessions"/.test(query) && sessionReads++) };
    const db = drizzle(sqlite, { ...dbConfig, logger }) as unknown as Db;
    migrate(drizzle(sqlite, dbConfig), { migrationsFolder: resolve(import.meta.dirname, '../../drizzle') });
    await ensureAdmin(db, ADMIN_TOKEN);
    const app = createApp(() => db, { now: () => new Date(`${TODAY}T04:00:00Z`) });
    const create = async <T = any>(path: string, body: unknown): Promise<T> => {
      const res = await app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`POST ${path} → ${res.status}`);
      return await res.json();
    };
    const w = await world({ app, create });
    // /records reads the funds, the units and each of the three funds; the cockpit reads two reports.
    for (const path of ['/records', '/', `/projects/${w.own.id}`, `/funds/${w.mine.id}`]) {
      sessionReads = 0;
      expect((await open(app, path, w.staff)).status, path).toBe(200);
      expect(sessionReads, path).toBe(1);
    }
  });

  it('a fund named like a stage (签约) or like another node keeps the cockpit’s Sankey a graph without cycles, keyed by id', async () => {
    const t = await testApp();
    const w = await world(t);
    const lookalike = await t.create('/api/funds', { name: '签约', level: 'sub', parentId: w.mother.id });
    const named = await t.create('/api/funds', { name: '页面测试区', level: 'sub', parentId: w.mother.id });
    for (const [fund, name] of [
      [lookalike, '签约基金项目'],
      [named, '同名基金项目'],
    ] as const) {
      const p = await t.create('/api/projects', {
        name,
        company: { name: `${name}有限公司` },
        sourceType: 'fund',
        sourceFundId: fund.id,
        reportedOn: '2026-01-05',
        plannedTotal: '100000000',
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
      });
      await t.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2026-02-01' });
    }
    await t.create(`/api/projects/${w.own.id}/milestones`, { stage: 'signed', on: '2026-02-01' });
    const page = await open(t.app, '/', w.staff);
    expect(page.status).toBe(200);
    const spec = JSON.parse(/<script type="application\/json" id="spec-sankey">(.*?)<\/script>/s.exec(page.html)![1]!);
    const sankey = spec.series[0] as {
      data: { id?: string; name: string }[];
      links: { source: string; target: string; value: number }[];
    };
    // ECharts keys a node by its id, else its name; links name nodes by that key.
    const keys = sankey.data.map((n) => n.id ?? n.name);
    expect(new Set(keys).size).toBe(keys.length);
    for (const l of sankey.links) expect(keys, JSON.stringify(l)).toEqual(expect.arrayContaining([l.source, l.target]));
    // No cycle: repeatedly remove nodes without incoming links; a cycle would leave some behind.
    let left = new Set(keys);
    for (;;) {
      const targets = new Set(
        sankey.links.filter((l) => left.has(l.source) && left.has(l.target)).map((l) => l.target),
      );
      const next = new Set([...left].filter((k) => targets.has(k)));
      if (next.size === left.size) break;
      left = next;
    }
    expect([...left]).toEqual([]);
    // Both 签约s are there, one fund and one stage, each with its own links.
    const signedNodes = sankey.data.filter((n) => n.name === '签约');
    expect(signedNodes).toHaveLength(2);
    expect(sankey.links).toEqual(
      expect.arrayContaining([
        { source: `fund:${w.mother.id}`, target: `fund:${lookalike.id}`, value: 1 },
        { source: `fund:${lookalike.id}`, target: 'stage:signed', value: 1 },
        { source: `fund:${named.id}`, target: 'stage:signed', value: 1 },
        { source: `fund:${w.mine.id}`, target: 'stage:signed', value: 1 },
        { source: `fund:${w.other.id}`, target: 'stage:reported', value: 1 },
      ]),
    );
    expect(sankey.links).toHaveLength(8); // mother → each of its four sub-funds, each sub-fund → its one stage
  });
});

describe('the cockpit of a province', () => {
  it('lists every fund up to 200, then the top funds and their direct sub-funds, saying how many and where the rest are', async () => {
    const t = await testApp();
    const w = await world(t);
    const rows = async () => {
      const page = await open(t.app, '/', w.staff);
      expect(page.status).toBe(200);
      const table = /<table id="fund-table">(.*?)<\/table>/s.exec(page.html)![1]!;
      return { ids: [...table.matchAll(/href="\/funds\/(\d+)\?/g)].map((m) => Number(m[1])), html: page.html };
    };
    const insert = t.sqlite.prepare(`insert into funds (name, level, parent_id) values (?, 'sub', ?)`);
    // 200 funds: the mother, its sub-funds, and grandchildren under the first one.
    const all = () =>
      t.sqlite.prepare('select id, parent_id as parentId from funds order by id').all() as {
        id: number;
        parentId: number | null;
      }[];
    while (all().length < 200) insert.run(`孙基金${all().length}`, w.mine.id);
    let shown = await rows();
    expect(shown.ids.sort((a, b) => a - b)).toEqual(all().map((f) => f.id));
    expect(shown.html).not.toContain('id="fund-table-note"');
    // One more: the table keeps the mother and its direct sub-funds, and says so.
    insert.run('第二百零一只基金', w.mine.id);
    shown = await rows();
    const twoLevels = all()
      .filter((f) => f.parentId === null || f.parentId === w.mother.id)
      .map((f) => f.id);
    expect(shown.ids.sort((a, b) => a - b)).toEqual(twoLevels);
    expect(shown.html).toMatch(new RegExp(`共 201 只基金，此处列出顶层基金及其直接下级基金共 ${twoLevels.length} 只`));
    expect(shown.html).toContain('<div class="label">基金数</div><div class="value">201 只</div>'); // the tile still counts every fund
  });
});

describe('fund pickers at province size', () => {
  it('offer every fund the visitor sees past the first 500, on the lead form, the records forms and the projects filter', async () => {
    const t = await testApp();
    const w = await world(t);
    const insert = t.sqlite.prepare(`insert into funds (name, level, parent_id) values (?, 'sub', ?)`);
    for (let i = 0; i < 620; i++) insert.run(`省级子基金${i}`, w.mother.id);
    const last = t.sqlite.prepare('select id, name from funds order by id desc limit 1').get() as {
      id: number;
      name: string;
    };
    for (const path of ['/projects/new', '/records', '/projects']) {
      const page = await open(t.app, path, w.staff);
      expect(page.status, path).toBe(200);
      expect(page.html, path).toMatch(new RegExp(`<option value="${last.id}"[^>]*>${last.name}</option>`));
    }
  });
});

describe('the lead form’s pickers and the project page’s words', () => {
  it('产业链 offers the key chains and 其他; 驱动投资 offers only the visitor’s funds’ investments, named; the page names it', async () => {
    const t = await testApp();
    const w = await world(t);
    for (const name of ['新能源汽车', '人工智能']) await t.create('/api/chains', { name });
    const investment = (fund: { id: number }, company: string, amount: string) =>
      t.create(`/api/funds/${fund.id}/investments`, { company: { name: company }, amount, investedOn: '2025-06-30' });
    const ownInvestment = await investment(w.mine, '本基金被投企业有限公司', '25000000');
    const otherInvestment = await investment(w.other, '其他基金被投企业有限公司', '30000000');
    const motherInvestment = await investment(w.mother, '母基金被投企业有限公司', '40000000');

    const form = (await open(t.app, '/projects/new', w.manager)).html;
    const chainSelect = form.match(/<select name="chain"[\s\S]*?<\/select>/)![0];
    expect([...chainSelect.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual([
      '',
      '人工智能',
      '新能源汽车',
      '__other__',
    ]);
    expect(form).toMatch(/<input name="chain" id="chain-other"[^>]*disabled[^>]*hidden/);
    expect(form).not.toContain('智能制造');
    const investmentSelect = form.match(/<select name="investmentId"[\s\S]*?<\/select>/)![0];
    expect([...investmentSelect.matchAll(/<option value="(\d+)">([^<]*)</g)].map((m) => [Number(m[1]), m[2]])).toEqual([
      [ownInvestment.id, '本基金被投企业有限公司（2025-06-30，2,500.00 万元）'],
    ]);
    expect(investmentSelect).toContain('<optgroup label="本管理人子基金">');
    expect(form).not.toContain('其他基金被投企业');
    expect(form).not.toContain('母基金被投企业');
    // Staff pick from every fund's.
    const staffForm = (await open(t.app, '/projects/new', w.staff)).html;
    for (const i of [ownInvestment, otherInvestment, motherInvestment]) expect(staffForm).toContain(`value="${i.id}"`);

    // The API stays lenient on 产业链: SPEC §7 maps chains no key chain names (without gaps).
    const lead = (name: string, investmentId: number, chain: string) =>
      t.create('/api/projects', {
        name,
        sourceType: 'fund',
        sourceFundId: w.mine.id,
        investmentId,
        chain,
        reportedOn: '2026-02-01',
        plannedTotal: '50000000',
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
      });
    const byOwn = await lead('本基金投资带来的项目', ownInvestment.id, '人工智能');
    const byMother = await lead('母基金投资带来的项目', motherInvestment.id, '低空经济');
    expect(byMother.chain).toBe('低空经济');

    const page = async (id: number, cookie: string) =>
      (await open(t.app, `/projects/${id}`, cookie)).html.match(/<td id="driving-investment">([\s\S]*?)<\/td>/)![1];
    expect(await page(byOwn.id, w.manager)).toBe(
      '本管理人子基金 投资 本基金被投企业有限公司（2025-06-30，2,500.00 万元）',
    );
    // The mother fund's investment drove a lead of the manager's fund: the manager is told there is one, not whose.
    expect(await page(byMother.id, w.manager)).toBe('上级或关联基金的一笔投资');
    expect(await page(byMother.id, w.staff)).toBe(
      '页面测试母基金 投资 母基金被投企业有限公司（2025-06-30，4,000.00 万元）',
    );
  });

  it('a stage reached on a later stage’s date is shown as implied (由开工推定), one entered is not', async () => {
    const t = await testApp();
    const w = await world(t);
    await t.create(`/api/projects/${w.own.id}/milestones`, { stage: 'signed', on: '2026-02-01' });
    await t.create(`/api/projects/${w.own.id}/milestones`, { stage: 'started', on: '2026-03-10' });
    const html = (await open(t.app, `/projects/${w.own.id}`, w.staff)).html;
    const dates = html.match(/<td id="reached-dates">([\s\S]*?)<\/td>/)![1]!;
    const rows = [...dates.matchAll(/<div class="([^"]*)" data-stage="(\w+)">([\s\S]*?)<\/div>/g)].map((m) => [
      m[2],
      m[1],
      m[3]!.replace(/<[^>]+>/g, ''),
    ]);
    expect(rows).toEqual([
      ['negotiating', 'implied', '洽谈 2026-02-01（由签约推定）'],
      ['signed', '', '签约 2026-02-01'],
      ['registered', 'implied', '注册 2026-03-10（由开工推定）'],
      ['started', '', '开工 2026-03-10'],
    ]);
    // The 变更记录 says the same of the write that filled 注册 from 开工; the 开工 it records is entered.
    const log = html.slice(html.indexOf('变更记录'));
    expect(log).toContain('注册日期：空 → 2026-03-10（由开工推定）');
    expect(log).toMatch(/开工日期：空 → 2026-03-10(?!（)/);
    expect(log).toContain('洽谈日期：空 → 2026-02-01（由签约推定）；签约日期：空 → 2026-02-01<');
    // Once 洽谈 and 注册 are entered on those days, nothing is implied.
    await t.create(`/api/projects/${w.own.id}/milestones`, { stage: 'negotiating', on: '2026-02-01' });
    await t.create(`/api/projects/${w.own.id}/milestones`, { stage: 'registered', on: '2026-03-10' });
    const again = (await open(t.app, `/projects/${w.own.id}`, w.staff)).html;
    expect(again).toContain('注册 2026-03-10');
    expect(again).not.toContain('推定');
  });
});

describe('考核 and 通报 pages', () => {
  async function assessmentWorld() {
    const t = await testApp();
    const s = await buildAssessmentScenario(t);
    const user = async (username: string, role: string, fundIds?: number[]) => {
      await t.create('/api/users', { username, role, fundIds, password: 'secret-pass-1' });
      return sessionCookie(t.app, username, 'secret-pass-1');
    };
    return {
      t,
      s,
      leader: await user('leader-a', 'leader'),
      staff: await user('staff-a', 'staff'),
      manager: await user('manager-a', 'manager', [s.B.id]),
    };
  }

  it('/bulletins/2024-06 answers 200 for leader, staff and manager, drawing the boards and the alert counts the visitor may see', async () => {
    const w = await assessmentWorld();
    for (const [who, cookie] of [
      ['leader', w.leader],
      ['staff', w.staff],
      ['manager', w.manager],
    ] as const) {
      const page = await open(w.t.app, '/bulletins/2024-06', cookie);
      expect(page.status, who).toBe(200);
      expect(page.html, who).toContain('2024年6月以投促引考核通报');
      expect(page.html, who).toContain('href="/bulletins"'); // in the navigation
    }
    const leader = (await open(w.t.app, '/bulletins/2024-06', w.leader)).html;
    // 红榜 U3 and U2 (0.85, 0.5 ≥ 0.4973) and R (1.0); 黑榜 U1 (1/3 < 0.3978)
    expect(/<p id="red-board">(.*?)<\/p>/s.exec(leader)![1]).toContain('湾沚区、弋江区、芜湖市');
    expect(/<p id="black-board">(.*?)<\/p>/s.exec(leader)![1]).toContain('鸠江区');
    // 签约未开工 P8; 待认定超期 is not counted for a leader
    expect(/<table id="alerts">(.*?)<\/table>/s.exec(leader)![1]).toMatch(
      /签约未开工<\/th><td class="num">1<\/td>.*待认定超期<\/th><td class="num">—<\/td>/s,
    );
    // The manager of B sees only B among the funds
    const manager = (await open(w.t.app, '/bulletins/2024-06', w.manager)).html;
    expect(manager).not.toContain('智能制造子基金');
    expect(manager).toContain('新能源子基金');
  });

  it('/assessment shows the 擂台赛 and the targets; a bad month, year or asOf is a Chinese 400 page', async () => {
    const w = await assessmentWorld();
    const page = await open(w.t.app, '/assessment?year=2024&asOf=2024-06-30', w.leader);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<strong id="schedule">49.73%</strong>'); // 182 / 366
    expect(page.html).toMatch(/<tr class="board-black" data-unit="\d+"><td class="num">3<\/td><td>鸠江区<\/td>/);
    // A money target reads in 万元 like its actual: 到位资金 100000000 元 is 10,000.00 万元.
    expect(page.html).toMatch(/<td>[^<]*到[^<]*<\/td><td class="num">10,000\.00 万元<\/td>/);
    for (const path of [
      '/bulletins/2024-13',
      '/bulletins/2024-6',
      '/bulletins/bogus',
      '/assessment?year=abc',
      '/assessment?year=2025&asOf=2024-12-31',
      '/bulletins/2024-06?view=bogus',
    ]) {
      expectRefusal(await open(w.t.app, path, w.staff), 400, '请求有误', path);
    }
    // It prints: A4 landscape, without the navigation and the form
    expect(await (await w.t.app.request('/assets/touyin.css')).text()).toMatch(
      /@page \{ size: A4 landscape;[^{}]*@bottom-center \{ content: "第 " counter\(page\) " 页，共 " counter\(pages\) " 页";[^}]*\} \}[\s\S]*@media print \{ header\.top, \.noprint \{ display:none/,
    );
    const menu = await w.t.app.request('/bulletins', { headers: { cookie: w.staff } });
    // October 2026 (the month before TODAY) had nothing in this scenario: the menu opens its last month with a report or milestone.
    expect(menu.headers.get('location')).toBe('/bulletins/2024-07');
  });
});

describe('/import', () => {
  it('offers staff the distribution and NAV upload beside the project upload; a manager sees only its project upload', async () => {
    const t = await testApp();
    const w = await world(t);
    const staff = await open(t.app, '/import', w.staff);
    expect(staff.html).toContain('data-import="/api/imports/projects"');
    expect(staff.html).toContain('data-import="/api/imports/fund-flows"');
    expect(staff.html).toContain('href="/api/imports/fund-flows/template.xlsx"');
    const manager = await open(t.app, '/import', w.manager);
    expect(manager.status).toBe(200);
    expect(manager.html).toContain('data-import="/api/imports/projects"');
    expect(manager.html).not.toContain('fund-flows');
  });
});
