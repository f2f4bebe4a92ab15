// 企业诉求 (SPEC §9) on a hand-derived scenario: due dates from the platform's setting (and the 15-day default), every
// transition of the state table, a request reopened and resolved again, dates, If-Match, Idempotency-Key, the filters
// (a unit with its sub-units, a fund's family, overdue as of a date from the history), scope and files.
import { beforeAll, describe, expect, it } from 'vitest';
import { requestStatuses } from '../../src/domain/vocabulary';
import { testApp, TODAY, type TestApp } from '../helpers';
import { pdfBytes, uploadRequest } from '../evidence-files';
import { buildWorkedExample } from '../worked-example';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildWorkedExample>>;
let managerA: { id: number; token: string };
let managerC: { id: number; token: string };
let staff: { id: number; token: string };
let leader: { id: number; token: string };
let park: { id: number };
let other: { id: number };

beforeAll(async () => {
  t = await testApp();
  w = await buildWorkedExample(t);
  managerA = await t.userWith('manager', [w.A.id]);
  managerC = await t.userWith('manager', [w.C.id]);
  staff = await t.userWith('staff', undefined, 'zhang-clerk');
  leader = await t.userWith('leader');
  // 鸠江经开区 under 鸠江区 (the unit filter takes sub-units); 弋江区 beside it.
  park = await t.create('/api/units', { name: '鸠江经开区', parentId: w.unit.id });
  other = await t.create('/api/units', { name: '弋江区' });
});

const raise = (body: Record<string, unknown>, token?: string) =>
  t.call(
    'POST',
    '/api/requests',
    { category: 'land', unitId: w.unit.id, raisedOn: '2026-11-01', description: '用地指标', ...body },
    { token },
  );
const move = (
  id: number,
  body: Record<string, unknown>,
  opts: { token?: string; headers?: Record<string, string> } = {},
) => t.call('POST', `/api/requests/${id}/transitions`, body, opts);
const row = (id: number) =>
  t.sqlite.prepare('select * from service_requests where id = ?').get(id) as Record<string, unknown>;
const events = (id: number) =>
  t.sqlite
    .prepare('select status, happened_on as "on", text, rating from request_events where request_id = ? order by id')
    .all(id);

/** The steps that bring a new request to each state (open needs none). */
const path = {
  open: [],
  accepted: [{ to: 'accepted', on: '2026-11-02' }],
  resolved: [
    { to: 'accepted', on: '2026-11-02' },
    { to: 'resolved', on: '2026-11-03', text: '已协调' },
  ],
  closed: [
    { to: 'accepted', on: '2026-11-02' },
    { to: 'resolved', on: '2026-11-03', text: '已协调' },
    { to: 'closed', on: '2026-11-04', rating: 'satisfied' },
  ],
} as const;
async function inState(state: keyof typeof path) {
  const r = await raise({ projectId: w.P1.id });
  expect(r.status).toBe(201);
  for (const step of path[state]) expect((await move(r.body.id, step)).status).toBe(200);
  return r.body.id as number;
}

describe('POST /api/requests', () => {
  it('answers 201 with the request and its first history entry; dueOn is raisedOn + 15 days when the category has no setting', async () => {
    const r = await raise({
      projectId: w.P1.id,
      category: 'labour',
      assigneeId: staff.id,
      description: ' 招工 200 人\n急需 ',
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.body).toEqual({
      id: r.body.id,
      projectId: w.P1.id,
      companyId: null,
      category: 'labour',
      unitId: w.unit.id,
      assigneeId: staff.id,
      raisedOn: '2026-11-01',
      dueOn: '2026-11-16', // 1 Nov + 15 days
      description: '招工 200 人\n急需',
      status: 'open',
      resolvedOn: null,
      resolution: null,
      rating: null,
      closedOn: null,
      raisedBy: 1,
      overdue: false,
      version: 1,
      projectName: '星辰智能装备华东生产基地',
      companyName: '星辰智能装备（芜湖）有限公司',
      unitName: '鸠江区',
      assigneeName: 'zhang-clerk',
      history: [
        {
          id: expect.any(Number),
          status: 'open',
          on: '2026-11-01',
          text: null,
          rating: null,
          recordedAt: expect.any(String),
          recordedBy: 1,
        },
      ],
    });
    expect((await t.get(`/api/requests/${r.body.id}`)).body).toEqual({ ...r.body, overdue: true }); // due 16 Nov < 22 Nov
  });

  it('takes the due date from the category’s setting, and an explicit dueOn over it', async () => {
    expect(
      (await t.call('PUT', '/api/settings', { requestDays: { approval: 30 } }, { token: staff.token })).status,
    ).toBe(200);
    expect((await raise({ projectId: w.P1.id, category: 'approval' })).body.dueOn).toBe('2026-12-01'); // 1 Nov + 30
    expect((await raise({ projectId: w.P1.id, category: 'approval', dueOn: '2026-11-05' })).body.dueOn).toBe(
      '2026-11-05',
    );
    expect((await raise({ projectId: w.P1.id, category: 'finance' })).body.dueOn).toBe('2026-11-16'); // unset: 15
  });

  it('writes the request and its first entry in one write, audited, and an Idempotency-Key replays it', async () => {
    const before = t.sqlite.prepare('select count(*) as n from service_requests').get() as { n: number };
    const body = {
      projectId: w.P2.id,
      category: 'utilities',
      unitId: w.unit.id,
      raisedOn: '2026-11-10',
      description: '双回路供电',
    };
    const headers = { 'idempotency-key': 'req-utilities-1' };
    const first = await t.call('POST', '/api/requests', body, { headers });
    const again = await t.call('POST', '/api/requests', body, { headers });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await t.call('POST', '/api/requests', { ...body, description: '别的' }, { headers })).status).toBe(409);
    expect((t.sqlite.prepare('select count(*) as n from service_requests').get() as { n: number }).n).toBe(
      before.n + 1,
    );
    expect(events(first.body.id)).toEqual([{ status: 'open', on: '2026-11-10', text: null, rating: null }]);
    const audited = t.sqlite
      .prepare(
        `select entity, action from audit_log where (entity = 'service_requests' and entity_id = ?) or (entity = 'request_events' and entity_id = ?) order by id`,
      )
      .all(first.body.id, first.body.history[0].id);
    expect(audited).toEqual([
      { entity: 'service_requests', action: 'create' },
      { entity: 'request_events', action: 'create' },
    ]);
  });

  it('refuses bad input with 400 in Chinese, and changes nothing', async () => {
    const before = (t.sqlite.prepare('select count(*) as n from service_requests').get() as { n: number }).n;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{}, 'projectId', /projectId.*companyId/],
      [{ projectId: w.P1.id, category: 'roads' }, 'category', /category 应为/],
      [{ projectId: w.P1.id, raisedOn: '2026-11-23' }, 'raisedOn', /晚于今天/],
      [{ projectId: w.P1.id, dueOn: '2026-10-31' }, 'dueOn', /早于提出日期/],
      [{ projectId: w.P1.id, raisedOn: '2026-02-30' }, 'raisedOn', /日期/],
      [{ projectId: w.P1.id, description: '   ' }, 'description', /不能为空/],
      [{ projectId: 'one' }, 'projectId', /id/],
    ];
    for (const [body, path, message] of cases) {
      const r = await raise(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.issues.map((i: any) => i.path)).toContain(path);
      expect(r.body.error.message).toMatch(message);
    }
    expect((await raise({ projectId: 999999 })).status).toBe(404);
    expect((await raise({ companyId: 999999 })).status).toBe(404);
    expect((await raise({ projectId: w.P1.id, unitId: 999999 })).status).toBe(404);
    expect((await raise({ projectId: w.P1.id, assigneeId: 999999 })).status).toBe(404);
    // Another company than the project's is a mistake of the form.
    const wrong = await raise({ projectId: w.P1.id, companyId: w.W.id });
    expect([wrong.status, wrong.body.error.issues[0].path]).toEqual([400, 'companyId']);
    expect((t.sqlite.prepare('select count(*) as n from service_requests').get() as { n: number }).n).toBe(before);
  });

  it('a manager raises for its funds’ projects only: another fund’s project and a company alone are 404; a leader is 403', async () => {
    const mine = await raise({ projectId: w.P1.id, category: 'policy' }, managerA.token);
    expect([mine.status, mine.body.raisedBy, mine.body.status]).toEqual([201, managerA.id, 'open']);
    expect(await raise({ projectId: w.P1.id }, managerC.token)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: `项目 ${w.P1.id} 不存在` } },
    });
    expect(await raise({ companyId: w.W.id }, managerA.token)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: `企业 ${w.W.id} 不存在` } },
    });
    expect((await raise({ projectId: w.P1.id, companyId: w.W.id }, managerA.token)).status).toBe(404);
    expect((await raise({ projectId: w.P1.id }, leader.token)).status).toBe(403);
  });
});

describe('POST /api/requests/:id/transitions', () => {
  const allowed = new Set(['open>accepted', 'accepted>resolved', 'resolved>closed', 'resolved>open', 'closed>open']);
  const bodyFor = (to: string) => ({
    to,
    on: '2026-11-06',
    ...(to === 'resolved' ? { text: '已办结' } : {}),
    ...(to === 'closed' ? { rating: 'basic' } : {}),
  });
  it.each(requestStatuses.flatMap((from) => requestStatuses.map((to) => [from, to] as const)))(
    '%s → %s',
    async (from, to) => {
      const id = await inState(from);
      const before = row(id);
      const r = await move(id, bodyFor(to), { token: staff.token });
      if (allowed.has(`${from}>${to}`)) {
        expect(r.status).toBe(200);
        expect(r.body.status).toBe(to);
        expect(r.body.version).toBe((before.version as number) + 1);
        expect(r.body.history.at(-1)).toMatchObject({ status: to, on: '2026-11-06', recordedBy: staff.id });
      } else {
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('conflict');
        expect(r.body.error.message).toMatch(/^诉求当前为“.+”，不能.+（只能.+）$/);
        expect(row(id)).toEqual(before);
      }
    },
  );

  it('keeps resolvedOn at the last resolution: set on 办结, kept on 回访, cleared on 重新打开, set again by the next 办结', async () => {
    const id = (await raise({ projectId: w.P1.id, raisedOn: '2026-11-01', dueOn: '2026-11-15' })).body.id;
    const fields = () => {
      const r = row(id);
      return [r.status, r.resolved_on, r.resolution, r.rating, r.closed_on];
    };
    await move(id, { to: 'accepted', on: '2026-11-02' });
    expect(fields()).toEqual(['accepted', null, null, null, null]);
    await move(id, { to: 'resolved', on: '2026-11-05', text: '协调出让地块' });
    expect(fields()).toEqual(['resolved', '2026-11-05', '协调出让地块', null, null]);
    await move(id, { to: 'closed', on: '2026-11-06', rating: 'unsatisfied' });
    expect(fields()).toEqual(['closed', '2026-11-05', '协调出让地块', 'unsatisfied', '2026-11-06']);
    const reopened = await move(id, { to: 'open', on: '2026-11-10', text: '企业反映地块仍未交付' });
    expect(reopened.body).toMatchObject({
      status: 'open',
      resolvedOn: null,
      resolution: null,
      rating: null,
      closedOn: null,
    });
    expect(fields()).toEqual(['open', null, null, null, null]);
    await move(id, { to: 'accepted', on: '2026-11-11' });
    const again = await move(id, { to: 'resolved', on: '2026-11-20', text: '地块已交付' });
    expect(again.body).toMatchObject({
      status: 'resolved',
      resolvedOn: '2026-11-20',
      resolution: '地块已交付',
      overdue: false,
    });
    expect(events(id)).toEqual([
      { status: 'open', on: '2026-11-01', text: null, rating: null },
      { status: 'accepted', on: '2026-11-02', text: null, rating: null },
      { status: 'resolved', on: '2026-11-05', text: '协调出让地块', rating: null },
      { status: 'closed', on: '2026-11-06', text: null, rating: 'unsatisfied' },
      { status: 'open', on: '2026-11-10', text: '企业反映地块仍未交付', rating: null },
      { status: 'accepted', on: '2026-11-11', text: null, rating: null },
      { status: 'resolved', on: '2026-11-20', text: '地块已交付', rating: null },
    ]);
    expect(again.body.history.map((e: any) => [e.status, e.on])).toEqual(
      (events(id) as { status: string; on: string }[]).map((e) => [e.status, e.on]),
    );
    // Overdue as of a day, from the history: due 15 Nov, open again on the 18th (reopened on the 10th), resolved on
    // the 20th — overdue as of the 18th, not as of the 8th (resolved then) nor today.
    const listed = async (asOf: string) =>
      (await t.ok('GET', `/api/requests?overdue=1&asOf=${asOf}&limit=500`)).items.some((r: any) => r.id === id);
    expect([await listed('2026-11-08'), await listed('2026-11-18'), await listed(TODAY)]).toEqual([false, true, false]);
  });

  it('refuses a date before the last entry or after today, a resolution without text and a 回访 without rating (400)', async () => {
    const id = await inState('accepted'); // accepted on 2 Nov
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ to: 'resolved', on: '2026-11-01', text: '好' }, 'on', /早于该诉求上一次办理的日期 2026-11-02/],
      [{ to: 'resolved', on: '2026-11-23', text: '好' }, 'on', /晚于今天/],
      [{ to: 'resolved', on: '2026-11-05' }, 'text', /办理结果/],
      [{ to: 'resolved', on: '2026-11-05', text: '  ' }, 'text', /办理结果/],
      [{ to: 'resolved', on: '2026-11-05', text: '好', rating: 'basic' }, 'rating', /只在回访/],
      [{ to: 'done', on: '2026-11-05' }, 'to', /to 应为/],
    ];
    for (const [body, path, message] of cases) {
      const r = await move(id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues.map((i: any) => i.path)).toEqual([path]);
      expect(r.body.error.message).toMatch(message);
    }
    const resolved = await inState('resolved');
    const noRating = await move(resolved, { to: 'closed', on: '2026-11-05' });
    expect([noRating.status, noRating.body.error.issues[0].path]).toEqual([400, 'rating']);
    expect(row(id).status).toBe('accepted');
  });

  it('honours If-Match: a stale version is 412 and changes nothing; the current one passes', async () => {
    const id = await inState('open');
    const stale = await move(id, { to: 'accepted', on: '2026-11-02' }, { headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toEqual({ code: 'precondition_failed', message: `诉求 ${id} 已被他人修改，请刷新后重试` });
    expect(events(id)).toHaveLength(1);
    expect(row(id).version).toBe(1);
    const ok = await move(id, { to: 'accepted', on: '2026-11-02' }, { headers: { 'if-match': '"1"' } });
    expect([ok.status, ok.headers.get('etag')]).toEqual([200, '"2"']);
    expect(
      (await move(id, { to: 'resolved', on: '2026-11-03', text: '好' }, { headers: { 'if-match': '"1"' } })).status,
    ).toBe(412);
  });

  it('is staff’s: a manager (its own request too) and a leader are 403; another family’s manager too (before any lookup)', async () => {
    const id = await inState('open');
    for (const u of [managerA, managerC, leader])
      expect((await move(id, { to: 'accepted', on: '2026-11-02' }, { token: u.token })).status).toBe(403);
    expect((await move(999999, { to: 'accepted', on: '2026-11-02' })).status).toBe(404);
    expect(row(id).status).toBe('open');
  });
});

describe('GET /api/requests', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    // A separate world of filters: the P2 (fund A) request in the park, a company-only one in 弋江区, assigned ones.
    const made = async (body: Record<string, unknown>) => (await raise(body)).body.id as number;
    ids = {
      park: await made({ projectId: w.P2.id, unitId: park.id, category: 'approval', dueOn: '2026-12-31' }),
      company: await made({ companyId: w.W.id, unitId: other.id, category: 'other', assigneeId: staff.id }),
      assigned: await made({ projectId: w.P1.id, unitId: other.id, assigneeId: staff.id, dueOn: '2026-12-31' }),
    };
  });
  const list = async (query: string, token?: string) =>
    (await t.ok('GET', `/api/requests?limit=500&${query}`, undefined, token)).items.map((r: any) => r.id) as number[];

  it('filters by unit with its sub-units, by fund family, assignee, category, status and project', async () => {
    const all = await list('');
    expect(await list(`unitId=${w.unit.id}`)).toContain(ids.park); // 鸠江区 includes 鸠江经开区
    expect(await list(`unitId=${w.unit.id}`)).not.toContain(ids.company);
    expect(await list(`unitId=${park.id}`)).toEqual([ids.park]);
    expect(await list(`unitId=${other.id}`)).toEqual([ids.company, ids.assigned]);
    expect(await list(`assigneeId=${staff.id}&unitId=${other.id}`)).toEqual([ids.company, ids.assigned]);
    expect(await list(`fundId=${w.M.id}`)).toEqual(all.filter((id) => id !== ids.company)); // every project is A's
    expect(await list(`fundId=${w.B.id}`)).toEqual([]);
    expect(await list(`category=other`)).toEqual([ids.company]);
    expect(await list(`projectId=${w.P2.id}&category=approval`)).toEqual([ids.park]);
    expect((await list('status=closed')).length).toBeGreaterThan(0);
    for (const r of (await t.ok('GET', '/api/requests?status=closed&limit=500')).items) expect(r.status).toBe('closed');
    const overdue = (await t.ok('GET', '/api/requests?overdue=true&limit=500')).items;
    for (const r of overdue)
      expect([r.overdue, ['open', 'accepted'].includes(r.status), r.dueOn < TODAY]).toEqual([true, true, true]);
    const notOverdue = await list('overdue=0');
    expect([...overdue.map((r: any) => r.id), ...notOverdue].sort((a, b) => a - b)).toEqual(all);
  });

  it('pages by cursor', async () => {
    const all = await list('');
    const first = await t.ok('GET', '/api/requests?limit=2');
    expect(first.items.map((r: any) => r.id)).toEqual(all.slice(0, 2));
    expect(first.nextCursor).toBe(String(all[1]));
    const second = await t.ok('GET', `/api/requests?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((r: any) => r.id)).toEqual(all.slice(2, 4));
  });

  it('a manager sees its funds’ projects’ requests only: another family’s and a company-only request are 404', async () => {
    const mine = await list('', managerA.token);
    expect(mine).toContain(ids.park);
    expect(mine).not.toContain(ids.company);
    expect(await list('', managerC.token)).toEqual([]);
    expect((await t.get(`/api/requests/${ids.park}`, managerC.token)).status).toBe(404);
    expect((await t.get(`/api/requests/${ids.company}`, managerA.token)).status).toBe(404);
    expect((await t.get(`/api/requests?fundId=${w.A.id}`, managerC.token)).status).toBe(404);
    expect((await t.get(`/api/requests/${ids.park}`, managerA.token)).status).toBe(200);
    expect((await t.get(`/api/requests/${ids.company}`, leader.token)).status).toBe(200);
  });

  it('refuses a bad query with 400', async () => {
    for (const q of ['status=done', 'overdue=yes', 'asOf=2026-13-01', 'unitId=abc', 'category=roads', 'limit=0'])
      expect((await t.get(`/api/requests?${q}`)).status, q).toBe(400);
  });
});

describe('evidence files on a request', () => {
  it('whoever may read the request may upload and read its files; another family’s manager gets 404', async () => {
    const id = (await raise({ projectId: w.P1.id }, managerA.token)).body.id;
    const up = await t.app.request(uploadRequest('http://localhost', managerA.token, `request:${id}`, pdfBytes()));
    expect(up.status).toBe(201);
    const file = (await up.json()) as { id: number; subject: string };
    expect(file.subject).toBe(`request:${id}`);
    expect((await t.get(`/api/files?subject=request:${id}`, leader.token)).body.items.map((f: any) => f.id)).toEqual([
      file.id,
    ]);
    expect((await t.get(`/api/files/${file.id}`, staff.token)).status).toBe(200);
    expect((await t.get(`/api/files/${file.id}`, managerC.token)).status).toBe(404);
    expect((await t.get(`/api/files?subject=request:${id}`, managerC.token)).status).toBe(404);
    const theirs = await t.app.request(uploadRequest('http://localhost', managerC.token, `request:${id}`, pdfBytes()));
    expect(theirs.status).toBe(404);
    const company = (await raise({ companyId: w.W.id })).body.id;
    expect((await t.get(`/api/files?subject=request:${company}`, managerA.token)).status).toBe(404);
    // The uploader may take its file back while the request waits to be accepted; not after.
    await move(id, { to: 'accepted', on: '2026-11-02' });
    expect((await t.call('DELETE', `/api/files/${file.id}`, undefined, { token: managerA.token })).status).toBe(403);
  });
});

describe('GET and PUT /api/settings', () => {
  it('answers every category (15 when unset) and the issuer; PUT changes only what it names, audited once per change', async () => {
    const fresh = await testApp();
    expect(await fresh.ok('GET', '/api/settings')).toEqual({
      requestDays: { land: 15, labour: 15, approval: 15, finance: 15, utilities: 15, policy: 15, other: 15 },
      bulletinIssuer: null,
    });
    const put = await fresh.ok('PUT', '/api/settings', {
      requestDays: { land: 30, other: 1 },
      bulletinIssuer: '  芜湖市 投资促进局 ',
    });
    expect(put).toEqual({
      requestDays: { land: 30, labour: 15, approval: 15, finance: 15, utilities: 15, policy: 15, other: 1 },
      bulletinIssuer: '芜湖市 投资促进局',
    });
    expect(await fresh.ok('PUT', '/api/settings', { requestDays: { land: 365 } })).toEqual({
      ...put,
      requestDays: { ...put.requestDays, land: 365 },
    });
    await fresh.ok('PUT', '/api/settings', { requestDays: { land: 365 } }); // the same value: no write
    expect(fresh.sqlite.prepare(`select key, value, version from settings order by key`).all()).toEqual([
      { key: 'bulletin.issuer', value: '芜湖市 投资促进局', version: 1 },
      { key: 'requestDays.land', value: '365', version: 2 },
      { key: 'requestDays.other', value: '1', version: 1 },
    ]);
    expect(fresh.sqlite.prepare(`select action from audit_log where entity = 'settings' order by id`).all()).toEqual([
      { action: 'create' },
      { action: 'create' },
      { action: 'create' },
      { action: 'update' },
    ]);
  });

  it('takes back what GET answered: a client may PUT the settings it read; null clears the issuer', async () => {
    const fresh = await testApp();
    const read = await fresh.ok('GET', '/api/settings');
    expect(await fresh.ok('PUT', '/api/settings', { ...read, requestDays: { ...read.requestDays, land: 10 } })).toEqual(
      {
        ...read,
        requestDays: { ...read.requestDays, land: 10 },
      },
    );
    await fresh.ok('PUT', '/api/settings', { bulletinIssuer: '芜湖市投资促进局' });
    expect(await fresh.ok('PUT', '/api/settings', { bulletinIssuer: null })).toMatchObject({ bulletinIssuer: null });
  });

  it('refuses unknown keys, days outside 1–365 or not whole, an empty issuer, an empty body (400); managers and leaders 403', async () => {
    for (const body of [
      { requestDays: { land: 0 } },
      { requestDays: { land: 366 } },
      { requestDays: { land: 1.5 } },
      { requestDays: { land: '30' } },
      { requestDays: { roads: 30 } },
      { bulletinIssuer: '   ' },
      { theme: 'dark' },
      {},
    ]) {
      const r = await t.call('PUT', '/api/settings', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    for (const u of [managerA, leader]) {
      expect((await t.get('/api/settings', u.token)).status).toBe(403);
      expect((await t.call('PUT', '/api/settings', { requestDays: { land: 9 } }, { token: u.token })).status).toBe(403);
    }
  });
});
