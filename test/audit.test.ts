import { getTableColumns } from 'drizzle-orm';
import { toCamelCase, toSnakeCase } from 'drizzle-orm/casing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../src/auth';
import { audited } from '../src/db/schema';
import { ADMIN_TOKEN, testApp, TODAY, type TestApp } from './helpers';

interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  entity: string;
  entityId: number;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A mother fund M with sub-funds A and B; a staff member, a manager of A and a leader, all made through the API. */
async function buildWorld() {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '审计区', code: '340296' });
  const M = await t.create('/api/funds', { name: '审计母基金', level: 'mother' });
  const A = await t.create('/api/funds', { name: '审计甲子基金', level: 'sub', parentId: M.id });
  const B = await t.create('/api/funds', { name: '审计乙子基金', level: 'sub', parentId: M.id });
  const staff = await t.create('/api/users', { username: 'audit-staff', role: 'staff' });
  const manager = await t.create('/api/users', { username: 'audit-manager', role: 'manager', fundIds: [A.id] });
  const leader = await t.create('/api/users', { username: 'audit-leader', role: 'leader' });
  const admin = (await t.get('/api/me')).body as { id: number };
  return { t, unit, M, A, B, staff, manager, leader, admin };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

const lastAuditId = (t: TestApp) =>
  (t.sqlite.prepare('select coalesce(max(id), 0) as n from audit_log').get() as { n: number }).n;

/** The audit rows after `cursor`, read through GET /api/audit by staff. */
async function rowsAfter(w: World, cursor: number): Promise<AuditRow[]> {
  const r = await w.t.get(`/api/audit?limit=500&cursor=${cursor}`, w.staff.token);
  expect(r.status).toBe(200);
  return r.body.items;
}

/**
 * Runs one write and answers its reply and the audit rows it left, checking that every row names the acting user
 * and carries a timestamp.
 */
async function audit(w: World, actor: { id: number }, write: () => Promise<{ status: number; body: any }>) {
  const from = lastAuditId(w.t);
  const reply = await write();
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  const rows = await rowsAfter(w, from);
  for (const row of rows) {
    expect(row.userId, `${row.entity} ${row.action}`).toBe(actor.id);
    expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  return { body: reply.body, rows, shape: rows.map((r) => [r.entity, r.action, r.entityId]) };
}

describe('audit trail', () => {
  let w: World;
  let t: TestApp;
  beforeAll(async () => {
    w = await buildWorld();
    t = w.t;
  });
  const as = (token: string) => ({
    post: (path: string, body: unknown) => t.call('POST', path, body, { token }),
    patch: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      t.call('PATCH', path, body, { token, headers }),
  });

  it('each create leaves one row per record: who, entity, id, action, no before, the stored values after', async () => {
    const staff = as(w.staff.token);
    const unit = await audit(w, w.staff, () =>
      staff.post('/api/units', { name: '审计新区', code: '340295', peerGroup: '开发区' }),
    );
    expect(unit.shape).toEqual([['units', 'create', unit.body.id]]);
    expect(unit.rows[0]!.before).toBeNull();
    expect(unit.rows[0]!.after).toMatchObject({
      id: unit.body.id,
      name: '审计新区',
      code: '340295',
      peerGroup: '开发区',
      version: 1,
      updatedBy: w.staff.id,
    });

    const fund = await audit(w, w.staff, () =>
      staff.post('/api/funds', {
        name: '审计丙子基金',
        level: 'sub',
        parentId: w.M.id,
        reinvestment: { multiple: '1.2' },
      }),
    );
    expect(fund.shape).toEqual([['funds', 'create', fund.body.id]]);
    expect(fund.rows[0]!.after).toMatchObject({
      name: '审计丙子基金',
      level: 'sub',
      parentId: w.M.id,
      reinvestMultiple: '1.2',
      reinvestBase: 'parent_committed',
    });

    const commitment = await audit(w, w.staff, () =>
      staff.post(`/api/funds/${w.A.id}/commitments`, {
        investorType: 'social',
        investorName: '社会出资人',
        amount: '1234.56',
        committedOn: '2024-01-01',
      }),
    );
    expect(commitment.shape).toEqual([['commitments', 'create', commitment.body.id]]);
    // 1234.56 元 = 123456 分
    expect(commitment.rows[0]!.after).toMatchObject({
      fundId: w.A.id,
      investorType: 'social',
      amountFen: 123456,
      committedOn: '2024-01-01',
    });

    const paid = await audit(w, w.staff, () =>
      staff.post(`/api/commitments/${commitment.body.id}/contributions`, { amount: '100.01', paidOn: '2024-02-01' }),
    );
    expect(paid.shape).toEqual([['contributions', 'create', paid.body.id]]);
    expect(paid.rows[0]!.after).toMatchObject({
      commitmentId: commitment.body.id,
      amountFen: 10001,
      paidOn: '2024-02-01',
      updatedBy: w.staff.id,
    });

    const company = await audit(w, w.staff, () => staff.post('/api/companies', { name: '审计独立企业有限公司' }));
    expect(company.shape).toEqual([['companies', 'create', company.body.id]]);

    // An investment that names a new company writes the company, then the investment.
    const investment = await audit(w, w.staff, () =>
      staff.post(`/api/funds/${w.A.id}/investments`, {
        company: { name: '审计被投企业有限公司' },
        amount: '500',
        investedOn: '2024-03-01',
        round: 'A',
      }),
    );
    expect(investment.shape).toEqual([
      ['companies', 'create', investment.body.companyId],
      ['investments', 'create', investment.body.id],
    ]);
    expect(investment.rows[1]!.after).toMatchObject({
      fundId: w.A.id,
      companyId: investment.body.companyId,
      amountFen: 50000,
      round: 'A',
      lead: 0,
    });

    const target = await audit(w, w.staff, () =>
      staff.post('/api/targets', { fundId: w.A.id, year: 2026, metric: 'outcomes.leads', value: '3' }),
    );
    expect(target.shape).toEqual([['targets', 'create', target.body.id]]);
    expect(target.rows[0]!.after).toMatchObject({ fundId: w.A.id, year: 2026, metric: 'outcomes.leads', value: '3' });
  });

  it('PATCH of a fund: before holds the old values, after the new', async () => {
    const fund = await t.create('/api/funds', {
      name: '待更名子基金',
      level: 'sub',
      parentId: w.M.id,
      manager: '某管理公司',
    });
    const r = await audit(w, w.staff, () =>
      as(w.staff.token).patch(`/api/funds/${fund.id}`, { name: '已更名子基金' }, { 'if-match': '"1"' }),
    );
    expect(r.shape).toEqual([['funds', 'update', fund.id]]);
    const [row] = r.rows;
    expect(row!.before).toMatchObject({ id: fund.id, name: '待更名子基金', manager: '某管理公司', version: 1 });
    expect(row!.after).toMatchObject({
      id: fund.id,
      name: '已更名子基金',
      manager: '某管理公司',
      version: 2,
      updatedBy: w.staff.id,
    });
  });

  it("a manager's project, milestones and arrival, then staff's confirmation and rejection", async () => {
    const manager = as(w.manager.token);
    const project = (name: string, company?: string) =>
      manager.post('/api/projects', {
        name,
        sourceType: 'fund',
        sourceFundId: w.A.id,
        reportedOn: '2024-05-01',
        plannedTotal: '1000000',
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
        ...(company && { company: { name: company } }),
      });
    const p = await audit(w, w.manager, () => project('审计项目甲', '审计项目公司有限公司'));
    expect(p.shape).toEqual([
      ['companies', 'create', p.body.companyId],
      ['projects', 'create', p.body.id],
    ]);
    expect(p.rows[1]!.after).toMatchObject({
      name: '审计项目甲',
      status: 'pending',
      sourceFundId: w.A.id,
      plannedTotalFen: 100000000,
    });

    // A milestone is recorded, then the project's reached dates follow in the same write.
    const signed = await audit(w, w.manager, () =>
      manager.post(`/api/projects/${p.body.id}/milestones`, { stage: 'signed', on: '2024-06-01' }),
    );
    expect(signed.shape).toEqual([
      ['milestones', 'create', signed.body.id],
      ['projects', 'update', p.body.id],
    ]);
    expect(signed.rows[1]!.before).toMatchObject({ signedOn: null, negotiatingOn: null, version: 1 });
    expect(signed.rows[1]!.after).toMatchObject({ signedOn: '2024-06-01', negotiatingOn: '2024-06-01', version: 2 });

    // A second entry of the same stage is a correction: the first stops being current.
    const corrected = await audit(w, w.manager, () =>
      manager.post(`/api/projects/${p.body.id}/milestones`, { stage: 'signed', on: '2024-06-10' }),
    );
    expect(corrected.shape).toEqual([
      ['milestones', 'update', signed.body.id],
      ['milestones', 'create', corrected.body.id],
      ['projects', 'update', p.body.id],
    ]);
    expect(corrected.rows[0]!.before).toMatchObject({ current: 1, happenedOn: '2024-06-01' });
    expect(corrected.rows[0]!.after).toMatchObject({ current: 0, happenedOn: '2024-06-01' });
    expect(corrected.rows[2]!.after).toMatchObject({ signedOn: '2024-06-10' });

    const arrival = await audit(w, w.manager, () =>
      manager.post(`/api/projects/${p.body.id}/arrivals`, { amount: '2000', arrivedOn: '2024-07-01', kind: 'working' }),
    );
    expect(arrival.shape).toEqual([['arrivals', 'create', arrival.body.id]]);
    expect(arrival.rows[0]!.after).toMatchObject({ projectId: p.body.id, amountFen: 200000, kind: 'working' });

    const confirm = await audit(w, w.staff, () => as(w.staff.token).post(`/api/projects/${p.body.id}/confirm`, {}));
    expect(confirm.shape).toEqual([['projects', 'update', p.body.id]]);
    expect(confirm.rows[0]!.before).toMatchObject({ status: 'pending', updatedBy: w.manager.id });
    expect(confirm.rows[0]!.after).toMatchObject({ status: 'confirmed', updatedBy: w.staff.id });

    const other = await t.create(
      '/api/projects',
      {
        name: '审计项目乙',
        sourceType: 'fund',
        sourceFundId: w.A.id,
        reportedOn: '2024-05-01',
        plannedTotal: '1000',
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
      },
      w.manager.token,
    );
    const reject = await audit(w, w.admin, () =>
      t.call('POST', `/api/projects/${other.id}/reject`, { reason: '不属于本基金招引' }),
    );
    expect(reject.shape).toEqual([['projects', 'update', other.id]]);
    expect(reject.rows[0]!.before).toMatchObject({ status: 'pending', statusReason: null });
    expect(reject.rows[0]!.after).toMatchObject({ status: 'rejected', statusReason: '不属于本基金招引' });
  });

  it('a credit: the manager submits it, staff approve it', async () => {
    const co = await t.create(`/api/funds/${w.A.id}/investments`, {
      company: { name: '审计返投企业有限公司' },
      amount: '100',
      investedOn: '2024-03-01',
    });
    const credit = await audit(w, w.manager, () =>
      as(w.manager.token).post(`/api/funds/${w.A.id}/reinvestment-credits`, {
        category: 'local_company',
        amount: '300',
        on: '2024-08-01',
        companyId: co.companyId,
      }),
    );
    expect(credit.shape).toEqual([['reinvestment_credits', 'create', credit.body.id]]);
    expect(credit.rows[0]!.after).toMatchObject({
      fundId: w.A.id,
      companyId: co.companyId,
      amountFen: 30000,
      status: 'pending',
      datedOn: '2024-08-01',
    });
    const approve = await audit(w, w.staff, () =>
      as(w.staff.token).post(`/api/reinvestment-credits/${credit.body.id}/approve`, {}),
    );
    expect(approve.shape).toEqual([['reinvestment_credits', 'update', credit.body.id]]);
    expect(approve.rows[0]!.before).toMatchObject({ status: 'pending', version: 1 });
    expect(approve.rows[0]!.after).toMatchObject({ status: 'approved', version: 2 });
  });

  it('users: create, revoke and rotate are audited, and no token or password, nor their hashes, reaches the log', async () => {
    const admin = as(ADMIN_TOKEN);
    const created = await audit(w, w.admin, () =>
      admin.post('/api/users', { username: 'audit-secret', role: 'staff', password: 'correct-horse-battery' }),
    );
    expect(created.shape).toEqual([['users', 'create', created.body.id]]);
    expect(created.rows[0]!.after).toMatchObject({ username: 'audit-secret', role: 'staff', revokedAt: null });
    const hashes = () =>
      t.sqlite.prepare('select token_hash, password_hash from users where id = ?').get(created.body.id) as {
        token_hash: string | null;
        password_hash: string | null;
      };
    const first = hashes();
    expect(first.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.password_hash).toMatch(/^pbkdf2\$/);

    const revoked = await audit(w, w.admin, () => admin.post(`/api/users/${created.body.id}/revoke`, {}));
    expect(revoked.shape).toEqual([['users', 'update', created.body.id]]);
    expect(revoked.rows[0]!.before).toMatchObject({ revokedAt: null });
    expect(revoked.rows[0]!.after!.revokedAt).toEqual(expect.any(String));

    const rotated = await audit(w, w.admin, () => admin.post(`/api/users/${created.body.id}/token`, {}));
    expect(rotated.shape).toEqual([['users', 'update', created.body.id]]);
    expect(rotated.rows[0]!.after).toMatchObject({ revokedAt: null });
    const second = hashes();

    for (const row of [...created.rows, ...revoked.rows, ...rotated.rows]) {
      for (const side of [row.before, row.after]) {
        if (side) expect(Object.keys(side)).not.toEqual(expect.arrayContaining(['tokenHash']));
        if (side) expect(Object.keys(side)).not.toEqual(expect.arrayContaining(['passwordHash']));
      }
    }
    const log = JSON.stringify(t.sqlite.prepare('select * from audit_log').all());
    const secrets = [
      created.body.token,
      rotated.body.token,
      'correct-horse-battery',
      first.token_hash,
      second.token_hash,
      first.password_hash,
      ADMIN_TOKEN,
      w.manager.token,
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);
  });

  it('a refused or failed write leaves no row', async () => {
    const commitment = await t.create(`/api/funds/${w.A.id}/commitments`, {
      investorType: 'soe',
      investorName: '区国投',
      amount: '100',
      committedOn: '2024-01-01',
    });
    const fund = await t.create('/api/funds', { name: '并发更名子基金', level: 'sub', parentId: w.M.id });
    await t.ok('PATCH', `/api/funds/${fund.id}`, { name: '先改的名字' });
    const dup = await t.create('/api/projects', {
      name: '已报送项目',
      sourceType: 'business',
      reportedOn: '2024-05-01',
      plannedTotal: '1',
      company: { name: '重复报送企业有限公司' },
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
    });
    const attempts: [string, number, () => Promise<{ status: number }>][] = [
      ['no token', 401, () => t.call('POST', '/api/funds', { name: '无令牌基金', level: 'mother' }, { token: null })],
      [
        'a leader writes',
        403,
        () => t.call('POST', '/api/funds', { name: '领导建的基金', level: 'mother' }, { token: w.leader.token }),
      ],
      [
        'a manager confirms',
        403,
        () => t.call('POST', `/api/projects/${dup.id}/confirm`, {}, { token: w.manager.token }),
      ],
      [
        'a manager writes for another fund',
        404,
        () =>
          t.call(
            'POST',
            `/api/funds/${w.B.id}/reinvestment-credits`,
            { category: 'secondary', amount: '1', on: '2024-01-01', companyId: 1 },
            { token: w.manager.token },
          ),
      ],
      ['an invalid body', 400, () => t.call('POST', '/api/funds', { name: '', level: 'grand' })],
      [
        'paid over committed',
        409,
        () =>
          t.call('POST', `/api/commitments/${commitment.id}/contributions`, { amount: '100.01', paidOn: '2024-02-01' }),
      ],
      [
        'a duplicate lead',
        409,
        () =>
          t.call('POST', '/api/projects', {
            name: '再报一次',
            sourceType: 'business',
            reportedOn: '2024-05-01',
            plannedTotal: '1',
            company: { name: '重复报送企业有限公司' },
            introducingUnitId: w.unit.id,
            landingUnitId: w.unit.id,
          }),
      ],
      ['a taken username', 409, () => t.call('POST', '/api/users', { username: 'audit-staff', role: 'staff' })],
      [
        'a stale If-Match',
        412,
        () => t.call('PATCH', `/api/funds/${fund.id}`, { name: '后改的名字' }, { headers: { 'if-match': '"1"' } }),
      ],
    ];
    for (const [what, status, attempt] of attempts) {
      const before = lastAuditId(t);
      expect((await attempt()).status, what).toBe(status);
      expect(lastAuditId(t), what).toBe(before);
    }
    expect((await t.get(`/api/funds/${fund.id}`)).body.name).toBe('先改的名字');
  });

  it('every row written through the API names its author (only the bootstrap admin has none)', async () => {
    const anonymous = t.sqlite
      .prepare('select entity, entity_id as entityId, action from audit_log where user_id is null')
      .all();
    expect(anonymous).toEqual([{ entity: 'users', entityId: w.admin.id, action: 'create' }]);
  });

  it('GET /api/audit filters by entity, id and user, pages, and answers only admin and staff', async () => {
    const fund = await t.create('/api/funds', { name: '审计过滤子基金', level: 'sub', parentId: w.M.id });
    await t.ok('PATCH', `/api/funds/${fund.id}`, { manager: '甲管理公司' }, w.staff.token);
    await t.ok('PATCH', `/api/funds/${fund.id}`, { manager: '乙管理公司' });
    const history = await t.get(`/api/audit?entity=funds&id=${fund.id}`, w.staff.token);
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((r: AuditRow) => [r.entity, r.entityId, r.action, r.userId, r.after?.manager]),
    ).toEqual([
      ['funds', fund.id, 'create', w.admin.id, null],
      ['funds', fund.id, 'update', w.staff.id, '甲管理公司'],
      ['funds', fund.id, 'update', w.admin.id, '乙管理公司'],
    ]);
    expect(history.body.nextCursor).toBeNull();

    const byStaff = await t.get(`/api/audit?userId=${w.staff.id}&limit=500`, ADMIN_TOKEN);
    const staffRows = (
      t.sqlite.prepare('select id from audit_log where user_id = ? order by id').all(w.staff.id) as { id: number }[]
    ).map((r) => r.id);
    expect(byStaff.body.items.map((r: AuditRow) => r.id)).toEqual(staffRows);
    expect(staffRows.length).toBeGreaterThan(0);

    const projects = await t.get('/api/audit?entity=projects&limit=500', ADMIN_TOKEN);
    expect(new Set(projects.body.items.map((r: AuditRow) => r.entity))).toEqual(new Set(['projects']));

    const first = await t.get(`/api/audit?entity=funds&id=${fund.id}&limit=2`, ADMIN_TOKEN);
    expect(first.body.items.map((r: AuditRow) => r.action)).toEqual(['create', 'update']);
    expect(first.body.nextCursor).toEqual(String(first.body.items[1].id));
    const rest = await t.get(
      `/api/audit?entity=funds&id=${fund.id}&limit=2&cursor=${first.body.nextCursor}`,
      ADMIN_TOKEN,
    );
    expect(rest.body.items.map((r: AuditRow) => r.after?.manager)).toEqual(['乙管理公司']);

    expect((await t.get('/api/audit?entity=nonsense')).status).toBe(400);
    for (const token of [w.manager.token, w.leader.token]) {
      const r = await t.get('/api/audit', token);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
      expect((await t.get(`/api/audit?entity=funds&id=${w.A.id}`, token)).status).toBe(403);
    }
    expect((await t.call('GET', '/api/audit', undefined, { token: null })).status).toBe(401);
  });
});

describe('audit triggers match the schema', () => {
  let t: TestApp;
  let triggers: { name: string; table: string; sql: string }[];
  beforeAll(async () => {
    t = await testApp();
    triggers = t.sqlite
      .prepare('select name, tbl_name as "table", sql from sqlite_master where type = \'trigger\'')
      .all() as typeof triggers;
  });

  /** The (key, column) pairs a trigger's json_object copies from NEW or OLD. */
  const copied = (sql: string, side: 'NEW' | 'OLD') =>
    [...sql.matchAll(new RegExp(`'(\\w+)',\\s*${side}\\."(\\w+)"`, 'g'))].map((m) => [m[1]!, m[2]!] as const);

  it.each(Object.entries(audited))(
    '%s: its create and update triggers copy every column but the secret and derived ones',
    (name, { table, secret, derived }) => {
      const keys = Object.keys(getTableColumns(table));
      // table_xinfo: generated columns too (table_info leaves them out).
      const columns = (
        t.sqlite.prepare(`select name from pragma_table_xinfo('${name}')`).all() as { name: string }[]
      ).map((c) => c.name);
      // The migrations built the table the schema describes.
      expect(columns.sort()).toEqual(keys.map(toSnakeCase).sort());
      const expected = keys
        .filter((k) => !(secret as readonly string[]).includes(k) && !(derived as readonly string[]).includes(k))
        .map((k) => [k, toSnakeCase(k)] as const)
        .sort();

      // funds and units also carry the closure-table triggers (fund_tree_*, unit_tree_*: drizzle/0007), which audit nothing.
      const own = triggers.filter((tr) => tr.table === name && tr.name.startsWith('audit_'));
      expect(own.map((tr) => tr.name).sort()).toEqual([`audit_${name}_create`, `audit_${name}_update`]);
      const create = own.find((tr) => tr.name.endsWith('_create'))!.sql;
      const update = own.find((tr) => tr.name.endsWith('_update'))!.sql;
      expect(create).toMatch(new RegExp(`AFTER INSERT ON "?${name}"?`));
      if (derived.length === 0) expect(update).toMatch(new RegExp(`AFTER UPDATE ON "?${name}"?`));
      else {
        // With derived columns (kept by other triggers), the update trigger fires on every other column, secret ones too.
        const of = /AFTER UPDATE OF (.*?) ON "?(\w+)"?/.exec(update);
        expect(of?.[2]).toBe(name);
        const fired = of![1]!.split(',').map((c) => c.trim().replace(/"/g, ''));
        expect(fired.sort()).toEqual(
          keys
            .filter((k) => !(derived as readonly string[]).includes(k))
            .map(toSnakeCase)
            .sort(),
        );
      }
      expect(copied(create, 'NEW').sort()).toEqual(expected);
      expect(copied(update, 'OLD').sort()).toEqual(expected);
      expect(copied(update, 'NEW').sort()).toEqual(expected);
      for (const sql of [create, update]) {
        // The author is the row's own updated_by, written in the same statement.
        expect(sql).toMatch(new RegExp(`VALUES \\(NEW\\.updated_by, '${name}', NEW\\.id, '(create|update)'`));
        for (const s of [...secret, ...derived]) expect(sql).not.toContain(toSnakeCase(s));
      }
      // Each json key is the camelCase of its column, as the API and GET /api/audit speak.
      for (const [key, column] of copied(update, 'NEW')) expect(key).toBe(toCamelCase(column));
    },
  );

  it('no trigger copies into audit_log from a table that is not declared audited (or user_funds, the manager bindings)', () => {
    const intoLog = triggers.filter((tr) => /INSERT INTO audit_log/i.test(tr.sql)).map((tr) => tr.table);
    expect([...new Set(intoLog)].sort()).toEqual([...Object.keys(audited), 'user_funds'].sort());
  });

  it('binding a manager to its funds is audited with the admin who created the manager', async () => {
    const t = await testApp();
    const fund = await t.create('/api/funds', { name: '绑定审计基金', level: 'mother' });
    const other = await t.create('/api/funds', { name: '绑定审计基金二', level: 'mother' });
    const manager = await t.create('/api/users', {
      username: 'bound-manager',
      role: 'manager',
      fundIds: [other.id, fund.id],
    });
    const me = await t.get('/api/me');
    const rows = (await t.get(`/api/audit?entity=user_funds&id=${manager.id}`)).body.items;
    const byFund = (a: any, b: any) => a[2].fundId - b[2].fundId;
    expect(rows.map((r: any) => [r.userId, r.action, r.after]).sort(byFund)).toEqual(
      [
        [me.body.id, 'create', { userId: manager.id, fundId: fund.id }],
        [me.body.id, 'create', { userId: manager.id, fundId: other.id }],
      ].sort(byFund),
    );
  });
});

describe('audit entries name the user', () => {
  it('GET /api/audit carries user {id, username, displayName}; the project page shows the name, not an id', async () => {
    const t = await testApp();
    const unit = await t.create('/api/units', { name: '署名区' });
    const fund = await t.create('/api/funds', { name: '署名母基金', level: 'mother' });
    const staff = await t.create('/api/users', { username: 'wang-staff', displayName: '王工作人员', role: 'staff' });
    const manager = await t.create('/api/users', { username: 'li-manager', role: 'manager', fundIds: [fund.id] });
    const project = await t.create(
      '/api/projects',
      {
        name: '署名项目',
        sourceType: 'fund',
        sourceFundId: fund.id,
        reportedOn: '2024-05-01',
        plannedTotal: '1000',
        introducingUnitId: unit.id,
        landingUnitId: unit.id,
      },
      manager.token,
    );
    await t.ok('POST', `/api/projects/${project.id}/confirm`, {}, staff.token);
    const entries = (await t.get(`/api/audit?entity=projects&id=${project.id}`, staff.token)).body.items;
    expect(entries.map((e: any) => [e.action, e.userId, e.user])).toEqual([
      ['create', manager.id, { id: manager.id, username: 'li-manager', displayName: null }],
      ['update', staff.id, { id: staff.id, username: 'wang-staff', displayName: '王工作人员' }],
    ]);

    const session = await createSession(t.db, staff.id, new Date(`${TODAY}T04:00:00Z`));
    const html = await (
      await t.app.request(`/projects/${project.id}`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } })
    ).text();
    const history = html.slice(html.indexOf('变更记录'));
    expect(history).toContain('<td>王工作人员（wang-staff）</td>');
    expect(history).toContain('<td>li-manager</td>');
    expect(history).not.toContain('用户 #');
  });
});
