/**
 * Ranking, bottom N, grades, rank change and explanations (SPEC §4). Totals are set directly through
 * one direct leaf worth the full score, so every expected rank can be read off the input list.
 */
import { describe, expect, it } from 'vitest';
import type { PreviousCycle } from '../../../shared/domain/data';
import type { Rules } from '../../../shared/domain/rules';
import type { Target } from '../../../shared/domain/scheme';
import { compute } from '../../../shared/engine/compute';
import { explainTarget } from '../../../shared/engine/explain';
import { codesOf, entryOf, targetOf } from '../../helpers/result';
import { column, data, item, leaf, node, scheme, targets } from '../../helpers/scheme';

/** T1…Tn with the given totals; `veto` lists targets with a veto item, `exempt` those exempt. */
function ranking(
  totals: number[],
  opts: { rules?: Partial<Rules>; veto?: string[]; exempt?: string[]; previous?: PreviousCycle } = {},
) {
  const ts: Target[] = targets('C', totals.length).map((t) =>
    opts.exempt?.includes(t.code) ? { ...t, exemptReason: '新组建' } : t,
  );
  return compute({
    scheme: scheme({
      indicators: [leaf('B1', 'direct', { C: 100 }), leaf('G1', 'veto', { C: 1 })],
      targets: ts,
      rules: opts.rules,
    }),
    data: data({ values: column('B1', totals), items: (opts.veto ?? []).map((t) => item(t, 'G1', null)) }),
    previous: opts.previous ?? null,
  });
}

const order = (r: ReturnType<typeof ranking>, g = 0) => r.groups[g]?.entries.map((e) => e.code);
const ranks = (r: ReturnType<typeof ranking>, g = 0) => r.groups[g]?.entries.map((e) => e.rank);
const flagged = (r: ReturnType<typeof ranking>, g = 0) =>
  r.groups[g]?.entries.filter((e) => e.flags.includes('bottomN')).map((e) => e.code);
const grades = (r: ReturnType<typeof ranking>, g = 0) =>
  Object.fromEntries(r.groups[g]?.entries.map((e) => [e.code, e.grade]) ?? []);

describe('competition ranking', () => {
  it('ranks 1, 2, 2, 4', () => {
    const r = ranking([80, 90, 85, 85]);
    expect(order(r)).toEqual(['T2', 'T3', 'T4', 'T1']);
    expect(ranks(r)).toEqual([1, 2, 2, 4]);
  });

  it('ranks on the rounded total: totals that print the same rank the same', () => {
    const r = ranking([89.124, 89.12, 89.126]); // print 89.12, 89.12, 89.13
    expect(targetOf(r, 'T1').total).toBe(89.12);
    expect(ranks(r)).toEqual([1, 2, 2]);
    expect(order(r)).toEqual(['T3', 'T1', 'T2']);
  });

  it('breaks ties by the subtotals of the tie-breaker indicators, in order', () => {
    const s = scheme({
      indicators: [
        node('A', '经济发展'),
        leaf('A1', 'direct', { C: 50 }, { parent: 'A' }),
        node('B', '重点任务'),
        leaf('B1', 'direct', { C: 50 }, { parent: 'B' }),
      ],
      targets: targets('C', 3),
      rules: { tieBreakers: ['B', 'A'] },
    });
    const r = compute({
      scheme: s,
      data: data({ values: [...column('A1', [40, 45, 40]), ...column('B1', [45, 40, 45])] }), // all 85
      previous: null,
    });
    // B decides T2 last; T1 and T3 are equal on B and A as well: they share rank 1
    expect(r.groups[0]?.entries.map((e) => [e.code, e.rank])).toEqual([
      ['T1', 1],
      ['T3', 1],
      ['T2', 3],
    ]);
  });

  it('leaves exempt targets out of the ranking, lists them last, flags them exempt only', () => {
    const r = ranking([90, 99, 80, 70, 60], { exempt: ['T2'] });
    expect(order(r)).toEqual(['T1', 'T3', 'T4', 'T5', 'T2']);
    expect(entryOf(r, 'T2')).toMatchObject({ rank: null, grade: null, flags: ['exempt'], rankChange: null });
    expect(r.groups[0]).toMatchObject({ size: 5, ranked: 4 });
    expect(flagged(r)).toEqual(['T3', 'T4', 'T5']);
  });

  it('with vetoToBottom off ranks a vetoed target by its score but still flags it', () => {
    const r = ranking([95, 90, 85, 80, 75, 70, 65], { veto: ['T1'], rules: { vetoToBottom: false } });
    expect(entryOf(r, 'T1')).toMatchObject({ rank: 1, grade: '较差', flags: ['bottomN', 'veto'] });
    expect(flagged(r)).toEqual(['T1', 'T5', 'T6', 'T7']);
  });

  it('ranks several vetoed targets below all others, among themselves by score', () => {
    const r = ranking([95, 60, 85, 80, 75, 70, 65], { veto: ['T1', 'T3'] });
    expect(order(r)).toEqual(['T4', 'T5', 'T6', 'T7', 'T2', 'T1', 'T3']);
    expect(ranks(r)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(flagged(r)).toEqual(['T2', 'T1', 'T3']);
  });
});

describe('bottom N (末三位)', () => {
  it('flags the last three of ten', () => {
    const r = ranking([91, 88, 86, 84, 83, 82, 80, 79, 75, 70]);
    expect(flagged(r)).toEqual(['T8', 'T9', 'T10']);
    expect(r.groups[0]).toMatchObject({ flaggedBottom: 3, bottomTieExtended: false });
  });

  it('flags a tie that straddles the bottom-three boundary whole (includeTies) and says so', () => {
    // positions 7 and 8 tie at 80: one inside the last three, one outside
    const r = ranking([91, 88, 86, 84, 83, 82, 80, 80, 75, 70]);
    expect(flagged(r)).toEqual(['T7', 'T8', 'T9', 'T10']);
    expect(r.groups[0]).toMatchObject({ flaggedBottom: 4, bottomTieExtended: true });
    expect(r.issues.find((i) => i.code === 'BOTTOM_TIE_EXTENDED')?.message).toContain('共 4 个');
  });

  it('turns a straddling tie into a blocking issue under strict, flagging only the unambiguous', () => {
    const r = ranking([91, 88, 86, 84, 83, 82, 80, 80, 75, 70], { rules: { bottomTies: 'strict' } });
    expect(flagged(r)).toEqual(['T9', 'T10']);
    expect(r.issues.find((i) => i.code === 'BOTTOM_TIE_STRICT')?.level).toBe('error');
  });

  it('flags exactly three when the tie lies wholly inside the last three', () => {
    const r = ranking([91, 88, 86, 84, 83, 82, 81, 80, 70, 70]);
    expect(flagged(r)).toEqual(['T8', 'T9', 'T10']);
    expect(codesOf(r)).not.toContain('BOTTOM_TIE_EXTENDED');
  });

  it('flags nobody in a group of size ≤ N, with a warning', () => {
    for (const n of [1, 2, 3]) {
      const r = ranking([90, 80, 70].slice(0, n));
      expect(flagged(r)).toEqual([]);
      expect(r.issues.find((i) => i.code === 'SMALL_GROUP')?.level).toBe('warning');
    }
    expect(flagged(ranking([90, 80, 70, 60]))).toEqual(['T2', 'T3', 'T4']);
  });

  it('counts only ranked targets toward the group size m', () => {
    const r = ranking([90, 80, 70, 60], { exempt: ['T4'] });
    expect(flagged(r)).toEqual([]);
    expect(codesOf(r)).toContain('SMALL_GROUP');
  });

  it('honours another N', () => {
    expect(flagged(ranking([90, 80, 70, 60, 50, 40], { rules: { bottomN: 1 } }))).toEqual(['T6']);
    expect(flagged(ranking([90, 80, 70], { rules: { bottomN: 0 } }))).toEqual([]);
  });
});

describe('grades (等次)', () => {
  const ten = [91, 88, 86, 84, 83, 82, 80, 79, 75, 55];

  it('gives 优秀 to the first ⌊20 % · m⌋, 一般 to the bottom three, 较差 below 60, 良好 to the rest', () => {
    const g = grades(ranking(ten));
    expect(g).toEqual({
      T1: '优秀',
      T2: '优秀',
      T3: '良好',
      T4: '良好',
      T5: '良好',
      T6: '良好',
      T7: '良好',
      T8: '一般',
      T9: '一般',
      T10: '较差',
    });
  });

  it('treats the quota as a ceiling: a tie straddling it gets the next grade and a warning', () => {
    const r = ranking([91, 88, 88, 84, 83, 82, 80, 79, 75, 70]); // positions 2 and 3 tie, quota 2
    expect(grades(r)).toMatchObject({ T1: '优秀', T2: '良好', T3: '良好' });
    expect(r.issues.find((i) => i.code === 'EXCELLENT_TIE')?.level).toBe('warning');
  });

  it('gives 优秀 to a tie that fits within the quota', () => {
    expect(grades(ranking([91, 91, 86, 84, 83, 82, 80, 79, 75, 70]))).toMatchObject({
      T1: '优秀',
      T2: '优秀',
      T3: '良好',
    });
  });

  it('floors the quota: 20 % of 14 is 2 positions, and 70 % of 10 is 7 despite 0.7·10 = 7.000000000000001', () => {
    const r14 = ranking(Array.from({ length: 14 }, (_, i) => 99 - i));
    expect(r14.groups[0]?.excellentPositions).toBe(2);
    const r10 = ranking(
      Array.from({ length: 10 }, (_, i) => 99 - i),
      { rules: { excellentQuota: 0.7 } },
    );
    expect(r10.groups[0]?.excellentPositions).toBe(7);
  });

  it('requires excellentMin for 优秀', () => {
    expect(grades(ranking(ten, { rules: { excellentMin: 90 } }))).toMatchObject({ T1: '优秀', T2: '良好' });
  });

  it('never makes a vetoed or bottom-N target 优秀', () => {
    const r = ranking([99, 98, 97, 96], { veto: ['T1'], rules: { excellentQuota: 1 } });
    expect(grades(r)).toEqual({ T2: '优秀', T3: '一般', T4: '一般', T1: '较差' });
  });

  it('uses the rule’s bottom grade', () => {
    expect(grades(ranking(ten, { rules: { bottomGrade: '较差' } }))).toMatchObject({
      T8: '较差',
      T9: '较差',
    });
  });
});

describe('rank change (名次变化)', () => {
  const previous: PreviousCycle = {
    name: '2023年度',
    ranks: [
      { group: 'C', target: 'T1', rank: 8 },
      { group: 'C', target: 'T2', rank: 1 },
      { group: 'C', target: 'T3', rank: 2 },
      { group: 'C', target: 'T4', rank: null }, // exempt last year
      { group: 'OTHER', target: 'T5', rank: 1 }, // another group: not matched
    ],
    values: [],
  };

  it('computes Δ = previous − current and flags big rises and falls', () => {
    const r = ranking([99, 70, 97, 96, 95, 94, 93, 92], { previous });
    expect(entryOf(r, 'T1')).toMatchObject({ rank: 1, previousRank: 8, rankChange: 7, isNew: false });
    expect(entryOf(r, 'T1').flags).toContain('bigRise');
    expect(entryOf(r, 'T2')).toMatchObject({ rank: 8, previousRank: 1, rankChange: -7 });
    expect(entryOf(r, 'T2').flags).toEqual(['bottomN', 'bigFall']);
    expect(entryOf(r, 'T3')).toMatchObject({ rank: 2, rankChange: 0, flags: [] });
  });

  it('shows a target the previous cycle did not have in the group as new', () => {
    const r = ranking([99, 70, 97, 96, 95, 94, 93, 92], { previous });
    expect(entryOf(r, 'T5')).toMatchObject({ rankChange: null, isNew: true }); // ranked in another group
    expect(entryOf(r, 'T6')).toMatchObject({ rankChange: null, isNew: true }); // absent
  });

  it('shows no change, and not 新, for a target that was exempt last year', () => {
    const r = ranking([99, 70, 97, 96, 95, 94, 93, 92], { previous });
    expect(entryOf(r, 'T4')).toMatchObject({ rank: 3, previousRank: null, rankChange: null, isNew: false });
  });

  it('compares nothing in a group the previous cycle did not rank', () => {
    const r = ranking([99, 70], {
      previous: { name: '上年', ranks: [{ group: 'OTHER', target: 'T1', rank: 1 }], values: [] },
    });
    expect(entryOf(r, 'T1')).toMatchObject({ rankChange: null, isNew: false });
  });

  it('is silent without a previous cycle', () => {
    const r = ranking([99, 70]);
    expect(entryOf(r, 'T1')).toMatchObject({ rankChange: null, isNew: false });
  });

  it('uses riseBy and fallBy as thresholds (Δ = 5 counts, 4 does not)', () => {
    const prev: PreviousCycle = {
      name: '上年',
      ranks: [
        { group: 'C', target: 'T1', rank: 6 },
        { group: 'C', target: 'T2', rank: 6 },
      ],
      values: [],
    };
    const r = ranking([99, 98, 50, 40, 30, 20], { previous: prev });
    expect(entryOf(r, 'T1').flags).toContain('bigRise'); // 6 → 1
    expect(entryOf(r, 'T2').flags).not.toContain('bigRise'); // 6 → 2
  });
});

describe('explanation (why)', () => {
  const s = scheme({
    indicators: [
      node('A', '经济发展'),
      leaf('A1', 'direct', { C: 40 }, { parent: 'A' }),
      leaf('A2', 'direct', { C: 30 }, { parent: 'A' }),
      node('B', '重点任务'),
      leaf('B1', 'direct', { C: 20 }, { parent: 'B' }),
      leaf('B2', 'direct', { C: 10 }, { parent: 'B' }),
    ],
    targets: targets('C', 5),
  });
  const r = compute({
    scheme: s,
    data: data({
      values: [
        ...column('A1', [38, 36, 35, 30, 39]),
        ...column('A2', [28, 27, 26, 29, 20]),
        ...column('B1', [18, 17, 19, 16, 15]),
        ...column('B2', [9, 9, 8, 7, 10]),
      ],
    }),
    previous: null,
  });
  // totals: T1 93, T2 89, T3 88, T4 82, T5 84 → ranks T1, T2, T3, T5, T4; bottom three T3, T5, T4

  it('gives points lost against full points and against the category median per leaf', () => {
    const t4 = targetOf(r, 'T4');
    const a1 = explainTarget(r, t4).find((l) => l.indicator === 'A1');
    expect(a1).toMatchObject({ weight: 40, points: 30, median: 36, lostVsFull: 10, lostVsMedian: 6 });
    expect(r.leafStats.filter((s) => s.category === 'C').map((s) => [s.indicator, s.median])).toEqual([
      ['A1', 36],
      ['A2', 27],
      ['B1', 17],
      ['B2', 9],
    ]);
    expect(t4.subtotals).toEqual({ A: 59, B: 23 });
  });

  it('names the three leaves that cost most against the median, worst first', () => {
    // T4 against medians A1 36, A2 27, B1 17, B2 9: loses 6, −2, 1, 2 → A1, B2, B1
    expect(targetOf(r, 'T4').topLosses).toEqual(['A1', 'B2', 'B1']);
    // T5 loses A2 7, B1 2; gains on A1 and B2
    expect(targetOf(r, 'T5').topLosses).toEqual(['A2', 'B1']);
  });

  it('gives each bottom-N target its gap to the first target outside the set', () => {
    expect(order(r)).toEqual(['T1', 'T2', 'T3', 'T5', 'T4']);
    expect(entryOf(r, 'T3').gapToSafety).toBe(89 - 88);
    expect(entryOf(r, 'T4').gapToSafety).toBe(89 - 82);
    expect(entryOf(r, 'T1').gapToSafety).toBeNull();
  });
});

describe('subtotals', () => {
  it('gives a 一级 subtotal only where the category has a leaf under it', () => {
    const s = scheme({
      indicators: [
        node('A', '经济发展'),
        leaf('A1', 'direct', { Q: 40 }, { parent: 'A' }),
        node('B', '重点任务'),
        leaf('B1', 'direct', { Q: 60, J: 100 }, { parent: 'B' }),
      ],
      categories: [
        { code: 'Q', name: '区市' },
        { code: 'J', name: '部门' },
      ],
      targets: [...targets('Q', 1, 'Q'), ...targets('J', 1, 'J')],
    });
    const r = compute({
      scheme: s,
      data: data({
        values: [...column('A1', [30], 'Q'), ...column('B1', [50], 'Q'), ...column('B1', [90], 'J')],
      }),
      previous: null,
    });
    expect(targetOf(r, 'Q1').subtotals).toEqual({ A: 30, B: 50 });
    expect(targetOf(r, 'J1').subtotals).toEqual({ B: 90 });
  });
});

describe('combined ranking groups', () => {
  it('ranks the targets of several categories together, after each category', () => {
    const s = scheme({
      indicators: [leaf('B1', 'direct', { J: 100, S: 100 })],
      categories: [
        { code: 'J', name: '经济部门' },
        { code: 'S', name: '社会事业部门' },
      ],
      targets: [...targets('J', 3, 'J'), ...targets('S', 3, 'S')],
      rules: { combinedGroups: [{ code: 'SZ', name: '市直部门', categories: ['J', 'S'] }] },
    });
    const r = compute({
      scheme: s,
      data: data({ values: [...column('B1', [90, 80, 70], 'J'), ...column('B1', [85, 75, 65], 'S')] }),
      previous: null,
    });
    expect(r.groups.map((g) => [g.code, g.kind, g.size])).toEqual([
      ['J', 'category', 3],
      ['S', 'category', 3],
      ['SZ', 'combined', 6],
    ]);
    expect(r.groups[2]?.entries.map((e) => e.code)).toEqual(['J1', 'S1', 'J2', 'S2', 'J3', 'S3']);
    expect(r.groups[2]?.entries.filter((e) => e.flags.includes('bottomN')).map((e) => e.code)).toEqual([
      'S2',
      'J3',
      'S3',
    ]);
  });
});
