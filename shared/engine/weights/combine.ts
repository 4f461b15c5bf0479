/** Combining subjective (AHP) and objective (entropy, CRITIC) weights of the same indicators (组合赋权). */

export type CombineOutcome = { ok: true; weights: number[] } | { ok: false; message: string };

/**
 * The problem with one weight vector, or null: each weight a finite number ≥ 0, not all 0. Throws
 * when the two vectors are of different lengths (the caller lines the indicators up).
 */
function checkVectors(s: readonly number[], o: readonly number[]): string | null {
  if (s.length !== o.length) throw new RangeError(`${s.length} subjective and ${o.length} objective weights`);
  if (s.length === 0) return '没有任何指标的权重';
  for (const [name, w] of [
    ['主观权重', s],
    ['客观权重', o],
  ] as const) {
    const bad = w.findIndex((x) => !Number.isFinite(x) || x < 0);
    if (bad >= 0) return `${name}第 ${bad + 1} 项是 ${String(w[bad])}：权重须为不小于 0 的数`;
    if (w.every((x) => x === 0)) return `${name}全为 0，无法组合`;
  }
  return null;
}

const normalise = (w: readonly number[]): number[] => {
  const total = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / total);
};

/**
 * Additive combination (线性加权组合): with s and o each scaled to sum 1 first,
 *
 *   w_j = α · s_j + (1 − α) · o_j,   α ∈ [0, 1]
 *
 * α = 1 keeps the subjective weights, α = 0 the objective ones. Refused (Chinese message): α
 * outside [0, 1], a negative or non-numeric weight, a vector of zeros.
 *
 * Example: s = (0.6, 0.4), o = (0.2, 0.8), α = 0.5 → w = (0.4, 0.6).
 */
export function combineAdditive(
  subjective: readonly number[],
  objective: readonly number[],
  alpha: number,
): CombineOutcome {
  if (!Number.isFinite(alpha) || alpha < 0 || alpha > 1)
    return {
      ok: false,
      message: `组合系数 α = ${String(alpha)}：应在 0 到 1 之间（1 为全用主观权重，0 为全用客观权重）`,
    };
  const problem = checkVectors(subjective, objective);
  if (problem) return { ok: false, message: problem };
  const s = normalise(subjective);
  const o = normalise(objective);
  return { ok: true, weights: s.map((x, j) => alpha * x + (1 - alpha) * (o[j] as number)) };
}

/**
 * Multiplicative combination (乘法合成归一化):
 *
 *   w_j = s_j · o_j / Σ_k s_k · o_k
 *
 * (scaling s or o changes nothing). An indicator either method gives 0 gets 0. Refused when every
 * product is 0 — the two methods favour disjoint indicators — and for the inputs combineAdditive
 * refuses.
 *
 * Example: s = (0.6, 0.4), o = (0.2, 0.8) → products 0.12, 0.32 → w = (0.12/0.44, 0.32/0.44) =
 * (0.2727, 0.7273).
 */
export function combineMultiplicative(
  subjective: readonly number[],
  objective: readonly number[],
): CombineOutcome {
  const problem = checkVectors(subjective, objective);
  if (problem) return { ok: false, message: problem };
  const products = subjective.map((x, j) => x * (objective[j] as number));
  if (products.every((p) => p === 0))
    return {
      ok: false,
      message:
        '每个指标的主观权重与客观权重之积都为 0（两种方法看重的指标互不重合），无法乘法合成，请改用线性组合',
    };
  return { ok: true, weights: normalise(products) };
}
