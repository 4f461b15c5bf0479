import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MethodParams } from '../domain/method';
import { isWeighted, METHOD_LABELS, parseMethodParams } from '../domain/method';
import type { Indicator, Scheme, Target } from '../domain/scheme';
import type { Rules } from '../domain/rules';
import { RULE_LABELS } from '../domain/rules';
import { isGrade } from '../domain/grade';
import { matchKey } from '../domain/text';
import { compareCodes } from './stats';

/**
 * Structured references of scheme problems. The workbook importer maps them to `Sheet!Cell`,
 * the window to the row being edited:
 *   `category:QS`  `target:QS01`  `indicator:A1`  `weight:A1@QS`  `group:LD`  `rule:bottomN`
 */
export const ref = {
  category: (c: string) => `category:${c}`,
  target: (t: string) => `target:${t}`,
  indicator: (i: string) => `indicator:${i}`,
  weight: (i: string, c: string) => `weight:${i}@${c}`,
  group: (g: string) => `group:${g}`,
  rule: (r: string) => `rule:${r}`,
};

/** A leaf with its parameters typed and its path from the root. */
export interface PreparedLeaf {
  indicator: Indicator;
  params: MethodParams;
  /** Codes of the internal nodes above the leaf, root first. */
  ancestors: string[];
  /** The 一级 node the leaf belongs to (the leaf itself when it sits at the top). */
  top: string;
  /** Position of `top` among the root nodes of the tree. */
  topIndex: number;
}

export interface PreparedScheme {
  scheme: Scheme;
  /** Leaves in tree order (depth first, in the order the scheme lists siblings). */
  leaves: PreparedLeaf[];
  /** Internal nodes and leaves in tree order. */
  order: Indicator[];
  /** Top-level nodes that hold weighted leaves, in tree order: the 一级 subtotal columns. */
  topNodes: Indicator[];
  targetsByCategory: Map<string, Target[]>;
  indicatorByCode: Map<string, Indicator>;
  targetByCode: Map<string, Target>;
  /** Every target by code order; data are indexed by position here. */
  targets: Target[];
  targetIndex: Map<string, number>;
  /** Evaluator group code → position in the scheme's list. */
  groupIndex: Map<string, number>;
  /** Root node code → position among the roots (PreparedLeaf.topIndex). */
  rootIndex: Map<string, number>;
}

const WEIGHT_TOLERANCE = 1e-6;

/**
 * Checks a scheme and prepares it for compute. Every problem comes back as an issue (nothing
 * throws on users' data); `prepared` is null when an error makes scoring impossible.
 */
export function prepareScheme(scheme: Scheme): { prepared: PreparedScheme | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const err = (code: string, message: string, r: string) => issues.push(issue('error', code, message, r));
  const warn = (code: string, message: string, r: string) => issues.push(issue('warning', code, message, r));
  const { rules } = scheme;

  // Rules: the workbook parser checks them too, but a scheme may come from elsewhere (the window).
  checkRules(rules, err);

  // Categories
  const categoryCodes = new Set<string>();
  for (const c of scheme.categories) {
    if (c.code === '') err('EMPTY_CODE', `类别“${c.name}”缺少编码`, ref.category(c.code));
    else if (categoryCodes.has(c.code))
      err('DUPLICATE_CODE', `类别编码 ${c.code} 重复`, ref.category(c.code));
    categoryCodes.add(c.code);
    if (c.name === '') err('EMPTY_NAME', `类别 ${c.code} 缺少名称`, ref.category(c.code));
  }
  if (scheme.categories.length === 0) err('NO_CATEGORIES', '方案中没有考核类别', ref.category(''));

  // Targets: codes unique, names and aliases unambiguous, category and parent known.
  const targetByCode = new Map<string, Target>();
  const nameOwner = new Map<string, string>();
  for (const t of scheme.targets) {
    if (t.code === '') err('EMPTY_CODE', `考核对象“${t.name}”缺少编码`, ref.target(t.code));
    else if (targetByCode.has(t.code))
      err('DUPLICATE_CODE', `考核对象编码 ${t.code} 重复`, ref.target(t.code));
    targetByCode.set(t.code, t);
    if (t.name === '') err('EMPTY_NAME', `考核对象 ${t.code} 缺少名称`, ref.target(t.code));
    if (!categoryCodes.has(t.category))
      err(
        'UNKNOWN_CATEGORY',
        `考核对象 ${t.code}（${t.name}）的类别编码“${t.category}”不在考核类别中`,
        ref.target(t.code),
      );
    for (const n of [t.name, ...t.aliases]) {
      const k = matchKey(n);
      if (k === '') continue;
      const owner = nameOwner.get(k);
      if (owner !== undefined && owner !== t.code)
        err('AMBIGUOUS_NAME', `名称或别名“${n}”同时属于 ${owner} 和 ${t.code}，无法区分`, ref.target(t.code));
      nameOwner.set(k, t.code);
    }
  }
  for (const t of scheme.targets) {
    if (t.parent !== null && t.parent !== '' && !targetByCode.has(t.parent))
      err('PARENT_MISSING', `考核对象 ${t.code} 的上级编码 ${t.parent} 不存在`, ref.target(t.code));
    const k = matchKey(t.code);
    const owner = nameOwner.get(k);
    if (owner !== undefined && owner !== t.code)
      err('AMBIGUOUS_NAME', `编码 ${t.code} 与 ${owner} 的名称或别名相同`, ref.target(t.code));
  }

  // Evaluator groups
  const groupCodes = new Set<string>();
  for (const g of scheme.groups) {
    if (g.code === '') err('EMPTY_CODE', `评价主体“${g.name}”缺少编码`, ref.group(g.code));
    else if (groupCodes.has(g.code)) err('DUPLICATE_CODE', `评价主体编码 ${g.code} 重复`, ref.group(g.code));
    groupCodes.add(g.code);
    if (!(g.weight > 0)) err('BAD_WEIGHT', `评价主体 ${g.code} 的权重应为正数`, ref.group(g.code));
  }
  // weights are shares: a sum other than 1 still computes (each share is weight ÷ sum), but is
  // more often a typo than a choice
  const groupSum = scheme.groups.reduce((n, g) => n + g.weight, 0);
  if (scheme.groups.length > 0 && scheme.groups.every((g) => g.weight > 0) && Math.abs(groupSum - 1) > 1e-9)
    warn(
      'GROUP_WEIGHTS_SUM',
      `评价主体权重合计 ${Math.round(groupSum * 1e6) / 1e6}，不等于 1：计算时按各自占合计的比例折算，请核对是否笔误`,
      ref.group((scheme.groups[0] as { code: string }).code),
    );

  // Indicators: codes unique, parents present, no cycles, leaves have methods, params parse.
  const indicatorByCode = new Map<string, Indicator>();
  for (const ind of scheme.indicators) {
    if (ind.code === '') err('EMPTY_CODE', `指标“${ind.name}”缺少编码`, ref.indicator(ind.code));
    else if (indicatorByCode.has(ind.code))
      err('DUPLICATE_CODE', `指标编码 ${ind.code} 重复`, ref.indicator(ind.code));
    indicatorByCode.set(ind.code, ind);
  }
  const children = new Map<string | null, Indicator[]>();
  for (const ind of scheme.indicators) {
    let parent = ind.parent === '' ? null : ind.parent;
    if (parent !== null && !indicatorByCode.has(parent)) {
      err('PARENT_MISSING', `指标 ${ind.code} 的上级编码 ${parent} 不存在`, ref.indicator(ind.code));
      parent = null;
    }
    const list = children.get(parent) ?? [];
    list.push(ind);
    children.set(parent, list);
  }
  const order: Indicator[] = [];
  const leaves: PreparedLeaf[] = [];
  /** Every childless node with a method, its parameters sound or not: what the weight sums are made of. */
  const leafNodes: { indicator: Indicator; ancestors: string[] }[] = [];
  const visited = new Set<string>();
  const walk = (node: Indicator, ancestors: string[]) => {
    if (visited.has(node.code)) return;
    visited.add(node.code);
    order.push(node);
    const kids = children.get(node.code) ?? [];
    if (kids.length > 0) {
      if (node.method !== null)
        err(
          'METHOD_ON_INTERNAL',
          `指标 ${node.code} 有下级指标，不应填写计分方法（${METHOD_LABELS[node.method]}）`,
          ref.indicator(node.code),
        );
      for (const k of kids) walk(k, [...ancestors, node.code]);
      return;
    }
    leafNodes.push({ indicator: node, ancestors });
    if (node.method === null) {
      err('METHOD_MISSING', `末级指标 ${node.code}（${node.name}）缺少计分方法`, ref.indicator(node.code));
      return;
    }
    const parsed = parseMethodParams(node.method, node.direction, node.params);
    if (!parsed.ok) {
      err(
        'BAD_PARAM',
        `指标 ${node.code}（${node.name}）的参数有误：${parsed.message}`,
        ref.indicator(node.code),
      );
      return;
    }
    if (parsed.value.method === 'direct' && parsed.value.maxRaw === null)
      for (const [cat, w] of Object.entries(node.weights))
        if (w === 0)
          err(
            'BAD_PARAM',
            `直接计分指标 ${node.code}（${node.name}）在类别 ${cat} 的分值为 0，无法作为满分值；请填写参数 maxRaw（如 maxRaw=100），或不在该类别适用`,
            ref.weight(node.code, cat),
          );
    const top = ancestors[0] ?? node.code;
    leaves.push({ indicator: node, params: parsed.value, ancestors, top, topIndex: roots.indexOf(top) });
  };
  const roots = (children.get(null) ?? []).map((r) => r.code);
  for (const root of children.get(null) ?? []) walk(root, []);
  for (const ind of scheme.indicators)
    if (!visited.has(ind.code))
      err('PARENT_CYCLE', `指标 ${ind.code} 的上级关系形成循环`, ref.indicator(ind.code));

  // Weights: known categories, sensible values, each category summing to the full score.
  for (const ind of scheme.indicators) {
    for (const [cat, w] of Object.entries(ind.weights)) {
      if (!categoryCodes.has(cat))
        err(
          'UNKNOWN_CATEGORY',
          `指标 ${ind.code} 的权重列“${cat}”不是已有的类别编码`,
          ref.weight(ind.code, cat),
        );
      else if (!Number.isFinite(w) || w < 0)
        err('BAD_WEIGHT', `指标 ${ind.code} 在类别 ${cat} 的分值 ${w} 不能为负数`, ref.weight(ind.code, cat));
      else if (ind.method !== null && ind.method !== 'veto' && w === 0 && !isWeighted(ind.method))
        err(
          'BAD_WEIGHT',
          `指标 ${ind.code} 的${METHOD_LABELS[ind.method]}上限应大于 0`,
          ref.weight(ind.code, cat),
        );
    }
  }
  const leafSums = new Map<string, Map<string, number>>(); // node → category → Σ weighted leaves below
  // A leaf with bad parameters still counts here: one mistake should give one message, not three.
  for (const leaf of leafNodes) {
    const m = leaf.indicator.method;
    if (m !== null && !isWeighted(m)) continue; // a leaf missing its method most likely is a weighted one
    for (const [cat, w] of Object.entries(leaf.indicator.weights)) {
      for (const node of [...leaf.ancestors, leaf.indicator.code]) {
        const byCat = leafSums.get(node) ?? new Map<string, number>();
        byCat.set(cat, (byCat.get(cat) ?? 0) + w);
        leafSums.set(node, byCat);
      }
    }
  }
  // With the tree broken (a parent missing, a loop) its written subtotals cannot be checked.
  const treeBroken = issues.some((i) => i.code === 'PARENT_MISSING' && i.ref.startsWith('indicator:'));
  for (const ind of treeBroken ? [] : order) {
    if ((children.get(ind.code) ?? []).length === 0) continue;
    for (const [cat, w] of Object.entries(ind.weights)) {
      const sum = leafSums.get(ind.code)?.get(cat) ?? 0;
      if (Math.abs(sum - w) > WEIGHT_TOLERANCE)
        err(
          'NODE_WEIGHT_MISMATCH',
          `指标 ${ind.code}（${ind.name}）在类别 ${cat} 写的分值 ${w} 与其下级指标分值合计 ${round6(sum)} 不一致`,
          ref.weight(ind.code, cat),
        );
    }
  }
  for (const c of scheme.categories) {
    let sum = 0;
    for (const leaf of leafNodes) {
      const m = leaf.indicator.method;
      const w = leaf.indicator.weights[c.code];
      if ((m === null || isWeighted(m)) && w !== undefined) sum += w;
    }
    if (Math.abs(sum - rules.fullScore) > WEIGHT_TOLERANCE)
      err(
        'WEIGHT_SUM',
        `类别 ${c.code}（${c.name}）的指标分值合计为 ${round6(sum)}，应等于满分 ${rules.fullScore}（加分、扣分和一票否决项不计入）`,
        ref.category(c.code),
      );
  }

  // Rating leaves need evaluator groups; a `groups` parameter names known ones.
  for (const leaf of leaves) {
    if (leaf.params.method !== 'rating') continue;
    if (scheme.groups.length === 0)
      err(
        'NO_GROUPS',
        `评议指标 ${leaf.indicator.code} 需要评价主体，但方案中没有评价主体`,
        ref.indicator(leaf.indicator.code),
      );
    for (const g of leaf.params.groups ?? [])
      if (!groupCodes.has(g))
        err(
          'UNKNOWN_GROUP',
          `指标 ${leaf.indicator.code} 的参数 groups 中的评价主体 ${g} 不存在`,
          ref.indicator(leaf.indicator.code),
        );
  }

  // Rules that name other things.
  for (const code of rules.tieBreakers)
    if (!indicatorByCode.has(code))
      err('UNKNOWN_INDICATOR', `并列比较指标 ${code} 不存在`, ref.rule('tieBreakers'));
  const groupNames = new Set<string>();
  for (const g of rules.combinedGroups) {
    if (categoryCodes.has(g.code) || groupNames.has(g.code))
      err('DUPLICATE_CODE', `合并排名组编码 ${g.code} 与类别或其他组重复`, ref.rule('combinedGroups'));
    groupNames.add(g.code);
    for (const c of g.categories)
      if (!categoryCodes.has(c))
        err('UNKNOWN_CATEGORY', `合并排名组 ${g.code} 中的类别 ${c} 不存在`, ref.rule('combinedGroups'));
  }

  const targetsByCategory = new Map<string, Target[]>();
  for (const c of scheme.categories) targetsByCategory.set(c.code, []);
  const targets = [...targetByCode.values()].sort((a, b) => compareCodes(a.code, b.code));
  for (const t of targets) targetsByCategory.get(t.category)?.push(t);
  for (const c of scheme.categories)
    if ((targetsByCategory.get(c.code) ?? []).length === 0)
      warn('EMPTY_CATEGORY', `类别 ${c.code}（${c.name}）下没有考核对象`, ref.category(c.code));

  const topNodes = (children.get(null) ?? []).filter((top) =>
    leaves.some((l) => l.top === top.code && l.indicator.method !== null && isWeighted(l.indicator.method)),
  );

  if (issues.some((i) => i.level === 'error')) return { prepared: null, issues };
  return {
    prepared: {
      scheme,
      leaves,
      order,
      topNodes,
      targetsByCategory,
      indicatorByCode,
      targetByCode,
      targets,
      targetIndex: new Map(targets.map((t, i) => [t.code, i])),
      groupIndex: new Map(scheme.groups.map((g, i) => [g.code, i])),
      rootIndex: new Map(roots.map((r, i) => [r, i])),
    },
    issues,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Each rule within what the engine can work with. */
function checkRules(rules: Rules, err: (code: string, message: string, r: string) => void): void {
  const int = (key: keyof Rules, min: number, max: number) => {
    const v = rules[key] as number;
    if (!Number.isInteger(v) || v < min || v > max)
      err(
        'BAD_RULE',
        `规则 ${key}（${RULE_LABELS[key]}）为 ${v}，应为 ${min}–${max} 之间的整数`,
        ref.rule(key),
      );
  };
  if (!(rules.fullScore > 0) || !Number.isFinite(rules.fullScore))
    err('BAD_RULE', `满分应为正数（现为 ${rules.fullScore}）`, ref.rule('fullScore'));
  int('precision', 0, 6);
  int('bottomN', 0, 100000);
  int('trimMin', 3, 100000);
  int('riseBy', 1, 100000);
  int('fallBy', 1, 100000);
  if (!(rules.excellentQuota >= 0 && rules.excellentQuota <= 1))
    err('BAD_RULE', `优秀比例应在 0–100% 之间（现为 ${rules.excellentQuota}）`, ref.rule('excellentQuota'));
  if (!Number.isFinite(rules.poorBelow)) err('BAD_RULE', '较差分数线应为数值', ref.rule('poorBelow'));
  if (rules.excellentMin !== null && !Number.isFinite(rules.excellentMin))
    err('BAD_RULE', '优秀最低分应为数值或“无”', ref.rule('excellentMin'));
  for (const [word, points] of Object.entries(rules.gradePoints))
    if (!(points >= 0 && points <= 100))
      err('BAD_RULE', `等次“${word}”的分值 ${points} 应在 0–100 之间`, ref.rule('gradePoints'));
  if (!isGrade(rules.bottomGrade))
    err('BAD_RULE', `末位等次“${rules.bottomGrade}”不是等次`, ref.rule('bottomGrade'));
}
