/**
 * Merged cells as exceljs's whole-load path applies them (Worksheet._parseMergeCells): every cell of
 * a range but its top-left master reads the master's value (and format), and exists even when the
 * file has no cell there, so that rows appear for the whole range.
 */
import type { Cell } from '../../../../shared/import/grid';
import { unsupported } from './errors';

/** 1-based, inclusive. */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;
/** Cells merged in one sheet past which the reader gives way (exceljs builds one object per cell). */
const MAX_MERGED_CELLS = 2_000_000;

/** A column's number from its letters, 0 when they are not 1–3 capital letters within XFD. */
export function columnNumber(letters: string): number {
  if (!/^[A-Z]{1,3}$/.test(letters)) return 0;
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n <= MAX_COLUMNS ? n : 0;
}

/** `B7` → { row: 7, col: 2 }; null for anything exceljs might read differently (`$B$7`, `B07`). */
export function parseAddress(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/.exec(ref);
  if (!m) return null;
  const col = columnNumber(m[1] as string);
  const row = Number(m[2]);
  return col > 0 && row <= MAX_ROWS ? { row, col } : null;
}

/** A `<mergeCell ref>`: `A1:C2`, corners in any order, or a single cell. */
export function parseMergeRef(ref: string): MergeRange {
  const parts = ref.split(':');
  const a = parts.length <= 2 ? parseAddress(parts[0] as string) : null;
  const b = parts.length === 2 ? parseAddress(parts[1] as string) : a;
  if (!a || !b) unsupported(`the merge range ${ref.slice(0, 40)}`);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/**
 * The ranges that change anything, in order of their top row. Overlapping ranges make exceljs throw
 * ("Cannot merge already merged cells"): refused, so that the caller gets exceljs's answer. A
 * single-cell range merges nothing.
 */
export function effectiveMerges(refs: readonly string[]): MergeRange[] {
  const ranges = refs.map(parseMergeRef).sort((x, y) => x.top - y.top || x.left - y.left);
  let area = 0;
  // sweep by top row: only ranges still open at this top can overlap it
  let open: MergeRange[] = [];
  for (const r of ranges) {
    open = open.filter((o) => o.bottom >= r.top);
    if (open.some((o) => o.left <= r.right && r.left <= o.right)) unsupported('overlapping merged ranges');
    open.push(r);
    area += (r.bottom - r.top + 1) * (r.right - r.left + 1);
    if (area > MAX_MERGED_CELLS) unsupported('too many merged cells');
  }
  return ranges.filter((r) => r.bottom > r.top || r.right > r.left);
}

interface Active {
  readonly range: MergeRange;
  master: Cell;
}

/**
 * Applies merges to rows met in increasing order: a row's own cells (with the masters of ranges
 * starting there), and the rows only merges make.
 */
export class MergePlan {
  private next = 0;
  private active: Active[] = [];

  constructor(private readonly ranges: readonly MergeRange[]) {}

  /** The first row at or after `from` holding merged (non-master) cells; Infinity when none. */
  nextRow(from: number): number {
    this.activate(from);
    if (this.active.length > 0) return from;
    const r = this.ranges[this.next];
    return r ? Math.max(r.top, from) : Infinity;
  }

  /**
   * Fills row `row`'s merged cells in `cells` (the row's own cells, 0-based, holes null), taking the
   * masters of ranges that start on this row from it first. True when it added any cell.
   */
  apply(row: number, cells: Cell[]): boolean {
    this.activate(row);
    let added = false;
    for (const a of this.active) {
      const { top, left, right } = a.range;
      if (top === row) a.master = cells[left - 1] ?? null;
      for (let col = top === row ? left + 1 : left; col <= right; col++) {
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = a.master;
        added = true;
      }
    }
    return added;
  }

  private activate(row: number): void {
    if (this.active.some((a) => a.range.bottom < row))
      this.active = this.active.filter((a) => a.range.bottom >= row);
    for (let r = this.ranges[this.next]; r && r.top <= row; r = this.ranges[++this.next])
      if (r.bottom >= row) this.active.push({ range: r, master: null });
  }
}
