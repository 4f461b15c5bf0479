import type { CycleData, ItemRow, RatingRow, SurveyCounts, ValueRow } from '../../shared/domain/data';
import type { Direction, MethodKey } from '../../shared/domain/method';
import type { Rules } from '../../shared/domain/rules';
import { defaultRules } from '../../shared/domain/rules';
import type { EvaluatorGroup, Indicator, Scheme, Target } from '../../shared/domain/scheme';

/** A leaf for tests: `leaf('A1', 'efficacy', { QS: 100 })`. */
export function leaf(
  code: string,
  method: MethodKey,
  weights: Record<string, number>,
  opts: { direction?: Direction; params?: Record<string, string>; parent?: string; name?: string } = {},
): Indicator {
  return {
    code,
    name: opts.name ?? `指标${code}`,
    parent: opts.parent ?? null,
    method,
    direction: opts.direction ?? '+',
    params: opts.params ?? {},
    provider: null,
    weights,
  };
}

export function node(code: string, name: string, parent: string | null = null): Indicator {
  return { code, name, parent, method: null, direction: '+', params: {}, provider: null, weights: {} };
}

/** Targets T1…Tn of one category. */
export function targets(category: string, n: number, prefix = 'T'): Target[] {
  return Array.from({ length: n }, (_, i) => ({
    code: `${prefix}${i + 1}`,
    name: `单位${prefix}${i + 1}`,
    aliases: [],
    category,
    exemptReason: null,
    parent: null,
  }));
}

export function scheme(parts: {
  indicators: Indicator[];
  targets: Target[];
  categories?: { code: string; name: string }[];
  groups?: EvaluatorGroup[];
  rules?: Partial<Rules>;
}): Scheme {
  return {
    name: '测试周期',
    rules: { ...defaultRules(), ...parts.rules },
    categories: parts.categories ?? [{ code: 'C', name: '类别C' }],
    targets: parts.targets,
    indicators: parts.indicators,
    groups: parts.groups ?? [],
  };
}

export const value = (
  target: string,
  indicator: string,
  v: number | null,
  extra: { targetValue?: number; baseline?: number } = {},
): ValueRow => ({
  target,
  indicator,
  value: v,
  targetValue: extra.targetValue ?? null,
  baseline: extra.baseline ?? null,
});

/** Values of one leaf for T1…Tn in order. */
export const column = (indicator: string, xs: (number | null)[], prefix = 'T'): ValueRow[] =>
  xs.map((x, i) => value(`${prefix}${i + 1}`, indicator, x));

export const rating = (
  target: string,
  indicator: string,
  group: string,
  grade: string | number | null,
  evaluator = '评价人',
  evaluatorTarget: string | null = null,
): RatingRow => ({ target, indicator, group, grade, evaluator, evaluatorTarget });

export const item = (target: string, indicator: string, points: number | null, reason = '事由'): ItemRow => ({
  target,
  indicator,
  points,
  reason,
  docNo: '',
});

export const counts = (vs: number, s: number, b: number, d: number, u = 0): SurveyCounts => ({
  verySatisfied: vs,
  satisfied: s,
  basic: b,
  dissatisfied: d,
  unknown: u,
});

export function data(parts: Partial<CycleData>): CycleData {
  return { values: [], ratings: [], surveys: [], items: [], ...parts };
}
