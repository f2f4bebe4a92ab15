// GET /api/dispatch (SPEC §9 调度) on the district of test/dispatch-scenario.ts: owner grouping (a node under its
// project's current 对接人, a request under its assignee), a replaced liaison, unowned items, the edges of D and of
// the horizon, history read as of D (a resolution after D, a reopening after D), drops, scope, bad input, the export.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDispatchScenario, D, type DispatchScenario } from '../dispatch-scenario';
import { sessionCookie, testApp, type TestApp } from '../helpers';
import { dispatchAnswer } from '../../src/queries/dispatch';
import { download, readXlsx } from '../excel/fixtures';

let t: TestApp;
let s: DispatchScenario;
beforeAll(async () => {
  t = await testApp();
  s = await buildDispatchScenario(t);
});

type Item = { nodeId?: number; requestId?: number; status: string; daysLate: number };
type Group = { nodes: Item[]; requests: Item[] };
/** A group as `n<id>:<status>:<days>` / `r<id>:…` keys, in the answer's order. */
const keys = (g: Group) => [
  ...g.nodes.map((x) => `n${x.nodeId}:${x.status}:${x.daysLate}`),
  ...g.requests.map((x) => `r${x.requestId}:${x.status}:${x.daysLate}`),
];
const grouped = (body: { owners: ({ userId: number } & Group)[]; unowned: Group }) => ({
  owners: body.owners.map((o) => [o.userId, keys(o)]),
  unowned: keys(body.unowned),
});

describe('GET /api/dispatch', () => {
  it('groups what is late and due by owner, 滞后 first, with the hand-derived days', async () => {
    const { nodes: n, requests: r, users: u } = s;
    const body = await t.ok('GET', `/api/dispatch?asOf=${D}`);
    expect(body.asOf).toBe(D);
    expect(body.horizonDays).toBe(14);
    expect(dispatchAnswer.safeParse(body).error).toBeUndefined();
    expect(grouped(body)).toEqual({
      owners: [
        // 王对接 is P1's liaison since 李对接's term ended (2025-04-01): 2 滞后 of 4 items, ahead of 赵承办's 2 of 3.
        [
          u.wang.id,
          [
            `n${n.n7}:overdue:60`, // planned 05-01, done only 07-01 (after D): 30 days of May + 30 of June
            `n${n.n2}:overdue:1`, // planned D − 1
            `n${n.n3}:due:0`, // planned = D: 临期, not 滞后; the stage (started) is not reached
            `n${n.n4}:due:0`, // planned = D + 14, the horizon's last day; n5 (D + 15) is not listed
          ],
        ],
        [
          u.zhao.id,
          [
            `r${r.R1}:overdue:14`, // due 06-16
            `r${r.R4}:overdue:10`, // due 06-20, resolved only 07-02: on D it was still 已受理
            `r${r.R2}:due:0`, // due = D
          ],
        ],
        // 李对接 is P4's liaison (and no longer P1's): P4 started 07-05, after D, so its 开工 node (06-20) is late.
        [u.li.id, [`n${n.n10}:overdue:10`]],
      ],
      // P2 has no liaison (张领导 is only a member there); R5 was reopened 06-01 and has no assignee; R7 is a company's.
      unowned: [`n${n.n8}:overdue:29`, `r${r.R5}:overdue:45`, `r${r.R7}:due:0`],
    });
  });

  it('names each item’s project, company, unit, dates and state', async () => {
    const { projects: p, units: un, users: u } = s;
    const body = await t.ok('GET', `/api/dispatch?asOf=${D}`);
    const wang = body.owners[0];
    expect(wang).toMatchObject({ userId: u.wang.id, name: '王对接' });
    expect(wang.nodes[1]).toEqual({
      nodeId: s.nodes.n2,
      projectId: p.P1.id,
      project: '智能装备项目',
      company: '智能装备项目企业',
      unitId: un.U,
      unit: '鸠江区',
      name: '立项备案',
      stage: null,
      planned: '2025-06-29',
      baseline: '2025-06-01',
      status: 'overdue',
      daysLate: 1,
    });
    expect(wang.nodes[2]).toMatchObject({ stage: 'started', planned: D, baseline: D, status: 'due' });
    // P2 landed in the 飞地 park: a node names its landing unit.
    expect(body.unowned.nodes[0]).toMatchObject({ projectId: p.P2.id, unitId: un.V, unit: '江北飞地园区' });
    expect(body.owners[1].requests[1]).toEqual({
      requestId: s.requests.R4,
      projectId: p.P1.id,
      project: '智能装备项目',
      companyId: null,
      company: '智能装备项目企业',
      unitId: un.U,
      unit: '鸠江区',
      category: 'approval',
      description: '诉求 2025-06-01 → 2025-06-20',
      raisedOn: '2025-06-01',
      dueOn: '2025-06-20',
      state: 'accepted',
      status: 'overdue',
      daysLate: 10,
    });
    // R5 reopened on 06-01: open again on D; R7 is about a company alone, named by it.
    expect(body.unowned.requests[0]).toMatchObject({ requestId: s.requests.R5, state: 'open' });
    expect(body.unowned.requests[1]).toMatchObject({
      requestId: s.requests.R7,
      projectId: null,
      project: null,
      companyId: p.P2.companyId,
      company: '储能电池项目企业',
      state: 'open',
    });
  });

  it('moves the horizon: h = 0 keeps only what is late or due on D', async () => {
    const { nodes: n, requests: r, users: u } = s;
    const body = await t.ok('GET', `/api/dispatch?asOf=${D}&horizonDays=0`);
    expect(body.horizonDays).toBe(0);
    expect(grouped(body)).toEqual({
      owners: [
        [u.wang.id, [`n${n.n7}:overdue:60`, `n${n.n2}:overdue:1`, `n${n.n3}:due:0`]],
        [u.zhao.id, [`r${r.R1}:overdue:14`, `r${r.R4}:overdue:10`, `r${r.R2}:due:0`]],
        [u.li.id, [`n${n.n10}:overdue:10`]],
      ],
      unowned: [`n${n.n8}:overdue:29`, `r${r.R5}:overdue:45`],
    });
    // h = 15 reaches n5 (07-15) and R9 (07-15).
    const wide = grouped(await t.ok('GET', `/api/dispatch?asOf=${D}&horizonDays=15`));
    expect(wide.owners[0]![1]).toContain(`n${n.n5}:due:0`);
    expect(wide.owners[1]![1]).toContain(`r${r.R9}:due:0`);
  });

  it('reads each state as of D: after the resolution and the reopening, the lists change', async () => {
    const { nodes: n, requests: r, users: u } = s;
    // On 07-05: n7 done (07-01), R4 resolved (07-02), R6 reopened (07-03) and 05-16 is 50 days back; P4 started.
    const body = await t.ok('GET', '/api/dispatch?asOf=2025-07-05&horizonDays=0');
    expect(grouped(body)).toEqual({
      owners: [
        // 赵承办: R1 (due 06-16: 19 days), R2 (06-30: 5 days), R8 (raised 07-01, due 07-05 = D: 临期)
        [u.zhao.id, [`r${r.R1}:overdue:19`, `r${r.R2}:overdue:5`, `r${r.R8}:due:0`]],
        [u.wang.id, [`n${n.n2}:overdue:6`, `n${n.n3}:overdue:5`]],
      ],
      unowned: [`n${n.n8}:overdue:34`, `r${r.R5}:overdue:50`, `r${r.R6}:overdue:50`],
    });
  });

  it('shows a manager only its funds’ projects: fund B’s node and its company’s request are not there', async () => {
    const { nodes: n, requests: r, users: u } = s;
    const body = await t.ok('GET', `/api/dispatch?asOf=${D}`, undefined, u.manager.token);
    expect(grouped(body)).toEqual({
      owners: [
        [u.wang.id, [`n${n.n7}:overdue:60`, `n${n.n2}:overdue:1`, `n${n.n3}:due:0`, `n${n.n4}:due:0`]],
        [u.zhao.id, [`r${r.R1}:overdue:14`, `r${r.R4}:overdue:10`, `r${r.R2}:due:0`]],
        [u.li.id, [`n${n.n10}:overdue:10`]],
      ],
      unowned: [`r${r.R5}:overdue:45`],
    });
    expect(JSON.stringify(body)).not.toContain('储能电池');
  });

  it('answers 400 in Chinese for a bad date or horizon, 401 without a token', async () => {
    for (const q of ['asOf=2025-02-30', 'horizonDays=-1', 'horizonDays=abc', 'horizonDays=367', 'horizonDays=1.5']) {
      const res = await t.get(`/api/dispatch?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.call('GET', '/api/dispatch', undefined, { token: null })).status).toBe(401);
  });

  it('exports the same list as one sheet, grouped by owner, dates as dates', async () => {
    const d = await download(t, `/api/exports/dispatch.xlsx?asOf=${D}`);
    expect(d.status).toBe(200);
    const book = await readXlsx(d.bytes);
    expect(book.worksheets.map((x) => x.name)).toEqual(['调度清单']);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1);
      rows.push(
        Array.from({ length: 11 }, (_, i) => {
          const c = cells[i] ?? null;
          return c instanceof Date ? c.toISOString().slice(0, 10) : c;
        }),
      );
    });
    expect(rows[0]![0]).toBe('调度清单（截至2025年6月30日，临期 14 天）');
    expect(book.worksheets[0]!.getCell('I4').numFmt).toBe('yyyy-mm-dd');
    expect(rows[1]).toEqual([
      '责任人',
      '事项',
      '状态',
      '滞后天数',
      '项目或企业',
      '单位',
      '节点或诉求类别',
      '内容',
      '计划或到期日期',
      '基线日期',
      '办理状态或备注',
    ]);
    expect(rows[2]![0]).toBe('王对接：滞后 2 项，临期 2 项');
    expect(rows[3]).toEqual([
      '王对接',
      '推进节点',
      '滞后',
      60,
      '智能装备项目（智能装备项目企业）',
      '鸠江区',
      '工商注册',
      null,
      '2025-05-01',
      '2025-05-01',
      null,
    ]);
    expect(rows[4]![10]).toBe('计划已调整');
    const headings = rows.filter((row) => typeof row[0] === 'string' && row[0].includes('：滞后')).map((row) => row[0]);
    expect(headings).toEqual([
      '王对接：滞后 2 项，临期 2 项',
      '赵承办：滞后 2 项，临期 1 项',
      '李对接：滞后 1 项，临期 0 项',
      '未落实责任人：滞后 2 项，临期 1 项',
    ]);
    const r4 = rows.find((row) => row[7] === '诉求 2025-06-01 → 2025-06-20' && row[3] === 10)!;
    expect(r4).toEqual([
      '赵承办',
      '企业诉求',
      '滞后',
      10,
      '智能装备项目',
      '鸠江区',
      '审批',
      '诉求 2025-06-01 → 2025-06-20',
      '2025-06-20',
      null,
      '已受理',
    ]);
  });

  it('the /dispatch page lists each owner with its items, 滞后 first, by name, and a bad horizon is a 400 page', async () => {
    await t.create('/api/users', { username: 'leader-page', role: 'leader', password: 'leader-page-password' });
    const cookie = await sessionCookie(t.app, 'leader-page', 'leader-page-password');
    const page = async (q: string) => {
      const res = await t.app.request(`/dispatch?${q}`, { headers: { cookie } });
      return { status: res.status, html: await res.text() };
    };
    const { status, html } = await page(`asOf=${D}`);
    expect(status).toBe(200);
    const order = ['王对接', '赵承办', '李对接', '未落实责任人'].map((name) => html.indexOf(`<h2>${name}`));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    // 王对接's first row is the node 60 days late; the card counts 2 滞后 and 2 临期.
    const wang = html.slice(order[0], order[1]);
    expect(wang).toContain('滞后 2</span>');
    expect(wang).toContain('临期 2</span>');
    expect(wang.indexOf('60 天')).toBeLessThan(wang.indexOf('1 天'));
    expect(wang).toContain('基线 2025-06-01');
    expect(html).toContain('href="/api/exports/dispatch.xlsx?asOf=2025-06-30&amp;horizonDays=14"');
    const bad = await page('horizonDays=abc');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('临期天数');
  });
});
