import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { withCheck } from '../worked-example';
import { call, create, fresh, get, ok } from './client';

// The worker (src/worker.ts) in workerd on a local D1. The `it`s of this file share one database, so each builds
// what it needs under fresh names and credit codes.

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid 统一社会信用代码 no other test has used: 91340207, 9 random allowed characters, the check character. */
const freshCreditCode = () =>
  withCheck(
    `91340207${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => CODE_CHARS[b % CODE_CHARS.length]).join('')}`,
  );

async function unitAndFund() {
  const unit = await create('/api/units', { name: fresh('鸠江区') });
  const fund = await create('/api/funds', { name: fresh('区级母基金'), level: 'mother', homeUnitId: unit.id });
  return { unit, fund };
}

const projectBody = (unitId: number, fundId: number, extra: Record<string, unknown> = {}) => ({
  name: fresh('招引项目'),
  sourceType: 'fund',
  sourceFundId: fundId,
  reportedOn: '2024-01-10',
  plannedTotal: '80000000',
  introducingUnitId: unitId,
  landingUnitId: unitId,
  ...extra,
});

const auditOf = async (entity: string, id: number) =>
  (
    await ok<{ items: { action: string; userId: number | null; entityId: number }[] }>(
      'GET',
      `/api/audit?entity=${entity}&id=${id}&limit=500`,
    )
  ).items;

describe('touyin on Workers + D1', () => {
  it('leaves compression to the runtime: a client that accepts gzip reads the JSON (the app gzipping it too made it unreadable)', async () => {
    const res = await SELF.fetch('https://touyin.test/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('answers 304 to If-None-Match naming the version of a record read by id', async () => {
    const { fund } = await unitAndFund();
    const first = await call('GET', `/api/funds/${fund.id}`);
    const again = await call('GET', `/api/funds/${fund.id}`, undefined, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('answers /health without a token, and 401 on /api without one', async () => {
    const health = await call('GET', '/health', undefined, { token: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const anon = await call('GET', '/api/units', undefined, { token: null });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthorized');
  });

  it('knows the admin made from the TOUYIN_ADMIN_TOKEN binding', async () => {
    const me = await ok('GET', '/api/me');
    expect(me).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('records a unit, a fund, commitments and contributions, and sums paid-in per commitment', async () => {
    const { unit, fund } = await unitAndFund();
    expect(await ok('GET', `/api/units/${unit.id}`)).toMatchObject({ id: unit.id, name: unit.name, version: 1 });
    const fiscal = await create(`/api/funds/${fund.id}/commitments`, {
      investorType: 'fiscal',
      investorName: '区财政局',
      amount: '600000000',
      committedOn: '2023-06-01',
    });
    const soe = await create(`/api/funds/${fund.id}/commitments`, {
      investorType: 'soe',
      investorName: '区建投集团',
      amount: '400000000.50',
      committedOn: '2023-06-01',
    });
    await create(`/api/commitments/${fiscal.id}/contributions`, { amount: '100000000', paidOn: '2023-07-01' });
    await create(`/api/commitments/${fiscal.id}/contributions`, { amount: '20000000.01', paidOn: '2023-08-01' });
    const paid = await create(`/api/commitments/${soe.id}/contributions`, { amount: '80000000', paidOn: '2023-07-01' });
    expect(paid).toMatchObject({ commitmentId: soe.id, amount: '80000000.00', paidOn: '2023-07-01', version: 1 });

    const detail = await ok('GET', `/api/funds/${fund.id}`);
    expect(detail.commitments).toEqual([
      // 100000000 + 20000000.01
      expect.objectContaining({ id: fiscal.id, amount: '600000000.00', paidIn: '120000000.01' }),
      expect.objectContaining({ id: soe.id, amount: '400000000.50', paidIn: '80000000.00' }),
    ]);
  });

  it('refuses a contribution that would exceed the commitment (409) and writes nothing, not even an audit row', async () => {
    const { fund } = await unitAndFund();
    const m = await create(`/api/funds/${fund.id}/commitments`, {
      investorType: 'social',
      investorName: '社会出资人甲',
      amount: '10000000',
      committedOn: '2023-06-01',
    });
    await create(`/api/commitments/${m.id}/contributions`, { amount: '6000000', paidOn: '2023-07-01' });
    const auditBefore = (await ok('GET', '/api/audit?entity=contributions&limit=500')).items.length;

    // 6000000 + 4000000.01 = 10000000.01 > 10000000
    const over = await call('POST', `/api/commitments/${m.id}/contributions`, {
      amount: '4000000.01',
      paidOn: '2023-08-01',
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('conflict');
    expect(over.body.error.message).toContain('实缴将超过认缴');

    const after = await ok('GET', `/api/commitments/${m.id}`);
    expect(after.paidIn).toBe('6000000.00');
    expect(after.contributions).toHaveLength(1);
    expect((await ok('GET', '/api/audit?entity=contributions&limit=500')).items.length).toBe(auditBefore);

    // exactly the remainder, 10000000 − 6000000, still fits
    await create(`/api/commitments/${m.id}/contributions`, { amount: '4000000', paidOn: '2023-08-01' });
    expect((await ok('GET', `/api/commitments/${m.id}`)).paidIn).toBe('10000000.00');
  });

  it('records milestones in one D1 batch: a correction keeps the history and moves the reached dates', async () => {
    const { unit, fund } = await unitAndFund();
    const me = await ok('GET', '/api/me');
    const p = await create('/api/projects', projectBody(unit.id, fund.id));
    expect(p).toMatchObject({ status: 'confirmed', stage: 'reported', version: 1 });

    await create(`/api/projects/${p.id}/milestones`, { stage: 'negotiating', on: '2024-02-01' });
    const firstSign = await create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-03-10' });
    expect(firstSign).toMatchObject({
      projectId: p.id,
      stage: 'signed',
      on: '2024-03-10',
      current: true,
      recordedBy: me.id,
    });
    let now = await ok('GET', `/api/projects/${p.id}`);
    expect(now.reached).toMatchObject({ negotiating: '2024-02-01', signed: '2024-03-10', registered: null });
    expect(now.stage).toBe('signed');

    // The signing is corrected to 2024-01-20, before the recorded negotiation: a signed project has negotiated, so
    // negotiating is reached on the earliest date among negotiating and later stages = 2024-01-20 (SPEC §5).
    const corrected = await create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-01-20' });
    now = await ok('GET', `/api/projects/${p.id}`);
    expect(now.reached).toEqual({
      negotiating: '2024-01-20',
      signed: '2024-01-20',
      registered: null,
      started: null,
      completed: null,
      producing: null,
    });
    expect(
      now.milestones.map((m: { id: number; stage: string; on: string; current: boolean }) => [
        m.id,
        m.stage,
        m.on,
        m.current,
      ]),
    ).toEqual([
      [expect.any(Number), 'negotiating', '2024-02-01', true],
      [firstSign.id, 'signed', '2024-03-10', false],
      [corrected.id, 'signed', '2024-01-20', true],
    ]);
    // version 1 at creation + one refresh per milestone (3)
    expect(now.version).toBe(4);

    // registering without a start reaches registered; dropping keeps the reached dates and sets droppedOn
    await create(`/api/projects/${p.id}/milestones`, { stage: 'registered', on: '2024-04-15' });
    await create(`/api/projects/${p.id}/milestones`, {
      stage: 'dropped',
      on: '2024-06-30',
      reason: '企业选址改至外省',
    });
    now = await ok('GET', `/api/projects/${p.id}`);
    expect(now).toMatchObject({
      stage: 'dropped',
      droppedOn: '2024-06-30',
      reached: { signed: '2024-01-20', registered: '2024-04-15' },
    });

    // Audit triggers fired for each statement of each batch, attributed to the caller:
    // 5 milestone inserts, 1 correction (the first signing no longer current).
    const milestoneAudit = (await ok('GET', `/api/audit?entity=milestones&userId=${me.id}&limit=500`)).items.filter(
      (a: { after: { projectId: number } }) => a.after.projectId === p.id,
    );
    expect(milestoneAudit.map((a: { action: string }) => a.action).sort()).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
      'update',
    ]);
    // the project: its creation, then one reached-date refresh per milestone (5)
    const projectAudit = await auditOf('projects', p.id);
    expect(projectAudit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'update']);
    expect(projectAudit.every((a) => a.userId === me.id)).toBe(true);
  });

  it('refuses a milestone before the report date (400) and leaves the project as it was', async () => {
    const { unit, fund } = await unitAndFund();
    const p = await create('/api/projects', projectBody(unit.id, fund.id));
    const r = await call('POST', `/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-01-09' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([{ path: 'on', message: expect.stringContaining('2024-01-10') }]);
    const now = await ok('GET', `/api/projects/${p.id}`);
    expect(now).toMatchObject({ stage: 'reported', version: 1, milestones: [] });
  });

  it('creates a project with an inline new company in one batch: the project points at that new company', async () => {
    const { unit, fund } = await unitAndFund();
    const me = await ok('GET', '/api/me');
    // another company first, so a wrong last_insert_rowid() could not land on a matching id by chance
    const other = await create('/api/companies', { name: fresh('芜湖其他企业'), creditCode: freshCreditCode() });
    const name = fresh('芜湖星辰智能装备有限公司');
    const creditCode = freshCreditCode();
    const p = await create('/api/projects', projectBody(unit.id, fund.id, { company: { name, creditCode } }));
    expect(p.company).toEqual({ name, creditCode });
    expect(p.companyId).toBeGreaterThan(other.id);

    const co = await ok('GET', `/api/companies/${p.companyId}`);
    expect(co).toMatchObject({ id: p.companyId, name, creditCode, version: 1 });
    expect((await ok('GET', `/api/projects/${p.id}`)).company).toEqual({ name, creditCode });
    // the company's audit row comes from its trigger inside the batch
    expect(await auditOf('companies', p.companyId)).toEqual([
      expect.objectContaining({ action: 'create', userId: me.id, entityId: p.companyId }),
    ]);

    // The next project naming the same company by companyId of an existing company reuses it
    const second = await create('/api/projects', projectBody(unit.id, fund.id, { companyId: other.id }));
    expect(second).toMatchObject({ companyId: other.id, company: { name: other.name, creditCode: other.creditCode } });
  });

  it('refuses a duplicate lead of the same company (409 with existingId) and writes nothing', async () => {
    const { unit, fund } = await unitAndFund();
    const name = fresh('芜湖远望新材料有限公司');
    const creditCode = freshCreditCode();
    const first = await create('/api/projects', projectBody(unit.id, fund.id, { company: { name, creditCode } }));
    const companiesBefore = (await ok('GET', `/api/companies?q=${encodeURIComponent(name)}`)).items.length;

    const sameCode = await call(
      'POST',
      '/api/projects',
      projectBody(unit.id, fund.id, { company: { name: `${name}（分公司）`, creditCode } }),
    );
    expect(sameCode.status).toBe(409);
    expect(sameCode.body).toEqual({
      error: { code: 'conflict', message: expect.stringContaining(String(first.id)) },
      existingId: first.id,
    });

    // Without a code the normalized name decides: full-width brackets and spaces do not make another company.
    const plain = fresh('芜湖中科传感');
    const byName = await create(
      '/api/projects',
      projectBody(unit.id, fund.id, { company: { name: `${plain}(芜湖)有限公司` } }),
    );
    const sameName = await call(
      'POST',
      '/api/projects',
      projectBody(unit.id, fund.id, { company: { name: ` ${plain}（芜湖）有限公司 ` } }),
    );
    expect(sameName.status).toBe(409);
    expect(sameName.body.existingId).toBe(byName.id);

    const listed = await ok('GET', `/api/projects?fundId=${fund.id}`);
    expect(listed.items.map((x: { id: number }) => x.id)).toEqual([first.id, byName.id]);
    expect((await ok('GET', `/api/companies?q=${encodeURIComponent(name)}`)).items.length).toBe(companiesBefore);
  });

  it('answers a duplicate company credit code with 409 and existingId', async () => {
    const creditCode = freshCreditCode();
    const first = await create('/api/companies', { name: fresh('芜湖老股转让标的有限公司'), creditCode });
    const again = await call('POST', '/api/companies', { name: fresh('另一家'), creditCode });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' }, existingId: first.id });
  });

  it('makes a manager bound to its fund in one batch: it sees that fund, submits pending leads, and gets 404 elsewhere', async () => {
    const own = await unitAndFund();
    const other = await unitAndFund();
    const manager = await create('/api/users', { username: fresh('gp-'), role: 'manager', fundIds: [own.fund.id] });
    expect(manager).toMatchObject({ role: 'manager', fundIds: [own.fund.id], token: expect.any(String) });

    expect(await ok('GET', '/api/me', undefined, manager.token)).toMatchObject({
      id: manager.id,
      role: 'manager',
      fundIds: [own.fund.id],
    });
    expect((await get(`/api/funds/${own.fund.id}`, manager.token)).status).toBe(200);
    const hidden = await get(`/api/funds/${other.fund.id}`, manager.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ error: { code: 'not_found', message: `基金 ${other.fund.id} 不存在` } });

    const lead = await create('/api/projects', projectBody(own.unit.id, own.fund.id), manager.token);
    expect(lead.status).toBe('pending');
    const forbidden = await call('POST', '/api/units', { name: fresh('单位') }, { token: manager.token });
    expect(forbidden.status).toBe(403);
  });

  it('replays a POST with the same Idempotency-Key and creates nothing new; another body is 409', async () => {
    const key = fresh('unit-');
    const name = fresh('三山经开区');
    const first = await call('POST', '/api/units', { name }, { headers: { 'idempotency-key': key } });
    const again = await call('POST', '/api/units', { name }, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call('POST', '/api/units', { name: `${name}乙` }, { headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    const units = (await ok('GET', '/api/units?limit=500')).items.filter((u: { name: string }) =>
      u.name.startsWith(name),
    );
    expect(units).toHaveLength(1);
  });

  it('keeps the 404 and 400 envelopes', async () => {
    const missing = await get('/api/projects/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: '项目 999999 不存在' } });
    const bad = await call('POST', '/api/units', { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.issues[0].path).toBe('name');
  });
});
