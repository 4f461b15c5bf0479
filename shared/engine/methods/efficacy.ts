import type { Direction, EfficacyParams } from '../../domain/method';
import { clamp } from '../stats';

/** The best value b and the worst value v an efficacy score is measured between. */
export interface EfficacyBounds {
  best: number;
  worst: number;
  /** Fixed bounds (满意值 / 不允许值) clamp the score; data bounds cannot be exceeded anyway. */
  fixed: boolean;
}

/**
 * Bounds from the peers' values: `+` best = max, worst = min; `−` best = min, worst = max.
 * Throws on an empty list (the caller only asks when some peer has a value).
 */
export function dataBounds(values: readonly number[], direction: Direction): EfficacyBounds {
  if (values.length === 0) throw new RangeError('efficacy bounds of no values');
  let max = -Infinity;
  let min = Infinity;
  for (const v of values) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return direction === '+'
    ? { best: max, worst: min, fixed: false }
    : { best: min, worst: max, fixed: false };
}

/** Fixed bounds when both 满意值 and 不允许值 are given, else the peers' data bounds. */
export function efficacyBounds(
  values: readonly number[],
  direction: Direction,
  params: Pick<EfficacyParams, 'satisfactory' | 'unacceptable'>,
): EfficacyBounds {
  if (params.satisfactory !== null && params.unacceptable !== null)
    return { best: params.satisfactory, worst: params.unacceptable, fixed: true };
  return dataBounds(values, direction);
}

/**
 * 功效系数法 (efficacy coefficient):
 *
 *   s = base + (1 − base) · (x − v) / (b − v)
 *
 * with b the best and v the worst value; base (基础分) defaults to 0.6, so the worst peer scores 0.6
 * and the best 1. The same formula serves both directions because b < v when lower is better.
 * With fixed bounds s is clamped to [base, 1]; when b = v every peer scores 1.
 *
 * Example: peers 3.2, 5.0, 8.9 (higher is better), x = 7.1, base 0.6 →
 * s = 0.6 + 0.4 · (7.1 − 3.2) / (8.9 − 3.2) = 0.873684…
 */
export function efficacyScore(x: number, bounds: EfficacyBounds, base: number): number {
  const { best, worst } = bounds;
  if (best === worst) return 1;
  const s = base + ((1 - base) * (x - worst)) / (best - worst);
  return bounds.fixed ? clamp(s, base, 1) : s;
}
