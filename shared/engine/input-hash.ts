import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { ComputeInput } from './compute';
import type { Sha256 } from './hash';
import { canonicalJson, createSha256 } from './hash';
import { compareCodes } from './stats';

/** Makes a fresh SHA-256 hasher. The pure one is the default; the main process passes node:crypto's. */
export type HasherFactory = () => Sha256;

/** Length-prefixed field: unambiguous without escaping ("3:abc"); null is "~". */
const f = (s: string | null): string => (s === null ? '~' : `${s.length}:${s}`);
const num = (x: number | null): string => (x === null ? '~' : String(x));

const valueText = (r: ValueRow) => `v${num(r.value)},${num(r.targetValue)},${num(r.baseline)}\n`;
const ratingText = (r: RatingRow) =>
  `r${f(r.group)}${f(r.evaluator)}${f(r.evaluatorTarget)}${typeof r.grade === 'number' ? `#${r.grade}` : f(r.grade)}\n`;
const surveyText = (r: SurveyRow) => {
  const c = r.counts;
  return `s${c.verySatisfied},${c.satisfied},${c.basic},${c.dissatisfied},${c.unknown}\n`;
};
const itemText = (r: ItemRow) => `i${num(r.points)}${f(r.reason)}${f(r.docNo)}\n`;

/** Feeds text to a hasher in chunks of about 64 KB: one call per row would cost more than the hashing. */
function chunked(h: Sha256) {
  let chunk = '';
  return {
    add(s: string) {
      chunk += s;
      if (chunk.length >= 65536) {
        h.update(chunk);
        chunk = '';
      }
    },
    end() {
      if (chunk !== '') h.update(chunk);
      chunk = '';
    },
  };
}

/**
 * SHA-256 of a compute's input in a canonical form, so that the order rows arrived in does not
 * change it. Rows of each kind are ordered by (indicator in scheme order, target in code order) with
 * a counting sort, rows sharing both sorted by their text; rows naming codes the scheme does not
 * know follow, sorted. The order of categories, indicators and groups is part of the input (it is how
 * results are laid out); the order of targets is not.
 */
export function hashInput(
  input: ComputeInput,
  engineVersion: string,
  hasher: HasherFactory = createSha256,
): string {
  const { scheme, data, previous } = input;
  const h = hasher();
  const out = chunked(h);
  const targets = [...scheme.targets].sort((a, b) => compareCodes(a.code, b.code));
  out.add(
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
  addRows(out, '\nvalues\n', data.values, valueText, codes);
  addRows(out, '\nratings\n', data.ratings, ratingText, codes);
  addRows(out, '\nsurveys\n', data.surveys, surveyText, codes);
  addRows(out, '\nitems\n', data.items, itemText, codes);
  out.end();
  return h.hex();
}

function addRows<R extends { indicator: string; target: string }>(
  out: ReturnType<typeof chunked>,
  title: string,
  rows: readonly R[],
  text: (r: R) => string,
  codes: {
    indicatorIndex: Map<string, number>;
    targetIndex: Map<string, number>;
    indicators: string[];
    targets: string[];
  },
): void {
  out.add(title);
  const nT = codes.targets.length;
  const nKeys = codes.indicators.length * nT;
  const keys = new Int32Array(rows.length);
  const unknown: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as R;
    const i = codes.indicatorIndex.get(r.indicator);
    const t = codes.targetIndex.get(r.target);
    if (i === undefined || t === undefined) {
      keys[k] = -1;
      unknown.push(k);
    } else keys[k] = i * nT + t;
  }
  // Counting sort of row numbers by key (stable), when the key space is reasonable; else a comparison sort.
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
  let p = 0;
  while (p < order.length) {
    const key = keys[order[p] as number] as number;
    let q = p + 1;
    while (q < order.length && keys[order[q] as number] === key) q++;
    out.add(
      `@${f(codes.indicators[Math.floor(key / nT)] as string)}${f(codes.targets[key % nT] as string)}\n`,
    );
    if (q - p === 1) out.add(text(rows[order[p] as number] as R));
    else {
      const lines: string[] = [];
      for (let k = p; k < q; k++) lines.push(text(rows[order[k] as number] as R));
      lines.sort();
      for (const line of lines) out.add(line);
    }
    p = q;
  }
  const rest = unknown.map((k) => {
    const r = rows[k] as R;
    return `@${f(r.indicator)}${f(r.target)}\n${text(r)}`;
  });
  rest.sort();
  for (const line of rest) out.add(line);
}
