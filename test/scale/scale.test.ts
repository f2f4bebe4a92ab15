// At the size where a list of ids bound into one statement goes over D1's 100 variables: a 150-fund family, a unit with
// 120 sub-units, and a manager bound to that family. Every report, list, export and page answers 200, for an admin and
// for that manager, with testApp's connection refusing any statement that binds more than 100 variables (as D1 does).
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import {
  buildScale,
  exportPaths,
  listPaths,
  pagePaths,
  reportPaths,
  sessionCookie,
  staffListPaths,
  staffPagePaths,
  type ScaleWorld,
} from './family';

let t: TestApp;
let w: ScaleWorld;
const cookies: Record<'admin' | 'manager', string> = { admin: '', manager: '' };

beforeAll(async () => {
  t = await testApp();
  w = await buildScale(t, 'scale');
  const fetch = async (path: string, init?: RequestInit) => t.app.request(path, init);
  cookies.admin = await sessionCookie(fetch, w.admin.username, w.admin.password);
  cookies.manager = await sessionCookie(fetch, w.manager.username, w.manager.password);
}, 120_000);

/** The status of a GET, and the start of its body when it is not 200 (to say why). */
async function statusOf(path: string, auth: Auth) {
  const headers: Record<string, string> = auth.cookie
    ? { cookie: auth.cookie }
    : { authorization: `Bearer ${auth.token}` };
  const res = await t.app.request(path, { headers });
  const text = res.status === 200 ? '' : (await res.text()).slice(0, 300);
  return res.status === 200 ? 200 : `${res.status} ${text}`;
}

type Auth = { token?: string; cookie?: string };

/** Every path answers 200 for each of the callers (one expectation, so a failure lists every call that is not 200). */
async function expectAll200(...callers: [who: string, auth: Auth, paths: string[]][]) {
  const answers: Record<string, number | string> = {};
  for (const [who, auth, paths] of callers)
    for (const path of paths) answers[`${who} GET ${path}`] = await statusOf(path, auth);
  expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 200])));
}

describe('a 150-fund family and a unit of 120 sub-units, with no statement binding more than 100 variables', () => {
  it('the world is as big as it says', async () => {
    expect(w.funds).toHaveLength(150);
    expect(w.subUnits).toHaveLength(120);
    expect((await t.ok('GET', `/api/me`, undefined, w.manager.token)).fundIds).toEqual([w.mother]);
  });

  it('every report answers 200 for an admin and for the family’s manager', async () => {
    await expectAll200(
      ['admin', { token: w.admin.token }, reportPaths(w)],
      ['manager', { token: w.manager.token }, reportPaths(w)],
    );
  });

  it('every list answers 200 for an admin and for the family’s manager', async () => {
    await expectAll200(
      ['admin', { token: w.admin.token }, [...listPaths(w), ...staffListPaths]],
      ['manager', { token: w.manager.token }, listPaths(w)],
    );
  });

  it('every export answers 200 for an admin and for the family’s manager', async () => {
    await expectAll200(
      ['admin', { token: w.admin.token }, exportPaths(w)],
      ['manager', { token: w.manager.token }, exportPaths(w)],
    );
  });

  it('every page answers 200 for an admin and for the family’s manager, with a session cookie', async () => {
    await expectAll200(
      ['admin', { cookie: cookies.admin }, [...pagePaths(w), ...staffPagePaths]],
      ['manager', { cookie: cookies.manager }, pagePaths(w)],
    );
  });

  it('the manager’s family figures count the whole family: all 12 projects are its leads', async () => {
    const m = await t.ok('GET', `/api/funds/${w.mother}/metrics?asOf=2026-10-31`, undefined, w.manager.token);
    expect(m.outcomes.leads).toBe(12);
    const listed = await t.ok('GET', `/api/projects?fundId=${w.mother}&limit=500`, undefined, w.manager.token);
    expect(listed.items.map((p: { id: number }) => p.id).sort((a: number, b: number) => a - b)).toEqual(w.projects);
  });
});
