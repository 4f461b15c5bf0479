import type { ItemRow, RatingRow, SurveyRow, ValueRow } from '../domain/data';
import type { RowBlock } from '../domain/row-block';
import { columns, NONE } from '../domain/row-block';

/**
 * The digest of a multiset of data rows: the sum, modulo 2¹²⁸, of a 128-bit hash of each row
 * (an additive multiset hash, Clarke et al. 2003). It does not depend on the order rows come in,
 * nor on how they are split into batches: the digest of a cycle's data is the sum of its batches'
 * digests, so each batch is hashed once, when it is imported, and withdrawing or restoring it
 * subtracts or adds its digest. Any change of the data changes the digest, but for a chance of
 * 2⁻¹²⁸; it is a fingerprint, not a seal against someone who chooses rows to forge one (that is
 * the audit chain's job).
 *
 * A row's hash is MurmurHash3 x86_128's mixing run over its fields, each field first made 16 bytes
 * (a text by its own 128-bit hash, kept per distinct text: a long sheet repeats a few thousand
 * names; a number by its IEEE 754 bits, −0 as 0 and one NaN for all; null and a text or number
 * told apart by a tag), seeded per kind of row.
 */
export class Digest {
  /** Little-endian 32-bit lanes: lanes[0] is the least significant. */
  readonly lanes = new Uint32Array(4);

  static zero(): Digest {
    return new Digest();
  }

  static fromHex(hex: string): Digest {
    if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`not a digest: ${hex}`);
    const d = new Digest();
    for (let i = 0; i < 4; i++) d.lanes[3 - i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
    return d;
  }

  copy(): Digest {
    const d = new Digest();
    d.lanes.set(this.lanes);
    return d;
  }

  /** Adds another digest (the union of two multisets). */
  add(o: Digest): this {
    addLanes(
      this.lanes,
      o.lanes[0] as number,
      o.lanes[1] as number,
      o.lanes[2] as number,
      o.lanes[3] as number,
    );
    return this;
  }

  /** Subtracts another digest (takes a sub-multiset away): adds its two's complement. */
  sub(o: Digest): this {
    const n = o.copy();
    for (let i = 0; i < 4; i++) n.lanes[i] = ~(n.lanes[i] as number);
    addLanes(n.lanes, 1, 0, 0, 0);
    return this.add(n);
  }

  equals(o: Digest): boolean {
    return this.lanes.every((x, i) => x === o.lanes[i]);
  }

  /** 32 hex digits, most significant first. */
  hex(): string {
    let s = '';
    for (let i = 3; i >= 0; i--) s += (this.lanes[i] as number).toString(16).padStart(8, '0');
    return s;
  }
}

function addLanes(l: Uint32Array, a: number, b: number, c: number, d: number): void {
  let carry = 0;
  const parts = [a, b, c, d];
  for (let i = 0; i < 4; i++) {
    const s = (l[i] as number) + (parts[i] as number) + carry;
    l[i] = s >>> 0;
    carry = s > 0xffffffff ? 1 : 0;
  }
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;
const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
const fmix = (h: number) => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
};

/** MurmurHash3 x86_128's state over a stream of 16-byte blocks (in a typed array: it is the hot loop). */
class Murmur128 {
  private readonly h = new Int32Array(5); // h1..h4, and the count of blocks

  reset(seed: number): this {
    const h = this.h;
    h[0] = h[1] = h[2] = h[3] = seed;
    h[4] = 0;
    return this;
  }

  block(k1: number, k2: number, k3: number, k4: number): void {
    const h = this.h;
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h[0] = Math.imul(rotl((h[0] as number) ^ k1, 19) + (h[1] as number), 5) + 0x561ccd1b;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h[1] = Math.imul(rotl((h[1] as number) ^ k2, 17) + (h[2] as number), 5) + 0x0bcaa747;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h[2] = Math.imul(rotl((h[2] as number) ^ k3, 15) + (h[3] as number), 5) + 0x96cd1c35;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h[3] = Math.imul(rotl((h[3] as number) ^ k4, 13) + (h[0] as number), 5) + 0x32ac3b17;
    h[4] = (h[4] as number) + 1;
  }

  /** Finalises into `out` (four 32-bit lanes), as MurmurHash3 x86_128 does with the length in bytes. */
  end(out: Uint32Array): void {
    const len = (this.h[4] as number) * 16;
    let h1 = (this.h[0] as number) ^ len;
    let h2 = (this.h[1] as number) ^ len;
    let h3 = (this.h[2] as number) ^ len;
    let h4 = (this.h[3] as number) ^ len;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h3 = fmix(h3);
    h4 = fmix(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    out[0] = h1;
    out[1] = h2;
    out[2] = h3;
    out[3] = h4;
  }
}

/** Field tags: the fourth word of a number's block, and what marks null (a text's block is its hash). */
const TAG_NUMBER = 0x6e756d00;
const TAG_NULL = 0x6e756c6c;

/** Seeds per kind of row, so that a value row and an item row with equal fields differ. */
const SEED = {
  values: 0x76616c75,
  ratings: 0x72617469,
  surveys: 0x73757276,
  items: 0x6974656d,
  previous: 0x70726576,
};

/**
 * Hashes rows into a digest. One hasher keeps the hashes of the texts it has seen (codes, names,
 * grade words), so make one per import or per compute, not per row.
 */
export function createRowHasher() {
  const m = new Murmur128();
  /** A second state for texts: a text is hashed in the middle of its row. */
  const t = new Murmur128();
  const texts = new Map<string, Uint32Array>();
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const out = new Uint32Array(4);
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  const textHash = (s: string): Uint32Array => {
    let h = texts.get(s);
    if (h) return h;
    t.reset(0x74657874);
    // UTF-16 code units, eight to a block, the last block padded with zeros; the length ends it
    for (let i = 0; i < s.length; i += 8) {
      const w = (k: number) => (s.charCodeAt(i + k) || 0) | ((s.charCodeAt(i + k + 1) || 0) << 16);
      t.block(w(0), w(2), w(4), w(6));
    }
    t.block(s.length, 0, 0, 0);
    h = new Uint32Array(4);
    t.end(h);
    if (texts.size > 100_000) texts.clear(); // all-different texts (事由) must not pile up
    texts.set(s, h);
    return h;
  };
  const text = (s: string | null) => {
    if (s === null) return m.block(0, 0, 0, TAG_NULL);
    const h = textHash(s);
    m.block(h[0] as number, h[1] as number, h[2] as number, h[3] as number);
  };
  const num = (x: number | null) => {
    if (x === null) return m.block(0, 0, 0, TAG_NULL);
    f64[0] = x === 0 ? 0 : Number.isNaN(x) ? NaN : x;
    const lo = u32[littleEndian ? 0 : 1] as number;
    const hi = u32[littleEndian ? 1 : 0] as number;
    m.block(lo, hi, 0, TAG_NUMBER);
  };
  const finish = (into: Digest) => {
    m.end(out);
    addLanes(into.lanes, out[0] as number, out[1] as number, out[2] as number, out[3] as number);
  };

  /**
   * The rows of a block, each hashed as its row object would be: a text by its index into the
   * block's texts, each text hashed once (`previous`: its values as compute reads them of a
   * previous cycle, previousValue's rows).
   */
  const rowsOfBlock = (into: Digest, b: RowBlock, previous = false) => {
    const th = new Uint32Array(4 * b.texts.length);
    b.texts.forEach((s, i) => th.set(textHash(s), 4 * i));
    const tx = (i: number) =>
      i === NONE
        ? m.block(0, 0, 0, TAG_NULL)
        : m.block(
            th[4 * i] as number,
            th[4 * i + 1] as number,
            th[4 * i + 2] as number,
            th[4 * i + 3] as number,
          );
    const { u32, f64, u8 } = columns(b);
    const target = u32('target');
    const indicator = u32('indicator');
    const n = b.rows;
    if (b.kind === 'values') {
      const [present, v, tv, bl] = [u8('present'), f64('value'), f64('targetValue'), f64('baseline')];
      for (let i = 0; i < n; i++) {
        const p = present[i] as number;
        if (previous) {
          if (!(p & 1)) continue;
          m.reset(SEED.previous);
          tx(indicator[i] as number);
          tx(target[i] as number);
          num(v[i] as number);
        } else {
          m.reset(SEED.values);
          tx(indicator[i] as number);
          tx(target[i] as number);
          num(p & 1 ? (v[i] as number) : null);
          num(p & 2 ? (tv[i] as number) : null);
          num(p & 4 ? (bl[i] as number) : null);
        }
        finish(into);
      }
    } else if (previous) return;
    else if (b.kind === 'ratings') {
      const [group, evaluator, et, gk, gt, gn] = [
        u32('group'),
        u32('evaluator'),
        u32('evaluatorTarget'),
        u8('gradeKind'),
        u32('gradeText'),
        f64('gradeNumber'),
      ];
      for (let i = 0; i < n; i++) {
        m.reset(SEED.ratings);
        tx(indicator[i] as number);
        tx(target[i] as number);
        tx(group[i] as number);
        tx(evaluator[i] as number);
        tx(et[i] as number);
        const k = gk[i] as number;
        if (k === 2) num(gn[i] as number);
        else tx(k === 0 ? NONE : (gt[i] as number));
        finish(into);
      }
    } else if (b.kind === 'surveys') {
      const levels = [
        f64('verySatisfied'),
        f64('satisfied'),
        f64('basic'),
        f64('dissatisfied'),
        f64('unknown'),
      ];
      for (let i = 0; i < n; i++) {
        m.reset(SEED.surveys);
        tx(indicator[i] as number);
        tx(target[i] as number);
        for (const l of levels) num(l[i] as number);
        finish(into);
      }
    } else {
      const [has, points, reason, docNo] = [u8('hasPoints'), f64('points'), u32('reason'), u32('docNo')];
      for (let i = 0; i < n; i++) {
        m.reset(SEED.items);
        tx(indicator[i] as number);
        tx(target[i] as number);
        num(has[i] ? (points[i] as number) : null);
        tx(reason[i] as number);
        tx(docNo[i] as number);
        finish(into);
      }
    }
  };

  return {
    /** Every row of a block (digestRows of its rows, without making them). */
    block: (into: Digest, b: RowBlock) => rowsOfBlock(into, b),
    /** The values of a block as a previous cycle's (digestPreviousValues of its given values). */
    previousBlock: (into: Digest, b: RowBlock) => rowsOfBlock(into, b, true),
    value(into: Digest, r: ValueRow): void {
      m.reset(SEED.values);
      text(r.indicator);
      text(r.target);
      num(r.value);
      num(r.targetValue);
      num(r.baseline);
      finish(into);
    },
    rating(into: Digest, r: RatingRow): void {
      m.reset(SEED.ratings);
      text(r.indicator);
      text(r.target);
      text(r.group);
      text(r.evaluator);
      text(r.evaluatorTarget);
      if (typeof r.grade === 'number') num(r.grade);
      else text(r.grade);
      finish(into);
    },
    survey(into: Digest, r: SurveyRow): void {
      m.reset(SEED.surveys);
      text(r.indicator);
      text(r.target);
      const c = r.counts;
      num(c.verySatisfied);
      num(c.satisfied);
      num(c.basic);
      num(c.dissatisfied);
      num(c.unknown);
      finish(into);
    },
    item(into: Digest, r: ItemRow): void {
      m.reset(SEED.items);
      text(r.indicator);
      text(r.target);
      num(r.points);
      text(r.reason);
      text(r.docNo);
      finish(into);
    },
    /** A value of the previous cycle as compute reads it (growth baselines). */
    previousValue(into: Digest, r: { indicator: string; target: string; value: number }): void {
      m.reset(SEED.previous);
      text(r.indicator);
      text(r.target);
      num(r.value);
      finish(into);
    },
  };
}
export type RowHasher = ReturnType<typeof createRowHasher>;

/** The digest of rows of every kind (see Digest). */
export function digestRows(
  rows: {
    values?: readonly ValueRow[];
    ratings?: readonly RatingRow[];
    surveys?: readonly SurveyRow[];
    items?: readonly ItemRow[];
  },
  h: RowHasher = createRowHasher(),
): Digest {
  const d = Digest.zero();
  for (const r of rows.values ?? []) h.value(d, r);
  for (const r of rows.ratings ?? []) h.rating(d, r);
  for (const r of rows.surveys ?? []) h.survey(d, r);
  for (const r of rows.items ?? []) h.item(d, r);
  return d;
}

/** The digest of a previous cycle's values as compute reads them. */
export function digestPreviousValues(
  values: readonly { indicator: string; target: string; value: number }[],
  h: RowHasher = createRowHasher(),
): Digest {
  const d = Digest.zero();
  for (const v of values) h.previousValue(d, v);
  return d;
}
