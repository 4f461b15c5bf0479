/**
 * The prebuilt command line (scripts/build-cli.mjs): built on first use, used while its sources are
 * unchanged, rebuilt before it runs once any of them changed, and the real bin answering `--help`
 * from it. Most tests build a small tree shaped like the checkout, in a temp folder.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCli, cliBuildState, defaultBuildDir, ensureCliBuild } from '../../../scripts/build-cli.mjs';
import { tempDir } from '../../helpers/workspace';

const ROOT = join(__dirname, '..', '..', '..');
const BUILD_SCRIPT = join(ROOT, 'scripts', 'build-cli.mjs');

/** A checkout in miniature: an entry that prints a word from shared/ and the folder of its module. */
const TREE: Record<string, string> = {
  'package.json': '{ "private": true }\n',
  'tsconfig.json': '{ "compilerOptions": { "target": "ES2022" } }\n',
  'electron/cli/index.ts': [
    "import { message } from './message';",
    "import { here } from './where';",
    'console.log(message());',
    'console.log(here);',
    '',
  ].join('\n'),
  'electron/cli/message.ts': [
    "import { word } from '../../shared/word';",
    'export const message = (): string => `hello ${word}`;',
    '',
  ].join('\n'),
  'electron/cli/where.ts': 'export const here: string = import.meta.dirname;\n',
  'shared/word.ts': "export const word = 'world';\n",
  // what `../../shared/word` means once word.ts is gone
  'shared/word/index.ts': "export const word = 'folder';\n",
  'docs/notes.md': 'not part of the command line\n',
};

let tmp: ReturnType<typeof tempDir>;
let root: string;
let out: string;
beforeEach(() => {
  tmp = tempDir('appraisal-cli-build-');
  root = join(tmp.dir, 'checkout');
  out = defaultBuildDir(root);
  for (const [name, text] of Object.entries(TREE)) write(name, text);
});
afterEach(() => tmp.cleanup());

function write(name: string, text: string): void {
  const file = join(root, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What the built command prints, one line each. */
const run = (entry: string) =>
  execFileSync(process.execPath, [entry], { encoding: 'utf8' }).trim().split('\n');
const state = () => cliBuildState(root, out);
const reason = () => {
  const s = state();
  return s.fresh ? 'fresh' : s.reason;
};
/** Sets a file's mtime to a whole second, an hour ago, which utimes can put back exactly; returns it in seconds. */
function wholeSecondMtime(name: string): number {
  const t = Math.floor(Date.now() / 1000) - 3600;
  utimesSync(join(root, name), t, t);
  return t;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the prebuilt command line', () => {
  it('is built on first use, runs from the build, and is reused while nothing changed', async () => {
    expect(reason()).toBe('no build yet');
    const first = await ensureCliBuild(root, out);
    expect(first.built).toBe(true);
    expect(first.entry.startsWith(out)).toBe(true);
    // the module's own folder, not the build's: modules that find files beside their source still do
    expect(run(first.entry)).toEqual(['hello world', join(root, 'electron', 'cli')]);
    const again = await ensureCliBuild(root, out);
    expect(again).toEqual({ entry: first.entry, built: false });
  });

  it('rebuilds before running once a source it imports has changed', async () => {
    await ensureCliBuild(root, out);
    write('shared/word.ts', "export const word = 'there';\n");
    expect(reason()).toBe('shared/word.ts changed');
    const next = await ensureCliBuild(root, out);
    expect(next.built).toBe(true);
    expect(run(next.entry)[0]).toBe('hello there');
  });

  it('sees an edit that keeps the size and puts the old mtime back', async () => {
    // as on a file system with coarse timestamps, where an edit soon after the build keeps the mtime
    const mtime = wholeSecondMtime('shared/word.ts');
    await ensureCliBuild(root, out);
    write('shared/word.ts', "export const word = 'WORLD';\n");
    utimesSync(join(root, 'shared', 'word.ts'), mtime, mtime);
    expect(statSync(join(root, 'shared', 'word.ts')).mtimeMs).toBe(mtime * 1000);
    expect(reason()).toBe('shared/word.ts changed');
  });

  it('is not rebuilt when files are rewritten with the same content, as a checkout does', async () => {
    const { entry } = await ensureCliBuild(root, out);
    const later = new Date(Date.now() + 60_000);
    for (const name of Object.keys(TREE)) {
      write(name, TREE[name] as string);
      utimesSync(join(root, name), later, later);
    }
    expect(state()).toEqual({ fresh: true, entry });
    expect(await ensureCliBuild(root, out)).toEqual({ entry, built: false });
  });

  it('trusts the stats of files older than the build, refreshed after a touch, until one changes even in ctime alone', async () => {
    // older than the racy window (a file changed in the same timestamp tick as the build read it
    // would keep its stats), the build folder included: making it touches the root folder
    mkdirSync(out, { recursive: true });
    const mtime = wholeSecondMtime('electron/cli/message.ts');
    await sleep(2100);
    await ensureCliBuild(root, out);
    const record = () => readFileSync(join(out, 'current.json'), 'utf8');
    const built = record();
    expect(reason()).toBe('fresh');
    // nothing was read, so the record was not refreshed
    expect(record()).toBe(built);

    // touched: read once (its timestamps too recent to trust a while longer, then changed), found
    // the same, and the record refreshed so that the next start reads nothing again
    const touched = join(root, 'shared', 'word.ts');
    utimesSync(touched, new Date(), new Date());
    await sleep(2100);
    expect(reason()).toBe('fresh');
    const refreshed = record();
    expect(refreshed).not.toBe(built);
    expect(reason()).toBe('fresh');
    expect(record()).toBe(refreshed);

    // the same size and mtime (as tar or rsync -t would leave it), but a new ctime: read, found changed
    write('electron/cli/message.ts', TREE['electron/cli/message.ts']!.replace('hello', 'HELLO'));
    utimesSync(join(root, 'electron', 'cli', 'message.ts'), mtime, mtime);
    expect(statSync(join(root, 'electron', 'cli', 'message.ts')).mtimeMs).toBe(mtime * 1000);
    expect(reason()).toBe('electron/cli/message.ts changed');
  });

  it('rebuilds when a file joins the import graph, and then watches it too', async () => {
    await ensureCliBuild(root, out);
    write('shared/extra.ts', "export const extra = '!';\n");
    write(
      'electron/cli/message.ts',
      [
        "import { word } from '../../shared/word';",
        "import { extra } from '../../shared/extra';",
        'export const message = (): string => `hello ${word}${extra}`;',
        '',
      ].join('\n'),
    );
    expect(reason()).toBe('electron/cli/message.ts changed');
    const next = await ensureCliBuild(root, out);
    expect(next.built).toBe(true);
    expect(run(next.entry)[0]).toBe('hello world!');
    write('shared/extra.ts', "export const extra = '?';\n");
    expect(reason()).toBe('shared/extra.ts changed');
  });

  it('rebuilds when an input is deleted, resolving its import afresh', async () => {
    await ensureCliBuild(root, out);
    rmSync(join(root, 'shared', 'word.ts'));
    expect(reason()).toBe('shared/word.ts was deleted');
    const next = await ensureCliBuild(root, out);
    expect(run(next.entry)[0]).toBe('hello folder');
  });

  it('rebuilds when a new file would change what an import means', async () => {
    rmSync(join(root, 'shared', 'word.ts'));
    const first = await ensureCliBuild(root, out);
    expect(run(first.entry)[0]).toBe('hello folder');
    // no file of the build changed, but `../../shared/word` now means shared/word.ts
    write('shared/word.ts', "export const word = 'file';\n");
    expect(reason()).toBe('a file was added to or removed from shared/');
    expect(run((await ensureCliBuild(root, out)).entry)[0]).toBe('hello file');
  });

  it('rebuilds when the TypeScript settings change, and not for files it does not use', async () => {
    await ensureCliBuild(root, out);
    write('docs/notes.md', 'still not part of it\n');
    write('docs/more.ts', 'export {};\n');
    expect(reason()).toBe('fresh');
    write('tsconfig.json', '{ "compilerOptions": { "target": "ES2020" } }\n');
    expect(reason()).toBe('tsconfig.json changed');
  });

  it('does not run a build when a source no longer compiles', async () => {
    await ensureCliBuild(root, out);
    write('shared/word.ts', 'export const word = ;\n');
    await expect(ensureCliBuild(root, out)).rejects.toThrow(/shared[/\\]word\.ts/);
    expect(reason()).toBe('shared/word.ts changed');
  });

  it('survives several processes building at once: one complete build, current, nothing left over', async () => {
    const script = `import(${JSON.stringify(pathToFileURL(BUILD_SCRIPT).href)}).then((m) => m.buildCli(${JSON.stringify(root)}, ${JSON.stringify(out)}))`;
    const builds = Array.from({ length: 4 }, () => promisify(execFile)(process.execPath, ['-e', script]));
    await Promise.all([...builds, buildCli(root, out), buildCli(root, out)]);
    const s = state();
    if (!s.fresh) throw new Error(s.reason);
    expect(run(s.entry)[0]).toBe('hello world');
    // one build (every process made the same one) and the record: no temporary folders or files
    expect(readdirSync(out).sort()).toEqual([basename(dirname(s.entry)), 'current.json'].sort());
  });
});

describe('the appraisal bin', () => {
  it('answers --help from the build of this checkout', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin', 'appraisal.mjs'), '--help'],
      {
        cwd: tmp.dir,
      },
    );
    expect(stdout).toMatch(/^综合考核工作台 命令行 \(appraisal\)\n/);
    expect(stderr).toBe('');
    expect(cliBuildState(ROOT, defaultBuildDir(ROOT)).fresh).toBe(true);
  });

  it('loads no npm package for --help, nor for a usage error until the workspace is opened', async () => {
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'appraisal.mjs'), '--help']);
    const s = cliBuildState(ROOT, defaultBuildDir(ROOT));
    if (!s.fresh) throw new Error(s.reason);
    type Output = {
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    };
    const { outputs } = JSON.parse(readFileSync(join(dirname(s.entry), 'meta.json'), 'utf8')) as {
      outputs: Record<string, Output>;
    };
    /** What loading an output loads: its static imports, transitively (not its dynamic ones). */
    const load = (name: string, seen = new Set<string>(), externals = new Set<string>()) => {
      if (!seen.has(name)) {
        seen.add(name);
        for (const i of (outputs[name] as Output).imports)
          if (i.kind === 'import-statement') {
            if (i.external) externals.add(i.path);
            else load(i.path, seen, externals);
          }
      }
      const inputs = [...seen].flatMap((o) => Object.keys((outputs[o] as Output).inputs)).sort();
      return { inputs, packages: [...externals].filter((e) => !e.startsWith('node:')) };
    };
    expect(load('index.mjs')).toEqual({
      inputs: [
        'electron/cli/args.ts',
        'electron/cli/cli.ts',
        'electron/cli/files.ts',
        'electron/cli/index.ts',
      ],
      packages: [],
    });
    // each command's module, which checks its arguments before importing the workspace
    const commands = (outputs['index.mjs'] as Output).imports.filter((i) => i.kind === 'dynamic-import');
    expect(commands.length).toBeGreaterThan(10);
    for (const c of commands) expect([c.path, load(c.path).packages]).toEqual([c.path, []]);
  });
});
