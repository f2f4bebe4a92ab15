import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkedExample } from '../worked-example';
import { asTestApp, call, create, fresh, ok } from './client';

// 招商活动 through the worker on D1: the activity and its child rows in one batch (each child finds its activity as the
// newest one), read back whole; a manager of another fund gets 404.
describe('招商活动 on Workers + D1', () => {
  let w: Awaited<ReturnType<typeof buildWorkedExample>>;
  let other: { token: string };
  beforeAll(async () => {
    w = await buildWorkedExample(asTestApp());
    other = await create('/api/users', { username: fresh('activities-mgr-'), role: 'manager', fundIds: [w.C.id] });
  }, 60_000);

  it('writes an activity with participants, companies and projects, and reads it back', async () => {
    const a = await create('/api/activities', {
      unitId: w.unit.id,
      fundId: w.A.id,
      kind: 'event',
      startedOn: '2024-09-10',
      participantNames: ['招商局 王强'],
      companies: [{ name: '芜湖星辰智能装备有限公司' }, { name: '某未登记企业' }],
      projects: [{ projectId: w.P1.id, link: 'produced' }],
    });
    expect(a.companies).toEqual([
      { name: '芜湖星辰智能装备有限公司', companyId: w.X.companyId },
      { name: '某未登记企业', companyId: null },
    ]);
    expect(a.projects).toEqual([{ projectId: w.P1.id, name: '星辰智能装备华东生产基地', link: 'produced' }]);
    expect(await ok('GET', `/api/activities/${a.id}`)).toEqual(a);
    expect((await ok('GET', `/api/activities?unitId=${w.unit.id}&kind=event`)).items.map((i: any) => i.id)).toContain(
      a.id,
    );
    expect((await call('GET', `/api/activities/${a.id}`, undefined, { token: other.token })).status).toBe(404);
  });
});
