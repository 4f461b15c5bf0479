import { tidy } from '../stats';

/**
 * 发展变化 (growth): rewards change against a baseline y (基期值: a sheet column, or the previous
 * cycle's value of the same indicator for the same target).
 *
 *   g = (x − y) / |y|                         (y = 0 is an error: growth from nothing is undefined)
 *   s = α · efficacy(x) + (1 − α) · efficacy(g)
 *
 * α is levelWeight (水平权重, default 0: pure growth). Both efficacy scores are taken among the
 * category's peers with the leaf's direction and base; fixed bounds, when given, apply to g.
 *
 * g is read at 12 significant digits, so 1.1 over 1 and 3.3 over 3 are the same 10 %.
 * Example: y = 80, x = 92 → g = 0.15; a baseline of −20 and x = −10 → g = +0.5 (a loss halved).
 */
export function growthRate(x: number, y: number): number {
  return tidy((x - y) / Math.abs(y));
}
