/**
 * What the corpus modules of scripts/make-corpus.ts share: paths, the city's names and codes, the
 * manifest shapes, sheets as data (and the deterministic workbook writer), CSV encodings and the rows
 * several files use.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { SurveyCounts } from '../../shared/domain/data';
import { mulberry32 } from '../../shared/engine/random';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
export const SCHEME_FILE = join(FIXTURES, 'city', '2024年度综合考核方案.xlsx');
export const BAD_DIR = join(FIXTURES, 'bad');
export const WILD_DIR = join(FIXTURES, 'wild');

/** Creation date written into every workbook (and, as DOS time, into every zip entry). */
export const FIXED_DATE = new Date(Date.UTC(2025, 0, 10, 1, 0, 0));
export const FIXED_ISO = '2025-01-10T01:00:00Z';

// ---------------------------------------------------------------------------------------------
// The city, as far as these files use it (checked against the scheme workbook before anything is written)

/** Target names by code. */
export const T = {
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
export type TargetCode = keyof typeof T;

/** Aliases the files use, with the target they belong to. */
export const ALIASES: Record<string, TargetCode> = {
  东湖: 'QS01',
  发改委: 'JJ01',
  高新区: 'GN01',
  市委办: 'DQ01',
  财政局: 'JJ03',
};

/** Indicator names by code (leaves, and the item indicators). */
export const I = {
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
export type IndicatorCode = keyof typeof I;

/** Evaluator groups by code. */
export const G = { LD: '市级领导', BM: '部门互评', FW: '服务对象', DB: '两代表一委员' } as const;

/** The grade words of the scheme's 等次分值 rule. */
export const GRADE_WORDS = ['优秀', '良好', '一般', '较差'];

// ---------------------------------------------------------------------------------------------
// Manifest shapes

export interface BadEntry {
  file: string;
  problem: string;
  /** `Sheet!Cell` the message should point at; empty for problems of the file as a whole. */
  refs: string[];
  /** Words a good message contains: the bad value, the near-miss name, the fix. */
  keywords: string[];
}

export type Expect =
  | { target: string; indicator: string; field: 'value' | 'targetValue' | 'baseline'; value: number | null }
  | { target: string; indicator: string; group: string; evaluator: string; grade: string | number | null }
  | { target: string; indicator: string; counts: SurveyCounts }
  | { target: string; indicator: string; points: number | null; reason: string };

export interface WildEntry {
  file: string;
  quirks: string[];
  kind: 'values' | 'ratings' | 'surveys' | 'items';
  expect: (Expect & { note?: string })[];
  /** Anything a reader of the corpus should know about the file (a judgement call, a library limit). */
  note?: string;
}

export interface OutFile {
  file: string;
  bytes: Buffer;
}

/** How a part of a corpus hands over a file and its manifest entry (the `add` of badCorpus and wildCorpus). */
export type AddBad = (file: string, bytes: Buffer, e: Omit<BadEntry, 'file'>) => void;
export type AddWild = (file: string, bytes: Buffer, e: Omit<WildEntry, 'file'>) => void;

// ---------------------------------------------------------------------------------------------
// Sheets as data, so that every cell address in a manifest comes from the rows as written

export type V = ExcelJS.CellValue;

export interface SheetDef {
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
export function columnName(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export const address = (row: number, col: number) => `${columnName(col)}${row}`;

/** `Sheet!C5` of the one cell of the sheet that holds exactly `probe` (same object, or same string/number). */
export function refOf(sheet: SheetDef, probe: V): string {
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
export function refAt(sheet: SheetDef, row: number, header: string, headerRow = 1): string {
  const col = (sheet.rows[headerRow - 1] ?? []).indexOf(header);
  if (col < 0) throw new Error(`${sheet.name}: no column ${header}`);
  return `${sheet.name}!${address(row, col + 1)}`;
}

/** Display width of a cell: CJK characters count double. */
export function textWidth(v: V): number {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v).slice(0, 80);
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function addSheet(wb: ExcelJS.Workbook, def: SheetDef): void {
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

export function newWorkbook(creator: string): ExcelJS.Workbook {
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
export function normaliseZipTimes(buf: Buffer): Buffer {
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

export async function book(sheets: SheetDef[], creator = '临澜市委综合考核办公室'): Promise<Buffer> {
  const wb = newWorkbook(creator);
  for (const s of sheets) addSheet(wb, s);
  return normaliseZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

// ---------------------------------------------------------------------------------------------
// CSV, in UTF-8 with BOM or in GBK

export function csvText(rows: readonly (readonly string[])[]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export const utf8Bom = (text: string) =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

/**
 * Encodes text as GBK, the encoding Excel on a Chinese Windows writes CSV in. The bytes are decoded
 * again with the platform's own WHATWG decoder and compared, so a character GBK lacks cannot slip
 * through as a question mark.
 */
export function gbk(text: string): Buffer {
  const out = iconv.encode(text, 'gbk');
  if (new TextDecoder('gbk').decode(out) !== text) throw new Error('GBK round trip failed');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rows shared by several files (the values are those of fixtures/city/data)

export const VALUES_HEADER = ['对象编码', '对象名称'];
export const row = (code: TargetCode, ...cells: V[]): V[] => [code, T[code], ...cells];

/** 市考核办: B01 重点工作任务完成情况 and B02 督查督办事项办结率. */
export const OFFICE: Partial<Record<TargetCode, [number, number]>> = {
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
export const office = (code: TargetCode): [number, number] => {
  const v = OFFICE[code];
  if (!v) throw new Error(`no office data for ${code}`);
  return v;
};

/** 市统计局: A01 value, A01 baseline, A03, A04, A07. */
export const STATS: Partial<Record<TargetCode, [number, number, number, number, number | null]>> = {
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
export const stats = (code: TargetCode) => {
  const v = STATS[code];
  if (!v) throw new Error(`no stats data for ${code}`);
  return v;
};

/** 市委组织部 / 市纪委监委: C01 and C02. */
export const PARTY: Partial<Record<TargetCode, [number, number]>> = {
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
export const party = (code: TargetCode) => {
  const v = PARTY[code];
  if (!v) throw new Error(`no party data for ${code}`);
  return v;
};

export const ITEMS_HEADER = ['对象', '指标', '分值', '事由', '文号'];
export const SURVEY_HEADER = ['对象', '指标', '非常满意', '满意', '基本满意', '不满意', '不了解'];
export const RATINGS_HEADER = ['评价人', '评价主体', '对象', '指标', '评价'];

/** Text of a given length built from phrases of a seeded stream (a pasted document, not one phrase repeated). */
export function pastedText(seed: number, start: string, length: number): string {
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
