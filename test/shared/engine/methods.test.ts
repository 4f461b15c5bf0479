/**
 * Every scoring method of SPEC §3, through compute, as worked examples: each expected value is
 * written as the arithmetic a reader can redo by hand.
 */
import { describe, expect, it } from 'vitest';
import { compute } from '../../../shared/engine/compute';
import type { ComputeInput } from '../../../shared/engine/compute';
import { codesOf, leafOf, scoreOf, targetOf } from '../../helpers/result';
import { column, counts, data, item, leaf, rating, scheme, targets, value } from '../../helpers/scheme';

const run = (input: Partial<ComputeInput> & Pick<ComputeInput, 'scheme'>) =>
  compute({ data: data({}), previous: null, ...input });

describe('direct (直接计分)', () => {
  it('reads the value as points on [0, weight]', () => {
    const r = run({
      scheme: scheme({
        indicators: [leaf('B1', 'direct', { C: 8 })],
        targets: targets('C', 2),
        rules: { fullScore: 8 },
      }),
      data: data({ values: column('B1', [6.4, 8]) }),
    });
    expect(scoreOf(r, 'T1', 'B1')).toBeCloseTo(6.4 / 8, 12);
    expect(leafOf(r, 'T1', 'B1').points).toBeCloseTo(6.4, 12);
    expect(targetOf(r, 'T2').total).toBe(8);
  });

  it('reads the value on [0, maxRaw] when maxRaw is given (a 100-point sheet for a 10-point leaf)', () => {
    const r = run({
      scheme: scheme({
        indicators: [leaf('B1', 'direct', { C: 10 }, { params: { maxRaw: '100' } })],
        targets: targets('C', 1),
        rules: { fullScore: 10 },
      }),
      data: data({ values: column('B1', [85]) }),
    });
    expect(leafOf(r, 'T1', 'B1').points).toBeCloseTo(10 * (85 / 100), 12);
  });

  it('refuses a value outside the range', () => {
    const r = run({
      scheme: scheme({
        indicators: [leaf('B1', 'direct', { C: 10 })],
        targets: targets('C', 2),
        rules: { fullScore: 10 },
      }),
      data: data({ values: column('B1', [12, -1]) }),
    });
    expect(r.issues.filter((i) => i.code === 'OUT_OF_RANGE').map((i) => i.ref)).toEqual(['T1/B1', 'T2/B1']);
  });
});

describe('targetRatio (目标完成率)', () => {
  const sch = (params: Record<string, string>, direction: '+' | '-' = '+') =>
    scheme({
      indicators: [leaf('A2', 'targetRatio', { C: 10 }, { params, direction })],
      targets: targets('C', 3),
      rules: { fullScore: 10 },
    });

  it('scores x / T per target, capped', () => {
    const r = run({
      scheme: sch({ cap: '1.2' }),
      data: data({
        values: [
          value('T1', 'A2', 132, { targetValue: 120 }), // r = 1.1
          value('T2', 'A2', 90, { targetValue: 120 }), // r = 0.75
          value('T3', 'A2', 200, { targetValue: 120 }), // r = 1.67 → cap 1.2
        ],
      }),
    });
    expect(scoreOf(r, 'T1', 'A2')).toBeCloseTo(132 / 120, 12);
    expect(scoreOf(r, 'T2', 'A2')).toBeCloseTo(90 / 120, 12);
    expect(scoreOf(r, 'T3', 'A2')).toBe(1.2);
    expect(leafOf(r, 'T3', 'A2').points).toBeCloseTo(12, 12); // above the weight: the cap allows it
  });

  it('uses a fixed target from the parameters, with cap 1 by default', () => {
    const r = run({ scheme: sch({ target: '50' }), data: data({ values: column('A2', [40, 50, 60]) }) });
    expect(scoreOf(r, 'T1', 'A2')).toBeCloseTo(0.8, 12);
    expect(scoreOf(r, 'T2', 'A2')).toBe(1);
    expect(scoreOf(r, 'T3', 'A2')).toBe(1);
  });

  it('inverts the ratio for lower-is-better, and x = 0 gets the cap', () => {
    const r = run({
      scheme: sch({ target: '0.5', cap: '1.2' }, '-'),
      data: data({ values: column('A2', [0.4, 0.8, 0]) }),
    });
    expect(scoreOf(r, 'T1', 'A2')).toBe(1.2); // 0.5 / 0.4 = 1.25 → cap 1.2
    expect(scoreOf(r, 'T2', 'A2')).toBeCloseTo(0.5 / 0.8, 12);
    expect(scoreOf(r, 'T3', 'A2')).toBe(1.2);
  });

  it('reports a missing or non-positive target value against target and indicator', () => {
    const r = run({
      scheme: sch({}),
      data: data({
        values: [
          value('T1', 'A2', 10),
          value('T2', 'A2', 10, { targetValue: 0 }),
          value('T3', 'A2', 10, { targetValue: 8 }),
        ],
      }),
    });
    expect(r.issues.find((i) => i.code === 'TARGET_VALUE_MISSING')?.ref).toBe('T1/A2');
    expect(r.issues.find((i) => i.code === 'BAD_TARGET_VALUE')?.ref).toBe('T2/A2');
    expect(scoreOf(r, 'T3', 'A2')).toBe(1);
  });
});

describe('efficacy (功效系数法)', () => {
  const sch = (params: Record<string, string> = {}, direction: '+' | '-' = '+', n = 4) =>
    scheme({
      indicators: [leaf('A1', 'efficacy', { C: 10 }, { params, direction })],
      targets: targets('C', n),
      rules: { fullScore: 10 },
    });

  it('scores between the peers’ worst (base) and best (1)', () => {
    const r = run({ scheme: sch(), data: data({ values: column('A1', [3.2, 5.0, 8.9, 7.1]) }) });
    expect(scoreOf(r, 'T1', 'A1')).toBe(0.6);
    expect(scoreOf(r, 'T3', 'A1')).toBe(1);
    expect(scoreOf(r, 'T4', 'A1')).toBeCloseTo(0.6 + (0.4 * (7.1 - 3.2)) / (8.9 - 3.2), 12);
    expect(leafOf(r, 'T2', 'A1').points).toBeCloseTo(10 * (0.6 + (0.4 * (5.0 - 3.2)) / (8.9 - 3.2)), 12);
  });

  it('takes the minimum as best when lower is better (万元GDP能耗)', () => {
    const r = run({ scheme: sch({}, '-', 3), data: data({ values: column('A1', [0.42, 0.5, 0.61]) }) });
    expect(scoreOf(r, 'T1', 'A1')).toBe(1);
    expect(scoreOf(r, 'T3', 'A1')).toBe(0.6);
    expect(scoreOf(r, 'T2', 'A1')).toBeCloseTo(0.6 + (0.4 * (0.5 - 0.61)) / (0.42 - 0.61), 12);
  });

  it('honours another base', () => {
    const r = run({ scheme: sch({ base: '0.5' }, '+', 3), data: data({ values: column('A1', [0, 5, 10]) }) });
    expect(scoreOf(r, 'T2', 'A1')).toBeCloseTo(0.5 + 0.5 * 0.5, 12);
  });

  it('clamps to [base, 1] with fixed satisfactory/unacceptable bounds', () => {
    const r = run({
      scheme: sch({ satisfactory: '10', unacceptable: '2' }, '+', 3),
      data: data({ values: column('A1', [6, 12, 1]) }),
    });
    expect(scoreOf(r, 'T1', 'A1')).toBeCloseTo(0.6 + (0.4 * (6 - 2)) / (10 - 2), 12);
    expect(scoreOf(r, 'T2', 'A1')).toBe(1);
    expect(scoreOf(r, 'T3', 'A1')).toBe(0.6);
  });

  it('gives everyone 1 when best = worst', () => {
    const r = run({ scheme: sch({}, '+', 3), data: data({ values: column('A1', [7, 7, 7]) }) });
    expect([1, 2, 3].map((i) => scoreOf(r, `T${i}`, 'A1'))).toEqual([1, 1, 1]);
  });

  it('gives a single peer 1', () => {
    const r = run({
      scheme: sch({ missing: 'zero' }, '+', 2),
      data: data({ values: column('A1', [7, null]) }),
    });
    expect(scoreOf(r, 'T1', 'A1')).toBe(1);
    expect(scoreOf(r, 'T2', 'A1')).toBe(0);
  });
});

describe('growth (发展变化)', () => {
  const rows = [
    value('T1', 'A3', 92, { baseline: 80 }), // g = 12/80 = 0.15
    value('T2', 'A3', 105, { baseline: 100 }), // g = 0.05
    value('T3', 'A3', -10, { baseline: -20 }), // g = 10/20 = 0.5 (a loss halved)
    value('T4', 'A3', 40, { baseline: 50 }), // g = -0.2
  ];
  const sch = (params: Record<string, string> = {}) =>
    scheme({
      indicators: [leaf('A3', 'growth', { C: 10 }, { params })],
      targets: targets('C', 4),
      rules: { fullScore: 10 },
    });

  it('scores the growth rate by efficacy among peers (levelWeight 0)', () => {
    const r = run({ scheme: sch(), data: data({ values: rows }) });
    // best g = 0.5, worst g = -0.2
    expect(scoreOf(r, 'T1', 'A3')).toBeCloseTo(0.6 + (0.4 * (0.15 + 0.2)) / 0.7, 12); // = 0.8
    expect(scoreOf(r, 'T2', 'A3')).toBeCloseTo(0.6 + (0.4 * (0.05 + 0.2)) / 0.7, 12);
    expect(scoreOf(r, 'T3', 'A3')).toBe(1);
    expect(scoreOf(r, 'T4', 'A3')).toBe(0.6);
  });

  it('blends level and growth with levelWeight', () => {
    const r = run({ scheme: sch({ levelWeight: '0.3' }), data: data({ values: rows }) });
    // level: best x = 105, worst x = -10
    const level = 0.6 + (0.4 * (92 + 10)) / 115;
    const growth = 0.6 + (0.4 * (0.15 + 0.2)) / 0.7;
    expect(scoreOf(r, 'T1', 'A3')).toBeCloseTo(0.3 * level + 0.7 * growth, 12);
  });

  it('takes the baseline from the previous cycle when the sheet has none', () => {
    const r = compute({
      scheme: sch(),
      data: data({
        values: [
          value('T1', 'A3', 110),
          value('T2', 'A3', 90),
          value('T3', 'A3', 100),
          value('T4', 'A3', 100),
        ],
      }),
      previous: {
        name: '上年',
        ranks: [],
        values: [1, 2, 3, 4].map((i) => ({ target: `T${i}`, indicator: 'A3', value: 100 })),
      },
    });
    expect(scoreOf(r, 'T1', 'A3')).toBe(1); // g = 0.1, the best
    expect(scoreOf(r, 'T2', 'A3')).toBe(0.6); // g = -0.1, the worst
    expect(scoreOf(r, 'T3', 'A3')).toBeCloseTo(0.8, 12); // g = 0, halfway
  });

  it('refuses a baseline of 0', () => {
    const r = run({
      scheme: sch(),
      data: data({ values: [...rows.slice(0, 3), value('T4', 'A3', 5, { baseline: 0 })] }),
    });
    expect(r.issues.find((i) => i.code === 'BASELINE_ZERO')?.ref).toBe('T4/A3');
    expect(scoreOf(r, 'T4', 'A3')).toBeNull();
  });

  it('treats a missing baseline as a missing value', () => {
    const r = run({ scheme: sch(), data: data({ values: [...rows.slice(0, 3), value('T4', 'A3', 5)] }) });
    const missing = r.issues.find((i) => i.code === 'MISSING_VALUE');
    expect(missing?.ref).toBe('T4/A3');
    expect(missing?.message).toContain('基期值');
  });
});

describe('rankPoints (名次赋分)', () => {
  it('gives 1 − (k − 1)·step down to the floor, ties sharing a rank', () => {
    const r = run({
      scheme: scheme({
        indicators: [leaf('A4', 'rankPoints', { C: 10 }, { params: { step: '0.1', floor: '0.5' } })],
        targets: targets('C', 8),
        rules: { fullScore: 10 },
      }),
      data: data({ values: column('A4', [90, 80, 80, 70, 60, 50, 40, 30]) }),
    });
    // competition ranks 1, 2, 2, 4, 5, 6, 7, 8
    const s = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => scoreOf(r, `T${i}`, 'A4') as number);
    const want = [1, 0.9, 0.9, 1 - 3 * 0.1, 1 - 4 * 0.1, 0.5, 0.5, 0.5]; // 1 − 5·0.1 = 0.5, then the floor
    s.forEach((x, i) => expect(x).toBeCloseTo(want[i] as number, 12));
  });

  it('ranks the smallest first when lower is better, with step 0.05 and floor 0 by default', () => {
    const r = run({
      scheme: scheme({
        indicators: [leaf('A4', 'rankPoints', { C: 10 }, { direction: '-' })],
        targets: targets('C', 3),
        rules: { fullScore: 10 },
      }),
      data: data({ values: column('A4', [3, 1, 2]) }),
    });
    expect(scoreOf(r, 'T2', 'A4')).toBe(1);
    expect(scoreOf(r, 'T3', 'A4')).toBeCloseTo(0.95, 12);
    expect(scoreOf(r, 'T1', 'A4')).toBeCloseTo(0.9, 12);
  });
});

describe('threshold (分段计分)', () => {
  it('gives the score of the first band the value meets (≥ for higher-is-better)', () => {
    const r = run({
      scheme: scheme({
        indicators: [
          leaf(
            'B2',
            'threshold',
            { C: 10 },
            { params: { bounds: '1|0.9|0.8', scores: '1|0.85|0.7', else: '0.5' } },
          ),
        ],
        targets: targets('C', 4),
        rules: { fullScore: 10 },
      }),
      data: data({ values: column('B2', [0.95, 1, 0.8, 0.79]) }),
    });
    expect([1, 2, 3, 4].map((i) => scoreOf(r, `T${i}`, 'B2'))).toEqual([0.85, 1, 0.7, 0.5]);
  });

  it('uses ≤ when lower is better', () => {
    const r = run({
      scheme: scheme({
        indicators: [
          leaf(
            'B2',
            'threshold',
            { C: 10 },
            { direction: '-', params: { bounds: '1|2|3', scores: '1|0.8|0.6', else: '0.3' } },
          ),
        ],
        targets: targets('C', 3),
        rules: { fullScore: 10 },
      }),
      data: data({ values: column('B2', [0.5, 2, 3.5]) }),
    });
    expect([1, 2, 3].map((i) => scoreOf(r, `T${i}`, 'B2'))).toEqual([1, 0.8, 0.3]);
  });
});

describe('rating (评议)', () => {
  const groups = [
    { code: 'LD', name: '市级领导', weight: 0.5 },
    { code: 'BM', name: '部门互评', weight: 0.3 },
    { code: 'FW', name: '服务对象', weight: 0.2 },
  ];
  const sch = (params: Record<string, string> = {}, n = 1) =>
    scheme({
      indicators: [leaf('D1', 'rating', { C: 20 }, { params })],
      targets: targets('C', n),
      groups,
      rules: { fullScore: 20 },
    });
  const many = (target: string, group: string, grades: (string | number | null)[]) =>
    grades.map((g, i) => rating(target, 'D1', group, g, `${group}${i + 1}`));

  it('trims a group with exactly trimMin ratings and renormalises over the groups present', () => {
    const r = run({
      scheme: sch(),
      data: data({
        ratings: [
          // 7 ratings = trimMin: drop one 100 and one 70 → (70 + 85 + 85 + 100 + 100) / 5 = 88
          ...many('T1', 'LD', ['优秀', '优秀', '优秀', '良好', '良好', '一般', '一般']),
          // 3 ratings: no trimming → (85 + 85 + 70) / 3 = 80
          ...many('T1', 'BM', ['良好', '良好', '一般']),
        ],
      }),
    });
    // FW did not rate: R = (0.5·88 + 0.3·80) / (0.5 + 0.3) = 85
    expect(leafOf(r, 'T1', 'D1').raw).toBeCloseTo(85, 12);
    expect(leafOf(r, 'T1', 'D1').points).toBeCloseTo(20 * 0.85, 12);
    const w = r.issues.find((i) => i.code === 'RATING_GROUP_MISSING');
    expect(w?.level).toBe('warning');
    expect(w?.message).toContain('服务对象');
  });

  it('does not trim a group with one rating fewer than trimMin', () => {
    const r = run({
      scheme: sch({ groups: 'LD' }),
      data: data({ ratings: many('T1', 'LD', ['优秀', '优秀', '良好', '良好', '一般', '较差']) }),
    });
    expect(leafOf(r, 'T1', 'D1').raw).toBeCloseTo((100 + 100 + 85 + 85 + 70 + 50) / 6, 12);
    expect(codesOf(r)).not.toContain('RATING_GROUP_MISSING'); // only LD applies to this leaf
  });

  it('accepts numeric ratings, ignores abstentions and drops a unit’s rating of itself', () => {
    const r = run({
      scheme: sch({ groups: 'BM' }, 2),
      data: data({
        ratings: [
          rating('T1', 'D1', 'BM', 90, '单位T2', 'T2'),
          rating('T1', 'D1', 'BM', null, '单位T3'), // 弃权
          rating('T1', 'D1', 'BM', '优秀', '单位T1', 'T1'), // its own unit: dropped
          rating('T1', 'D1', 'BM', '良好', '某评价人'),
          rating('T2', 'D1', 'BM', '一般', '单位T1', 'T1'),
        ],
      }),
    });
    expect(leafOf(r, 'T1', 'D1').raw).toBeCloseTo((90 + 85) / 2, 12);
    expect(r.issues.find((i) => i.code === 'OWN_RATING_DROPPED')?.ref).toBe('T1/D1');
  });

  it('reports a grade that is neither in the table nor 0–100, once per word', () => {
    const r = run({
      scheme: sch({ groups: 'LD' }),
      data: data({ ratings: many('T1', 'LD', ['很好', '很好', 120, '良好']) }),
    });
    const bad = r.issues.filter((i) => i.code === 'BAD_GRADE');
    expect(bad).toHaveLength(2);
    expect(bad.map((i) => i.message).join()).toContain('共 2 条');
  });

  it('uses the cycle’s grade points', () => {
    const r = compute({
      scheme: {
        ...sch({ groups: 'LD' }),
        rules: { ...sch().rules, gradePoints: { 好: 90, 较好: 80, 差: 40 } },
      },
      data: data({ ratings: many('T1', 'LD', ['好', '较好', '差']) }),
      previous: null,
    });
    expect(leafOf(r, 'T1', 'D1').raw).toBeCloseTo((90 + 80 + 40) / 3, 12);
  });
});

describe('satisfaction (满意度)', () => {
  const sch = (params: Record<string, string> = {}, n = 1) =>
    scheme({
      indicators: [leaf('D2', 'satisfaction', { C: 10 }, { params })],
      targets: targets('C', n),
      rules: { fullScore: 10 },
    });

  it('weights the levels and leaves 不了解 out of the valid count', () => {
    const r = run({
      scheme: sch(),
      data: data({ surveys: [{ target: 'T1', indicator: 'D2', counts: counts(120, 60, 15, 5, 30) }] }),
    });
    expect(scoreOf(r, 'T1', 'D2')).toBeCloseTo((120 + 60 + 0.6 * 15) / 200, 12); // 0.945
    expect(leafOf(r, 'T1', 'D2').points).toBeCloseTo(9.45, 12);
  });

  it('takes other level weights', () => {
    const r = run({
      scheme: sch({ levelWeights: '1|0.8|0.5|0' }),
      data: data({ surveys: [{ target: 'T1', indicator: 'D2', counts: counts(10, 10, 10, 10) }] }),
    });
    expect(scoreOf(r, 'T1', 'D2')).toBeCloseTo((10 + 8 + 5) / 40, 12);
  });

  it('scores the rate by efficacy among peers when relative', () => {
    const r = run({
      scheme: sch({ relative: 'true' }, 3),
      data: data({
        surveys: [
          { target: 'T1', indicator: 'D2', counts: counts(90, 10, 0, 0) }, // 1.0
          { target: 'T2', indicator: 'D2', counts: counts(50, 30, 0, 20) }, // 0.8
          { target: 'T3', indicator: 'D2', counts: counts(60, 30, 0, 10) }, // 0.9
        ],
      }),
    });
    expect(scoreOf(r, 'T1', 'D2')).toBe(1);
    expect(scoreOf(r, 'T2', 'D2')).toBe(0.6);
    expect(scoreOf(r, 'T3', 'D2')).toBeCloseTo(0.6 + (0.4 * (0.9 - 0.8)) / 0.2, 12);
  });

  it('treats a survey with nobody valid as missing', () => {
    const r = run({
      scheme: sch(),
      data: data({ surveys: [{ target: 'T1', indicator: 'D2', counts: counts(0, 0, 0, 0, 12) }] }),
    });
    expect(r.issues.find((i) => i.code === 'MISSING_VALUE')?.message).toContain('有效人数为 0');
  });
});

describe('bonus, deduction and veto (加分、扣分、一票否决)', () => {
  const sch = () =>
    scheme({
      indicators: [
        leaf('B1', 'direct', { C: 10 }),
        leaf('E1', 'bonus', { C: 3 }),
        leaf('F1', 'deduction', { C: 5 }),
        leaf('G1', 'veto', { C: 1 }),
      ],
      targets: targets('C', 5),
      rules: { fullScore: 10 },
    });

  it('adds bonus and subtracts deduction outside the weights, each capped', () => {
    const r = run({
      scheme: sch(),
      data: data({
        values: column('B1', [8, 8, 8, 8, 8]),
        items: [
          item('T1', 'E1', 1.5, '获国务院通报表扬'),
          item('T1', 'E1', 2, '承办全国现场会'), // 3.5 → cap 3
          item('T2', 'F1', 0.5, '督查通报'),
          item('T2', 'F1', 1, '信访积案'),
        ],
      }),
    });
    expect(targetOf(r, 'T1').bonus).toBe(3);
    expect(targetOf(r, 'T1').total).toBe(8 + 3);
    expect(targetOf(r, 'T1').adjustments[0]).toMatchObject({ sum: 3.5, cap: 3, applied: 3 });
    expect(targetOf(r, 'T2').deduction).toBe(1.5);
    expect(targetOf(r, 'T2').total).toBe(8 - 1.5);
  });

  it('marks a vetoed target, ranks it last although it scored best, grades it 较差 and flags it', () => {
    const r = run({
      scheme: sch(),
      data: data({
        values: column('B1', [10, 9, 8, 7, 6]),
        items: [item('T1', 'G1', null, '较大生产安全责任事故')],
      }),
    });
    const g = r.groups[0];
    expect(g?.entries.map((e) => e.code)).toEqual(['T2', 'T3', 'T4', 'T5', 'T1']);
    const t1 = g?.entries.at(-1);
    expect(t1).toMatchObject({ rank: 5, grade: '较差', flags: ['bottomN', 'veto'] });
    expect(targetOf(r, 'T1').vetoed).toBe(true);
    expect(targetOf(r, 'T1').total).toBe(10); // the score is still shown
  });

  it('refuses negative points and items on a leaf that does not apply to the category', () => {
    const s = sch();
    s.indicators.push(leaf('E2', 'bonus', { X: 2 }));
    s.categories.push({ code: 'X', name: '其他' });
    s.targets.push({
      code: 'X1',
      name: '其他1',
      aliases: [],
      category: 'X',
      exemptReason: null,
      parent: null,
    });
    s.indicators[0] = leaf('B1', 'direct', { C: 10, X: 10 });
    const r = run({
      scheme: s,
      data: data({
        values: [...column('B1', [8, 8, 8, 8, 8]), value('X1', 'B1', 5)],
        items: [item('T1', 'E1', -1), item('T1', 'E2', 1)],
      }),
    });
    expect(codesOf(r, 'error')).toEqual(['BAD_POINTS', 'NOT_APPLICABLE']);
  });
});

describe('missing values', () => {
  const sch = (missing: string) =>
    scheme({
      indicators: [leaf('A1', 'efficacy', { C: 10 }, { params: { missing } })],
      targets: targets('C', 4),
      rules: { fullScore: 10 },
    });
  const d = data({ values: column('A1', [2, 4, null, 10]) }); // scores 0.6, 0.7, —, 1

  it('error (default): a blocking issue naming target and indicator', () => {
    const r = run({ scheme: sch('error'), data: d });
    const e = r.issues.find((i) => i.code === 'MISSING_VALUE');
    expect(e).toMatchObject({ level: 'error', ref: 'T3/A1' });
    expect(e?.message).toContain('T3（单位T3）');
    expect(e?.message).toContain('A1（指标A1）');
    expect(scoreOf(r, 'T3', 'A1')).toBeNull();
  });

  it('zero: scores 0', () => {
    const r = run({ scheme: sch('zero'), data: d });
    expect(scoreOf(r, 'T3', 'A1')).toBe(0);
    expect(leafOf(r, 'T3', 'A1').imputed).toBe('zero');
    expect(codesOf(r, 'error')).toEqual([]);
  });

  it('peerMin: the lowest score among peers, not the lowest value', () => {
    const r = run({ scheme: sch('peerMin'), data: d });
    expect(scoreOf(r, 'T3', 'A1')).toBe(0.6);
  });

  it('peerMin on a lower-is-better leaf still takes the worst score', () => {
    const s = sch('peerMin');
    (s.indicators[0] as { direction: string }).direction = '-';
    const r = run({ scheme: s, data: d });
    // values 2, 4, 10 with lower better: scores 1, 0.6 + 0.4·(4 − 10)/(2 − 10) = 0.9, 0.6
    expect(scoreOf(r, 'T3', 'A1')).toBe(0.6);
  });

  it('peerMean: the mean score of peers', () => {
    const r = run({ scheme: sch('peerMean'), data: d });
    expect(scoreOf(r, 'T3', 'A1')).toBeCloseTo((0.6 + (0.6 + (0.4 * 2) / 8) + 1) / 3, 12);
    expect(r.issues.find((i) => i.code === 'IMPUTED')?.level).toBe('info');
  });

  it('peerMean with no peer at all is an error', () => {
    const r = run({ scheme: sch('peerMean'), data: data({}) });
    expect(codesOf(r, 'error')).toContain('NO_PEERS');
  });
});
