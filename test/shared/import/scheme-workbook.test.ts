import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/contract/api';
import type { Issue } from '../../../shared/domain/issue';
import { COUNTS, LIMITS, MAX_WEIGHT } from '../../../shared/domain/limits';
import { defaultRules } from '../../../shared/domain/rules';
import type { Indicator, Scheme } from '../../../shared/domain/scheme';
import type { WorkbookGrid } from '../../../shared/import/grid';
import { parseSchemeWorkbook } from '../../../shared/import/scheme-workbook';
import type { CellInput } from '../../helpers/grid';
import { errorCell, formulaCell, put, sheet, sheetOf, workbook } from '../../helpers/grid';

/**
 * A sound scheme workbook, small enough to check by hand.
 *
 * 指标体系 columns: A 指标编码, B 上级编码, C 指标名称, D 计分方法, E 方向, F 参数, G 数据来源, H QS, I JJ.
 *
 *   row  code  method        QS   JJ
 *    2   A     (一级, none)    50   50   ← internal: its cells are subtotals, not counted again
 *    3   A1    功效系数法       30   —
 *    4   A2    efficacy       20   20
 *    5   A3    targetRatio     —   30
 *    6   B1    满意度          20   20
 *    7   B2    rating         20   30
 *    8   C1    名次赋分         10   —
 *    9   D1    加分             5    3   ← caps, not counted
 *   10   D2    deduction       5    5   ← caps, not counted
 *   11   D3    一票否决          √    —   ← a mark, not counted
 *
 * Weighted leaves: QS 30 + 20 + 20 + 20 + 10 = 100, JJ 20 + 30 + 20 + 30 = 100.
 */
function soundWorkbook(): WorkbookGrid {
  return workbook(
    sheet('考核类别', [
      ['类别编码', '类别名称'],
      ['QS', '区市'],
      ['JJ', '市直经济部门'],
    ]),
    sheet('考核对象', [
      ['对象编码', '对象名称', '别名', '类别编码', '免于排名原因', '上级编码'],
      ['QS01', '东城区', '东城、东城区政府；东区', 'QS', null, null],
      ['QS02', '西城区', null, '区市', null, null], // category by name
      ['QS03', '新区', null, 'QS', '新组建', null],
      ['JJ01', '发展改革委', '发改委', 'JJ', null, null],
      ['JJ02', '商务局', null, 'JJ', null, 'JJ01'],
      [],
      ['备注：别名用顿号分隔'],
    ]),
    sheet('指标体系', [
      ['指标编码', '上级编码', '指标名称', '计分方法', '方向', '参数', '数据来源', 'QS', 'JJ'],
      ['A', null, '经济发展', null, null, null, null, 50, 50],
      [
        'A1',
        'A',
        '地区生产总值增速',
        '功效系数法',
        '正向',
        'base＝0.5；satisfactory＝10，unacceptable＝2',
        '统计局',
        30,
        null,
      ],
      ['A2', 'A', '单位能耗下降', 'efficacy', '逆向', null, '发改委', 20, 20],
      ['A3', 'A', '招商引资完成率', 'targetRatio', '+', '上限=1.2', '商务局', null, 30],
      ['B1', null, '群众满意度', '满意度', null, 'levelWeights=1|1|0.6|0', null, 20, 20],
      ['B2', null, '领导评议', 'rating', null, '主体：LD|BM', null, 20, 30],
      ['C1', null, '信访总量', '名次赋分', '-', 'step=0.1', '信访局', 10, null],
      ['D1', null, '招商引资加分', '加分', null, null, null, 5, 3],
      ['D2', null, '安全生产扣分', 'deduction', null, null, null, 5, 5],
      ['D3', null, '重大安全事故', '一票否决', null, null, null, '√', null],
    ]),
    sheet('评价主体', [
      ['主体编码', '主体名称', '权重'],
      ['LD', '市级领导', 0.4],
      ['BM', '部门互评', '30%'],
      ['FW', '服务对象', 0.3],
    ]),
    sheet('规则', [
      ['规则', '值'],
      ['满分', 100],
      ['bottomN', 2],
      ['末位并列处理', 'strict'],
      ['gradePoints', '优秀=95，良好=85，一般=70，较差=50'],
      ['优秀比例', '20%'],
    ]),
  );
}

const ind = (
  code: string,
  parent: string | null,
  name: string,
  method: Indicator['method'],
  direction: Indicator['direction'],
  params: Record<string, string>,
  provider: string | null,
  weights: Record<string, number>,
): Indicator => ({ code, name, parent, method, direction, params, provider, weights });

const EXPECTED: Scheme = {
  name: '2024年度综合考核',
  rules: {
    ...defaultRules(),
    fullScore: 100,
    bottomN: 2,
    bottomTies: 'strict',
    gradePoints: { 优秀: 95, 良好: 85, 一般: 70, 较差: 50 },
    excellentQuota: 0.2,
  },
  categories: [
    { code: 'QS', name: '区市' },
    { code: 'JJ', name: '市直经济部门' },
  ],
  targets: [
    {
      code: 'QS01',
      name: '东城区',
      aliases: ['东城', '东城区政府', '东区'],
      category: 'QS',
      exemptReason: null,
      parent: null,
    },
    { code: 'QS02', name: '西城区', aliases: [], category: 'QS', exemptReason: null, parent: null },
    { code: 'QS03', name: '新区', aliases: [], category: 'QS', exemptReason: '新组建', parent: null },
    {
      code: 'JJ01',
      name: '发展改革委',
      aliases: ['发改委'],
      category: 'JJ',
      exemptReason: null,
      parent: null,
    },
    { code: 'JJ02', name: '商务局', aliases: [], category: 'JJ', exemptReason: null, parent: 'JJ01' },
  ],
  indicators: [
    ind('A', null, '经济发展', null, '+', {}, null, { QS: 50, JJ: 50 }),
    ind(
      'A1',
      'A',
      '地区生产总值增速',
      'efficacy',
      '+',
      { base: '0.5', satisfactory: '10', unacceptable: '2' },
      '统计局',
      { QS: 30 },
    ),
    ind('A2', 'A', '单位能耗下降', 'efficacy', '-', {}, '发改委', { QS: 20, JJ: 20 }),
    ind('A3', 'A', '招商引资完成率', 'targetRatio', '+', { cap: '1.2' }, '商务局', { JJ: 30 }),
    ind('B1', null, '群众满意度', 'satisfaction', '+', { levelWeights: '1|1|0.6|0' }, null, {
      QS: 20,
      JJ: 20,
    }),
    ind('B2', null, '领导评议', 'rating', '+', { groups: 'LD|BM' }, null, { QS: 20, JJ: 30 }),
    ind('C1', null, '信访总量', 'rankPoints', '-', { step: '0.1' }, '信访局', { QS: 10 }),
    ind('D1', null, '招商引资加分', 'bonus', '+', {}, null, { QS: 5, JJ: 3 }),
    ind('D2', null, '安全生产扣分', 'deduction', '+', {}, null, { QS: 5, JJ: 5 }),
    ind('D3', null, '重大安全事故', 'veto', '+', {}, null, { QS: 1 }),
  ],
  groups: [
    { code: 'LD', name: '市级领导', weight: 0.4 },
    { code: 'BM', name: '部门互评', weight: 0.3 },
    { code: 'FW', name: '服务对象', weight: 0.3 },
  ],
};

const parse = (wb: WorkbookGrid) => parseSchemeWorkbook(wb, '2024年度综合考核');

/** `CODE Sheet!Cell` per issue, in the order returned: exact and easy to read in a diff. */
const found = (issues: readonly Issue[]) => issues.map((i) => `${i.code} ${i.ref}`);

type Edit = [sheet: string, cell: string, value: CellInput];
function edited(...edits: Edit[]): WorkbookGrid {
  const wb = soundWorkbook();
  for (const [s, a1, v] of edits) put(sheetOf(wb, s), a1, v);
  return wb;
}

describe('parseSchemeWorkbook: a sound workbook', () => {
  it('parses into the expected scheme with no issues', () => {
    const r = parse(soundWorkbook());
    expect(r.issues).toEqual([]);
    expect(r.scheme).toEqual(EXPECTED);
  });

  it('accepts method keys and Chinese method names alike', () => {
    const methods = parse(soundWorkbook()).scheme?.indicators.map((i) => [i.code, i.method]);
    expect(methods).toEqual([
      ['A', null],
      ['A1', 'efficacy'], // 功效系数法
      ['A2', 'efficacy'],
      ['A3', 'targetRatio'],
      ['B1', 'satisfaction'], // 满意度
      ['B2', 'rating'],
      ['C1', 'rankPoints'], // 名次赋分
      ['D1', 'bonus'], // 加分
      ['D2', 'deduction'],
      ['D3', 'veto'], // 一票否决
    ]);
  });

  it('reads 正向, 逆向, + and - as directions, empty as +', () => {
    const dirs = parse(soundWorkbook()).scheme?.indicators.map((i) => `${i.code}${i.direction}`);
    expect(dirs).toEqual(['A+', 'A1+', 'A2-', 'A3+', 'B1+', 'B2+', 'C1-', 'D1+', 'D2+', 'D3+']);
  });

  it('reads parameters with full-width =, ； and ， and Chinese keys', () => {
    const s = parse(soundWorkbook()).scheme;
    expect(s?.indicators.find((i) => i.code === 'A1')?.params).toEqual({
      base: '0.5',
      satisfactory: '10',
      unacceptable: '2',
    });
    expect(s?.indicators.find((i) => i.code === 'A3')?.params).toEqual({ cap: '1.2' }); // 上限=1.2
    expect(s?.indicators.find((i) => i.code === 'B2')?.params).toEqual({ groups: 'LD|BM' }); // 主体：LD|BM
  });

  it('splits aliases on 、 and ；', () => {
    expect(parse(soundWorkbook()).scheme?.targets[0]?.aliases).toEqual(['东城', '东城区政府', '东区']);
  });

  it('stores a veto column marked √ as 1 and leaves the unmarked category out', () => {
    expect(parse(soundWorkbook()).scheme?.indicators.find((i) => i.code === 'D3')?.weights).toEqual({
      QS: 1,
    });
  });

  it('accepts rules under English keys (bottomN) and Chinese names (满分, 末位并列处理, 优秀比例)', () => {
    const rules = parse(soundWorkbook()).scheme?.rules;
    expect(rules?.fullScore).toBe(100);
    expect(rules?.bottomN).toBe(2);
    expect(rules?.bottomTies).toBe('strict');
    expect(rules?.excellentQuota).toBe(0.2);
    expect(rules?.gradePoints).toEqual({ 优秀: 95, 良好: 85, 一般: 70, 较差: 50 });
  });

  it('keeps the default rules when the optional 规则 sheet is absent', () => {
    const wb = soundWorkbook();
    wb.sheets = wb.sheets.filter((s) => s.name !== '规则');
    const r = parse(wb);
    expect(r.issues).toEqual([]);
    expect(r.scheme?.rules).toEqual(defaultRules());
  });

  it('accepts a weight column headed by the category name instead of its code', () => {
    const r = parse(edited(['指标体系', 'I1', '市直经济部门']));
    expect(r.issues).toEqual([]);
    expect(r.scheme).toEqual(EXPECTED);
  });
});

describe('parseSchemeWorkbook: one problem, one issue at its cell', () => {
  it.each<[behaviour: string, edits: Edit[], want: string[]]>([
    [
      'a wrong category sum points at the weight column header (an extra 10 in QS: 110)',
      [['指标体系', 'H8', 20]],
      ['WEIGHT_SUM 指标体系!H1'],
    ],
    [
      'an unknown method points at its 计分方法 cell',
      [['指标体系', 'D9', '魔法']],
      ['UNKNOWN_METHOD 指标体系!D9'],
    ],
    [
      'an unknown parameter key points at its 参数 cell',
      [['指标体系', 'F3', 'foo=1']],
      ['BAD_PARAM 指标体系!F3'],
    ],
    [
      'a parameter that does not belong to the method points at its 参数 cell',
      [['指标体系', 'F9', 'base=0.6']],
      ['BAD_PARAM 指标体系!F9'],
    ],
    [
      'an unknown category in 考核对象 points at the category cell',
      [['考核对象', 'D3', 'XX']],
      ['UNKNOWN_CATEGORY 考核对象!D3'],
    ],
    [
      'an unknown category as a weight column header points at the header',
      [
        ['指标体系', 'J1', 'ZZ'],
        ['指标体系', 'J3', 5],
      ],
      ['UNKNOWN_CATEGORY 指标体系!J1'],
    ],
    [
      'a duplicate target code points at the second code',
      [['考核对象', 'A3', 'QS01']],
      ['DUPLICATE_CODE 考核对象!A3'],
    ],
    [
      'a duplicate indicator code points at the second code',
      [
        ['指标体系', 'A12', 'A1'],
        ['指标体系', 'C12', '地区生产总值增速（重复）'],
        ['指标体系', 'D12', 'efficacy'],
      ],
      ['DUPLICATE_CODE 指标体系!A12'],
    ],
    [
      'a duplicate category code points at the second code',
      [
        ['考核类别', 'A4', 'QS'],
        ['考核类别', 'B4', '区市（重复）'],
      ],
      ['DUPLICATE_CODE 考核类别!A4'],
    ],
    [
      'a missing indicator parent points at the 上级编码 cell',
      [['指标体系', 'B8', 'Z']],
      ['PARENT_MISSING 指标体系!B8'],
    ],
    [
      'a missing target parent points at the 上级编码 cell',
      [['考核对象', 'F2', 'ZZ']],
      ['PARENT_MISSING 考核对象!F2'],
    ],
    ['a bad rule value points at the 值 cell', [['规则', 'B3', '三']], ['BAD_RULE 规则!B3']],
    ['an unknown rule points at the 规则 cell', [['规则', 'A3', '末尾']], ['UNKNOWN_RULE 规则!A3']],
    [
      'an error value in a weight column points at that cell',
      [['指标体系', 'H8', errorCell('#DIV/0!')]],
      ['BAD_WEIGHT 指标体系!H8'],
    ],
    [
      'an uncached formula in a weight column points at that cell',
      [['指标体系', 'H8', formulaCell('SUM(H2:H7)')]],
      ['BAD_WEIGHT 指标体系!H8'],
    ],
    ['a negative weight points at that cell', [['指标体系', 'H8', -10]], ['BAD_WEIGHT 指标体系!H8']],
    [
      'a direction that is neither + nor - points at the 方向 cell',
      [['指标体系', 'E8', '横向']],
      ['BAD_DIRECTION 指标体系!E8'],
    ],
    ['an empty target name points at that cell', [['考核对象', 'B3', null]], ['EMPTY_CELL 考核对象!B3']],
    [
      'a group weight that is not a number points at that cell',
      [['评价主体', 'C3', '很多']],
      ['BAD_CELL 评价主体!C3'],
    ],
    ['a group weight of zero points at that cell', [['评价主体', 'C3', 0]], ['BAD_WEIGHT 评价主体!C3']],
  ])('%s', (_, edits, want) => {
    const r = parse(edited(...edits));
    expect(found(r.issues)).toEqual(want);
    expect(r.issues.every((i) => i.level === 'error')).toBe(true);
    expect(r.scheme).toBeNull();
  });

  it('does not count bonus, deduction or veto cells toward the full score (QS: 90 weighted + 5 + 5 + √)', () => {
    // Without C1's 10, QS holds 90 of weighted leaves; D1's 5 and D2's 5 would make it 100 if counted.
    const r = parse(edited(['指标体系', 'H8', null]));
    expect(found(r.issues)).toEqual(['WEIGHT_SUM 指标体系!H1']);
    expect(r.issues[0]?.message).toContain('合计为 90，应等于满分 100');
    expect(r.scheme).toBeNull();
  });

  it('reports the sum a wrong column actually adds up to', () => {
    const r = parse(edited(['指标体系', 'H8', 20]));
    expect(r.issues[0]?.message).toContain('合计为 110');
  });

  it('says what an error cell in a weight column holds', () => {
    const r = parse(edited(['指标体系', 'H8', errorCell('#DIV/0!')]));
    expect(r.issues[0]?.message).toContain('#DIV/0!');
  });

  it('asks to open and save the file when a weight is an uncached formula', () => {
    const r = parse(edited(['指标体系', 'H8', formulaCell()]));
    expect(r.issues[0]?.message).toContain('请用 Excel 或 WPS 打开该文件、保存后再导入');
  });

  it('reports a parameter value out of its range (base=1.5) at the 参数 cell', () => {
    const r = parse(edited(['指标体系', 'F3', 'base=1.5']));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'BAD_PARAM', ref: '指标体系!F3' }));
    expect(r.issues.find((i) => i.code === 'BAD_PARAM')?.message).toContain('基础分（base）填的“1.5”不正确');
    expect(r.scheme).toBeNull();
  });

  const without = (missing: string) => {
    const wb = soundWorkbook();
    wb.sheets = wb.sheets.filter((s) => s.name !== missing);
    return parse(wb);
  };

  it.each(['考核类别', '考核对象', '指标体系'])(
    'reports the required sheet %s missing at its A1',
    (missing) => {
      const r = without(missing);
      expect(found(r.issues)[0]).toBe(`SHEET_MISSING ${missing}!A1`);
      expect(r.issues[0]?.message).toContain('现有：');
      expect(r.scheme).toBeNull();
    },
  );

  it.each(['考核对象', '指标体系'])('reports the missing sheet %s and nothing else', (missing) => {
    expect(found(without(missing).issues)).toEqual([`SHEET_MISSING ${missing}!A1`]);
  });

  it('reports the missing sheet 考核类别 and nothing else', () => {
    expect(found(without('考核类别').issues)).toEqual(['SHEET_MISSING 考核类别!A1']);
  });

  it('reports a missing required column at the first free header cell', () => {
    // 计分方法 (column D) deleted: the header now runs A–H, so the column is missing at I1.
    const wb = soundWorkbook();
    for (const row of sheetOf(wb, '指标体系').rows) row.splice(3, 1);
    const r = parse(wb);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'COLUMN_MISSING', ref: '指标体系!I1' }));
    expect(r.issues.find((i) => i.code === 'COLUMN_MISSING')?.message).toContain('计分方法');
    expect(r.scheme).toBeNull();
  });

  it('reports a category without a weight column once, not as a wrong sum', () => {
    const wb = soundWorkbook();
    for (const row of sheetOf(wb, '指标体系').rows) row.splice(8, 1); // drop the JJ column (I)
    const r = parse(wb);
    expect(found(r.issues)).toEqual(['COLUMN_MISSING 指标体系!I1']);
    expect(r.issues[0]?.message).toContain('缺少类别 JJ');
  });

  it('reports an unknown weight header once, not also the sum of the category it hid', () => {
    expect(found(parse(edited(['指标体系', 'I1', 'XX'])).issues)).toEqual(['UNKNOWN_CATEGORY 指标体系!I1']);
  });

  it('reports only the missing method of a leaf, not the sums it would spoil', () => {
    expect(found(parse(edited(['指标体系', 'D3', null])).issues)).toEqual(['METHOD_MISSING 指标体系!D3']);
  });

  it('reports only the missing parent, not the subtotal of the node the leaf belonged to', () => {
    expect(found(parse(edited(['指标体系', 'B3', 'ZZ'])).issues)).toEqual(['PARENT_MISSING 指标体系!B3']);
  });

  it('lists the parameters a method takes when a key is mistyped', () => {
    const r = parse(edited(['指标体系', 'F3', 'bsae=0.5']));
    expect(found(r.issues)).toEqual(['BAD_PARAM 指标体系!F3']);
    expect(r.issues[0]?.message).toContain(
      '不认识的参数“bsae”，功效系数法可用：missing、base、satisfactory、unacceptable',
    );
  });

  it('reports a missing required column and nothing else', () => {
    const wb = soundWorkbook();
    for (const row of sheetOf(wb, '指标体系').rows) row.splice(3, 1);
    expect(found(parse(wb).issues)).toEqual(['COLUMN_MISSING 指标体系!I1']);
  });
});

describe('parseSchemeWorkbook: every problem at once', () => {
  // 考核对象!D3 unknown category; 指标体系!J1 unknown weight header; 指标体系!E9 a bad direction
  // (on the bonus row, so no weights are in doubt); 指标体系!I6 makes JJ add up to 90, found at I1.
  const fourProblems = () =>
    edited(
      ['考核对象', 'D3', 'XX'],
      ['指标体系', 'J1', 'ZZ'],
      ['指标体系', 'E9', '横向'],
      ['指标体系', 'I6', 10],
    );

  it('reports four different problems as four issues, by sheet, then row, then column', () => {
    const r = parse(fourProblems());
    expect(found(r.issues)).toEqual([
      'UNKNOWN_CATEGORY 考核对象!D3',
      'WEIGHT_SUM 指标体系!I1',
      'UNKNOWN_CATEGORY 指标体系!J1',
      'BAD_DIRECTION 指标体系!E9',
    ]);
    expect(r.scheme).toBeNull();
  });

  it('orders sheets as the workbook does: 考核对象, 指标体系, 规则', () => {
    const r = parse(edited(['规则', 'B3', '三'], ['指标体系', 'J1', 'ZZ'], ['考核对象', 'F2', 'ZZ']));
    expect(found(r.issues)).toEqual([
      'PARENT_MISSING 考核对象!F2',
      'UNKNOWN_CATEGORY 指标体系!J1',
      'BAD_RULE 规则!B3',
    ]);
  });

  it('still reports a wrong sum of a category the problem row cannot affect', () => {
    const r = parse(edited(['指标体系', 'E8', '横向'], ['指标体系', 'I6', 10]));
    expect(found(r.issues)).toEqual(['WEIGHT_SUM 指标体系!I1', 'BAD_DIRECTION 指标体系!E8']);
  });
});

describe('parseSchemeWorkbook: no cascade from a row already reported', () => {
  it('does not add METHOD_MISSING for a leaf whose method is unknown', () => {
    const r = parse(edited(['指标体系', 'D3', '魔法']));
    expect(found(r.issues)).toContain('UNKNOWN_METHOD 指标体系!D3');
    expect(r.issues.map((i) => i.code)).not.toContain('METHOD_MISSING');
  });

  it('does not add WEIGHT_SUM when an unreadable weight cell is already reported', () => {
    const r = parse(edited(['指标体系', 'H3', errorCell('#REF!')]));
    expect(found(r.issues)).toEqual(['BAD_WEIGHT 指标体系!H3']);
  });

  it('reports only the unknown method of a weighted leaf', () => {
    expect(found(parse(edited(['指标体系', 'D3', '魔法'])).issues)).toEqual(['UNKNOWN_METHOD 指标体系!D3']);
  });

  it('reports only the bad parameter value of a weighted leaf', () => {
    expect(found(parse(edited(['指标体系', 'F3', 'base=1.5'])).issues)).toEqual(['BAD_PARAM 指标体系!F3']);
  });

  it('reports only the duplicate code when a leaf code is mistyped as another', () => {
    expect(found(parse(edited(['指标体系', 'A4', 'A1'])).issues)).toEqual(['DUPLICATE_CODE 指标体系!A4']);
  });
});

describe('parseSchemeWorkbook: texts no longer than the window takes', () => {
  const saveable = (scheme: Scheme) => CHANNELS['scheme:save'].safeParse({ cycleId: 1, scheme }).success;

  it('refuses at its cell a name, a code, an alias or a reason past the limit, and takes one at it', () => {
    const at = (n: number) => '名'.repeat(n);
    const fits = parse(
      edited(
        ['考核类别', 'B3', at(LIMITS.name)],
        ['考核对象', 'A4', 'C'.repeat(LIMITS.code)],
        ['考核对象', 'C2', `${at(LIMITS.name)}、东区`],
        ['考核对象', 'E4', at(LIMITS.text)],
      ),
    );
    expect(fits.issues).toEqual([]);
    // what the workbook takes, the window's editor saves as it is
    expect(saveable(fits.scheme as Scheme)).toBe(true);

    const r = parse(
      edited(
        ['考核类别', 'B3', at(40_000)],
        ['考核对象', 'A4', 'C'.repeat(LIMITS.code + 1)],
        ['考核对象', 'C2', `东城、${at(LIMITS.name + 1)}`],
        ['考核对象', 'E4', at(LIMITS.text + 1)],
        ['指标体系', 'G3', at(LIMITS.name + 1)],
      ),
    );
    expect(r.scheme).toBeNull();
    expect(found(r.issues)).toEqual([
      'TEXT_TOO_LONG 考核类别!B3',
      'TEXT_TOO_LONG 考核对象!C2',
      'TEXT_TOO_LONG 考核对象!A4',
      'TEXT_TOO_LONG 考核对象!E4',
      'TEXT_TOO_LONG 指标体系!G3',
    ]);
    expect(r.issues[0]?.message).toBe('类别名称最多 100 个字（现有 40000 个字），请缩短');
  });

  it('refuses counts and weights past what the window takes, at the row or cell where they pass it', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, k) => `东城${k}`).join('、');
    const fits = parse(edited(['考核对象', 'C2', aliases(COUNTS.aliases)], ['指标体系', 'H9', MAX_WEIGHT]));
    expect(found(fits.issues)).toEqual([]);
    expect(saveable(fits.scheme as Scheme)).toBe(true);

    const r = parse(
      edited(
        ['考核对象', 'C2', aliases(COUNTS.aliases + 1)],
        ['指标体系', 'H9', MAX_WEIGHT + 1],
        ['评价主体', 'C2', 150],
      ),
    );
    expect(found(r.issues)).toEqual([
      'TOO_MANY 考核对象!C2',
      'BAD_WEIGHT 指标体系!H9',
      'GROUP_WEIGHTS_SUM 评价主体!A2', // 1.5 of the combined rating: the sum is off too
      'BAD_WEIGHT 评价主体!C2',
    ]);
    expect(r.issues[0]?.message).toBe('“东城区”的别名最多 50 个（现有 51 个）');

    // a category past the hundredth: said at its row
    const many = soundWorkbook();
    const cats = sheetOf(many, '考核类别');
    for (let k = 0; k < COUNTS.categories; k++)
      cats.rows.push([
        { kind: 'text', value: `X${k}` },
        { kind: 'text', value: `类别${k}` },
      ]);
    const tooMany = parse(many).issues.filter((i) => i.code === 'TOO_MANY');
    expect(found(tooMany)).toEqual([`TOO_MANY 考核类别!A${COUNTS.categories + 2}`]);
    expect(tooMany[0]?.message).toContain('考核类别最多 100 个（现有 102 个）');
  });

  it('uses the limits the window uses: one past them is refused by the contract too', () => {
    const scheme = parse(soundWorkbook()).scheme as Scheme;
    expect(saveable(scheme)).toBe(true);
    const renamed = (name: string) => ({
      ...scheme,
      categories: [{ ...scheme.categories[0]!, name }, ...scheme.categories.slice(1)],
    });
    expect(saveable(renamed('名'.repeat(LIMITS.name)))).toBe(true);
    expect(saveable(renamed('名'.repeat(LIMITS.name + 1)))).toBe(false);
  });
});
