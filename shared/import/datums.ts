import type { DataKind } from '../domain/cycle';
import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { ValueField } from '../domain/issue';
import { matchKey } from '../domain/text';
import type { ParsedSheet } from './parsed-sheet';

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

/** The scope keys of rows of one kind (see scopeKey). */
export function scopeOf(
  kind: DataKind,
  rows: CodedRows,
  evaluatorKey: (s: string) => string = matchKey,
): Set<string> {
  const out = new Set<string>();
  if (kind === 'values')
    for (const v of rows.values ?? [])
      for (const f of VALUE_FIELDS) if (v[f] !== null) out.add(scopeKey.value(v.indicator, f));
  if (kind === 'ratings') {
    // a long sheet repeats a few hundred (evaluator, group) pairs: a key is made once for each
    const seen = new Map<string, Set<string>>();
    for (const r of rows.ratings ?? []) {
      if (r.evaluator === '') continue;
      let groups = seen.get(r.evaluator);
      if (!groups) seen.set(r.evaluator, (groups = new Set()));
      if (groups.has(r.group)) continue;
      groups.add(r.group);
      out.add(scopeKey.rating(evaluatorKey(r.evaluator), r.group));
    }
  }
  if (kind === 'surveys') for (const x of rows.surveys ?? []) out.add(scopeKey.leaf('surveys', x.indicator));
  if (kind === 'items') for (const x of rows.items ?? []) out.add(scopeKey.leaf('items', x.indicator));
  return out;
}

/** Rows of one source by kind, named by codes. */
export interface CodedRows {
  values?: readonly ValueRow[];
  ratings?: readonly RatingRow[];
  surveys?: readonly SurveyRow[];
  items?: readonly ItemRow[];
}

/** A datum of a sheet: its key, and its row (the kind's list and position) for messages. */
export interface DatumRef {
  key: string;
  kind: DataKind;
  index: number;
  field: ValueField | null;
}

/**
 * Every datum rows give, with its key. `evaluatorKey` turns an evaluator's name into its match key
 * (pass a cached one: a long sheet repeats a few hundred names).
 */
export function datumsOf(rows: CodedRows, evaluatorKey: (s: string) => string = matchKey): DatumRef[] {
  const out: DatumRef[] = [];
  (rows.values ?? []).forEach((v, index) => {
    for (const field of VALUE_FIELDS)
      if (v[field] !== null)
        out.push({ key: datumKey.value(v.target, v.indicator, field), kind: 'values', index, field });
  });
  (rows.surveys ?? []).forEach((s, index) =>
    out.push({ key: datumKey.survey(s.target, s.indicator), kind: 'surveys', index, field: null }),
  );
  (rows.ratings ?? []).forEach((r, index) => {
    if (r.evaluator !== '')
      out.push({
        key: datumKey.rating(evaluatorKey(r.evaluator), r.group, r.target, r.indicator),
        kind: 'ratings',
        index,
        field: null,
      });
  });
  (rows.items ?? []).forEach((it, index) =>
    out.push({
      key: datumKey.item(it.target, it.indicator, it.points, it.reason, it.docNo),
      kind: 'items',
      index,
      field: null,
    }),
  );
  return out;
}

/** The cell a datum of a parsed sheet came from (`Sheet!D7`). */
export function datumSource(p: ParsedSheet, d: DatumRef): string {
  if (d.kind === 'values') {
    const v = p.values[d.index] as ParsedSheet['values'][number];
    return (d.field && v.cells[d.field]) ?? v.source;
  }
  const list = d.kind === 'ratings' ? p.ratings : d.kind === 'surveys' ? p.surveys : p.items;
  return (list[d.index] as { source: string }).source;
}

/** A datum of a parsed sheet in words, for a message: 东湖区的“地区生产总值”目标值. */
export function datumWhat(p: ParsedSheet, d: DatumRef, names: ReadonlyMap<string, string>): string {
  const name = (c: string) => names.get(c) ?? c;
  const who = (target: string, indicator: string) => `${name(target)}的“${name(indicator)}”`;
  switch (d.kind) {
    case 'values': {
      const v = p.values[d.index] as ValueRow;
      const label = d.field === 'targetValue' ? '目标值' : d.field === 'baseline' ? '基期值' : '';
      return who(v.target, v.indicator) + label;
    }
    case 'surveys': {
      const s = p.surveys[d.index] as SurveyRow;
      return `${who(s.target, s.indicator)}满意度`;
    }
    case 'ratings': {
      const r = p.ratings[d.index] as RatingRow;
      return `评价人“${r.evaluator}”对${who(r.target, r.indicator)}的评价`;
    }
    case 'items': {
      const it = p.items[d.index] as ItemRow;
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

/** The coverage keys of one kind of rows (see coverageKey). */
export function coverageOf(kind: DataKind, rows: CodedRows): string[] {
  if (kind === 'values')
    return (rows.values ?? []).flatMap((v) =>
      VALUE_FIELDS.filter((f) => v[f] !== null).map((f) => coverageKey.value(v.indicator, f)),
    );
  if (kind === 'ratings') return (rows.ratings ?? []).map((r) => coverageKey.rating(r.evaluator, r.group));
  return (kind === 'surveys' ? (rows.surveys ?? []) : (rows.items ?? [])).map((x) =>
    coverageKey.leaf(x.indicator),
  );
}
