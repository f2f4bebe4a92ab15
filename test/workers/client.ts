import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Reply, TestApp } from '../helpers';

/** Calls a worker's fetch with a Request for a path on https://touyin.test. */
export type WorkerFetch = (request: Request) => Promise<Response>;

/**
 * call/create/ok/get against a worker's fetch, as the admin unless a token is given: by default the worker's own
 * fetch handler (wrangler.toml's main, in workerd, on the test file's local D1).
 */
export function clientOf(fetch: WorkerFetch) {
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    { token = env.TOUYIN_ADMIN_TOKEN, headers = {} }: { token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (token !== null) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] ??= 'application/json';
    const res = await fetch(
      new Request(`https://touyin.test${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** POST that must succeed with 201; answers the body. */
  async function create<T = any>(path: string, body: unknown, token?: string): Promise<T> {
    const r = await call<T>('POST', path, body, { token });
    if (r.status !== 201) throw new Error(`POST ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** A call that must answer 200; answers the body. */
  async function ok<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const r = await call<T>(method, path, body, { token });
    if (r.status !== 200) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  const get = <T = any>(path: string, token?: string) => call<T>('GET', path, undefined, { token });
  return { call, create, ok, get };
}

export const { call, create, ok, get } = clientOf((request) => SELF.fetch(request));

/**
 * The part of test/helpers.ts's TestApp that test/worked-example.ts uses (create, ok), served by the worker instead of
 * an in-process better-sqlite3 app.
 */
export const workerApp = { call, create, ok, get } satisfies Pick<TestApp, 'call' | 'create' | 'ok' | 'get'>;
export const asTestApp = () => workerApp as unknown as TestApp;

/** A name no other test in this file's D1 has used: storage is shared by the `it`s of a file. */
export const fresh = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;
