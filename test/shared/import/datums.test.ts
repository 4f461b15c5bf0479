import { describe, expect, it } from 'vitest';
import { createRatingDatums, datumKey } from '../../../shared/import/datums';
import { rng } from '../../helpers/random';

const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ code: `${prefix}${i}` }));

describe('ratings by datum identity', () => {
  it('finds exactly the ratings a map of datumKey strings finds, over many keys and growths', () => {
    const scheme = { groups: codes('G', 4), targets: codes('T', 700), indicators: codes('I', 30) };
    const table = createRatingDatums(scheme);
    const reference = new Map<string, number>();
    const random = rng(3);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    for (let row = 0; row < 60_000; row++) {
      const e = `评价人${Math.floor(random() * 3000)}`;
      const [g, t, i] = [pick(scheme.groups).code, pick(scheme.targets).code, pick(scheme.indicators).code];
      const k = datumKey.rating(e, g, t, i);
      expect(table.get(e, g, t, i)).toBe(reference.get(k));
      if (!reference.has(k)) {
        reference.set(k, row);
        table.set(e, g, t, i, row);
      }
    }
    expect(reference.size).toBeGreaterThan(50_000);
    // never seen: an unknown evaluator, or a known one on another leaf
    expect(table.get('没来过的人', 'G0', 'T0', 'I0')).toBeUndefined();
  });

  it('refuses a rating that names something outside the scheme (a programmer’s error)', () => {
    const table = createRatingDatums({
      groups: codes('G', 1),
      targets: codes('T', 1),
      indicators: codes('I', 1),
    });
    expect(() => table.set('张三', 'G0', 'T9', 'I0', 1)).toThrow(/outside the scheme/);
  });
});
