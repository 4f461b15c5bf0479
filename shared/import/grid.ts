/**
 * A workbook as plain data, so that every mapping from cells to domain rows is pure and runs the
 * same in the main process, the command line and tests. The Excel reader produces it.
 */
export type Cell =
  | null
  /** `percent`: the cell is formatted as a percentage (it holds 0.931 and shows 93.1%). */
  | { kind: 'number'; value: number; percent?: true }
  /**
   * `memo`: a cache slot the import stages use for a text many cells share (a workbook's shared
   * string, handed as one cell object wherever it appears: its cleaned text and what it matches are
   * worked out once). Not part of the cell's value: readers that set it make it non-enumerable.
   */
  | { kind: 'text'; value: string; memo?: Record<string, unknown> }
  | { kind: 'bool'; value: boolean }
  /** A date, as ISO yyyy-mm-dd. */
  | { kind: 'date'; value: string }
  /** An error value such as #DIV/0! or #N/A. */
  | { kind: 'error'; value: string }
  /** A formula whose result was never calculated and saved (files written by programs). */
  | { kind: 'formula'; formula: string }
  /**
   * A cell the reader found but cannot read as what it says it is: a number cell holding `0x1F`,
   * `1,234` or `NaN`, a cell type no program writes (t="zz"), a shared string index that is empty
   * or points at no string. `why` says which, in Chinese; every read of it is refused.
   */
  | { kind: 'invalid'; why: string };

export interface SheetGrid {
  name: string;
  /** rows[r][c], both 0-based; rows may be ragged. */
  rows: Cell[][];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

/** A, B, …, Z, AA, … for a 0-based column. */
export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `D7` for row 6, column 3 (0-based). */
export const address = (row: number, col: number): string => `${columnName(col)}${row + 1}`;

/** `指标数据!D7`. */
export const cellRef = (sheet: string, row: number, col: number): string => `${sheet}!${address(row, col)}`;

export const cellAt = (sheet: SheetGrid, row: number, col: number): Cell => sheet.rows[row]?.[col] ?? null;
