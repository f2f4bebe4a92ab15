// `npm run lint:openapi` lints the served document with Redocly's recommended rules, offline.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

it('the OpenAPI document passes redocly lint (recommended rules) with no error and no warning, making no outside request', () => {
  const root = resolve(import.meta.dirname, '..');
  const r = spawnSync('npm', ['run', '-s', 'lint:openapi'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${resolve(root, 'test/fixtures/no-network.cjs')}`,
      REDOCLY_TELEMETRY: 'off',
    },
    timeout: 120_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  expect(out).not.toMatch(/OUTSIDE REQUEST/);
  expect(out).toMatch(/Your API description is valid/);
  expect(out).not.toMatch(/\berror\b/);
  // A problem is a line "line:col  warning  rule  message"; Redocly's own notices (its Node.js deprecation box) are not.
  expect(out).not.toMatch(/^\s*\d+:\d+\s+warning\s/m);
  expect(out).not.toMatch(/You have \d+ warnings?/);
  expect(r.status, out).toBe(0);
}, 130_000);
