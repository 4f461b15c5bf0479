#!/usr/bin/env node
// The `appraisal` command as prebuilt JavaScript, so that a start costs a few file stats instead of
// compiling TypeScript. esbuild bundles electron/cli/index.ts with the project's own modules it
// imports (npm packages stay imports, loaded from node_modules) into .cache/cli/<fingerprint>/;
// .cache/cli/current.json names the current build and records what it was built from.
// bin/appraisal.mjs checks that record on every start and rebuilds first when any of it changed;
// `node scripts/build-cli.mjs` (part of `npm run build`) builds now.
//
// .cache/cli rather than out/cli: electron-builder packs out/** into the installer, which does not
// ship the command line, and .cache/ already holds what is derived per checkout (the Electron
// SQLite addon).
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bumped when the record's shape changes: an older record then reads as no build. */
const FORMAT = 1;
const ENTRY = 'electron/cli/index.ts';
const MANIFEST = 'current.json';
/**
 * How close to the start of a build (or of a check that refreshed the record) a file's timestamps
 * may be and still be trusted without reading it. A file edited in the same timestamp tick as the
 * build read it keeps its recorded mtime; ticks are 2 s on FAT, 1 s on HFS+ and ext3, milliseconds
 * elsewhere. Files this young are hashed on every check instead, until they are older ("racy git").
 */
const RACY_MS = 2000;
/** Builds that stopped being current are kept this long: a running command may still load their chunks. */
const KEEP_MS = 60 * 60 * 1000;
/** Names that can take part in resolving an import, or configure esbuild (tsconfig, package.json). */
const RESOLVABLE = /\.(?:[cm]?[jt]s|[jt]sx|json|css)$/i;
const CONFIG = /^(?:tsconfig.*|package)\.json$/i;
const LOADERS = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
  '.json': 'json',
};
const SELF = fileURLToPath(import.meta.url);

/** The build folder of a checkout: `.cache/cli` under its root. */
export const defaultBuildDir = (root) => join(root, '.cache', 'cli');

// node:crypto takes longer to load than the rest of a check: loaded only once something is hashed
const sha256 = (data) =>
  process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest('hex');
const statOrNull = (file) => statSync(file, { throwIfNoEntry: false }) ?? null;
/** Paths in the record are relative to the root, with `/` (a checkout moved to Windows reads the same). */
const key = (root, file) => relative(root, file).split(sep).join('/');
const listing = (names) =>
  sha256(
    names
      .filter((n) => RESOLVABLE.test(n))
      .sort()
      .join('\0'),
  );

/** The file system's clock (a network drive's may differ from ours), from a file written now. */
function fsNow(dir) {
  const probe = join(dir, `clock-${process.pid}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(probe, '');
  try {
    return statSync(probe).mtimeMs;
  } finally {
    unlinkSync(probe);
  }
}

function readManifest(buildDir) {
  try {
    const m = JSON.parse(readFileSync(join(buildDir, MANIFEST), 'utf8'));
    return m?.format === FORMAT ? m : null;
  } catch {
    return null;
  }
}

/** Written whole under a temporary name, then renamed over the old one: readers see one or the other. */
function writeManifest(buildDir, manifest) {
  const tmp = join(buildDir, `${MANIFEST}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest));
  try {
    renameSync(tmp, join(buildDir, MANIFEST));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Whether the current build in `buildDir` was made from the sources now under `root`: every file
 * it was built from (esbuild's metafile inputs, the tsconfig and package.json files around them,
 * this script, esbuild's version) unchanged, and no file added or removed in the folders where its
 * imports were resolved (a new `x.ts` beside an imported `x/index.ts` would change what `./x` means).
 *
 * Size, mtime and ctime are compared first, which is a stat per file. A file whose stat differs, or
 * whose timestamps are too recent to trust (RACY_MS), is read and its SHA-256 compared: a checkout
 * or `touch` that rewrites timestamps without changing content costs one hashing pass, after which
 * the record is refreshed. ctime catches tools that restore an old mtime (tar, rsync -t, cp -p).
 *
 * @param {string} root the checkout (or a tree shaped like one)
 * @param {string} buildDir where builds go
 * @returns {{ fresh: true, entry: string } | { fresh: false, reason: string }}
 */
export function cliBuildState(root, buildDir) {
  root = resolve(root);
  buildDir = resolve(buildDir);
  const m = readManifest(buildDir);
  if (!m) return { fresh: false, reason: 'no build yet' };
  if (m.root !== root) return { fresh: false, reason: `built for ${m.root}` };
  const entry = join(buildDir, m.build, 'index.mjs');
  if (!statOrNull(entry)) return { fresh: false, reason: `${entry} is missing` };

  const racyFrom = m.stampedAt - RACY_MS;
  // Set (to the file system's time, before anything is read) once a file has to be read: the
  // record is then refreshed, so that the next check need not read it again.
  let reading = false;
  let restampedAt = null;
  const mustRead = (st, [mtime, ctime]) =>
    st.mtimeMs !== mtime || st.ctimeMs !== ctime || Math.max(mtime, ctime) >= racyFrom;
  const beforeReading = () => {
    if (reading) return;
    reading = true;
    try {
      restampedAt = fsNow(buildDir);
    } catch {
      // a checkout we cannot write to: its build is used all the same, and not re-recorded
    }
  };

  const files = {};
  for (const [name, [size, mtime, ctime, hash]] of Object.entries(m.files)) {
    const file = resolve(root, name);
    const st = statOrNull(file);
    if (!st) return { fresh: false, reason: `${name} was deleted` };
    if (st.size !== size) return { fresh: false, reason: `${name} changed` };
    if (mustRead(st, [mtime, ctime])) {
      beforeReading();
      if (sha256(readFileSync(file)) !== hash) return { fresh: false, reason: `${name} changed` };
    }
    files[name] = [st.size, st.mtimeMs, st.ctimeMs, hash];
  }
  const dirs = {};
  for (const [name, [mtime, ctime, hash]] of Object.entries(m.dirs)) {
    const dir = resolve(root, name);
    const st = statOrNull(dir);
    if (!st) return { fresh: false, reason: `${name || '.'}/ was deleted` };
    if (mustRead(st, [mtime, ctime])) {
      beforeReading();
      if (listing(readdirSync(dir)) !== hash)
        return { fresh: false, reason: `a file was added to or removed from ${name || '.'}/` };
    }
    dirs[name] = [st.mtimeMs, st.ctimeMs, hash];
  }
  if (restampedAt !== null) {
    try {
      writeManifest(buildDir, { ...m, stampedAt: restampedAt, files, dirs });
    } catch {
      // only a saving for the next start: the build is fresh either way
    }
  }
  return { fresh: true, entry };
}

/**
 * A module's own location, written into its text: the bundle runs from .cache/cli/, and a module
 * that finds files beside its source (electron/main/report/page.ts) must find them there still.
 * The record keeps the root, so a moved checkout rebuilds.
 */
function pinLocation(text, file) {
  return text.replace(/\bimport\.meta\.(dirname|filename|url)\b/g, (_, k) =>
    JSON.stringify(k === 'dirname' ? dirname(file) : k === 'filename' ? file : pathToFileURL(file).href),
  );
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Dates a build from now, so that sweep keeps it KEEP_MS longer. */
function touch(dir) {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // swept already: a check finds its entry missing and builds again
  }
}

/**
 * Moves a finished build into place. Builds are named by what they were made from, so when two
 * processes build the same sources at once the second finds the first's folder there: the same
 * bytes, which it uses. On Windows a virus scanner may still hold a new file: retried for a while.
 */
async function publish(tmp, final) {
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(tmp, final);
      return;
    } catch (e) {
      if (statOrNull(join(final, 'index.mjs'))) {
        touch(final); // it may be an old build, made current again
        return;
      }
      if (attempt >= 50 || !['EPERM', 'EACCES', 'EBUSY'].includes(e.code)) throw e;
      await sleep(Math.min(20 * attempt, 200));
    }
  }
}

/**
 * Removes builds and leftovers that stopped being current more than KEEP_MS ago: not `current`,
 * nor the one the record names now (another process may have made its own current meanwhile).
 */
function sweep(buildDir, current) {
  const old = Date.now() - KEEP_MS;
  const named = readManifest(buildDir)?.build;
  for (const name of readdirSync(buildDir)) {
    if (name === MANIFEST || name === current || name === named) continue;
    const file = join(buildDir, name);
    try {
      if (statSync(file).mtimeMs < old) rmSync(file, { recursive: true, force: true });
    } catch {
      // another process swept it first, or still holds it open (Windows): next time
    }
  }
}

/**
 * Builds the command line from `root` into `buildDir` and makes it the current build, whatever
 * the state of the one there; returns its entry file and how many files it was made from.
 * Safe to run in several processes at once: each builds into a folder of its own, moves it into
 * place whole, and replaces the record with one rename.
 *
 * @param {string} root
 * @param {string} buildDir
 * @returns {Promise<{ entry: string, inputs: number }>}
 */
export async function buildCli(root, buildDir) {
  root = resolve(root);
  buildDir = resolve(buildDir);
  mkdirSync(buildDir, { recursive: true });
  const stampedAt = fsNow(buildDir);
  const files = new Map();
  const dirs = new Map();

  // Each file is stat'ed, then read once: the hash recorded is of the very text esbuild compiled,
  // and a later edit changes either the stat or, when too recent to tell (RACY_MS), the hash.
  const track = (file) => {
    const st = statSync(file);
    const bytes = readFileSync(file);
    files.set(key(root, file), [st.size, st.mtimeMs, st.ctimeMs, sha256(bytes)]);
    return bytes;
  };
  // A folder is listed before esbuild resolves anything in it, with its parents up to the root
  // (their tsconfig and package.json files configure esbuild): any later change shows in the listing.
  const watch = (dir) => {
    for (let d = dir; ; d = dirname(d)) {
      const name = key(root, d);
      if (dirs.has(name)) return;
      const st = statOrNull(d);
      if (!st?.isDirectory()) return;
      const names = readdirSync(d);
      dirs.set(name, [st.mtimeMs, st.ctimeMs, listing(names)]);
      for (const n of names) if (CONFIG.test(n)) track(join(d, n));
      if (d === root || name.startsWith('..') || dirname(d) === d) return;
    }
  };
  track(SELF);
  // esbuild's version: a new one may compile differently
  const { createRequire } = await import('node:module');
  track(createRequire(import.meta.url).resolve('esbuild/package.json'));
  watch(dirname(resolve(root, ENTRY)));

  const { build } = await import('esbuild');
  const tmp = mkdtempSync(join(buildDir, 'tmp-'));
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: { index: ENTRY },
      bundle: true,
      // each command's heavy modules (SQLite, ExcelJS, Chromium, the report) in chunks of their
      // own, loaded by the dynamic import() in the command that needs them
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'track-inputs',
          setup(b) {
            b.onResolve({ filter: /^\.\.?(?:[/\\]|$)/ }, (a) => {
              if (a.resolveDir) {
                const target = resolve(a.resolveDir, a.path);
                watch(dirname(target));
                watch(target);
              }
              return undefined;
            });
            b.onLoad({ filter: /\.(?:[cm]?[jt]s|[jt]sx|json)$/ }, (a) => {
              const ext = extname(a.path).toLowerCase();
              const text = track(a.path).toString('utf8');
              return { contents: ext === '.json' ? text : pinLocation(text, a.path), loader: LOADERS[ext] };
            });
          },
        },
      ],
    });
    // the metafile's inputs are what the bundle is made of; any esbuild loaded without the plugin
    // (another kind of file) is hashed now
    for (const name of Object.keys(result.metafile.inputs)) {
      const file = resolve(root, name);
      if (!files.has(key(root, file))) track(file);
    }
    // what went where, for reading later; esbuild names outputs from the root, through the temporary folder
    const local = (p) => key(tmp, resolve(root, p));
    const outputs = Object.entries(result.metafile.outputs).map(([name, o]) => [
      local(name),
      { ...o, imports: o.imports.map((i) => (i.external ? i : { ...i, path: local(i.path) })) },
    ]);
    writeFileSync(
      join(tmp, 'meta.json'),
      JSON.stringify({ inputs: result.metafile.inputs, outputs: Object.fromEntries(outputs) }),
    );
    chmodSync(tmp, 0o755); // mkdtemp makes it private to this user, unlike the files in it
    const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
    const id = sha256(JSON.stringify([FORMAT, root, sorted.map(([n, r]) => [n, r[3]])])).slice(0, 16);
    await publish(tmp, join(buildDir, id));

    const previous = readManifest(buildDir)?.build;
    for (let attempt = 1; ; attempt++) {
      try {
        writeManifest(buildDir, {
          format: FORMAT,
          root,
          build: id,
          stampedAt,
          files: Object.fromEntries(sorted),
          dirs: Object.fromEntries(dirs),
        });
        break;
      } catch (e) {
        if (attempt >= 50 || !['EPERM', 'EACCES', 'EBUSY'].includes(e.code)) throw e;
        await sleep(Math.min(20 * attempt, 200));
      }
    }
    // commands running the build just replaced may still load its chunks
    if (previous && previous !== id) touch(join(buildDir, previous));
    sweep(buildDir, id);
    return { entry: join(buildDir, id, 'index.mjs'), inputs: Object.keys(result.metafile.inputs).length };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The entry file of a build current for `root`, building one first if there is none or it is stale.
 *
 * @param {string} root
 * @param {string} buildDir
 * @returns {Promise<{ entry: string, built: boolean }>}
 */
export async function ensureCliBuild(root, buildDir) {
  const state = cliBuildState(root, buildDir);
  if (state.fresh) return { entry: state.entry, built: false };
  return { entry: (await buildCli(root, buildDir)).entry, built: true };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const root = resolve(dirname(SELF), '..');
  const started = performance.now();
  const { entry, inputs } = await buildCli(root, defaultBuildDir(root));
  console.log(
    `命令行已构建：${relative(root, entry)}（${inputs} 个源文件，${Math.round(performance.now() - started)} ms）`,
  );
}
