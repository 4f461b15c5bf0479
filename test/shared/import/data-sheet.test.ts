import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../shared/domain/issue';
import { detectKind, parseDataSheet } from '../../../shared/import/data-sheet';
import type { ParsedSheet } from '../../../shared/import/data-sheet';
import { cell, errorCell, formulaCell, sheet } from '../../helpers/grid';
import type { CellInput } from '../../helpers/grid';
import { IMPORT_SCHEME } from '../../helpers/import-scheme';

const SCHEME = IMPORT_SCHEME;

const parse = (name: string, rows: CellInput[][]): ParsedSheet => parseDataSheet(sheet(name, rows), SCHEME);

/** `LEVEL CODE Sheet!Cell` per issue: exact and easy to read in a diff. */
const found = (issues: readonly Issue[]) => issues.map((i) => `${i.level} ${i.code} ${i.ref}`);

const value = (
  target: string,
  indicator: string,
  v: number | null,
  source: string,
  extra: { targetValue?: number; baseline?: number } = {},
) => ({
  target,
  indicator,
  value: v,
  targetValue: extra.targetValue ?? null,
  baseline: extra.baseline ?? null,
  source,
  cells: expect.any(Object) as unknown, // checked where it matters: a leaf spread over columns
});

const VALUES_HEADER = ['对象编码', '对象名称'];
const RATINGS_HEADER = ['评价人', '评价主体', '对象', '指标', '评价'];
const SURVEYS_HEADER = ['对象', '指标', '非常满意', '满意', '基本满意', '不满意', '不了解'];
const ITEMS_HEADER = ['对象', '指标', '分值', '事由', '文号'];

describe('detectKind', () => {
  it.each<[kind: string, header: string[]]>([
    ['values', ['对象编码', '对象名称', 'A1', '单位能耗下降']],
    ['values', ['单位名称', '招商引资完成率目标值']],
    ['ratings', RATINGS_HEADER],
    ['ratings', ['评价主体', '被考核单位', '评议项目', '评价等次']],
    ['surveys', SURVEYS_HEADER],
    ['surveys', ['对象', '指标', '非常满意', '满意', '基本满意', '不满意']],
    ['items', ITEMS_HEADER],
    ['items', ['对象', '指标', '事由', '文号']],
  ])('recognises %s from %j', (kind, header) => {
    expect(detectKind(header.map(cell), SCHEME)).toBe(kind);
  });

  it.each<[what: string, header: CellInput[]]>([
    ['an empty header', []],
    ['a title row', ['2024年度综合考核指标数据', null, null]],
    ['indicator columns without a target column', ['A1', '单位能耗下降']],
  ])('recognises nothing in %s', (_, header) => {
    expect(detectKind(header.map(cell), SCHEME)).toBeNull();
  });

  it('reads a unit column with only unknown columns as indicator data, naming each unknown column', () => {
    const header = ['对象名称', '人均收入', '备注'];
    expect(detectKind(header.map(cell), SCHEME)).toBe('values');
    const r = parse('指标数据', [header, ['东城区', 5, '']]);
    expect(found(r.issues)).toEqual(['error UNKNOWN_COLUMN 指标数据!B1']);
  });

  it('reports an unrecognisable sheet at A1 and reads no rows', () => {
    const r = parse('Sheet1', [['2024年度综合考核指标数据'], ['东城区', 95]]);
    expect(r.kind).toBeNull();
    expect(found(r.issues)).toEqual(['error UNKNOWN_SHEET Sheet1!A1']);
    expect(r.rowCount).toBe(0);
  });
});

describe('parseDataSheet: header only', () => {
  it.each<[kind: string, header: string[]]>([
    ['values', [...VALUES_HEADER, 'A1']],
    ['ratings', RATINGS_HEADER],
    ['surveys', SURVEYS_HEADER],
    ['items', ITEMS_HEADER],
  ])('reports a %s sheet without data rows as NO_ROWS at A1', (kind, header) => {
    const r = parse('数据', [header]);
    expect(r.kind).toBe(kind);
    expect(found(r.issues)).toEqual(['error NO_ROWS 数据!A1']);
  });

  it('counts a sheet whose only rows are blank, totals and signatures as header only', () => {
    const r = parse('数据', [[...VALUES_HEADER, 'A1'], [], ['合计', null, 100], ['填表人：张三']]);
    expect(found(r.issues)).toEqual(['error NO_ROWS 数据!A1']);
  });
});

describe('parseDataSheet: values', () => {
  //        A          B           C     D            E                    F                   G             H                 I                       J
  const header = [
    '对象编码',
    '对象名称',
    'A1',
    '单位能耗下降',
    'A3 招商引资完成率',
    '招商引资完成率目标值',
    '财政收入增长',
    '财政收入增长基期值',
    '实际使用外资（亿美元）',
    '重点工作',
  ];

  it('matches targets by code, name and alias, and columns by code, name, "code name", unit, 目标值 and 基期值', () => {
    const r = parse('指标数据', [
      header,
      ['QS01', '东城区', 6.5, 0.8, 95, 100, 120, 100, 3.2, 9], // by code (name agrees)
      [null, '西城区', 7, 0.9, 88, 100, 110, 105, 2.5, 10], // by name
      [null, '发改委', null, 0.7, 30, 40, 50, 40, 1.1, 20], // by alias; A1 does not apply to JJ, left empty
    ]);
    expect(r.kind).toBe('values');
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(3);
    expect(r.values).toEqual([
      value('QS01', 'A1', 6.5, '指标数据!C2'),
      value('QS01', 'A2', 0.8, '指标数据!D2'),
      value('QS01', 'A3', 95, '指标数据!E2', { targetValue: 100 }),
      value('QS01', 'A4', 120, '指标数据!G2', { baseline: 100 }),
      value('QS01', 'A5', 3.2, '指标数据!I2'),
      value('QS01', 'A6', 9, '指标数据!J2'),
      value('QS02', 'A1', 7, '指标数据!C3'),
      value('QS02', 'A2', 0.9, '指标数据!D3'),
      value('QS02', 'A3', 88, '指标数据!E3', { targetValue: 100 }),
      value('QS02', 'A4', 110, '指标数据!G3', { baseline: 105 }),
      value('QS02', 'A5', 2.5, '指标数据!I3'),
      value('QS02', 'A6', 10, '指标数据!J3'),
      value('JJ01', 'A2', 0.7, '指标数据!D4'),
      value('JJ01', 'A3', 30, '指标数据!E4', { targetValue: 40 }),
      value('JJ01', 'A4', 50, '指标数据!G4', { baseline: 40 }),
      value('JJ01', 'A5', 1.1, '指标数据!I4'),
      value('JJ01', 'A6', 20, '指标数据!J4'),
    ]);
    // each field keeps its own cell, for messages that point at the right one
    expect(r.values[2]?.cells).toEqual({ value: '指标数据!E2', targetValue: '指标数据!F2' });
    expect(r.values[3]?.cells).toEqual({ value: '指标数据!G2', baseline: '指标数据!H2' });
  });

  it('reads a target value column alone (A3目标值) as the target value, with no value', () => {
    const r = parse('指标数据', [
      ['对象名称', 'A3目标值'],
      ['东城区', 100],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual([value('QS01', 'A3', null, '指标数据!B2', { targetValue: 100 })]);
  });

  it('ignores 序号, 类别 and 备注 columns', () => {
    const r = parse('指标数据', [
      ['序号', '对象名称', '类别', 'A2', '备注'],
      [1, '东城区', '区市', 0.8, '预计数'],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual([value('QS01', 'A2', 0.8, '指标数据!D2')]);
  });

  describe('cell rules', () => {
    /** One target, one column of A2 (efficacy, QS 20): the cell under test is B2. */
    const one = (x: CellInput) =>
      parse('指标数据', [
        ['对象编码', 'A2'],
        ['QS01', x],
      ]);

    it.each<[what: string, input: CellInput, want: number]>([
      ['a number', 0.85, 0.85],
      ['numeric text', '95', 95],
      ['full-width digits', '９５', 95],
      ['thousands separators', '12,345.6', 12345.6],
      ['percent text as a fraction', '95%', 0.95],
      ['full-width percent text as a fraction', '８５．５％', 0.855],
      ['NBSP padding', '\u00a0 88 \u00a0', 88],
      ['a negative number', '-3.2', -3.2],
    ])('reads %s (%j) as %d', (_, input, want) => {
      const r = one(input);
      // full-width characters and thousands separators read: a note at the cell, nothing else
      const changed = typeof input === 'string' && /[,\uff01-\uff5e]/.test(input);
      expect(found(r.issues)).toEqual(changed ? ['warning NUMBER_FROM_TEXT 指标数据!B2'] : []);
      expect(r.values).toEqual([value('QS01', 'A2', want, '指标数据!B2')]);
    });

    it.each<[what: string, input: CellInput]>([
      ['an em dash', '—'],
      ['a hyphen', '-'],
      ['a slash', '/'],
      ['无', '无'],
      ['an empty cell', null],
      ['empty text', ''],
    ])('reads %s as no value: nothing imported, no issue', (_, input) => {
      const r = one(input);
      expect(r.issues).toEqual([]);
      expect(r.values).toEqual([]);
      expect(r.rowCount).toBe(0); // rows are counted when they give data
    });

    it('refuses an error value at its cell, naming it', () => {
      const r = one(errorCell('#DIV/0!'));
      expect(found(r.issues)).toEqual(['error BAD_NUMBER 指标数据!B2']);
      expect(r.issues[0]?.message).toContain('#DIV/0!');
      expect(r.values).toEqual([]);
    });

    it('refuses an uncached formula at its cell, asking to open and save the file in Excel or WPS', () => {
      const r = one(formulaCell('B3/B4'));
      expect(found(r.issues)).toEqual(['error BAD_NUMBER 指标数据!B2']);
      expect(r.issues[0]?.message).toContain('请用 Excel 或 WPS 打开该文件、保存后再导入');
      expect(r.values).toEqual([]);
    });

    it('refuses text that is not a number at its cell', () => {
      const r = one('约95');
      expect(found(r.issues)).toEqual(['error BAD_NUMBER 指标数据!B2']);
      expect(r.issues[0]?.message).toContain('“约95”不是数值');
    });
  });

  it('skips blank rows and rows of totals, averages, notes and signatures', () => {
    const r = parse('指标数据', [
      ['对象名称', 'A2'],
      ['东城区', 0.8],
      [],
      ['西城区', 0.9],
      ['合计', 1.7],
      ['平均', 0.85],
      ['备注：单位为吨标准煤/万元'],
      ['说明：逆向指标'],
      ['填表人：张三', null, '审核人：李四'],
      ['审核人：李四'],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(2);
    expect(r.values.map((v) => v.target)).toEqual(['QS01', 'QS02']);
  });

  it('reports an unknown target at the target cell: the code when given, else the name', () => {
    const r = parse('指标数据', [
      ['对象编码', '对象名称', 'A2'],
      ['QS09', '南城区', 0.8],
      [null, '北城区', 0.9],
      ['QS01', '东城区', 0.7],
    ]);
    expect(found(r.issues)).toEqual(['error UNKNOWN_TARGET 指标数据!A2', 'error UNKNOWN_TARGET 指标数据!B3']);
    expect(r.issues[1]?.message).toContain('北城区');
    expect(r.values).toEqual([value('QS01', 'A2', 0.7, '指标数据!C4')]);
  });

  it('reports a target written twice (by name, then by alias) at the second', () => {
    const r = parse('指标数据', [
      ['对象名称', 'A2'],
      ['东城区', 0.8],
      ['西城区', 0.9],
      ['东城', 0.7],
    ]);
    expect(found(r.issues)).toEqual(['error DUPLICATE_TARGET 指标数据!A4']);
    expect(r.issues[0]?.message).toContain('第 2 行');
    expect(r.values).toEqual([
      value('QS01', 'A2', 0.8, '指标数据!B2'),
      value('QS02', 'A2', 0.9, '指标数据!B3'),
    ]);
  });

  it('reports a code and a name that name different targets at the name cell', () => {
    const r = parse('指标数据', [
      ['对象编码', '对象名称', 'A2'],
      ['QS01', '西城区', 0.8],
    ]);
    expect(found(r.issues)).toEqual(['error CODE_NAME_MISMATCH 指标数据!B2']);
  });

  it('keeps a direct value within 0–weight of the target’s category and refuses one outside', () => {
    // 重点工作 (A6, direct): QS weight 10, JJ weight 20; 专项工作 (A7) has maxRaw=100.
    const r = parse('指标数据', [
      ['对象编码', '重点工作', '专项工作'],
      ['QS01', 10, 100],
      ['QS02', 12, 101],
      ['JJ01', 15, 0],
      ['JJ02', -1, 50],
    ]);
    expect(found(r.issues)).toEqual([
      'error OUT_OF_RANGE 指标数据!B3',
      'error OUT_OF_RANGE 指标数据!C3',
      'error OUT_OF_RANGE 指标数据!B5',
    ]);
    expect(r.issues[0]?.message).toContain('超出 0–10 的范围');
    expect(r.issues[1]?.message).toContain('超出 0–100 的范围');
    expect(r.issues[2]?.message).toContain('超出 0–20 的范围');
    expect(r.values.map((v) => `${v.target} ${v.indicator} ${v.value}`)).toEqual([
      'QS01 A6 10',
      'QS01 A7 100',
      'JJ01 A6 15',
      'JJ01 A7 0',
    ]); // JJ02's row has a problem, so none of it is taken (its 50 included)
  });

  it('warns about a value for a leaf not applicable to the target’s category and does not import it', () => {
    // 地区生产总值增速 (A1) has no JJ weight.
    const r = parse('指标数据', [
      ['对象名称', 'A1', 'A2'],
      ['东城区', 6.5, 0.8],
      ['发展改革委', 6.0, 0.7],
    ]);
    expect(found(r.issues)).toEqual(['warning NOT_APPLICABLE 指标数据!B3']);
    expect(r.values).toEqual([
      value('QS01', 'A1', 6.5, '指标数据!B2'),
      value('QS01', 'A2', 0.8, '指标数据!C2'),
      value('JJ01', 'A2', 0.7, '指标数据!C3'),
    ]);
    expect(r.rowCount).toBe(2);
  });

  it('reports an unknown column at its header cell', () => {
    const r = parse('指标数据', [
      ['对象名称', 'A2', '人均收入'],
      ['东城区', 0.8, 5],
    ]);
    expect(found(r.issues)).toEqual(['error UNKNOWN_COLUMN 指标数据!C1']);
    expect(r.issues[0]?.message).toContain('人均收入');
  });

  it('refuses columns of an internal node and of a leaf whose data is not a value, at their header cells', () => {
    const r = parse('指标数据', [
      ['对象名称', 'A2', '经济发展', '领导评议', '招商引资加分'],
      ['东城区', 0.8, 1, 2, 3],
    ]);
    expect(found(r.issues)).toEqual([
      'error WRONG_KIND 指标数据!C1',
      'error WRONG_KIND 指标数据!D1',
      'error WRONG_KIND 指标数据!E1',
    ]);
  });

  it('reports the same indicator in two columns at the second', () => {
    const r = parse('指标数据', [
      ['对象名称', 'A2', '单位能耗下降（%）'],
      ['东城区', 0.8, 0.8],
    ]);
    expect(found(r.issues)).toEqual(['error DUPLICATE_COLUMN 指标数据!C1']);
  });
});

describe('parseDataSheet: ratings', () => {
  const rating = (
    evaluator: string,
    evaluatorTarget: string | null,
    group: string,
    target: string,
    grade: string | number | null,
    source: string,
  ) => ({ evaluator, evaluatorTarget, group, target, indicator: 'B2', grade, source });

  it('reads grade words, numbers 0–100, abstentions, and resolves a unit evaluator to its target', () => {
    const r = parse('评议', [
      RATINGS_HEADER,
      ['张三', '市级领导', '东城区', '领导评议', '优秀'],
      ['张三', 'LD', '西城区', 'B2', ' 良好 '],
      ['李四', '市级领导', 'QS01', '领导评议', 90],
      ['李四', '市级领导', '西城区', '领导评议', '85'],
      ['王五', '市级领导', '东城区', '领导评议', '弃权'],
      ['王五', '市级领导', '西城区', '领导评议', null],
      ['发展改革委', '部门互评', '商务局', '领导评议', '一般'],
      ['发改委', 'BM', '发展改革委', '领导评议', '较差'], // its own unit: kept, marked, dropped by compute
    ]);
    expect(r.kind).toBe('ratings');
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(8);
    expect(r.ratings).toEqual([
      rating('张三', null, 'LD', 'QS01', '优秀', '评议!E2'),
      rating('张三', null, 'LD', 'QS02', '良好', '评议!E3'),
      rating('李四', null, 'LD', 'QS01', 90, '评议!E4'),
      rating('李四', null, 'LD', 'QS02', 85, '评议!E5'),
      rating('王五', null, 'LD', 'QS01', null, '评议!E6'),
      rating('王五', null, 'LD', 'QS02', null, '评议!E7'),
      rating('发展改革委', 'JJ01', 'BM', 'JJ02', '一般', '评议!E8'),
      rating('发改委', 'JJ01', 'BM', 'JJ01', '较差', '评议!E9'),
    ]);
  });

  it.each<[what: string, grade: CellInput]>([
    ['a word outside the list', '很好'],
    ['a number above 100', 120],
    ['a negative number', -5],
    ['numeric text above 100', '101'],
  ])('refuses %s at the grade cell, naming the allowed words', (_, grade) => {
    const r = parse('评议', [RATINGS_HEADER, ['张三', '市级领导', '东城区', '领导评议', grade]]);
    expect(found(r.issues)).toEqual(['error BAD_GRADE 评议!E2']);
    expect(r.issues[0]?.message).toContain('优秀、良好、一般、较差');
    expect(r.ratings).toEqual([]);
  });

  it('refuses an error value in the grade cell', () => {
    const r = parse('评议', [RATINGS_HEADER, ['张三', '市级领导', '东城区', '领导评议', errorCell('#N/A')]]);
    expect(found(r.issues)).toEqual(['error BAD_CELL 评议!E2']);
  });

  it('reports an evaluator rating the same target on the same leaf twice at the second evaluator cell', () => {
    const r = parse('评议', [
      RATINGS_HEADER,
      ['张三', '市级领导', '东城区', '领导评议', '优秀'],
      ['张三', '市级领导', '西城区', '领导评议', '良好'],
      [' 张三 ', 'LD', '东城', 'B2', '一般'],
    ]);
    expect(found(r.issues)).toEqual(['error DUPLICATE_RATING 评议!A4']);
    expect(r.issues[0]?.message).toContain('第 2 行');
    expect(r.ratings.map((x) => x.source)).toEqual(['评议!E2', '评议!E3']);
  });

  it('lets two evaluators without names rate the same target', () => {
    const r = parse('评议', [
      RATINGS_HEADER,
      [null, '市级领导', '东城区', '领导评议', '优秀'],
      [null, '市级领导', '东城区', '领导评议', '良好'],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.ratings.map((x) => x.grade)).toEqual(['优秀', '良好']);
  });

  it('reports an unknown group at its first cell, once per name, naming the groups of the scheme', () => {
    const r = parse('评议', [
      RATINGS_HEADER,
      ['张三', '人大代表', '东城区', '领导评议', '优秀'],
      ['张三', '人大代表', '西城区', '领导评议', '良好'],
      ['李四', '政协委员', '东城区', '领导评议', '良好'],
    ]);
    expect(found(r.issues)).toEqual(['error UNKNOWN_GROUP 评议!B2', 'error UNKNOWN_GROUP 评议!B4']);
    expect(r.issues[0]?.message).toContain('“市级领导”“部门互评”');
    expect(r.issues[0]?.message).toContain('其他行不再逐一列出');
    expect(r.ratings).toEqual([]);
  });

  it('reports an unknown target, an unknown indicator and a leaf that is not rated, each at its cell', () => {
    const r = parse('评议', [
      RATINGS_HEADER,
      ['张三', '市级领导', '南城区', '领导评议', '优秀'],
      ['张三', '市级领导', '东城区', '作风评议', '优秀'],
      ['张三', '市级领导', '西城区', '地区生产总值增速', '优秀'],
    ]);
    expect(found(r.issues)).toEqual([
      'error UNKNOWN_TARGET 评议!C2',
      'error UNKNOWN_INDICATOR 评议!D3',
      'error WRONG_KIND 评议!D4',
    ]);
    expect(r.ratings).toEqual([]);
  });

  it('reports a missing required column after the last header', () => {
    // 评价人 and 评价 make it a ratings sheet; 对象 (target) is missing.
    const r = parse('评议', [
      ['评价人', '评价主体', '指标', '评价'],
      ['张三', '市级领导', '领导评议', '优秀'],
    ]);
    expect(found(r.issues)).toEqual(['error COLUMN_MISSING 评议!E1']);
    expect(r.issues[0]?.message).toContain('对象');
  });

  it('stores a grade written in full-width digits as a number', () => {
    const r = parse('评议', [RATINGS_HEADER, ['张三', '市级领导', '东城区', '领导评议', '９０']]);
    expect(r.issues).toEqual([]);
    expect(r.ratings[0]?.grade).toBe(90);
  });
});

describe('parseDataSheet: surveys', () => {
  it('reads counts per level, digits in any width, empty levels as 0', () => {
    const r = parse('满意度', [
      SURVEYS_HEADER,
      ['东城区', '群众满意度', 30, 50, 15, 5, 10],
      ['西城区', 'B1', '３０', '50', null, 0, null],
      ['发改委', '群众满意度', 12, 20, 3, 1, 0],
    ]);
    expect(r.kind).toBe('surveys');
    // the full-width ３０ is named, read as 30
    expect(found(r.issues)).toEqual(['warning NUMBER_FROM_TEXT 满意度!C3']);
    expect(r.surveys).toEqual([
      {
        target: 'QS01',
        indicator: 'B1',
        counts: { verySatisfied: 30, satisfied: 50, basic: 15, dissatisfied: 5, unknown: 10 },
        source: '满意度!A2',
      },
      {
        target: 'QS02',
        indicator: 'B1',
        counts: { verySatisfied: 30, satisfied: 50, basic: 0, dissatisfied: 0, unknown: 0 },
        source: '满意度!A3',
      },
      {
        target: 'JJ01',
        indicator: 'B1',
        counts: { verySatisfied: 12, satisfied: 20, basic: 3, dissatisfied: 1, unknown: 0 },
        source: '满意度!A4',
      },
    ]);
  });

  it('does without a 不了解 column', () => {
    const r = parse('满意度', [
      ['对象', '指标', '非常满意', '满意', '基本满意', '不满意'],
      ['东城区', '群众满意度', 30, 50, 15, 5],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.surveys[0]?.counts).toEqual({
      verySatisfied: 30,
      satisfied: 50,
      basic: 15,
      dissatisfied: 5,
      unknown: 0,
    });
  });

  it.each<[what: string, count: CellInput]>([
    ['a negative count', -1],
    ['a fractional count', 2.5],
    ['a percentage', '50%'],
    ['text', '很多'],
    ['an error value', errorCell('#VALUE!')],
  ])('refuses %s at its cell', (_, count) => {
    const r = parse('满意度', [SURVEYS_HEADER, ['东城区', '群众满意度', 30, count, 15, 5, 0]]);
    expect(found(r.issues)).toEqual(['error BAD_COUNT 满意度!D2']);
    expect(r.surveys).toEqual([]);
  });

  it('refuses a row whose counts are all empty, at its first count cell', () => {
    const r = parse('满意度', [SURVEYS_HEADER, ['东城区', '群众满意度', null, '—', null, null, null]]);
    expect(found(r.issues)).toEqual(['error EMPTY_ROW 满意度!C2']);
  });

  it('reports a target twice for the same leaf at the second target cell', () => {
    const r = parse('满意度', [
      SURVEYS_HEADER,
      ['东城区', '群众满意度', 30, 50, 15, 5, 0],
      ['东城', 'B1', 31, 49, 15, 5, 0],
    ]);
    expect(found(r.issues)).toEqual(['error DUPLICATE_TARGET 满意度!A3']);
    expect(r.surveys).toHaveLength(1);
  });

  it('warns about a leaf not applicable to the target’s category and does not import the row', () => {
    // 企业满意度 (B4) has no JJ weight.
    const r = parse('满意度', [SURVEYS_HEADER, ['发展改革委', '企业满意度', 30, 50, 15, 5, 0]]);
    expect(found(r.issues)).toEqual(['warning NOT_APPLICABLE 满意度!B2']);
    expect(r.surveys).toEqual([]);
  });

  it('refuses a leaf that is not a satisfaction survey at the indicator cell', () => {
    const r = parse('满意度', [SURVEYS_HEADER, ['东城区', '领导评议', 30, 50, 15, 5, 0]]);
    expect(found(r.issues)).toEqual(['error WRONG_KIND 满意度!B2']);
  });
});

describe('parseDataSheet: items', () => {
  const item = (
    target: string,
    indicator: string,
    points: number | null,
    reason: string,
    docNo: string,
    row: number,
  ) => ({
    target,
    indicator,
    points,
    reason,
    docNo,
    source: `加扣分!A${row}`,
  });

  it('reads bonus and deduction points (a deduction written −0.5 as 0.5) and veto items without points', () => {
    const r = parse('加扣分', [
      ITEMS_HEADER,
      ['东城区', '招商引资加分', 2, '引进重大项目', '市政府〔2024〕12号'],
      ['西城区', 'D2', -0.5, '安全生产约谈', null],
      ['东城', '安全生产扣分', '0.5', '通报批评', '安委办〔2024〕3号'],
      ['西城区', '重大安全事故', null, '发生较大生产安全事故', '（2024）1号'],
      ['东城区', 'D3', 5, '发生重大生产安全事故', null], // a veto's 分值 is not read
      ['发展改革委', 'D1', 1.5, '争取中央资金', null],
    ]);
    expect(r.kind).toBe('items');
    expect(r.issues).toEqual([]);
    expect(r.items).toEqual([
      item('QS01', 'D1', 2, '引进重大项目', '市政府〔2024〕12号', 2),
      item('QS02', 'D2', 0.5, '安全生产约谈', '', 3),
      item('QS01', 'D2', 0.5, '通报批评', '安委办〔2024〕3号', 4),
      item('QS02', 'D3', null, '发生较大生产安全事故', '（2024）1号', 5),
      item('QS01', 'D3', null, '发生重大生产安全事故', '', 6),
      item('JJ01', 'D1', 1.5, '争取中央资金', '', 7),
    ]);
    expect(r.rowCount).toBe(6);
  });

  it.each<[what: string, row: CellInput[], want: string]>([
    [
      'a bonus without points',
      ['东城区', '招商引资加分', null, '引进重大项目', null],
      'error EMPTY_CELL 加扣分!C2',
    ],
    [
      'a deduction without points',
      ['东城区', '安全生产扣分', '—', '通报批评', null],
      'error EMPTY_CELL 加扣分!C2',
    ],
    ['a negative bonus', ['东城区', '招商引资加分', -1, '引进重大项目', null], 'error BAD_NUMBER 加扣分!C2'],
    [
      'points that are not a number',
      ['东城区', '招商引资加分', '两分', '引进重大项目', null],
      'error BAD_NUMBER 加扣分!C2',
    ],
    [
      'an empty reason',
      ['东城区', '招商引资加分', 2, null, '市政府〔2024〕12号'],
      'error EMPTY_CELL 加扣分!D2',
    ],
    [
      'an empty reason on a veto item',
      ['东城区', '重大安全事故', null, '  ', null],
      'error EMPTY_CELL 加扣分!D2',
    ],
    [
      'an item on a leaf not applicable to the target',
      ['发展改革委', '重大安全事故', null, '事故', null],
      'error NOT_APPLICABLE 加扣分!B2',
    ],
    [
      'an item on a leaf that takes no items',
      ['东城区', '地区生产总值增速', 2, '引进重大项目', null],
      'error WRONG_KIND 加扣分!B2',
    ],
    [
      'an unknown target',
      ['南城区', '招商引资加分', 2, '引进重大项目', null],
      'error UNKNOWN_TARGET 加扣分!A2',
    ],
    ['an empty target', [null, '招商引资加分', 2, '引进重大项目', null], 'error EMPTY_CELL 加扣分!A2'],
  ])('refuses %s at its cell', (_, row, want) => {
    const r = parse('加扣分', [ITEMS_HEADER, row]);
    expect(found(r.issues)).toEqual([want]);
    expect(r.items).toEqual([]);
    expect(r.rowCount).toBe(0);
  });

  it('says which kind of item needs points', () => {
    const r = parse('加扣分', [ITEMS_HEADER, ['东城区', '安全生产扣分', null, '通报批评', null]]);
    expect(r.issues[0]?.message).toBe('扣分事项须填写分值');
  });
});
