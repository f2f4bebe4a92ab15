// Duplicates: company names match without their legal forms (有限公司, （集团）…), the stored keys were recomputed
// by a migration that keeps two active leads apart rather than break the one-active-lead index, a manager refused
// for another fund's lead is told whom to ask and how to appeal, and staff see 疑似重复 on /review and merge one
// company into another in one audited write, undone from the audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import { reportedElsewhere } from '../../src/domain/projects';
import { databaseBefore, migrateToLatest, sessionCookie, testApp, type TestApp } from '../helpers';
import { buildWorkedExample, withCheck } from '../worked-example';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildWorkedExample>>;
let managerB: { id: number; token: string };
let staffCookie: string;

const lead = (name: string, company: Record<string, unknown>, fundId: number) => ({
  name,
  company,
  sourceType: 'fund',
  sourceFundId: fundId,
  reportedOn: '2025-01-10',
  plannedTotal: '10000000',
  introducingUnitId: w.unit.id,
  landingUnitId: w.unit.id,
});

beforeAll(async () => {
  t = await testApp();
  w = await buildWorkedExample(t);
  managerB = await t.userWith('manager', [w.B.id]);
  await t.create('/api/users', { username: 'merge-clerk', role: 'staff', password: 'secret-pass-1' });
  staffCookie = await sessionCookie(t.app, 'merge-clerk', 'secret-pass-1');
});

const companyOf = (projectId: number) =>
  (t.sqlite.prepare('select company_id as id from projects where id = ?').get(projectId) as { id: number }).id;
const review = async () => (await t.app.request('/review', { headers: { cookie: staffCookie } })).text();

describe('company names without their legal forms', () => {
  it('the migration recomputes stored keys; two active leads that would meet keep their old keys, the rest fold', () => {
    const s = databaseBefore('_company_name_suffixes');
    try {
      s.exec(`
        insert into companies (id, name, name_key) values
          (1, '星辰科技有限公司', '星辰科技有限公司'), (2, '星辰科技', '星辰科技'), (3, '远望（集团）股份有限公司', '远望集团股份有限公司');
        insert into projects (id, name, source_type, reported_on, planned_total_fen, status, company_id, company_key) values
          (1, '甲', 'platform', '2024-01-01', 1, 'confirmed', 1, 'name:星辰科技有限公司'),
          (2, '乙', 'platform', '2024-01-01', 1, 'pending', 2, 'name:星辰科技'),
          (3, '丙', 'platform', '2024-01-01', 1, 'confirmed', 3, 'name:远望集团股份有限公司'),
          (4, '丁', 'platform', '2024-01-01', 1, 'rejected', null, 'name:星辰科技股份有限公司'),
          (5, '戊', 'platform', '2024-01-01', 1, 'confirmed', null, 'code:91340200MA2N0P0000');
      `);
      migrateToLatest(s);
      const keys = (sql: string) => (s.prepare(sql).all() as { k: string }[]).map((r) => r.k);
      expect(keys('select name_key as k from companies order by id')).toEqual(['星辰科技', '星辰科技', '远望']);
      expect(keys('select company_key as k from projects order by id')).toEqual([
        'name:星辰科技有限公司', // active, would meet 乙: both keep theirs (their companies are now 疑似重复)
        'name:星辰科技',
        'name:远望',
        'name:星辰科技', // rejected: holds no lead, folds
        'code:91340200MA2N0P0000',
      ]);
      // Its work table is gone.
      expect(s.prepare(`select count(*) as n from sqlite_master where name = 'company_key_recompute'`).get()).toEqual({
        n: 0,
      });
    } finally {
      s.close();
    }
  });

  it('the same company without 有限公司 is another fund’s lead: 409 saying so, who decides and how to appeal, naming nothing', async () => {
    await t.create('/api/projects', lead('清河精密一期', { name: '芜湖清河精密（集团）有限公司' }, w.A.id));
    const r = await t.call('POST', '/api/projects', lead('清河精密二期', { name: '芜湖清河精密' }, w.B.id), {
      token: managerB.token,
    });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ error: { code: 'conflict', message: reportedElsewhere(true) } });
    expect(r.body.error.message).toContain('其他基金');
    expect(r.body.error.message).toContain('平台工作人员');
    expect(r.body.error.message).toContain('申请复核');
    expect(r.body.error.message).not.toMatch(/\d/);
  });
});

describe('疑似重复 and merge', () => {
  it('staff see two spellings of one company on /review, merge one into the other (audited), and undo it from the audit log', async () => {
    const a = await t.create('/api/companies', { name: '芜湖明川光电科技有限公司' });
    const b = await t.create('/api/companies', { name: '芜湖明川光电科技' });
    const project = await t.create('/api/projects', {
      ...lead('明川光电一期', { name: '芜湖明川光电科技有限公司' }, w.A.id),
      companyId: undefined,
    });
    // The lead attached to one of the two (the first with that key); move it to b by hand to have rows on both sides.
    t.sqlite.prepare('update projects set company_id = ? where id = ?').run(b.id, project.id);
    const investment = await t.create(`/api/funds/${w.A.id}/investments`, {
      companyId: b.id,
      amount: '1000000',
      investedOn: '2025-03-01',
    });
    let page = await review();
    expect(page).toMatch(new RegExp(`data-company="${a.id}"[\\s\\S]*?芜湖明川光电科技有限公司`));
    expect(page).toMatch(new RegExp(`data-company="${b.id}"[\\s\\S]*?芜湖明川光电科技<`));
    expect(page).toContain(`data-api="/api/companies/${b.id}/merge" data-if-match="${b.version}"`);

    // Refusals, each a Chinese 4xx that changes nothing.
    const refusals: [unknown, Record<string, string>, number][] = [
      [{ intoId: b.id }, {}, 400], // into itself
      [{ intoId: 'x' }, {}, 400],
      [{}, {}, 400],
      [{ intoId: 999999 }, {}, 404],
      [{ intoId: a.id }, { 'if-match': '"99"' }, 412],
    ];
    for (const [body, headers, status] of refusals) {
      const r = await t.call('POST', `/api/companies/${b.id}/merge`, body, { headers });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      (await t.call('POST', `/api/companies/${b.id}/merge`, { intoId: a.id }, { token: managerB.token })).status,
    ).toBe(403);
    expect(companyOf(project.id)).toBe(b.id);

    const merged = await t.call(
      'POST',
      `/api/companies/${b.id}/merge`,
      { intoId: a.id },
      {
        headers: { 'if-match': `"${b.version}"` },
      },
    );
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ from: b.id, into: a.id, moved: { projects: 1, investments: 1 } });
    expect(companyOf(project.id)).toBe(a.id);
    const inv = await t.ok('GET', `/api/funds/${w.A.id}/investments?limit=500`);
    expect(inv.items.find((i: any) => i.id === investment.id).companyId).toBe(a.id);
    const audit = t.sqlite
      .prepare(
        `select json_extract(before, '$.companyId') as before, json_extract(after, '$.companyId') as after from audit_log
         where entity = 'projects' and entity_id = ? order by id desc limit 1`,
      )
      .get(project.id);
    expect(audit).toEqual({ before: b.id, after: a.id });
    page = await review();
    expect(page).not.toContain(`data-company="${b.id}"`);
    // A merged company is merged once.
    expect((await t.call('POST', `/api/companies/${b.id}/merge`, { intoId: a.id })).status).toBe(409);

    const undone = await t.call('POST', `/api/companies/${b.id}/unmerge`, {});
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ moved: { projects: 1, investments: 1 } });
    expect(companyOf(project.id)).toBe(b.id);
    expect(await review()).toContain(`data-company="${b.id}"`);
    expect((await t.call('POST', `/api/companies/${b.id}/unmerge`, {})).status).toBe(409);
  });

  it('refuses two legal persons (different credit codes), a coded company into an uncoded one, and two active leads', async () => {
    const coded1 = await t.create('/api/companies', {
      name: '芜湖长风机电有限公司',
      creditCode: withCheck('91340207MA2N0Q100'),
    });
    const coded2 = await t.create('/api/companies', {
      name: '芜湖长风机电',
      creditCode: withCheck('91340207MA2N0Q200'),
    });
    const bare = await t.create('/api/companies', { name: '芜湖长风机电（集团）' });
    const two = await t.call('POST', `/api/companies/${coded1.id}/merge`, { intoId: coded2.id });
    expect(two.status).toBe(409);
    expect(two.body.error.message).toContain('统一社会信用代码不同');
    const wrongWay = await t.call('POST', `/api/companies/${coded1.id}/merge`, { intoId: bare.id });
    expect(wrongWay.status).toBe(409);
    expect(wrongWay.body.error.message).toContain(`请把企业 ${bare.id} 合并到企业 ${coded1.id}`);

    const x = await t.create('/api/companies', { name: '芜湖青松材料有限公司' });
    const y = await t.create('/api/companies', { name: '芜湖青松材料' });
    const px = await t.create('/api/projects', { ...lead('青松一期', { name: '占位甲' }, w.A.id) });
    const py = await t.create('/api/projects', { ...lead('青松二期', { name: '占位乙' }, w.A.id) });
    t.sqlite.prepare('update projects set company_id = ? where id = ?').run(x.id, px.id);
    t.sqlite.prepare('update projects set company_id = ? where id = ?').run(y.id, py.id);
    const both = await t.call('POST', `/api/companies/${y.id}/merge`, { intoId: x.id });
    expect(both.status).toBe(409);
    expect(both.body.error.message).toContain('首报');
    expect(companyOf(py.id)).toBe(y.id);
  });
});
