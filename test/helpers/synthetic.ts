import type { CycleData, ItemRow, RatingRow, SurveyRow, ValueRow } from '../../shared/domain/data';
import type { MethodKey } from '../../shared/domain/method';
import { defaultRules } from '../../shared/domain/rules';
import type { Category, EvaluatorGroup, Indicator, Scheme, Target } from '../../shared/domain/scheme';
import { rng } from './random';

export interface SyntheticSize {
  categories: number;
  targets: number;
  /** Weighted leaves (bonus, deduction and veto leaves come on top). */
  leaves: number;
  ratings: number;
  seed: number;
}

const CYCLE: MethodKey[] = [
  'efficacy',
  'direct',
  'targetRatio',
  'growth',
  'rankPoints',
  'threshold',
  'rating',
  'satisfaction',
];

/**
 * A cycle of the given size using every method: integer weights summing to 100 in every category,
 * complete data, ratings spread over four evaluator groups, a few bonus, deduction and veto items.
 */
export function syntheticCycle(size: SyntheticSize): { scheme: Scheme; data: CycleData } {
  const random = rng(size.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const categories: Category[] = Array.from({ length: size.categories }, (_, i) => ({
    code: `K${i + 1}`,
    name: `类别${i + 1}`,
  }));
  const targets: Target[] = Array.from({ length: size.targets }, (_, i) => ({
    code: `U${i + 1}`,
    name: `单位${i + 1}`,
    aliases: [],
    category: (categories[i % categories.length] as Category).code,
    exemptReason: i === 7 ? '新组建' : null,
    parent: null,
  }));
  const groups: EvaluatorGroup[] = [
    { code: 'LD', name: '市级领导', weight: 0.4 },
    { code: 'BM', name: '部门互评', weight: 0.3 },
    { code: 'FW', name: '服务对象', weight: 0.2 },
    { code: 'DB', name: '两代表一委员', weight: 0.1 },
  ];
  // Integer weights: 100 = q·L + r, so r leaves get q + 1 and the rest q.
  const q = Math.floor(100 / size.leaves);
  const r = 100 - q * size.leaves;
  const indicators: Indicator[] = [];
  const tops = ['A', 'B', 'C', 'D'];
  for (const t of tops)
    indicators.push({
      code: t,
      name: `一级${t}`,
      parent: null,
      method: null,
      direction: '+',
      params: {},
      provider: null,
      weights: {},
    });
  for (let i = 0; i < size.leaves; i++) {
    const method = CYCLE[i % CYCLE.length] as MethodKey;
    const w = i < r ? q + 1 : q;
    const params: Record<string, string> = {};
    if (method === 'threshold')
      Object.assign(params, { bounds: '90|75|60', scores: '1|0.8|0.6', else: '0.4' });
    if (method === 'targetRatio') params.cap = '1.2';
    if (method === 'growth') params.levelWeight = '0.3';
    if (method === 'rankPoints') Object.assign(params, { step: '0.01', floor: '0.5' });
    if (method === 'efficacy' && i % 3 === 0) params.missing = 'peerMean';
    indicators.push({
      code: `L${i + 1}`,
      name: `指标${i + 1}`,
      parent: tops[i % tops.length] as string,
      method,
      direction: method === 'efficacy' && i % 2 === 1 ? '-' : '+',
      params,
      provider: null,
      weights: Object.fromEntries(categories.map((c) => [c.code, w])),
    });
  }
  const capAll = (cap: number) => Object.fromEntries(categories.map((c) => [c.code, cap]));
  indicators.push(
    {
      code: 'E',
      name: '加分',
      parent: null,
      method: 'bonus',
      direction: '+',
      params: {},
      provider: null,
      weights: capAll(3),
    },
    {
      code: 'F',
      name: '扣分',
      parent: null,
      method: 'deduction',
      direction: '+',
      params: {},
      provider: null,
      weights: capAll(5),
    },
    {
      code: 'G',
      name: '一票否决',
      parent: null,
      method: 'veto',
      direction: '+',
      params: {},
      provider: null,
      weights: capAll(1),
    },
  );

  const values: ValueRow[] = [];
  const surveys: SurveyRow[] = [];
  const ratingLeaves: string[] = [];
  for (const ind of indicators) {
    if (ind.method === null) continue;
    for (const t of targets) {
      const skill = 0.5 + ((Number(t.code.slice(1)) * 7919) % 100) / 200;
      const noise = () => 0.85 + 0.3 * random();
      switch (ind.method) {
        case 'direct':
          values.push({
            target: t.code,
            indicator: ind.code,
            value: Math.round((ind.weights.K1 ?? 1) * skill * 100) / 100,
            targetValue: null,
            baseline: null,
          });
          break;
        case 'targetRatio':
          values.push({
            target: t.code,
            indicator: ind.code,
            value: Math.round(100 * skill * noise() * 10) / 10,
            targetValue: 80,
            baseline: null,
          });
          break;
        case 'growth':
          values.push({
            target: t.code,
            indicator: ind.code,
            value: Math.round(120 * skill * noise()),
            targetValue: null,
            baseline: 80 + Math.floor(random() * 40),
          });
          break;
        case 'efficacy':
          // one value in fifty missing: the peerMean leaves fill it, the others would block
          if (ind.params.missing === 'peerMean' && random() < 0.02) break;
          values.push({
            target: t.code,
            indicator: ind.code,
            value: Math.round(1000 * skill * noise()) / 10,
            targetValue: null,
            baseline: null,
          });
          break;
        case 'rankPoints':
        case 'threshold':
          values.push({
            target: t.code,
            indicator: ind.code,
            value: Math.round(100 * skill * noise() * 10) / 10,
            targetValue: null,
            baseline: null,
          });
          break;
        case 'satisfaction': {
          const n = 200;
          const vs = Math.floor(n * 0.5 * skill * noise());
          const s = Math.floor((n - vs) * 0.6);
          const b = Math.floor((n - vs - s) * 0.6);
          surveys.push({
            target: t.code,
            indicator: ind.code,
            counts: {
              verySatisfied: vs,
              satisfied: s,
              basic: b,
              dissatisfied: n - vs - s - b,
              unknown: Math.floor(random() * 20),
            },
          });
          break;
        }
        case 'rating':
          ratingLeaves.push(ind.code);
          break;
        default:
          break;
      }
    }
  }
  const unique = [...new Set(ratingLeaves)];
  const ratings: RatingRow[] = [];
  const words = ['优秀', '良好', '一般', '较差'];
  // Ratings walk the (target, leaf, group) combinations in turn, so that every group rates every
  // target on every rating leaf once there are enough ratings (as in a real cycle).
  const combos = targets.length * unique.length * groups.length;
  for (let k = 0; k < size.ratings; k++) {
    const c = k % combos;
    const t = targets[Math.floor(c / (unique.length * groups.length))] as Target;
    const leaf = unique[Math.floor(c / groups.length) % unique.length] as string;
    const g = groups[c % groups.length] as EvaluatorGroup;
    const roll = random();
    ratings.push({
      evaluator: `评价人${k % 97}`,
      evaluatorTarget: null,
      group: g.code,
      target: t.code,
      indicator: leaf,
      grade: roll < 0.02 ? null : roll < 0.1 ? Math.round(60 + 40 * random()) : pick(words),
    });
  }
  // With fewer ratings than combinations, a leader's 良好 fills each gap so no target lacks a rating.
  if (size.ratings < combos)
    for (const leaf of unique)
      for (const t of targets)
        for (const g of groups)
          ratings.push({
            evaluator: '补充',
            evaluatorTarget: null,
            group: g.code,
            target: t.code,
            indicator: leaf,
            grade: '良好',
          });
  const items: ItemRow[] = [];
  for (let k = 0; k < Math.max(3, Math.floor(size.targets / 20)); k++) {
    const t = pick(targets).code;
    items.push({
      target: t,
      indicator: pick(['E', 'F']),
      points: Math.round(random() * 20) / 10,
      reason: `事项${k}`,
      docNo: `文号${k}`,
    });
  }
  items.push({ target: 'U3', indicator: 'G', points: null, reason: '较大生产安全责任事故', docNo: '' });
  return {
    scheme: { name: '合成周期', rules: defaultRules(), categories, targets, indicators, groups },
    data: { values, ratings, surveys, items },
  };
}
