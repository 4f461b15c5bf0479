import { mulberry32 } from '../../shared/engine/random';

// ---------------------------------------------------------------------------------------------
// OLE2 / Compound File Binary containers: legacy .xls and .et, and password-protected .xlsx

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/**
 * A minimal but well-formed CFB (version 3, 512-byte sectors) holding the given streams at the root:
 * streams under 4096 bytes live in the mini stream, as the format requires. Enough for a reader to
 * list the streams (Workbook → a legacy sheet; EncryptionInfo + EncryptedPackage → an encrypted one).
 */
export function cfb(streams: { name: string; data: Buffer }[]): Buffer {
  const SECTOR = 512;
  const MINI = 64;
  const small = streams.filter((s) => s.data.length < 4096);
  const big = streams.filter((s) => s.data.length >= 4096);

  // mini stream and its FAT
  const miniStart = new Map<string, number>();
  const miniParts: Buffer[] = [];
  const miniFat: number[] = [];
  for (const s of small) {
    const n = Math.max(1, Math.ceil(s.data.length / MINI));
    miniStart.set(s.name, miniFat.length);
    for (let i = 0; i < n; i++) miniFat.push(i === n - 1 ? ENDOFCHAIN : miniFat.length + 1);
    const padded = Buffer.alloc(n * MINI);
    s.data.copy(padded);
    miniParts.push(padded);
  }
  const miniStream = Buffer.concat(miniParts);

  // the directory: root, then the streams as a red-black tree ordered by (name length, upper-case name)
  const entries = streams.length + 1;
  const dirSectors = Math.ceil((entries * 128) / SECTOR);
  const miniFatSectors = Math.ceil((miniFat.length * 4) / SECTOR);
  const miniStreamSectors = Math.ceil(miniStream.length / SECTOR);
  const bigSectors = big.map((s) => Math.ceil(s.data.length / SECTOR));
  const rest = dirSectors + miniFatSectors + miniStreamSectors + bigSectors.reduce((a, b) => a + b, 0);
  let fatSectors = 1;
  while (fatSectors * 128 < fatSectors + rest) fatSectors++;
  if (fatSectors > 109) throw new Error('CFB too large for a header-only DIFAT');

  const fat: number[] = [];
  const chain = (n: number) => {
    const start = fat.length;
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? ENDOFCHAIN : fat.length + 1);
    return n === 0 ? ENDOFCHAIN : start;
  };
  for (let i = 0; i < fatSectors; i++) fat.push(FATSECT);
  const dirStart = chain(dirSectors);
  const miniFatStart = chain(miniFatSectors);
  const miniStreamStart = chain(miniStreamSectors);
  const bigStart = bigSectors.map((n) => chain(n));
  while (fat.length < fatSectors * 128) fat.push(FREESECT);

  const order = streams
    .map((s, i) => ({ id: i + 1, key: s.name.toUpperCase(), len: s.name.length }))
    .sort((a, b) => a.len - b.len || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  const depth = new Map<number, number>();
  const build = (lo: number, hi: number, d: number): number => {
    if (lo > hi) return NOSTREAM;
    const mid = (lo + hi) >> 1;
    const id = (order[mid] as { id: number }).id;
    depth.set(id, d);
    left.set(id, build(lo, mid - 1, d + 1));
    right.set(id, build(mid + 1, hi, d + 1));
    return id;
  };
  const rootChild = build(0, order.length - 1, 1);
  const maxDepth = Math.max(0, ...depth.values());
  const perfect = order.length === 2 ** maxDepth - 1;

  const dir = Buffer.alloc(dirSectors * SECTOR);
  const writeEntry = (
    i: number,
    name: string,
    type: number,
    red: boolean,
    l: number,
    r: number,
    child: number,
    start: number,
    size: number,
  ) => {
    const o = i * 128;
    dir.write(name, o, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, o + 64);
    dir.writeUInt8(type, o + 66);
    dir.writeUInt8(red ? 0 : 1, o + 67);
    dir.writeUInt32LE(l, o + 68);
    dir.writeUInt32LE(r, o + 72);
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  for (let i = entries; i < dirSectors * 4; i++) {
    const o = i * 128;
    dir.writeUInt32LE(NOSTREAM, o + 68);
    dir.writeUInt32LE(NOSTREAM, o + 72);
    dir.writeUInt32LE(NOSTREAM, o + 76);
  }
  writeEntry(
    0,
    'Root Entry',
    5,
    false,
    NOSTREAM,
    NOSTREAM,
    rootChild,
    miniStream.length > 0 ? miniStreamStart : ENDOFCHAIN,
    miniStream.length,
  );
  streams.forEach((s, k) => {
    const id = k + 1;
    const b = big.indexOf(s);
    writeEntry(
      id,
      s.name,
      2,
      !perfect && depth.get(id) === maxDepth,
      left.get(id) as number,
      right.get(id) as number,
      NOSTREAM,
      b >= 0 ? (bigStart[b] as number) : (miniStart.get(s.name) as number),
      s.data.length,
    );
  });

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(fatSectors, 44);
  header.writeUInt32LE(dirStart, 48);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(miniFatSectors > 0 ? miniFatStart : ENDOFCHAIN, 60);
  header.writeUInt32LE(miniFatSectors, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i < fatSectors ? i : FREESECT, 76 + i * 4);

  const fatBuf = Buffer.alloc(fatSectors * SECTOR);
  fat.forEach((v, i) => fatBuf.writeUInt32LE(v >>> 0, i * 4));
  const miniFatBuf = Buffer.alloc(miniFatSectors * SECTOR, 0xff);
  miniFat.forEach((v, i) => miniFatBuf.writeUInt32LE(v >>> 0, i * 4));
  const pad = (b: Buffer) => {
    const out = Buffer.alloc(Math.ceil(b.length / SECTOR) * SECTOR);
    b.copy(out);
    return out;
  };
  return Buffer.concat([header, fatBuf, dir, miniFatBuf, pad(miniStream), ...big.map((s) => pad(s.data))]);
}

/** Seeded bytes (for encrypted content that must look random and stay the same). */
export function seededBytes(seed: number, n: number): Buffer {
  const next = mulberry32(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
  return out;
}

/** A BIFF8 workbook stream: BOF (workbook globals) and EOF records, padded as Excel pads streams. */
export function biffWorkbookStream(): Buffer {
  const s = Buffer.alloc(4608);
  s.writeUInt16LE(0x0809, 0); // BOF
  s.writeUInt16LE(16, 2);
  s.writeUInt16LE(0x0600, 4); // BIFF8
  s.writeUInt16LE(0x0005, 6); // workbook globals
  s.writeUInt16LE(0x0dbb, 8);
  s.writeUInt16LE(0x07cc, 10);
  s.writeUInt16LE(0x000a, 20); // EOF
  s.writeUInt16LE(0, 22);
  return s;
}

export const legacyWorkbook = () =>
  cfb([
    { name: 'Workbook', data: biffWorkbookStream() },
    { name: '\u0005SummaryInformation', data: seededBytes(7, 200) },
  ]);

/** What Office writes for an .xlsx with an open password: agile encryption inside a CFB container. */
export function encryptedWorkbook(): Buffer {
  const b64 = (seed: number, n: number) => seededBytes(seed, n).toString('base64');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(1, 16)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(2, 64)}" encryptedHmacValue="${b64(3, 64)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(4, 16)}" encryptedVerifierHashInput="${b64(5, 16)}" encryptedVerifierHashValue="${b64(6, 64)}" encryptedKeyValue="${b64(8, 32)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml, 'utf8')]);
  const packageSize = 9874;
  const pkg = Buffer.concat([Buffer.alloc(8), seededBytes(9, Math.ceil(packageSize / 16) * 16)]);
  pkg.writeUInt32LE(packageSize, 0);
  return cfb([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}
