import type { EvaluatorGroup, Indicator, Scheme, Target } from '../domain/scheme';
import { matchKey } from '../domain/text';
import { nearest } from './suggest';
import { memoText } from './text-cache';

export type MatchedBy = 'code' | 'name' | 'alias';

/**
 * Finds targets by what a sheet calls them: code first, then name, then alias (SPEC §6), comparing
 * without spaces, case or full-width forms.
 */
export function createTargetMatcher(targets: readonly Target[]) {
  const byCode = new Map<string, Target>();
  const byName = new Map<string, Target>();
  const byAlias = new Map<string, Target>();
  for (const t of targets) {
    byCode.set(matchKey(t.code), t);
    byName.set(matchKey(t.name), t);
    for (const a of t.aliases) byAlias.set(matchKey(a), t);
  }
  // the same few hundred names come on every row of a long sheet: each is looked up once
  const match = memoText((text: string): { target: Target; by: MatchedBy } | null => {
    const k = matchKey(text);
    if (k === '') return null;
    const c = byCode.get(k);
    if (c) return { target: c, by: 'code' };
    const n = byName.get(k);
    if (n) return { target: n, by: 'name' };
    const a = byAlias.get(k);
    if (a) return { target: a, by: 'alias' };
    return null;
  });
  return {
    match,
    /** The target a near-miss text most likely means (see nearest), to offer, never to apply. */
    suggest(text: string): Target | null {
      return nearest(
        text,
        targets.flatMap((t) => [
          { key: t.name, item: t },
          { key: t.code, item: t },
          ...t.aliases.map((a) => ({ key: a, item: t })),
        ]),
      );
    },
  };
}
export type TargetMatcher = ReturnType<typeof createTargetMatcher>;

/** Strips a unit in brackets at the end of a header: 地区生产总值增速（%） → 地区生产总值增速. */
const stripUnit = (s: string) => s.replace(/\s*[（(][^（）()]*[）)]\s*$/, '');

/**
 * Finds indicators by code or name; a header may also carry both ("A1 地区生产总值增速") or a unit
 * in brackets ("实际使用外资（亿美元）").
 */
export function createIndicatorMatcher(indicators: readonly Indicator[]) {
  const byCode = new Map<string, Indicator>();
  const byName = new Map<string, Indicator>();
  for (const i of indicators) {
    byCode.set(matchKey(i.code), i);
    if (!byName.has(matchKey(i.name))) byName.set(matchKey(i.name), i);
  }
  const direct = (text: string): Indicator | null =>
    byCode.get(matchKey(text)) ?? byName.get(matchKey(text)) ?? null;
  return {
    all: indicators,
    match: memoText((text: string): Indicator | null => {
      const t = text.trim();
      if (t === '') return null;
      const found = direct(t) ?? direct(stripUnit(t));
      if (found) return found;
      const m = /^(\S+)[\s:：、.．-]+(.+)$/.exec(t); // "A1 名称", "A1、名称"
      if (m) {
        const byBoth = byCode.get(matchKey(m[1] as string));
        if (byBoth) return byBoth;
      }
      return null;
    }),
  };
}
export type IndicatorMatcher = ReturnType<typeof createIndicatorMatcher>;

export function createGroupMatcher(groups: readonly EvaluatorGroup[]) {
  return {
    match: memoText((text: string): EvaluatorGroup | null => {
      const k = matchKey(text);
      return groups.find((g) => matchKey(g.code) === k) ?? groups.find((g) => matchKey(g.name) === k) ?? null;
    }),
  };
}

/** The three matchers of a scheme. */
export type Matchers = ReturnType<typeof createMatchers>;
export function createMatchers(scheme: Scheme) {
  return {
    targets: createTargetMatcher(scheme.targets),
    indicators: createIndicatorMatcher(scheme.indicators),
    groups: createGroupMatcher(scheme.groups),
  };
}
