import type { Direction } from '../../domain/method';
import { clamp } from '../stats';

/**
 * 目标完成率 (targetRatio): the value against a target T (a per-target column or a fixed parameter).
 *
 *   `+`: r = x / T        `−`: r = T / x (x = 0 → cap)        s = clamp(r, 0, cap), cap default 1
 *
 * Example: T = 120 (亿元), x = 132 → r = 1.1 → s = 1 with cap 1, s = 1.1 with cap 1.2.
 * Lower-is-better example: T = 0.5 (‰ accidents), x = 0.4 → r = 1.25 → s = 1 with cap 1.
 * T must be positive (checked by the caller, which reports it against the target and indicator).
 */
export function targetRatioScore(x: number, target: number, direction: Direction, cap: number): number {
  if (direction === '+') return clamp(x / target, 0, cap);
  if (x === 0) return cap;
  return clamp(target / x, 0, cap);
}
