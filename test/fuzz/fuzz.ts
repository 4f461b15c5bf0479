/**
 * The mutation fuzzer (issue 13): mutants of the sample city's data files, the wild corpus and the
 * scheme workbook (mutate.ts), each imported by the command line into a fresh workspace. Every
 * outcome must be
 *
 * (a) accepted (exit 0) with the data a reference reading of the mutant gives: what the original
 *     file gave, except where the edit touched — and at an edited number cell, the one reading of
 *     the number written there (shared/import/numbers.ts), or no datum only if the original had
 *     none there either (a scheme mutant: the original scheme after an edit that cannot change it,
 *     such as flipped bits the zip's checksum catches; other accepted scheme mutants are held to
 *     the rest only); or
 * (b) refused (exit 1) with a Chinese message naming a cell (or, for a problem of the whole file,
 *     the file), the workspace file byte for byte as it was;
 *
 * never exit 2 or 3, an English stack or error text, or a timeout. Seeded: the same seed gives the
 * same mutants. `npm run fuzz` runs many; a CI-sized run is part of `npm test` (fuzz.test.ts).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/main/db/open';
import { readBatch } from '../../electron/main/repositories/batch-codec';
import { createRepos } from '../../electron/main/services/deps';
import { blockRows, fieldCellsAt } from '../../shared/domain/row-block';
import { runCliIn } from '../helpers/cli';
import type { Mutant } from './mutate';
import { mulberry32 } from '../../shared/engine/random';
import { mutate } from './mutate';

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));
export const SCHEME = join(FIXTURES, 'city', '2024年度综合考核方案.xlsx');
const xlsxIn = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => join(FIXTURES, dir, f));
/** What is mutated: the city's returned files, the wild corpus (all accepted as they are), the scheme. */
export const SOURCES = [...xlsxIn(join('city', 'data')), ...xlsxIn('wild'), SCHEME];

export interface Finding {
  source: string;
  mutant: string;
  problem: string;
  output: string;
}

export interface FuzzReport {
  seed: number;
  mutants: number;
  accepted: number;
  refused: number;
  byKind: Record<string, { n: number; accepted: number; refused: number }>;
  findings: Finding[];
  ms: number;
  slowestMs: number;
  /** The mutant that took longest, and its source. */
  slowest: string;
}

interface Datum {
  value: string;
  cell: string;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The active data of a workspace file, datum by datum with the cell each came from. */
function datums(file: string): Map<string, Datum> {
  const db = new Database(file, { readonly: true });
  try {
    const out = new Map<string, Datum>();
    const batches = db.prepare("SELECT id FROM import_batches WHERE status = 'active' ORDER BY id").all() as {
      id: number;
    }[];
    const parts = db.prepare('SELECT data FROM batch_rows WHERE batch_id = ? ORDER BY part').pluck();
    for (const { id } of batches) {
      const b = readBatch(parts.all(id) as Buffer[]);
      const rows = blockRows(b, { sources: true });
      // keyed with the cell it came from too: items may repeat, and a deleted row moves no other
      const put = (key: string, value: unknown, cell: string) =>
        out.set(`${key}@${cell}`, { value: JSON.stringify(value), cell });
      rows.values.forEach((v, i) => {
        const cells = fieldCellsAt(b, i);
        for (const f of ['value', 'targetValue', 'baseline'] as const)
          if (v[f] !== null) put(`v|${v.target}|${v.indicator}|${f}`, v[f], cells[f] ?? v.source ?? '');
      });
      for (const r of rows.ratings)
        put(`r|${r.group}|${r.evaluator}|${r.target}|${r.indicator}`, r.grade, r.source ?? '');
      for (const s of rows.surveys) put(`s|${s.target}|${s.indicator}`, s.counts, s.source ?? '');
      for (const it of rows.items)
        put(`i|${it.target}|${it.indicator}|${it.reason}|${it.docNo}`, it.points, it.source ?? '');
    }
    return out;
  } finally {
    db.close();
  }
}

/** The scheme of a workspace's first cycle, as JSON: what a scheme mutant that changes nothing must give. */
function schemeOf(file: string): string {
  const db = openDatabase(file);
  try {
    const repos = createRepos(db);
    const cycle = repos.cycles.get(1);
    return cycle ? JSON.stringify(repos.scheme.load(cycle.id, '')) : '';
  } finally {
    db.close();
  }
}

/** `Sheet!C7` → its parts. */
function place(cell: string): { sheet: string; col: string; row: number; ref: string } | null {
  const m = /^(.*)!([A-Z]+)(\d+)$/.exec(cell);
  return m ? { sheet: m[1] as string, col: m[2] as string, row: Number(m[3]), ref: `${m[2]}${m[3]}` } : null;
}

/** Whether an accepted mutant's data are what its reference reading gives; the problem if not. */
export function judge(
  mutant: Mutant,
  before: Map<string, Datum>,
  after: Map<string, Datum>,
  /** The rows above the source's first datum: titles, notes, the 评价主体 line, the header. */
  headerRows = HEADER_ROWS,
): string | null {
  const keys = new Set([...before.keys(), ...after.keys()]);
  if (mutant.sameData) {
    for (const k of keys)
      if (JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)))
        return `data changed by an edit that cannot change them: ${k} ${JSON.stringify(before.get(k))} → ${JSON.stringify(after.get(k))}`;
    return null;
  }
  const inSheet = (p: { sheet: string } | null) =>
    p !== null && (mutant.sheet === null || p.sheet === mutant.sheet);
  const expectRow = mutant.expect ? Number(/\d+$/.exec(mutant.expect.cell)?.[0]) : null;
  // a datum comes from its row (a rating's key holds its evaluator, an item's its reason): an edited
  // cell frees its row, but for the edited number cell, judged on its own
  const rows = new Set(mutant.rows);
  for (const c of mutant.cells) if (c !== mutant.expect?.cell) rows.add(Number(/\d+$/.exec(c)?.[0]));
  // an edit among the first rows may change what a column is (a header, the 评价主体 line above
  // it): any datum of the sheet may then read otherwise — refused, or read as the new header says
  const header =
    mutant.columns.size > 0 ||
    [...rows].some((r) => r <= headerRows) ||
    (mutant.expect !== undefined && (expectRow as number) <= headerRows);
  const rowChanged = new Set<number>();
  for (const k of keys) {
    const o = before.get(k);
    const u = after.get(k);
    if (o && u && o.value === u.value && o.cell === u.cell) continue;
    const p = place((o ?? u)?.cell ?? '');
    const q = u ? place(u.cell) : null;
    const touched = (x: ReturnType<typeof place>) =>
      x !== null && inSheet(x) && (header || rows.has(x.row) || mutant.columns.has(x.col));
    if (mutant.expect && !header && p && inSheet(p) && p.ref === mutant.expect.cell) {
      // the edited number cell: the one reading of what was written there
      const want = mutant.expect.value;
      if (want === null)
        return `${k}: ${JSON.stringify(mutant.expect)} must be refused, was ${u ? `read as ${u.value}` : 'dropped'}`;
      if (!u) return `${k}: the number ${want} written at ${mutant.expect.cell} was dropped`;
      if (
        Number(u.value) !== want &&
        !(typeof JSON.parse(u.value) === 'number' && Math.abs(Number(u.value) - want * 100) < 1e-9)
      )
        return `${k}: ${mutant.expect.cell} holds ${want}, read as ${u.value}`;
      continue;
    }
    if (mutant.expect && !header && expectRow !== null && p && inSheet(p) && p.row === expectRow) {
      rowChanged.add(p.row); // a datum of the row read from several cells (counts): judged below
      continue;
    }
    if (touched(p) || touched(q)) continue;
    return `${k}: ${JSON.stringify(o)} → ${JSON.stringify(u)}, not where the edit was`;
  }
  if (mutant.expect && mutant.expect.value === null && expectRow !== null && rowChanged.has(expectRow))
    return `row ${expectRow} read otherwise though ${mutant.expect.cell} must be refused`;
  return null;
}

/** Rows taken as a header when a source's own are not known (see headerOf). */
const HEADER_ROWS = 8;

/** The rows above a source's first datum: what a header edit may change the reading of. */
function headerOf(data: Map<string, Datum>): number {
  let first = Infinity;
  for (const d of data.values()) first = Math.min(first, place(d.cell)?.row ?? Infinity);
  return Number.isFinite(first) ? first - 1 : HEADER_ROWS;
}

const STACK = /\n\s+at \S|\b(TypeError|RangeError|ReferenceError|SyntaxError|SqliteError)\b|Error: [A-Za-z]/;
const CHINESE = /[\u4e00-\u9fff]/;

/** Runs `count` mutants from `seed` (or until `seconds` pass); calls `onEach` after each. */
export async function runFuzz(opts: {
  seed: number;
  count: number;
  seconds?: number;
  timeoutMs?: number;
  onEach?: (k: number, r: FuzzReport) => void;
}): Promise<FuzzReport> {
  const started = performance.now();
  const rand = mulberry32(opts.seed);
  const dir = join(tmpdir(), `appraisal-fuzz-${process.pid}-${opts.seed}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const report: FuzzReport = {
    seed: opts.seed,
    mutants: 0,
    accepted: 0,
    refused: 0,
    byKind: {},
    findings: [],
    ms: 0,
    slowestMs: 0,
    slowest: '',
  };
  try {
    // the workspaces each mutant starts from: the city's scheme as cycle 1, and an empty one
    const withScheme = join(dir, 'base.db');
    const empty = join(dir, 'empty.db');
    const made = await runCliIn(dir, ['scheme', 'import', 'base.db', SCHEME]);
    if (made.code !== 0) throw new Error(`the base workspace: ${made.err || made.out}`);
    if ((await runCliIn(dir, ['init', 'empty.db'])).code !== 0) throw new Error('the empty workspace');

    const work = join(dir, 'run');
    const fresh = (from: string) => {
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work);
      copyFileSync(from, join(work, 'ws.db'));
    };
    const run = async (argv: string[]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), opts.timeoutMs ?? 60_000);
      });
      try {
        return await Promise.race([runCliIn(work, argv), timeout]);
      } finally {
        clearTimeout(timer);
      }
    };
    const importArgs = (name: string) => ['import', 'ws.db', '--cycle', '1', name];
    const schemeArgs = (name: string) => ['scheme', 'import', 'ws.db', name, '--name', '变异方案'];

    // what each source gives unmutated: the reference the mutants' data are judged against
    const originals = new Map<string, Map<string, Datum>>();
    fresh(empty);
    writeFileSync(join(work, basename(SCHEME)), readFileSync(SCHEME));
    const schemeRun = await run(schemeArgs(basename(SCHEME)));
    if (schemeRun === 'timeout' || schemeRun.code !== 0)
      throw new Error('the scheme is not accepted as it is');
    const originalScheme = schemeOf(join(work, 'ws.db'));
    for (const src of SOURCES) {
      if (src === SCHEME) continue;
      fresh(withScheme);
      writeFileSync(join(work, basename(src)), readFileSync(src));
      const r = await run(importArgs(basename(src)));
      if (r === 'timeout' || r.code !== 0)
        throw new Error(`${basename(src)} is not accepted as it is: ${r === 'timeout' ? r : r.out + r.err}`);
      originals.set(src, datums(join(work, 'ws.db')));
    }

    for (let k = 0; k < opts.count; k++) {
      if (opts.seconds !== undefined && performance.now() - started > opts.seconds * 1000) break;
      const src = rand() < 0.15 ? SCHEME : (SOURCES[Math.floor(rand() * (SOURCES.length - 1))] as string);
      const mutant = await mutate(readFileSync(src), rand);
      const name = basename(src);
      const label = `${mutant.kind}: ${mutant.what}`;
      const isScheme = src === SCHEME;
      fresh(isScheme ? empty : withScheme);
      writeFileSync(join(work, name), mutant.bytes);
      const before = sha(join(work, 'ws.db'));
      const t0 = performance.now();
      const r = await run(isScheme ? schemeArgs(name) : importArgs(name));
      const took = performance.now() - t0;
      if (took > report.slowestMs) {
        report.slowestMs = took;
        report.slowest = `${name} — ${label}`;
      }
      report.mutants++;
      const kind = (report.byKind[mutant.kind] ??= { n: 0, accepted: 0, refused: 0 });
      kind.n++;
      const find = (problem: string, output = '') =>
        report.findings.push({ source: name, mutant: label, problem, output: output.slice(0, 2000) });
      if (r === 'timeout') {
        find('no answer within the time allowed');
        break; // the command may still be running: nothing after it can be trusted
      }
      const output = `${r.out}\n${r.err}`;
      if (r.code !== 0 && r.code !== 1) find(`exit ${r.code}`, output);
      else if (STACK.test(output)) find('an English stack or error text', output);
      else if (r.code === 1) {
        report.refused++;
        kind.refused++;
        if (!CHINESE.test(output)) find('refused without a Chinese message', output);
        else if (!/[^\s!《》]+![A-Z]+\d+/.test(output) && !output.includes(`《${name}》`))
          find('refused without naming a cell or the file', output);
        if (sha(join(work, 'ws.db')) !== before) find('refused, yet the workspace file changed', output);
      } else {
        report.accepted++;
        kind.accepted++;
        if (!isScheme) {
          const original = originals.get(src) as Map<string, Datum>;
          const problem = judge(mutant, original, datums(join(work, 'ws.db')), headerOf(original));
          if (problem) find(problem, output);
        } else if (mutant.sameData && schemeOf(join(work, 'ws.db')) !== originalScheme)
          find('a scheme read otherwise after an edit that cannot change it', output);
      }
      opts.onEach?.(k, report);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    report.ms = performance.now() - started;
  }
  return report;
}
