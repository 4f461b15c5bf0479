import type { Cycle, DataKind } from '../domain/cycle';
import type { ValueField } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { ITEM_METHODS, VALUE_METHODS, parseMethodParams } from '../domain/method';
import type { EvaluatorGroup, Indicator, Scheme, Target } from '../domain/scheme';
import { columnName } from './grid';
import { DATA_HEADERS } from './column-plan';
import { MAX_NAME, MAX_TEXT } from './sheet-parser';
import type { TemplateColumn, TemplateMeta } from './template-meta';

/** What a person may type in a cell, as Excel's data validation says it. */
export type InputRule =
  | { type: 'decimal'; min: number | null; max: number | null }
  | { type: 'whole'; min: number }
  /** `scores`: a number 0–100 may be typed instead (Excel warns, and lets it stand). */
  | { type: 'list'; values: string[]; scores?: true }
  | { type: 'text'; max: number };

export interface TemplateColumnPlan {
  header: string;
  /** Column width in Excel's units (about one Latin character; a Chinese character takes two). */
  width: number;
  what: TemplateColumn;
  /** Prefilled (locked) columns have none; input columns say what may be typed. */
  input: InputRule | null;
  /** A hint Excel shows when the cell is selected. */
  prompt: string | null;
}

/** One cell of a template's body: prefilled text, an input (with its rule), or 不适用 (grey, locked). */
export type TemplateCell =
  { kind: 'text'; text: string } | { kind: 'input'; rule: InputRule } | { kind: 'na' };

/**
 * A template workbook before it is written: what it says, where a person types and what they may
 * type. Pure, so what a template holds is tested without Excel; the writer only lays it out.
 */
export interface TemplatePlan {
  /** File name, without directory. */
  file: string;
  sheet: string;
  kind: DataKind;
  title: string;
  /** 填表说明, one numbered line each. */
  notes: string[];
  /** The line above the header: a label, and (ratings) the cell where the evaluator writes their name. */
  byline: string;
  evaluatorLabel: string | null;
  columns: TemplateColumnPlan[];
  rows: TemplateCell[][];
  /** Empty input rows offered below the prefilled ones (items: one row per item). */
  blankRows: number;
  landscape: boolean;
  meta: TemplateMeta;
}

/** Rows of every template: title, notes, byline, header; data from row 5 (1-based). */
export const TEMPLATE_ROWS = { title: 1, notes: 2, byline: 3, header: 4 } as const;
/** Where a rating template's evaluator writes their name. */
export const EVALUATOR_CELL = 'D3';
/** Empty rows an items template offers. */
export const ITEM_ROWS = 100;

const SHEETS: Record<DataKind, string> = {
  values: '指标数据',
  ratings: '评议表',
  surveys: '满意度测评',
  items: '加扣分及否决事项',
};
const ABSTAIN = '弃权';
/** The header a template writes: the first of the words the importer accepts. */
const first = (words: readonly string[]) => words[0] as string;
const ANY_NUMBER: InputRule = { type: 'decimal', min: null, max: null };
const LEVEL_HEADERS = [
  ['verySatisfied', DATA_HEADERS.surveys.verySatisfied[0]],
  ['satisfied', DATA_HEADERS.surveys.satisfied[0]],
  ['basic', DATA_HEADERS.surveys.basic[0]],
  ['dissatisfied', DATA_HEADERS.surveys.dissatisfied[0]],
  ['unknown', DATA_HEADERS.surveys.unknown[0]],
] as const;
const KEEP_LAYOUT = '请勿修改表头、增删列或更改工作表名称：本表带有模板信息，导入时据此识别各列';
const NO_PROVIDER = '未指定来源';

/** “2024年度综合考核” as titles begin: the cycle's name, with 综合考核 unless it says so already. */
const heading = (cycle: Cycle) => (cycle.name.includes('综合考核') ? cycle.name : `${cycle.name}综合考核`);

/** Characters a file name cannot hold on Windows, and padding. */
const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '');

/** Display width of a text in Excel units: a Chinese character counts two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) as number) > 0x2e80 ? 2 : 1;
  return w;
}

/** A column as wide as its header wraps to in two lines, within reason. */
const widthFor = (header: string, min = 10, max = 22) =>
  Math.max(min, Math.min(max, Math.ceil(textWidth(header) / 2) + 3));

/** Leaves of the scheme with one of these methods, in tree order. */
const leavesOf = (scheme: Scheme, methods: readonly MethodKey[]) =>
  scheme.indicators.filter((i) => i.method !== null && methods.includes(i.method));

const applies = (ind: Indicator, t: Target) => ind.weights[t.category] !== undefined;

/** Targets a set of leaves applies to, by category order then scheme order. */
function targetsFor(scheme: Scheme, leaves: readonly Indicator[]): Target[] {
  const order = new Map(scheme.categories.map((c, i) => [c.code, i]));
  return scheme.targets
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => leaves.some((l) => applies(l, t)))
    .sort((a, b) => (order.get(a.t.category) ?? 0) - (order.get(b.t.category) ?? 0) || a.i - b.i)
    .map(({ t }) => t);
}

/** The columns a value leaf takes: its value, and a 目标值 or 基期值 column when its method needs one. */
function valueColumns(
  ind: Indicator,
): { field: ValueField; header: string; rule: InputRule; prompt: string }[] {
  const p = parseMethodParams(ind.method as MethodKey, ind.direction, ind.params);
  const cols: { field: ValueField; header: string; rule: InputRule; prompt: string }[] = [
    { field: 'value', header: ind.name, rule: ANY_NUMBER, prompt: '填写数字，不带单位；没有数据的留空' },
  ];
  if (p.ok && p.value.method === 'targetRatio' && p.value.target === null)
    cols.push({
      field: 'targetValue',
      header: `${ind.name}目标值`,
      rule: { type: 'decimal', min: 0, max: null },
      prompt: '填写下达给该单位的目标值（正数）',
    });
  if (p.ok && p.value.method === 'growth')
    cols.push({
      field: 'baseline',
      header: `${ind.name}基期值`,
      rule: ANY_NUMBER,
      prompt: '填写上年（基期）数值',
    });
  return cols;
}

/** Largest raw score a direct leaf takes for a target: its maxRaw, or its weight in the category. */
function directMax(ind: Indicator, t: Target): number {
  const p = parseMethodParams('direct', ind.direction, ind.params);
  const maxRaw = p.ok && p.value.method === 'direct' ? p.value.maxRaw : null;
  return maxRaw ?? (ind.weights[t.category] as number);
}

const TARGET_COLUMNS = (scheme: Scheme): TemplateColumnPlan[] => [
  { header: DATA_HEADERS.values.code[0], width: 10, what: { role: 'targetCode' }, input: null, prompt: null },
  {
    header: DATA_HEADERS.values.name[0],
    width: Math.max(14, ...scheme.targets.map((t) => Math.min(30, textWidth(t.name) + 2))),
    what: { role: 'targetName' },
    input: null,
    prompt: null,
  },
  {
    header: '类别',
    width: Math.max(10, ...scheme.categories.map((c) => Math.min(20, textWidth(c.name) + 2))),
    what: { role: 'category' },
    input: null,
    prompt: null,
  },
];

function metaOf(
  cycle: Cycle,
  kind: DataKind,
  columns: readonly TemplateColumnPlan[],
  extra: Partial<TemplateMeta> = {},
): TemplateMeta {
  return {
    version: 1,
    cycleId: cycle.id,
    cycleName: cycle.name,
    kind,
    sheet: SHEETS[kind],
    headerRow: TEMPLATE_ROWS.header,
    columns: Object.fromEntries(columns.map((c, i) => [columnName(i), c.what])),
    headers: Object.fromEntries(columns.map((c, i) => [columnName(i), c.header])),
    ...extra,
  };
}

/** An indicator-data template for one data provider: a row per target, a column per value leaf. */
function valuesTemplate(cycle: Cycle, scheme: Scheme, provider: string, leaves: Indicator[]): TemplatePlan {
  const targets = targetsFor(scheme, leaves);
  const catName = new Map(scheme.categories.map((c) => [c.code, c.name]));
  const leafCols = leaves.flatMap((ind) => valueColumns(ind).map((c) => ({ ind, ...c })));
  const columns: TemplateColumnPlan[] = [
    ...TARGET_COLUMNS(scheme),
    ...leafCols.map((c) => ({
      header: c.header,
      width: widthFor(c.header),
      what: { role: 'leaf' as const, indicator: c.ind.code, field: c.field },
      input: c.rule,
      prompt: c.prompt,
    })),
  ];
  const rows = targets.map((t): TemplateCell[] => [
    { kind: 'text', text: t.code },
    { kind: 'text', text: t.name },
    { kind: 'text', text: catName.get(t.category) ?? t.category },
    ...leafCols.map((c): TemplateCell => {
      if (!applies(c.ind, t)) return { kind: 'na' };
      if (c.field === 'value' && c.ind.method === 'direct')
        return { kind: 'input', rule: { type: 'decimal', min: 0, max: directMax(c.ind, t) } };
      return { kind: 'input', rule: c.rule };
    }),
  ]);
  return {
    file: `${fileSafe(cycle.name)}-指标数据-${fileSafe(provider)}.xlsx`,
    sheet: SHEETS.values,
    kind: 'values',
    title: `${heading(cycle)}指标数据填报表（${provider}）`,
    notes: [
      '请在白色单元格中填写各单位的数据；灰色单元格表示该指标不适用于该单位，无需填写',
      '请直接填写数字，不带单位和百分号（如增速 6.5% 填 6.5）；没有数据的请留空，不要填 0',
      '“目标值”“基期值”列分别填写下达的目标和上年（基期）数值',
      KEEP_LAYOUT,
    ],
    byline: `数据来源：${provider}`,
    evaluatorLabel: null,
    columns,
    rows,
    blankRows: 0,
    landscape: columns.length > 6,
    meta: metaOf(cycle, 'values', columns, { provider }),
  };
}

/** A rating template for one evaluator group: a row per target, a column per rated leaf, grade drop-downs. */
function ratingTemplate(
  cycle: Cycle,
  scheme: Scheme,
  group: EvaluatorGroup,
  leaves: Indicator[],
): TemplatePlan {
  const targets = targetsFor(scheme, leaves);
  const catName = new Map(scheme.categories.map((c) => [c.code, c.name]));
  const words = Object.keys(scheme.rules.gradePoints);
  const rule: InputRule =
    words.length > 0
      ? { type: 'list', values: [...words, ABSTAIN], scores: true }
      : { type: 'decimal', min: 0, max: 100 };
  const choices =
    words.length > 0 ? `${words.join('、')}或${ABSTAIN}（也可填 0–100 的分数）` : '0–100 的分数';
  const columns: TemplateColumnPlan[] = [
    ...TARGET_COLUMNS(scheme),
    ...leaves.map((ind) => ({
      header: ind.name,
      width: widthFor(ind.name, 12),
      what: { role: 'leaf' as const, indicator: ind.code, field: 'value' as const },
      input: rule,
      prompt: `请选择：${choices}`,
    })),
  ];
  const rows = targets.map((t): TemplateCell[] => [
    { kind: 'text', text: t.code },
    { kind: 'text', text: t.name },
    { kind: 'text', text: catName.get(t.category) ?? t.category },
    ...leaves.map((ind): TemplateCell => (applies(ind, t) ? { kind: 'input', rule } : { kind: 'na' })),
  ]);
  return {
    file: `${fileSafe(cycle.name)}-评议表-${fileSafe(group.name)}.xlsx`,
    sheet: SHEETS.ratings,
    kind: 'ratings',
    title: `${heading(cycle)}评议表（${group.name}）`,
    notes: [
      `请在“评价人”处填写您的姓名或所在单位，每位评价人单独填写一份，文件名请加上评价人（如“评议表-张三.xlsx”）`,
      `在每个白色单元格的下拉列表中选择${choices}；不了解的请选“${ABSTAIN}”或留空；灰色单元格无需填写`,
      '对本单位的评价不计入得分',
      KEEP_LAYOUT,
    ],
    byline: `评价主体：${group.name}`,
    evaluatorLabel: '评价人：',
    columns,
    rows,
    blankRows: 0,
    landscape: columns.length > 6,
    meta: metaOf(cycle, 'ratings', columns, { group: group.code, evaluatorCell: EVALUATOR_CELL }),
  };
}

/** The satisfaction template: a row per target and satisfaction leaf, a column per level. */
function surveyTemplate(cycle: Cycle, scheme: Scheme, leaves: Indicator[]): TemplatePlan {
  const targets = targetsFor(scheme, leaves);
  const count: InputRule = { type: 'whole', min: 0 };
  const columns: TemplateColumnPlan[] = [
    {
      header: first(DATA_HEADERS.surveys.target),
      width: Math.max(14, ...targets.map((t) => Math.min(30, textWidth(t.name) + 2))),
      what: { role: 'target' },
      input: null,
      prompt: null,
    },
    {
      header: first(DATA_HEADERS.surveys.indicator),
      width: Math.max(12, ...leaves.map((l) => Math.min(30, textWidth(l.name) + 2))),
      what: { role: 'indicator' },
      input: null,
      prompt: null,
    },
    ...LEVEL_HEADERS.map(([role, header]) => ({
      header,
      width: 11,
      what: { role },
      input: count,
      prompt: '填写人数（非负整数）',
    })),
  ];
  const rows = targets.flatMap((t) =>
    leaves
      .filter((l) => applies(l, t))
      .map((l): TemplateCell[] => [
        { kind: 'text', text: t.name },
        { kind: 'text', text: l.name },
        ...LEVEL_HEADERS.map((): TemplateCell => ({ kind: 'input', rule: count })),
      ]),
  );
  return {
    file: `${fileSafe(cycle.name)}-满意度测评.xlsx`,
    sheet: SHEETS.surveys,
    kind: 'surveys',
    title: `${heading(cycle)}满意度测评汇总表`,
    notes: [
      '请按测评结果填写各档次的人数（非负整数）；“不了解”填写无法评价的人数',
      '某单位某项没有测评的，整行留空',
      KEEP_LAYOUT,
    ],
    byline: '填报单位：',
    evaluatorLabel: null,
    columns,
    rows,
    blankRows: 0,
    landscape: false,
    meta: metaOf(cycle, 'surveys', columns),
  };
}

/** The items template: one empty row per bonus, deduction or veto item, with drop-downs. */
function itemsTemplate(cycle: Cycle, scheme: Scheme, leaves: Indicator[]): TemplatePlan {
  const targets = targetsFor(scheme, leaves);
  const columns: TemplateColumnPlan[] = [
    {
      header: first(DATA_HEADERS.items.target),
      width: Math.max(14, ...targets.map((t) => Math.min(30, textWidth(t.name) + 2))),
      what: { role: 'target' },
      input: { type: 'list', values: targets.map((t) => t.name) },
      prompt: '从下拉列表中选择考核对象',
    },
    {
      header: first(DATA_HEADERS.items.indicator),
      width: Math.max(12, ...leaves.map((l) => Math.min(30, textWidth(l.name) + 2))),
      what: { role: 'indicator' },
      input: { type: 'list', values: leaves.map((l) => l.name) },
      prompt: '从下拉列表中选择加分、扣分或否决项目',
    },
    {
      header: DATA_HEADERS.items.points[0],
      width: 8,
      what: { role: 'points' },
      input: { type: 'decimal', min: 0, max: null },
      prompt: '加分、扣分均填正数（扣 0.5 分填 0.5）；否决事项留空',
    },
    {
      header: DATA_HEADERS.items.reason[0],
      width: 44,
      what: { role: 'reason' },
      input: { type: 'text', max: MAX_TEXT },
      prompt: `必填，${MAX_TEXT} 字以内`,
    },
    {
      header: DATA_HEADERS.items.docNo[0],
      width: 22,
      what: { role: 'docNo' },
      input: { type: 'text', max: MAX_NAME },
      prompt: '认定依据的文件号，如 临政办〔2024〕12号',
    },
  ];
  return {
    file: `${fileSafe(cycle.name)}-加扣分及否决事项.xlsx`,
    sheet: SHEETS.items,
    kind: 'items',
    title: `${heading(cycle)}加分、扣分及否决事项汇总表`,
    notes: [
      '每行填写一项：对象和指标从下拉列表中选择，指标决定该项是加分、扣分还是否决',
      '分值填正数（扣 0.5 分填 0.5）；否决事项分值留空；事由必填，文号填写认定依据的文件号',
      KEEP_LAYOUT,
    ],
    byline: '填报单位：',
    evaluatorLabel: null,
    columns,
    rows: [],
    blankRows: ITEM_ROWS,
    landscape: true,
    meta: metaOf(cycle, 'items', columns),
  };
}

/**
 * Every template of a cycle (SPEC §6): indicator data per data provider, ratings per evaluator
 * group, one satisfaction and one items workbook — each only when the scheme has leaves for it.
 */
export function planTemplates(cycle: Cycle, scheme: Scheme): TemplatePlan[] {
  const plans: TemplatePlan[] = [];
  const byProvider = new Map<string, Indicator[]>();
  for (const ind of leavesOf(scheme, VALUE_METHODS)) {
    const p = ind.provider?.trim() || NO_PROVIDER;
    byProvider.set(p, [...(byProvider.get(p) ?? []), ind]);
  }
  for (const [provider, leaves] of byProvider) plans.push(valuesTemplate(cycle, scheme, provider, leaves));
  const rated = leavesOf(scheme, ['rating']);
  if (rated.length > 0) for (const g of scheme.groups) plans.push(ratingTemplate(cycle, scheme, g, rated));
  const surveyed = leavesOf(scheme, ['satisfaction']);
  if (surveyed.length > 0) plans.push(surveyTemplate(cycle, scheme, surveyed));
  const items = leavesOf(scheme, ITEM_METHODS);
  if (items.length > 0) plans.push(itemsTemplate(cycle, scheme, items));
  // 市统计局/市发改委 and 市统计局 市发改委 make one file name: number the second
  const taken = new Set<string>();
  for (const p of plans) {
    let file = p.file;
    for (let k = 2; taken.has(file.toLowerCase()); k++) file = p.file.replace(/\.xlsx$/, `(${k}).xlsx`);
    taken.add(file.toLowerCase());
    p.file = file;
  }
  return plans;
}
