import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { ComputeInput } from './compute';
import type { Sha256 } from './hash';
import { canonicalJson, createSha256, Utf8Stream } from './hash';
import { compareCodes } from './stats';

/** Makes a fresh SHA-256 hasher. The pure one is the default; the main process passes node:crypto's. */
export type HasherFactory = () => Sha256;

/** The fields of a row, written as UTF-8 straight into a buffer bound for the hasher. */
class ByteSink extends Utf8Stream {
  constructor(h: Sha256) {
    super((bytes) => h.updateBytes(bytes));
  }
  /** A length-prefixed field ("3:abc"), unambiguous without escaping; null is "~". */
  field(s: string | null) {
    if (s === null) return this.byte(0x7e);
    this.text(String(s.length));
    this.byte(0x3a);
    this.text(s);
  }
  private view = new DataView(this.buf.buffer);
  /** A number as "#" and its 8 bytes, little-endian on every machine (0 for −0, one NaN for all); null is "~". */
  num(x: number | null) {
    if (x === null) return this.byte(0x7e);
    if (this.n >= 65536) this.flush();
    this.buf[this.n++] = 0x23;
    this.view.setFloat64(this.n, Number.isNaN(x) ? NaN : x === 0 ? 0 : x, true);
    this.n += 8;
  }
}

const cmpStr = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
const cmpNum = (a: number | null, b: number | null) =>
  a === b
    ? 0
    : a === null
      ? -1
      : b === null
        ? 1
        : a < b
          ? -1
          : a > b
            ? 1
            : Number.isNaN(a)
              ? Number.isNaN(b)
                ? 0
                : 1
              : -1;
const cmpGrade = (a: string | number | null, b: string | number | null) =>
  typeof a === 'number' && typeof b === 'number'
    ? cmpNum(a, b)
    : typeof a === 'number'
      ? -1
      : typeof b === 'number'
        ? 1
        : cmpStr(a, b);

interface Kind<R> {
  tag: string;
  /** Orders rows that share indicator and target, on every field written. */
  compare: (a: R, b: R) => number;
  write: (out: ByteSink, r: R) => void;
}

const VALUES: Kind<ValueRow> = {
  tag: 'values',
  compare: (a, b) =>
    cmpNum(a.value, b.value) || cmpNum(a.targetValue, b.targetValue) || cmpNum(a.baseline, b.baseline),
  write: (o, r) => {
    o.num(r.value);
    o.num(r.targetValue);
    o.num(r.baseline);
  },
};
const RATINGS: Kind<RatingRow> = {
  tag: 'ratings',
  compare: (a, b) =>
    cmpStr(a.group, b.group) ||
    cmpStr(a.evaluator, b.evaluator) ||
    cmpStr(a.evaluatorTarget, b.evaluatorTarget) ||
    cmpGrade(a.grade, b.grade),
  write: (o, r) => {
    o.field(r.group);
    o.field(r.evaluator);
    o.field(r.evaluatorTarget);
    if (typeof r.grade === 'number') o.num(r.grade);
    else o.field(r.grade);
  },
};
const SURVEYS: Kind<SurveyRow> = {
  tag: 'surveys',
  compare: (a, b) =>
    cmpNum(a.counts.verySatisfied, b.counts.verySatisfied) ||
    cmpNum(a.counts.satisfied, b.counts.satisfied) ||
    cmpNum(a.counts.basic, b.counts.basic) ||
    cmpNum(a.counts.dissatisfied, b.counts.dissatisfied) ||
    cmpNum(a.counts.unknown, b.counts.unknown),
  write: (o, r) => {
    const c = r.counts;
    o.num(c.verySatisfied);
    o.num(c.satisfied);
    o.num(c.basic);
    o.num(c.dissatisfied);
    o.num(c.unknown);
  },
};
const ITEMS: Kind<ItemRow> = {
  tag: 'items',
  compare: (a, b) => cmpNum(a.points, b.points) || cmpStr(a.reason, b.reason) || cmpStr(a.docNo, b.docNo),
  write: (o, r) => {
    o.num(r.points);
    o.field(r.reason);
    o.field(r.docNo);
  },
};

/**
 * SHA-256 of a compute's input in a canonical form, so that the order rows arrived in does not
 * change it. Rows of each kind are ordered by (indicator in scheme order, target in code order) with
 * a counting sort, rows sharing both by their fields; rows naming codes the scheme does not know
 * follow, ordered by those codes. The order of categories, indicators and groups is part of the
 * input (it is how results are laid out); the order of targets is not.
 */
export function hashInput(
  input: ComputeInput,
  engineVersion: string,
  hasher: HasherFactory = createSha256,
): string {
  const { scheme, data, previous } = input;
  const h = hasher();
  const out = new ByteSink(h);
  const targets = [...scheme.targets].sort((a, b) => compareCodes(a.code, b.code));
  out.text(
    canonicalJson(
      {
        engine: engineVersion,
        scheme: { ...scheme, targets },
        previous:
          previous === null
            ? null
            : {
                name: previous.name,
                ranks: previous.ranks.map((r) => JSON.stringify([r.group, r.target, r.rank])).sort(),
                values: previous.values
                  .map((v) => JSON.stringify([v.indicator, v.target, String(v.value)]))
                  .sort(),
              },
      },
      { lenient: true },
    ),
  );
  const indicatorIndex = new Map<string, number>();
  for (const i of scheme.indicators)
    if (!indicatorIndex.has(i.code)) indicatorIndex.set(i.code, indicatorIndex.size);
  const targetIndex = new Map<string, number>();
  for (const t of targets) if (!targetIndex.has(t.code)) targetIndex.set(t.code, targetIndex.size);
  const codes = {
    indicatorIndex,
    targetIndex,
    indicators: [...indicatorIndex.keys()],
    targets: [...targetIndex.keys()],
  };
  addRows(out, data.values, VALUES, codes);
  addRows(out, data.ratings, RATINGS, codes);
  addRows(out, data.surveys, SURVEYS, codes);
  addRows(out, data.items, ITEMS, codes);
  out.end();
  return h.hex();
}

function addRows<R extends { indicator: string; target: string }>(
  out: ByteSink,
  rows: readonly R[],
  kind: Kind<R>,
  codes: {
    indicatorIndex: Map<string, number>;
    targetIndex: Map<string, number>;
    indicators: string[];
    targets: string[];
  },
): void {
  out.text(`\n${kind.tag}\n`);
  const nT = codes.targets.length;
  const nKeys = codes.indicators.length * nT;
  const keys = new Int32Array(rows.length);
  const unknown: R[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as R;
    const i = codes.indicatorIndex.get(r.indicator);
    const t = codes.targetIndex.get(r.target);
    if (i === undefined || t === undefined) {
      keys[k] = -1;
      unknown.push(r);
    } else keys[k] = i * nT + t;
  }
  // Row numbers ordered by key: a counting sort when the key space is reasonable, else a comparison sort.
  let order: Int32Array;
  if (nKeys <= 8 * rows.length + 1024) {
    const start = new Int32Array(nKeys + 1);
    for (let k = 0; k < rows.length; k++) {
      const key = keys[k] as number;
      if (key >= 0) start[key + 1] = (start[key + 1] as number) + 1;
    }
    for (let i = 0; i < nKeys; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
    order = new Int32Array(rows.length - unknown.length);
    for (let k = 0; k < rows.length; k++) {
      const key = keys[k] as number;
      if (key < 0) continue;
      const at = start[key] as number;
      order[at] = k;
      start[key] = at + 1;
    }
  } else {
    order = Int32Array.from(keys.keys()).filter((k) => (keys[k] as number) >= 0);
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  }
  const bucket: R[] = [];
  let p = 0;
  while (p < order.length) {
    const key = keys[order[p] as number] as number;
    let q = p + 1;
    while (q < order.length && keys[order[q] as number] === key) q++;
    out.byte(0x40);
    out.field(codes.indicators[Math.floor(key / nT)] as string);
    out.field(codes.targets[key % nT] as string);
    bucket.length = 0;
    for (let k = p; k < q; k++) bucket.push(rows[order[k] as number] as R);
    if (bucket.length > 1) bucket.sort(kind.compare);
    for (const r of bucket) {
      kind.write(out, r);
      out.byte(0x0a);
    }
    p = q;
  }
  unknown.sort(
    (a, b) => cmpStr(a.indicator, b.indicator) || cmpStr(a.target, b.target) || kind.compare(a, b),
  );
  for (const r of unknown) {
    out.byte(0x40);
    out.field(r.indicator);
    out.field(r.target);
    kind.write(out, r);
    out.byte(0x0a);
  }
}
