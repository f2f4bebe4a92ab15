import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { seed } from '../seed';
import { createApp } from './app';
import { ensureAdmin } from './bootstrap';
import { dbConfig, type Db } from './db';
import type { AppOptions } from './app-types';
import type { FileStore } from './db/files';
import { contentTypeOf, VENDOR_CACHE_CONTROL, vendorSource } from './vendor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Opens (creating if needed) the SQLite file in WAL mode and applies the migrations in drizzle/. */
export function openDatabase(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: an acknowledged write survives a power cut too, not only a crashed process (one fsync per commit).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, dbConfig);
  migrate(db, { migrationsFolder: resolve(root, 'drizzle') });
  return { sqlite, db: db as unknown as Db };
}

/**
 * Evidence files in a folder (TOUYIN_FILES, default data/files/ beside the default database): each under
 * `<first two hex digits>/<sha256>`. The bytes go to a temporary file in the folder, are flushed to disk, and only
 * then renamed to their hash (atomic on one file system), so a crash mid-write leaves at most a `.tmp-*` file that
 * nothing serves, never a half file under a hash. A hash already stored is not written again.
 */
export function nodeFileStore(dir: string): FileStore {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(dir, sha256.slice(0, 2), sha256);
  };
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  return {
    async put(sha256, bytes) {
      const path = pathOf(sha256);
      if (await exists(path)) return;
      await mkdir(dirname(path), { recursive: true });
      const tmp = join(dir, `.tmp-${randomUUID()}`);
      try {
        const fh = await open(tmp, 'wx');
        try {
          await fh.writeFile(bytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async get(sha256) {
      const path = pathOf(sha256);
      if (!(await exists(path))) return null;
      return Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    },
  };
}

const vendorCache = new Map<string, { body: Uint8Array<ArrayBuffer>; etag: string }>();

/**
 * The /vendor/ files (Swagger UI, ECharts) from node_modules, read once and kept (about 3 MB): the ETag is a hash of
 * the content, so a browser revalidates with If-None-Match and gets a 304 (src/routes/docs.ts) once its cache ages.
 * Workers serve the same paths from public/vendor/, with the same Cache-Control from public/_headers.
 */
export async function nodeAssets(path: string): Promise<Response | null> {
  const source = vendorSource(path);
  if (!source) return null;
  let file = vendorCache.get(path);
  if (!file) {
    const dir = dirname(createRequire(import.meta.url).resolve(`${source.package}/package.json`));
    const body = new Uint8Array(await readFile(resolve(dir, source.file)));
    file = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    vendorCache.set(path, file);
  }
  return new Response(file.body, {
    headers: { 'content-type': contentTypeOf(source.file), 'cache-control': VENDOR_CACHE_CONTROL, etag: file.etag },
  });
}

/**
 * The app's options on Node: vendor files from node_modules, the client address from the socket, evidence files in
 * the folder TOUYIN_FILES (default data/files/), and the proxy and cookie settings from the environment
 * (TOUYIN_TRUST_PROXY, TOUYIN_SECURE_COOKIES).
 */
export function nodeOptions(env: Record<string, string | undefined>): AppOptions {
  const store = nodeFileStore(resolve(env.TOUYIN_FILES ?? 'data/files'));
  return {
    files: () => store,
    assets: nodeAssets,
    clientAddress: (c) => ((c.env as { incoming?: unknown }).incoming ? getConnInfo(c).remote.address : undefined),
    trustProxy: env.TOUYIN_TRUST_PROXY === '1',
    ...(env.TOUYIN_CACHE_MB !== undefined && { cacheBytes: Number(env.TOUYIN_CACHE_MB) * 1024 * 1024 }),
    secureCookies: env.TOUYIN_SECURE_COOKIES === '1',
  };
}

/** A report the main thread hands to a worker: the request as the client sent it and the app's clock. */
interface ReportJob {
  url: string;
  headers: [string, string][];
  nowMs: number;
}
interface ReportDone {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

/**
 * A report worker: the app over its own read-only connection to the same WAL file, one job at a time, each read in
 * one transaction (one snapshot of the data, however many statements the report takes). It keeps nothing: the main
 * thread keeps the answers (src/http/read-cache.ts).
 */
function serveReports(file: string) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, dbConfig) as unknown as Db;
  let nowMs = 0;
  const app = createApp(() => db, {
    ...nodeOptions(process.env),
    now: () => new Date(nowMs),
    cacheBytes: 0,
    compress: false,
  });
  // One job at a time per worker: the handler's promise settles by posting its answer (never rejects).
  parentPort!.on('message', (job: ReportJob) => void answerJob(job));
  async function answerJob(job: ReportJob) {
    nowMs = job.nowMs;
    sqlite.exec('BEGIN');
    try {
      const res = await app.request(job.url, { headers: job.headers });
      const body = await res.arrayBuffer();
      parentPort!.postMessage({ status: res.status, headers: [...res.headers], body } satisfies ReportDone, [body]);
    } catch (err) {
      parentPort!.postMessage({ error: String(err) });
    } finally {
      sqlite.exec('COMMIT');
    }
  }
}

/**
 * A small pool of report workers on the database file (TOUYIN_REPORT_WORKERS, default one per core but one, at most
 * 4): reports, pages and exports are computed there, so the event loop keeps answering small requests and writes.
 * A worker that dies fails its job and is replaced.
 */
export function reportPool(file: string, size: number) {
  const self = new URL(import.meta.url);
  // Under tsx (npm run dev, the tests) the worker registers tsx before it loads this TypeScript file.
  const tsx = self.pathname.endsWith('.ts')
    ? pathToFileURL(
        resolve(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
      ).href
    : null;
  const entry = tsx
    ? `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(self.href)}); })`
    : self;
  const queue: { job: ReportJob; resolve: (r: Response) => void; reject: (e: unknown) => void }[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, (typeof queue)[number]>();
  let closed = false;

  const spawn = () => {
    const w = new Worker(entry, { workerData: { touyinReports: file }, eval: tsx !== null });
    w.on('message', (m: ReportDone | { error: string }) => {
      const task = busy.get(w);
      busy.delete(w);
      if (task) {
        if ('error' in m) task.reject(new Error(m.error));
        else task.resolve(new Response(m.body.byteLength ? m.body : null, { status: m.status, headers: m.headers }));
      }
      idle.push(w);
      dispatch();
    });
    w.on('error', (err) => busy.get(w)?.reject(err));
    w.on('exit', () => {
      busy.get(w)?.reject(new Error('报表计算线程已退出'));
      busy.delete(w);
      const i = idle.indexOf(w);
      if (i >= 0) idle.splice(i, 1);
      if (!closed) spawn();
    });
    w.unref();
    idle.push(w);
    dispatch();
  };
  const dispatch = () => {
    while (idle.length && queue.length) {
      const w = idle.shift()!;
      const task = queue.shift()!;
      busy.set(w, task);
      w.postMessage(task.job);
    }
  };
  for (let i = 0; i < size; i++) spawn();

  return {
    run: (request: Request, nowMs: number) =>
      new Promise<Response>((resolve, reject) => {
        queue.push({ job: { url: request.url, headers: [...request.headers], nowMs }, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}

/** Report workers for a database file: the setting, else one per core but one (the main thread's), 1 to 4. */
export const reportWorkers = (env: Record<string, string | undefined>) =>
  env.TOUYIN_REPORT_WORKERS !== undefined
    ? Number(env.TOUYIN_REPORT_WORKERS)
    : Math.min(4, Math.max(1, availableParallelism() - 1));

async function main() {
  const file = process.env.TOUYIN_DB ?? 'data/touyin.db';
  const port = Number(process.env.PORT ?? 8787);
  const started = performance.now();
  const { sqlite, db } = openDatabase(file);
  const empty = (sqlite.prepare('select count(*) as n from funds').get() as { n: number }).n === 0;
  if (empty && process.env.TOUYIN_DEMO !== '0') {
    const summary = await seed(db);
    console.log(`touyin: 已载入演示数据（${summary}）`);
  }
  if (process.env.TOUYIN_ADMIN_TOKEN)
    await ensureAdmin(db, process.env.TOUYIN_ADMIN_TOKEN, process.env.TOUYIN_ADMIN_PASSWORD);
  // An in-memory database has no file a worker could open: its reports are computed inline.
  const workers = file === ':memory:' ? 0 : reportWorkers(process.env);
  const pool = workers > 0 ? reportPool(file, workers) : null;
  const app = createApp(() => db, { ...nodeOptions(process.env), runReport: pool?.run ?? null });
  const hostname = process.env.HOST; // e.g. 127.0.0.1 to serve this machine only; all interfaces by default
  const server = serve({ fetch: app.fetch, port, ...(hostname && { hostname }) }, (info) => {
    console.log(
      `touyin: http://localhost:${info.port}  数据库 ${file}  启动用时 ${Math.round(performance.now() - started)} ms`,
    );
  });
  const stop = () =>
    server.close(() => {
      void (pool?.close() ?? Promise.resolve()).finally(() => {
        sqlite.close();
        process.exit(0);
      });
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (!isMainThread && (workerData as { touyinReports?: string } | null)?.touyinReports) {
  serveReports((workerData as { touyinReports: string }).touyinReports);
} else if (isMainThread && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error('touyin: 启动失败', err);
    process.exit(1);
  });
}
