/** How the weighting tools read judgements and write numbers and names into their Chinese messages. */
import { toHalfWidth } from '../../domain/text';

/** A value as the person typed it, at most 6 significant digits (0.333 stays 0.333). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '非数字';
  if (!Number.isFinite(x)) return x > 0 ? '无穷大' : '负无穷大';
  return String(Number(x.toPrecision(6)));
}

/**
 * A judgement the way the Saaty scale writes it: 3, 1/3, or a decimal to `digits` significant
 * digits (1.3, 1/2.5) when it is not a whole number or the reciprocal of one.
 *
 * Example: judgementText(1 / 3) → "1/3"; judgementText(1.2862, 2) → "1.3".
 */
export function judgementText(x: number, digits = 3): string {
  const whole = (v: number) => Math.abs(v - Math.round(v)) < 1e-9 * Math.max(1, v);
  const short = (v: number) => String(Number(v.toPrecision(digits)));
  if (!Number.isFinite(x) || x <= 0) return formatNumber(x);
  if (whole(x)) return String(Math.round(x));
  if (x < 1) return `1/${whole(1 / x) ? String(Math.round(1 / x)) : short(1 / x)}`;
  return short(x);
}

/** The name of the i-th (0-based) item: its label, or 第 i+1 项. */
export const labelOf = (labels: readonly string[] | undefined, i: number): string =>
  labels?.[i] ?? `第 ${i + 1} 项`;

/**
 * A judgement as people write it in a matrix: a number, or text such as "3", "1/3", "0.333",
 * "1／3" (full-width). Null when it is none of these. The result is not checked to be positive.
 *
 * Example: parseJudgement("1/3") → 0.333…; parseJudgement(" 5 ") → 5; parseJudgement("三") → null.
 */
export function parseJudgement(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const t = toHalfWidth(v).replace(/\s+/g, '');
  const num = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
  const slash = t.indexOf('/');
  if (slash < 0) return num.test(t) ? Number(t) : null;
  const [a, b] = [t.slice(0, slash), t.slice(slash + 1)];
  return num.test(a) && num.test(b) ? Number(a) / Number(b) : null;
}
