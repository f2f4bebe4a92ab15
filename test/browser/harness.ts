// What the browser tests share: touyin served on 127.0.0.1 over a fresh database seeded with the demo district, and
// Debian's Chromium (playwright-core) that reaches nothing but that server.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { demoUsers, seed } from '../../seed';
import { createApp } from '../../src/app';
import { ensureAdmin } from '../../src/bootstrap';
import { nodeOptions, openDatabase } from '../../src/node';

/** Where the browser tests save their screenshots and PDFs (gitignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/**
 * The demo district served on a free port of 127.0.0.1, with `adminToken` as an admin's bearer token and its evidence
 * files in the same temporary folder as its database; `stop` closes the server and removes the folder.
 */
export async function demoServer(adminToken: string, prefix: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { sqlite, db } = openDatabase(join(dir, 'touyin.db'));
  await seed(db);
  await ensureAdmin(db, adminToken);
  const app = createApp(() => db, nodeOptions({ TOUYIN_FILES: join(dir, 'files') }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    await new Promise((r) => server.close(r));
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { base, db, stop };
}

/** Headless Chromium at `executablePath` that resolves no host but the local server's. */
export const launchChromium = (executablePath: string) =>
  chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });

/** A fresh browser context logged in as one demo user at `base`; console errors and page errors are collected. */
export async function demoLogin(
  browser: Browser,
  base: string,
  username: string,
  viewport = { width: 1366, height: 768 },
) {
  const user = demoUsers.find((u) => u.username === username);
  if (!user) throw new Error(`demo user ${username} missing`);
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  return { page, errors, context };
}

/**
 * The demo server and Chromium for one test file: started before its tests, stopped after. `api` calls the server
 * as the admin (`adminToken`), answering the parsed JSON; `loginAs` opens a logged-in context at a width.
 */
export function demoBrowserSuite(adminToken: string, prefix: string, hooks: { beforeAll: Hook; afterAll: Hook }) {
  const chromiumPath = process.env.TOUYIN_CHROMIUM || '/usr/bin/chromium';
  const suite = {
    base: '',
    browser: undefined as unknown as Browser,
    stop: async () => {},
    api: async (method: string, path: string, body?: unknown) =>
      (await (
        await fetch(suite.base + path, {
          method,
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      ).json()) as any,
    loginAs: (username: string, width: number) =>
      demoLogin(suite.browser, suite.base, username, { width, height: width > 1000 ? 1080 : 844 }),
  };
  hooks.beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`浏览器测试需要 Chromium，未找到 ${chromiumPath}`);
    const served = await demoServer(adminToken, prefix);
    suite.base = served.base;
    suite.stop = served.stop;
    suite.browser = await launchChromium(chromiumPath);
  }, 60_000);
  hooks.afterAll(async () => {
    await suite.browser?.close();
    await suite.stop();
  });
  return suite;
}
type Hook = (fn: () => Promise<void>, timeout?: number) => void;
