import { matchKey } from '../domain/text';
import type { Cell } from './grid';
import { cellText } from './cells';

/**
 * Finds the columns a header row names. `spec` maps a field to the header texts that mean it
 * (first one is what templates write). Headers compare without spaces, case or full-width forms.
 */
export function mapHeaders<F extends string>(
  row: readonly Cell[],
  spec: Record<F, readonly string[]>,
): { cols: Partial<Record<F, number>>; other: { col: number; text: string }[] } {
  const cols: Partial<Record<F, number>> = {};
  const other: { col: number; text: string }[] = [];
  row.forEach((cell, col) => {
    const text = cellText(cell);
    if (text === '') return;
    const k = matchKey(text);
    for (const field of Object.keys(spec) as F[]) {
      if (cols[field] !== undefined) continue;
      if (spec[field].some((s) => matchKey(s) === k)) {
        cols[field] = col;
        return;
      }
    }
    other.push({ col, text });
  });
  return { cols, other };
}
