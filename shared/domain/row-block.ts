import type { DataKind } from './cycle';
import type { ItemRow, RatingRow, SurveyCounts, SurveyRow, ValueRow } from './data';
import type { ValueField } from './issue';

/**
 * Rows of one kind of data as columns: numbers in typed arrays, every text (codes, evaluators,
 * grade words, reasons, sheet names) once in `texts` and by index in the rows. What a sheet reader
 * builds as it reads (no object per row: a million ratings are a few typed arrays), what a batch
 * record stores (electron/main/repositories/batch-codec.ts writes these columns as they are), and
 * what compute, the digests and the checks against held data read.
 */
export interface RowBlock {
  kind: DataKind;
  rows: number;
  texts: readonly string[];
  /** A column by name (see BLOCK_COLUMNS and SOURCE_COLUMNS); it may be longer than `rows`. */
  col(name: ColumnName): Column;
}

export type Column = Uint32Array | Float64Array | Uint8Array;
export type ColumnType = 'u32' | 'f64' | 'u8';
/** A text column's value for "no text" (null). */
export const NONE = 0xffffffff;

/** The columns of each kind, in the order a record stores them. */
export const BLOCK_COLUMNS = {
  values: [
    ['target', 'u32'],
    ['indicator', 'u32'],
    // bit 0: value, bit 1: 目标值, bit 2: 基期值 given
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

/**
 * Where each row came from: the cell `Sheet!D7` as sheet (a text), row 7 (1-based) and column 3
 * (0-based); row 0 when the source is not a cell (the sheet text is then the whole source).
 */
export const SOURCE_COLUMNS = [
  ['sourceSheet', 'u32'],
  ['sourceRow', 'u32'],
  ['sourceCol', 'u32'],
] as const;

/**
 * The column of each field of a value row when read from a sheet (NONE when not given): 目标值 and
 * 基期值 sit in other columns than the value. Kept while importing, for messages; not stored.
 */
export const FIELD_COLUMNS = [
  ['valueCol', 'u32'],
  ['targetValueCol', 'u32'],
  ['baselineCol', 'u32'],
] as const;

export type ColumnName =
  | (typeof BLOCK_COLUMNS)[DataKind][number][0]
  | (typeof SOURCE_COLUMNS)[number][0]
  | (typeof FIELD_COLUMNS)[number][0];

const LEVELS = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const;

/** Columns of a block by their type (a small convenience for readers of blocks). */
export function columns(b: RowBlock) {
  return {
    u32: (name: ColumnName) => b.col(name) as Uint32Array,
    f64: (name: ColumnName) => b.col(name) as Float64Array,
    u8: (name: ColumnName) => b.col(name) as Uint8Array,
  };
}

/**
 * `Sheet!D7` read back into the place of its `!`, the 1-based row and the 0-based column — exactly
 * what a cell reference is written as (capital letters, a row from 1 without leading zeros) — or null.
 */
export function splitCell(src: string): { bang: number; row: number; col: number } | null {
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

/** A, B, …, Z, AA, … for a 0-based column (as grid.ts columnName). */
function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The cell `Sheet!D7` at `col` of row `i`'s sheet and row. */
export function cellOf(b: RowBlock, i: number, col: number): string {
  const c = columns(b);
  const sheet = c.u32('sourceSheet')[i] as number;
  return `${sheet === NONE ? '' : (b.texts[sheet] as string)}!${columnLetters(col)}${c.u32('sourceRow')[i] as number}`;
}

/** Where row `i` came from (`Sheet!D7`), or its source as written when it is not a cell. */
export function sourceAt(b: RowBlock, i: number): string {
  const c = columns(b);
  const sheet = c.u32('sourceSheet')[i] as number;
  const text = sheet === NONE ? '' : (b.texts[sheet] as string);
  return (c.u32('sourceRow')[i] as number) === 0 ? text : cellOf(b, i, c.u32('sourceCol')[i] as number);
}

/** The cell of each given field of value row `i` (when the block kept them), as ParsedSheet's `cells`. */
export function fieldCellsAt(b: RowBlock, i: number): Partial<Record<ValueField, string>> {
  const out: Partial<Record<ValueField, string>> = {};
  const present = columns(b).u8('present')[i] as number;
  FIELD_COLUMNS.forEach(([name], k) => {
    const col = (b.col(name) as Uint32Array | undefined)?.[i];
    const field = (['value', 'targetValue', 'baseline'] as const)[k] as ValueField;
    if (present & (1 << k) && col !== undefined && col !== NONE) out[field] = cellOf(b, i, col);
  });
  return out;
}

/** The rows [from, to) of a block as row objects; with `sources`, each with the cell it came from. */
export function blockRows(
  b: RowBlock,
  opts: { sources?: boolean; from?: number; to?: number } = {},
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
  const { u32, f64, u8 } = columns(b);
  const target = u32('target');
  const indicator = u32('indicator');
  const from = opts.from ?? 0;
  const to = Math.min(opts.to ?? b.rows, b.rows);
  if (b.kind === 'values') {
    const [present, v, tv, bl] = [u8('present'), f64('value'), f64('targetValue'), f64('baseline')];
    for (let i = from; i < to; i++) {
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
    for (let i = from; i < to; i++) {
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
    const levels = LEVELS.map((l) => f64(l));
    for (let i = from; i < to; i++) {
      const counts = {} as SurveyCounts;
      LEVELS.forEach((l, k) => (counts[l] = (levels[k] as Float64Array)[i] as number));
      out.surveys.push({
        target: t[target[i] as number] as string,
        indicator: t[indicator[i] as number] as string,
        counts,
      });
    }
  } else {
    const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
    for (let i = from; i < to; i++)
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
    for (let i = from; i < to; i++) (list[i - from] as { source?: string }).source = sourceAt(b, i);
  }
  return out;
}

/** What a builder is handed for a row's source: the sheet and cell, or a source written out. */
export type RowSourceCell = { sheet: string; row: number; col: number } | { text: string };

/**
 * Builds a block row by row, its columns growing as needed. Texts are kept once each (a few
 * thousand names, grades and codes for hundreds of thousands of rows).
 */
/** Half of a surrogate pair without its other half (`_xD83D_` from a cut emoji): no character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A text as a batch keeps it: a lone surrogate becomes U+FFFD, as UTF-8 stores it — so that the
 * digest worked out at import (over the text) and the record written (in UTF-8) say the same.
 */
export const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\ufffd');

export function createBlockBuilder(kind: DataKind, opts: { fieldColumns?: boolean } = {}) {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string | null): number => {
    if (s === null) return NONE;
    let i = index.get(s);
    if (i === undefined) {
      i = texts.length;
      index.set(s, i);
      texts.push(wellFormed(s));
    }
    return i;
  };
  const spec: readonly (readonly [ColumnName, ColumnType])[] = [
    ...BLOCK_COLUMNS[kind],
    ...SOURCE_COLUMNS,
    ...(opts.fieldColumns && kind === 'values' ? FIELD_COLUMNS : []),
  ];
  let capacity = 1024;
  let n = 0;
  const make = (type: ColumnType, size: number) =>
    type === 'f64' ? new Float64Array(size) : type === 'u32' ? new Uint32Array(size) : new Uint8Array(size);
  // a plain object, read by constant names below: the hot path of a million-row sheet
  const cols: Record<string, Column> = {};
  for (const [name, type] of spec) cols[name] = make(type, capacity);
  const grow = () => {
    capacity *= 2;
    for (const [name, type] of spec) {
      const next = make(type, capacity);
      next.set(cols[name] as never);
      cols[name] = next;
    }
  };
  const u32 = () => cols as Record<string, Uint32Array>;
  const f64 = () => cols as Record<string, Float64Array>;
  const u8 = () => cols as Record<string, Uint8Array>;
  const start = (target: string, indicator: string, src: RowSourceCell): number => {
    if (n === capacity) grow();
    const i = n++;
    block.rows = n;
    const c = u32();
    (c.target as Uint32Array)[i] = intern(target);
    (c.indicator as Uint32Array)[i] = intern(indicator);
    if ('text' in src) {
      const cell = splitCell(src.text);
      (c.sourceSheet as Uint32Array)[i] = intern(cell ? src.text.slice(0, cell.bang) : src.text);
      (c.sourceRow as Uint32Array)[i] = cell ? cell.row : 0;
      (c.sourceCol as Uint32Array)[i] = cell ? cell.col : 0;
    } else {
      (c.sourceSheet as Uint32Array)[i] = intern(src.sheet);
      (c.sourceRow as Uint32Array)[i] = src.row;
      (c.sourceCol as Uint32Array)[i] = src.col;
    }
    return i;
  };

  // `rows` a plain field like every block's (a getter here made every loop over blocks slow)
  const block: RowBlock = { kind, rows: 0, texts, col: (name) => cols[name] as Column };
  return {
    block,
    value(
      target: string,
      indicator: string,
      value: number | null,
      targetValue: number | null,
      baseline: number | null,
      src: RowSourceCell,
      fieldCols?: readonly [number | null, number | null, number | null],
    ): void {
      const i = start(target, indicator, src);
      const f = f64();
      (u8().present as Uint8Array)[i] =
        (value !== null ? 1 : 0) | (targetValue !== null ? 2 : 0) | (baseline !== null ? 4 : 0);
      (f.value as Float64Array)[i] = value ?? 0;
      (f.targetValue as Float64Array)[i] = targetValue ?? 0;
      (f.baseline as Float64Array)[i] = baseline ?? 0;
      if (fieldCols && cols.valueCol)
        FIELD_COLUMNS.forEach(([name], k) => ((cols[name] as Uint32Array)[i] = fieldCols[k] ?? NONE));
    },
    rating(
      target: string,
      indicator: string,
      group: string,
      evaluator: string,
      evaluatorTarget: string | null,
      grade: string | number | null,
      src: RowSourceCell,
    ): void {
      const i = start(target, indicator, src);
      const c = u32();
      (c.group as Uint32Array)[i] = intern(group);
      (c.evaluator as Uint32Array)[i] = intern(evaluator);
      (c.evaluatorTarget as Uint32Array)[i] = intern(evaluatorTarget);
      (u8().gradeKind as Uint8Array)[i] = grade === null ? 0 : typeof grade === 'string' ? 1 : 2;
      (c.gradeText as Uint32Array)[i] = typeof grade === 'string' ? intern(grade) : NONE;
      (f64().gradeNumber as Float64Array)[i] = typeof grade === 'number' ? grade : 0;
    },
    survey(target: string, indicator: string, counts: SurveyCounts, src: RowSourceCell): void {
      const i = start(target, indicator, src);
      const f = f64();
      for (const l of LEVELS) (f[l] as Float64Array)[i] = counts[l];
    },
    item(
      target: string,
      indicator: string,
      points: number | null,
      reason: string,
      docNo: string,
      src: RowSourceCell,
    ): void {
      const i = start(target, indicator, src);
      (u8().hasPoints as Uint8Array)[i] = points === null ? 0 : 1;
      (f64().points as Float64Array)[i] = points ?? 0;
      (u32().reason as Uint32Array)[i] = intern(reason);
      (u32().docNo as Uint32Array)[i] = intern(docNo);
    },
  };
}
export type BlockBuilder = ReturnType<typeof createBlockBuilder>;

/** A block of rows given as objects (tests, a migration, the bench), each with its source if any. */
export function blockOf(
  kind: DataKind,
  rows: {
    values?: readonly (ValueRow & { source?: string })[];
    ratings?: readonly (RatingRow & { source?: string })[];
    surveys?: readonly (SurveyRow & { source?: string })[];
    items?: readonly (ItemRow & { source?: string })[];
  },
): RowBlock {
  const b = createBlockBuilder(kind);
  const src = (r: { source?: string }): RowSourceCell => ({ text: r.source ?? '' });
  if (kind === 'values')
    for (const r of rows.values ?? [])
      b.value(r.target, r.indicator, r.value, r.targetValue, r.baseline, src(r));
  else if (kind === 'ratings')
    for (const r of rows.ratings ?? [])
      b.rating(r.target, r.indicator, r.group, r.evaluator, r.evaluatorTarget, r.grade, src(r));
  else if (kind === 'surveys')
    for (const r of rows.surveys ?? []) b.survey(r.target, r.indicator, r.counts, src(r));
  else for (const r of rows.items ?? []) b.item(r.target, r.indicator, r.points, r.reason, r.docNo, src(r));
  return b.block;
}
