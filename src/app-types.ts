import type { Context } from 'hono';
import type { Db } from './db';
import type { FileStore } from './db/files';
import type { CurrentUser, Scope } from './domain/visitor';

export interface AppOptions {
  /** The clock; tests fix it. Dates are China dates (Asia/Shanghai). */
  now?: () => Date;
  /** 亿元以上 threshold for bigSigned, in fen (default 1亿元). */
  bigProjectFen?: number;
  /**
   * Static files under /vendor/ (Swagger UI, ECharts): Node reads them from node_modules (src/node.ts); on Workers
   * the static assets in public/ answer first, so the default (none) is right there.
   */
  assets?: (path: string) => Promise<Response | null>;
  /**
   * The client's address, for the per-address login throttle: the socket's peer on Node (src/node.ts),
   * `cf-connecting-ip` on Workers (src/worker.ts). Unknown (the default) counts all clients as one address.
   */
  clientAddress?: (c: Context<AppEnv>) => string | undefined;
  /**
   * Behind a reverse proxy (TOUYIN_TRUST_PROXY=1): the client address is the last `X-Forwarded-For` entry (the one
   * the proxy added) and `X-Forwarded-Proto: https` marks cookies Secure. Off by default: clients could forge both.
   */
  trustProxy?: boolean;
  /** Cookies always carry Secure (TOUYIN_SECURE_COOKIES=1), for a site served only over https. */
  secureCookies?: boolean;
  /**
   * Compress text answers (gzip/deflate) in the app: on by default (Node). Off on Workers, where the runtime
   * compresses by itself and would compress an already gzipped body a second time (src/worker.ts).
   */
  compress?: boolean;
  /**
   * Bytes of finished reports, pages and exports kept in memory, by data version, reader and request
   * (src/http/read-cache.ts; default 64 MB). 0 keeps none but still answers 304 to a current copy: Workers, where a
   * per-isolate map would serve each isolate its own copy (src/worker.ts).
   */
  cacheBytes?: number;
  /** The table of applied migrations, whose last id is part of the data version (drizzle's on Node, wrangler's on D1). */
  migrationsTable?: string;
  /**
   * Computes a report, page or export that is not kept: by default here, through its route; Node hands it to a
   * worker thread with its own read-only connection (src/node.ts), so the event loop keeps serving small requests.
   * Called with the request as the client sent it (less If-None-Match and Accept-Encoding) and the app's clock.
   */
  runReport?: ((request: Request, nowMs: number) => Promise<Response>) | null;
  /** Projects the project export reads and writes at a time, with their milestones and arrivals (default 10,000). */
  exportPage?: number;
  /**
   * Where evidence files' bytes are kept, from the runtime's environment like the database: a folder on Node
   * (TOUYIN_FILES, src/node.ts), the R2 binding FILES on Workers (src/worker.ts). None by default.
   */
  files?: (env: Record<string, unknown>) => FileStore;
}

export interface AppEnv {
  Bindings: Record<string, unknown>;
  Variables: {
    db: Db;
    files: FileStore;
    user: CurrentUser;
    scope: Scope;
    today: string;
    /** The web session's CSRF token, when the caller came with the session cookie. */
    csrf: string;
    /** The data version, read in the statement that found the visitor (src/http/read-cache.ts). */
    dataVersion?: string;
    options: Required<AppOptions>;
    /** What an Idempotency-Key replay answers instead of this response's body: set by answers that carry a secret. */
    replayBody?: unknown;
    /** The Idempotency-Key this POST holds, if it came with one (src/idempotency.ts). */
    idempotency?: IdempotencyClaim;
  };
}

/** The key of this request, when it came with one: whose, which, and the lease (its claim time) it holds. */
export interface IdempotencyClaim {
  userId: number;
  key: string;
  leaseAt: string;
  /** Set once the answer is saved with the write: the middleware saves nothing more. */
  sealed: boolean;
}
