import type { ComputeResult } from '../domain/result';
import type { Scheme } from '../domain/scheme';
import { mulberry32 } from './random';
import { gradeOf, place } from './ranking';
import { roundHalfAway } from './round';

/** 权重敏感性分析: how the weights of a Monte Carlo draw are perturbed, and how often. */
export interface SensitivityOptions {
  /** Number of draws (default 10,000). */
  draws: number;
  /** Each weight is multiplied by a factor from U(1 − δ, 1 + δ) (default 0.1). */
  delta: number;
  /** Seed of the random stream: the same seed gives the same answer. */
  seed: number;
}

export const DEFAULT_SENSITIVITY: Readonly<SensitivityOptions> = Object.freeze({
  draws: 10_000,
  delta: 0.1,
  seed: 20_240_101,
});

export const MAX_DRAWS = 100_000;

/** One ranked target's fate over the draws. */
export interface RobustnessEntry {
  code: string;
  name: string;
  /** Its rank and flags in the computed result (the unperturbed weights). */
  rank: number;
  flagged: boolean;
  vetoed: boolean;
  excellent: boolean;
  /** Share of draws in which it is in the bottom-N set. */
  pBottom: number;
  /** Share of draws in which it is 优秀. */
  pExcellent: number;
  /** 5th, 50th and 95th percentile of its rank (nearest rank: the ⌈p·draws⌉-th smallest). */
  rankP5: number;
  rankP50: number;
  rankP95: number;
}

export interface RobustnessGroup {
  code: string;
  name: string;
  kind: 'category' | 'combined';
  /** Ranked targets (exempt ones are never ranked, so never perturbed into the bottom N). */
  ranked: number;
  /** In the computed result's rank order. */
  entries: RobustnessEntry[];
}

export interface SensitivityResult extends SensitivityOptions {
  bottomN: number;
  /** The result's input hash: the analysis belongs to that result. */
  inputHash: string;
  groups: RobustnessGroup[];
}

/** Below this a flagged target's bottom-N verdict is called fragile; above the other an unflagged target is at risk. */
export const ROBUST_FLAGGED_BELOW = 0.8;
export const ROBUST_UNFLAGGED_ABOVE = 0.5;

export type RobustnessWarning = 'fragile' | 'atRisk';

/**
 * A flagged target in the bottom N in fewer than 80 % of the draws is `fragile` (a small change of
 * weights would spare it); an unflagged one in it in more than half of them is `atRisk`.
 */
export function robustnessWarning(e: RobustnessEntry): RobustnessWarning | null {
  if (e.flagged && e.pBottom < ROBUST_FLAGGED_BELOW) return 'fragile';
  if (!e.flagged && e.pBottom > ROBUST_UNFLAGGED_ABOVE) return 'atRisk';
  return null;
}

/**
 * A probability as a percentage for people, never on the wrong side of a threshold it is judged by:
 * one decimal, or more where one would round 79.96 % up to the 80.0 % a flagged unit needs, or
 * 50.04 % down to the 50.0 % an unflagged one must exceed. p is k / draws, exact at three decimals.
 */
export function percentText(p: number): string {
  const sides = (x: number) => [x < ROBUST_FLAGGED_BELOW, x > ROBUST_UNFLAGGED_ABOVE, x > 0, x < 1].join();
  for (const d of [1, 2, 3]) {
    const t = (p * 100).toFixed(d);
    if (sides(Number(t) / 100) === sides(p)) return `${t}%`;
  }
  return `${(p * 100).toFixed(4)}%`;
}

/** δ or 1 ± δ as a person writes it: 0.93, not 0.9299999999999999. */
export const plainNumber = (x: number): string => String(Number(x.toFixed(6)));

/**
 * Products of a weight and a score one draw takes: every target's weighted leaves, once for its
 * total and once more per tie-breaker. What callers budget draws by (about 15 ns each, `npm run bench`).
 */
export function workPerDraw(scheme: Scheme, result: ComputeResult): number {
  const leaves = result.targets.reduce((n, t) => n + t.leaves.indicator.length, 0);
  return Math.max(1, leaves * (1 + scheme.rules.tieBreakers.length));
}

/** A refusal the operator can act on. */
export class SensitivityError extends Error {}

/** The caller asked `sensitivity` to stop (`shouldStop`): there is no answer, not even a partial one. */
export class SensitivityStopped extends Error {
  constructor() {
    super('sensitivity analysis stopped');
    this.name = 'SensitivityStopped';
  }
}

/** Draws between two calls of `shouldStop`: often enough to stop within milliseconds, rarely enough to cost nothing. */
export const STOP_CHECK_DRAWS = 256;

/** What the caller may do while the draws run (kept out of the options the result repeats). */
export interface SensitivityControl {
  /**
   * Asked before the first draw and every STOP_CHECK_DRAWS draws with the number done so far (a
   * progress bar can follow it); true throws SensitivityStopped.
   */
  shouldStop?: (drawsDone: number) => boolean;
}

/**
 * Sensitivity of a computed result to its weights (SPEC §5). Each draw multiplies every weighted
 * leaf's weight of every category by its own factor from U(1 − δ, 1 + δ) and rescales the
 * category's weights to their original sum (the full score), so only the balance between leaves
 * moves; bonus, deduction and veto stay as they were. A target's total is then Σ w′·s + bonus −
 * deduction over the leaves' normalised scores s, which do not depend on weights (a missing score
 * counts 0, as in compute), rounded to the cycle's precision; every ranking group of the result is
 * re-ranked with the cycle's rules — ties, tie-breaker subtotals, vetoes, bottom-N ties and the
 * 优秀 quota decided by the same `place` and `gradeOf` as compute. The totals are summed in
 * compute's order, so with δ = 0 every draw reproduces the result exactly. A 直接计分 leaf without a
 * 满分值 counts as its share x / points of the drawn points (as if its providers had scored on the
 * drawn scale), which is also what the weighting tool keeps when it changes such a leaf's points.
 *
 * Draw order is fixed (draw, then category in scheme order, then leaf in tree order) and the
 * random stream is mulberry32(seed), so the same seed gives the same answer on every machine.
 * Rank percentiles use the nearest-rank definition over a histogram of ranks.
 */
export function sensitivity(
  scheme: Scheme,
  result: ComputeResult,
  options: Partial<SensitivityOptions> & SensitivityControl = {},
): SensitivityResult {
  const { shouldStop, ...given } = options;
  const opts = { ...DEFAULT_SENSITIVITY, ...given };
  const { draws, delta, seed } = opts;
  if (!Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS)
    throw new SensitivityError(`抽样次数应为 1 到 ${MAX_DRAWS} 之间的整数`);
  if (!(delta >= 0 && delta < 1))
    throw new SensitivityError('扰动幅度 δ 应在 0 到 1 之间（如 0.1 表示 ±10%）');
  if (!Number.isInteger(seed)) throw new SensitivityError('随机种子应为整数');
  const rules = scheme.rules;
  const precision = result.cycle.precision;
  const placeRules = { ...rules, bottomN: result.cycle.bottomN };

  // Per category: its leaves' weights, and each member's scores and exact bonus − deduction.
  const cats = scheme.categories.map((c) => {
    const stats = result.leafStats.filter((s) => s.category === c.code);
    const base = Float64Array.from(stats.map((s) => s.weight));
    return {
      code: c.code,
      indicators: stats.map((s) => s.indicator),
      base,
      sum: base.reduce((a, b) => a + b, 0),
      weights: new Float64Array(base.length),
    };
  });
  const catIndex = new Map(cats.map((c, i) => [c.code, i]));
  const targets = result.targets.filter((t) => catIndex.has(t.category));
  const targetIndex = new Map(targets.map((t, i) => [t.code, i]));
  const targetCat = Int32Array.from(targets.map((t) => catIndex.get(t.category) as number));
  const scores = targets.map((t) => {
    const c = cats[catIndex.get(t.category) as number] as (typeof cats)[number];
    if (t.leaves.indicator.length !== c.indicators.length)
      throw new Error(`leaves of ${t.code} do not match the leaf statistics of ${t.category}`);
    return Float64Array.from(t.leaves.score, (s) => s ?? Number.NaN);
  });
  const adjust = targets.map((t) => {
    let bonus = 0;
    let deduction = 0;
    for (const a of t.adjustments) if (a.kind === 'bonus') bonus += a.applied;
    for (const a of t.adjustments) if (a.kind === 'deduction') deduction += a.applied;
    return { bonus, deduction };
  });

  // Tie-breakers: per code, which of a category's leaves lie under it (compute adds a leaf's points
  // to its ancestors and itself); a bonus or deduction leaf counts itself, with its sign.
  const parent = new Map(scheme.indicators.map((i) => [i.code, i.parent]));
  const under = (leaf: string, node: string) => {
    for (let c: string | null | undefined = leaf; c; c = parent.get(c)) if (c === node) return true;
    return false;
  };
  const tieMasks = rules.tieBreakers.map((code) =>
    cats.map((c) => c.indicators.map((leaf) => under(leaf, code))),
  );
  const tieItems = targets.map((t) =>
    rules.tieBreakers.map((code) => {
      const a = t.adjustments.find((x) => x.indicator === code);
      return a === undefined ? 0 : a.kind === 'bonus' ? a.applied : -a.applied;
    }),
  );

  const totals = new Float64Array(targets.length);
  const tieValues = targets.map(() => new Float64Array(rules.tieBreakers.length));
  const rng = mulberry32(seed);

  const groups = result.groups.map((g) => {
    const entries = g.entries.filter((e) => e.rank !== null);
    const members = Int32Array.from(entries.map((e) => targetIndex.get(e.code) ?? -1));
    if (members.includes(-1)) throw new Error(`group ${g.code} has a target the result does not score`);
    const m = members.length;
    return {
      g,
      entries,
      members,
      vetoed: Uint8Array.from(members, (i) => ((targets[i] as (typeof targets)[number]).vetoed ? 1 : 0)),
      order: Array.from({ length: m }, (_, k) => k),
      ranks: rankCounts(m),
      bottom: new Uint32Array(m),
      excellent: new Uint32Array(m),
    };
  });

  for (let d = 0; d < draws; d++) {
    if (shouldStop && d % STOP_CHECK_DRAWS === 0 && shouldStop(d)) throw new SensitivityStopped();
    for (const c of cats) {
      let s = 0;
      for (let k = 0; k < c.base.length; k++) {
        const w = (c.base[k] as number) * (1 - delta + 2 * delta * rng());
        c.weights[k] = w;
        s += w;
      }
      const scale = s > 0 ? c.sum / s : 0;
      if (delta === 0) c.weights.set(c.base);
      else for (let k = 0; k < c.weights.length; k++) c.weights[k] = (c.weights[k] as number) * scale;
    }
    for (let i = 0; i < targets.length; i++) {
      const ci = targetCat[i] as number;
      const w = (cats[ci] as (typeof cats)[number]).weights;
      const sc = scores[i] as Float64Array;
      let leafSum = 0;
      for (let k = 0; k < sc.length; k++) {
        const s = sc[k] as number;
        leafSum += Number.isNaN(s) ? 0 : (w[k] as number) * s;
      }
      const a = adjust[i] as { bonus: number; deduction: number };
      totals[i] = roundHalfAway(leafSum + a.bonus - a.deduction, precision);
      for (let b = 0; b < tieMasks.length; b++) {
        const mask = (tieMasks[b] as boolean[][])[ci] as boolean[];
        let v = 0;
        for (let k = 0; k < sc.length; k++) {
          const s = sc[k] as number;
          if (mask[k]) v += Number.isNaN(s) ? 0 : (w[k] as number) * s;
        }
        (tieValues[i] as Float64Array)[b] = roundHalfAway(
          v + ((tieItems[i] as number[])[b] as number),
          precision,
        );
      }
    }
    for (const G of groups) {
      const { members, vetoed, order } = G;
      const vetoLast = (k: number) => (rules.vetoToBottom && vetoed[k] === 1 ? 1 : 0);
      const standing = (x: number, y: number): number => {
        const v = vetoLast(x) - vetoLast(y);
        if (v !== 0) return v;
        const i = members[x] as number;
        const j = members[y] as number;
        const tx = totals[i] as number;
        const ty = totals[j] as number;
        if (tx !== ty) return ty - tx;
        const ax = tieValues[i] as Float64Array;
        const ay = tieValues[j] as Float64Array;
        for (let b = 0; b < ax.length; b++) if (ax[b] !== ay[b]) return (ay[b] as number) - (ax[b] as number);
        return 0;
      };
      order.sort((x, y) => standing(x, y) || x - y);
      const m = order.length;
      const pl = place(
        m,
        (pos) => standing(order[pos - 1] as number, order[pos] as number) === 0,
        (pos) => vetoed[order[pos] as number] === 1,
        placeRules,
      );
      for (let pos = 0; pos < m; pos++) {
        const k = order[pos] as number;
        const isBottom = pl.bottom[pos] === 1;
        G.ranks.add(k, pl.ranks[pos] as number);
        if (isBottom) G.bottom[k] = (G.bottom[k] as number) + 1;
        const total = totals[members[k] as number] as number;
        if (gradeOf(total, vetoed[k] === 1, pl.withinQuota[pos] === 1, isBottom, rules) === '优秀')
          G.excellent[k] = (G.excellent[k] as number) + 1;
      }
    }
  }

  return {
    ...opts,
    bottomN: result.cycle.bottomN,
    inputHash: result.inputHash,
    groups: groups.map(({ g, entries, ranks, bottom, excellent, members }) => {
      const m = members.length;
      return {
        code: g.code,
        name: g.name,
        kind: g.kind,
        ranked: m,
        entries: entries.map((e, k) => ({
          code: e.code,
          name: e.name,
          rank: e.rank as number,
          flagged: e.flags.includes('bottomN'),
          vetoed: e.flags.includes('veto'),
          excellent: e.grade === '优秀',
          pBottom: (bottom[k] as number) / draws,
          pExcellent: (excellent[k] as number) / draws,
          rankP5: ranks.percentile(k, 0.05, draws),
          rankP50: ranks.percentile(k, 0.5, draws),
          rankP95: ranks.percentile(k, 0.95, draws),
        })),
      };
    }),
  };
}

/** How often each member of a group took each rank. */
export interface RankCounts {
  add(member: number, rank: number): void;
  /** Nearest rank: the smallest rank r with at least ⌈p·draws⌉ draws at r or better. */
  percentile(member: number, p: number, draws: number): number;
}

/**
 * Rank counts of a group of m: a dense m × m table while that stays small (m ≤ 2,000: 16 MB), a
 * sparse map per member beyond (a unit's ranks over the draws span a narrow range, and a dense
 * table for a 20,000-unit combined group would take 1.6 GB).
 */
export function rankCounts(m: number, denseUpTo = 2000): RankCounts {
  const want = (p: number, draws: number) => Math.max(1, Math.ceil(p * draws - 1e-9));
  if (m <= denseUpTo) {
    const table = new Uint32Array(m * m);
    return {
      add: (k, rank) => void (table[k * m + rank - 1] = (table[k * m + rank - 1] as number) + 1),
      percentile(k, p, draws) {
        let seen = 0;
        for (let r = 0; r < m; r++) if ((seen += table[k * m + r] as number) >= want(p, draws)) return r + 1;
        return m;
      },
    };
  }
  const maps = Array.from({ length: m }, () => new Map<number, number>());
  return {
    add: (k, rank) => {
      const c = maps[k] as Map<number, number>;
      c.set(rank, (c.get(rank) ?? 0) + 1);
    },
    percentile(k, p, draws) {
      let seen = 0;
      for (const [rank, n] of [...(maps[k] as Map<number, number>)].sort((a, b) => a[0] - b[0]))
        if ((seen += n) >= want(p, draws)) return rank;
      return m;
    },
  };
}

/** Robustness entries of flagged targets and of unflagged targets at risk, by group, for the report. */
export function robustnessOfFlagged(
  r: SensitivityResult,
): { group: RobustnessGroup; entries: RobustnessEntry[] }[] {
  return r.groups
    .map((group) => ({
      group,
      entries: group.entries.filter((e) => e.flagged || robustnessWarning(e) !== null),
    }))
    .filter((x) => x.entries.length > 0);
}
