/**
 * The weighting tools of SPEC §5 as worked examples: published examples (each with where its numbers
 * were read), small cases whose expected values are the arithmetic a reader can redo by hand, and
 * the invariances each method promises.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Direction } from '../../../shared/domain/method';
import {
  SAATY_RI,
  ahp,
  ahpExperts,
  ahpRefusal,
  checkPairwise,
  combineAdditive,
  combineMultiplicative,
  criticWeights,
  entropyWeights,
  geometricMeanMatrix,
  parseJudgement,
} from '../../../shared/engine/weights';
import type { AhpResult } from '../../../shared/engine/weights';
import { rng, shuffle } from '../../helpers/random';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'weights');

interface Fixture {
  source: string;
  labels?: string[];
  matrix: (number | string)[][];
  directions?: Direction[];
  variant?: string;
}
const fixture = (name: string) => {
  const f = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Fixture;
  return { ...f, matrix: f.matrix.map((row) => row.map((v) => parseJudgement(v) as number)) };
};

/** The result of a matrix that must pass the checks. */
const solve = (m: number[][]): AhpResult => {
  const r = ahp(m);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.result;
};

/** The consistent matrix a_ij = w_i / w_j. */
const consistent = (w: number[]) => w.map((wi) => w.map((wj) => wi / wj));

const expectClose = (actual: number[], expected: number[], digits = 12) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `item ${i}`).toBeCloseTo(expected[i] as number, digits));
};

describe('AHP (层次分析法)', () => {
  it('uses the RI table of SPEC §5', () => {
    expect(SAATY_RI).toEqual([
      0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ]);
  });

  it('gives a consistent 3×3 matrix its exact weights, λmax = 3 and CR = 0', () => {
    // 2 · 2 = 4: A is twice B, B twice C, so A is four times C
    const r = solve([
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ]);
    expectClose(r.weights, [4 / 7, 2 / 7, 1 / 7]);
    expect(r.lambdaMax).toBeCloseTo(3, 12);
    expect(r.CI).toBeCloseTo(0, 12);
    expect(r.CR).toBeCloseTo(0, 12);
    expect(r.consistent).toBe(true);
    expect(ahpRefusal(r)).toBeNull();
  });

  it('gives a 2×2 matrix its ratio, always consistent, with no worst pair', () => {
    const r = solve([
      [1, 3],
      [1 / 3, 1],
    ]);
    expectClose(r.weights, [3 / 4, 1 / 4]);
    expect(r.lambdaMax).toBeCloseTo(2, 12);
    expect([r.CI, r.CR, r.worstPair, r.consistent]).toEqual([0, 0, null, true]);
  });

  it('gives a single indicator the whole weight', () => {
    expect(solve([[1]])).toEqual({
      weights: [1],
      lambdaMax: 1,
      CI: 0,
      CR: 0,
      consistent: true,
      worstPair: null,
    });
  });

  it('finds λmax, CI and CR of an inconsistent 3×3 by the closed form, and refuses it', () => {
    // For a 3×3 reciprocal matrix, λmax = 1 + t + 1/t with t = (a12 · a23 / a13)^(1/3), and the
    // eigenvector is the row geometric means. Here A ≻ B twice, B ≻ C twice, yet A = C: t³ = 4.
    const r = solve([
      [1, 2, 1],
      [1 / 2, 1, 2],
      [1, 1 / 2, 1],
    ]);
    const t = Math.cbrt(4);
    expect(r.lambdaMax).toBeCloseTo(1 + t + 1 / t, 12);
    expect(r.CI).toBeCloseTo((1 + t + 1 / t - 3) / (3 - 1), 12);
    expect(r.CR).toBeCloseTo((1 + t + 1 / t - 3) / 2 / 0.58, 12);
    const g = [Math.cbrt(2 * 1), Math.cbrt((1 / 2) * 2), Math.cbrt(1 * (1 / 2))];
    expectClose(
      r.weights,
      g.map((x) => x / (g[0]! + g[1]! + g[2]!)),
    );
    expect(r.consistent).toBe(false); // CR ≈ 0.1874
    expect(ahpRefusal(r)).toContain(`CR = ${r.CR.toFixed(4)} ≥ 0.1，未通过一致性检验`);
  });

  it('recovers w from the consistent matrix w_i / w_j, for every size from 1 to 15', () => {
    const random = rng(11);
    for (let n = 1; n <= 15; n++) {
      const raw = Array.from({ length: n }, () => 0.05 + random());
      const total = raw.reduce((s, x) => s + x, 0);
      const w = raw.map((x) => x / total);
      const r = solve(consistent(w));
      expectClose(r.weights, w);
      expect(r.lambdaMax).toBeCloseTo(n, 10);
      expect(r.CR).toBeCloseTo(0, 10);
    }
  });

  it('reproduces Saaty’s drinks example (Saaty 2008)', () => {
    // Saaty, T. L. (2008), Decision making with the analytic hierarchy process, Int. J. Services
    // Sciences 1(1), 83–98, “which drink is consumed more in the US?”. Matrix, weights to 3 decimals
    // and CR 0.022 (Saaty's RI) read in AHPy's tests (github.com/PhilipGriffith/AHPy,
    // tests/test_ahp.py: test_drinks_weights_precision_3_saaty, test_drinks_cr_saaty).
    const f = fixture('ahp-saaty-2008-drinks.json');
    const r = solve(f.matrix);
    // coffee, wine, tea, beer, soda, milk, water
    [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327].forEach((w, i) =>
      expect(r.weights[i]).toBeCloseTo(w, 3),
    );
    expect(r.CR).toBeCloseTo(0.022, 3);
    expect(r.consistent).toBe(true);
  });

  it('reproduces the criteria weights of Wikipedia’s leader example', () => {
    // Wikipedia, “Analytic hierarchy process – leader example”: Experience .547, Education .127,
    // Charisma .270, Age .056 (read at en.m.wiki.x.io and everything.explained.today); the
    // judgements as transcribed in AHPy's tests/examples.py, which cites the article.
    // The article's four figures add up to exactly 1.000; computed to 4 decimals they are .5476,
    // .1266, .2699, .0559, so Experience appears to have been rounded down to make the sum: hence
    // a tolerance of 0.001 rather than half a unit of the third decimal.
    const r = solve(fixture('ahp-wikipedia-leader-criteria.json').matrix);
    [0.547, 0.127, 0.27, 0.056].forEach((w, i) => expect(Math.abs(r.weights[i]! - w)).toBeLessThan(0.001));
    [0.5476, 0.1266, 0.2699, 0.0559].forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 4));
    expect(r.consistent).toBe(true);
  });

  it('names the judgement that breaks consistency, told the way round that reads as “n times”', () => {
    // A = 2B = 4C = 8D, except that D was entered as 8 times A
    const m = consistent([8, 4, 2, 1]);
    m[0]![3] = 1 / 8;
    m[3]![0] = 8;
    const r = solve(m);
    expect(r.worstPair).toMatchObject({ i: 0, j: 3, given: 1 / 8 });
    expect(r.worstPair!.implied).toBeCloseTo(r.weights[0]! / r.weights[3]!, 12);
    expect(r.CR).toBeGreaterThanOrEqual(0.1);
    const text = ahpRefusal(r, ['A', 'B', 'C', 'D']);
    expect(text).toMatch(/^判断矩阵一致性比率 CR = \d+\.\d{4} ≥ 0\.1，未通过一致性检验；/);
    expect(text).toContain('最不一致的是“D”与“A”（第 4 行第 1 列）：填的是 8，按全部判断推算约为 ');
    expect(text).toContain('请复核这一对');
    expect(ahpRefusal(r)).toContain('“第 4 项”与“第 1 项”');
    // the window's editor takes judgements above the diagonal only: that is the cell it names
    expect(ahpRefusal(r, ['A', 'B', 'C', 'D'], { upperOnly: true })).toContain(
      '最不一致的是“A”与“D”（第 1 行第 4 列）：填的是 1/8，按全部判断推算约为 ',
    );
  });

  it('takes 0.333 for 1/3 but not 0.3', () => {
    const typed = [
      [1, 0.333, 2],
      [3, 1, 6],
      [0.5, 0.1667, 1],
    ];
    const exact = solve(consistent([2, 6, 1]));
    expectClose(solve(typed).weights, exact.weights, 3);
    typed[0]![1] = 0.3;
    expect(checkPairwise(typed).map((p) => [p.code, p.i, p.j])).toEqual([['NOT_RECIPROCAL', 0, 1]]);
  });

  it.each([
    [
      'a pair that is not reciprocal',
      [
        [1, 3],
        [1 / 2, 1],
      ],
      [['NOT_RECIPROCAL', 0, 1]],
      '第 2 行第 1 列应为 1/3',
    ],
    [
      'zeros',
      [
        [1, 0],
        [0, 1],
      ],
      [
        ['NOT_POSITIVE', 0, 1],
        ['NOT_POSITIVE', 1, 0],
      ],
      '判断值须为正数',
    ],
    [
      'a negative judgement',
      [
        [1, -2],
        [-1 / 2, 1],
      ],
      [
        ['NOT_POSITIVE', 0, 1],
        ['NOT_POSITIVE', 1, 0],
      ],
      '是 -2',
    ],
    [
      'a missing judgement',
      [
        [1, NaN],
        [1, 1],
      ],
      [['NOT_POSITIVE', 0, 1]],
      '第 1 行第 2 列是 非数字',
    ],
    [
      'a diagonal other than 1',
      [
        [2, 3],
        [1 / 3, 1],
      ],
      [['DIAGONAL', 0, 0]],
      '对角线是指标与自身相比，应为 1',
    ],
    [
      'a ragged row',
      [
        [1, 2, 4],
        [1 / 2, 1],
        [1 / 4, 1 / 2, 1],
      ],
      [['NOT_SQUARE', 1, -1]],
      '第 2 行有 2 个数，应有 3 个',
    ],
    ['an empty matrix', [], [['TOO_SMALL', -1, -1]], '至少要有 1 行 1 列'],
    ['16 indicators', consistent(Array.from({ length: 16 }, () => 1)), [['TOO_LARGE', -1, -1]], '超过 15 阶'],
  ])('refuses %s, naming the cell', (_, m, codes, words) => {
    const r = ahp(m as number[][]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.i, p.j])).toEqual(codes);
    expect(r.problems.map((p) => p.message).join('\n')).toContain(words as string);
  });

  it('reads judgements as people write them', () => {
    expect(parseJudgement('1/3')).toBe(1 / 3);
    expect(parseJudgement(' 1／9 ')).toBe(1 / 9);
    expect(parseJudgement('0.333')).toBe(0.333);
    expect(parseJudgement(5)).toBe(5);
    for (const bad of ['三', '1/', '', null, '1/3/9']) expect(parseJudgement(bad)).toBeNull();
  });
});

describe('several experts (几何平均)', () => {
  it('gives back the matrix itself when every expert agrees', () => {
    const m = fixture('ahp-saaty-2008-drinks.json').matrix;
    geometricMeanMatrix([m, m, m]).forEach((row, i) => expectClose(row, m[i]!));
  });

  it('takes the geometric mean of each judgement, which stays reciprocal with a diagonal of 1', () => {
    expect(
      geometricMeanMatrix([
        [
          [1, 2],
          [1 / 2, 1],
        ],
        [
          [1, 8],
          [1 / 8, 1],
        ],
      ]),
    ).toEqual([
      [1, Math.sqrt(2 * 8)],
      [Math.sqrt((1 / 2) * (1 / 8)), 1],
    ]);
    const random = rng(5);
    const scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9];
    const expert = () => {
      const m = consistent([1, 1, 1, 1]);
      for (let i = 0; i < 4; i++)
        for (let j = i + 1; j < 4; j++) {
          m[i]![j] = scale[Math.floor(random() * scale.length)]!;
          m[j]![i] = 1 / m[i]![j]!;
        }
      return m;
    };
    const g = geometricMeanMatrix([expert(), expert(), expert()]);
    for (let i = 0; i < 4; i++) {
      expect(g[i]![i]).toBe(1);
      for (let j = 0; j < 4; j++) expect(g[i]![j]! * g[j]![i]!).toBeCloseTo(1, 12);
    }
  });

  it('weighs a panel on the mean matrix, and one expert alone as ahp would', () => {
    const r = ahpExperts([
      [
        [1, 2],
        [1 / 2, 1],
      ],
      [
        [1, 8],
        [1 / 8, 1],
      ],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expectClose(r.result.weights, [4 / 5, 1 / 5]); // ā_12 = √(2 · 8) = 4
    const m = fixture('ahp-wikipedia-leader-criteria.json').matrix;
    const one = ahpExperts([m]);
    expect(one.ok && one.result).toEqual(solve(m));
  });

  it('names the expert whose matrix has a problem, and refuses matrices of different sizes', () => {
    const good = consistent([1, 2, 3]);
    const bad = consistent([1, 2, 3]);
    bad[1]![2] = 5;
    const r = ahpExperts([good, bad]);
    expect(!r.ok && r.problems.map((p) => [p.code, p.expert, p.i, p.j])).toEqual([
      ['NOT_RECIPROCAL', 1, 1, 2],
    ]);
    expect(!r.ok && r.problems[0]!.message).toMatch(/^第 2 位专家：第 2 行第 3 列（5）/);
    const sizes = ahpExperts([good, consistent([1, 2])]);
    expect(!sizes.ok && sizes.problems.map((p) => [p.code, p.expert])).toEqual([['SIZE_MISMATCH', 1]]);
    expect(!sizes.ok && sizes.problems[0]!.message).toContain('各位专家须比较同一组指标');
    expect(ahpExperts([]).ok).toBe(false);
  });
});

/** A seeded data matrix: 9 targets, 5 indicators on different scales, mixed directions. */
function sample(seed: number): { x: number[][]; directions: Direction[] } {
  const random = rng(seed);
  const scales = [1, 100, 0.01, 5000, 3];
  const x = Array.from({ length: 9 }, () => scales.map((s) => Math.round(random() * 1000 * s) / 100 - s));
  return { x, directions: ['+', '-', '+', '-', '+'] };
}

const weightsOf = <R extends { weights: number[] }>(r: { ok: true; result: R } | { ok: false }): number[] => {
  if (!r.ok) throw new Error('refused');
  return r.result.weights;
};

describe('entropy weights (熵权法)', () => {
  it('works a min–max example by hand, 0 · ln 0 counting as 0', () => {
    const r = entropyWeights(
      [
        [1, 1],
        [2, 2],
        [3, 4],
      ],
      ['+', '+'],
    );
    if (!r.ok) throw new Error('refused');
    // x' = [0, ½, 1] → p = [0, ⅓, ⅔];  x' = [0, ⅓, 1] → p = [0, ¼, ¾]
    const e1 = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(3);
    const e2 = -((1 / 4) * Math.log(1 / 4) + (3 / 4) * Math.log(3 / 4)) / Math.log(3);
    expectClose(r.result.entropies, [e1, e2]);
    expectClose(r.result.divergences, [1 - e1, 1 - e2]);
    expectClose(r.result.weights, [(1 - e1) / (1 - e1 + (1 - e2)), (1 - e2) / (1 - e1 + (1 - e2))]);
  });

  it('scores lower-is-better from the other end', () => {
    // '−': x' = (max − x)/(max − min) = [1, ½, 0] → the same p as [0, ½, 1], in another order
    const r = entropyWeights(
      [
        [1, 1],
        [2, 2],
        [3, 4],
      ],
      ['-', '+'],
    );
    const e1 = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(3);
    expect(r.ok && r.result.entropies[0]).toBeCloseTo(e1, 12);
  });

  it('gives a constant column weight 0 and leaves the others as they were', () => {
    const without = entropyWeights(
      [
        [1, 1],
        [2, 2],
        [3, 4],
      ],
      ['+', '+'],
    );
    const r = entropyWeights(
      [
        [1, 7, 1],
        [2, 7, 2],
        [3, 7, 4],
      ],
      ['+', '-', '+'],
    );
    if (!r.ok || !without.ok) throw new Error('refused');
    expect(r.result.weights).toEqual([without.result.weights[0], 0, without.result.weights[1]]);
    expect(r.result.entropies[1]).toBe(1);
  });

  it('works the raw-share variant by hand, zeros included', () => {
    const r = entropyWeights(
      [
        [0, 1],
        [2, 1],
        [2, 2],
      ],
      ['+', '+'],
      'sum',
    );
    if (!r.ok) throw new Error('refused');
    // p = [0, ½, ½] and [¼, ¼, ½]
    const e1 = -(2 * (1 / 2) * Math.log(1 / 2)) / Math.log(3);
    const e2 = -(2 * (1 / 4) * Math.log(1 / 4) + (1 / 2) * Math.log(1 / 2)) / Math.log(3);
    expectClose(r.result.entropies, [e1, e2]);
    expectClose(r.result.weights, [(1 - e1) / (2 - e1 - e2), (1 - e2) / (2 - e1 - e2)]);
  });

  it('reproduces Xu (2004) on the raw values', () => {
    // Xu, X. (2004), A note on the subjective and objective integrated approach to determine
    // attribute weights, EJOR 156(2), 530–532. Weights read in pyrepo-mcda's tests
    // (github.com/energyinpython/pyrepo-mcda, tests/test_weighting_methods.py, Test_Entropy).
    const f = fixture('entropy-xu-2004.json');
    const w = weightsOf(entropyWeights(f.matrix, f.directions!, 'sum'));
    [0.463, 0.3992, 0.1378, 0].forEach((p, j) => expect(w[j]).toBeCloseTo(p, 4));
  });

  it('reproduces Zavadskas & Podvezko (2016) on the raw values, cost criteria included', () => {
    // Zavadskas, E. K. & Podvezko, V. (2016), Integrated determination of objective criteria weights
    // in MCDM, IJITDM 15(2), 267–283. Weights read in pyrepo-mcda's tests (as above, test_Entropy2).
    const f = fixture('entropy-zavadskas-podvezko-2016.json');
    const w = weightsOf(entropyWeights(f.matrix, f.directions!, 'sum'));
    [0.1146, 0.1981, 0.4185, 0.2689].forEach((p, j) => expect(w[j]).toBeCloseTo(p, 4));
  });

  it('reproduces Lee & Chang (2018) on the raw values', () => {
    // Lee, H. C. & Chang, C. T. (2018), Comparative analysis of MCDM methods for ranking renewable
    // energy sources in Taiwan, RSER 92, 883–896. Weights read in pyrepo-mcda's tests (test_Entropy4).
    const f = fixture('entropy-lee-chang-2018.json');
    const w = weightsOf(entropyWeights(f.matrix, f.directions!, 'sum'));
    [0.026, 0.154, 0.089, 0.199, 0.115, 0.04, 0.08, 0.123, 0.172, 0.002].forEach((p, j) =>
      expect(w[j]).toBeCloseTo(p, 3),
    );
  });

  it('does not use the direction in the raw-share variant', () => {
    const f = fixture('entropy-zavadskas-podvezko-2016.json');
    expect(entropyWeights(f.matrix, ['+', '+', '+', '+'], 'sum')).toEqual(
      entropyWeights(f.matrix, f.directions!, 'sum'),
    );
  });

  it.each(['minmax', 'sum'] as const)('%s: does not change when the rows are shuffled', (variant) => {
    const { x, directions } = sample(3);
    const positive = x.map((row) => row.map((v) => Math.abs(v)));
    const data = variant === 'sum' ? positive : x;
    const base = entropyWeights(data, directions, variant);
    for (const seed of [1, 2, 3])
      expect(entropyWeights(shuffle(data, rng(seed)), directions, variant)).toEqual(base);
  });

  it.each(['minmax', 'sum'] as const)(
    '%s: does not change when a column is rescaled (万元 → 亿元)',
    (variant) => {
      const { x, directions } = sample(4);
      const data = variant === 'sum' ? x.map((row) => row.map((v) => Math.abs(v))) : x;
      const scaled = data.map((row) => row.map((v, j) => (j === 1 ? v / 10000 : j === 3 ? v * 7.3 : v)));
      expectClose(
        weightsOf(entropyWeights(scaled, directions, variant)),
        weightsOf(entropyWeights(data, directions, variant)),
      );
    },
  );

  it('minmax: does not change when a column is negated and its direction flipped', () => {
    const { x, directions } = sample(5);
    const negated = x.map((row) => row.map((v, j) => (j === 0 ? -v : v)));
    const flipped: Direction[] = ['-', ...directions.slice(1)];
    expect(entropyWeights(negated, flipped)).toEqual(entropyWeights(x, directions));
  });

  it.each([
    ['one row', [[1, 2]], 'TOO_FEW_ROWS', '至少要有 2 个考核对象'],
    [
      'every column constant',
      [
        [1, 2],
        [1, 2],
      ],
      'ALL_CONSTANT',
      '数值都相同',
    ],
    [
      'a value that is not a number',
      [
        [1, 2],
        [NaN, 3],
      ],
      'NOT_FINITE',
      '第 2 行第 1 列不是数值',
    ],
  ])('refuses %s', (_, x, code, words) => {
    const r = entropyWeights(x, ['+', '+']);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual([code]);
    expect(!r.ok && r.problems[0]!.message).toContain(words);
  });

  it('refuses a negative value in the raw-share variant only, naming the cell and indicator', () => {
    const x = [
      [1, -2],
      [3, 4],
    ];
    const r = entropyWeights(x, ['+', '+'], 'sum', ['GDP', '能耗']);
    expect(!r.ok && r.problems.map((p) => [p.code, p.row, p.column])).toEqual([['NEGATIVE', 0, 1]]);
    expect(!r.ok && r.problems[0]!.message).toContain('第 1 行第 2 列（指标“能耗”）是 -2');
    expect(entropyWeights(x, ['+', '+']).ok).toBe(true);
  });
});

describe('CRITIC', () => {
  it('lets two columns that say the same thing share the weight one would get', () => {
    // x' = [0, ½, 1], [0, ½, 1], [0, 1, ½]; deviations from ½: [−½, 0, ½], same, [−½, ½, 0]
    // σ = √(((½)² + 0 + (½)²)/3) = √(1/6) each; r_12 = 1; r_13 = r_23 = (¼ + 0 + 0)/(3 · 1/6) = ½
    const r = criticWeights(
      [
        [1, 2, 1],
        [2, 4, 3],
        [3, 6, 2],
      ],
      ['+', '+', '+'],
    );
    if (!r.ok) throw new Error('refused');
    expectClose(r.result.sigmas, [Math.sqrt(1 / 6), Math.sqrt(1 / 6), Math.sqrt(1 / 6)]);
    expect(r.result.correlations[0]![1]).toBe(1);
    expect(r.result.correlations[0]![2]).toBeCloseTo(0.5, 12);
    // C = σ(0 + 0 + ½), σ(0 + 0 + ½), σ(½ + ½ + 0)
    expectClose(r.result.weights, [0.25, 0.25, 0.5]);
  });

  it('works a mixed-direction example by hand, and shows what “blind” normalisation changes', () => {
    // directional: x' = [0, ⅓, 1, ⅔], [0, ⅔, ⅓, 1], [0, 1, ⅓, ⅔] — the third is lower-is-better.
    // Deviations from ½: [−½, −⅙, ½, ⅙], [−½, ⅙, −⅙, ½], [−½, ½, −⅙, ⅙]; each Σ dev² = 5/9, so σ is
    // the same for all three and cancels. Σ dev·dev: 2/9, 1/9, 4/9 → r_12 = 0.4, r_13 = 0.2, r_23 = 0.8.
    const x = [
      [1, 10, 4],
      [2, 30, 1],
      [4, 20, 3],
      [3, 40, 2],
    ];
    const directional = criticWeights(x, ['+', '+', '-']);
    if (!directional.ok) throw new Error('refused');
    const [r12, r13, r23] = [0.4, 0.2, 0.8];
    expect(directional.result.correlations[0]![1]).toBeCloseTo(r12, 12);
    expect(directional.result.correlations[0]![2]).toBeCloseTo(r13, 12);
    expect(directional.result.correlations[1]![2]).toBeCloseTo(r23, 12);
    const c = [2 - r12 - r13, 2 - r12 - r23, 2 - r13 - r23]; // (1.4, 0.8, 1.0)
    expectClose(
      directional.result.weights,
      c.map((v) => v / (c[0]! + c[1]! + c[2]!)),
    );
    // blind: the third column is read as higher-is-better, so its correlations change sign
    const blind = criticWeights(x, ['+', '+', '-'], 'blind');
    const cb = [2 - r12 + r13, 2 - r12 + r23, 2 + r13 + r23]; // (1.8, 2.4, 3.0)
    expectClose(
      weightsOf(blind),
      cb.map((v) => v / (cb[0]! + cb[1]! + cb[2]!)),
    );
  });

  it('reproduces Tuş & Aytaç Adalı (2019) with blind normalisation', () => {
    // Tuş, A. & Aytaç Adalı, E. (2019), The new combination with CRITIC and WASPAS methods for the
    // time and attendance software selection problem, OPSEARCH 56(2), 528–538. Weights read in
    // pyrepo-mcda's tests (github.com/energyinpython/pyrepo-mcda, tests/test_weighting_methods.py,
    // Test_CRITIC), whose CRITIC normalises every column as higher-is-better.
    const f = fixture('critic-tus-aytac-adali-2019.json');
    const w = weightsOf(criticWeights(f.matrix, f.directions!, 'blind'));
    [0.157, 0.249, 0.168, 0.121, 0.154, 0.151].forEach((p, j) => expect(w[j]).toBeCloseTo(p, 3));
  });

  it('gives a constant column weight 0 and leaves the others as they were', () => {
    const { x, directions } = sample(6);
    const withConstant = x.map((row) => [...row.slice(0, 2), 42, ...row.slice(2)]);
    const r = criticWeights(withConstant, [...directions.slice(0, 2), '+', ...directions.slice(2)]);
    const w = weightsOf(criticWeights(x, directions));
    expect(weightsOf(r)).toEqual([...w.slice(0, 2), 0, ...w.slice(2)]);
    expect(r.ok && r.result.correlations[2]!.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('does not change when the rows are shuffled', () => {
    const { x, directions } = sample(7);
    const base = criticWeights(x, directions);
    for (const seed of [1, 2, 3]) expect(criticWeights(shuffle(x, rng(seed)), directions)).toEqual(base);
  });

  it.each(['directional', 'blind'] as const)('%s: does not change when a column is rescaled', (variant) => {
    const { x, directions } = sample(8);
    const scaled = x.map((row) => row.map((v, j) => (j === 2 ? v * 1e4 : j === 4 ? v / 3 : v)));
    expectClose(
      weightsOf(criticWeights(scaled, directions, variant)),
      weightsOf(criticWeights(x, directions, variant)),
    );
  });

  it('does not change when a column is negated and its direction flipped', () => {
    const { x, directions } = sample(9);
    const negated = x.map((row) => row.map((v, j) => (j === 3 ? -v : v)));
    const flipped = directions.map((d, j) => (j === 3 ? (d === '+' ? '-' : '+') : d));
    expect(criticWeights(negated, flipped)).toEqual(criticWeights(x, directions));
  });

  it.each([
    ['one row', [[1, 2]], 'TOO_FEW_ROWS', '至少要有 2 个考核对象'],
    [
      'every column constant',
      [
        [1, 2],
        [1, 2],
      ],
      'ALL_CONSTANT',
      '数值都相同',
    ],
    [
      'one column that varies',
      [
        [1, 2],
        [3, 2],
      ],
      'NO_CONFLICT',
      '只有第 1 列的指标在各考核对象之间有差异',
    ],
    [
      'columns that all rank alike',
      [
        [1, 2],
        [3, 4],
        [2, 3],
      ],
      'NO_CONFLICT',
      '两两完全正相关',
    ],
    [
      'a value that is not a number',
      [
        [1, 2],
        [Infinity, 3],
      ],
      'NOT_FINITE',
      '第 2 行第 1 列不是数值（无穷大）',
    ],
  ])('refuses %s', (_, x, code, words) => {
    const r = criticWeights(x, ['+', '+']);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual([code]);
    expect(!r.ok && r.problems[0]!.message).toContain(words);
  });

  it('throws on a ragged matrix or a direction list of the wrong length (the caller builds those)', () => {
    expect(() => criticWeights([[1, 2], [3]], ['+', '+'])).toThrow(RangeError);
    expect(() =>
      entropyWeights(
        [
          [1, 2],
          [3, 4],
        ],
        ['+'],
      ),
    ).toThrow(RangeError);
  });
});

describe('combining subjective and objective weights (组合赋权)', () => {
  it('mixes additively after scaling both to sum 1', () => {
    const r = combineAdditive([3, 2], [0.2, 0.8], 0.5); // s = (0.6, 0.4)
    expect(r.ok && r.weights).toEqual([0.5 * 0.6 + 0.5 * 0.2, 0.5 * 0.4 + 0.5 * 0.8]);
    expect(combineAdditive([3, 2], [0.2, 0.8], 1)).toEqual({ ok: true, weights: [0.6, 0.4] });
    expect(combineAdditive([3, 2], [0.2, 0.8], 0)).toEqual({ ok: true, weights: [0.2, 0.8] });
  });

  it('multiplies and renormalises, an indicator either method ignores getting 0', () => {
    const r = combineMultiplicative([0.6, 0.4, 0], [0.2, 0.8, 0.5]);
    const products = [0.6 * 0.2, 0.4 * 0.8, 0];
    expectClose(
      r.ok ? r.weights : [],
      products.map((p) => p / (products[0]! + products[1]!)),
    );
  });

  it.each([
    ['α outside [0, 1]', () => combineAdditive([1], [1], 1.5), '应在 0 到 1 之间'],
    ['a negative weight', () => combineAdditive([0.5, -0.1], [0.5, 0.5], 0.5), '主观权重第 2 项是 -0.1'],
    ['all-zero weights', () => combineMultiplicative([0.5, 0.5], [0, 0]), '客观权重全为 0'],
    ['disjoint favourites', () => combineMultiplicative([1, 0], [0, 1]), '之积都为 0'],
  ])('refuses %s', (_, run, words) => {
    const r = run();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(words);
  });
});
