/**
 * One measured run, in a process of its own so that its peak memory is its own:
 *   exceljs FILE            — a plain exceljs read of the whole workbook
 *   import FILE SCHEME      — the workbench's import into a fresh workspace
 * Prints one JSON line: { ms, maxRssMB, rows }.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../electron/main/db/open';
import { createServices } from '../electron/main/services';

const [mode, file, scheme] = process.argv.slice(2) as [string, string, string | undefined];
const t = performance.now();
let rows = 0;
if (mode === 'exceljs') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) rows += ws.actualRowCount;
} else {
  const dir = mkdtempSync(join(tmpdir(), 'appraisal-bench-import-'));
  const db = openDatabase(join(dir, 'w.db'));
  const s = createServices({ db, clock: () => new Date(), operator: 'bench' });
  const c = await s.cycles.importScheme(scheme as string, { name: 'bench' });
  if (!c.ok) throw new Error(c.error.message);
  const r = await s.imports.importFiles(c.value.cycle, [file]);
  if (!r.ok || !r.value.written)
    throw new Error(r.ok ? JSON.stringify(r.value.files[0]?.issues.slice(0, 3)) : r.error.message);
  rows = r.value.files[0]?.sheets[0]?.rows ?? 0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
const ms = performance.now() - t;
process.stdout.write(`${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, rows })}\n`);
