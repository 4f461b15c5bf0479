import type { DataKind } from '../domain/cycle';
import type { Issue } from '../domain/issue';
import type { BlockBuilder, RowSourceCell } from '../domain/row-block';
import { createBlockBuilder } from '../domain/row-block';
import { issue } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { METHOD_LABELS } from '../domain/method';
import type { Indicator, Scheme, Target } from '../domain/scheme';
import { quote } from '../domain/text';
import { gradeReader } from '../engine/methods/rating';
import { invalidMessage, isMissingKey, percentShown, startsSkippedRow } from './cells';
import type { Cell } from './grid';
import { cellRef } from './grid';
import type { Matchers } from './matchers';
import type { ParsedSheet } from './parsed-sheet';
import { emptyParsedSheet, ISSUES_PER_CODE } from './parsed-sheet';
import type { TextCache } from './text-cache';
import { createTextCache, memoText } from './text-cache';

const ABSTAIN = new Set(['弃权', '不评价', '不了解', '无法评价']);
const FORMULA_NO_CACHE = '是没有计算结果的公式，请用 Excel 或 WPS 打开该文件、保存后再导入';

/**
 * What the row readers of one sheet share: the sheet's output and issue reporter, and the cell
 * readers that find units, leaves and grades — each distinct text cleaned and matched once.
 */
export interface SheetContext {
  sheet: string;
  scheme: Scheme;
  m: Matchers;
  out: ParsedSheet;
  /** The sheet is the data sheet of a template we generated. */
  fromTemplate: boolean;
  /** Header texts by column, once the header is located (the lower row of a pair read under its group). */
  header: string[];
  /** The text a cell shows, cleaned (cellText), each distinct text cleaned once. */
  text(c: Cell): string;
  /** A text's match key (matchKey), each distinct text once. */
  key(s: string): string;
  /**
   * `compute()`, kept in the cell's memo under `name` when it has one (a shared string: one cell
   * object wherever it appears), so that what a text means is worked out once per workbook.
   */
  memo<T>(c: Cell, name: string, compute: () => T): T;
  /** A cell that shows nothing (isBlank). */
  blank(c: Cell): boolean;
  /** A row that holds no data (isSkippableRow): blank, or a 合计, 备注, 填表人… line. */
  skippable(cells: readonly Cell[]): boolean;
  ref(row: number, col: number): string;
  err(row: number, col: number, code: string, message: string, extra?: Partial<Issue>): void;
  warn(row: number, col: number, code: string, message: string): void;
  /** True, with an error, when a text is longer than `max` characters (a pasted document is not a name). */
  longText(row: number, col: number, text: string, what: string, max: number): boolean;
  /** The target a cell names by code, name or alias; null with an error (and a suggestion) otherwise. */
  targetAt(row: number, col: number, cells: readonly Cell[]): Target | null;
  /** The leaf a cell names, if its method is one of `methods`; null with an error otherwise. */
  leafAt(
    row: number,
    col: number,
    cells: readonly Cell[],
    methods: readonly MethodKey[],
    what: string,
  ): Indicator | null;
  /** A grade cell: a word of the table, 0–100, or an abstention (null); undefined when refused. */
  gradeAt(row: number, col: number, cells: readonly Cell[]): string | number | null | undefined;
  /** Whether a leaf is applied to the target's category. */
  applies(ind: Indicator, t: Target): boolean;
  /** Adds the counts of issues past the cap of each code (call once, at the end). */
  finish(): void;
  /** Where the rows go once the sheet's kind is known (see begin). */
  rows: BlockBuilder;
  /** The sheet's kind is known: its rows are built as columns of that kind from now on. */
  begin(kind: DataKind): void;
  /** Where a cell is, as a block row records it (rows and columns 0-based here). */
  at(row: number, col: number): RowSourceCell;
}

export function createSheetContext(
  sheet: string,
  scheme: Scheme,
  m: Matchers,
  opts: { fromTemplate: boolean; texts?: TextCache },
): SheetContext {
  const out = emptyParsedSheet(sheet);
  const texts = opts.texts ?? createTextCache();
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
    const k = `${level} ${code}`;
    const c = counts.get(k) ?? { level, code, n: 0, firstOmitted: '' };
    c.n++;
    counts.set(k, c);
    if (c.n <= ISSUES_PER_CODE)
      out.issues.push({ ...issue(level, code, message, cellRef(sheet, row, col)), ...extra });
    else if (c.n === ISSUES_PER_CODE + 1) c.firstOmitted = cellRef(sheet, row, col);
  };
  const err = (row: number, col: number, code: string, message: string, extra: Partial<Issue> = {}) =>
    report('error', row, col, code, message, extra);

  const text = (c: Cell): string => {
    if (c === null) return '';
    switch (c.kind) {
      case 'text': {
        const m = c.memo;
        if (m === undefined) return texts.clean(c.value);
        return (m.clean ??= texts.clean(c.value)) as string;
      }
      case 'number':
        return String(c.value);
      case 'bool':
        return c.value ? 'TRUE' : 'FALSE';
      case 'date':
      case 'error':
        return c.value;
      case 'formula':
      case 'invalid':
        return '';
    }
  };
  /** readText: error values, uncached formulas and unreadable cells are refused. */
  const readText = (c: Cell): { ok: true; value: string } | { ok: false; message: string } => {
    if (c !== null && c.kind === 'error') return { ok: false, message: `是错误值 ${c.value}` };
    if (c !== null && c.kind === 'formula') return { ok: false, message: FORMULA_NO_CACHE };
    if (c !== null && c.kind === 'invalid') return { ok: false, message: invalidMessage(c) };
    return { ok: true, value: text(c) };
  };
  const blank = (c: Cell) => c === null || (c.kind === 'text' && texts.clean(c.value) === '');
  const skippedText = memoText(startsSkippedRow);
  const longText = (row: number, col: number, t: string, what: string, max: number): boolean => {
    if (t.length <= max) return false; // code points never outnumber UTF-16 units
    const n = [...t].length;
    if (n <= max) return false;
    err(row, col, 'LONG_TEXT', `${what}过长（${n} 字）：“${quote(t)}”，请精简到 ${max} 字以内`);
    return true;
  };

  const words = Object.keys(scheme.rules.gradePoints);
  const wordKeys = new Set(words.map((w) => texts.key(w)));
  const readGrade = gradeReader(scheme.rules.gradePoints);
  const abstain = new Set([...ABSTAIN].map((w) => texts.key(w)));

  const ctx: SheetContext = {
    sheet,
    scheme,
    m,
    out,
    rows: createBlockBuilder('values'),
    begin(kind) {
      ctx.rows = createBlockBuilder(kind, { fieldColumns: true });
      out.block = ctx.rows.block;
    },
    at: (row, col) => ({ sheet, row: row + 1, col }),
    fromTemplate: opts.fromTemplate,
    header: [],
    text,
    key: texts.key,
    memo: <T>(c: Cell, name: string, compute: () => T): T => {
      const m = c !== null && c.kind === 'text' ? c.memo : undefined;
      if (m === undefined) return compute();
      if (name in m) return m[name] as T;
      const v = compute();
      m[name] = v;
      return v;
    },
    blank,
    skippable(cells) {
      for (const c of cells) if (!blank(c)) return skippedText(text(c));
      return true;
    },
    ref: (row, col) => cellRef(sheet, row, col),
    err,
    warn: (row, col, code, message) => report('warning', row, col, code, message),
    longText,

    targetAt(row, col, cells) {
      const t = readText(cells[col] ?? null);
      if (!t.ok) {
        err(row, col, 'BAD_CELL', `考核对象单元格${t.message}`);
        return null;
      }
      if (t.value === '') {
        err(row, col, 'EMPTY_CELL', '考核对象不能为空');
        return null;
      }
      if (longText(row, col, t.value, '考核对象名称', 100)) return null;
      const found = ctx.memo(cells[col] ?? null, 'target', () => m.targets.match(t.value));
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
    },

    leafAt(row, col, cells, methods, what) {
      const t = readText(cells[col] ?? null);
      if (!t.ok || t.value === '') {
        err(row, col, 'EMPTY_CELL', t.ok ? '指标不能为空' : `指标单元格${t.message}`);
        return null;
      }
      if (longText(row, col, t.value, '指标名称', 100)) return null;
      const ind = ctx.memo(cells[col] ?? null, 'leaf', () => m.indicators.match(t.value));
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
    },

    gradeAt(row, col, cells) {
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
        const k = ctx.memo(cell, 'key', () => texts.key(g.value));
        if (!isMissingKey(k) && !abstain.has(k)) grade = g.value;
      }
      if (grade === null) return null;
      const points = readGrade(grade);
      if (points === null) {
        err(
          row,
          col,
          'BAD_GRADE',
          `评价“${typeof grade === 'string' ? quote(grade) : grade}”应为 ${words.join('、')} 之一，或 0–100 的分数；弃权请填“弃权”或留空`,
        );
        return undefined;
      }
      // A score written as text (９０, "85", 85%) is kept as the number it means.
      if (typeof grade === 'string' && !wordKeys.has(texts.key(grade))) return points;
      return grade;
    },

    applies: (ind, t) => ind.weights[t.category] !== undefined,

    finish() {
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
    },
  };
  return ctx;
}
