/**
 * Cases found by review, each once wrong: kept so they stay right. Expected values are by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../../shared/domain/scheme';
import { compute } from '../../../shared/engine/compute';
import { toResultJson } from '../../../shared/engine/result-json';
import { codesOf, entryOf, scoreOf, targetOf } from '../../helpers/result';
import { column, counts, data, item, leaf, node, rating, scheme, targets, value } from '../../helpers/scheme';

describe('equal rates score equally despite binary noise', () => {
  it('gives every unit that grew exactly 10 % the same growth score', () => {
    // 1.1/1 − 1 = 0.10000000000000009 and 3.3/3 − 1 = 0.09999999999999994 in binary
    const r = compute({
      scheme: scheme({
        indicators: [leaf('G', 'growth', { C: 20 }), leaf('B', 'direct', { C: 80 })],
        targets: targets('C', 4),
      }),
      data: data({
        values: [
          value('T1', 'G', 1.1, { baseline: 1 }),
          value('T2', 'G', 3.3, { baseline: 3 }),
          value('T3', 'G', 110, { baseline: 100 }),
          value('T4', 'G', 5.5, { baseline: 5 }),
          ...column('B', [70, 70, 70, 70]),
        ],
      }),
      previous: null,
    });
    expect([1, 2, 3, 4].map((i) => scoreOf(r, `T${i}`, 'G'))).toEqual([1, 1, 1, 1]);
    expect(r.groups[0]?.entries.map((e) => e.total)).toEqual([90, 90, 90, 90]);
  });

  it('gives every unit at exactly 60 % satisfaction the same relative score', () => {
    const r = compute({
      scheme: scheme({
        indicators: [leaf('S', 'satisfaction', { C: 100 }, { params: { relative: 'true' } })],
        targets: targets('C', 3),
      }),
      data: data({
        surveys: [
          { target: 'T1', indicator: 'S', counts: counts(0, 0, 1, 0) }, // 0.6 / 1
          { target: 'T2', indicator: 'S', counts: counts(3, 0, 4, 2) }, // (3 + 2.4) / 9
          { target: 'T3', indicator: 'S', counts: counts(3, 0, 9, 2) }, // (3 + 5.4) / 14
        ],
      }),
      previous: null,
    });
    expect([1, 2, 3].map((i) => scoreOf(r, `T${i}`, 'S'))).toEqual([1, 1, 1]);
  });
});

describe('tie-breakers compare the subtotals that are printed', () => {
  const sch = (tieBreakers: string[]): Scheme =>
    scheme({
      indicators: [
        node('A', '经济发展'),
        leaf('A1', 'direct', { C: 40 }, { parent: 'A' }),
        leaf('AB', 'bonus', { C: 2 }, { parent: 'A' }),
        leaf('B1', 'direct', { C: 60 }),
        leaf('F', 'deduction', { C: 5 }),
      ],
      targets: targets('C', 2),
      rules: { tieBreakers },
    });

  it('leaves a bonus under the node out of the node’s subtotal', () => {
    // T1: A1 30; T2: A1 29 + bonus 1 — both 90, printed A is 30 against 29
    const r = compute({
      scheme: sch(['A']),
      data: data({
        values: [...column('A1', [30, 29]), ...column('B1', [60, 60])],
        items: [item('T2', 'AB', 1)],
      }),
      previous: null,
    });
    expect(targetOf(r, 'T1').subtotals.A).toBe(30);
    expect(targetOf(r, 'T2').subtotals.A).toBe(29);
    expect([entryOf(r, 'T1').rank, entryOf(r, 'T2').rank]).toEqual([1, 2]);
  });

  it('ranks the unit with less deduction first when a deduction leaf breaks ties', () => {
    // T1: 92 − 2; T2: 91 − 1; both 90
    const r = compute({
      scheme: sch(['F']),
      data: data({
        values: [...column('A1', [32, 31]), ...column('B1', [60, 60])],
        items: [item('T1', 'F', 2), item('T2', 'F', 1)],
      }),
      previous: null,
    });
    expect([entryOf(r, 'T1').rank, entryOf(r, 'T2').rank]).toEqual([2, 1]);
  });
});

describe('bad data comes back as issues, never as a crash', () => {
  it('refuses a direct leaf worth 0 without maxRaw', () => {
    const r = compute({
      scheme: scheme({
        indicators: [leaf('A', 'direct', { C: 100, D: 100 }), leaf('Z', 'direct', { C: 0 })],
        categories: [
          { code: 'C', name: 'C' },
          { code: 'D', name: 'D' },
        ],
        targets: targets('C', 2),
      }),
      data: data({ values: [...column('A', [50, 60]), ...column('Z', [0, 0])] }),
      previous: null,
    });
    expect(r.issues.find((i) => i.code === 'BAD_PARAM')?.ref).toBe('weight:Z@C');
  });

  it('reports NaN and Infinity in data without using them', () => {
    const r = compute({
      scheme: scheme({ indicators: [leaf('E', 'efficacy', { C: 100 })], targets: targets('C', 3) }),
      data: data({ values: [value('T1', 'E', NaN), value('T2', 'E', Infinity), value('T3', 'E', 5)] }),
      previous: null,
    });
    expect(codesOf(r, 'error')).toEqual(['BAD_NUMBER', 'BAD_NUMBER', 'MISSING_VALUE', 'MISSING_VALUE']);
    expect(scoreOf(r, 'T3', 'E')).toBe(1);
  });

  it('reports a NaN weight in the scheme instead of failing to hash it', () => {
    const r = compute({
      scheme: scheme({ indicators: [leaf('A', 'direct', { C: NaN })], targets: targets('C', 1) }),
      data: data({}),
      previous: null,
    });
    expect(codesOf(r, 'error')).toContain('BAD_WEIGHT');
    expect(r.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['precision', 12],
    ['trimMin', 2],
    ['bottomN', 1.5],
    ['excellentQuota', 1.2],
  ] as const)('refuses the rule %s = %d', (key, v) => {
    const s = scheme({ indicators: [leaf('A', 'direct', { C: 100 })], targets: targets('C', 1) });
    (s.rules as unknown as Record<string, unknown>)[key] = v;
    const r = compute({ scheme: s, data: data({}), previous: null });
    expect(r.issues.find((i) => i.code === 'BAD_RULE')?.ref).toBe(`rule:${key}`);
  });
});

describe('the same input gives the same bytes', () => {
  it('points a bad grade at the same place whatever order the rows came in', () => {
    const s = scheme({
      indicators: [leaf('R1', 'rating', { C: 100 })],
      targets: targets('C', 2),
      groups: [{ code: 'LD', name: '市级领导', weight: 1 }],
    });
    const rows = [rating('T2', 'R1', 'LD', '很好'), rating('T1', 'R1', 'LD', '很好')];
    const a = compute({ scheme: s, data: data({ ratings: rows }), previous: null });
    const b = compute({ scheme: s, data: data({ ratings: [...rows].reverse() }), previous: null });
    expect(a.issues.find((i) => i.code === 'BAD_GRADE')?.ref).toBe('T1/R1');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('lays items out the same whatever key order the caller built them in', () => {
    const s = scheme({
      indicators: [leaf('A', 'direct', { C: 100 }), leaf('E', 'bonus', { C: 3 })],
      targets: targets('C', 1),
    });
    const values = column('A', [80]);
    const a = compute({
      scheme: s,
      data: data({
        values,
        items: [{ target: 'T1', indicator: 'E', points: 1, reason: '表彰', docNo: '1号' }],
      }),
      previous: null,
    });
    const b = compute({
      scheme: s,
      data: data({
        values,
        items: [{ docNo: '1号', reason: '表彰', points: 1, indicator: 'E', target: 'T1' }],
      }),
      previous: null,
    });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('reports two different previous ranks for one target and keeps the same one either way', () => {
    const s = scheme({ indicators: [leaf('A', 'direct', { C: 100 })], targets: targets('C', 2) });
    const ranks = [
      { group: 'C', target: 'T1', rank: 2 },
      { group: 'C', target: 'T1', rank: 1 },
    ];
    const run = (rs: typeof ranks) =>
      compute({
        scheme: s,
        data: data({ values: column('A', [90, 80]) }),
        previous: { name: '上年', ranks: rs, values: [] },
      });
    const a = run(ranks);
    expect(codesOf(a, 'error')).toEqual(['PREVIOUS_DUPLICATE']);
    expect(JSON.stringify(a)).toBe(JSON.stringify(run([...ranks].reverse())));
  });
});

describe('verdicts a reader must not miss', () => {
  it('keeps the veto visible on an exempt target, still unranked', () => {
    const s = scheme({
      indicators: [leaf('A', 'direct', { C: 100 }), leaf('G', 'veto', { C: 1 })],
      targets: targets('C', 5),
    });
    s.targets[0]!.exemptReason = '新组建';
    const r = compute({
      scheme: s,
      data: data({ values: column('A', [90, 80, 70, 60, 50]), items: [item('T1', 'G', null)] }),
      previous: null,
    });
    expect(entryOf(r, 'T1')).toMatchObject({ rank: null, grade: null, flags: ['veto', 'exempt'] });
  });

  it('says so when vetoes flag more than N', () => {
    const s = scheme({
      indicators: [leaf('A', 'direct', { C: 100 }), leaf('G', 'veto', { C: 1 })],
      targets: targets('C', 6),
    });
    const r = compute({
      scheme: { ...s, rules: { ...s.rules, vetoToBottom: false } },
      data: data({ values: column('A', [90, 80, 70, 60, 50, 40]), items: [item('T1', 'G', null)] }),
      previous: null,
    });
    expect(r.groups[0]?.flaggedBottom).toBe(4);
    expect(r.issues.find((i) => i.code === 'BOTTOM_VETO_EXTENDED')?.message).toContain('末位共 4 个');
  });

  it('explains a unit at or above the median everywhere by its losses against full points', () => {
    const r = compute({
      scheme: scheme({
        indicators: [leaf('A', 'direct', { C: 60 }), leaf('B', 'direct', { C: 40 })],
        targets: targets('C', 3),
      }),
      data: data({ values: [...column('A', [55, 50, 40]), ...column('B', [30, 30, 20])] }),
      previous: null,
    });
    // T1 is at or above the median on both; it lost 5 of 60 on A and 10 of 40 on B
    expect(targetOf(r, 'T1').topLosses).toEqual(['B', 'A']);
  });

  it('reads a rating written as 85% as 85 points', () => {
    const r = compute({
      scheme: scheme({
        indicators: [leaf('R', 'rating', { C: 100 })],
        targets: targets('C', 1),
        groups: [{ code: 'LD', name: '领导', weight: 1 }],
      }),
      data: data({ ratings: [rating('T1', 'R', 'LD', '85%')] }),
      previous: null,
    });
    expect(toResultJson(r).groups[0]?.results[0]?.total).toBe(85);
  });
});
