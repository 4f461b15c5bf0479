import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MissingPolicy } from '../domain/method';
import { MISSING_LABELS } from '../domain/method';
import type { Rules } from '../domain/rules';
import type { EvaluatorGroup, Target } from '../domain/scheme';
import type { DataIndex } from './data-index';
import { valueField } from './data-index';
import { directInRange, directScore } from './methods/direct';
import { dataBounds, efficacyBounds, efficacyScore } from './methods/efficacy';
import { growthRate } from './methods/growth';
import { competitionRanks, rankPointsScore } from './methods/rank-points';
import { satisfactionRate } from './methods/satisfaction';
import { targetRatioScore } from './methods/target-ratio';
import { thresholdScore } from './methods/threshold';
import type { PreparedLeaf } from './prepare';
import { clamp, mean, minOf } from './stats';

/**
 * Scores of one leaf for the members of one category, by member position. NaN stands for "none"
 * (typed arrays: a category may hold thousands of targets and a cycle sixty leaves).
 */
export interface LeafScores {
  raw: Float64Array;
  score: Float64Array;
  imputed: (MissingPolicy | null)[];
}

export interface LeafContext {
  leaf: PreparedLeaf;
  /** The category's targets, exempt and vetoed ones included: they are all peers. */
  members: readonly Target[];
  /** Position of each member in PreparedScheme.targets, which the data index is by. */
  memberIndex: readonly number[];
  /** The leaf's weight in this category (maxRaw of a direct leaf defaults to it). */
  weight: number;
  index: DataIndex;
  rules: Rules;
  groups: readonly EvaluatorGroup[];
}

/** A target's state on the leaf: no value (yet), a value, or a value refused. */
const MISSING = 0;
const OK = 1;
const INVALID = 2;

/**
 * Scores one weighted leaf for every target of one category: reads each target's data, applies the
 * method among the peers that have a value, then fills the gaps by the leaf's missing-value policy
 * (applied to the normalised score, so that "lowest" means worst for either direction).
 */
export function scoreLeaf(ctx: LeafContext): { scores: LeafScores; issues: Issue[] } {
  const { leaf, members, memberIndex, weight, index, rules } = ctx;
  const code = leaf.indicator.code;
  const dir = leaf.indicator.direction;
  const p = leaf.params;
  const n = members.length;
  const issues: Issue[] = [];
  // typed arrays, NaN for none: a big cycle scores 300,000 target-leaves, and boxed numbers in
  // arrays that also hold null would each be an allocation
  const raw = new Float64Array(n).fill(NaN);
  const score = new Float64Array(n).fill(NaN);
  const state = new Uint8Array(n); // MISSING, OK or INVALID
  /** What a target without a value lacks, when not its data (数据). */
  const missingWhat = new Map<number, string>();
  const lacks = (i: number) => missingWhat.get(i) ?? '数据';
  const values = index.values.get(code);
  const field = (i: number, f: 'value' | 'targetValue' | 'baseline') =>
    valueField(values, memberIndex[i] as number, f);
  const who = (i: number) => {
    const t = members[i] as Target;
    return `${t.code}（${t.name}）的指标 ${code}（${leaf.indicator.name}）`;
  };
  const refOf = (i: number) => `${(members[i] as Target).code}/${code}`;
  const invalid = (i: number, errCode: string, message: string) => {
    state[i] = INVALID;
    issues.push(issue('error', errCode, `${who(i)}${message}`, refOf(i)));
  };
  const xOf = (i: number): number | null => field(i, 'value');
  /** The positions in a state, in order. */
  const withState = (st: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (state[i] === st) out.push(i);
    return out;
  };
  const present = (): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = xOf(i);
      if (x !== null) {
        raw[i] = x;
        state[i] = OK;
        out.push(i);
      }
    }
    return out;
  };

  switch (p.method) {
    case 'direct': {
      const maxRaw = p.maxRaw ?? weight;
      for (const i of present()) {
        const x = raw[i] as number;
        if (!directInRange(x, maxRaw)) invalid(i, 'OUT_OF_RANGE', `为 ${x}，超出 0–${maxRaw} 的范围`);
        score[i] = directScore(clamp(x, 0, maxRaw), maxRaw);
      }
      break;
    }
    case 'targetRatio': {
      for (const i of present()) {
        const x = raw[i] as number;
        const t = field(i, 'targetValue') ?? p.target;
        if (t === null)
          invalid(i, 'TARGET_VALUE_MISSING', '缺少目标值（填写“目标值”列，或在参数中给出 target）');
        else if (!(t > 0)) invalid(i, 'BAD_TARGET_VALUE', `的目标值 ${t} 应为正数`);
        else if (dir === '-' && x < 0) invalid(i, 'NEGATIVE_VALUE', `为负数 ${x}，逆向完成率无法计算`);
        else score[i] = targetRatioScore(x, t, dir, p.cap);
      }
      break;
    }
    case 'efficacy': {
      const idx = present();
      if (idx.length > 0) {
        const bounds = efficacyBounds(
          idx.map((i) => raw[i] as number),
          dir,
          p,
        );
        for (const i of idx) score[i] = efficacyScore(raw[i] as number, bounds, p.base);
      }
      break;
    }
    case 'growth': {
      const growth = new Float64Array(n).fill(NaN);
      const prev = index.previousValues.get(code);
      for (const i of present()) {
        const y = field(i, 'baseline') ?? prev?.[memberIndex[i] as number] ?? null;
        if (y === null) {
          state[i] = MISSING;
          missingWhat.set(i, '基期值（填写“基期值”列，或关联上一周期）');
        } else if (y === 0) invalid(i, 'BASELINE_ZERO', '的基期值为 0，无法计算增长率');
        else growth[i] = growthRate(raw[i] as number, y);
      }
      const ok = withState(OK);
      if (ok.length > 0) {
        const gBounds = efficacyBounds(
          ok.map((i) => growth[i] as number),
          dir,
          p,
        );
        const xBounds = dataBounds(
          ok.map((i) => raw[i] as number),
          dir,
        );
        const a = p.levelWeight;
        for (const i of ok) {
          const sg = efficacyScore(growth[i] as number, gBounds, p.base);
          score[i] = a === 0 ? sg : a * efficacyScore(raw[i] as number, xBounds, p.base) + (1 - a) * sg;
        }
      }
      break;
    }
    case 'rankPoints': {
      const idx = present();
      const ranks = competitionRanks(
        idx.map((i) => raw[i] as number),
        dir,
      );
      idx.forEach((i, j) => (score[i] = rankPointsScore(ranks[j] as number, p.step, p.floor)));
      break;
    }
    case 'threshold': {
      for (const i of present()) score[i] = thresholdScore(raw[i] as number, p.bounds, p.scores, p.else, dir);
      break;
    }
    case 'rating': {
      const applicable = ctx.groups
        .map((g, position) => ({ g, position }))
        .filter(({ g }) => p.groups === null || p.groups.includes(g.code));
      const cells = index.ratings.get(code);
      const nG = ctx.groups.length;
      for (let i = 0; i < n; i++) {
        const first = (memberIndex[i] as number) * nG;
        // Combined rating over the groups that rated the target, their weights renormalised over them:
        //   R = Σ ω_g · G_g / Σ ω_g        s = R / 100
        // e.g. 市级领导 (ω 0.5) 90, 部门互评 (ω 0.3) 80, 服务对象 (ω 0.2) absent → R = (45 + 24) / 0.8 = 86.25
        let num = 0;
        let den = 0;
        let absent: string[] | null = null;
        for (const { g, position } of applicable) {
          if (cells?.has(first + position)) {
            num += g.weight * cells.mark(first + position, rules.trimMin);
            den += g.weight;
          } else (absent ??= []).push(g.name);
        }
        if (den === 0) {
          missingWhat.set(i, '评议（没有任何评价主体的有效评价）');
          continue;
        }
        if (absent !== null)
          issues.push(
            issue(
              'warning',
              'RATING_GROUP_MISSING',
              `${who(i)}缺少评价主体 ${absent.join('、')} 的评价，按其余主体的权重折算`,
              refOf(i),
            ),
          );
        const r = num / den;
        raw[i] = r;
        score[i] = r / 100;
        state[i] = OK;
      }
      break;
    }
    case 'satisfaction': {
      const byTarget = index.surveys.get(code);
      for (let i = 0; i < n; i++) {
        const counts = byTarget?.[memberIndex[i] as number];
        const rate = counts ? satisfactionRate(counts, p.levelWeights) : null;
        if (rate === null) {
          missingWhat.set(i, counts ? '有效问卷（有效人数为 0）' : '满意度数据');
          continue;
        }
        raw[i] = rate;
        score[i] = rate;
        state[i] = OK;
      }
      if (p.relative) {
        const ok = withState(OK);
        if (ok.length > 0) {
          const bounds = dataBounds(
            ok.map((i) => raw[i] as number),
            '+',
          );
          for (const i of ok) score[i] = efficacyScore(raw[i] as number, bounds, p.base);
        }
      }
      break;
    }
    case 'bonus':
    case 'deduction':
    case 'veto':
      throw new Error(`scoreLeaf called on the item leaf ${code}`);
  }

  // Missing values: the policy works on scores of the peers that have one.
  const imputed: (MissingPolicy | null)[] = new Array<MissingPolicy | null>(n).fill(null);
  const peerScores: number[] = [];
  for (let i = 0; i < n; i++)
    if (state[i] === OK && !Number.isNaN(score[i])) peerScores.push(score[i] as number);
  const policy = p.missing;
  const fill =
    peerScores.length === 0
      ? null
      : policy === 'peerMin'
        ? minOf(peerScores)
        : policy === 'peerMean'
          ? mean(peerScores)
          : 0;
  for (let i = 0; i < n; i++) {
    if (state[i] !== MISSING) continue;
    if (policy === 'error') {
      issues.push(issue('error', 'MISSING_VALUE', `${who(i)}缺少${lacks(i)}`, refOf(i)));
      continue;
    }
    if (policy !== 'zero' && peerScores.length === 0) {
      issues.push(issue('error', 'NO_PEERS', `${who(i)}缺少${lacks(i)}，且同类中没有可参照的得分`, refOf(i)));
      continue;
    }
    score[i] = policy === 'zero' ? 0 : (fill as number);
    imputed[i] = policy;
    issues.push(
      issue('info', 'IMPUTED', `${who(i)}缺少${lacks(i)}，按“${MISSING_LABELS[policy]}”处理`, refOf(i)),
    );
  }

  for (let i = 0; i < n; i++) if (state[i] === INVALID) score[i] = NaN;
  return { scores: { raw, score, imputed }, issues };
}
