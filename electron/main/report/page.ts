import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The report page (renderer/src/report) outside the desktop app: bundled with esbuild into one
 * script and one style sheet beside a small HTML file, in a folder of its own. The desktop app
 * loads the same sources as built by electron-vite (out/renderer/report.html); the command line and
 * the tests, which run from a checkout, bundle them here in well under a second.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const REPORT_ENTRY = join(ROOT, 'renderer', 'src', 'report', 'main.tsx');

/** The page's policy: its own script and styles only, nothing fetched. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; font-src 'self' data:; base-uri 'none'; form-action 'none'";

export function reportShell(script: string, style: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8" />',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />`,
    '<title>综合考核结果</title>',
    `<link rel="stylesheet" href="./${style}" />`,
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
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js || !css) throw new Error('report bundle: missing script or style sheet');
  const dir = mkdtempSync(join(tmpdir(), 'appraisal-report-'));
  writeFileSync(join(dir, 'report.js'), js.contents);
  writeFileSync(join(dir, 'report.css'), css.contents);
  writeFileSync(join(dir, 'report.html'), reportShell('report.js', 'report.css'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
