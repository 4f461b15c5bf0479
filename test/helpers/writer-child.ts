/**
 * One of several processes writing one workspace at once (test/electron/main/writers.test.ts):
 * rounds of importing a file, withdrawing or restoring a batch and computing, chosen by a seed.
 * Prints one JSON line per round: what it did and whether it took effect. Anything thrown ends it
 * with a non-zero exit (a refusal with a message is an outcome, not a failure).
 *   node --import tsx test/helpers/writer-child.ts WORKSPACE.db CYCLE SEED ROUNDS FILE…
 */
import { basename } from 'node:path';
import { openDatabase } from '../../electron/main/db/open';
import { createServices } from '../../electron/main/services';
import { rng } from './random';

const [dbFile, cycleName, seed, rounds, ...files] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  ...string[],
];
const db = openDatabase(dbFile);
const s = createServices({ db, clock: () => new Date(), operator: `writer-${seed}` });
const random = rng(Number(seed));
const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

for (let round = 0; round < Number(rounds); round++) {
  const cycle = s.cycles.resolve(cycleName);
  if (!cycle.ok) throw new Error(cycle.error.message);
  const r = random();
  const batches = s.imports.batches(cycle.value.id);
  if (r < 0.45) {
    const file = pick(files) as string;
    const out = await s.imports.importFiles(cycle.value, [file]);
    say({ op: 'import', file: basename(file), done: out.ok && out.value.written });
  } else if (r < 0.65) {
    const b = pick(batches.filter((x) => x.status === 'active'));
    if (!b) continue;
    say({ op: 'withdraw', batch: b.id, done: s.imports.withdraw(b.id, '核实').ok });
  } else if (r < 0.8) {
    const b = pick(batches.filter((x) => x.status !== 'active'));
    if (!b) continue;
    say({ op: 'restore', batch: b.id, done: s.imports.restore(b.id, '恢复').ok });
  } else {
    const out = s.compute.run(cycle.value.id);
    say({ op: 'compute', done: out.ok && out.value.resultId !== null && !out.value.unchanged });
  }
}
db.close();
