import { matchKey } from '../domain/text';

/** Levenshtein distance, by code point (Chinese characters count one each). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[y.length] as number;
}

/**
 * The candidate a near-miss text most likely means: a typo (东湖去 → 东湖区), a longer or shorter
 * form (东湖区人民政府 → 东湖区, 商务局 → 市商务局). Returns null unless one item is clearly best,
 * so a suggestion is never a guess between two units. Never applied by itself: the caller offers it.
 */
export function nearest<T>(text: string, candidates: readonly { key: string; item: T }[]): T | null {
  const k = matchKey(text);
  const n = [...k].length;
  if (n === 0) return null;
  const allowed = n <= 2 ? 1 : n <= 6 ? 2 : 3;
  let best: { d: number; item: T } | null = null;
  let tie = false;
  for (const c of candidates) {
    const ck = matchKey(c.key);
    const m = [...ck].length;
    if (m === 0) continue;
    // One written inside the other (2+ characters): a longer or shorter form of the same name.
    const inside = Math.min(n, m) >= 2 && (ck.includes(k) || k.includes(ck));
    // the distance is at least the difference in length: a pasted paragraph is never worked through
    if (!inside && Math.abs(n - m) > allowed) continue;
    const d = inside ? (k === ck ? 0 : 1) : editDistance(k, ck);
    if (d > allowed) continue;
    if (!best || d < best.d) {
      best = { d, item: c.item };
      tie = false;
    } else if (d === best.d && c.item !== best.item) tie = true;
  }
  return best && !tie ? best.item : null;
}
