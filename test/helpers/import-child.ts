/**
 * Imports files into a workspace in a process of its own, so that a test can kill it midway.
 * Prints READING, WRITING (as the write transaction begins) and DONE.
 *   node --import tsx test/helpers/import-child.ts WORKSPACE.db CYCLE FILE…
 */
import { openDatabase } from '../../electron/main/db/open';
import { createServices } from '../../electron/main/services';

const [dbFile, cycleName, ...files] = process.argv.slice(2);
const db = openDatabase(dbFile as string);
const s = createServices({ db, clock: () => new Date(), operator: 'child' });
const cycle = s.cycles.resolve(cycleName as string);
if (!cycle.ok) throw new Error(cycle.error.message);
let said = '';
const say = (w: string) => {
  if (said !== w) process.stdout.write(`${(said = w)}\n`);
};
const r = await s.imports.importFiles(cycle.value, files, {
  onProgress: (p) => say(p.phase === 'writing' ? 'WRITING' : 'READING'),
});
if (!r.ok || !r.value.written)
  throw new Error(r.ok ? JSON.stringify(r.value.files[0]?.issues.slice(0, 3)) : r.error.message);
say('DONE');
db.close();
