/**
 * npm run bench — how long the work takes at the sizes of a big cycle, and how long a full printed
 * report takes, measured here rather than in timed unit tests. Prints sizes, times and ratios; the one-second budget for compute is checked
 * and reported, not asserted.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/main/db/open';
import { createServices } from '../electron/main/services';
import { createRepos } from '../electron/main/services/deps';
import { createNodeSha256 } from '../electron/main/services/node-hasher';
import { compute } from '../shared/engine/compute';
import { reportDocument } from '../shared/report/document';
import { sensitivity } from '../shared/engine/sensitivity';
import { createChromiumPrinter } from '../electron/main/report/chromium';
import { syntheticCycle } from '../test/helpers/synthetic';
import { fileSizeMB, measure, writeBigRatings } from './big-import';

const SIZE = { categories: 5, targets: 5000, leaves: 60, ratings: 200_000, seed: 2024 };
const RUNS = 5;
const BUDGET_MS = 1000;

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (x: number) => `${fmt(Math.round(x))} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
function time<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

console.log(
  `综合考核工作台 benchmark — Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
);
const { scheme, data } = syntheticCycle(SIZE);
const leaves = scheme.indicators.filter((i) => i.method !== null).length;
console.log(
  `cycle: ${SIZE.categories} categories, ${fmt(scheme.targets.length)} targets, ${SIZE.leaves} weighted leaves (+${leaves - SIZE.leaves} bonus/deduction/veto), ` +
    `${fmt(data.values.length)} values, ${fmt(data.ratings.length)} ratings, ${fmt(data.surveys.length)} survey rows, ${fmt(data.items.length)} items`,
);

// Compute alone: the engine on data in memory, with the hash the app uses (node:crypto) and the pure one.
const input = { scheme, data, previous: null };
const native: number[] = [];
const pure: number[] = [];
let issues = 0;
for (let i = 0; i < RUNS; i++) {
  const r = time(() => compute(input, { hasher: createNodeSha256 }));
  native.push(r.ms);
  issues = r.value.issues.filter((x) => x.level === 'error').length;
  pure.push(time(() => compute(input)).ms);
}
if (issues > 0) throw new Error(`the synthetic cycle has ${issues} blocking issues`);
const warm = median(native.slice(1));
console.log('\ncompute alone (engine, data in memory)');
console.log(
  `  with node:crypto hash (as the app):  first run ${ms(native[0] as number)}, median of ${RUNS - 1} warm runs ${ms(warm)}`,
);
console.log(
  `  with the pure TypeScript hash:       first run ${ms(pure[0] as number)}, median of ${RUNS - 1} warm runs ${ms(median(pure.slice(1)))}`,
);
console.log(
  `  budget ${ms(BUDGET_MS)}: ${warm < BUDGET_MS ? 'within' : 'OVER'} (${(warm / BUDGET_MS).toFixed(2)} of it)`,
);

// Sensitivity (SPEC §5): 10,000 draws over one category of 30 ranked targets (and one exempt) and 20 weighted leaves, and
// the same draws over the whole 5,000-target cycle for scale.
{
  const DRAWS = 10_000;
  const one = syntheticCycle({ categories: 1, targets: 31, leaves: 20, ratings: 2000, seed: 5 });
  const oneResult = compute({ scheme: one.scheme, data: one.data, previous: null });
  const runs = Array.from({ length: RUNS }, () =>
    time(() => sensitivity(one.scheme, oneResult, { draws: DRAWS, delta: 0.1, seed: 1 })),
  );
  const warmSens = median(runs.slice(1).map((r) => r.ms));
  const ranked = runs[0]?.value.groups[0]?.ranked ?? 0;
  console.log(`\nsensitivity: ${fmt(DRAWS)} draws of ±10 % weights`);
  console.log(
    `  one category, ${ranked} ranked targets, 20 leaves: first run ${ms(runs[0]?.ms ?? 0)}, median of ${RUNS - 1} warm runs ${ms(warmSens)}` +
      ` (${((warmSens * 1000) / DRAWS).toFixed(1)} µs a draw; budget ${ms(BUDGET_MS)}: ${(warmSens / BUDGET_MS).toFixed(2)} of it)`,
  );
  const bigResult = compute(input, { hasher: createNodeSha256 });
  const big = time(() => sensitivity(scheme, bigResult, { draws: 1000, delta: 0.1, seed: 1 }));
  console.log(
    `  the whole cycle above, ${fmt(scheme.targets.length)} targets × ${SIZE.leaves} leaves, 1,000 draws: ${ms(big.ms)}` +
      ` (${(big.ms / 1000).toFixed(1)} ms a draw, ${((big.ms * 1e6) / 1000 / (scheme.targets.length * SIZE.leaves)).toFixed(1)} ns per target-leaf)`,
  );
}

// The database round trip: write the cycle into a workspace file, then load + compute + store.
const dir = mkdtempSync(join(tmpdir(), 'appraisal-bench-'));
try {
  const db = openDatabase(join(dir, 'bench.db'));
  const repos = createRepos(db);
  const services = createServices({ db, clock: () => new Date(), operator: 'bench' });
  const write = time(() =>
    db.transaction(() => {
      const created = services.cycles.createFromScheme(scheme, { name: 'bench' });
      if (!created.ok) throw new Error(created.error.message);
      const cycleId = created.value.id;
      const ids = repos.scheme.ids(cycleId);
      const batch = (kind: 'values' | 'ratings' | 'surveys' | 'items', rows: number) =>
        repos.data.insertBatch({
          cycleId,
          kind,
          fileName: `${kind}.xlsx`,
          sha256: '0'.repeat(64),
          sheet: 'Sheet1',
          operator: 'bench',
          importedAt: 'now',
          rowCount: rows,
        });
      repos.data.insertRows(batch('values', data.values.length), { values: data.values }, ids);
      repos.data.insertRows(batch('ratings', data.ratings.length), { ratings: data.ratings }, ids);
      repos.data.insertRows(batch('surveys', data.surveys.length), { surveys: data.surveys }, ids);
      repos.data.insertRows(batch('items', data.items.length), { items: data.items }, ids);
      return cycleId;
    })(),
  );
  const cycleId = write.value;
  const cycle = repos.cycles.get(cycleId);
  if (!cycle) throw new Error('no cycle');
  const load = time(() => services.compute.inputOf(cycle));
  const round = time(() => services.compute.run(cycleId));
  if (!round.value.ok || round.value.value.resultId === null)
    throw new Error('round trip did not store a result');
  const stale = time(() => services.compute.current(cycleId));
  const size = statSync(join(dir, 'bench.db')).size + statSync(join(dir, 'bench.db-wal')).size;
  console.log('\nwith the database round trip (workspace file, WAL)');
  console.log(`  write scheme and data, one transaction:   ${ms(write.ms)}`);
  console.log(`  load scheme and data:                     ${ms(load.ms)}`);
  console.log(
    `  load + compute + store the result:        ${ms(round.ms)}  (${(round.ms / warm).toFixed(1)}× compute alone)`,
  );
  console.log(`  read back the result and check staleness: ${ms(stale.ms)}`);
  console.log(`  workspace size: ${(size / 1024 / 1024).toFixed(1)} MB`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Importing a 200,000-row ratings sheet, next to a plain exceljs read of the same file; each in a
// process of its own so that its peak memory (maxRSS) is its own.
const bigDir = mkdtempSync(join(tmpdir(), 'appraisal-bench-big-'));
try {
  const file = join(bigDir, '评议-200000行.xlsx');
  await writeBigRatings(file, 200_000);
  const plain = measure('exceljs', file);
  const ours = measure('import', file);
  console.log(
    `\nimport of a 200,000-row ratings sheet (${fileSizeMB(file).toFixed(1)} MB .xlsx), each in a fresh process`,
  );
  console.log(
    `  plain exceljs read of the workbook:        ${ms(plain.ms)}, peak memory ${Math.round(plain.maxRssMB)} MB`,
  );
  console.log(
    `  workbench import (stream, check, write):   ${ms(ours.ms)}, peak memory ${Math.round(ours.maxRssMB)} MB, ${fmt(ours.rows)} rows`,
  );
  console.log(
    `  ratio, workbench / exceljs:                time ${(ours.ms / plain.ms).toFixed(2)}, memory ${(ours.maxRssMB / plain.maxRssMB).toFixed(2)}`,
  );
} finally {
  rmSync(bigDir, { recursive: true, force: true });
}

// The ranking report of 100 units with a score card each, printed to PDF by headless Chromium (the
// print engine of the desktop app): the first print includes bundling the page and starting the
// browser; the second is what every further report costs.
{
  const size = { categories: 4, targets: 100, leaves: 20, ratings: 4000, seed: 7 };
  const small = syntheticCycle(size);
  const result = compute({ scheme: small.scheme, data: small.data, previous: null });
  const opts = { office: '综合考核办公室', date: new Date(2025, 0, 15), confidential: true };
  const doc = time(() => reportDocument(result, small.scheme, opts));
  const printer = createChromiumPrinter();
  try {
    const first = performance.now();
    const cold = await printer.print(doc.value);
    const firstMs = performance.now() - first;
    const t = performance.now();
    const warmPdf = await printer.print(doc.value);
    const warmMs = performance.now() - t;
    const tablesOnly = await (async () => {
      const t0 = performance.now();
      const r = await printer.print(reportDocument(result, small.scheme, { ...opts, cards: false }));
      return { ms: performance.now() - t0, pages: r.pages };
    })();
    console.log(
      `\nranking report as PDF: ${size.targets} units in ${size.categories} categories, ${size.leaves} leaves, a score card each`,
    );
    console.log(`  report document (content, in memory):      ${ms(doc.ms)}`);
    console.log(
      `  first PDF (bundle page, start Chromium):   ${ms(firstMs)}, ${cold.pages} pages, ${(cold.pdf.byteLength / 1024 / 1024).toFixed(1)} MB`,
    );
    console.log(
      `  next PDF (the full report):                ${ms(warmMs)}, ${warmPdf.pages} pages, ${(warmMs / warmPdf.pages).toFixed(0)} ms a page`,
    );
    console.log(
      `  tables, charts and appendix only:          ${ms(tablesOnly.ms)}, ${tablesOnly.pages} pages (full report ${(warmMs / tablesOnly.ms).toFixed(1)}× this)`,
    );
  } finally {
    await printer.close();
  }
}
