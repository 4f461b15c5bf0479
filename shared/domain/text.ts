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
 * a trailing percent sign (→ fraction), surrounding spaces. Returns null when the text is not a number.
 */
export function parseNumberText(raw: string): number | null {
  let s = toHalfWidth(raw).replace(SPACES, '');
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
