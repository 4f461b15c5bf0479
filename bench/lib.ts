/**
 * What the bench sections share: timing, the child processes that measure a step on its own (its
 * peak memory its own, nothing cached from an earlier step), and the report every section adds to
 * — each figure with its size and, where there is one, the reference it is compared with, measured
 * in the same run, and the ratio.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
export const best = (xs: readonly number[]): number => Math.min(...xs);
export const fmt = (n: number): string => n.toLocaleString('en-US');

export function time<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}
export async function timeAsync<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}

/** Runs bench/child.ts with these arguments in a fresh process and reads the JSON line it ends with. */
export function child<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'child.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 8 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as T;
}

/** One measured figure: what, how much, and against what. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 's';
  /** What was measured, in words and numbers (rows, units, leaves…). */
  size?: string;
  /** The reference this figure is compared with, measured in the same run. */
  reference?: { name: string; value: number };
  /** value ÷ reference. */
  ratio?: number;
  /** The goal, in words (“≤ 3× B”), and whether it was met; absent when there is none. */
  goal?: string;
  met?: boolean;
}

export class Report {
  readonly figures: Figure[] = [];
  constructor(readonly ci: boolean) {}

  heading(title: string, size: string): void {
    console.log(`\n${title}\n  (${size})`);
  }

  /**
   * Adds a figure and prints it: `name  value  [ratio × reference]  [goal: met/OVER]`. A goal is
   * a ratio to the reference (`maxRatio`) or a value (`maxValue`), checked and reported, never
   * asserted: speed is measured here, not in tests.
   */
  add(f: Omit<Figure, 'ratio' | 'met'> & { maxRatio?: number; maxValue?: number }): Figure {
    const ratio = f.reference ? f.value / f.reference.value : undefined;
    const met =
      f.maxRatio !== undefined && ratio !== undefined
        ? ratio <= f.maxRatio
        : f.maxValue !== undefined
          ? f.value <= f.maxValue
          : undefined;
    const { maxRatio: _r, maxValue: _v, ...rest } = f;
    const fig: Figure = {
      ...rest,
      ...(ratio !== undefined ? { ratio } : {}),
      ...(met !== undefined ? { met } : {}),
    };
    this.figures.push(fig);
    const v =
      f.unit === 'MB'
        ? `${f.value.toFixed(0)} MB`
        : f.unit === 's'
          ? `${f.value.toFixed(1)} s`
          : `${fmt(Math.round(f.value))} ms`;
    const parts = [`  ${f.name.padEnd(46)} ${v.padStart(10)}`];
    if (ratio !== undefined && f.reference)
      parts.push(`${ratio.toFixed(2).padStart(6)} × ${f.reference.name}`);
    if (f.goal)
      parts.push(
        `goal ${f.goal}: ${met === undefined ? '—' : met ? 'met' : this.ci ? 'not met (CI sizes)' : 'OVER'}`,
      );
    console.log(parts.join('   '));
    return fig;
  }
}
