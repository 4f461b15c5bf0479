/**
 * npm run fuzz [-- --seed N] [-- --count N] [-- --seconds S] — the mutation fuzzer of the import
 * (test/fuzz/fuzz.ts): mutants of the sample files and the scheme, each imported into a fresh
 * workspace by the command line; prints what happened to them and every finding, and exits 1 when
 * there is one. A CI-sized run is part of npm test; README gives the figures of a long one.
 */
import { runFuzz } from '../test/fuzz/fuzz';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const v = i < 0 ? undefined : Number(argv[i + 1]);
  if (v !== undefined && !Number.isFinite(v)) throw new Error(`--${name} needs a number`);
  return v ?? fallback;
};
const seed = arg('seed', 20241231);
const count = arg('count', 5000);
const seconds = argv.includes('--seconds') ? arg('seconds', 0) : undefined;

console.log(`fuzz: seed ${seed}, up to ${count} mutants${seconds ? ` or ${seconds} s` : ''}`);
const report = await runFuzz({
  seed,
  count,
  seconds,
  onEach: (k, r) => {
    if ((k + 1) % 250 === 0)
      console.log(
        `  ${k + 1} mutants, ${r.accepted} accepted, ${r.refused} refused, ${r.findings.length} findings`,
      );
  },
});
console.log(
  `\n${report.mutants} mutants in ${(report.ms / 1000).toFixed(0)} s (slowest ${report.slowestMs.toFixed(0)} ms: ${report.slowest}): ${report.accepted} accepted, ${report.refused} refused, ${report.findings.length} findings`,
);
for (const [kind, k] of Object.entries(report.byKind).sort())
  console.log(
    `  ${kind.padEnd(9)} ${String(k.n).padStart(5)}  accepted ${String(k.accepted).padStart(5)}  refused ${String(k.refused).padStart(5)}`,
  );
for (const f of report.findings)
  console.log(
    `\nFINDING ${f.source} — ${f.mutant}\n  ${f.problem}\n  ${f.output.split('\n').slice(0, 12).join('\n  ')}`,
  );
process.exitCode = report.findings.length > 0 ? 1 : 0;
