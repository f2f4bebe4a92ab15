// What the browser tests share: touyin served on 127.0.0.1 over a fresh database seeded with the demo district, and
// Debian's Chromium (playwright-core) that reaches nothing but that server.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
