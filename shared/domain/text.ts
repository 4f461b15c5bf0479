/**
 * Text normalisation shared by every parser: what arrives from Excel and WPS is full of full-width
 * characters, non-breaking spaces and stray padding.
 */

/** Full-width ASCII (！ to ～) becomes half-width, the ideographic space becomes a space. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;
const EDGE_SPACES =
  /^[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+|[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+$/g;

/** Trims and collapses every kind of space (NBSP, zero-width, ideographic) to a single ASCII space. */
export function cleanText(s: string): string {
  return s.replace(SPACES, ' ').trim();
}

/** A key for matching names: half-width, no spaces at all, lower case. */
export function matchKey(s: string): string {
  return toHalfWidth(s).replace(SPACES, '').toLowerCase();
}

/** Splits a list written with any of the separators people use: 、 ， , ； ; | and newlines. */
export function splitList(s: string, separators: RegExp = /[、，,；;|\n]+/): string[] {
  return s
    .split(separators)
    .map((x) => cleanText(x))
    .filter((x) => x.length > 0);
}

/**
 * Reads a number written by a person: half-width or full-width digits, thousands separators,
 * a trailing percent sign (→ fraction), surrounding spaces (not spaces between the digits). Returns
 * null when the text is not a number.
 */
export function parseNumberText(raw: string): number | null {
  // padding goes; spaces between the digits do not (8 5 and 8\u200b5 are not 85)
  let s = toHalfWidth(raw)
    .replace(EDGE_SPACES, '')
    .replace(/[ \u00a0]+([%‰])$/, '$1');
  if (s === '') return null;
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1);
  } else if (s.endsWith('‰')) {
    scale = 0.001;
    s = s.slice(0, -1);
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const n = Number(s) * scale;
  if (!Number.isFinite(n)) return null;
  // 95% is 0.95, not 0.9500000000000001
  return scale === 1 ? n : Number(n.toPrecision(15));
}

/** User text inside a message: at most `max` characters, the rest said as a count (a 200,000-character cell is quoted, not pasted). */
export function quote(text: string, max = 30): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…（共 ${chars.length} 字）`;
}

/** Columns a character takes in a terminal or a spreadsheet cell: East Asian wide and full-width characters take two. */
function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Width of a text where a Chinese (wide or full-width) character takes two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) as number);
  return w;
}
