/**
 * What each template holds, before any Excel: which workbooks a scheme gives, their columns, where a
 * person types and what they may type, and the metadata the importer reads them back by.
 */
import { describe, expect, it } from 'vitest';
import type { Cycle } from '../../../shared/domain/cycle';
import type { TemplateCell, TemplatePlan } from '../../../shared/import/template-plan';
import { ITEM_ROWS, planTemplates } from '../../../shared/import/template-plan';
import { IMPORT_SCHEME as SCHEME } from '../../helpers/import-scheme';

const CYCLE: Cycle = {
  id: 7,
  name: '2024年度',
  kind: 'annual',
  status: 'draft',
  previousCycleId: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  revision: 1,
};
const scheme = {
  ...SCHEME,
  indicators: SCHEME.indicators.map((i) =>
    ['A1', 'A2'].includes(i.code) ? { ...i, provider: '市统计局' } : i,
  ),
};
const plans = planTemplates(CYCLE, scheme);
const plan = (file: string) => plans.find((p) => p.file === file) as TemplatePlan;
const cellText = (c: TemplateCell | undefined) =>
  c === undefined ? '∅' : c.kind === 'text' ? c.text : c.kind === 'na' ? '不适用' : c.rule.type;

describe('which templates a scheme gives', () => {
  it('gives one per data provider, one per evaluator group, one for satisfaction and one for items', () => {
    expect(plans.map((p) => [p.file, p.kind])).toEqual([
      ['2024年度-指标数据-市统计局.xlsx', 'values'],
      ['2024年度-指标数据-未指定来源.xlsx', 'values'],
      ['2024年度-评议表-市级领导.xlsx', 'ratings'],
      ['2024年度-评议表-部门互评.xlsx', 'ratings'],
      ['2024年度-满意度测评.xlsx', 'surveys'],
      ['2024年度-加扣分及否决事项.xlsx', 'items'],
    ]);
  });
});

describe('indicator data', () => {
  const stats = plan('2024年度-指标数据-市统计局.xlsx');
  const other = plan('2024年度-指标数据-未指定来源.xlsx');

  it('has a row per target the provider’s leaves apply to, and greys out a leaf a category does not have', () => {
    expect(stats.columns.map((c) => c.header)).toEqual([
      '对象编码',
      '对象名称',
      '类别',
      '地区生产总值增速',
      '单位能耗下降',
    ]);
    // A1 applies to QS only: the two JJ rows have it grey
    expect(stats.rows.map((r) => r.map(cellText))).toEqual([
      ['QS01', '东城区', '区市', 'decimal', 'decimal'],
      ['QS02', '西城区', '区市', 'decimal', 'decimal'],
      ['JJ01', '发展改革委', '市直经济部门', '不适用', 'decimal'],
      ['JJ02', '商务局', '市直经济部门', '不适用', 'decimal'],
    ]);
  });

  it('adds 目标值 for a completion ratio without a fixed target and 基期值 for growth', () => {
    expect(other.columns.slice(3).map((c) => [c.header, c.what])).toEqual([
      ['招商引资完成率', { role: 'leaf', indicator: 'A3', field: 'value' }],
      ['招商引资完成率目标值', { role: 'leaf', indicator: 'A3', field: 'targetValue' }],
      ['财政收入增长', { role: 'leaf', indicator: 'A4', field: 'value' }],
      ['财政收入增长基期值', { role: 'leaf', indicator: 'A4', field: 'baseline' }],
      ['实际使用外资', { role: 'leaf', indicator: 'A5', field: 'value' }],
      ['重点工作', { role: 'leaf', indicator: 'A6', field: 'value' }],
      ['专项工作', { role: 'leaf', indicator: 'A7', field: 'value' }],
    ]);
  });

  it('limits a direct score to 0–weight of the row’s category, or to 0–maxRaw', () => {
    const ranges = other.rows.map((r) =>
      r.slice(8).map((c) => (c.kind === 'input' && c.rule.type === 'decimal' ? c.rule.max : null)),
    );
    // 重点工作: QS 10, JJ 20; 专项工作: maxRaw 100
    expect(ranges).toEqual([
      [10, 100],
      [10, 100],
      [20, 100],
      [20, 100],
    ]);
  });

  it('carries the metadata the importer reads it back by', () => {
    expect(other.meta).toMatchObject({
      version: 1,
      cycleId: 7,
      cycleName: '2024年度',
      kind: 'values',
      sheet: '指标数据',
      headerRow: 4,
      provider: '未指定来源',
    });
    expect(other.meta.columns).toMatchObject({
      A: { role: 'targetCode' },
      B: { role: 'targetName' },
      E: { role: 'leaf', indicator: 'A3', field: 'targetValue' },
    });
  });
});

describe('ratings, satisfaction and items', () => {
  it('offers the grade words and 弃权 in a rating template, and names the group and the evaluator cell', () => {
    const p = plan('2024年度-评议表-市级领导.xlsx');
    expect(p.columns.map((c) => c.header)).toEqual(['对象编码', '对象名称', '类别', '领导评议']);
    expect(p.columns[3]?.input).toEqual({
      type: 'list',
      values: ['优秀', '良好', '一般', '较差', '弃权'],
      scores: true, // a 0–100 score may be typed instead
    });
    expect(p.meta).toMatchObject({ kind: 'ratings', group: 'LD', evaluatorCell: 'D3' });
    expect(p.byline).toBe('评价主体：市级领导');
    expect(p.rows).toHaveLength(4);
  });

  it('prefills a satisfaction row per target and surveyed leaf that applies, counts as whole numbers', () => {
    const p = plan('2024年度-满意度测评.xlsx');
    expect(p.rows.map((r) => r.slice(0, 2).map(cellText))).toEqual([
      ['东城区', '群众满意度'],
      ['东城区', '企业满意度'],
      ['西城区', '群众满意度'],
      ['西城区', '企业满意度'],
      ['发展改革委', '群众满意度'],
      ['商务局', '群众满意度'],
    ]);
    expect(p.columns.slice(2).map((c) => [c.header, c.input])).toEqual(
      ['非常满意', '满意', '基本满意', '不满意', '不了解'].map((h) => [h, { type: 'whole', min: 0 }]),
    );
  });

  it('offers empty item rows with drop-downs of targets and item leaves', () => {
    const p = plan('2024年度-加扣分及否决事项.xlsx');
    expect(p.rows).toEqual([]);
    expect(p.blankRows).toBe(ITEM_ROWS);
    expect(p.columns.map((c) => [c.header, c.input?.type])).toEqual([
      ['对象', 'list'],
      ['指标', 'list'],
      ['分值', 'decimal'],
      ['事由', 'text'],
      ['文号', 'text'],
    ]);
    expect(p.columns[1]?.input).toEqual({
      type: 'list',
      values: ['招商引资加分', '安全生产扣分', '重大安全事故'],
    });
  });
});

describe('file names', () => {
  it('numbers a second template whose provider name gives the same file name', () => {
    const twins = {
      ...SCHEME,
      indicators: SCHEME.indicators.map((i) =>
        i.code === 'A1'
          ? { ...i, provider: '市统计局/市发改委' }
          : i.code === 'A2'
            ? { ...i, provider: '市统计局 市发改委' }
            : i,
      ),
    };
    const files = planTemplates(CYCLE, twins).map((p) => p.file);
    expect(files.slice(0, 2)).toEqual([
      '2024年度-指标数据-市统计局_市发改委.xlsx',
      '2024年度-指标数据-市统计局_市发改委(2).xlsx',
    ]);
    expect(new Set(files).size).toBe(files.length);
  });
});
