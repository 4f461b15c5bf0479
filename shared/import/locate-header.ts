/**
 * Stage 1 of reading a sheet — locate the header: among the first rows (below titles, notes and
 * instructions), the row or pair of rows whose columns make the best sheet of some kind; or, for a
 * template we generated, the header row its metadata names, if it is still what was written.
 */
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import { cleanText, matchKey } from '../domain/text';
import { cellText } from './cells';
import type { Cell } from './grid';
import { cellRef, columnName } from './grid';
import type { Candidate, HeaderContext, LeafColumn, LongRole, SheetPlan } from './column-plan';
import { planCandidate } from './column-plan';
import type { TemplateMeta } from './template-meta';

/** How many rows from the top are searched for the header (titles and notes come first). */
export const HEADER_SCAN = 40;

/**
 * Finds the header among the first rows of a sheet (titles, notes and instructions come first) —
 * one row, or two rows with merged group cells above and 本年 / 目标值 / 基期值 below — and says
 * what kind of sheet it heads and what each column holds. The candidate recognising the most
 * columns wins; a single row beats a pair, an earlier row a later one. Null when no row makes a
 * sheet of any kind.
 */
export function locateHeader(rows: readonly (readonly Cell[])[], ctx: HeaderContext): SheetPlan | null {
  let best: Candidate | null = null;
  const last = Math.min(rows.length, HEADER_SCAN);
  for (let r = 0; r < last; r++)
    for (const pair of [false, true]) {
      if (pair && r + 1 >= rows.length) continue;
      const c = planCandidate(rows, r, pair, ctx);
      if (c && (!best || c.score > best.score)) best = c;
    }
  return best?.plan ?? null;
}

/**
 * The plan a template's metadata gives: header row and columns exactly as generated — or null when
 * the header is no longer where and what it was (a column deleted or moved, a row inserted above),
 * so that the sheet is read by its header texts instead of by stale column letters.
 */
export function planFromTemplate(
  meta: TemplateMeta,
  rows: readonly (readonly Cell[])[],
  ctx: HeaderContext,
): SheetPlan | null {
  const issues: Issue[] = [];
  const headerRow = meta.headerRow - 1;
  const cols = Object.entries(meta.columns).map(([letter, what]) => ({ col: columnIndex(letter), what }));
  const header = rows[headerRow] ?? [];
  const written = meta.headers ?? {};
  if (
    Object.entries(written).some(
      ([letter, text]) => matchKey(cellText(header[columnIndex(letter)] ?? null)) !== matchKey(text),
    )
  )
    return null;
  const leaves: LeafColumn[] = [];
  for (const { col, what } of cols)
    if (what.role === 'leaf') {
      const ind = ctx.matchers.indicators.match(what.indicator);
      if (ind) leaves.push({ col, indicator: ind, field: what.field });
      else {
        // an indicator deleted since the template was made: an empty column is simply not read;
        // one with values cannot be placed anywhere
        const filled = rows.slice(headerRow + 1).some((row) => cellText(row[col] ?? null).trim() !== '');
        issues.push(
          issue(
            filled ? 'error' : 'warning',
            'TEMPLATE_MISMATCH',
            filled
              ? `模板的列 ${columnName(col)} 对应的指标 ${what.indicator} 已不在方案中，这一列的数据无处可记：请删去这一列的数据，或重新生成模板后填报`
              : `模板的列 ${columnName(col)} 对应的指标 ${what.indicator} 已不在方案中；这一列是空的，不读取`,
            cellRef(ctx.sheet, headerRow, col),
          ),
        );
      }
    }
  const roleCol = (role: string) => cols.find((c) => c.what.role === role)?.col;
  if (meta.kind === 'values' || (meta.kind === 'ratings' && leaves.length > 0)) {
    let evaluator = '';
    let evaluatorRef: string | null = null;
    if (meta.evaluatorCell) {
      const { row, col } = decodeAddress(meta.evaluatorCell);
      evaluator = cleanText(cellText(rows[row]?.[col] ?? null));
      evaluatorRef = cellRef(ctx.sheet, row, col);
    }
    return {
      kind: meta.kind === 'values' ? 'values' : 'ratingsWide',
      headerRows: [headerRow],
      issues,
      targetCode: roleCol('targetCode') ?? null,
      targetName: roleCol('targetName') ?? null,
      leaves,
      group: meta.group ? ctx.matchers.groups.match(meta.group) : null,
      evaluator,
      groupRef: cellRef(ctx.sheet, 0, 0),
      evaluatorRef,
    };
  }
  const longCols: Partial<Record<LongRole, number>> = {};
  for (const { col, what } of cols)
    if (what.role !== 'leaf') (longCols as Record<string, number>)[what.role] = col;
  return {
    kind: meta.kind as 'ratings' | 'surveys' | 'items',
    headerRows: [headerRow],
    issues,
    cols: longCols,
  };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function decodeAddress(a: string): { row: number; col: number } {
  const m = /^([A-Za-z]+)(\d+)$/.exec(a);
  if (!m) return { row: -1, col: -1 };
  return { row: Number(m[2]) - 1, col: columnIndex(m[1] as string) };
}

export { columnIndex, decodeAddress };
