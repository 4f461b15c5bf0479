import type { Grade } from './grade';
import { isGrade } from './grade';
import { cleanText, matchKey, parseNumberText, splitList } from './text';

/** How a tie that straddles the bottom-N boundary is treated. */
export type BottomTies = 'includeTies' | 'strict';

/** A ranking group made of several categories, e.g. 市直部门 = 经济部门 + 社会事业部门 + 党群部门. */
export interface CombinedGroup {
  code: string;
  name: string;
  categories: string[];
}

/** 考核规则: the rules of a cycle. Every key has a default; a scheme workbook overrides some. */
export interface Rules {
  /** 满分: the points every category's weighted leaves add up to. */
  fullScore: number;
  /** Decimals the total is rounded to, once, before ranking. */
  precision: number;
  /** N of 末N位 (the bottom three by default). */
  bottomN: number;
  bottomTies: BottomTies;
  /** Vetoed targets rank below every other target of their group. */
  vetoToBottom: boolean;
  /** Share of ranked positions that may be 优秀 (a ceiling), as a fraction. */
  excellentQuota: number;
  /** Lowest total that may be 优秀; null for none. */
  excellentMin: number | null;
  /** A total below this is 较差. */
  poorBelow: number;
  /** Rise in rank that counts as 进步较大. */
  riseBy: number;
  /** Fall in rank that counts as 退步较大. */
  fallBy: number;
  /** Ratings per group and target from which the highest and lowest are dropped. */
  trimMin: number;
  /** Grade word → points (0–100) for ratings, in the order written. */
  gradePoints: Record<string, number>;
  /** Indicator codes whose subtotals decide tied totals, in order. */
  tieBreakers: string[];
  /** Grade given to bottom-N targets that are not already 较差. */
  bottomGrade: Grade;
  /** Extra ranking groups across categories. */
  combinedGroups: CombinedGroup[];
}

export const DEFAULT_RULES: Readonly<Rules> = Object.freeze({
  fullScore: 100,
  precision: 2,
  bottomN: 3,
  bottomTies: 'includeTies',
  vetoToBottom: true,
  excellentQuota: 0.2,
  excellentMin: null,
  poorBelow: 60,
  riseBy: 5,
  fallBy: 5,
  trimMin: 7,
  gradePoints: Object.freeze({ 优秀: 100, 良好: 85, 一般: 70, 较差: 50 }) as Record<string, number>,
  tieBreakers: Object.freeze([]) as unknown as string[],
  bottomGrade: '一般',
  combinedGroups: Object.freeze([]) as unknown as CombinedGroup[],
});

export type RuleKey = keyof Rules;

export const RULE_LABELS: Record<RuleKey, string> = {
  fullScore: '满分',
  precision: '小数位数',
  bottomN: '末位个数',
  bottomTies: '末位并列处理',
  vetoToBottom: '否决排末位',
  excellentQuota: '优秀比例',
  excellentMin: '优秀最低分',
  poorBelow: '较差分数线',
  riseBy: '进步较大名次',
  fallBy: '退步较大名次',
  trimMin: '去极值最少人数',
  gradePoints: '等次分值',
  tieBreakers: '并列比较指标',
  bottomGrade: '末位等次',
  combinedGroups: '合并排名组',
};

const RULE_SYNONYMS: Record<string, RuleKey> = {
  满分: 'fullScore',
  总分: 'fullScore',
  小数位数: 'precision',
  精度: 'precision',
  保留小数: 'precision',
  末位个数: 'bottomN',
  末位数: 'bottomN',
  末位数量: 'bottomN',
  末位并列处理: 'bottomTies',
  并列处理: 'bottomTies',
  否决排末位: 'vetoToBottom',
  否决置底: 'vetoToBottom',
  优秀比例: 'excellentQuota',
  优秀最低分: 'excellentMin',
  较差分数线: 'poorBelow',
  进步较大名次: 'riseBy',
  退步较大名次: 'fallBy',
  去极值最少人数: 'trimMin',
  等次分值: 'gradePoints',
  并列比较指标: 'tieBreakers',
  末位等次: 'bottomGrade',
  合并排名组: 'combinedGroups',
};

/** Finds the rule a header or key names: the English key (any case) or its Chinese name. */
export function ruleKeyOf(text: string): RuleKey | null {
  const k = matchKey(text);
  for (const key of Object.keys(RULE_LABELS) as RuleKey[]) if (key.toLowerCase() === k) return key;
  for (const [zh, key] of Object.entries(RULE_SYNONYMS)) if (matchKey(zh) === k) return key;
  return null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

export function parseBoolean(raw: string): boolean | null {
  const k = matchKey(raw);
  if (['true', 'yes', 'y', '1', '是', '开', '启用', '√', '✓'].includes(k)) return true;
  if (['false', 'no', 'n', '0', '否', '关', '停用', '×', '✗'].includes(k)) return false;
  return null;
}

function parseInteger(raw: string, min: number, max: number): Parsed<number> {
  const n = parseNumberText(raw);
  if (n === null || !Number.isInteger(n) || n < min || n > max) return fail(`应为 ${min}–${max} 之间的整数`);
  return ok(n);
}

/**
 * Parses a rule value written in a cell. Returns a message in Chinese saying what is expected
 * when the text does not fit.
 */
export function parseRuleValue<K extends RuleKey>(key: K, raw: string): Parsed<Rules[K]> {
  const text = cleanText(raw);
  const r = ((): Parsed<unknown> => {
    switch (key) {
      case 'fullScore': {
        const n = parseNumberText(text);
        return n !== null && n > 0 ? ok(n) : fail('应为正数，例如 100');
      }
      case 'precision':
        return parseInteger(text, 0, 6);
      case 'bottomN':
        return parseInteger(text, 0, 1000);
      case 'riseBy':
      case 'fallBy':
        return parseInteger(text, 1, 100000);
      case 'trimMin':
        return parseInteger(text, 3, 100000);
      case 'bottomTies': {
        const k = matchKey(text);
        if (['includeties', '并列全部计入', '全部计入', '含并列'].includes(k)) return ok('includeTies');
        if (['strict', '严格', '不允许并列'].includes(k)) return ok('strict');
        return fail('应为 includeTies（并列全部计入）或 strict（严格）');
      }
      case 'vetoToBottom': {
        const b = parseBoolean(text);
        return b === null ? fail('应为 是/否（true/false）') : ok(b);
      }
      case 'excellentQuota': {
        const n = parseNumberText(text);
        // "20%", "20" and "0.2" all mean a fifth: a bare number above 1 is read as a percentage.
        const hasPercent = /[%％]/.test(text);
        const q = n === null ? null : !hasPercent && n > 1 ? n / 100 : n;
        return q !== null && q >= 0 && q <= 1
          ? ok(Number(q.toPrecision(12)))
          : fail('应为 0–100% 之间的比例，例如 20%');
      }
      case 'excellentMin': {
        if (text === '' || ['无', '-', '—', 'none'].includes(matchKey(text))) return ok(null);
        const n = parseNumberText(text);
        return n !== null && n >= 0 ? ok(n) : fail('应为分数，或“无”');
      }
      case 'poorBelow': {
        const n = parseNumberText(text);
        return n !== null && n >= 0 ? ok(n) : fail('应为分数，例如 60');
      }
      case 'gradePoints':
        return parseGradePoints(text);
      case 'tieBreakers':
        return ok(splitList(text));
      case 'bottomGrade':
        return isGrade(text) ? ok(text) : fail('应为 优秀、良好、一般 或 较差');
      case 'combinedGroups':
        return parseCombinedGroups(text);
    }
    return fail('未知规则');
  })();
  return r as Parsed<Rules[K]>;
}

/** `优秀=100, 良好=85, 一般=70, 较差=50` (full-width = and ： accepted). */
export function parseGradePoints(text: string): Parsed<Record<string, number>> {
  const out: Record<string, number> = {};
  const parts = splitList(text, /[，,；;、|\n]+/);
  if (parts.length === 0) return fail('应写成 优秀=100, 良好=85, 一般=70, 较差=50');
  for (const part of parts) {
    const m = /^(.+?)\s*[=＝:：]\s*(.+)$/.exec(part);
    const n = m ? parseNumberText(m[2] ?? '') : null;
    if (!m || n === null) return fail(`“${part}”应写成 等次=分值，例如 优秀=100`);
    if (n < 0 || n > 100) return fail(`“${part}”的分值应在 0–100 之间`);
    const word = cleanText(m[1] ?? '');
    if (word in out) return fail(`等次“${word}”写了两次`);
    out[word] = n;
  }
  return ok(out);
}

/** `SZ=市直部门:JJ|SH|DQ; ...` — a code, a name and the categories it joins. */
export function parseCombinedGroups(text: string): Parsed<CombinedGroup[]> {
  if (text === '' || matchKey(text) === '无') return ok([]);
  const out: CombinedGroup[] = [];
  for (const part of splitList(text, /[；;\n]+/)) {
    const m = /^([^=＝]+)[=＝]([^:：]+)[:：](.+)$/.exec(part);
    if (!m) return fail(`“${part}”应写成 编码=名称:类别1|类别2，例如 SZ=市直部门:JJ|SH`);
    const categories = splitList(m[3] ?? '', /[|｜、,，]+/);
    if (categories.length < 1) return fail(`“${part}”没有列出类别`);
    out.push({ code: cleanText(m[1] ?? ''), name: cleanText(m[2] ?? ''), categories });
  }
  return ok(out);
}

/** Writes a rule back to the text a cell holds, so that parseRuleValue(key, formatRuleValue(...)) round-trips. */
export function formatRuleValue<K extends RuleKey>(key: K, value: Rules[K]): string {
  switch (key) {
    case 'gradePoints':
      return Object.entries(value as Record<string, number>)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
    case 'tieBreakers':
      return (value as string[]).join('|');
    case 'combinedGroups':
      return (value as CombinedGroup[])
        .map((g) => `${g.code}=${g.name}:${g.categories.join('|')}`)
        .join('; ');
    case 'excellentMin':
      return value === null ? '无' : String(value);
    default:
      return String(value);
  }
}

export function defaultRules(): Rules {
  return {
    ...DEFAULT_RULES,
    gradePoints: { ...DEFAULT_RULES.gradePoints },
    tieBreakers: [],
    combinedGroups: [],
  };
}
