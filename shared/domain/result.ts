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

/** One weighted leaf of one target. */
export interface LeafResult {
  indicator: string;
  method: MethodKey;
  weight: number;
  /** What the method read: the value x, the combined rating R (0–100), or the satisfaction rate; null when missing. */
  raw: number | null;
  /** Normalised score s; null when missing and the policy is `error`. */
  score: number | null;
  points: number;
  /** The missing-value policy that supplied the score, when the target had no value. */
  imputed: MissingPolicy | null;
  /** Median points of this leaf in the target's category. */
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
  leaves: LeafResult[];
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
