import ExcelJS from 'exceljs';
import type { ComputeResult, GroupResult } from '../../../shared/domain/result';
import { leafResults } from '../../../shared/domain/result';
import type { Rules } from '../../../shared/domain/rules';
import { RULE_LABELS, formatRuleValue } from '../../../shared/domain/rules';
import type { Scheme } from '../../../shared/domain/scheme';
import {
  COMBINED_GROUP_NOTE,
  bottomLabel,
  bottomNotes,
  chineseDate,
  rankingHeader,
  rankingTable,
} from '../../../shared/report/format';
import { displayWidth as textWidth } from '../../../shared/domain/text';
import type { Align } from './style';
import { BODY, GRID, HEADER_FILL, THICK, TITLE_FONT, banner, printSetup, put, setWidths } from './style';

/**
 * 综合考核结果 as an Excel workbook (SPEC §7): one sheet per ranking group, a 得分明细 sheet per
 * category, and 说明. Values only — numbers as numbers, never a formula — laid out to print on A4
 * landscape and to read in black and white.
 */

export interface ResultsWorkbookOptions {
  /** 制表单位, printed under each title with the date. */
  issuingOffice?: string;
  /** The date printed under each title, in the operator's calendar. */
  date?: Date;
  /** When the result was computed (ISO instant), for 说明. */
  computedAt?: string;
  /**
   * The audit log's head hash when the workbook was made, for 说明: noted down, `appraisal audit
   * verify --expect` later shows the log was not rebuilt since.
   */
  auditHead?: string;
}

/** Bottom-N rows: a light grey that prints as such in black and white, on top of bold and ▲. */
const BOTTOM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E7E7' } };
const MARK = '▲';
/** Width of a leaf's column in the detail sheets (characters of the default font). */
const LEAF_WIDTH = 9;

/** Excel's sheet names: at most 31 characters, none of []:*?/\, not quoted, unique regardless of case. */
export function createSheetNamer(): (wanted: string) => string {
  const taken = new Set<string>();
  const clip = (s: string, n: number) => {
    let out = '';
    for (const ch of s) {
      if (out.length + ch.length > n) break;
      out += ch;
    }
    return out;
  };
  return (wanted) => {
    const base =
      clip(
        wanted
          .replace(/[[\]:*?/\\]/g, '_')
          .replace(/^'+|'+$/g, '')
          .trim(),
        31,
      ) || '工作表';
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; k++) {
      const suffix = `(${k})`;
      name = clip(base, 31 - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  };
}

/** Number format for the cycle's precision: 0.00 for two decimals. */
const numberFormat = (precision: number) => (precision > 0 ? `0.${'0'.repeat(precision)}` : '0');

function styleCell(
  cell: ExcelJS.Cell,
  o: { align?: Align; bold?: boolean; italic?: boolean; fill?: ExcelJS.Fill; numFmt?: string; top?: boolean },
): void {
  cell.font = { ...BODY, bold: o.bold === true, italic: o.italic === true };
  cell.alignment = { horizontal: o.align ?? 'center', vertical: 'middle', wrapText: true };
  cell.border = o.top ? { ...GRID, top: THICK } : GRID;
  if (o.fill) cell.fill = o.fill;
  // A cell put() marked as text keeps @; numbers get the cycle's format.
  if (o.numFmt && typeof cell.value === 'number') cell.numFmt = o.numFmt;
}

/** The title block every sheet starts with; returns the next free row. */
function titleBlock(
  ws: ExcelJS.Worksheet,
  cols: number,
  title: string,
  sub: string,
  opts: ResultsWorkbookOptions,
) {
  banner(ws, 1, cols, title, { size: 16, bold: true, font: TITLE_FONT, align: 'center', height: 32 });
  banner(ws, 2, cols, sub, { align: 'center', height: 20 });
  const issued = [opts.issuingOffice?.trim(), opts.date && chineseDate(opts.date)]
    .filter(Boolean)
    .join('　　');
  if (!issued) return 3;
  banner(ws, 3, cols, issued, { align: 'right', height: 20 });
  return 4;
}

/** A table's header rows printed on every page, frozen on screen, with an autofilter on the last. */
function tableSetup(
  ws: ExcelJS.Worksheet,
  header: { first: number; last: number },
  cols: number,
  lastRow: number,
  freezeCols = 0,
): void {
  printSetup(ws, header);
  const first = ws.getCell(header.last + 1, freezeCols + 1).address;
  ws.views = [
    { state: 'frozen', xSplit: freezeCols, ySplit: header.last, topLeftCell: first, activeCell: first },
  ];
  ws.autoFilter = {
    from: { row: header.last, column: 1 },
    to: { row: Math.max(lastRow, header.last), column: cols },
  };
}

const widest = (texts: string[], min: number, max: number) =>
  Math.min(max, Math.max(min, ...texts.map((t) => textWidth(t) + 2)));

function rankingSheet(
  ws: ExcelJS.Worksheet,
  r: ComputeResult,
  g: GroupResult,
  opts: ResultsWorkbookOptions,
): void {
  const n = r.cycle.bottomN;
  const fmt = numberFormat(r.cycle.precision);
  const table = rankingTable(r, g);
  const header = rankingHeader(table);
  const cols = header.length;
  const sub = `${g.name}：共 ${g.size} 个单位，参与排名 ${g.ranked} 个，${bottomLabel(n)} ${g.flaggedBottom} 个（满分 ${r.cycle.fullScore} 分）`;
  const h = titleBlock(ws, cols, `${r.cycle.name}结果 — ${g.name}`, sub, opts);

  header.forEach((text, c) => {
    const cell = ws.getCell(h, c + 1);
    put(cell, text);
    styleCell(cell, { bold: true, fill: HEADER_FILL });
  });
  ws.getRow(h).height = 30;

  table.rows.forEach((row, i) => {
    const y = h + 1 + i;
    const previous = table.rows[i - 1];
    const top = row.bottom && !(previous?.bottom ?? false);
    const values: (string | number | null)[] = [
      row.rank ?? '—',
      `${row.bottom ? MARK : ''}${row.name}`,
      row.total,
      ...row.subtotals.map((v) => v ?? '—'),
      row.bonus > 0 ? row.bonus : null,
      row.deduction > 0 ? row.deduction : null,
      row.grade ?? '—',
      row.change,
      row.flags,
    ];
    values.forEach((v, c) => {
      const cell = ws.getCell(y, c + 1);
      put(cell, v);
      const textCol = c === 1 || c === cols - 1;
      styleCell(cell, {
        align: textCol ? 'left' : c === 0 || c >= cols - 3 ? 'center' : 'right',
        bold: row.bottom,
        italic: row.exempt,
        fill: row.bottom ? BOTTOM_FILL : undefined,
        numFmt: c === 0 ? '0' : fmt,
        top,
      });
    });
    ws.getRow(y).height = 20;
  });
  const last = h + table.rows.length;

  const notes = [
    `${MARK} ${bottomLabel(n)}（排名最后 ${n} 位）：单位名称前加 ${MARK}，整行加粗、浅灰底，上方以粗线分隔。优秀名额 ${g.excellentPositions} 个。`,
    ...bottomNotes(r, g),
  ];
  if (table.rows.some((row) => row.exempt))
    notes.push('免于排名的单位以斜体列在最后，计算得分但不参与排名。');
  if (table.rows.some((row) => row.change !== '—'))
    notes.push('名次变化与上一周期本组名次相比：↑ 上升，↓ 下降，新 为上一周期不在本组。');
  if (g.kind === 'combined') notes.push(COMBINED_GROUP_NOTE);
  notes.forEach((text, i) => banner(ws, last + 2 + i, cols, text));

  setWidths(ws, [
    6,
    widest(
      table.rows.map((row) => MARK + row.name),
      10,
      30,
    ),
    9,
    ...table.indicators.map((ind) => widest([ind.name], 9, 14)),
    7,
    7,
    6,
    9,
    widest(
      table.rows.map((row) => row.flags),
      10,
      28,
    ),
  ]);
  tableSetup(ws, { first: h, last: h }, cols, last);
}

/** The 一级 indicator a leaf belongs to: its root in the tree. */
function rootOf(scheme: Scheme, code: string): string {
  const parents = new Map(scheme.indicators.map((i) => [i.code, i.parent]));
  let c = code;
  for (let guard = 0; guard < 100; guard++) {
    const p = parents.get(c);
    if (p === null || p === undefined) return c;
    c = p;
  }
  return c;
}

/** 得分明细 of one category: every weighted leaf's points per target, and the category median. */
function detailSheet(
  ws: ExcelJS.Worksheet,
  r: ComputeResult,
  scheme: Scheme,
  category: { code: string; name: string },
  opts: ResultsWorkbookOptions,
): void {
  const fmt = numberFormat(r.cycle.precision);
  const names = new Map(scheme.indicators.map((i) => [i.code, i.name]));
  const topNames = new Map(r.topIndicators.map((t) => [t.code, t.name]));
  const stats = r.leafStats.filter((s) => s.category === category.code);
  const group = r.groups.find((g) => g.kind === 'category' && g.code === category.code);
  const entries = new Map((group?.entries ?? []).map((e, i) => [e.code, { e, i }]));
  const targets = r.targets
    .filter((t) => t.category === category.code)
    .sort(
      (a, b) =>
        (entries.get(a.code)?.i ?? 1e9) - (entries.get(b.code)?.i ?? 1e9) || (a.code < b.code ? -1 : 1),
    );
  const cols = 2 + stats.length + 3;
  const leafHeader = (s: (typeof stats)[number]) => `${s.indicator} ${names.get(s.indicator) ?? ''}`;
  const h = titleBlock(
    ws,
    cols,
    `${r.cycle.name}得分明细 — ${category.name}`,
    `各指标为加权得分（分值 × 得分率），括号内为分值；末行为本类别中位数。`,
    opts,
  );

  // Two header rows: the 一级 indicator over its leaves, then each leaf with its points.
  const fixed = (c: number, text: string) => {
    ws.mergeCells(h, c, h + 1, c);
    put(ws.getCell(h, c), text);
  };
  fixed(1, '名次');
  fixed(2, '单位');
  const roots = stats.map((s) => rootOf(scheme, s.indicator));
  for (let from = 0; from < roots.length;) {
    let to = from;
    while (roots[to + 1] === roots[from]) to++;
    if (to > from) ws.mergeCells(h, 3 + from, h, 3 + to);
    const root = roots[from] as string;
    put(ws.getCell(h, 3 + from), topNames.get(root) ?? names.get(root) ?? root);
    from = to + 1;
  }
  stats.forEach((s, i) => put(ws.getCell(h + 1, 3 + i), `${leafHeader(s)}\n（${s.weight}）`));
  fixed(cols - 2, '加分');
  fixed(cols - 1, '扣分');
  fixed(cols, '总分');
  for (let y = h; y <= h + 1; y++)
    for (let x = 1; x <= cols; x++) styleCell(ws.getCell(y, x), { bold: true, fill: HEADER_FILL });
  ws.getRow(h).height = 20;
  // Leaf names wrap in their narrow columns: as many lines as the longest needs, plus the points.
  const lines = Math.max(2, ...stats.map((s) => Math.ceil(textWidth(leafHeader(s)) / (LEAF_WIDTH - 1))));
  ws.getRow(h + 1).height = (lines + 1) * 15;

  targets.forEach((t, i) => {
    const y = h + 2 + i;
    const entry = entries.get(t.code)?.e;
    const bottom = entry?.flags.includes('bottomN') ?? false;
    const exempt = t.exemptReason !== null;
    const previous = targets[i - 1];
    const top =
      bottom && !(previous ? (entries.get(previous.code)?.e.flags.includes('bottomN') ?? false) : false);
    const points = new Map(leafResults(t.leaves).map((l) => [l.indicator, l.points]));
    const values: (string | number | null)[] = [
      entry?.rank ?? '—',
      `${bottom ? MARK : ''}${t.name}`,
      ...stats.map((s) => points.get(s.indicator) ?? '—'),
      t.bonus > 0 ? t.bonus : null,
      t.deduction > 0 ? t.deduction : null,
      t.total,
    ];
    values.forEach((v, x) => {
      const cell = ws.getCell(y, x + 1);
      put(cell, v);
      styleCell(cell, {
        align: x === 1 ? 'left' : x === 0 ? 'center' : 'right',
        bold: bottom,
        italic: exempt,
        fill: bottom ? BOTTOM_FILL : undefined,
        numFmt: x === 0 ? '0' : fmt,
        top,
      });
    });
    ws.getRow(y).height = 20;
  });

  const medianRow = h + 2 + targets.length;
  const medians: (string | number | null)[] = [
    null,
    '类别中位数',
    ...stats.map((s) => s.median),
    null,
    null,
    null,
  ];
  medians.forEach((v, x) => {
    const cell = ws.getCell(medianRow, x + 1);
    put(cell, v);
    styleCell(cell, { align: x === 1 ? 'left' : 'right', bold: true, numFmt: fmt, top: true });
  });
  ws.getRow(medianRow).height = 20;
  banner(
    ws,
    medianRow + 2,
    cols,
    `${MARK} ${bottomLabel(r.cycle.bottomN)}（本类别排名最后 ${r.cycle.bottomN} 位），整行加粗；斜体为免于排名的单位。中位数取本类别有得分的单位。`,
  );

  setWidths(ws, [
    6,
    widest(
      targets.map((t) => MARK + t.name),
      10,
      30,
    ),
    ...stats.map(() => LEAF_WIDTH),
    7,
    7,
    8,
  ]);
  // Autofilter on the leaf row; sorting would move the median row too, so it stays outside.
  tableSetup(ws, { first: h, last: h + 1 }, cols, medianRow - 1, 2);
}

const TIES_TEXT: Record<Rules['bottomTies'], string> = {
  includeTies: '并列全部计入（可能多于末位个数）',
  strict: '严格（跨界并列须先区分）',
};

/** A rule as a reader understands it; numbers stay numbers. */
function ruleText(rules: Rules, key: keyof Rules): string | number {
  switch (key) {
    case 'bottomTies':
      return TIES_TEXT[rules.bottomTies];
    case 'vetoToBottom':
      return rules.vetoToBottom ? '是' : '否';
    case 'excellentQuota':
      return `${Number((rules.excellentQuota * 100).toPrecision(12))}%（上限）`;
    case 'tieBreakers':
      return rules.tieBreakers.length > 0 ? rules.tieBreakers.join('、') : '无';
    case 'combinedGroups':
      return rules.combinedGroups.length > 0
        ? rules.combinedGroups.map((g) => `${g.name}（${g.categories.join('、')}）`).join('；')
        : '无';
    default: {
      const v = rules[key];
      return typeof v === 'number' ? v : formatRuleValue(key, v);
    }
  }
}

const LEVEL_LABELS = { error: '错误', warning: '提示', info: '说明' } as const;

function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${chineseDate(d)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** 说明: the cycle, its rules, what computed the result and from what, and every issue. */
function notesSheet(
  ws: ExcelJS.Worksheet,
  r: ComputeResult,
  scheme: Scheme,
  opts: ResultsWorkbookOptions,
): void {
  const cols = 3;
  const h = titleBlock(
    ws,
    cols,
    `${r.cycle.name}结果 — 说明`,
    '本工作簿由综合考核工作台导出，数值均为计算结果，不含公式。',
    opts,
  );
  const facts: [string, string | number][] = [
    ['考核周期', r.cycle.name],
    ...(Object.keys(RULE_LABELS) as (keyof Rules)[]).map((key): [string, string | number] => [
      RULE_LABELS[key],
      ruleText(scheme.rules, key),
    ]),
    ['计算程序版本', r.engine],
    ['输入哈希（SHA-256）', r.inputHash],
  ];
  if (opts.computedAt) facts.push(['计算时间', localDateTime(opts.computedAt)]);
  if (opts.auditHead) facts.push(['审计日志末条哈希', opts.auditHead]); // as of the export: note it down
  const header = (y: number, texts: string[]) =>
    texts.forEach((t, x) => {
      const cell = ws.getCell(y, x + 1);
      put(cell, t);
      styleCell(cell, { bold: true, fill: HEADER_FILL });
    });
  header(h, ['项目', '内容', '']);
  ws.mergeCells(h, 2, h, 3);
  facts.forEach(([k, v], i) => {
    const y = h + 1 + i;
    ws.mergeCells(y, 2, y, 3);
    put(ws.getCell(y, 1), k);
    put(ws.getCell(y, 2), v);
    styleCell(ws.getCell(y, 1), { align: 'left' });
    styleCell(ws.getCell(y, 2), { align: 'left' });
    ws.getRow(y).height = 18;
  });
  let y = h + facts.length + 2;
  banner(ws, y, cols, `计算时发现的问题（${r.issues.length} 处）`, { bold: true, size: 12 });
  y++;
  header(y, ['级别', '位置', '说明']);
  if (r.issues.length === 0) {
    ws.mergeCells(y + 1, 1, y + 1, 3);
    put(ws.getCell(y + 1, 1), '无');
    styleCell(ws.getCell(y + 1, 1), { align: 'left' });
    y++;
  }
  for (const i of r.issues) {
    y++;
    put(ws.getCell(y, 1), LEVEL_LABELS[i.level]);
    put(ws.getCell(y, 2), i.ref);
    put(ws.getCell(y, 3), i.message);
    styleCell(ws.getCell(y, 1), {});
    styleCell(ws.getCell(y, 2), { align: 'left' });
    styleCell(ws.getCell(y, 3), { align: 'left' });
  }
  setWidths(ws, [20, 16, 90]);
  printSetup(ws);
}

/** Writes the results workbook; the caller decides where the bytes go. */
export async function writeResultsWorkbook(
  result: ComputeResult,
  scheme: Scheme,
  opts: ResultsWorkbookOptions = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '综合考核工作台';
  wb.title = `${result.cycle.name}结果`;
  // A fixed stamp unless a date is given: the same result gives the same workbook contents.
  wb.created = wb.modified = opts.date ?? new Date(0);
  const sheetName = createSheetNamer();
  for (const g of result.groups) rankingSheet(wb.addWorksheet(sheetName(g.name)), result, g, opts);
  for (const category of scheme.categories)
    if (result.targets.some((t) => t.category === category.code))
      detailSheet(wb.addWorksheet(sheetName(`得分明细-${category.name}`)), result, scheme, category, opts);
  notesSheet(wb.addWorksheet(sheetName('说明')), result, scheme, opts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
