/**
 * An import killed at any moment — the process gone, no chance to clean up — leaves the workspace
 * as it was: SQLite's journal rolls the half-written transaction back on the next open.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatch } from '../../../electron/main/repositories/batch-codec';
import { openDatabase } from '../../../electron/main/db/open';
import { createServices } from '../../../electron/main/services';
import { CITY_SCHEME, fakeClock, tempDir } from '../../helpers/workspace';

const ROOT = join(__dirname, '..', '..', '..');
const ROWS = 200_000;
let tmp: ReturnType<typeof tempDir>;
let csv: string;

beforeAll(() => {
  tmp = tempDir();
  // 200,000 ratings, every (evaluator, group, unit) once: long enough to be killed in the middle.
  const units = [
    '东湖区',
    '澜江区',
    '新港区',
    '北岭区',
    '青石县',
    '白沙县',
    '凤栖县',
    '杏山县',
    '云岫县',
    '澜溪市',
  ];
  const groups = ['市级领导', '部门互评', '服务对象', '两代表一委员'];
  const lines = ['评价人,评价主体,对象,指标,评价'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `评价人${Math.floor(i / 40)},${groups[i % 4]},${units[Math.floor(i / 4) % 10]},综合评议,${['优秀', '良好', '一般'][i % 3]}`,
    );
  csv = join(tmp.dir, '评议-大表.csv');
  writeFileSync(csv, lines.join('\n'));
});
afterAll(() => tmp.cleanup());

async function workspace(name: string): Promise<string> {
  const file = join(tmp.dir, name);
  const db = openDatabase(file);
  const r = await createServices({ db, clock: fakeClock(), operator: '测试员' }).cycles.importScheme(
    CITY_SCHEME,
    { name: '2024年度' },
  );
  db.close();
  if (!r.ok) throw new Error(r.error.message);
  return file;
}

/** Runs the import in a child and kills it (SIGKILL) `delay` ms after it prints `when`. */
function killDuring(
  dbFile: string,
  when: 'READING' | 'WRITING',
  delay: number,
): Promise<{ said: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/helpers/import-child.ts'), dbFile, '2024年度', csv],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const said: string[] = [];
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) {
        said.push(line);
        if (line === when) setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === null && !said.includes('DONE') ? reject(new Error(err)) : resolve({ said, signal }),
    );
  });
}

function recordsOf(db: ReturnType<typeof openDatabase>): Map<number, Buffer[]> {
  const rows = db
    .prepare<[], { batch_id: number; data: Buffer }>(
      'SELECT batch_id, data FROM batch_rows ORDER BY batch_id, part',
    )
    .all();
  const out = new Map<number, Buffer[]>();
  for (const r of rows) out.set(r.batch_id, [...(out.get(r.batch_id) ?? []), r.data]);
  return out;
}

function check(dbFile: string) {
  const db = openDatabase(dbFile); // recovers from the journal, checks integrity
  const s = createServices({ db, clock: fakeClock(), operator: '测试员' });
  const out = {
    batches: db.prepare('SELECT count(*) FROM import_batches').pluck().get(),
    // every rating of every batch record (a big record is stored in parts)
    ratings: [...recordsOf(db).values()].reduce((n, parts) => n + readBatch(parts).rows, 0),
    actions: s.audit.entries().map((e) => e.action),
    audit: s.audit.verify().ok,
    status: s.cycles.list()[0]?.status,
  };
  db.close();
  return out;
}

describe('an import killed midway', () => {
  it('leaves nothing when killed while reading', async () => {
    const db = await workspace('reading.db');
    const r = await killDuring(db, 'READING', 300);
    expect(r.signal).toBe('SIGKILL');
    expect(r.said).not.toContain('WRITING');
    expect(check(db)).toEqual({
      batches: 0,
      ratings: 0,
      actions: ['cycle.create'],
      audit: true,
      status: 'draft',
    });
  });

  it('leaves nothing when killed inside the write transaction', async () => {
    const db = await workspace('writing.db');
    const r = await killDuring(db, 'WRITING', 40);
    expect(r.signal).toBe('SIGKILL');
    expect(r.said).toEqual(['READING', 'WRITING']);
    expect(check(db)).toEqual({
      batches: 0,
      ratings: 0,
      actions: ['cycle.create'],
      audit: true,
      status: 'draft',
    });
  });

  it('writes everything when left alone (the same import, to the end)', async () => {
    const db = await workspace('done.db');
    const r = await killDuring(db, 'DONE' as 'WRITING', 0);
    expect(r.said.at(-1)).toBe('DONE');
    expect(check(db)).toMatchObject({ batches: 1, ratings: ROWS, audit: true, status: 'collecting' });
  });
});
