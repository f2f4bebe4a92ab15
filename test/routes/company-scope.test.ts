// A manager learns nothing about companies outside its funds' families: not their name, not their code, not whether
// they exist — through POST /api/projects, the import and its dry run. Each case builds the same request in two
// districts that differ only in data outside the manager's scope, and compares the answers.
import { describe, expect, it } from 'vitest';
import { csvOf, upload } from '../excel/fixtures';
import { testApp, type Reply } from '../helpers';
import { withCheck } from '../worked-example';
import { reportedElsewhere } from '../../src/domain/projects';

const HIDDEN = { name: '芜湖隐者精密科技有限公司', creditCode: withCheck('91340207MA2N0H000') };

/** Fund A (the manager's) and its sibling B under one mother; with `otherFund`, B has invested in HIDDEN (and `lead`: reported it). */
async function district(otherFund: { invests?: boolean; lead?: boolean }) {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '母基金', level: 'mother', homeUnitId: unit.id });
  const A = await t.create('/api/funds', { name: '甲子基金', level: 'sub', parentId: M.id });
  const B = await t.create('/api/funds', { name: '乙子基金', level: 'sub', parentId: M.id });
  if (otherFund.invests)
    await t.create(`/api/funds/${B.id}/investments`, { company: HIDDEN, amount: '1000000', investedOn: '2024-01-01' });
  if (otherFund.lead) await t.create('/api/projects', lead(B.id, unit.id, 'B 的项目', HIDDEN));
  const manager = await t.userWith('manager', [A.id]);
  return { t, unit, A, B, manager };
}

const lead = (fundId: number, unitId: number, name: string, company: Record<string, unknown>) => ({
  name,
  company,
  sourceType: 'fund',
  sourceFundId: fundId,
  reportedOn: '2025-01-10',
  plannedTotal: '10000000',
  introducingUnitId: unitId,
  landingUnitId: unitId,
});

/** An answer without the ids that number rows of the whole database. */
const withoutIds = (r: Reply) => ({
  status: r.status,
  body: JSON.parse(JSON.stringify(r.body), (k, v) => (k === 'id' || k === 'companyId' ? '<id>' : v)),
});

const sheet = (d: Awaited<ReturnType<typeof district>>, company: { name: string; creditCode?: string }) =>
  csvOf([
    [
      '项目名称',
      '企业名称',
      '统一社会信用代码',
      '来源类型',
      '来源基金',
      '报送日期',
      '计划总投资（元）',
      '招引单位',
      '落地单位',
    ],
    [
      '甲的项目',
      company.name,
      company.creditCode ?? '',
      '基金招引',
      d.A.name,
      '2025-01-10',
      10000000,
      d.unit.name,
      d.unit.name,
    ],
  ]);

describe("a manager naming a company outside its funds' data", () => {
  for (const [how, company] of [
    ['by name alone', { name: HIDDEN.name }],
    ['by name spelled another way', { name: '芜湖 隐者精密科技（有限公司）' }],
    ['by credit code', { name: '随手写的名字', creditCode: HIDDEN.creditCode }],
  ] as const) {
    it(`${how}: POST /api/projects answers exactly as if the company were not registered`, async () => {
      const answers: ReturnType<typeof withoutIds>[] = [];
      for (const invests of [true, false]) {
        const d = await district({ invests });
        answers.push(
          withoutIds(
            await d.t.call('POST', '/api/projects', lead(d.A.id, d.unit.id, '甲的项目', company), {
              token: d.manager.token,
            }),
          ),
        );
      }
      expect(answers[0]!.status).toBe(201);
      expect(answers[0]!.body.status).toBe('pending');
      // What the manager sent, never the registered name or code.
      expect(answers[0]!.body.company).toEqual({
        name: company.name,
        creditCode: 'creditCode' in company ? company.creditCode : null,
      });
      expect(answers[0]).toEqual(answers[1]);
    });

    it(`${how}: the import's dry run and the import itself count the same companies either way`, async () => {
      const counts: unknown[] = [];
      for (const invests of [true, false]) {
        const d = await district({ invests });
        const dry = await upload(d.t, sheet(d, company), { token: d.manager.token, query: '?dryRun=1' });
        const real = await upload(d.t, sheet(d, company), { token: d.manager.token });
        expect(dry.status).toBe(200);
        expect(real.status).toBe(201);
        counts.push({ dry: dry.body, real: { ...real.body, dryRun: true } });
      }
      expect(counts[0]).toEqual(counts[1]);
      expect(counts[0]).toMatchObject({ dry: { companies: 1, projects: 1, status: 'pending' } });
    });
  }

  it('the linked company holds the lead: staff see one company, and a re-report by anyone is a duplicate', async () => {
    const d = await district({ invests: true });
    const p = await d.t.create(
      '/api/projects',
      lead(d.A.id, d.unit.id, '甲的项目', { name: HIDDEN.name }),
      d.manager.token,
    );
    const staffView = (await d.t.get(`/api/projects/${p.id}`)).body;
    expect(staffView.company).toEqual(HIDDEN);
    const again = await d.t.call('POST', '/api/projects', {
      ...lead(d.B.id, d.unit.id, 'B 的项目', { name: 'x', creditCode: HIDDEN.creditCode }),
    });
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(p.id);
  });

  it("another fund's active lead: the one unavoidable answer, 409 that another fund holds it (which, never said) with no id, on the API and in the import", async () => {
    const d = await district({ lead: true });
    for (const company of [{ name: HIDDEN.name }, { name: '别名', creditCode: HIDDEN.creditCode }]) {
      const r = await d.t.call('POST', '/api/projects', lead(d.A.id, d.unit.id, '甲的项目', company), {
        token: d.manager.token,
      });
      expect(r.status).toBe(409);
      expect(r.body).toEqual({ error: { code: 'conflict', message: reportedElsewhere(true) } });
      for (const query of ['?dryRun=1', '']) {
        const u = await upload(d.t, sheet(d, company), { token: d.manager.token, query });
        expect(u.status).toBe(400);
        expect(u.body.rows).toEqual([
          { row: 2, column: company.creditCode ? '统一社会信用代码' : '企业名称', message: reportedElsewhere(true) },
        ]);
      }
    }
    // Staff are told which project holds it.
    const staff = await upload(d.t, sheet(d, { name: HIDDEN.name }));
    expect(JSON.stringify(staff.body)).toContain('项目编号 1');
  });
});
