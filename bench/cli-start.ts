/**
 * How long the `appraisal` command takes to start: `appraisal --help` against `node -e 0`, the
 * least any Node program pays. The bin runs its prebuilt bundle (scripts/build-cli.mjs), so the
 * difference is checking that the build is current and loading the bundle's entry; the goal is a
 * ratio of at most 3.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'appraisal.mjs');

/** Wall time of one `node …` run, spawn included (the same for both commands). */
function run(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status ?? r.signal}`);
  return ms;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return Number.isInteger(mid)
    ? ((s[mid - 1] as number) + (s[mid] as number)) / 2
    : (s[Math.floor(mid)] as number);
};

/**
 * Medians over `runs` runs each of `node -e 0` and `node bin/appraisal.mjs --help`, after a
 * warm-up run of each (the bin's may build the bundle), and their ratio.
 */
export function measureCliStart(runs = 20): { nodeMs: number; helpMs: number; ratio: number } {
  const node = ['-e', '0'];
  const help = [BIN, '--help'];
  run(node);
  run(help);
  const nodeTimes: number[] = [];
  const helpTimes: number[] = [];
  // interleaved, so that other work on the machine weighs on both alike
  for (let i = 0; i < runs; i++) {
    nodeTimes.push(run(node));
    helpTimes.push(run(help));
  }
  const nodeMs = median(nodeTimes);
  const helpMs = median(helpTimes);
  return { nodeMs, helpMs, ratio: helpMs / nodeMs };
}
