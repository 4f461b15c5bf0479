/**
 * A purpose-built .xlsx reader that gives, row for row and cell for cell, what read-workbook.ts's
 * whole-load path gives through exceljs (merges included), at close to the speed of inflating the
 * sheets: the zip is read through a file handle, sheets are streamed and scanned as bytes, and each
 * shared string's Cell is built once. Whatever it cannot reproduce exactly it refuses with
 * XlsxUnsupported, and the caller reads the file with exceljs as before.
 */
import { basename } from 'node:path';
import type { VisitOptions, WorkbookVisitor } from '../read-workbook';
import { parseTemplateMeta, TEMPLATE_META_SHEET } from '../../../../shared/import/template-meta';
import { unsupported } from './errors';
import { parseSharedStrings } from './shared-strings';
import { readSheet } from './sheet-read';
import type { RowSink, SheetJob } from './sheet-read';
import { resolveFrame } from './sheet-frame';
import type { SheetFrame } from './sheet-frame';
import type { ScanContext } from './sheet-scan';
import { parseStyles } from './styles';
import { parseRelationships, parseWorkbook } from './workbook';
import type { SheetInfo } from './workbook';
import { ZipReader } from './zip';
import type { ZipEntry } from './zip';

export { XlsxUnsupported } from './errors';

/** A WorkbookVisitor that may also be told to forget a sheet's rows and take them again. */
export interface XlsxVisitor extends WorkbookVisitor {
  /**
   * The rows given so far for sheet `name` are void: `sheet(name)` is asked again and the sheet
   * read again from its first row. Happens when a big streamed sheet turns out, at its end, to
   * merge cells among the rows already given. Without this member such a sheet is inflated twice
   * instead (once to find its merges, once to read it).
   */
  restart?(name: string): void;
}

export interface XlsxOptions extends VisitOptions {
  /**
   * Sheet parts inflating to more than this many bytes are streamed, smaller ones read whole
   * (default 8 MB). Not `streamAbove`, which is about the file and exceljs's paths.
   */
  wholeBelow?: number;
}

/** Entries exceljs reads by exact name. */
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const SHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;

/**
 * Reads an .xlsx and hands its rows, sheet by sheet, to the visitor, exactly as visitWorkbook's
 * whole-load path does: the template metadata first (from the `_appraisal` sheet, which is not
 * visited), hidden sheets reported as skipped, merged cells giving their master's value. Progress is
 * the fraction of the sheets' compressed bytes read; a cancellation throws the signal's AbortError.
 * Throws XlsxUnsupported for a file it cannot read exactly as exceljs would (possibly after some
 * rows were given: the caller then starts over with exceljs).
 */
export async function readXlsx(file: string, visitor: XlsxVisitor, opts: XlsxOptions = {}): Promise<void> {
  opts.signal?.throwIfAborted();
  const zip = await ZipReader.open(file);
  try {
    await readWorkbookParts(zip, visitor, opts);
  } finally {
    await zip.close();
  }
  opts.signal?.throwIfAborted();
  opts.onProgress?.(1);
}

async function readWorkbookParts(zip: ZipReader, visitor: XlsxVisitor, opts: XlsxOptions): Promise<void> {
  const text = async (name: string): Promise<string | null> => {
    const entry = zip.entries.get(name);
    return entry ? (await zip.read(entry)).toString('utf8') : null;
  };
  const names = new Set(zip.entries.keys());
  const workbookXml = (await text(WORKBOOK)) ?? unsupported(`no ${WORKBOOK}`);
  const book = parseWorkbook(workbookXml, await text(WORKBOOK_RELS), names);
  const stringsXml = await text(SHARED_STRINGS);
  const stylesXml = await text(STYLES);
  const ctx: ScanContext = {
    strings: stringsXml === null ? null : parseSharedStrings(stringsXml),
    styles: stylesXml === null ? null : parseStyles(stylesXml),
    date1904: book.date1904,
  };

  const entryOf = (sheet: SheetInfo) => zip.entries.get(sheet.path) as ZipEntry;
  const hidden = (s: SheetInfo) => s.state === 'hidden' || s.state === 'veryHidden';
  // exceljs's getWorksheet(name) finds the sheet with the lowest id
  const meta = book.sheets.filter((s) => s.name === TEMPLATE_META_SHEET).sort((a, b) => a.id - b.id)[0];
  const toRead = book.sheets.filter((s) => s.name !== TEMPLATE_META_SHEET && !hidden(s));
  let total = toRead.reduce((n, s) => n + entryOf(s).compressedSize, meta ? entryOf(meta).compressedSize : 0);
  let done = 0;
  let shown = 0;
  const progress = () => {
    const f = total > 0 ? Math.min(1, done / total) : 0;
    if (f >= shown + 0.005) {
      shown = f;
      opts.onProgress?.(f);
    }
  };
  const job = (sheet: SheetInfo): SheetJob => ({
    zip,
    entry: entryOf(sheet),
    ctx,
    resolve: async (frame: SheetFrame) => resolveFrame(frame, await sheetRelationships(zip, sheet), names),
    onCompressed: (bytes) => {
      opts.signal?.throwIfAborted();
      done += bytes;
      progress();
    },
    onTick: () => {
      opts.signal?.throwIfAborted();
      progress();
    },
    wholeBelow: opts.wholeBelow,
  });

  if (meta) {
    const found = await readTemplateMeta(job(meta));
    if (found) visitor.template?.(found);
  }
  for (const sheet of book.sheets) {
    if (sheet.name === TEMPLATE_META_SHEET) continue;
    if (hidden(sheet)) {
      visitor.skipped?.(sheet.name);
      continue;
    }
    opts.signal?.throwIfAborted();
    const sink = visitor.sheet(sheet.name);
    if (!sink) {
      done += entryOf(sheet).compressedSize;
      continue;
    }
    const restart = visitor.restart
      ? (): RowSink | null => {
          visitor.restart?.(sheet.name);
          total += entryOf(sheet).compressedSize;
          const again = visitor.sheet(sheet.name);
          return again ? (index, cells) => again.row(index, cells) : null;
        }
      : null;
    await readSheet(job(sheet), (index, cells) => sink.row(index, cells), restart);
  }
}

/** The sheet's relationships part, which exceljs finds by the digits of its file name; null without one. */
async function sheetRelationships(zip: ZipReader, sheet: SheetInfo) {
  const matches = [...zip.entries.values()].filter((e) => SHEET_RELS.exec(e.name)?.[1] === sheet.sheetNo);
  if (matches.length > 1) unsupported(`two relationship parts for ${basename(sheet.path)}`);
  const entry = matches[0];
  return entry ? parseRelationships((await zip.read(entry)).toString('utf8'), entry.name) : null;
}

/**
 * visitWorkbook's reading of the metadata sheet: `String(A1.value ?? '')` and the same of B1, so only
 * plain strings can make metadata (rich text reads "[object Object]"); a B1 merged into A1 reads A1.
 */
async function readTemplateMeta(job: SheetJob) {
  const plain = new Map<number, string>();
  let b1IsMerged = false;
  await readSheet(
    {
      ...job,
      resolve: async (frame) => {
        const extras = await job.resolve(frame);
        b1IsMerged = extras.merges.some((m) => m.top === 1 && m.left === 1 && m.right >= 2);
        return extras;
      },
      onPlain: (row, col, value) => {
        if (row === 1 && col <= 2) plain.set(col, value);
      },
    },
    () => {},
    null,
  );
  const a1 = plain.get(1);
  const b1 = b1IsMerged ? a1 : plain.get(2);
  return a1 === undefined || b1 === undefined ? null : parseTemplateMeta(a1, b1);
}
