/**
 * CRITIC (Criteria Importance Through Intercriteria Correlation, Diakoulaki, Mavrotas &
 * Papayannakis 1995): an indicator weighs more when its values spread wider and when it disagrees
 * with the other indicators.
 */
import type { Direction } from '../../domain/method';
import { stableSum } from '../stats';
import type { DataProblem, ObjectiveOutcome } from './data-matrix';
import { allConstant, checkData, minMaxColumn } from './data-matrix';

/**
 * How each column is normalised before σ and r: `directional` min–max by direction (best 1, worst
 * 0), as the method is usually presented; `blind` min–max as if every column were '+', which is what the
 * published Tuş & Aytaç Adalı (2019) weights in the tests correspond to (their price criterion is
 * a cost). The two differ only in the sign of r between columns of opposite direction.
 */
export type CriticVariant = 'directional' | 'blind';

export interface CriticResult {
  weights: number[];
  /** σ_j of the normalised column (population, divide by n); 0 for a constant column. */
  sigmas: number[];
  /** r_jk; NaN in the row and column of a constant column, whose correlations do not exist. */
  correlations: number[][];
  /** C_j = σ_j Σ_k (1 − r_jk), the information each column carries. */
  information: number[];
}

/** r this close to ±1 is ±1: columns equal up to rounding are perfectly correlated. */
const R_SNAP = 1e-12;

/**
 * CRITIC weights of the columns of x (rows are targets, columns indicators):
 *
 *   x'_ij  min–max normalised (see CriticVariant),
 *   σ_j = √( (1/n) Σ_i (x'_ij − x̄'_j)² ),   r_jk = Pearson correlation of columns j and k,
 *   C_j = σ_j Σ_k (1 − r_jk),                w_j = C_j / Σ_k C_k
 *
 * σ is the population standard deviation (divide by n). The sample one (n − 1) multiplies every
 * σ_j, hence every C_j, by the same √(n / (n − 1)), so the weights are the same either way; n is
 * chosen so that the reported σ is the spread of these targets themselves, not an estimate for a
 * wider population they were sampled from (they are all the targets there are).
 *
 * A constant column has σ = 0 and undefined correlations: it gets weight 0 and is left out of the
 * other columns' sums Σ_k (1 − r_jk), so adding one changes no other weight (counting it as r = 0
 * would). Refused, with Chinese messages: fewer than 2 rows, no columns, a value that is not a
 * finite number, every column constant, and Σ C = 0 — a single varying column, or varying columns
 * all perfectly correlated, leave CRITIC nothing to weigh. Sums over targets are taken in sorted
 * order, so reordering the rows changes no bit. Throws on a ragged matrix or a direction list of
 * the wrong length.
 *
 * Example: x = [[1, 2, 1], [2, 4, 3], [3, 6, 2]], all '+': x' = [0, ½, 1], [0, ½, 1], [0, 1, ½];
 * σ = √(1/6) each; r_12 = 1, r_13 = r_23 = ½; C = σ·(0 + 0 + ½), σ·(0 + 0 + ½), σ·(½ + ½ + 0) →
 * w = (0.25, 0.25, 0.5): the two columns that say the same thing share what one would get.
 */
export function criticWeights(
  x: readonly (readonly number[])[],
  directions: readonly Direction[],
  variant: CriticVariant = 'directional',
  labels?: readonly string[],
): ObjectiveOutcome<CriticResult> {
  const problems: DataProblem[] = checkData(x, directions, { nonNegative: false, labels });
  if (problems.length > 0) return { ok: false, problems };
  const n = x.length;
  const m = directions.length;
  const columns = directions.map((d, j) => minMaxColumn(x, j, variant === 'blind' ? '+' : d));
  const deviations = columns.map((c) => {
    if (c === null) return null;
    const mean = stableSum(c) / n;
    return c.map((v) => v - mean);
  });
  const squares = deviations.map((d) => (d === null ? 0 : stableSum(d.map((v) => v * v))));
  const sigmas = squares.map((ss) => Math.sqrt(ss / n));
  if (deviations.every((d) => d === null)) return { ok: false, problems: [allConstant()] };

  const correlations = deviations.map((dj, j) =>
    deviations.map((dk, k) => {
      if (dj === null || dk === null) return NaN;
      if (j === k) return 1;
      const r =
        stableSum(dj.map((v, i) => v * (dk[i] as number))) /
        Math.sqrt((squares[j] as number) * (squares[k] as number));
      return Math.abs(r) > 1 - R_SNAP ? Math.sign(r) : r;
    }),
  );
  const information = correlations.map((row, j) =>
    deviations[j] === null
      ? 0
      : (sigmas[j] as number) * row.reduce((s, r, k) => (deviations[k] === null ? s : s + (1 - r)), 0),
  );
  const total = information.reduce((s, c) => s + c, 0);
  if (total === 0) {
    const varying = deviations.flatMap((d, j) => (d === null ? [] : [j]));
    const only = varying[0] as number;
    const name = labels?.[only] === undefined ? `第 ${only + 1} 列的指标` : `指标“${labels[only]}”`;
    const message =
      varying.length === 1
        ? `只有${name}在各考核对象之间有差异，其余 ${m - 1} 个指标数值全同：CRITIC 靠指标之间的相关来定权，无法计算；可把权重全给该指标，或改用熵权法`
        : '有差异的各指标两两完全正相关（相关系数为 1），说的是同一件事：CRITIC 无法区分它们的权重，请删去重复的指标或改用熵权法';
    return { ok: false, problems: [{ code: 'NO_CONFLICT', row: -1, column: -1, message }] };
  }
  return {
    ok: true,
    result: { weights: information.map((c) => c / total), sigmas, correlations, information },
  };
}
