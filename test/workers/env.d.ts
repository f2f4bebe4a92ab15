/// <reference types="@cloudflare/vitest-pool-workers/types" />

// The bindings the workers tests see: wrangler.toml's D1 plus what vitest.config.ts adds for tests.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    FILES: R2Bucket;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    TOUYIN_ADMIN_TOKEN: string;
  }
}
