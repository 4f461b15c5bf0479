/**
 * Rounds half away from zero on the decimal value a person would read, not on the binary double:
 * 89.125 → 89.13, 1.005 → 1.01, and a sum such as 89.12499999999999 (binary noise of 89.125) → 89.13.
 *
 * The value is first read at 15 significant digits (what a double can faithfully carry, and what
 * Excel shows), then shifted by `decimals` in decimal notation so no binary product is involved.
 * Example: roundHalfAway(2.675, 2) = 2.68 although 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
 */
export function roundHalfAway(x: number, decimals: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${x}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10)
    throw new RangeError(`bad decimals ${decimals}`);
  if (x === 0) return 0;
  const sign = x < 0 ? -1 : 1;
  const text = Math.abs(x).toPrecision(15);
  const [mantissa, exp] = text.split('e');
  const shifted = Number(`${mantissa}e${Number(exp ?? 0) + decimals}`);
  const rounded = Math.floor(shifted + 0.5);
  const out = sign * Number(`${rounded}e-${decimals}`);
  return out === 0 ? 0 : out;
}

/** Formats with exactly `decimals` digits after the point, using roundHalfAway. */
export function formatFixed(x: number, decimals: number): string {
  return roundHalfAway(x, decimals).toFixed(decimals);
}
