import { accessSync, constants, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The worker makes an admin with this API token (the TOUYIN_ADMIN_TOKEN binding); workers tests read it from env. */
const WORKERS_ADMIN_TOKEN = 'workers-test-admin-token';

// Miniflare and wrangler make no outside lookups: no request.cf fetch, no telemetry, no update check.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.WRANGLER_HIDE_BANNER ??= 'true';

// wrangler.toml's [assets] directory is generated (scripts/copy-assets.ts); the workers pool refuses to start without
// it, and no workers test reads a /vendor/ file, so an empty one will do.
mkdirSync(here('./public'), { recursive: true });

/** The browser tests' Chromium: TOUYIN_CHROMIUM, else Debian's (apt-get install -y chromium). */
const chromium = process.env.TOUYIN_CHROMIUM || '/usr/bin/chromium';
function runnable(file: string) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(here('./drizzle'));
  // Without Chromium the browser suite is left out with one line saying so. CI sets TOUYIN_REQUIRE_BROWSER=1: then
  // the suite always runs, and a missing Chromium fails it.
  const browser = runnable(chromium) || process.env.TOUYIN_REQUIRE_BROWSER === '1';
  if (!browser)
    console.log(
      `touyin: 已跳过浏览器测试（未找到 Chromium：${chromium}）。安装：apt-get install -y chromium，或设置 TOUYIN_CHROMIUM=<路径>`,
    );
  return {
    test: {
      projects: [
        {
          test: {
            name: 'node',
            include: ['test/**/*.test.ts'],
            exclude: ['test/workers/**', '**/node_modules/**', ...(browser ? [] : ['test/browser/**'])],
            testTimeout: 20_000,
            env: { TOUYIN_CHROMIUM: chromium },
          },
        },
        {
          // The same app in workerd: wrangler.toml's worker and its D1 binding DB, migrated by test/workers/setup.ts.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: here('./wrangler.toml') },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations, TOUYIN_ADMIN_TOKEN: WORKERS_ADMIN_TOKEN } },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/workers/**/*.test.ts'],
            setupFiles: ['./test/workers/setup.ts'],
            testTimeout: 20_000,
          },
        },
      ],
    },
  };
});
