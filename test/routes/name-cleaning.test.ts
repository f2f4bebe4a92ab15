// Names and labels are stored as cleanName() gives them (issue 21.6): invisible characters and bidi controls are
// dropped and runs of spaces become one, so `人工智能\u200b` is the key chain 人工智能 (a 409, not a second chain that
// is always a gap) and a threshold label cannot carry U+202E; a company renamed onto another company's name is 409.
import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});

const ZWSP = '\u200b';
const RLO = '\u202e';

describe('chains', () => {
  it('a look-alike of a key chain is that chain: 409 naming it, and one chain on the map', async () => {
    const chain = await t.create<{ id: number; name: string }>('/api/chains', { name: '人工智能' });
    for (const name of [`人工智能${ZWSP}`, `人工${'\u2060'}智能`, ` 人工智能${'\ufeff'}`]) {
      const again = await t.call('POST', '/api/chains', { name });
      expect(again.status, JSON.stringify(name)).toBe(409);
      expect(again.body.existingId).toBe(chain.id);
      expect(again.body.error.message).toContain('人工智能');
    }
    expect((await t.ok('GET', '/api/chains')).items).toHaveLength(1);
  });

  it('a project naming the chain with an invisible character counts for it, so the node is not a gap', async () => {
    await t.create('/api/chains', {
      name: `人工智能${ZWSP}`,
      leader: `张${RLO}三`,
      leadCompanies: [`链主${ZWSP}企业有限公司`],
    });
    const unit = await t.create<{ id: number }>('/api/units', { name: '鸠江区' });
    const p = await t.create<{ id: number; chain: string }>('/api/projects', {
      name: '智能芯片项目',
      sourceType: 'business',
      reportedOn: '2024-01-10',
      plannedTotal: '1000000',
      chain: `${ZWSP}人工智能`,
      chainNode: 'upstream',
      introducingUnitId: unit.id,
      landingUnitId: unit.id,
    });
    expect(p.chain).toBe('人工智能');
    await t.create(`/api/projects/${p.id}/milestones`, { stage: 'registered', on: '2024-03-01' });
    const map = await t.ok('GET', '/api/reports/chains?asOf=2024-12-31');
    expect(map.chains.map((c: { chain: string; key: boolean }) => [c.chain, c.key])).toEqual([['人工智能', true]]);
    const chain = map.chains[0];
    expect(chain.leader).toBe('张三');
    expect(chain.leadCompanies).toEqual(['链主企业有限公司']);
    const upstream = chain.nodes.find((n: { node: string }) => n.node === 'upstream');
    expect(upstream).toMatchObject({ landed: 1, gap: false });
  });
});

describe('names and labels', () => {
  it('a threshold label, a unit, a fund and its manager are stored without bidi controls or invisible characters, spaces folded', async () => {
    const threshold = await t.create<{ label: string }>('/api/indicator-thresholds', {
      indicator: 'dpi',
      comparison: 'gte',
      value: '1',
      label: `达标${RLO}线`,
    });
    expect(threshold.label).toBe('达标线');
    const unit = await t.create<{ name: string; peerGroup: string }>('/api/units', {
      name: `鸠江${ZWSP}区`,
      peerGroup: `城区  ${RLO}一组`,
    });
    expect(unit).toMatchObject({ name: '鸠江区', peerGroup: '城区 一组' });
    const fund = await t.create<{ name: string; manager: string }>('/api/funds', {
      name: `${RLO}人工智能产业母基金`,
      level: 'mother',
      manager: `某${ZWSP}管理人  有限公司`,
    });
    expect(fund).toMatchObject({ name: '人工智能产业母基金', manager: '某管理人 有限公司' });
  });

  it('a name that is only invisible characters is still refused', async () => {
    const r = await t.call('POST', '/api/chains', { name: `${ZWSP}${RLO}` });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe('name');
  });
});

describe('PATCH /api/companies/:id', () => {
  it('renaming a company onto another company’s name (the same name key) is 409 and changes nothing; its own spelling may change', async () => {
    const a = await t.create<{ id: number }>('/api/companies', { name: '芜湖甲科技有限公司' });
    const b = await t.create<{ id: number; version: number }>('/api/companies', { name: '芜湖乙科技有限公司' });
    for (const name of ['芜湖甲科技有限公司', `芜湖甲科技${ZWSP}有限公司`, '芜湖 甲科技 有限公司']) {
      const r = await t.call('PATCH', `/api/companies/${b.id}`, { name });
      expect(r.status, name).toBe(409);
      expect(r.body.existingId).toBe(a.id);
    }
    expect((await t.ok('GET', `/api/companies/${b.id}`)).name).toBe('芜湖乙科技有限公司');
    const own = await t.call('PATCH', `/api/companies/${a.id}`, { name: '芜湖甲科技 有限公司' });
    expect(own.status).toBe(200);
    expect(own.body.name).toBe('芜湖甲科技 有限公司');
  });
});
