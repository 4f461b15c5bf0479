import type { Direction } from '../../domain/method';

/**
 * 分段计分 (threshold): an ordered table of (bound, score), best band first. The first bound the value
 * meets gives the score — "meets" is x ≥ bound when higher is better, x ≤ bound when lower is
 * better — and a value meeting none scores `otherwise`.
 *
 * Example: bounds 1 | 0.9 | 0.8, scores 1 | 0.85 | 0.7, else 0.5:
 * x = 0.95 → 0.85; x = 0.8 → 0.7; x = 0.79 → 0.5.
 */
export function thresholdScore(
  x: number,
  bounds: readonly number[],
  scores: readonly number[],
  otherwise: number,
  direction: Direction,
): number {
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i] as number;
    if (direction === '+' ? x >= b : x <= b) return scores[i] as number;
  }
  return otherwise;
}
