// `npm run lint:openapi` lints the served document with Redocly's recommended rules, offline.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

it('the OpenAPI document passes redocly lint (recommended rules) with no error, making no outside request', () => {
  const root = resolve(import.meta.dirname, '..');
  const r = spawnSync('npm', ['run', '-s', 'lint:openapi'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--require ${resolve(root, 'test/fixtures/no-network.cjs')}`, REDOCLY_TELEMETRY: 'off' },
    timeout: 120_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  expect(out).not.toMatch(/OUTSIDE REQUEST/);
  expect(out).toMatch(/Your API description is valid/);
  expect(out).not.toMatch(/\berror\b/);
  expect(r.status, out).toBe(0);
}, 130_000);
