// 首报: one active lead per company, whichever way the company was written down first.
import { beforeEach, describe, expect, it } from 'vitest';
import { csvOf, tableCounts, upload } from '../excel/fixtures';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample, withCheck } from '../worked-example';

describe('a company reported by name alone and later with its credit code is one company', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  const code = withCheck('91340207MA2N0P000');
  const lead = (name: string, company: Record<string, unknown>, fundId = ids.A.id) => ({
    name,
    company,
    sourceType: 'fund',
    sourceFundId: fundId,
    reportedOn: '2025-01-10',
    plannedTotal: '10000000',
    introducingUnitId: ids.unit.id,
    landingUnitId: ids.unit.id,
  });
  beforeEach(async () => {
    t = await testApp();
    ids = await buildWorkedExample(t);
  });

  it('name first (A), then credit code + the same name written differently (B): 409 naming A’s project, nothing written', async () => {
    const first = await t.create('/api/projects', lead('芜湖鹏程精密项目', { name: '芜湖鹏程精密制造有限公司' }));
    const before = tableCounts(t);
    const r = await t.call(
      'POST',
      '/api/projects',
      lead('鹏程精密二期', { name: '芜湖 鹏程精密制造有限公司', creditCode: code }, ids.B.id),
    );
    expect(r.status).toBe(409);
    expect(r.body).toEqual({
      error: { code: 'conflict', message: expect.stringContaining(`项目编号 ${first.id}`) },
      existingId: first.id,
    });
    expect(tableCounts(t)).toEqual(before);
  });

  it('credit code first, then the name alone: 409 too (the name finds the coded company)', async () => {
    const first = await t.create(
      '/api/projects',
      lead('鹏程精密一期', { name: '芜湖鹏程精密制造有限公司', creditCode: code }),
    );
    const r = await t.call(
      'POST',
      '/api/projects',
      lead('鹏程精密二期', { name: '芜湖鹏程精密制造有限公司' }, ids.B.id),
    );
    expect(r.status).toBe(409);
    expect(r.body.existingId).toBe(first.id);
  });

  it('once the name-only lead is dropped, the coded report of the same company is accepted', async () => {
    const first = await t.create('/api/projects', lead('芜湖鹏程精密项目', { name: '芜湖鹏程精密制造有限公司' }));
    await t.create(`/api/projects/${first.id}/milestones`, { stage: 'dropped', on: '2025-02-01', reason: '企业放弃' });
    const second = await t.create(
      '/api/projects',
      lead('鹏程精密二期', { name: '芜湖鹏程精密制造有限公司', creditCode: code }, ids.B.id),
    );
    expect(second.status).toBe('confirmed');
  });

  it('a sheet row with the credit code is refused against a name-only lead in the database, and nothing is written', async () => {
    const first = await t.create('/api/projects', lead('芜湖鹏程精密项目', { name: '芜湖鹏程精密制造有限公司' }));
    const before = tableCounts(t);
    const r = await upload(
      t,
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
          '鹏程精密二期',
          '芜湖鹏程精密制造有限公司',
          code,
          '基金招引',
          ids.B.name,
          '2025-01-10',
          10000000,
          ids.unit.name,
          ids.unit.name,
        ],
      ]),
    );
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(`项目编号 ${first.id}`);
    expect(tableCounts(t)).toEqual(before);
  });

  it('two sheet rows, one by name and one by code of the same company: the second is refused as the same company', async () => {
    const before = tableCounts(t);
    const r = await upload(
      t,
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
          '鹏程精密一期',
          '芜湖鹏程精密制造有限公司',
          '',
          '基金招引',
          ids.A.name,
          '2025-01-10',
          10000000,
          ids.unit.name,
          ids.unit.name,
        ],
        [
          '鹏程精密二期',
          '芜湖鹏程精密制造有限公司',
          code,
          '基金招引',
          ids.B.name,
          '2025-01-11',
          10000000,
          ids.unit.name,
          ids.unit.name,
        ],
      ]),
    );
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('与第 2 行是同一企业');
    expect(tableCounts(t)).toEqual(before);
  });

  it('re-confirming a rejected coded lead is refused while a name-only lead of the same company is active', async () => {
    const coded = await t.create(
      '/api/projects',
      lead('鹏程精密一期', { name: '芜湖鹏程精密制造有限公司', creditCode: code }),
    );
    await t.ok('POST', `/api/projects/${coded.id}/reject`, { reason: '重复报送' });
    const byName = await t.create(
      '/api/projects',
      lead('鹏程精密二期', { name: '芜湖鹏程精密制造有限公司' }, ids.B.id),
    );
    const r = await t.call('POST', `/api/projects/${coded.id}/confirm`, {});
    expect(r.status).toBe(409);
    expect(r.body.existingId).toBe(byName.id);
    expect((await t.get(`/api/projects/${coded.id}`)).body.status).toBe('rejected');
  });

  it('re-confirming a rejected name-only lead is refused while a coded lead of the same name is active', async () => {
    const byName = await t.create('/api/projects', lead('鹏程精密一期', { name: '芜湖鹏程精密制造有限公司' }));
    await t.ok('POST', `/api/projects/${byName.id}/reject`, { reason: '信息不全' });
    const coded = await t.create(
      '/api/projects',
      lead('鹏程精密二期', { name: '芜湖鹏程精密制造有限公司', creditCode: code }, ids.B.id),
    );
    const r = await t.call('POST', `/api/projects/${byName.id}/confirm`, {});
    expect(r.status).toBe(409);
    expect(r.body.existingId).toBe(coded.id);
    expect((await t.get(`/api/projects/${byName.id}`)).body.status).toBe('rejected');
  });
});
