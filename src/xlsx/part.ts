// The parts of an .xlsx archive being written: its namespaces, the XML declaration, and a part deflated as its text
// arrives.
import { ZipDeflate, type Zip } from 'fflate';

export const CREATOR = 'touyin 投引';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * fflate's level 2: on the 2,000-fund report's 2.2 MB sheet, 45 ms and 396 KB, where level 6 takes 118 ms for 331 KB.
 * The download grows a fifth; the export costs 70 ms less.
 */
const DEFLATE_LEVEL = 2;

/** XML text is deflated in pieces of about this many characters. */
const CHUNK = 64 * 1024;

const encoder = new TextEncoder();
let scratch = new Uint8Array(0);

/**
 * The text as UTF-8 in a buffer shared by every part: the deflater copies what it is given before push() returns,
 * so a 200,000-row export does not allocate (and leave to the allocator) a new buffer for every 64 K characters.
 */
function utf8(text: string): Uint8Array {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(Math.max(text.length * 3, 3 * CHUNK + 4096));
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

/** One part of the archive, deflated as its text arrives. */
export class Part {
  private readonly file: ZipDeflate;
  private pending = '';
  constructor(zip: Zip, name: string, mtime: Date) {
    this.file = new ZipDeflate(name, { level: DEFLATE_LEVEL });
    this.file.mtime = mtime;
    zip.add(this.file);
  }
  write(text: string) {
    this.pending += text;
    if (this.pending.length >= CHUNK) {
      this.file.push(utf8(this.pending));
      this.pending = '';
    }
  }
  end(text = '') {
    this.file.push(utf8(this.pending + text), true);
    this.pending = '';
  }
}
