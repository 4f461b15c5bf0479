import type { MissingPolicy } from '../../../shared/domain/method';
import type { ComputeResult, LeafColumns, TargetScore } from '../../../shared/domain/result';

/**
 * A stored result in two parts (migration 005): the JSON of everything but the targets' leaf
 * columns, and those columns as one binary record — the raw value, score and points of every
 * target's every leaf are 5,000 × 60 numbers each in a big cycle, most of a 14 MB JSON that took
 * longer to write and read back than computing it. Each target's leaf codes are its category's,
 * kept once per category in the JSON (`leafIndicators`).
 *
 * The record, little-endian: u32 magic 'AWR1', u32 cells, then per cell (targets in order, their
 * leaves in order) f64 raw, f64 score, f64 points (a null raw or score as NaN: neither is ever
 * NaN otherwise), then u8 imputed (0 none, else the policy's position in IMPUTED + 1).
 */
const MAGIC = 0x31525741; // 'AWR1'
const IMPUTED: readonly MissingPolicy[] = ['error', 'zero', 'peerMin', 'peerMean'];

/** The JSON part: the result without leaf columns, and each category's leaf codes. */
export interface StoredResultJson extends Omit<ComputeResult, 'targets'> {
  targets: Omit<TargetScore, 'leaves'>[];
  leafIndicators: Record<string, string[]>;
}

export function splitResult(r: ComputeResult): { json: string; leaves: Buffer } {
  const leafIndicators: Record<string, string[]> = {};
  let cells = 0;
  for (const t of r.targets) {
    leafIndicators[t.category] ??= t.leaves.indicator;
    cells += t.leaves.indicator.length;
  }
  const buf = Buffer.alloc(8 + cells * 25);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(cells, 4);
  const f = new Float64Array(cells * 3);
  const u = new Uint8Array(cells);
  let k = 0;
  for (const t of r.targets) {
    const own = leafIndicators[t.category] as string[];
    const c = t.leaves;
    if (c.indicator !== own && c.indicator.join('\u0000') !== own.join('\u0000'))
      throw new Error(`target ${t.code}'s leaves differ from its category's`);
    for (let i = 0; i < c.indicator.length; i++, k++) {
      const raw = c.raw[i] ?? null;
      const score = c.score[i] ?? null;
      f[3 * k] = raw === null ? NaN : raw + 0; // + 0: −0 is stored as 0, as JSON writes it
      f[3 * k + 1] = score === null ? NaN : score + 0;
      f[3 * k + 2] = (c.points[i] as number) + 0;
      const imp = c.imputed[i] ?? null;
      u[k] = imp === null ? 0 : IMPUTED.indexOf(imp) + 1;
    }
  }
  Buffer.from(f.buffer).copy(buf, 8);
  Buffer.from(u.buffer).copy(buf, 8 + cells * 24);
  const json = JSON.stringify({
    ...r,
    targets: r.targets.map(({ leaves: _l, ...t }) => t),
    leafIndicators,
  } satisfies StoredResultJson);
  return { json, leaves: buf };
}

/** A stored result read back: the JSON alone (a result stored before migration 005), or both parts. */
export function joinResult(json: string, leaves: Buffer | null): ComputeResult {
  const parsed = JSON.parse(json) as ComputeResult | StoredResultJson;
  if (leaves === null) return parsed as ComputeResult;
  const stored = parsed as StoredResultJson;
  if (leaves.length < 8 || leaves.readUInt32LE(0) !== MAGIC) throw new Error('damaged result record');
  const cells = leaves.readUInt32LE(4);
  if (leaves.length !== 8 + cells * 25) throw new Error('damaged result record');
  const f = new Float64Array(cells * 3);
  Buffer.from(f.buffer).set(leaves.subarray(8, 8 + cells * 24));
  const u = leaves.subarray(8 + cells * 24);
  let k = 0;
  const targets: TargetScore[] = stored.targets.map((t) => {
    const indicator = stored.leafIndicators[t.category] ?? [];
    const n = indicator.length;
    const c: LeafColumns = {
      indicator,
      raw: new Array<number | null>(n),
      score: new Array<number | null>(n),
      points: new Array<number>(n),
      imputed: new Array<MissingPolicy | null>(n),
    };
    for (let i = 0; i < n; i++, k++) {
      if (k >= cells) throw new Error('damaged result record');
      const raw = f[3 * k] as number;
      const score = f[3 * k + 1] as number;
      c.raw[i] = Number.isNaN(raw) ? null : raw;
      c.score[i] = Number.isNaN(score) ? null : score;
      c.points[i] = f[3 * k + 2] as number;
      const imp = u[k] as number;
      c.imputed[i] = imp === 0 ? null : (IMPUTED[imp - 1] ?? null);
    }
    // the key order of a computed TargetScore: leaves between subtotals and adjustments
    const { adjustments, topLosses, ...head } = t;
    return { ...head, leaves: c, adjustments, topLosses } as TargetScore;
  });
  if (k !== cells) throw new Error('damaged result record');
  const { leafIndicators: _li, ...rest } = stored;
  return { ...rest, targets };
}
