import type { CycleData, PreviousCycle } from '../domain/data';
import { emptyData } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import { isWeighted } from '../domain/method';
import type { ComputeResult, GroupResult, LeafStat, TargetScore } from '../domain/result';
import type { Scheme, Target } from '../domain/scheme';
import type { DataIndex } from './data-index';
import { createDataIndex } from './data-index';
import type { RowSource } from './row-source';
import { rowsOf } from './row-source';
import type { HasherFactory, InputDigests } from './input-hash';
import { canonicalPrevious, canonicalScheme, hashInput, inputDigests } from './input-hash';
import { scoreLeaf } from './leaf-scores';
import type { PreparedLeaf } from './prepare';
import { prepareScheme } from './prepare';
import { rankGroup } from './ranking';
import { roundHalfAway } from './round';
import { compareCodes, medianInPlace } from './stats';
import type { ScoredLeaf, Scratch } from './target-score';
import { scoreTarget } from './target-score';

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
  const state = createComputeState(input.scheme, input.previous);
  state.apply(rowsOf(input.data));
  return state.result({ hasher: opts.hasher, digests: opts.digests ?? inputDigests(input) });
}

/** A weighted leaf of a category, scored: cached until its data in the category change. */
interface LeafEntry {
  scored: ScoredLeaf;
  issues: Issue[];
}

/**
 * A cycle's compute that keeps what it worked out, for a workspace that computes again after a
 * batch came or went: rows are added (`apply`) and taken away (`apply(rows, -1)`), and `result()`
 * scores again only the leaves whose data changed in each category, the targets of those
 * categories (and those whose items changed), and the ranking groups those targets are in. Every
 * part is a function of what it reads alone, so the result is byte-identical to compute() over the
 * rows held. A new scheme or previous cycle needs a new state.
 */
export function createComputeState(scheme: Scheme, previous: PreviousCycle | null) {
  const { rules } = scheme;
  const prep = prepareScheme(scheme);
  const p = prep.prepared;
  const data = p ? createDataIndex(p, previous, rules.gradePoints) : null;
  const previousIssues: Issue[] = [];
  const previousRanks = groupPreviousRanks(previous, previousIssues);
  const leafCache = new Map<string, LeafEntry>();
  const targetCache = new Map<string, { result: TargetScore; nodes: Map<string, number> }>();
  const groupCache = new Map<string, { members: TargetScore[]; group: GroupResult; issues: Issue[] }>();
  // the scheme and previous cycle as the input hash reads them: fixed for the state, worked out once
  let canonicalSchemeText: string | null = null;
  let canonicalPreviousText: { values: string; text: string } | null = null;
  const canonicalSchemeOnce = () => (canonicalSchemeText ??= canonicalScheme(scheme));
  const canonicalPreviousFor = (d: InputDigests) => {
    const values = d.previousValues.hex();
    if (canonicalPreviousText?.values !== values)
      canonicalPreviousText = { values, text: canonicalPrevious(previous, d.previousValues) };
    return canonicalPreviousText.text;
  };

  /** The categories' members, their positions in the data index, and their item leaves (fixed by the scheme). */
  const categories = p
    ? scheme.categories.map((category) => {
        const members = p.targetsByCategory.get(category.code) ?? [];
        return {
          category,
          members,
          memberIndex: members.map((t) => p.targetIndex.get(t.code) as number),
          weighted: p.leaves.filter(
            (l) => isWeighted(l.params.method) && l.indicator.weights[category.code] !== undefined,
          ),
          itemLeaves: p.leaves.filter(
            (l) => !isWeighted(l.params.method) && l.indicator.weights[category.code] !== undefined,
          ),
        };
      })
    : [];

  return {
    /** Adds rows (sign 1), or takes away rows added before (sign −1). */
    apply(source: RowSource, sign: 1 | -1 = 1): void {
      data?.apply(source, sign);
    },

    /** The result of the rows held now; `digests` are those of the same rows (see hashInput). */
    result(opts: { hasher?: HasherFactory; digests: InputDigests }): ComputeResult {
      const base = {
        engine: ENGINE_VERSION,
        inputHash: hashInput(
          { scheme, data: emptyData(), previous },
          ENGINE_VERSION,
          opts.hasher,
          opts.digests,
          { scheme: canonicalSchemeOnce(), previous: canonicalPreviousFor(opts.digests) },
        ),
        cycle: {
          name: scheme.name,
          fullScore: rules.fullScore,
          precision: rules.precision,
          bottomN: rules.bottomN,
        },
      };
      if (!p || !data)
        return {
          ...base,
          topIndicators: [],
          leafStats: [],
          targets: [],
          groups: [],
          issues: sortIssues(prep.issues),
        };
      const changed = data.takeChanges();
      const issues: Issue[] = [...prep.issues, ...data.issues(), ...previousIssues];
      const targets: TargetScore[] = [];
      const leafStats: LeafStat[] = [];

      for (const { category, members, memberIndex, weighted, itemLeaves } of categories) {
        if (members.length === 0) continue;
        let categoryChanged = false;
        const scored: ScoredLeaf[] = [];
        for (const leaf of weighted) {
          const key = `${leaf.indicator.code}\u0000${category.code}`;
          let entry = leafCache.get(key);
          if (!entry || changed.leaf(leaf.indicator.code, category.code)) {
            entry = scoreCategoryLeaf(leaf, category.code, members, memberIndex, data.index);
            leafCache.set(key, entry);
            categoryChanged = true;
          }
          issues.push(...entry.issues);
          leafStats.push(entry.scored.stat);
          scored.push(entry.scored);
        }
        const scratch: Scratch = {
          indicators: scored.map((x) => x.leaf.indicator.code),
          tops: new Float64Array(p.rootIndex.size),
          topSeen: new Uint8Array(p.rootIndex.size),
          vsMedian: new Float64Array(scored.length),
          vsFull: new Float64Array(scored.length),
        };
        members.forEach((target, i) => {
          const ti = memberIndex[i] as number;
          let cached = targetCache.get(target.code);
          if (!cached || categoryChanged || changed.items.has(ti)) {
            cached = scoreTarget(p, target, i, scored, data.index.items[ti] ?? [], {
              precision: rules.precision,
              withNodes: rules.tieBreakers.length > 0,
              itemLeaves,
              scratch,
            });
            targetCache.set(target.code, cached);
          }
          targets.push(cached.result);
        });
      }

      // Ranking groups: each category, then the combined groups the rules ask for.
      const byCode = new Map(targets.map((t) => [t.code, t]));
      const groups: GroupResult[] = [];
      const tieValues = (t: TargetScore) =>
        rules.tieBreakers.map((code) =>
          roundHalfAway(targetCache.get(t.code)?.nodes.get(code) ?? 0, rules.precision),
        );
      const defs = [
        ...scheme.categories.map((c) => ({
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
        let cached = groupCache.get(def.code);
        if (!cached || cached.members.some((t, k) => t !== def.members[k])) {
          const r = rankGroup({
            ...def,
            rules,
            tieValues,
            // No comparison for a group the previous cycle did not rank (not computed, or a new group).
            previous: previousRanks.get(def.code) ?? null,
          });
          cached = { members: def.members, group: r.group, issues: r.issues };
          groupCache.set(def.code, cached);
        }
        groups.push(cached.group);
        issues.push(...cached.issues);
      }

      return {
        ...base,
        topIndicators: p.topNodes.map((n) => ({ code: n.code, name: n.name })),
        leafStats,
        targets,
        groups,
        issues: sortIssues(issues),
      };
    },
  };

  function scoreCategoryLeaf(
    leaf: PreparedLeaf,
    category: string,
    members: readonly Target[],
    memberIndex: readonly number[],
    index: DataIndex,
  ): LeafEntry {
    const weight = leaf.indicator.weights[category] as number;
    const r = scoreLeaf({ leaf, members, memberIndex, weight, index, rules, groups: scheme.groups });
    const score = r.scores.score;
    const points = new Float64Array(score.length);
    let m = 0;
    for (let i = 0; i < score.length; i++) {
      const s = score[i] as number;
      if (!Number.isNaN(s)) points[m++] = weight * s;
    }
    const stat: LeafStat = {
      category,
      indicator: leaf.indicator.code,
      method: leaf.params.method,
      weight,
      median: m > 0 ? medianInPlace(points.subarray(0, m)) : 0,
    };
    return { scored: { leaf, stat, scores: r.scores }, issues: r.issues };
  }
}
export type ComputeState = ReturnType<typeof createComputeState>;

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
