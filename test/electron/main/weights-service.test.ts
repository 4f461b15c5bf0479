/**
 * The weighting tool's services (the data entropy and CRITIC weights are derived from; applying
 * derived weights with a note in the audit log) and the robustness of a computed result.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAudit } from '../../../shared/domain/audit';
import { planWeights, weightScope } from '../../../shared/domain/weight-plan';
import { workPerDraw } from '../../../shared/engine/sensitivity';
import { reportDraws } from '../../../electron/main/services/export-service';
import { cityComputed, memoryWorkspace } from '../../helpers/workspace';

let ws: ReturnType<typeof memoryWorkspace>;
let cycleId: number;
beforeEach(async () => {
  ws = memoryWorkspace();
  cycleId = (await cityComputed(ws.services)).cycle.id;
});
afterEach(() => ws.db.close());

const scheme = () => {
  const r = ws.services.schemes.get(cycleId);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.scheme;
};
const derivation = {
  method: 'ahp' as const,
  note: '2024年11月考核委员会会议，5 位专家两两比较',
  parameters: { CR: 0.0123, experts: 5 },
};

describe('the data for objective weights', () => {
  it('gives the category’s units × the leaves under the chosen node, as each method reads them', () => {
    const r = ws.services.weights.data(cycleId, cycleId, 'QS', 'A');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.source).toBe('2024年度');
    expect(r.value.indicators.map((i) => `${i.code}${i.direction}`)).toEqual([
      'A01+',
      'A02+',
      'A03+',
      'A04-',
      'A05+',
      'A06+',
      'A07+',
    ]);
    // the sample city has ten 区市 with every value present
    expect(r.value.rows).toHaveLength(10);
    expect(r.value.dropped).toEqual([]);
    expect(r.value.rows.find((x) => x.code === 'QS01')?.values[0]).toBe(922.6);
  });

  it('lists a unit with a missing value instead of guessing it, and refuses a scope with one leaf', () => {
    const copy = ws.services.cycles.copy(cycleId, { name: '2025年度' });
    if (!copy.ok) throw new Error(copy.error.message);
    // the copy has the scheme but no data: every unit lacks every value
    const r = ws.services.weights.data(copy.value.id, copy.value.id, 'QS', 'A');
    expect(r.ok && r.value.rows).toEqual([]);
    expect(r.ok && r.value.dropped[0]?.missing).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07']);
    // last year's data for this year's scheme
    const last = ws.services.weights.data(copy.value.id, cycleId, 'QS', 'A');
    expect(last.ok && last.value.rows.length).toBe(10);
    const one = ws.services.weights.data(cycleId, cycleId, 'JJ', 'C');
    expect(one.ok).toBe(true);
    const none = ws.services.weights.data(cycleId, cycleId, 'JJ', 'A');
    expect(none.ok ? '' : none.error.message).toMatch(/不足两个/);
  });
});

describe('applying derived weights', () => {
  it('sets the leaves, keeps the full score and logs the method, note and every change', () => {
    // AHP on the four 一级 indicators of 区市 gave 0.4, 0.3, 0.2, 0.1.
    const plan = planWeights(weightScope(scheme(), 'QS', null), [0.4, 0.3, 0.2, 0.1], 'child', 2);
    const r = ws.services.schemes.applyWeights(cycleId, {
      category: 'QS',
      parent: null,
      weights: plan.map((c) => ({ indicator: c.indicator, points: c.after })),
      derivation,
    });
    if (!r.ok) throw new Error(r.error.message);
    const after = scheme();
    const qs = (code: string) => after.indicators.find((i) => i.code === code)?.weights.QS;
    // 经济发展 had 40 of 100 and keeps 40; 重点任务 25 → 30 spread 12:5:8 → 14.4, 6, 9.6
    expect([qs('B01'), qs('B02'), qs('B04')]).toEqual([14.4, 6, 9.6]);
    expect([qs('A'), qs('B'), qs('C'), qs('D')]).toEqual([40, 30, 20, 10]);
    // 评议评价 20 → 10, spread 12:8
    expect([qs('D01'), qs('D02')]).toEqual([6, 4]);
    // other categories are untouched
    expect(after.indicators.find((i) => i.code === 'B01')?.weights.JJ).toBe(24);
    const entry = ws.services.audit.entries(cycleId).at(-1);
    expect(entry).toMatchObject({
      action: 'scheme.weights',
      detail: { category: 'QS', method: 'ahp', note: derivation.note, parameters: { CR: 0.0123 } },
    });
    expect(describeAudit(entry?.action ?? '', entry?.detail)).toBe(
      `区市：按层次分析法重定 14 个指标的分值。${derivation.note}`,
    );
    // the result is stale now: the weights changed
    expect(ws.services.compute.staleness(cycleId)).toBe('stale');
  });

  it('refuses weights for other leaves than the scope’s, or a different total, writing nothing', () => {
    const before = ws.services.audit.entries(cycleId).length;
    const short = ws.services.schemes.applyWeights(cycleId, {
      category: 'QS',
      parent: 'C',
      weights: [{ indicator: 'C01', points: 15 }],
      derivation,
    });
    expect(short.ok ? '' : short.error.message).toMatch(/不一致/);
    const more = ws.services.schemes.applyWeights(cycleId, {
      category: 'QS',
      parent: 'C',
      weights: [
        { indicator: 'C01', points: 10 },
        { indicator: 'C02', points: 6 },
      ],
      derivation,
    });
    expect(more.ok ? '' : more.error.message).toBe('新分值合计 16，应等于原来的 15（类别满分不能因此改变）');
    expect(ws.services.audit.entries(cycleId)).toHaveLength(before);
    expect(scheme().indicators.find((i) => i.code === 'C01')?.weights.QS).toBe(8);
  });

  it('refuses to change a published cycle', () => {
    const p = ws.services.publishing.publish(cycleId);
    expect(p.ok).toBe(true);
    const r = ws.services.schemes.applyWeights(cycleId, {
      category: 'QS',
      parent: 'C',
      weights: [
        { indicator: 'C01', points: 9 },
        { indicator: 'C02', points: 6 },
      ],
      derivation,
    });
    expect(r.ok ? '' : r.error.code).toBe('CYCLE_PUBLISHED');
  });
});

describe('robustness of the computed result', () => {
  it('re-ranks every group of the result and repeats itself for the same seed', () => {
    const a = ws.services.weights.sensitivity(cycleId, { draws: 2000, delta: 0.3, seed: 7 });
    const b = ws.services.weights.sensitivity(cycleId, { draws: 2000, delta: 0.3, seed: 7 });
    if (!a.ok || !b.ok) throw new Error('sensitivity');
    expect(a.value.groups.map((g) => g.code)).toEqual(['QS', 'GN', 'JJ', 'SH', 'DQ', 'SZ']);
    expect(JSON.stringify(a.value)).toBe(JSON.stringify(b.value));
    const qs = a.value.groups[0];
    // 青石县 carries a veto: in the bottom three whatever the weights
    expect(qs?.entries.find((e) => e.name === '青石县')).toMatchObject({ vetoed: true, pBottom: 1 });
    expect(qs?.entries.filter((e) => e.flagged).map((e) => e.name)).toEqual(['澜江区', '凤栖县', '青石县']);
  });

  it('gives the printed report 10,000 draws for the city and fewer, never under 1,000, for a giant', () => {
    const city = ws.services.compute.current(cycleId)!.result;
    // 41 units × 9–14 leaves ≈ 400 products a draw: 10,000 draws are 4·10⁶, within 3·10⁷; ten
    // cities about 4,000 a draw (some 7,600 draws); a thousand would be far under the floor of 1,000
    expect(workPerDraw(scheme(), city)).toBe(city.targets.reduce((n, t) => n + t.leaves.indicator.length, 0));
    expect(reportDraws(scheme(), city)).toBe(10_000);
    const giant = { ...city, targets: Array.from({ length: 10 }, () => city.targets).flat() };
    expect(reportDraws(scheme(), giant)).toBe(Math.floor(3e7 / workPerDraw(scheme(), giant)));
    expect(reportDraws(scheme(), giant)).toBeGreaterThan(1000);
    expect(reportDraws(scheme(), giant)).toBeLessThan(10_000);
    const tie = { ...scheme(), rules: { ...scheme().rules, tieBreakers: ['A', 'B'] } };
    expect(workPerDraw(tie, city)).toBe(3 * workPerDraw(scheme(), city));
    expect(
      reportDraws(scheme(), { ...city, targets: Array.from({ length: 1000 }, () => city.targets).flat() }),
    ).toBe(1000);
  });

  it('refuses a stale result and odd parameters with a message', () => {
    const bad = ws.services.weights.sensitivity(cycleId, { draws: 0 });
    expect(bad.ok ? '' : bad.error.message).toMatch(/抽样次数/);
    const s = scheme();
    s.indicators.find((i) => i.code === 'C01')!.weights.QS = 9;
    s.indicators.find((i) => i.code === 'C02')!.weights.QS = 6;
    expect(ws.services.schemes.save(cycleId, s).ok).toBe(true);
    const stale = ws.services.weights.sensitivity(cycleId);
    expect(stale.ok ? '' : stale.error.code).toBe('RESULT_STALE');
  });
});
