import { describe, expect, it } from 'vitest';
import { formatFixed, roundHalfAway } from '../../../shared/engine/round';

describe('roundHalfAway', () => {
  it.each([
    // [value, decimals, expected] — every case reads as school arithmetic on the decimal value
    [89.125, 2, 89.13], // SPEC §3's example
    [2.675, 2, 2.68], // stored as 2.67499999999999982…, still rounds up
    [1.005, 2, 1.01], // stored as 1.00499999999999989…
    [0.285, 2, 0.29],
    [89.124, 2, 89.12],
    [89.1249, 2, 89.12],
    [-89.125, 2, -89.13], // half away from zero, not toward +∞
    [-0.005, 2, -0.01],
    [0.004, 2, 0],
    [99.995, 2, 100],
    [12.5, 0, 13],
    [13.5, 0, 14], // not banker's rounding
    [1234.5678, 3, 1234.568],
    [0, 2, 0],
  ])('rounds %d to %d decimals as %d', (x, d, want) => {
    expect(roundHalfAway(x, d)).toBe(want);
  });

  it('sees through binary noise of a sum: 0.3 + 59.025 prints 59.33', () => {
    const sum = 0.3 + 59.025; // 59.324999999999996 in binary
    expect(sum).toBeLessThan(59.325);
    expect(roundHalfAway(sum, 2)).toBe(59.33);
    expect(roundHalfAway(0.2 + 1.005, 2)).toBe(1.21); // 1.2049999999999998
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAway(-0.001, 2), 0)).toBe(true);
  });

  it('handles values printed in exponent form', () => {
    expect(roundHalfAway(1e-7, 2)).toBe(0);
    expect(roundHalfAway(5e-3, 2)).toBe(0.01);
  });

  it('refuses non-finite values and silly precisions', () => {
    expect(() => roundHalfAway(NaN, 2)).toThrow(RangeError);
    expect(() => roundHalfAway(1, -1)).toThrow(RangeError);
  });

  it('formats with trailing zeros', () => {
    expect(formatFixed(89.1, 2)).toBe('89.10');
    expect(formatFixed(2.675, 2)).toBe('2.68');
  });
});
