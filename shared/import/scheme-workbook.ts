import type { Issue } from '../domain/issue';
import { LIMITS, tooLong } from '../domain/limits';
import { issue } from '../domain/issue';
import { directionOf, methodOf, parseParamText } from '../domain/method';
import type { Rules } from '../domain/rules';
import { defaultRules, parseRuleValue, ruleKeyOf } from '../domain/rules';
import type { Category, EvaluatorGroup, Indicator, Scheme, Target } from '../domain/scheme';
import { matchKey, splitList } from '../domain/text';
import { prepareScheme } from '../engine/prepare';
import {
  cellText,
  invalidMessage,
  isBlank,
  isMissingText,
  isSkippableRow,
  readNumber,
  readText,
} from './cells';
import type { Cell, SheetGrid, WorkbookGrid } from './grid';
import { address, cellRef } from './grid';
import type { Where } from './scheme-counts';
import { countIssues } from './scheme-counts';
import { mapHeaders } from './headers';

/** Sheet names of the scheme workbook (考核方案), first name is what the app writes. */
export const SCHEME_SHEETS = {
  categories: ['考核类别', '类别', '考核分组', '分组'],
  targets: ['考核对象', '对象', '被考核单位', '考核单位'],
  indicators: ['指标体系', '考核指标', '指标'],
  groups: ['评价主体', '主体'],
  rules: ['规则', '考核规则'],
} as const;

export const SCHEME_HEADERS = {
  categories: { code: ['类别编码', '编码', '代码', 'code'], name: ['类别名称', '名称', 'name'] },
  targets: {
    code: ['对象编码', '单位编码', '编码', '代码', 'code'],
    name: ['对象名称', '单位名称', '名称', '单位', 'name'],
    aliases: ['别名', '简称', '别称'],
    category: ['类别编码', '类别', '所属类别', '分组', 'category'],
    exempt: ['免于排名原因', '免于排名', '免排原因'],
    parent: ['上级编码', '上级', '上级单位编码', 'parent'],
  },
  indicators: {
    code: ['指标编码', '编码', '代码', 'code'],
    parent: ['上级编码', '上级指标编码', '上级', 'parent'],
    name: ['指标名称', '名称', 'name'],
    method: ['计分方法', '方法', '评分方法', 'method'],
    direction: ['方向', '指标方向', 'direction'],
    params: ['参数', '计分参数', 'params'],
    provider: ['数据来源', '牵头部门', '数据提供部门', 'provider'],
  },
  groups: {
    code: ['主体编码', '编码', '代码', 'code'],
    name: ['主体名称', '名称', 'name'],
    weight: ['权重', '占比', 'weight'],
  },
  rules: { key: ['规则', '规则名称', '项目', 'key'], value: ['值', '取值', '规则值', 'value'] },
} as const;

type SheetKey = keyof typeof SCHEME_SHEETS;
const REQUIRED: Record<SheetKey, boolean> = {
  categories: true,
  targets: true,
  indicators: true,
  groups: false,
  rules: false,
};

export interface SchemeWorkbookResult {
  scheme: Scheme | null;
  /** Every problem, each with `Sheet!Cell`. */
  issues: Issue[];
}

/** Where each thing of the scheme was read from, for pointing problems found later at cells. */
/**
 * Reads a scheme workbook (SPEC §6): sheets 考核类别, 考核对象, 指标体系, 评价主体, 规则, one header row
 * each. Every problem is reported with its `Sheet!Cell` and what to do; the scheme is null when
 * any problem is an error. The checks of prepareScheme (weights summing to the full score, parents,
 * parameters…) run too, their findings pointed at the cells they concern.
 */
export function parseSchemeWorkbook(wb: WorkbookGrid, name: string): SchemeWorkbookResult {
  const issues: Issue[] = [];
  const tainted = new Set<string>(); // `${sheet}:${row}` with a problem already reported
  /** Categories whose weight sums a reported problem already spoils (a dropped row, a bad cell). */
  const sumTainted = new Set<string>();
  const err = (sheet: string, row: number, col: number, code: string, message: string) => {
    issues.push(issue('error', code, message, cellRef(sheet, row, col)));
    tainted.add(`${sheet}:${row}`);
  };

  // a cell no reading can be trusted for (a number cell holding 0x1F, an unknown cell type): named,
  // wherever it is — what it was meant to say is unknown
  for (const sheet of wb.sheets)
    sheet.rows.forEach((cells, row) =>
      cells.forEach((c, col) => {
        if (c !== null && c.kind === 'invalid')
          err(sheet.name, row, col, 'BAD_CELL', `单元格${invalidMessage(c)}`);
      }),
    );

  const sheets = {} as Record<SheetKey, SheetGrid | undefined>;
  for (const key of Object.keys(SCHEME_SHEETS) as SheetKey[]) {
    const names = SCHEME_SHEETS[key].map(matchKey);
    sheets[key] = wb.sheets.find((s) => names.includes(matchKey(s.name)));
    if (!sheets[key] && REQUIRED[key])
      issues.push(
        issue(
          'error',
          'SHEET_MISSING',
          `缺少工作表“${SCHEME_SHEETS[key][0]}”（现有：${wb.sheets.map((s) => s.name).join('、') || '无'}）`,
          `${SCHEME_SHEETS[key][0]}!A1`,
        ),
      );
  }

  /** Header row (the first row), its columns, and the data rows below it. */
  const table = <S extends Record<string, readonly string[]>>(
    key: SheetKey,
    spec: S,
    required: (keyof S & string)[],
  ) => {
    type F = keyof S & string;
    const sheet = sheets[key];
    if (!sheet) return null;
    const header = sheet.rows[0] ?? [];
    const { cols, other } = mapHeaders(header, spec as Record<F, readonly string[]>);
    let ok = true;
    for (const f of required)
      if (cols[f] === undefined) {
        ok = false;
        issues.push(
          issue(
            'error',
            'COLUMN_MISSING',
            `工作表“${sheet.name}”第 1 行缺少列“${(spec[f] as readonly string[])[0]}”，请在表头加上这一列`,
            cellRef(sheet.name, 0, header.length),
          ),
        );
      }
    const rows: { row: number; cells: Cell[] }[] = [];
    sheet.rows.forEach((cells, row) => {
      if (row > 0 && !isSkippableRow(cells)) rows.push({ row, cells });
    });
    return ok ? { sheet, cols: cols as Record<F, number | undefined>, other, rows } : null;
  };
  const text = (sheet: string, cells: Cell[], row: number, col: number | undefined): string => {
    if (col === undefined) return '';
    const r = readText(cells[col] ?? null);
    if (!r.ok) {
      err(sheet, row, col, 'BAD_CELL', `单元格${r.message}`);
      return '';
    }
    return r.value;
  };
  /** A text no longer than `max` (LIMITS: the window and the data sheets take the same). */
  const limited = (
    sheet: string,
    row: number,
    col: number | undefined,
    t: string,
    max: number,
    what: string,
  ) => {
    const long = col === undefined ? null : tooLong(t, max, what);
    if (long !== null) err(sheet, row, col as number, 'TEXT_TOO_LONG', long);
    return t;
  };
  const required = (
    sheet: string,
    cells: Cell[],
    row: number,
    col: number,
    what: string,
    max: number = LIMITS.name,
  ): string => {
    const t = text(sheet, cells, row, col);
    if (t === '') err(sheet, row, col, 'EMPTY_CELL', `${what}不能为空`);
    return limited(sheet, row, col, t, max, what);
  };

  // 考核类别
  const categories: Category[] = [];
  const categoryWhere = new Map<string, Where>();
  const cat = table('categories', SCHEME_HEADERS.categories, ['code', 'name']);
  if (cat) {
    for (const { row, cells } of cat.rows) {
      const code = required(cat.sheet.name, cells, row, cat.cols.code as number, '类别编码', LIMITS.code);
      const nm = required(cat.sheet.name, cells, row, cat.cols.name as number, '类别名称');
      if (code === '') continue;
      if (categoryWhere.has(code)) {
        err(
          cat.sheet.name,
          row,
          cat.cols.code as number,
          'DUPLICATE_CODE',
          `类别编码 ${code} 重复（已在 ${address(categoryWhere.get(code)!.row, cat.cols.code as number)} 出现）`,
        );
        continue;
      }
      categoryWhere.set(code, { sheet: cat.sheet.name, row, cols: cat.cols });
      categories.push({ code, name: nm });
    }
  }
  /** A category named by code or by name. */
  const categoryCode = (t: string): string | null => {
    const k = matchKey(t);
    return (
      categories.find((c) => matchKey(c.code) === k)?.code ??
      categories.find((c) => matchKey(c.name) === k)?.code ??
      null
    );
  };

  // 考核对象
  const targets: Target[] = [];
  const targetWhere = new Map<string, Where>();
  const tg = table('targets', SCHEME_HEADERS.targets, ['code', 'name', 'category']);
  if (tg) {
    const s = tg.sheet.name;
    for (const { row, cells } of tg.rows) {
      const code = required(s, cells, row, tg.cols.code as number, '对象编码', LIMITS.code);
      const nm = required(s, cells, row, tg.cols.name as number, '对象名称');
      const catText = required(s, cells, row, tg.cols.category as number, '类别编码');
      const category = catText === '' ? '' : categoryCode(catText);
      if (catText !== '' && category === null && categories.length > 0)
        err(
          s,
          row,
          tg.cols.category as number,
          'UNKNOWN_CATEGORY',
          `类别编码“${catText}”不在“考核类别”表中，请填写其中的类别编码`,
        );
      if (code === '') continue;
      if (targetWhere.has(code)) {
        err(
          s,
          row,
          tg.cols.code as number,
          'DUPLICATE_CODE',
          `对象编码 ${code} 重复（已在第 ${targetWhere.get(code)!.row + 1} 行出现）`,
        );
        continue;
      }
      targetWhere.set(code, { sheet: s, row, cols: tg.cols });
      const exempt = limited(
        s,
        row,
        tg.cols.exempt,
        text(s, cells, row, tg.cols.exempt),
        LIMITS.text,
        '免考原因',
      );
      targets.push({
        code,
        name: nm,
        aliases: splitList(text(s, cells, row, tg.cols.aliases)).map((a) =>
          limited(s, row, tg.cols.aliases, a, LIMITS.name, '别名'),
        ),
        category: category ?? catText,
        exemptReason: exempt === '' ? null : exempt,
        parent:
          limited(s, row, tg.cols.parent, text(s, cells, row, tg.cols.parent), LIMITS.code, '上级对象编码') ||
          null,
      });
    }
  }

  // 评价主体
  const groups: EvaluatorGroup[] = [];
  const groupWhere = new Map<string, Where>();
  const gr = table('groups', SCHEME_HEADERS.groups, ['code', 'name', 'weight']);
  if (gr) {
    const s = gr.sheet.name;
    for (const { row, cells } of gr.rows) {
      const code = required(s, cells, row, gr.cols.code as number, '主体编码', LIMITS.code);
      const nm = required(s, cells, row, gr.cols.name as number, '主体名称');
      const w = readNumber(cells[gr.cols.weight as number] ?? null);
      let weight = 0;
      if (!w.ok) err(s, row, gr.cols.weight as number, 'BAD_CELL', `权重${w.message}`);
      else if (w.value === null || !(w.value > 0))
        err(s, row, gr.cols.weight as number, 'BAD_WEIGHT', '权重应为正数，例如 0.4 或 40%');
      else weight = w.value;
      if (code === '') continue;
      if (groupWhere.has(code)) {
        err(s, row, gr.cols.code as number, 'DUPLICATE_CODE', `主体编码 ${code} 重复`);
        continue;
      }
      groupWhere.set(code, { sheet: s, row, cols: gr.cols });
      groups.push({ code, name: nm, weight });
    }
  }

  // 规则
  const rules: Rules = defaultRules();
  const ruleWhere = new Map<string, Where>();
  const ru = table('rules', SCHEME_HEADERS.rules, ['key', 'value']);
  if (ru) {
    const s = ru.sheet.name;
    for (const { row, cells } of ru.rows) {
      const keyText = text(s, cells, row, ru.cols.key);
      if (keyText === '') continue;
      const key = ruleKeyOf(keyText);
      if (!key) {
        err(s, row, ru.cols.key as number, 'UNKNOWN_RULE', `不认识的规则“${keyText}”`);
        continue;
      }
      if (ruleWhere.has(key)) {
        err(s, row, ru.cols.key as number, 'DUPLICATE_CODE', `规则“${keyText}”写了两次`);
        continue;
      }
      ruleWhere.set(key, { sheet: s, row, cols: ru.cols });
      const parsed = parseRuleValue(key, text(s, cells, row, ru.cols.value));
      if (!parsed.ok)
        err(s, row, ru.cols.value as number, 'BAD_RULE', `规则“${keyText}”的值${parsed.message}`);
      else (rules as unknown as Record<string, unknown>)[key] = parsed.value;
    }
  }

  // 指标体系: fixed columns, then one weight column per category (by code or name)
  const indicators: Indicator[] = [];
  const indicatorWhere = new Map<string, Where>();
  const weightCols = new Map<string, number>(); // category code → column
  const ind = table('indicators', SCHEME_HEADERS.indicators, ['code', 'name', 'method']);
  if (ind) {
    const s = ind.sheet.name;
    for (const { col, text: header } of ind.other) {
      const code = categoryCode(header);
      if (code === null && cat === null) continue; // 考核类别 unreadable: reported there, not for every column
      if (code === null) {
        issues.push(
          issue(
            'error',
            'UNKNOWN_CATEGORY',
            `表头“${header}”既不是指标体系的列名，也不是“考核类别”中的类别编码；权重列请以类别编码为列名`,
            cellRef(s, 0, col),
          ),
        );
        tainted.add(`${s}:0`);
      } else if (weightCols.has(code)) {
        issues.push(issue('error', 'DUPLICATE_CODE', `类别 ${code} 的权重列出现了两次`, cellRef(s, 0, col)));
        sumTainted.add(code);
      } else weightCols.set(code, col);
    }
    // A category without a weight column: said once, here, rather than as a wrong sum later.
    const unknownHeaders = ind.other.some(({ text: h }) => categoryCode(h) === null);
    for (const c of categories) {
      if (weightCols.has(c.code)) continue;
      sumTainted.add(c.code);
      if (!unknownHeaders)
        issues.push(
          issue(
            'error',
            'COLUMN_MISSING',
            `“${ind.sheet.name}”缺少类别 ${c.code}（${c.name}）的权重列，请在表头加一列，列名为 ${c.code}`,
            cellRef(s, 0, (ind.sheet.rows[0] ?? []).length),
          ),
        );
    }
    for (const { row, cells } of ind.rows) {
      const code = required(s, cells, row, ind.cols.code as number, '指标编码', LIMITS.code);
      const nm = required(s, cells, row, ind.cols.name as number, '指标名称');
      const methodText = text(s, cells, row, ind.cols.method);
      const method = methodText === '' ? null : methodOf(methodText);
      if (methodText !== '' && method === null)
        err(
          s,
          row,
          ind.cols.method as number,
          'UNKNOWN_METHOD',
          `不认识的计分方法“${methodText}”，可用：直接计分、目标完成率、功效系数法、发展变化、名次赋分、分段计分、评议、满意度、加分、扣分、一票否决`,
        );
      const dirText = text(s, cells, row, ind.cols.direction);
      const direction = directionOf(dirText);
      if (direction === null)
        err(
          s,
          row,
          ind.cols.direction as number,
          'BAD_DIRECTION',
          `方向“${dirText}”应为 正向（+）或 逆向（-）`,
        );
      let params: Record<string, string> = {};
      const paramText = text(s, cells, row, ind.cols.params);
      const p = parseParamText(paramText, method);
      if (!p.ok) err(s, row, ind.cols.params as number, 'BAD_PARAM', `参数有误：${p.message}`);
      else params = p.value;
      const weights: Record<string, number> = {};
      for (const [catCode, col] of weightCols) {
        const cell = cells[col] ?? null;
        if (isBlank(cell)) continue;
        if (method === 'veto') {
          // any mark (√, 1, 是) applies the veto to the category, stored as 1; —, 无, 0, 否, × do not
          const mark = matchKey(cellText(cell));
          if (isMissingText(mark) || ['0', '否', '×', 'x', '不适用'].includes(mark)) continue;
          weights[catCode] = 1;
          continue;
        }
        const w = readNumber(cell);
        if (!w.ok) {
          err(s, row, col, 'BAD_WEIGHT', `类别 ${catCode} 的分值${w.message}`);
          sumTainted.add(catCode);
        } else if (w.value !== null) {
          if (w.value < 0) {
            err(s, row, col, 'BAD_WEIGHT', `类别 ${catCode} 的分值不能为负数`);
            sumTainted.add(catCode);
          } else weights[catCode] = w.value;
        }
      }
      if (code === '') continue;
      // A row that will not count (unknown method, duplicate code) spoils the sums of its categories.
      const spoil = () => Object.keys(weights).forEach((c) => sumTainted.add(c));
      if (methodText !== '' && method === null) spoil();
      if (indicatorWhere.has(code)) {
        err(
          s,
          row,
          ind.cols.code as number,
          'DUPLICATE_CODE',
          `指标编码 ${code} 重复（已在第 ${indicatorWhere.get(code)!.row + 1} 行出现）`,
        );
        spoil();
        continue;
      }
      indicatorWhere.set(code, { sheet: s, row, cols: { ...ind.cols } });
      indicators.push({
        code,
        name: nm,
        parent:
          limited(
            s,
            row,
            ind.cols.parent,
            text(s, cells, row, ind.cols.parent),
            LIMITS.code,
            '上级指标编码',
          ) || null,
        method,
        direction: direction ?? '+',
        params,
        provider:
          limited(
            s,
            row,
            ind.cols.provider,
            text(s, cells, row, ind.cols.provider),
            LIMITS.name,
            '数据来源',
          ) || null,
        weights,
      });
    }
  }

  const scheme: Scheme = { name, rules, categories, targets, indicators, groups };
  // no more (and no larger) than the window and the command line take
  issues.push(
    ...countIssues(scheme, {
      categories: categoryWhere,
      targets: targetWhere,
      indicators: indicatorWhere,
      groups: groupWhere,
      weightCols,
      rules: ruleWhere,
    }),
  );

  // The scheme-level checks, pointed at cells. Findings on rows already reported are dropped.
  const indicatorSheet = sheets.indicators?.name;
  if (cat && tg && ind && indicatorSheet !== undefined) {
    for (const found of prepareScheme(scheme).issues) {
      const located = locate(found, {
        categoryWhere,
        targetWhere,
        indicatorWhere,
        groupWhere,
        ruleWhere,
        weightCols,
        indicatorSheet,
        rulesSheet: sheets.rules?.name ?? SCHEME_SHEETS.rules[0],
      });
      if (located.taint !== null && tainted.has(located.taint)) continue;
      if (found.code === 'WEIGHT_SUM' || found.code === 'NODE_WEIGHT_MISMATCH') {
        const c = found.ref.includes('@')
          ? (found.ref.split('@')[1] as string)
          : found.ref.replace('category:', '');
        if (sumTainted.has(c)) continue;
      }
      issues.push({ ...found, ref: located.ref });
    }
  }
  const errors = issues.some((i) => i.level === 'error');
  const sheetOrder = (Object.keys(SCHEME_SHEETS) as SheetKey[]).map(
    (k) => sheets[k]?.name ?? SCHEME_SHEETS[k][0],
  );
  return { scheme: errors ? null : scheme, issues: sortByCell(issues, sheetOrder) };
}

interface Locations {
  categoryWhere: Map<string, Where>;
  targetWhere: Map<string, Where>;
  indicatorWhere: Map<string, Where>;
  groupWhere: Map<string, Where>;
  ruleWhere: Map<string, Where>;
  weightCols: Map<string, number>;
  indicatorSheet: string;
  rulesSheet: string;
}

/** Maps a structured ref of prepareScheme (`indicator:A1`, `weight:A1@QS`…) to a cell. */
function locate(found: Issue, l: Locations): { ref: string; taint: string | null } {
  const [kind, rest = ''] = found.ref.split(/:(.*)/s) as [string, string?];
  const at = (w: Where | undefined, field: string, fallback = 'code') => {
    if (!w) return { ref: found.ref, taint: null };
    const col = w.cols[field] ?? w.cols[fallback] ?? 0;
    return { ref: cellRef(w.sheet, w.row, col), taint: `${w.sheet}:${w.row}` };
  };
  switch (kind) {
    case 'category': {
      if (found.code === 'WEIGHT_SUM') {
        const col = l.weightCols.get(rest);
        return { ref: col === undefined ? found.ref : cellRef(l.indicatorSheet, 0, col), taint: null };
      }
      return at(l.categoryWhere.get(rest), 'code');
    }
    case 'target': {
      const field =
        found.code === 'UNKNOWN_CATEGORY'
          ? 'category'
          : found.code === 'PARENT_MISSING'
            ? 'parent'
            : found.code === 'AMBIGUOUS_NAME'
              ? 'aliases'
              : 'code';
      return at(l.targetWhere.get(rest), field);
    }
    case 'indicator': {
      const field =
        found.code === 'PARENT_MISSING' || found.code === 'PARENT_CYCLE'
          ? 'parent'
          : found.code === 'METHOD_MISSING' || found.code === 'METHOD_ON_INTERNAL'
            ? 'method'
            : found.code === 'BAD_PARAM' || found.code === 'UNKNOWN_GROUP' || found.code === 'NO_GROUPS'
              ? 'params'
              : 'code';
      return at(l.indicatorWhere.get(rest), field, 'method');
    }
    case 'weight': {
      const [ind, cat] = rest.split('@') as [string, string];
      const w = l.indicatorWhere.get(ind);
      const col = l.weightCols.get(cat);
      if (!w || col === undefined) return at(w, 'code');
      return { ref: cellRef(w.sheet, w.row, col), taint: `${w.sheet}:${w.row}` };
    }
    case 'group':
      return at(l.groupWhere.get(rest), found.code === 'BAD_WEIGHT' ? 'weight' : 'code');
    case 'rule': {
      const w = l.ruleWhere.get(rest);
      return w ? at(w, 'value') : { ref: `${l.rulesSheet}!A1`, taint: null };
    }
    default:
      return { ref: found.ref, taint: null };
  }
}

/** Issues in reading order: sheets as the workbook lays them out, then row, then column. */
function sortByCell(issues: Issue[], sheetOrder: string[]): Issue[] {
  const key = (ref: string) => {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(ref);
    if (!m) return { sheet: ref, row: 0, col: 0 };
    const col = [...(m[2] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { sheet: m[1] as string, row: Number(m[3]), col };
  };
  const order = [...sheetOrder, ...new Set(issues.map((i) => key(i.ref).sheet))];
  return [...issues].sort((a, b) => {
    const ka = key(a.ref);
    const kb = key(b.ref);
    return order.indexOf(ka.sheet) - order.indexOf(kb.sheet) || ka.row - kb.row || ka.col - kb.col;
  });
}
