/** Small numeric helpers. Sums are taken over sorted copies so that the order of input rows never changes a result bit. */

/**
 * An ascending copy. Most lists are a handful of ratings: an insertion sort on a plain array avoids
 * allocating a typed array for each; long lists get the typed array's numeric sort.
 */
export function sortedAsc(xs: readonly number[]): ArrayLike<number> {
  const n = xs.length;
  if (n > 32) {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = xs[i] as number;
    return a.sort();
  }
  const out = xs.slice();
  for (let i = 1; i < n; i++) {
    const v = out[i] as number;
    let j = i - 1;
    while (j >= 0 && (out[j] as number) > v) {
      out[j + 1] = out[j] as number;
      j--;
    }
    out[j + 1] = v;
  }
  return out;
}

/** Σ xs, added in ascending order (deterministic regardless of the order rows arrived in). */
export function stableSum(xs: readonly number[]): number {
  const sorted = sortedAsc(xs);
  let s = 0;
  for (let i = 0; i < sorted.length; i++) s += sorted[i] as number;
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

/**
 * median of a typed array, which it reorders: the same middle values as sorting would pick, found by
 * selection (a category's thousand points per leaf, three hundred leaves per compute). A zero
 * median is +0 whichever zero came in the middle.
 */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) throw new RangeError('median of nothing');
  const mid = n >> 1;
  const upper = selectInPlace(a, mid, 0, n - 1);
  let r = upper;
  if (n % 2 === 0) {
    // the lower middle: the largest of those selection left before the middle
    let lower = -Infinity;
    for (let i = 0; i < mid; i++) if ((a[i] as number) > lower) lower = a[i] as number;
    r = (lower + upper) / 2;
  }
  return r === 0 ? 0 : r;
}

/**
 * The k-th smallest of a[lo..hi] (no NaN), leaving smaller-or-equal values before k and
 * greater-or-equal after it: Hoare partitions around a median of three, insertion sort when short.
 */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi - lo >= 16) {
    const mid = (lo + hi) >>> 1;
    let x = a[lo] as number;
    let y = a[mid] as number;
    let z = a[hi] as number;
    if (y < x) [x, y] = [y, x];
    if (z < y) {
      [y, z] = [z, y];
      if (y < x) [x, y] = [y, x];
    }
    a[lo] = x;
    a[mid] = y;
    a[hi] = z;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < y) i++;
      while ((a[j] as number) > y) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number; // between the two parts every value is the pivot
  }
  for (let q = lo + 1; q <= hi; q++) {
    const v = a[q] as number;
    let m = q - 1;
    while (m >= lo && (a[m] as number) > v) {
      a[m + 1] = a[m] as number;
      m--;
    }
    a[m + 1] = v;
  }
  return a[k] as number;
}

/**
 * A derived value read at 12 significant digits: 1.1/1 − 1 and 3.3/3 − 1 are both 10 % to a person,
 * not 0.10000000000000009 and 0.09999999999999994. Applied to rates computed from data (growth,
 * satisfaction, combined ratings) before they are compared, so that equal rates score equally.
 */
export function tidy(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return 0;
  // Without strings when it cannot differ: |x| scaled to 12 digits before the point (10¹¹ ≤ y <
  // 10¹²) lies far from a half (10⁻³, where the product's error is below 2·10⁻⁴), so rounding it
  // goes as toPrecision's does; n / 10^k is then the double nearest n·10^-k, as parsing gives.
  const ax = Math.abs(x);
  let k = 11 - Math.floor(Math.log10(ax));
  if (k >= 0 && k <= 22) {
    let y = ax * (POW10[k] as number);
    if (y >= 1e12 && k > 0) y = ax * (POW10[--k] as number);
    else if (y < 1e11 && k < 22) y = ax * (POW10[++k] as number);
    if (y >= 1e11 && y < 1e12) {
      const frac = y - Math.floor(y);
      if (Math.abs(frac - 0.5) > 1e-3) {
        const r = Math.floor(y + 0.5) / (POW10[k] as number);
        return x < 0 ? -r : r;
      }
    }
  }
  return tidyByText(x);
}
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** tidy the long way, through toPrecision's text (every value near a half goes this way). */
export const tidyByText = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Orders codes naturally (QS2 before QS10) and identically on every machine: digit runs compare as
 * numbers (then by length, so 01 follows 1 and the order stays total), everything else by code
 * point (localeCompare would depend on the machine's ICU data).
 */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      let si = i;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      let sj = j;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      const la = ei - si;
      const lb = ej - sj;
      if (la !== lb) return la - lb;
      for (let k = 0; k < la; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      if (ei - i !== ej - j) return ei - i - (ej - j);
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j) || (a < b ? -1 : 1);
}

export function minOf(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('min of nothing');
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}
