import type { DataKind } from '../domain/cycle';
import type { Issue, ValueField } from '../domain/issue';

/** One sheet of an imported file, and what became of it. */
export interface SheetReport {
  sheet: string;
  kind: DataKind | null;
  rows: number;
  /** The batch this sheet became (null when nothing was written). */
  batchId: number | null;
  /** The active batch from the same source (file name, sheet, kind) that it replaces. */
  supersedes: number | null;
  /** The first rows as they will be stored, in words (a preview for the operator). */
  sample?: { columns: string[]; rows: string[][] };
}

/** What an import found in one file. */
export interface FileReport {
  file: string;
  sha256: string;
  /** The file has no problem: it can be imported. */
  accepted: boolean;
  /** It was written (false on a dry run, or when another file of an all-or-nothing import was refused). */
  written: boolean;
  sheets: SheetReport[];
  /** Every problem of the file, each with `Sheet!Cell`. */
  issues: Issue[];
}

/** How far an import has got, for a progress bar. */
export interface ImportProgress {
  file: string;
  /** 0-based position of the file among those imported. */
  index: number;
  files: number;
  phase: 'reading' | 'checking' | 'writing';
  /** Of this phase, 0–1. */
  fraction: number;
}

/** 别名: the operator confirms that a text a sheet used means a target. */
export interface AliasConfirmation {
  /** The text a sheet used. */
  text: string;
  /** The target it means: code, name or existing alias. */
  target: string;
}

/** The operator confirms that a column header means a leaf (and which of its fields). */
export interface ColumnConfirmation {
  header: string;
  /** The leaf it means: code or name. */
  indicator: string;
  field?: ValueField;
}
