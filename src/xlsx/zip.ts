import { Inflate } from 'fflate';

/**
 * The zip layer of .xlsx, done by touyin itself with fflate, synchronously: exceljs would use JSZip, which defers
 * its work with timers that Workers drop when a request ends (after which every later .xlsx in that isolate hangs),
 * and which trusts the sizes a zip declares. Reading counts the bytes that really come out of the inflater and stops
 * at the limits; nothing the archive says about itself is believed.
 */

/** How many entries an uploaded archive may hold (a workbook of a few sheets has 15–40). */
export const MAX_ZIP_ENTRIES = 1000;
/**
 * How many bytes reading one upload may inflate in all. A 10,000-row project sheet as exceljs or Excel writes it
 * inflates to about 8 MB, a 20,000-row one (the import's row limit) to about 16 MB: 48 MB leaves room for wide sheets
 * and verbose writers, and keeps a hostile archive to a fraction of a second of work. The XML is read in chunks and
 * never held whole, so this bounds time, not memory.
 */
export const MAX_INFLATED_BYTES = 48 * 1024 * 1024;

/** Why an archive was refused; the route answers 400 with this message. */
export class ZipRefused extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header, and its compressed data, start in the archive. */
  localAt: number;
  dataAt: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;

const tooLarge = (limit: number) =>
  new ZipRefused(`该 .xlsx 文件解压后超过 ${limit / 1024 / 1024} MB（上限），请删除多余的工作表、图片或分批导入`);

const corrupt = (what: string) =>
  new ZipRefused(`无法读取该 .xlsx 文件：压缩结构无效（${what}），文件可能已损坏；请在 Excel 中重新保存后再导入`);

/**
 * The entries of an archive, from its central directory, checked: one disk, no ZIP64, at most MAX_ZIP_ENTRIES, no
 * encryption, stored or deflated only, safe and unique names, at most MAX_INFLATED_BYTES declared, each entry's
 * data inside the archive and overlapping no other entry's (overlapping entries are how a small archive makes a
 * huge one).
 */
// eslint-disable-next-line max-lines-per-function -- one walk of the central directory, each check beside the bytes it reads
export function zipEntries(b: Uint8Array): ZipEntry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) === b.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw corrupt('找不到中央目录');
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) throw corrupt('不支持 ZIP64');
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdAt = u32(end + 16);
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) throw corrupt('不支持分卷压缩');
  if (count === 0xffff || cdSize === 0xffffffff || cdAt === 0xffffffff) throw corrupt('不支持 ZIP64');
  if (count > MAX_ZIP_ENTRIES)
    throw new ZipRefused(
      `该 .xlsx 文件包含 ${count} 个压缩条目，超过上限 ${MAX_ZIP_ENTRIES}；请删除多余的工作表或图片后再导入`,
    );
  if (cdAt + cdSize > end) throw corrupt('中央目录越界');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let declared = 0;
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let p = cdAt;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || u32(p) !== CENTRAL) throw corrupt('目录条目损坏');
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const compressedSize = u32(p + 20);
    const size = u32(p + 24);
    const nameLength = u16(p + 28);
    const next = p + 46 + nameLength + u16(p + 30) + u16(p + 32);
    const localAt = u32(p + 42);
    if (next > end) throw corrupt('目录条目损坏');
    if (flags & 0x41) throw new ZipRefused('该 .xlsx 文件已加密，请在 Excel 中取消密码保护后再导入');
    if (compressedSize === 0xffffffff || size === 0xffffffff || localAt === 0xffffffff) throw corrupt('不支持 ZIP64');
    if (method !== 0 && method !== 8) throw corrupt(`不支持的压缩方式 ${method}`);
    let name: string;
    try {
      name = (flags & 0x800 ? utf8 : latin1).decode(b.subarray(p + 46, p + 46 + nameLength));
    } catch {
      throw corrupt('条目名称不是有效的 UTF-8');
    }
    if (name.startsWith('/')) name = name.slice(1);
    // eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
    if (name === '' || /[\\\u0000-\u001f]/.test(name) || name.split('/').some((s) => s === '..' || s === '.'))
      throw corrupt(`条目名称“${name}”不合法`);
    const key = name.toLowerCase();
    if (names.has(key)) throw corrupt(`条目“${name}”重复`);
    names.add(key);
    if (localAt + 30 > cdAt || u32(localAt) !== LOCAL) throw corrupt(`条目“${name}”的本地头损坏`);
    const dataAt = localAt + 30 + u16(localAt + 26) + u16(localAt + 28);
    if (dataAt + compressedSize > cdAt) throw corrupt(`条目“${name}”越界`);
    if (method === 0 && compressedSize !== size) throw corrupt(`条目“${name}”的大小不一致`);
    // A declared size is never trusted to be small (reading counts the real bytes), but a large one is believed.
    declared += size;
    if (declared > MAX_INFLATED_BYTES) throw tooLarge(MAX_INFLATED_BYTES);
    entries.push({ name, method, compressedSize, size, localAt, dataAt });
    p = next;
  }
  // No two entries may share bytes: each one's local header and data lie before the next one's.
  const sorted = [...entries].sort((a, c) => a.localAt - c.localAt);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (prev.dataAt + prev.compressedSize > sorted[i]!.localAt) throw corrupt('条目相互重叠');
  }
  return entries;
}

/** The inflated bytes of a workbook read so far, shared by every entry read from one upload. */
export interface InflateBudget {
  used: number;
  readonly limit: number;
}

export const inflateBudget = (limit = MAX_INFLATED_BYTES): InflateBudget => ({ used: 0, limit });

/** Compressed input is fed this many bytes at a time: deflate expands at most ~1,032×, so one step yields ≤ ~4 MB. */
const STEP = 4096;

/**
 * The entry's bytes in chunks as they come out of the inflater. Every chunk is counted against the budget before it
 * is handed on, and an entry that inflates to more than its directory declared is refused at that byte.
 */
export function* inflateEntry(b: Uint8Array, entry: ZipEntry, budget: InflateBudget): Generator<Uint8Array> {
  // What the directory declares is only believed when it is small enough; the bytes themselves are counted below.
  if (entry.size > budget.limit - budget.used) throw tooLarge(budget.limit);
  const data = b.subarray(entry.dataAt, entry.dataAt + entry.compressedSize);
  let out = 0;
  const count = (n: number) => {
    out += n;
    budget.used += n;
    if (budget.used > budget.limit) throw tooLarge(budget.limit);
    if (out > entry.size) throw corrupt(`条目“${entry.name}”解压后的大小与目录不符`);
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += STEP * 16) {
      const chunk = data.subarray(at, at + STEP * 16);
      count(chunk.length);
      yield chunk;
    }
    return;
  }
  const pending: Uint8Array[] = [];
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (chunk.length) {
      count(chunk.length);
      pending.push(chunk);
    }
    if (final) ended = true;
  });
  for (let at = 0; at < data.length && !ended; at += STEP) {
    try {
      inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
    } catch (err) {
      if (err instanceof ZipRefused) throw err;
      throw corrupt(`条目“${entry.name}”无法解压`);
    }
    while (pending.length) yield pending.shift()!;
  }
  if (!ended && data.length > 0) throw corrupt(`条目“${entry.name}”数据不完整`);
  if (out !== entry.size) throw corrupt(`条目“${entry.name}”解压后的大小与目录不符`);
}
