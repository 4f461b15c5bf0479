import type { Cell, SheetGrid, WorkbookGrid } from '../../shared/import/grid';

/** What a test writes for a cell: a number, a text, null for an empty cell, or a Cell as is. */
export type CellInput = string | number | null | Cell;

/** An error value as Excel shows it, #DIV/0! unless told. */
export const errorCell = (value = '#DIV/0!'): Cell => ({ kind: 'error', value });

/** A formula whose result was never calculated and saved. */
export const formulaCell = (formula = 'SUM(A1:A3)'): Cell => ({ kind: 'formula', formula });

/** numbers → number cells, strings → text cells, null → empty, Cell objects pass through. */
export function cell(x: CellInput): Cell {
  if (x === null) return null;
  if (typeof x === 'number') return { kind: 'number', value: x };
  if (typeof x === 'string') return { kind: 'text', value: x };
  return x;
}

/** `sheet('指标数据', [['对象名称', 'A1'], ['东城区', 95]])`. */
export function sheet(name: string, rows: readonly (readonly CellInput[])[]): SheetGrid {
  return { name, rows: rows.map((r) => r.map(cell)) };
}

export const workbook = (...sheets: SheetGrid[]): WorkbookGrid => ({ sheets });

/** `D7` → { row: 6, col: 3 }, both 0-based. */
export function parseAddress(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not a cell address: ${a1}`);
  const col = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

/** Writes one cell of a sheet by its address (`put(s, 'H3', 40)`), padding ragged rows with empties. */
export function put(s: SheetGrid, a1: string, x: CellInput): SheetGrid {
  const { row, col } = parseAddress(a1);
  while (s.rows.length <= row) s.rows.push([]);
  const r = s.rows[row] as Cell[];
  while (r.length <= col) r.push(null);
  r[col] = cell(x);
  return s;
}

/** The sheet of a workbook with that name; throws when there is none. */
export function sheetOf(wb: WorkbookGrid, name: string): SheetGrid {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
