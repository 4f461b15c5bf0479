import { describe, expect, it } from 'vitest';
import type { GroupEntry } from '../../../shared/domain/result';
import type { Rules } from '../../../shared/domain/rules';
import { compute } from '../../../shared/engine/compute';
import {
  bottomLabel,
  bottomNotes,
  chineseDate,
  flagsText,
  rankChangeText,
  rankingHeader,
  rankingTable,
} from '../../../shared/report/format';
import { column, data, item, leaf, node, scheme, targets } from '../../helpers/scheme';

const entry = (rankChange: number | null, isNew = false): GroupEntry => ({
  code: 'T1',
  name: '单位',
  total: 80,
  rank: 1,
  grade: null,
  flags: [],
  previousRank: null,
  rankChange,
  isNew,
  gapToSafety: null,
});

describe('words of a printed ranking', () => {
  it.each([
    [3, false, '↑3'],
    [-5, false, '↓5'],
    [0, false, '持平'],
    [null, true, '新'],
    [null, false, '—'],
  ])('rank change %j (new: %j) reads %s', (change, isNew, text) => {
    expect(rankChangeText(entry(change, isNew))).toBe(text);
  });

  it('says 末三位 for N = 3 and lists flags in Chinese', () => {
    expect(bottomLabel(3)).toBe('末三位');
    expect(bottomLabel(12)).toBe('末12位');
    expect(flagsText(['bottomN', 'veto', 'bigFall'], 3)).toBe('末三位、一票否决、退步较大');
  });

  it('writes a date as an official document does', () => {
    expect(chineseDate(new Date(2025, 0, 15))).toBe('2025年1月15日');
    expect(chineseDate(new Date(2024, 11, 31, 23, 59))).toBe('2024年12月31日');
  });
});

/** T1…Tn whose totals are the given points of B1, under 一级 B; `veto` lists vetoed targets. */
function ranked(totals: number[], opts: { rules?: Partial<Rules>; veto?: string[] } = {}) {
  return compute({
    scheme: scheme({
      indicators: [
        node('B', '工作实绩'),
        leaf('B1', 'direct', { C: 100 }, { parent: 'B' }),
        leaf('G1', 'veto', { C: 1 }),
      ],
      targets: targets('C', totals.length),
      rules: opts.rules,
    }),
    data: data({ values: column('B1', totals), items: (opts.veto ?? []).map((t) => item(t, 'G1', null)) }),
    previous: null,
  });
}

describe('a group as a table', () => {
  it('has the columns of SPEC §7 and one row per entry in rank order', () => {
    const r = ranked([70, 90, 80, 60]);
    const t = rankingTable(r, r.groups[0]!);
    expect(rankingHeader(t)).toEqual([
      '名次',
      '单位',
      '总分',
      '工作实绩',
      '加分',
      '扣分',
      '等次',
      '名次变化',
      '标记',
    ]);
    expect(t.rows.map((row) => [row.rank, row.code, row.total, row.subtotals, row.bottom])).toEqual([
      [1, 'T2', 90, [90], false],
      [2, 'T3', 80, [80], true],
      [3, 'T1', 70, [70], true],
      [4, 'T4', 60, [60], true],
    ]);
  });
});

describe('why more than N are flagged', () => {
  it('says nothing when exactly the last N are', () => {
    const r = ranked([91, 88, 86, 84, 83, 82, 80, 79, 75, 70]);
    expect(bottomNotes(r, r.groups[0]!)).toEqual([]);
  });

  it('names a tie across the boundary', () => {
    const r = ranked([91, 88, 86, 84, 83, 82, 80, 80, 75, 70]);
    expect(bottomNotes(r, r.groups[0]!)).toEqual(['注：因名次并列，末三位标记 4 个，多于 3 个。']);
  });

  it('names a vetoed unit ranked above the last N when vetoes are not put last', () => {
    const r = ranked([91, 88, 86, 84, 83, 82, 80, 79, 75, 70], {
      veto: ['T1'],
      rules: { vetoToBottom: false },
    });
    expect(r.groups[0]?.flaggedBottom).toBe(4);
    expect(bottomNotes(r, r.groups[0]!)).toEqual([
      '注：有 1 个一票否决单位名次在最后 3 位之外，也标记为末三位，共标记 4 个。',
    ]);
  });
});
