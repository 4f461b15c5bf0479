import type { ComputeResult, LeafExplanation, TargetScore } from '../domain/result';
import { leafResults } from '../domain/result';

/**
 * 得分说明: every weighted leaf of a target with the points it lost against full points
 * (weight − points) and against its category's median (median − points), in tree order.
 * The three costliest leaves are `TargetScore.topLosses`; the gap to safety is on the group entry.
 */
export function explainTarget(r: ComputeResult, target: TargetScore): LeafExplanation[] {
  const stats = new Map(
    r.leafStats.filter((s) => s.category === target.category).map((s) => [s.indicator, s]),
  );
  return leafResults(target.leaves).map((l) => {
    const s = stats.get(l.indicator);
    if (!s) throw new Error(`no statistics for leaf ${l.indicator} in category ${target.category}`);
    return {
      ...l,
      method: s.method,
      weight: s.weight,
      median: s.median,
      lostVsFull: s.weight - l.points,
      lostVsMedian: s.median - l.points,
    };
  });
}
