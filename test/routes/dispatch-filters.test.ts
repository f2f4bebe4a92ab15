// GET /api/dispatch narrowed and paged (SPEC §9 调度; docs/api.md "Dispatch"): one unit with its sub-units in either
// view (the 飞地 project counts where it landed only in 落地口径), one owner (`me`, a user id, `none`), pages of
// owners with the totals of the whole filter, a manager's scope (a foreign unit or owner reveals nothing), 400s,
// the export and the page with the same filters, the data version's ETag, and one statement whatever the page.
//
// The district of test/dispatch-scenario.ts (D = 2025-06-30, h = 14) plus:
//   S 开发区, a sub-unit of 鸠江区 (U)
//   P5 (fund A, introduced by and landed in S; liaison 张领导 from 02-01): n11 task planned 06-10 — 滞后 20
//   R11 on P5, unit S, 张领导, raised 06-01, due 06-25 — 滞后 5
//   R12 on P1 (鸠江区), unit S, 赵承办, raised 06-20, due 07-05 — 临期
//   P6 (fund B, 鸠江区; liaison 钱对接 from 02-01): n12 task planned 06-28 — 滞后 2
// Owners then rank: 王对接 (2 滞后 of 4), 赵承办 (2 of 4; a later id), 张领导 (2 of 2), 李对接 (1 of 1), 钱对接 (1 of 1).
import { beforeAll, describe, expect, it } from 'vitest';
import { projectNodes, projectOwners, requestEvents, serviceRequests } from '../../src/db/schema';
import { dispatchAnswer } from '../../src/queries/dispatch';
import { buildDispatchScenario, D, type DispatchScenario } from '../dispatch-scenario';
import { download, readXlsx } from '../excel/fixtures';
import { sessionCookie, testApp, type TestApp } from '../helpers';

let t: TestApp;
let s: DispatchScenario;
let x: { S: number; P5: number; P6: number; n11: number; n12: number; R11: number; R12: number };
let qian: { id: number; token: string };

beforeAll(async () => {
  t = await testApp();
  s = await buildDispatchScenario(t);
  const S = (await t.create('/api/units', { name: '开发区', parentId: s.units.U })).id as number;
  qian = await t.create('/api/users', { username: 'qian', displayName: '钱对接', role: 'staff' });
  const project = async (name: string, fund: number, unit: number) => {
    const p = await t.create('/api/projects', {
      name,
      company: { name: `${name}企业` },
      sourceType: 'fund',
      sourceFundId: fund,
      reportedOn: '2024-10-01',
      plannedTotal: '100000000',
      introducingUnitId: unit,
      landingUnitId: unit,
    });
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2025-01-01' });
    return p.id as number;
  };
  const P5 = await project('新材料项目', s.funds.A, S);
  const P6 = await project('氢能项目', s.funds.B, s.units.U);
  await t.db.insert(projectOwners).values([
    { projectId: P5, userId: s.users.zhang.id, duty: 'liaison', fromOn: '2025-02-01' },
    { projectId: P6, userId: qian.id, duty: 'liaison', fromOn: '2025-02-01' },
  ]);
  const node = async (projectId: number, name: string, planned: string) =>
    (
      await t.db
        .insert(projectNodes)
        .values({ projectId, position: 1, name, plannedOn: planned, baselineOn: planned })
        .returning()
    )[0]!.id;
  const request = async (projectId: number, unitId: number, assigneeId: number, raised: string, due: string) => {
    const [row] = await t.db
      .insert(serviceRequests)
      .values({
        projectId,
        category: 'land',
        unitId,
        assigneeId,
        raisedOn: raised,
        dueOn: due,
        description: `用地 ${raised} → ${due}`,
      })
      .returning();
    await t.db.insert(requestEvents).values({ requestId: row!.id, status: 'open', happenedOn: raised });
    return row!.id;
  };
  x = {
    S,
    P5,
    P6,
    n11: await node(P5, '环评批复', '2025-06-10'),
    n12: await node(P6, '立项备案', '2025-06-28'),
    R11: await request(P5, S, s.users.zhang.id, '2025-06-01', '2025-06-25'),
    R12: await request(s.projects.P1.id, S, s.users.zhao.id, '2025-06-20', '2025-07-05'),
  };
});

type Item = { nodeId?: number; requestId?: number; status: string; daysLate: number };
type Group = { nodes: Item[]; requests: Item[] };
type Body = { owners: ({ userId: number } & Group)[]; unowned: Group };
const keys = (g: Group) => [
  ...g.nodes.map((i) => `n${i.nodeId}:${i.status}:${i.daysLate}`),
  ...g.requests.map((i) => `r${i.requestId}:${i.status}:${i.daysLate}`),
];
const grouped = (body: Body) => ({
  owners: body.owners.map((o) => [o.userId, keys(o)]),
  unowned: keys(body.unowned),
});
const dispatch = (q: string, token?: string) => t.ok('GET', `/api/dispatch?asOf=${D}&${q}`, undefined, token);

describe('GET /api/dispatch with no filter: the whole scope, paged by owners', () => {
  it('lists every owner on the first page of 50 with the totals of the scope', async () => {
    const { nodes: n, requests: r, users: u } = s;
    const body = await dispatch('');
    expect(dispatchAnswer.safeParse(body).error).toBeUndefined();
    expect({ ...body, owners: undefined, unowned: undefined }).toEqual({
      asOf: D,
      horizonDays: 14,
      unitId: null,
      view: 'introducing',
      owner: null,
      limit: 50,
      offset: 0,
      next: null,
      // nodes: 王 4, 张 1, 李 1, 钱 1, unowned n8; requests: 赵 4, 张 1, unowned R5, R7.
      // 滞后 nodes n7, n2, n11, n10, n12, n8; 超期 requests R1, R4, R11, R5.
      total: { owners: 5, nodes: 8, requests: 7, late: 10, nodesLate: 6, requestsLate: 4, unowned: 3 },
    });
    expect(grouped(body)).toEqual({
      owners: [
        [u.wang.id, [`n${n.n7}:overdue:60`, `n${n.n2}:overdue:1`, `n${n.n3}:due:0`, `n${n.n4}:due:0`]],
        [u.zhao.id, [`r${r.R1}:overdue:14`, `r${r.R4}:overdue:10`, `r${r.R2}:due:0`, `r${x.R12}:due:0`]],
        [u.zhang.id, [`n${x.n11}:overdue:20`, `r${x.R11}:overdue:5`]],
        [u.li.id, [`n${n.n10}:overdue:10`]],
        [qian.id, [`n${x.n12}:overdue:2`]],
      ],
      unowned: [`n${n.n8}:overdue:29`, `r${r.R5}:overdue:45`, `r${r.R7}:due:0`],
    });
  });

  it('pages by owners: every item appears exactly once over the pages, the unowned on the last', async () => {
    const whole = grouped(await dispatch('limit=200'));
    for (const limit of [1, 2, 3, 4, 5]) {
      const pages: Body[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const body: Body & { next: string | null; total: unknown; offset: number } = await dispatch(
          `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(body.owners.length).toBeLessThanOrEqual(limit);
        expect(body.total).toEqual({
          owners: 5,
          nodes: 8,
          requests: 7,
          late: 10,
          nodesLate: 6,
          requestsLate: 4,
          unowned: 3,
        });
        expect(body.offset).toBe(pages.length * limit);
        pages.push(body);
        cursor = body.next;
      }
      expect(pages).toHaveLength(Math.ceil(5 / limit));
      // The pages laid end to end are the whole list, in its order; the unowned come only with the last page.
      expect({
        owners: pages.flatMap((p) => grouped(p).owners),
        unowned: pages.flatMap((p) => grouped(p).unowned),
      }).toEqual(whole);
      expect(pages.slice(0, -1).every((p) => keys(p.unowned).length === 0)).toBe(true);
      const all = pages.flatMap((p) => [...p.owners.flatMap(keys), ...keys(p.unowned)]);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(15);
    }
    const two = await dispatch('limit=2&cursor=2');
    expect(two.owners.map((o: { userId: number }) => o.userId)).toEqual([s.users.zhang.id, s.users.li.id]);
    expect(two.next).toBe('4');
    // Past the end: nobody, and the unowned are not repeated.
    const past = await dispatch('limit=2&cursor=10');
    expect(grouped(past)).toEqual({ owners: [], unowned: [] });
    expect(past.next).toBeNull();
  });
});

describe('GET /api/dispatch?unit=: that unit and its sub-units, in the service report’s view rule', () => {
  it('鸠江区 takes its sub-unit 开发区: the same as the whole district', async () => {
    const body = await dispatch(`unit=${s.units.U}`);
    expect(body.unitId).toBe(s.units.U);
    expect(grouped(body)).toEqual(grouped(await dispatch('')));
    // unitId is another name of unit.
    expect(grouped(await dispatch(`unitId=${s.units.U}`))).toEqual(grouped(body));
  });

  it('开发区 alone: its project’s node and request, and the request on a 鸠江区 project it is responsible for', async () => {
    const { users: u } = s;
    const body = await dispatch(`unit=${x.S}`);
    expect(grouped(body)).toEqual({
      owners: [
        [u.zhang.id, [`n${x.n11}:overdue:20`, `r${x.R11}:overdue:5`]],
        [u.zhao.id, [`r${x.R12}:due:0`]],
      ],
      unowned: [],
    });
    expect(body.total).toEqual({
      owners: 2,
      nodes: 1,
      requests: 2,
      late: 2,
      nodesLate: 1,
      requestsLate: 1,
      unowned: 0,
    });
    // R12's project is P1, in 鸠江区: it is listed under its responsible unit 开发区, its project named as it is.
    expect(body.owners[1].requests[0]).toMatchObject({ requestId: x.R12, projectId: s.projects.P1.id, unitId: x.S });
  });

  it('the 飞地 park: nothing introduced there; in 落地口径 the node of P2, which landed there', async () => {
    const introducing = await dispatch(`unit=${s.units.V}`);
    expect(grouped(introducing)).toEqual({ owners: [], unowned: [] });
    expect(introducing.total).toMatchObject({ owners: 0, nodes: 0, requests: 0, late: 0 });
    const landing = await dispatch(`unit=${s.units.V}&view=landing`);
    expect(landing.view).toBe('landing');
    expect(grouped(landing)).toEqual({ owners: [], unowned: [`n${s.nodes.n8}:overdue:29`] });
    // 落地口径 of 鸠江区 leaves P2 out (it landed in the park), the rest stays.
    const u = grouped(await dispatch(`unit=${s.units.U}&view=landing`));
    expect(u.unowned).toEqual([`r${s.requests.R5}:overdue:45`, `r${s.requests.R7}:due:0`]);
  });

  it('a unit that does not exist is 404, to every role (units are not scoped)', async () => {
    const res = await t.get(`/api/dispatch?unit=999999`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('单位 999999 不存在');
    expect((await t.call('GET', '/api/dispatch?unit=999999', undefined, { token: s.users.manager.token })).status).toBe(
      404,
    );
  });
});

describe('GET /api/dispatch?owner=', () => {
  it('me: the caller’s own items, whoever else the caller sees', async () => {
    const { nodes: n, users: u } = s;
    const mine = await dispatch('owner=me', u.wang.token);
    expect(mine.owner).toBe(u.wang.id);
    expect(grouped(mine)).toEqual({
      owners: [[u.wang.id, [`n${n.n7}:overdue:60`, `n${n.n2}:overdue:1`, `n${n.n3}:due:0`, `n${n.n4}:due:0`]]],
      unowned: [],
    });
    expect(mine.total).toEqual({
      owners: 1,
      nodes: 4,
      requests: 0,
      late: 2,
      nodesLate: 2,
      requestsLate: 0,
      unowned: 0,
    });
    // The same URL for another reader is that reader's own list (the read cache keys `me` by the reader).
    const zhao = await dispatch('owner=me', u.zhao.token);
    expect(zhao.owners.map((o: { userId: number }) => o.userId)).toEqual([u.zhao.id]);
    // One who owns nothing: an empty list.
    const admin = await dispatch('owner=me');
    expect(grouped(admin)).toEqual({ owners: [], unowned: [] });
  });

  it('a user id, with a unit; none: only the unowned items', async () => {
    const { requests: r, users: u } = s;
    expect(grouped(await dispatch(`owner=${u.zhao.id}&unit=${x.S}`))).toEqual({
      owners: [[u.zhao.id, [`r${x.R12}:due:0`]]],
      unowned: [],
    });
    const none = await dispatch('owner=none');
    expect(none.owner).toBe('none');
    expect(grouped(none)).toEqual({
      owners: [],
      unowned: [`n${s.nodes.n8}:overdue:29`, `r${r.R5}:overdue:45`, `r${r.R7}:due:0`],
    });
    expect(none.total).toMatchObject({ owners: 0, nodes: 1, requests: 2, unowned: 3 });
  });
});

describe('a manager (fund A) through the filters', () => {
  const strip = (b: Record<string, unknown>) => ({ ...b, owner: undefined, unitId: undefined });

  it('a foreign owner’s list answers as one that does not exist: empty', async () => {
    const token = s.users.manager.token;
    const foreign = await dispatch(`owner=${qian.id}`, token);
    const nobody = await dispatch('owner=99999999', token);
    expect(grouped(foreign)).toEqual({ owners: [], unowned: [] });
    expect(strip(foreign)).toEqual(strip(nobody));
    expect(JSON.stringify(foreign)).not.toContain('钱对接');
    // The admin sees 钱对接's node.
    expect(grouped(await dispatch(`owner=${qian.id}`)).owners).toEqual([[qian.id, [`n${x.n12}:overdue:2`]]]);
  });

  it('a unit holding only another fund’s project answers as one holding nothing; its own are there', async () => {
    const token = s.users.manager.token;
    const park = await dispatch(`unit=${s.units.V}&view=landing`, token);
    expect(grouped(park)).toEqual({ owners: [], unowned: [] });
    expect(park.total).toMatchObject({ owners: 0, nodes: 0, requests: 0 });
    expect(strip(park)).toEqual(strip(await dispatch(`unit=${x.S}&owner=none&view=landing`, token)));
    expect(grouped(await dispatch(`unit=${x.S}`, token)).owners).toEqual([
      [s.users.zhang.id, [`n${x.n11}:overdue:20`, `r${x.R11}:overdue:5`]],
      [s.users.zhao.id, [`r${x.R12}:due:0`]],
    ]);
    // Its whole scope: fund B's P2, P6 and R7 are missing from the items and the totals.
    const all = await dispatch('', token);
    // nodes: 王 4, 张 n11, 李 n10; requests: 赵 4, 张 R11, unowned R5 (of P1, fund A).
    expect(all.total).toEqual({
      owners: 4,
      nodes: 6,
      requests: 6,
      late: 8,
      nodesLate: 4,
      requestsLate: 4,
      unowned: 1,
    });
    expect(JSON.stringify(all)).not.toMatch(/储能电池|氢能|钱对接/);
  });
});

describe('bad filters', () => {
  it('answer 400 with a Chinese message', async () => {
    for (const q of [
      'unit=abc',
      'unit=0',
      'unit=-3',
      'unitId=1.5',
      'owner=someone',
      'owner=0',
      'owner=-1',
      'owner=',
      'limit=0',
      'limit=201',
      'limit=abc',
      'cursor=-1',
      'cursor=abc',
      'view=both',
    ]) {
      const res = await t.get(`/api/dispatch?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('invalid_request');
      expect(res.body.error.issues[0].message, q).toMatch(/[\u4e00-\u9fa5]/);
      expect((await t.get(`/api/exports/dispatch.xlsx?${q}`)).status, q).toBe(400);
    }
  });
});

describe('the export and the page take the same filters', () => {
  it('the export writes every owner of the filter, unpaged', async () => {
    const headings = async (q: string) => {
      const d = await download(t, `/api/exports/dispatch.xlsx?asOf=${D}&${q}`);
      expect(d.status).toBe(200);
      const rows: string[] = [];
      (await readXlsx(d.bytes)).worksheets[0]!.eachRow((row) => {
        const first = (row.values as unknown[])[1];
        if (typeof first === 'string' && first.includes('：滞后')) rows.push(first);
      });
      return rows;
    };
    expect(await headings(`unit=${x.S}`)).toEqual(['张领导：滞后 2 项，临期 0 项', '赵承办：滞后 0 项，临期 1 项']);
    // limit and cursor do not page the export.
    expect(await headings('limit=1&cursor=1')).toEqual([
      '王对接：滞后 2 项，临期 2 项',
      '赵承办：滞后 2 项，临期 2 项',
      '张领导：滞后 2 项，临期 0 项',
      '李对接：滞后 1 项，临期 0 项',
      '钱对接：滞后 1 项，临期 0 项',
      '未落实责任人：滞后 2 项，临期 1 项',
    ]);
    expect(await headings('owner=none')).toEqual(['未落实责任人：滞后 2 项，临期 1 项']);
  });

  it('the page: a unit picker, 只看我的, a pager over the owners with the totals, and all=1 to print the filter', async () => {
    await t.create('/api/users', {
      username: 'wang-page',
      displayName: '王页面',
      role: 'staff',
      password: 'wang-page-password',
    });
    const cookie = await sessionCookie(t.app, 'wang-page', 'wang-page-password');
    const page = async (q: string) => {
      const res = await t.app.request(`/dispatch?asOf=${D}&${q}`, { headers: { cookie } });
      return { status: res.status, html: await res.text() };
    };
    const cards = (html: string) => [...html.matchAll(/<h2>([^<]+?) <span/g)].map((m) => m[1]);
    const first = await page('limit=2');
    expect(first.status).toBe(200);
    expect(cards(first.html)).toEqual(['王对接', '赵承办']);
    expect(first.html).toContain('第 1 / 3 页');
    expect(first.html).toMatch(/共 5 人 · 滞后 10 项/);
    expect(first.html).toContain(`href="/dispatch?asOf=${D}&amp;horizonDays=14&amp;limit=2&amp;cursor=2" rel="next"`);
    expect(first.html).toContain(`<option value="${x.S}">\u3000开发区</option>`);
    expect(first.html).toContain(`href="/dispatch?asOf=${D}&amp;horizonDays=14&amp;owner=me" id="dispatch-mine"`);
    const last = await page('limit=2&cursor=4');
    expect(cards(last.html)).toEqual(['钱对接', '未落实责任人']);
    expect(last.html).toContain('第 3 / 3 页');
    expect(last.html).toContain(`href="/dispatch?asOf=${D}&amp;horizonDays=14&amp;limit=2&amp;cursor=2" rel="prev"`);
    // all=1: every owner of the filter, no pager (what the print link opens).
    const all = await page('limit=2&all=1');
    expect(cards(all.html)).toEqual(['王对接', '赵承办', '张领导', '李对接', '钱对接', '未落实责任人']);
    expect(all.html).not.toContain('dispatch-pager');
    expect(first.html).toContain(`href="/dispatch?asOf=${D}&amp;horizonDays=14&amp;all=1" id="dispatch-print-all"`);
    expect(first.html).toContain('打印版（全部 5 人）');
    // One unit: the picker keeps it, the export link carries it.
    const unit = await page(`unit=${x.S}`);
    expect(cards(unit.html)).toEqual(['张领导', '赵承办']);
    expect(unit.html).toContain(`<option value="${x.S}" selected="">\u3000开发区</option>`);
    expect(unit.html).toContain(`href="/api/exports/dispatch.xlsx?asOf=${D}&amp;horizonDays=14&amp;unit=${x.S}"`);
    expect(unit.html).not.toContain('dispatch-pager');
    // 只看我的 for one who owns nothing; an empty unit field from the form is no filter; bad values are 400 pages.
    const mine = await page('owner=me');
    expect(mine.html).toContain('共 0 人');
    expect(cards((await page('unit=&view=introducing')).html)).toHaveLength(6);
    for (const q of ['unit=abc', 'owner=x', 'limit=999', 'all=2']) expect((await page(q)).status, q).toBe(400);
    expect((await page('unit=999999')).status).toBe(404);
  });
});

describe('cache and statements', () => {
  it('answers the data version’s ETag and 304 for a filtered list and its export; owner=me is keyed by the reader', async () => {
    for (const path of [`/api/dispatch?unit=${x.S}&asOf=${D}`, `/api/exports/dispatch.xlsx?owner=none&asOf=${D}`]) {
      const first = await t.app.request(path, { headers: { authorization: `Bearer ${s.users.zhao.token}` } });
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"r/);
      const again = await t.app.request(path, {
        headers: { authorization: `Bearer ${s.users.zhao.token}`, 'if-none-match': etag },
      });
      expect(again.status, path).toBe(304);
      // owner=me is the reader's own: another reader's tag differs.
      const me = path.includes('owner=') ? path.replace('owner=none', 'owner=me') : `${path}&owner=me`;
      const a = await t.app.request(me, { headers: { authorization: `Bearer ${s.users.zhao.token}` } });
      const b = await t.app.request(me, { headers: { authorization: `Bearer ${s.users.wang.token}` } });
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.headers.get('etag')).not.toBe(b.headers.get('etag'));
      if (path.startsWith('/api/dispatch?')) {
        expect(((await a.json()) as Body).owners.map((o) => o.userId)).toEqual([s.users.zhao.id]);
        expect(((await b.json()) as Body).owners).toEqual([]);
      }
    }
  });

  it('costs the same statements whatever the page, filter or owner: one for the caller, one for 调度', async () => {
    const proto = Object.getPrototypeOf(t.sqlite.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
    let statements: string[] = [];
    const methods = ['all', 'get', 'run', 'iterate'] as const;
    const originals = methods.map((m) => proto[m]!);
    methods.forEach((m, i) => {
      proto[m] = function (this: { source: string }, ...a: unknown[]) {
        statements.push(this.source);
        return originals[i]!.apply(this, a);
      };
    });
    const counts: Record<string, number> = {};
    try {
      // Each path read for the first time (the cache has not kept it): asOf 2025-06-29 is read nowhere else.
      const day = '2025-06-29';
      for (const q of [
        '',
        'limit=1',
        'limit=1&cursor=1',
        'limit=2&cursor=4',
        `unit=${x.S}`,
        `unit=${s.units.V}&view=landing`,
        'owner=me',
        'owner=none',
        `owner=${s.users.zhao.id}&unit=${s.units.U}&limit=200`,
      ]) {
        statements = [];
        const res = await t.call('GET', `/api/dispatch?asOf=${day}&${q}`, undefined, { token: s.users.wang.token });
        expect(res.status).toBe(200);
        counts[q || '(none)'] = statements.length;
      }
      statements = [];
      expect((await t.get(`/api/exports/dispatch.xlsx?asOf=${day}&unit=${x.S}`)).status).toBe(200);
      counts['export'] = statements.length;
    } finally {
      methods.forEach((m, i) => (proto[m] = originals[i]!));
    }
    expect(Object.values(counts)).toEqual(Object.values(counts).map(() => 2));
  });
});
