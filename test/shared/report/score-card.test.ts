/**
 * The score card's words, worked by hand. Two direct leaves (B1 worth 60, B2 worth 40; a direct
 * leaf's value is its points), five units:
 *
 *   unit               B1 + B2 = total   rank
 *   T1                 54 + 32 = 86      1
 *   T2                 48 + 36 = 84      2
 *   T3                 42 + 28 = 70      3  末三位
 *   T4                 36 + 30 = 66      4  末三位
 *   T5                 30 + 24 = 54      5  末三位
 *
 * Medians of points: B1 42 (T3), B2 30 (T4). T4 loses 42 − 36 = 6 on B1 against the median and
 * gains on B2 (30 − 30 = 0: no loss), so its costliest leaf is B1 (6.00). T4's gap to safety is the
 * last unit outside the bottom three, T2 at 84: 84 − 66 = 18.00.
 * T1 is at or above the median on both leaves: its card falls back to points short of full —
 * B1 60 − 54 = 6.00, B2 40 − 32 = 8.00, costliest first.
 */
import { describe, expect, it } from 'vitest';
import { compute } from '../../../shared/engine/compute';
import { scoreCard, worstText } from '../../../shared/report/score-card';
import { column, data, leaf, node, scheme, targets } from '../../helpers/scheme';

const s = scheme({
  indicators: [
    node('B', '工作实绩'),
    leaf('B1', 'direct', { C: 60 }, { parent: 'B', name: '重点任务' }),
    leaf('B2', 'direct', { C: 40 }, { parent: 'B', name: '营商环境' }),
  ],
  targets: targets('C', 5),
});
const r = compute({
  scheme: s,
  data: data({ values: [...column('B1', [54, 48, 42, 36, 30]), ...column('B2', [32, 36, 28, 30, 24])] }),
  previous: null,
});
const card = (code: string) =>
  scoreCard(
    r,
    s,
    r.targets.find((t) => t.code === code)!,
  );

describe('a score card', () => {
  it('of a bottom-three unit: its standing, the gap to safety, the leaf that cost most against the median', () => {
    const c = card('T4');
    expect(c.total).toBe('66.00');
    expect(c.standings).toEqual([
      {
        group: expect.any(String),
        text: expect.stringMatching(/：第 4 名（共 5 个），等次 一般，名次变化 —，末三位$/),
        bottom: true,
        gap: '比末位之外的最后一名少 18.00 分',
      },
    ]);
    expect(c.worst).toEqual({ basis: 'median', leaves: [{ code: 'B1', name: '重点任务', lost: '6.00' }] });
    expect(worstText(c)).toBe('失分最多的指标（与同类中位数相比）：B1 重点任务 少 6.00 分');
    expect(c.leaves.map((l) => [l.indicator, l.points, l.median, l.lostVsFull, l.lostVsMedian])).toEqual([
      ['B1', 36, 42, 24, 6],
      ['B2', 30, 30, 10, 0],
    ]);
  });

  it('of a unit never below the median: losses against full points, never negative ones', () => {
    const c = card('T1');
    expect(c.standings[0]?.gap).toBeNull();
    expect(c.worst.basis).toBe('full');
    expect(c.worst.leaves).toEqual([
      { code: 'B2', name: '营商环境', lost: '8.00' },
      { code: 'B1', name: '重点任务', lost: '6.00' },
    ]);
    expect(worstText(c)).toBe('失分最多的指标（与满分相比）：B2 营商环境 少 8.00 分；B1 重点任务 少 6.00 分');
  });
});
