import { describe, expect, it } from 'vitest';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../../../shared/domain/data';
import { createRowHasher, Digest, digestPreviousValues, digestRows } from '../../../shared/engine/digest';
import { rng, shuffle } from '../../helpers/random';

const value = (o: Partial<ValueRow> = {}): ValueRow => ({
  target: 'T1',
  indicator: 'A1',
  value: 12.5,
  targetValue: null,
  baseline: 10,
  ...o,
});
const rating = (o: Partial<RatingRow> = {}): RatingRow => ({
  evaluator: '张三',
  evaluatorTarget: null,
  group: 'LD',
  target: 'T1',
  indicator: 'R1',
  grade: '优秀',
  ...o,
});
const survey = (o: Partial<SurveyRow> = {}): SurveyRow => ({
  target: 'T1',
  indicator: 'S1',
  counts: { verySatisfied: 10, satisfied: 5, basic: 2, dissatisfied: 1, unknown: 0 },
  ...o,
});
const item = (o: Partial<ItemRow> = {}): ItemRow => ({
  target: 'T1',
  indicator: 'B1',
  points: 0.5,
  reason: '获省级表彰',
  docNo: '省发〔2024〕1号',
  ...o,
});

const shuffled = <T>(xs: readonly T[], seed: number): T[] => shuffle(xs, rng(seed));

const many = () => {
  const values: ValueRow[] = [];
  const ratings: RatingRow[] = [];
  for (let t = 0; t < 30; t++) {
    values.push(value({ target: `T${t}`, value: t * 1.5 }));
    for (const g of ['LD', 'BM'])
      for (let e = 0; e < 5; e++)
        ratings.push(
          rating({ target: `T${t}`, group: g, evaluator: `评价人${e}`, grade: e % 2 ? '良好' : 85 }),
        );
  }
  return { values, ratings, surveys: [survey()], items: [item(), item({ reason: '另一事项' })] };
};

describe('the digest of data rows', () => {
  it('does not depend on the order rows come in', () => {
    const rows = many();
    const a = digestRows(rows).hex();
    for (const seed of [1, 2, 3])
      expect(
        digestRows({
          values: shuffled(rows.values, seed),
          ratings: shuffled(rows.ratings, seed + 10),
          surveys: rows.surveys,
          items: shuffled(rows.items, seed),
        }).hex(),
      ).toBe(a);
  });

  it('is the sum of the digests of any split into batches, and taking a batch away subtracts it', () => {
    const rows = many();
    const whole = digestRows(rows);
    const first = digestRows({ values: rows.values, ratings: rows.ratings.slice(0, 100) });
    const second = digestRows({ ratings: rows.ratings.slice(100), surveys: rows.surveys, items: rows.items });
    expect(first.copy().add(second).hex()).toBe(whole.hex());
    expect(whole.copy().sub(second).hex()).toBe(first.hex());
    expect(whole.copy().sub(whole).hex()).toBe('0'.repeat(32));
  });

  it('counts a row given twice twice (a multiset, not a set)', () => {
    expect(digestRows({ values: [value(), value()] }).hex()).not.toBe(
      digestRows({ values: [value()] }).hex(),
    );
    expect(digestRows({ values: [value(), value()] }).hex()).toBe(
      digestRows({ values: [value()] })
        .add(digestRows({ values: [value()] }))
        .hex(),
    );
  });

  it('changes with every field of every kind of row', () => {
    const h = createRowHasher();
    const one = <R>(f: (d: Digest, r: R) => void, r: R) => {
      const d = Digest.zero();
      f(d, r);
      return d.hex();
    };
    const variants: [string, string][] = [
      [one(h.value, value()), one(h.value, value({ target: 'T2' }))],
      [one(h.value, value()), one(h.value, value({ indicator: 'A2' }))],
      [one(h.value, value()), one(h.value, value({ value: 12.500000000000002 }))],
      [one(h.value, value()), one(h.value, value({ targetValue: 12.5 }))],
      [one(h.value, value()), one(h.value, value({ baseline: null }))],
      // the same number in another field is another row
      [
        one(h.value, value({ value: 1, targetValue: null })),
        one(h.value, value({ value: null, targetValue: 1 })),
      ],
      [one(h.rating, rating()), one(h.rating, rating({ evaluator: '张 三' }))],
      [one(h.rating, rating()), one(h.rating, rating({ evaluatorTarget: 'T9' }))],
      [one(h.rating, rating()), one(h.rating, rating({ group: 'BM' }))],
      [one(h.rating, rating({ grade: 85 })), one(h.rating, rating({ grade: '85' }))],
      [one(h.rating, rating({ grade: null })), one(h.rating, rating({ grade: '' }))],
      [one(h.rating, rating({ evaluator: '' })), one(h.rating, rating({ evaluator: '', grade: null }))],
      [one(h.survey, survey()), one(h.survey, survey({ counts: { ...survey().counts, unknown: 1 } }))],
      [
        one(h.survey, survey()),
        one(h.survey, survey({ counts: { ...survey().counts, verySatisfied: 5, satisfied: 10 } })),
      ],
      [one(h.item, item()), one(h.item, item({ points: 1 }))],
      [one(h.item, item()), one(h.item, item({ reason: '获省级表彰 ' }))],
      [one(h.item, item()), one(h.item, item({ docNo: '' }))],
      // fields do not run into each other
      [one(h.item, item({ reason: 'ab', docNo: 'c' })), one(h.item, item({ reason: 'a', docNo: 'bc' }))],
      // a value row and an item row with the same codes and number
      [
        one(h.value, value({ indicator: 'X', value: 1, targetValue: null, baseline: null })),
        one(h.item, item({ indicator: 'X', points: 1 })),
      ],
    ];
    for (const [a, b] of variants) expect(a).not.toBe(b);
  });

  it('treats −0 as 0 and every NaN alike, and texts longer than a block in full', () => {
    const h = createRowHasher();
    const one = (r: ValueRow) => {
      const d = Digest.zero();
      h.value(d, r);
      return d.hex();
    };
    expect(one(value({ value: -0 }))).toBe(one(value({ value: 0 })));
    expect(one(value({ value: NaN }))).toBe(one(value({ value: 0 / 0 })));
    const long = '某某市某某区人民政府办公室综合科';
    expect(one(value({ target: long }))).not.toBe(one(value({ target: `${long}甲` })));
    expect(one(value({ target: `${long}\u0000` }))).not.toBe(one(value({ target: long })));
  });

  it('gives the same digest from a fresh hasher and from one that has seen the texts', () => {
    const rows = many();
    const h = createRowHasher();
    digestRows(rows, h);
    expect(digestRows(rows, h).hex()).toBe(digestRows(rows).hex());
  });

  it('reads back from its hex, and carries across all four lanes', () => {
    const d = Digest.fromHex('00000000ffffffffffffffffffffffff');
    expect(d.copy().add(Digest.fromHex('00000000000000000000000000000001')).hex()).toBe(
      '00000001000000000000000000000000',
    );
    expect(Digest.zero().sub(Digest.fromHex('00000000000000000000000000000001')).hex()).toBe('f'.repeat(32));
    expect(() => Digest.fromHex('xyz')).toThrow(RangeError);
    const rows = many();
    expect(Digest.fromHex(digestRows(rows).hex()).equals(digestRows(rows))).toBe(true);
  });

  it('keeps the previous cycle’s values apart from this cycle’s', () => {
    const v = { target: 'T1', indicator: 'A1', value: 3 };
    expect(digestPreviousValues([v]).hex()).not.toBe(
      digestRows({ values: [value({ value: 3, targetValue: null, baseline: null })] }).hex(),
    );
    expect(digestPreviousValues([v, { ...v, target: 'T2' }]).hex()).toBe(
      digestPreviousValues([{ ...v, target: 'T2' }, v]).hex(),
    );
  });
});
