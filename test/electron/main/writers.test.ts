/**
 * Several processes writing one workspace at once — importing the same files, withdrawing,
 * restoring, computing — leave what some serial order of the same steps leaves: no source with two
 * active batches, no audit entry lost, a chain that verifies, and (replayed from the audit log in
 * its order into a fresh workspace) the same batches and the same result.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/open';
import { createServices } from '../../../electron/main/services';
import { CITY_SCHEME, FIXTURE_CITY, fakeClock, tempDir } from '../../helpers/workspace';

const ROOT = join(__dirname, '..', '..', '..');
const DATA_DIR = join(FIXTURE_CITY, 'data');
const DATA = readdirSync(DATA_DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(DATA_DIR, f));
// a few files, so that processes often import the same one at the same moment
const FILES = DATA.filter((f) => /满意度|部门互评|市统计局|加扣分/.test(f));

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

type Step = { op: string; done: boolean };

function writer(dbFile: string, seed: number, rounds: number): Promise<Step[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'test/helpers/writer-child.ts'),
        dbFile,
        '2024年度',
        String(seed),
        String(rounds),
        ...FILES,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(
            out
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Step),
          )
        : reject(new Error(`writer ${seed} exited ${code}: ${err.slice(0, 2000)}`)),
    );
  });
}

async function workspace(file: string) {
  const db = openDatabase(file);
  const s = createServices({ db, clock: fakeClock(), operator: '测试员' });
  const c = await s.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
  if (!c.ok) throw new Error(c.error.message);
  return { db, s, cycleId: c.value.cycle.id };
}

const ACTIONS: Record<string, string> = {
  import: 'import',
  withdraw: 'batch.withdraw',
  restore: 'batch.restore',
  compute: 'compute',
};

describe('writers at once', () => {
  it.each([
    [2, 1],
    [4, 2],
    [8, 3],
  ])(
    '%i processes leave what a serial order leaves (round %i)',
    async (processes, round) => {
      const file = join(tmp.dir, 'ws.db');
      const first = await workspace(file);
      first.db.close();
      const steps = (
        await Promise.all(Array.from({ length: processes }, (_, k) => writer(file, round * 100 + k, 10)))
      ).flat();

      const db = openDatabase(file);
      const s = createServices({ db, clock: fakeClock(), operator: '测试员' });
      const cycle = s.cycles.resolve('2024年度');
      if (!cycle.ok) throw new Error(cycle.error.message);
      const batches = s.imports.batches(cycle.value.id);
      // no source with two active batches
      const active = batches.filter((b) => b.status === 'active');
      const sources = active.map((b) => `${b.fileName}|${b.sheet}|${b.kind}`);
      expect(new Set(sources).size).toBe(sources.length);
      // the chain verifies, and every step that took effect has its entry
      expect(s.audit.verify()).toMatchObject({ ok: true });
      const entries = s.audit.entries();
      for (const op of Object.keys(ACTIONS))
        expect(entries.filter((e) => e.action === ACTIONS[op]).length).toBe(
          steps.filter((x) => x.op === op && x.done).length,
        );
      expect(steps.filter((x) => x.op === 'import' && x.done).length).toBeGreaterThan(0);

      // the audit log replayed in its order into a fresh workspace: the same batches, the same result
      const again = await workspace(join(tmp.dir, 'serial.db'));
      for (const e of entries) {
        const d = e.detail as { file?: string; batch?: number };
        if (e.action === 'import') {
          const target = again.s.cycles.resolve('2024年度');
          if (!target.ok) throw new Error(target.error.message);
          const r = await again.s.imports.importFiles(target.value, [join(DATA_DIR, d.file as string)]);
          expect(r.ok && r.value.written).toBe(true);
        } else if (e.action === 'batch.withdraw')
          expect(again.s.imports.withdraw(d.batch as number, 'r').ok).toBe(true);
        else if (e.action === 'batch.restore')
          expect(again.s.imports.restore(d.batch as number, 'r').ok).toBe(true);
      }
      const shape = (list: typeof batches) =>
        list.map((b) => [b.id, b.fileName, b.sheet, b.status, b.supersededBy]);
      expect(shape(again.s.imports.batches(again.cycleId))).toEqual(shape(batches));
      const [mine, theirs] = [s.compute.run(cycle.value.id), again.s.compute.run(again.cycleId)];
      if (!mine.ok || !theirs.ok) throw new Error('compute');
      expect(JSON.stringify(mine.value.result.groups)).toBe(JSON.stringify(theirs.value.result.groups));
      expect(mine.value.result.inputHash).toBe(theirs.value.result.inputHash);
      again.db.close();
      db.close();
    },
    120_000,
  );
});
