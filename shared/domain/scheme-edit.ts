import { isWeighted } from './method';
import type { Indicator, Scheme } from './scheme';

/**
 * Editing a scheme in the window, as pure functions of the scheme (each returns a new one): the
 * indicator tree's operations, and the live sums of the weight matrix.
 */

/** Codes of an indicator and everything under it. */
export function subtree(scheme: Scheme, code: string): Set<string> {
  const out = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of scheme.indicators)
      if (i.parent !== null && out.has(i.parent) && !out.has(i.code)) {
        out.add(i.code);
        grew = true;
      }
  }
  return out;
}

/** A code not yet used: the parent's code with a two-digit number (A → A01, A01 → A0101), or N1… at the top. */
export function nextCode(scheme: Scheme, parent: string | null): string {
  const used = new Set(scheme.indicators.map((i) => i.code));
  const prefix = parent ?? '';
  for (let n = 1; n < 10_000; n++) {
    const code =
      parent === null
        ? String.fromCharCode(64 + Math.min(n, 26)) + (n > 26 ? n : '')
        : `${prefix}${String(n).padStart(2, '0')}`;
    if (!used.has(code)) return code;
  }
  throw new Error('no free indicator code');
}

/** Tree order: each node followed by its children, siblings as listed. */
export function treeOrder(scheme: Scheme): Indicator[] {
  const out: Indicator[] = [];
  const visit = (parent: string | null) => {
    for (const i of scheme.indicators)
      if (i.parent === parent) {
        out.push(i);
        visit(i.code);
      }
  };
  visit(null);
  // anything unreachable (a broken parent) is kept at the end rather than lost
  for (const i of scheme.indicators) if (!out.includes(i)) out.push(i);
  return out;
}

/** Depth of an indicator in the tree (0 at the top). */
export function depthOf(scheme: Scheme, code: string): number {
  const byCode = new Map(scheme.indicators.map((i) => [i.code, i]));
  let d = 0;
  for (let p = byCode.get(code)?.parent ?? null; p !== null && d < 50; p = byCode.get(p)?.parent ?? null) d++;
  return d;
}

/** Adds a new leaf under `parent` (null: at the top), after its last sibling. */
export function addIndicator(
  scheme: Scheme,
  parent: string | null,
  name = '新指标',
): { scheme: Scheme; code: string } {
  const code = nextCode(scheme, parent);
  const ind: Indicator = {
    code,
    name,
    parent,
    method: parent === null ? null : 'direct',
    direction: '+',
    params: {},
    provider: null,
    weights: {},
  };
  const order = treeOrder(scheme);
  const inParent = subtree(scheme, parent ?? '');
  let at = scheme.indicators.length;
  if (parent !== null) {
    const last = [...order].reverse().find((i) => inParent.has(i.code));
    if (last) at = scheme.indicators.indexOf(last) + 1;
  }
  const indicators = [...scheme.indicators];
  indicators.splice(at, 0, ind);
  // a leaf that gets a child becomes an internal node: no method of its own
  const withParent = indicators.map((i) =>
    i.code === parent && i.method !== null ? { ...i, method: null, params: {} } : i,
  );
  return { scheme: { ...scheme, indicators: withParent }, code };
}

/** Removes an indicator with everything under it. */
export function removeIndicator(scheme: Scheme, code: string): Scheme {
  const gone = subtree(scheme, code);
  return {
    ...scheme,
    indicators: scheme.indicators.filter((i) => !gone.has(i.code)),
    rules: { ...scheme.rules, tieBreakers: scheme.rules.tieBreakers.filter((c) => !gone.has(c)) },
  };
}

/** Moves an indicator one place up or down among its siblings. */
export function moveIndicator(scheme: Scheme, code: string, by: -1 | 1): Scheme {
  const me = scheme.indicators.find((i) => i.code === code);
  if (!me) return scheme;
  const siblings = scheme.indicators.filter((i) => i.parent === me.parent);
  const k = siblings.indexOf(me);
  const other = siblings[k + by];
  if (!other) return scheme;
  const indicators = [...scheme.indicators];
  const a = indicators.indexOf(me);
  const b = indicators.indexOf(other);
  indicators[a] = other;
  indicators[b] = me;
  return { ...scheme, indicators };
}

/** Puts an indicator (with its subtree) under another parent; refused (unchanged) into its own subtree. */
export function reparentIndicator(scheme: Scheme, code: string, parent: string | null): Scheme {
  if (parent !== null && subtree(scheme, code).has(parent)) return scheme;
  return { ...scheme, indicators: scheme.indicators.map((i) => (i.code === code ? { ...i, parent } : i)) };
}

export function updateIndicator(scheme: Scheme, code: string, patch: Partial<Indicator>): Scheme {
  return { ...scheme, indicators: scheme.indicators.map((i) => (i.code === code ? { ...i, ...patch } : i)) };
}

/** Per category: the points of its weighted leaves, against the full score. */
export function categorySums(scheme: Scheme): Map<string, { sum: number; ok: boolean }> {
  const parents = new Set(scheme.indicators.map((i) => i.parent).filter((p): p is string => p !== null));
  const out = new Map<string, { sum: number; ok: boolean }>();
  for (const c of scheme.categories) {
    let sum = 0;
    for (const i of scheme.indicators)
      if (i.method !== null && isWeighted(i.method) && !parents.has(i.code)) sum += i.weights[c.code] ?? 0;
    sum = Math.round(sum * 1e6) / 1e6;
    out.set(c.code, { sum, ok: Math.abs(sum - scheme.rules.fullScore) < 1e-6 });
  }
  return out;
}

/** What a structured issue ref (`weight:A01@QS`) points at, in the editor's words; a category's weight sum is a matter of the weight matrix. */
export function describeRef(
  scheme: Scheme,
  ref: string,
  code = '',
): { tab: 'targets' | 'indicators' | 'weights' | 'groups' | 'rules' | null; text: string } {
  const [kind, rest = ''] = ref.split(/:(.*)/s) as [string, string?];
  const ind = (c: string) => scheme.indicators.find((i) => i.code === c);
  const cat = (c: string) => scheme.categories.find((x) => x.code === c);
  switch (kind) {
    case 'category':
      return code === 'WEIGHT_SUM'
        ? { tab: 'weights', text: `权重合计 / ${cat(rest)?.name ?? rest}` }
        : { tab: 'targets', text: `类别 ${cat(rest)?.name ?? rest}` };
    case 'target':
      return { tab: 'targets', text: `对象 ${scheme.targets.find((t) => t.code === rest)?.name ?? rest}` };
    case 'indicator':
      return { tab: 'indicators', text: `指标 ${rest} ${ind(rest)?.name ?? ''}`.trim() };
    case 'weight': {
      const [i, c] = rest.split('@') as [string, string];
      return { tab: 'weights', text: `权重 ${ind(i)?.name ?? i} / ${cat(c)?.name ?? c}` };
    }
    case 'group':
      return { tab: 'groups', text: `评价主体 ${scheme.groups.find((g) => g.code === rest)?.name ?? rest}` };
    case 'rule':
      return { tab: 'rules', text: `规则 ${rest}` };
    default:
      return { tab: null, text: ref };
  }
}
