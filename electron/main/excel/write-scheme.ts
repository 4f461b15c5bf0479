import ExcelJS from 'exceljs';
import { METHOD_LABELS, formatParamText, isWeighted } from '../../../shared/domain/method';
import type { RuleKey } from '../../../shared/domain/rules';
import { RULE_LABELS, formatRuleValue } from '../../../shared/domain/rules';
import type { Scheme } from '../../../shared/domain/scheme';
import { displayWidth } from '../../../shared/domain/text';
import { SCHEME_HEADERS, SCHEME_SHEETS } from '../../../shared/import/scheme-workbook';
import { BODY, GRID, HEADER_FILL, put } from './style';

/**
 * 考核方案 as a workbook (SPEC §6), the one the importer reads: 考核类别, 考核对象, 指标体系 with a
 * weight column per category, 评价主体, 规则 — each with one header row, Chinese method names and
 * 正向/逆向, veto leaves marked √. Reading it back gives the same scheme.
 */

type Value = string | number | null;

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Value[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const all = [header, ...rows];
  all.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      put(cell, v);
      cell.font = { ...BODY, bold: r === 0 };
      cell.border = GRID;
      if (r === 0) {
        cell.fill = HEADER_FILL;
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
    }),
  );
  header.forEach((_, c) => {
    const widest = Math.max(...all.map((row) => displayWidth(row[c] === null ? '' : String(row[c]))));
    ws.getColumn(c + 1).width = Math.min(50, Math.max(8, widest + 2));
  });
}

const first = (words: readonly string[]) => words[0] as string;

/** Writes a scheme as a scheme workbook; returns its bytes. */
export async function writeSchemeWorkbook(scheme: Scheme, createdAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '综合考核工作台';
  wb.title = `${scheme.name}考核方案`;
  wb.created = wb.modified = createdAt;
  const h = SCHEME_HEADERS;
  const cats = scheme.categories.map((c) => c.code);

  sheet(
    wb,
    first(SCHEME_SHEETS.categories),
    [first(h.categories.code), first(h.categories.name)],
    scheme.categories.map((c) => [c.code, c.name]),
  );
  sheet(
    wb,
    first(SCHEME_SHEETS.targets),
    [
      first(h.targets.code),
      first(h.targets.name),
      first(h.targets.aliases),
      first(h.targets.category),
      first(h.targets.exempt),
      first(h.targets.parent),
    ],
    scheme.targets.map((t) => [
      t.code,
      t.name,
      t.aliases.length > 0 ? t.aliases.join('、') : null,
      t.category,
      t.exemptReason,
      t.parent,
    ]),
  );
  sheet(
    wb,
    first(SCHEME_SHEETS.indicators),
    [
      first(h.indicators.code),
      first(h.indicators.parent),
      first(h.indicators.name),
      first(h.indicators.method),
      first(h.indicators.direction),
      first(h.indicators.params),
      first(h.indicators.provider),
      ...cats,
    ],
    scheme.indicators.map((i) => {
      const params = formatParamText(i.params);
      return [
        i.code,
        i.parent,
        i.name,
        i.method === null ? null : METHOD_LABELS[i.method],
        i.method !== null && isWeighted(i.method) ? (i.direction === '+' ? '正向' : '逆向') : null,
        params === '' ? null : params,
        i.provider,
        ...cats.map((c): Value => {
          const w = i.weights[c];
          if (w === undefined) return null;
          return i.method === 'veto' ? '√' : w;
        }),
      ];
    }),
  );
  sheet(
    wb,
    first(SCHEME_SHEETS.groups),
    [first(h.groups.code), first(h.groups.name), first(h.groups.weight)],
    scheme.groups.map((g) => [g.code, g.name, g.weight]),
  );
  sheet(
    wb,
    first(SCHEME_SHEETS.rules),
    [first(h.rules.key), first(h.rules.value)],
    (Object.keys(RULE_LABELS) as RuleKey[]).map((k) => {
      const text = formatRuleValue(k, scheme.rules[k]);
      return [RULE_LABELS[k], /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text];
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
