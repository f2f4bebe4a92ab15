import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TestApp } from '../helpers';
import { clientOf, type Fetcher } from '../client';

/** Calls a worker's fetch with a Request. */
export type WorkerFetch = Fetcher;

/**
 * call/create/ok/get (test/client.ts) against a worker's fetch, as the admin unless a token is given, on
 * https://touyin.test: by default the worker's own fetch handler (wrangler.toml's main, in workerd, on the test
 * file's local D1).
 */
export const clientOfWorker = (fetch: WorkerFetch) =>
  clientOf(fetch, { token: env.TOUYIN_ADMIN_TOKEN, origin: 'https://touyin.test' });

export const { call, create, ok, get } = clientOfWorker((request) => SELF.fetch(request));

/**
 * The part of test/helpers.ts's TestApp that test/worked-example.ts uses (create, ok), served by the worker instead of
 * an in-process better-sqlite3 app.
 */
export const workerApp = { call, create, ok, get } satisfies Pick<TestApp, 'call' | 'create' | 'ok' | 'get'>;
export const asTestApp = () => workerApp as unknown as TestApp;

/** A name no other test in this file's D1 has used: storage is shared by the `it`s of a file. */
export const fresh = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;
