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

/**
 * The points one group gave one target on one leaf, counted: [p₀, n₀, p₁, n₁, …] with p ascending and
 * every n > 0. Ratings come by the hundred thousand but take a handful of values (the grade table's
 * points), so a group's mark is worked out from a few pairs, and a batch withdrawn takes its counts
 * back out.
 */
export type Histogram = number[];

/** Adds one rating of `points` (sign 1) or takes one away (sign −1); undefined once empty. */
export function histogramAdd(h: Histogram | undefined, points: number, sign: 1 | -1): Histogram | undefined {
  const v = points === 0 ? 0 : points; // −0 and 0 are one value
  if (h === undefined) {
    if (sign === -1) throw new Error('taking away a rating that was never added');
    return [v, 1];
  }
  let i = 0;
  while (i < h.length && (h[i] as number) < v) i += 2;
  if (i < h.length && h[i] === v) {
    const n = (h[i + 1] as number) + sign;
    if (n > 0) {
      h[i + 1] = n;
      return h;
    }
    // the last rating of this value gone: close the gap
    for (let j = i; j + 2 < h.length; j++) h[j] = h[j + 2] as number;
    h.length -= 2;
    return h.length === 0 ? undefined : h;
  }
  if (sign === -1) throw new Error('taking away a rating that was never added');
  // a new value: open a gap at i
  h.push(0, 0);
  for (let j = h.length - 1; j >= i + 2; j--) h[j] = h[j - 2] as number;
  h[i] = v;
  h[i + 1] = 1;
  return h;
}

/**
 * groupMark of the ratings a histogram counts: the same additions in the same (ascending) order, so
 * the same bits. Example: [50, 1, 70, 1, 85, 3, 100, 2] (7 ratings, trimMin 7) → drop one 50 and one
 * 100 → (70 + 85 + 85 + 85 + 100) / 5 = 85.
 */
export function groupMarkOf(h: Histogram, trimMin: number): number {
  let n = 0;
  for (let i = 1; i < h.length; i += 2) n += h[i] as number;
  if (n === 0) throw new RangeError('group mark of no ratings');
  if (n === 1 && trimMin > 1) return h[0] as number;
  if (n === 2 && trimMin > 2) {
    const a = h[0] as number;
    const b = h[1] === 2 ? a : (h[2] as number);
    return (a + b) / 2;
  }
  const trim = n >= trimMin;
  const from = trim ? 1 : 0;
  const to = trim ? n - 1 : n;
  let sum = 0;
  let k = 0;
  for (let i = 0; i < h.length; i += 2) {
    const v = h[i] as number;
    const c = h[i + 1] as number;
    for (let j = 0; j < c; j++, k++) if (k >= from && k < to) sum += v;
  }
  return sum / (to - from);
}

/**
 * One leaf's ratings per target and evaluator group (cell = target position × groups + group
 * position), kept compactly: most cells hold none or one rating, which sit in typed arrays; a cell
 * with two or more holds a Histogram. A cycle may hold 300,000 cells, and an array per cell kept
 * the garbage collector busy.
 */
export class RatingCells {
  private readonly counts: Uint32Array;
  private readonly single: Float64Array;
  private readonly many: (Histogram | undefined)[];

  constructor(cells: number) {
    this.counts = new Uint32Array(cells);
    this.single = new Float64Array(cells);
    this.many = new Array<Histogram | undefined>(cells).fill(undefined);
  }

  /** Adds one rating of `points` to a cell (sign 1) or takes one away (sign −1). */
  add(cell: number, points: number, sign: 1 | -1): void {
    const v = points === 0 ? 0 : points; // −0 and 0 are one value
    const n = this.counts[cell] as number;
    if (sign === 1) {
      if (n === 0) this.single[cell] = v;
      else if (n === 1) this.many[cell] = histogramAdd([this.single[cell] as number, 1], v, 1);
      else histogramAdd(this.many[cell], v, 1);
      this.counts[cell] = n + 1;
      return;
    }
    if (n === 0 || (n === 1 && this.single[cell] !== v))
      throw new Error('taking away a rating that was never added');
    if (n === 2) {
      const h = histogramAdd(this.many[cell], v, -1) as Histogram;
      this.single[cell] = h[0] as number;
      this.many[cell] = undefined;
    } else if (n > 2) histogramAdd(this.many[cell], v, -1);
    this.counts[cell] = n - 1;
  }

  /** Whether a cell holds any rating. */
  has(cell: number): boolean {
    return this.counts[cell] !== 0;
  }

  /** groupMarkOf the cell's ratings (the cell must hold some). */
  mark(cell: number, trimMin: number): number {
    const n = this.counts[cell] as number;
    if (n === 1) {
      const v = this.single[cell] as number;
      return trimMin > 1 ? v : groupMarkOf([v, 1], trimMin);
    }
    return groupMarkOf(this.many[cell] as Histogram, trimMin);
  }
}
