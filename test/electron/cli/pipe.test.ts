/**
 * `appraisal … | head`: a reader that closes the pipe before the command has printed everything.
 * The command still writes its files whole and ends with its own exit code, without a stack.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_CITY, tempDir } from '../../helpers/workspace';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'appraisal.mjs');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** Runs the bin with its standard output (or error) closed by the reader before anything arrives. */
function closedEarly(
  args: string[],
  which: 'stdout' | 'stderr',
): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child[which].destroy(); // the reader is gone: every write to it fails with EPIPE
    if (which === 'stdout') child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, err }));
  });
}

describe('a pipe closed early', () => {
  it('costs neither the file nor the exit code, and prints no stack', async () => {
    const db = join(tmp.dir, 'ws.db');
    const first = join(tmp.dir, 'run.json');
    const run = await closedEarly(
      [
        'run',
        join(FIXTURE_CITY, '2024年度综合考核方案.xlsx'),
        join(FIXTURE_CITY, 'data'),
        '--db',
        db,
        '--json',
        first,
      ],
      'stdout',
    );
    expect(run).toEqual({ code: 0, err: '' });
    const result = JSON.parse(readFileSync(first, 'utf8')) as { groups: unknown[] };
    expect(result.groups.length).toBe(6);

    const again = join(tmp.dir, 'compute.json');
    const compute = await closedEarly(
      ['compute', db, '--cycle', '2024年度综合考核', '--json', again],
      'stdout',
    );
    expect(compute).toEqual({ code: 0, err: '' });
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(first, 'utf8'));

    // standard error closed: a refusal still ends with exit 1, not a crash
    const refused = await closedEarly(['compute', db, '--cycle', '没有这个周期'], 'stderr');
    expect(refused.code).toBe(1);
  }, 120_000);
});
