/**
 * Generates two import corpora against the sample city's 2024 scheme (`fixtures/city/`, same target and
 * indicator codes and names), each folder with a `manifest.json`:
 *
 * - `fixtures/bad/`: files an import must refuse. Each has one realistic problem (a few have two or
 *   three, to check that every problem is reported at once). The manifest gives, per file, the problem,
 *   the `Sheet!Cell` addresses the message should point at and words it should contain.
 * - `fixtures/wild/`: files an import must accept. Each shows one or two quirks of sheets that come back
 *   from departments (title rows, two-row headers, full-width digits, signature rows, CSV in GBK, the
 *   OOXML that WPS writes…). The manifest gives the kind of data and a few data points each must yield.
 *
 *   npx tsx scripts/make-corpus.ts
 *
 * Deterministic: workbook dates are fixed, zip entry times are normalised, and the little randomness
 * there is comes from a seeded mulberry32 stream, so running it twice gives byte-identical files.
 * Cell addresses in the manifests are computed from the rows as written, never typed by hand.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { SurveyCounts } from '../shared/domain/data';
import { mulberry32 } from '../shared/engine/random';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const SCHEME_FILE = join(FIXTURES, 'city', '2024年度综合考核方案.xlsx');
const BAD_DIR = join(FIXTURES, 'bad');
const WILD_DIR = join(FIXTURES, 'wild');

/** Creation date written into every workbook (and, as DOS time, into every zip entry). */
const FIXED_DATE = new Date(Date.UTC(2025, 0, 10, 1, 0, 0));
const FIXED_ISO = '2025-01-10T01:00:00Z';

// ---------------------------------------------------------------------------------------------
// The city, as far as these files use it (checked against the scheme workbook before anything is written)

/** Target names by code. */
const T = {
  QS01: '东湖区',
  QS02: '澜江区',
  QS03: '新港区',
  QS04: '北岭区',
  QS05: '白沙县',
  QS06: '青石县',
  QS07: '云岫县',
  QS08: '凤栖县',
  QS09: '杏山县',
  QS10: '澜溪市',
  GN01: '临澜高新技术产业开发区',
  GN02: '临澜经济技术开发区',
  GN03: '临澜综合保税区',
  GN04: '澜湾港口物流园区',
  GN05: '临澜空港经济区',
  JJ01: '市发展改革委',
  JJ02: '市工业和信息化局',
  JJ03: '市财政局',
  JJ04: '市商务局',
  JJ05: '市自然资源和规划局',
  JJ06: '市住房城乡建设局',
  JJ07: '市交通运输局',
  JJ08: '市农业农村局',
  JJ09: '市文化和旅游局',
  SH01: '市教育局',
  SH02: '市科学技术局',
  SH03: '市民政局',
  SH04: '市人力资源社会保障局',
  SH05: '市生态环境局',
  SH06: '市卫生健康委',
  SH07: '市应急管理局',
  DQ01: '市委办公室',
  DQ02: '市委组织部',
  DQ03: '市委宣传部',
  DQ04: '市委统战部',
  DQ05: '市委政法委',
  DQ06: '市委网信办',
  DQ07: '市总工会',
  DQ08: '团市委',
} as const;
type TargetCode = keyof typeof T;

/** Aliases the files use, with the target they belong to. */
const ALIASES: Record<string, TargetCode> = {
  东湖: 'QS01',
  发改委: 'JJ01',
  高新区: 'GN01',
  市委办: 'DQ01',
  财政局: 'JJ03',
};

/** Indicator names by code (leaves, and the item indicators). */
const I = {
  A01: '地区生产总值',
  A02: '一般公共预算收入',
  A03: '固定资产投资增速',
  A04: '万元GDP能耗',
  A05: '实际使用外资',
  A06: '招商引资项目履约率',
  A07: '研发经费投入强度',
  B01: '重点工作任务完成情况',
  B02: '督查督办事项办结率',
  B03: '部门预算执行率',
  B04: '营商环境评价',
  C01: '党建工作责任制落实',
  C02: '党风廉政建设',
  D01: '综合评议',
  D02: '社会满意度',
  E: '加分事项',
  F: '扣分事项',
  G: '一票否决事项',
} as const;
type IndicatorCode = keyof typeof I;

/** Evaluator groups by code. */
const G = { LD: '市级领导', BM: '部门互评', FW: '服务对象', DB: '两代表一委员' } as const;

/** The grade words of the scheme's 等次分值 rule. */
const GRADE_WORDS = ['优秀', '良好', '一般', '较差'];

// ---------------------------------------------------------------------------------------------
// Manifest shapes

interface BadEntry {
  file: string;
  problem: string;
  /** `Sheet!Cell` the message should point at; empty for problems of the file as a whole. */
  refs: string[];
  /** Words a good message contains: the bad value, the near-miss name, the fix. */
  keywords: string[];
}

type Expect =
  | { target: string; indicator: string; field: 'value' | 'targetValue' | 'baseline'; value: number | null }
  | { target: string; indicator: string; group: string; evaluator: string; grade: string | number | null }
  | { target: string; indicator: string; counts: SurveyCounts }
  | { target: string; indicator: string; points: number | null; reason: string };

interface WildEntry {
  file: string;
  quirks: string[];
  kind: 'values' | 'ratings' | 'surveys' | 'items';
  expect: (Expect & { note?: string })[];
  /** Anything a reader of the corpus should know about the file (a judgement call, a library limit). */
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Sheets as data, so that every cell address in a manifest comes from the rows as written

type V = ExcelJS.CellValue;

interface SheetDef {
  name: string;
  /** rows[0] is row 1. */
  rows: V[][];
  /** Rows (1-based) styled as header: bold, shaded. */
  headerRows?: number[];
  merges?: string[];
  /** Anything rows cannot say: shared formulas, styled empty rows, row heights. */
  after?: (ws: ExcelJS.Worksheet) => void;
}

/** A, B, …, Z, AA, … for a 1-based column. */
function columnName(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const address = (row: number, col: number) => `${columnName(col)}${row}`;

/** `Sheet!C5` of the one cell of the sheet that holds exactly `probe` (same object, or same string/number). */
function refOf(sheet: SheetDef, probe: V): string {
  const hits: string[] = [];
  sheet.rows.forEach((cells, r) =>
    cells.forEach((v, c) => {
      if (v === probe) hits.push(`${sheet.name}!${address(r + 1, c + 1)}`);
    }),
  );
  if (hits.length !== 1) throw new Error(`${sheet.name}: ${String(probe)} found ${hits.length} times`);
  return hits[0] as string;
}

/** `Sheet!D4` of row `row` (1-based) in the column headed `header` on `headerRow`. */
function refAt(sheet: SheetDef, row: number, header: string, headerRow = 1): string {
  const col = (sheet.rows[headerRow - 1] ?? []).indexOf(header);
  if (col < 0) throw new Error(`${sheet.name}: no column ${header}`);
  return `${sheet.name}!${address(row, col + 1)}`;
}

/** Display width of a cell: CJK characters count double. */
function textWidth(v: V): number {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v).slice(0, 80);
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function addSheet(wb: ExcelJS.Workbook, def: SheetDef): void {
  const ws = wb.addWorksheet(def.name);
  def.rows.forEach((cells, r) => {
    cells.forEach((v, c) => {
      if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
    });
  });
  for (const r of def.headerRows ?? []) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    row.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      c.border = THIN;
    });
  }
  const header = def.rows[(def.headerRows?.[0] ?? 1) - 1] ?? [];
  header.forEach((_, i) => {
    const widest = Math.max(...def.rows.map((r) => textWidth(r[i] ?? null)));
    ws.getColumn(i + 1).width = Math.min(40, Math.max(8, widest + 2));
  });
  for (const m of def.merges ?? []) ws.mergeCells(m);
  def.after?.(ws);
}

function newWorkbook(creator: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** DOS date and time of FIXED_DATE (2025-01-10 09:00, Beijing time) for zip entries. */
const DOS_TIME = (9 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 10;

/**
 * Zip entries carry the time they were written; set every local and central header to a fixed time
 * so that the same workbook gives the same bytes (as scripts/make-fixtures.ts does).
 */
function normaliseZipTimes(buf: Buffer): Buffer {
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    buf.writeUInt16LE(DOS_TIME, p + 12);
    buf.writeUInt16LE(DOS_DATE, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error('bad zip local header');
    buf.writeUInt16LE(DOS_TIME, local + 10);
    buf.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

async function book(sheets: SheetDef[], creator = '临澜市委综合考核办公室'): Promise<Buffer> {
  const wb = newWorkbook(creator);
  for (const s of sheets) addSheet(wb, s);
  return normaliseZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

// ---------------------------------------------------------------------------------------------
// CSV, in UTF-8 with BOM or in GBK

function csvText(rows: readonly (readonly string[])[]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

/**
 * Encodes text as GBK, the encoding Excel on a Chinese Windows writes CSV in. The bytes are decoded
 * again with the platform's own WHATWG decoder and compared, so a character GBK lacks cannot slip
 * through as a question mark.
 */
function gbk(text: string): Buffer {
  const out = iconv.encode(text, 'gbk');
  if (new TextDecoder('gbk').decode(out) !== text) throw new Error('GBK round trip failed');
  return out;
}

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
function cfb(streams: { name: string; data: Buffer }[]): Buffer {
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
function seededBytes(seed: number, n: number): Buffer {
  const next = mulberry32(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
  return out;
}

/** A BIFF8 workbook stream: BOF (workbook globals) and EOF records, padded as Excel pads streams. */
function biffWorkbookStream(): Buffer {
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

const legacyWorkbook = () =>
  cfb([
    { name: 'Workbook', data: biffWorkbookStream() },
    { name: '\u0005SummaryInformation', data: seededBytes(7, 200) },
  ]);

/** What Office writes for an .xlsx with an open password: agile encryption inside a CFB container. */
function encryptedWorkbook(): Buffer {
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

// ---------------------------------------------------------------------------------------------
// Rows shared by several files (the values are those of fixtures/city/data)

const VALUES_HEADER = ['对象编码', '对象名称'];
const row = (code: TargetCode, ...cells: V[]): V[] => [code, T[code], ...cells];

/** 市考核办: B01 重点工作任务完成情况 and B02 督查督办事项办结率. */
const OFFICE: Partial<Record<TargetCode, [number, number]>> = {
  QS01: [83.5, 96.2],
  QS02: [73.9, 90.2],
  QS03: [96, 97],
  QS04: [84.3, 92.4],
  QS05: [85.4, 91.7],
  QS06: [82.5, 94.9],
  QS07: [90.6, 96],
  QS08: [72, 90.6],
  GN01: [88.9, 97.6],
  JJ01: [87.4, 94.2],
  JJ02: [80.9, 87.8],
  JJ03: [79.4, 91.1],
  JJ04: [81.5, 94.2],
  JJ05: [92.5, 100],
  SH04: [89.9, 100],
  DQ01: [72, 85.6],
  DQ02: [86.2, 95.8],
  DQ03: [90.5, 93.9],
  DQ04: [83.9, 92.8],
  DQ05: [90.9, 99.1],
  DQ06: [86.7, 94.7],
  DQ07: [78.5, 93.3],
  DQ08: [85.6, 97.6],
};
const office = (code: TargetCode): [number, number] => {
  const v = OFFICE[code];
  if (!v) throw new Error(`no office data for ${code}`);
  return v;
};

/** 市统计局: A01 value, A01 baseline, A03, A04, A07. */
const STATS: Partial<Record<TargetCode, [number, number, number, number, number | null]>> = {
  QS01: [922.6, 878.6, 3.4, 0.339, 2.77],
  QS02: [760.2, 729.6, -1.4, 0.408, 2.01],
  QS03: [611.1, 567.8, 8.3, 0.343, 3],
  QS04: [463.4, 435, 3.8, 0.379, 2.76],
  QS05: [366.9, 346.2, 5.8, 0.581, 1.42],
  QS06: [340.8, 317.8, 4.5, 0.579, 1.47],
  QS07: [246.7, 229, 4.3, 0.599, 1.35],
  QS08: [292.2, 283, -0.1, 0.649, 1.27],
  QS09: [213.2, 198.4, 8.8, 0.512, 1.7],
  QS10: [521.6, 491.3, 3, 0.443, 2.09],
  GN01: [432.6, 408.9, 5.5, 0.461, 3.23],
  GN02: [471.7, 450.3, 0.2, 0.437, 2.86],
  GN03: [111.3, 104.7, 3.5, 0.415, null],
  GN04: [145.3, 137.8, 2.6, 0.446, 2.87],
  GN05: [174, 167.2, -3.5, 0.488, 3.26],
};
const stats = (code: TargetCode) => {
  const v = STATS[code];
  if (!v) throw new Error(`no stats data for ${code}`);
  return v;
};

/** 市委组织部 / 市纪委监委: C01 and C02. */
const PARTY: Partial<Record<TargetCode, [number, number]>> = {
  QS01: [90, 92.1],
  QS02: [84.4, 83.6],
  QS03: [89.6, 94],
  QS04: [90.6, 91.4],
  QS05: [85.2, 89.9],
  QS06: [86.5, 93.2],
  QS07: [89.9, 87.2],
  QS08: [81.4, 84.2],
  GN01: [87.6, 90.7],
  GN02: [81.6, 87.5],
  GN03: [88.8, 90.9],
  JJ01: [86.4, 90.3],
  SH01: [87.1, 85.3],
  SH02: [85.4, 84.3],
  SH03: [93.8, 94.1],
  SH04: [94.7, 95.1],
  SH05: [87.3, 88.4],
  DQ01: [83.7, 80],
  DQ02: [88.5, 88.4],
  DQ03: [89.1, 89.3],
  DQ04: [84.6, 83.4],
};
const party = (code: TargetCode) => {
  const v = PARTY[code];
  if (!v) throw new Error(`no party data for ${code}`);
  return v;
};

const ITEMS_HEADER = ['对象', '指标', '分值', '事由', '文号'];
const SURVEY_HEADER = ['对象', '指标', '非常满意', '满意', '基本满意', '不满意', '不了解'];
const RATINGS_HEADER = ['评价人', '评价主体', '对象', '指标', '评价'];

/** Text of a given length built from phrases of a seeded stream (a pasted document, not one phrase repeated). */
function pastedText(seed: number, start: string, length: number): string {
  const phrases = [
    '围绕年度重点任务逐项细化责任分工',
    '按月调度推进并建立工作台账',
    '主要负责同志亲自研究部署',
    '分管领导定期听取专题汇报',
    '对照目标查漏补缺',
    '形成一批可复制可推广的经验做法',
    '相关做法被省级媒体刊发报道',
    '群众获得感和满意度持续提升',
    '切实做到件件有着落、事事有回音',
  ];
  const next = mulberry32(seed);
  let s = start;
  while (s.length < length)
    s += (phrases[Math.floor(next() * phrases.length)] as string) + (next() < 0.3 ? '。' : '，');
  return s.slice(0, length);
}

// ---------------------------------------------------------------------------------------------
// fixtures/bad: files that must be refused

interface OutFile {
  file: string;
  bytes: Buffer;
}

async function badCorpus(): Promise<{ files: OutFile[]; manifest: BadEntry[] }> {
  const files: OutFile[] = [];
  const manifest: BadEntry[] = [];
  const add = (file: string, bytes: Buffer, e: Omit<BadEntry, 'file'>) => {
    files.push({ file, bytes });
    manifest.push({ file, ...e });
  };
  const sheetName = (file: string) => file.replace(/\.[^.]+$/, '');

  // A clean values sheet, the base of several files below.
  const officeSheet = (codes: TargetCode[]): SheetDef => ({
    name: '指标数据',
    headerRows: [1],
    rows: [[...VALUES_HEADER, I.B01, I.B02], ...codes.map((c) => row(c, ...office(c)))],
  });

  // --- the file is not a workbook at all

  add(
    '01-不是Excel文件.xlsx',
    Buffer.from(
      csvText([
        ['对象编码', '对象名称', I.B01],
        ['QS01', T.QS01, '83.5'],
        ['QS02', T.QS02, '73.9'],
      ]).replace(/,/g, '\t'),
      'utf8',
    ),
    {
      problem:
        'A tab-separated text file (a web system export) named .xlsx: not a zip archive, so not an Excel workbook at all.',
      refs: [],
      keywords: ['.xlsx', '另存为'],
    },
  );

  add(
    '02-网页导出.xlsx',
    Buffer.from(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>\r\n' +
        `<table border="1"><tr><td>对象编码</td><td>对象名称</td><td>${I.C01}</td></tr>\r\n` +
        `<tr><td>QS01</td><td>${T.QS01}</td><td>90</td></tr>\r\n` +
        `<tr><td>QS02</td><td>${T.QS02}</td><td>84.4</td></tr>\r\n</table></body></html>\r\n`,
      'utf8',
    ),
    {
      problem:
        'An HTML table saved with an .xlsx name (what many OA systems export as "Excel"); not a zip archive.',
      refs: [],
      keywords: ['.xlsx', '另存为'],
    },
  );

  const whole = await book([officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05', 'QS06', 'QS07', 'QS08'])]);
  add('03-文件不完整.xlsx', whole.subarray(0, Math.floor(whole.length / 2)), {
    problem:
      'A valid workbook cut in half (an interrupted download or mail attachment): the zip has no central directory.',
    refs: [],
    keywords: ['损坏'],
  });

  add('04-空文件.xlsx', Buffer.alloc(0), {
    problem: 'A zero-byte file.',
    refs: [],
    keywords: ['空'],
  });

  add('05-旧版格式.xls', legacyWorkbook(), {
    problem:
      'A legacy Excel 97–2003 .xls workbook (OLE2/CFB container with a BIFF8 Workbook stream); it must be saved as .xlsx.',
    refs: [],
    keywords: ['另存为', '.xlsx'],
  });

  add('06-WPS格式.et', legacyWorkbook(), {
    problem: 'A WPS .et workbook (OLE2/CFB container); it must be saved as .xlsx.',
    refs: [],
    keywords: ['另存为', '.xlsx'],
  });

  add('07-改了扩展名的xls.xlsx', legacyWorkbook(), {
    problem:
      'A legacy .xls workbook whose extension was changed to .xlsx by hand (CFB signature D0 CF 11 E0, no EncryptionInfo stream).',
    refs: [],
    keywords: ['另存为', '.xlsx'],
  });

  add('08-加密.xlsx', encryptedWorkbook(), {
    problem:
      'A password-protected .xlsx: a CFB container holding EncryptionInfo (agile encryption) and EncryptedPackage streams; the message should say it has a password.',
    refs: [],
    keywords: ['密码'],
  });

  add('09-空工作簿.xlsx', await book([{ name: 'Sheet1', rows: [] }]), {
    problem: 'A workbook with one sheet and no cells at all.',
    refs: [],
    keywords: ['没有数据'],
  });

  {
    const s: SheetDef = { name: '指标数据', headerRows: [1], rows: [[...VALUES_HEADER, I.C01]] };
    add('10-只有表头.xlsx', await book([s]), {
      problem: 'A values sheet with its header row and no data rows.',
      refs: [`${s.name}!A1`],
      keywords: ['没有数据'],
    });
  }

  // --- targets

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['对象名称', I.B01, I.B02],
        [T.QS02, ...office('QS02')],
        ['东湖去', ...office('QS01')],
        [T.QS03, ...office('QS03')],
        [T.QS04, ...office('QS04')],
      ],
    };
    add('11-对象名称近似.xlsx', await book([s]), {
      problem:
        'A target named 东湖去, a typo of 东湖区 (one character off); the message should suggest 东湖区.',
      refs: [refOf(s, '东湖去')],
      keywords: ['东湖去', '东湖区'],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.C02],
        ...(['JJ01', 'SH01', 'SH02', 'SH03'] as const).map((c) => row(c, party(c)[1])),
        [null, '市气象局', 91.5],
        row('SH04', party('SH04')[1]),
      ],
    };
    add('12-对象不在方案中.xlsx', await book([s]), {
      problem: 'A row for 市气象局, a unit that is not a target of the scheme at all (no code given).',
      refs: [refOf(s, '市气象局')],
      keywords: ['市气象局'],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A03, I.A04],
        ...codes.map((c) => row(c, stats(c)[2], stats(c)[3])),
        row('QS03', 8.1, 0.351),
      ],
    };
    add('13-同一对象出现两次.xlsx', await book([s]), {
      problem: `QS03 新港区 appears twice, on rows ${codes.indexOf('QS03') + 2} and ${s.rows.length}, with different values.`,
      refs: [refAt(s, s.rows.length, '对象编码')],
      keywords: ['新港区'],
    });
  }

  // --- values out of range, wrong types

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    (s.rows[4] as V[])[2] = 120;
    add('14-直接计分超过满分.xlsx', await book([s]), {
      problem: `${I.B01} (B01, direct, maxRaw=100) is 120 for 北岭区.`,
      refs: [refOf(s, 120)],
      keywords: ['120', '100'],
    });
  }

  {
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [
        SURVEY_HEADER,
        [T.QS01, I.D02, 282, 213, 57, 18, 42],
        [T.QS02, I.D02, 206, 227, 88, 30, 33],
        [T.QS03, I.D02, 249, 201, 60, -3, 53],
        [T.QS04, I.D02, 195, 177, 58, 19, 34],
      ],
    };
    add('15-满意度人数为负.xlsx', await book([s]), {
      problem: 'A satisfaction count of -3 (不满意 for 新港区).',
      refs: [refOf(s, -3)],
      keywords: ['-3'],
    });
  }

  {
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [
        SURVEY_HEADER,
        [T.QS05, I.D02, 178, 212.5, 45, 14, 15],
        [T.QS06, I.D02, 184, 179, 63, 21, 25],
        [T.QS07, I.D02, 195, 169, 53, 17, 14],
      ],
    };
    add('16-满意度人数不是整数.xlsx', await book([s]), {
      problem: 'A satisfaction count of 212.5 people (满意 for 白沙县).',
      refs: [refOf(s, 212.5)],
      keywords: ['212.5'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['市领导01', G.LD, T.QS01, I.D01, '良好'],
        ['市领导01', G.LD, T.QS02, I.D01, '很好'],
        ['市领导01', G.LD, T.QS03, I.D01, '优秀'],
        ['市领导01', G.LD, T.QS04, I.D01, '一般'],
        ['市领导02', G.LD, T.QS01, I.D01, '优良'],
        ['市领导02', G.LD, T.QS02, I.D01, '良好'],
      ],
    };
    add('17-等次不在列表中.xlsx', await book([s]), {
      problem:
        'Two grades that are not in the list 优秀/良好/一般/较差: 很好 and 优良 (two problems, both must be reported).',
      refs: [refOf(s, '很好'), refOf(s, '优良')],
      keywords: ['很好', '优良', '优秀'],
    });
  }

  {
    const formula: ExcelJS.CellFormulaValue = { formula: '100-2.5-1' };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.C01, I.C02],
        row('QS01', ...party('QS01')),
        row('QS02', ...party('QS02')),
        row('QS03', formula, party('QS03')[1]),
        row('QS04', ...party('QS04')),
      ],
    };
    add('18-公式没有缓存值.xlsx', await book([s]), {
      problem:
        'A formula (=100-2.5-1) with no cached result, as programs write them; it must be opened and saved in Excel or WPS first.',
      refs: [refOf(s, formula)],
      keywords: ['保存'],
    });
  }

  {
    const div: ExcelJS.CellErrorValue = { error: '#DIV/0!' };
    const na: ExcelJS.CellErrorValue = { error: '#N/A' };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A02, `${I.A02}目标值`],
        row('QS01', 80.78, 80.9),
        row('QS02', div, 54.73),
        row('QS03', 47.56, 44.84),
        row('QS04', 38.86, na),
        row('QS05', 22.61, 22.84),
      ],
    };
    add('19-错误值.xlsx', await book([s]), {
      problem: 'Two error cells: #DIV/0! in a value and #N/A in a target value (both must be reported).',
      refs: [refOf(s, div), refOf(s, na)],
      keywords: ['#DIV/0!', '#N/A'],
    });
  }

  {
    const reason = pastedText(20, '获国务院通报表扬（督查激励·营商环境创新）。通报全文如下：', 200_000);
    const s: SheetDef = {
      name: '加扣分及否决事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.QS03, I.E, 2, '获国务院通报表扬（港口型国家物流枢纽建设）', '国办发〔2024〕21号'],
        [T.QS01, I.E, 2, reason, '国办发〔2024〕21号'],
        [T.QS10, I.E, 1, '获评全国文明城市提名城市', '临办发〔2024〕12号'],
      ],
    };
    add('20-超长事由.xlsx', await book([s]), {
      problem:
        'A 事由 of 200,000 characters (a whole document pasted into the cell), far over the 32,767 characters an Excel cell can hold.',
      refs: [refOf(s, reason)],
      keywords: ['事由'],
    });
  }

  {
    const name = pastedText(21, '东湖区2024年度重点工作任务完成情况自评报告：', 50_000);
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['对象名称', I.B01],
        [T.QS02, office('QS02')[0]],
        [T.QS03, office('QS03')[0]],
        [name, office('QS01')[0]],
        [T.QS04, office('QS04')[0]],
      ],
    };
    add('21-超长对象名称.xlsx', await book([s]), {
      problem:
        'A target name of 50,000 characters (a report pasted into the name cell): an unknown target, and the message must quote it shortened, not whole.',
      refs: [refOf(s, name)],
      keywords: ['东湖区2024年度'],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05', 'QS06', 'QS07', 'QS08'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.C01, I.C02], ...codes.map((c) => row(c, ...party(c)))],
      after: (ws) => {
        const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
        for (let r = codes.length + 2; r < codes.length + 2 + 60_000; r++)
          for (let c = 1; c <= 4; c++) {
            const cell = ws.getCell(r, c);
            cell.border = THIN;
            cell.fill = fill;
          }
      },
    };
    (s.rows[5] as V[])[3] = 101;
    add('22-大量空白格式行.xlsx', await book([s]), {
      problem:
        '60,000 empty rows with borders and a fill after 8 data rows (a sheet formatted down to row 60,009), plus one real problem: 党风廉政建设 (direct, maxRaw=100) is 101.',
      refs: [refOf(s, 101)],
      keywords: ['101', '100'],
    });
  }

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    (s.rows[4] as V[])[3] = '约95';
    add('23-数值列有文字.xlsx', await book([s]), {
      problem: 'Text 约95 ("about 95") in the number column 督查督办事项办结率.',
      refs: [refOf(s, '约95')],
      keywords: ['约95'],
    });
  }

  {
    const date = new Date(Date.UTC(2024, 8, 5));
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A03, I.A04, I.A07],
        ...codes.map((c) => row(c, stats(c)[2], stats(c)[3], stats(c)[4])),
      ],
    };
    (s.rows[2] as V[])[2] = date;
    add('24-数值列有日期.xlsx', await book([s]), {
      problem:
        'A date (2024-09-05, what Excel makes of "9.5" typed into a date-formatted cell) in the number column 固定资产投资增速.',
      refs: [refOf(s, date)],
      keywords: ['日期'],
    });
  }

  {
    const codes: TargetCode[] = ['GN01', 'GN02', 'GN03', 'GN04', 'GN05'];
    const business: Record<string, number> = {
      GN01: 85.5,
      GN02: 85.49,
      GN03: 86.74,
      GN04: 84.73,
      GN05: 76.38,
    };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.B04], ...codes.map((c) => row(c, business[c] as number))],
    };
    (s.rows[4] as V[])[2] = true;
    add('25-数值列有逻辑值.xlsx', await book([s]), {
      problem: 'A boolean TRUE in the number column 营商环境评价.',
      refs: [refOf(s, true)],
      keywords: ['TRUE'],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01, '绿色发展指数', I.B02],
        ...codes.map((c) => row(c, office(c)[0], 88, office(c)[1])),
      ],
    };
    add('26-未知列.xlsx', await book([s]), {
      problem: 'A column headed 绿色发展指数, which is no indicator of the scheme.',
      refs: [refOf(s, '绿色发展指数')],
      keywords: ['绿色发展指数'],
    });
  }

  {
    const codes: TargetCode[] = ['DQ01', 'DQ02', 'DQ03', 'DQ04'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.C01, I.C02, 'C01'], ...codes.map((c) => row(c, ...party(c), party(c)[0]))],
    };
    add('27-同一指标两列.xlsx', await book([s]), {
      problem: `The same indicator in two columns: 党建工作责任制落实 in C and its code C01 in E.`,
      refs: [refOf(s, 'C01')],
      keywords: ['C01'],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01],
        ['QS01', T.QS02, office('QS02')[0]],
        row('QS03', office('QS03')[0]),
        row('QS04', office('QS04')[0]),
      ],
    };
    add('28-编码与名称不符.xlsx', await book([s]), {
      problem: 'Code QS01 (东湖区) with the name 澜江区 in the same row; the name cell is flagged.',
      refs: [refOf(s, T.QS02)],
      keywords: ['QS01', '澜江区', '东湖区'],
    });
  }

  // --- items

  const items = (): V[][] => [
    ITEMS_HEADER,
    [T.QS01, I.E, 2, '获国务院通报表扬（督查激励·营商环境创新）', '国办发〔2024〕21号'],
    [T.QS03, I.E, 2, '获国务院通报表扬（港口型国家物流枢纽建设）', '国办发〔2024〕21号'],
    [T.QS08, I.F, 2, '中央生态环境保护督察反馈问题整改不到位被通报', '澜环督办〔2024〕11号'],
    [T.QS09, I.F, 3, '违法占用耕地问题被自然资源部公开通报', '临政办字〔2024〕66号'],
    [
      T.QS06,
      I.G,
      null,
      '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）',
      '临政函〔2024〕58号',
    ],
  ];

  {
    const s: SheetDef = { name: '加扣分及否决事项', headerRows: [1], rows: items() };
    const k = 3;
    (s.rows[k] as V[])[3] = null;
    add('29-事由为空.xlsx', await book([s]), {
      problem: `A deduction item (${String((s.rows[k] as V[])[0])}, 2 points) with no 事由.`,
      refs: [refAt(s, k + 1, '事由')],
      keywords: ['事由'],
    });
  }

  {
    const s: SheetDef = { name: '加扣分及否决事项', headerRows: [1], rows: items() };
    (s.rows[2] as V[])[2] = -1;
    add('30-加分为负数.xlsx', await book([s]), {
      problem: 'A bonus item (加分事项, 新港区) with 分值 -1: a bonus cannot be negative.',
      refs: [refOf(s, -1)],
      keywords: ['-1'],
    });
  }

  // --- ratings

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['服务对象001', G.FW, T.JJ08, I.D01, '良好'],
        ['服务对象001', G.FW, T.JJ09, I.D01, '优秀'],
        ['服务对象001', G.FW, T.DQ01, I.D01, '一般'],
        ['服务对象002', '市民代表', T.QS06, I.D01, '良好'],
        ['服务对象002', G.FW, T.GN03, I.D01, '良好'],
      ],
    };
    add('31-评价主体不存在.xlsx', await book([s]), {
      problem: 'A rating by the group 市民代表, which is no evaluator group of the scheme (LD, BM, FW, DB).',
      refs: [refOf(s, '市民代表')],
      keywords: ['市民代表'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        ['评价人', '评价主体', '对象', '指标'],
        ['市领导01', G.LD, T.QS01, I.D01],
        ['市领导01', G.LD, T.QS02, I.D01],
        ['市领导01', G.LD, T.QS03, I.D01],
      ],
    };
    add('32-评议表缺评价列.xlsx', await book([s]), {
      problem:
        'A ratings sheet (评价人, 评价主体, 对象, 指标) without the 评价 column; the ref is the first free header cell, where the column belongs.',
      refs: [`${s.name}!${address(1, (s.rows[0] as V[]).length + 1)}`],
      keywords: ['评价'],
    });
  }

  {
    const s: SheetDef = {
      name: '重点项目清单',
      headerRows: [1],
      rows: [
        ['序号', '项目名称', '建设内容', '总投资（万元）', '开工时间'],
        [1, '临澜港二期集装箱码头', '新建5万吨级泊位2个', 186000, '2024年3月'],
        [2, '东湖区城市更新片区', '老旧小区改造及配套', 42000, '2024年5月'],
      ],
    };
    add('33-无法识别的工作表.xlsx', await book([s]), {
      problem:
        'A sheet (a project list) whose headers fit no kind of data sheet: no target column, no indicator column.',
      refs: [`${s.name}!A1`],
      keywords: ['重点项目清单'],
    });
  }

  // --- CSV

  {
    const file = '34-GBK编码未知单位.csv';
    const rows = [
      ['对象编码', '对象名称', I.B01, I.B02],
      ['QS01', T.QS01, '83.5', '96.2'],
      ['QS02', T.QS02, '73.9', '90.2'],
      ['', '市城管局', '86.5', '93'],
      ['QS03', T.QS03, '96', '97'],
    ];
    add(file, gbk(csvText(rows)), {
      problem:
        'A CSV in GBK (Excel on Chinese Windows) with the unknown unit 市城管局; the name must be decoded, not shown as mojibake.',
      refs: [`${sheetName(file)}!${address(rows.findIndex((r) => r[1] === '市城管局') + 1, 2)}`],
      keywords: ['市城管局'],
    });
  }

  {
    const file = '35-引号不闭合.csv';
    const lines = [
      `对象编码,对象名称,${I.C01},${I.C02}`,
      `SH01,${T.SH01},87.1,85.3`,
      `SH02,${T.SH02},85.4,84.3`,
      `SH03,"${T.SH03},93.8,94.1`,
      `SH04,${T.SH04},94.7,95.1`,
      `SH05,${T.SH05},87.3,88.4`,
    ];
    const open = lines.findIndex((l) => l.includes('"'));
    add(file, utf8Bom(lines.join('\r\n') + '\r\n'), {
      problem:
        'A UTF-8 CSV whose quote opened in line 4, field 2 ("市民政局…) is never closed, so the rest of the file is one field.',
      refs: [`${sheetName(file)}!${address(open + 1, 2)}`],
      keywords: ['引号'],
    });
  }

  // --- problems a careless importer misses

  {
    const above: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const below: TargetCode[] = ['QS05', 'QS06'];
    const sum = (k: 0 | 1) => Number(above.reduce((a, c) => a + office(c)[k], 0).toFixed(1));
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01, I.B02],
        ...above.map((c) => row(c, ...office(c))),
        ['合计', null, sum(0), sum(1)],
        ...below.map((c) => row(c, ...office(c))),
        [null, '市档案馆', 88, 96],
        row('QS07', ...office('QS07')),
      ],
    };
    add('36-合计行下有未知单位.xlsx', await book([s]), {
      problem:
        'A 合计 row in the middle of the data (to be skipped: its 338.7 would be out of range) and, below it, the unknown unit 市档案馆; only the unit is a problem.',
      refs: [refOf(s, '市档案馆')],
      keywords: ['市档案馆'],
    });
  }

  {
    const codes: TargetCode[] = ['DQ01', 'DQ02', 'DQ03', 'DQ04'];
    const first: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.B01], ...codes.map((c) => row(c, office(c)[0]))],
    };
    const second: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [
        SURVEY_HEADER,
        [T.DQ01, I.D02, 96, 88, 21, 6, 12],
        [T.DQ02, I.D02, 104, 81, 19, 4, 9],
        [T.DQ03, '群众满意度', 99, 86, 24, 7, 10],
        [T.DQ04, I.D02, 91, 90, 26, 8, 14],
      ],
    };
    add('37-第二张表有问题.xlsx', await book([first, second]), {
      problem:
        'Two data sheets: 指标数据 is fine; 满意度测评 names the indicator 群众满意度, which is not in the scheme (it is 社会满意度). The whole file is refused.',
      refs: [refOf(second, '群众满意度')],
      keywords: ['群众满意度'],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01, I.B02],
        row('QS01', ...office('QS01')),
        [null, '澜江新区', 80.2, 93.1],
        row('QS03', ...office('QS03')),
        row('QS04', '九十', office('QS04')[1]),
        row('QS05', ...office('QS05')),
        row('QS06', 100.5, office('QS06')[1]),
      ],
    };
    add('38-三处问题.xlsx', await book([s]), {
      problem:
        'Three problems in three rows, all to be reported at once: unknown target 澜江新区, the text 九十 in a number column, and 100.5 over maxRaw=100.',
      refs: [refOf(s, '澜江新区'), refOf(s, '九十'), refOf(s, 100.5)],
      keywords: ['澜江新区', '九十', '100.5'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['人大代表01', G.DB, T.QS07, I.D01, '良好'],
        ['人大代表01', G.DB, T.GN03, I.D01, 88],
        ['人大代表01', G.DB, T.GN05, I.D01, 105],
        ['人大代表01', G.DB, T.JJ03, I.D01, '良好'],
      ],
    };
    add('39-评分超过100.xlsx', await book([s]), {
      problem: 'A numeric rating of 105; numeric ratings are on 0–100.',
      refs: [refOf(s, 105)],
      keywords: ['105'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['市领导03', G.LD, T.QS01, I.D01, '良好'],
        ['市领导03', G.LD, T.QS03, I.D01, '优秀'],
        ['市领导03', G.LD, T.QS04, I.D01, '一般'],
        ['市领导04', G.LD, T.QS01, I.D01, '优秀'],
        ['市领导04', G.LD, T.QS03, I.D01, '良好'],
        ['市领导03', G.LD, T.QS03, I.D01, '良好'],
      ],
    };
    add('40-同一评价人重复评价.xlsx', await book([s]), {
      problem:
        '市领导03 rates 新港区 twice (rows 3 and 7, 优秀 then 良好); the ref is the evaluator cell of the second row.',
      refs: [refAt(s, s.rows.length, '评价人')],
      keywords: ['市领导03', '新港区'],
    });
  }

  return { files, manifest };
}

// ---------------------------------------------------------------------------------------------
// fixtures/wild: files that must be accepted

const value = (
  target: TargetCode,
  indicator: IndicatorCode,
  v: number | null,
  field: 'value' | 'targetValue' | 'baseline' = 'value',
): Expect => ({ target, indicator, field, value: v });

const rating = (
  target: TargetCode,
  group: keyof typeof G,
  evaluator: string,
  grade: string | number | null,
): Expect => ({ target, indicator: 'D01', group, evaluator, grade });

const counts = (target: TargetCode, c: [number, number, number, number, number]): Expect => ({
  target,
  indicator: 'D02',
  counts: { verySatisfied: c[0], satisfied: c[1], basic: c[2], dissatisfied: c[3], unknown: c[4] },
});

const item = (
  target: TargetCode,
  indicator: 'E' | 'F' | 'G',
  points: number | null,
  reason: string,
): Expect => ({
  target,
  indicator,
  points,
  reason,
});

/** Full-width digits and point: 95.2 → ９５．２. */
const fullWidth = (s: string) =>
  s.replace(/[0-9.,%]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const NBSP = '\u00a0';
const IDEO = '\u3000';

async function wildCorpus(): Promise<{ files: OutFile[]; manifest: WildEntry[] }> {
  const files: OutFile[] = [];
  const manifest: WildEntry[] = [];
  const add = (file: string, bytes: Buffer, e: Omit<WildEntry, 'file'>) => {
    files.push({ file, bytes });
    manifest.push({ file, ...e });
  };

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05', 'GN01', 'GN02'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [4],
      rows: [
        ['临澜市2024年度综合考核指标数据（市统计局）'],
        ['填报单位：临澜市统计局（盖章）                填报日期：2025年1月8日'],
        [
          '填表说明：1. 请勿增删、修改表头；2. 地区生产总值按现价计算，单位为亿元；3. 无数据的单元格请填“—”；4. 本表请于2025年1月10日前报送市考核办，电子版与盖章扫描件同时报送。',
        ],
        [...VALUES_HEADER, I.A01, `${I.A01}基期值`, I.A03, I.A04, I.A07],
        ...codes.map((c) => row(c, ...stats(c))),
      ],
      merges: ['A1:G1', 'A2:G2', 'A3:G3'],
      after: (ws) => {
        ws.getCell('A1').font = { bold: true, size: 16 };
        ws.getCell('A1').alignment = { horizontal: 'center' };
        ws.getCell('A3').alignment = { wrapText: true, vertical: 'top' };
        ws.getRow(1).height = 30;
        ws.getRow(3).height = 48;
      },
    };
    add('01-标题行和填表说明.xlsx', await book([s], '临澜市统计局'), {
      quirks: [
        'three rows above the header: a merged title, a 填报单位/日期 line and a merged 填表说明 paragraph',
        'header on row 4',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'A01', 922.6),
        value('QS01', 'A01', 878.6, 'baseline'),
        value('QS03', 'A03', 8.3),
        value('QS05', 'A04', 0.581),
        value('GN02', 'A07', 2.86),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'GN01'];
    const revenue: Partial<Record<TargetCode, [number, number]>> = {
      QS01: [80.78, 80.9],
      QS02: [54.71, 54.73],
      QS03: [47.56, 44.84],
      QS04: [38.86, 36.75],
      GN01: [42.44, 41.94],
    };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1, 2],
      rows: [
        ['序号', '对象编码', '对象名称', I.A01, null, I.A02, null, I.A03],
        [null, null, null, '本年', '基期值', '完成值', '目标值', null],
        ...codes.map((c, i) => [
          i + 1,
          c,
          T[c],
          stats(c)[0],
          stats(c)[1],
          ...(revenue[c] as [number, number]),
          stats(c)[2],
        ]),
      ],
      merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1', 'F1:G1', 'H1:H2'],
    };
    add('02-两行表头.xlsx', await book([s]), {
      quirks: [
        'two-row header: merged group cells 地区生产总值 (D1:E1) over 本年 / 基期值 and 一般公共预算收入 (F1:G1) over 完成值 / 目标值',
        'single columns merged vertically over both header rows (A1:A2 序号, B1:B2, C1:C2, H1:H2)',
      ],
      kind: 'values',
      expect: [
        value('QS02', 'A01', 760.2),
        value('QS02', 'A01', 729.6, 'baseline'),
        value('QS03', 'A02', 47.56),
        value('QS03', 'A02', 44.84, 'targetValue'),
        value('GN01', 'A03', 5.5),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS06', 'QS07', 'QS08', 'QS09', 'QS10'];
    const commerce: Partial<Record<TargetCode, [number, number]>> = {
      QS06: [8185, 89.6],
      QS07: [8441, 94.5],
      QS08: [6280, 83.5],
      QS09: [6906, 93.4],
      QS10: [15611, 89.2],
    };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, `${I.A01}（亿元）`, `${I.A01}基期值（亿元）`, `${I.A05}(万美元)`, `${I.A06}（%）`],
        ...codes.map((c) => row(c, stats(c)[0], stats(c)[1], ...(commerce[c] as [number, number]))),
      ],
    };
    add('03-表头带单位.xlsx', await book([s]), {
      quirks: [
        'units in brackets after the indicator name, full-width （亿元） and half-width (万美元)',
        'a baseline column with the unit after the suffix: 地区生产总值基期值（亿元）',
      ],
      kind: 'values',
      expect: [
        value('QS06', 'A01', 340.8),
        value('QS07', 'A01', 229, 'baseline'),
        value('QS10', 'A05', 15611),
        value('QS08', 'A06', 83.5),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A05, I.A06],
        row('QS01', '27,804', fullWidth('85.4')),
        row('QS02', '14,253', fullWidth('87')),
        row('QS03', fullWidth('22,057'), '88.2'),
        row('QS04', '13,562.0', fullWidth('88.1')),
        row('GN01', '37,809', '87.3'),
      ],
    };
    add('04-全角数字和千分位.xlsx', await book([s], '临澜市商务局'), {
      quirks: [
        'numbers as text with thousands separators (27,804; 13,562.0)',
        'full-width digits and point (８５．４; ２２，０５７ with a full-width comma)',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'A05', 27804),
        value('QS01', 'A06', 85.4),
        value('QS03', 'A05', 22057),
        value('QS04', 'A05', 13562),
        value('QS02', 'A06', 87),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B03, I.B02],
        row('JJ06', '93.1%', '96.2%'),
        row('JJ07', '96.9%', '100%'),
        row('JJ08', 93.9, '96.3%'),
        row('JJ09', '89.9%', 96.3),
        row('SH01', '90.5%', '95.8%'),
      ],
    };
    const note =
      'Percent text in a column whose numbers are percentages (B03 target=95, B02 bounds=100|95|90): 93.1% means 93.1 in the unit of the column, not 0.931.';
    add('05-百分数文本.xlsx', await book([s], '临澜市财政局'), {
      quirks: ['percent text (93.1%, 100%) mixed with plain numbers in the same column'],
      kind: 'values',
      expect: [
        { ...value('JJ06', 'B03', 93.1), note },
        { ...value('JJ07', 'B02', 100), note },
        value('JJ08', 'B03', 93.9),
        value('JJ09', 'B02', 96.3),
        { ...value('SH01', 'B03', 90.5), note },
      ],
      note,
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['对象编码 ', `对象名称${NBSP}`, `${I.C01} `, `${NBSP}${I.C02}`],
        ['SH01', `${NBSP}${T.SH01} `, ` 87.1${NBSP}`, 85.3],
        [` SH02${NBSP}`, `${IDEO}${T.SH02}${IDEO}`, 85.4, `${NBSP}84.3`],
        ['SH03', `${T.SH03}${NBSP}${NBSP}`, '93.8 ', ' 94.1 '],
        ['SH04', `  ${T.SH04}`, 94.7, 95.1],
        ['SH05', T.SH05, `${IDEO}87.3`, 88.4],
      ],
    };
    add('06-空格和不换行空格.xlsx', await book([s], '临澜市委组织部'), {
      quirks: [
        'spaces, NBSP (U+00A0) and ideographic spaces (U+3000) around codes, names, headers and numbers',
        'numbers stored as text',
      ],
      kind: 'values',
      expect: [
        value('SH01', 'C01', 87.1),
        value('SH02', 'C02', 84.3),
        value('SH03', 'C01', 93.8),
        value('SH03', 'C02', 94.1),
        value('SH05', 'C01', 87.3),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'GN01', 'GN02', 'GN03', 'GN04', 'GN05'];
    const missing: Partial<Record<TargetCode, string>> = { GN02: '—', GN03: '-', GN04: '/', GN05: '无' };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A03, I.A04, I.A07],
        ...codes.map((c) => row(c, stats(c)[2], stats(c)[3], missing[c] ?? stats(c)[4])),
      ],
    };
    add('07-缺失标记.xlsx', await book([s], '临澜市统计局'), {
      quirks: ['missing markers —, -, / and 无 in the column of 研发经费投入强度 (A07, missing=peerMean)'],
      kind: 'values',
      expect: [
        value('GN01', 'A07', 3.23),
        value('GN02', 'A07', null),
        value('GN04', 'A07', null),
        value('GN05', 'A07', null),
        value('GN03', 'A03', 3.5),
      ],
      note: 'value null: the importer yields no value for that target and leaf (a missing value, not an error).',
    });
  }

  {
    const codes: TargetCode[] = ['DQ01', 'DQ02', 'DQ03', 'DQ04', 'DQ05', 'DQ06', 'DQ07', 'DQ08'];
    const total = (k: 0 | 1) => Number(codes.reduce((a, c) => a + office(c)[k], 0).toFixed(1));
    const mean = (k: 0 | 1) => Number((total(k) / codes.length).toFixed(2));
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['序号', ...VALUES_HEADER, I.B01, 'B02'],
        ...codes.map((c, i) => [i + 1, c, T[c], ...office(c)]),
        ['合计', null, null, total(0), total(1)],
        ['平均', null, null, mean(0), mean(1)],
        ['备注：B02 为督查督办事项办结率（%），数据截至2024年12月31日。'],
        [],
        ['填表人：张三', null, null, '审核人：李四', '联系电话：0791-6821234'],
      ],
      merges: [`A${codes.length + 4}:E${codes.length + 4}`],
    };
    add('08-合计备注签名行.xlsx', await book([s], '临澜市委综合考核办公室'), {
      quirks: [
        'a 合计 row (its 674.3 would be out of range for B01) and a 平均 row under the data',
        'a merged 备注 row, a blank row and a 填表人：张三 … 审核人：李四 signature row at the bottom',
      ],
      kind: 'values',
      expect: [
        value('DQ01', 'B01', 72),
        value('DQ05', 'B02', 99.1),
        value('DQ08', 'B01', 85.6),
        value('DQ04', 'B02', 92.8),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05'];
    /** 一般公共预算收入 as tax + non-tax revenue, typed as a formula; cached result, target value. */
    const parts: Partial<Record<TargetCode, [string, number, number]>> = {
      QS01: ['61.35+19.43', 80.78, 80.9],
      QS02: ['41.02+13.69', 54.71, 54.73],
      QS03: ['36.88+10.68', 47.56, 44.84],
      QS04: ['29.71+9.15', 38.86, 36.75],
      QS05: ['16.94+5.67', 22.61, 22.84],
    };
    const ranks = codes.map(
      (c) => 1 + codes.filter((d) => (parts[d]?.[1] ?? 0) > (parts[c]?.[1] ?? 0)).length,
    );
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A02, `${I.A02}目标值`, '排名'],
        ...codes.map((c) => {
          const [f, result, target] = parts[c] as [string, number, number];
          return row(c, { formula: f, result }, target);
        }),
      ],
      after: (ws) => ws.fillFormula(`E2:E${codes.length + 1}`, `RANK(C2,$C$2:$C$${codes.length + 1})`, ranks),
    };
    add('09-公式缓存值.xlsx', await book([s], '临澜市财政局'), {
      quirks: [
        'values as formulas with cached results (=61.35+19.43 → 80.78)',
        'a 排名 column filled with a shared formula RANK(C2,$C$2:$C$6) with cached results',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'A02', 80.78),
        value('QS01', 'A02', 80.9, 'targetValue'),
        value('QS03', 'A02', 47.56),
        value('QS05', 'A02', 22.61),
      ],
    });
  }

  {
    const qs: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const gn: TargetCode[] = ['GN01', 'GN02', 'GN03'];
    const b01: Partial<Record<TargetCode, number>> = { GN02: 79.1, GN03: 87.5 };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['类别', ...VALUES_HEADER, I.B01, I.C01],
        ...qs.map((c, i) => [i === 0 ? '区市' : null, c, T[c], office(c)[0], party(c)[0]]),
        ...gn.map((c, i) => [
          i === 0 ? '功能区' : null,
          c,
          T[c],
          OFFICE[c]?.[0] ?? (b01[c] as number),
          party(c)[0],
        ]),
      ],
      merges: ['A2:A5', 'A6:A8'],
      after: (ws) => {
        ws.getCell('A2').alignment = { vertical: 'middle', horizontal: 'center' };
        ws.getCell('A6').alignment = { vertical: 'middle', horizontal: 'center' };
      },
    };
    add('10-类别列合并.xlsx', await book([s]), {
      quirks: ['a 类别 column merged down each category (A2:A5 区市, A6:A8 功能区)'],
      kind: 'values',
      expect: [
        value('QS01', 'B01', 83.5),
        value('QS04', 'C01', 90.6),
        value('GN01', 'B01', 88.9),
        value('GN03', 'C01', 88.8),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['单位', I.B01, I.C02],
        ['东湖', office('QS01')[0], party('QS01')[1]],
        ['发改委', office('JJ01')[0], party('JJ01')[1]],
        ['高新区', office('GN01')[0], party('GN01')[1]],
        ['QS03', office('QS03')[0], party('QS03')[1]],
        ['SH04', office('SH04')[0], party('SH04')[1]],
        ['市委办', office('DQ01')[0], party('DQ01')[1]],
      ],
    };
    add('11-别名和编码.xlsx', await book([s]), {
      quirks: [
        'targets named by alias (东湖, 发改委, 高新区, 市委办) or by code (QS03, SH04) in a single 单位 column',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'B01', 83.5),
        value('JJ01', 'C02', 90.3),
        value('GN01', 'B01', 88.9),
        value('QS03', 'C02', 94),
        value('SH04', 'B01', 89.9),
        value('DQ01', 'C02', 80),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['市领导02', G.LD, T.QS01, I.D01, '优秀'],
        ['市领导02', G.LD, T.QS02, I.D01, 92],
        ['市领导02', G.LD, T.QS03, I.D01, '弃权'],
        ['市领导02', G.LD, T.QS04, I.D01, '良好'],
        ['市领导03', G.LD, T.QS01, I.D01, 88.5],
        ['市领导03', G.LD, T.QS02, I.D01, '一般'],
        ['市领导03', G.LD, T.QS03, I.D01, '优秀'],
        ['市领导03', G.LD, T.QS04, I.D01, '弃权'],
      ],
    };
    add('12-评议弃权和分数.xlsx', await book([s]), {
      quirks: ['long-form ratings mixing grade words, numeric scores (92, 88.5) and 弃权'],
      kind: 'ratings',
      expect: [
        rating('QS01', 'LD', '市领导02', '优秀'),
        rating('QS02', 'LD', '市领导02', 92),
        rating('QS03', 'LD', '市领导02', null),
        rating('QS01', 'LD', '市领导03', 88.5),
        rating('QS04', 'LD', '市领导03', null),
      ],
      note: 'grade null: an abstention (弃权), kept as a row with no grade or dropped, but never an error.',
    });
  }

  {
    const rows: [TargetCode, [number, number, number, number, number]][] = [
      ['SH01', [212, 198, 61, 17, 36]],
      ['SH02', [187, 205, 70, 22, 41]],
      ['SH03', [236, 190, 48, 9, 27]],
      ['SH06', [248, 183, 52, 11, 30]],
      ['SH07', [171, 196, 83, 29, 44]],
    ];
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [['序号', ...SURVEY_HEADER], ...rows.map(([c, n], i) => [i + 1, T[c], I.D02, ...n])],
    };
    add('13-满意度含不了解.xlsx', await book([s], '临澜市社情民意调查中心'), {
      quirks: [
        'satisfaction counts with a 不了解 column (excluded from the valid count)',
        'a 序号 column first',
      ],
      kind: 'surveys',
      expect: rows.slice(0, 4).map(([c, n]) => counts(c, n)),
    });
  }

  {
    const s: SheetDef = {
      name: '加扣分事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.JJ07, I.F, -0.5, '12345 热线工单超期办理被通报', '临政办字〔2024〕72号'],
        [T.DQ07, I.F, '-0.5', '巡察反馈问题整改不到位', '临巡办〔2024〕13号'],
        [T.SH05, I.F, -1, '空气质量改善目标未完成被省生态环境厅预警', '澜环办〔2024〕46号'],
        [T.SH01, I.E, 1, '获教育部“双减”工作通报表扬', '教基厅函〔2024〕18号'],
      ],
    };
    const note =
      'A deduction written as a negative number means that many points off: points are its magnitude, as for positive deductions.';
    add('14-扣分写成负数.xlsx', await book([s]), {
      quirks: ['deductions written as negative numbers (-0.5, -1; one as the text "-0.5")'],
      kind: 'items',
      expect: [
        { ...item('JJ07', 'F', 0.5, '12345 热线工单超期办理被通报'), note },
        { ...item('DQ07', 'F', 0.5, '巡察反馈问题整改不到位'), note },
        { ...item('SH05', 'F', 1, '空气质量改善目标未完成被省生态环境厅预警'), note },
        item('SH01', 'E', 1, '获教育部“双减”工作通报表扬'),
      ],
      note,
    });
  }

  {
    const rows = [
      ['对象编码', '对象名称', 'A05', I.A06],
      ['GN01', T.GN01, '37,809', '87.3'],
      ['GN02', T.GN02, '43,351', '81.7'],
      ['GN03', T.GN03, '11,851', '87.9'],
      ['GN04', T.GN04, '10,953', '91.9'],
      ['GN05', T.GN05, '11,754', '79.6'],
    ];
    add('15-UTF8带BOM.csv', utf8Bom(csvText(rows)), {
      quirks: [
        'CSV in UTF-8 with a byte-order mark, CRLF line ends',
        'numbers with thousands separators, quoted ("37,809")',
      ],
      kind: 'values',
      expect: [
        value('GN01', 'A05', 37809),
        value('GN02', 'A06', 81.7),
        value('GN04', 'A05', 10953),
        value('GN05', 'A06', 79.6),
      ],
    });
  }

  {
    const rows = [
      ['对象', '指标', '分值', '事由', '文号'],
      [T.QS10, I.E, '1', '获评全国文明城市提名城市', '临办发〔2024〕12号'],
      [T.GN01, I.E, '1.5', '国家高新区综合评价进位 9 位', '临政办字〔2024〕33号'],
      ['发改委', I.E, '1', '争取超长期特别国债项目资金全省第二', '澜发改投资〔2024〕112号'],
      [T.GN04, I.F, '1', '发生一般生产安全事故被通报', '临安委办〔2024〕31号'],
      [
        T.JJ02,
        I.F,
        '1.5',
        '工业投资目标未完成被市政府约谈，“十四五”规划中期评估滞后',
        '临政办字〔2024〕80号',
      ],
    ];
    add('16-GBK编码.csv', gbk(csvText(rows)), {
      quirks: [
        'CSV in GBK (what Excel on a Chinese Windows saves as "CSV (逗号分隔)"), no byte-order mark',
        'a reason with Chinese quotes and a comma, quoted; an alias (发改委) as target',
      ],
      kind: 'items',
      expect: [
        item('QS10', 'E', 1, '获评全国文明城市提名城市'),
        item('GN01', 'E', 1.5, '国家高新区综合评价进位 9 位'),
        item('JJ01', 'E', 1, '争取超长期特别国债项目资金全省第二'),
        item('JJ02', 'F', 1.5, '工业投资目标未完成被市政府约谈，“十四五”规划中期评估滞后'),
      ],
    });
  }

  {
    const { bytes, note } = await wpsWorkbook();
    add('17-WPS原始写法.xlsx', bytes, {
      quirks: [
        'OOXML written the way WPS writes it: inline strings (t="inlineStr"), no sharedStrings part',
        'cells after the first of each row without the r attribute, a wrong <dimension ref="A1:C3">, a shared formula (序号 = ROW()-1) and a plain formula with cached values, a number stored as inline text',
      ],
      kind: 'values',
      expect: [
        value('JJ01', 'B01', 87.4),
        value('JJ03', 'B01', 79.4),
        value('JJ05', 'B02', 100),
        value('JJ02', 'B03', 92.7),
        value('JJ04', 'B02', 94.2),
      ],
      note,
    });
  }

  {
    const codes: TargetCode[] = ['SH01', 'SH02', 'SH03', 'SH04', 'SH05'];
    const budget: Partial<Record<TargetCode, number>> = {
      SH01: 90.5,
      SH02: 92.2,
      SH03: 96.4,
      SH04: 99,
      SH05: 94.2,
    };
    const notes: SheetDef = {
      name: '填表说明',
      rows: [
        ['填表说明'],
        ['1. “指标数据”表每行填写一个单位，对象编码和对象名称请勿修改。'],
        ['2. 部门预算执行率按财政部门决算口径填写，单位为%，保留一位小数。'],
        ['3. 本表由市财政局汇总后报送市考核办。'],
      ],
    };
    const data: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.B03, I.C02], ...codes.map((c) => row(c, budget[c] as number, party(c)[1]))],
    };
    add('18-填表说明工作表.xlsx', await book([notes, data], '临澜市财政局'), {
      quirks: ['a 填表说明 sheet of instructions before the data sheet (to be skipped, not refused)'],
      kind: 'values',
      expect: [
        value('SH01', 'B03', 90.5),
        value('SH04', 'B03', 99),
        value('SH03', 'C02', 94.1),
        value('SH05', 'C02', 88.4),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '加扣分及否决事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.QS01, I.E, 2, '获国务院通报表扬（督查激励·营商环境创新）', '国办发〔2024〕21号'],
        [null, null, 1, '获评全省高质量发展综合绩效考核先进区', '澜政字〔2024〕41号'],
        [null, null, 1, '“高效办成一件事”改革经验被省政府办公厅推广', '澜政办发〔2024〕15号'],
        [T.QS09, I.F, 3, '违法占用耕地问题被自然资源部公开通报', '临政办字〔2024〕66号'],
        [null, null, 2, '重点项目推进滞后被市委督查室通报批评', '临督查〔2024〕5号'],
        [null, null, 1, '审计发现问题整改不到位', '临审办〔2024〕19号'],
        [
          T.QS06,
          I.G,
          null,
          '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）',
          '临政函〔2024〕58号',
        ],
      ],
      merges: ['A2:A4', 'B2:B4', 'A5:A7', 'B5:B7'],
      after: (ws) => {
        for (const a of ['A2', 'B2', 'A5', 'B5']) ws.getCell(a).alignment = { vertical: 'middle' };
      },
    };
    add('19-事项对象合并单元格.xlsx', await book([s]), {
      quirks: ['对象 and 指标 merged down over the items of one target (A2:A4, B2:B4, A5:A7, B5:B7)'],
      kind: 'items',
      expect: [
        item('QS01', 'E', 1, '获评全省高质量发展综合绩效考核先进区'),
        item('QS01', 'E', 1, '“高效办成一件事”改革经验被省政府办公厅推广'),
        item('QS09', 'F', 1, '审计发现问题整改不到位'),
        item('QS06', 'G', null, '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）'),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '部门互评',
      headerRows: [1],
      rows: [
        ['评价单位', '主体', '被评价单位', '评议指标', '评价等次'],
        ['发改委', 'BM', 'QS01', 'D01', '良好 '],
        ['发改委', 'BM', 'QS02', 'D01', `${IDEO}优秀`],
        ['发改委', 'BM', 'SH03', 'D01', '一般'],
        ['财政局', 'BM', 'QS01', 'D01', '优秀'],
        ['财政局', 'BM', 'JJ01', 'D01', `较差${NBSP}`],
        ['财政局', 'BM', 'DQ02', 'D01', '良好'],
      ],
    };
    add('20-评议用编码和别名.xlsx', await book([s]), {
      quirks: [
        'group, target and indicator given by code (BM, QS01, D01), evaluators by alias (发改委, 财政局), headers by synonym (评价单位, 主体, 被评价单位, 评议指标, 评价等次)',
        'grade words padded with a space, an ideographic space and an NBSP',
      ],
      kind: 'ratings',
      expect: [
        rating('QS01', 'BM', '发改委', '良好'),
        rating('QS02', 'BM', '发改委', '优秀'),
        rating('JJ01', 'BM', '财政局', '较差'),
        rating('DQ02', 'BM', '财政局', '良好'),
      ],
      note: 'evaluator is the text as written, trimmed; 发改委 is JJ01 and 财政局 is JJ03 (department evaluators).',
    });
  }

  return { files, manifest };
}

// ---------------------------------------------------------------------------------------------
// The WPS fixture: raw OOXML written by hand

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An .xlsx as WPS writes it, not as exceljs does: every string inline (t="inlineStr", no sharedStrings
 * part), only the first cell of each row carrying its `r` address, a `<dimension>` that does not
 * cover the data, a shared formula down the 序号 column and WPS's own document properties.
 * Returns the bytes, and a note if exceljs cannot load them.
 */
async function wpsWorkbook(): Promise<{ bytes: Buffer; note?: string }> {
  const codes: TargetCode[] = ['JJ01', 'JJ02', 'JJ03', 'JJ04', 'JJ05'];
  const budget: Partial<Record<TargetCode, number>> = {
    JJ01: 95.5,
    JJ02: 92.7,
    JJ03: 91.9,
    JJ04: 89.6,
    JJ05: 98.8,
  };
  const str = (s: string, style = '') => `<c${style} t="inlineStr"><is><t>${xmlEscape(s)}</t></is></c>`;
  const num = (n: number) => `<c><v>${n}</v></c>`;
  const header = ['序号', '对象编码', '对象名称', I.B01, I.B02, I.B03];
  const rows: string[] = [];
  rows.push(
    `<row r="1" spans="1:6" s="1" customFormat="1">` +
      header.map((h, i) => str(h, i === 0 ? ' r="A1" s="1"' : ' s="1"')).join('') +
      '</row>',
  );
  codes.forEach((c, i) => {
    const r = i + 2;
    const seq =
      i === 0
        ? `<c r="A${r}"><f t="shared" ref="A2:A${codes.length + 1}" si="0">ROW()-1</f><v>${i + 1}</v></c>`
        : `<c r="A${r}"><f t="shared" si="0"/><v>${i + 1}</v></c>`;
    const [b01, b02] = office(c);
    const b01Cell = c === 'JJ03' ? `<c><f>100-12.6-8</f><v>${b01}</v></c>` : num(b01);
    const b02Cell = c === 'JJ05' ? str(String(b02)) : num(b02);
    rows.push(
      `<row r="${r}" spans="1:6">${seq}${str(c)}${str(T[c])}${b01Cell}${b02Cell}${num(budget[c] as number)}</row>`,
    );
  });
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">' +
    '<sheetPr/><dimension ref="A1:C3"/>' +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="D4" sqref="D4"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="5"/>' +
    '<cols><col min="3" max="3" width="22.625" customWidth="1"/><col min="4" max="6" width="14.5" customWidth="1"/></cols>' +
    `<sheetData>${rows.join('')}</sheetData>` +
    '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>' +
    '<headerFooter/></worksheet>';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>' +
      '</Relationships>',
    'docProps/app.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>WPS 表格</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>指标数据</vt:lpstr></vt:vector></TitlesOfParts></Properties>',
    'docProps/core.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>市考核办</dc:creator><cp:lastModifiedBy>WPS_1704</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_ISO}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_ISO}</dcterms:modified>` +
      '</cp:coreProperties>',
    'docProps/custom.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.17147</vt:lpwstr></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>3F1E2D4C5B6A79880A1B2C3D4E5F6071</vt:lpwstr></property>' +
      '</Properties>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr/><bookViews><workbookView windowWidth="28800" windowHeight="12540"/></bookViews>' +
      '<sheets><sheet name="指标数据" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font>' +
      '<font><b/><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    'xl/worksheets/sheet1.xml': sheet,
  };
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text, { date: FIXED_DATE });
  const bytes = normaliseZipTimes(
    await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }),
  );

  // exceljs must still read it: every data cell in its column, the shared formula with its result.
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('指标数据');
    const got = ws?.getCell('D4').value;
    const seq = ws?.getCell('A6').value as ExcelJS.CellSharedFormulaValue | undefined;
    const ok =
      ws?.getCell('C2').value === T.JJ01 &&
      ws.getCell('F6').value === budget.JJ05 &&
      typeof got === 'object' &&
      got !== null &&
      'result' in got &&
      got.result === office('JJ03')[0] &&
      seq?.result === 5;
    return ok ? { bytes } : { bytes, note: 'exceljs loads this file but misplaces or loses cells.' };
  } catch (e) {
    return { bytes, note: `exceljs cannot load this file: ${(e as Error).message}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Checks against the scheme workbook: the names and codes these files use are the city's

async function checkAgainstScheme(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SCHEME_FILE) as unknown as ArrayBuffer);
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
  const targets = new Map<string, { name: string; aliases: string[] }>();
  wb.getWorksheet('考核对象')?.eachRow((r, n) => {
    if (n > 1)
      targets.set(text(r.getCell(1).value), {
        name: text(r.getCell(2).value),
        aliases: text(r.getCell(3).value)
          .split('、')
          .filter((a) => a !== ''),
      });
  });
  const indicators = new Map<string, string>();
  wb.getWorksheet('指标体系')?.eachRow((r, n) => {
    if (n > 1) indicators.set(text(r.getCell(1).value), text(r.getCell(3).value));
  });
  const groups = new Map<string, string>();
  wb.getWorksheet('评价主体')?.eachRow((r, n) => {
    if (n > 1) groups.set(text(r.getCell(1).value), text(r.getCell(2).value));
  });
  for (const [code, name] of Object.entries(T))
    if (targets.get(code)?.name !== name) throw new Error(`target ${code} ${name} is not the scheme's`);
  for (const [alias, code] of Object.entries(ALIASES))
    if (!targets.get(code)?.aliases.includes(alias)) throw new Error(`${alias} is no alias of ${code}`);
  for (const [code, name] of Object.entries(I))
    if (indicators.get(code) !== name) throw new Error(`indicator ${code} ${name} is not the scheme's`);
  for (const [code, name] of Object.entries(G))
    if (groups.get(code) !== name) throw new Error(`group ${code} ${name} is not the scheme's`);
  const rules: string[] = [];
  wb.getWorksheet('规则')?.eachRow((r) => rules.push(text(r.getCell(2).value)));
  for (const w of GRADE_WORDS)
    if (!rules.some((v) => v.includes(`${w}=`))) throw new Error(`grade ${w} is not in the scheme's rules`);
}

/** Expected data must be valid for its leaf: direct values on 0–100, counts non-negative integers, ratings on 0–100. */
function checkExpect(entries: WildEntry[]): void {
  for (const e of entries)
    for (const x of e.expect) {
      if (!(x.target in T)) throw new Error(`${e.file}: unknown target ${x.target}`);
      if (!(x.indicator in I)) throw new Error(`${e.file}: unknown indicator ${x.indicator}`);
      if ('field' in x && ['B01', 'C01', 'C02'].includes(x.indicator) && x.value !== null)
        if (x.value < 0 || x.value > 100)
          throw new Error(`${e.file}: ${x.indicator} ${x.value} out of range`);
      if ('counts' in x)
        for (const n of Object.values(x.counts))
          if (!Number.isInteger(n) || n < 0) throw new Error(`${e.file}: bad count ${n}`);
      if ('grade' in x && typeof x.grade === 'number' && (x.grade < 0 || x.grade > 100))
        throw new Error(`${e.file}: rating ${x.grade} out of range`);
    }
}

// ---------------------------------------------------------------------------------------------

function writeCorpus(dir: string, files: OutFile[], manifest: object): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (const f of files) {
    const path = join(dir, f.file);
    writeFileSync(path, f.bytes);
    const size = statSync(path).size;
    if (size > 2 * 1024 * 1024) throw new Error(`${f.file} is ${size} bytes, over 2 MB`);
    total += size;
  }
  const text = JSON.stringify(manifest, null, 2) + '\n';
  writeFileSync(join(dir, 'manifest.json'), text);
  return total + Buffer.byteLength(text);
}

async function main(): Promise<void> {
  await checkAgainstScheme();
  const bad = await badCorpus();
  const wild = await wildCorpus();
  checkExpect(wild.manifest);

  const common = {
    scheme: 'fixtures/city/2024年度综合考核方案.xlsx',
    generator: 'scripts/make-corpus.ts',
  };
  const badSize = writeCorpus(BAD_DIR, bad.files, {
    ...common,
    about:
      'Files an import must refuse, whole: nothing of them is written. Every message names the file as well.',
    conventions: [
      'refs: the Sheet!Cell each problem should point at, 1-based rows as Excel shows them; empty for a problem of the file as a whole.',
      'For a CSV file the sheet is the file name without its extension.',
      'keywords: words a good message contains (the bad value, the near-miss name, the fix).',
    ],
    files: bad.manifest,
  });
  const wildSize = writeCorpus(WILD_DIR, wild.files, {
    ...common,
    about: 'Files an import must accept, each showing one or two quirks of sheets returned from departments.',
    conventions: [
      'target, indicator and group are codes of the scheme, whatever the sheet calls them.',
      'values: field is value, targetValue or baseline; value null means no value is imported (a missing marker).',
      'ratings: grade is a grade word, a number on 0–100, or null for an abstention (弃权).',
      'surveys: the five counts. items: points is the item’s magnitude (null for veto items), reason as written.',
      'expect lists a sample of the data points, not all of them.',
    ],
    files: wild.manifest,
  });

  console.log(`fixtures/bad: ${bad.files.length} files, ${(badSize / 1024).toFixed(0)} KiB`);
  for (const e of bad.manifest) console.log(`  ${e.file}  ${e.refs.join(' ') || '(file)'}`);
  console.log(`fixtures/wild: ${wild.files.length} files, ${(wildSize / 1024).toFixed(0)} KiB`);
  for (const e of wild.manifest)
    console.log(`  ${e.file}  ${e.kind}${e.note?.startsWith('exceljs') ? `  ${e.note}` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
