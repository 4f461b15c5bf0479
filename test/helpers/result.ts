import type { ComputeResult, GroupEntry, LeafResult, TargetScore } from '../../shared/domain/result';
import { leafResults } from '../../shared/domain/result';

export function targetOf(r: ComputeResult, code: string): TargetScore {
  const t = r.targets.find((x) => x.code === code);
  if (!t) throw new Error(`no target ${code} in result`);
  return t;
}

export function leafOf(r: ComputeResult, target: string, indicator: string): LeafResult {
  const l = leafResults(targetOf(r, target).leaves).find((x) => x.indicator === indicator);
  if (!l) throw new Error(`no leaf ${indicator} for ${target}`);
  return l;
}

/** Normalised score of a target on a leaf. */
export const scoreOf = (r: ComputeResult, target: string, indicator: string): number | null =>
  leafOf(r, target, indicator).score;

export function entryOf(r: ComputeResult, target: string, group?: string): GroupEntry {
  for (const g of r.groups) {
    if (group !== undefined && g.code !== group) continue;
    const e = g.entries.find((x) => x.code === target);
    if (e) return e;
  }
  throw new Error(`no entry for ${target}`);
}

export const codesOf = (r: ComputeResult, level?: string): string[] =>
  r.issues.filter((i) => level === undefined || i.level === level).map((i) => i.code);
