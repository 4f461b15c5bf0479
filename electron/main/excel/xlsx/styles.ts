/**
 * What a cell's style (its `s`, an index into `<cellXfs>`) says about its number: a date, or a
 * percentage. Read as exceljs's StylesXform reads styles.xml, with its rules for which format a
 * style has, so that the reader and exceljs agree on every cell.
 */
import { unsupported } from './errors';
import { claiming, listOf, parseAttrs, walkXml } from './xml';
import type { XmlHandler } from './xml';

/** The style's number format makes numbers dates (exceljs turns them into Date). */
export const DATE = 1;
/** The style's number format shows a percentage (cellsOf marks the cell `percent`). */
export const PERCENT = 2;

export interface Styles {
  /** Per `<cellXfs>` entry: DATE | PERCENT bits. */
  readonly flags: Uint8Array;
}

/**
 * exceljs's built-in formats (lib/xlsx/defaultnumformats.js, the entries with an `f`): ids 27–36
 * have only locale variants there, so exceljs gives them no format at all.
 */
const BUILTIN: ReadonlyMap<number, string> = new Map([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'mm-dd-yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy "h":mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00 ;(#,##0.00)'],
  [40, '#,##0.00 ;[Red](#,##0.00)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
]);

/** exceljs's `utils.isDateFmt`: a date letter outside [brackets] and "quotes". */
export function isDateFormat(code: string | undefined): boolean {
  if (!code) return false;
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** cellsOf's rule in read-workbook.ts: a % outside quotes ("0.0%", not "0.0\"%\""). */
export function isPercentFormat(code: string | undefined): boolean {
  return /%/.test((code ?? '').replace(/"[^"]*"/g, ''));
}

/** The flags a format code gives a number. */
export function formatFlags(code: string | undefined): number {
  return (isDateFormat(code) ? DATE : 0) | (isPercentFormat(code) ? PERCENT : 0);
}

/** The children of `<styleSheet>` exceljs's StylesXform reads: each claims its subtree. */
const KNOWN = new Set([
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'dxfs',
  'numFmt',
  'font',
  'fill',
  'border',
  'style',
  'cellStyles',
  'tableStyles',
  'extLst',
]);

/**
 * Parses styles.xml. exceljs takes a style's format from its `numFmtId` alone (not
 * applyNumberFormat): a custom `<numFmt>` with that id (backslash escapes removed), else a built-in
 * one; id 0 or none means no format.
 */
export function parseStyles(xml: string): Styles {
  let custom = new Map<number, string>();
  let xfs: number[] = [];
  let rootSeen = false;
  const body = claiming(KNOWN, (name): XmlHandler | null => {
    if (name === 'numFmts') {
      custom = new Map(); // a second list replaces the first, as in exceljs
      return listOf('numFmts', 'numFmt', (a) => {
        const code = a.get('formatCode');
        if (code === undefined) unsupported('a numFmt without formatCode');
        custom.set(parseInt(a.get('numFmtId') ?? '', 10), code.replace(/[\\](.)/g, '$1'));
      });
    }
    if (name === 'cellXfs') {
      xfs = [];
      return xfList((id) => xfs.push(id));
    }
    return null;
  });
  walkXml(xml, {
    open(name, attrs, selfClosing) {
      if (!rootSeen) {
        if (name !== 'styleSheet') unsupported(`styles.xml has root <${name.slice(0, 40)}>`);
        rootSeen = true;
        return;
      }
      body.open(name, attrs, selfClosing);
    },
    close: (name) => body.close(name),
    text: (raw) => body.text(raw),
  });
  const flags = new Uint8Array(xfs.length);
  xfs.forEach((id, i) => {
    // exceljs: `if (style.numFmtId)` — 0 and NaN give no format; an empty custom code falls back
    const code = id ? custom.get(id) || BUILTIN.get(id) : undefined;
    flags[i] = formatFlags(code);
  });
  return { flags };
}

/** `<cellXfs>`: its `<xf>` children (whose own children, alignment and protection, do not matter). */
function xfList(onXf: (numFmtId: number) => void): XmlHandler {
  let depth = 0;
  return {
    open(name, attrs) {
      depth++;
      if (depth !== 2) return;
      if (name !== 'xf') unsupported(`<${name.slice(0, 40)}> inside <cellXfs>`);
      onXf(parseInt(parseAttrs(attrs).get('numFmtId') ?? '', 10));
    },
    close() {
      depth--;
    },
    text() {},
  };
}
