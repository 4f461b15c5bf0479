/**
 * The cell scanner: reads the rows inside `<sheetData>` straight from the inflated bytes and turns
 * each cell into the Cell that read-workbook.ts's whole-load path gives (exceljs's CellXform,
 * Worksheet model and cellsOf(row, true), then toCell), including its oddities:
 *
 * - a formula's cached value counts only when truthy (exceljs's FormulaValue copies only truthy
 *   fields): `=A1-A1` cached as 0 reads as the formula, unless the cell carries a hyperlink;
 * - `t="str"` values are entity-decoded twice (saxes, then exceljs's xmlDecode);
 * - a cell with neither value nor style is no cell at all (not even for counting the column of a
 *   following cell without `r`), a styled empty one is a cell without a value;
 * - an empty plain string is null but empty rich text is text "".
 *
 * Whatever it cannot reproduce exactly throws XlsxUnsupported.
 */
import type { Cell } from '../../../../shared/import/grid';
import { unsupported } from './errors';
import { MAX_COLUMNS, MAX_ROWS } from './merges';
import type { MergePlan } from './merges';
import { BROKEN, decodeEscapes, PLAIN } from './shared-strings';
import type { SharedStrings } from './shared-strings';
import { DATE, PERCENT } from './styles';
import type { Styles } from './styles';
import { bytesText, xmlDecode } from './xml';
import {
  APOS,
  columnOf,
  EQ,
  GT,
  isNameEnd,
  isSpace,
  LT,
  parseDecimal,
  parseDigits,
  QUOT,
  ROW_END,
  SHEET_DATA_END,
  skipElement,
  SLASH,
  T_BOOL,
  T_ERROR,
  T_INLINE,
  T_NUMBER,
  T_SHARED,
  T_STR,
  textElement,
  typeOf,
} from './scan-bytes';

export interface ScanContext {
  /** Null when the workbook has no xl/sharedStrings.xml. */
  readonly strings: SharedStrings | null;
  /** Null when the workbook has no xl/styles.xml. */
  readonly styles: Styles | null;
  readonly date1904: boolean;
}

export interface ScanOptions {
  /** Merged ranges to apply (known before the rows: see sheet-read.ts). */
  readonly merges?: MergePlan | null;
  /** Cells carrying an external hyperlink, as cellKey(row, col). */
  readonly links?: ReadonlySet<number> | null;
  /** Record the cells a hyperlink would change (see `sensitive`), up to this many. */
  readonly trackSensitive?: number;
  /** Told of every plain-string value (what exceljs gives as a JS string): template metadata. */
  readonly onPlain?: (row: number, col: number, text: string) => void;
  /** Called every ROWS_PER_TICK rows: progress and cancellation. */
  readonly onTick?: () => void;
}

/** A cell's position as one number: row and column 1-based. */
export const cellKey = (row: number, col: number): number => row * (MAX_COLUMNS + 1) + col;

export const ROWS_PER_TICK = 4096;

/** exceljs's `utils.excelToDate` then toCell: a serial to yyyy-mm-dd, '#VALUE!' when out of range. */
export function serialToCell(serial: number, date1904: boolean): Cell {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  return Number.isNaN(d.getTime())
    ? { kind: 'error', value: '#VALUE!' }
    : { kind: 'date', value: d.toISOString().slice(0, 10) };
}

/** A formula's cached result as exceljs models it (before toCell). */
type Result = undefined | number | string | boolean | { error: string };

/**
 * Scans rows from buffers fed in order. Rows must come in increasing order with `r`; a row's cells in
 * increasing columns. Rows are handed to `onRow` as (0-based index, cells).
 */
export class SheetScanner {
  /** `</sheetData>` was reached. */
  done = false;
  /** The last row number (1-based) read from the file, 0 before any. */
  lastRow = 0;
  /** Formula and valueless cells a hyperlink would change (cellKey), while tracking. */
  readonly sensitive = new Set<number>();
  /** More such cells than tracked: any hyperlink may matter. */
  sensitiveOverflow = false;

  private emitted = 0;
  private rowTagEnd = 0;
  private rowEmpty = false;
  private rowsRead = 0;
  private readonly formulae = new Map<string, string>();
  private readonly dates = new Map<number, Cell>();
  private readonly strings: SharedStrings | null;
  private readonly flags: Uint8Array | null;
  private readonly date1904: boolean;
  private merges: MergePlan | null;
  private readonly links: ReadonlySet<number> | null;
  private readonly track: number;

  constructor(
    ctx: ScanContext,
    private readonly onRow: (index: number, cells: Cell[]) => void,
    private readonly opts: ScanOptions = {},
  ) {
    this.strings = ctx.strings;
    this.flags = ctx.styles ? ctx.styles.flags : null;
    this.date1904 = ctx.date1904;
    this.merges = opts.merges ?? null;
    this.links = opts.links && opts.links.size > 0 ? opts.links : null;
    this.track = opts.trackSensitive ?? 0;
  }

  /**
   * Scans the complete rows of buf from `start` (just after `<sheetData>` or where the previous call
   * stopped) and returns where it stopped: at an incomplete row (feed it again with more bytes after
   * it), or just after `</sheetData>` (then `done`). With `final`, an incomplete row is an error.
   */
  scan(buf: Buffer, start: number, final = false): number {
    // Only whole rows are scanned: up to the last `</row>` (or `</sheetData>`) in the buffer, found
    // with one native search per buffer rather than one per row.
    let limit = buf.length;
    if (!final) {
      const rowEnd = buf.lastIndexOf(ROW_END);
      limit = rowEnd >= start ? rowEnd + ROW_END.length : start;
      // `</sheetData>` can only follow the last row
      const data = buf.indexOf(SHEET_DATA_END, limit);
      if (data >= 0) limit = data + SHEET_DATA_END.length;
    }
    let p = start;
    for (;;) {
      while (p < limit && isSpace(buf[p])) p++;
      if (p >= limit) {
        if (final && !this.done) unsupported('a truncated sheetData');
        return p;
      }
      if (buf[p] !== LT) unsupported('text between rows');
      if (buf[p + 1] === SLASH) {
        if (!buf.subarray(p, p + SHEET_DATA_END.length).equals(SHEET_DATA_END))
          unsupported('an unexpected end tag in sheetData');
        this.done = true;
        return p + SHEET_DATA_END.length;
      }
      if (buf[p + 1] !== 0x72 || buf[p + 2] !== 0x6f || buf[p + 3] !== 0x77 || !isNameEnd(buf[p + 4]))
        unsupported('an element other than <row> in sheetData');
      const row = this.rowTag(buf, p + 4, limit);
      const cells: Cell[] = [];
      if (this.rowEmpty) {
        this.emit(row, cells, false);
        p = this.rowTagEnd;
      } else {
        p = this.cells(buf, this.rowTagEnd, limit, row, cells);
        this.emit(row, cells, cells.length > 0);
      }
    }
  }

  /**
   * After `</sheetData>`: the rows only merges make, past the last row of the file. `merges` are
   * applied from here on when the scan went without them (they start below its last row).
   */
  finish(merges?: MergePlan): void {
    if (merges) this.merges = merges;
    this.gap(Infinity);
  }

  /**
   * Reads the attributes of `<row …>` from p (after `<row`): its number (required, increasing) and
   * style (must resolve). Sets rowTagEnd (after the tag) and rowEmpty (`<row …/>`).
   */
  private rowTag(buf: Buffer, p: number, end: number): number {
    let row = -1;
    // the usual shape, ` r="7"` first, read in place
    if (buf[p] === 0x20 && buf[p + 1] === 0x72 && buf[p + 2] === EQ && buf[p + 3] === QUOT) {
      let i = p + 4;
      let c = buf[i];
      let n = 0;
      while (c !== undefined && c >= 0x30 && c <= 0x39 && i < p + 12) {
        n = n * 10 + c - 48;
        c = buf[++i];
      }
      if (c === QUOT && i > p + 4) {
        row = n;
        p = i + 1;
      }
    }
    for (;;) {
      let b = buf[p];
      while (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) b = buf[++p];
      if (b === GT || (b === SLASH && buf[p + 1] === GT)) {
        this.rowEmpty = b === SLASH;
        this.rowTagEnd = b === SLASH ? p + 2 : p + 1;
        break;
      }
      const a = attribute(buf, p, end);
      if (a < 0) unsupported('a truncated row');
      if (attrNameEnd - a === 1 && buf[a] === 0x72) row = parseDigits(buf, attrValueStart, attrValueEnd);
      else if (attrNameEnd - a === 1 && buf[a] === 0x73) {
        const s = parseDigits(buf, attrValueStart, attrValueEnd);
        if (s < 0) unsupported('a row style that is not a number');
        // exceljs looks a row's style up without checking there are styles
        if (s > 0 && (this.flags === null || this.flags.length === 0))
          unsupported('a row style without styles');
      }
      p = attrValueEnd + 1;
    }
    if (row < 1 || row > MAX_ROWS) unsupported('a row without a valid r');
    if (row <= this.lastRow) unsupported('rows out of order');
    this.lastRow = row;
    return row;
  }

  /** Hands a row on, after the rows merges make before it; counts rows for onTick. */
  private emit(row: number, cells: Cell[], present: boolean): void {
    if (this.merges) {
      this.gap(row);
      if (this.merges.apply(row, cells)) present = true;
    }
    this.emitted = row;
    if (present) this.onRow(row - 1, cells);
    if (++this.rowsRead % ROWS_PER_TICK === 0) this.opts.onTick?.();
  }

  /** The rows between the last one handed on and `before` that only merged cells make. */
  private gap(before: number): void {
    if (!this.merges) return;
    for (let row = this.merges.nextRow(this.emitted + 1); row < before; row = this.merges.nextRow(row + 1)) {
      const cells: Cell[] = [];
      this.merges.apply(row, cells);
      this.emitted = row;
      this.onRow(row - 1, cells);
      if (++this.rowsRead % ROWS_PER_TICK === 0) this.opts.onTick?.();
    }
  }

  /**
   * Parses the cells of row `row` from p (just after `<row …>`) up to its `</row>`, which lies
   * before `end`, into `cells` (present cells only; holes null). Returns the index after `</row>`.
   */
  private cells(buf: Buffer, p: number, end: number, row: number, cells: Cell[]): number {
    let lastCol = 0;
    for (;;) {
      let b = buf[p];
      while (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) b = buf[++p];
      if (p >= end) unsupported('a row without </row>');
      if (b !== LT) unsupported('text in a row');
      if (buf[p + 1] === SLASH) {
        if (buf[p + 2] !== 0x72 || buf[p + 3] !== 0x6f || buf[p + 4] !== 0x77 || buf[p + 5] !== GT)
          unsupported('an unexpected end tag in a row');
        return p + 6;
      }
      if (buf[p + 1] !== 0x63 || !isNameEnd(buf[p + 2])) unsupported('an element other than <c> in a row');

      // attributes: r, s, t (others passed over)
      let q = p + 2;
      let col = 0;
      let rStart = -1;
      let rEnd = -1;
      let style = 0;
      let type = T_NUMBER;
      let selfClosing = false;
      // the usual shape, ` r="B7"` first, read in place (anything else goes the general way below)
      if (buf[q] === 0x20 && buf[q + 1] === 0x72 && buf[q + 2] === EQ && buf[q + 3] === QUOT) {
        let i = q + 4;
        let c = buf[i];
        let letters = 0;
        let n = 0;
        while (c !== undefined && c >= 0x41 && c <= 0x5a) {
          n = n * 26 + c - 64;
          c = buf[++i];
          letters++;
        }
        let digits = 0;
        let r = 0;
        while (c !== undefined && c >= 0x30 && c <= 0x39 && digits < 8) {
          r = r * 10 + c - 48;
          c = buf[++i];
          digits++;
        }
        if (
          c === QUOT &&
          letters > 0 &&
          letters <= 3 &&
          n <= MAX_COLUMNS &&
          r === row &&
          buf[q + 4 + letters] !== 0x30
        ) {
          rStart = q + 4;
          rEnd = i;
          col = n;
          q = i + 1;
          // then, as Excel writes them, ` s="3"` and ` t="s"`
          if (buf[q] === 0x20 && buf[q + 1] === 0x73 && buf[q + 2] === EQ && buf[q + 3] === QUOT) {
            let k = q + 4;
            let d = buf[k];
            let v = 0;
            while (d !== undefined && d >= 0x30 && d <= 0x39 && k < q + 12) {
              v = v * 10 + d - 48;
              d = buf[++k];
            }
            if (d === QUOT && k > q + 4) {
              style = v;
              q = k + 1;
            }
          }
          if (
            buf[q] === 0x20 &&
            buf[q + 1] === 0x74 &&
            buf[q + 2] === EQ &&
            buf[q + 3] === QUOT &&
            buf[q + 5] === QUOT
          ) {
            const t = buf[q + 4];
            if (t === 0x73) type = T_SHARED;
            else if (t === 0x62) type = T_BOOL;
            else if (t === 0x65) type = T_ERROR;
            else if (t !== 0x6e) unsupported('a cell type other than s, b, e, n, str, inlineStr');
            q += 6;
          }
        }
      }
      for (;;) {
        b = buf[q];
        while (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) b = buf[++q];
        if (b === GT) {
          q++;
          break;
        }
        if (b === SLASH && buf[q + 1] === GT) {
          q += 2;
          selfClosing = true;
          break;
        }
        if (q >= end) unsupported('a truncated cell tag');
        const nameStart = q;
        while (q < end && b !== EQ && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== GT)
          b = buf[++q];
        const nameLength = q - nameStart;
        while (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) b = buf[++q];
        if (b !== EQ || nameLength === 0) unsupported('a malformed attribute');
        b = buf[++q];
        while (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) b = buf[++q];
        if (b !== QUOT && b !== APOS) unsupported('an unquoted attribute');
        const vs = ++q;
        while (q < end && buf[q] !== b) q++;
        if (q >= end) unsupported('an unterminated attribute');
        const ve = q++;
        if (nameLength === 1) {
          const n = buf[nameStart];
          if (n === 0x72) {
            rStart = vs;
            rEnd = ve;
            col = columnOf(buf, vs, ve, row);
          } else if (n === 0x73) {
            style = parseDigits(buf, vs, ve);
            if (style < 0) unsupported('a cell style that is not a number');
          } else if (n === 0x74) type = typeOf(buf, vs, ve);
        }
      }

      // children: <v>, <f>, <is>
      let vStart = -1;
      let vEnd = -1;
      let fStart = -1;
      let fEnd = -1;
      /** `<f t>`: exceljs's shareType; any non-empty value makes a formula. */
      let fShare = '';
      let fRef = false;
      let fSi: string | undefined;
      let hasF = false;
      let inline: string | undefined;
      let runs: string[] | undefined;
      if (!selfClosing) {
        for (;;) {
          b = buf[q];
          while (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) b = buf[++q];
          if (q >= end || b !== LT) unsupported('text or a truncated cell');
          const b1 = buf[q + 1];
          if (b1 === SLASH) {
            if (buf[q + 2] !== 0x63 || buf[q + 3] !== GT) unsupported('an unexpected end tag in a cell');
            q += 4;
            break;
          }
          if (b1 === 0x76 && buf[q + 2] === GT) {
            if (vStart >= 0 || inline !== undefined || runs) unsupported('two values in a cell');
            vStart = q + 3;
            vEnd = vStart;
            while (vEnd < end && buf[vEnd] !== LT) vEnd++;
            if (vEnd >= end || buf[vEnd + 1] !== SLASH || buf[vEnd + 2] !== 0x76 || buf[vEnd + 3] !== GT)
              unsupported('a malformed <v>');
            q = vEnd + 4;
            if (vEnd === vStart) {
              // <v></v>: no value — but a shared string's empty index is no string (exceljs-strict.ts)
              if (type === T_SHARED) unsupported('an empty shared string index');
              vStart = vEnd = -1;
            }
          } else if (b1 === 0x76 && buf[q + 2] === SLASH && buf[q + 3] === GT) {
            if (type === T_SHARED) unsupported('an empty shared string index');
            q += 4; // <v/>
          } else if (b1 === 0x66 && isNameEnd(buf[q + 2])) {
            if (hasF) unsupported('two formulas in a cell');
            hasF = true;
            q += 2;
            let fSelfClosing = false;
            for (;;) {
              while (isSpace(buf[q])) q++;
              if (buf[q] === GT) {
                q++;
                break;
              }
              if (buf[q] === SLASH && buf[q + 1] === GT) {
                q += 2;
                fSelfClosing = true;
                break;
              }
              const a = attribute(buf, q, end);
              if (a < 0) unsupported('a malformed <f>');
              const name = buf.toString('latin1', a, attrNameEnd);
              const value = buf.toString('latin1', attrValueStart, attrValueEnd);
              if (value.includes('&')) unsupported('an entity in a formula attribute');
              if (name === 't') fShare = value;
              else if (name === 'ref') fRef = value !== '';
              else if (name === 'si') fSi = value;
              q = attrValueEnd + 1;
            }
            if (!fSelfClosing) {
              fStart = q;
              fEnd = q;
              while (fEnd < end && buf[fEnd] !== LT) fEnd++;
              if (fEnd >= end || buf[fEnd + 1] !== SLASH || buf[fEnd + 2] !== 0x66 || buf[fEnd + 3] !== GT)
                unsupported('a malformed <f>');
              q = fEnd + 4;
            }
          } else if (b1 === 0x69 && buf[q + 2] === 0x73 && buf[q + 3] === GT) {
            if (vStart >= 0 || inline !== undefined || runs) unsupported('two values in a cell');
            q = this.inlineString(buf, q + 4, end);
            inline = inlineText;
            runs = inlineRuns;
          } else unsupported('an unexpected element in a cell');
        }
      }
      p = q;

      if (rStart < 0) {
        // exceljs places a cell without r just after the previous placed cell of the row
        if (lastCol === 0) unsupported('a cell without r at the start of a row');
        col = lastCol + 1;
        if (col > MAX_COLUMNS) unsupported('a column past XFD');
      }
      let flags = 0;
      if (style > 0 && this.flags !== null) {
        if (this.flags.length === 0) unsupported('a cell style without cellXfs');
        flags = this.flags[style] ?? 0;
      }
      const linked = this.links !== null && rStart >= 0 && this.links.has(cellKey(row, col));
      let cell: Cell;
      if (hasF && (fEnd > fStart || fShare !== '')) {
        if (this.track > 0 && rStart >= 0) this.noteSensitive(row, col);
        const text = fEnd > fStart ? bytesText(buf, fStart, fEnd) : '';
        cell = this.formula(
          buf,
          vStart,
          vEnd,
          inline,
          runs,
          type,
          flags,
          text,
          fShare,
          fRef,
          fSi,
          rStart,
          rEnd,
          linked,
        );
      } else if (vStart >= 0 && type === T_SHARED && !linked && this.opts.onPlain === undefined) {
        // the common case, a shared string, inline
        const strings = this.strings;
        const index = parseDigits(buf, vStart, vEnd);
        if (strings === null || index < 0 || index >= strings.cells.length || strings.kinds[index] === BROKEN)
          cell = this.value(buf, vStart, vEnd, inline, runs, type, flags, row, col, linked);
        else cell = strings.cells[index] as Cell;
      } else if (vStart >= 0 && type === T_NUMBER) {
        cell = this.number(buf, vStart, vEnd, flags);
      } else if (vStart >= 0 || inline !== undefined || runs !== undefined) {
        cell = this.value(buf, vStart, vEnd, inline, runs, type, flags, row, col, linked);
      } else {
        if (this.track > 0 && rStart >= 0) this.noteSensitive(row, col);
        // a hyperlink turns an empty cell into a hyperlink without text: a cell, reading null
        if (!linked) {
          if (style > 0) {
            if (col <= lastCol) unsupported('cells out of order');
            lastCol = col; // a styled empty cell: placed, but no value
          }
          continue; // with neither value nor style exceljs drops it entirely
        }
        cell = null;
      }
      if (col <= lastCol) unsupported('cells out of order');
      lastCol = col;
      while (cells.length < col - 1) cells.push(null);
      cells.push(cell);
    }
  }

  private noteSensitive(row: number, col: number): void {
    if (this.sensitive.size < this.track) this.sensitive.add(cellKey(row, col));
    else this.sensitiveOverflow = true;
  }

  /** A cell with a value and no formula. */
  private value(
    buf: Buffer,
    vStart: number,
    vEnd: number,
    inline: string | undefined,
    runs: string[] | undefined,
    type: number,
    flags: number,
    row: number,
    col: number,
    linked: boolean,
  ): Cell {
    switch (type) {
      case T_NUMBER: {
        if (vStart < 0) unsupported('a number cell holding an inline string');
        return this.number(buf, vStart, vEnd, flags);
      }
      case T_SHARED: {
        const strings = this.strings;
        if (strings === null) unsupported('a shared string without a shared string table');
        const index = vStart < 0 ? -1 : parseDigits(buf, vStart, vEnd);
        if (index < 0 || index >= strings.cells.length) unsupported('a shared string index out of range');
        const kind = strings.kinds[index];
        if (kind === BROKEN) unsupported('a shared string exceljs does not read as text');
        const cell = strings.cells[index] as Cell;
        if (kind === PLAIN && !linked && this.opts.onPlain)
          this.opts.onPlain(row, col, cell === null ? '' : (cell as { value: string }).value);
        return cell;
      }
      case T_STR:
      case T_INLINE: {
        if (runs) {
          // exceljs would xmlDecode the { richText } object and fail
          if (type === T_STR) unsupported('rich text in a t="str" cell');
          return { kind: 'text', value: runs.join('') };
        }
        const raw = vStart >= 0 ? bytesText(buf, vStart, vEnd) : (inline as string);
        const text = type === T_STR ? xmlDecode(raw) : raw;
        if (!linked && this.opts.onPlain) this.opts.onPlain(row, col, text);
        return text === '' ? null : { kind: 'text', value: text };
      }
      case T_BOOL: {
        const n = vStart < 0 ? -1 : parseDigits(buf, vStart, vEnd);
        if (n !== 0 && n !== 1) unsupported('a boolean that is not 0 or 1');
        return { kind: 'bool', value: n !== 0 };
      }
      default: {
        if (vStart < 0) unsupported('an error value in an inline string');
        return { kind: 'error', value: bytesText(buf, vStart, vEnd) };
      }
    }
  }

  /** A number, or a date when its style says so. */
  private number(buf: Buffer, start: number, end: number, flags: number): Cell {
    const v = parseDecimal(buf, start, end);
    if (Number.isNaN(v))
      unsupported(`the number ${buf.toString('latin1', start, Math.min(end, start + 30))}`);
    if (flags & DATE) return this.date(v);
    return flags & PERCENT ? { kind: 'number', value: v, percent: true } : { kind: 'number', value: v };
  }

  private date(serial: number): Cell {
    let cell = this.dates.get(serial);
    if (cell === undefined) {
      if (this.dates.size > 4096) this.dates.clear();
      cell = serialToCell(serial, this.date1904);
      this.dates.set(serial, cell);
    }
    return cell;
  }

  /** A formula cell: its cached result when exceljs keeps it, else the formula. */
  private formula(
    buf: Buffer,
    vStart: number,
    vEnd: number,
    inline: string | undefined,
    runs: string[] | undefined,
    type: number,
    flags: number,
    text: string,
    share: string,
    hasRef: boolean,
    si: string | undefined,
    rStart: number,
    rEnd: number,
    linked: boolean,
  ): Cell {
    // shared formulas: the master (with ref) is remembered by si; the others point at it
    let pointsAtMaster = false;
    if (share === 'shared') {
      if (si === undefined) unsupported('a shared formula without si');
      if (hasRef) {
        if (rStart < 0) unsupported('a shared formula master without r');
        this.formulae.set(si, buf.toString('latin1', rStart, rEnd));
      } else {
        if (!this.formulae.has(si)) unsupported('a shared formula before its master');
        pointsAtMaster = true;
      }
    }
    // exceljs's value has neither formula nor sharedFormula: toCell would print "[object Object]"
    if (text === '' && !pointsAtMaster) unsupported('a formula without text');
    if (inline !== undefined || runs !== undefined) unsupported('a formula with an inline string');
    let result: Result;
    if (vStart >= 0) {
      if (type === T_SHARED || type === T_INLINE) unsupported('a formula cached as a string index');
      if (type === T_STR) result = xmlDecode(bytesText(buf, vStart, vEnd));
      else if (type === T_BOOL) {
        const n = parseDigits(buf, vStart, vEnd);
        if (n < 0) unsupported('a boolean that is not 0 or 1');
        result = n !== 0;
      } else if (type === T_ERROR) result = { error: bytesText(buf, vStart, vEnd) };
      else {
        result = parseDecimal(buf, vStart, vEnd);
        if (Number.isNaN(result)) unsupported('a formula result that is not a plain number');
      }
      if (flags & DATE && typeof result !== 'number')
        unsupported('a non-numeric formula result with a date format');
    }
    // a hyperlink cell shows its result as is; otherwise only a truthy result survives (0, false: the formula)
    if (linked) return resultCell(result, flags, this.date1904);
    const truthy =
      typeof result === 'number'
        ? result !== 0 || (flags & DATE) !== 0
        : result !== undefined && result !== false;
    return truthy ? resultCell(result, flags, this.date1904) : { kind: 'formula', formula: text };
  }

  /** `<is>` … `</is>` from p (after `<is>`): sets inlineText or inlineRuns; returns the end. */
  private inlineString(buf: Buffer, p: number, end: number): number {
    let text: string | undefined;
    let runs: string[] | undefined;
    for (;;) {
      while (p < end && isSpace(buf[p])) p++;
      if (p >= end || buf[p] !== LT) unsupported('text or a truncated inline string');
      if (buf[p + 1] === SLASH) {
        if (buf[p + 2] !== 0x69 || buf[p + 3] !== 0x73 || buf[p + 4] !== GT) unsupported('a malformed <is>');
        p += 5;
        break;
      }
      if (buf[p + 1] === 0x74 && isNameEnd(buf[p + 2])) {
        // a plain <t>: exceljs appends its text to the value, without _x escapes
        const t = textElement(buf, p, end);
        if (runs) unsupported('an inline string mixing text and runs');
        if (t.text !== '') text = (text ?? '') + t.text;
        p = t.next;
      } else if (buf[p + 1] === 0x72 && buf[p + 2] === GT) {
        if (text !== undefined) unsupported('an inline string mixing text and runs');
        p += 3;
        let run = '';
        for (;;) {
          while (p < end && isSpace(buf[p])) p++;
          if (p >= end || buf[p] !== LT) unsupported('text or a truncated run');
          if (buf[p + 1] === SLASH && buf[p + 2] === 0x72 && buf[p + 3] === GT) {
            p += 4;
            break;
          }
          if (buf[p + 1] === 0x74 && isNameEnd(buf[p + 2])) {
            // a run's <t> goes through TextXform: _x escapes decoded; the last one counts
            const t = textElement(buf, p, end);
            run = decodeEscapes(t.text);
            p = t.next;
          } else if (
            buf[p + 1] === 0x72 &&
            buf[p + 2] === 0x50 &&
            buf[p + 3] === 0x72 &&
            isNameEnd(buf[p + 4])
          ) {
            p = skipElement(buf, p, end, 'rPr');
          } else unsupported('an unexpected element in a run');
        }
        (runs ??= []).push(run);
      } else unsupported('an unexpected element in an inline string'); // <rPh> among them: exceljs misreads it
    }
    inlineText = text;
    inlineRuns = runs;
    return p;
  }
}

/** A formula result as toCell reads it (after exceljs's date conversion). */
function resultCell(result: Result, flags: number, date1904: boolean): Cell {
  if (result === undefined) return null;
  if (typeof result === 'number') {
    if (flags & DATE) return serialToCell(result, date1904);
    return flags & PERCENT
      ? { kind: 'number', value: result, percent: true }
      : { kind: 'number', value: result };
  }
  if (typeof result === 'string') return { kind: 'text', value: result };
  if (typeof result === 'boolean') return { kind: 'bool', value: result };
  return { kind: 'error', value: result.error };
}

// Results of the small parsers below, passed out through module state rather than allocated
// objects: they run once per attribute of every cell.
let attrNameEnd = 0;
let attrValueStart = 0;
let attrValueEnd = 0;
let inlineText: string | undefined;
let inlineRuns: string[] | undefined;

/**
 * Reads one attribute `name="value"` from p (at its name, or spaces before it): returns the name's
 * start and sets attrNameEnd, attrValueStart, attrValueEnd (the closing quote); -1 at `>` or `/`.
 */
function attribute(buf: Buffer, p: number, end: number): number {
  while (p < end && isSpace(buf[p])) p++;
  const start = p;
  if (p >= end || buf[p] === GT || buf[p] === SLASH) return -1;
  while (p < end && buf[p] !== EQ && !isSpace(buf[p]) && buf[p] !== GT) p++;
  attrNameEnd = p;
  while (p < end && isSpace(buf[p])) p++;
  if (buf[p] !== EQ || p === start) unsupported('a malformed attribute');
  p++;
  while (p < end && isSpace(buf[p])) p++;
  const quote = buf[p];
  if (quote !== QUOT && quote !== APOS) unsupported('an unquoted attribute');
  attrValueStart = ++p;
  // values are short: a loop beats a native indexOf call
  while (p < end && buf[p] !== quote) p++;
  if (p >= end) unsupported('an unterminated attribute');
  attrValueEnd = p;
  return start;
}
