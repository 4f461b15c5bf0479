/**
 * A problem found in users' data (never a programmer error, which throws).
 * `ref` points at where it lives: `Sheet!D7` for a file, `target/indicator` for compute.
 */
export type IssueLevel = 'error' | 'warning' | 'info';

export interface Issue {
  level: IssueLevel;
  code: string;
  message: string;
  ref: string;
  /** A fix the operator can confirm (never applied without them). */
  fix?: IssueFix;
}

/** Which field of a leaf a column holds: the value, its 目标值 or its 基期值. */
export type ValueField = 'value' | 'targetValue' | 'baseline';

/**
 * A fix the operator can confirm: register a near-miss name as an alias of a target, or remember
 * that a column header means a leaf (both remembered for the next import); or withdraw the batch
 * that holds what this file would replace or duplicate.
 */
export type IssueFix =
  | { kind: 'alias'; text: string; target: string; targetName: string }
  | { kind: 'column'; header: string; indicator: string; indicatorName: string; field: ValueField }
  | { kind: 'withdraw'; batch: number; file: string };

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.level === 'error');

export function issue(level: IssueLevel, code: string, message: string, ref = ''): Issue {
  return { level, code, message, ref };
}
