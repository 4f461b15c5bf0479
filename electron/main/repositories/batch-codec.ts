import type { DataKind } from '../../../shared/domain/cycle';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../../../shared/domain/data';
import type { RowSource } from '../../../shared/engine/data-index';
import { address } from '../../../shared/import/grid';

/**
 * The rows of one import batch as one record (table batch_rows, migration 004): columns of numbers
 * and indexes into a table of the batch's distinct texts (codes, evaluators, grade words, reasons,
 * sheet names). A 200,000-row ratings sheet is written in milliseconds and read back without a
 * query per row; SQLite's row-by-row storage took 2–3 µs a row each way, more than reading the
 * sheet itself. The record is immutable: a batch is written once; deleting a unit, leaf or group
 * from the scheme rewrites the records that held it (as the foreign keys of row tables did).
 *
 * Layout, little-endian, every part starting at a multiple of 8 bytes (columns are read in place
 * as typed arrays):
 *   header   u32 magic 'AWB1', u32 kind (0 values, 1 ratings, 2 surveys, 3 items), u32 rows,
 *            u32 texts, u32 text bytes, u32 reserved
 *   texts    u32 offsets[texts + 1] into the UTF-8 bytes that follow
 *   columns  per kind (see COLUMNS); a text column holds an index into the texts, NONE for null
 *   sources  u32 sheet (a text), u32 row, u32 column — the cell `Sheet!D7` a row came from
 *            (row 0: the sheet text is the whole source, not a cell)
 */

const MAGIC = 0x31425741; // 'AWB1'
export const NONE = 0xffffffff;
const KINDS: readonly DataKind[] = ['values', 'ratings', 'surveys', 'items'];

type ColumnType = 'u32' | 'f64' | 'u8';
/** Columns of each kind, in order. */
const COLUMNS = {
  values: [
    ['target', 'u32'],
    ['indicator', 'u32'],
    // bit 0: value, bit 1: 目标值, bit 2: 基期值 given (a REAL column knew null from a number)
    ['present', 'u8'],
    ['value', 'f64'],
    ['targetValue', 'f64'],
    ['baseline', 'f64'],
  ],
  ratings: [
    ['target', 'u32'],
    ['indicator', 'u32'],
    ['group', 'u32'],
    ['evaluator', 'u32'],
    ['evaluatorTarget', 'u32'],
    // 0: an abstention (null), 1: a grade word (gradeText), 2: a score (gradeNumber)
    ['gradeKind', 'u8'],
    ['gradeText', 'u32'],
    ['gradeNumber', 'f64'],
  ],
  surveys: [
    ['target', 'u32'],
    ['indicator', 'u32'],
    ['verySatisfied', 'f64'],
    ['satisfied', 'f64'],
    ['basic', 'f64'],
    ['dissatisfied', 'f64'],
    ['unknown', 'f64'],
  ],
  items: [
    ['target', 'u32'],
    ['indicator', 'u32'],
    ['hasPoints', 'u8'],
    ['points', 'f64'],
    ['reason', 'u32'],
    ['docNo', 'u32'],
  ],
} as const satisfies Record<DataKind, readonly (readonly [string, ColumnType])[]>;
const SOURCE_COLUMNS = [
  ['sourceSheet', 'u32'],
  ['sourceRow', 'u32'],
  ['sourceCol', 'u32'],
] as const;

type ColumnName<K extends DataKind> = (typeof COLUMNS)[K][number][0];
type Column = Uint32Array | Float64Array | Uint8Array;

/** Rows of one batch as the importers make them, `source` saying where each came from. */
export type SourcedRows = {
  values?: readonly (ValueRow & { source?: string })[];
  ratings?: readonly (RatingRow & { source?: string })[];
  surveys?: readonly (SurveyRow & { source?: string })[];
  items?: readonly (ItemRow & { source?: string })[];
};

const pad8 = (n: number) => (n + 7) & ~7;
const bytesOf = (type: ColumnType) => (type === 'f64' ? 8 : type === 'u32' ? 4 : 1);

/**
 * What a row table's CHECK constraints refused, checked on every row written and read: the record
 * is the last line of validation (the importers check first, with messages for people).
 */
function checkRows(b: BatchBlock): void {
  const fail = (i: number, why: string) => {
    throw new Error(`batch record row ${i}: ${why}`);
  };
  const f64 = (name: string) => b.col(name as never) as Float64Array;
  const u8 = (name: string) => b.col(name as never) as Uint8Array;
  const u32 = (name: string) => b.col(name as never) as Uint32Array;
  for (const name of ['target', 'indicator']) {
    const c = u32(name);
    for (let i = 0; i < b.rows; i++)
      if (c[i] === NONE || b.texts[c[i] as number] === '') fail(i, `no ${name}`);
  }
  if (b.kind === 'values') {
    const present = u8('present');
    const cols = [f64('value'), f64('targetValue'), f64('baseline')];
    for (let i = 0; i < b.rows; i++) {
      const p = present[i] as number;
      if (p === 0 || p > 7) fail(i, 'a value row with no value');
      cols.forEach((c, k) => {
        if (p & (1 << k) && !Number.isFinite(c[i])) fail(i, 'a value that is not a finite number');
      });
    }
  } else if (b.kind === 'ratings') {
    const [kind, text, num, group, evaluator] = [
      u8('gradeKind'),
      u32('gradeText'),
      f64('gradeNumber'),
      u32('group'),
      u32('evaluator'),
    ];
    for (let i = 0; i < b.rows; i++) {
      const k = kind[i] as number;
      if (group[i] === NONE || evaluator[i] === NONE) fail(i, 'a rating without its group or evaluator');
      if (k > 2) fail(i, 'an unknown kind of grade');
      if (k === 1 && (text[i] === NONE || b.texts[text[i] as number] === '')) fail(i, 'an empty grade word');
      if (k === 2 && !((num[i] as number) >= 0 && (num[i] as number) <= 100))
        fail(i, 'a score outside 0–100');
    }
  } else if (b.kind === 'surveys') {
    for (const name of ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown']) {
      const c = f64(name);
      for (let i = 0; i < b.rows; i++)
        if (!Number.isSafeInteger(c[i]) || (c[i] as number) < 0)
          fail(i, 'a count that is not a whole number ≥ 0');
    }
  } else {
    const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
    for (let i = 0; i < b.rows; i++) {
      if ((has[i] as number) > 1) fail(i, 'a damaged points flag');
      if (has[i] === 1 && !((points[i] as number) >= 0 && Number.isFinite(points[i])))
        fail(i, 'points that are not ≥ 0');
      if (reason[i] === NONE || docNo[i] === NONE) fail(i, 'an item without its reason or document number');
    }
  }
}

/**
 * `Sheet!D7` read back into the place of its `!`, the 1-based row and the 0-based column — exactly
 * what cellRef writes (capital letters, a row from 1 without leading zeros) — or null.
 */
function splitCell(src: string): { bang: number; row: number; col: number } | null {
  const bang = src.lastIndexOf('!');
  if (bang <= 0) return null;
  let i = bang + 1;
  let col = 0;
  for (; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (col === 0 || i === src.length || src.charCodeAt(i) === 48) return null;
  let row = 0;
  for (; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return row > 0 && row < 2 ** 31 && col <= 16384 ? { bang, row, col: col - 1 } : null;
}

/** Encodes the rows of one kind of one batch; throws on a row a row table would have refused. */
export function encodeBatch(kind: DataKind, rows: SourcedRows): Buffer {
  const list = (rows[kind] ?? []) as unknown as readonly (Record<string, unknown> & { source?: string })[];
  const n = list.length;
  const texts = new Map<string, number>();
  const textList: string[] = [];
  const intern = (s: string | null): number => {
    if (s === null) return NONE;
    let i = texts.get(s);
    if (i === undefined) {
      i = textList.length;
      texts.set(s, i);
      textList.push(s);
    }
    return i;
  };
  const spec = COLUMNS[kind] as readonly (readonly [string, ColumnType])[];
  const cols = new Map<string, Column>();
  const make = (type: ColumnType) =>
    type === 'f64' ? new Float64Array(n) : type === 'u32' ? new Uint32Array(n) : new Uint8Array(n);
  for (const [name, type] of [...spec, ...SOURCE_COLUMNS]) cols.set(name, make(type));
  const u32 = (name: string) => cols.get(name) as Uint32Array;
  const f64 = (name: string) => cols.get(name) as Float64Array;
  const u8 = (name: string) => cols.get(name) as Uint8Array;
  const target = u32('target');
  const indicator = u32('indicator');
  const sheet = u32('sourceSheet');
  const srow = u32('sourceRow');
  const scol = u32('sourceCol');

  for (let i = 0; i < n; i++) {
    const r = list[i] as Record<string, unknown> & { source?: string };
    target[i] = intern(r.target as string);
    indicator[i] = intern(r.indicator as string);
    // Sheet!D7 → sheet, 7, 4; anything else is kept whole
    const src = r.source ?? '';
    const cell = splitCell(src);
    if (cell) {
      sheet[i] = intern(src.slice(0, cell.bang));
      srow[i] = cell.row;
      scol[i] = cell.col;
    } else {
      sheet[i] = intern(src);
      srow[i] = 0;
    }
  }
  if (kind === 'values') {
    const present = u8('present');
    const [v, tv, bl] = [f64('value'), f64('targetValue'), f64('baseline')];
    (list as unknown as ValueRow[]).forEach((r, i) => {
      present[i] =
        (r.value !== null ? 1 : 0) | (r.targetValue !== null ? 2 : 0) | (r.baseline !== null ? 4 : 0);
      v[i] = r.value ?? 0;
      tv[i] = r.targetValue ?? 0;
      bl[i] = r.baseline ?? 0;
    });
  } else if (kind === 'ratings') {
    const [group, evaluator, et, gk, gt] = [
      u32('group'),
      u32('evaluator'),
      u32('evaluatorTarget'),
      u8('gradeKind'),
      u32('gradeText'),
    ];
    const gn = f64('gradeNumber');
    (list as unknown as RatingRow[]).forEach((r, i) => {
      group[i] = intern(r.group);
      evaluator[i] = intern(r.evaluator);
      et[i] = intern(r.evaluatorTarget);
      gk[i] = r.grade === null ? 0 : typeof r.grade === 'string' ? 1 : 2;
      gt[i] = typeof r.grade === 'string' ? intern(r.grade) : NONE;
      gn[i] = typeof r.grade === 'number' ? r.grade : 0;
    });
  } else if (kind === 'surveys') {
    const levels = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const;
    const out = levels.map(f64);
    (list as unknown as SurveyRow[]).forEach((r, i) =>
      levels.forEach((l, k) => ((out[k] as Float64Array)[i] = r.counts[l])),
    );
  } else {
    const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
    (list as unknown as ItemRow[]).forEach((r, i) => {
      has[i] = r.points === null ? 0 : 1;
      points[i] = r.points ?? 0;
      reason[i] = intern(r.reason);
      docNo[i] = intern(r.docNo);
    });
  }

  const encoded = textList.map((s) => Buffer.from(s, 'utf8'));
  const textBytes = encoded.reduce((a, b) => a + b.length, 0);
  let size = 24 + pad8(4 * (textList.length + 1) + textBytes);
  for (const [, type] of [...spec, ...SOURCE_COLUMNS]) size += pad8(bytesOf(type) * n);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(KINDS.indexOf(kind), 4);
  out.writeUInt32LE(n, 8);
  out.writeUInt32LE(textList.length, 12);
  out.writeUInt32LE(textBytes, 16);
  let at = 24;
  let offset = 0;
  for (let i = 0; i <= encoded.length; i++) {
    out.writeUInt32LE(offset, at + 4 * i);
    offset += encoded[i]?.length ?? 0;
  }
  let p = at + 4 * (encoded.length + 1);
  for (const b of encoded) {
    b.copy(out, p);
    p += b.length;
  }
  at = 24 + pad8(4 * (textList.length + 1) + textBytes);
  for (const [name] of [...spec, ...SOURCE_COLUMNS]) {
    const c = cols.get(name) as Column;
    out.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
    at += pad8(c.byteLength);
  }
  checkRows({ kind, rows: n, texts: textList, col: (name) => cols.get(name) as Column });
  return out;
}

/** A batch record read in place: its texts, and its columns as typed arrays. */
export interface BatchBlock<K extends DataKind = DataKind> {
  kind: K;
  rows: number;
  texts: string[];
  col(name: ColumnName<K> | 'sourceSheet' | 'sourceRow' | 'sourceCol'): Column;
}

/** Reads a batch record; throws on anything that is not one (a damaged or edited workspace). */
export function readBatch(blob: Uint8Array): BatchBlock {
  // typed-array views need aligned offsets: a blob from SQLite may sit anywhere in a pooled buffer
  const bytes = blob.byteOffset % 8 === 0 ? blob : new Uint8Array(blob);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string) => new Error(`damaged batch record: ${why}`);
  if (bytes.byteLength < 24 || view.getUint32(0, true) !== MAGIC) throw bad('no header');
  const kind = KINDS[view.getUint32(4, true)];
  if (!kind) throw bad('unknown kind');
  const n = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const textBytes = view.getUint32(16, true);
  const textStart = 24 + 4 * (count + 1);
  if (textStart + textBytes > bytes.byteLength) throw bad('texts past the end');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texts = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const a = view.getUint32(24 + 4 * i, true);
    const b = view.getUint32(24 + 4 * (i + 1), true);
    if (a > b || b > textBytes) throw bad('text offsets');
    texts[i] = buf.toString('utf8', textStart + a, textStart + b);
  }
  const cols = new Map<string, Column>();
  let at = 24 + pad8(4 * (count + 1) + textBytes);
  for (const [name, type] of [
    ...(COLUMNS[kind] as readonly (readonly [string, ColumnType])[]),
    ...SOURCE_COLUMNS,
  ]) {
    const len = bytesOf(type) * n;
    if (at + len > bytes.byteLength) throw bad(`column ${name} past the end`);
    const o = bytes.byteOffset + at;
    cols.set(
      name,
      type === 'f64'
        ? new Float64Array(bytes.buffer, o, n)
        : type === 'u32'
          ? new Uint32Array(bytes.buffer, o, n)
          : new Uint8Array(bytes.buffer, o, n),
    );
    at += pad8(len);
  }
  for (const name of [
    'target',
    'indicator',
    'group',
    'evaluator',
    'evaluatorTarget',
    'gradeText',
    'reason',
    'docNo',
    'sourceSheet',
  ]) {
    const c = cols.get(name) as Uint32Array | undefined;
    if (c && c.some((x) => x !== NONE && x >= count)) throw bad(`column ${name} names no text`);
  }
  const b: BatchBlock = { kind, rows: n, texts, col: (name) => cols.get(name) as Column };
  checkRows(b);
  return b;
}

/** The rows of a batch record as the rows compute reads; with `sources`, each with the cell it came from. */
export function batchRows(
  b: BatchBlock,
  opts: { sources?: boolean } = {},
): {
  values: (ValueRow & { source?: string })[];
  ratings: (RatingRow & { source?: string })[];
  surveys: (SurveyRow & { source?: string })[];
  items: (ItemRow & { source?: string })[];
} {
  const out = {
    values: [] as ValueRow[],
    ratings: [] as RatingRow[],
    surveys: [] as SurveyRow[],
    items: [] as ItemRow[],
  };
  const t = b.texts;
  const text = (i: number) => (i === NONE ? null : (t[i] as string));
  const u32 = (name: string) => b.col(name as never) as Uint32Array;
  const f64 = (name: string) => b.col(name as never) as Float64Array;
  const u8 = (name: string) => b.col(name as never) as Uint8Array;
  const target = u32('target');
  const indicator = u32('indicator');
  const n = b.rows;
  if (b.kind === 'values') {
    const [present, v, tv, bl] = [u8('present'), f64('value'), f64('targetValue'), f64('baseline')];
    for (let i = 0; i < n; i++) {
      const p = present[i] as number;
      out.values.push({
        target: t[target[i] as number] as string,
        indicator: t[indicator[i] as number] as string,
        value: p & 1 ? (v[i] as number) : null,
        targetValue: p & 2 ? (tv[i] as number) : null,
        baseline: p & 4 ? (bl[i] as number) : null,
      });
    }
  } else if (b.kind === 'ratings') {
    const [group, evaluator, et, gk, gt, gn] = [
      u32('group'),
      u32('evaluator'),
      u32('evaluatorTarget'),
      u8('gradeKind'),
      u32('gradeText'),
      f64('gradeNumber'),
    ];
    for (let i = 0; i < n; i++) {
      const k = gk[i] as number;
      out.ratings.push({
        evaluator: t[evaluator[i] as number] as string,
        evaluatorTarget: text(et[i] as number),
        group: t[group[i] as number] as string,
        target: t[target[i] as number] as string,
        indicator: t[indicator[i] as number] as string,
        grade: k === 0 ? null : k === 1 ? (t[gt[i] as number] as string) : (gn[i] as number),
      });
    }
  } else if (b.kind === 'surveys') {
    const [a, s, ba, d, u] = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'].map(
      f64,
    ) as Float64Array[];
    for (let i = 0; i < n; i++)
      out.surveys.push({
        target: t[target[i] as number] as string,
        indicator: t[indicator[i] as number] as string,
        counts: {
          verySatisfied: a?.[i] as number,
          satisfied: s?.[i] as number,
          basic: ba?.[i] as number,
          dissatisfied: d?.[i] as number,
          unknown: u?.[i] as number,
        },
      });
  } else {
    const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
    for (let i = 0; i < n; i++)
      out.items.push({
        target: t[target[i] as number] as string,
        indicator: t[indicator[i] as number] as string,
        points: has[i] ? (points[i] as number) : null,
        reason: t[reason[i] as number] as string,
        docNo: t[docNo[i] as number] as string,
      });
  }
  if (opts.sources) {
    const list = out[b.kind] as { source?: string }[];
    for (let i = 0; i < n; i++) (list[i] as { source?: string }).source = sourceOf(b, i);
  }
  return out;
}

/** Where row `i` of a batch record came from (`Sheet!D7`). */
export function sourceOf(b: BatchBlock, i: number): string {
  const sheet = (b.col('sourceSheet') as Uint32Array)[i] as number;
  const row = (b.col('sourceRow') as Uint32Array)[i] as number;
  const text = sheet === NONE ? '' : (b.texts[sheet] as string);
  return row === 0 ? text : `${text}!${address(row - 1, (b.col('sourceCol') as Uint32Array)[i] as number)}`;
}

/**
 * The rows of a batch record handed to compute as fields, straight from its columns: no object is
 * made per row (a million ratings become counts, not a million objects).
 */
export function blockSource(b: BatchBlock): RowSource {
  return (sink) => {
    const t = b.texts;
    const u32 = (name: string) => b.col(name as never) as Uint32Array;
    const f64 = (name: string) => b.col(name as never) as Float64Array;
    const u8 = (name: string) => b.col(name as never) as Uint8Array;
    const target = u32('target');
    const indicator = u32('indicator');
    const n = b.rows;
    if (b.kind === 'values') {
      const [present, v, tv, bl] = [u8('present'), f64('value'), f64('targetValue'), f64('baseline')];
      for (let i = 0; i < n; i++) {
        const p = present[i] as number;
        sink.value(
          t[target[i] as number] as string,
          t[indicator[i] as number] as string,
          p & 1 ? (v[i] as number) : null,
          p & 2 ? (tv[i] as number) : null,
          p & 4 ? (bl[i] as number) : null,
        );
      }
    } else if (b.kind === 'ratings') {
      const [group, evaluator, et, gk, gt, gn] = [
        u32('group'),
        u32('evaluator'),
        u32('evaluatorTarget'),
        u8('gradeKind'),
        u32('gradeText'),
        f64('gradeNumber'),
      ];
      for (let i = 0; i < n; i++) {
        const k = gk[i] as number;
        const e = et[i] as number;
        sink.rating(
          t[target[i] as number] as string,
          t[indicator[i] as number] as string,
          t[group[i] as number] as string,
          t[evaluator[i] as number] as string,
          e === NONE ? null : (t[e] as string),
          k === 0 ? null : k === 1 ? (t[gt[i] as number] as string) : (gn[i] as number),
        );
      }
    } else if (b.kind === 'surveys') {
      const [a, s, ba, d, u] = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'].map(
        f64,
      ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      for (let i = 0; i < n; i++)
        sink.survey(t[target[i] as number] as string, t[indicator[i] as number] as string, {
          verySatisfied: a[i] as number,
          satisfied: s[i] as number,
          basic: ba[i] as number,
          dissatisfied: d[i] as number,
          unknown: u[i] as number,
        });
    } else {
      const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
      for (let i = 0; i < n; i++)
        sink.item(
          t[target[i] as number] as string,
          t[indicator[i] as number] as string,
          has[i] ? (points[i] as number) : null,
          t[reason[i] as number] as string,
          t[docNo[i] as number] as string,
        );
    }
  };
}
