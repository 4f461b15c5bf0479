import ExcelJS from 'exceljs';
import { displayWidth } from '../../../shared/domain/text';
import { columnName } from '../../../shared/import/grid';
import type { InputRule, TemplatePlan } from '../../../shared/import/template-plan';
import { EVALUATOR_CELL, TEMPLATE_ROWS } from '../../../shared/import/template-plan';
import { TEMPLATE_MARK, TEMPLATE_META_SHEET } from '../../../shared/import/template-meta';
import { BODY, GRID, HEADER_FILL, TITLE_FONT, banner, printSetup, put, setWidths } from './style';

/**
 * A template workbook as the people who fill it see it: a title, numbered 填表说明, a locked
 * header, white cells to type in with Excel's data validation (drop-downs for grades, targets and
 * items; number ranges), grey cells where an indicator does not apply, frozen panes and A4 print
 * setup. What the importer needs (cycle, kind, column → indicator) sits in a very hidden sheet.
 */

/** 不适用: grey, locked, with a dash the importer reads as "no value". */
const NA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const NA_TEXT = '—';
/** A list longer than this goes into the metadata sheet: Excel caps an inline list at 255 characters. */
const INLINE_LIST = 200;
/** Bounds of "any number": data validation needs two. */
const HUGE = 1e15;

type Validation = ExcelJS.DataValidation;

/** Turns an input rule into Excel's data validation, with a message that says what to type. */
function validation(
  rule: InputRule,
  listRange: (values: string[]) => string,
  prompt: string | null,
): Validation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: '输入有误',
    showInputMessage: prompt !== null,
    ...(prompt ? { promptTitle: '填写提示', prompt } : {}),
  };
  switch (rule.type) {
    case 'decimal': {
      const range =
        rule.min !== null && rule.max !== null
          ? {
              operator: 'between' as const,
              formulae: [rule.min, rule.max],
              error: `请填写 ${rule.min}–${rule.max} 之间的数字`,
            }
          : rule.min !== null
            ? {
                operator: 'greaterThanOrEqual' as const,
                formulae: [rule.min],
                error: `请填写不小于 ${rule.min} 的数字`,
              }
            : {
                operator: 'between' as const,
                formulae: [-HUGE, HUGE],
                error: '请填写数字，不带单位；没有数据的留空',
              };
      return { type: 'decimal', ...common, ...range };
    }
    case 'whole':
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [rule.min],
        ...common,
        error: '请填写人数（非负整数）',
      };
    case 'list': {
      const inline = rule.values.join(',');
      const shown =
        rule.values.length > 8 ? `${rule.values.slice(0, 8).join('、')}等` : rule.values.join('、');
      return {
        type: 'list',
        formulae: [
          inline.length <= INLINE_LIST && !/[",]/.test(rule.values.join(''))
            ? `"${inline}"`
            : listRange(rule.values),
        ],
        ...common,
        ...(rule.scores
          ? {
              errorStyle: 'warning' as const,
              error: `请从下拉列表中选择（${shown}），或填写 0–100 的分数；确认无误请点“是”`,
            }
          : { error: `请从下拉列表中选择（${shown}）` }),
      };
    }
    case 'text':
      return {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [rule.max],
        ...common,
        error: `不能超过 ${rule.max} 字`,
      };
  }
}

/** Lines of 填表说明 as one cell, and the height it takes across the table's width. */
function notesText(notes: readonly string[], width: number): { text: string; height: number } {
  const lines = ['填表说明：', ...notes.map((n, i) => `${i + 1}．${n}。`)];
  // a Chinese character is about two width units; leave room for the cell's padding
  const wrapped = lines.reduce(
    (n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / Math.max(20, width - 4))),
    0,
  );
  return { text: lines.join('\n'), height: wrapped * 15 + 6 };
}

/** Writes a planned template; returns the workbook's bytes. */
export async function writeTemplate(plan: TemplatePlan, createdAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '综合考核工作台';
  wb.title = plan.title;
  wb.created = wb.modified = createdAt;
  const ws = wb.addWorksheet(plan.sheet);
  const meta = wb.addWorksheet(TEMPLATE_META_SHEET, { state: 'veryHidden' });
  meta.getCell('A1').value = TEMPLATE_MARK;
  meta.getCell('B1').value = JSON.stringify(plan.meta);

  // Lists too long to write inline live in the metadata sheet, one column each from D.
  const lists = new Map<string, string>();
  const listRange = (values: string[]) => {
    const key = values.join('\u0000');
    let range = lists.get(key);
    if (!range) {
      const col = columnName(3 + lists.size);
      values.forEach((v, i) => put(meta.getCell(`${col}${i + 1}`), v));
      range = `'${TEMPLATE_META_SHEET}'!$${col}$1:$${col}$${values.length}`;
      lists.set(key, range);
    }
    return range;
  };

  const cols = plan.columns.length;
  const width = plan.columns.reduce((w, c) => w + c.width, 0);
  setWidths(
    ws,
    plan.columns.map((c) => c.width),
  );
  banner(ws, TEMPLATE_ROWS.title, cols, plan.title, {
    size: 16,
    bold: true,
    font: TITLE_FONT,
    align: 'center',
    height: 32,
  });
  const notes = notesText(plan.notes, width);
  banner(ws, TEMPLATE_ROWS.notes, cols, notes.text, { height: notes.height, size: 10 });

  // The byline: who fills it; a rating template's evaluator writes their name in a boxed cell.
  const by = TEMPLATE_ROWS.byline;
  ws.getRow(by).height = 22;
  const byCell = ws.getCell(by, 1);
  put(byCell, plan.byline);
  byCell.font = { ...BODY, bold: true };
  if (plan.evaluatorLabel !== null) {
    const label = ws.getCell(by, 3);
    put(label, plan.evaluatorLabel);
    label.font = { ...BODY, bold: true };
    label.alignment = { horizontal: 'right', vertical: 'middle' };
    const name = ws.getCell(EVALUATOR_CELL);
    if (cols >= 5) ws.mergeCells(`${EVALUATOR_CELL}:${columnName(4)}${by}`);
    name.font = BODY;
    name.border = GRID;
    name.protection = { locked: false };
    name.dataValidation = {
      type: 'textLength',
      operator: 'between',
      formulae: [1, 100],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: '评价人',
      prompt: '请填写您的姓名或所在单位',
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: '姓名或单位名称不能超过 100 字',
    };
  }

  const head = ws.getRow(TEMPLATE_ROWS.header);
  const headerLines = Math.max(
    1,
    ...plan.columns.map((c) => Math.ceil(displayWidth(c.header) / (c.width - 1))),
  );
  head.height = Math.max(24, headerLines * 15 + 6);
  plan.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    put(cell, c.header);
    cell.font = { ...BODY, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = GRID;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  const body = TEMPLATE_ROWS.header + 1;
  // Validation goes in as runs down each column, not cell by cell: exceljs 4.4 merges per-cell
  // rules into overlapping ranges, which Excel may report as damaged content.
  type Run = { col: number; from: number; to: number; key: string; rule: InputRule; prompt: string | null };
  const runs: Run[] = [];
  const lastRun = new Map<number, Run>();
  const inputCell = (cell: ExcelJS.Cell, rule: InputRule, prompt: string | null) => {
    cell.protection = { locked: false };
    const key = JSON.stringify([rule, prompt]);
    const col = Number(cell.col);
    const last = lastRun.get(col);
    if (last && last.key === key && last.to === Number(cell.row) - 1) last.to++;
    else {
      const run = { col, from: Number(cell.row), to: Number(cell.row), key, rule, prompt };
      runs.push(run);
      lastRun.set(col, run);
    }
    cell.alignment = {
      horizontal: rule.type === 'text' ? 'left' : 'center',
      vertical: 'middle',
      wrapText: rule.type === 'text',
    };
  };
  plan.rows.forEach((cells, r) => {
    const row = ws.getRow(body + r);
    row.height = 20;
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = BODY;
      cell.border = GRID;
      if (c.kind === 'text') {
        put(cell, c.text);
        const code = plan.columns[i]?.what.role === 'targetCode';
        cell.alignment = { horizontal: code ? 'center' : 'left', vertical: 'middle' };
      } else if (c.kind === 'na') {
        put(cell, NA_TEXT);
        cell.fill = NA_FILL;
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      } else inputCell(cell, c.rule, plan.columns[i]?.prompt ?? null);
    });
  });
  for (let r = 0; r < plan.blankRows; r++) {
    const row = ws.getRow(body + plan.rows.length + r);
    plan.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = BODY;
      cell.border = GRID;
      if (c.input) inputCell(cell, c.input, c.prompt);
    });
  }

  const validations = (ws as unknown as { dataValidations: { add(range: string, v: Validation): void } })
    .dataValidations;
  for (const r of runs) {
    const letter = columnName(r.col - 1);
    const range = r.from === r.to ? `${letter}${r.from}` : `${letter}${r.from}:${letter}${r.to}`;
    validations.add(range, validation(r.rule, listRange, r.prompt));
  }

  const wide = plan.kind === 'values' || plan.kind === 'ratings';
  const first = ws.getCell(TEMPLATE_ROWS.header + 1, wide ? 3 : 1).address;
  ws.views = [
    {
      state: 'frozen',
      xSplit: wide ? 2 : 0,
      ySplit: TEMPLATE_ROWS.header,
      topLeftCell: first,
      activeCell: plan.evaluatorLabel !== null ? EVALUATOR_CELL : first,
    },
  ];
  printSetup(
    ws,
    { first: TEMPLATE_ROWS.header, last: TEMPLATE_ROWS.header },
    plan.landscape ? 'landscape' : 'portrait',
  );
  // Locked: title, notes, header and prefilled cells; no password, so nothing is ever lost to one.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: plan.blankRows > 0,
    deleteRows: plan.blankRows > 0,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
