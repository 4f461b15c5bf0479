/**
 * The engine gives, byte for byte, the results it gave before issue 12 rebuilt it for speed (the data
 * index as counted multisets, scoring only what changed, typed arrays): the JSON of every result
 * but its input hash (whose definition changed: digests of the rows) on synthetic cycles with
 * missing values, a previous cycle (rank change, growth baselines), bonuses, deductions and vetoes.
 * The hashes were taken with the engine of commit 88de9b7. A change that means to change results
 * bumps ENGINE_VERSION and these hashes with it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compute } from '../../../shared/engine/compute';
import { syntheticCycle } from '../../helpers/synthetic';

const SIZES = [
  { categories: 3, targets: 300, leaves: 40, ratings: 20_000, seed: 1 },
  { categories: 5, targets: 2000, leaves: 60, ratings: 50_000, seed: 2024 },
  { categories: 2, targets: 31, leaves: 16, ratings: 3000, seed: 7 },
];
const GOLDEN = [
  '6bf15318b4c60f89',
  'cf279ba2f4bada07',
  '2cc6efd6275bd454',
  'cf8a1b7d1217d1b0',
  '69ef7f039aff8bce',
  '13576be042cf6abb',
];

describe('results of the engine before and after it was rebuilt for speed', () => {
  it('are byte-identical (all but the input hash)', () => {
    const out: string[] = [];
    for (const size of SIZES) {
      const { scheme, data } = syntheticCycle(size);
      const holes = { ...data, values: data.values.filter((_, i) => i % 37 !== 0) };
      const previous = {
        name: '上年',
        ranks: scheme.targets.map((t, i) => ({ group: t.category, target: t.code, rank: (i % 9) + 1 })),
        values: data.values
          .filter((v) => v.value !== null)
          .slice(0, 500)
          .map((v) => ({ target: v.target, indicator: v.indicator, value: (v.value as number) * 0.9 })),
      };
      for (const input of [
        { scheme, data, previous: null },
        { scheme, data: holes, previous },
      ])
        out.push(
          createHash('sha256')
            .update(JSON.stringify({ ...compute(input), inputHash: '' }))
            .digest('hex')
            .slice(0, 16),
        );
    }
    expect(out).toEqual(GOLDEN);
  }, 60_000);
});
