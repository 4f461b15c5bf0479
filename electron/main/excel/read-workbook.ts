import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { installStrictCells, INVALID_MARK, UnplacedError } from './exceljs-strict';
import { damagedEntry, inflatedSize } from './zip-size';
import { readXlsx, XlsxUnsupported } from './xlsx';
import { ZipReader } from './xlsx/zip';
import iconv from 'iconv-lite';
import type { Cell, SheetGrid, WorkbookGrid } from '../../../shared/import/grid';
import { detectDelimiter, parseCsv } from '../../../shared/import/csv';
import { cellRef } from '../../../shared/import/grid';
import type { TemplateMeta } from '../../../shared/import/template-meta';
import { parseTemplateMeta, TEMPLATE_META_SHEET } from '../../../shared/import/template-meta';

/** A file that cannot be read as a workbook; the message says what to do, in Chinese. */
export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** The cell the problem is at, when there is one (`Sheet!B4`). */
    readonly ref: string | null = null,
  ) {
    super(message);
  }
}

installStrictCells();

const LEGACY = new Set(['.xls', '.et', '.ett', '.xlt', '.wps']);
const CSV = new Set(['.csv', '.txt']);
/** Files above this size are read as a stream (a big export), smaller ones whole (merges, dates…). */
export const STREAM_ABOVE = 1024 * 1024;
/** A streamed file the purpose-built reader does not understand is loaded whole by exceljs up to this size. */
const WHOLE_FALLBACK = 16 * 1024 * 1024;

/** Turns an exceljs cell value into the plain grid cell the pure mappers read. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number')
    return Number.isFinite(value)
      ? { kind: 'number', value }
      : { kind: 'invalid', why: '存的数值不是有限的数' };
  if (typeof value === 'string') return value === '' ? null : { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? { kind: 'error', value: '#VALUE!' }
      : { kind: 'date', value: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('error' in value) {
      const e = String(value.error);
      return e.startsWith(INVALID_MARK)
        ? { kind: 'invalid', why: e.slice(INVALID_MARK.length) }
        : { kind: 'error', value: e };
    }
    if ('richText' in value) return { kind: 'text', value: value.richText.map((r) => r.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || (typeof result === 'number' && Number.isNaN(result)))
        return { kind: 'formula', formula: String((value as { formula?: string }).formula ?? '') };
      return toCell(result);
    }
    if ('text' in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === 'string') return t === '' ? null : { kind: 'text', value: t };
      return toCell(t as ExcelJS.CellValue);
    }
  }
  return { kind: 'text', value: String(value) };
}

/** Refuses what is not an .xlsx before exceljs sees it, with a message saying what to do. */
function checkBytes(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0)
    throw new WorkbookReadError(name, `《${name}》是空文件（0 字节），请重新保存或重新发送该文件`);
  const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (cfb) {
    // An encrypted .xlsx is an OLE container with an EncryptionInfo stream (names are UTF-16LE).
    const encrypted = Buffer.from(bytes).includes(Buffer.from('EncryptionInfo', 'utf16le'));
    throw new WorkbookReadError(
      name,
      encrypted
        ? `《${name}》设置了打开密码：请在 Excel 或 WPS 中打开，取消密码保护（清空打开密码）后保存，再导入`
        : `《${name}》其实是旧版 .xls/.et 格式：请在 Excel 或 WPS 中打开，“另存为” .xlsx 格式后再导入`,
    );
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!zip)
    throw new WorkbookReadError(
      name,
      `《${name}》不是 .xlsx 格式的 Excel 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入`,
    );
}

/** What an .xlsx read whole may inflate to: far beyond any real score sheet (they are a few MB). */
export const MAX_INFLATED = 300 * 1024 * 1024;

const tooBig = (name: string) =>
  new WorkbookReadError(
    name,
    `《${name}》解压后超过 ${MAX_INFLATED / 1024 / 1024} MB，不像正常的考核表格：请用 Excel 或 WPS 打开检查（可删去无关的工作表）后另存，或请对方重新发送`,
  );

/** Refuses, before inflating it, a workbook that would fill memory when read whole (a zip bomb). */
function checkInflated(bytes: Uint8Array, name: string): void {
  if ((inflatedSize(bytes) ?? 0) > MAX_INFLATED) throw tooBig(name);
}

/**
 * Refuses, before reading anything, a big workbook whose parts the purpose-built reader holds whole
 * (workbook, shared strings, styles, small sheets) would fill memory: the same limit and message
 * as a file read whole (its streamed sheets never sit in memory). A zip without a readable
 * directory is left to the reader, which refuses it.
 */
async function checkHeld(file: string, name: string): Promise<void> {
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(file);
  } catch {
    return;
  }
  try {
    let held = 0;
    for (const e of zip.entries.values()) if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) held += e.size;
    if (held > MAX_INFLATED) throw tooBig(name);
  } finally {
    await zip.close();
  }
}

/** An .xlsx read whole into exceljs, after the checks that say what a file that is not one is. */
async function loadWhole(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  checkBytes(bytes, name);
  checkInflated(bytes, name);
  const damaged = damagedEntry(bytes);
  if (damaged !== null) throw unreadable(name, new Error(`${damaged}: checksum`));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw unreadable(name, e);
  }
  return wb;
}

function unreadable(name: string, e: unknown): WorkbookReadError {
  if (e instanceof WorkbookReadError) return e;
  if (e instanceof UnplacedError)
    return new WorkbookReadError(
      name,
      `《${name}》中有无法定位的行或单元格（${e.what}）：文件可能被其他程序改写过或已损坏，请用 Excel 或 WPS 打开后重新保存，或请对方重新发送`,
    );
  return new WorkbookReadError(
    name,
    `《${name}》无法读取：文件可能已损坏或不完整（如下载或复制中断），请用 Excel 或 WPS 打开后重新保存，或请对方重新发送`,
  );
}

/** Cells of an exceljs row, merged cells giving their master's value. */
function cellsOf(row: ExcelJS.Row, merges: boolean): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const from = merges && cell.isMerged && cell.master !== cell ? cell.master : cell;
    const c = toCell(from.value);
    // 93.1% stored as 0.931: the format says so (a % outside quotes: "0.0%", not "0.0\"%\"")
    if (c !== null && c.kind === 'number' && /%/.test((from.numFmt ?? '').replace(/"[^"]*"/g, '')))
      c.percent = true;
    cells[col - 1] = c;
  });
  for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  return cells;
}

export interface SheetSink {
  row(index: number, cells: Cell[]): void;
}

/** What a reader tells its caller, sheet by sheet. */
export interface WorkbookVisitor {
  /**
   * Everything given so far is void: the workbook is read again from the start, by another reader
   * (the purpose-built reader met something only exceljs reads as today). Without this member a
   * big file is read with exceljs alone.
   */
  reset?(): void;
  /**
   * The rows given so far for sheet `name` are void: `sheet(name)` is asked again (a big sheet found
   * at its end to merge cells among rows already given, read again with the merges known).
   */
  restart?(name: string): void;
  /** The workbook's template metadata, before any of its sheets (small files only: templates are small). */
  template?(meta: TemplateMeta): void;
  /** A visible sheet begins: where its rows go (null to skip it). */
  sheet(name: string): SheetSink | null;
  /** A hidden sheet that was not read. */
  skipped?(name: string): void;
}

export interface VisitOptions {
  signal?: AbortSignal;
  /** Fraction of the file read, 0–1. */
  onProgress?: (fraction: number) => void;
  /** Files larger than this are streamed; default STREAM_ABOVE. */
  streamAbove?: number;
  /**
   * How a streamed file is read: by the purpose-built reader (xlsx/), falling back to exceljs's
   * streaming reader for what it does not understand ('auto', the default), or by exceljs's alone
   * (what a file was read with before; the tests and the bench compare the two).
   */
  reader?: 'auto' | 'exceljs';
  /** The purpose-built reader streams sheet parts above this size, reads smaller ones whole (xlsx/); tests lower it. */
  wholeBelow?: number;
}

/**
 * Reads a workbook or CSV and hands its rows, sheet by sheet, to the visitor, without building a
 * grid: small files are loaded whole (merged cells give their master's value), files above
 * `streamAbove` are streamed so that a 200,000-row export never sits in memory as cells. Hidden
 * sheets are skipped and the template metadata sheet is read, not imported. Refusals are
 * WorkbookReadError with a message in Chinese; a cancellation throws the signal's AbortError.
 */
export async function visitWorkbook(
  file: string,
  visitor: WorkbookVisitor,
  opts: VisitOptions = {},
): Promise<void> {
  const name = basename(file);
  const ext = extname(file).toLowerCase();
  if (LEGACY.has(ext))
    throw new WorkbookReadError(
      name,
      `《${name}》是旧版 ${ext} 格式，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入`,
    );
  if (CSV.has(ext)) return visitCsv(file, visitor, opts);
  const size = (await stat(file)).size;
  if (size > (opts.streamAbove ?? STREAM_ABOVE)) {
    const head = new Uint8Array(4);
    const fh = await import('node:fs/promises').then((fs) => fs.open(file, 'r'));
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
    if (head[0] === 0xd0) checkBytes(await readFile(file), name); // an old or encrypted file: say which
    checkBytes(head, name);
    let whole = false;
    if ((opts.reader ?? 'auto') === 'auto' && visitor.reset) {
      try {
        await checkHeld(file, name);
        return await readXlsx(file, visitor, opts);
      } catch (e) {
        if (!(e instanceof XlsxUnsupported)) {
          if ((e as Error).name === 'AbortError' || e instanceof WorkbookReadError) throw e;
          throw unreadable(name, e);
        }
        // something only exceljs reads: the whole file again with it, loaded whole (the reference
        // the purpose-built reader matches, its numbers read strictly: exceljs-strict.ts). Too big
        // to load whole, it is refused: exceljs's streaming reader reads numbers with parseFloat
        // and garbles text at chunk boundaries — a program's odd file is saved again by Excel
        if (size > WHOLE_FALLBACK)
          throw new WorkbookReadError(
            name,
            `《${name}》有 ${(size / 1024 / 1024).toFixed(0)} MB，且含有本程序不能直接读取的写法：请用 Excel 或 WPS 打开后“另存为” .xlsx，再导入`,
          );
        visitor.reset();
        whole = true;
      }
    }
    if (!whole)
      try {
        return await streamXlsx(file, size, visitor, opts);
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw unreadable(name, e);
      }
  }
  const wb = await loadWhole(await readFile(file), name);
  const meta = wb.getWorksheet(TEMPLATE_META_SHEET);
  if (meta) {
    const parsed = parseTemplateMeta(
      String(meta.getCell('A1').value ?? ''),
      String(meta.getCell('B1').value ?? ''),
    );
    if (parsed) visitor.template?.(parsed);
  }
  const total = wb.worksheets.reduce((n, ws) => n + ws.rowCount, 0) || 1;
  let done = 0;
  for (const ws of wb.worksheets) {
    if (ws.name === TEMPLATE_META_SHEET) continue;
    if (ws.state === 'hidden' || ws.state === 'veryHidden') {
      visitor.skipped?.(ws.name);
      continue;
    }
    const sink = visitor.sheet(ws.name);
    if (!sink) continue;
    let k = 0;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (++k % 500 === 0) {
        opts.signal?.throwIfAborted();
        opts.onProgress?.((done + rowNumber) / total);
      }
      sink.row(rowNumber - 1, cellsOf(row, true));
    });
    done += ws.rowCount;
  }
  opts.signal?.throwIfAborted();
  opts.onProgress?.(1);
}

/** The streaming path: rows as the zip inflates them; progress by compressed bytes read. */
async function streamXlsx(
  file: string,
  size: number,
  visitor: WorkbookVisitor,
  opts: VisitOptions,
): Promise<void> {
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const input = createReadStream(file).pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as unknown as Readable, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    let k = 0;
    for await (const ws of reader as unknown as AsyncIterable<
      ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>
    >) {
      const state = (ws as unknown as { state?: string }).state;
      if (ws.name === TEMPLATE_META_SHEET || state === 'hidden' || state === 'veryHidden') {
        if (ws.name !== TEMPLATE_META_SHEET) visitor.skipped?.(ws.name);
        for await (const _row of ws) void _row; // drain
        continue;
      }
      const sink = visitor.sheet(ws.name);
      for await (const row of ws) {
        if (++k % 1000 === 0) {
          opts.signal?.throwIfAborted();
          opts.onProgress?.(Math.min(1, read / size));
        }
        if (sink) sink.row(row.number - 1, cellsOf(row, false));
      }
    }
  } finally {
    input.destroy();
  }
  opts.signal?.throwIfAborted();
  opts.onProgress?.(1);
}

/**
 * A CSV as Excel and WPS save it: UTF-8 (with or without BOM) or, from Chinese Excel, GBK. The
 * sheet is named after the file, as Excel names it.
 */
async function visitCsv(file: string, visitor: WorkbookVisitor, opts: VisitOptions): Promise<void> {
  const name = basename(file);
  const bytes = await readFile(file);
  if (bytes.length === 0)
    throw new WorkbookReadError(name, `《${name}》是空文件（0 字节），请重新保存或重新发送该文件`);
  const text = decodeText(bytes);
  const { rows, error } = parseCsv(text, detectDelimiter(text));
  if (error)
    throw new WorkbookReadError(
      name,
      `《${name}》${error.message}，其后的内容都被当成了这一个单元格；请用 Excel 或 WPS 打开检查该行后重新保存为 CSV`,
      cellRef(basename(file, extname(file)), error.line - 1, error.field),
    );
  const sink = visitor.sheet(basename(file, extname(file)));
  if (!sink) return;
  rows.forEach((fields, i) => {
    if (i % 5000 === 0) {
      opts.signal?.throwIfAborted();
      opts.onProgress?.(i / rows.length);
    }
    sink.row(
      i,
      fields.map((f) => (f === '' ? null : { kind: 'text', value: f })),
    );
  });
  opts.onProgress?.(1);
}

/** UTF-8 when the bytes are valid UTF-8 (or carry its BOM), UTF-16 by its BOM, else GBK. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gbk');
  }
}

/** Reads every sheet of an .xlsx into a grid (the scheme workbook: small, and read whole). */
export async function readWorkbook(file: string, data?: Buffer): Promise<WorkbookGrid> {
  const name = basename(file);
  const ext = extname(file).toLowerCase();
  if (LEGACY.has(ext))
    throw new WorkbookReadError(
      name,
      `《${name}》是旧版 ${ext} 格式，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入`,
    );
  const wb = await loadWhole(data ?? (await readFile(file)), name);
  const sheets: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      rows[rowNumber - 1] = cellsOf(row, true);
    });
    for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
    sheets.push({ name: ws.name, rows });
  });
  return { sheets };
}
