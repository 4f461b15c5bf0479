/**
 * exceljs reads a number cell's `<v>` with parseFloat — `0x1F` becomes 0, `1,234` 1, `12abc` 12,
 * `NaN` and `1e309` no number at all — reads an unknown cell type as a number, an empty shared
 * string index as no cell, and drops a row numbered 0 or −3. A workbook read for an import must not
 * be read that way: this wraps the two parsers exceljs reads cells and rows with (its cell and row
 * xforms, shared by every whole load) so that
 *
 * - a number `<v>`, and a formula's cached number, go through parseStoredNumber, the one reading
 *   the purpose-built reader shares; what it refuses becomes an unreadable cell (Cell `invalid`,
 *   carried as an error value with a mark toCell knows);
 * - a cell type no program writes, a shared string index that is empty, not a number or points at
 *   no string, and a boolean that is not 0 or 1 become unreadable cells likewise;
 * - a row or cell whose `r` is not a place on a sheet stops the load (UnplacedError), which the
 *   reader turns into a refusal of the file.
 *
 * Installed once, on first import of this module; what exceljs gives for every well-formed file is
 * unchanged (the readers' cross-check over every fixture says so).
 */
import { createRequire } from 'node:module';
import { parseStoredNumber } from '../../../shared/import/numbers';

/** Marks an error value that is an unreadable cell: the reason follows. */
export const INVALID_MARK = '\u0000invalid\u0000';
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** A row or cell the workbook puts at no place on the sheet (r="0", r="-3", r="A0"). */
export class UnplacedError extends Error {
  override name = 'UnplacedError';
  constructor(
    /** What it is, in Chinese: 行号 r="0"（在第 4 行之后）. */
    readonly what: string,
  ) {
    super(what);
  }
}

interface CellModel {
  address?: string;
  type?: number;
  value?: unknown;
  result?: unknown;
  formula?: string;
  shareType?: string;
}
interface CellXform {
  t?: string;
  model: CellModel;
  parser?: unknown;
  sawValue?: boolean;
  parseOpen(node: { name: string; attributes: Record<string, string | undefined> }): boolean;
  parseClose(name: string): boolean;
  reconcile(model: CellModel, options: { sharedStrings?: { getString(i: number): unknown } }): void;
}
interface RowXform {
  parser?: unknown;
  lastRow?: number;
  /** The row being read: its number (when it has one) and its last cell's column. */
  row?: number;
  lastCol?: number;
  parseOpen(node: { name: string; attributes: Record<string, string | undefined> }): boolean;
}

const KNOWN_TYPES = new Set([undefined, '', 'n', 'd', 's', 'str', 'inlineStr', 'b', 'e']);
/** A t="d" cell's value: an ISO 8601 date, with a time or not. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** An address such as B7 on the sheet, or null when it is none. */
function place(address: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(address);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  return col <= MAX_COLUMNS && row <= MAX_ROWS ? { row, col } : null;
}

const invalid = (why: string) => ({ error: `${INVALID_MARK}${why}` });
const after = (row: number | undefined) => (row ? `，在第 ${row} 行之后` : '，在工作表开头');

/** Marks exceljs's prototypes once wrapped: this module may be loaded twice (a test resetting modules), exceljs once. */
const WRAPPED = Symbol.for('appraisal.exceljs-strict');

export function installStrictCells(): void {
  const require = createRequire(import.meta.url);
  const Enums = require('exceljs/lib/doc/enums.js') as { ValueType: Record<string, number> };
  const Cell = require('exceljs/lib/xlsx/xform/sheet/cell-xform.js') as { prototype: CellXform };
  const Row = require('exceljs/lib/xlsx/xform/sheet/row-xform.js') as { prototype: RowXform };
  const marked = Cell.prototype as unknown as Record<symbol, boolean>;
  if (marked[WRAPPED]) return;
  marked[WRAPPED] = true;

  const rowOpen = Row.prototype.parseOpen;
  Row.prototype.parseOpen = function (node) {
    if (!this.parser && node.name === 'row') {
      const r = node.attributes.r;
      this.row = undefined;
      this.lastCol = 0;
      if (r !== undefined) {
        const n = /^[1-9]\d{0,6}$/.test(r) ? Number(r) : 0;
        if (n < 1 || n > MAX_ROWS)
          throw new UnplacedError(`行号 r="${r.slice(0, 20)}"${after(this.lastRow)}`);
        // every program writes rows in order, each once: a row again or back is two rows in one place
        if (this.lastRow !== undefined && n <= this.lastRow)
          throw new UnplacedError(`行号 r="${r}" 重复或倒序${after(this.lastRow)}`);
        this.lastRow = n;
        this.row = n;
      }
    } else if (!this.parser && node.name === 'c') {
      // cells in order, each once, in their own row (exceljs would let a later one overwrite)
      const r = node.attributes.r;
      const at = r === undefined ? null : place(r);
      if (at !== null) {
        if (this.row !== undefined && at.row !== this.row)
          throw new UnplacedError(`单元格地址 r="${r}" 不在它所在的第 ${this.row} 行`);
        if (at.col <= (this.lastCol ?? 0)) throw new UnplacedError(`单元格地址 r="${r}" 重复或倒序`);
        this.lastCol = at.col;
      } else if (r === undefined) this.lastCol = (this.lastCol ?? 0) + 1;
    }
    return rowOpen.call(this, node);
  };

  const cellOpen = Cell.prototype.parseOpen;
  Cell.prototype.parseOpen = function (node) {
    if (!this.parser) {
      if (node.name === 'c') {
        this.sawValue = false;
        const r = node.attributes.r;
        if (r !== undefined && place(r) === null) throw new UnplacedError(`单元格地址 r="${r.slice(0, 20)}"`);
      } else if (node.name === 'v') this.sawValue = true;
    }
    return cellOpen.call(this, node);
  };

  const cellClose = Cell.prototype.parseClose;
  Cell.prototype.parseClose = function (name) {
    if (name !== 'c' || this.parser) return cellClose.call(this, name);
    const { model } = this;
    const t = this.t;
    const raw = model.value;
    const formula = Boolean(model.formula || model.shareType);
    let why: string | null = null;
    let date: Date | null = null;
    if (!KNOWN_TYPES.has(t)) why = `单元格类型 t="${String(t).slice(0, 20)}" 无法识别`;
    else if (formula) {
      if (typeof raw === 'string' && t !== 'str' && t !== 'b' && t !== 'e') {
        const n = parseStoredNumber(raw);
        if (!n.ok) why = `公式的计算结果${n.why.replace(/^存的数值/, '')}`;
      }
    } else if (t === 's') {
      if (raw === undefined ? this.sawValue : typeof raw !== 'string' || !/^\s*\d+\s*$/.test(raw))
        why = `共享字符串序号“${typeof raw === 'string' ? raw.slice(0, 20) : ''}”无效`;
    } else if (t === 'b') {
      if (typeof raw === 'string' && !/^\s*[01]\s*$/.test(raw)) why = `逻辑值“${raw.slice(0, 20)}”无效`;
    } else if (t === 'd') {
      // an ISO date (what some programs write instead of a serial): a date, not parseFloat's year;
      // read as written, the day it names (without an offset, not shifted by this computer's zone)
      if (raw !== undefined) {
        const text = typeof raw === 'string' ? raw.trim() : '';
        const iso = ISO_DATE.test(text) ? (/T[^Z+-]*$/.test(text) ? `${text}Z` : text) : null;
        const at = iso === null ? null : new Date(iso);
        if (at === null || Number.isNaN(at.getTime())) why = `日期“${String(raw).slice(0, 30)}”无效`;
        else date = at;
      }
    } else if (t !== 'str' && t !== 'inlineStr' && t !== 'e') {
      // an empty <v> is no value, as a cell without one (only a shared string's must hold an index)
      if (typeof raw === 'string') {
        const n = parseStoredNumber(raw);
        if (!n.ok) why = n.why;
      }
    }
    const out = cellClose.call(this, name);
    if (date !== null) {
      model.type = Enums.ValueType.Date;
      model.value = date;
    } else if (why !== null) {
      // an error value exceljs keeps as it is; toCell makes it the unreadable cell
      model.type = Enums.ValueType.Error;
      model.value = invalid(why);
      delete model.formula;
      delete model.shareType;
      delete model.result;
    }
    return out;
  };

  const reconcile = Cell.prototype.reconcile;
  Cell.prototype.reconcile = function (model, options) {
    // a shared string index past the table, into no table at all, or onto an entry that holds no
    // text: exceljs would fail on it, give undefined, the bare index or "[object Object]"
    if (model.type === Enums.ValueType.String && typeof model.value === 'number') {
      const found = options.sharedStrings?.getString(model.value);
      const text =
        typeof found === 'string' ||
        (typeof found === 'object' &&
          found !== null &&
          Array.isArray((found as { richText?: unknown }).richText));
      if (!text) {
        model.type = Enums.ValueType.Error;
        model.value = invalid(
          options.sharedStrings
            ? `共享字符串序号 ${model.value} 指向不存在的文字`
            : `共享字符串序号 ${model.value} 无处可查（文件中没有共享字符串表）`,
        );
      }
    }
    return reconcile.call(this, model, options);
  };
}
