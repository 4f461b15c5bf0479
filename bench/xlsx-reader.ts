/**
 * npx tsx bench/xlsx-reader.ts [rows] — the purpose-built .xlsx reader against its bound and
 * against exceljs, on the sample city's long ratings sheet (200,000 rows by default):
 *   B          inflate the sheet entry and count `<row` (no reader can beat it by much)
 *   reader     readXlsx, counting rows and cells (no import stages), for a visitor that can
 *              restart a sheet: one pass over the sheet
 *   no restart the same for a visitor that cannot: a first pass inflates the sheet to find its
 *              merges, a second reads it
 *   exceljs    visitWorkbook's streaming path (exceljs's WorkbookReader), counting the same
 * Runs are interleaved; on a shared machine the best of them is the least disturbed, so ratios are
 * of bests. Prints the reader's peak heap too (it should not grow with the rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { visitWorkbook } from '../electron/main/excel/read-workbook';
import { readXlsx } from '../electron/main/excel/xlsx';
import type { XlsxVisitor } from '../electron/main/excel/xlsx';
import { ZipReader } from '../electron/main/excel/xlsx/zip';
import { fileSizeMB, writeBigRatings } from './big-import';

const ROWS = Number(process.argv[2] ?? 200_000);
const RUNS = 11;
/** exceljs takes tens of seconds on a million rows: three runs up to 300,000 rows, none past. */
const EXCELJS_RUNS = ROWS <= 300_000 ? 3 : 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const best = (xs: number[]) => Math.min(...xs);
const fmt = (n: number) => n.toLocaleString('en-US');

async function bound(file: string): Promise<{ rows: number; bytes: number }> {
  const zip = await ZipReader.open(file);
  try {
    const entry = zip.entries.get('xl/worksheets/sheet1.xml');
    if (!entry) throw new Error('no sheet1.xml');
    const needle = Buffer.from('<row');
    let rows = 0;
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of zip.stream(entry)) {
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      for (let i = data.indexOf(needle); i >= 0; i = data.indexOf(needle, i + needle.length)) rows++;
      carry = data.subarray(Math.max(0, data.length - needle.length + 1));
    }
    return { rows, bytes: entry.size };
  } finally {
    await zip.close();
  }
}

interface Count {
  rows: number;
  cells: number;
  peakHeap: number;
}

/** A visitor counting rows and cells (and sampling the heap); with `restartable`, it can restart. */
function counter(restartable: boolean): { n: Count; visitor: XlsxVisitor } {
  const n: Count = { rows: 0, cells: 0, peakHeap: 0 };
  const visitor: XlsxVisitor = {
    sheet: () => ({
      row(_i, cells) {
        n.rows++;
        n.cells += cells.length;
        if ((n.rows & 0x3fff) === 0) n.peakHeap = Math.max(n.peakHeap, process.memoryUsage().heapUsed);
      },
    }),
  };
  if (restartable)
    visitor.restart = () => {
      n.rows = 0;
      n.cells = 0;
    };
  return { n, visitor };
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const dir = mkdtempSync(join(tmpdir(), 'appraisal-bench-xlsx-'));
try {
  const file = join(dir, 'ratings.xlsx');
  await writeBigRatings(file, ROWS);
  const b = await bound(file);
  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log(
    `${fmt(ROWS)} rows: ${fileSizeMB(file).toFixed(1)} MB file, ${(b.bytes / 1024 / 1024).toFixed(1)} MB of sheet XML, ${fmt(b.rows)} <row`,
  );
  const times = {
    B: [] as number[],
    reader: [] as number[],
    noRestart: [] as number[],
    exceljs: [] as number[],
  };
  const counts: Record<string, Count> = {};
  for (let run = 0; run < RUNS; run++) {
    times.B.push(await timed(() => bound(file)));
    for (const [key, restartable] of [
      ['reader', true],
      ['noRestart', false],
    ] as const) {
      const c = counter(restartable);
      times[key].push(await timed(() => readXlsx(file, c.visitor)));
      counts[key] = c.n;
    }
    if (run < EXCELJS_RUNS) {
      const c = counter(false);
      times.exceljs.push(await timed(() => visitWorkbook(file, c.visitor, { streamAbove: 0 })));
      counts.exceljs = c.n;
    }
  }
  const B = best(times.B);
  const line = (name: string, xs: number[], count?: Count) =>
    console.log(
      `  ${name.padEnd(10)} best ${best(xs).toFixed(0).padStart(6)} ms, median ${median(xs).toFixed(0).padStart(6)} ms  ${(best(xs) / B).toFixed(2).padStart(6)} × B` +
        (count
          ? `   ${fmt(count.rows)} rows, ${fmt(count.cells)} cells, peak heap ${(count.peakHeap / 1024 / 1024).toFixed(0)} MB`
          : ''),
    );
  line('B', times.B);
  line('reader', times.reader, counts.reader);
  line('no restart', times.noRestart, counts.noRestart);
  if (EXCELJS_RUNS > 0) {
    line('exceljs', times.exceljs, counts.exceljs);
    const [r, e] = [counts.reader, counts.exceljs];
    if (r?.rows !== e?.rows || r?.cells !== e?.cells)
      console.log('  the reader and exceljs disagree on the counts');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
