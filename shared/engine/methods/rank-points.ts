import type { Direction } from '../../domain/method';

/**
 * Competition ranks ("1, 2, 2, 4") of values by direction: rank = 1 + number of values strictly
 * better. Equal values share a rank.
 *
 * Example: [10, 30, 20, 30] with `+` → [4, 1, 3, 1].
 */
export function competitionRanks(values: readonly number[], direction: Direction): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => (direction === '+' ? b.v - a.v : a.v - b.v));
  const ranks = new Array<number>(values.length);
  for (let p = 0; p < order.length; p++) {
    const cur = order[p] as { v: number; i: number };
    const prev = order[p - 1];
    ranks[cur.i] = prev !== undefined && prev.v === cur.v ? (ranks[prev.i] as number) : p + 1;
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
