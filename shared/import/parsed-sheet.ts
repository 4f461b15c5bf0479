import type { DataKind } from '../domain/cycle';
import { LIMITS } from '../domain/limits';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { Issue, ValueField } from '../domain/issue';
import type { RowBlock } from '../domain/row-block';
import { blockRows, createBlockBuilder, fieldCellsAt } from '../domain/row-block';
import type { Matchers } from './matchers';
import type { TemplateMeta } from './template-meta';
import type { TextCache } from './text-cache';

/** Where a row came from: `Sheet!B5`. */
export type Sourced<T> = T & { source: string };
/** A leaf's data of one target, with the cell of each field (value, 目标值, 基期值 sit in different columns). */
export type SourcedValue = Sourced<ValueRow> & { cells: Partial<Record<ValueField, string>> };

/**
 * What reading one sheet gives: its kind, its data rows with their cells, and every problem found.
 * The rows are `block`'s columns (shared/domain/row-block.ts: no object per row, whatever the size
 * of the sheet), which the import checks and writes as they are; `values`, `ratings`, `surveys`
 * and `items` make them objects on first use (a preview, a test), and only of the sheet's kind.
 */
export interface ParsedSheet {
  sheet: string;
  kind: DataKind | null;
  /** A rating form's evaluator cell (one evaluator for the whole sheet), for messages. */
  evaluatorRef: string | null;
  /** Data rows accepted. */
  rowCount: number;
  block: RowBlock;
  readonly values: SourcedValue[];
  readonly ratings: Sourced<RatingRow>[];
  readonly surveys: Sourced<SurveyRow>[];
  readonly items: Sourced<ItemRow>[];
  issues: Issue[];
}

export interface ParseOptions {
  /** Column headers the operator confirmed earlier: header key (matchKey) → leaf and field. */
  columnPresets?: ReadonlyMap<string, { indicator: string; field: ValueField }>;
  /** The workbook's template metadata, when it is a template we generated. */
  template?: TemplateMeta | null;
  /** Matchers to reuse across the sheets of a file. */
  matchers?: Matchers;
  /** Cleaned texts to reuse across the sheets of a file. */
  texts?: TextCache;
}

/** Longest name (unit, indicator, group, evaluator, document number) and longest 事由 accepted. */
export const MAX_NAME = LIMITS.name;
export const MAX_TEXT = LIMITS.text;

/** Issues of one code kept per sheet; past that they are counted (a whole wrong column must not drown the report). */
export const ISSUES_PER_CODE = 200;

/** A sheet with nothing read yet: its block is set once its kind is known. */
export function emptyParsedSheet(sheet: string): ParsedSheet {
  let made: { block: RowBlock; rows: number; all: ReturnType<typeof blockRows> } | null = null;
  /** The block's rows as objects, made again only if rows were added since. */
  const all = (b: RowBlock) => {
    if (made?.block !== b || made.rows !== b.rows)
      made = { block: b, rows: b.rows, all: blockRows(b, { sources: true }) };
    return made.all;
  };
  const p: Omit<ParsedSheet, 'block'> & ThisType<ParsedSheet> = {
    sheet,
    kind: null,
    evaluatorRef: null,
    rowCount: 0,
    get values() {
      if (this.block.kind !== 'values') return [];
      const list = all(this.block).values as SourcedValue[];
      list.forEach((v, i) => (v.cells ??= fieldCellsAt(this.block, i)));
      return list;
    },
    get ratings() {
      return this.block.kind === 'ratings' ? (all(this.block).ratings as Sourced<RatingRow>[]) : [];
    },
    get surveys() {
      return this.block.kind === 'surveys' ? (all(this.block).surveys as Sourced<SurveyRow>[]) : [];
    },
    get items() {
      return this.block.kind === 'items' ? (all(this.block).items as Sourced<ItemRow>[]) : [];
    },
    issues: [],
  };
  // not enumerable: two readings of a sheet compare by their rows (the getters), not their columns' storage
  Object.defineProperty(p, 'block', {
    value: createBlockBuilder('values').block,
    writable: true,
    enumerable: false,
  });
  return p as ParsedSheet;
}
