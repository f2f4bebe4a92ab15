import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, backupFilesDir, restoreDatabase } from '../../scripts/backup';
import { nodeFileStore } from '../../src/node';
import { pdfBytes, uploadRequest } from '../evidence-files';
import { createApp } from '../../src/app';
import { ensureAdmin } from '../../src/bootstrap';
import { openDatabase } from '../../src/node';
import { startOtherProcess } from './other-process';

const root = resolve(import.meta.dirname, '../..');
const TOKEN = 'backup-test-admin-token';

/**
 * A second process that writes the database as fast as it can: each transaction inserts a pair of units, `pair-i-a`
 * and its child `pair-i-b`, so a consistent snapshot holds whole pairs 0..k-1 and nothing else. It prints `ready`
 * after 200 pairs and `{"committed":n}` when the stop file appears (or after 30 s / 200,000 pairs at most).
 */
const writerCode = `
const Database = require(process.env.SQLITE_MODULE);
const fs = require('node:fs');
const db = new Database(process.env.DB_FILE);
db.pragma('busy_timeout = 5000');
const insert = db.prepare('insert into units (name, parent_id) values (?, ?)');
const pair = db.transaction((i) => {
  const a = insert.run('pair-' + i + '-a', null);
  insert.run('pair-' + i + '-b', a.lastInsertRowid);
});
const deadline = Date.now() + 30000;
let i = 0;
while (i < 200000 && Date.now() < deadline && !fs.existsSync(process.env.STOP_FILE)) {
  pair.immediate(i++);
  if (i === 200) fs.writeSync(1, 'ready\\n');
}
db.close();
fs.writeSync(1, JSON.stringify({ committed: i }) + '\\n');
`;

const startWriter = (file: string, stopFile: string) =>
  startOtherProcess<{ committed: number }>(writerCode, file, stopFile, 'writer');

/** What a database holds of the writer's pairs: how many, and whether they are exactly pairs 0..k-1, whole. */
function pairsIn(sqlite: Database.Database) {
  const a = sqlite.prepare(`select count(*) as n from units where name like 'pair-%-a'`).get() as { n: number };
  const b = sqlite.prepare(`select count(*) as n from units where name like 'pair-%-b'`).get() as { n: number };
  // Every child must point at its own parent; a torn snapshot would leave a parent without its child.
  const whole = sqlite
    .prepare(
      `select count(*) as n from units pa join units pb on pb.parent_id = pa.id
       where pa.name like 'pair-%-a' and pb.name = substr(pa.name, 1, length(pa.name) - 1) || 'b'`,
    )
    .get() as { n: number };
  const maxIndex = sqlite
    .prepare(
      `select coalesce(max(cast(substr(name, 6, length(name) - 7) as integer)), -1) as i from units where name like 'pair-%-a'`,
    )
    .get() as { i: number };
  return { a: a.n, b: b.n, whole: whole.n, maxIndex: maxIndex.i };
}

async function call(app: ReturnType<typeof createApp>, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('online backup and restore', () => {
  it('copies a consistent snapshot while another process writes, and the restored copy serves the data', async () => {
    dir = mkdtempSync(join(tmpdir(), 'touyin-backup-'));
    const file = join(dir, 'touyin.db');
    const server = openDatabase(file);
    await ensureAdmin(server.db, TOKEN);
    const app = createApp(() => server.db);
    const unit = await call(app, 'POST', '/api/units', { name: '鸠江区' });
    const fund = await call(app, 'POST', '/api/funds', {
      name: '鸠江区区级母基金',
      level: 'mother',
      homeUnitId: unit.body.id,
    });
    const project = await call(app, 'POST', '/api/projects', {
      name: '备份前报送的项目',
      sourceType: 'fund',
      sourceFundId: fund.body.id,
      reportedOn: '2024-01-10',
      plannedTotal: '300000000',
      introducingUnitId: unit.body.id,
      landingUnitId: unit.body.id,
    });
    expect([unit.status, fund.status, project.status]).toEqual([201, 201, 201]);

    const stopFile = join(dir, 'stop');
    const writer = startWriter(file, stopFile);
    try {
      await writer.ready;
      const backupFile = join(dir, 'backups', 'touyin-copy.db');
      const report = await backupDatabase(file, backupFile);
      writeFileSync(stopFile, '');
      const { committed } = await writer.done;

      const copy = new Database(backupFile, { readonly: true });
      const pairs = pairsIn(copy);
      copy.close();
      // Consistent: only whole pairs, and exactly pairs 0..k-1 (the writer commits them in order).
      expect(pairs.a).toBe(pairs.b);
      expect(pairs.whole).toBe(pairs.a);
      expect(pairs.maxIndex).toBe(pairs.a - 1);
      // The writer had committed 200 pairs (it said ready) before the backup began, and never more than it reports.
      expect(pairs.a).toBeGreaterThanOrEqual(200);
      expect(pairs.a).toBeLessThanOrEqual(committed);
      expect(report.integrity).toBe('ok');
      expect(report.counts.units).toBe(2 * pairs.a + 1); // the pairs plus 鸠江区
      expect(report.counts.projects).toBe(1);

      // A stopped server's leftovers at the restore target: a database with a newer WAL that was never checkpointed.
      const target = join(dir, 'restored', 'touyin.db');
      const old = openDatabase(target);
      old.sqlite.pragma('wal_autocheckpoint = 0');
      old.sqlite.prepare(`insert into units (name) values ('stale-before-restore')`).run();
      const staleWal = join(dir, 'stale-wal');
      const staleShm = join(dir, 'stale-shm');
      copyFileSync(`${target}-wal`, staleWal);
      copyFileSync(`${target}-shm`, staleShm);
      old.sqlite.close();
      copyFileSync(staleWal, `${target}-wal`);
      copyFileSync(staleShm, `${target}-shm`);

      const restored = restoreDatabase(backupFile, target);
      expect(existsSync(`${target}-wal`)).toBe(false);
      expect(existsSync(`${target}-shm`)).toBe(false);
      expect(restored.counts).toEqual(report.counts);

      const back = openDatabase(target);
      try {
        expect((back.sqlite.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
        expect(pairsIn(back.sqlite)).toEqual(pairs);
        expect(
          back.sqlite.prepare(`select count(*) as n from units where name = 'stale-before-restore'`).get(),
        ).toEqual({ n: 0 });
        const restoredApp = createApp(() => back.db);
        const got = await call(restoredApp, 'GET', `/api/projects/${project.body.id}`);
        expect(got.status).toBe(200);
        expect(got.body.name).toBe('备份前报送的项目');
        expect(got.body.plannedTotal).toBe('300000000.00');
        // The restored database takes writes again.
        expect((await call(restoredApp, 'POST', '/api/units', { name: '恢复后新增单位' })).status).toBe(201);
      } finally {
        back.sqlite.close();
      }
    } finally {
      writeFileSync(stopFile, '');
      await writer.done.catch(() => undefined);
      server.sqlite.close();
    }
  }, 60_000);

  it('npm run backup copies TOUYIN_DB, prints integrity and counts, and never overwrites a backup', () => {
    dir = mkdtempSync(join(tmpdir(), 'touyin-backup-cli-'));
    const file = join(dir, 'touyin.db');
    const { sqlite } = openDatabase(file);
    const insert = sqlite.prepare('insert into units (name) values (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run(`单位${i}`);
    })();
    sqlite.close();
    const dest = join(dir, 'out', 'copy.db');
    const run = () =>
      spawnSync('npx', ['tsx', 'scripts/backup.ts', dest], {
        cwd: root,
        env: { ...process.env, TOUYIN_DB: file },
        encoding: 'utf8',
      });

    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('integrity_check：ok');
    expect(first.stdout).toMatch(/^ {2}units +25$/m);
    expect(first.stdout).toMatch(/^ {2}audit_log +25$/m); // one audit row per inserted unit, from the triggers
    const copy = new Database(dest, { readonly: true });
    expect(copy.prepare('select count(*) as n from units').get()).toEqual({ n: 25 });
    // A backup is one self-contained file: rollback journal, no -wal beside it.
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(existsSync(`${dest}-wal`)).toBe(false);

    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('备份文件已存在');
  }, 60_000);

  it('npm run backup copies the evidence files its rows name beside the database, and --restore puts them back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'touyin-backup-files-'));
    const file = join(dir, 'touyin.db');
    const filesDir = join(dir, 'files');
    const { sqlite, db } = openDatabase(file);
    await ensureAdmin(db, TOKEN);
    const app = createApp(() => db, { files: () => nodeFileStore(filesDir) });
    const unit = (await (
      await app.request('/api/units', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '备份区' }),
      })
    ).json()) as { id: number };
    const project = (await (
      await app.request('/api/projects', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: '备份项目',
          sourceType: 'business',
          reportedOn: '2024-01-01',
          plannedTotal: '1',
          introducingUnitId: unit.id,
          landingUnitId: unit.id,
        }),
      })
    ).json()) as { id: number };
    const hashes: string[] = [];
    for (const marker of ['合同', '回单']) {
      const res = await app.request(
        uploadRequest('http://localhost', TOKEN, `project:${project.id}`, pdfBytes(marker), `${marker}.pdf`),
      );
      expect(res.status).toBe(201);
      hashes.push(((await res.json()) as { sha256: string }).sha256);
    }
    sqlite.close();
    const dest = join(dir, 'out', 'copy.db');
    const env = { ...process.env, TOUYIN_DB: file, TOUYIN_FILES: filesDir };
    const backup = spawnSync('npx', ['tsx', 'scripts/backup.ts', dest], { cwd: root, env, encoding: 'utf8' });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^ {2}files +2$/m);
    expect(backup.stdout).toContain('佐证材料 2 个');
    for (const h of hashes)
      expect(readFileSync(join(backupFilesDir(dest), h.slice(0, 2), h))).toEqual(
        readFileSync(join(filesDir, h.slice(0, 2), h)),
      );

    // The files are lost with the server's disk; the restore brings the database and its files back.
    rmSync(filesDir, { recursive: true, force: true });
    const restore = spawnSync('npx', ['tsx', 'scripts/backup.ts', '--restore', dest], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(restore.status, restore.stderr).toBe(0);
    const again = openDatabase(file);
    const served = createApp(() => again.db, { files: () => nodeFileStore(filesDir) });
    const [first] = again.sqlite.prepare('select id from files order by id').all() as { id: number }[];
    const down = await served.request(`/api/files/${first!.id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(down.status).toBe(200);
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(pdfBytes('合同'));
    again.sqlite.close();
  }, 60_000);
});
