/**
 * The one reading of a number a workbook stores (the `<v>` of a number cell, a formula's cached
 * number), for every reader: the purpose-built one and exceljs (whose parseFloat would read `0x1F`
 * as 0, `1,234` as 1 and `12abc` as 12). Numbers typed as text by a person are read by
 * parseNumberText, which forgives more and says so (see readNumber).
 *
 * What is accepted: an optional minus, digits, optionally a point and digits, optionally an
 * exponent within ±308 — what Excel, WPS and LibreOffice write — with XML whitespace around it;
 * the value finite. Anything else is refused with the reason, in Chinese.
 */
export type StoredNumber = { ok: true; value: number } | { ok: false; why: string };

const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?(\d+))?$/;
/** The largest exponent written out: beyond it a double is infinite or denormal to nothing. */
export const MAX_EXPONENT = 308;

export function parseStoredNumber(text: string): StoredNumber {
  const s = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const shown = s.length > 30 ? `${s.slice(0, 30)}…` : s;
  if (s === '') return { ok: false, why: '存的数值为空' };
  const m = DECIMAL.exec(s);
  if (!m) {
    if (/^[+-]?0[xX]/.test(s)) return { ok: false, why: `存的数值“${shown}”是十六进制写法` };
    if (/^[+-]?(nan|inf|infinity)$/i.test(s)) return { ok: false, why: `存的数值“${shown}”不是有限的数` };
    if (/^-?[\d.]*,[\d,.]*$/.test(s)) return { ok: false, why: `存的数值“${shown}”中有千位分隔符` };
    return { ok: false, why: `存的数值“${shown}”不是数字` };
  }
  if (m[3] !== undefined && Number(m[3]) > MAX_EXPONENT)
    return { ok: false, why: `存的数值“${shown}”的指数超出范围` };
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, why: `存的数值“${shown}”超出范围` };
  return { ok: true, value };
}
