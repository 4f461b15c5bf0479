import { isWeighted } from './method';
import type { Indicator, Scheme } from './scheme';
import { treeOrder } from './scheme-edit';

/**
 * 赋权方法: how a set of weights was derived. Stored with the audit entry of the change, and named in
 * the window's preview; the scheme itself keeps ordinary points.
 */
export const DERIVATION_METHODS = ['ahp', 'entropy', 'critic', 'combined'] as const;
export type DerivationMethod = (typeof DERIVATION_METHODS)[number];
export const DERIVATION_LABELS: Record<DerivationMethod, string> = {
  ahp: '层次分析法',
  entropy: '熵权法',
  critic: 'CRITIC 法',
  combined: '主客观组合赋权',
};

/** A weighted leaf the weighting tool may move, with its points in the chosen category. */
export interface PlanLeaf {
  code: string;
  name: string;
  /** The child of the chosen node it lies under (itself when it is a child). */
  child: string;
  points: number;
  direction: '+' | '-';
}

/** The children of a node that carry weighted leaves in a category, and those leaves. */
export interface WeightScope {
  category: string;
  /** The node whose points are shared out; null for the whole tree (the full score). */
  parent: string | null;
  children: { code: string; name: string; points: number; leaves: PlanLeaf[] }[];
  /** Σ points of the scope's leaves: what the new weights add up to again. */
  total: number;
}

/**
 * The scope of a weighting: the children of `parent` (the 一级 indicators when null) that have a
 * weighted leaf applied to `category`, each with those leaves in tree order. Bonus, deduction and
 * veto leaves are not weights and never in a scope.
 */
export function weightScope(scheme: Scheme, category: string, parent: string | null): WeightScope {
  const byCode = new Map(scheme.indicators.map((i) => [i.code, i]));
  const childOf = (i: Indicator): string | null => {
    let c: Indicator | undefined = i;
    // (a broken tree with a loop in it is refused by prepareScheme; here it just ends the walk)
    for (let d = 0; c && c.parent !== parent; d++)
      c = c.parent === null || d > 50 ? undefined : byCode.get(c.parent);
    return c ? c.code : null;
  };
  const children = new Map<string, WeightScope['children'][number]>();
  const order = treeOrder(scheme);
  for (const i of order)
    if (i.parent === parent) children.set(i.code, { code: i.code, name: i.name, points: 0, leaves: [] });
  for (const i of order) {
    if (i.method === null || !isWeighted(i.method)) continue;
    const points = i.weights[category];
    if (points === undefined) continue;
    const child = childOf(i);
    const c = child === null ? undefined : children.get(child);
    if (!c || child === null) continue;
    c.leaves.push({ code: i.code, name: i.name, child, points, direction: i.direction });
    c.points += points;
  }
  const list = [...children.values()].filter((c) => c.leaves.length > 0);
  return { category, parent, children: list, total: list.reduce((a, c) => a + c.points, 0) };
}

/**
 * Shares a total out in steps of 10^−decimals by the largest-remainder method (Hamilton): each share
 * gets the floor of its exact amount, the steps left over go to the largest remainders (earlier
 * first on a tie), so the parts add up to the total exactly. Shares need not sum to 1.
 * Example: shares 1, 1, 1 of 100 with 0 decimals → 34, 33, 33.
 */
export function allocatePoints(shares: readonly number[], total: number, decimals: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || shares.some((s) => !(s >= 0)))
    throw new RangeError('shares must be non-negative with a positive sum');
  const unit = 10 ** decimals;
  const steps = Math.round(total * unit);
  const exact = shares.map((s) => (s / sum) * steps);
  const parts = exact.map((x) => Math.floor(x + 1e-9));
  let left = steps - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, k) => ({ k, r: x - (parts[k] as number) }))
    .sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { k } of byRemainder) {
    if (left <= 0) break;
    parts[k] = (parts[k] as number) + 1;
    left--;
  }
  return parts.map((p) => Number((p / unit).toFixed(decimals)));
}

/** Decimals a number of points is written with (12.5 → 1; at most 6). */
export function decimalsOf(x: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Number(x.toFixed(d)) - x) < 1e-9) return d;
  return 6;
}

/** A leaf's points before and after a derivation. */
export interface WeightChange {
  indicator: string;
  name: string;
  before: number;
  after: number;
}

/**
 * New points for the leaves of a scope. `shares` holds one share per child of the scope (AHP on the
 * children) or one per leaf (entropy, CRITIC, or a combination at leaf level), in scope order. A
 * child's share is spread over its leaves in proportion to their current points (evenly when they
 * have none), then all leaves are rounded together so the scope keeps its total.
 */
export function planWeights(
  scope: WeightScope,
  shares: readonly number[],
  per: 'child' | 'leaf',
  decimals: number,
): WeightChange[] {
  const leaves = scope.children.flatMap((c) => c.leaves);
  let leafShares: number[];
  if (per === 'leaf') {
    if (shares.length !== leaves.length) throw new RangeError('one share per leaf');
    leafShares = [...shares];
  } else {
    if (shares.length !== scope.children.length) throw new RangeError('one share per child');
    const total = shares.reduce((a, b) => a + b, 0);
    leafShares = scope.children.flatMap((c, k) =>
      c.leaves.map(
        (l) => ((shares[k] as number) / total) * (c.points > 0 ? l.points / c.points : 1 / c.leaves.length),
      ),
    );
  }
  // never coarser than the total itself: 12.5 points cannot be shared out in whole points
  const after = allocatePoints(leafShares, scope.total, Math.max(decimals, decimalsOf(scope.total)));
  return leaves.map((l, k) => ({
    indicator: l.code,
    name: l.name,
    before: l.points,
    after: after[k] as number,
  }));
}

/**
 * The scheme with a category's leaves set to new points, and the points written on the internal
 * nodes above them (a node's points are the sum of its leaves') brought along.
 */
export function withWeights(scheme: Scheme, category: string, changes: readonly WeightChange[]): Scheme {
  const next = new Map(changes.map((c) => [c.indicator, c.after]));
  const indicators = scheme.indicators.map((i) =>
    next.has(i.code) ? { ...i, weights: { ...i.weights, [category]: next.get(i.code) as number } } : i,
  );
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const sums = new Map<string, number>();
  const touched = new Set<string>();
  for (const i of indicators) {
    if (i.method === null || !isWeighted(i.method) || i.weights[category] === undefined) continue;
    let p = i.parent;
    for (let d = 0; p !== null && d < 50; d++) {
      sums.set(p, (sums.get(p) ?? 0) + (i.weights[category] as number));
      if (next.has(i.code)) touched.add(p);
      p = byCode.get(p)?.parent ?? null;
    }
  }
  return {
    ...scheme,
    indicators: indicators.map((i) =>
      touched.has(i.code) && i.method === null && i.weights[category] !== undefined
        ? { ...i, weights: { ...i.weights, [category]: Number((sums.get(i.code) as number).toFixed(6)) } }
        : i,
    ),
  };
}

/**
 * 直接计分 leaves whose points a derivation changes, when data for them are already held. Such a
 * leaf without a 满分值 (maxRaw) is scored out of its points (s = x / points), so its providers
 * filled in values out of the old points: the new points must not change that scale. When the leaf
 * has those same points in every category it applies to, maxRaw is set to them (the values keep
 * their meaning and count as their share of the new points); otherwise no single maxRaw fits every
 * category, and the change is refused with what to do. Without held data nothing is needed: the
 * templates ask for values out of the new points.
 */
export function settleDirectLeaves(
  scheme: Scheme,
  category: string,
  changes: readonly WeightChange[],
  held: (indicator: string) => boolean,
): { scheme: Scheme; pinned: string[]; problems: string[] } {
  const pinned: string[] = [];
  const problems: string[] = [];
  const names = new Map(scheme.categories.map((c) => [c.code, c.name]));
  const moved = new Map(changes.filter((c) => c.before !== c.after).map((c) => [c.indicator, c]));
  const indicators = scheme.indicators.map((i) => {
    const c = moved.get(i.code);
    if (!c || i.method !== 'direct' || (i.params.maxRaw ?? '').trim() !== '' || !held(i.code)) return i;
    const others = Object.entries(i.weights).filter(([cat]) => cat !== category);
    if (others.every(([, w]) => w === c.before)) {
      pinned.push(i.code);
      return { ...i, params: { ...i.params, maxRaw: String(c.before) } };
    }
    const scales = [[category, c.before] as const, ...others]
      .map(([cat, w]) => `${names.get(cat) ?? cat} ${w}`)
      .join('、');
    problems.push(
      `直接计分指标 ${i.code}（${i.name}）没有填写满分值，已导入的数据按各类别的分值填报（${scales}）；改为 ${c.after} 分后这些数据无法再按原满分计分。请先在指标体系中为它填写满分值（各类别填报的满分相同时），或在重新收集数据前调整权重`,
    );
    return i;
  });
  return { scheme: { ...scheme, indicators }, pinned, problems };
}
