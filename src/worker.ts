import { drizzle } from 'drizzle-orm/d1';
import { createApp } from './app';
import { ensureAdmin } from './bootstrap';
import { dbConfig, type Db } from './db';

interface Env {
  DB: D1Database;
  TOUYIN_ADMIN_TOKEN?: string;
  TOUYIN_ADMIN_PASSWORD?: string;
}

// Cloudflare sets cf-connecting-ip to the client's address (the login throttle's per-address count). Workers compress
// answers themselves: a body the app had gzipped would be gzipped twice.
const app = createApp((env) => drizzle((env as unknown as Env).DB, dbConfig) as unknown as Db, {
  clientAddress: (c) => c.req.header('cf-connecting-ip'),
  compress: false,
});
let adminReady: Promise<void> | null = null;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (env.TOUYIN_ADMIN_TOKEN && !adminReady) {
      adminReady = ensureAdmin(drizzle(env.DB, dbConfig) as unknown as Db, env.TOUYIN_ADMIN_TOKEN, env.TOUYIN_ADMIN_PASSWORD).catch((err) => {
        adminReady = null;
        throw err;
      });
    }
    if (adminReady) await adminReady;
    return app.fetch(request, env as unknown as Record<string, unknown>, ctx);
  },
} satisfies ExportedHandler<Env>;
