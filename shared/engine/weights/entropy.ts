/** Entropy weight method (熵权法): an indicator whose values differ more between targets weighs more. */
import type { Direction } from '../../domain/method';
import { stableSum } from '../stats';
import type { DataProblem, ObjectiveOutcome } from './data-matrix';
import { allConstant, checkData, minMaxColumn } from './data-matrix';

/**
 * How the data become the shares p_ij: `minmax` (极差标准化 first, the usual 熵权法) or `sum`
 * (shares of the raw values).
 */
export type EntropyVariant = 'minmax' | 'sum';

export interface EntropyResult {
  weights: number[];
  /** e_j, in [0, 1]; 1 for a constant column. */
  entropies: number[];
  /** d_j = 1 − e_j. */
  divergences: number[];
}

/**
 * Entropy weights of the columns of x (rows are targets, columns indicators):
 *
 *   p_ij = x'_ij / Σ_i x'_ij,   e_j = −(1 / ln n) Σ_i p_ij ln p_ij  (0 · ln 0 = 0),
 *   d_j = 1 − e_j,              w_j = d_j / Σ_k d_k
 *
 * with n the number of rows and x' by variant:
 * - `minmax` (default): x' = (x − min)/(max − min) for '+', (max − x)/(max − min) for '−'. The best
 *   target gets 1, the worst 0; negative data are fine; rescaling a column (万元 → 亿元) or negating
 *   it together with its direction changes nothing.
 * - `sum`: x' = x, the raw values, which must be non-negative (a negative value is refused). The
 *   direction is not used: e_j measures how unevenly the column's total is spread over the targets,
 *   which is the same whichever end is better — the published examples in the tests are computed
 *   this way, cost criteria included.
 *
 * A constant column (every target the same, or all zero) tells nothing apart: e = 1, d = 0, weight
 * 0, and it changes no other weight. Refused, with Chinese messages: fewer than 2 rows, no columns,
 * a value that is not a finite number, a negative value for `sum`, every column constant.
 * Sums over targets are taken in sorted order, so reordering the rows changes no bit.
 * Throws on a ragged matrix or a direction list of the wrong length.
 *
 * Example (`minmax`): x = [[1, 1], [2, 2], [3, 4]], both '+': x' = [0, ½, 1] and [0, ⅓, 1],
 * p = [0, ⅓, ⅔] and [0, ¼, ¾], e = (0.5794, 0.5119), w = (0.4629, 0.5371).
 */
export function entropyWeights(
  x: readonly (readonly number[])[],
  directions: readonly Direction[],
  variant: EntropyVariant = 'minmax',
  labels?: readonly string[],
): ObjectiveOutcome<EntropyResult> {
  const problems: DataProblem[] = checkData(x, directions, { nonNegative: variant === 'sum', labels });
  if (problems.length > 0) return { ok: false, problems };
  const n = x.length;
  const entropies = directions.map((direction, j) => {
    const column = variant === 'minmax' ? minMaxColumn(x, j, direction) : x.map((row) => row[j] as number);
    if (column === null) return 1;
    const total = stableSum(column);
    if (column.every((v) => v === column[0]) || total === 0) return 1;
    const h = stableSum(column.map((v) => (v === 0 ? 0 : (v / total) * Math.log(v / total))));
    // e ≤ 1 in exact arithmetic; a nearly even column can round a hair above
    return Math.min(1, -h / Math.log(n));
  });
  const divergences = entropies.map((e) => 1 - e);
  const sum = divergences.reduce((s, d) => s + d, 0);
  if (sum === 0) return { ok: false, problems: [allConstant()] };
  return { ok: true, result: { weights: divergences.map((d) => d / sum), entropies, divergences } };
}
