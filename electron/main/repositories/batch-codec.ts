import type { DataKind } from '../../../shared/domain/cycle';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../../../shared/domain/data';
import type { Column, ColumnName, ColumnType, RowBlock } from '../../../shared/domain/row-block';
import { BLOCK_COLUMNS, blockOf, columns, NONE, SOURCE_COLUMNS } from '../../../shared/domain/row-block';

/**
 * The rows of one import batch as one record (table batch_rows, migration 004): a RowBlock's
 * columns (shared/domain/row-block.ts) written as they are. A 200,000-row ratings sheet is written
 * in milliseconds and read back without a query per row; SQLite's row-by-row storage took 2–3 µs a
 * row each way, more than reading the sheet itself. The record is immutable: a batch is written
 * once; deleting a unit, leaf or group from the scheme rewrites the records that held it (as the
 * foreign keys of row tables did).
 *
 * Layout, little-endian, every part starting at a multiple of 8 bytes (columns are read in place
 * as typed arrays):
 *   header   u32 magic 'AWB1', u32 kind (0 values, 1 ratings, 2 surveys, 3 items), u32 rows,
 *            u32 texts, u32 text bytes, u32 reserved
 *   texts    u32 offsets[texts + 1] into the UTF-8 bytes that follow
 *   columns  BLOCK_COLUMNS of the kind, then SOURCE_COLUMNS; a text column holds an index into the
 *            texts, NONE for null
 */

const MAGIC = 0x31425741; // 'AWB1'
const KINDS: readonly DataKind[] = ['values', 'ratings', 'surveys', 'items'];
export { NONE };
export type BatchBlock = RowBlock;

/** Rows of one batch as the importers make them, `source` saying where each came from. */
export type SourcedRows = {
  values?: readonly (ValueRow & { source?: string })[];
  ratings?: readonly (RatingRow & { source?: string })[];
  surveys?: readonly (SurveyRow & { source?: string })[];
  items?: readonly (ItemRow & { source?: string })[];
};

const pad8 = (n: number) => (n + 7) & ~7;
const bytesOf = (type: ColumnType) => (type === 'f64' ? 8 : type === 'u32' ? 4 : 1);
const specOf = (kind: DataKind): readonly (readonly [ColumnName, ColumnType])[] => [
  ...BLOCK_COLUMNS[kind],
  ...SOURCE_COLUMNS,
];

/**
 * What a row table's CHECK constraints refused, checked on every row written and read: the record
 * is the last line of validation (the importers check first, with messages for people).
 */
function checkRows(b: RowBlock): void {
  const fail = (i: number, why: string) => {
    throw new Error(`batch record row ${i}: ${why}`);
  };
  const { u32, f64, u8 } = columns(b);
  const n = b.rows;
  // which texts are empty, once (a million rows would otherwise look each text up)
  const empty = new Uint8Array(b.texts.length);
  b.texts.forEach((t, i) => (empty[i] = t === '' ? 1 : 0));
  const named = (x: number) => x !== NONE && empty[x] === 0;
  for (const name of ['target', 'indicator'] as const) {
    const c = u32(name);
    for (let i = 0; i < n; i++) if (!named(c[i] as number)) fail(i, `no ${name}`);
  }
  if (b.kind === 'values') {
    const present = u8('present');
    const cols = [f64('value'), f64('targetValue'), f64('baseline')];
    for (let i = 0; i < n; i++) {
      const p = present[i] as number;
      if (p === 0 || p > 7) fail(i, 'a value row with no value');
      for (let k = 0; k < 3; k++)
        if (p & (1 << k) && !Number.isFinite((cols[k] as Float64Array)[i]))
          fail(i, 'a value that is not a finite number');
    }
  } else if (b.kind === 'ratings') {
    const [kind, text, num, group, evaluator] = [
      u8('gradeKind'),
      u32('gradeText'),
      f64('gradeNumber'),
      u32('group'),
      u32('evaluator'),
    ];
    for (let i = 0; i < n; i++) {
      const k = kind[i] as number;
      if (group[i] === NONE || evaluator[i] === NONE) fail(i, 'a rating without its group or evaluator');
      if (k > 2) fail(i, 'an unknown kind of grade');
      if (k === 1 && !named(text[i] as number)) fail(i, 'an empty grade word');
      if (k === 2 && !((num[i] as number) >= 0 && (num[i] as number) <= 100))
        fail(i, 'a score outside 0–100');
    }
  } else if (b.kind === 'surveys') {
    for (const name of ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const) {
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

/** Parts of a record are at most this big: SQLite copies each as it is written. */
const PART = 8 * 1024 * 1024;

/**
 * Encodes a block of one kind (what a sheet reader built, or rows given as objects) as the parts of
 * its record, in order: the header and texts, then each column's own bytes (views, not copies:
 * a million-row sheet is not copied whole once more to be written) and the zeros that pad it.
 * Throws on a row a row table would have refused.
 */
export function encodeBatch(kind: DataKind, rows: RowBlock | SourcedRows): Uint8Array[] {
  const b = 'col' in rows ? rows : blockOf(kind, rows);
  if (b.kind !== kind) throw new Error(`a block of ${b.kind} is not a batch of ${kind}`);
  checkRows(b);
  const n = b.rows;
  const encoded = b.texts.map((s) => Buffer.from(s, 'utf8'));
  const textBytes = encoded.reduce((a, x) => a + x.length, 0);
  const head = Buffer.alloc(24 + pad8(4 * (encoded.length + 1) + textBytes));
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(KINDS.indexOf(kind), 4);
  head.writeUInt32LE(n, 8);
  head.writeUInt32LE(encoded.length, 12);
  head.writeUInt32LE(textBytes, 16);
  let offset = 0;
  for (let i = 0; i <= encoded.length; i++) {
    head.writeUInt32LE(offset, 24 + 4 * i);
    offset += encoded[i]?.length ?? 0;
  }
  let p = 24 + 4 * (encoded.length + 1);
  for (const x of encoded) {
    x.copy(head, p);
    p += x.length;
  }
  const parts: Uint8Array[] = [head];
  for (const [name, type] of specOf(kind)) {
    const c = b.col(name);
    const len = bytesOf(type) * n;
    for (let at = 0; at < len; at += PART)
      parts.push(new Uint8Array(c.buffer, c.byteOffset + at, Math.min(PART, len - at)));
    if (pad8(len) > len) parts.push(new Uint8Array(pad8(len) - len));
  }
  // small parts together: a batch of a few rows is one part
  const out: Uint8Array[] = [];
  let run: Uint8Array[] = [];
  let runBytes = 0;
  const close = () => {
    if (run.length > 0) out.push(run.length === 1 ? (run[0] as Uint8Array) : Buffer.concat(run));
    run = [];
    runBytes = 0;
  };
  for (const part of parts) {
    if (runBytes + part.length > PART) close();
    run.push(part);
    runBytes += part.length;
  }
  close();
  return out;
}

/** A record's parts read back as one (see encodeBatch). */
export const joinParts = (parts: readonly Uint8Array[]): Uint8Array =>
  parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);

/** Reads a batch record (its parts joined) in place; throws on anything that is not one (a damaged or edited workspace). */
export function readBatch(blob: Uint8Array | readonly Uint8Array[]): RowBlock {
  if (Array.isArray(blob)) blob = joinParts(blob);
  return readRecord(blob as Uint8Array);
}

function readRecord(blob: Uint8Array): RowBlock {
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
    const z = view.getUint32(24 + 4 * (i + 1), true);
    if (a > z || z > textBytes) throw bad('text offsets');
    texts[i] = buf.toString('utf8', textStart + a, textStart + z);
  }
  const cols = new Map<string, Column>();
  let at = 24 + pad8(4 * (count + 1) + textBytes);
  for (const [name, type] of specOf(kind)) {
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
  for (const [name, type] of specOf(kind)) {
    if (type !== 'u32' || name === 'sourceRow' || name === 'sourceCol') continue;
    const c = cols.get(name) as Uint32Array;
    for (let i = 0; i < n; i++) {
      const x = c[i] as number;
      if (x !== NONE && x >= count) throw bad(`column ${name} names no text`);
    }
  }
  const b: RowBlock = { kind, rows: n, texts, col: (name) => cols.get(name) as Column };
  checkRows(b);
  return b;
}
