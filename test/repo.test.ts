// What the repository must never take in: wrangler's local secrets file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

it('.gitignore keeps wrangler’s .dev.vars (local secrets) out of git', () => {
  const lines = readFileSync(resolve(import.meta.dirname, '../.gitignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  expect(lines).toContain('.dev.vars');
});
