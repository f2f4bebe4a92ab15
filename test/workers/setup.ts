import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// The real migrations (drizzle/), applied to the test file's local D1 before its tests run; applied ones are skipped.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
