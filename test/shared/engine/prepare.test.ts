import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../../shared/domain/scheme';
import { prepareScheme } from '../../../shared/engine/prepare';
import { leaf, node, scheme, targets } from '../../helpers/scheme';

const problems = (s: Scheme) => prepareScheme(s).issues.map((i) => [i.code, i.ref]);

const good = () =>
  scheme({
    indicators: [
      node('A', '经济发展'),
      leaf('A1', 'efficacy', { C: 60 }, { parent: 'A' }),
      leaf('A2', 'direct', { C: 40 }, { parent: 'A' }),
      leaf('E', 'bonus', { C: 3 }),
      leaf('G', 'veto', { C: 1 }),
    ],
    targets: targets('C', 4),
  });

describe('prepareScheme', () => {
  it('accepts a sound scheme and lays out the tree', () => {
    const { prepared, issues } = prepareScheme(good());
    expect(issues).toEqual([]);
    expect(prepared?.leaves.map((l) => [l.indicator.code, l.top, l.ancestors])).toEqual([
      ['A1', 'A', ['A']],
      ['A2', 'A', ['A']],
      ['E', 'E', []],
      ['G', 'G', []],
    ]);
    expect(prepared?.topNodes.map((n) => n.code)).toEqual(['A']); // bonus and veto carry no subtotal
  });

  it('checks each category’s weights against the full score, bonus and veto excluded', () => {
    const s = good();
    s.indicators[1] = leaf('A1', 'efficacy', { C: 58 }, { parent: 'A' });
    const issue = prepareScheme(s).issues.find((i) => i.code === 'WEIGHT_SUM');
    expect(issue?.ref).toBe('category:C');
    expect(issue?.message).toContain('合计为 98');
  });

  it('tolerates binary noise in the sum (33.3 + 33.3 + 33.4)', () => {
    const s = scheme({
      indicators: [
        leaf('X', 'direct', { C: 33.3 }),
        leaf('Y', 'direct', { C: 33.3 }),
        leaf('Z', 'direct', { C: 33.4 }),
      ],
      targets: targets('C', 1),
    });
    expect(problems(s)).toEqual([]);
  });

  it('reports a missing parent, a duplicate code, a cycle, a method on an internal node and a leaf without one', () => {
    const s = good();
    s.indicators.push(leaf('A3', 'direct', { C: 0 }, { parent: 'Q' }));
    s.indicators.push(leaf('A1', 'direct', {}));
    s.indicators.push({ ...node('X', '循环'), parent: 'Y' }, { ...node('Y', '循环'), parent: 'X' });
    s.indicators.push({ ...node('B', '无方法') });
    s.indicators.push({ ...leaf('B1', 'direct', {}, { parent: 'A1' }) });
    expect(problems(s)).toEqual(
      expect.arrayContaining([
        ['PARENT_MISSING', 'indicator:A3'],
        ['DUPLICATE_CODE', 'indicator:A1'],
        ['PARENT_CYCLE', 'indicator:X'],
        ['METHOD_MISSING', 'indicator:B'],
        ['METHOD_ON_INTERNAL', 'indicator:A1'],
      ]),
    );
    expect(prepareScheme(s).prepared).toBeNull();
  });

  it('reports a bad parameter with what is expected', () => {
    const s = good();
    s.indicators[1] = leaf('A1', 'efficacy', { C: 60 }, { parent: 'A', params: { base: '1.5' } });
    const issue = prepareScheme(s).issues.find((i) => i.code === 'BAD_PARAM');
    expect(issue?.ref).toBe('indicator:A1');
    expect(issue?.message).toContain('基础分（base）填的“1.5”不正确');
  });

  it('warns, without refusing, when evaluator group weights do not add up to 1 (0.4 + 0.3 + 0.2 + 0.2 = 1.1)', () => {
    const s = good();
    s.groups = [
      { code: 'LD', name: '市级领导', weight: 0.4 },
      { code: 'BM', name: '部门互评', weight: 0.3 },
      { code: 'FW', name: '服务对象', weight: 0.2 },
      { code: 'DB', name: '两代表一委员', weight: 0.2 },
    ];
    const r = prepareScheme(s);
    const w = r.issues.find((i) => i.code === 'GROUP_WEIGHTS_SUM');
    expect(w).toMatchObject({ level: 'warning', ref: 'group:LD' });
    expect(w?.message).toContain('合计 1.1，不等于 1');
    expect(r.prepared).not.toBeNull();
    s.groups[3]!.weight = 0.1;
    expect(prepareScheme(s).issues.some((i) => i.code === 'GROUP_WEIGHTS_SUM')).toBe(false);
  });

  it('reports unknown categories in targets and weights, and duplicate target codes', () => {
    const s = good();
    s.targets.push({ ...targets('Z', 1)[0]!, code: 'T9' }, { ...targets('C', 1)[0]! });
    s.indicators[2] = leaf('A2', 'direct', { C: 40, Q: 5 }, { parent: 'A' });
    expect(problems(s)).toEqual(
      expect.arrayContaining([
        ['UNKNOWN_CATEGORY', 'target:T9'],
        ['UNKNOWN_CATEGORY', 'weight:A2@Q'],
        ['DUPLICATE_CODE', 'target:T1'],
      ]),
    );
  });

  it('refuses an alias that two targets share', () => {
    const s = good();
    s.targets[0]!.aliases = ['发改委'];
    s.targets[1]!.aliases = ['发改委'];
    expect(problems(s)).toContainEqual(['AMBIGUOUS_NAME', 'target:T2']);
  });

  it('checks an internal node’s written weight against its leaves', () => {
    const s = good();
    s.indicators[0] = { ...node('A', '经济发展'), weights: { C: 90 } };
    expect(problems(s)).toContainEqual(['NODE_WEIGHT_MISMATCH', 'weight:A@C']);
    s.indicators[0] = { ...node('A', '经济发展'), weights: { C: 100 } };
    expect(problems(s)).toEqual([]);
  });

  it('needs evaluator groups for rating leaves and known codes in rules', () => {
    const s = good();
    s.indicators[2] = leaf('A2', 'rating', { C: 40 }, { parent: 'A', params: { groups: 'LD' } });
    s.rules.tieBreakers = ['Q'];
    s.rules.combinedGroups = [{ code: 'SZ', name: '市直', categories: ['C', 'Z'] }];
    expect(problems(s)).toEqual(
      expect.arrayContaining([
        ['NO_GROUPS', 'indicator:A2'],
        ['UNKNOWN_GROUP', 'indicator:A2'],
        ['UNKNOWN_INDICATOR', 'rule:tieBreakers'],
        ['UNKNOWN_CATEGORY', 'rule:combinedGroups'],
      ]),
    );
  });

  it('warns about a category without targets', () => {
    const s = good();
    s.categories.push({ code: 'D', name: '空类别' });
    s.indicators[1] = leaf('A1', 'efficacy', { C: 60, D: 100 }, { parent: 'A' });
    const { issues, prepared } = prepareScheme(s);
    expect(issues.map((i) => [i.level, i.code])).toEqual([['warning', 'EMPTY_CATEGORY']]);
    expect(prepared).not.toBeNull();
  });
});
