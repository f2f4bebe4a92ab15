import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  return new Response(file.body, { headers: { 'content-type': contentTypeOf(source.file), 'cache-control': VENDOR_CACHE_CONTROL, etag: file.etag } });
}

/**
 * The app's options on Node: vendor files from node_modules, the client address from the socket, and the proxy and
 * cookie settings from the environment (TOUYIN_TRUST_PROXY, TOUYIN_SECURE_COOKIES).
 */
export function nodeOptions(env: Record<string, string | undefined>): AppOptions {
  return {
    assets: nodeAssets,
    clientAddress: (c) => (c.env as { incoming?: unknown }).incoming ? getConnInfo(c).remote.address : undefined,
    trustProxy: env.TOUYIN_TRUST_PROXY === '1',
    secureCookies: env.TOUYIN_SECURE_COOKIES === '1',
  };
}

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
  if (process.env.TOUYIN_ADMIN_TOKEN) await ensureAdmin(db, process.env.TOUYIN_ADMIN_TOKEN, process.env.TOUYIN_ADMIN_PASSWORD);
  const app = createApp(() => db, nodeOptions(process.env));
  const hostname = process.env.HOST; // e.g. 127.0.0.1 to serve this machine only; all interfaces by default
  const server = serve({ fetch: app.fetch, port, ...(hostname && { hostname }) }, (info) => {
    console.log(`touyin: http://localhost:${info.port}  数据库 ${file}  启动用时 ${Math.round(performance.now() - started)} ms`);
  });
  const stop = () => server.close(() => { sqlite.close(); process.exit(0); });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error('touyin: 启动失败', err);
    process.exit(1);
  });
}
