import type { DataKind } from '../domain/cycle';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { Issue, ValueField } from '../domain/issue';
import type { Matchers } from './matchers';
import type { TemplateMeta } from './template-meta';
import type { TextCache } from './text-cache';

/** Where a row came from: `Sheet!B5`. */
export type Sourced<T> = T & { source: string };
/** A leaf's data of one target, with the cell of each field (value, 目标值, 基期值 sit in different columns). */
export type SourcedValue = Sourced<ValueRow> & { cells: Partial<Record<ValueField, string>> };

/** What reading one sheet gives: its kind, its data rows with their cells, and every problem found. */
export interface ParsedSheet {
  sheet: string;
  kind: DataKind | null;
  /** A rating form's evaluator cell (one evaluator for the whole sheet), for messages. */
  evaluatorRef: string | null;
  /** Data rows accepted. */
  rowCount: number;
  values: SourcedValue[];
  ratings: Sourced<RatingRow>[];
  surveys: Sourced<SurveyRow>[];
  items: Sourced<ItemRow>[];
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
export const MAX_NAME = 100;
export const MAX_TEXT = 500;

/** Issues of one code kept per sheet; past that they are counted (a whole wrong column must not drown the report). */
export const ISSUES_PER_CODE = 200;

export const emptyParsedSheet = (sheet: string): ParsedSheet => ({
  sheet,
  kind: null,
  evaluatorRef: null,
  rowCount: 0,
  values: [],
  ratings: [],
  surveys: [],
  items: [],
  issues: [],
});
