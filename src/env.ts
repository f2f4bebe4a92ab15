import type { CurrentUser, Scope } from './auth';
import type { Db } from './db';

export interface AppOptions {
  /** The clock; tests fix it. Dates are China dates (Asia/Shanghai). */
  now?: () => Date;
  /** 亿元以上 threshold for bigSigned, in fen (default 1亿元). */
  bigProjectFen?: number;
}

export interface AppEnv {
  Bindings: Record<string, unknown>;
  Variables: {
    db: Db;
    user: CurrentUser;
    scope: Scope;
    today: string;
    options: Required<AppOptions>;
  };
}
