import type { CycleData, ItemRow, PreviousCycle } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import { isWeighted } from '../domain/method';
import type {
  AdjustmentResult,
  ComputeResult,
  GroupResult,
  LeafColumns,
  LeafStat,
  TargetScore,
} from '../domain/result';
import type { MissingPolicy } from '../domain/method';
import type { Scheme, Target } from '../domain/scheme';
import { indexData } from './data-index';
import type { HasherFactory, InputDigests } from './input-hash';
import { hashInput } from './input-hash';
import type { LeafScores } from './leaf-scores';
import { scoreLeaf } from './leaf-scores';
import type { PreparedLeaf, PreparedScheme } from './prepare';
import { prepareScheme } from './prepare';
import { rankGroup } from './ranking';
import { roundHalfAway } from './round';
import { compareCodes, median, stableSum } from './stats';

/** Bumped whenever a change to the engine can change a result; part of the input hash. */
export const ENGINE_VERSION = 'appraisal-engine/1';

export interface ComputeInput {
  scheme: Scheme;
  data: CycleData;
  previous: PreviousCycle | null;
}

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Computes a cycle: leaf scores per category, totals, ranks, bottom-N flags, grades, rank changes and
 * explanations. A pure function of its input: the same input gives a byte-identical result, whatever
 * order the data rows came in. Problems in the data come back as issues; an `error` issue means
 * the result must not be published.
 */
export function compute(
  input: ComputeInput,
  opts: {
    hasher?: HasherFactory;
    /** The digests of the input's rows, when the caller keeps them (else worked out here). */
    digests?: InputDigests;
  } = {},
): ComputeResult {
  const { rules } = input.scheme;
  const base = {
    engine: ENGINE_VERSION,
    inputHash: hashInput(input, ENGINE_VERSION, opts.hasher, opts.digests),
    cycle: {
      name: input.scheme.name,
      fullScore: rules.fullScore,
      precision: rules.precision,
      bottomN: rules.bottomN,
    },
  };
  const prep = prepareScheme(input.scheme);
  if (!prep.prepared)
    return {
      ...base,
      topIndicators: [],
      leafStats: [],
      targets: [],
      groups: [],
      issues: sortIssues(prep.issues),
    };
  const p = prep.prepared;
  const issues: Issue[] = [...prep.issues];
  const data = indexData(p, input.data, input.previous, rules.gradePoints);
  issues.push(...data.issues);

  const targets: TargetScore[] = [];
  const leafStats: LeafStat[] = [];
  /** Per target: indicator code → unrounded points of that node (for tie-breakers). */
  const nodePoints = new Map<string, Map<string, number>>();

  for (const category of input.scheme.categories) {
    const members = p.targetsByCategory.get(category.code) ?? [];
    if (members.length === 0) continue;
    const memberIndex = members.map((t) => p.targetIndex.get(t.code) as number);
    const scored: ScoredLeaf[] = [];
    for (const leaf of p.leaves) {
      const weight = leaf.indicator.weights[category.code];
      if (!isWeighted(leaf.params.method) || weight === undefined) continue;
      const r = scoreLeaf({
        leaf,
        members,
        memberIndex,
        weight,
        index: data.index,
        rules,
        groups: input.scheme.groups,
      });
      issues.push(...r.issues);
      const points: number[] = [];
      for (const s of r.scores.score) if (!Number.isNaN(s)) points.push(weight * s);
      const stat: LeafStat = {
        category: category.code,
        indicator: leaf.indicator.code,
        method: leaf.params.method,
        weight,
        median: points.length > 0 ? median(points) : 0,
      };
      leafStats.push(stat);
      scored.push({ leaf, stat, scores: r.scores });
    }
    const itemLeaves = p.leaves.filter(
      (l) => !isWeighted(l.params.method) && l.indicator.weights[category.code] !== undefined,
    );
    const scratch: Scratch = {
      indicators: scored.map((x) => x.leaf.indicator.code),
      tops: new Float64Array(p.rootIndex.size),
      topSeen: new Uint8Array(p.rootIndex.size),
      vsMedian: new Float64Array(scored.length),
      vsFull: new Float64Array(scored.length),
    };
    members.forEach((target, i) => {
      const score = scoreTarget(p, target, i, scored, data.index.items[memberIndex[i] as number] ?? [], {
        precision: rules.precision,
        withNodes: rules.tieBreakers.length > 0,
        itemLeaves,
        scratch,
      });
      targets.push(score.result);
      nodePoints.set(target.code, score.nodes);
    });
  }

  // Ranking groups: each category, then the combined groups the rules ask for.
  const byCode = new Map(targets.map((t) => [t.code, t]));
  const previousRanks = groupPreviousRanks(input.previous, issues);
  const groups: GroupResult[] = [];
  const tieValues = (t: TargetScore) =>
    rules.tieBreakers.map((code) => roundHalfAway(nodePoints.get(t.code)?.get(code) ?? 0, rules.precision));
  const defs = [
    ...input.scheme.categories.map((c) => ({
      code: c.code,
      name: c.name,
      kind: 'category' as const,
      members: (p.targetsByCategory.get(c.code) ?? []).map((t) => byCode.get(t.code) as TargetScore),
    })),
    ...rules.combinedGroups.map((g) => ({
      code: g.code,
      name: g.name,
      kind: 'combined' as const,
      members: targets.filter((t) => g.categories.includes(t.category)),
    })),
  ];
  for (const def of defs) {
    if (def.members.length === 0) continue;
    const r = rankGroup({
      ...def,
      rules,
      tieValues,
      // No comparison for a group the previous cycle did not rank (not computed, or a new group).
      previous: previousRanks.get(def.code) ?? null,
    });
    groups.push(r.group);
    issues.push(...r.issues);
  }

  return {
    ...base,
    topIndicators: p.topNodes.map((n) => ({ code: n.code, name: n.name })),
    leafStats,
    targets,
    groups,
    issues: sortIssues(issues),
  };
}

/** A weighted leaf scored for every member of a category. */
interface ScoredLeaf {
  leaf: PreparedLeaf;
  stat: LeafStat;
  scores: LeafScores;
}

/** One target's leaves, adjustments, veto, subtotals, total and costliest leaves. */
function scoreTarget(
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
interface Scratch {
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

/**
 * The previous cycle's ranks per group. Two different ranks for one target in one group are an
 * error (which one to believe is not ours to guess); the smaller is kept so the result stays the same
 * whatever order they came in.
 */
function groupPreviousRanks(
  previous: PreviousCycle | null,
  issues: Issue[],
): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const r of previous?.ranks ?? []) {
    const m = out.get(r.group) ?? new Map<string, number | null>();
    out.set(r.group, m);
    if (m.has(r.target) && m.get(r.target) !== r.rank) {
      const a = m.get(r.target) ?? null;
      const both = [a, r.rank].map((x) => (x === null ? '—' : String(x))).sort();
      issues.push(
        issue(
          'error',
          'PREVIOUS_DUPLICATE',
          `上一周期结果中 ${r.target} 在 ${r.group} 组有两个名次（${both.join(' 与 ')}）`,
          `${r.target}`,
        ),
      );
      m.set(r.target, a === null ? r.rank : r.rank === null ? a : Math.min(a, r.rank));
    } else m.set(r.target, r.rank);
  }
  return out;
}

function sortIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const k = `${i.level}\u0000${i.code}\u0000${i.ref}\u0000${i.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(i);
    }
  }
  return out.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      compareCodes(a.code, b.code) ||
      compareCodes(a.ref, b.ref) ||
      compareCodes(a.message, b.message),
  );
}
