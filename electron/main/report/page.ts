import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The report page (renderer/src/report) outside the desktop app: bundled with esbuild into one
 * script (its style sheet inside, as text) beside a small HTML file, in a folder of its own. The desktop app
 * loads the same sources as built by electron-vite (out/renderer/report.html); the command line and
 * the tests, which run from a checkout, bundle them here in well under a second.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const REPORT_ENTRY = join(ROOT, 'renderer', 'src', 'report', 'main.tsx');

/** The page's policy: its own script and styles only, nothing fetched. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; font-src 'self' data:; base-uri 'none'; form-action 'none'";

export function reportShell(script: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8" />',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />`,
    '<title>综合考核结果</title>',
    `<script defer src="./${script}"></script>`,
    '</head>',
    '<body><main id="report"></main></body>',
    '</html>',
    '',
  ].join('\n');
}

export interface ReportPageDir {
  /** The folder holding report.html. */
  dir: string;
  dispose(): void;
}

/** Bundles the report page into a temporary folder (removed by dispose). */
export async function bundleReportPage(): Promise<ReportPageDir> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [REPORT_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    legalComments: 'none',
    outdir: 'report',
    define: { 'process.env.NODE_ENV': '"production"' },
    // `…?inline` is the file's text, as vite gives it
    plugins: [
      {
        name: 'inline-text',
        setup(b) {
          b.onResolve({ filter: /\?inline$/ }, (a) => ({
            path: join(a.resolveDir, a.path.replace(/\?inline$/, '')),
            namespace: 'inline-text',
          }));
          b.onLoad({ filter: /.*/, namespace: 'inline-text' }, async (a) => ({
            contents: await readFile(a.path, 'utf8'),
            loader: 'text',
          }));
        },
      },
    ],
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error('report bundle: no script');
  const dir = mkdtempSync(join(tmpdir(), 'appraisal-report-'));
  writeFileSync(join(dir, 'report.js'), js.contents);
  writeFileSync(join(dir, 'report.html'), reportShell('report.js'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
