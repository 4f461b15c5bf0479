import type { Parsed } from './rules';
import { parseBoolean } from './rules';
import { cleanText, matchKey, parseNumberText, splitList, toHalfWidth } from './text';

/** 计分方法: how a leaf indicator turns a target's data into a normalised score. */
export const METHODS = [
  'direct',
  'targetRatio',
  'efficacy',
  'growth',
  'rankPoints',
  'threshold',
  'rating',
  'satisfaction',
  'bonus',
  'deduction',
  'veto',
] as const;
export type MethodKey = (typeof METHODS)[number];

/** Methods whose data are values in wide indicator sheets (one column per leaf, one row per target). */
export const VALUE_METHODS: readonly MethodKey[] = [
  'direct',
  'targetRatio',
  'efficacy',
  'growth',
  'rankPoints',
  'threshold',
];
/** Methods whose data are bonus, deduction and veto items. */
export const ITEM_METHODS: readonly MethodKey[] = ['bonus', 'deduction', 'veto'];

/** Methods whose category cell is a weight that counts toward the full score. */
export const isWeighted = (m: MethodKey): boolean => !ITEM_METHODS.includes(m);

export const METHOD_LABELS: Record<MethodKey, string> = {
  direct: '直接计分',
  targetRatio: '目标完成率',
  efficacy: '功效系数法',
  growth: '发展变化',
  rankPoints: '名次赋分',
  threshold: '分段计分',
  rating: '评议',
  satisfaction: '满意度',
  bonus: '加分',
  deduction: '扣分',
  veto: '一票否决',
};

const METHOD_SYNONYMS: Record<string, MethodKey> = {
  直接计分: 'direct',
  直接得分: 'direct',
  直接赋分: 'direct',
  目标完成率: 'targetRatio',
  完成率: 'targetRatio',
  目标完成: 'targetRatio',
  功效系数法: 'efficacy',
  功效系数: 'efficacy',
  发展变化: 'growth',
  增长率: 'growth',
  增幅: 'growth',
  名次赋分: 'rankPoints',
  排名赋分: 'rankPoints',
  位次赋分: 'rankPoints',
  分段计分: 'threshold',
  分档计分: 'threshold',
  评议: 'rating',
  民主测评: 'rating',
  测评: 'rating',
  评价: 'rating',
  满意度: 'satisfaction',
  满意度测评: 'satisfaction',
  加分: 'bonus',
  加分项: 'bonus',
  扣分: 'deduction',
  扣分项: 'deduction',
  一票否决: 'veto',
  否决: 'veto',
};

/** The method a cell names: its key (any case) or a Chinese name. */
export function methodOf(text: string): MethodKey | null {
  const k = matchKey(text);
  for (const m of METHODS) if (m.toLowerCase() === k) return m;
  for (const [zh, m] of Object.entries(METHOD_SYNONYMS)) if (matchKey(zh) === k) return m;
  return null;
}

/** 方向: `+` higher is better, `-` lower is better. */
export type Direction = '+' | '-';

export function directionOf(text: string): Direction | null {
  const k = matchKey(text);
  if (k === '' || ['+', '正向', '正', '越大越好', '高优'].includes(k)) return '+';
  if (['-', '−', '–', '—', '逆向', '负向', '反向', '负', '越小越好', '低优'].includes(k)) return '-';
  return null;
}

/** 缺失值处理: what a leaf does for a target that has no value. */
export type MissingPolicy = 'error' | 'zero' | 'peerMin' | 'peerMean';
export const MISSING_LABELS: Record<MissingPolicy, string> = {
  error: '报错',
  zero: '计零分',
  peerMin: '取同类最低得分',
  peerMean: '取同类平均得分',
};

export interface EfficacyParams {
  /** 基础分: the score of the worst value (0.6 by default). */
  base: number;
  /** 满意值 / 不允许值: fixed bounds instead of the peers' best and worst. */
  satisfactory: number | null;
  unacceptable: number | null;
}

/** Parameters of each method after parsing; every field has its default filled in. */
export type MethodParams =
  | { method: 'direct'; missing: MissingPolicy; maxRaw: number | null }
  | { method: 'targetRatio'; missing: MissingPolicy; target: number | null; cap: number }
  | ({ method: 'efficacy'; missing: MissingPolicy } & EfficacyParams)
  | ({ method: 'growth'; missing: MissingPolicy; levelWeight: number } & EfficacyParams)
  | { method: 'rankPoints'; missing: MissingPolicy; step: number; floor: number }
  | { method: 'threshold'; missing: MissingPolicy; bounds: number[]; scores: number[]; else: number }
  | { method: 'rating'; missing: MissingPolicy; groups: string[] | null }
  | {
      method: 'satisfaction';
      missing: MissingPolicy;
      levelWeights: [number, number, number, number];
      relative: boolean;
      base: number;
    }
  | { method: 'bonus' }
  | { method: 'deduction' }
  | { method: 'veto' };

export type ParamsOf<M extends MethodKey> = Extract<MethodParams, { method: M }>;

/** Parameter keys each method accepts (`missing` is accepted by every scored method). */
export const METHOD_PARAM_KEYS: Record<MethodKey, readonly string[]> = {
  direct: ['missing', 'maxRaw'],
  targetRatio: ['missing', 'target', 'cap'],
  efficacy: ['missing', 'base', 'satisfactory', 'unacceptable'],
  growth: ['missing', 'levelWeight', 'base', 'satisfactory', 'unacceptable'],
  rankPoints: ['missing', 'step', 'floor'],
  threshold: ['missing', 'bounds', 'scores', 'else'],
  rating: ['missing', 'groups'],
  satisfaction: ['missing', 'levelWeights', 'relative', 'base'],
  bonus: [],
  deduction: [],
  veto: [],
};

/** What each parameter is called on screen, and an example of what to write. */
export const PARAM_LABELS: Record<string, { label: string; hint: string }> = {
  missing: { label: '缺失值处理', hint: '报错、计零分、取同类最低得分或取同类平均得分' },
  maxRaw: { label: '满分值', hint: '原始分的满分，如 100；不填则为该类别的分值' },
  target: { label: '目标值', hint: '统一的目标值，如 95；不填则每个对象在数据表中填“目标值”' },
  cap: { label: '完成率上限', hint: '超额完成最多按多少计，如 1.2（1–10）' },
  base: { label: '基础分', hint: '最差者的得分率，如 0.6（0–1）' },
  satisfactory: { label: '满意值', hint: '达到即满分的值；与不允许值同时填写' },
  unacceptable: { label: '不允许值', hint: '达到即只得基础分的值' },
  levelWeight: { label: '水平权重', hint: '本年水平所占比重，其余为增幅，如 0.3（0–1）' },
  step: { label: '每名扣减', hint: '名次每后一名扣减的得分率，如 0.05' },
  floor: { label: '保底', hint: '得分率最低为多少，如 0.5' },
  bounds: { label: '分段界值', hint: '从最好的档写起，用 | 分隔，如 95|90|80' },
  scores: { label: '分段得分率', hint: '与界值一一对应，如 1|0.9|0.75' },
  else: { label: '其他得分率', hint: '未达最低一档时的得分率，如 0.6' },
  groups: { label: '评价主体', hint: '参与的主体编码，用 | 分隔；不填则全部主体' },
  levelWeights: { label: '等级权重', hint: '非常满意|满意|基本满意|不满意，如 1|1|0.6|0' },
  relative: { label: '相对计分', hint: '是：按同类最好、最差折算；否：按满意率直接计分' },
};

const PARAM_SYNONYMS: Record<string, string> = {
  缺失: 'missing',
  缺失值: 'missing',
  缺失处理: 'missing',
  满分值: 'maxRaw',
  最高分: 'maxRaw',
  目标值: 'target',
  目标: 'target',
  上限: 'cap',
  封顶: 'cap',
  基础分: 'base',
  满意值: 'satisfactory',
  不允许值: 'unacceptable',
  水平权重: 'levelWeight',
  步长: 'step',
  每名扣减: 'step',
  最低: 'floor',
  保底: 'floor',
  分段: 'bounds',
  界值: 'bounds',
  得分: 'scores',
  其他: 'else',
  否则: 'else',
  评价主体: 'groups',
  主体: 'groups',
  等级权重: 'levelWeights',
  相对: 'relative',
  相对计分: 'relative',
};

/** Canonical parameter key for what a person wrote (English key in any case, or a Chinese name). */
export function paramKeyOf(text: string): string | null {
  const k = matchKey(text);
  const all = new Set(Object.values(METHOD_PARAM_KEYS).flat());
  for (const key of all) if (key.toLowerCase() === k) return key;
  for (const [zh, key] of Object.entries(PARAM_SYNONYMS)) if (matchKey(zh) === k) return key;
  return null;
}

/**
 * Splits `base=0.6; cap=1.2` (also `，` `；` `＝` `：`) into canonical key → text.
 * Keys that are not parameters of any method are reported.
 */
export function parseParamText(
  text: string,
  method: MethodKey | null = null,
): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  const t = cleanText(text);
  if (t === '') return { ok: true, value: out };
  for (const part of splitList(toHalfWidth(t), /[;,；，\n]+/)) {
    const m = /^([^=:]+)[=:](.*)$/.exec(part);
    if (!m) return { ok: false, message: `“${part}”应写成 参数=值，例如 base=0.6` };
    const key = paramKeyOf(m[1] ?? '');
    if (!key) {
      const allowed = method ? METHOD_PARAM_KEYS[method] : [];
      const hint = method
        ? allowed.length > 0
          ? `，${METHOD_LABELS[method]}可用：${allowed.join('、')}`
          : `，${METHOD_LABELS[method]}不需要参数`
        : '';
      return { ok: false, message: `不认识的参数“${cleanText(m[1] ?? '')}”${hint}` };
    }
    if (key in out) return { ok: false, message: `参数“${key}”写了两次` };
    out[key] = cleanText(m[2] ?? '');
  }
  return { ok: true, value: out };
}

export function formatParamText(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

function missingOf(text: string | undefined): MissingPolicy | null {
  if (text === undefined) return 'error';
  const k = matchKey(text);
  for (const p of Object.keys(MISSING_LABELS) as MissingPolicy[]) if (p.toLowerCase() === k) return p;
  const zh: Record<string, MissingPolicy> = {
    报错: 'error',
    零分: 'zero',
    计零分: 'zero',
    计零: 'zero',
    同类最低: 'peerMin',
    最低: 'peerMin',
    取同类最低得分: 'peerMin',
    同类平均: 'peerMean',
    平均: 'peerMean',
    取同类平均得分: 'peerMean',
  };
  return zh[k] ?? null;
}

const numList = (text: string): number[] | null => {
  const parts = splitList(text, /[|｜/、]+/);
  const out: number[] = [];
  for (const p of parts) {
    const n = parseNumberText(p);
    if (n === null) return null;
    out.push(n);
  }
  return out;
};

/**
 * Checks and types the parameters of a leaf. `direction` matters for fixed efficacy bounds and
 * threshold tables, which must be ordered from the best value down.
 */
export function parseMethodParams(
  method: MethodKey,
  direction: Direction,
  raw: Record<string, string>,
): Parsed<MethodParams> {
  const allowed = METHOD_PARAM_KEYS[method];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) {
      return {
        ok: false,
        message:
          allowed.length === 0
            ? `${METHOD_LABELS[method]}不需要参数（写了 ${key}）`
            : `参数 ${key} 不适用于${METHOD_LABELS[method]}，可用：${allowed.map((k) => `${PARAM_LABELS[k]?.label ?? k}（${k}）`).join('、')}`,
      };
    }
  }
  const errors: string[] = [];
  const num = (
    key: string,
    def: number | null,
    check: (n: number) => boolean,
    expect: string,
  ): number | null => {
    const t = raw[key];
    if (t === undefined || t === '') return def;
    const n = parseNumberText(t);
    if (n === null || !check(n)) {
      errors.push(`${PARAM_LABELS[key]?.label ?? key}（${key}）填的“${t}”不正确：${expect}`);
      return def;
    }
    return n;
  };
  const missing = missingOf(raw.missing);
  if (missing === null)
    errors.push(`参数 missing=${raw.missing} 不正确：应为 error、zero、peerMin 或 peerMean`);
  const m = missing ?? 'error';

  const efficacy = (): EfficacyParams => {
    const base = num('base', 0.6, (n) => n >= 0 && n < 1, '应在 0 与 1 之间（不含 1）') ?? 0.6;
    const satisfactory = num('satisfactory', null, () => true, '应为数值');
    const unacceptable = num('unacceptable', null, () => true, '应为数值');
    if ((satisfactory === null) !== (unacceptable === null)) {
      errors.push('满意值与不允许值须同时给出（工作簿中写作 satisfactory、unacceptable）');
    } else if (satisfactory !== null && unacceptable !== null) {
      if (direction === '+' && !(satisfactory > unacceptable)) errors.push('正向指标的满意值应大于不允许值');
      if (direction === '-' && !(satisfactory < unacceptable)) errors.push('逆向指标的满意值应小于不允许值');
    }
    return { base, satisfactory, unacceptable };
  };

  let value: MethodParams;
  switch (method) {
    case 'direct':
      value = { method, missing: m, maxRaw: num('maxRaw', null, (n) => n > 0, '应为正数') };
      break;
    case 'targetRatio':
      value = {
        method,
        missing: m,
        target: num('target', null, (n) => n > 0, '应为正数'),
        cap: num('cap', 1, (n) => n >= 1 && n <= 10, '应在 1 与 10 之间') ?? 1,
      };
      break;
    case 'efficacy':
      value = { method, missing: m, ...efficacy() };
      break;
    case 'growth':
      value = {
        method,
        missing: m,
        levelWeight: num('levelWeight', 0, (n) => n >= 0 && n <= 1, '应在 0 与 1 之间') ?? 0,
        ...efficacy(),
      };
      break;
    case 'rankPoints':
      value = {
        method,
        missing: m,
        step: num('step', 0.05, (n) => n > 0 && n <= 1, '应在 0 与 1 之间') ?? 0.05,
        floor: num('floor', 0, (n) => n >= 0 && n <= 1, '应在 0 与 1 之间') ?? 0,
      };
      break;
    case 'threshold': {
      const bounds = raw.bounds === undefined ? null : numList(raw.bounds);
      const scores = raw.scores === undefined ? null : numList(raw.scores);
      if (bounds === null || scores === null || bounds.length === 0) {
        errors.push('分段计分须给出 bounds 与 scores，例如 bounds=1|0.9|0.8; scores=1|0.85|0.7; else=0.5');
      } else if (bounds.length !== scores.length) {
        errors.push(`bounds 有 ${bounds.length} 个值而 scores 有 ${scores.length} 个，应一一对应`);
      } else {
        for (let i = 1; i < bounds.length; i++) {
          const prev = bounds[i - 1] as number;
          const cur = bounds[i] as number;
          if (direction === '+' ? !(cur < prev) : !(cur > prev)) {
            errors.push(
              direction === '+'
                ? 'bounds 应从高到低排列（正向指标先写最好的档）'
                : 'bounds 应从低到高排列（逆向指标先写最好的档）',
            );
            break;
          }
        }
        if (scores.some((s) => s < 0 || s > 1)) errors.push('scores 的每个值应在 0 与 1 之间（得分率）');
      }
      value = {
        method,
        missing: m,
        bounds: bounds ?? [],
        scores: scores ?? [],
        else: num('else', 0, (n) => n >= 0 && n <= 1, '应在 0 与 1 之间') ?? 0,
      };
      break;
    }
    case 'rating':
      value = {
        method,
        missing: m,
        groups: raw.groups === undefined ? null : splitList(raw.groups, /[|｜、,，]+/),
      };
      break;
    case 'satisfaction': {
      let levelWeights: [number, number, number, number] = [1, 1, 0.6, 0];
      if (raw.levelWeights !== undefined) {
        const w = numList(raw.levelWeights);
        if (w === null || w.length !== 4 || w.some((x) => x < 0 || x > 1))
          errors.push(
            'levelWeights 应为 4 个 0–1 之间的值，依次对应 非常满意|满意|基本满意|不满意，例如 1|1|0.6|0',
          );
        else levelWeights = w as [number, number, number, number];
      }
      let relative = false;
      if (raw.relative !== undefined) {
        const b = parseBoolean(raw.relative);
        if (b === null) errors.push('relative 应为 true 或 false');
        else relative = b;
      }
      value = {
        method,
        missing: m,
        levelWeights,
        relative,
        base: num('base', 0.6, (n) => n >= 0 && n < 1, '应在 0 与 1 之间（不含 1）') ?? 0.6,
      };
      break;
    }
    case 'bonus':
    case 'deduction':
    case 'veto':
      value = { method };
      break;
  }
  if (errors.length > 0) return { ok: false, message: errors.join('；') };
  return { ok: true, value };
}
