import type { DataKind } from '../domain/cycle';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { ITEM_METHODS, METHOD_LABELS, parseMethodParams, VALUE_METHODS } from '../domain/method';
import type { Indicator, Scheme, Target } from '../domain/scheme';
import { matchKey } from '../domain/text';
import { gradeValue } from '../engine/methods/rating';
import { cellText, isBlank, isMissingText, isSkippableRow, readNumber, readText } from './cells';
import type { Cell, SheetGrid } from './grid';
import { cellRef } from './grid';
import { mapHeaders } from './headers';
import { createMatchers } from './matchers';

/** Where a row came from: `Sheet!B5` (the cell naming the target). */
type Sourced<T> = T & { source: string };

export interface ParsedSheet {
  sheet: string;
  kind: DataKind | null;
  /** Data rows accepted. */
  rowCount: number;
  values: Sourced<ValueRow>[];
  ratings: Sourced<RatingRow>[];
  surveys: Sourced<SurveyRow>[];
  items: Sourced<ItemRow>[];
  issues: Issue[];
}

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

/** Headers of a wide sheet that are not indicators and carry nothing to import. */
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
const ABSTAIN = ['弃权', '不评价', '不了解', '无法评价'].map(matchKey);

/** The kind of a sheet, from its header row (SPEC §6). */
export function detectKind(
  header: readonly Cell[],
  scheme: Scheme,
  m: ReturnType<typeof createMatchers> = createMatchers(scheme),
): DataKind | null {
  const has = (names: readonly string[]) =>
    header.some((c) => names.some((n) => matchKey(n) === matchKey(cellText(c))));
  if (has(DATA_HEADERS.surveys.verySatisfied) && has(DATA_HEADERS.surveys.dissatisfied)) return 'surveys';
  if (
    has(DATA_HEADERS.ratings.grade) &&
    (has(DATA_HEADERS.ratings.evaluator) || has(DATA_HEADERS.ratings.group))
  )
    return 'ratings';
  if (has(DATA_HEADERS.items.reason) && (has(DATA_HEADERS.items.points) || has(DATA_HEADERS.items.docNo)))
    return 'items';
  if (has(DATA_HEADERS.values.code) || has(DATA_HEADERS.values.name)) {
    if (header.some((c) => m.indicators.match(stripSuffix(cellText(c)).base) !== null)) return 'values';
  }
  return null;
}

/** `地区生产总值目标值` → base 地区生产总值, field targetValue. */
function stripSuffix(header: string): { base: string; field: 'value' | 'targetValue' | 'baseline' } {
  const t = header.trim();
  for (const [suffix, field] of [
    ['目标值', 'targetValue'],
    ['基期值', 'baseline'],
    ['上年值', 'baseline'],
  ] as const)
    if (t.endsWith(suffix) && t.length > suffix.length)
      return { base: t.slice(0, -suffix.length).replace(/[\s_\-—－]+$/, ''), field };
  return { base: t, field: 'value' };
}

/**
 * Maps one data sheet (header on its first row) to data rows of its kind, matching targets by code,
 * name or alias and indicators by code or name. Every problem is reported with its cell and what
 * to do; rows with problems are not returned.
 */
export function parseDataSheet(sheet: SheetGrid, scheme: Scheme): ParsedSheet {
  const out: ParsedSheet = {
    sheet: sheet.name,
    kind: null,
    rowCount: 0,
    values: [],
    ratings: [],
    surveys: [],
    items: [],
    issues: [],
  };
  const headerRow = 0;
  const header = sheet.rows[headerRow] ?? [];
  const m = createMatchers(scheme);
  const err = (row: number, col: number, code: string, message: string) =>
    out.issues.push(issue('error', code, message, cellRef(sheet.name, row, col)));
  const warn = (row: number, col: number, code: string, message: string) =>
    out.issues.push(issue('warning', code, message, cellRef(sheet.name, row, col)));

  const kind = detectKind(header, scheme, m);
  out.kind = kind;
  if (kind === null) {
    err(
      headerRow,
      0,
      'UNKNOWN_SHEET',
      `无法识别工作表“${sheet.name}”的类型：第 1 行应为表头——指标数据表含“对象编码/对象名称”和指标列，评议表含“评价人、评价主体、对象、指标、评价”，满意度表含“非常满意、满意、基本满意、不满意、不了解”，加扣分表含“对象、指标、分值、事由、文号”`,
    );
    return out;
  }
  const body: { row: number; cells: Cell[] }[] = [];
  sheet.rows.forEach((cells, row) => {
    if (row > headerRow && !isSkippableRow(cells)) body.push({ row, cells });
  });
  if (body.length === 0) {
    err(headerRow, 0, 'NO_ROWS', `工作表“${sheet.name}”只有表头，没有数据行`);
    return out;
  }

  /** Resolves the target named in a cell, reporting an unknown one. */
  const targetAt = (row: number, col: number, cells: Cell[]): Target | null => {
    const t = readText(cells[col] ?? null);
    if (!t.ok) {
      err(row, col, 'BAD_CELL', `考核对象单元格${t.message}`);
      return null;
    }
    if (t.value === '') {
      err(row, col, 'EMPTY_CELL', '考核对象不能为空');
      return null;
    }
    const found = m.targets.match(t.value);
    if (!found)
      err(row, col, 'UNKNOWN_TARGET', `考核对象“${t.value}”不在方案中，请填写方案中的对象编码、名称或别名`);
    return found?.target ?? null;
  };
  const leafAt = (
    row: number,
    col: number,
    cells: Cell[],
    methods: readonly MethodKey[],
    what: string,
  ): Indicator | null => {
    const t = readText(cells[col] ?? null);
    if (!t.ok || t.value === '') {
      err(row, col, 'EMPTY_CELL', t.ok ? '指标不能为空' : `指标单元格${t.message}`);
      return null;
    }
    const ind = m.indicators.match(t.value);
    if (!ind) {
      err(row, col, 'UNKNOWN_INDICATOR', `指标“${t.value}”不在方案中，请填写方案中的指标编码或名称`);
      return null;
    }
    if (ind.method === null || !methods.includes(ind.method)) {
      err(
        row,
        col,
        'WRONG_KIND',
        `指标“${t.value}”的计分方法是${ind.method ? METHOD_LABELS[ind.method] : '（非末级指标）'}，不能在${what}中填写`,
      );
      return null;
    }
    return ind;
  };
  const applies = (ind: Indicator, t: Target) => ind.weights[t.category] !== undefined;
  /** Columns of a long-form sheet: required ones are numbers, optional ones may be undefined. */
  const fields = <S extends Record<string, readonly string[]>, R extends keyof S & string>(
    spec: S,
    required: R[],
  ) => {
    const { cols } = mapHeaders(header, spec as Record<keyof S & string, readonly string[]>);
    const missing = required.filter((f) => cols[f] === undefined);
    for (const f of missing)
      err(
        headerRow,
        header.length,
        'COLUMN_MISSING',
        `缺少列“${(spec[f] as readonly string[])[0]}”，请在第 1 行表头加上这一列`,
      );
    return missing.length > 0
      ? null
      : (cols as Record<R, number> & Partial<Record<keyof S & string, number>>);
  };

  switch (kind) {
    case 'values': {
      const { cols, other } = mapHeaders(header, DATA_HEADERS.values);
      const columns: { col: number; ind: Indicator; field: 'value' | 'targetValue' | 'baseline' }[] = [];
      const seen = new Map<string, number>();
      for (const { col, text } of other) {
        if (IGNORED.includes(matchKey(text))) continue;
        const { base, field } = stripSuffix(text);
        const ind = m.indicators.match(base);
        if (!ind) {
          err(
            headerRow,
            col,
            'UNKNOWN_COLUMN',
            `列“${text}”不是方案中的指标编码或名称；目标值列写作“指标名称目标值”，基期值列写作“指标名称基期值”`,
          );
          continue;
        }
        if (ind.method === null || !VALUE_METHODS.includes(ind.method)) {
          err(
            headerRow,
            col,
            'WRONG_KIND',
            ind.method === null
              ? `列“${text}”是上级指标，数据应填在其末级指标的列中`
              : `列“${text}”的计分方法是${METHOD_LABELS[ind.method]}，不在指标数据表中填写`,
          );
          continue;
        }
        const key = `${ind.code}:${field}`;
        if (seen.has(key)) {
          err(headerRow, col, 'DUPLICATE_COLUMN', `列“${text}”与第 ${(seen.get(key) as number) + 1} 列重复`);
          continue;
        }
        seen.set(key, col);
        columns.push({ col, ind, field });
      }
      const rowsByTarget = new Map<string, number>();
      for (const { row, cells } of body) {
        const col = cols.code !== undefined && !isBlank(cells[cols.code] ?? null) ? cols.code : cols.name;
        if (col === undefined) continue;
        const t = targetAt(row, col, cells);
        if (!t) continue;
        if (cols.code !== undefined && cols.name !== undefined && col === cols.code) {
          const byName = cellText(cells[cols.name] ?? null);
          const other = byName === '' ? null : m.targets.match(byName);
          if (byName !== '' && other?.target.code !== t.code)
            err(
              row,
              cols.name,
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
          continue;
        }
        rowsByTarget.set(t.code, row);
        const byLeaf = new Map<string, Sourced<ValueRow>>();
        let rowOk = true;
        for (const c of columns) {
          const r = readNumber(cells[c.col] ?? null);
          if (!r.ok) {
            // in a wide sheet an empty cell is allowed: say so
            const fix = r.message.endsWith('请填写数字') ? '或留空' : '';
            err(
              row,
              c.col,
              'BAD_NUMBER',
              `${t.name}的“${cellText(header[c.col] ?? null)}”${r.message}${fix}`,
            );
            rowOk = false;
            continue;
          }
          if (r.value === null) continue;
          if (!applies(c.ind, t)) {
            warn(row, c.col, 'NOT_APPLICABLE', `指标“${c.ind.name}”不适用于${t.name}所在类别，该值不导入`);
            continue;
          }
          if (c.field === 'value' && c.ind.method === 'direct') {
            const p = parseMethodParams('direct', c.ind.direction, c.ind.params);
            const maxRaw =
              (p.ok && p.value.method === 'direct' ? p.value.maxRaw : null) ??
              (c.ind.weights[t.category] as number);
            if (r.value < 0 || r.value > maxRaw) {
              err(
                row,
                c.col,
                'OUT_OF_RANGE',
                `${t.name}的“${c.ind.name}”为 ${r.value}，超出 0–${maxRaw} 的范围`,
              );
              rowOk = false;
              continue;
            }
          }
          const v = byLeaf.get(c.ind.code) ?? {
            target: t.code,
            indicator: c.ind.code,
            value: null,
            targetValue: null,
            baseline: null,
            source: cellRef(sheet.name, row, c.col),
          };
          v[c.field] = r.value;
          byLeaf.set(c.ind.code, v);
        }
        if (!rowOk) continue; // a row with a problem gives nothing
        out.values.push(...byLeaf.values());
        out.rowCount++;
      }
      if (columns.length === 0) err(headerRow, 0, 'NO_COLUMNS', '表头中没有可识别的指标列');
      break;
    }

    case 'ratings': {
      const cols = fields(DATA_HEADERS.ratings, ['group', 'target', 'indicator', 'grade']);
      if (!cols) break;
      const words = Object.keys(scheme.rules.gradePoints);
      const seen = new Map<string, number>();
      for (const { row, cells } of body) {
        const evaluator = cols.evaluator === undefined ? '' : cellText(cells[cols.evaluator] ?? null);
        const groupText = cellText(cells[cols.group] ?? null);
        const group = m.groups.match(groupText);
        if (!group)
          err(
            row,
            cols.group,
            'UNKNOWN_GROUP',
            `评价主体“${groupText}”不在方案中，可用：${scheme.groups.map((g) => g.name).join('、')}`,
          );
        const t = targetAt(row, cols.target, cells);
        const ind = leafAt(row, cols.indicator, cells, ['rating'], '评议表');
        const gradeCell = cells[cols.grade] ?? null;
        let grade: string | number | null = null;
        let gradeOk = true;
        if (gradeCell !== null && gradeCell.kind === 'number') grade = gradeCell.value;
        else {
          const g = readText(gradeCell);
          if (!g.ok) {
            err(row, cols.grade, 'BAD_CELL', `评价单元格${g.message}`);
            gradeOk = false;
          } else if (!isMissingText(g.value) && !ABSTAIN.includes(matchKey(g.value))) grade = g.value;
        }
        if (grade !== null && gradeValue(grade, scheme.rules.gradePoints) === null) {
          err(
            row,
            cols.grade,
            'BAD_GRADE',
            `评价“${grade}”应为 ${words.join('、')} 之一，或 0–100 的分数；弃权请填“弃权”或留空`,
          );
          gradeOk = false;
        }
        if (!group || !t || !ind || !gradeOk) continue;
        // A score written as text (９０, "85", 85%) is stored as the number it means.
        if (typeof grade === 'string' && !words.some((w) => matchKey(w) === matchKey(grade as string)))
          grade = gradeValue(grade, scheme.rules.gradePoints);
        if (evaluator !== '') {
          const key = `${matchKey(evaluator)}|${group.code}|${t.code}|${ind.code}`;
          if (seen.has(key)) {
            err(
              row,
              cols.evaluator as number,
              'DUPLICATE_RATING',
              `评价人“${evaluator}”对“${t.name}”的“${ind.name}”评价了两次（另见第 ${(seen.get(key) as number) + 1} 行）`,
            );
            continue;
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
          source: cellRef(sheet.name, row, cols.grade),
        });
        out.rowCount++;
      }
      break;
    }

    case 'surveys': {
      const cols = fields(DATA_HEADERS.surveys, [
        'target',
        'indicator',
        'verySatisfied',
        'satisfied',
        'basic',
        'dissatisfied',
      ]);
      if (!cols) break;
      const seen = new Map<string, number>();
      const levels = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const;
      for (const { row, cells } of body) {
        const t = targetAt(row, cols.target, cells);
        const ind = leafAt(row, cols.indicator, cells, ['satisfaction'], '满意度表');
        const counts = { verySatisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, unknown: 0 };
        let ok = true;
        let any = false;
        for (const level of levels) {
          const col = (cols as Partial<Record<string, number>>)[level];
          if (col === undefined) continue;
          const r = readNumber(cells[col] ?? null);
          if (!r.ok || (r.value !== null && (r.value < 0 || !Number.isInteger(r.value)))) {
            err(
              row,
              col,
              'BAD_COUNT',
              `“${cellText(header[col] ?? null)}”人数${r.ok ? '应为非负整数' : r.message}`,
            );
            ok = false;
          } else if (r.value !== null) {
            counts[level] = r.value;
            any = true;
          }
        }
        if (!t || !ind || !ok) continue;
        if (!any) {
          err(row, cols.verySatisfied, 'EMPTY_ROW', `“${t.name}”的满意度人数全部为空`);
          continue;
        }
        const key = `${t.code}|${ind.code}`;
        if (seen.has(key)) {
          err(
            row,
            cols.target,
            'DUPLICATE_TARGET',
            `“${t.name}”的“${ind.name}”在本表出现了两次（另见第 ${(seen.get(key) as number) + 1} 行）`,
          );
          continue;
        }
        seen.set(key, row);
        if (!applies(ind, t)) {
          warn(
            row,
            cols.indicator,
            'NOT_APPLICABLE',
            `指标“${ind.name}”不适用于${t.name}所在类别，该行不导入`,
          );
          continue;
        }
        out.surveys.push({
          target: t.code,
          indicator: ind.code,
          counts,
          source: cellRef(sheet.name, row, cols.target),
        });
        out.rowCount++;
      }
      break;
    }

    case 'items': {
      const cols = fields(DATA_HEADERS.items, ['target', 'indicator', 'reason']);
      if (!cols) break;
      for (const { row, cells } of body) {
        const t = targetAt(row, cols.target, cells);
        const ind = leafAt(row, cols.indicator, cells, ITEM_METHODS, '加扣分及否决事项表');
        const reason = readText(cells[cols.reason] ?? null);
        const docNo = cols.docNo === undefined ? '' : cellText(cells[cols.docNo] ?? null);
        if (!reason.ok || reason.value === '')
          err(row, cols.reason, 'EMPTY_CELL', '事由不能为空：加分、扣分和否决事项都要写明事由');
        let points: number | null = null;
        let ok = reason.ok && reason.value !== '';
        if (ind && ind.method !== 'veto') {
          const p =
            cols.points === undefined
              ? ({ ok: true, value: null } as const)
              : readNumber(cells[cols.points] ?? null);
          if (!p.ok) {
            err(row, cols.points as number, 'BAD_NUMBER', `分值${p.message}`);
            ok = false;
          } else if (p.value === null) {
            err(
              row,
              cols.points ?? cols.reason,
              'EMPTY_CELL',
              `${METHOD_LABELS[ind.method as MethodKey]}事项须填写分值`,
            );
            ok = false;
          } else if (ind.method === 'bonus' && p.value < 0) {
            err(row, cols.points as number, 'BAD_NUMBER', '加分分值不能为负数');
            ok = false;
          } else points = Math.abs(p.value); // a deduction written as −0.5 means 0.5 off
        }
        if (!t || !ind || !ok) continue;
        if (!applies(ind, t)) {
          err(row, cols.indicator, 'NOT_APPLICABLE', `“${ind.name}”不适用于${t.name}所在类别`);
          continue;
        }
        out.items.push({
          target: t.code,
          indicator: ind.code,
          points,
          reason: reason.ok ? reason.value : '',
          docNo,
          source: cellRef(sheet.name, row, cols.target),
        });
        out.rowCount++;
      }
      break;
    }
  }
  return out;
}
