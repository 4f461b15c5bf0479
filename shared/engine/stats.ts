/** Small numeric helpers. Sums are taken over sorted copies so that the order of input rows never changes a result bit. */

export function sortedAsc(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Σ xs, added in ascending order (deterministic regardless of the order rows arrived in). */
export function stableSum(xs: readonly number[]): number {
  let s = 0;
  for (const x of sortedAsc(xs)) s += x;
  return s;
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('mean of nothing');
  return stableSum(xs) / xs.length;
}

/** Median; for an even count the mean of the two middle values. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of nothing');
  const s = sortedAsc(xs);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

const RUNS = /\d+|\D+/g;

/**
 * Orders codes naturally (QS2 before QS10) and identically on every machine: digit runs compare as
 * numbers, other runs by code point (localeCompare would depend on the machine's ICU data).
 */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  const ra = a.match(RUNS) ?? [];
  const rb = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i] as string;
    const y = rb[i] as string;
    if (x === y) continue;
    const dx = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const dy = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (dx && dy) {
      const nx = x.replace(/^0+/, '');
      const ny = y.replace(/^0+/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length; // 01 after 1, so the order is total
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : 1;
}

export function minOf(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('min of nothing');
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}
