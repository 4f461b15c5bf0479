/**
 * Just enough XML for the parts of an .xlsx, read as exceljs reads them: exceljs hands every part
 * to saxes (an XML 1.0 parser in non-namespace mode) and acts on its events. These helpers resolve
 * text and attributes exactly as saxes does, and refuse (XlsxUnsupported) what saxes would reject or
 * what exceljs would see differently (CDATA, a document type, an unknown entity).
 */
import { unsupported } from './errors';

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Characters XML 1.0 forbids, raw or as a reference: saxes fails on them, and so does exceljs. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

function isXmlChar(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0xd7ff) ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** Resolves `&amp;`, `&#123;`, `&#x1F;`; any other reference is refused, as saxes refuses it. */
function resolveReferences(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) unsupported('an unterminated entity reference');
    const name = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (name.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]+$/.test(name)
        ? parseInt(name.slice(2), 16)
        : /^#[0-9]+$/.test(name)
          ? parseInt(name.slice(1), 10)
          : NaN;
      if (isXmlChar(code)) ch = String.fromCodePoint(code);
    } else ch = NAMED_ENTITIES[name];
    if (ch === undefined) unsupported(`the entity reference &${name.slice(0, 20)};`);
    out += s.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + s.slice(from);
}

/** Character data as saxes hands it to exceljs: line ends (CR LF, CR) become LF, references resolved. */
export function decodeText(raw: string): string {
  if (FORBIDDEN.test(raw)) unsupported('a character XML forbids');
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return s.includes('&') ? resolveReferences(s) : s;
}

/** An attribute value as saxes gives it: raw tabs and line ends become spaces, then references resolve. */
export function decodeAttr(raw: string): string {
  if (FORBIDDEN.test(raw)) unsupported('a character XML forbids');
  if (raw.includes('<')) unsupported('< in an attribute value');
  const s = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return s.includes('&') ? resolveReferences(s) : s;
}

/**
 * exceljs's `utils.xmlDecode`, which it applies a second time to `t="str"` values and to sheet names
 * after saxes has already resolved references: `&amp;lt;` in the file ends up as `<`.
 */
export function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/**
 * The text of bytes [start, end) of a part, decoded as saxes would: the common case (ASCII, no
 * reference, no CR) is a latin1 slice, the fastest decoder Node has.
 */
export function bytesText(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (b >= 0x80 || b === 0x26 || b < 0x20) return decodeText(buf.toString('utf8', start, end));
  }
  return buf.toString('latin1', start, end);
}

/** What a part's parser is told, in document order; self-closing elements get open and close. */
export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw character data between tags (undecoded: see decodeText), inside the root only. */
  text(raw: string): void;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/**
 * Walks a whole, well-formed XML document held as a string. Comments and processing instructions
 * are passed over, as exceljs ignores them; CDATA and document types are refused, as are mismatched
 * tags and a second root.
 */
export function walkXml(xml: string, handler: XmlHandler): void {
  const n = xml.length;
  const stack: string[] = [];
  let rooted = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (stack.length > 0) handler.text(xml.slice(i, textEnd));
      else if (!/^\s*$/.test(xml.slice(i, textEnd))) unsupported('text outside the root element');
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x2f) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) unsupported('an unterminated end tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      if (stack.pop() !== name) unsupported(`a mismatched end tag </${name.slice(0, 40)}>`);
      handler.close(name);
      i = gt + 1;
    } else if (c === 0x3f) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) unsupported('an unterminated processing instruction');
      i = end + 2;
    } else if (c === 0x21) {
      if (!xml.startsWith('<!--', lt)) unsupported('CDATA or a document type declaration');
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) unsupported('an unterminated comment');
      i = end + 3;
    } else {
      let j = lt + 1;
      while (j < n) {
        const ch = xml.charCodeAt(j);
        if (ch === 0x3e || ch === 0x2f || isSpace(ch)) break;
        j++;
      }
      if (j === lt + 1) unsupported('a malformed start tag');
      const name = xml.slice(lt + 1, j);
      // '>' may stand inside a quoted attribute value (number formats such as "[>=100]0")
      let k = j;
      let quote = 0;
      for (; k < n; k++) {
        const ch = xml.charCodeAt(k);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) quote = ch;
        else if (ch === 0x3e) break;
        else if (ch === 0x3c) unsupported('< inside a tag');
      }
      if (k >= n) unsupported('an unterminated start tag');
      const selfClosing = k > j && xml.charCodeAt(k - 1) === 0x2f;
      if (stack.length === 0 && rooted) unsupported('a second root element');
      rooted = true;
      handler.open(name, xml.slice(j, selfClosing ? k - 1 : k), selfClosing);
      if (selfClosing) handler.close(name);
      else stack.push(name);
      i = k + 1;
    }
  }
  if (stack.length > 0 || !rooted) unsupported('an unterminated document');
}

const ATTRIBUTE = /\s*([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** The attributes of a start tag (the text walkXml gives), decoded; duplicates are refused, as saxes refuses them. */
export function parseAttrs(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) {
    const name = m[1] as string;
    if (out.has(name)) unsupported(`a duplicate attribute ${name}`);
    out.set(name, decodeAttr(m[2] ?? m[3] ?? ''));
    at = ATTRIBUTE.lastIndex;
  }
  if (raw.slice(at).trim() !== '') unsupported('a malformed attribute');
  return out;
}

/**
 * A handler that reads a part as exceljs's composite xforms do: while no element is being read, an
 * element whose name the xform knows claims its whole subtree (whatever its depth: exceljs looks
 * through unknown elements); `claim` returns the handler for that subtree, or null to pass over it.
 */
export function claiming(known: ReadonlySet<string>, claim: (name: string) => XmlHandler | null): XmlHandler {
  let depth = 0;
  let current: XmlHandler | null = null;
  return {
    open(name, attrs, selfClosing) {
      if (depth === 0) {
        if (!known.has(name)) return;
        current = claim(name);
      }
      depth++;
      current?.open(name, attrs, selfClosing);
    },
    close(name) {
      if (depth === 0) return;
      current?.close(name);
      if (--depth === 0) current = null;
    },
    text(raw) {
      if (depth > 0) current?.text(raw);
    },
  };
}

/** A handler for a list element (`<sheets>`, `<mergeCells>`…) whose children must all be `child`. */
export function listOf(
  list: string,
  child: string,
  onChild: (attrs: Map<string, string>) => void,
): XmlHandler {
  let depth = 0;
  return {
    open(name, attrs) {
      depth++;
      if (depth === 1) return;
      if (depth !== 2 || name !== child) unsupported(`<${name.slice(0, 40)}> inside <${list}>`);
      onChild(parseAttrs(attrs));
    },
    close() {
      depth--;
    },
    text(raw) {
      if (raw.trim() !== '') unsupported(`text inside <${list}>`);
    },
  };
}
