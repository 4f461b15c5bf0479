/**
 * 直接计分 (direct): the value already is points on [0, maxRaw], maxRaw defaulting to the leaf's
 * weight in the target's category.
 *
 *   s = x / maxRaw
 *
 * Example: weight 8, a department scored 6.4 by the leading office → s = 0.8, points = 6.4.
 * A value outside [0, maxRaw] is refused at import and reported by compute.
 */
export function directScore(x: number, maxRaw: number): number {
  return x / maxRaw;
}

export const directInRange = (x: number, maxRaw: number): boolean => x >= 0 && x <= maxRaw;
