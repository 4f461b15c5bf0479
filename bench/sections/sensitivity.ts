/** Sensitivity (SPEC §5): 10,000 draws of ±10 % weights over one category, and over a whole big cycle. */
import { compute } from '../../shared/engine/compute';
import { sensitivity } from '../../shared/engine/sensitivity';
import { syntheticCycle } from '../../test/helpers/synthetic';
import type { Report } from '../lib';
import { fmt, median, time } from '../lib';

export function sensitivitySection(report: Report, ci: boolean): void {
  const SECTION = 'sensitivity';
  const DRAWS = ci ? 500 : 10_000;
  const one = syntheticCycle({ categories: 1, targets: 31, leaves: 20, ratings: 2000, seed: 5 });
  const result = compute({ scheme: one.scheme, data: one.data, previous: null });
  report.heading(
    `sensitivity: ${fmt(DRAWS)} draws of ±10 % weights`,
    'one category of 30 ranked targets, 20 leaves',
  );
  const runs = Array.from({ length: ci ? 2 : 5 }, () =>
    time(() => sensitivity(one.scheme, result, { draws: DRAWS, delta: 0.1, seed: 1 })),
  );
  report.add({
    section: SECTION,
    name: `${fmt(DRAWS)} draws, one category`,
    value: median(runs.slice(1).map((r) => r.ms)),
    unit: 'ms',
    goal: '< 1,000 ms',
    maxValue: 1000,
  });
  const size = ci
    ? { categories: 2, targets: 200, leaves: 20, ratings: 4_000, seed: 2024 }
    : { categories: 5, targets: 5_000, leaves: 60, ratings: 200_000, seed: 2024 };
  const big = syntheticCycle(size);
  const bigResult = compute({ scheme: big.scheme, data: big.data, previous: null });
  const draws = ci ? 50 : 1000;
  const r = time(() => sensitivity(big.scheme, bigResult, { draws, delta: 0.1, seed: 1 }));
  report.add({
    section: SECTION,
    name: `${fmt(draws)} draws over ${fmt(size.targets)} targets × ${size.leaves} leaves`,
    value: r.ms,
    unit: 'ms',
    size: `${((r.ms * 1e6) / draws / (size.targets * size.leaves)).toFixed(1)} ns per target-leaf`,
  });
}
