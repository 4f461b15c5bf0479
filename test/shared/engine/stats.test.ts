import { describe, expect, it } from 'vitest';
import { compareCodes, mean, median, medianInPlace, stableSum } from '../../../shared/engine/stats';
import { mulberry32 } from '../../../shared/engine/random';

describe('compareCodes', () => {
  it('orders codes naturally', () => {
    expect(['T10', 'T9', 'T1', 'QS02', 'QS10', 'QS1', 'A1.10', 'A1.2'].sort(compareCodes)).toEqual([
      'A1.2',
      'A1.10',
      'QS1',
      'QS02',
      'QS10',
      'T1',
      'T9',
      'T10',
    ]);
  });
  it('is a total order: equal only for equal strings, antisymmetric', () => {
    const codes = ['1', '01', '001', 'a', 'a1', 'a01', '', 'b', '10a', '10'];
    for (const a of codes)
      for (const b of codes) {
        expect(Math.sign(compareCodes(a, b)) + Math.sign(compareCodes(b, a))).toBe(0);
        if (a !== b) expect(compareCodes(a, b)).not.toBe(0);
      }
  });
});

describe('stats', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('finds the same median by selection as by sorting, ties and runs included', () => {
    expect(medianInPlace(Float64Array.from([5, 1, 3]))).toBe(3);
    expect(medianInPlace(Float64Array.from([4, 1, 3, 2]))).toBe(2.5);
    expect(Object.is(medianInPlace(Float64Array.from([-0, 0, -0])), 0)).toBe(true);
    const draw = mulberry32(7);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + Math.floor(draw() * 300);
      // few distinct values (ties), many, or already sorted runs
      const spread = [3, 50, 1e6][trial % 3] as number;
      const xs = Array.from({ length: n }, () => Math.floor(draw() * spread) / 4);
      if (trial % 7 === 0) xs.sort((a, b) => a - b);
      if (trial % 11 === 0) xs.sort((a, b) => b - a);
      expect(medianInPlace(Float64Array.from(xs))).toBe(median(xs));
    }
  });
  it('sums in an order that does not depend on the input order', () => {
    const xs = [0.1, 1e16, 0.2, -1e16, 0.3];
    expect(stableSum(xs)).toBe(stableSum([...xs].reverse()));
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});

describe('mulberry32', () => {
  it('repeats its stream for a seed and stays within [0, 1)', async () => {
    const { mulberry32 } = await import('../../../shared/engine/random');
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    // the mean of 1,000 uniform draws is 0.5 ± 0.03 (three standard errors of 0.0091)
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.03);
  });
});
