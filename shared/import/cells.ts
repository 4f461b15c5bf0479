import { cleanText, matchKey, parseNumberText, quote, toHalfWidth } from '../domain/text';
import type { Cell } from './grid';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
/** A number read from a cell; `note` says how a text was read as a number when it was not plainly one. */
export type ReadNumber = { ok: true; value: number | null; note?: string } | { ok: false; message: string };

/** Texts that mean "no value here": empty, dashes, slash, 无. */
const MISSING = new Set(['', '-', '—', '——', '–', '/', '\\', '无', '空', 'n/a', 'na', '#n/a']);

export const isMissingText = (s: string): boolean => MISSING.has(matchKey(s));
/** isMissingText of a text whose match key is known. */
export const isMissingKey = (key: string): boolean => MISSING.has(key);

/** The text a cell shows, cleaned of padding; '' for empty cells and uncached formulas. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  switch (c.kind) {
    case 'text':
      return cleanText(c.value);
    case 'number':
      return String(c.value);
    case 'bool':
      return c.value ? 'TRUE' : 'FALSE';
    case 'date':
    case 'error':
      return c.value;
    case 'formula':
    case 'invalid':
      return '';
  }
}

/** What an unreadable cell is told (see Cell `invalid`). */
export const invalidMessage = (c: { why: string }): string =>
  `无法读取（${c.why}）：请在 Excel 或 WPS 中重新输入该单元格，保存后再导入`;

/**
 * Whether reading a number's text changed what it says beyond padding and a percent sign: full-width
 * characters (９５, －３) or thousands separators (1,234) — then the import names the cell.
 */
const changedToRead = (text: string): boolean => text.includes(',') || toHalfWidth(text) !== text;

/**
 * A text cell read as a number: padding trimmed, full-width digits, thousands separators and a
 * percent sign forgiven — and said (`note`) when full-width characters or separators were read.
 * Spaces or invisible characters between the digits (8\u200b5) are refused: which number was
 * meant is a guess.
 */
export function readNumberText(raw: string): ReadNumber {
  if (isMissingText(raw)) return { ok: true, value: null };
  const text = cleanText(raw);
  const n = parseNumberText(text);
  if (n === null) {
    const joined = parseNumberText(text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ''));
    return {
      ok: false,
      message:
        joined !== null
          ? `“${quote(raw.trim().replace(/[\u2000-\u200b\u202f\u205f\ufeff]/g, '␣'))}”的数字之间有空格或看不见的字符（看不见的显示为 ␣，多是从网页复制来的），请删去后重新填写`
          : `“${quote(text)}”不是数值，请填写数字`,
    };
  }
  if (!changedToRead(text)) return { ok: true, value: n };
  return { ok: true, value: n, note: `“${quote(text)}”含全角字符或千位分隔符，按数值 ${n} 读入` };
}

export const isBlank = (c: Cell): boolean => c === null || (c.kind === 'text' && cleanText(c.value) === '');

const FORMULA_NO_CACHE = '是没有计算结果的公式，请用 Excel 或 WPS 打开该文件、保存后再导入';

/**
 * Reads a number as a person wrote it: numbers, numeric text (full-width digits, thousands
 * separators, percent, padding). Missing markers and empty cells give null. Error values,
 * uncached formulas and other text are refused with a message saying what to do.
 */
export function readNumber(c: Cell): ReadNumber {
  if (c === null) return { ok: true, value: null };
  switch (c.kind) {
    case 'number':
      return Number.isFinite(c.value) ? { ok: true, value: c.value } : { ok: false, message: '不是有效数值' };
    case 'text':
      return readNumberText(c.value);
    case 'error':
      return { ok: false, message: `是错误值 ${c.value}，请改正公式或改填数值` };
    case 'formula':
      return { ok: false, message: FORMULA_NO_CACHE };
    case 'bool':
      return { ok: false, message: `是逻辑值 ${c.value ? 'TRUE' : 'FALSE'}，请填写数值` };
    case 'date':
      return { ok: false, message: `是日期 ${c.value}，请把单元格格式改为“常规”或“数值”后填写数值` };
    case 'invalid':
      return { ok: false, message: invalidMessage(c) };
  }
}

/** Reads text; error values and uncached formulas are refused. */
export function readText(c: Cell): Read<string> {
  if (c !== null && c.kind === 'error') return { ok: false, message: `是错误值 ${c.value}` };
  if (c !== null && c.kind === 'formula') return { ok: false, message: FORMULA_NO_CACHE };
  if (c !== null && c.kind === 'invalid') return { ok: false, message: invalidMessage(c) };
  return { ok: true, value: cellText(c) };
}

/** First cells of rows that are totals, notes or signatures, not data. */
const SKIP_PREFIXES = [
  '合计',
  '总计',
  '小计',
  '平均',
  '备注',
  '说明',
  '注:',
  '注：',
  '填表人',
  '审核人',
  '填报人',
  '负责人',
  '制表人',
  '联系人',
  '填表日期',
  '(单位',
  '（单位',
  '单位:',
  '单位：',
];

/** A row that holds no data: blank, or starting with 合计, 总计, 平均, 备注, 说明, 填表人, 审核人, （单位…） */
export function isSkippableRow(row: readonly Cell[]): boolean {
  const first = row.find((c) => !isBlank(c));
  return first === undefined || startsSkippedRow(cellText(first));
}

const SKIP_HALF = SKIP_PREFIXES.map(toHalfWidth);
/** Whether a row whose first non-blank cell shows this text is one to skip (see isSkippableRow). */
export function startsSkippedRow(text: string): boolean {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  return SKIP_HALF.some((p) => t.startsWith(p));
}

/**
 * What a percentage cell shows, in percent: "93.1%" → 93.1, and a number cell formatted as a
 * percentage holding 0.931 → 93.1; null for any other cell.
 */
export function percentShown(c: Cell): number | null {
  if (c === null) return null;
  if (c.kind === 'number') return c.percent ? Number((c.value * 100).toPrecision(12)) : null;
  if (c.kind !== 'text') return null;
  const t = cleanText(c.value);
  if (!/[%％]$/.test(t)) return null;
  return parseNumberText(t.replace(/[%％]$/, ''));
}
