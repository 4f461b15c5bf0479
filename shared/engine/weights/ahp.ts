/**
 * AHP (层次分析法): weights from a pairwise comparison matrix, its consistency check, and the
 * element-wise geometric mean of several experts' matrices (SPEC §5).
 */
import { formatNumber, judgementText, labelOf } from './format';

/**
 * Saaty's random consistency index RI for n = 1..15 (`SAATY_RI[n − 1]`), the table SPEC §5 fixes.
 * (Other estimates of RI exist, e.g. Donegan & Dodd's, and give other CRs; this is the table the
 * spec fixes.)
 */
export const SAATY_RI: readonly number[] = [
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/** The largest matrix SAATY_RI covers. */
export const AHP_MAX_SIZE = SAATY_RI.length;

/** CR below this passes Saaty's consistency check. */
export const CR_LIMIT = 0.1;

/**
 * How far a_ij · a_ji may be from 1 for the pair to count as reciprocal: people type 0.333 for 1/3
 * (0.333 · 3 = 0.999) or 0.11 for 1/9 (0.99), but 0.3 for 1/3 (0.9) is a different judgement.
 */
export const RECIPROCAL_TOLERANCE = 0.01;

/**
 * A problem in a judgement matrix, at a 0-based cell (i, j); i or j is −1 when the problem is the
 * matrix as a whole (or a whole row). The message, in Chinese, names the cell as 第 i+1 行第 j+1 列
 * and says how to fix it.
 */
export interface MatrixProblem {
  code: 'NOT_SQUARE' | 'TOO_SMALL' | 'TOO_LARGE' | 'NOT_POSITIVE' | 'DIAGONAL' | 'NOT_RECIPROCAL';
  i: number;
  j: number;
  message: string;
}

export interface AhpResult {
  /** The principal eigenvector, scaled to sum 1. */
  weights: number[];
  lambdaMax: number;
  CI: number;
  CR: number;
  /** CR < 0.1. */
  consistent: boolean;
  /**
   * The judgement furthest from what the weights imply: the pair i < j maximising
   * |ln(a_ij · w_j / w_i)|, with a_ij as given and w_i / w_j as implied. Null for n ≤ 2, where
   * every reciprocal matrix is consistent.
   */
  worstPair: { i: number; j: number; given: number; implied: number } | null;
}

export type AhpOutcome = { ok: true; result: AhpResult } | { ok: false; problems: MatrixProblem[] };

const cell = (i: number, j: number) => `第 ${i + 1} 行第 ${j + 1} 列`;

/**
 * Every problem that stops a matrix from being an AHP judgement matrix: not square, n outside
 * 1..15, a value that is not a positive number, a diagonal other than 1, a pair whose product is
 * not 1 within RECIPROCAL_TOLERANCE (reported once, at the cell above the diagonal). Row-major
 * order. Values outside Saaty's 1/9..9 are accepted: the scale belongs to the questionnaire, and
 * an experts' geometric mean is not on it anyway.
 *
 * Example: [[1, 3], [0.5, 1]] → one NOT_RECIPROCAL problem at (0, 1), since 3 · 0.5 = 1.5.
 */
export function checkPairwise(m: number[][]): MatrixProblem[] {
  const n = m.length;
  if (n === 0) return [{ code: 'TOO_SMALL', i: -1, j: -1, message: '判断矩阵是空的：至少要有 1 行 1 列' }];
  const ragged: MatrixProblem[] = [];
  m.forEach((row, i) => {
    const len = Array.isArray(row) ? row.length : 0;
    if (len !== n)
      ragged.push({
        code: 'NOT_SQUARE',
        i,
        j: -1,
        message: `第 ${i + 1} 行有 ${len} 个数，应有 ${n} 个：判断矩阵须为 ${n} 行 ${n} 列（每个指标一行一列）`,
      });
  });
  if (ragged.length > 0) return ragged;
  if (n > AHP_MAX_SIZE)
    return [
      {
        code: 'TOO_LARGE',
        i: -1,
        j: -1,
        message: `判断矩阵有 ${n} 行 ${n} 列，超过 ${AHP_MAX_SIZE} 阶：Saaty 的随机一致性指标只到 ${AHP_MAX_SIZE} 阶，请把指标分组后分层比较`,
      },
    ];
  const problems: MatrixProblem[] = [];
  const positive = (x: number) => Number.isFinite(x) && x > 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const a = at(m, i, j);
      if (i === j) {
        if (a !== 1)
          problems.push({
            code: 'DIAGONAL',
            i,
            j,
            message: `${cell(i, j)}是 ${formatNumber(a)}：对角线是指标与自身相比，应为 1`,
          });
      } else if (!positive(a)) {
        problems.push({
          code: 'NOT_POSITIVE',
          i,
          j,
          message: `${cell(i, j)}是 ${formatNumber(a)}：判断值须为正数（1～9 或其倒数，如 3 或 1/3）`,
        });
      } else if (i < j) {
        const b = at(m, j, i);
        if (positive(b) && Math.abs(a * b - 1) > RECIPROCAL_TOLERANCE)
          problems.push({
            code: 'NOT_RECIPROCAL',
            i,
            j,
            message: `${cell(i, j)}（${formatNumber(a)}）与${cell(j, i)}（${formatNumber(b)}）不互为倒数，两者之积应为 1：若${cell(i, j)}是 ${formatNumber(a)}，${cell(j, i)}应为 ${judgementText(1 / a)}`,
          });
      }
    }
  return problems;
}

/** Iterations of the power method before it settles for the last iterate. */
const MAX_ITERATIONS = 1000;
/** The power method stops when no weight (weights sum to 1) moves by more than this. */
const TOLERANCE = 1e-14;

/**
 * AHP weights by Saaty's eigenvector method:
 *
 *   A w = λmax w  (principal eigenvector, Σ w = 1),  λmax = (1/n) Σ_i (A w)_i / w_i,
 *   CI = (λmax − n) / (n − 1)  (0 for n ≤ 2),  CR = CI / RI_n  (0 when RI_n = 0),  consistent ⇔ CR < 0.1
 *
 * with RI from SAATY_RI. The eigenvector is found by power iteration from the normalised row
 * geometric means, stopping when no weight moves by more than 1e-14 (at most 1000 iterations;
 * a positive matrix has a strictly dominant eigenvalue, so it converges, typically in under 30).
 * Each pair is first made exactly reciprocal, a_ij ← √(a_ij / a_ji), so that 0.333 and 3 count as
 * 1/3 and 3 whichever cell was rounded; an exactly reciprocal pair is unchanged.
 *
 * A matrix with problems (checkPairwise) is refused. An inconsistent one (CR ≥ 0.1) is not: the
 * live editor shows CR and the worst pair while the committee revises; ahpRefusal says whether to
 * accept the result.
 *
 * Example: [[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]] is consistent (a_ij · a_jk = a_ik) →
 * weights 4/7, 2/7, 1/7; λmax = 3; CI = CR = 0; consistent.
 */
export function ahp(m: number[][]): AhpOutcome {
  const problems = checkPairwise(m);
  if (problems.length > 0) return { ok: false, problems };
  const n = m.length;
  const a = m.map((row, i) => row.map((x, j) => (i === j ? 1 : Math.sqrt(x / at(m, j, i)))));

  let w = normalise(a.map((row) => Math.exp(row.reduce((s, x) => s + Math.log(x), 0) / n)));
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const next = normalise(multiply(a, w));
    const moved = next.reduce((d, x, i) => Math.max(d, Math.abs(x - (w[i] as number))), 0);
    w = next;
    if (moved <= TOLERANCE) break;
  }

  const aw = multiply(a, w);
  const lambdaMax = aw.reduce((s, x, i) => s + x / (w[i] as number), 0) / n;
  // λmax ≥ n for every positive reciprocal matrix; a consistent one can land a rounding below
  const CI = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const ri = SAATY_RI[n - 1] as number;
  const CR = ri === 0 ? 0 : CI / ri;

  let worstPair: AhpResult['worstPair'] = null;
  if (n > 2) {
    let worst = -1;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const implied = (w[i] as number) / (w[j] as number);
        const off = Math.abs(Math.log((a[i]?.[j] as number) / implied));
        if (off > worst) {
          worst = off;
          worstPair = { i, j, given: at(m, i, j), implied };
        }
      }
  }
  return { ok: true, result: { weights: w, lambdaMax, CI, CR, consistent: CR < CR_LIMIT, worstPair } };
}

/**
 * The refusal to show when a matrix fails the consistency check (CR ≥ 0.1), naming the most
 * inconsistent pair, what was entered and what the other judgements imply; null when it passes.
 * The pair is told the way round whose entered value is at least 1 ("A 比 B 重要 5 倍" reads
 * better than 1/5), unless `upperOnly` (the window's editor, where only cells above the diagonal
 * are typed in) asks for the cell above the diagonal whatever its value.
 *
 * Example: CR 0.1234, worst pair (0, 1) given 5, implied 1.3, labels A, B →
 * 判断矩阵一致性比率 CR = 0.1234 ≥ 0.1，未通过一致性检验；最不一致的是“A”与“B”（第 1 行第 2 列）：
 * 填的是 5，按全部判断推算约为 1.3，请复核这一对
 */
export function ahpRefusal(
  r: AhpResult,
  labels?: readonly string[],
  opts: { upperOnly?: boolean } = {},
): string | null {
  if (r.consistent) return null;
  const head = `判断矩阵一致性比率 CR = ${r.CR.toFixed(4)} ≥ ${CR_LIMIT}，未通过一致性检验`;
  const p = r.worstPair;
  if (!p) return `${head}，请复核各项判断`;
  // an editor where only the upper triangle is typed in names the cell that can be changed
  const flip = p.given < 1 && opts.upperOnly !== true;
  const [i, j] = flip ? [p.j, p.i] : [p.i, p.j];
  const given = flip ? 1 / p.given : p.given;
  const implied = flip ? 1 / p.implied : p.implied;
  return `${head}；最不一致的是“${labelOf(labels, i)}”与“${labelOf(labels, j)}”（${cell(i, j)}）：填的是 ${judgementText(given)}，按全部判断推算约为 ${judgementText(implied, 2)}，请复核这一对`;
}

/**
 * Several experts' judgements combined element by element with the geometric mean,
 *
 *   ā_ij = (Π_k a_ij^(k))^(1/K),
 *
 * which keeps the matrix reciprocal (ā_ji = 1/ā_ij) and its diagonal 1 — the arithmetic mean would
 * not (the mean of 2 and 8 is 5, of 1/2 and 1/8 is 5/16, not 1/5). Computed as exp of the mean of
 * logarithms; a judgement all experts share is kept exactly, so one expert's matrix, or identical
 * ones, come back unchanged.
 *
 * Example: experts with a_12 = 2 and a_12 = 8 → ā_12 = √16 = 4, ā_21 = 1/4.
 * Throws on no matrices or matrices of different sizes (ahpExperts checks those first).
 */
export function geometricMeanMatrix(ms: number[][][]): number[][] {
  const first = ms[0];
  if (!first) throw new RangeError('geometric mean of no matrices');
  const n = first.length;
  for (const m of ms)
    if (m.length !== n || m.some((row) => row.length !== n))
      throw new RangeError('geometric mean of matrices of different sizes');
  return first.map((row, i) =>
    row.map((a, j) =>
      // a judgement every expert agrees on passes through as it is, not via exp(ln a) ≈ a
      ms.every((m) => at(m, i, j) === a)
        ? a
        : Math.exp(ms.reduce((s, m) => s + Math.log(at(m, i, j)), 0) / ms.length),
    ),
  );
}

/** A problem in one expert's matrix (0-based `expert`), or of the experts' matrices together. */
export interface ExpertMatrixProblem {
  code: MatrixProblem['code'] | 'NO_MATRICES' | 'SIZE_MISMATCH';
  /** 0-based index of the expert's matrix; −1 for a problem of the whole set. */
  expert: number;
  i: number;
  j: number;
  message: string;
}

export type AhpExpertsOutcome =
  { ok: true; result: AhpResult; matrix: number[][] } | { ok: false; problems: ExpertMatrixProblem[] };

/**
 * AHP for a panel: each expert's matrix is checked (problems name the expert as 第 k 位专家), all
 * must be the same size, then ahp runs on their geometric mean (geometricMeanMatrix), which is
 * returned as `matrix`. One matrix gives the same result as ahp.
 *
 * Example: two experts, [[1, 2], [1/2, 1]] and [[1, 8], [1/8, 1]] → matrix [[1, 4], [1/4, 1]],
 * weights 0.8, 0.2.
 */
export function ahpExperts(ms: number[][][]): AhpExpertsOutcome {
  if (ms.length === 0)
    return {
      ok: false,
      problems: [{ code: 'NO_MATRICES', expert: -1, i: -1, j: -1, message: '没有任何专家的判断矩阵' }],
    };
  const problems: ExpertMatrixProblem[] = [];
  ms.forEach((m, k) => {
    for (const p of checkPairwise(m))
      problems.push({
        ...p,
        expert: k,
        message: ms.length > 1 ? `第 ${k + 1} 位专家：${p.message}` : p.message,
      });
  });
  if (problems.length > 0) return { ok: false, problems };
  const n = (ms[0] as number[][]).length;
  ms.forEach((m, k) => {
    if (m.length !== n)
      problems.push({
        code: 'SIZE_MISMATCH',
        expert: k,
        i: -1,
        j: -1,
        message: `第 ${k + 1} 位专家的矩阵是 ${m.length} 行 ${m.length} 列，第 1 位专家的是 ${n} 行 ${n} 列：各位专家须比较同一组指标`,
      });
  });
  if (problems.length > 0) return { ok: false, problems };
  const matrix = geometricMeanMatrix(ms);
  const r = ahp(matrix);
  if (!r.ok) throw new Error('the geometric mean of valid matrices is a valid matrix');
  return { ok: true, result: r.result, matrix };
}

const at = (m: number[][], i: number, j: number) => m[i]?.[j] as number;

function multiply(a: number[][], w: number[]): number[] {
  return a.map((row) => row.reduce((s, x, j) => s + x * (w[j] as number), 0));
}

function normalise(xs: number[]): number[] {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => x / total);
}
