/**
 * Online backup of touyin's SQLite database, safe while the server is writing.
 *
 *   npm run backup -- [目标文件]            备份 TOUYIN_DB（默认 data/touyin.db）到目标文件（默认 backups/touyin-<时间>.db），
 *                                          佐证材料（TOUYIN_FILES，默认 data/files/）备份到目标文件旁的 <目标文件>.files/
 *   npm run backup -- --restore <备份文件>  先停止服务，再用备份覆盖 TOUYIN_DB（并删除旧的 -wal/-shm 文件），并把
 *                                          <备份文件>.files/ 中的佐证材料放回 TOUYIN_FILES
 *
 * The copy is made with SQLite's online backup API (better-sqlite3 `db.backup`): it reads one consistent snapshot
 * (WAL readers do not block the server's writers), then the copy is checked with `PRAGMA integrity_check`. Then
 * the evidence files that copy's rows name are copied beside it, each checked against its SHA-256: a file's bytes
 * are stored before its row, so every row of the snapshot has its bytes to copy.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The tables whose row counts a backup reports (and a restore can be compared by). */
export const countedTables = [
  'units',
  'funds',
  'commitments',
  'contributions',
  'companies',
  'investments',
  'projects',
  'milestones',
  'arrivals',
  'reinvestment_credits',
  'users',
  'files',
  'audit_log',
] as const;

export interface BackupReport {
  file: string;
  bytes: number;
  integrity: string;
  counts: Record<string, number>;
}

/** `PRAGMA integrity_check` of an open database: `ok`, or SQLite's list of problems joined by newlines. */
export function integrityOf(db: Database.Database): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n');
}

/** Row counts of the tables touyin reports on (a table missing from an older file counts as absent). */
export function rowCounts(db: Database.Database): Record<string, number> {
  const present = new Set(
    (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name),
  );
  return Object.fromEntries(
    countedTables
      .filter((t) => present.has(t))
      .map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
  );
}

/**
 * Integrity and row counts of a database file. Opened read-write though it only reads: a read-only connection
 * to a WAL-mode file leaves -wal/-shm files behind, a read-write one removes them when it closes.
 */
export function inspect(file: string): BackupReport {
  const db = new Database(file, { fileMustExist: true });
  try {
    return { file, bytes: statSync(file).size, integrity: integrityOf(db), counts: rowCounts(db) };
  } finally {
    db.close();
  }
}

/**
 * Copies `source` to the new file `dest` as one consistent snapshot while other connections (the server) keep
 * writing, then verifies the copy. Rejects when `dest` exists, so a backup never overwrites another.
 */
export async function backupDatabase(source: string, dest: string): Promise<BackupReport> {
  const from = resolve(source);
  const to = resolve(dest);
  if (!existsSync(from)) throw new Error(`数据库文件不存在：${from}`);
  if (from === to) throw new Error('备份文件不能与数据库文件相同');
  if (existsSync(to)) throw new Error(`备份文件已存在，不会覆盖：${to}`);
  mkdirSync(dirname(to), { recursive: true });
  // Our own connection: it only reads, and waits (rather than fails) while a writer checkpoints.
  const db = new Database(from, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: the snapshot is read under one read transaction, so writes from other
    // connections cannot make the copy restart over and over (as they can with small steps under a steady load).
    await db.backup(to, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(to, { force: true });
    throw err;
  } finally {
    db.close();
  }
  // The copy carries the server's WAL mode; a backup is one self-contained file, so it goes back to a rollback
  // journal (openDatabase switches a restored file to WAL again).
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const report = inspect(to);
  if (report.integrity !== 'ok') throw new Error(`备份文件完整性检查未通过：${report.integrity}`);
  return report;
}

/**
 * Puts a backup in place of `target`. The server must be stopped first: the old -wal/-shm files belong to the old
 * database and would be replayed over the restored one, so they are removed. The backup is checked before.
 */
export function restoreDatabase(backup: string, target: string): BackupReport {
  const from = resolve(backup);
  const to = resolve(target);
  const checked = inspect(from);
  if (checked.integrity !== 'ok') throw new Error(`备份文件完整性检查未通过，未恢复：${checked.integrity}`);
  mkdirSync(dirname(to), { recursive: true });
  const staging = `${to}.restoring`;
  copyFileSync(from, staging);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${to}${suffix}`, { force: true });
  renameSync(staging, to);
  return inspect(to);
}

/** Where a content-addressed evidence file lives under a folder (src/node.ts nodeFileStore). */
const blobPath = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/**
 * Copies every evidence file the database `db` names (its `files` rows, deleted ones too: the audit log keeps them)
 * from `fromDir` to `toDir`, each checked against its hash after the copy; a file already there is kept. Answers
 * how many were copied and how many were present. Throws naming a hash whose bytes are missing or differ.
 */
export function copyFiles(db: string, fromDir: string, toDir: string): { copied: number; present: number } {
  const conn = new Database(db, { fileMustExist: true, readonly: true });
  let hashes: string[];
  try {
    const hasFiles = conn.prepare(`select 1 from sqlite_master where type = 'table' and name = 'files'`).get();
    hashes = hasFiles
      ? (conn.prepare('select distinct sha256 from files order by sha256').all() as { sha256: string }[]).map(
          (r) => r.sha256,
        )
      : [];
  } finally {
    conn.close();
  }
  let copied = 0;
  for (const sha of hashes) {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`佐证材料的哈希无效：${sha}`);
    const to = blobPath(toDir, sha);
    if (existsSync(to)) continue;
    const from = blobPath(fromDir, sha);
    if (!existsSync(from)) throw new Error(`佐证材料缺失：${from}`);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, `${to}.copying`);
    if (
      createHash('sha256')
        .update(readFileSync(`${to}.copying`))
        .digest('hex') !== sha
    ) {
      rmSync(`${to}.copying`, { force: true });
      throw new Error(`佐证材料内容与哈希不符：${from}`);
    }
    renameSync(`${to}.copying`, to);
    copied++;
  }
  return { copied, present: hashes.length - copied };
}

/** The folder of a backup's evidence files: beside the backup file. */
export const backupFilesDir = (backup: string) => `${resolve(backup)}.files`;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function print(title: string, r: BackupReport, ms?: number) {
  console.log(`${title}：${r.file}`);
  console.log(`  大小 ${formatBytes(r.bytes)}（${r.bytes} 字节）${ms === undefined ? '' : `，用时 ${ms} ms`}`);
  console.log(`  完整性检查 integrity_check：${r.integrity}`);
  for (const [table, n] of Object.entries(r.counts)) console.log(`  ${table.padEnd(22)} ${n}`);
}

async function main(args: string[]) {
  const db = process.env.TOUYIN_DB ?? 'data/touyin.db';
  const filesDir = resolve(process.env.TOUYIN_FILES ?? 'data/files');
  if (args[0] === '--restore') {
    if (!args[1]) throw new Error('用法：npm run backup -- --restore <备份文件>（请先停止服务）');
    const r = restoreDatabase(args[1], db);
    print(`已用 ${resolve(args[1])} 恢复数据库`, r);
    const f = copyFiles(db, backupFilesDir(args[1]), filesDir);
    console.log(`  佐证材料 ${f.copied} 个放回 ${filesDir}（${f.present} 个原已存在）`);
    console.log('请重新启动服务（npm start）。');
    return;
  }
  if (args[0]?.startsWith('-'))
    throw new Error('用法：npm run backup -- [目标文件]，或 npm run backup -- --restore <备份文件>');
  const dest = args[0] ?? `backups/touyin-${stamp(new Date())}.db`;
  const started = performance.now();
  const r = await backupDatabase(db, dest);
  print(`已备份 ${resolve(db)} 到`, r, Math.round(performance.now() - started));
  const f = copyFiles(dest, filesDir, backupFilesDir(dest));
  console.log(`  佐证材料 ${f.copied + f.present} 个，已复制到 ${backupFilesDir(dest)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`touyin 备份失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
