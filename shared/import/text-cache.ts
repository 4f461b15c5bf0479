import { cleanText, matchKey } from '../domain/text';

/**
 * Texts of one import worked out once: cleaned (cleanText) and as match keys (matchKey). A 200,000-row
 * export repeats a few thousand distinct texts — units, leaves, groups, grades, evaluators — and a
 * reader that hands the same string object for the same shared string makes each lookup a hash hit.
 */
export interface TextCache {
  clean(s: string): string;
  key(s: string): string;
}

/** Texts longer than this are worked out every time (a pasted paragraph is not a repeated name). */
const LONGEST_KEPT = 200;

/**
 * A function of a text, remembered for texts up to LONGEST_KEPT characters; at `limit` entries the
 * memory starts over, so a sheet of all-different texts costs what it did without the cache.
 */
export function memoText<T>(f: (s: string) => T, limit = 50_000): (s: string) => T {
  let seen = new Map<string, T>();
  return (s) => {
    if (s.length > LONGEST_KEPT) return f(s);
    const hit = seen.get(s);
    if (hit !== undefined || seen.has(s)) return hit as T;
    const v = f(s);
    if (seen.size >= limit) seen = new Map();
    seen.set(s, v);
    return v;
  };
}

export function createTextCache(): TextCache {
  return { clean: memoText(cleanText), key: memoText(matchKey) };
}
