import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Db } from '../../electron/main/db/open';
import { openDatabase } from '../../electron/main/db/open';
import { createServices } from '../../electron/main/services';
import type { Services } from '../../electron/main/services';
import type { Cycle } from '../../shared/domain/cycle';
import type { ComputeResult } from '../../shared/domain/result';
import { previousFromResultJson } from '../../shared/engine/result-json';

export const FIXTURE_CITY = fileURLToPath(new URL('../../fixtures/city', import.meta.url));
export const CITY_SCHEME = join(FIXTURE_CITY, '2024年度综合考核方案.xlsx');
export const CITY_PREVIOUS = join(FIXTURE_CITY, '2023年度综合考核结果.json');

/** A clock that ticks one second per call, from a fixed instant: audit entries stay in order and repeatable. */
export function fakeClock(start = Date.UTC(2025, 0, 15, 9, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'appraisal-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-memory workspace with all services, operated by 测试员. */
export function memoryWorkspace(): { db: Db; services: ReturnType<typeof createServices> } {
  const db = openDatabase(':memory:');
  return { db, services: createServices({ db, clock: fakeClock(), operator: '测试员' }) };
}

/** An in-memory workspace holding the sample city's 2024 scheme as cycle “2024年度”. */
export async function cityWorkspace() {
  const ws = memoryWorkspace();
  const r = await ws.services.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
  if (!r.ok) throw new Error(r.error.message);
  return { ...ws, cycle: r.value.cycle };
}

export type SheetSpec = {
  name: string;
  rows: (string | number | null | { formula: string; result?: number })[][];
};

/** Writes an .xlsx with the given sheets (cells: text, numbers, empty, formulas). */
export async function writeXlsx(file: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** Copies a workbook, changing cells: `{ 指标体系: { H1: 'QX' } }`. */
export async function editXlsx(
  from: string,
  to: string,
  edits: Record<string, Record<string, string | number | null>>,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  for (const [sheet, cells] of Object.entries(edits)) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet} in ${from}`);
    for (const [addr, v] of Object.entries(cells)) ws.getCell(addr).value = v;
  }
  await wb.xlsx.writeFile(to);
  return to;
}

/** The sample city's returned data files, in name order. */
export const CITY_DATA = readdirSync(join(FIXTURE_CITY, 'data'))
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(FIXTURE_CITY, 'data', f));

/**
 * The sample city imported into `services` as cycle `name` (null: the name its workbook gives) and
 * computed against last year's ranks.
 */
export async function cityComputed(
  services: Services,
  name: string | null = '2024年度',
): Promise<{ cycle: Cycle; result: ComputeResult; resultId: number }> {
  const created = await services.cycles.importScheme(CITY_SCHEME, name === null ? {} : { name });
  if (!created.ok) throw new Error(created.error.message);
  const cycle = created.value.cycle;
  const imported = await services.imports.importFiles(cycle, CITY_DATA);
  if (!imported.ok) throw new Error(imported.error.message);
  const previous = previousFromResultJson(JSON.parse(readFileSync(CITY_PREVIOUS, 'utf8')));
  if (!previous.ok) throw new Error(previous.message);
  const r = services.compute.run(cycle.id, { previous: previous.value });
  if (!r.ok || r.value.resultId === null) throw new Error('city did not compute');
  return { cycle, result: r.value.result, resultId: r.value.resultId };
}
