// Every table a page draws says 暂无 when it has no rows (issue 20 item 9): on a platform with one mother fund, one
// sub-fund and one project that has nothing recorded yet, no page renders a table of headers over an empty body.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seed } from '../../seed';
import { sessionCookie, testApp, TODAY, type TestApp } from '../helpers';

let t: TestApp;
const ids = { mother: 0, sub: 0, project: 0 };
const cookies = { staff: '', leader: '', manager: '' };

beforeAll(async () => {
  t = await testApp();
  const unit = await t.create<{ id: number }>('/api/units', { name: '空表测试区' });
  ids.mother = (await t.create<{ id: number }>('/api/funds', { name: '空表测试母基金', level: 'mother' })).id;
  ids.sub = (
    await t.create<{ id: number }>('/api/funds', { name: '空表子基金', level: 'sub', parentId: ids.mother })
  ).id;
  ids.project = (
    await t.create<{ id: number }>('/api/projects', {
      name: '空表测试项目',
      company: { name: '芜湖空表测试科技有限公司' },
      sourceType: 'fund',
      sourceFundId: ids.sub,
      reportedOn: '2026-01-05',
      plannedTotal: '100000000',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    })
  ).id;
  for (const [username, role, fundIds] of [
    ['staff-empty', 'staff', undefined],
    ['leader-empty', 'leader', undefined],
    ['manager-empty', 'manager', [ids.sub]],
  ] as const) {
    await t.create('/api/users', { username, role, fundIds, password: 'secret-pass-1' });
    cookies[role] = await sessionCookie(t.app, username, 'secret-pass-1');
  }
});

/**
 * The bodies of the page's tables that hold no row, each named by the table's first header (or its class), so a
 * failure says which table it is. A table with no `<tbody>`, or one hidden until the browser fills it (the import's
 * row problems), is not counted.
 */
function emptyBodies(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)) {
    const inner = m[2]!;
    if (/display:\s*none/.test(m[1]!)) continue;
    for (const body of inner.matchAll(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/g)) {
      if (/<tr\b/.test(body[1]!)) continue;
      const header = /<th\b[^>]*>([\s\S]*?)<\/th>/.exec(inner)?.[1]?.replace(/<[^>]+>/g, '') ?? m[1]!;
      found.push(header.trim());
    }
  }
  return found;
}

const pages = (): [string, keyof typeof cookies][] => [
  [`/?asOf=${TODAY}`, 'leader'],
  [`/funds/${ids.mother}?asOf=${TODAY}`, 'leader'],
  [`/funds/${ids.sub}?asOf=${TODAY}`, 'staff'],
  [`/funds/${ids.sub}/performance?asOf=${TODAY}`, 'staff'],
  ['/projects', 'staff'],
  ['/projects/ledger', 'staff'],
  [`/projects/${ids.project}`, 'staff'],
  [`/projects/${ids.project}`, 'manager'],
  ['/me', 'staff'],
  ['/me', 'manager'],
  ['/activities', 'staff'],
  ['/assessment?year=2026', 'leader'],
  ['/bulletins', 'leader'],
  ['/import', 'staff'],
  [`/alerts?asOf=${TODAY}`, 'staff'],
  [`/dispatch?asOf=${TODAY}`, 'staff'],
  ['/chains', 'leader'],
  ['/review', 'staff'],
  ['/records', 'staff'],
  ['/requests', 'staff'],
  ['/requests', 'manager'],
];

/** The tables without a row on each page, as `who path: table`; every page must answer 200. */
async function problemsOf(app: TestApp['app'], visits: [string, string][]) {
  const problems: string[] = [];
  for (const [path, cookie] of visits) {
    let res = await app.request(path, { headers: { cookie } });
    // The bulletin menu opens the latest month with something in it: follow it there.
    if (res.status === 302) res = await app.request(res.headers.get('location')!, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    for (const table of emptyBodies(await res.text())) problems.push(`${path}: ${table}`);
  }
  return problems;
}

describe('empty tables say 暂无', () => {
  it('no page draws a table whose body has no row, on a platform with almost nothing recorded', async () => {
    const visits = pages().map(([path, who]): [string, string] => [path, cookies[who]]);
    expect(await problemsOf(t.app, visits)).toEqual([]);
  });

  it('nor on the demo district, on every fund and project page and the rest, as each role', async () => {
    const demo = await testApp();
    await seed(demo.db, { now: () => new Date(`${TODAY}T04:00:00Z`) });
    const as = Object.fromEntries(
      await Promise.all(
        ['leader', 'staff', 'manager-ai'].map(async (u) => [u, await sessionCookie(demo.app, u, DEMO_PASSWORD)]),
      ),
    ) as Record<'leader' | 'staff' | 'manager-ai', string>;
    const funds = (await demo.ok('GET', '/api/funds?limit=500')).items as { id: number }[];
    const projects = (await demo.ok('GET', '/api/projects?limit=500')).items as { id: number }[];
    const visits: [string, string][] = [
      ...funds.flatMap((f): [string, string][] => [
        [`/funds/${f.id}?asOf=${TODAY}`, as.leader],
        [`/funds/${f.id}/performance?asOf=${TODAY}`, as.staff],
      ]),
      ...projects.map((p): [string, string] => [`/projects/${p.id}`, as.staff]),
      ...['/', '/projects', '/projects/ledger', '/assessment?year=2026', '/bulletins', '/chains', '/dispatch'].map(
        (path): [string, string] => [path, as.leader],
      ),
      ...['/me', '/activities', '/alerts', '/review', '/records', '/requests', '/import'].map(
        (path): [string, string] => [path, as.staff],
      ),
      ...['/', '/me', '/projects', '/requests', '/activities', '/alerts'].map((path): [string, string] => [
        path,
        as['manager-ai'],
      ]),
    ];
    expect(funds.length).toBeGreaterThan(3);
    expect(projects.length).toBeGreaterThan(10);
    expect(await problemsOf(demo.app, visits)).toEqual([]);
  }, 120_000);

  it('the check finds a table with headers only', () => {
    expect(emptyBodies('<table><thead><tr><th>基金</th></tr></thead><tbody></tbody></table>')).toEqual(['基金']);
    expect(emptyBodies('<table><thead><tr><th>基金</th></tr></thead><tbody>\n</tbody></table>')).toEqual(['基金']);
    expect(emptyBodies('<table><tbody><tr class="empty"><td>暂无</td></tr></tbody></table>')).toEqual([]);
  });
});
