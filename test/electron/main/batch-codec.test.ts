import { describe, expect, it } from 'vitest';
import type { SourcedRows } from '../../../electron/main/repositories/batch-codec';
import { encodeBatch, joinParts, readBatch } from '../../../electron/main/repositories/batch-codec';
import type { RowBlock } from '../../../shared/domain/row-block';
import { blockOf, blockRows as batchRows, sourceAt as sourceOf } from '../../../shared/domain/row-block';
import { createRowHasher, Digest } from '../../../shared/engine/digest';

const rows: Required<SourcedRows> = {
  values: [
    { target: 'QS01', indicator: 'A1', value: 93.1, targetValue: null, baseline: 88, source: '指标数据!C5' },
    {
      target: 'QS02',
      indicator: 'A1',
      value: null,
      targetValue: 100,
      baseline: null,
      source: '指标数据!AB1048576',
    },
    { target: 'QS03', indicator: 'A1', value: -0.5, targetValue: null, baseline: null, source: '' },
  ],
  ratings: [
    {
      evaluator: '张三',
      evaluatorTarget: null,
      group: 'LD',
      target: 'QS01',
      indicator: 'R1',
      grade: '优秀',
      source: '评议!E2',
    },
    {
      evaluator: '',
      evaluatorTarget: null,
      group: 'LD',
      target: 'QS02',
      indicator: 'R1',
      grade: 85.5,
      source: '评议!E3',
    },
    {
      evaluator: '东湖区',
      evaluatorTarget: 'QS01',
      group: 'BM',
      target: 'QS02',
      indicator: 'R1',
      grade: null,
      source: 'A!B!C3',
    },
  ],
  surveys: [
    {
      target: 'QS01',
      indicator: 'S1',
      counts: { verySatisfied: 120, satisfied: 30, basic: 5, dissatisfied: 1, unknown: 0 },
      source: '满意度!A4',
    },
  ],
  items: [
    {
      target: 'QS01',
      indicator: 'B1',
      points: 0.5,
      reason: '获省级表彰',
      docNo: '省发〔2024〕1号',
      source: '加扣分!A2',
    },
    {
      target: 'QS02',
      indicator: 'V1',
      points: null,
      reason: '发生较大安全事故',
      docNo: '',
      source: 'not a cell',
    },
  ],
};

describe('a batch record', () => {
  it.each(['values', 'ratings', 'surveys', 'items'] as const)(
    'gives back every %s row and its cell, in order',
    (kind) => {
      const b = readBatch(encodeBatch(kind, rows));
      expect(b.kind).toBe(kind);
      expect(b.rows).toBe(rows[kind].length);
      expect(batchRows(b, { sources: true })[kind]).toEqual(rows[kind]);
      const bare = batchRows(b)[kind] as object[];
      expect(bare.every((r) => !('source' in r))).toBe(true);
      expect(sourceOf(b, 0)).toBe(rows[kind][0]?.source);
    },
  );

  it('holds each distinct text once', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      ...rows.ratings[0]!,
      evaluator: `评价人${i % 50}`,
      source: `评议!E${i + 2}`,
    }));
    const b = readBatch(encodeBatch('ratings', { ratings: many }));
    expect(b.texts.length).toBeLessThan(60);
    expect(batchRows(b, { sources: true }).ratings).toEqual(many);
  });

  it('reads in place from a buffer at any offset (a blob from SQLite may sit anywhere)', () => {
    const blob = Buffer.from(joinParts(encodeBatch('values', rows)));
    const shifted = Buffer.alloc(blob.length + 3);
    blob.copy(shifted, 3);
    expect(batchRows(readBatch(shifted.subarray(3))).values).toEqual(batchRows(readBatch(blob)).values);
  });

  it('keeps a source that is not exactly a cell as written', () => {
    const odd = ['S!A0', 'S!a1', 'S!A01', 'S!', '!A1', 'S!1', 'S!A1x', '评议!XFE1', '评议!XFD1048576'];
    const list = odd.map((source) => ({ ...rows.items[0]!, source }));
    const b = readBatch(encodeBatch('items', { items: list }));
    expect(odd.map((_, i) => sourceOf(b, i))).toEqual(odd);
  });

  it('is written in parts of at most 8 MB, read back as one', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => ({
      ...rows.ratings[0]!,
      target: `QS${i % 40}`,
      grade: i % 3 ? '优秀' : (i % 100) + 0.5,
      source: `评议!E${i + 2}`,
    }));
    const parts = encodeBatch('ratings', { ratings: many });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(batchRows(readBatch(parts), { sources: true }).ratings).toEqual(many);
    // a small batch is one part
    expect(encodeBatch('items', rows)).toHaveLength(1);
  });

  it('writes an empty batch', () => {
    expect(readBatch(encodeBatch('items', {})).rows).toBe(0);
  });

  it.each([
    ['a rating score above 100', 'ratings', { ratings: [{ ...rows.ratings[0]!, grade: 120 }] }],
    ['a rating score below 0', 'ratings', { ratings: [{ ...rows.ratings[0]!, grade: -1 }] }],
    ['an empty grade word', 'ratings', { ratings: [{ ...rows.ratings[0]!, grade: '' }] }],
    [
      'a value row with no value',
      'values',
      { values: [{ ...rows.values[0]!, value: null, baseline: null }] },
    ],
    ['a value that is not a number', 'values', { values: [{ ...rows.values[0]!, value: NaN }] }],
    ['an infinite value', 'values', { values: [{ ...rows.values[0]!, baseline: Infinity }] }],
    [
      'a negative count',
      'surveys',
      { surveys: [{ ...rows.surveys[0]!, counts: { ...rows.surveys[0]!.counts, basic: -1 } }] },
    ],
    [
      'a count that is not whole',
      'surveys',
      { surveys: [{ ...rows.surveys[0]!, counts: { ...rows.surveys[0]!.counts, basic: 2.5 } }] },
    ],
    [
      'a count too big to hold exactly',
      'surveys',
      { surveys: [{ ...rows.surveys[0]!, counts: { ...rows.surveys[0]!.counts, basic: 1e30 } }] },
    ],
    ['negative points', 'items', { items: [{ ...rows.items[0]!, points: -0.5 }] }],
    ['a row without its unit', 'items', { items: [{ ...rows.items[0]!, target: '' }] }],
  ] as const)('refuses %s, as the row tables did', (_what, kind, bad) => {
    expect(() => encodeBatch(kind, bad as SourcedRows)).toThrow(/batch record row 0/);
  });

  it('refuses a record that is damaged or was edited', () => {
    const blob = Buffer.from(joinParts(encodeBatch('ratings', rows)));
    expect(() => readBatch(Buffer.from('not a record at all, not at all'))).toThrow(/damaged/);
    expect(() => readBatch(blob.subarray(0, blob.length - 8))).toThrow(/damaged/);
    const edited = Buffer.from(blob);
    edited.writeUInt32LE(9, 4); // an unknown kind
    expect(() => readBatch(edited)).toThrow(/damaged/);
    // a score pushed above 100 where it is stored (the second row's)
    const fresh = new Uint8Array(blob); // offset 0: a column's byteOffset is its place in the record
    const scores = readBatch(fresh).col('gradeNumber' as never) as Float64Array;
    const tampered = Buffer.from(blob);
    tampered.writeDoubleLE(250, scores.byteOffset + 8);
    expect(() => readBatch(tampered)).toThrow(/score outside 0–100/);
  });
});

describe('a text with half a surrogate pair (_xD83D_ from a cut emoji)', () => {
  it('is kept as U+FFFD, so the digest worked out at import is the digest of the record written', () => {
    const item = { target: 'QS01', indicator: 'E', points: 1, docNo: '文号', source: '事项!A2' };
    const built = blockOf('items', { items: [{ ...item, reason: '获表扬\uD83D' }] });
    const digestOf = (b: RowBlock) => {
      const d = Digest.zero();
      createRowHasher().block(d, b);
      return d.hex();
    };
    const stored = readBatch(encodeBatch('items', built));
    expect(batchRows(stored).items[0]?.reason).toBe('获表扬\ufffd');
    expect(digestOf(stored)).toBe(digestOf(built));
    // and a well-formed pair is kept whole
    const pair = blockOf('items', { items: [{ ...item, reason: '获表扬😀' }] });
    expect(batchRows(readBatch(encodeBatch('items', pair))).items[0]?.reason).toBe('获表扬😀');
  });
});
