import { describe, expect, it } from 'vitest';
import { directionOf, methodOf, parseMethodParams, parseParamText } from '../../../shared/domain/method';
import { formatRuleValue, parseRuleValue, ruleKeyOf, defaultRules } from '../../../shared/domain/rules';
import type { RuleKey } from '../../../shared/domain/rules';
import { parseNumberText, splitList, toHalfWidth } from '../../../shared/domain/text';

describe('parseNumberText', () => {
  it.each([
    ['95', 95],
    ['９５', 95],
    ['９５．５', 95.5],
    ['1,234.5', 1234.5],
    ['１，２３４', 1234],
    ['95%', 0.95],
    ['12.5％', 0.125],
    ['\u00a0 88 ', 88],
    ['-3.2', -3.2],
    ['－３．２', -3.2],
    ['1e3', 1000],
    ['.5', 0.5],
    ['3‰', 0.003],
  ])('reads %j as %d', (text, want) => {
    expect(parseNumberText(text)).toBe(want);
  });
  it.each(['', '—', '无', 'abc', '1,23', '12a', '1.2.3', '%'])('refuses %j', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });
});

describe('text helpers', () => {
  it('converts full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＢ１２＝；　x')).toBe('AB12=; x');
  });
  it('splits lists on every separator people use', () => {
    expect(splitList('发改委、发展改革委; 市发改委，发改')).toEqual([
      '发改委',
      '发展改革委',
      '市发改委',
      '发改',
    ]);
  });
});

describe('methods and directions', () => {
  it('names methods by key or Chinese name', () => {
    expect(methodOf('功效系数法')).toBe('efficacy');
    expect(methodOf('Efficacy')).toBe('efficacy');
    expect(methodOf('民主测评')).toBe('rating');
    expect(methodOf('一票否决')).toBe('veto');
    expect(methodOf('随便')).toBeNull();
  });
  it('reads directions', () => {
    expect(directionOf('正向')).toBe('+');
    expect(directionOf('')).toBe('+');
    expect(directionOf('逆向')).toBe('-');
    expect(directionOf('－')).toBe('-');
    expect(directionOf('横向')).toBeNull();
  });
});

describe('parameters', () => {
  it('splits key=value pairs with full-width separators and Chinese keys', () => {
    expect(parseParamText('base＝0.6；cap=1.2')).toEqual({ ok: true, value: { base: '0.6', cap: '1.2' } });
    expect(parseParamText('基础分=0.5, 缺失=同类平均')).toEqual({
      ok: true,
      value: { base: '0.5', missing: '同类平均' },
    });
    expect(parseParamText('')).toEqual({ ok: true, value: {} });
  });
  it('refuses unknown keys, duplicates and pairs without =', () => {
    expect(parseParamText('foo=1').ok).toBe(false);
    expect(parseParamText('base=1; base=2').ok).toBe(false);
    expect(parseParamText('base 0.6').ok).toBe(false);
  });
  it('types parameters and fills defaults', () => {
    const r = parseMethodParams('threshold', '+', { bounds: '1|0.9|0.8', scores: '1|0.85|0.7', else: '0.5' });
    expect(r).toEqual({
      ok: true,
      value: {
        method: 'threshold',
        missing: 'error',
        bounds: [1, 0.9, 0.8],
        scores: [1, 0.85, 0.7],
        else: 0.5,
      },
    });
    expect(parseMethodParams('efficacy', '+', {})).toEqual({
      ok: true,
      value: { method: 'efficacy', missing: 'error', base: 0.6, satisfactory: null, unacceptable: null },
    });
    expect(parseMethodParams('satisfaction', '+', { missing: '同类平均' })).toMatchObject({
      ok: true,
      value: { missing: 'peerMean', levelWeights: [1, 1, 0.6, 0] },
    });
  });
  it.each([
    ['efficacy', '+', { base: '1.2' }, 'base'],
    ['efficacy', '+', { satisfactory: '10' }, '同时给出'],
    ['efficacy', '-', { satisfactory: '10', unacceptable: '2' }, '应小于'],
    ['threshold', '+', { bounds: '0.8|0.9', scores: '0.7|1' }, '从高到低'],
    ['threshold', '+', { bounds: '1|0.9', scores: '1' }, '一一对应'],
    ['threshold', '+', {}, '须给出'],
    ['targetRatio', '+', { cap: '0.5' }, 'cap'],
    ['satisfaction', '+', { levelWeights: '1|1|0.6' }, '4 个'],
    ['rating', '+', { base: '0.6' }, '不适用'],
    ['bonus', '+', { cap: '3' }, '不需要参数'],
    ['direct', '+', { missing: 'maybe' }, 'missing'],
  ] as const)('refuses %s with %j', (method, dir, raw, fragment) => {
    const r = parseMethodParams(method, dir, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});

describe('rules', () => {
  it('finds rule keys by English key or Chinese name', () => {
    expect(ruleKeyOf('bottomN')).toBe('bottomN');
    expect(ruleKeyOf('BOTTOMN')).toBe('bottomN');
    expect(ruleKeyOf('末位个数')).toBe('bottomN');
    expect(ruleKeyOf('优秀比例')).toBe('excellentQuota');
    expect(ruleKeyOf('不存在')).toBeNull();
  });
  it('parses values', () => {
    expect(parseRuleValue('excellentQuota', '20%')).toEqual({ ok: true, value: 0.2 });
    expect(parseRuleValue('excellentQuota', '20')).toEqual({ ok: true, value: 0.2 });
    expect(parseRuleValue('excellentQuota', '0.15')).toEqual({ ok: true, value: 0.15 });
    expect(parseRuleValue('vetoToBottom', '否')).toEqual({ ok: true, value: false });
    expect(parseRuleValue('bottomTies', '严格')).toEqual({ ok: true, value: 'strict' });
    expect(parseRuleValue('gradePoints', '优秀＝100，良好=85; 一般=70、较差=50')).toEqual({
      ok: true,
      value: { 优秀: 100, 良好: 85, 一般: 70, 较差: 50 },
    });
    expect(parseRuleValue('combinedGroups', 'SZ=市直部门:JJ|SH|DQ')).toEqual({
      ok: true,
      value: [{ code: 'SZ', name: '市直部门', categories: ['JJ', 'SH', 'DQ'] }],
    });
    expect(parseRuleValue('excellentMin', '无')).toEqual({ ok: true, value: null });
  });
  it.each([
    ['bottomN', '三'],
    ['bottomN', '2.5'],
    ['precision', '9'],
    ['fullScore', '0'],
    ['excellentQuota', '150%'],
    ['gradePoints', '优秀'],
    ['gradePoints', '优秀=120'],
    ['bottomGrade', '中等'],
    ['trimMin', '2'],
  ] as const)('refuses %s = %j', (key, text) => {
    expect(parseRuleValue(key, text).ok).toBe(false);
  });
  it('round-trips every default through its text form', () => {
    const rules = defaultRules();
    rules.combinedGroups = [{ code: 'SZ', name: '市直部门', categories: ['JJ', 'SH'] }];
    rules.tieBreakers = ['A', 'B'];
    for (const key of Object.keys(rules) as RuleKey[]) {
      expect(parseRuleValue(key, formatRuleValue(key, rules[key]))).toEqual({ ok: true, value: rules[key] });
    }
  });
});
