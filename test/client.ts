// How a test talks to touyin over HTTP, whatever runs it: Hono's app.request in Node (test/helpers.ts), the worker's
// fetch in workerd (test/workers/client.ts). No runtime imports here, so both can load it.

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Answers a Request: the app in-process, or a worker. */
export type Fetcher = (request: Request) => Promise<Response>;

/**
 * call/create/ok/get against `fetch`, as the bearer of `token` unless a call names another (null: none), on paths
 * under `origin`. Bodies are sent as JSON unless already a string; answers are parsed as JSON when they are JSON.
 */
export function clientOf(fetch: Fetcher, { token: defaultToken, origin }: { token: string; origin: string }) {
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    { token = defaultToken, headers = {} }: { token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (token !== null) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] ??= 'application/json';
    const res = await fetch(
      new Request(`${origin}${path}`, {
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
