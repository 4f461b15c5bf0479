import type { DataKind } from '../domain/cycle';
import type { Scheme } from '../domain/scheme';
import type { Cell, SheetGrid } from './grid';
import { locateHeader } from './locate-header';
import type { Matchers } from './matchers';
import { createMatchers } from './matchers';
import type { ParsedSheet, ParseOptions } from './sheet-parser';
import { createSheetParser } from './sheet-parser';

export type { ParsedSheet, ParseOptions } from './sheet-parser';
export { DATA_HEADERS } from './column-plan';

/** Parses a whole sheet held in memory (see createSheetParser, which takes rows as they stream). */
export function parseDataSheet(sheet: SheetGrid, scheme: Scheme, opts: ParseOptions = {}): ParsedSheet {
  const parser = createSheetParser(sheet.name, scheme, opts);
  sheet.rows.forEach((cells, row) => parser.push(row, cells));
  return parser.end();
}

/** The kind of sheet a header row makes (SPEC §6), or null. */
export function detectKind(
  header: readonly Cell[],
  scheme: Scheme,
  m: Matchers = createMatchers(scheme),
): DataKind | null {
  const plan = locateHeader([header], {
    sheet: 'Sheet1',
    matchers: m,
    groups: scheme.groups,
    columnPresets: new Map(),
  });
  if (!plan) return null;
  return plan.kind === 'ratingsWide' ? 'ratings' : plan.kind;
}
