import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { ensureAdmin } from '../../src/bootstrap';
import { openDatabase } from '../../src/node';
import { startOtherProcess as startProcess } from './other-process';

const TOKEN = 'concurrency-test-admin-token';
const CONNECTIONS = 50;
const PROJECTS_EACH = 40;

/**
 * Another process writing the same file while the server is under load: transactions of 10 units rows
 * (`proc-i-j`, code = the commit's clock in ms), a 5 ms pause between them, and every 20th transaction holds the
 * write lock 30 ms longer, so the server's writers must wait for it. It counts SQLITE_BUSY failures instead of
 * dying on them, prints `ready` after 20 transactions and `{"committed","busy","failed"}` when the stop file
 * appears (at most 60 s, 20,000 transactions).
 */
const otherProcess = `
const Database = require(process.env.SQLITE_MODULE);
const fs = require('node:fs');
const db = new Database(process.env.DB_FILE);
db.pragma('busy_timeout = 5000');
const insert = db.prepare('insert into units (name, code) values (?, ?)');
const pause = new Int32Array(new SharedArrayBuffer(4));
const batch = db.transaction((i) => {
  for (let j = 0; j < 10; j++) insert.run('proc-' + i + '-' + j, String(Date.now()));
  if (i % 20 === 0) Atomics.wait(pause, 0, 0, 30);
});
const deadline = Date.now() + 60000;
let committed = 0, busy = 0, failed = 0;
for (let i = 0; i < 20000 && Date.now() < deadline && !fs.existsSync(process.env.STOP_FILE); i++) {
  try {
    batch.immediate(i);
    committed++;
  } catch (err) {
    if (String(err.code).startsWith('SQLITE_BUSY')) busy++; else failed++;
  }
  if (i === 19) fs.writeSync(1, 'ready\\n');
  Atomics.wait(pause, 0, 0, 5);
}
db.close();
fs.writeSync(1, JSON.stringify({ committed, busy, failed }) + '\\n');
`;

const startOtherProcess = (file: string, stopFile: string) =>
  startProcess<{ committed: number; busy: number; failed: number }>(otherProcess, file, stopFile, 'the other writer');

let dir = '';
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('concurrent writers on one SQLite file', () => {
  it(`${CONNECTIONS} HTTP connections × ${PROJECTS_EACH} projects plus milestones, with another process writing: every acknowledged write is kept, no 5xx, no SQLITE_BUSY`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'touyin-concurrency-'));
    const file = join(dir, 'touyin.db');
    const { sqlite, db } = openDatabase(file);
    await ensureAdmin(db, TOKEN);
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
    const app = createApp(() => db);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((ok) => (server.listening ? ok() : server.once('listening', () => ok())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const statuses = new Map<number, number>();
    let networkErrors = 0;
    const post = async (path: string, body: unknown) => {
      let res: Response;
      try {
        res = await fetch(base + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      } catch {
        networkErrors++;
        return null;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const json = (await res.json()) as any;
      return res.status >= 200 && res.status < 300 ? json : null;
    };

    const stopFile = join(dir, 'stop');
    const other = startOtherProcess(file, stopFile);
    try {
      const unit = await post('/api/units', { name: '鸠江区' });
      const mother = await post('/api/funds', { name: '鸠江区区级母基金', level: 'mother', homeUnitId: unit.id });
      const subs = [
        await post('/api/funds', { name: '智能制造产业子基金', level: 'sub', parentId: mother.id }),
        await post('/api/funds', { name: '人工智能产业子基金', level: 'sub', parentId: mother.id }),
      ];
      await other.ready;

      const acked = new Map<number, { name: string; fundId: number; company: string | null }>();
      const signed = new Map<number, number>(); // milestone id → project id
      const loadStart = Date.now();
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, w) => {
          for (let j = 0; j < PROJECTS_EACH; j++) {
            const fundId = subs[(w + j) % 2]!.id;
            const name = `并发项目-${w}-${j}`;
            // Half the projects bring a new company: a two-statement atomic write (company, then project).
            const company = j % 2 === 0 ? `并发测试企业${w}号${j}有限公司` : null;
            const p = await post('/api/projects', {
              name,
              sourceType: 'fund',
              sourceFundId: fundId,
              reportedOn: '2024-01-10',
              plannedTotal: '120000000',
              introducingUnitId: unit.id,
              landingUnitId: unit.id,
              ...(company && { company: { name: company } }),
            });
            if (!p) continue;
            acked.set(p.id, { name, fundId, company });
            // Every third project is signed: a milestone plus the project's reached dates, in one transaction.
            if (j % 3 === 0) {
              const m = await post(`/api/projects/${p.id}/milestones`, { stage: 'signed', on: '2024-03-01' });
              if (m) signed.set(m.id, p.id);
            }
          }
        }),
      );
      const loadEnd = Date.now();
      writeFileSync(stopFile, '');
      const proc = await other.done;
      await new Promise<void>((ok) => server.close(() => ok()));
      sqlite.close();
      console.info(
        `touyin concurrency: ${acked.size} projects + ${signed.size} milestones acknowledged in ${loadEnd - loadStart} ms ` +
          `over ${CONNECTIONS} connections; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `other process: ${proc.committed} transactions committed, ${proc.busy} busy, ${proc.failed} failed`,
      );

      // Every request answered 201: 3 setup funds + 1 unit, 50 × 40 projects, and for j ∈ {0,3,…,39} (14 of 40) a milestone.
      const milestonesSent =
        CONNECTIONS * Array.from({ length: PROJECTS_EACH }, (_, j) => j).filter((j) => j % 3 === 0).length;
      expect(Object.fromEntries(statuses)).toEqual({ 201: 4 + CONNECTIONS * PROJECTS_EACH + milestonesSent });
      expect(networkErrors).toBe(0);
      expect(errors.filter((e) => /SQLITE_BUSY|database is locked/i.test(e))).toEqual([]);
      expect(errors).toEqual([]);
      expect(acked.size).toBe(CONNECTIONS * PROJECTS_EACH);
      expect(signed.size).toBe(milestonesSent);
      // The other process queued behind the server too: it never failed, and it committed while the load ran.
      expect(proc.busy).toBe(0);
      expect(proc.failed).toBe(0);

      const check = new Database(file, { readonly: true });
      try {
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = check
          .prepare(
            `select p.id, p.name, p.source_fund_id as fundId, c.name as company, p.signed_on as signedOn from projects p left join companies c on c.id = p.company_id`,
          )
          .all() as { id: number; name: string; fundId: number; company: string | null; signedOn: string | null }[];
        const found = new Map(rows.map((r) => [r.id, r]));
        const lost = [...acked].filter(([id, a]) => {
          const r = found.get(id);
          return !r || r.name !== a.name || r.fundId !== a.fundId || r.company !== a.company;
        });
        expect(lost).toEqual([]);
        expect(rows.length).toBe(acked.size); // and nothing unacknowledged was written
        const milestoneRows = check
          .prepare(`select id, project_id as projectId from milestones where stage = 'signed' and current = 1`)
          .all() as { id: number; projectId: number }[];
        expect(new Map(milestoneRows.map((m) => [m.id, m.projectId]))).toEqual(signed);
        const signedProjects = new Set(signed.values());
        expect(
          rows
            .filter((r) => r.signedOn === '2024-03-01')
            .map((r) => r.id)
            .sort((a, b) => a - b),
        ).toEqual([...signedProjects].sort((a, b) => a - b));
        // The other process's rows are all there (10 per committed transaction), some committed during the HTTP load.
        expect(check.prepare(`select count(*) as n from units where name like 'proc-%'`).get()).toEqual({
          n: proc.committed * 10,
        });
        const during = check
          .prepare(`select count(*) as n from units where name like 'proc-%' and cast(code as integer) between ? and ?`)
          .get(loadStart, loadEnd) as { n: number };
        expect(during.n).toBeGreaterThan(0);
      } finally {
        check.close();
      }
    } finally {
      writeFileSync(stopFile, '');
      await other.done.catch(() => undefined);
      if (server.listening) server.close();
      if (sqlite.open) sqlite.close();
    }
  }, 90_000);
});
