import { crc32, inflateRawSync } from 'node:zlib';

/**
 * How big a zip (an .xlsx) says it becomes once inflated: the sum of the uncompressed sizes in its
 * central directory, read without inflating anything. Null when there is no readable directory
 * (a truncated or damaged file: the reader then says so); Infinity for ZIP64 sizes (4 GB and more).
 */
export function inflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  // the end-of-central-directory record: 22 bytes, then a comment of up to 65,535
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CEN) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/**
 * The name of the first entry of a zip read whole whose inflated bytes do not match the checksum
 * its directory gives, or null. exceljs (JSZip) does not check, so a bit flipped in a download
 * could change a number and still be read: the reader refuses such a file first. An entry that
 * cannot be found or inflated is left to exceljs, which says the file is damaged.
 */
export function damagedEntry(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith('/') || local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
      continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + packed > bytes.length) continue;
    if (method !== 0 && method !== 8) continue;
    let data: Buffer;
    try {
      data =
        method === 8
          ? inflateRawSync(buf.subarray(start, start + packed), { maxOutputLength: size + 1 })
          : buf.subarray(start, start + packed);
    } catch {
      continue;
    }
    if (crc32(data) >>> 0 !== crc) return name;
  }
  return null;
}
