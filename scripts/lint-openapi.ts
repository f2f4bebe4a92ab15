// npm run lint:openapi: writes the app's /openapi.json to a temporary file and lints it with Redocly's recommended
// rules, offline (telemetry off, no remote $ref). Exits non-zero when Redocly reports an error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createApp } from '../src/app';
import type { Db } from '../src/db';

// The document reads no records: an empty in-memory database is enough to serve it.
const sqlite = new Database(':memory:');
const app = createApp(() => drizzle(sqlite) as unknown as Db);
const res = await app.request('/openapi.json');
if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
const dir = mkdtempSync(join(tmpdir(), 'touyin-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, await res.text());
try {
  const cli = join(import.meta.dirname, '../node_modules/@redocly/cli/bin/cli.js');
  execFileSync(process.execPath, [cli, 'lint', file, '--extends=recommended', '--format=stylish'], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' },
  });
} catch {
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
