#!/usr/bin/env node
// `npm test`: what CI runs — the type check, the linter and formatter check, then every test — ending
// with one plain line "N passed, N failed" (the type check and lint count as one test each).
// `npm test -- <vitest filters>` runs only the matching tests, skipping the checks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const report = join(tmp, 'vitest.json');
const summaryFile = join(tmp, 'test-summary.txt');
rmSync(report, { force: true });
rmSync(summaryFile, { force: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (title, cmd, args) => {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
};

const filters = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (filters.length === 0) {
  for (const [title, args] of [
    ['type check (shared/ without ambient types, then everything)', ['tsc', '-p', 'shared/tsconfig.json']],
    ['type check', ['tsc', '-p', 'tsconfig.json']],
    ['type check (the window: DOM, no Node)', ['tsc', '-p', 'renderer/tsconfig.json']],
    ['lint', ['eslint', '.']],
    [
      'format',
      [
        'prettier',
        '--check',
        '{electron,shared,test,bench,scripts,renderer}/**/*.{ts,tsx,js,mjs,json}',
        '*.{js,ts,json,yml}',
      ],
    ],
  ]) {
    if (run(title, npx, args)) passed++;
    else failed++;
  }
}

run('tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...filters,
]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A test file that fails to load has no failed test in it: count it, or it would vanish.
  failed += (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
} else failed++;

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(summaryFile, summary + '\n');
console.log(`\n${summary}`);
process.exitCode = failed > 0 ? 1 : 0;
