import { describe, expect, it } from 'vitest';
import {
  addIndicator,
  categorySums,
  describeRef,
  moveIndicator,
  nextCode,
  removeIndicator,
  reparentIndicator,
  treeOrder,
} from '../../../shared/domain/scheme-edit';
import { IMPORT_SCHEME as SCHEME } from '../../helpers/import-scheme';

const codes = (s: typeof SCHEME) => treeOrder(s).map((i) => `${i.parent ?? '·'}>${i.code}`);

describe('editing the indicator tree', () => {
  it('adds a leaf under a node after its last child, with the next free code', () => {
    expect(nextCode(SCHEME, 'A')).toBe('A01');
    const { scheme, code } = addIndicator(SCHEME, 'A', '营商环境');
    expect(code).toBe('A01');
    expect(codes(scheme).slice(0, 9)).toEqual([
      '·>A',
      'A>A1',
      'A>A2',
      'A>A3',
      'A>A4',
      'A>A5',
      'A>A6',
      'A>A7',
      'A>A01',
    ]);
    expect(scheme.indicators.find((i) => i.code === 'A01')).toMatchObject({ method: 'direct', weights: {} });
  });

  it('turns a leaf that gets a child into a node without a method', () => {
    const { scheme } = addIndicator(SCHEME, 'B1');
    expect(scheme.indicators.find((i) => i.code === 'B1')?.method).toBeNull();
  });

  it('removes a node with its subtree, and its tie-breaker', () => {
    const s = { ...SCHEME, rules: { ...SCHEME.rules, tieBreakers: ['A', 'B1'] } };
    const r = removeIndicator(s, 'A');
    expect(r.indicators.map((i) => i.code)).toEqual(['B1', 'B2', 'B4', 'D1', 'D2', 'D3']);
    expect(r.rules.tieBreakers).toEqual(['B1']);
  });

  it('moves among siblings and refuses to put a node under its own child', () => {
    expect(codes(moveIndicator(SCHEME, 'A2', -1)).slice(1, 3)).toEqual(['A>A2', 'A>A1']);
    expect(moveIndicator(SCHEME, 'A1', -1)).toBe(SCHEME);
    const { scheme } = addIndicator(SCHEME, 'A1');
    expect(reparentIndicator(scheme, 'A', 'A101')).toBe(scheme);
    expect(reparentIndicator(SCHEME, 'B1', 'A').indicators.find((i) => i.code === 'B1')?.parent).toBe('A');
  });
});

describe('the weight matrix', () => {
  it('sums the weighted leaves of each category against the full score', () => {
    // QS: A1 30 + A2 20 + A3 10 + A4 10 + A5 10 + A6 10 + A7 5 + B1 10 + B2 10 + B4 5 = 120; items do not count
    expect(categorySums(SCHEME).get('QS')).toEqual({ sum: 120, ok: false });
    // JJ: 20 + 30 + 10 + 10 + 20 + 5 + 10 + 10 = 115
    expect(categorySums(SCHEME).get('JJ')).toEqual({ sum: 115, ok: false });
  });

  it('names what a problem points at in the editor’s words', () => {
    expect(describeRef(SCHEME, 'weight:A1@QS')).toEqual({
      tab: 'weights',
      text: '权重 地区生产总值增速 / 区市',
    });
    expect(describeRef(SCHEME, 'target:JJ01')).toEqual({ tab: 'targets', text: '对象 发展改革委' });
  });
});
