import { describe, expect, it } from 'vitest';
import { formatFixed, roundByText, roundHalfAway } from '../../../shared/engine/round';
import { tidy, tidyByText } from '../../../shared/engine/stats';

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

describe('roundHalfAway without strings', () => {
  // The arithmetic path must give exactly what the text path gives, near halves included.
  const rng = (() => {
    let s = 0x9e3779b9;
    return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
  })();
  const edges = [
    89.125,
    1.005,
    2.675,
    89.12499999999999,
    89.12500000000001,
    0.285,
    99.995,
    12.5,
    0.5,
    1e-7,
    5e-3,
    4.9999995,
    99999999.5,
    99999999.49,
    123456789.125,
    1e15 + 0.5,
    7.0000005,
    0.1 + 0.2,
    59.025 + 0.3,
    1 / 3,
    2 / 3,
    Number.MIN_VALUE,
    1e300,
  ];
  const cases: number[] = [...edges, ...edges.map((x) => -x)];
  for (let i = 0; i < 20000; i++) {
    const scale = 10 ** Math.floor(rng() * 12 - 4);
    cases.push((rng() - 0.3) * scale);
    // values built the way scores are: a few decimals summed and weighted, landing on halves
    cases.push(Math.round(rng() * 1e6) / 1000 + Math.round(rng() * 1e4) / 200);
    cases.push((Math.round(rng() * 2e5) + 0.5) / 10 ** Math.floor(rng() * 5));
  }

  it('agrees with the text path on every case, for every precision', () => {
    let mismatches = 0;
    for (const x of cases)
      for (let d = 0; d <= 10; d++) if (!Object.is(roundHalfAway(x, d), roundByText(x, d))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('tidy agrees with toPrecision(12) on every case', () => {
    let mismatches = 0;
    for (const x of [...cases, 0, -0, Infinity, -Infinity, NaN, 0.1 + 0.7, 1 - 0.9])
      if (!Object.is(tidy(x), tidyByText(x))) mismatches++;
    expect(mismatches).toBe(0);
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    expect(tidy(1.1 - 1)).toBe(0.1);
  });
});
