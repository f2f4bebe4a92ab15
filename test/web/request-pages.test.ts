// The 企业诉求 pages without a browser: what each role sees and may do, a bad filter a 400 page in Chinese, another
// family's request or project a 404 page, never a 500.
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildWorkedExample>>;
let cookies: { staff: string; manager: string; other: string; leader: string };
let mine: number;
let companyOnly: number;

beforeAll(async () => {
  t = await testApp();
  w = await buildWorkedExample(t);
  for (const [username, role, fundIds] of [
    ['mgr-a', 'manager', [w.A.id]],
    ['mgr-c', 'manager', [w.C.id]],
    ['clerk', 'staff', undefined],
    ['boss', 'leader', undefined],
  ] as const)
    await t.create('/api/users', { username, role, fundIds, password: 'secret-pass-1' });
  cookies = {
    manager: await sessionCookie(t.app, 'mgr-a', 'secret-pass-1'),
    other: await sessionCookie(t.app, 'mgr-c', 'secret-pass-1'),
    staff: await sessionCookie(t.app, 'clerk', 'secret-pass-1'),
    leader: await sessionCookie(t.app, 'boss', 'secret-pass-1'),
  };
  const raise = async (body: Record<string, unknown>) =>
    (
      await t.create('/api/requests', {
        category: 'land',
        unitId: w.unit.id,
        raisedOn: '2026-11-01',
        description: '用地指标未落实',
        ...body,
      })
    ).id as number;
  mine = await raise({ projectId: w.P1.id });
  companyOnly = await raise({ companyId: w.W.id, category: 'other', description: '老股转让后的工商变更' });
});

const open = async (path: string, cookie: string) => {
  const res = await t.app.request(path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
};

describe('企业诉求 pages', () => {
  it('staff see every request with 超期 marked and the next step; a manager only its funds’, without steps', async () => {
    const staffList = await open('/requests', cookies.staff);
    expect(staffList.status).toBe(200);
    expect(staffList.html).toContain('老股转让后的工商变更');
    expect(staffList.html).toMatch(/待受理.*超期/s); // due 16 Nov, today 22 Nov
    const managerList = await open('/requests', cookies.manager);
    expect(managerList.html).toContain('用地指标未落实');
    expect(managerList.html).not.toContain('老股转让后的工商变更');
    expect((await open('/requests', cookies.other)).html).toContain('暂无诉求');
    expect((await open(`/requests/${mine}`, cookies.staff)).html).toContain('id="step-accepted"');
    const managerPage = await open(`/requests/${mine}`, cookies.manager);
    expect([managerPage.status, managerPage.html.includes('id="request-steps"')]).toEqual([200, false]);
    expect((await open('/requests?overdue=1&category=other', cookies.staff)).html).toContain('老股转让后的工商变更');
    expect((await open('/requests?category=labour', cookies.staff)).html).toContain('暂无诉求');
  });

  it('answers another family’s request or project with the 404 page, a bad filter with the 400 page', async () => {
    for (const [path, cookie] of [
      [`/requests/${mine}`, cookies.other],
      [`/requests/${companyOnly}`, cookies.manager],
      [`/requests/new?projectId=${w.P1.id}`, cookies.other],
      ['/requests/999999', cookies.staff],
    ] as const) {
      const r = await open(path, cookie);
      expect([r.status, r.html.includes('data-status="404"')], path).toEqual([404, true]);
    }
    const bad = await open('/requests?status=done', cookies.staff);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('状态');
    expect(bad.html).toContain('待受理');
    expect((await open('/requests/new', cookies.leader)).status).toBe(403);
  });

  it('the project page lists its requests with 提出诉求; the form offers a manager its funds’ projects only', async () => {
    const project = await open(`/projects/${w.P1.id}`, cookies.manager);
    expect(project.html).toContain('企业诉求（1）');
    expect(project.html).toContain(`/requests/new?projectId=${w.P1.id}`);
    expect((await open(`/projects/${w.P1.id}`, cookies.leader)).html).not.toContain('id="raise-request"');
    const form = await open(`/requests/new?projectId=${w.P1.id}`, cookies.manager);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<option value="${w.P1.id}" selected="">`);
    expect(form.html).not.toContain('name="companyId"');
    expect((await open('/requests/new', cookies.other)).html).not.toContain('星辰智能装备华东生产基地');
  });

  it('offers staff the companies by name for a request without a project, never an id to type', async () => {
    const form = await open('/requests/new', cookies.staff);
    const picker = /<select name="companyId"[^>]*>([\s\S]*?)<\/select>/.exec(form.html)?.[1] ?? '';
    expect(picker).toContain(`<option value="${w.W.id}">`);
    expect(form.html).not.toMatch(/<input[^>]*name="companyId"/);
  });

  it('shows the settings card on /records to staff, with each category’s days', async () => {
    await t.ok('PUT', '/api/settings', { requestDays: { land: 30 } });
    const records = await open('/records', cookies.staff);
    expect(records.html).toContain('id="settings-form"');
    expect(records.html).toMatch(/name="requestDays.land"[^>]*value="30"/);
  });
});
