import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { unsupported, XlsxUnsupported } from './errors';

/** One file of the zip, as its central directory describes it. */
export interface ZipEntry {
  /** The name as exceljs keys it: UTF-8, without a leading '/'. */
  readonly name: string;
  readonly method: 0 | 8;
  readonly compressedSize: number;
  /** What the directory says the entry inflates to; inflation stops past it. */
  readonly size: number;
  /** Where the entry's data begins (after its local header, which was checked). */
  readonly dataOffset: number;
  /** The CRC-32 the directory gives for the inflated bytes: a bit flipped in transit shows. */
  readonly crc: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
/** A central directory larger than this belongs to no workbook (a few KB is usual). */
const MAX_DIRECTORY = 16 * 1024 * 1024;
/** Output buffer of the streaming inflater: fewer, larger chunks for the scanner. */
const INFLATE_CHUNK = 256 * 1024;

/**
 * A zip read through a file handle: the end record and central directory are read from the end of
 * the file, and each entry's bytes only when asked for, so a big workbook never sits in memory.
 * Refuses (XlsxUnsupported) what JSZip, and so exceljs, would refuse or read differently: ZIP64,
 * encryption, methods other than stored and deflate, prepended data, duplicate names, local headers
 * that disagree with the directory, entries that inflate to another size than declared.
 */
export class ZipReader {
  private constructor(
    private readonly file: string,
    private readonly fh: FileHandle,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  static async open(file: string): Promise<ZipReader> {
    const fh = await open(file, 'r');
    try {
      const entries = await readDirectory(fh);
      return new ZipReader(file, fh, entries);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  /** A whole entry in memory: for the small parts (workbook, styles, shared strings, small sheets). */
  async read(entry: ZipEntry): Promise<Buffer> {
    const packed = Buffer.alloc(entry.compressedSize);
    const { bytesRead } = await this.fh.read(packed, 0, packed.length, entry.dataOffset);
    if (bytesRead !== packed.length) unsupported(`${entry.name}: the file ends inside the entry`);
    if (entry.method === 0) {
      if (packed.length !== entry.size) unsupported(`${entry.name}: stored size differs from declared size`);
      if (crc32(packed) >>> 0 !== entry.crc) damaged(entry);
      return packed;
    }
    let out: Buffer;
    try {
      // one byte of slack so that "inflates past its size" is told from "inflates to its size"
      out = inflateRawSync(packed, { maxOutputLength: entry.size + 1 });
    } catch (e) {
      throw new XlsxUnsupported(`${entry.name}: cannot inflate (${(e as Error).message})`);
    }
    if (out.length !== entry.size) unsupported(`${entry.name}: inflates to another size than declared`);
    if (crc32(out) >>> 0 !== entry.crc) damaged(entry);
    return out;
  }

  /**
   * An entry inflated chunk by chunk (a big sheet), never past its declared size. `onCompressed`
   * gets the compressed bytes consumed so far, for progress.
   */
  async *stream(entry: ZipEntry, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer> {
    if (entry.compressedSize === 0) {
      if (entry.method === 0 && entry.size === 0) return;
      unsupported(`${entry.name}: empty data for a non-empty entry`);
    }
    const input = createReadStream(this.file, {
      start: entry.dataOffset,
      end: entry.dataOffset + entry.compressedSize - 1,
      highWaterMark: 1024 * 1024,
    });
    const inflater = entry.method === 8 ? createInflateRaw({ chunkSize: INFLATE_CHUNK }) : null;
    const source = inflater ?? input;
    if (inflater) pipeline(input, inflater, () => {}); // errors surface through the inflater's iterator
    let out = 0;
    let consumed = 0;
    let crc = 0;
    let whole = false;
    // an iterator of its own, not for-await: leaving the loop early must not close the stream,
    // whose rest is still to be checked (below)
    const chunks = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    try {
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        const chunk = next.value;
        out += chunk.length;
        crc = crc32(chunk, crc);
        if (out > entry.size) unsupported(`${entry.name}: inflates past its declared size`);
        consumed = inflater ? inflater.bytesWritten : consumed + chunk.length;
        onCompressed?.(consumed);
        yield chunk;
      }
      whole = true;
    } catch (e) {
      if (e instanceof XlsxUnsupported) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && code.startsWith('Z_'))
        throw new XlsxUnsupported(`${entry.name}: cannot inflate (${(e as Error).message})`);
      throw e;
    } finally {
      // left before its end (the reader has what it needs): the rest is still checked, so that a
      // damaged entry is never half-trusted — thrown from here, it ends the caller's loop
      if (!whole && out <= entry.size) {
        try {
          for (let next = await chunks.next(); !next.done && out <= entry.size; next = await chunks.next()) {
            out += next.value.length;
            crc = crc32(next.value, crc);
          }
          whole = out === entry.size;
        } catch {
          whole = false;
        }
        if (whole && crc >>> 0 !== entry.crc) damaged(entry);
      }
      inflater?.destroy();
      input.destroy();
    }
    if (out !== entry.size) unsupported(`${entry.name}: inflates to another size than declared`);
    if (crc >>> 0 !== entry.crc) damaged(entry);
  }
}

/**
 * An entry whose bytes do not match the checksum its directory gives: a bit flipped in a download
 * or on a disk — which could turn 98.8 into 96.8 — and not something to read another way (exceljs
 * does not check): a plain error, which the caller turns into a refusal of the damaged file.
 */
function damaged(entry: ZipEntry): never {
  throw new Error(`${entry.name}: its checksum does not match (damaged)`);
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) unsupported('the file ends inside the zip directory');
  return buf;
}

async function readDirectory(fh: FileHandle): Promise<Map<string, ZipEntry>> {
  const size = (await fh.stat()).size;
  if (size < 22) unsupported('too small to be a zip');
  // the end record: 22 bytes and a comment of up to 65,535; JSZip takes the last signature
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) unsupported('no end of central directory: not a zip, or truncated');
  const eocdPos = size - tailLength + at;
  if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) unsupported('ZIP64');
  const disk = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  const onDisk = tail.readUInt16LE(at + 8);
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) unsupported('ZIP64');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) unsupported('a multi-disk zip');
  if (cdOffset + cdSize !== eocdPos) unsupported('data before or after the zip directory');
  if (cdSize > MAX_DIRECTORY) unsupported('an oversized zip directory');
  const cd = await readAt(fh, cdOffset, cdSize);

  const found: {
    name: string;
    nameBytes: Buffer;
    method: 0 | 8;
    compressedSize: number;
    size: number;
    localOffset: number;
    crc: number;
  }[] = [];
  const names = new Set<string>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN) unsupported('a damaged zip directory');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const uncompressed = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localOffset = cd.readUInt32LE(p + 42);
    const crc = cd.readUInt32LE(p + 16);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cd.length) unsupported('a damaged zip directory');
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
    if (flags & 1) unsupported('an encrypted zip entry');
    if (method !== 0 && method !== 8) unsupported(`zip compression method ${method}`);
    if (compressedSize === 0xffffffff || uncompressed === 0xffffffff) unsupported('ZIP64');
    if (hasExtra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), 0x7075))
      unsupported('a unicode path extra field'); // JSZip would rename the entry
    let name = nameBytes.toString('utf8');
    if (name.startsWith('/')) name = name.slice(1);
    p = next;
    if (name.endsWith('/')) continue; // a folder
    if (names.has(name)) unsupported(`duplicate zip entry ${name}`);
    names.add(name);
    found.push({ name, nameBytes, method, compressedSize, size: uncompressed, localOffset, crc });
  }
  const offsets = await Promise.all(
    found.map((e) => checkLocalHeader(fh, e.localOffset, e.nameBytes, cdOffset)),
  );
  const entries = new Map<string, ZipEntry>();
  found.forEach(({ name, method, compressedSize, size, crc }, i) => {
    const dataOffset = offsets[i] as number;
    if (dataOffset + compressedSize > cdOffset) unsupported(`${name}: its data overlaps the directory`);
    entries.set(name, { name, method, compressedSize, size, dataOffset, crc });
  });
  return entries;
}

/** Extra fields are (id, length, data) records; true if one has this id. */
function hasExtra(extra: Buffer, id: number): boolean {
  for (let i = 0; i + 4 <= extra.length; i += 4 + extra.readUInt16LE(i + 2))
    if (extra.readUInt16LE(i) === id) return true;
  return false;
}

/** JSZip reads every local header, and takes the name from it: it must agree with the directory. */
async function checkLocalHeader(
  fh: FileHandle,
  offset: number,
  name: Buffer,
  limit: number,
): Promise<number> {
  if (offset + 30 + name.length > limit) unsupported('a local header outside the zip');
  const head = await readAt(fh, offset, 30 + name.length);
  if (head.readUInt32LE(0) !== LOC) unsupported('a damaged local header');
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (nameLength !== name.length || !head.subarray(30).equals(name))
    unsupported('a local header naming another file than the directory');
  return offset + 30 + nameLength + extraLength;
}
