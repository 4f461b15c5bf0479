/**
 * The data matrix objective weighting methods (entropy, CRITIC) start from: rows are targets,
 * columns indicators. What they share: checking it, and min–max normalisation by direction.
 */
import type { Direction } from '../../domain/method';
import { formatNumber } from './format';

/**
 * A problem in the users' data matrix, at a 0-based row and column (−1 when the problem is not
 * one cell), with a Chinese message naming the cell as 第 row+1 行第 column+1 列 and the fix.
 */
export interface DataProblem {
  code: 'TOO_FEW_ROWS' | 'NO_INDICATORS' | 'NOT_FINITE' | 'NEGATIVE' | 'ALL_CONSTANT' | 'NO_CONFLICT';
  row: number;
  column: number;
  message: string;
}

export type ObjectiveOutcome<R> = { ok: true; result: R } | { ok: false; problems: DataProblem[] };

export const cellName = (labels: readonly string[] | undefined, row: number, column: number): string =>
  `第 ${row + 1} 行第 ${column + 1} 列${labels?.[column] === undefined ? '' : `（指标“${labels[column]}”）`}`;

/**
 * The problems common to every data method: fewer than 2 rows, no columns, a value that is not a
 * finite number, and (for methods that need it) a negative value. Throws on a ragged matrix or a
 * direction list of the wrong length: the caller builds those.
 */
export function checkData(
  x: readonly (readonly number[])[],
  directions: readonly Direction[],
  opts: { nonNegative: boolean; labels?: readonly string[] | undefined },
): DataProblem[] {
  const columns = directions.length;
  for (const row of x)
    if (row.length !== columns)
      throw new RangeError(`data row of ${row.length} values for ${columns} directions`);
  const problems: DataProblem[] = [];
  if (x.length < 2)
    problems.push({
      code: 'TOO_FEW_ROWS',
      row: -1,
      column: -1,
      message: `数据只有 ${x.length} 行：按数据定权至少要有 2 个考核对象（每行一个）`,
    });
  if (columns === 0)
    problems.push({ code: 'NO_INDICATORS', row: -1, column: -1, message: '数据中没有任何指标（列）' });
  x.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isFinite(v))
        problems.push({
          code: 'NOT_FINITE',
          row: i,
          column: j,
          message: `${cellName(opts.labels, i, j)}不是数值（${formatNumber(v)}）：请填数字，缺数据的对象请先补齐或删去整行`,
        });
      else if (opts.nonNegative && v < 0)
        problems.push({
          code: 'NEGATIVE',
          row: i,
          column: j,
          message: `${cellName(opts.labels, i, j)}是 ${formatNumber(v)}：按原始数值计算比重要求数值非负，有负数时请改用极差标准化（minmax）`,
        });
    }),
  );
  return problems;
}

/** The refusal when no column varies: every method needs differences between targets. */
export const allConstant = (): DataProblem => ({
  code: 'ALL_CONSTANT',
  row: -1,
  column: -1,
  message: '每个指标在各考核对象之间的数值都相同，数据无法区分指标的重要性，不能按数据定权',
});

/**
 * Column j normalised min–max by direction:
 *
 *   '+': x' = (x − min) / (max − min)     '−': x' = (max − x) / (max − min)
 *
 * so the best target gets 1 and the worst 0 either way. Null for a constant column (max = min).
 * Example: [2, 4, 6] '+' → [0, 0.5, 1]; '−' → [1, 0.5, 0].
 */
export function minMaxColumn(
  x: readonly (readonly number[])[],
  j: number,
  direction: Direction,
): number[] | null {
  const values = x.map((row) => row[j] as number);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) return null;
  const range = max - min;
  return values.map((v) => (direction === '+' ? (v - min) / range : (max - v) / range));
}
