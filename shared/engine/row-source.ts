import type { CycleData, SurveyCounts } from '../domain/data';
import type { RowBlock } from '../domain/row-block';
import { BLOCK_COLUMNS, columns, NONE } from '../domain/row-block';

/** Rows handed over one at a time, as fields: a workspace reads them from its batch records. */
export interface RowSink {
  value(
    target: string,
    indicator: string,
    value: number | null,
    targetValue: number | null,
    baseline: number | null,
  ): void;
  rating(
    target: string,
    indicator: string,
    group: string,
    evaluator: string,
    evaluatorTarget: string | null,
    grade: string | number | null,
  ): void;
  survey(target: string, indicator: string, counts: SurveyCounts): void;
  item(target: string, indicator: string, points: number | null, reason: string, docNo: string): void;
}

/** Some rows of a cycle's data: hands each to the sink. */
export type RowSource = (sink: RowSink) => void;

/** The rows of CycleData as a RowSource. */
export function rowsOf(data: CycleData): RowSource {
  return (sink) => {
    for (const v of data.values) sink.value(v.target, v.indicator, v.value, v.targetValue, v.baseline);
    for (const r of data.ratings)
      sink.rating(r.target, r.indicator, r.group, r.evaluator, r.evaluatorTarget, r.grade);
    for (const s of data.surveys) sink.survey(s.target, s.indicator, s.counts);
    for (const i of data.items) sink.item(i.target, i.indicator, i.points, i.reason, i.docNo);
  };
}

/**
 * The rows of a block (or only the rows at positions `only`) handed over as fields straight from
 * its columns: no object is made per row (a million ratings become counts, not a million objects).
 */
export function blockSource(b: RowBlock, only?: Uint32Array): RowSource {
  return (sink) => {
    const t = b.texts;
    const text = (x: number) => t[x] as string;
    const { u32, f64, u8 } = columns(b);
    const target = u32('target');
    const indicator = u32('indicator');
    const n = only ? only.length : b.rows;
    if (b.kind === 'values') {
      const [present, v, tv, bl] = [u8('present'), f64('value'), f64('targetValue'), f64('baseline')];
      for (let q = 0; q < n; q++) {
        const i = only ? (only[q] as number) : q;
        const p = present[i] as number;
        sink.value(
          text(target[i] as number),
          text(indicator[i] as number),
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
      for (let q = 0; q < n; q++) {
        const i = only ? (only[q] as number) : q;
        const k = gk[i] as number;
        const e = et[i] as number;
        sink.rating(
          text(target[i] as number),
          text(indicator[i] as number),
          text(group[i] as number),
          text(evaluator[i] as number),
          e === NONE ? null : text(e),
          k === 0 ? null : k === 1 ? text(gt[i] as number) : (gn[i] as number),
        );
      }
    } else if (b.kind === 'surveys') {
      const [a, s, ba, d, u] = [
        f64('verySatisfied'),
        f64('satisfied'),
        f64('basic'),
        f64('dissatisfied'),
        f64('unknown'),
      ];
      for (let q = 0; q < n; q++) {
        const i = only ? (only[q] as number) : q;
        sink.survey(text(target[i] as number), text(indicator[i] as number), {
          verySatisfied: a[i] as number,
          satisfied: s[i] as number,
          basic: ba[i] as number,
          dissatisfied: d[i] as number,
          unknown: u[i] as number,
        });
      }
    } else {
      const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
      for (let q = 0; q < n; q++) {
        const i = only ? (only[q] as number) : q;
        sink.item(
          text(target[i] as number),
          text(indicator[i] as number),
          has[i] ? (points[i] as number) : null,
          text(reason[i] as number),
          text(docNo[i] as number),
        );
      }
    }
  };
}

/**
 * What a re-imported sheet changed, row by row in place: the positions of `before`'s rows that
 * differ from the row at the same position of `after` (or have none there), and the positions of
 * `after`'s that differ (or are new). Taking away the first and adding the second does to counted
 * data what taking away all of `before` and adding all of `after` does — the rows alike in both
 * cancel — so a corrected sheet costs its corrections, not its size. Where rows come from is not
 * compared (a row moved up a line is changed, which is only slower, never wrong).
 */
export function changedRows(before: RowBlock, after: RowBlock): { gone: Uint32Array; came: Uint32Array } {
  if (before.kind !== after.kind) throw new Error(`${before.kind} rows compared with ${after.kind}`);
  const common = Math.min(before.rows, after.rows);
  const differs = new Uint8Array(common);
  const a = columns(before);
  const b = columns(after);
  for (const [name, type] of BLOCK_COLUMNS[before.kind]) {
    if (type === 'u32') {
      const x = a.u32(name);
      const y = b.u32(name);
      const tx = before.texts;
      const ty = after.texts;
      for (let i = 0; i < common; i++) {
        const p = x[i] as number;
        const q = y[i] as number;
        if (p === NONE || q === NONE ? p !== q : tx[p] !== ty[q]) differs[i] = 1;
      }
    } else if (type === 'f64') {
      const x = a.f64(name);
      const y = b.f64(name);
      for (let i = 0; i < common; i++) if (!Object.is(x[i], y[i])) differs[i] = 1;
    } else {
      const x = a.u8(name);
      const y = b.u8(name);
      for (let i = 0; i < common; i++) if (x[i] !== y[i]) differs[i] = 1;
    }
  }
  const positions = (rows: number) => {
    let count = rows - common;
    for (let i = 0; i < common; i++) count += differs[i] as number;
    const out = new Uint32Array(count);
    let k = 0;
    for (let i = 0; i < common; i++) if (differs[i] === 1) out[k++] = i;
    for (let i = common; i < rows; i++) out[k++] = i;
    return out;
  };
  return { gone: positions(before.rows), came: positions(after.rows) };
}
