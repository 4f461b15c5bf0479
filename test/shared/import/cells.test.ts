import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../shared/import/grid';
import {
  cellText,
  isBlank,
  isMissingText,
  isSkippableRow,
  readNumber,
  readText,
} from '../../../shared/import/cells';
import { cell, errorCell, formulaCell } from '../../helpers/grid';
import type { CellInput } from '../../helpers/grid';

const NBSP = '\u00a0';
const FORMULA_HINT = '请用 Excel 或 WPS 打开该文件、保存后再导入';

describe('readNumber', () => {
  it.each<[what: string, input: CellInput, want: number]>([
    ['a number cell', 95, 95],
    ['a negative number cell', -3.5, -3.5],
    ['numeric text', '95', 95],
    ['numeric text with decimals', '95.5', 95.5],
    ['full-width digits', '９５', 95],
    ['full-width digits and point', '９５．５', 95.5],
    ['thousands separators', '1,234.5', 1234.5],
    ['full-width thousands separators', '１，２３４', 1234],
    ['percent text as a fraction', '95%', 0.95],
    ['full-width percent text as a fraction', '12.5％', 0.125],
    ['NBSP padding', `${NBSP}95${NBSP}`, 95],
    ['space padding', '  88 ', 88],
    ['ideographic space padding', '\u300088\u3000', 88],
    ['a full-width minus', '－３', -3],
  ])('reads %s: %j → %d', (_, input, want) => {
    const r = readNumber(cell(input));
    expect(r.ok && r.value).toBe(want);
    // full-width characters and thousands separators were read: the cell is named (see below)
    const changed = typeof input === 'string' && /[,\uff01-\uff5e]/.test(input);
    expect(r.ok && r.note !== undefined).toBe(changed);
  });

  it('says how a text with full-width digits or separators was read, and not when nothing was changed', () => {
    expect(readNumber(cell('１，２３４'))).toEqual({
      ok: true,
      value: 1234,
      note: '“１，２３４”含全角字符或千位分隔符，按数值 1234 读入',
    });
    expect(readNumber(cell(' 95% '))).toEqual({ ok: true, value: 0.95 });
  });

  it.each([
    ['a zero-width space', '8\u200b5'],
    ['a space', '8 5'],
    ['an ideographic space', '９\u3000５'],
  ])('refuses %s between the digits, showing the invisible ones', (_, text) => {
    const r = readNumber(cell(text));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('数字之间有空格或看不见的字符');
    if (!r.ok && text.includes('\u200b')) expect(r.message).toContain('8␣5');
  });

  it('refuses an unreadable cell with what to do', () => {
    const r = readNumber({ kind: 'invalid', why: '存的数值“0x1F”是十六进制写法' });
    expect(r).toEqual({
      ok: false,
      message: '无法读取（存的数值“0x1F”是十六进制写法）：请在 Excel 或 WPS 中重新输入该单元格，保存后再导入',
    });
  });

  it.each<[what: string, input: CellInput]>([
    ['an empty cell', null],
    ['empty text', ''],
    ['spaces only', '   '],
    ['NBSP only', NBSP],
    ['a dash —', '—'],
    ['a double dash ——', '——'],
    ['a hyphen -', '-'],
    ['a slash /', '/'],
    ['无', '无'],
    ['N/A', 'N/A'],
  ])('reads %s as no value', (_, input) => {
    expect(readNumber(cell(input))).toEqual({ ok: true, value: null });
  });

  it('refuses text that is not a number, naming it and saying what to write', () => {
    expect(readNumber(cell('九十五'))).toEqual({ ok: false, message: '“九十五”不是数值，请填写数字' });
  });

  it.each(['1,23', '12a', '1.2.3', '%'])('refuses the malformed number %j', (text) => {
    expect(readNumber(cell(text)).ok).toBe(false);
  });

  it('refuses an error value and names it', () => {
    expect(readNumber(errorCell('#DIV/0!'))).toEqual({
      ok: false,
      message: '是错误值 #DIV/0!，请改正公式或改填数值',
    });
  });

  it('refuses an uncached formula, asking to open and save the file in Excel or WPS', () => {
    const r = readNumber(formulaCell('SUM(A1:A3)'));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(FORMULA_HINT);
  });

  it('refuses a logical value', () => {
    expect(readNumber({ kind: 'bool', value: true })).toEqual({
      ok: false,
      message: '是逻辑值 TRUE，请填写数值',
    });
  });

  it('refuses a date, asking for a general or numeric cell format', () => {
    const r = readNumber({ kind: 'date', value: '2024-12-31' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain('2024-12-31');
  });

  it('refuses a number cell that is not finite', () => {
    expect(readNumber({ kind: 'number', value: Number.NaN })).toEqual({ ok: false, message: '不是有效数值' });
  });
});

describe('readText', () => {
  it.each<[what: string, input: Cell, want: string]>([
    ['an empty cell', null, ''],
    ['text, cleaned of NBSP and space padding', cell(`${NBSP} 东城区 ${NBSP}`), '东城区'],
    ['inner runs of spaces, collapsed to one', cell('A1\u3000 地区生产总值'), 'A1 地区生产总值'],
    ['a number, as written', cell(12.5), '12.5'],
    ['a logical value', { kind: 'bool', value: false }, 'FALSE'],
    ['a date, as ISO', { kind: 'date', value: '2024-01-31' }, '2024-01-31'],
  ])('reads %s', (_, input, want) => {
    expect(readText(input)).toEqual({ ok: true, value: want });
  });

  it('refuses an error value', () => {
    expect(readText(errorCell('#N/A'))).toEqual({ ok: false, message: '是错误值 #N/A' });
  });

  it('refuses an uncached formula, asking to open and save the file in Excel or WPS', () => {
    const r = readText(formulaCell());
    expect(r.ok ? '' : r.message).toContain(FORMULA_HINT);
  });
});

describe('cellText and isBlank', () => {
  it('shows an uncached formula as empty text', () => {
    expect(cellText(formulaCell())).toBe('');
  });
  it.each<[CellInput, boolean]>([
    [null, true],
    ['', true],
    [`  ${NBSP}`, true],
    ['—', false], // a missing marker is written, so not blank
    [0, false],
  ])('isBlank(%j) is %s', (input, want) => {
    expect(isBlank(cell(input))).toBe(want);
  });
});

describe('isMissingText', () => {
  it.each([
    '',
    ' ',
    NBSP,
    '-',
    '—',
    '——',
    '–',
    '/',
    '\\',
    '无',
    '空',
    'N/A',
    'n/a',
    'NA',
    '#N/A',
    '－',
    '／',
  ])('%j means no value', (text) => {
    expect(isMissingText(text)).toBe(true);
  });
  it.each(['0', '无锡', '无数据单位', '95', '—5'])('%j is a value', (text) => {
    expect(isMissingText(text)).toBe(false);
  });
});

describe('isSkippableRow', () => {
  const row = (...xs: CellInput[]) => xs.map(cell);

  it.each<[what: string, cells: Cell[]]>([
    ['an empty row', []],
    ['a row of empty cells', row(null, '', '  ')],
    ['合计', row('合计', 1234)],
    ['总计', row('总计', null, 88)],
    ['小计', row('小计', 3)],
    ['平均', row('平均值', 91.5)],
    ['备注', row('备注：数据截至12月底')],
    ['说明', row('说明：单位为万元')],
    ['注：', row('注：带*为预计数')],
    ['填表人', row('填表人：张三', null, '审核人：李四')],
    ['审核人', row('审核人：李四')],
    ['填报人', row('填报人：王五')],
    ['负责人', row('负责人：赵六')],
    ['联系人', row('联系人：钱七')],
    ['填表日期', row('填表日期：2025年1月5日')],
    ['a total after a blank first cell', row(null, '合计', 100)],
    ['a total written with spaces', row('合　计', 100)],
    ['a signature written with spaces', row('填 表 人：张三')],
  ])('skips %s', (_, cells) => {
    expect(isSkippableRow(cells)).toBe(true);
  });

  it.each<[what: string, cells: Cell[]]>([
    ['a data row', row('QS01', '东城区', 95)],
    ['a data row after a blank first cell', row(null, '东城区', 95)],
    ['a row numbered with 序号', row(1, '东城区', 95)],
    ['a row of missing markers', row('—', '—')],
  ])('keeps %s', (_, cells) => {
    expect(isSkippableRow(cells)).toBe(false);
  });
});
