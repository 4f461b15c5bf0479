/**
 * npm run bench [-- --ci] [-- --json FILE] [-- --only import,compute,…] — how long the work takes at
 * the sizes of a big cycle, each figure next to its reference measured in the same run and their
 * ratio, with the goals of issue 12 checked and reported, never asserted. `--ci` runs the same steps
 * at small sizes in seconds (part of `npm test`, so that the bench never rots); `--json` writes every
 * figure for comparing runs.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Report } from './lib';
import { cliSection } from './sections/cli';
import { computeSection } from './sections/compute';
import { importSection } from './sections/import';
import { reportSection } from './sections/report';
import { sensitivitySection } from './sections/sensitivity';

const argv = process.argv.slice(2);
const ci = argv.includes('--ci');
const json = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : undefined;
const only = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '').split(',') : null;
const SECTIONS: Record<string, (r: Report, ci: boolean) => void | Promise<void>> = {
  import: importSection,
  compute: computeSection,
  sensitivity: sensitivitySection,
  cli: cliSection,
  report: reportSection,
};

const machine = `Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}`;
console.log(`综合考核工作台 benchmark${ci ? ' (CI sizes)' : ''} — ${machine}`);
const report = new Report(ci);
const started = performance.now();
for (const [name, run] of Object.entries(SECTIONS)) if (!only || only.includes(name)) await run(report, ci);
const seconds = (performance.now() - started) / 1000;
console.log(`\n${report.figures.length} figures in ${seconds.toFixed(0)} s`);
if (json) writeFileSync(json, JSON.stringify({ machine, ci, seconds, figures: report.figures }, null, 2));
