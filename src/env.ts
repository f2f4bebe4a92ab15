import type { CurrentUser, Scope } from './auth';
import type { Db } from './db';

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
}

export interface AppEnv {
  Bindings: Record<string, unknown>;
  Variables: {
    db: Db;
    user: CurrentUser;
    scope: Scope;
    today: string;
    /** The web session's CSRF token, when the caller came with the session cookie. */
    csrf: string;
    options: Required<AppOptions>;
  };
}
