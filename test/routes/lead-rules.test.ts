// The lead rules (首报, records/leads.ts) keep one answer whichever way a lead arrives: each case is posted to
// POST /api/projects in one district and imported as a one-row sheet in another built the same way, and the two
// outcomes — accepted or refused, the reason, the company the project points to, the companies registered — agree,
// and are what the case expects.
import { describe, expect, it } from 'vitest';
import { csvOf, sheet, upload } from '../excel/fixtures';
import { ADMIN_TOKEN, testApp, type TestApp } from '../helpers';
import { withCheck } from '../worked-example';
import { reportedElsewhere } from '../../src/domain/projects';

const REGISTERED = { name: '芜湖登记精密制造有限公司', creditCode: withCheck('91340207MA2N0R000') };
const OTHERS = { name: '合肥他处材料科技有限公司', creditCode: withCheck('91340100MA2N0T000') };
const NEW_CODE = withCheck('91340207MA2N0N000');

/**
 * Mother fund M with sub-funds A (the manager's) and B; another mother N with sub-fund Z. A invested in REGISTERED,
 * Z in OTHERS (outside the manager's data).
 */
async function district() {
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '母基金', level: 'mother', homeUnitId: unit.id });
  const A = await t.create('/api/funds', { name: '甲子基金', level: 'sub', parentId: M.id });
  const B = await t.create('/api/funds', { name: '乙子基金', level: 'sub', parentId: M.id });
  const N = await t.create('/api/funds', { name: '另一母基金', level: 'mother', homeUnitId: unit.id });
  const Z = await t.create('/api/funds', { name: '丙子基金', level: 'sub', parentId: N.id });
  const invA = await t.create(`/api/funds/${A.id}/investments`, {
    company: REGISTERED,
    amount: '1000000',
    investedOn: '2024-01-01',
  });
  const invZ = await t.create(`/api/funds/${Z.id}/investments`, {
    company: OTHERS,
    amount: '1000000',
    investedOn: '2024-01-01',
  });
  const manager = await t.userWith('manager', [A.id]);
  return { t, unit, funds: { A, B, Z }, invA, invZ, manager };
}
type District = Awaited<ReturnType<typeof district>>;

interface Lead {
  company?: { name: string; creditCode?: string };
  fund: 'A' | 'B' | 'Z';
  investment?: 'invA' | 'invZ' | 'missing';
}

const body = (d: District, l: Lead, name: string) => ({
  name,
  ...(l.company && { company: l.company }),
  sourceType: 'fund',
  sourceFundId: d.funds[l.fund].id,
  ...(l.investment && { investmentId: l.investment === 'missing' ? 9999 : d[l.investment].id }),
  reportedOn: '2025-01-10',
  plannedTotal: '10000000',
  introducingUnitId: d.unit.id,
  landingUnitId: d.unit.id,
});

const sheetOf = (d: District, l: Lead, name: string) =>
  csvOf(
    sheet([
      {
        项目名称: name,
        企业名称: l.company?.name,
        统一社会信用代码: l.company?.creditCode,
        来源类型: '基金招引',
        来源基金: d.funds[l.fund].name,
        驱动投资编号: l.investment && String(l.investment === 'missing' ? 9999 : d[l.investment].id),
        报送日期: '2025-01-10',
        '计划总投资（元）': 10000000,
        招引单位: d.unit.name,
        落地单位: d.unit.name,
      },
    ]),
  );

/** What the database holds after the lead: its project's company and key, and how many companies are registered. */
function written(t: TestApp, name: string) {
  const project = t.sqlite
    .prepare('select company_id as companyId, company_key as companyKey, status from projects where name = ?')
    .get(name);
  const { n } = t.sqlite.prepare('select count(*) as n from companies').get() as { n: number };
  return { project: project ?? null, companies: n };
}

type Outcome = { accepted: boolean; reason: string | null; written: ReturnType<typeof written> };

interface Case {
  title: string;
  /** Leads already in the district (posted by the admin), and what happens to them after. */
  before?: { lead: Lead; then?: 'dropped' | 'rejected' }[];
  lead: Lead;
  manager?: boolean;
  /** Accepted, or the reason the lead is refused (a part of it). */
  expect: string;
}

const cases: Case[] = [
  {
    title: 'a new company by name',
    lead: { company: { name: '芜湖新来科技有限公司' }, fund: 'A' },
    expect: 'accepted',
  },
  {
    title: 'a new company with its credit code',
    lead: { company: { name: '芜湖新来科技有限公司', creditCode: NEW_CODE }, fund: 'A' },
    expect: 'accepted',
  },
  {
    title: 'a registered company by its name written differently: the lead points to it',
    lead: { company: { name: '芜湖 登记精密制造有限公司' }, fund: 'A' },
    expect: 'accepted',
  },
  {
    title: 'a registered company by its credit code under another name: the lead points to it',
    lead: { company: { name: '登记精密', creditCode: REGISTERED.creditCode }, fund: 'A' },
    expect: 'accepted',
  },
  {
    title: 'no company at all',
    lead: { fund: 'A' },
    expect: 'accepted',
  },
  {
    title: 'a company whose active lead was reported by name: refused, naming that project',
    before: [{ lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' } }],
    lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'B' },
    expect: '该企业已有在办项目（项目编号',
  },
  {
    title: 'a credit code whose company was reported earlier by its name alone: refused',
    before: [{ lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' } }],
    lead: { company: { name: '芜湖首报科技有限公司', creditCode: NEW_CODE }, fund: 'B' },
    expect: '该企业已有在办项目（项目编号',
  },
  {
    title: 'a name alone whose company was reported with its credit code: refused',
    before: [{ lead: { company: { name: '芜湖首报科技有限公司', creditCode: NEW_CODE }, fund: 'A' } }],
    lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'B' },
    expect: '该企业已有在办项目（项目编号',
  },
  {
    title: 'a company whose earlier lead was dropped: accepted',
    before: [{ lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' }, then: 'dropped' }],
    lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'B' },
    expect: 'accepted',
  },
  {
    title: 'a company whose earlier lead was rejected (退回): accepted',
    before: [{ lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' }, then: 'rejected' }],
    lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'B' },
    expect: 'accepted',
  },
  {
    title: 'an investment of the source fund',
    lead: { company: REGISTERED, fund: 'A', investment: 'invA' },
    expect: 'accepted',
  },
  {
    title: "an investment of a sibling fund (B's lead, A's investment): refused, siblings are not one family",
    lead: { company: REGISTERED, fund: 'B', investment: 'invA' },
    expect: '不属于来源基金或其上下级基金',
  },
  {
    title: 'an investment of another family: refused',
    lead: { company: OTHERS, fund: 'A', investment: 'invZ' },
    expect: '不属于来源基金或其上下级基金',
  },
  {
    title: 'an investment that does not exist: refused',
    lead: { company: REGISTERED, fund: 'A', investment: 'missing' },
    expect: '投资 9999 不存在',
  },
  {
    title: "a manager naming another family's investment: as missing as a wrong id",
    manager: true,
    lead: { company: OTHERS, fund: 'A', investment: 'invZ' },
    expect: '不存在',
  },
  {
    title: "a manager naming a company whose active lead is another fund's: refused without the project",
    before: [{ lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'B' } }],
    manager: true,
    lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' },
    expect: reportedElsewhere(true),
  },
  {
    title: "a manager naming a company whose active lead is its own fund's: refused, naming the project",
    before: [{ lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' } }],
    manager: true,
    lead: { company: { name: '芜湖首报科技有限公司' }, fund: 'A' },
    expect: '该企业已有在办项目（项目编号',
  },
  {
    title: "a manager naming a company registered outside its funds' data: accepted, pointing to it",
    manager: true,
    lead: { company: OTHERS, fund: 'A' },
    expect: 'accepted',
  },
];

/** The district of the case, with its earlier leads; answers who sends the lead. */
async function prepared(c: Case) {
  const d = await district();
  for (const [i, b] of (c.before ?? []).entries()) {
    const p = await d.t.create('/api/projects', body(d, b.lead, `早先的项目 ${i + 1}`));
    if (b.then === 'dropped')
      await d.t.create(`/api/projects/${p.id}/milestones`, { stage: 'dropped', on: '2025-02-01', reason: '企业放弃' });
    if (b.then === 'rejected') await d.t.ok('POST', `/api/projects/${p.id}/reject`, { reason: '不属实' });
  }
  return { d, token: c.manager ? d.manager.token : ADMIN_TOKEN };
}

describe('each lead rule answers the same through POST /api/projects and through a sheet', () => {
  for (const c of cases) {
    it(c.title, async () => {
      const name = '这次报送的项目';
      const api = await prepared(c);
      const r = await api.d.t.call('POST', '/api/projects', body(api.d, c.lead, name), { token: api.token });
      const viaApi: Outcome = {
        accepted: r.status === 201,
        reason: r.status === 201 ? null : (r.body.error.message as string),
        written: written(api.d.t, name),
      };

      const imp = await prepared(c);
      const u = await upload(imp.d.t, sheetOf(imp.d, c.lead, name), { token: imp.token });
      const viaSheet: Outcome = {
        accepted: u.status === 201,
        reason: u.status === 201 ? null : (u.body.rows as { message: string }[]).map((p) => p.message).join('；'),
        written: written(imp.d.t, name),
      };

      expect(viaSheet).toEqual(viaApi);
      if (c.expect === 'accepted') {
        expect(viaApi.accepted, JSON.stringify(r.body)).toBe(true);
        expect(viaApi.written.project).not.toBeNull();
      } else {
        expect(viaApi.reason).toContain(c.expect);
        expect(viaApi.written.project).toBeNull();
      }
      // The status code says which rule: 409 for a company's active lead, 404 for what the caller cannot see, 400 else.
      if (!viaApi.accepted)
        expect(r.status).toBe(c.expect.startsWith('该企业') ? 409 : c.expect.includes('不存在') ? 404 : 400);
    });
  }
});
