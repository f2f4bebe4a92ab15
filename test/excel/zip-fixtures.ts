import { constants, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

/** One entry of a hand-built zip: its bytes as stored (already deflated for method 8) and what the directory says. */
export interface RawEntry {
  name: string;
  data: Uint8Array;
  method?: number;
  /** The uncompressed size the local header and the central directory declare (a lie, if you like). */
  declaredSize: number;
  flags?: number;
  /** Point this directory entry at another entry's local header (by index) instead of its own. */
  sharesWith?: number;
}

/**
 * A zip built byte by byte, so a test can make its central directory say whatever it wants (sizes, flags, names,
 * entries that share data). CRCs are 0: touyin does not check them, and nothing here is meant to be opened by Excel.
 */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  for (const e of entries) {
    const name = enc.encode(e.name);
    const h = new DataView(new ArrayBuffer(30));
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, e.flags ?? 0x800, true);
    h.setUint16(8, e.method ?? 8, true);
    h.setUint32(18, e.data.length, true);
    h.setUint32(22, e.declaredSize, true);
    h.setUint16(26, name.length, true);
    offsets.push(at);
    push(new Uint8Array(h.buffer));
    push(name);
    push(e.data);
  }
  const cdAt = at;
  entries.forEach((e, i) => {
    const name = enc.encode(e.name);
    const h = new DataView(new ArrayBuffer(46));
    h.setUint32(0, 0x02014b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 20, true);
    h.setUint16(8, e.flags ?? 0x800, true);
    h.setUint16(10, e.method ?? 8, true);
    const target = entries[e.sharesWith ?? i]!;
    h.setUint32(20, target.data.length, true);
    h.setUint32(24, e.declaredSize, true);
    h.setUint16(28, name.length, true);
    h.setUint32(42, offsets[e.sharesWith ?? i]!, true);
    push(new Uint8Array(h.buffer));
    push(name);
  });
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, at - cdAt, true);
  end.setUint32(16, cdAt, true);
  push(new Uint8Array(end.buffer));
  const out = new Uint8Array(at);
  let p = 0;
  for (const b of parts) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

/** The entries of a real .xlsx as raw deflated entries that declare their true sizes. */
export function rawEntriesOf(xlsx: Uint8Array): RawEntry[] {
  return Object.entries(unzipSync(xlsx))
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ name, data: deflateRawSync(bytes), declaredSize: bytes.length }));
}

/**
 * Raw deflate data that inflates to `copies` × `block` (about copies MB for a 1 MB block) from a few KB per MB:
 * the block is compressed once with a full flush (an independent, byte-aligned piece), repeated, and closed with an
 * empty final block — what a zip bomb is made of.
 */
export function deflateBomb(block: string, copies: number): Uint8Array {
  const piece = deflateRawSync(Buffer.from(block), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  const out = new Uint8Array(piece.length * copies + last.length);
  for (let i = 0; i < copies; i++) out.set(piece, i * piece.length);
  out.set(last, piece.length * copies);
  return out;
}
