// 佐证材料 on the pages (SPEC §9): a record's files (name, type, size, who, when), each downloaded through the scoped
// API, deleted by whoever may, and the upload form (multipart through touyin.js, its refusals shown in Chinese).
import type { FC } from 'hono/jsx';
import type { Role } from '../domain/vocabulary';
import type { NamedFile } from '../queries/files';
import type { fileTypes } from '../db/schema';
import { Msg } from './components';

/** Each accepted type's short name, as a clerk calls it. */
const typeNames: Record<(typeof fileTypes)[number], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
};

/** Bytes as read: "820 B", "12.3 KB", "4.5 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Who may delete a file (DELETE /api/files/:id): staff, or its uploader while its record is pending. */
export const mayDelete = (visitor: { id: number; role: Role }, f: NamedFile, pending: boolean) =>
  visitor.role === 'admin' ||
  visitor.role === 'staff' ||
  (visitor.role === 'manager' && f.uploadedBy === visitor.id && pending);

/** The files of one record, and (for writers) the form that adds one. */
export const Evidence: FC<{
  subject: string;
  files: NamedFile[];
  visitor: { id: number; role: Role };
  /** Whether the record still waits for 认定 (its uploader may then take a file back). */
  pending: boolean;
  /** What the files prove, in the upload button's words ("上传银行回单"). */
  hint?: string;
}> = ({ subject, files, visitor, pending, hint }) => {
  const mine = files.filter((f) => f.subject === subject);
  const key = subject.replace(':', '-');
  return (
    <div class="evidence" id={`files-${key}`}>
      {mine.length === 0 ? <span class="muted">暂无佐证材料</span> : null}
      <ul class="files">
        {mine.map((f) => (
          <li>
            <a href={`/api/files/${f.id}`} download={f.name} class="file-link">
              {f.name}
            </a>{' '}
            <span class="muted">
              {typeNames[f.type]} · {fileSize(f.size)} · {f.uploaderName ?? `用户 #${f.uploadedBy}`} ·{' '}
              {f.uploadedAt.replace('T', ' ').slice(0, 16)}
            </span>
            {mayDelete(visitor, f, pending) ? (
              <form
                class="inline file-delete"
                data-api={`/api/files/${f.id}`}
                data-method="DELETE"
                data-if-match={String(f.version)}
                data-confirm={`删除文件“${f.name}”？`}
                data-reload
                data-ok="已删除"
              >
                <button class="bad small" type="submit">
                  删除
                </button>
                <Msg />
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {visitor.role !== 'leader' ? (
        <details class="upload">
          <summary>{hint ?? '上传佐证材料'}</summary>
          <form class="inline upload" data-upload id={`upload-${key}`}>
            <input type="hidden" name="subject" value={subject} />
            <label>
              文件（PDF、JPG、PNG、XLSX、DOCX，不超过 20 MB）
              <input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.xlsx,.docx" required />
            </label>
            <button class="primary small" type="submit">
              上传
            </button>
            <Msg />
          </form>
        </details>
      ) : null}
    </div>
  );
};
