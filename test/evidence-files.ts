// Evidence files for the tests: small real files of each accepted type, and hostile ones, built in memory.
import { zipSync } from 'fflate';

const text = (s: string) => new TextEncoder().encode(s);

/** A minimal PDF (its first bytes are what the type check reads). */
export const pdfBytes = (marker = '银行回单') =>
  text(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
/** The PNG signature and a header chunk. */
export const pngBytes = () =>
  new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
    0, 0, 0,
  ]);
/** A JPEG's start of image and an APP0 marker. */
export const jpegBytes = () =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

const contentTypes = text(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);
/** A DOCX-shaped zip (content types and the main document part). */
export const docxBytes = () =>
  zipSync({
    '[Content_Types].xml': contentTypes,
    'word/document.xml': text('<w:document xmlns:w="x"><w:body/></w:document>'),
  });
/** An XLSX-shaped zip. */
export const xlsxBytes = () => zipSync({ '[Content_Types].xml': contentTypes, 'xl/workbook.xml': text('<workbook/>') });

/** A zip bomb dressed as an XLSX: 50 MB of zeros in its workbook part (over the 48 MB budget), about 50 KB compressed. */
export const declaredBomb = () =>
  zipSync({ '[Content_Types].xml': contentTypes, 'xl/workbook.xml': new Uint8Array(50 * 1024 * 1024) }, { level: 1 });

/** A zip that is neither an XLSX nor a DOCX. */
export const plainZip = () => zipSync({ 'readme.txt': text('不是 Office 文档') });

/**
 * A zip bomb whose directory lies: 50 MB of zeros as a DOCX's document part, the part's declared size rewritten to
 * 1 KB in both headers, so only counting the bytes that really inflate finds it.
 */
export function lyingBomb(): Uint8Array {
  const BIG = 50 * 1024 * 1024;
  const zip = zipSync({ '[Content_Types].xml': contentTypes, 'word/document.xml': new Uint8Array(BIG) }, { level: 1 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 4 <= zip.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint32(at + 22, true) === BIG) view.setUint32(at + 22, 1024, true);
    if (sig === 0x02014b50 && view.getUint32(at + 24, true) === BIG) view.setUint32(at + 24, 1024, true);
  }
  return zip;
}

/** A multipart upload of `bytes` named `name` for `subject`, as a browser's FormData sends it. */
export function uploadRequest(
  origin: string,
  token: string,
  subject: string | null,
  bytes: Uint8Array | null,
  name = '回单.pdf',
) {
  const form = new FormData();
  if (subject !== null) form.set('subject', subject);
  if (bytes !== null) form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  return new Request(`${origin}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}
