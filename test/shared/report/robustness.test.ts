import { describe, expect, it } from 'vitest';
import { compute } from '../../../shared/engine/compute';
import { sensitivity } from '../../../shared/engine/sensitivity';
import { reportDocument } from '../../../shared/report/document';
import { reportRobustness } from '../../../shared/report/robustness';
import { column, data, item, leaf, scheme, targets } from '../../helpers/scheme';

/**
 * Five units on two leaves of 50 points (s = x / 100), bottom two: T1 100, T2 90, T3 (100, 50) and
 * T4 (50, 100) level at 75, T5 vetoed. T5 is always in the bottom two; of T3 and T4 the one whose
 * stronger leaf weighs less after a draw is the other — each about half of the draws.
 */
function fiveUnits() {
  const s = scheme({
    indicators: [
      leaf('A', 'targetRatio', { C: 50 }, { params: { target: '100' } }),
      leaf('B', 'targetRatio', { C: 50 }, { params: { target: '100' } }),
      leaf('V', 'veto', { C: 1 }),
    ],
    targets: targets('C', 5),
    rules: { bottomN: 2 },
  });
  const d = data({
    values: [...column('A', [100, 90, 100, 50, 95]), ...column('B', [100, 90, 50, 100, 95])],
    items: [item('T5', 'V', null, '安全生产事故')],
  });
  return { scheme: s, result: compute({ scheme: s, data: d, previous: null }) };
}

describe('the robustness appendix of the report', () => {
  it('says which bottom-two verdicts hold and which hang on the weights', () => {
    const { scheme: s, result } = fiveUnits();
    const sens = sensitivity(s, result, { draws: 4000, delta: 0.1, seed: 3 });
    const r = reportRobustness(sens, '末二位');
    expect(r.method).toContain('[0.9, 1.1]');
    expect(r.method).toContain('共抽样 4,000 次（随机种子 3，可重现）');
    const rows = r.groups[0]?.rows ?? [];
    // T3 and T4 tie at 75 straddling the boundary: both flagged in the result, each ~50 % in the draws
    expect(rows.map((x) => [x.name, x.rank, x.flagged])).toEqual([
      ['单位T3', '3', true],
      ['单位T4', '3', true],
      ['单位T5', '5', true],
    ]);
    expect(rows[0]?.verdict).toBe('存疑：权重稍有变化即可能不在末二位');
    expect(rows[0]?.range).toBe('3–4');
    expect(rows[2]).toMatchObject({ p: '100.0%', range: '5', verdict: '一票否决，不受权重影响' });
    expect([r.fragile, r.atRisk]).toEqual([2, 0]);
  });

  it('puts a sentence on the cover, and nothing when no analysis was asked for', () => {
    const { scheme: s, result } = fiveUnits();
    const opts = { office: '', date: new Date(2025, 0, 15), confidential: false };
    const sens = sensitivity(s, result, { draws: 1000, delta: 0.2, seed: 3 });
    const doc = reportDocument(result, s, { ...opts, robustness: sens });
    expect(doc.cover.summary.at(-1)).toBe(
      '各指标分值在 ±20% 内随机变动时，2 个末二位结论对权重敏感，标为存疑（见附录“末二位结果稳健性”）。',
    );
    const without = reportDocument(result, s, opts);
    expect(without.robustness).toBeNull();
    expect(without.cover.summary.join('')).not.toContain('稳健');
  });
});
