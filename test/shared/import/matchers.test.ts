import { describe, expect, it } from 'vitest';
import type { Target } from '../../../shared/domain/scheme';
import {
  createGroupMatcher,
  createIndicatorMatcher,
  createMatchers,
  createTargetMatcher,
} from '../../../shared/import/matchers';
import { leaf, node, scheme } from '../../helpers/scheme';

const target = (code: string, name: string, aliases: string[] = []): Target => ({
  code,
  name,
  aliases,
  category: 'QS',
  exemptReason: null,
  parent: null,
});

describe('createTargetMatcher', () => {
  const m = createTargetMatcher([
    target('QS01', '东城区', ['东城', '东城区政府']),
    target('QS02', '西城区', ['西城']),
    // The code of one target is the name of another: the code wins.
    target('XC', '新城区'),
    target('QS03', 'XC区'),
  ]);

  it.each<[text: string, code: string, by: string]>([
    ['QS01', 'QS01', 'code'],
    ['qs01', 'QS01', 'code'], // case
    ['ＱＳ０１', 'QS01', 'code'], // full-width
    [' QS 01 ', 'QS01', 'code'], // spaces anywhere
    ['东城区', 'QS01', 'name'],
    ['\u00a0东城区\u00a0', 'QS01', 'name'], // NBSP padding
    ['东城', 'QS01', 'alias'],
    ['东城区政府', 'QS01', 'alias'],
    ['西城', 'QS02', 'alias'],
    ['XC', 'XC', 'code'],
    ['XC区', 'QS03', 'name'],
  ])('finds %j as %s by %s', (text, code, by) => {
    const r = m.match(text);
    expect(r?.target.code).toBe(code);
    expect(r?.by).toBe(by);
  });

  it.each(['', '   ', '南城区', 'QS0', '东'])('finds nothing for %j', (text) => {
    expect(m.match(text)).toBeNull();
  });

  it('prefers a code over a name and a name over an alias when they collide', () => {
    const c = createTargetMatcher([
      target('T1', '甲', ['乙']),
      target('乙', '丙'),
      target('T3', '乙单位', ['甲']),
    ]);
    expect(c.match('乙')?.target.code).toBe('乙'); // code of the second beats alias of the first
    expect(c.match('甲')?.target.code).toBe('T1'); // name of the first beats alias of the third
  });
});

describe('createIndicatorMatcher', () => {
  const m = createIndicatorMatcher([
    node('A', '经济发展'),
    leaf('A1', 'efficacy', { QS: 30 }, { name: '地区生产总值增速', parent: 'A' }),
    leaf('A2', 'efficacy', { QS: 20 }, { name: '实际使用外资', parent: 'A' }),
    leaf('1.1', 'direct', { QS: 10 }, { name: '重点工作' }),
  ]);

  it.each<[text: string, code: string]>([
    ['A1', 'A1'],
    ['a1', 'A1'],
    ['Ａ１', 'A1'],
    ['地区生产总值增速', 'A1'],
    [' 地区生产总值增速 ', 'A1'],
    ['地区生产总值增速（%）', 'A1'], // unit in full-width brackets
    ['地区生产总值增速(%)', 'A1'], // unit in half-width brackets
    ['实际使用外资（亿美元）', 'A2'],
    ['A1 地区生产总值增速', 'A1'], // code and name
    ['A1、地区生产总值增速', 'A1'],
    ['A1：地区生产总值增速', 'A1'],
    ['A1-地区生产总值增速', 'A1'],
    ['A2 实际使用外资（亿美元）', 'A2'], // code, name and unit
    ['1.1 重点工作', '1.1'], // a dotted code keeps its dot
    ['经济发展', 'A'], // internal nodes are found too; callers decide what to do with them
  ])('finds %j as %s', (text, code) => {
    expect(m.match(text)?.code).toBe(code);
  });

  it.each(['', '  ', '地区生产总值', 'A9', 'Z9 地区生产总值增速', '（%）'])(
    'finds nothing for %j',
    (text) => {
      expect(m.match(text)).toBeNull();
    },
  );

  it('keeps the first of two indicators with the same name', () => {
    const dup = createIndicatorMatcher([
      leaf('B1', 'rating', { QS: 10 }, { name: '满意度' }),
      leaf('B2', 'satisfaction', { QS: 10 }, { name: '满意度' }),
    ]);
    expect(dup.match('满意度')?.code).toBe('B1');
  });
});

describe('createGroupMatcher', () => {
  const m = createGroupMatcher([
    { code: 'LD', name: '市级领导', weight: 0.4 },
    { code: 'BM', name: '部门互评', weight: 0.6 },
  ]);

  it.each<[text: string, code: string]>([
    ['LD', 'LD'],
    ['ld', 'LD'],
    ['ＢＭ', 'BM'],
    ['市级领导', 'LD'],
    [' 部门 互评 ', 'BM'],
  ])('finds %j as %s', (text, code) => {
    expect(m.match(text)?.code).toBe(code);
  });

  it.each(['', '群众', 'L'])('finds nothing for %j', (text) => {
    expect(m.match(text)).toBeNull();
  });
});

describe('createMatchers', () => {
  it('builds the three matchers of a scheme', () => {
    const s = scheme({
      indicators: [leaf('A1', 'efficacy', { C: 100 }, { name: '增速' })],
      targets: [target('T1', '甲单位', ['甲'])],
      groups: [{ code: 'LD', name: '市级领导', weight: 1 }],
    });
    const m = createMatchers(s);
    expect(m.targets.match('甲')?.target.code).toBe('T1');
    expect(m.indicators.match('增速')?.code).toBe('A1');
    expect(m.groups.match('市级领导')?.code).toBe('LD');
  });
});
