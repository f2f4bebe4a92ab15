// How the API answers records and lists: the ETag of a record's version, If-None-Match (304) and If-Match
// (412), and cursor pages.
import type { Context } from 'hono';
import { ApiError } from '../errors';
import type { AppEnv } from '../app-types';

/** One page of a list: fetch `limit + 1` rows after the cursor; the extra row says there is more. */
export async function page<T extends { id: number }, O>(
  q: { limit: number; cursor?: number },
  fetch: (afterId: number, take: number) => Promise<T[]>,
  toJson: (row: T) => O,
) {
  const rows = await fetch(q.cursor ?? 0, q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(toJson), nextCursor: rows.length > q.limit && last ? String(last.id) : null };
}

/** The entity tags of an `If-None-Match` or `If-Match` list, each without its `W/` prefix; `*` stays `*`. */
function entityTags(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .filter((t) => t !== '');
}

/**
 * Whether `If-None-Match` names this entity tag (RFC 9110 §13.1.2): weak comparison, so `W/"3"` matches `"3"`
 * (the compress middleware weakens the tags of the answers it compresses), and `*` matches any record that exists.
 */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const wanted = etag.replace(/^W\//, '');
  return entityTags(header).some((t) => t === '*' || t === wanted);
}

/**
 * Answers a record read by id, with its version as the ETag. A GET or HEAD whose `If-None-Match` names that version
 * answers 304 with no body: the client's copy is current.
 */
export function withEtag<T extends { version: number }>(c: Context<AppEnv>, body: T, status: 200 | 201 = 200) {
  const etag = `"${body.version}"`;
  c.header('ETag', etag);
  if (
    status === 200 &&
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    noneMatch(c.req.header('if-none-match'), etag)
  ) {
    return c.body(null, 304);
  }
  return c.json(body, status);
}

/** The version an `If-Match` header demands, or null when the header is absent. */
export function ifMatchVersion(c: Context<AppEnv>): number | null {
  const h = c.req.header('if-match');
  // `*` asks only that the record exist (RFC 9110 §13.1.1), which reading it by id has already checked.
  if (h === undefined || h.trim() === '*') return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  if (!m) throw new ApiError('precondition_failed', `If-Match 无效：${h}`);
  return Number(m[1]);
}
