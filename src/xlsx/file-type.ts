// What an evidence file is, from its bytes (SPEC §9: PDF, JPEG, PNG, XLSX, DOCX), never from its name or the type
// the browser declares. An XLSX or DOCX is a zip: read with zip.ts's defences (entry count, declared and real
// inflated sizes counted against one budget, overlapping entries), so a zip bomb costs a bounded amount of work.
import { fileTypes } from '../db/schema';
import { inflateBudget, inflateEntry, zipEntries, ZipRefused } from './zip';

export type FileType = (typeof fileTypes)[number];

/** Each type's name for people and the file-name extensions that may carry it. */
export const fileTypeNames = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'XLSX', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'DOCX', extensions: ['docx'] },
} as const satisfies Record<FileType, { label: string; extensions: readonly string[] }>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const startsWith = (b: Uint8Array, magic: number[]) => magic.every((byte, i) => b[i] === byte);

/** Why a file's bytes were refused: the route answers 400 with this message. */
export class FileTypeRefused extends Error {}

const accepted = '只接受 PDF、JPEG、PNG、XLSX、DOCX 文件';

/**
 * The type of the bytes, or FileTypeRefused: a PDF starts `%PDF-`, a JPEG FF D8 FF, a PNG its 8-byte signature; an
 * XLSX or DOCX is a zip holding `[Content_Types].xml` and `xl/workbook.xml` or `word/document.xml`, every entry of
 * which inflates within the budget to exactly the size its directory declares.
 */
export function sniffFileType(b: Uint8Array): FileType {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04]))
    throw new FileTypeRefused(`无法识别的文件内容：${accepted}（按文件内容判断，与文件名无关）`);
  try {
    const entries = zipEntries(b);
    const names = new Set(entries.map((e) => e.name));
    const type = names.has('xl/workbook.xml') ? XLSX : names.has('word/document.xml') ? DOCX : null;
    if (!type || !names.has('[Content_Types].xml'))
      throw new FileTypeRefused(`该压缩文件不是 XLSX 或 DOCX 文档：${accepted}`);
    const budget = inflateBudget();
    for (const entry of entries) {
      // Drained, not kept: inflateEntry counts every byte and refuses an entry that inflates past its declared size.
      for (const chunk of inflateEntry(b, entry, budget)) void chunk;
    }
    return type;
  } catch (err) {
    if (err instanceof FileTypeRefused) throw err;
    if (err instanceof ZipRefused)
      throw new FileTypeRefused(
        `该文件不是有效的 XLSX 或 DOCX 文档（${err.message.replace(/该 \.xlsx 文件/g, '该文件').replace(/[；，]请.*$/, '')}）`,
      );
    throw err;
  }
}

/** The extension of a file name, lower case, or null. */
const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? null;

/** Every extension some accepted type carries. */
const knownExtensions = new Set<string>(Object.values(fileTypeNames).flatMap((t) => t.extensions));

/** Why a name's extension contradicts the content (a PNG named .pdf), or null: an unknown or no extension is fine. */
export function extensionProblem(name: string, type: FileType): string | null {
  const ext = extensionOf(name);
  if (ext === null || !knownExtensions.has(ext) || (fileTypeNames[type].extensions as readonly string[]).includes(ext))
    return null;
  return `文件名“${name}”的扩展名 .${ext} 与文件内容（${fileTypeNames[type].label}）不符`;
}
