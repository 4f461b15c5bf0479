/**
 * The byte-level pieces the cell scanner reads a sheet with: the bytes of XML it looks for, the cell
 * types exceljs tells apart, and small parsers of numbers, names and elements working on the
 * inflated bytes in place. Whatever they cannot read as exceljs does throws XlsxUnsupported.
 */
import { MAX_EXPONENT } from '../../../../shared/import/numbers';
import { unsupported } from './errors';
import { MAX_COLUMNS } from './merges';
import { bytesText } from './xml';

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const EQ = 0x3d;
export const QUOT = 0x22;
export const APOS = 0x27;
const MINUS = 0x2d;
const DOT = 0x2e;

// the cell types exceljs tells apart; any other t refused (exceljs-strict.ts reads it), an absent or "n" one read as a number
export const T_NUMBER = 0;
export const T_SHARED = 1;
export const T_STR = 2;
export const T_INLINE = 3;
export const T_BOOL = 4;
export const T_ERROR = 5;

export const SHEET_DATA_END = Buffer.from('</sheetData>');
export const ROW_END = Buffer.from('</row>');
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** What may follow an element name: a space, `>` or `/`. */
export const isNameEnd = (b: number | undefined) => b === GT || b === SLASH || isSpace(b);

/**
 * The number a `<v>` holds, exactly as parseFloat reads it, or NaN when the bytes are not a plain
 * decimal (`-12`, `0.931`, `1.5E-3`; not `+1`, `.5`, `0x1F`, `1,234`, `NaN`), the exponent is past
 * ±308 or the value is not finite: the grammar of parseStoredNumber (shared/import/numbers.ts), which
 * reads what this leaves (via exceljs) and refuses or accepts it — a test holds the two together. Up to 15 significant digits and a power of ten within 10^±22 it computes the value
 * directly, one correctly rounded operation on exact operands, which is what parseFloat's correctly
 * rounded result is (Clinger's fast path); otherwise it asks parseFloat.
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let exact = true;
  let scale = 0;
  const intStart = i;
  for (; i < end; i++) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) break;
    if (mantissa < 9e14) mantissa = mantissa * 10 + d;
    else exact = false;
  }
  if (i === intStart) return NaN;
  if (i < end && buf[i] === DOT) {
    const fracStart = ++i;
    for (; i < end; i++) {
      const d = (buf[i] as number) - 48;
      if (d < 0 || d > 9) break;
      if (mantissa < 9e14) {
        mantissa = mantissa * 10 + d;
        scale++;
      } else if (d !== 0) exact = false;
    }
    if (i === fracStart) return NaN;
  }
  let exponent = 0;
  if (i < end && (buf[i] === 0x45 || buf[i] === 0x65)) {
    i++;
    const sign = buf[i] === MINUS ? -1 : 1;
    if (buf[i] === MINUS || buf[i] === 0x2b) i++;
    const expStart = i;
    for (; i < end; i++) {
      const d = (buf[i] as number) - 48;
      if (d < 0 || d > 9) break;
      if (exponent < 100000) exponent = exponent * 10 + d;
    }
    // beyond ±308 parseStoredNumber refuses what parseFloat would still read: exceljs-strict.ts decides
    if (i === expStart || exponent > MAX_EXPONENT) return NaN;
    exponent *= sign;
  }
  if (i !== end) return NaN;
  const k = exponent - scale;
  let value: number;
  if (exact && k === 0) value = mantissa;
  else if (exact && k > 0 && k <= 22) value = mantissa * (POW10[k] as number);
  else if (exact && k < 0 && k >= -22) value = mantissa / (POW10[-k] as number);
  else {
    const v = parseFloat(Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1'));
    return Number.isFinite(v) ? v : NaN;
  }
  return negative ? -value : value;
}

/** Digits only (a shared string index, a `s`, a boolean): their value, or -1. */
export function parseDigits(buf: Uint8Array, start: number, end: number): number {
  if (start === end || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The `>` ending a start tag whose attributes begin at p (quotes respected); -1 when not before `end`. */
function tagEndAt(buf: Buffer, p: number, end: number): number {
  for (; p < end; p++) {
    const b = buf[p];
    if (b === GT) return p;
    if (b === QUOT || b === APOS) {
      p = buf.indexOf(b, p + 1);
      if (p < 0 || p >= end) return -1;
    } else if (b === LT) unsupported('< inside a tag');
  }
  return -1;
}

/** The column of an `r` in row `row`; refuses an `r` naming another row or not in canonical form. */
export function columnOf(buf: Buffer, start: number, end: number, row: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const b = buf[i] as number;
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + b - 64;
  }
  const letters = i - start;
  if (letters === 0 || letters > 3 || col > MAX_COLUMNS || buf[i] === 0x30)
    unsupported('a malformed cell reference');
  let n = 0;
  for (; i < end; i++) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) unsupported('a malformed cell reference');
    n = n * 10 + d;
  }
  if (n !== row) unsupported('a cell whose r names another row');
  return col;
}

/** A `t` attribute: s, str, inlineStr, b, e; n or empty read as numbers. */
export function typeOf(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (len === 0) return T_NUMBER;
  const b = buf[start];
  if (len === 1) {
    if (b === 0x73) return T_SHARED;
    if (b === 0x62) return T_BOOL;
    if (b === 0x65) return T_ERROR;
    if (b === 0x6e) return T_NUMBER; // not d (an ISO date: exceljs-strict.ts reads it)
  } else if (len === 3 && b === 0x73 && buf[start + 1] === 0x74 && buf[start + 2] === 0x72) return T_STR;
  else if (len === 9 && buf.toString('latin1', start, end) === 'inlineStr') return T_INLINE;
  return unsupported(`the cell type ${buf.toString('latin1', start, Math.min(end, start + 20))}`);
}

/** A `<t …>text</t>` or `<t/>` at p: its decoded text and what follows it. */
export function textElement(buf: Buffer, p: number, end: number): { text: string; next: number } {
  const tagEnd = tagEndAt(buf, p + 2, end);
  if (tagEnd < 0 || tagEnd >= end) unsupported('a truncated <t>');
  if (buf[tagEnd - 1] === SLASH) return { text: '', next: tagEnd + 1 };
  const close = buf.indexOf(LT, tagEnd + 1);
  if (
    close < 0 ||
    close >= end ||
    buf[close + 1] !== SLASH ||
    buf[close + 2] !== 0x74 ||
    buf[close + 3] !== GT
  )
    unsupported('a malformed <t>');
  return { text: bytesText(buf, tagEnd + 1, close), next: close + 4 };
}

/** Passes over an element (`<rPr>` and its children) at p; returns what follows it. */
export function skipElement(buf: Buffer, p: number, end: number, name: string): number {
  const tagEnd = tagEndAt(buf, p + 1 + name.length, end);
  if (tagEnd < 0 || tagEnd >= end) unsupported(`a truncated <${name}>`);
  if (buf[tagEnd - 1] === SLASH) return tagEnd + 1;
  const close = buf.indexOf(`</${name}>`, tagEnd + 1, 'latin1');
  if (close < 0 || close >= end) unsupported(`an unterminated <${name}>`);
  return close + name.length + 3;
}
