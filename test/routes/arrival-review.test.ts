// 到资认定 (SPEC §9): a manager's arrival waits for staff; only confirmed arrivals count — in the fund's outcomes, the
// period figures, the chain map and the 通报 — and the queue, 认定, 退回, If-Match, scope and audit of each change.
import { beforeAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/domain/money';
import { databaseBefore, migrateToLatest, testApp, TODAY, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildWorkedExample>>;
let managerA: { id: number; token: string };
let managerC: { id: number; token: string };
let staff: { id: number; token: string };

beforeAll(async () => {
  t = await testApp();
  w = await buildWorkedExample(t);
  managerA = await t.userWith('manager', [w.A.id]);
  managerC = await t.userWith('manager', [w.C.id]);
  staff = await t.userWith('staff');
  // P1 on a key chain, so the chain map shows its arrivals.
  t.sqlite.prepare(`update projects set chain = '智能装备', chain_node = 'midstream' where id = ?`).run(w.P1.id);
});

/** The family's arrived money by asOf, in plain SQL over the confirmed arrivals of its confirmed signed projects. */
function confirmedArrived(fundId: number, asOf: string) {
  const r = t.sqlite
    .prepare(
      `select cast(coalesce(sum(a.amount_fen), 0) as text) as fen from arrivals a join projects p on p.id = a.project_id
       where p.source_fund_id in (select descendant_id from fund_tree where ancestor_id = ?) and p.status = 'confirmed'
         and p.signed_on <= ? and a.arrived_on <= ? and a.status = 'confirmed'`,
    )
    .get(fundId, asOf, asOf) as { fen: string };
  return fenToYuan(r.fen);
}

const auditOf = (id: number) =>
  (
    t.sqlite
      .prepare(
        `select user_id as userId, action, before, after from audit_log where entity = 'arrivals' and entity_id = ? order by id`,
      )
      .all(id) as {
      userId: number;
      action: string;
      before: string | null;
      after: string;
    }[]
  ).map((r) => ({
    userId: r.userId,
    action: r.action,
    before: r.before && JSON.parse(r.before).status,
    after: JSON.parse(r.after).status,
  }));

const figures = async (token?: string) => {
  const metrics = await t.ok('GET', `/api/funds/${w.A.id}/metrics?asOf=${TODAY}`, undefined, token);
  const bulletin = await t.ok('GET', '/api/bulletins/2026-11', undefined, token);
  const chains = await t.ok('GET', `/api/reports/chains?asOf=${TODAY}`, undefined, token);
  const fundRow = bulletin.funds.find((f: any) => f.fundId === w.A.id);
  const unitRow = bulletin.units.find((u: any) => u.unitId === w.unit.id);
  const node = chains.chains.find((c: any) => c.chain === '智能装备').nodes.find((n: any) => n.node === 'midstream');
  return {
    arrived: metrics.outcomes.arrived,
    rate: metrics.outcomes.rates.arrival,
    ytd: fundRow.ytd.arrived,
    unitYtd: unitRow.ytd.arrived,
    chain: node.arrived,
    confirmed: [fundRow.arrivalsConfirmed, unitRow.arrivalsConfirmed],
    pending: [fundRow.arrivalsPending, unitRow.arrivalsPending],
  };
};

describe('到资认定', () => {
  it('a manager’s arrival is pending and counts nowhere; staff confirm it and it counts everywhere; 退回 takes it out again', async () => {
    const before = await figures();
    // 120,000,000 arrived (P1 60 + 40, P2 20), recorded by the admin today: confirmed on entry, so in this month's
    // 认定 figure; nothing pending.
    expect(before).toMatchObject({
      arrived: '120000000.00',
      confirmed: ['120000000.00', '120000000.00'],
      pending: ['0.00', '0.00'],
    });

    const a = await t.create(
      `/api/projects/${w.P1.id}/arrivals`,
      { amount: '30000000', arrivedOn: '2026-11-02', kind: 'working' },
      managerA.token,
    );
    expect(a).toMatchObject({
      status: 'pending',
      statusReason: null,
      reviewedOn: null,
      reviewedBy: null,
      amount: '30000000.00',
    });
    expect(await figures()).toEqual({ ...before, pending: ['30000000.00', '30000000.00'] });
    expect(await figures(managerA.token)).toMatchObject({
      arrived: before.arrived,
      pending: ['30000000.00', '30000000.00'],
    });

    // The queue: staff and A's manager see it, C's manager neither in the list nor by id.
    const queue = await t.ok('GET', '/api/arrivals?status=pending', undefined, staff.token);
    expect(queue.items).toEqual([{ ...a, projectName: '星辰智能装备华东生产基地', fundId: w.A.id }]);
    expect(
      (await t.ok('GET', '/api/arrivals?status=pending', undefined, managerA.token)).items.map((i: any) => i.id),
    ).toEqual([a.id]);
    expect((await t.ok('GET', '/api/arrivals', undefined, managerC.token)).items).toEqual([]);
    expect((await t.get(`/api/arrivals/${a.id}`, managerC.token)).status).toBe(404);
    expect((await t.get(`/api/arrivals?fundId=${w.A.id}`, managerC.token)).status).toBe(404);
    expect(
      (await t.ok('GET', `/api/arrivals?status=confirmed&from=2024-08-01&to=2024-09-30`)).items.map(
        (i: any) => i.arrivedOn,
      ),
    ).toEqual(['2024-09-01', '2024-08-01']);

    // Who may decide, and how.
    expect((await t.call('POST', `/api/arrivals/${a.id}/confirm`, {}, { token: managerA.token })).status).toBe(403);
    expect((await t.call('POST', `/api/arrivals/${a.id}/confirm`, {}, { token: managerC.token })).status).toBe(403);
    const noReason = await t.call('POST', `/api/arrivals/${a.id}/reject`, {}, { token: staff.token });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([{ path: 'reason', message: '退回到资须说明原因' }]);
    const stale = await t.call(
      'POST',
      `/api/arrivals/${a.id}/confirm`,
      {},
      { token: staff.token, headers: { 'if-match': `"${a.version + 1}"` } },
    );
    expect(stale.status).toBe(412);
    expect((await t.ok('GET', `/api/arrivals/${a.id}`)).status).toBe('pending');

    const confirmed = await t.call(
      'POST',
      `/api/arrivals/${a.id}/confirm`,
      {},
      { token: staff.token, headers: { 'if-match': `"${a.version}"` } },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      reviewedOn: TODAY,
      reviewedBy: staff.id,
      version: a.version + 1,
    });
    expect(confirmed.headers.get('etag')).toBe(`"${a.version + 1}"`);
    const plus = (yuan: string) => fenToYuan(BigInt(yuanToFen(yuan)) + 3_000_000_000n);
    expect(await figures()).toEqual({
      arrived: plus(before.arrived),
      rate: '0.3947', // (120 + 30) / 380
      ytd: plus(before.ytd),
      unitYtd: plus(before.unitYtd),
      chain: plus(before.chain),
      confirmed: ['150000000.00', '150000000.00'], // confirmed on 2026-11-22
      pending: ['0.00', '0.00'],
    });
    expect((await figures()).arrived).toBe(confirmedArrived(w.A.id, TODAY));
    expect((await t.call('POST', `/api/arrivals/${a.id}/confirm`, {}, { token: staff.token })).status).toBe(409);

    // 退回 of a confirmed arrival (the 回单 turned out wrong): its money leaves every figure.
    const rejected = await t.ok(
      'POST',
      `/api/arrivals/${a.id}/reject`,
      { reason: '银行回单与合同金额不符' },
      staff.token,
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      statusReason: '银行回单与合同金额不符',
      reviewedBy: staff.id,
    });
    expect(await figures()).toEqual(before);
    expect((await figures()).arrived).toBe(confirmedArrived(w.A.id, TODAY));

    // Every change is in the audit log, by whoever made it.
    expect(auditOf(a.id)).toEqual([
      { userId: managerA.id, action: 'create', before: null, after: 'pending' },
      { userId: staff.id, action: 'update', before: 'pending', after: 'confirmed' },
      { userId: staff.id, action: 'update', before: 'confirmed', after: 'rejected' },
    ]);
  });

  it('what staff record is confirmed on entry, by them, that day', async () => {
    const a = await t.create(
      `/api/projects/${w.P2.id}/arrivals`,
      { amount: '1000', arrivedOn: '2026-10-01', kind: 'fixed_asset' },
      staff.token,
    );
    expect(a).toMatchObject({ status: 'confirmed', reviewedOn: TODAY, reviewedBy: staff.id });
    expect((await t.ok('GET', `/api/funds/${w.A.id}/metrics?asOf=${TODAY}`)).outcomes.arrived).toBe(
      confirmedArrived(w.A.id, TODAY),
    );
  });

  it('待认定超期 lists a pending arrival dated 14 days back or more, for staff only', async () => {
    const old = await t.create(
      `/api/projects/${w.P2.id}/arrivals`,
      { amount: '500', arrivedOn: '2026-11-08', kind: 'fixed_asset' },
      managerA.token,
    );
    const fresh = await t.create(
      `/api/projects/${w.P2.id}/arrivals`,
      { amount: '500', arrivedOn: '2026-11-09', kind: 'fixed_asset' },
      managerA.token,
    );
    const items = (await t.ok('GET', '/api/alerts?kind=pending_review', undefined, staff.token)).items;
    expect(items.filter((i: any) => i.arrivalId !== null)).toEqual([
      {
        kind: 'pending_review',
        projectId: w.P2.id,
        creditId: null,
        arrivalId: old.id,
        nodeId: null,
        requestId: null,
        name: '远望新材料研发中心',
        detail: null,
        fundId: w.A.id,
        introducingUnitId: w.unit.id,
        landingUnitId: w.unit.id,
        since: '2026-11-08',
        days: 14,
      },
    ]);
    expect(items.some((i: any) => i.arrivalId === fresh.id)).toBe(false);
    expect((await t.ok('GET', '/api/alerts?kind=pending_review', undefined, managerA.token)).items).toEqual([]);
    expect(
      (await t.ok('GET', '/api/bulletins/2026-11', undefined, staff.token)).alerts.pending_review,
    ).toBeGreaterThanOrEqual(1);
  });

  it('the 通报 of an earlier month keeps what was pending at its end, even once confirmed later', async () => {
    const monthOf = async (month: string) => {
      const b = await t.ok('GET', `/api/bulletins/${month}`);
      const f = b.funds.find((x: any) => x.fundId === w.B.id);
      return [f.arrivalsConfirmed, f.arrivalsPending];
    };
    const managerB = await t.userWith('manager', [w.B.id]);
    const p = await t.create('/api/projects', {
      name: '乙基金到资项目',
      sourceType: 'fund',
      sourceFundId: w.B.id,
      reportedOn: '2026-09-01',
      plannedTotal: '1000000',
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
    });
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2026-09-10' });
    const a = await t.create(
      `/api/projects/${p.id}/arrivals`,
      { amount: '800', arrivedOn: '2026-10-05', kind: 'working' },
      managerB.token,
    );
    const later = await t.create(
      `/api/projects/${p.id}/arrivals`,
      { amount: '50', arrivedOn: '2026-10-06', kind: 'working' },
      managerB.token,
    );
    // Reported to touyin on 2026-10-20 (the first) and today (the second): only the first was pending at October's end.
    t.sqlite.prepare(`update arrivals set entered_on = '2026-10-20' where id = ?`).run(a.id);
    expect(await monthOf('2026-10')).toEqual(['0.00', '800.00']);
    expect(await monthOf('2026-11')).toEqual(['0.00', '850.00']);
    await t.ok('POST', `/api/arrivals/${a.id}/confirm`, {}, staff.token);
    await t.ok('POST', `/api/arrivals/${later.id}/reject`, { reason: '重复报送' }, staff.token);
    expect(await monthOf('2026-10')).toEqual(['0.00', '800.00']); // confirmed in November: still pending at October's end
    expect(await monthOf('2026-11')).toEqual(['800.00', '0.00']);
  });

  it('an arrival of a rejected project cannot be confirmed; a rejected arrival does not hold the signing date back', async () => {
    const p = await t.create('/api/projects', {
      name: '退回测试项目',
      sourceType: 'fund',
      sourceFundId: w.A.id,
      reportedOn: '2026-01-05',
      plannedTotal: '1000000',
      introducingUnitId: w.unit.id,
      landingUnitId: w.unit.id,
    });
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2026-02-01' });
    const a = await t.create(
      `/api/projects/${p.id}/arrivals`,
      { amount: '100', arrivedOn: '2026-02-10', kind: 'working' },
      managerA.token,
    );
    await t.ok('POST', `/api/arrivals/${a.id}/reject`, { reason: '无银行回单' }, staff.token);
    // A later signing date is fine once the only arrival before it is rejected.
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2026-03-01' });
    const refused = await t.call('POST', `/api/arrivals/${a.id}/confirm`, {}, { token: staff.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/签约/);
  });

  it('its migration confirms every arrival already stored, entered and reviewed on its entry day, without audit entries', () => {
    const sqlite = databaseBefore('_arrival_review');
    try {
      sqlite.exec(`
        insert into projects (id, name, source_type, reported_on, planned_total_fen, status) values (1, '甲项目', 'platform', '2024-01-01', 100, 'confirmed');
        insert into arrivals (project_id, amount_fen, arrived_on, kind, updated_by, created_at) values
          (1, 700, '2024-05-01', 'working', 7, '2024-05-02T17:30:00.000Z'), (1, 5, '2024-03-01', 'working', 8, '2024-03-01T01:00:00.000Z');
      `);
      const auditBefore = (sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
      migrateToLatest(sqlite);
      expect(
        sqlite
          .prepare(
            'select status, entered_on as enteredOn, reviewed_on as reviewedOn, reviewed_by as reviewedBy from arrivals order by id',
          )
          .all(),
      ).toEqual([
        { status: 'confirmed', enteredOn: '2024-05-03', reviewedOn: '2024-05-03', reviewedBy: 7 }, // 17:30 UTC is 01:30 the next day in China
        { status: 'confirmed', enteredOn: '2024-03-01', reviewedOn: '2024-03-01', reviewedBy: 8 },
      ]);
      expect(
        sqlite.prepare('select first_arrival_on as f, last_arrival_on as l, arrived_lo as lo from projects').get(),
      ).toEqual({ f: '2024-03-01', l: '2024-05-01', lo: 705 });
      expect((sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(auditBefore);
    } finally {
      sqlite.close();
    }
  });
});
