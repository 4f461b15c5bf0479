/** 指标数据: a target's value for a leaf, with the target value and baseline where the method needs them. */
export interface ValueRow {
  target: string;
  indicator: string;
  value: number | null;
  /** 目标值 for targetRatio. */
  targetValue: number | null;
  /** 基期值 for growth. */
  baseline: number | null;
}

/**
 * 评议: one evaluator's grade for one target on one rating leaf. `grade` is a grade word, a number
 * on 0–100, or null for an abstention. `evaluatorTarget` is the code of the target the evaluator
 * belongs to, when the evaluator is a unit under assessment (its own rating is dropped).
 */
export interface RatingRow {
  evaluator: string;
  evaluatorTarget: string | null;
  group: string;
  target: string;
  indicator: string;
  grade: string | number | null;
}

/** 满意度测评 counts per level. */
export interface SurveyCounts {
  verySatisfied: number;
  satisfied: number;
  basic: number;
  dissatisfied: number;
  /** 不了解: excluded from the valid count. */
  unknown: number;
}

export interface SurveyRow {
  target: string;
  indicator: string;
  counts: SurveyCounts;
}

/** 加分 / 扣分 / 一票否决 item; points is null for veto items. */
export interface ItemRow {
  target: string;
  indicator: string;
  points: number | null;
  reason: string;
  docNo: string;
}

export interface CycleData {
  values: ValueRow[];
  ratings: RatingRow[];
  surveys: SurveyRow[];
  items: ItemRow[];
}

/** What compute needs of the previous cycle: its ranks (for 名次变化) and raw values (for growth baselines). */
export interface PreviousCycle {
  name: string;
  /** group is a category code or a combined group's code; rank null when the target was exempt. */
  ranks: { group: string; target: string; rank: number | null }[];
  values: { target: string; indicator: string; value: number }[];
}

export const emptyData = (): CycleData => ({ values: [], ratings: [], surveys: [], items: [] });
