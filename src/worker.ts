import { drizzle } from 'drizzle-orm/d1';
import { createApp } from './app';
import { ensureAdmin } from './bootstrap';
import { dbConfig, type Db } from './db';
import { noFileStore, type FileStore } from './db/files';

interface Env {
  DB: D1Database;
  /** Evidence files (wrangler.toml's R2 bucket). */
  FILES?: R2Bucket;
  TOUYIN_ADMIN_TOKEN?: string;
  TOUYIN_ADMIN_PASSWORD?: string;
}

// Cloudflare sets cf-connecting-ip to the client's address (the login throttle's per-address count). Workers compress
// answers themselves: a body the app had gzipped would be gzipped twice. No report is kept in memory: each isolate
// would keep its own copy, and a write seen by one would leave the others' stale. A report still answers its ETag of
// the data version and 304 on If-None-Match: the statement that finds the visitor reads the version, so that costs
// no statement more. D1's migrations are wrangler's, in d1_migrations.
const app = createApp((env) => drizzle((env as unknown as Env).DB, dbConfig), {
  clientAddress: (c) => c.req.header('cf-connecting-ip'),
  compress: false,
  cacheBytes: 0,
  migrationsTable: 'd1_migrations',
  files: (env) => r2FileStore((env as unknown as Env).FILES),
});
/**
 * Evidence files in R2, one object per SHA-256 (`files/<hash>`). R2 checks the bytes against the hash it is given
 * and stores an object whole or not at all, so a broken upload leaves nothing under the hash; a hash already stored
 * is not written again.
 */
function r2FileStore(bucket: R2Bucket | undefined): FileStore {
  if (!bucket) return noFileStore;
  const key = (sha256: string) => `files/${sha256}`;
  return {
    async put(sha256, bytes) {
      if (await bucket.head(key(sha256))) return;
      await bucket.put(key(sha256), bytes, { sha256 });
    },
    async get(sha256) {
      const object = await bucket.get(key(sha256));
      return object ? (object.body as ReadableStream<Uint8Array>) : null;
    },
  };
}

let adminReady: Promise<void> | null = null;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (env.TOUYIN_ADMIN_TOKEN && !adminReady) {
      adminReady = ensureAdmin(
        drizzle(env.DB, dbConfig) as unknown as Db,
        env.TOUYIN_ADMIN_TOKEN,
        env.TOUYIN_ADMIN_PASSWORD,
      ).catch((err) => {
        adminReady = null;
        throw err;
      });
    }
    if (adminReady) await adminReady;
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
