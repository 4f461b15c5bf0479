import type { Direction, MethodKey } from './method';
import type { Rules } from './rules';

/** 考核类别: a ranking group with its own weights (e.g. 区市, 市直经济部门). */
export interface Category {
  code: string;
  name: string;
}

/** 考核对象: a unit, section or person; the code is stable across cycles. */
export interface Target {
  code: string;
  name: string;
  aliases: string[];
  category: string;
  /** 免于排名原因: a non-empty reason means computed and shown, never ranked or flagged. */
  exemptReason: string | null;
  parent: string | null;
}

/**
 * 考核指标: a node of the indicator tree. Internal nodes have no method; leaves carry a method,
 * a direction, parameters (canonical key → text, see parseMethodParams) and a weight per category.
 */
export interface Indicator {
  code: string;
  name: string;
  parent: string | null;
  method: MethodKey | null;
  direction: Direction;
  params: Record<string, string>;
  /** 数据来源: the department that provides the data. */
  provider: string | null;
  /**
   * Category code → points of this leaf in that category. For bonus and deduction leaves it is the
   * cap; for a veto leaf any entry means the veto applies to that category. No entry: not applied.
   */
  weights: Record<string, number>;
}

/** 评价主体: a group of evaluators (市级领导, 部门互评, 服务对象…) and its weight. */
export interface EvaluatorGroup {
  code: string;
  name: string;
  weight: number;
}

/** 考核方案: everything that says how a cycle is scored. */
export interface Scheme {
  name: string;
  rules: Rules;
  categories: Category[];
  targets: Target[];
  indicators: Indicator[];
  groups: EvaluatorGroup[];
}
