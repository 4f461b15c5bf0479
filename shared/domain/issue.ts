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
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.level === 'error');

export function issue(level: IssueLevel, code: string, message: string, ref = ''): Issue {
  return { level, code, message, ref };
}
