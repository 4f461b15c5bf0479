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
  // The same answer without strings when it cannot differ: |x|·10^d is then far enough from a
  // half (10⁻⁶, where the product's own error is below 2·10⁻⁸ and reading x at 15 digits moves it
  // by under 10⁻⁷) for the rounding to go the same way, and n / 10^d is the double nearest the
  // decimal n·10^-d, as parsing its text gives. Five in a hundred thousand totals fall to the text.
  const scaled = Math.abs(x) * (POW10[decimals] as number);
  if (scaled < 1e8) {
    const frac = scaled - Math.floor(scaled);
    if (Math.abs(frac - 0.5) > 1e-6) {
      const r = Math.floor(scaled + 0.5) / (POW10[decimals] as number);
      return r === 0 ? 0 : x < 0 ? -r : r;
    }
  }
  return roundByText(x, decimals);
}

const POW10 = Array.from({ length: 11 }, (_, k) => 10 ** k);

/** roundHalfAway the long way, through the 15-digit text (every value near a half goes this way). */
export function roundByText(x: number, decimals: number): number {
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
