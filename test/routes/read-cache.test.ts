// Reports, pages and exports kept by data version (src/http/read-cache.ts): a repeated read is answered from memory
// with a strong ETag (304 on If-None-Match), identical reads in flight compute once, and after every kind of write
// the next read is fresh: it equals what an app with nothing kept computes from the same database.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { AppOptions } from '../../src/app-types';
import { ADMIN_TOKEN, MIGRATIONS, sessionCookie, testApp, TODAY } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { csvOf, upload } from '../excel/fixtures';

const clock = { now: () => new Date(`${TODAY}T04:00:00Z`) };

/** The worked example, a manager of A, and a second app over the same database that keeps nothing: the reference. */
async function world(opts: AppOptions = {}) {
  const t = await testApp(opts);
  const ids = await buildWorkedExample(t);
  const manager = await t.userWith('manager', [ids.A.id]);
  const plain = createApp(() => t.db, { ...clock, cacheBytes: 0 });
  return { t, ids, manager, plain };
}
type World = Awaited<ReturnType<typeof world>>;

/** A leader of the world and its session cookie. */
async function leaderSession(w: World, username: string) {
  const leader = await w.t.create<{ id: number; username: string }>('/api/users', {
    username,
    role: 'leader',
    password: 'touyin-demo',
  });
  return { leader, cookie: await sessionCookie(w.t.app, leader.username, 'touyin-demo') };
}

const headersOf = (token: string | { cookie: string }) =>
  typeof token === 'string' ? { authorization: `Bearer ${token}` } : token;

async function read(
  app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> },
  path: string,
  token: string | { cookie: string },
) {
  const res = await app.request(path, { headers: headersOf(token) });
  return { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
}

/** Reads `path` (kept), runs `write`, and checks the next read changed and equals what nothing kept computes. */
async function freshAfter(
  w: World,
  paths: string[],
  write: () => Promise<unknown>,
  token: string | { cookie: string } = ADMIN_TOKEN,
) {
  const before = await Promise.all(paths.map((p) => read(w.t.app, p, token)));
  for (const [i, p] of paths.entries()) {
    expect(before[i]!.status, p).toBe(200);
    expect((await read(w.t.app, p, token)).body, `${p} is kept`).toBe(before[i]!.body);
  }
  await write();
  for (const [i, p] of paths.entries()) {
    const after = await read(w.t.app, p, token);
    const reference = await read(w.plain, p, token);
    expect(after.body, `${p} after the write`).toBe(reference.body);
    expect(after.body, `${p} changed`).not.toBe(before[i]!.body);
    expect(after.etag).not.toBe(before[i]!.etag);
  }
}

const FUNDS = '/api/reports/funds?asOf=2024-12-31';
const lead = (w: World, name: string, token?: string) =>
  w.t.create(
    '/api/projects',
    {
      name,
      sourceType: 'fund',
      sourceFundId: w.ids.A.id,
      reportedOn: '2024-10-01',
      plannedTotal: '70000000',
      introducingUnitId: w.ids.unit.id,
      landingUnitId: w.ids.unit.id,
    },
    token,
  );

describe('kept answers', () => {
  it('a repeated read is the same bytes with a strong ETag; If-None-Match answers 304 with no body', async () => {
    const w = await world();
    const first = await w.t.app.request(FUNDS, { headers: headersOf(ADMIN_TOKEN) });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"r[\w-]{27}"$/);
    const again = await w.t.app.request(FUNDS, { headers: headersOf(ADMIN_TOKEN) });
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(await first.text());
    const cond = await w.t.app.request(FUNDS, { headers: { ...headersOf(ADMIN_TOKEN), 'if-none-match': etag } });
    expect(cond.status).toBe(304);
    expect(await cond.text()).toBe('');
    // another reader's scope, or another query, is another answer
    expect((await read(w.t.app, FUNDS, w.manager.token)).etag).not.toBe(etag);
    expect((await read(w.t.app, '/api/reports/funds?asOf=2024-12-30', ADMIN_TOKEN)).etag).not.toBe(etag);
  });

  it('a manager never gets what was kept for a wider scope: its report lists its family only', async () => {
    const w = await world();
    const all = JSON.parse((await read(w.t.app, FUNDS, ADMIN_TOKEN)).body);
    const own = JSON.parse((await read(w.t.app, FUNDS, w.manager.token)).body);
    expect(all.funds.length).toBe(4);
    expect(own.funds.map((f: { fundId: number }) => f.fundId)).toEqual([w.ids.A.id]);
  });

  it('identical reads in flight are computed once', async () => {
    let computed = 0;
    const t = await testApp({
      runReport: async (request) => {
        computed++;
        return reference.request(request);
      },
    });
    const reference = createApp(() => t.db, { ...clock, cacheBytes: 0 });
    await buildWorkedExample(t);
    const answers = await Promise.all([1, 2, 3, 4].map(() => read(t.app, FUNDS, ADMIN_TOKEN)));
    expect(computed).toBe(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    await read(t.app, FUNDS, ADMIN_TOKEN);
    expect(computed).toBe(1);
  });

  it('with no bytes to keep (Workers), each read computes, and a current copy still gets its 304', async () => {
    const w = await world({ cacheBytes: 0 });
    const a = await read(w.t.app, FUNDS, ADMIN_TOKEN);
    const cond = await w.t.app.request(FUNDS, { headers: { ...headersOf(ADMIN_TOKEN), 'if-none-match': a.etag! } });
    expect(cond.status).toBe(304);
  });
});

describe('a write makes the next read fresh', () => {
  it('API writes: a lead, a milestone, an arrival, a commitment', async () => {
    const w = await world();
    const paths = [
      FUNDS,
      `/api/funds/${w.ids.A.id}/metrics?asOf=2024-12-31`,
      '/api/reports/units?asOf=2024-12-31',
      '/api/alerts?asOf=2024-12-31',
    ];
    await freshAfter(w, [FUNDS], () => lead(w, '新招引项目'));
    // P2, signed 2024-05-20 and not started, is 签约未开工 until it starts
    await freshAfter(w, paths, () =>
      w.t.create(`/api/projects/${w.ids.P2.id}/milestones`, { stage: 'started', on: '2024-12-01' }),
    );
    await freshAfter(w, [FUNDS], () =>
      w.t.create(`/api/projects/${w.ids.P1.id}/arrivals`, {
        amount: '1000',
        arrivedOn: '2024-10-01',
        kind: 'fixed_asset',
      }),
    );
    await freshAfter(w, [FUNDS], () =>
      w.t.create(`/api/funds/${w.ids.B.id}/commitments`, {
        investorType: 'social',
        investorName: '社会资本乙',
        amount: '1000000',
        committedOn: '2024-06-01',
      }),
    );
  });

  it('an import', async () => {
    const w = await world();
    const csv = csvOf([
      ['项目名称', '来源类型', '来源基金', '报送日期', '计划总投资（元）', '招引单位', '落地单位'],
      ['导入的新项目', '基金招引', 'A 子基金', '2024-09-01', 50000000, '鸠江区', '鸠江区'],
    ]);
    const fundName = (
      JSON.parse((await read(w.t.app, `/api/funds/${w.ids.A.id}`, ADMIN_TOKEN)).body) as { name: string }
    ).name;
    const unitName = (
      JSON.parse((await read(w.t.app, `/api/units/${w.ids.unit.id}`, ADMIN_TOKEN)).body) as { name: string }
    ).name;
    const file = csv.replace('A 子基金', fundName).replaceAll('鸠江区', unitName);
    await freshAfter(w, [FUNDS], async () => {
      const r = await upload(w.t, file, { name: 'leads.csv', type: 'text/csv' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    });
  });

  it('认定: confirming a manager’s pending lead, approving a credit', async () => {
    const w = await world();
    const pending = await lead(w, '管理人报送的线索', w.manager.token);
    expect(pending.status).toBe('pending');
    await freshAfter(w, [FUNDS, `/api/funds/${w.ids.A.id}/metrics?asOf=2024-12-31`], () =>
      w.t.ok('POST', `/api/projects/${pending.id}/confirm`, {}),
    );
    const credit = await w.t.create(`/api/funds/${w.ids.A.id}/reinvestment-credits`, {
      category: 'local_company',
      amount: '5000000',
      on: '2024-07-01',
      projectId: pending.id,
    });
    await freshAfter(w, [FUNDS], () => w.t.ok('POST', `/api/reinvestment-credits/${credit.id}/approve`, {}));
  });

  it('admin and staff settings: a target, a threshold', async () => {
    const w = await world();
    await freshAfter(w, ['/api/assessment?year=2024&asOf=2024-06-30'], () =>
      w.t.create('/api/targets', { unitId: w.ids.unit.id, year: 2024, metric: 'signed', value: '10' }),
    );
    await freshAfter(w, [`/api/funds/${w.ids.A.id}/performance?asOf=2024-12-31`], () =>
      w.t.create('/api/indicator-thresholds', { indicator: 'paidRatio', comparison: 'gte', value: '0.5' }),
    );
  });

  it('user and scope changes: a manager who loses a fund stops seeing it at once; a role change', async () => {
    const w = await world();
    const both = await w.t.userWith('manager', [w.ids.A.id, w.ids.B.id]);
    await freshAfter(
      w,
      [FUNDS],
      async () =>
        w.t.sqlite.prepare('delete from user_funds where user_id = ? and fund_id = ?').run(both.id, w.ids.B.id),
      both.token,
    );
    expect(
      JSON.parse((await read(w.t.app, FUNDS, both.token)).body).funds.map((f: { fundId: number }) => f.fundId),
    ).toEqual([w.ids.A.id]);
    // a role change (users is audited)
    await freshAfter(
      w,
      [FUNDS],
      async () => w.t.sqlite.prepare(`update users set role = 'leader', updated_by = 1 where id = ?`).run(both.id),
      both.token,
    );
  });

  it('pages: the cockpit after a lead, for a visitor with a session', async () => {
    const w = await world();
    const { leader, cookie } = await leaderSession(w, 'cache-leader');
    await freshAfter(
      w,
      ['/?asOf=2024-12-31', `/funds/${w.ids.A.id}?asOf=2024-12-31`, '/bulletins/2024-10'],
      () => lead(w, '驾驶舱新线索'),
      { cookie },
    );
    // a page is kept for its session only: another session of the same user carries its own CSRF token
    const other = await sessionCookie(w.t.app, leader.username, 'touyin-demo');
    const mine = await read(w.t.app, '/?asOf=2024-12-31', { cookie });
    const theirs = await read(w.t.app, '/?asOf=2024-12-31', { cookie: other });
    expect(theirs.etag).not.toBe(mine.etag);
    expect(theirs.body).not.toBe(mine.body);
  });

  it('an export', async () => {
    const w = await world();
    const path = '/api/exports/funds.xlsx?asOf=2024-12-31';
    const before = await w.t.app.request(path, { headers: headersOf(ADMIN_TOKEN) });
    const again = await w.t.app.request(path, { headers: headersOf(ADMIN_TOKEN) });
    expect(again.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(await before.arrayBuffer()))).toBe(true);
    await lead(w, '导出前的新线索');
    const after = await w.t.app.request(path, { headers: headersOf(ADMIN_TOKEN) });
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('a migration that changes what the reports read without an audited write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touyin-cache-migration-'));
    try {
      const w = await world();
      cpSync(MIGRATIONS, dir, { recursive: true });
      const journalFile = join(dir, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
        entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[];
      };
      const last = journal.entries.at(-1)!;
      journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_correct_fiscal_commitments' });
      writeFileSync(journalFile, JSON.stringify(journal));
      // A data fix below the audit triggers' sight (they are dropped for it, as a backfill might): one commitment doubled.
      writeFileSync(
        join(dir, '9999_correct_fiscal_commitments.sql'),
        [
          'DROP TRIGGER audit_commitments_update;',
          `UPDATE commitments SET amount_fen = amount_fen * 2 WHERE investor_type = 'fiscal';`,
        ].join('\n--> statement-breakpoint\n'),
      );
      await freshAfter(w, [FUNDS], async () => migrate(drizzle(w.t.sqlite), { migrationsFolder: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a kept answer costs one statement: the one that finds the visitor also reads the data version', () => {
  it('a report by token and a page by session, read again: one statement each, the same answer', async () => {
    const w = await world();
    const { cookie } = await leaderSession(w, 'cache-one-statement');
    const proto = Object.getPrototypeOf(w.t.sqlite.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
    let statements = 0;
    const methods = ['all', 'get', 'run', 'iterate'] as const;
    const originals = methods.map((m) => proto[m]!);
    methods.forEach((m, i) => {
      proto[m] = function (this: unknown, ...a: unknown[]) {
        statements++;
        return originals[i]!.apply(this, a);
      };
    });
    try {
      for (const [path, who] of [
        ['/api/reports/funds?asOf=2024-12-31', ADMIN_TOKEN],
        ['/?asOf=2024-12-31', { cookie }],
      ] as const) {
        const first = await read(w.t.app, path, who);
        statements = 0;
        const again = await read(w.t.app, path, who);
        expect({ path, statements, same: again.body === first.body, status: again.status }).toEqual({
          path,
          statements: 1,
          same: true,
          status: 200,
        });
        // a write moves the version read in that statement: the next read computes (more statements) and differs
      }
      await lead(w, '一条语句后的新线索');
      statements = 0;
      await read(w.t.app, '/api/reports/funds?asOf=2024-12-31', ADMIN_TOKEN);
      expect(statements).toBeGreaterThan(1);
    } finally {
      methods.forEach((m, i) => (proto[m] = originals[i]!));
    }
  });
});
