import { isWeighted } from '../domain/method';
import type { ComputeResult, GroupResult, TargetScore } from '../domain/result';
import type { Scheme } from '../domain/scheme';
import { explainTarget } from '../engine/explain';

/**
 * The data the result charts draw, shaped here so the chart components stay thin and what they
 * show is tested: a group's totals, a target against its category's mean, and where a target lost.
 */

/** A group's ranked totals, best first; exempt targets are left out (they are not compared). */
export function groupTotals(g: GroupResult): { name: string; total: number; bottom: boolean }[] {
  return g.entries
    .filter((e) => e.rank !== null)
    .map((e) => ({ name: e.name, total: e.total, bottom: e.flags.includes('bottomN') }));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The 一级 indicator above a code: the root of its branch. */
function rootOf(scheme: Scheme, code: string): string {
  const parent = new Map(scheme.indicators.map((i) => [i.code, i.parent]));
  let c = code;
  for (let k = 0; k < 50; k++) {
    const p = parent.get(c) ?? null;
    if (p === null) return c;
    c = p;
  }
  return c;
}

/**
 * A target's 一级 subtotals next to its category's mean (over the category's targets that have the
 * subtotal) and the most the indicator can give in that category (its weighted leaves' points).
 */
export function targetVsCategory(
  r: ComputeResult,
  scheme: Scheme,
  t: TargetScore,
): { code: string; name: string; target: number; mean: number; full: number }[] {
  const peers = r.targets.filter((x) => x.category === t.category);
  const full = new Map<string, number>();
  for (const i of scheme.indicators)
    if (i.method !== null && isWeighted(i.method) && i.weights[t.category] !== undefined) {
      const top = rootOf(scheme, i.code);
      full.set(top, (full.get(top) ?? 0) + (i.weights[t.category] as number));
    }
  return r.topIndicators
    .filter((top) => t.subtotals[top.code] !== undefined)
    .map((top) => {
      const values = peers.map((p) => p.subtotals[top.code]).filter((v): v is number => v !== undefined);
      return {
        code: top.code,
        name: top.name,
        target: t.subtotals[top.code] as number,
        mean: round2(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)),
        full: round2(full.get(top.code) ?? 0),
      };
    });
}

/** The leaves where a target lost most against full points, worst first (at most `n`). */
export function pointsLost(
  r: ComputeResult,
  t: TargetScore,
  names: ReadonlyMap<string, string>,
  n = 10,
): { code: string; name: string; lostVsFull: number; lostVsMedian: number }[] {
  return explainTarget(r, t)
    .filter((l) => l.lostVsFull > 0)
    .sort((a, b) => b.lostVsFull - a.lostVsFull || a.indicator.localeCompare(b.indicator))
    .slice(0, n)
    .map((l) => ({
      code: l.indicator,
      name: names.get(l.indicator) ?? l.indicator,
      lostVsFull: round2(l.lostVsFull),
      lostVsMedian: round2(l.lostVsMedian),
    }));
}
