import type { DataKind } from '../domain/cycle';
import type { ItemRow, RatingRow, SurveyCounts, SurveyRow, ValueRow } from '../domain/data';
import type { Issue, ValueField } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { ITEM_METHODS, METHOD_LABELS, parseMethodParams } from '../domain/method';
import type { EvaluatorGroup, Indicator, Scheme, Target } from '../domain/scheme';
import { matchKey, quote } from '../domain/text';
import { gradeReader } from '../engine/methods/rating';
import {
  cellText,
  isBlank,
  isMissingText,
  isSkippableRow,
  percentShown,
  readNumber,
  readText,
} from './cells';
import type { Cell } from './grid';
import { cellRef } from './grid';
import type { LongRole, SheetPlan } from './header';
import { HEADER_SCAN, locateHeader, planFromTemplate } from './header';
import type { Matchers } from './matchers';
import { createMatchers } from './matchers';
import type { TemplateMeta } from './template-meta';

/** Where a row came from: `Sheet!B5`. */
export type Sourced<T> = T & { source: string };
/** A leaf's data of one target, with the cell of each field (value, 目标值, 基期值 sit in different columns). */
export type SourcedValue = Sourced<ValueRow> & { cells: Partial<Record<ValueField, string>> };

export interface ParsedSheet {
  sheet: string;
  kind: DataKind | null;
  /** A rating form's evaluator cell (one evaluator for the whole sheet), for messages. */
  evaluatorRef: string | null;
  /** Data rows accepted. */
  rowCount: number;
  values: SourcedValue[];
  ratings: Sourced<RatingRow>[];
  surveys: Sourced<SurveyRow>[];
  items: Sourced<ItemRow>[];
  issues: Issue[];
}

export interface ParseOptions {
  /** Column headers the operator confirmed earlier: header key (matchKey) → leaf and field. */
  columnPresets?: ReadonlyMap<string, { indicator: string; field: ValueField }>;
  /** The workbook's template metadata, when it is a template we generated. */
  template?: TemplateMeta | null;
  /** Matchers to reuse across the sheets of a file. */
  matchers?: Matchers;
}

/** Longest name (unit, indicator, group, evaluator, document number) and longest 事由 accepted. */
export const MAX_NAME = 100;
export const MAX_TEXT = 500;

/**
 * The scale a leaf's values are on, when its parameters say: 100 for 0–100 (a target of 95,
 * threshold bounds 95|90|80), 1 for fractions; null when nothing says (efficacy on data bounds is
 * the same either way, so only a column mixing the two is a problem).
 */
export function leafScale(ind: Indicator): 100 | 1 | null {
  if (ind.method === null) return null;
  const p = parseMethodParams(ind.method, ind.direction, ind.params);
  if (!p.ok) return null;
  const big = (xs: (number | null)[]) => (xs.some((x) => x !== null && Math.abs(x) > 1.5) ? 100 : 1);
  switch (p.value.method) {
    case 'targetRatio':
      return p.value.target === null ? null : big([p.value.target]);
    case 'threshold':
      return big(p.value.bounds);
    case 'efficacy':
      return p.value.satisfactory === null ? null : big([p.value.satisfactory, p.value.unacceptable]);
    default:
      return null;
  }
}

/** Issues of one code kept per sheet; past that they are counted (a whole wrong column must not drown the report). */
export const ISSUES_PER_CODE = 200;

const ABSTAIN = ['弃权', '不评价', '不了解', '无法评价'].map(matchKey);
const LEVELS = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const;
const REQUIRED: Record<'ratings' | 'surveys' | 'items', { role: LongRole; name: string }[]> = {
  ratings: [
    { role: 'group', name: '评价主体' },
    { role: 'target', name: '对象' },
    { role: 'indicator', name: '指标' },
    { role: 'grade', name: '评价' },
  ],
  surveys: [
    { role: 'target', name: '对象' },
    { role: 'indicator', name: '指标' },
    { role: 'verySatisfied', name: '非常满意' },
    { role: 'satisfied', name: '满意' },
    { role: 'basic', name: '基本满意' },
    { role: 'dissatisfied', name: '不满意' },
  ],
  items: [
    { role: 'target', name: '对象' },
    { role: 'indicator', name: '指标' },
    { role: 'reason', name: '事由' },
  ],
};

/**
 * Parses a data sheet row by row, as the rows arrive (a 200,000-row file is streamed, never held):
 * the first rows are kept until the header is found among them — below titles and notes, on one
 * row or two — then every row is turned into data of the sheet's kind, matching targets by code,
 * name or alias and columns by leaf code or name. Every problem is reported with its cell and what
 * to do; a row with a problem gives no data.
 */
export function createSheetParser(sheetName: string, scheme: Scheme, opts: ParseOptions = {}) {
  const m = opts.matchers ?? createMatchers(scheme);
  const out: ParsedSheet = {
    sheet: sheetName,
    kind: null,
    evaluatorRef: null,
    rowCount: 0,
    values: [],
    ratings: [],
    surveys: [],
    items: [],
    issues: [],
  };
  /** Per level and code: how many, and the first cell past the cap. */
  const counts = new Map<
    string,
    { level: 'error' | 'warning'; code: string; n: number; firstOmitted: string }
  >();
  const report = (
    level: 'error' | 'warning',
    row: number,
    col: number,
    code: string,
    message: string,
    extra: Partial<Issue> = {},
  ) => {
    const key = `${level} ${code}`;
    const c = counts.get(key) ?? { level, code, n: 0, firstOmitted: '' };
    c.n++;
    counts.set(key, c);
    if (c.n <= ISSUES_PER_CODE)
      out.issues.push({ ...issue(level, code, message, cellRef(sheetName, row, col)), ...extra });
    else if (c.n === ISSUES_PER_CODE + 1) c.firstOmitted = cellRef(sheetName, row, col);
  };
  const err = (row: number, col: number, code: string, message: string, extra: Partial<Issue> = {}) =>
    report('error', row, col, code, message, extra);
  const warn = (row: number, col: number, code: string, message: string) =>
    report('warning', row, col, code, message);

  const fromTemplate = opts.template?.sheet === sheetName;
  const head: { row: number; cells: Cell[] }[] = [];
  let handle: ((row: number, cells: Cell[]) => void) | null = null;
  let located = false;
  let bodyRows = 0;
  let headerEnd = -1;
  let header: string[] = [];

  /** A text no longer than `max`, or null with an error (a pasted document is not a name). */
  const longText = (row: number, col: number, text: string, what: string, max: number): boolean => {
    const n = [...text].length;
    if (n <= max) return false;
    err(row, col, 'LONG_TEXT', `${what}过长（${n} 字）：“${quote(text)}”，请精简到 ${max} 字以内`);
    return true;
  };
  const targetAt = (row: number, col: number, cells: readonly Cell[]): Target | null => {
    const t = readText(cells[col] ?? null);
    if (!t.ok) {
      err(row, col, 'BAD_CELL', `考核对象单元格${t.message}`);
      return null;
    }
    if (t.value === '') {
      err(row, col, 'EMPTY_CELL', '考核对象不能为空');
      return null;
    }
    if (longText(row, col, t.value, '考核对象名称', MAX_NAME)) return null;
    const found = m.targets.match(t.value);
    if (found) return found.target;
    const guess = m.targets.suggest(t.value);
    if (guess)
      err(
        row,
        col,
        'UNKNOWN_TARGET',
        `考核对象“${quote(t.value)}”不在方案中；是否为“${guess.name}”（${guess.code}）？请改正，或确认把“${quote(t.value)}”记为${guess.name}的别名`,
        { fix: { kind: 'alias', text: t.value, target: guess.code, targetName: guess.name } },
      );
    else
      err(
        row,
        col,
        'UNKNOWN_TARGET',
        `考核对象“${quote(t.value)}”不在方案中，请填写方案中的对象编码、名称或别名`,
      );
    return null;
  };
  const leafAt = (
    row: number,
    col: number,
    cells: readonly Cell[],
    methods: readonly MethodKey[],
    what: string,
  ): Indicator | null => {
    const t = readText(cells[col] ?? null);
    if (!t.ok || t.value === '') {
      err(row, col, 'EMPTY_CELL', t.ok ? '指标不能为空' : `指标单元格${t.message}`);
      return null;
    }
    if (longText(row, col, t.value, '指标名称', MAX_NAME)) return null;
    const ind = m.indicators.match(t.value);
    if (!ind) {
      err(row, col, 'UNKNOWN_INDICATOR', `指标“${quote(t.value)}”不在方案中，请填写方案中的指标编码或名称`);
      return null;
    }
    if (ind.method === null || !methods.includes(ind.method)) {
      err(
        row,
        col,
        'WRONG_KIND',
        `指标“${quote(t.value)}”的计分方法是${ind.method ? METHOD_LABELS[ind.method] : '（非末级指标）'}，不能在${what}中填写`,
      );
      return null;
    }
    return ind;
  };
  const applies = (ind: Indicator, t: Target) => ind.weights[t.category] !== undefined;
  const words = Object.keys(scheme.rules.gradePoints);
  const readGrade = gradeReader(scheme.rules.gradePoints);

  /** A grade cell: a word of the table, 0–100, or an abstention (null); undefined when refused. */
  const gradeAt = (row: number, col: number, cells: readonly Cell[]): string | number | null | undefined => {
    const cell = cells[col] ?? null;
    let grade: string | number | null = null;
    // 85% formatted as a percentage holds 0.85: the grade is the 85 it shows
    if (cell !== null && cell.kind === 'number') grade = percentShown(cell) ?? cell.value;
    else {
      const g = readText(cell);
      if (!g.ok) {
        err(row, col, 'BAD_CELL', `评价单元格${g.message}`);
        return undefined;
      }
      if (!isMissingText(g.value) && !ABSTAIN.includes(matchKey(g.value))) grade = g.value;
    }
    if (grade === null) return null;
    if (readGrade(grade) === null) {
      err(
        row,
        col,
        'BAD_GRADE',
        `评价“${typeof grade === 'string' ? quote(grade) : grade}”应为 ${words.join('、')} 之一，或 0–100 的分数；弃权请填“弃权”或留空`,
      );
      return undefined;
    }
    // A score written as text (９０, "85", 85%) is kept as the number it means.
    if (typeof grade === 'string' && !words.some((w) => matchKey(w) === matchKey(grade as string)))
      return readGrade(grade);
    return grade;
  };

  /**
   * Per leaf whose scale nothing fixes, the first percentage read as a fraction and the first plain
   * number above 1.5, over all its columns (a value is divided by its 目标值, compared with its
   * 基期值): both means the unit is unknowable — is 93.6% next to a target of 95?
   */
  type Seen = { row: number; col: number; value: number };
  const scaleSeen = new Map<string, { ind: Indicator; percent?: Seen; plain?: Seen }>();
  const notePercent = (ind: Indicator, row: number, col: number, percent: boolean, value: number) => {
    const seen = scaleSeen.get(ind.code) ?? { ind };
    if (percent && Math.abs(value) <= 1.5) seen.percent ??= { row, col, value };
    if (!percent && Math.abs(value) > 1.5) seen.plain ??= { row, col, value };
    scaleSeen.set(ind.code, seen);
  };
  const checkScales = () => {
    for (const { ind, percent: p, plain: n } of scaleSeen.values()) {
      if (!p || !n) continue;
      const shown = Number((p.value * 100).toPrecision(12));
      err(
        p.row,
        p.col,
        'MIXED_PERCENT',
        `“${ind.name}”的数据中既有百分数（${cellRef(sheetName, p.row, p.col)} 为 ${shown}%）又有普通数值（${cellRef(sheetName, n.row, n.col)} 为 ${n.value}），无法判断单位：请统一写成百分数，或统一写成不带 % 的数值（如 ${shown}% 写作 ${shown}）`,
      );
    }
  };

  function wideRows(plan: Extract<SheetPlan, { kind: 'values' | 'ratingsWide' }>) {
    const rowsByTarget = new Map<string, number>();
    const seenRatings = new Set<string>();
    const evaluatorTarget =
      plan.evaluator === '' ? null : (m.targets.match(plan.evaluator)?.target.code ?? null);
    return (row: number, cells: Cell[]) => {
      const codeCell = plan.targetCode === null ? null : (cells[plan.targetCode] ?? null);
      const col = plan.targetCode !== null && !isBlank(codeCell) ? plan.targetCode : plan.targetName;
      if (col === null) return;
      // A row naming no target and holding no number: a units line (亿元, %), a spacer.
      if (
        isBlank(cells[col] ?? null) &&
        plan.leaves.every((l) => {
          const c = cells[l.col] ?? null;
          return c === null || (c.kind === 'text' && !/\d/.test(c.value));
        })
      )
        return;
      const t = targetAt(row, col, cells);
      if (!t) return;
      if (plan.targetCode !== null && plan.targetName !== null && col === plan.targetCode) {
        const byName = cellText(cells[plan.targetName] ?? null);
        const other = byName === '' ? null : m.targets.match(byName);
        if (byName !== '' && other?.target.code !== t.code)
          err(
            row,
            plan.targetName,
            'CODE_NAME_MISMATCH',
            `对象编码 ${t.code} 是“${t.name}”，但名称写的是“${byName}”，请核对`,
          );
      }
      if (rowsByTarget.has(t.code)) {
        err(
          row,
          col,
          'DUPLICATE_TARGET',
          `考核对象“${t.name}”在本表出现了两次（另见第 ${(rowsByTarget.get(t.code) as number) + 1} 行）`,
        );
        return;
      }
      rowsByTarget.set(t.code, row);
      let rowOk = true;
      if (plan.kind === 'ratingsWide') {
        const group = plan.group as EvaluatorGroup;
        const got: Sourced<RatingRow>[] = [];
        for (const c of plan.leaves) {
          // an empty cell (or 不适用's dash) is no rating; 弃权 written out is an abstention, kept
          const cell = cells[c.col] ?? null;
          if (cell === null || (cell.kind === 'text' && isMissingText(cell.value))) continue;
          const grade = gradeAt(row, c.col, cells);
          if (grade === undefined) {
            rowOk = false;
            continue;
          }
          if (!applies(c.indicator, t)) {
            if (grade !== null)
              warn(
                row,
                c.col,
                'NOT_APPLICABLE',
                `指标“${c.indicator.name}”不适用于${t.name}所在类别，该评价不导入`,
              );
            continue;
          }
          const key = `${t.code}|${c.indicator.code}`;
          if (seenRatings.has(key)) continue;
          seenRatings.add(key);
          got.push({
            evaluator: plan.evaluator,
            evaluatorTarget,
            group: group.code,
            target: t.code,
            indicator: c.indicator.code,
            grade,
            source: cellRef(sheetName, row, c.col),
          });
        }
        if (!rowOk || got.length === 0) return;
        out.ratings.push(...got);
        out.rowCount++;
        return;
      }
      const byLeaf = new Map<string, SourcedValue>();
      for (const c of plan.leaves) {
        const cell = cells[c.col] ?? null;
        let r = readNumber(cell);
        const shown = percentShown(cell);
        if (r.ok && r.value !== null) {
          const scale = leafScale(c.indicator);
          // In a column on the 0–100 scale (a target of 95), 93.1% is 93.1, not 0.931.
          if (shown !== null && scale === 100) r = { ok: true, value: shown };
          else if (scale === null) notePercent(c.indicator, row, c.col, shown !== null, r.value);
          else if (scale === 100 && c.field === 'value' && r.value !== 0 && Math.abs(r.value) <= 1.5) {
            const as100 = Number((r.value * 100).toPrecision(12));
            warn(
              row,
              c.col,
              'SCALE_SUSPECT',
              `${t.name}的“${c.indicator.name}”为 ${r.value}，而该指标按 0–100 计（考核参数如此）；如是 ${as100}%，请填写 ${as100}`,
            );
          }
        }
        if (!r.ok) {
          // in a wide sheet an empty cell is allowed: say so
          const fix = r.message.endsWith('请填写数字') ? '或留空' : '';
          err(
            row,
            c.col,
            'BAD_NUMBER',
            `${t.name}的“${header[c.col] ?? c.indicator.name}”${r.message}${fix}`,
          );
          rowOk = false;
          continue;
        }
        if (r.value === null) continue;
        if (!applies(c.indicator, t)) {
          warn(
            row,
            c.col,
            'NOT_APPLICABLE',
            `指标“${c.indicator.name}”不适用于${t.name}所在类别，该值不导入`,
          );
          continue;
        }
        if (c.field === 'value' && c.indicator.method === 'direct') {
          const p = parseMethodParams('direct', c.indicator.direction, c.indicator.params);
          const maxRaw =
            (p.ok && p.value.method === 'direct' ? p.value.maxRaw : null) ??
            (c.indicator.weights[t.category] as number);
          if (r.value < 0 || r.value > maxRaw) {
            err(
              row,
              c.col,
              'OUT_OF_RANGE',
              `${t.name}的“${c.indicator.name}”为 ${r.value}，超出 0–${maxRaw} 的范围`,
            );
            rowOk = false;
            continue;
          }
        }
        const v = byLeaf.get(c.indicator.code) ?? {
          target: t.code,
          indicator: c.indicator.code,
          value: null,
          targetValue: null,
          baseline: null,
          source: cellRef(sheetName, row, c.col),
          cells: {},
        };
        v[c.field] = r.value;
        v.cells[c.field] = cellRef(sheetName, row, c.col);
        byLeaf.set(c.indicator.code, v);
      }
      if (!rowOk || byLeaf.size === 0) return; // a row with a problem gives nothing; an empty row, nothing to count
      out.values.push(...byLeaf.values());
      out.rowCount++;
    };
  }

  function ratingRows(cols: Partial<Record<LongRole, number>>) {
    const c = cols as Record<'group' | 'target' | 'indicator' | 'grade', number> &
      Partial<Record<LongRole, number>>;
    const seen = new Map<string, number>();
    const unknownGroups = new Set<string>();
    return (row: number, cells: Cell[]) => {
      const evaluator = c.evaluator === undefined ? '' : cellText(cells[c.evaluator] ?? null);
      if (c.evaluator !== undefined && longText(row, c.evaluator, evaluator, '评价人', MAX_NAME)) return;
      const groupText = cellText(cells[c.group] ?? null);
      const group = m.groups.match(groupText);
      // one message per unknown name, not one per row (a renamed group would fill the list)
      if (!group && !unknownGroups.has(groupText)) {
        unknownGroups.add(groupText);
        err(
          row,
          c.group,
          'UNKNOWN_GROUP',
          `评价主体“${quote(groupText)}”不在方案中（本表中同样写法的其他行不再逐一列出）。方案中的评价主体：${scheme.groups.map((g) => `“${g.name}”`).join('')}；若主体改过名，请在方案中改回，或把表中的写法改成现名`,
        );
      }
      const t = targetAt(row, c.target, cells);
      const ind = leafAt(row, c.indicator, cells, ['rating'], '评议表');
      const grade = gradeAt(row, c.grade, cells);
      if (!group || !t || !ind || grade === undefined) return;
      if (evaluator !== '') {
        const key = `${matchKey(evaluator)}|${group.code}|${t.code}|${ind.code}`;
        if (seen.has(key)) {
          err(
            row,
            c.evaluator as number,
            'DUPLICATE_RATING',
            `评价人“${evaluator}”对“${t.name}”的“${ind.name}”评价了两次（另见第 ${(seen.get(key) as number) + 1} 行）`,
          );
          return;
        }
        seen.set(key, row);
      }
      out.ratings.push({
        evaluator,
        evaluatorTarget: evaluator === '' ? null : (m.targets.match(evaluator)?.target.code ?? null),
        group: group.code,
        target: t.code,
        indicator: ind.code,
        grade,
        source: cellRef(sheetName, row, c.grade),
      });
      out.rowCount++;
    };
  }

  function surveyRows(cols: Partial<Record<LongRole, number>>) {
    const c = cols as Record<'target' | 'indicator' | 'verySatisfied', number> &
      Partial<Record<LongRole, number>>;
    const seen = new Map<string, number>();
    return (row: number, cells: Cell[]) => {
      const t = targetAt(row, c.target, cells);
      const ind = leafAt(row, c.indicator, cells, ['satisfaction'], '满意度表');
      const got: SurveyCounts = { verySatisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, unknown: 0 };
      let ok = true;
      let any = false;
      for (const level of LEVELS) {
        const col = c[level];
        if (col === undefined) continue;
        const r = readNumber(cells[col] ?? null);
        if (!r.ok || (r.value !== null && (r.value < 0 || !Number.isInteger(r.value)))) {
          err(
            row,
            col,
            'BAD_COUNT',
            `“${header[col] ?? level}”人数${r.ok ? `为 ${r.value}，应为非负整数` : r.message}`,
          );
          ok = false;
        } else if (r.value !== null) {
          got[level] = r.value;
          any = true;
        }
      }
      if (!t || !ind || !ok) return;
      if (!any) {
        // a template lists every target; a row left empty is one that was not surveyed
        if (!fromTemplate) err(row, c.verySatisfied, 'EMPTY_ROW', `“${t.name}”的满意度人数全部为空`);
        return;
      }
      const key = `${t.code}|${ind.code}`;
      if (seen.has(key)) {
        err(
          row,
          c.target,
          'DUPLICATE_TARGET',
          `“${t.name}”的“${ind.name}”在本表出现了两次（另见第 ${(seen.get(key) as number) + 1} 行）`,
        );
        return;
      }
      seen.set(key, row);
      if (!applies(ind, t)) {
        warn(row, c.indicator, 'NOT_APPLICABLE', `指标“${ind.name}”不适用于${t.name}所在类别，该行不导入`);
        return;
      }
      out.surveys.push({
        target: t.code,
        indicator: ind.code,
        counts: got,
        source: cellRef(sheetName, row, c.target),
      });
      out.rowCount++;
    };
  }

  function itemRows(cols: Partial<Record<LongRole, number>>) {
    const c = cols as Record<'target' | 'indicator' | 'reason', number> & Partial<Record<LongRole, number>>;
    return (row: number, cells: Cell[]) => {
      const t = targetAt(row, c.target, cells);
      const ind = leafAt(row, c.indicator, cells, ITEM_METHODS, '加扣分及否决事项表');
      const reason = readText(cells[c.reason] ?? null);
      const docNo = c.docNo === undefined ? '' : cellText(cells[c.docNo] ?? null);
      let ok = reason.ok && reason.value !== '';
      if (!ok) err(row, c.reason, 'EMPTY_CELL', '事由不能为空：加分、扣分和否决事项都要写明事由');
      else if (longText(row, c.reason, reason.ok ? reason.value : '', '事由', MAX_TEXT)) ok = false;
      if (c.docNo !== undefined && longText(row, c.docNo, docNo, '文号', MAX_NAME)) ok = false;
      let points: number | null = null;
      if (ind && ind.method !== 'veto') {
        const p =
          c.points === undefined ? ({ ok: true, value: null } as const) : readNumber(cells[c.points] ?? null);
        if (!p.ok) {
          err(row, c.points as number, 'BAD_NUMBER', `分值${p.message}`);
          ok = false;
        } else if (p.value === null) {
          err(
            row,
            c.points ?? c.reason,
            'EMPTY_CELL',
            `${METHOD_LABELS[ind.method as MethodKey]}事项须填写分值`,
          );
          ok = false;
        } else if (ind.method === 'bonus' && p.value < 0) {
          err(row, c.points as number, 'BAD_NUMBER', `加分分值不能为负数（现为 ${p.value}）`);
          ok = false;
        } else points = Math.abs(p.value); // a deduction written as −0.5 means 0.5 off
      }
      if (!t || !ind || !ok) return;
      if (!applies(ind, t)) {
        err(row, c.indicator, 'NOT_APPLICABLE', `“${ind.name}”不适用于${t.name}所在类别`);
        return;
      }
      out.items.push({
        target: t.code,
        indicator: ind.code,
        points,
        reason: reason.ok ? reason.value : '',
        docNo,
        source: cellRef(sheetName, row, c.target),
      });
      out.rowCount++;
    };
  }

  /** Decides the header from the rows kept so far, and replays the rows below it. */
  function locate() {
    located = true;
    const rows: Cell[][] = [];
    for (const r of head) rows[r.row] = r.cells;
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    const ctx = {
      sheet: sheetName,
      matchers: m,
      groups: scheme.groups,
      columnPresets: opts.columnPresets ?? new Map(),
    };
    const fromMeta = opts.template && fromTemplate ? planFromTemplate(opts.template, rows, ctx) : null;
    const plan = fromMeta ?? locateHeader(rows, ctx);
    if (opts.template && fromTemplate && !fromMeta && plan)
      plan.issues.unshift(
        issue(
          'warning',
          'TEMPLATE_CHANGED',
          `模板的表头已被改动（第 ${opts.template.headerRow} 行不再是生成时的样子：增删、移动了列或在上方插入了行），已按表头文字识别各列，请核对导入结果`,
          cellRef(sheetName, opts.template.headerRow - 1, 0),
        ),
      );
    if (!plan) {
      err(
        0,
        0,
        'UNKNOWN_SHEET',
        `无法识别工作表“${sheetName}”的类型：在前 ${HEADER_SCAN} 行中没有找到表头——指标数据表含“对象编码/对象名称”和指标列，评议表含“评价人、评价主体、对象、指标、评价”，满意度表含“非常满意、满意、基本满意、不满意、不了解”，加扣分表含“对象、指标、分值、事由、文号”`,
      );
      return;
    }
    out.kind = plan.kind === 'ratingsWide' ? 'ratings' : plan.kind;
    out.issues.push(...plan.issues);
    headerEnd = plan.headerRows[plan.headerRows.length - 1] as number;
    header = headerTexts(rows, plan.headerRows);
    const lastHeader = rows[headerEnd] ?? [];
    if ('cols' in plan) {
      const { cols, kind } = plan;
      const missing = REQUIRED[kind].filter((r) => cols[r.role] === undefined);
      for (const r of missing)
        err(
          headerEnd,
          lastHeader.length,
          'COLUMN_MISSING',
          `缺少列“${r.name}”，请在第 ${headerEnd + 1} 行表头加上这一列`,
        );
      if (missing.length > 0) return;
      handle = kind === 'ratings' ? ratingRows(cols) : kind === 'surveys' ? surveyRows(cols) : itemRows(cols);
    } else {
      if (plan.kind === 'ratingsWide' && plan.group === null) {
        const ref = plan.groupRef;
        out.issues.push(
          issue(
            'error',
            'GROUP_MISSING',
            `评议表没有写明评价主体：请在表头上方写“评价主体：${scheme.groups[0]?.name ?? '市级领导'}”（可用：${scheme.groups.map((g) => g.name).join('、')}）`,
            ref,
          ),
        );
        return;
      }
      if (plan.kind === 'ratingsWide') {
        const at = plan.evaluatorRef ?? plan.groupRef;
        const n = [...plan.evaluator].length;
        if (n > MAX_NAME) {
          out.issues.push(
            issue(
              'error',
              'LONG_TEXT',
              `评价人过长（${n} 字）：“${quote(plan.evaluator)}”，请只写姓名或单位名称`,
              at,
            ),
          );
          return;
        }
        if (plan.evaluator === '')
          out.issues.push(
            issue(
              'warning',
              'EVALUATOR_EMPTY',
              '评价人未填写，按匿名评价导入：对本单位的评价无法剔除，同一人交两份也无法发现；如知道是谁，请补上后重新导入',
              at,
            ),
          );
        out.evaluatorRef = plan.evaluatorRef;
      }
      handle = wideRows(plan);
    }
    for (const r of head) if (r.row > headerEnd) feed(r.row, r.cells);
    head.length = 0;
  }

  function feed(row: number, cells: Cell[]) {
    if (!handle || isSkippableRow(cells)) return;
    bodyRows++;
    handle(row, cells);
  }

  return {
    /** Hands the parser one row (0-based index, increasing); empty rows may be skipped by the caller. */
    push(row: number, cells: Cell[]) {
      if (located) {
        if (row > headerEnd) feed(row, cells);
        return;
      }
      head.push({ row, cells });
      if (row >= HEADER_SCAN) locate();
    },
    /** The sheet's data and issues, once every row was pushed. */
    end(): ParsedSheet {
      if (!located) locate();
      checkScales();
      if (out.kind !== null && handle && bodyRows === 0)
        out.issues.push(
          issue(
            'error',
            'NO_ROWS',
            `工作表“${sheetName}”只有表头，没有数据行`,
            cellRef(sheetName, headerEnd, 0),
          ),
        );
      else if (
        fromTemplate &&
        handle &&
        out.issues.every((i) => i.level !== 'error') &&
        out.values.length + out.ratings.length + out.surveys.length + out.items.length === 0
      )
        out.issues.push(
          issue(
            'error',
            'NO_ROWS',
            `工作表“${sheetName}”是没有填写的模板：没有任何数据，请检查是否发错了文件`,
            cellRef(sheetName, headerEnd + 1, 0),
          ),
        );
      for (const c of counts.values())
        if (c.n > ISSUES_PER_CODE)
          out.issues.push(
            issue(
              c.level,
              c.code,
              `……同类${c.level === 'error' ? '问题' : '提示'}另有 ${c.n - ISSUES_PER_CODE} 处未逐一列出（从 ${c.firstOmitted} 起）${c.level === 'error' ? '，请改正以上各处后重新导入' : ''}`,
              c.firstOmitted,
            ),
          );
      return out;
    },
  };
}

/** Header texts by column, the lower row of a two-row header read under its group. */
function headerTexts(rows: readonly (readonly Cell[])[], headerRows: readonly number[]): string[] {
  const out: string[] = [];
  for (const r of headerRows)
    (rows[r] ?? []).forEach((cell, c) => {
      const t = cellText(cell);
      if (t !== '') out[c] = out[c] && out[c] !== t ? `${out[c]}${t}` : t;
    });
  return out;
}
