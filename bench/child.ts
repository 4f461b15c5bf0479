/**
 * One measured step in a process of its own, so that its peak memory (maxRSS) is its own and
 * nothing is cached from another step. Prints one JSON line. Modes:
 *   bound FILE                          B: inflate the first sheet's entry and count `<row`
 *   import FILE SCHEME READER           importFiles of FILE into a fresh workspace of SCHEME
 *   wide FILE TARGETS LEAVES READER     the same into a synthetic scheme (bench/big-import.ts)
 *   city SCHEME FILE…                   importFiles of the city's returned files
 *   exceljs FILE…                       a plain exceljs whole-load read of the files
 * READER is auto (the purpose-built reader for big files) or exceljs (exceljs's streaming reader).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../electron/main/db/open';
import { ZipReader } from '../electron/main/excel/xlsx/zip';
import { createServices } from '../electron/main/services';
import { wideScheme } from './big-import';

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];
const out = (o: object) =>
  process.stdout.write(`${JSON.stringify({ ...o, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
// every step reads files the OS has cached, as the reference does
const warm = (files: string[]) => files.forEach((f) => readFileSync(f));

async function bound(file: string) {
  const zip = await ZipReader.open(file);
  try {
    const entry = [...zip.entries.values()].find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
    if (!entry) throw new Error('no sheet');
    const needle = Buffer.from('<row');
    let rows = 0;
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of zip.stream(entry)) {
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      for (let i = data.indexOf(needle); i >= 0; i = data.indexOf(needle, i + needle.length)) rows++;
      carry = data.subarray(Math.max(0, data.length - needle.length + 1));
    }
    return { rows, sheetMB: entry.size / 1024 / 1024 };
  } finally {
    await zip.close();
  }
}

async function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'appraisal-bench-'));
  const db = openDatabase(join(dir, 'w.db'));
  const services = createServices({ db, clock: () => new Date(), operator: 'bench' });
  return { dir, db, services, done: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function importInto(
  ws: Awaited<ReturnType<typeof workspace>>,
  cycle: { id: number },
  files: string[],
  reader: 'auto' | 'exceljs',
) {
  warm(files);
  const t = performance.now();
  const r = await ws.services.imports.importFiles(cycle, files, { reader });
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(r.error.message);
  const problems = r.value.files.flatMap((f) => f.issues.filter((i) => i.level === 'error'));
  if (problems.length > 0) throw new Error(JSON.stringify(problems.slice(0, 3)));
  return { ms, rows: r.value.files.reduce((n, f) => n + f.sheets.reduce((m, s) => m + s.rows, 0), 0) };
}

if (mode === 'bound') {
  const [file] = args as [string];
  warm([file]);
  const t = performance.now();
  const r = await bound(file);
  out({ ms: performance.now() - t, ...r });
} else if (mode === 'import' || mode === 'city') {
  const [first, ...rest] = args as [string, ...string[]];
  const [file, scheme, reader] =
    mode === 'import' ? [first, rest[0] as string, rest[1]] : [null, first, 'auto'];
  const ws = await workspace();
  const c = await ws.services.cycles.importScheme(scheme, { name: 'bench' });
  if (!c.ok) throw new Error(c.error.message);
  out(await importInto(ws, c.value.cycle, file ? [file] : rest, reader as 'auto' | 'exceljs'));
  ws.done();
} else if (mode === 'wide') {
  const [file, targets, leaves, reader] = args as [string, string, string, string];
  const ws = await workspace();
  const c = ws.services.cycles.createFromScheme(wideScheme(Number(targets), Number(leaves)), {
    name: 'bench',
  });
  if (!c.ok) throw new Error(c.error.message);
  out(await importInto(ws, c.value, [file], reader as 'auto' | 'exceljs'));
  ws.done();
} else if (mode === 'exceljs') {
  warm(args);
  const t = performance.now();
  let rows = 0;
  for (const f of args) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    for (const ws of wb.worksheets) rows += ws.actualRowCount;
  }
  out({ ms: performance.now() - t, rows });
} else throw new Error(`unknown mode ${mode}`);
