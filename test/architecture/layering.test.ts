/**
 * The layering of STYLE.md, checked on the source: shared/ is pure TypeScript that runs anywhere,
 * and only the thin shell touches Electron.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const re of [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ])
    for (const m of text.matchAll(re)) found.add(m[1] as string);
  return [...found];
}

/** Packages that are themselves pure TypeScript with no dependencies: zod, for the IPC contract. */
const PURE_PACKAGES = ['zod'];

const rel = (f: string) => relative(ROOT, f).replaceAll('\\', '/');

describe('shared/ is pure TypeScript', () => {
  const files = sources(join(ROOT, 'shared'));

  it('has source files to check (the test is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports nothing but other modules of shared/', () => {
    const bad: string[] = [];
    for (const f of files)
      for (const spec of imports(f)) {
        if (PURE_PACKAGES.includes(spec)) continue;
        const target = spec.startsWith('.') ? resolve(f, '..', spec) : null;
        if (target === null || !rel(target).startsWith('shared/')) bad.push(`${rel(f)} → ${spec}`);
      }
    expect(bad).toEqual([]);
  });

  it('uses no Node or browser globals', () => {
    const globals =
      /\b(process|Buffer|__dirname|require|window|document|localStorage|fetch|XMLHttpRequest|setTimeout|setInterval|Date\.now|new Date|Math\.random|performance)\b/;
    const bad = files
      .map((f) => ({ f, lines: readFileSync(f, 'utf8').split('\n') }))
      .flatMap(({ f, lines }) =>
        lines
          // comments say "main process" and "document number" freely: only code counts
          .map((line, i) => ({
            line: line.replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$|^\s*\/?\*.*$/, ''),
            i,
          }))
          .filter(({ line }) => globals.test(line.replace(/(['"`]).*?\1/g, '')))
          .map(({ i }) => `${rel(f)}:${i + 1}`),
      );
    expect(bad).toEqual([]);
  });

  it('is type-checked with no ambient types (shared/tsconfig.json)', () => {
    const cfg = JSON.parse(readFileSync(join(ROOT, 'shared', 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { types: string[]; lib: string[] };
    };
    expect(cfg.compilerOptions.types).toEqual([]);
    expect(cfg.compilerOptions.lib.some((l) => /dom/i.test(l))).toBe(false);
  });
});

describe('Electron stays in the shell', () => {
  const allowed = [
    /^electron\/main\/index\.ts$/,
    /^electron\/main\/window\.ts$/,
    /^electron\/main\/platform\//,
    /^electron\/preload\//,
  ];

  it('is imported only by the composition root, the window, platform/ and the preload', () => {
    const bad = [...sources(join(ROOT, 'electron')), ...sources(join(ROOT, 'shared'))]
      .filter((f) => imports(f).some((s) => s === 'electron' || s.startsWith('electron/')))
      .map(rel)
      .filter((f) => !allowed.some((re) => re.test(f)));
    expect(bad).toEqual([]);
  });

  it('keeps the command line free of Electron, so it runs under plain Node', () => {
    const cli = sources(join(ROOT, 'electron', 'cli'));
    expect(cli.length).toBeGreaterThan(0);
    expect(cli.filter((f) => imports(f).includes('electron')).map(rel)).toEqual([]);
  });
});
