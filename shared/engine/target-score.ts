import type { ItemRow } from '../domain/data';
import type { MissingPolicy } from '../domain/method';
import type { AdjustmentResult, LeafColumns, LeafStat, TargetScore } from '../domain/result';
import type { Target } from '../domain/scheme';
import type { LeafScores } from './leaf-scores';
import type { PreparedLeaf, PreparedScheme } from './prepare';
import { roundHalfAway } from './round';
import { compareCodes, stableSum } from './stats';

/** A weighted leaf scored for every member of a category. */
export interface ScoredLeaf {
  leaf: PreparedLeaf;
  stat: LeafStat;
  scores: LeafScores;
}

/** One target's leaves, adjustments, veto, subtotals, total and costliest leaves. */
export function scoreTarget(
  p: PreparedScheme,
  target: Target,
  i: number,
  scored: readonly ScoredLeaf[],
  items: ItemRow[],
  opts: { precision: number; withNodes: boolean; itemLeaves: readonly PreparedLeaf[]; scratch: Scratch },
): { result: TargetScore; nodes: Map<string, number> } {
  const { precision, itemLeaves, scratch } = opts;
  // Subtotals of every node are only needed to break ties: skip the work when no rule asks for it.
  const nodes = new Map<string, number>();
  const addNode = opts.withNodes
    ? (code: string, v: number) => void nodes.set(code, (nodes.get(code) ?? 0) + v)
    : () => {};
  const { tops, topSeen, vsMedian, vsFull } = scratch;
  tops.fill(0);
  topSeen.fill(0);
  const n = scored.length;
  const leaves: LeafColumns = {
    indicator: scratch.indicators,
    raw: new Array<number | null>(n),
    score: new Array<number | null>(n),
    points: new Array<number>(n),
    imputed: new Array<MissingPolicy | null>(n),
  };
  let leafSum = 0;
  for (let k = 0; k < scored.length; k++) {
    const { leaf, stat, scores } = scored[k] as ScoredLeaf;
    const s = scores.score[i] as number;
    const raw = scores.raw[i] as number;
    const points = Number.isNaN(s) ? 0 : stat.weight * s;
    leafSum += points;
    tops[leaf.topIndex] = (tops[leaf.topIndex] as number) + points;
    topSeen[leaf.topIndex] = 1;
    if (opts.withNodes) {
      for (const a of leaf.ancestors) addNode(a, points);
      addNode(leaf.indicator.code, points);
    }
    leaves.raw[k] = Number.isNaN(raw) ? null : raw;
    leaves.score[k] = Number.isNaN(s) ? null : s;
    leaves.points[k] = points;
    leaves.imputed[k] = scores.imputed[i] ?? null;
    vsMedian[k] = stat.median - points;
    vsFull[k] = stat.weight - points;
  }

  const adjustments: AdjustmentResult[] = [];
  const vetoItems: ItemRow[] = [];
  let bonus = 0;
  let deduction = 0;
  for (const leaf of itemLeaves) {
    if (items.length === 0) break;
    const m = leaf.params.method;
    const cap = leaf.indicator.weights[target.category] as number;
    const mine = items
      .filter((it) => it.indicator === leaf.indicator.code)
      .map((it) => ({
        target: it.target,
        indicator: it.indicator,
        points: it.points,
        reason: it.reason,
        docNo: it.docNo,
      }))
      .sort(compareItems);
    if (m === 'veto') {
      vetoItems.push(...mine);
      continue;
    }
    if (mine.length === 0) continue;
    const sum = stableSum(mine.map((it) => it.points ?? 0));
    const applied = Math.min(sum, cap);
    adjustments.push({
      indicator: leaf.indicator.code,
      kind: m as 'bonus' | 'deduction',
      sum,
      cap,
      applied,
      items: mine,
    });
    if (m === 'bonus') bonus += applied;
    else deduction += applied;
    // Tie-breakers compare printed subtotals, which hold weighted leaves only; a bonus or deduction
    // leaf named as a tie-breaker itself counts with its sign (less deduction is better).
    addNode(leaf.indicator.code, m === 'bonus' ? applied : -applied);
  }

  const exactTotal = leafSum + bonus - deduction;
  // 一级 subtotals hold weighted leaves only (bonus and deduction have their own columns), and only
  // nodes with a leaf applied to the category: 经济发展 is "not applicable" to a department, not 0.
  const subtotals: Record<string, number> = {};
  for (const top of p.topNodes) {
    const t = p.rootIndex.get(top.code) as number;
    if (topSeen[t] === 1) subtotals[top.code] = roundHalfAway(tops[t] as number, precision);
  }

  // The leaves that cost most against the median; a target at or above the median everywhere gets
  // those that cost most against full points.
  let worst = costliest(
    n,
    (k) => vsMedian[k] as number,
    (a, b) =>
      (vsMedian[a] as number) > (vsMedian[b] as number) ||
      (vsMedian[a] === vsMedian[b] && (vsFull[a] as number) > (vsFull[b] as number)),
  );
  if (worst.length === 0)
    worst = costliest(
      n,
      (k) => vsFull[k] as number,
      (a, b) => (vsFull[a] as number) > (vsFull[b] as number),
    );

  return {
    result: {
      code: target.code,
      name: target.name,
      category: target.category,
      exemptReason: target.exemptReason,
      vetoed: vetoItems.length > 0,
      vetoItems,
      exactTotal,
      total: roundHalfAway(exactTotal, precision),
      subtotals,
      bonus: roundHalfAway(bonus, precision),
      deduction: roundHalfAway(deduction, precision),
      leaves,
      adjustments,
      topLosses: worst.map((k) => scratch.indicators[k] as string),
    },
    nodes,
  };
}

/** Reusable arrays for scoring the targets of one category (a target would otherwise allocate them). */
export interface Scratch {
  /** The category's weighted leaves, shared by its targets' LeafColumns. */
  indicators: string[];
  tops: Float64Array;
  topSeen: Uint8Array;
  vsMedian: Float64Array;
  vsFull: Float64Array;
}

/** Positions of the (at most) three leaves with the largest positive loss, worst first; ties keep tree order. */
function costliest(
  n: number,
  loss: (k: number) => number,
  isWorse: (a: number, b: number) => boolean,
): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    if (!(loss(k) > 1e-9)) continue;
    let at = out.length;
    while (at > 0 && isWorse(k, out[at - 1] as number)) at--;
    if (at < 3) out.splice(at, 0, k);
    if (out.length > 3) out.pop();
  }
  return out;
}

function compareItems(a: ItemRow, b: ItemRow): number {
  return (
    compareCodes(a.indicator, b.indicator) ||
    (a.points ?? 0) - (b.points ?? 0) ||
    compareCodes(a.reason, b.reason) ||
    compareCodes(a.docNo, b.docNo)
  );
}
