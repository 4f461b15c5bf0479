import { matchKey, parseNumberText } from '../../domain/text';
import { sortedAsc } from '../stats';

/**
 * A grade as points: a grade word through the cycle's gradePoints table (优秀 100, 良好 85, 一般 70,
 * 较差 50 by default), or a number on 0–100. Returns null for anything else.
 */
export function gradeValue(
  grade: string | number,
  gradePoints: Readonly<Record<string, number>>,
): number | null {
  return gradeReader(gradePoints)(grade);
}

/**
 * The same as gradeValue with the table prepared once: ratings come by the hundred thousand, and
 * nearly all are one of four words written exactly as in the table.
 */
export function gradeReader(
  gradePoints: Readonly<Record<string, number>>,
): (grade: string | number) => number | null {
  const exact = new Map<string, number>(Object.entries(gradePoints));
  const loose = new Map<string, number>(Object.entries(gradePoints).map(([w, p]) => [matchKey(w), p]));
  return (grade) => {
    if (typeof grade === 'number') return grade >= 0 && grade <= 100 ? grade : null;
    const hit = exact.get(grade) ?? loose.get(matchKey(grade));
    if (hit !== undefined) return hit;
    // "85%" written for a rating means 85 of 100, not 0.85
    const n = parseNumberText(grade.replace(/[%％]\s*$/, ''));
    return n !== null && n >= 0 && n <= 100 ? n : null;
  };
}

/**
 * One evaluator group's mark for one target: the mean of its ratings, after dropping one highest and
 * one lowest when the group gave at least `trimMin` ratings (default 7).
 *
 * Example: 100, 100, 85, 85, 85, 70, 50 (7 ratings, trimMin 7) → drop 100 and 50 →
 * (100 + 85 + 85 + 85 + 70) / 5 = 85. With only 6 of them, no trimming.
 * Summed in ascending order, so the order ratings arrived in never changes the result.
 */
export function groupMark(points: readonly number[], trimMin: number): number {
  if (points.length === 0) throw new RangeError('group mark of no ratings');
  // One or two ratings: their mean does not depend on order (a + b = b + a exactly).
  if (points.length === 1 && trimMin > 1) return points[0] as number;
  if (points.length === 2 && trimMin > 2) return ((points[0] as number) + (points[1] as number)) / 2;
  const s = sortedAsc(points);
  const [from, to] = s.length >= trimMin ? [1, s.length - 1] : [0, s.length];
  let sum = 0;
  for (let k = from; k < to; k++) sum += s[k] as number;
  return sum / (to - from);
}
