// 佐证材料 (SPEC §9): evidence files on projects, arrivals, milestones, 返投 credits and requests — upload, list,
// download, soft delete. Whoever may read the subject may read its files; anyone else gets the 404 of a missing file.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { allow } from '../auth';
import { readerRoles, writerRoles } from '../domain/vocabulary';
import { cleanName, hasVisibleText } from '../domain/names';
import { sha256Hex } from '../db/files';
import { sqlNow, touched } from '../db';
import { files as filesTable } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { idParam, unsafeTextProblem, validate } from '../validation';
import { ifMatchVersion, withEtag } from '../http/responses';
import { extensionProblem, FileTypeRefused, sniffFileType } from '../xlsx/file-type';
import { fileJson, filesOf } from '../queries/files';
import { parseFileSubject, visibleSubject } from '../records/files';

/** One evidence file may be this large (SPEC §9). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** What a multipart body may carry beside the file: the boundary lines, the part headers, the subject field. */
const FORM_OVERHEAD = 64 * 1024;

const tooLarge = () =>
  new ApiError(
    'payload_too_large',
    `文件过大（每个文件上限 ${MAX_FILE_BYTES / 1024 / 1024} MB），请压缩或拆分后再上传`,
  );

/**
 * The body limit of /api/files in place of the API's 1 MB (src/app.ts), counted as the body streams in: a body that
 * declares more, or brings more, is refused at that byte, before anything holds it.
 */
export const fileUploadLimit = bodyLimit({
  maxSize: MAX_FILE_BYTES + FORM_OVERHEAD,
  onError: () => {
    throw tooLarge();
  },
});

const listQuery = z.object({
  subject: z.string({ error: 'subject 应为 project:N、arrival:N、milestone:N、credit:N 或 request:N' }),
});

/** The file name as uploaded, checked: a name, never a path (`../../x`, `a/b` are refused), no control characters. */
function fileName(raw: string): string {
  if (/[\\/]/.test(raw) || raw.trim() === '..')
    throw invalid('file', `文件名“${raw}”含有路径（/、\\ 或 ..），请只上传文件本身`);
  const unsafe = unsafeTextProblem(raw);
  if (unsafe) throw invalid('file', `文件名${unsafe}`);
  if (!hasVisibleText(raw)) throw invalid('file', '文件名不能为空');
  const name = cleanName(raw);
  if (name.length > 200) throw invalid('file', '文件名不能超过 200 个字符');
  return name;
}

/** The file row, or the 404 that a missing file, a deleted one and one whose subject the caller may not see all answer. */
async function visibleFile(c: Context<AppEnv>, fileId: number) {
  const [row] = await c.var.db
    .select()
    .from(filesTable)
    .where(and(eq(filesTable.id, fileId), isNull(filesTable.deletedAt)));
  if (!row) throw notFound('文件', fileId);
  try {
    return { row, subject: await visibleSubject(c, { type: row.subjectType, id: row.subjectId }) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') throw notFound('文件', fileId);
    throw err;
  }
}

/** `attachment` with the original name: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;

export const files = new Hono<AppEnv>()
  .post('/files', allow(...writerRoles), async (c) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (!type.startsWith('multipart/form-data'))
      throw invalid('file', '请以 multipart/form-data 上传：file 字段为文件，subject 字段为所属记录（如 project:12）');
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw invalid('file', '无法读取上传的表单（multipart/form-data 格式有误）');
    }
    const subject = parseFileSubject(form.subject);
    const file = form.file;
    if (!(file instanceof File)) throw invalid('file', '请在 file 字段上传一个文件');
    // The subject first: a record the caller may not see is missing, whatever the file.
    await visibleSubject(c, subject);
    if (file.size > MAX_FILE_BYTES) throw tooLarge();
    if (file.size === 0) throw invalid('file', '上传的文件是空的');
    const name = fileName(file.name);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let fileType;
    try {
      fileType = sniffFileType(bytes);
    } catch (err) {
      if (err instanceof FileTypeRefused) throw invalid('file', err.message);
      throw err;
    }
    const mismatch = extensionProblem(name, fileType);
    if (mismatch) throw invalid('file', mismatch);
    const sha256 = await sha256Hex(bytes);
    // The bytes are stored (under their hash, once whole) before the row is written: a crash in between leaves an
    // unreferenced blob, never a row without its bytes.
    await c.var.files.put(sha256, bytes);
    const [row] = await c.var.db
      .insert(filesTable)
      .values({
        subjectType: subject.type,
        subjectId: subject.id,
        name,
        type: fileType,
        size: bytes.length,
        sha256,
        uploadedBy: c.var.user.id,
        updatedBy: c.var.user.id,
      })
      .returning();
    return withEtag(c, fileJson(row!), 201);
  })
  .get('/files', allow(...readerRoles), validate('query', listQuery), async (c) => {
    const subject = parseFileSubject(c.req.valid('query').subject);
    await visibleSubject(c, subject);
    return c.json({ items: await filesOf(c.var.db, subject), nextCursor: null });
  })
  .get('/files/:id', allow(...readerRoles), validate('param', idParam), async (c) => {
    const { row } = await visibleFile(c, c.req.valid('param').id);
    const body = await c.var.files.get(row.sha256);
    // The row is written only after its bytes: a missing blob is a broken store, not a bad request.
    if (!body) throw new Error(`file ${row.id}: no bytes stored under ${row.sha256}`);
    return new Response(body, {
      headers: {
        'content-type': row.type,
        'content-length': String(row.size),
        'content-disposition': disposition(row.name),
        'cache-control': 'private, no-store',
      },
    });
  })
  .delete('/files/:id', allow(...writerRoles), validate('param', idParam), async (c) => {
    const { row, subject } = await visibleFile(c, c.req.valid('param').id);
    const user = c.var.user;
    if (user.role === 'manager' && !(row.uploadedBy === user.id && subject.pending)) {
      throw new ApiError('forbidden', '基金管理人只能删除本人上传、且所属记录仍待认定的文件');
    }
    const expected = ifMatchVersion(c);
    const [gone] = await c.var.db
      .update(filesTable)
      .set({ deletedAt: sqlNow, ...touched(filesTable, user.id) })
      .where(
        and(eq(filesTable.id, row.id), eq(filesTable.version, expected ?? row.version), isNull(filesTable.deletedAt)),
      )
      .returning({ id: filesTable.id });
    if (!gone) throw new ApiError('precondition_failed', `文件 ${row.id} 已被他人修改，请刷新后重试`);
    return c.body(null, 204);
  });
