/**
 * Mutants of a workbook for the fuzzer (issue 13): byte flips and truncation of the file, and edits
 * of its first sheet's XML — a number's stored value, a cell's type or address, rows duplicated,
 * deleted or renumbered, a header cell copied over its neighbour, a shared string made huge or full
 * of control characters. Each mutant says what it touched (cells, rows, columns) and, where the
 * edit has one reading, what that reading is: the oracle the fuzzer checks an accepted import
 * against (fuzz.ts).
 */
import JSZip from 'jszip';
import { parseStoredNumber } from '../../shared/import/numbers';

export type Rand = () => number;

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

export interface Mutant {
  kind: string;
  /** What was done, for a report: `value C7 ← 0x1F`. */
  what: string;
  bytes: Buffer;
  /** The sheet the edit is in (its name, as refs name it), when it is a sheet edit. */
  sheet: string | null;
  /** Cells (`C7`) whose reading may change; the rest must read as before. */
  cells: Set<string>;
  /** Rows (1-based) whose datums may change or go. */
  rows: Set<number>;
  /** Columns (letters) whose datums may change: a header edited. */
  columns: Set<string>;
  /** Nothing may be read differently: an accepted import must give the original's data. */
  sameData: boolean;
  /** The one reading of the edited number cell: the number, or null when it must be refused there. */
  expect?: { cell: string; value: number | null };
}

/** Values a number cell is given: what Excel writes, and what it never does. */
const TOKENS = [
  '85',
  '85.5',
  '1.5E1',
  '-0',
  '0',
  ' 86 ',
  '1E-3',
  '99.999999999999',
  '0x1F',
  '1,234',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1e400',
  '1e-400',
  '+5',
  '.5',
  '5.',
  '8 5',
  'abc',
  '1e308',
  '3e14',
  '123456789012345678901234567890',
  '&#48;x10',
];
const TYPES = ['s', 'b', 'e', 'str', 'inlineStr', 'd', 'zz', 'n', ''];
const HOSTILE_STRINGS = [
  () => '长'.repeat(120_000),
  () => 'A_x0001_B_x001F_C',
  () => `东湖区${'\u200b'.repeat(3)}`,
  () => '<![CDATA[x]]>'.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`),
  () => "=cmd|'/C calc'!A0",
];

interface Sheet {
  path: string;
  name: string;
  xml: string;
}

async function firstSheet(zip: JSZip): Promise<Sheet> {
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const m =
    /<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"/.exec(wb) ??
    /<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"/.exec(wb);
  let name = 'Sheet1';
  let path = 'xl/worksheets/sheet1.xml';
  if (m) {
    const [a, b] = [m[1] as string, m[2] as string];
    const [sheetName, rid] = m[0].indexOf('name=') < m[0].indexOf('r:id=') ? [a, b] : [b, a];
    name = sheetName
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
    const target =
      new RegExp(`<Relationship\\b[^>]*?Id="${rid}"[^>]*?Target="([^"]*)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*?Target="([^"]*)"[^>]*?Id="${rid}"`).exec(rels)?.[1];
    if (target) path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  const xml = (await zip.file(path)?.async('string')) ?? '';
  return { path, name, xml };
}

/** Cells of the sheet XML: the whole element, its address, type and value text. */
function cellsOf(
  xml: string,
): { start: number; end: number; r: string; t: string | null; v: string | null }[] {
  const out: { start: number; end: number; r: string; t: string | null; v: string | null }[] = [];
  const re = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = m[1] as string;
    const r = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
    if (!r) continue;
    const t = /\bt="([^"]*)"/.exec(attrs)?.[1] ?? null;
    const v = m[3] === undefined ? null : (/<v>([\s\S]*?)<\/v>/.exec(m[3])?.[1] ?? null);
    out.push({ start: m.index, end: m.index + m[0].length, r, t, v });
  }
  return out;
}

function rowsOf(xml: string): { start: number; end: number; r: number }[] {
  const out: { start: number; end: number; r: number }[] = [];
  const re = /<row\b([^>]*?)(\/>|>[\s\S]*?<\/row>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const r = Number(/\br="(\d+)"/.exec(m[1] as string)?.[1] ?? NaN);
    if (Number.isFinite(r)) out.push({ start: m.index, end: m.index + m[0].length, r });
  }
  return out;
}

const splitRef = (r: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(r) as RegExpExecArray;
  return { col: m[1] as string, row: Number(m[2]) };
};
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number) => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function rezip(zip: JSZip, path: string, xml: string): Promise<Buffer> {
  zip.file(path, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** One mutant of `source` (an .xlsx's bytes), drawn from `rand`. */
export async function mutate(source: Buffer, rand: Rand): Promise<Mutant> {
  const base = (kind: string, what: string, bytes: Buffer, sheet: string | null = null): Mutant => ({
    kind,
    what,
    bytes,
    sheet,
    cells: new Set(),
    rows: new Set(),
    columns: new Set(),
    sameData: false,
  });
  const op = pick(rand, [
    'flip',
    'truncate',
    'value',
    'value',
    'value',
    'type',
    'type',
    'ref',
    'rowDup',
    'rowDel',
    'rowNum',
    'header',
    'string',
  ] as const);

  if (op === 'flip') {
    const bytes = Buffer.from(source);
    const n = 1 + Math.floor(rand() * 8);
    const at: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rand() * bytes.length);
      bytes[i] = (bytes[i] as number) ^ (1 << Math.floor(rand() * 8));
      at.push(i);
    }
    return { ...base('flip', `bits flipped at ${at.join(',')}`, bytes), sameData: true };
  }
  if (op === 'truncate') {
    const n = Math.floor(rand() * source.length);
    return { ...base('truncate', `cut at ${n} of ${source.length}`, source.subarray(0, n)), sameData: true };
  }

  const zip = await JSZip.loadAsync(source);
  const sheet = await firstSheet(zip);
  const cells = cellsOf(sheet.xml);
  const rows = rowsOf(sheet.xml);
  const replace = (start: number, end: number, text: string) =>
    `${sheet.xml.slice(0, start)}${text}${sheet.xml.slice(end)}`;

  if (op === 'value' || op === 'type' || op === 'ref') {
    // a cell holding a number (no t, or t="n") for value edits; any cell with a value otherwise
    const numbers = cells.filter((c) => c.v !== null && (c.t === null || c.t === 'n'));
    const pool = op === 'value' ? numbers : cells.filter((c) => c.v !== null);
    if (pool.length === 0) return mutate(source, rand);
    const c = pick(rand, pool);
    const element = sheet.xml.slice(c.start, c.end);
    if (op === 'value') {
      const token = pick(rand, TOKENS);
      const edited = element.replace(/<v>[\s\S]*?<\/v>/, `<v>${token}</v>`);
      const m = base(
        'value',
        `${c.r} ← ${JSON.stringify(token)}`,
        await rezip(zip, sheet.path, replace(c.start, c.end, edited)),
        sheet.name,
      );
      m.cells.add(c.r);
      // the token as the XML parser hands it over (an entity decoded), then the one reading of it
      const text = token.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));
      const n = parseStoredNumber(text);
      m.expect = { cell: c.r, value: n.ok ? n.value : null };
      return m;
    }
    if (op === 'type') {
      const t = pick(rand, TYPES);
      const open = /^<c\b[^>]*?(?=\/?>)/.exec(element)?.[0] as string;
      const withT = /\bt="[^"]*"/.test(open)
        ? open.replace(/\bt="[^"]*"/, t === '' ? '' : `t="${t}"`)
        : t === ''
          ? open
          : `${open} t="${t}"`;
      const edited = withT + element.slice(open.length);
      if (edited === element) return mutate(source, rand);
      const m = base(
        'type',
        `${c.r} t=${JSON.stringify(c.t)} → ${JSON.stringify(t)}`,
        await rezip(zip, sheet.path, replace(c.start, c.end, edited)),
        sheet.name,
      );
      m.cells.add(c.r);
      return m;
    }
    // ref: the cell moved to another column of its row, or to a row that may not exist
    const { col, row } = splitRef(c.r);
    const to =
      rand() < 0.7
        ? `${colLetters(Math.max(1, colNumber(col) + pick(rand, [-2, -1, 1, 2, 5])))}${row}`
        : pick(rand, [`${col}0`, `${col}${row + 1}`, `${col}${row - 1}`, 'XFE1', `${col}1048577`]);
    const edited = element.replace(/\br="[A-Z]+\d+"/, `r="${to}"`);
    const m = base(
      'ref',
      `${c.r} → r="${to}"`,
      await rezip(zip, sheet.path, replace(c.start, c.end, edited)),
      sheet.name,
    );
    m.cells.add(c.r);
    if (/^[A-Z]+\d+$/.test(to)) {
      m.cells.add(to);
      m.rows.add(splitRef(to).row);
    }
    m.rows.add(row);
    return m;
  }

  if (op === 'rowDup' || op === 'rowDel' || op === 'rowNum') {
    if (rows.length === 0) return mutate(source, rand);
    const r = pick(rand, rows);
    const element = sheet.xml.slice(r.start, r.end);
    if (op === 'rowDel') {
      const m = base(
        'rowDel',
        `row ${r.r} deleted`,
        await rezip(zip, sheet.path, replace(r.start, r.end, '')),
        sheet.name,
      );
      m.rows.add(r.r);
      return m;
    }
    if (op === 'rowDup') {
      // a copy after the last row, renumbered (a row copied and pasted below the table)
      const last = rows[rows.length - 1] as { end: number; r: number };
      const n = last.r + 1 + Math.floor(rand() * 3);
      const copy = element
        .replace(/(<row\b[^>]*?\br=")\d+"/, `$1${n}"`)
        .replace(/(<c\b[^>]*?\br="[A-Z]+)\d+"/g, `$1${n}"`);
      const xml = `${sheet.xml.slice(0, last.end)}${copy}${sheet.xml.slice(last.end)}`;
      const m = base('rowDup', `row ${r.r} copied to ${n}`, await rezip(zip, sheet.path, xml), sheet.name);
      m.rows.add(n);
      return m;
    }
    const to = pick(rand, ['0', '-3', 'x', String(r.r), String(Math.max(1, r.r - 1)), '1048577']);
    if (to === String(r.r)) return mutate(source, rand);
    const edited = element.replace(/(<row\b[^>]*?\br=")\d+"/, `$1${to}"`);
    const m = base(
      'rowNum',
      `row ${r.r} → r="${to}"`,
      await rezip(zip, sheet.path, replace(r.start, r.end, edited)),
      sheet.name,
    );
    m.rows.add(r.r);
    if (/^\d+$/.test(to)) m.rows.add(Number(to));
    return m;
  }

  if (op === 'header') {
    // a cell of the first rows copied over its right-hand neighbour (two columns headed alike)
    const head = cells.filter((c) => splitRef(c.r).row <= 6 && c.v !== null);
    if (head.length === 0) return mutate(source, rand);
    const c = pick(rand, head);
    const { col, row } = splitRef(c.r);
    const next = `${colLetters(colNumber(col) + 1)}${row}`;
    const target = cells.find((x) => x.r === next);
    const copy = sheet.xml.slice(c.start, c.end).replace(/\br="[A-Z]+\d+"/, `r="${next}"`);
    const xml = target ? replace(target.start, target.end, copy) : sheet.xml;
    if (!target) return mutate(source, rand);
    const m = base('header', `${c.r} copied over ${next}`, await rezip(zip, sheet.path, xml), sheet.name);
    m.columns.add(colLetters(colNumber(col) + 1));
    m.columns.add(col);
    m.cells.add(next);
    return m;
  }

  // string: a shared string made huge, full of control characters (as _xHHHH_ escapes), a formula
  const sst = await zip.file('xl/sharedStrings.xml')?.async('string');
  const items = sst ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)] : [];
  if (!sst || items.length === 0) return mutate(source, rand);
  const k = Math.floor(rand() * items.length);
  const item = items[k] as RegExpMatchArray;
  const text = pick(rand, HOSTILE_STRINGS)();
  const edited = `${sst.slice(0, item.index)}<si><t xml:space="preserve">${xmlEscape(text)}</t></si>${sst.slice((item.index as number) + item[0].length)}`;
  zip.file('xl/sharedStrings.xml', edited);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const m = base(
    'string',
    `shared string ${k} ← ${JSON.stringify(text.slice(0, 20))}${text.length > 20 ? `…(${text.length})` : ''}`,
    bytes,
    sheet.name,
  );
  // the cells that show it: their reading may change (a name no longer a unit's is refused)
  for (const c of cells)
    if (c.t === 's' && c.v !== null && Number(c.v) === k) {
      const { col, row } = splitRef(c.r);
      m.rows.add(row);
      if (row <= 6) m.columns.add(col); // a header (or a title above one): its column may read otherwise
    }
  return m;
}
