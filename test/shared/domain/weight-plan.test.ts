import { describe, expect, it } from 'vitest';
import { prepareScheme } from '../../../shared/engine/prepare';
import {
  allocatePoints,
  decimalsOf,
  planWeights,
  settleDirectLeaves,
  weightScope,
  withWeights,
} from '../../../shared/domain/weight-plan';
import { leaf, node, scheme, targets } from '../../helpers/scheme';

/**
 * 经济发展 A (A1 20, A2 20 for 区市 QS; A1 30 for 部门 BM), 社会民生 B (B1 30, B2 30 for QS;
 * B1 70 for BM), a bonus leaf E outside the weights.
 */
const s = scheme({
  categories: [
    { code: 'QS', name: '区市' },
    { code: 'BM', name: '部门' },
  ],
  indicators: [
    { ...node('A', '经济发展'), weights: { QS: 40, BM: 30 } },
    leaf('A1', 'efficacy', { QS: 20, BM: 30 }, { parent: 'A' }),
    leaf('A2', 'efficacy', { QS: 20 }, { parent: 'A', direction: '-' }),
    node('B', '社会民生'),
    leaf('B1', 'efficacy', { QS: 30, BM: 70 }, { parent: 'B' }),
    leaf('B2', 'targetRatio', { QS: 30 }, { parent: 'B', params: { target: '100' } }),
    leaf('E', 'bonus', { QS: 3, BM: 3 }),
  ],
  targets: [...targets('QS', 4), ...targets('BM', 4, 'D')],
});

describe('the scope of a weighting', () => {
  it('takes the 一级 indicators with their weighted leaves in the category, bonus left out', () => {
    const sc = weightScope(s, 'QS', null);
    expect(sc.total).toBe(100);
    expect(sc.children.map((c) => [c.code, c.points, c.leaves.map((l) => l.code)])).toEqual([
      ['A', 40, ['A1', 'A2']],
      ['B', 60, ['B1', 'B2']],
    ]);
    expect(sc.children[0]?.leaves[1]?.direction).toBe('-');
  });

  it('takes the leaves under a node, and only those applied to the category', () => {
    expect(weightScope(s, 'BM', 'A').children.map((c) => [c.code, c.points])).toEqual([['A1', 30]]);
    expect(weightScope(s, 'QS', 'B').total).toBe(60);
  });
});

describe('sharing points out', () => {
  it('gives the leftover steps to the largest remainders (Hamilton)', () => {
    expect(allocatePoints([1, 1, 1], 100, 0)).toEqual([34, 33, 33]);
    // 0.5396 · 40 = 21.584, 0.2970 · 40 = 11.88, 0.1634 · 40 = 6.536 → 21.58, 11.88, 6.54 (sum 40)
    expect(allocatePoints([0.5396, 0.297, 0.1634], 40, 2)).toEqual([21.58, 11.88, 6.54]);
    const parts = allocatePoints([0.2, 0.3, 0.1, 0.4, 0.7], 37.5, 1);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(37.5, 9);
  });

  it('never shares a total out coarser than it is written: 12.5 points in tenths, not whole points', () => {
    const half = scheme({
      indicators: [
        leaf('X', 'efficacy', { C: 87.5 }),
        { ...node('P', '其他'), weights: { C: 12.5 } },
        leaf('P1', 'efficacy', { C: 7.5 }, { parent: 'P' }),
        leaf('P2', 'efficacy', { C: 5 }, { parent: 'P' }),
      ],
      targets: targets('C', 3),
    });
    // whole points asked for: 12.5 = 125 tenths, 62.5 each, the leftover tenth to the first
    const plan = planWeights(weightScope(half, 'C', 'P'), [1, 1], 'leaf', 0);
    expect(plan.map((c) => c.after)).toEqual([6.3, 6.2]);
    expect([decimalsOf(12.5), decimalsOf(40), decimalsOf(1 / 3)]).toEqual([1, 0, 6]);
  });

  it('refuses shares that cannot be shared out', () => {
    expect(() => allocatePoints([0, 0], 10, 0)).toThrow(RangeError);
    expect(() => allocatePoints([1, -1, 2], 10, 0)).toThrow(RangeError);
  });

  it('spreads a child share over its leaves by their current points, keeping the scope total', () => {
    // AHP gives A 0.25 and B 0.75 of 100: A 25 split 20:20 → 12.5, 12.5; B 75 split 30:30 → 37.5, 37.5.
    const plan = planWeights(weightScope(s, 'QS', null), [0.25, 0.75], 'child', 1);
    // the node's written points follow its leaves
    expect(withWeights(s, 'QS', plan).indicators.find((i) => i.code === 'A')?.weights).toEqual({
      QS: 25,
      BM: 30,
    });
    expect(plan.map((c) => [c.indicator, c.before, c.after])).toEqual([
      ['A1', 20, 12.5],
      ['A2', 20, 12.5],
      ['B1', 30, 37.5],
      ['B2', 30, 37.5],
    ]);
  });

  it('sets leaf shares directly (entropy, CRITIC) and the scheme stays valid', () => {
    const plan = planWeights(weightScope(s, 'QS', 'A'), [0.7, 0.3], 'leaf', 0);
    expect(plan.map((c) => c.after)).toEqual([28, 12]);
    const next = withWeights(s, 'QS', plan);
    expect(next.indicators.find((i) => i.code === 'A1')?.weights).toEqual({ QS: 28, BM: 30 });
    expect(next.indicators.find((i) => i.code === 'A')?.weights).toEqual({ QS: 40, BM: 30 });
    expect(prepareScheme(next).issues.filter((i) => i.level === 'error')).toEqual([]);
  });
});

describe('直接计分 leaves whose points change', () => {
  // D1 is scored out of its points (no maxRaw): 20 in both categories; D2 20 for QS, 30 for BM.
  const d = scheme({
    categories: [
      { code: 'QS', name: '区市' },
      { code: 'BM', name: '部门' },
    ],
    indicators: [
      leaf('D1', 'direct', { QS: 20, BM: 20 }),
      leaf('D2', 'direct', { QS: 20, BM: 30 }),
      leaf('D3', 'direct', { QS: 60, BM: 50 }, { params: { maxRaw: '100' } }),
    ],
    targets: [...targets('QS', 2), ...targets('BM', 2, 'D')],
  });
  const plan = (shares: number[]) => planWeights(weightScope(d, 'QS', null), shares, 'leaf', 0);

  it('keeps the scale held values were filled in: maxRaw becomes the old points', () => {
    const changes = plan([0.3, 0.2, 0.5]); // D1 20 → 30, D2 stays 20, D3 60 → 50
    expect(changes.map((c) => c.after)).toEqual([30, 20, 50]);
    const r = settleDirectLeaves(withWeights(d, 'QS', changes), 'QS', changes, () => true);
    expect(r.problems).toEqual([]);
    expect(r.pinned).toEqual(['D1']);
    const d1 = r.scheme.indicators.find((i) => i.code === 'D1');
    expect([d1?.params.maxRaw, d1?.weights.QS]).toEqual(['20', 30]);
    // D3 had its own 满分值: nothing to do
    expect(r.scheme.indicators.find((i) => i.code === 'D3')?.params).toEqual({ maxRaw: '100' });
  });

  it('refuses when no single 满分值 fits every category, and needs nothing before data arrive', () => {
    const changes = plan([0.2, 0.3, 0.5]); // D2 20 → 30 for 区市, while 部门 fill it out of 30
    const r = settleDirectLeaves(withWeights(d, 'QS', changes), 'QS', changes, () => true);
    expect(r.problems).toEqual([
      '直接计分指标 D2（指标D2）没有填写满分值，已导入的数据按各类别的分值填报（区市 20、部门 30）；改为 30 分后这些数据无法再按原满分计分。请先在指标体系中为它填写满分值（各类别填报的满分相同时），或在重新收集数据前调整权重',
    ]);
    const before = settleDirectLeaves(withWeights(d, 'QS', changes), 'QS', changes, () => false);
    expect([before.problems, before.pinned]).toEqual([[], []]);
  });
});
