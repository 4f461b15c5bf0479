import type { SurveyCounts } from '../../domain/data';
import { tidy } from '../stats';

/**
 * 满意度 (satisfaction) from counts per level. 不了解 answers are left out of the valid count:
 *
 *   rate = (w₁·非常满意 + w₂·满意 + w₃·基本满意 + w₄·不满意) / (非常满意 + 满意 + 基本满意 + 不满意)
 *
 * level weights default to 1, 1, 0.6, 0. Returns null when there is no valid answer. The rate is
 * read at 12 significant digits, so 3/5 and 6/10 are the same 60 %.
 * Example: 120 / 60 / 15 / 5 / 30 → (120 + 60 + 0.6·15) / 200 = 0.945.
 */
export function satisfactionRate(
  c: SurveyCounts,
  levelWeights: readonly [number, number, number, number],
): number | null {
  const valid = c.verySatisfied + c.satisfied + c.basic + c.dissatisfied;
  if (valid <= 0) return null;
  const [w1, w2, w3, w4] = levelWeights;
  return tidy((w1 * c.verySatisfied + w2 * c.satisfied + w3 * c.basic + w4 * c.dissatisfied) / valid);
}
