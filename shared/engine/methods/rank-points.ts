import type { Direction } from '../../domain/method';

/**
 * Competition ranks ("1, 2, 2, 4") of values by direction: rank = 1 + number of values strictly
 * better. Equal values share a rank.
 *
 * Example: [10, 30, 20, 30] with `+` → [4, 1, 3, 1].
 */
export function competitionRanks(values: readonly number[], direction: Direction): number[] {
  const n = values.length;
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const at = (i: number) => values[i] as number;
  order.sort(direction === '+' ? (a, b) => at(b) - at(a) : (a, b) => at(a) - at(b));
  const ranks = new Array<number>(n);
  for (let p = 0; p < n; p++) {
    const cur = order[p] as number;
    const prev = p > 0 ? (order[p - 1] as number) : -1;
    ranks[cur] = prev >= 0 && at(prev) === at(cur) ? (ranks[prev] as number) : p + 1;
  }
  return ranks;
}

/**
 * 名次赋分 (rankPoints): the k-th best among peers scores
 *
 *   s = max(floor, 1 − (k − 1) · step)
 *
 * step defaults to 0.05 (each place costs 5 % of the weight), floor to 0.
 * Example: step 0.05, k = 4 → s = 0.85; step 0.1, floor 0.6, k = 7 → s = 0.6 (not 0.4).
 */
export function rankPointsScore(k: number, step: number, floor: number): number {
  return Math.max(floor, 1 - (k - 1) * step);
}
