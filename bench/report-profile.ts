/**
 * npx tsx bench/report-profile.ts [runs] — where the time of the 100-unit PDF report goes (the last
 * section of npm run bench: the same cycle, document and printer), phase by phase. Three parts:
 *
 * 1. End to end through createChromiumPrinter, as the bench prints: the first print, then `runs`
 *    warm prints of the full report and of the tables, charts and appendix alone.
 * 2. A warm print taken apart: the report page driven the way chromium.ts drives it ("now"),
 *    alternated with the way it used to be driven ("before": a new browser context and page for
 *    every print, the document handed over as an object, the report laid out on screen first and
 *    print media emulated before printing). Each phase timed on its own; the renderer's own split
 *    of a phase (script, style, layout) from CDP's Performance.getMetrics.
 * 3. Inside Page.printToPDF: one print traced (style, layout, pre-paint and paint, and the rest of
 *    the renderer's print task: recording the pages into Skia's PDF with its glyph outlines and
 *    compression), the same print limited to page 1 (the whole report is still laid out; the
 *    difference is what painting and writing the other pages costs), and the fonts in the PDF.
 *
 * Every time is shown as wall time and as the CPU time of Chromium's processes (read from /proc on
 * Linux): on a shared two-core machine the CPU time is the steadier of the two. Medians of `runs`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { compute } from '../shared/engine/compute';
import type { ReportDocument } from '../shared/report/document';
import { reportDocument } from '../shared/report/document';
import { HEADLESS_ARGS, findChromium } from '../electron/main/report/browser';
import { createChromiumPrinter } from '../electron/main/report/chromium';
import { bundleReportPage } from '../electron/main/report/page';
import { PDF_OPTIONS } from '../electron/main/report/printer';
import { syntheticCycle } from '../test/helpers/synthetic';

const RUNS = Math.max(1, Number(process.argv[2] ?? 5));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : '—');

/** CPU time (ms) used so far by the processes under this one — Chromium's — including exited ones. */
function chromiumCpu(): number {
  if (process.platform !== 'linux') return NaN;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s
        .slice(s.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      // utime, stime, and those of its children it has waited for (closed renderers)
      stats.set(Number(d), {
        ppid: f[1] ?? 0,
        ticks: (f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0),
      });
    } catch {
      // the process ended while we looked
    }
  }
  let ticks = 0;
  const under = (pid: number): boolean => {
    for (let p = stats.get(pid)?.ppid; p !== undefined && p > 1; p = stats.get(p)?.ppid)
      if (p === process.pid) return true;
    return false;
  };
  for (const [pid, s] of stats) if (under(pid)) ticks += s.ticks;
  return ticks * 10; // USER_HZ is 100 on Linux
}

interface Lap {
  ms: number;
  cpu: number;
}
async function lap<T>(f: () => Promise<T>): Promise<{ value: T } & Lap> {
  const c = chromiumCpu();
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t, cpu: chromiumCpu() - c };
}

/** Rows of phases with the median wall and CPU time of each, side by side per column. */
function table(title: string, columns: string[], rows: Map<string, Map<string, Lap[]>>): void {
  console.log(`\n${title}`);
  const w = Math.max(...[...rows.keys()].map((k) => k.length));
  console.log(`  ${''.padEnd(w)}  ${columns.map((c) => `${c} (wall / Chromium CPU)`.padStart(30)).join('')}`);
  const total = new Map<string, Lap>(columns.map((c) => [c, { ms: 0, cpu: 0 }]));
  for (const [name, byColumn] of rows) {
    const cells = columns.map((c) => {
      const laps = byColumn.get(c);
      if (!laps || laps.length === 0) return '—'.padStart(30);
      const m = { ms: median(laps.map((l) => l.ms)), cpu: median(laps.map((l) => l.cpu)) };
      const t = total.get(c) as Lap;
      if (!name.startsWith('  ')) {
        t.ms += m.ms;
        t.cpu += m.cpu;
      }
      return `${ms(m.ms)} / ${ms(m.cpu)}`.padStart(30);
    });
    console.log(`  ${name.padEnd(w)}  ${cells.join('')}`);
  }
  const sums = columns.map((c) =>
    `${ms(total.get(c)?.ms ?? NaN)} / ${ms(total.get(c)?.cpu ?? NaN)}`.padStart(30),
  );
  console.log(`  ${'sum of the phases'.padEnd(w)}  ${sums.join('')}`);
}

const size = { categories: 4, targets: 100, leaves: 20, ratings: 4000, seed: 7 };
const small = syntheticCycle(size);
const result = compute({ scheme: small.scheme, data: small.data, previous: null });
const opts = { office: '综合考核办公室', date: new Date(2025, 0, 15), confidential: true };
const doc = reportDocument(result, small.scheme, opts);
const tablesOnly = reportDocument(result, small.scheme, { ...opts, cards: false });
console.log(
  `report of ${size.targets} units in ${size.categories} categories, ${size.leaves} leaves, a score card each; ${RUNS} runs, medians`,
);

// 1. End to end, as npm run bench prints.
{
  const printer = createChromiumPrinter();
  try {
    const first = await lap(() => printer.print(doc));
    const full: Lap[] = [];
    const tables: Lap[] = [];
    let pages = { full: first.value.pages, tables: 0 };
    for (let i = 0; i < RUNS; i++) {
      full.push(await lap(() => printer.print(doc)));
      const t = await lap(() => printer.print(tablesOnly));
      pages = { ...pages, tables: t.value.pages };
      tables.push(t);
    }
    const m = (ls: Lap[]) =>
      `${ms(median(ls.map((l) => l.ms)))} (Chromium CPU ${ms(median(ls.map((l) => l.cpu)))})`;
    console.log('\n1. createChromiumPrinter, end to end');
    console.log(`  first PDF (bundle page, start Chromium):  ${m([first])}, ${pages.full} pages`);
    console.log(`  next PDF, the full report:                ${m(full)}`);
    console.log(`  tables, charts and appendix only:         ${m(tables)}, ${pages.tables} pages`);
  } finally {
    await printer.close();
  }
}

// 2. A warm print taken apart, now and before.
/** The page's window as seen from the functions sent to it (each runs there, on its own). */
interface PageGlobals {
  renderReport(doc: ReportDocument): Promise<number>;
  reportSnapshot(): string;
  profiledDoc: ReportDocument;
}
type Metrics = Record<string, number>;
const metrics = async (cdp: CDPSession): Promise<Metrics> =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
/** The renderer's style and layout time (ms) between two readings. */
const split = (a: Metrics, b: Metrics) => ({
  style: ((b.RecalcStyleDuration ?? 0) - (a.RecalcStyleDuration ?? 0)) * 1000,
  layout: ((b.LayoutDuration ?? 0) - (a.LayoutDuration ?? 0)) * 1000,
});

/** Page.printToPDF as playwright's page.pdf sends it with PDF_OPTIONS: the PDF comes as a stream. */
const PRINT = {
  transferMode: 'ReturnAsStream',
  ...PDF_OPTIONS,
  landscape: false,
  displayHeaderFooter: false,
  scale: 1,
  paperWidth: 8.5,
  paperHeight: 11,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  pageRanges: '',
  generateTaggedPDF: false,
  generateDocumentOutline: false,
} as const;

async function readStream(cdp: CDPSession, handle: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const r = await cdp.send('IO.read', { handle });
    chunks.push(Buffer.from(r.data, r.base64Encoded ? 'base64' : 'utf8'));
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return Buffer.concat(chunks);
}

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium');
// a browser for each way, as each printer has its own
const browsers = {
  before: await chromium.launch({ executablePath, args: HEADLESS_ARGS }),
  now: await chromium.launch({ executablePath, args: HEADLESS_ARGS }),
};
const bundled = await bundleReportPage();
const url = pathToFileURL(join(bundled.dir, 'report.html')).href;

async function openPage(browser: Browser, shown: boolean): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof (globalThis as unknown as PageGlobals).renderReport === 'function');
  // before, the report was laid out on screen too
  if (shown) await page.addStyleTag({ content: '@media screen { #report { display: block !important; } }' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

type Phases = Map<string, Lap>;
/** The page printed on "now": opened once, kept, like the printer's. */
let kept: Promise<{ page: Page; cdp: CDPSession }> | null = null;
const keptPage = () => (kept ??= openPage(browsers.now, false));

async function printInPhases(
  how: 'now' | 'before',
  d: ReportDocument,
): Promise<{ phases: Phases; pdf: Buffer }> {
  const phases: Phases = new Map();
  const before = how === 'before';
  const opened = await lap(() => (before ? openPage(browsers.before, true) : keptPage()));
  if (before) phases.set('new context and page, load the page', opened);
  const { page, cdp } = opened.value;
  phases.set(
    'hand over the document',
    await lap(async () => {
      if (before)
        await page.evaluate((x) => void ((globalThis as unknown as PageGlobals).profiledDoc = x), d);
      else
        await page.evaluate(
          (json) =>
            void ((globalThis as unknown as PageGlobals).profiledDoc = JSON.parse(json) as ReportDocument),
          JSON.stringify(d),
        );
    }),
  );
  const m0 = await metrics(cdp);
  const render = await lap(() =>
    page.evaluate(() =>
      (globalThis as unknown as PageGlobals).renderReport((globalThis as unknown as PageGlobals).profiledDoc),
    ),
  );
  const m1 = await metrics(cdp);
  phases.set('renderReport', render);
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  const r = split(m0, m1);
  const mark = (a: string, b: string) => (marks[b] ?? NaN) - (marks[a] ?? NaN);
  const inner: [string, number][] = [
    ['  React: unmount the last report', mark('report:start', 'report:unmounted')],
    ['  React: render and commit this one', mark('report:unmounted', 'report:committed')],
    ['  two frames for the charts to settle', mark('report:committed', 'report:frames')],
    ['  document.fonts.ready', mark('report:frames', 'report:fonts')],
    ['  of which layout on screen', r.layout],
    ['  of which style on screen', r.style],
  ];
  for (const [k, v] of inner) phases.set(k, { ms: v, cpu: NaN });
  phases.set(
    'snapshot (the HTML file)',
    await lap(() => page.evaluate(() => (globalThis as unknown as PageGlobals).reportSnapshot())),
  );
  if (before) phases.set('emulate print media', await lap(() => page.emulateMedia({ media: 'print' })));
  const m2 = await metrics(cdp);
  const printed = await lap(() => cdp.send('Page.printToPDF', { ...PRINT }));
  const m3 = await metrics(cdp);
  phases.set('Page.printToPDF (until its stream is ready)', printed);
  const p = split(m2, m3);
  phases.set('  of which layout for print', { ms: p.layout, cpu: NaN });
  phases.set('  of which style for print', { ms: p.style, cpu: NaN });
  const handle = printed.value.stream;
  if (!handle) throw new Error('printToPDF gave no stream');
  const pdf = await lap(() => readStream(cdp, handle));
  phases.set('read the PDF from its stream (IO.read)', pdf);
  if (before) phases.set('close the context', await lap(() => page.context().close()));
  return { phases, pdf: pdf.value };
}

{
  const rows = new Map<string, Map<string, Lap[]>>();
  const add = (how: string, phases: Phases) => {
    for (const [k, v] of phases) {
      const row = rows.get(k) ?? new Map<string, Lap[]>();
      rows.set(k, row);
      row.set(how, [...(row.get(how) ?? []), v]);
    }
  };
  // the first of each is not counted: it starts the page (now) or warms playwright (before)
  await printInPhases('now', doc);
  await printInPhases('before', doc);
  const same: boolean[] = [];
  // each after a pause, so that what the last one left behind (a closed renderer exiting, its
  // garbage collected) is not timed with it, and in turns, so that neither always follows the other
  const settled = async (how: 'now' | 'before') => {
    await new Promise((done) => setTimeout(done, 1000));
    return printInPhases(how, doc);
  };
  for (let i = 0; i < RUNS; i++) {
    const b = i % 2 === 0 ? await settled('before') : null;
    const n = await settled('now');
    const b2 = b ?? (await settled('before'));
    add('before', b2.phases);
    add('now', n.phases);
    same.push(b2.pdf.byteLength === n.pdf.byteLength);
  }
  // the phases in the order a print goes through them
  const order = [
    'new context and page, load the page',
    'hand over the document',
    'renderReport',
    '  React: unmount the last report',
    '  React: render and commit this one',
    '  two frames for the charts to settle',
    '  document.fonts.ready',
    '  of which layout on screen',
    '  of which style on screen',
    'snapshot (the HTML file)',
    'emulate print media',
    'Page.printToPDF (until its stream is ready)',
    '  of which layout for print',
    '  of which style for print',
    'read the PDF from its stream (IO.read)',
    'close the context',
  ];
  const ordered = new Map<string, Map<string, Lap[]>>();
  for (const k of order) if (rows.has(k)) ordered.set(k, rows.get(k) as Map<string, Lap[]>);
  table('2. a warm print of the full report, phase by phase', ['before', 'now'], ordered);
  console.log(`  PDFs of the same size before and now: ${same.every(Boolean) ? 'yes' : 'NO'}`);
}

// 3. Inside Page.printToPDF (on the page kept by part 2).
{
  const { page, cdp } = await keptPage();
  await page.evaluate(
    (json) => (globalThis as unknown as PageGlobals).renderReport(JSON.parse(json) as ReportDocument),
    JSON.stringify(doc),
  );
  const all: Lap[] = [];
  const first: Lap[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < RUNS; i++) {
    const a = await lap(async () =>
      readStream(cdp, (await cdp.send('Page.printToPDF', { ...PRINT })).stream ?? ''),
    );
    pdf = a.value;
    all.push(a);
    first.push(
      await lap(async () =>
        readStream(cdp, (await cdp.send('Page.printToPDF', { ...PRINT, pageRanges: '1' })).stream ?? ''),
      ),
    );
  }
  const m = (ls: Lap[]) =>
    `${ms(median(ls.map((l) => l.ms)))} (Chromium CPU ${ms(median(ls.map((l) => l.cpu)))})`;
  console.log('\n3. inside Page.printToPDF');
  console.log(`  all pages:                      ${m(all)}`);
  console.log(`  page 1 only (all still laid out): ${m(first)} — the rest is painting and writing pages`);

  // one print traced: the renderer's print task, split (Chromium lays the document out twice in it:
  // once to find the pages' sizes and count, once to print them)
  await browsers.now.startTracing(page, { categories: ['devtools.timeline', 'blink', 'toplevel'] });
  const traced = await lap(async () =>
    readStream(cdp, (await cdp.send('Page.printToPDF', { ...PRINT })).stream ?? ''),
  );
  const trace = JSON.parse((await browsers.now.stopTracing()).toString('utf8')) as {
    traceEvents: {
      name: string;
      ph: string;
      ts: number;
      dur?: number;
      pid: number;
      tid: number;
      args?: { name?: string };
    }[];
  };
  const events = trace.traceEvents;
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const onMain = events.filter((e) => e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid);
  const task = onMain
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  if (task) {
    const within = onMain.filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0));
    /** The outermost events of these names (nested ones are inside them), in order, in ms. */
    const outermost = (names: string[]) => {
      const es = within.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
      let end = -Infinity;
      const out: number[] = [];
      for (const e of es) {
        if (e.ts >= end) {
          out.push((e.dur ?? 0) / 1000);
          end = e.ts + (e.dur ?? 0);
        }
      }
      return out;
    };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const each = (xs: number[]) =>
      xs
        .filter((x) => x >= 1)
        .map((x) => Math.round(x))
        .join(' + ');
    const taskMs = (task.dur ?? 0) / 1000;
    const style = outermost(['UpdateLayoutTree']);
    const layout = outermost(['Layout']);
    const paint = outermost(['PrePaint', 'Paint']);
    const rest = taskMs - sum(style) - sum(layout) - sum(paint);
    console.log(`  one print traced: ${ms(traced.ms)} in all; the renderer's print task ${ms(taskMs)}:`);
    console.log(`    style            ${ms(sum(style))} (${each(style)})`);
    console.log(`    layout           ${ms(sum(layout))} (${each(layout)})`);
    console.log(`    pre-paint, paint ${ms(sum(paint))}`);
    console.log(`    the rest         ${ms(rest)} (the pages recorded into Skia's PDF: glyphs, compression)`);
    console.log(`  outside that task (the PDF to the browser and its stream): ${ms(traced.ms - taskMs)}`);
  }
  // how the fonts went in: Skia writes OpenType-CFF fonts (Noto CJK) as Type 3 glyph procedures
  const text = pdf.toString('latin1');
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  console.log(
    `  fonts in the PDF: ${count(/\/Subtype\s*\/Type3/g)} Type 3 (glyph outlines), ${count(/\/FontFile2/g)} TrueType, ${count(/\/FontFile3/g)} CFF; ${(pdf.byteLength / 1024 / 1024).toFixed(1)} MB`,
  );
}

await browsers.before.close();
await browsers.now.close();
bundled.dispose();
