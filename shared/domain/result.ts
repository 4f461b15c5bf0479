import type { ItemRow } from './data';
import type { Grade } from './grade';
import type { Issue } from './issue';
import type { MethodKey, MissingPolicy } from './method';

/** Flags a target may carry in a ranking group, in the order they are listed. */
export const FLAGS = ['bottomN', 'veto', 'bigRise', 'bigFall', 'exempt'] as const;
export type Flag = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<Flag, string> = {
  bottomN: '末位',
  veto: '一票否决',
  bigRise: '进步较大',
  bigFall: '退步较大',
  exempt: '免于排名',
};

/** One weighted leaf of one target. Weight, method and median are the category's: see LeafStat. */
export interface LeafResult {
  indicator: string;
  /** What the method read: the value x, the combined rating R (0–100), or the satisfaction rate; null when missing. */
  raw: number | null;
  /** Normalised score s; null when missing and the policy is `error`, or when the data were refused. */
  score: number | null;
  /** weight × s (0 when the score is null). */
  points: number;
  /** The missing-value policy that supplied the score, when the target had no value. */
  imputed: MissingPolicy | null;
}

/** The weighted leaves of one target: entry k of each array belongs to indicator[k]. */
export interface LeafColumns {
  indicator: string[];
  raw: (number | null)[];
  score: (number | null)[];
  points: number[];
  imputed: (MissingPolicy | null)[];
}

/** The leaves of a target as one object each. */
export function leafResults(c: LeafColumns): LeafResult[] {
  return c.indicator.map((indicator, k) => ({
    indicator,
    raw: c.raw[k] ?? null,
    score: c.score[k] ?? null,
    points: c.points[k] as number,
    imputed: c.imputed[k] ?? null,
  }));
}

/** A weighted leaf as applied in one category: its points and the median its targets got. */
export interface LeafStat {
  category: string;
  indicator: string;
  method: MethodKey;
  weight: number;
  /** Median points of the category's targets that have a score. */
  median: number;
}

/** A leaf of one target with what it lost, against full points and against the category median. */
export interface LeafExplanation extends LeafResult {
  method: MethodKey;
  weight: number;
  median: number;
  lostVsFull: number;
  lostVsMedian: number;
}

/** Bonus or deduction of one leaf: the items' sum and what the cap let through. */
export interface AdjustmentResult {
  indicator: string;
  kind: 'bonus' | 'deduction';
  sum: number;
  cap: number;
  applied: number;
  items: ItemRow[];
}

/** A target's scores; independent of the ranking groups it appears in. */
export interface TargetScore {
  code: string;
  name: string;
  category: string;
  exemptReason: string | null;
  vetoed: boolean;
  vetoItems: ItemRow[];
  /** Total as computed, before rounding. */
  exactTotal: number;
  /** Total rounded once to the cycle's precision: what is printed and ranked. */
  total: number;
  /** 一级 subtotals, rounded to the cycle's precision. */
  subtotals: Record<string, number>;
  bonus: number;
  deduction: number;
  /** Weighted leaves in tree order, as parallel arrays (a cycle may hold 5,000 targets × 60 leaves); see leafResults(). */
  leaves: LeafColumns;
  adjustments: AdjustmentResult[];
  /** The (at most three) leaves that cost most against the category median, worst first. */
  topLosses: string[];
}

/** A target's place in one ranking group. */
export interface GroupEntry {
  code: string;
  name: string;
  total: number;
  rank: number | null;
  grade: Grade | null;
  flags: Flag[];
  previousRank: number | null;
  /** Δ = previous rank − rank (positive = moved up); null without a previous rank. */
  rankChange: number | null;
  /** True when a previous cycle is linked and the target had no rank in this group there (shown as 新). */
  isNew: boolean;
  /** For a bottom-N target: points between it and the lowest target outside the bottom-N set. */
  gapToSafety: number | null;
}

export interface GroupResult {
  code: string;
  name: string;
  kind: 'category' | 'combined';
  /** Targets in the group, exempt ones included. */
  size: number;
  /** Targets ranked (exempt ones left out): m. */
  ranked: number;
  flaggedBottom: number;
  /** More than N flagged because a tie straddled the boundary. */
  bottomTieExtended: boolean;
  /** ⌊q·m⌋: the positions 优秀 may take at most. */
  excellentPositions: number;
  /** In rank order; exempt targets last, by code. */
  entries: GroupEntry[];
}

export interface ComputeResult {
  engine: string;
  inputHash: string;
  cycle: { name: string; fullScore: number; precision: number; bottomN: number };
  /** 一级 indicators that carry subtotals, in tree order. */
  topIndicators: { code: string; name: string }[];
  /** Each weighted leaf per category it applies to, in category then tree order. */
  leafStats: LeafStat[];
  targets: TargetScore[];
  groups: GroupResult[];
  issues: Issue[];
}

/** The result JSON of SPEC §9: stable for other programs. */
export interface ResultJson {
  cycle: { name: string; fullScore: number };
  groups: {
    category: string;
    name: string;
    size: number;
    flaggedBottom: number;
    results: {
      code: string;
      name: string;
      total: number;
      rank: number | null;
      grade: Grade | null;
      flags: Flag[];
      subtotals: Record<string, number>;
      bonus: number;
      deduction: number;
      rankChange: number | null;
    }[];
  }[];
  issues: Issue[];
}
