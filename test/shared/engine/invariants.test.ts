/** Properties that must hold for any input, checked on seeded synthetic cycles. */
import { describe, expect, it } from 'vitest';
import type { CycleData } from '../../../shared/domain/data';
import type { ComputeResult } from '../../../shared/domain/result';
import { leafResults } from '../../../shared/domain/result';
import { compute } from '../../../shared/engine/compute';
import { toResultJson } from '../../../shared/engine/result-json';
import { rng, shuffle } from '../../helpers/random';
import { syntheticCycle } from '../../helpers/synthetic';

const cycle = syntheticCycle({ categories: 3, targets: 60, leaves: 16, ratings: 3000, seed: 7 });
const base = compute({ ...cycle, previous: null });

describe('engine invariants', () => {
  it('computes the synthetic cycle without blocking issues (the fixture of these properties is sound)', () => {
    expect(base.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(base.groups).toHaveLength(3);
  });

  it('gives byte-identical results for the same input', () => {
    const again = compute({
      ...syntheticCycle({ categories: 3, targets: 60, leaves: 16, ratings: 3000, seed: 7 }),
      previous: null,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(base));
    expect(again.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change when input rows are shuffled', () => {
    for (const seed of [1, 2, 3]) {
      const random = rng(seed);
      const d: CycleData = {
        values: shuffle(cycle.data.values, random),
        ratings: shuffle(cycle.data.ratings, random),
        surveys: shuffle(cycle.data.surveys, random),
        items: shuffle(cycle.data.items, random),
      };
      const targets = shuffle(cycle.scheme.targets, random);
      const r = compute({ scheme: { ...cycle.scheme, targets }, data: d, previous: null });
      expect(JSON.stringify(toResultJson(r))).toBe(JSON.stringify(toResultJson(base)));
      expect(r.inputHash).toBe(base.inputHash);
    }
  });

  it('changes the input hash when any value changes', () => {
    const values = cycle.data.values.map((v, i) => (i === 5 ? { ...v, value: (v.value ?? 0) + 0.001 } : v));
    const r = compute({ scheme: cycle.scheme, data: { ...cycle.data, values }, previous: null });
    expect(r.inputHash).not.toBe(base.inputHash);
  });

  it('leaves efficacy scores unchanged when a column is rescaled (x → a·x + b, a > 0)', () => {
    const effLeaves = new Set(
      cycle.scheme.indicators
        .filter((i) => i.method === 'efficacy' && !i.params.satisfactory)
        .map((i) => i.code),
    );
    for (const [a, b] of [
      [1000, 0],
      [0.01, 0],
      [3, -50],
    ] as const) {
      const values = cycle.data.values.map((v) =>
        effLeaves.has(v.indicator) && v.value !== null ? { ...v, value: a * v.value + b } : v,
      );
      const r = compute({ scheme: cycle.scheme, data: { ...cycle.data, values }, previous: null });
      for (const t of base.targets) {
        const other = r.targets.find((x) => x.code === t.code);
        for (const l of leafResults(t.leaves).filter((x) => effLeaves.has(x.indicator))) {
          const s = leafResults(other!.leaves).find((x) => x.indicator === l.indicator)?.score;
          expect(s).toBeCloseTo(l.score as number, 10);
        }
      }
    }
  });

  it('always forms a competition ranking: rank = 1 + the number of targets standing strictly above', () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      // coarse totals so that ties are common
      const random = rng(seed);
      const c = syntheticCycle({ categories: 2, targets: 40, leaves: 8, ratings: 500, seed });
      const values = c.data.values.map((v) => ({
        ...v,
        value: v.value === null ? null : Math.round(v.value / (1 + 9 * random())),
      }));
      checkCompetition(compute({ ...c, data: { ...c.data, values }, previous: null }));
    }
    checkCompetition(base);
  });

  it('keeps every total equal to Σ leaf points + bonus − deduction, rounded once', () => {
    for (const t of base.targets) {
      const points = t.leaves.points.reduce((s, p) => s + p, 0);
      expect(t.exactTotal).toBeCloseTo(points + t.bonus - t.deduction, 9);
      expect(Math.abs(t.total - t.exactTotal)).toBeLessThanOrEqual(0.005 + 1e-12);
    }
  });

  it('keeps every score within [0, cap] and points within [0, weight · cap]', () => {
    for (const t of base.targets)
      for (const l of leafResults(t.leaves)) {
        expect(l.score).not.toBeNull();
        expect(l.score as number).toBeGreaterThanOrEqual(0);
        expect(l.score as number).toBeLessThanOrEqual(1.2);
      }
  });
});

function checkCompetition(r: ComputeResult) {
  for (const g of r.groups) {
    const ranked = g.entries.filter((e) => e.rank !== null);
    const vetoed = new Set(r.targets.filter((t) => t.vetoed).map((t) => t.code));
    const standing = (e: (typeof ranked)[number]) => (vetoed.has(e.code) ? -1e9 : 0) + e.total;
    ranked.forEach((e, i) => {
      const above = ranked.filter((o) => standing(o) > standing(e)).length;
      expect(e.rank).toBe(above + 1);
      if (i > 0) expect(standing(ranked[i - 1] as typeof e)).toBeGreaterThanOrEqual(standing(e));
    });
    expect(g.entries.slice(ranked.length).every((e) => e.rank === null)).toBe(true);
  }
}
