/**
 * SHA-256 (FIPS 180-4) over UTF-8, in plain TypeScript so that the pure layer can hash the inputs of
 * a compute. Streaming: text is encoded into a fixed buffer as it arrives, so hashing megabytes of
 * rows never builds one giant string. Checked against the FIPS vectors and node:crypto in tests.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Runs the compression function over the 64-byte blocks of `b` in [0, end). */
function blocks(h: Int32Array, w: Int32Array, b: Uint8Array, end: number): void {
  for (let off = 0; off < end; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] =
        ((b[j] as number) << 24) |
        ((b[j + 1] as number) << 16) |
        ((b[j + 2] as number) << 8) |
        (b[j + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const c = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((c >>> 17) | (c << 15)) ^ ((c >>> 19) | (c << 13)) ^ (c >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h[0] as number;
    let bb = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + bb) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
}

export interface Sha256 {
  /** Adds the UTF-8 bytes of a string (lone surrogates as U+FFFD, as TextEncoder does). */
  update(s: string): Sha256;
  /** Adds raw bytes. */
  updateBytes(bytes: Uint8Array): Sha256;
  /** The hash as 64 hex digits; the hasher cannot be used afterwards. */
  hex(): string;
}

const BUFFER = 1 << 16; // a multiple of 64

export function createSha256(): Sha256 {
  const h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Int32Array(64);
  const buf = new Uint8Array(BUFFER + 8);
  let n = 0; // bytes in buf
  let total = 0; // bytes hashed so far, excluding buf
  const flush = () => {
    const full = n & ~63;
    blocks(h, w, buf, full);
    total += full;
    buf.copyWithin(0, full, n);
    n -= full;
  };
  const self: Sha256 = {
    update(s: string) {
      const u = new Utf8Stream((bytes) => self.updateBytes(bytes));
      u.text(s);
      u.end();
      return self;
    },
    updateBytes(bytes: Uint8Array) {
      let i = 0;
      // Fill the pending block, then hash whole blocks straight from the input.
      while (n > 0 && i < bytes.length && n < 64) buf[n++] = bytes[i++] as number;
      if (n === 64) flush();
      if (n === 0) {
        const whole = (bytes.length - i) & ~63;
        if (whole > 0) {
          blocks(h, w, bytes.subarray(i, i + whole), whole);
          total += whole;
          i += whole;
        }
      }
      for (; i < bytes.length; i++) {
        if (n >= BUFFER) flush();
        buf[n++] = bytes[i] as number;
      }
      return self;
    },
    hex() {
      flush();
      const bits = (total + n) * 8;
      const tail = new Uint8Array(n + 9 <= 64 ? 64 : 128);
      tail.set(buf.subarray(0, n));
      tail[n] = 0x80;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
      view.setUint32(tail.length - 4, bits >>> 0);
      blocks(h, w, tail, tail.length);
      let out = '';
      for (const x of h) out += (x >>> 0).toString(16).padStart(8, '0');
      return out;
    },
  };
  return self;
}

export const sha256 = (s: string): string => createSha256().update(s).hex();

/**
 * Encodes text as UTF-8 into a fixed buffer and hands it on 64 KB at a time: megabytes of text are
 * hashed without building one giant string or byte array. Lone surrogates become U+FFFD, as
 * TextEncoder does.
 */
export class Utf8Stream {
  protected buf = new Uint8Array(65536 + 8);
  protected n = 0;
  constructor(private readonly out: (bytes: Uint8Array) => void) {}
  protected flush() {
    this.out(this.buf.subarray(0, this.n));
    this.n = 0;
  }
  byte(c: number) {
    if (this.n >= 65536) this.flush();
    this.buf[this.n++] = c;
  }
  text(s: string) {
    const buf = this.buf;
    for (let i = 0; i < s.length; i++) {
      if (this.n >= 65536) this.flush();
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[this.n++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x800) {
        buf[this.n++] = 0xc0 | (c >> 6);
        buf[this.n++] = 0x80 | (c & 63);
      } else if (c < 0x10000) {
        buf[this.n++] = 0xe0 | (c >> 12);
        buf[this.n++] = 0x80 | ((c >> 6) & 63);
        buf[this.n++] = 0x80 | (c & 63);
      } else {
        buf[this.n++] = 0xf0 | (c >> 18);
        buf[this.n++] = 0x80 | ((c >> 12) & 63);
        buf[this.n++] = 0x80 | ((c >> 6) & 63);
        buf[this.n++] = 0x80 | (c & 63);
      }
    }
  }
  /** Hands on what is buffered. */
  end() {
    if (this.n > 0) this.flush();
  }
}

/** UTF-8 bytes of a string, lone surrogates as U+FFFD (what the hasher feeds itself). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * JSON with object keys sorted at every level, so that equal values give equal text
 * (and equal hashes) whatever order their keys were built in.
 */
export function canonicalJson(value: unknown, opts: { lenient?: boolean } = {}): string {
  // Objects of one shape come in runs (a scheme's 5,000 targets): their sorted keys, quoted, are
  // worked out once per run of the same keys.
  let lastKeys: string[] = [];
  let lastSorted: string[] = [];
  const sortedKeys = (keys: string[]): string[] => {
    let same = keys.length === lastKeys.length;
    for (let i = 0; same && i < keys.length; i++) same = keys[i] === lastKeys[i];
    if (!same) {
      lastKeys = keys;
      lastSorted = [...keys].sort();
    }
    return lastSorted;
  };
  const walk = (v: unknown): string => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        // Hashing must not fail on bad input (compute reports it as an issue); storing must.
        if (opts.lenient) return `{"$number":"${v}"}`;
        throw new RangeError(`cannot serialise ${v}`);
      }
      return JSON.stringify(v) ?? 'null';
    }
    if (Array.isArray(v)) {
      let out = '[';
      for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + walk(v[i]);
      return `${out}]`;
    }
    const obj = v as Record<string, unknown>;
    const keys = sortedKeys(Object.keys(obj));
    let out = '{';
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const x = obj[k];
      if (x === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${walk(x)}`;
      first = false;
    }
    return `${out}}`;
  };
  return walk(value);
}
