/**
 * Reads one worksheet part into a sink. Merged ranges and hyperlinks are written after the rows
 * (`<mergeCells>` follows `<sheetData>`), yet they change the rows; so:
 *
 * - a small part is inflated whole, and its tail read before its rows;
 * - a big part is streamed. When the visitor can restart a sheet, the rows are scanned as they
 *   inflate, assuming no merges; if the tail then holds merges or hyperlinks that touch the rows
 *   already given, the visitor is told to drop them and the part is streamed again with them known
 *   (exports from other systems, the big files, rarely merge anything). When it cannot restart, a
 *   first pass inflates the part only to find its tail, and a second scans the rows.
 *
 * Memory stays flat for a big part: one inflated chunk, a partial row, and the tail.
 */
import type { Cell } from '../../../../shared/import/grid';
import { unsupported } from './errors';
import { MAX_COLUMNS, MergePlan } from './merges';
import { locateSheetData, parseFrame } from './sheet-frame';
import type { SheetExtras, SheetFrame, SheetLayout } from './sheet-frame';
import { cellKey, SheetScanner } from './sheet-scan';
import type { ScanContext } from './sheet-scan';
import type { ZipEntry, ZipReader } from './zip';

/** Parts up to this size are inflated whole; larger ones streamed. */
export const WHOLE_BELOW = 8 * 1024 * 1024;
/** The part before the rows, the part after them, or one row, past which the reader gives way. */
const MAX_PIECE = 64 * 1024 * 1024;
/** Formula and empty cells remembered while scanning optimistically, to tell whether a hyperlink matters. */
const TRACK_SENSITIVE = 100_000;

const SHEET_DATA_END = Buffer.from('</sheetData>');
const ROW_END = Buffer.from('</row>');

export type RowSink = (index: number, cells: Cell[]) => void;

export interface SheetJob {
  readonly zip: ZipReader;
  readonly entry: ZipEntry;
  readonly ctx: ScanContext;
  /** Checks the frame against the sheet's relationships and returns what changes cells. */
  readonly resolve: (frame: SheetFrame) => Promise<SheetExtras>;
  /** Compressed bytes of this part consumed, for progress (may exceed its size when read twice). */
  readonly onCompressed: (bytes: number) => void;
  /** Every few thousand rows: cancellation and progress. */
  readonly onTick: () => void;
  /** Plain-string values (template metadata). */
  readonly onPlain?: (row: number, col: number, text: string) => void;
  readonly wholeBelow?: number;
}

/**
 * Reads the sheet into `sink`. `restart`, when given, is called if the rows given so far must be
 * read again; it returns the sink for the second reading (null: stop).
 */
export async function readSheet(
  job: SheetJob,
  sink: RowSink,
  restart: (() => RowSink | null) | null,
): Promise<void> {
  if (job.entry.size <= (job.wholeBelow ?? WHOLE_BELOW)) return readWhole(job, sink);
  if (restart === null) {
    const { frame } = await streamPass(job, null);
    const extras = await job.resolve(frame);
    const { scanner } = await streamPass(job, newScanner(job, sink, extras));
    scanner?.finish();
    return;
  }
  const first = new SheetScanner(job.ctx, sink, { trackSensitive: TRACK_SENSITIVE, onTick: job.onTick });
  const { frame } = await streamPass(job, first);
  const extras = await job.resolve(frame);
  if (!touches(extras, first)) {
    // nothing read so far changes: the merges lie below the last row, and make their own rows
    if (extras.merges.length > 0) first.finish(new MergePlan(extras.merges));
    return;
  }
  const again = restart();
  if (again === null) return;
  const { scanner } = await streamPass(job, newScanner(job, again, extras));
  scanner?.finish();
}

function newScanner(job: SheetJob, sink: RowSink, extras: SheetExtras): SheetScanner {
  return new SheetScanner(job.ctx, sink, {
    merges: extras.merges.length > 0 ? new MergePlan(extras.merges) : null,
    links: extras.links,
    onPlain: job.onPlain,
    onTick: job.onTick,
  });
}

/** Whether merges or hyperlinks change rows a scan without them has already given. */
function touches(extras: SheetExtras, scanner: SheetScanner): boolean {
  if (extras.merges.some((m) => m.top <= scanner.lastRow)) return true;
  for (const key of extras.links)
    if (scanner.sensitiveOverflow ? key <= cellKey(scanner.lastRow, MAX_COLUMNS) : scanner.sensitive.has(key))
      return true;
  return false;
}

async function readWhole(job: SheetJob, sink: RowSink): Promise<void> {
  const buf = await job.zip.read(job.entry);
  job.onCompressed(job.entry.compressedSize);
  const layout = locateSheetData(buf);
  if (layout === null) unsupported('a worksheet without sheetData');
  let tailStart = layout.rows;
  if (!layout.empty) {
    const end = buf.indexOf(SHEET_DATA_END, layout.rows);
    if (end < 0) unsupported('a worksheet without </sheetData>');
    tailStart = end + SHEET_DATA_END.length;
  }
  const extras = await job.resolve(
    parseFrame(headText(buf.subarray(0, layout.open)), buf.toString('utf8', tailStart)),
  );
  const scanner = newScanner(job, sink, extras);
  if (!layout.empty) {
    scanner.scan(buf, layout.rows, true);
    if (!scanner.done) unsupported('a truncated sheetData');
  }
  scanner.finish();
}

/** The head as text, without a UTF-8 byte order mark (saxes skips it). */
function headText(head: Buffer): string {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
    ? head.toString('utf8', 3)
    : head.toString('utf8');
}

/**
 * One pass over a streamed part: finds the head, gives the rows to the scanner (or, without one,
 * only looks for their end), and collects the tail.
 */
async function streamPass(
  job: SheetJob,
  scanner: SheetScanner | null,
): Promise<{ frame: SheetFrame; scanner: SheetScanner | null }> {
  let phase: 'head' | 'rows' | 'tail' = 'head';
  let head: Buffer = Buffer.alloc(0);
  let headBytes: Buffer | null = null;
  let carry: Buffer = Buffer.alloc(0);
  const tail: Buffer[] = [];
  let tailSize = 0;
  let reported = 0;

  const toTail = (bytes: Buffer) => {
    tailSize += bytes.length;
    if (tailSize > MAX_PIECE) unsupported('an oversized worksheet tail');
    tail.push(Buffer.from(bytes)); // a copy: the chunk it belongs to is otherwise kept whole
  };
  /** With a scanner: scans the rows complete so far, keeping the cut one for the next chunk. */
  const toRows = (scanner: SheetScanner, bytes: Buffer) => {
    if (carry.length > 0) {
      // complete the row cut by the chunk boundary with the start of this chunk, rather than copy it all
      const cut = bytes.indexOf(ROW_END);
      if (cut >= 0) {
        const joined = Buffer.concat([carry, bytes.subarray(0, cut + ROW_END.length)]);
        bytes = bytes.subarray(cut + ROW_END.length);
        carry = joined.subarray(scanner.scan(joined, 0));
        if (scanner.done) {
          phase = 'tail';
          toTail(carry);
          toTail(bytes);
          return;
        }
      }
    }
    const data = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    const at = scanner.scan(data, 0);
    if (scanner.done) {
      phase = 'tail';
      toTail(data.subarray(at));
      return;
    }
    carry = data.subarray(at);
    if (carry.length > MAX_PIECE) unsupported('an oversized row');
  };
  /** Without a scanner: looks for `</sheetData>` across the boundary, then in the chunk, copying neither. */
  const seekEnd = (bytes: Buffer) => {
    const keep = SHEET_DATA_END.length - 1;
    const boundary = Buffer.concat([carry, bytes.subarray(0, keep)]);
    const across = boundary.indexOf(SHEET_DATA_END);
    if (across >= 0) {
      phase = 'tail';
      toTail(boundary.subarray(across + SHEET_DATA_END.length));
      toTail(bytes.subarray(keep));
      return;
    }
    const end = bytes.indexOf(SHEET_DATA_END);
    if (end >= 0) {
      phase = 'tail';
      toTail(bytes.subarray(end + SHEET_DATA_END.length));
      return;
    }
    carry = Buffer.from((bytes.length >= keep ? bytes : boundary).subarray(-keep));
  };

  for await (const chunk of job.zip.stream(job.entry, (bytes) => {
    job.onCompressed(bytes - reported);
    reported = bytes;
  })) {
    if (phase === 'head') {
      head = head.length > 0 ? Buffer.concat([head, chunk]) : chunk;
      const layout: SheetLayout | null = locateSheetData(head);
      if (layout === null) {
        if (head.length > MAX_PIECE) unsupported('an oversized worksheet head');
        continue;
      }
      headBytes = Buffer.from(head.subarray(0, layout.open));
      const rest = head.subarray(layout.rows);
      head = Buffer.alloc(0);
      if (layout.empty) {
        phase = 'tail';
        toTail(rest);
      } else {
        phase = 'rows';
        if (scanner) toRows(scanner, rest);
        else seekEnd(rest);
      }
    } else if (phase === 'rows') {
      if (scanner) toRows(scanner, chunk);
      else seekEnd(chunk);
    } else toTail(chunk);
  }
  if (phase !== 'tail' || headBytes === null) unsupported('a truncated worksheet');
  return { frame: parseFrame(headText(headBytes), Buffer.concat(tail).toString('utf8')), scanner };
}
