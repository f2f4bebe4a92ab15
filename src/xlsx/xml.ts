/**
 * A small pull reader for the XML inside an .xlsx (SpreadsheetML as Excel, WPS and exceljs write it): elements,
 * attributes, text, CDATA and the predefined and numeric entities. It reads text chunk by chunk, so a sheet is never
 * held whole; a DOCTYPE (the way to declare entities that expand) is refused. Element names lose their namespace
 * prefix (`x:c` is `c`); attribute names keep theirs (`r:id`).
 */

export type XmlEvent =
  | { kind: 'open'; name: string; attrs: Record<string, string>; empty: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with the predefined and numeric character references replaced; an unknown or invalid one stays as written. */
export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const TAG = /<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A token (a text or a tag) may be this long: Excel holds at most 32,767 characters in a cell. Longer ones are
 * refused rather than gathered, which also keeps the search for a token's end linear.
 */
const MAX_TOKEN = 512 * 1024;

/** The events of the XML whose text arrives in these chunks. */
export function* xmlEvents(chunks: Iterable<string>): Generator<XmlEvent> {
  let buf = '';
  let from = 0;
  for (const chunk of chunks) {
    buf += chunk;
    buf = buf.slice(yield* scan(buf, false, from));
    if (buf.length > MAX_TOKEN) throw new XmlError('XML 中的单个文本或标签过长');
    // Pending text holds no '<': the next search for one starts after it.
    from = buf.startsWith('<') ? 0 : buf.length;
  }
  yield* scan(buf, true, 0);
}

/** Emits every complete token of buf; answers how far it got (the rest waits for the next chunk). */
function* scan(buf: string, final: boolean, from: number): Generator<XmlEvent, number> {
  let i = 0;
  for (;;) {
    const lt = buf.indexOf('<', Math.max(i, from));
    if (lt < 0) {
      if (final && buf.slice(i).trim() !== '') throw new XmlError('根元素之后还有文本');
      return final ? buf.length : i;
    }
    if (lt > i) yield { kind: 'text', text: unescapeXml(buf.slice(i, lt)) };
    i = lt;
    let next: number;
    const second = buf.charCodeAt(i + 1);
    if (Number.isNaN(second)) {
      if (final) throw new XmlError('XML 不完整');
      return i;
    } else if (second === 0x2f /* </ */) {
      next = endOf(buf, '>', i + 2);
      if (next > 0) yield { kind: 'close', name: localName(buf.slice(i + 2, next - 1).trim()) };
    } else if (second === 0x3f /* <? */) next = endOf(buf, '?>', i + 2);
    else if (second === 0x21 /* <! */) {
      if (buf.startsWith('<!--', i)) next = endOf(buf, '-->', i + 4);
      else if (buf.startsWith('<![CDATA[', i)) {
        next = endOf(buf, ']]>', i + 9);
        if (next > 0) yield { kind: 'text', text: buf.slice(i + 9, next - 3) };
      } else if (
        !final &&
        buf.length - i < 9 &&
        ('<![CDATA['.startsWith(buf.slice(i)) || '<!--'.startsWith(buf.slice(i)))
      )
        next = -1;
      else throw new XmlError('不支持 DOCTYPE');
    } else {
      TAG.lastIndex = i;
      const m = TAG.exec(buf);
      if (m) {
        next = TAG.lastIndex;
        const attrs: Record<string, string> = {};
        if (m[2]) {
          ATTR.lastIndex = 0;
          for (let a = ATTR.exec(m[2]); a; a = ATTR.exec(m[2])) attrs[a[1]!] = unescapeXml(a[2] ?? a[3] ?? '');
        }
        const name = localName(m[1]!);
        yield { kind: 'open', name, attrs, empty: m[3] === '/' };
        if (m[3] === '/') yield { kind: 'close', name };
      } else {
        // Not (yet) a whole tag: wait for more text, unless a '>' outside quotes shows it is malformed.
        if (final || tagEnds(buf, i)) throw new XmlError('XML 标签无效');
        next = -1;
      }
    }
    if (next < 0) {
      if (final) throw new XmlError('XML 不完整');
      return i;
    }
    i = next;
  }
}

/** Where the marker searched for from `from` ends, or -1. */
function endOf(buf: string, marker: string, from: number): number {
  const at = buf.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}

/** Whether the tag starting at i has an end ('>' outside quotes) in buf. */
function tagEnds(buf: string, i: number): boolean {
  let quote = '';
  for (let k = i + 1; k < buf.length; k++) {
    const ch = buf[k]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return true;
  }
  return false;
}

// Writing: text escaped for the parts the writer makes.

// Characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates): dropped.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const SPECIAL_TEXT = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
  '"': '&quot;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Text as XML character data: &, <, > escaped, CR kept as a reference (a parser would turn CR LF into LF), forbidden characters dropped. */
export function xmlText(s: string): string {
  if (!SPECIAL_TEXT.test(s)) return s;
  return s.replace(FORBIDDEN, '').replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch]!);
}

/** Text as an attribute value in double quotes: as xmlText, and ", LF and tab as references (a parser would make them spaces). */
export function xmlAttr(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>\r\n\t"]/g, (ch) => TEXT_ESCAPES[ch]!);
}
