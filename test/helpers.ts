import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { createApp } from '../src/app';
import { nodeFileStore } from '../src/node';
import { ensureAdmin } from '../src/bootstrap';
import { dbConfig, type Db } from '../src/db';
import type { AppOptions } from '../src/app-types';
import { clientOf } from './client';

export const ADMIN_TOKEN = 'test-admin-token';
/** Tests run on a fixed clock: "today" is 2026-11-22 in China. */
export const TODAY = '2026-11-22';

/** D1 refuses a statement with more than this many bound variables (`too many SQL variables`). */
export const D1_MAX_BOUND_VARIABLES = 100;

/**
 * The number of variables a statement binds: its `?` placeholders, plus each distinct `?NNN`, `:name`, `@name` and
 * `$name`, outside string literals, quoted identifiers and comments.
 */
export function boundVariables(source: string): number {
  let anonymous = 0;
  const named = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const close = ch === "'" ? "'" : ch === '"' ? '"' : ch === '`' ? '`' : ch === '[' ? ']' : null;
    if (close) {
      // a quoted string or identifier runs to its closing quote; a doubled quote inside it is an escaped quote
      for (i++; i < source.length; i++) {
        if (source[i] !== close) continue;
        if (close !== ']' && source[i + 1] === close) i++;
        else break;
      }
    } else if (ch === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
    } else if (ch === '?' || ((ch === ':' || ch === '@' || ch === '$') && /[A-Za-z_]/.test(source[i + 1] ?? ''))) {
      const name = /^[?:@$][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      if (name === '?') anonymous++;
      else named.add(name);
      i += name.length - 1;
    }
  }
  return anonymous + named.size;
}

/**
 * Makes this connection refuse, as D1 does, any statement binding more than 100 variables, so that every Node test
 * fails where the app would bind a list of ids that grows with the data (a 500 on Workers).
 */
export function refuseTooManyVariables(sqlite: Database.Database) {
  const prepare = sqlite.prepare;
  sqlite.prepare = ((source: string) => {
    const n = boundVariables(source);
    if (n > D1_MAX_BOUND_VARIABLES) {
      throw new Error(
        `too many SQL variables: ${n} bound in one statement (D1 allows ${D1_MAX_BOUND_VARIABLES}): ${source.slice(0, 200)}`,
      );
    }
    return prepare.call(sqlite, source);
  }) as typeof sqlite.prepare;
}

export type { Reply } from './client';

/**
 * A fresh in-memory database built by the real migrations, an admin, and the app with helpers to call it. The
 * connection refuses statements that bind more than 100 variables (refuseTooManyVariables).
 */
let apps = 0;
export async function testApp(opts: AppOptions = {}) {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, dbConfig) as unknown as Db;
  migrate(drizzle(sqlite, dbConfig), { migrationsFolder: MIGRATIONS });
  refuseTooManyVariables(sqlite);
  await ensureAdmin(db, ADMIN_TOKEN);
  // Evidence files in a folder of their own, as on a server (src/node.ts); made by the first upload.
  const filesDir = join(tmpdir(), `touyin-test-files-${process.pid}`, String(++apps));
  const app = createApp(() => db, {
    now: () => new Date(`${TODAY}T04:00:00Z`),
    files: () => nodeFileStore(filesDir),
    ...opts,
  });

  // app.request takes a Request as a browser would send it, on Hono's default origin.
  const { call, create, ok, get } = clientOf(async (request) => app.request(request), {
    token: ADMIN_TOKEN,
    origin: 'http://localhost',
  });

  /** Creates a user of a role through the API and answers its token. */
  async function userWith(
    role: 'admin' | 'staff' | 'manager' | 'leader',
    fundIds?: number[],
    username = `${role}-${Math.random().toString(36).slice(2, 8)}`,
  ) {
    const u = await create<{ id: number; token: string }>('/api/users', { username, role, fundIds });
    return u;
  }

  return { app, db, sqlite, filesDir, call, create, ok, userWith, get };
}
export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Logs `username` in through the login form and answers the session cookie. */
export async function sessionCookie(app: TestApp['app'], username: string, password: string) {
  const page = await app.request('/login');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await app.request('/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: page.headers.get('set-cookie')!.split(';')[0]!,
    },
    body: new URLSearchParams({ csrf, username, password, next: '/' }).toString(),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('touyin_session='));
  if (!cookie) throw new Error(`login of ${username} failed`);
  return cookie.split(';')[0]!;
}

/** touyin's migrations folder. */
export const MIGRATIONS = resolve(import.meta.dirname, '../drizzle');

/**
 * An in-memory database migrated as it stood just before the migration whose tag ends with `tagEnd` (the same
 * folder with the journal cut there), to write rows the old schema held and then run that migration on them with
 * `migrateToLatest`. Throws when no such migration exists (or it is the first).
 */
export function databaseBefore(tagEnd: string): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'touyin-migrations-'));
  try {
    cpSync(MIGRATIONS, dir, { recursive: true });
    const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag.endsWith(tagEnd));
    if (upTo < 1) throw new Error(`no migration after the first ends with ${tagEnd}`);
    writeFileSync(
      join(dir, 'meta/_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
    );
    const sqlite = new Database(':memory:');
    migrate(drizzle(sqlite), { migrationsFolder: dir });
    return sqlite;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every migration not yet applied to `sqlite`. */
export const migrateToLatest = (sqlite: Database.Database) =>
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS });
