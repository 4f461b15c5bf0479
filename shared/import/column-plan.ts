/**
 * Stage 2 of reading a sheet — plan the columns: what a candidate header row (or pair of rows)
 * makes of a sheet — its kind (SPEC §6) and what each column holds — and how well it fits, so
 * that locate-header.ts can pick the best candidate. Problems with columns (unknown, repeated,
 * the wrong kind of leaf) come back as issues with the header cell.
 */
import type { Issue, ValueField } from '../domain/issue';
import { issue } from '../domain/issue';
import { METHOD_LABELS, VALUE_METHODS } from '../domain/method';
import type { EvaluatorGroup, Indicator } from '../domain/scheme';
import { LIMITS } from '../domain/limits';
import { cleanText, matchKey } from '../domain/text';
import { cellText } from './cells';
import type { Cell } from './grid';
import { cellRef, columnName } from './grid';
import type { Matchers } from './matchers';
import { nearest } from './suggest';

const TARGET = [
  '对象',
  '考核对象',
  '被考核单位',
  '被评价单位',
  '单位',
  '单位名称',
  '对象名称',
  '对象编码',
  '单位编码',
];
const INDICATOR = ['指标', '指标名称', '指标编码', '考核指标', '评议指标', '评议项目', '测评指标'];

/** Header words of each kind of sheet (SPEC §6); the first of each list is what templates write. */
export const DATA_HEADERS = {
  values: {
    code: ['对象编码', '单位编码', '编码', '代码'],
    name: ['对象名称', '单位名称', '对象', '单位', '名称', '考核对象', '被考核单位'],
  },
  ratings: {
    evaluator: ['评价人', '评议人', '测评人', '评价人员', '评价单位'],
    group: ['评价主体', '主体', '评价类别'],
    target: TARGET,
    indicator: INDICATOR,
    grade: ['评价', '评价等次', '等次', '评议结果', '评价结果', '评分', '得分'],
  },
  surveys: {
    target: TARGET,
    indicator: INDICATOR,
    verySatisfied: ['非常满意'],
    satisfied: ['满意'],
    basic: ['基本满意', '比较满意'],
    dissatisfied: ['不满意'],
    unknown: ['不了解', '不清楚'],
  },
  items: {
    target: TARGET,
    indicator: INDICATOR,
    points: ['分值', '分数', '加扣分值', '加减分', '扣分值', '加分值'],
    reason: ['事由', '事项', '原因', '内容', '加扣分事由'],
    docNo: ['文号', '依据文号', '依据', '文件编号'],
  },
} as const;

/** Headers of a wide sheet that carry nothing to import. */
const IGNORED = [
  '序号',
  '备注',
  '说明',
  '填报人',
  '联系电话',
  '类别',
  '类别编码',
  '所属类别',
  '类别名称',
  '排名',
  '名次',
].map(matchKey);

/** Words of the lower row of a two-row header, and the field each names. */
const SUB_LABELS: Record<string, ValueField> = Object.fromEntries(
  [
    [
      [
        '本年',
        '本期',
        '今年',
        '本年值',
        '实际',
        '实际值',
        '完成',
        '完成值',
        '完成数',
        '数值',
        '值',
        '指标值',
      ],
      'value',
    ],
    [['目标', '目标值', '计划', '计划值', '任务', '任务数'], 'targetValue'],
    [['基期', '基期值', '上年', '上年值', '去年', '去年同期', '上年同期', '基数'], 'baseline'],
  ].flatMap(([words, field]) => (words as string[]).map((w) => [matchKey(w), field as ValueField])),
);

const SUFFIXES: [string, ValueField][] = [
  ['目标值', 'targetValue'],
  ['基期值', 'baseline'],
  ['上年值', 'baseline'],
];

/** `地区生产总值目标值` → 地区生产总值 and targetValue. */
export function splitSuffix(header: string): { base: string; field: ValueField } {
  const t = header.trim();
  for (const [suffix, field] of SUFFIXES)
    if (t.endsWith(suffix) && t.length > suffix.length)
      return { base: t.slice(0, -suffix.length).replace(/[\s_\-—－:：]+$/, ''), field };
  return { base: t, field: 'value' };
}

/** A column of a wide sheet that holds a leaf's value, target value or baseline. */
export interface LeafColumn {
  col: number;
  indicator: Indicator;
  field: ValueField;
}

export type LongRole =
  | 'evaluator'
  | 'group'
  | 'target'
  | 'indicator'
  | 'grade'
  | 'verySatisfied'
  | 'satisfied'
  | 'basic'
  | 'dissatisfied'
  | 'unknown'
  | 'points'
  | 'reason'
  | 'docNo';

/** Where a sheet's header is and what each of its columns holds. */
export type SheetPlan = {
  /** 0-based rows of the header (one, or two with merged group cells above). */
  headerRows: number[];
  /** Column-level problems (unknown or repeated columns…), with their cells. */
  issues: Issue[];
} & (
  | {
      kind: 'values' | 'ratingsWide';
      targetCode: number | null;
      targetName: number | null;
      leaves: LeafColumn[];
      /** ratingsWide: the evaluator group and evaluator, from the template or the lines above the header. */
      group: EvaluatorGroup | null;
      evaluator: string;
      /** Where the group was (to be) written, for messages. */
      groupRef: string;
      /** The cell holding the evaluator's name, when the form has one. */
      evaluatorRef: string | null;
    }
  | { kind: 'ratings' | 'surveys' | 'items'; cols: Partial<Record<LongRole, number>> }
);

/** The plan of a wide sheet: a row per unit, a column per leaf field. */
export type WidePlan = Extract<SheetPlan, { kind: 'values' | 'ratingsWide' }>;

export interface HeaderContext {
  sheet: string;
  matchers: Matchers;
  groups: readonly EvaluatorGroup[];
  /** Column headers the operator confirmed earlier: header key → leaf and field. */
  columnPresets: ReadonlyMap<string, { indicator: string; field: ValueField }>;
}

/** Text of each column of one candidate header: a single row, or two rows read together. */
function headerTexts(rows: readonly (readonly Cell[])[], r: number, pair: boolean): string[] {
  const top = rows[r] ?? [];
  if (!pair) return top.map((c) => cleanText(cellText(c)));
  const low = rows[r + 1] ?? [];
  const width = Math.max(top.length, low.length);
  const out: string[] = [];
  let carry = '';
  for (let c = 0; c < width; c++) {
    const upper = cleanText(cellText(top[c] ?? null));
    const lower = cleanText(cellText(low[c] ?? null));
    // A merged group cell holds its text in its first column only (streamed files keep no merges):
    // the text carries right over empty cells that have something below them.
    if (upper !== '') carry = upper;
    const group = upper !== '' ? upper : lower !== '' ? carry : '';
    if (lower === '') out.push(upper);
    else if (group === '' || group === lower) out.push(lower);
    else {
      const field = SUB_LABELS[matchKey(lower)];
      out.push(
        field === undefined
          ? `${group}\u0000${lower}`
          : `${group}${field === 'value' ? '' : field === 'targetValue' ? '目标值' : '基期值'}`,
      );
    }
  }
  return out;
}

/** The match keys of a list of header words. */
const keysOf = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(matchKey));

/** The long-form header words by role, in the order a word is tried (the first role that has it). */
const LONG_WORDS: readonly [LongRole, ReadonlySet<string>][] = (() => {
  const { ratings, surveys, items } = DATA_HEADERS;
  return [
    ['evaluator', keysOf(ratings.evaluator)],
    ['group', keysOf(ratings.group)],
    ['target', keysOf(ratings.target)],
    ['indicator', keysOf(ratings.indicator)],
    ['grade', keysOf(ratings.grade)],
    ['verySatisfied', keysOf(surveys.verySatisfied)],
    ['satisfied', keysOf(surveys.satisfied)],
    ['basic', keysOf(surveys.basic)],
    ['dissatisfied', keysOf(surveys.dissatisfied)],
    ['unknown', keysOf(surveys.unknown)],
    ['points', keysOf(items.points)],
    ['reason', keysOf(items.reason)],
    ['docNo', keysOf(items.docNo)],
  ];
})();
const CODE_WORDS = keysOf(DATA_HEADERS.values.code);
const NAME_WORDS = keysOf(DATA_HEADERS.values.name);

/** Roles of the long-form header words, by column. */
function longRoles(texts: readonly string[]): Partial<Record<LongRole, number>> {
  const out: Partial<Record<LongRole, number>> = {};
  texts.forEach((t, c) => {
    // no header word is long: a pasted paragraph is not worked through 13 lists
    if (t === '' || t.length > LIMITS.header) return;
    const k = matchKey(t);
    const hit = LONG_WORDS.find(([, words]) => words.has(k));
    if (hit && out[hit[0]] === undefined) out[hit[0]] = c;
  });
  return out;
}

/** The leaf a (possibly two-row) header names, and which of its fields. */
function leafOf(text: string, ctx: HeaderContext): { indicator: Indicator; field: ValueField } | null {
  const [group, lower] = text.split('\u0000') as [string, string | undefined];
  const tryOne = (raw: string) => {
    // a unit in brackets may follow the name or the suffix: 地区生产总值基期值（亿元）
    const t = raw.replace(/\s*[（(][^（）()]*[）)]\s*$/, '');
    const preset = ctx.columnPresets.get(matchKey(raw)) ?? ctx.columnPresets.get(matchKey(t));
    if (preset) {
      const ind = ctx.matchers.indicators.match(preset.indicator);
      if (ind) return { indicator: ind, field: preset.field };
    }
    const { base, field } = splitSuffix(t);
    const ind = ctx.matchers.indicators.match(base);
    return ind ? { indicator: ind, field } : null;
  };
  // Under a group header the lower text is the leaf's own name; otherwise the whole text.
  return lower === undefined ? tryOne(group) : (tryOne(lower) ?? tryOne(`${group}${lower}`));
}

export interface Candidate {
  plan: SheetPlan;
  score: number;
}

/**
 * Reads one candidate header: what kind of sheet it makes and what each column holds. The score
 * counts the columns it recognises; a candidate that makes no kind of sheet scores nothing.
 */
export function planCandidate(
  rows: readonly (readonly Cell[])[],
  r: number,
  pair: boolean,
  ctx: HeaderContext,
): Candidate | null {
  const texts = headerTexts(rows, r, pair);
  if (texts.filter((t) => t !== '').length < 2) return null;
  const headerRows = pair ? [r, r + 1] : [r];
  const roles = longRoles(texts);
  const longScore = Object.keys(roles).length;
  const has = (role: LongRole) => roles[role] !== undefined;
  // Long forms go by the words only they use; a missing required column is reported afterwards.
  const levels = (['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const).filter(
    has,
  ).length;
  const perRow = has('target') || has('indicator');
  if (levels >= 2 && perRow)
    return { plan: { kind: 'surveys', headerRows, issues: [], cols: roles }, score: longScore };
  if ((has('evaluator') || has('group')) && perRow)
    return { plan: { kind: 'ratings', headerRows, issues: [], cols: roles }, score: longScore };
  if ((has('reason') || has('docNo') || has('points')) && has('indicator'))
    return { plan: { kind: 'items', headerRows, issues: [], cols: roles }, score: longScore };

  // Wide: target columns, then a column per leaf.
  let targetCode: number | null = null;
  let targetName: number | null = null;
  const leaves: LeafColumn[] = [];
  const unknown: number[] = [];
  texts.forEach((t, c) => {
    if (t === '') return;
    const plain = t.replace('\u0000', '');
    const k = matchKey(plain);
    if (targetCode === null && CODE_WORDS.has(k)) targetCode = c;
    else if (targetName === null && NAME_WORDS.has(k)) targetName = c;
    else if (IGNORED.includes(k)) return;
    else {
      const leaf = leafOf(t, ctx);
      if (leaf) leaves.push({ col: c, ...leaf });
      else unknown.push(c);
    }
  });
  // A unit column and columns that name no leaf: still indicator data, so that each unknown column
  // is reported (with the leaf it most likely means) instead of the whole sheet going unrecognised.
  if ((targetCode === null && targetName === null) || leaves.length + unknown.length === 0) return null;
  const rating = leaves.filter((l) => l.indicator.method === 'rating');
  const kind = rating.length > 0 && rating.length === leaves.length ? 'ratingsWide' : 'values';
  const issues: Issue[] = [];
  const at = (c: number) => cellRef(ctx.sheet, headerRows[headerRows.length - 1] as number, c);
  const shown = (c: number) => (texts[c] ?? '').replace('\u0000', ' ');
  for (const c of unknown) {
    const guess = nearest(
      shown(c),
      ctx.matchers.indicators.all
        .filter((i) => i.method !== null)
        .flatMap((i) => [
          { key: i.name, item: i },
          { key: i.code, item: i },
        ]),
    );
    const { field } = splitSuffix(shown(c));
    issues.push({
      ...issue(
        'error',
        'UNKNOWN_COLUMN',
        guess
          ? `列“${shown(c)}”不是方案中的指标；是否为“${guess.name}”（${guess.code}）？请改正表头，或确认后记住这一对应`
          : `列“${shown(c)}”不是方案中的指标编码或名称；目标值列写作“指标名称目标值”，基期值列写作“指标名称基期值”`,
        at(c),
      ),
      ...(guess
        ? {
            fix: {
              kind: 'column' as const,
              header: shown(c),
              indicator: guess.code,
              indicatorName: guess.name,
              field,
            },
          }
        : {}),
    });
  }
  const seen = new Map<string, number>();
  const kept: LeafColumn[] = [];
  for (const l of leaves) {
    const allowed =
      kind === 'ratingsWide'
        ? l.indicator.method === 'rating'
        : VALUE_METHODS.includes(l.indicator.method ?? 'veto');
    if (l.indicator.method === null) {
      issues.push(
        issue('error', 'WRONG_KIND', `列“${shown(l.col)}”是上级指标，数据应填在其末级指标的列中`, at(l.col)),
      );
      continue;
    }
    if (!allowed) {
      issues.push(
        issue(
          'error',
          'WRONG_KIND',
          `列“${shown(l.col)}”的计分方法是${METHOD_LABELS[l.indicator.method]}，不在${kind === 'values' ? '指标数据表' : '评议表'}中填写`,
          at(l.col),
        ),
      );
      continue;
    }
    const key = `${l.indicator.code}:${l.field}`;
    if (seen.has(key)) {
      issues.push(
        issue(
          'error',
          'DUPLICATE_COLUMN',
          `列“${shown(l.col)}”与 ${columnName(seen.get(key) as number)} 列重复`,
          at(l.col),
        ),
      );
      continue;
    }
    seen.set(key, l.col);
    kept.push(l);
  }
  const labels = labelsAbove(rows, r, ctx);
  return {
    plan: {
      kind,
      headerRows,
      issues,
      targetCode,
      targetName,
      leaves: kept,
      group: labels.group,
      evaluator: labels.evaluator,
      groupRef: labels.groupRef ?? cellRef(ctx.sheet, Math.max(0, r - 1), 0),
      evaluatorRef: labels.evaluatorRef,
    },
    // Distinct leaf fields count, repeats count against: a merged group read as one row repeats
    // its text across the merge, where the two-row reading tells the columns apart.
    score:
      (targetCode !== null ? 1 : 0) +
      (targetName !== null ? 1 : 0) +
      kept.length -
      (leaves.length - kept.length),
  };
}

/** "评价主体：市级领导" and "评价人：张三" written above a wide ratings header. */
function labelsAbove(
  rows: readonly (readonly Cell[])[],
  headerRow: number,
  ctx: HeaderContext,
): { group: EvaluatorGroup | null; evaluator: string; groupRef: string | null; evaluatorRef: string | null } {
  let group: EvaluatorGroup | null = null;
  let groupRef: string | null = null;
  let evaluator = '';
  let evaluatorRef: string | null = null;
  for (let r = 0; r < headerRow; r++) {
    const row = rows[r] ?? [];
    row.forEach((cell, c) => {
      const text = cleanText(cellText(cell));
      const m = /^(评价主体|评价人|评议人|测评人)\s*[:：]?\s*(.*)$/.exec(text);
      if (!m) return;
      const inline = m[2] !== '';
      const value = inline ? (m[2] as string) : cleanText(cellText(row[c + 1] ?? null));
      if (m[1] === '评价主体') {
        group = ctx.matchers.groups.match(value);
        groupRef = cellRef(ctx.sheet, r, c);
      } else {
        evaluator = value.replace(/[_＿\s]+$/, '');
        evaluatorRef = cellRef(ctx.sheet, r, inline ? c : c + 1);
      }
    });
  }
  return { group, evaluator, groupRef, evaluatorRef };
}
