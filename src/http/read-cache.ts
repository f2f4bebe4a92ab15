// Reports, pages and exports answered from memory while the data they read has not changed. An answer is keyed by
// the data version (every committed write moves it), the reader's scope and the request; a write therefore makes
// the next read compute afresh, never serves it a stale copy. Runtime-neutral: the computation itself may be handed
// to the runtime (`runReport`: Node's worker threads), and a cache of 0 bytes (Workers) keeps only the ETag and 304.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-types';
import type { Db } from '../db';
import { auditLog } from '../db/schema';
import { noneMatch } from './responses';

/**
 * The data version: the audit log's last id (every insert and update of an audited table writes a row there in the
 * same statement, and every table the reports read is audited or kept by triggers from one) and the number of applied
 * migration's id (a migration  may change what the reports compute without an audited write). Two indexed reads, as
 * columns any statement may carry: the statement that finds the visitor reads them (auth.ts), so a kept answer costs
 * that one statement.
 */
export const versionColumns = (migrationsTable: string) => ({
  audit: sql<number>`(select coalesce(max(${auditLog.id}), 0) from ${auditLog})`,
  schema: sql<number>`(select count(*) from ${sql.identifier(migrationsTable)})`,
});

/** The version's text from the two columns of versionColumns. */
export const versionOf = (row: { audit: number | null; schema: number | null } | undefined) =>
  `${row?.audit ?? 0}.${row?.schema ?? 0}`;

/** The data version in a statement of its own (when no visitor statement read it). */
export async function dataVersion(db: Db, migrationsTable: string): Promise<string> {
  const [row] = await db.select(versionColumns(migrationsTable)).from(sql`(select 1)`);
  return versionOf(row);
}

/** A finished answer as kept in memory: status, headers (ETag included) and the whole body. */
export interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

const sizeOf = (a: StoredAnswer) =>
  a.body.byteLength + a.headers.reduce((n, [k, v]) => n + k.length + v.length, 0) + 200;

/** Least recently used answers within a budget of bytes: a Map keeps insertion order, so its first key is the oldest. */
export class AnswerLru {
  private readonly entries = new Map<string, StoredAnswer>();
  private used = 0;
  constructor(readonly budget: number) {}

  get bytes() {
    return this.used;
  }

  get(key: string): StoredAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps the answer unless it alone takes more than a quarter of the budget; drops the oldest to make room. */
  set(key: string, answer: StoredAnswer): boolean {
    const size = sizeOf(answer);
    if (size > this.budget / 4) return false;
    const old = this.entries.get(key);
    if (old) {
      this.used -= sizeOf(old);
      this.entries.delete(key);
    }
    for (const [k, v] of this.entries) {
      if (this.used + size <= this.budget) break;
      this.entries.delete(k);
      this.used -= sizeOf(v);
    }
    this.entries.set(key, answer);
    this.used += size;
    return true;
  }
}

/**
 * Reads a body into memory up to `max` bytes: the bytes, or (beyond `max`, e.g. a large project export) a stream of
 * what was read followed by the rest, so a large download still streams and is simply not kept.
 */
async function readUpTo(
  body: ReadableStream<Uint8Array> | null,
  max: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { stream: ReadableStream<Uint8Array> }> {
  if (!body) return { bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > max) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const ch of chunks) controller.enqueue(ch);
        },
        async pull(controller) {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return { stream };
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const ch of chunks) {
    bytes.set(ch, at);
    at += ch.byteLength;
  }
  return { bytes };
}

/**
 * What the answer depends on besides the data: the reader's role and scope (a manager's visible funds; a page also
 * its session, whose CSRF token and user it shows; a query naming `me`, the reader), the date today (the default
 * as-of) and the path with its query.
 */
function keyOf(c: Context<AppEnv>, version: string, page: boolean): string {
  const { user, scope } = c.var;
  const seen = scope.all ? '*' : [...scope.funds].sort((a, b) => a - b).join(',');
  const url = new URL(c.req.url);
  // A query that names the caller (调度's `owner=me`) asks for the caller's own answer, whoever else sees all.
  const personal = [...url.searchParams.values()].includes('me');
  const reader = page ? `${user.id}:${c.var.csrf}` : scope.all && !personal ? '' : String(user.id);
  return [version, user.role, reader, seen, c.var.today, url.pathname + url.search].join('\n');
}

/** The /api reads kept (their paths under /api, as Hono patterns): reports, the assessment and 通报, alerts, exports. */
export const cachedApiPaths = [
  '/funds/:id/metrics',
  '/funds/:id/performance',
  '/reports/*',
  '/assessment',
  '/bulletins/*',
  '/alerts',
  '/dispatch',
  '/exports/*',
] as const;

/** Whether a GET of this /api route pattern (e.g. `/api/reports/funds`) is kept, so answers the data version's ETag. */
export const isCachedApiPath = (path: string) =>
  cachedApiPaths.some((p) => {
    const route = `/api${p}`;
    return route.endsWith('/*') ? path.startsWith(route.slice(0, -1)) : path === route;
  });

/** The strong entity tag of a key: identical keys are identical answers, so the tag is a digest of the key. */
const etagOf = (key: string) => `"r${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

const answerOf = (a: StoredAnswer) =>
  new Response(a.body.byteLength ? a.body : null, { status: a.status, headers: a.headers });

/** The cache of one app: kept answers and the computations in flight, by key. */
// eslint-disable-next-line max-lines-per-function -- reason: owned by a concurrent change; split next
export function readCache(options: {
  cacheBytes: number;
  migrationsTable: string;
  runReport?: (request: Request, nowMs: number) => Promise<Response>;
}) {
  const kept = new AnswerLru(options.cacheBytes);
  const inFlight = new Map<string, Promise<StoredAnswer | null>>();

  /** Computes the answer: in the runtime's report workers when it has them, else here, through the route. */
  async function compute(c: Context<AppEnv>, next: () => Promise<void>): Promise<Response> {
    if (!options.runReport) {
      await next();
      return c.res;
    }
    const headers = new Headers(c.req.raw.headers);
    headers.delete('if-none-match');
    headers.delete('accept-encoding');
    return options.runReport(new Request(c.req.url, { headers }), c.var.options.now().getTime());
  }

  /** Middleware for a GET that reads: 304 when the client's copy is current, else the kept answer, else computed once. */
  const middleware =
    (page: boolean): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      if (c.req.method !== 'GET') return next();
      const key = keyOf(c, c.var.dataVersion ?? (await dataVersion(c.var.db, options.migrationsTable)), page);
      const etag = etagOf(key);
      const conditional = c.req.header('if-none-match');
      // The client's copy is of this very version, scope and request: no need to compute or even to look it up.
      if (noneMatch(conditional, etag)) return c.body(null, 304, { etag, 'cache-control': 'private, no-cache' });
      const hit = kept.get(key);
      if (hit) return answerOf(hit);
      const running = inFlight.get(key);
      // The same answer is being computed for another request: wait for it rather than compute it twice.
      const shared = running && (await running);
      if (shared) return answerOf(shared);
      let settle: (a: StoredAnswer | null) => void = () => {};
      if (!running) inFlight.set(key, new Promise((resolve) => (settle = resolve)));
      try {
        const res = await compute(c, next);
        if (res.status !== 200) {
          settle(null);
          c.res = res;
          return;
        }
        res.headers.set('etag', etag);
        res.headers.set('cache-control', 'private, no-cache');
        if (options.cacheBytes === 0) {
          settle(null);
          c.res = res;
          return;
        }
        const read = await readUpTo(res.body, options.cacheBytes / 4);
        if ('stream' in read) {
          settle(null);
          c.res = new Response(read.stream, { status: res.status, headers: res.headers });
          return;
        }
        const answer: StoredAnswer = { status: res.status, headers: [...res.headers], body: read.bytes };
        kept.set(key, answer);
        settle(answer);
        // (after next() the context is finalized: a returned Response would be ignored, an assigned one is not)
        c.res = answerOf(answer);
      } catch (err) {
        settle(null);
        throw err;
      } finally {
        if (!running) inFlight.delete(key);
      }
    };
  return { api: middleware(false), page: middleware(true), kept };
}
