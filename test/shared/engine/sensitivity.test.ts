import { describe, expect, it } from 'vitest';
import type { ComputeResult } from '../../../shared/domain/result';
import type { Scheme } from '../../../shared/domain/scheme';
import { compute } from '../../../shared/engine/compute';
import { mulberry32 } from '../../../shared/engine/random';
import { roundHalfAway } from '../../../shared/engine/round';
import type { RobustnessEntry } from '../../../shared/engine/sensitivity';
import {
  SensitivityError,
  percentText,
  plainNumber,
  rankCounts,
  robustnessOfFlagged,
  robustnessWarning,
  sensitivity,
} from '../../../shared/engine/sensitivity';
import { column, data, item, leaf, scheme, targets } from '../../helpers/scheme';
import { syntheticCycle } from '../../helpers/synthetic';

/**
 * Four units, two leaves of 50 points each scored by completion rate against a fixed target of 100
 * (s = x / 100), bottom one. T3 (100, 50) and T4 (50, 100) both total 75: which of them is last
 * depends only on whether leaf A weighs more than leaf B after the draw.
 */
function fourUnits(bottomN = 1) {
  const s = scheme({
    indicators: [
      leaf('A', 'targetRatio', { C: 50 }, { params: { target: '100' } }),
      leaf('B', 'targetRatio', { C: 50 }, { params: { target: '100' } }),
    ],
    targets: targets('C', 4),
    rules: { bottomN, excellentQuota: 0.25 },
  });
  const d = data({ values: [...column('A', [100, 90, 100, 50]), ...column('B', [100, 90, 50, 100])] });
  return { scheme: s, result: compute({ scheme: s, data: d, previous: null }) };
}

const entry = (r: ReturnType<typeof sensitivity>, code: string) =>
  r.groups.flatMap((g) => g.entries).find((e) => e.code === code) as RobustnessEntry;

describe('sensitivity of a bottom-N verdict to the weights', () => {
  it('works the four-unit example: the two units level at 75 share the last place half and half', () => {
    const { scheme: s, result } = fourUnits();
    // Computed: T1 100, T2 90, T3 = T4 = 75 → a tie straddling the bottom one, both flagged.
    expect(result.groups[0]?.entries.map((e) => [e.code, e.total, e.flags.includes('bottomN')])).toEqual([
      ['T1', 100, false],
      ['T2', 90, false],
      ['T3', 75, true],
      ['T4', 75, true],
    ]);
    const r = sensitivity(s, result, { draws: 10_000, delta: 0.1, seed: 1 });
    // T3 = wA + wB/2 and T4 = wA/2 + wB with wA + wB = 100: T3 is last exactly when wA < wB, i.e.
    // when A's factor is the smaller of two independent U(0.9, 1.1) draws — probability 1/2. Both
    // are flagged in the rare draws where the totals still print the same (|wA − wB| < 0.01).
    const t3 = entry(r, 'T3');
    const t4 = entry(r, 'T4');
    expect(t3.pBottom).toBeGreaterThan(0.47);
    expect(t3.pBottom).toBeLessThan(0.53);
    expect(t3.pBottom + t4.pBottom).toBeGreaterThanOrEqual(1);
    expect(t3.pBottom + t4.pBottom).toBeLessThan(1.01);
    expect([t3.rankP5, t3.rankP95]).toEqual([3, 4]);
    // T1 scores full points whatever the weights; T2 scores 90 whatever the weights (both leaves 0.9).
    expect(entry(r, 'T1')).toMatchObject({
      pBottom: 0,
      pExcellent: 1,
      rankP5: 1,
      rankP95: 1,
      excellent: true,
    });
    expect(entry(r, 'T2')).toMatchObject({ pBottom: 0, pExcellent: 0, rankP5: 2, rankP95: 2 });
    // Both flagged units are fragile verdicts: a leader should see that before anyone is sent away.
    expect(robustnessWarning(t3)).toBe('fragile');
    expect(robustnessWarning(entry(r, 'T1'))).toBeNull();
  });

  it('works one draw by hand: the factors, the rescaling to the full score and the totals', () => {
    const { scheme: s, result } = fourUnits();
    const u = mulberry32(42);
    const fA = 1 - 0.2 + 0.4 * u();
    const fB = 1 - 0.2 + 0.4 * u();
    const wA = ((50 * fA) / (50 * fA + 50 * fB)) * 100;
    const wB = ((50 * fB) / (50 * fA + 50 * fB)) * 100;
    const t3 = roundHalfAway(wA * 1 + wB * 0.5, 2);
    const t4 = roundHalfAway(wA * 0.5 + wB * 1, 2);
    expect(t3).not.toBe(t4);
    const r = sensitivity(s, result, { draws: 1, delta: 0.2, seed: 42 });
    expect(entry(r, 'T3').pBottom).toBe(t3 < t4 ? 1 : 0);
    expect(entry(r, 'T4').pBottom).toBe(t3 < t4 ? 0 : 1);
    expect(entry(r, 'T3').rankP50).toBe(t3 < t4 ? 4 : 3);
  });

  it('reproduces the computed result exactly when δ = 0 (ties, vetoes, exempt, combined groups, tie-breakers)', () => {
    const cycle = syntheticCycle({ categories: 3, targets: 60, leaves: 16, ratings: 3000, seed: 7 });
    const s: Scheme = {
      ...cycle.scheme,
      rules: {
        ...cycle.scheme.rules,
        tieBreakers: ['A', 'F'],
        combinedGroups: [{ code: 'ALL', name: '全部', categories: ['K1', 'K2', 'K3'] }],
      },
    };
    const result = compute({ scheme: s, data: cycle.data, previous: null });
    expect(result.targets.some((t) => t.vetoed)).toBe(true);
    const r = sensitivity(s, result, { draws: 3, delta: 0, seed: 5 });
    expect(r.groups.map((g) => g.code)).toEqual(['K1', 'K2', 'K3', 'ALL']);
    for (const g of result.groups) {
      const rg = r.groups.find((x) => x.code === g.code);
      const ranked = g.entries.filter((e) => e.rank !== null);
      expect(rg?.entries.map((e) => e.code)).toEqual(ranked.map((e) => e.code));
      for (const e of ranked) {
        const x = entry({ ...r, groups: [rg as NonNullable<typeof rg>] }, e.code);
        expect(x.pBottom).toBe(e.flags.includes('bottomN') ? 1 : 0);
        expect(x.pExcellent).toBe(e.grade === '优秀' ? 1 : 0);
        expect([x.rankP5, x.rankP50, x.rankP95]).toEqual([e.rank, e.rank, e.rank]);
      }
    }
  });

  it('decides a draw the way compute would decide the same perturbed weights', () => {
    const cycle = syntheticCycle({ categories: 2, targets: 40, leaves: 12, ratings: 2000, seed: 11 });
    const base: Scheme = {
      ...cycle.scheme,
      // direct scores s = x / maxRaw, maxRaw defaulting to the weight: pin it so that s is the
      // leaf's score whatever weight it is given (as the Monte Carlo assumes).
      indicators: cycle.scheme.indicators.map((i) =>
        i.method === 'direct' ? { ...i, params: { ...i.params, maxRaw: String(i.weights.K1) } } : i,
      ),
      rules: {
        ...cycle.scheme.rules,
        tieBreakers: ['B'],
        combinedGroups: [{ code: 'ALL', name: '全部', categories: ['K1', 'K2'] }],
      },
    };
    const result = compute({ scheme: base, data: cycle.data, previous: null });
    for (const seed of [3, 4, 5, 6]) {
      // The draw's weights, as the doc comment of sensitivity() defines them.
      const u = mulberry32(seed);
      const delta = 0.3;
      const perturbed: Scheme = structuredClone(base);
      for (const c of base.categories) {
        const stats = result.leafStats.filter((x) => x.category === c.code);
        const raw = stats.map((x) => x.weight * (1 - delta + 2 * delta * u()));
        const sum = stats.reduce((a, x) => a + x.weight, 0);
        const drawn = raw.reduce((a, b) => a + b, 0);
        stats.forEach((x, k) => {
          const ind = perturbed.indicators.find((i) => i.code === x.indicator);
          if (ind) ind.weights[c.code] = (raw[k] as number) * (sum / drawn);
        });
      }
      const expected: ComputeResult = compute({ scheme: perturbed, data: cycle.data, previous: null });
      expect(expected.issues.filter((i) => i.level === 'error')).toEqual([]);
      const r = sensitivity(base, result, { draws: 1, delta, seed });
      for (const g of expected.groups)
        for (const e of g.entries.filter((x) => x.rank !== null)) {
          const x = r.groups.find((y) => y.code === g.code)?.entries.find((y) => y.code === e.code);
          expect([e.code, x?.rankP50, x?.pBottom, x?.pExcellent]).toEqual([
            e.code,
            e.rank,
            e.flags.includes('bottomN') ? 1 : 0,
            e.grade === '优秀' ? 1 : 0,
          ]);
        }
    }
  });

  it('gives the same answer for the same seed and another for another seed', () => {
    const cycle = syntheticCycle({ categories: 2, targets: 30, leaves: 10, ratings: 1000, seed: 3 });
    const result = compute({ ...cycle, previous: null });
    const a = sensitivity(cycle.scheme, result, { draws: 500, delta: 0.3, seed: 9 });
    const b = sensitivity(cycle.scheme, result, { draws: 500, delta: 0.3, seed: 9 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const four = fourUnits();
    const p = (seed: number) =>
      entry(sensitivity(four.scheme, four.result, { draws: 500, seed }), 'T3').pBottom;
    expect(p(9)).toBe(p(9));
    expect(p(10)).not.toBe(p(9));
  });

  it('holds its invariants: probabilities in [0, 1], P5 ≤ P50 ≤ P95, at least N flagged per draw, vetoed always bottom', () => {
    const cycle = syntheticCycle({ categories: 3, targets: 60, leaves: 16, ratings: 3000, seed: 7 });
    const result = compute({ ...cycle, previous: null });
    const r = sensitivity(cycle.scheme, result, { draws: 2000, delta: 0.25, seed: 1 });
    for (const g of r.groups) {
      for (const e of g.entries) {
        expect(e.pBottom).toBeGreaterThanOrEqual(0);
        expect(e.pBottom).toBeLessThanOrEqual(1);
        expect(e.rankP5).toBeLessThanOrEqual(e.rankP50);
        expect(e.rankP50).toBeLessThanOrEqual(e.rankP95);
        expect(e.rankP95).toBeLessThanOrEqual(g.ranked);
        if (e.vetoed) expect([e.pBottom, e.pExcellent]).toEqual([1, 0]);
        if (e.pBottom > 0) expect(e.pExcellent).toBeLessThan(1);
      }
      // Σ P(bottom) is the expected number flagged per draw: never fewer than N.
      const expectedFlagged = g.entries.reduce((a, e) => a + e.pBottom, 0);
      expect(expectedFlagged).toBeGreaterThanOrEqual(r.bottomN - 1e-9);
    }
  });

  it('leaves bonus and deduction outside the perturbation', () => {
    const s = scheme({
      indicators: [
        leaf('A', 'targetRatio', { C: 100 }, { params: { target: '100' } }),
        leaf('E', 'bonus', { C: 3 }),
        leaf('F', 'deduction', { C: 5 }),
      ],
      targets: targets('C', 4),
      rules: { bottomN: 1 },
    });
    // Totals 90 + 2 = 92, 91 − 2 = 89, 88, 80: one leaf, so the weights cannot move anything.
    const d = data({
      values: column('A', [90, 91, 88, 80]),
      items: [item('T1', 'E', 2), item('T2', 'F', 2)],
    });
    const result = compute({ scheme: s, data: d, previous: null });
    const r = sensitivity(s, result, { draws: 200, delta: 0.5, seed: 2 });
    expect(r.groups[0]?.entries.map((e) => [e.code, e.rankP5, e.rankP95, e.pBottom])).toEqual([
      ['T1', 1, 1, 0],
      ['T2', 2, 2, 0],
      ['T3', 3, 3, 0],
      ['T4', 4, 4, 1],
    ]);
  });

  it('lists flagged units and unflagged units at risk for the report', () => {
    const { scheme: s, result } = fourUnits(1);
    const r = sensitivity(s, result, { draws: 1000, seed: 3 });
    expect(robustnessOfFlagged(r).flatMap((x) => x.entries.map((e) => e.code))).toEqual(['T3', 'T4']);
    const atRisk: RobustnessEntry = { ...entry(r, 'T2'), flagged: false, pBottom: 0.51 };
    expect(robustnessWarning(atRisk)).toBe('atRisk');
    expect(robustnessWarning({ ...atRisk, pBottom: 0.5 })).toBeNull();
    expect(robustnessWarning({ ...atRisk, flagged: true, pBottom: 0.8 })).toBeNull();
    expect(robustnessWarning({ ...atRisk, flagged: true, pBottom: 0.79 })).toBe('fragile');
  });

  it('refuses draws, δ and seed outside their ranges with a message an operator can act on', () => {
    const { scheme: s, result } = fourUnits();
    expect(() => sensitivity(s, result, { draws: 0 })).toThrow(SensitivityError);
    expect(() => sensitivity(s, result, { draws: 1.5 })).toThrow(/抽样次数/);
    expect(() => sensitivity(s, result, { delta: 1 })).toThrow(/扰动幅度/);
    expect(() => sensitivity(s, result, { delta: -0.1 })).toThrow(/扰动幅度/);
    expect(() => sensitivity(s, result, { seed: 0.5 })).toThrow(/随机种子/);
  });

  it('prints a probability on the side of each threshold it is on, and δ without binary noise', () => {
    expect(percentText(0.8123)).toBe('81.2%');
    // 79.96 % would read 80.0 % beside “低于 80% 为存疑”; 50.04 % would read 50.0 % beside “超过 50%”
    expect(percentText(0.7996)).toBe('79.96%');
    expect(percentText(0.79996)).toBe('79.996%');
    expect(percentText(0.5004)).toBe('50.04%');
    expect(percentText(0.8)).toBe('80.0%');
    expect(percentText(0.5)).toBe('50.0%');
    expect(percentText(0.99996)).toBe('99.996%');
    expect(percentText(0.00004)).toBe('0.004%');
    expect([plainNumber(1 - 0.07), plainNumber(1 - 0.7), plainNumber(0.07 * 100)]).toEqual([
      '0.93',
      '0.3',
      '7',
    ]);
  });

  it('counts ranks sparsely for very large groups with the same percentiles as the dense table', () => {
    const u = mulberry32(8);
    const m = 40;
    const dense = rankCounts(m);
    const sparse = rankCounts(m, 0);
    const draws = 997;
    for (let d = 0; d < draws; d++)
      for (let k = 0; k < m; k++) {
        const r = Math.min(m, Math.max(1, k + 1 + Math.floor((u() - 0.5) * 9)));
        dense.add(k, r);
        sparse.add(k, r);
      }
    for (let k = 0; k < m; k++)
      for (const p of [0.05, 0.5, 0.95])
        expect(sparse.percentile(k, p, draws)).toBe(dense.percentile(k, p, draws));
    // by hand: ranks 1, 2, 2, 3 over four draws → 5 % is the 1st smallest, 50 % the 2nd, 95 % the 4th
    const h = rankCounts(3, 0);
    for (const r of [2, 1, 3, 2]) h.add(0, r);
    expect([0.05, 0.5, 0.95].map((p) => h.percentile(0, p, 4))).toEqual([1, 2, 3]);
  });
});
