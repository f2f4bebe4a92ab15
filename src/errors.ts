import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const errorStatus = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorCode = keyof typeof errorStatus;

export interface Issue {
  path: string;
  message: string;
}

/** The one error touyin throws; onError turns it into the envelope. `extra` fields sit beside `error`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: number | string) => new ApiError('not_found', `${what} ${id} 不存在`);
export const invalid = (path: string, message: string) => new ApiError('invalid_request', message, [{ path, message }]);

export function errorBody(err: ApiError) {
  const error: Record<string, unknown> = { code: err.code, message: err.message };
  if (err.code === 'invalid_request') error.issues = err.issues ?? [];
  return { error, ...err.extra };
}

/** Maps anything thrown to the envelope: our ApiError, Hono's HTTPException, SQLite constraint failures. */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError('payload_too_large', '请求体过大');
    if (err.status === 400)
      return new ApiError('invalid_request', '请求体不是有效的 JSON', [{ path: '', message: '请求体不是有效的 JSON' }]);
    if (err.status === 401) return new ApiError('unauthorized', '未登录或令牌无效');
    return null;
  }
  const message = errorText(err);
  if (/UNIQUE constraint failed/.test(message)) return new ApiError('conflict', '记录已存在，与现有数据重复');
  if (/FOREIGN KEY constraint failed/.test(message)) return new ApiError('conflict', '引用的记录不存在或仍被引用');
  if (/CHECK constraint failed/.test(message)) return new ApiError('invalid_request', '数据不满足约束条件', []);
  return null;
}

export function onError(err: unknown, c: Context) {
  const api = toApiError(err);
  if (api) return c.json(errorBody(api), errorStatus[api.code]);
  console.error('touyin: unexpected error', err);
  return c.json({ error: { code: 'internal', message: '服务器内部错误，请稍后再试' } }, 500);
}

export function onNotFound(c: Context) {
  return c.json({ error: { code: 'not_found', message: `接口 ${c.req.method} ${c.req.path} 不存在` } }, 404);
}

/** An error's cause as text: a driver error's message, or a thrown value as it prints. */
/** What a thrown error says, with its cause (drivers put SQLite's message in either): for matching constraint failures. */
export const errorText = (err: unknown): string =>
  err instanceof Error ? `${err.message} ${causeText((err as { cause?: unknown }).cause)}` : '';

function causeText(cause: unknown): string {
  if (cause === undefined || cause === null) return '';
  return cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : JSON.stringify(cause);
}
