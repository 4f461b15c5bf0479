import type { DataKind } from '../domain/cycle';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { ValueField } from '../domain/issue';
import { matchKey } from '../domain/text';
import type { RowBlock } from '../domain/row-block';
import { blockOf, blockRows, columns, fieldCellsAt, sourceAt } from '../domain/row-block';

/**
 * Stage 4 — datums and their keys. A datum is what two active sources must never both give, so
 * that nothing is counted twice (SPEC §6): a value field (value, 目标值, 基期值) of a target's leaf;
 * a target's survey counts on a leaf; one evaluator's rating of a target on a leaf in a group (an
 * anonymous rating is no datum: two anonymous forms are two people); an item with the same points,
 * reason and document number. This is the one definition of a datum's identity: the sheet readers
 * use it for a datum given twice in one sheet, the import for conflicts between sources, and the
 * data repository for what the active batches hold.
 */
const SEP = '\u0000';
/** A free text inside a key: length-prefixed, so that no text can pass for two fields. */
const free = (s: string) => `${s.length}:${s}`;

export const datumKey = {
  value: (target: string, indicator: string, field: ValueField) =>
    `v${SEP}${target}${SEP}${indicator}${SEP}${field}`,
  survey: (target: string, indicator: string) => `s${SEP}${target}${SEP}${indicator}`,
  /** `evaluatorKey` is the match key of the evaluator's name: 张 三 and 张三 are one person. */
  rating: (evaluatorKey: string, group: string, target: string, indicator: string) =>
    `r${SEP}${group}${SEP}${target}${SEP}${indicator}${SEP}${free(evaluatorKey)}`,
  item: (target: string, indicator: string, points: number | null, reason: string, docNo: string) =>
    `i${SEP}${target}${SEP}${indicator}${SEP}${points ?? '~'}${SEP}${free(matchKey(docNo))}${free(matchKey(reason))}`,
};

export const VALUE_FIELDS = ['value', 'targetValue', 'baseline'] as const;

/**
 * Ratings by datum identity (datumKey.rating: evaluator's match key, group, target, leaf), each with
 * a number (the row it was first seen on), without a key string or a map entry object per row: the
 * identity is packed into one number — the evaluator key's own number, then the group's, target's
 * and leaf's positions in the scheme — and kept in an open-addressing table of typed arrays (a
 * million ratings take 24 MB, where a Map took three times that).
 */
export function createRatingDatums(scheme: {
  groups: readonly { code: string }[];
  targets: readonly { code: string }[];
  indicators: readonly { code: string }[];
}) {
  const pos = (list: readonly { code: string }[]) => new Map(list.map((x, i) => [x.code, i]));
  const [g, t, i] = [pos(scheme.groups), pos(scheme.targets), pos(scheme.indicators)];
  const [nG, nT, nI] = [scheme.groups.length, scheme.targets.length, scheme.indicators.length];
  const evaluators = new Map<string, number>();
  let keys = new Float64Array(1 << 12).fill(NaN);
  let vals = new Int32Array(1 << 12);
  let size = 0;

  const pack = (evaluatorKey: string, group: string, target: string, indicator: string, add: boolean) => {
    let e = evaluators.get(evaluatorKey);
    if (e === undefined) {
      if (!add) return null;
      evaluators.set(evaluatorKey, (e = evaluators.size));
    }
    const [a, b, c] = [g.get(group), t.get(target), i.get(indicator)];
    if (a === undefined || b === undefined || c === undefined) throw new Error('a rating outside the scheme');
    const k = ((e * nG + a) * nT + b) * nI + c;
    if (k > Number.MAX_SAFE_INTEGER) throw new Error('too many evaluators to tell their ratings apart');
    return k;
  };
  /** The slot of key k: where it is, or the empty slot where it would go. */
  const slot = (k: number) => {
    const mask = keys.length - 1;
    // the key's two 32-bit halves mixed (MurmurHash3's finaliser)
    let h = (Math.imul(k | 0, 0x9e3779b1) ^ Math.imul(Math.floor(k / 4294967296) | 0, 0x85ebca6b)) | 0;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let at = h & mask;
    while (!Number.isNaN(keys[at] as number) && keys[at] !== k) at = (at + 1) & mask;
    return at;
  };
  const grow = () => {
    const [oldKeys, oldVals] = [keys, vals];
    keys = new Float64Array(oldKeys.length * 2).fill(NaN);
    vals = new Int32Array(oldKeys.length * 2);
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j] as number;
      if (Number.isNaN(k)) continue;
      const at = slot(k);
      keys[at] = k;
      vals[at] = oldVals[j] as number;
    }
  };

  return {
    /** What was stored for this rating datum, if any. */
    get(evaluatorKey: string, group: string, target: string, indicator: string): number | undefined {
      const k = pack(evaluatorKey, group, target, indicator, false);
      if (k === null) return undefined;
      const at = slot(k);
      return keys[at] === k ? vals[at] : undefined;
    },
    set(evaluatorKey: string, group: string, target: string, indicator: string, v: number): void {
      const k = pack(evaluatorKey, group, target, indicator, true) as number;
      let at = slot(k);
      if (keys[at] !== k) {
        if (++size * 4 > keys.length * 3) {
          grow();
          at = slot(k);
        }
        keys[at] = k;
      }
      vals[at] = v;
    },
  };
}

/**
 * The part of a datum's identity that says which sources could give it at all: the leaf and field
 * of a value, the group and evaluator of a rating, the leaf of survey counts and of an item. Two
 * sources whose scopes do not meet cannot conflict, so a re-imported sheet is checked against the
 * batches that share its evaluators or leaves, not against every rating of the cycle.
 */
export const scopeKey = {
  value: (indicator: string, field: ValueField) => `v${SEP}${indicator}${SEP}${field}`,
  rating: (evaluatorKey: string, group: string) => `r${SEP}${group}${SEP}${free(evaluatorKey)}`,
  leaf: (kind: 'surveys' | 'items', indicator: string) =>
    `${kind === 'surveys' ? 's' : 'i'}${SEP}${indicator}`,
};

/** Rows of one source by kind, named by codes: a block, or rows given as objects (tests, the bench). */
export type CodedRows =
  | RowBlock
  | {
      values?: readonly ValueRow[];
      ratings?: readonly RatingRow[];
      surveys?: readonly SurveyRow[];
      items?: readonly ItemRow[];
    };
const toBlock = (kind: DataKind, rows: CodedRows): RowBlock => ('col' in rows ? rows : blockOf(kind, rows));

/**
 * The scope keys of rows of one kind (see scopeKey), read from the block's columns: each distinct
 * (group, evaluator) or (leaf, fields) once, whatever the number of rows.
 */
export function scopeOf(
  kind: DataKind,
  rows: CodedRows,
  evaluatorKey: (s: string) => string = matchKey,
): Set<string> {
  const b = toBlock(kind, rows);
  const out = new Set<string>();
  const t = b.texts;
  const { u32, u8 } = columns(b);
  const ind = u32('indicator');
  const seen = new Set<number>();
  if (kind === 'ratings') {
    const [group, evaluator] = [u32('group'), u32('evaluator')];
    for (let i = 0; i < b.rows; i++) {
      const pair = (group[i] as number) * t.length + (evaluator[i] as number);
      if (seen.has(pair)) continue;
      seen.add(pair);
      const e = t[evaluator[i] as number] as string;
      if (e !== '') out.add(scopeKey.rating(evaluatorKey(e), t[group[i] as number] as string));
    }
    return out;
  }
  const present = kind === 'values' ? u8('present') : null;
  for (let i = 0; i < b.rows; i++) {
    const p = present ? (present[i] as number) : 0;
    const k = (ind[i] as number) * 8 + p;
    if (seen.has(k)) continue;
    seen.add(k);
    const leaf = t[ind[i] as number] as string;
    if (kind === 'values')
      VALUE_FIELDS.forEach((f, bit) => {
        if (p & (1 << bit)) out.add(scopeKey.value(leaf, f));
      });
    else out.add(scopeKey.leaf(kind as 'surveys' | 'items', leaf));
  }
  return out;
}

/** A datum of a sheet: its key, and its row in the sheet's block (and the field of a value) for messages. */
export interface DatumRef {
  key: string;
  index: number;
  field: ValueField | null;
}

/**
 * Every datum rows of one kind give, with its key. `evaluatorKey` turns an evaluator's name into its
 * match key (pass a cached one: a long sheet repeats a few hundred names).
 */
export function datumsOf(
  kind: DataKind,
  rows: CodedRows,
  evaluatorKey: (s: string) => string = matchKey,
): DatumRef[] {
  const b = toBlock(kind, rows);
  const out: DatumRef[] = [];
  const t = b.texts;
  const { u32, u8, f64 } = columns(b);
  const target = u32('target');
  const ind = u32('indicator');
  const code = (c: Uint32Array, i: number) => t[c[i] as number] as string;
  if (kind === 'values') {
    const present = u8('present');
    for (let i = 0; i < b.rows; i++)
      VALUE_FIELDS.forEach((field, bit) => {
        if ((present[i] as number) & (1 << bit))
          out.push({ key: datumKey.value(code(target, i), code(ind, i), field), index: i, field });
      });
  } else if (kind === 'surveys')
    for (let i = 0; i < b.rows; i++)
      out.push({ key: datumKey.survey(code(target, i), code(ind, i)), index: i, field: null });
  else if (kind === 'ratings') {
    const [group, evaluator] = [u32('group'), u32('evaluator')];
    for (let i = 0; i < b.rows; i++) {
      const e = code(evaluator, i);
      if (e !== '')
        out.push({
          key: datumKey.rating(evaluatorKey(e), code(group, i), code(target, i), code(ind, i)),
          index: i,
          field: null,
        });
    }
  } else {
    const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
    for (let i = 0; i < b.rows; i++)
      out.push({
        key: datumKey.item(
          code(target, i),
          code(ind, i),
          has[i] ? (points[i] as number) : null,
          code(reason, i),
          code(docNo, i),
        ),
        index: i,
        field: null,
      });
  }
  return out;
}

/** The cell a datum of a block came from (`Sheet!D7`): a value's field's own cell when the block kept it. */
export function datumSource(b: RowBlock, d: DatumRef): string {
  if (b.kind === 'values' && d.field) {
    const own = fieldCellsAt(b, d.index)[d.field];
    if (own) return own;
  }
  return sourceAt(b, d.index);
}

/** A datum of a block in words, for a message: 东湖区的“地区生产总值”目标值. */
export function datumWhat(b: RowBlock, d: DatumRef, names: ReadonlyMap<string, string>): string {
  const name = (c: string) => names.get(c) ?? c;
  const row = blockRows(b, { from: d.index, to: d.index + 1 });
  const who = (target: string, indicator: string) => `${name(target)}的“${name(indicator)}”`;
  switch (b.kind) {
    case 'values': {
      const v = row.values[0] as ValueRow;
      const label = d.field === 'targetValue' ? '目标值' : d.field === 'baseline' ? '基期值' : '';
      return who(v.target, v.indicator) + label;
    }
    case 'surveys': {
      const s = row.surveys[0] as SurveyRow;
      return `${who(s.target, s.indicator)}满意度`;
    }
    case 'ratings': {
      const r = row.ratings[0] as RatingRow;
      return `评价人“${r.evaluator}”对${who(r.target, r.indicator)}的评价`;
    }
    case 'items': {
      const it = row.items[0] as ItemRow;
      return `${name(it.target)}的“${it.reason}”`;
    }
  }
}

/**
 * What a source covers, which a re-import of it (the same file name, sheet and kind) must cover
 * again to replace it: leaf and field for values, evaluator and group for ratings, the leaf for
 * surveys and items.
 */
export const coverageKey = {
  value: (indicator: string, field: ValueField) => `${indicator}|${field}`,
  rating: (evaluator: string, group: string) => `${evaluator}|${group}`,
  leaf: (indicator: string) => indicator,
};

/** The coverage keys of one kind of rows (see coverageKey), each once. */
export function coverageOf(kind: DataKind, rows: CodedRows): string[] {
  const b = toBlock(kind, rows);
  const out = new Set<string>();
  const t = b.texts;
  const { u32, u8 } = columns(b);
  const ind = u32('indicator');
  if (kind === 'values') {
    const present = u8('present');
    for (let i = 0; i < b.rows; i++)
      VALUE_FIELDS.forEach((f, bit) => {
        if ((present[i] as number) & (1 << bit)) out.add(coverageKey.value(t[ind[i] as number] as string, f));
      });
  } else if (kind === 'ratings') {
    const [group, evaluator] = [u32('group'), u32('evaluator')];
    for (let i = 0; i < b.rows; i++)
      out.add(coverageKey.rating(t[evaluator[i] as number] as string, t[group[i] as number] as string));
  } else for (let i = 0; i < b.rows; i++) out.add(coverageKey.leaf(t[ind[i] as number] as string));
  return [...out];
}
