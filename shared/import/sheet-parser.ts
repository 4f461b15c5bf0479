import { issue } from '../domain/issue';
import type { Scheme } from '../domain/scheme';
import { quote } from '../domain/text';
import type { LongRole } from './column-plan';
import { invalidMessage } from './cells';
import type { Cell } from './grid';
import { cellRef } from './grid';
import { HEADER_SCAN, locateHeader, planFromTemplate } from './locate-header';
import { createMatchers } from './matchers';
import type { ParsedSheet, ParseOptions } from './parsed-sheet';
import { MAX_NAME } from './parsed-sheet';
import { itemRows } from './rows-items';
import { ratingRows } from './rows-ratings';
import { ratingWideRows } from './rows-ratings-wide';
import { surveyRows } from './rows-surveys';
import { valueRows } from './rows-values';
import type { SheetContext } from './sheet-context';
import { createSheetContext } from './sheet-context';

export type { ParsedSheet, ParseOptions, Sourced, SourcedValue } from './parsed-sheet';
export { ISSUES_PER_CODE, MAX_NAME, MAX_TEXT } from './parsed-sheet';
export { leafScale } from './rows-values';

/** A reader of the data rows of one kind of sheet (stage 3: rows-*.ts). */
interface RowReader {
  row(row: number, cells: readonly Cell[]): void;
  /** Checks over the whole sheet, once every row was read. */
  end(): void;
}

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
 * Reads a data sheet row by row, as the rows arrive (a 200,000-row file is streamed, never held),
 * in stages: the first rows are kept until the header is found among them — below titles and notes,
 * on one row or two (locate-header.ts) — and its columns planned (column-plan.ts); then every row
 * goes to the reader of the sheet's kind (rows-*.ts), which matches targets by code, name or alias
 * and turns cells into data. Every problem is reported with its cell and what to do; a row with a
 * problem gives no data.
 */
export function createSheetParser(sheetName: string, scheme: Scheme, opts: ParseOptions = {}) {
  const fromTemplate = opts.template?.sheet === sheetName;
  const ctx = createSheetContext(sheetName, scheme, opts.matchers ?? createMatchers(scheme), {
    fromTemplate,
    texts: opts.texts,
  });
  const { out } = ctx;
  const head: { row: number; cells: Cell[] }[] = [];
  let reader: RowReader | null = null;
  let located = false;
  let bodyRows = 0;
  let headerEnd = -1;
  /** Rows among the first that had an unreadable cell (already named). */
  const refused = new Set<number>();

  /** Decides the header from the rows kept so far, and replays the rows below it. */
  function locate() {
    located = true;
    const rows: Cell[][] = [];
    for (const r of head) rows[r.row] = r.cells;
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    ({ reader, headerEnd } = readerFor(ctx, rows, opts));
    for (const r of head) if (r.row > headerEnd && !refused.has(r.row)) feed(r.row, r.cells);
    head.length = 0;
  }

  /** Names each cell of the row that no reading can be trusted for (see Cell `invalid`); whether any. */
  function unreadable(row: number, cells: readonly Cell[]): boolean {
    let any = false;
    for (let col = 0; col < cells.length; col++) {
      const c = cells[col] as Cell;
      if (c === null || c.kind !== 'invalid') continue;
      ctx.err(row, col, 'BAD_CELL', `单元格${invalidMessage(c)}`);
      any = true;
    }
    return any;
  }

  function feed(row: number, cells: Cell[]) {
    if (!reader || ctx.skippable(cells)) return;
    bodyRows++;
    reader.row(row, cells);
  }

  return {
    /** Hands the parser one row (0-based index, increasing); empty rows may be skipped by the caller. */
    push(row: number, cells: Cell[]) {
      if (unreadable(row, cells)) {
        if (located) return; // a data row with a cell nobody can read: named, never half-taken
        // kept (blanked) to find the header by, never replayed as data
        refused.add(row);
        cells = cells.map((c) => (c !== null && c.kind === 'invalid' ? null : c));
      }
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
      (reader as RowReader | null)?.end();
      const read = reader !== null;
      reader = null; // what it kept to check rows (a million ratings' identities) can go before the rows are written
      if (out.kind !== null && read && bodyRows === 0)
        out.issues.push(
          issue(
            'error',
            'NO_ROWS',
            `工作表“${sheetName}”只有表头，没有数据行`,
            cellRef(sheetName, headerEnd, 0),
          ),
        );
      else if (fromTemplate && read && out.issues.every((i) => i.level !== 'error') && out.block.rows === 0)
        out.issues.push(
          issue(
            'error',
            'NO_ROWS',
            `工作表“${sheetName}”是没有填写的模板：没有任何数据，请检查是否发错了文件`,
            cellRef(sheetName, headerEnd + 1, 0),
          ),
        );
      ctx.finish();
      return out;
    },
  };
}

/**
 * Locates the header among the first rows and plans the columns (from the template's metadata when
 * the sheet is a template's and its header is unchanged), then picks the row reader of the sheet's
 * kind — none, with the issue saying why, when no data can be read — and the header's last row.
 */
function readerFor(
  ctx: SheetContext,
  rows: Cell[][],
  opts: ParseOptions,
): { reader: RowReader | null; headerEnd: number } {
  const { sheet, scheme, out } = ctx;
  const hctx = {
    sheet,
    matchers: ctx.m,
    groups: scheme.groups,
    columnPresets: opts.columnPresets ?? new Map(),
  };
  const fromMeta = opts.template && ctx.fromTemplate ? planFromTemplate(opts.template, rows, hctx) : null;
  const plan = fromMeta ?? locateHeader(rows, hctx);
  if (opts.template && ctx.fromTemplate && !fromMeta && plan)
    plan.issues.unshift(
      issue(
        'warning',
        'TEMPLATE_CHANGED',
        `模板的表头已被改动（第 ${opts.template.headerRow} 行不再是生成时的样子：增删、移动了列或在上方插入了行），已按表头文字识别各列，请核对导入结果`,
        cellRef(sheet, opts.template.headerRow - 1, 0),
      ),
    );
  if (!plan) {
    ctx.err(
      0,
      0,
      'UNKNOWN_SHEET',
      `无法识别工作表“${sheet}”的类型：在前 ${HEADER_SCAN} 行中没有找到表头——指标数据表含“对象编码/对象名称”和指标列，评议表含“评价人、评价主体、对象、指标、评价”，满意度表含“非常满意、满意、基本满意、不满意、不了解”，加扣分表含“对象、指标、分值、事由、文号”`,
    );
    return { reader: null, headerEnd: -1 };
  }
  out.kind = plan.kind === 'ratingsWide' ? 'ratings' : plan.kind;
  ctx.begin(out.kind);
  out.issues.push(...plan.issues);
  const headerEnd = plan.headerRows[plan.headerRows.length - 1] as number;
  ctx.header = headerTexts(ctx, rows, plan.headerRows);
  const lastHeader = rows[headerEnd] ?? [];
  if ('cols' in plan) {
    const { cols, kind } = plan;
    const missing = REQUIRED[kind].filter((r) => cols[r.role] === undefined);
    for (const r of missing)
      ctx.err(
        headerEnd,
        lastHeader.length,
        'COLUMN_MISSING',
        `缺少列“${r.name}”，请在第 ${headerEnd + 1} 行表头加上这一列`,
      );
    if (missing.length > 0) return { reader: null, headerEnd };
    const reader =
      kind === 'ratings'
        ? ratingRows(ctx, cols)
        : kind === 'surveys'
          ? surveyRows(ctx, cols)
          : itemRows(ctx, cols);
    return { reader, headerEnd };
  }
  if (plan.kind === 'values') return { reader: valueRows(ctx, plan), headerEnd };
  if (plan.group === null) {
    out.issues.push(
      issue(
        'error',
        'GROUP_MISSING',
        `评议表没有写明评价主体：请在表头上方写“评价主体：${scheme.groups[0]?.name ?? '市级领导'}”（可用：${scheme.groups.map((g) => g.name).join('、')}）`,
        plan.groupRef,
      ),
    );
    return { reader: null, headerEnd };
  }
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
    return { reader: null, headerEnd };
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
  return { reader: ratingWideRows(ctx, plan), headerEnd };
}

/** Header texts by column, the lower row of a two-row header read under its group. */
function headerTexts(
  ctx: SheetContext,
  rows: readonly (readonly Cell[])[],
  headerRows: readonly number[],
): string[] {
  const out: string[] = [];
  for (const r of headerRows)
    (rows[r] ?? []).forEach((cell, c) => {
      const t = ctx.text(cell);
      if (t !== '') out[c] = out[c] && out[c] !== t ? `${out[c]}${t}` : t;
    });
  return out;
}
