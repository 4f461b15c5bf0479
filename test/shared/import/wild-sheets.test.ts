/**
 * Sheets as they come back from the wild: headers below titles, two-row headers, wide rating forms,
 * near misses offered (never applied), remembered columns, a flood of one mistake kept readable.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../shared/domain/issue';
import type { Cell } from '../../../shared/import/grid';
import { parseDataSheet } from '../../../shared/import/data-sheet';
import { createSheetParser, ISSUES_PER_CODE } from '../../../shared/import/sheet-parser';
import { sheet } from '../../helpers/grid';
import type { CellInput } from '../../helpers/grid';
import { IMPORT_SCHEME as SCHEME } from '../../helpers/import-scheme';

const parse = (
  name: string,
  rows: CellInput[][],
  presets?: Map<string, { indicator: string; field: 'value' | 'targetValue' | 'baseline' }>,
) => parseDataSheet(sheet(name, rows), SCHEME, { columnPresets: presets });
const found = (issues: readonly Issue[]) => issues.map((i) => `${i.level} ${i.code} ${i.ref}`);
const values = (r: ReturnType<typeof parse>) =>
  r.values.map((v) => [v.target, v.indicator, v.value, v.targetValue, v.baseline]);

describe('finding the header', () => {
  it('finds it below a title, a date line and a filling note, and counts rows from the top', () => {
    const r = parse('指标数据', [
      ['2024年度综合考核指标数据填报表（市统计局）'],
      ['填报日期：2025年1月10日', null, '单位：亿元'],
      ['填表说明：请填写各单位本年数据，没有数据的填“—”。对象名称请与考核对象一致。'],
      [],
      ['对象名称', '地区生产总值增速', '实际使用外资（亿美元）'],
      ['东城区', 6.2, 1.5],
      ['西城区', '５．８', '—'],
      ['合计', 12, 1.5],
      ['填表人：张三', null, '审核人：李四'],
    ]);
    // the full-width ５．８ is named as read
    expect(r.issues.map((i) => `${i.level} ${i.code} ${i.ref}`)).toEqual([
      'warning NUMBER_FROM_TEXT 指标数据!B7',
    ]);
    expect(r.kind).toBe('values');
    expect(values(r)).toEqual([
      ['QS01', 'A1', 6.2, null, null],
      ['QS01', 'A5', 1.5, null, null],
      ['QS02', 'A1', 5.8, null, null],
    ]);
    expect(r.values[0]?.source).toBe('指标数据!B6');
  });

  it('reads a two-row header: a merged group above, 本年 and 基期值 / 完成值 and 目标值 below', () => {
    // merged cells keep their text in the first column only (as streamed): the group carries right
    const r = parse('指标数据', [
      ['对象编码', '对象名称', '财政收入增长', null, '招商引资完成率', null],
      [null, null, '本年', '基期值', '完成值', '目标值'],
      ['QS01', '东城区', 112, 100, 8.1, 10],
      ['JJ01', '发展改革委', 95, 100, 30, 30],
    ]);
    expect(r.issues).toEqual([]);
    expect(values(r)).toEqual([
      ['QS01', 'A4', 112, null, 100],
      ['QS01', 'A3', 8.1, 10, null],
      ['JJ01', 'A4', 95, null, 100],
      ['JJ01', 'A3', 30, 30, null],
    ]);
    expect(r.values[0]?.source).toBe('指标数据!C3');
  });

  it('reads leaf names under merged 一级 group cells', () => {
    const r = parse('指标数据', [
      ['单位', '经济发展', null, null],
      [null, '地区生产总值增速', '单位能耗下降', '实际使用外资'],
      ['（单位）', '%', '%', '亿美元'],
      ['东城', 6.2, 3.1, 1.5],
    ]);
    expect(r.issues).toEqual([]);
    expect(values(r)).toEqual([
      ['QS01', 'A1', 6.2, null, null],
      ['QS01', 'A2', 3.1, null, null],
      ['QS01', 'A5', 1.5, null, null],
    ]);
  });

  it('refuses a sheet whose header cannot be found in the first 40 rows, saying what a header looks like', () => {
    const rows: CellInput[][] = Array.from({ length: 45 }, (_, i) => [`说明第 ${i + 1} 行`]);
    const r = parse('杂项', rows);
    expect(found(r.issues)).toEqual(['error UNKNOWN_SHEET 杂项!A1']);
    expect(r.issues[0]?.message).toContain('前 40 行');
  });
});

describe('wide rating forms', () => {
  it('takes the group and the evaluator written above the header, and keeps a written 弃权 as an abstention', () => {
    const r = parse('评议表', [
      ['2024年度领导评议表'],
      ['评价主体：市级领导', null, '评价人：', '张三'],
      ['对象名称', '领导评议'],
      ['东城区', '优秀'],
      ['西城区', '弃权'],
      ['发展改革委', 85],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.kind).toBe('ratings');
    expect(r.ratings.map((x) => [x.group, x.evaluator, x.target, x.indicator, x.grade])).toEqual([
      ['LD', '张三', 'QS01', 'B2', '优秀'],
      ['LD', '张三', 'QS02', 'B2', null],
      ['LD', '张三', 'JJ01', 'B2', 85],
    ]);
  });

  it('asks for the group when the form does not say it', () => {
    const r = parse('评议表', [
      ['对象名称', '领导评议'],
      ['东城区', '优秀'],
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['GROUP_MISSING']);
    expect(r.issues[0]?.message).toContain('评价主体：市级领导');
  });
});

describe('near misses are offered, never applied', () => {
  it('suggests 东城区 for 东城去 with a confirmable alias, and refuses the row meanwhile', () => {
    const r = parse('指标数据', [
      ['对象名称', '地区生产总值增速'],
      ['东城去', 6.2],
      ['月球区', 5.1],
    ]);
    expect(found(r.issues)).toEqual(['error UNKNOWN_TARGET 指标数据!A2', 'error UNKNOWN_TARGET 指标数据!A3']);
    expect(r.issues[0]?.message).toContain('是否为“东城区”（QS01）');
    expect(r.issues[0]?.fix).toEqual({ kind: 'alias', text: '东城去', target: 'QS01', targetName: '东城区' });
    expect(r.issues[1]?.fix).toBeUndefined();
    expect(r.values).toEqual([]);
  });

  it('suggests a longer official name for a short one (商务 → 商务局) but not between two candidates', () => {
    const r = parse('指标数据', [
      ['对象名称', '单位能耗下降'],
      ['商务', 3],
      ['城区', 2],
    ]);
    expect(r.issues[0]?.fix).toMatchObject({ target: 'JJ02' });
    expect(r.issues[1]?.fix).toBeUndefined(); // 东城区 or 西城区?
  });

  it('suggests the leaf a near-miss column means, with a confirmable column mapping', () => {
    const r = parse('指标数据', [
      ['对象名称', '地区生产总值增长'],
      ['东城区', 6.2],
    ]);
    expect(found(r.issues)).toEqual(['error UNKNOWN_COLUMN 指标数据!B1']);
    expect(r.issues[0]?.fix).toMatchObject({
      kind: 'column',
      header: '地区生产总值增长',
      indicator: 'A1',
      field: 'value',
    });
  });

  it('reads a column the operator confirmed before', () => {
    const presets = new Map([
      ['gdp增速', { indicator: 'A1', field: 'value' as const }],
      ['外资目标', { indicator: 'A3', field: 'targetValue' as const }],
    ]);
    const r = parse(
      '指标数据',
      [
        ['对象名称', 'GDP增速', '外资目标'],
        ['东城区', 6.2, 10],
      ],
      presets,
    );
    expect(r.issues).toEqual([]);
    expect(values(r)).toEqual([
      ['QS01', 'A1', 6.2, null, null],
      ['QS01', 'A3', null, 10, null],
    ]);
  });
});

describe('a flood of one mistake', () => {
  it(`keeps ${ISSUES_PER_CODE} issues of one kind per sheet and counts the rest`, () => {
    const rows: CellInput[][] = [['对象名称', '地区生产总值增速']];
    for (let i = 0; i < 300; i++) rows.push([`未知单位${i}`, 1]);
    const r = parse('指标数据', rows);
    expect(r.issues).toHaveLength(ISSUES_PER_CODE + 1);
    expect(r.issues.at(-1)?.message).toContain('同类问题另有 100 处');
  });
});

describe('streaming', () => {
  it('gives the same result whether rows come one by one or as a sheet', () => {
    const rows: CellInput[][] = [
      ['标题'],
      ['对象编码', '地区生产总值增速', '财政收入增长基期值', '财政收入增长'],
    ];
    for (let i = 0; i < 60; i++) rows.push([i % 2 ? 'QS01' : 'QS02', i, 100, 100 + i]);
    const whole = parse('指标数据', rows);
    const p = createSheetParser('指标数据', SCHEME);
    sheet('指标数据', rows).rows.forEach((cells, i) => p.push(i, cells));
    expect(p.end()).toEqual(whole);
    expect(whole.issues.filter((i) => i.code === 'DUPLICATE_TARGET')).toHaveLength(58);
  });
});

describe('percentages', () => {
  // 招商引资完成率 with a target of 95: its values are on the 0–100 scale
  const onHundred = {
    ...SCHEME,
    indicators: SCHEME.indicators.map((i) => (i.code === 'A3' ? { ...i, params: { target: '95' } } : i)),
  };
  const pct = (value: number): Cell => ({ kind: 'number', value, percent: true });

  it('reads 93.1% as 93.1 in a column on the 0–100 scale, whether typed as text or formatted', () => {
    const r = parseDataSheet(
      sheet('指标数据', [
        ['对象名称', '招商引资完成率'],
        ['东城区', '93.1%'],
        ['西城区', pct(0.9)],
        ['发展改革委', 96.5],
      ]),
      onHundred,
    );
    expect(r.issues).toEqual([]);
    expect(r.values.map((v) => v.value)).toEqual([93.1, 90, 96.5]);
  });

  it('reads percentages as fractions where the scale is open, and refuses a column mixing 5.8% with 6.2', () => {
    const fractions = parse('指标数据', [
      ['对象名称', '地区生产总值增速'],
      ['东城区', '5.8%'],
      ['西城区', 0.062],
    ]);
    expect(fractions.issues).toEqual([]);
    expect(fractions.values.map((v) => v.value)).toEqual([0.058, 0.062]);

    const mixed = parse('指标数据', [
      ['对象名称', '地区生产总值增速'],
      ['东城区', '5.8%'],
      ['西城区', 6.2],
    ]);
    expect(found(mixed.issues)).toEqual(['error MIXED_PERCENT 指标数据!B2']);
    expect(mixed.issues[0]?.message).toContain('指标数据!B3 为 6.2');
  });
});

describe('texts too long to be what they claim', () => {
  it('refuses a 事由 of more than 500 characters and a pasted paragraph as a unit name, quoting only the start', () => {
    const r = parse('加扣分', [
      ['对象', '指标', '分值', '事由', '文号'],
      ['东城区', '招商引资加分', 1, '引'.repeat(501), '市政办〔2024〕3号'],
      ['东城区'.repeat(40), '招商引资加分', 1, '获国家级表彰', ''],
    ]);
    expect(found(r.issues)).toEqual(['error LONG_TEXT 加扣分!D2', 'error LONG_TEXT 加扣分!A3']);
    expect(r.items).toEqual([]);
    for (const i of r.issues) expect(i.message.length).toBeLessThan(120);
  });
});

describe('scales across a leaf’s columns', () => {
  it('refuses 93.6% next to a 目标值 of 95: a value and its target must be on one scale', () => {
    const r = parse('指标数据', [
      ['对象名称', '招商引资完成率', '招商引资完成率目标值'],
      ['东城区', '93.6%', 95],
      ['西城区', 90, 95],
    ]);
    expect(found(r.issues)).toEqual(['error MIXED_PERCENT 指标数据!B2']);
    expect(r.issues[0]?.message).toContain('指标数据!C2 为 95');
  });

  it('warns of 0.931 in a column on the 0–100 scale, keeping it', () => {
    const onHundred = {
      ...SCHEME,
      indicators: SCHEME.indicators.map((i) => (i.code === 'A3' ? { ...i, params: { target: '95' } } : i)),
    };
    const r = parseDataSheet(
      sheet('指标数据', [
        ['对象名称', '招商引资完成率'],
        ['东城区', 0.931],
        ['西城区', 96],
      ]),
      onHundred,
    );
    expect(found(r.issues)).toEqual(['warning SCALE_SUSPECT 指标数据!B2']);
    expect(r.issues[0]?.message).toContain('如是 93.1%，请填写 93.1');
    expect(r.values.map((v) => v.value)).toEqual([0.931, 96]);
  });

  it('reads a grade formatted as a percentage (0.85 shown as 85%) as 85', () => {
    const r = parse('评议表', [
      ['评价人', '评价主体', '对象', '指标', '评价'],
      ['张三', '市级领导', '东城区', '领导评议', { kind: 'number', value: 0.85, percent: true }],
    ]);
    expect(r.issues).toEqual([]);
    expect(r.ratings[0]?.grade).toBe(85);
  });
});

describe('a flood of warnings', () => {
  it('counts warnings past the cap as a warning, from the first cell not listed, and does not refuse', () => {
    // 250 units of 市直经济部门, each with a 地区生产总值增速 (A1) that does not apply to its category
    const many = {
      ...SCHEME,
      targets: Array.from({ length: 250 }, (_, i) => ({
        code: `J${i}`,
        name: `部门${i}`,
        aliases: [],
        category: 'JJ',
        exemptReason: null,
        parent: null,
      })),
    };
    const rows: CellInput[][] = [['对象编码', '实际使用外资', '地区生产总值增速']];
    for (let i = 0; i < 250; i++) rows.push([`J${i}`, 1, 6.5]);
    const r = parseDataSheet(sheet('指标数据', rows), many);
    expect(r.issues).toHaveLength(ISSUES_PER_CODE + 1);
    expect(r.issues.every((i) => i.level === 'warning' && i.code === 'NOT_APPLICABLE')).toBe(true);
    expect(r.issues.at(-1)).toMatchObject({ ref: `指标数据!C${ISSUES_PER_CODE + 2}` });
    expect(r.issues.at(-1)?.message).toContain('同类提示另有 50 处');
    expect(r.values).toHaveLength(250);
  });
});

describe('the evaluator of a rating form', () => {
  it('refuses a pasted paragraph as the evaluator, and warns when there is none', () => {
    const long = parse('评议表', [
      ['评价主体：市级领导', null, '评价人：', '我'.repeat(120)],
      ['对象名称', '领导评议'],
      ['东城区', '优秀'],
    ]);
    expect(found(long.issues)).toEqual(['error LONG_TEXT 评议表!D1']);
    const none = parse('评议表', [['评价主体：市级领导'], ['对象名称', '领导评议'], ['东城区', '优秀']]);
    expect(found(none.issues)).toEqual(['warning EVALUATOR_EMPTY 评议表!A1']);
    expect(none.ratings).toHaveLength(1);
  });
});
