// The Workers proof at scale: on D1 (100 bound variables a statement, one round trip a statement), a 150-fund family, a
// unit with 120 sub-units and a manager bound to that family. Every report, list, export and page answers 200, and each
// report and each page costs the same number of D1 statements — at most 10 — with 6 funds as with 150; the world carries
// the service loop (owners, node plans, requests with history, activities), so the 通报, alerts and service report count it.
//
// The worker is called through its fetch handler with a DB binding that counts what the app asks of D1 (prepare and
// exec: one statement each, whether run alone or in a batch).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import {
  buildScale,
  exportPaths,
  listPaths,
  pagePaths,
  reportCalls,
  sessionCookie,
  staffListPaths,
  staffPagePaths,
  type ScaleWorld,
} from '../scale/family';
import { clientOfWorker } from './client';

/** The D1 statements of the request in flight. */
let statements: string[] = [];

/** The DB binding, counting each statement the app prepares or executes. */
const countingDb = new Proxy(env.DB, {
  get(target, prop) {
    if (prop === 'prepare') {
      return (query: string) => {
        statements.push(query);
        return target.prepare(query);
      };
    }
    if (prop === 'exec') {
      return (query: string) => {
        statements.push(...query.split(';').filter((q) => q.trim()));
        return target.exec(query);
      };
    }
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
const countedEnv = { DB: countingDb, TOUYIN_ADMIN_TOKEN: env.TOUYIN_ADMIN_TOKEN };

async function workerFetch(request: Request) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, countedEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
const client = clientOfWorker(workerFetch);
const fetchPath = (path: string, init?: RequestInit) => workerFetch(new Request(`https://touyin.test${path}`, init));

type Auth = { token?: string; cookie?: string };

/** One GET: its status (with the start of the body when not 200) and the D1 statements it cost. */
async function measure(path: string, auth: Auth) {
  statements = [];
  const res = await fetchPath(path, {
    headers: auth.cookie ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.token}` },
  });
  const body = await res.arrayBuffer();
  const count = statements.length;
  const status = res.status === 200 ? 200 : `${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`;
  return { status, count };
}

interface Side {
  world: ScaleWorld;
  managerCookie: string;
  adminCookie: string;
  /** `<who> <what>` → D1 statements of that call, and → its status. */
  counts: Record<string, number>;
  statuses: Record<string, number | string>;
}

/** The reports, the funds export and every page, as the admin and as the family's manager (/review and /records: the admin's). */
async function measureReports(world: ScaleWorld): Promise<Side> {
  const adminCookie = await sessionCookie(fetchPath, world.admin.username, world.admin.password);
  const managerCookie = await sessionCookie(fetchPath, world.manager.username, world.manager.password);
  const calls: Record<string, [path: string, token: string, cookie: string]> = {};
  for (const [who, token, cookie] of [
    ['admin', world.admin.token, adminCookie],
    ['manager', world.manager.token, managerCookie],
  ] as const) {
    for (const [what, path] of Object.entries(reportCalls(world))) calls[`${who} ${what}`] = [path, token, cookie];
    calls[`${who} funds export`] = ['/api/exports/funds.xlsx?asOf=2026-10-31', token, cookie];
    calls[`${who} bulletin export`] = ['/api/exports/bulletin.xlsx?month=2026-10', token, cookie];
    calls[`${who} bulletin page`] = ['/bulletins/2026-10', token, cookie];
    calls[`${who} cockpit page`] = ['/?asOf=2026-10-31', token, cookie];
    calls[`${who} family page`] = [`/funds/${world.mother}`, token, cookie];
    calls[`${who} deepest fund page`] = [`/funds/${world.deepest}`, token, cookie];
    calls[`${who} family performance page`] = [`/funds/${world.mother}/performance`, token, cookie];
    calls[`${who} projects page`] = ['/projects', token, cookie];
    calls[`${who} family projects page`] = [`/projects?fundId=${world.mother}&stage=reported`, token, cookie];
    calls[`${who} project page`] = [`/projects/${world.projects[0]}`, token, cookie];
    calls[`${who} lead form page`] = ['/projects/new', token, cookie];
    calls[`${who} import page`] = ['/import', token, cookie];
  }
  calls['admin review page'] = ['/review', world.admin.token, adminCookie];
  calls['admin records page'] = ['/records', world.admin.token, adminCookie];
  const counts: Record<string, number> = {};
  const statuses: Record<string, number | string> = {};
  for (const [label, [path, token, cookie]] of Object.entries(calls)) {
    const m = await measure(path, label.endsWith('page') ? { cookie } : { token });
    counts[label] = m.count;
    statuses[label] = m.status;
  }
  return { world, adminCookie, managerCookie, counts, statuses };
}

let small: Side;
let big: Side;

// One D1 for the file: first a 6-fund family with a 6-sub-unit unit is built and measured, then the 150-fund family and
// the 120-sub-unit unit are added and everything is measured again — the all-funds reports then cover 156 funds.
beforeAll(async () => {
  small = await measureReports(await buildScale(client, 'small', { funds: 6, subUnits: 6 }));
  big = await measureReports(await buildScale(client, 'big', { funds: 150, subUnits: 120 }));
}, 600_000);

const all200 = (statuses: Record<string, unknown>) => Object.fromEntries(Object.keys(statuses).map((k) => [k, 200]));

describe('touyin on D1 at 150 funds and 120 sub-units', () => {
  it('built what it says: 150 funds in the family, 120 sub-units, a manager bound to the mother', async () => {
    expect(big.world.funds).toHaveLength(150);
    expect(big.world.subUnits).toHaveLength(120);
    expect((await client.ok('GET', '/api/me', undefined, big.world.manager.token)).fundIds).toEqual([big.world.mother]);
  });

  it('every report, the funds export and every page answer 200, at 6 funds and at 150, for an admin and the manager', () => {
    expect(small.statuses).toEqual(all200(small.statuses));
    expect(big.statuses).toEqual(all200(big.statuses));
  });

  it('every list, export and page answers 200 for an admin and for the family’s manager', async () => {
    const w = big.world;
    const statuses: Record<string, number | string> = {};
    const admin = { token: w.admin.token };
    const manager = { token: w.manager.token };
    for (const path of [...listPaths(w), ...staffListPaths, ...exportPaths(w)])
      statuses[`admin GET ${path}`] = (await measure(path, admin)).status;
    for (const path of [...listPaths(w), ...exportPaths(w)])
      statuses[`manager GET ${path}`] = (await measure(path, manager)).status;
    for (const path of [...pagePaths(w), ...staffPagePaths])
      statuses[`admin page ${path}`] = (await measure(path, { cookie: big.adminCookie })).status;
    for (const path of pagePaths(w))
      statuses[`manager page ${path}`] = (await measure(path, { cookie: big.managerCookie })).status;
    expect(statuses).toEqual(all200(statuses));
  });

  it('each report, the funds export and each page cost at most 10 D1 statements', () => {
    const over = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 10));
    expect({ at6: over(small.counts), at150: over(big.counts) }).toEqual({ at6: {}, at150: {} });
  });

  it('counts the 通报 (JSON, page, .xlsx), the alerts and the service report on a world with the service loop', () => {
    const counted = Object.keys(big.counts).filter((k) => /bulletin|alerts|service report/.test(k));
    expect(counted.sort()).toEqual(
      ['admin', 'manager']
        .flatMap((who) =>
          [
            'alerts',
            'alerts of the family',
            'bulletin',
            'bulletin export',
            'bulletin page',
            'bulletin, landing view',
            'service report',
            'service report of the family, landing view',
          ].map((what) => `${who} ${what}`),
        )
        .sort(),
    );
    for (const k of counted) expect(big.counts[k], k).toBeLessThanOrEqual(10);
  });

  it('each costs the same number of D1 statements with 150 funds and 120 sub-units as with 6', () => {
    expect(big.counts).toEqual(small.counts);
  });
});
