/**
 * The bench at CI sizes (`npm run bench -- --ci`): every step of the full bench runs, at small sizes,
 * so that it never rots. Speed is not asserted here (a shared CI machine is no place to time things):
 * only that every section measured what it says, with sizes, references and goals in its JSON.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../bench/lib';
import { tempDir } from '../helpers/workspace';

const ROOT = join(__dirname, '..', '..');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the bench at CI sizes', () => {
  it('runs every section and writes every figure', () => {
    const out = join(tmp.dir, 'bench.json');
    const printed = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'index.ts'), '--ci', '--json', out],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 280_000,
      },
    );
    const r = JSON.parse(readFileSync(out, 'utf8')) as { ci: boolean; figures: Figure[] };
    expect(r.ci).toBe(true);
    const sections = new Set(r.figures.map((f) => f.section));
    expect([...sections].sort()).toEqual(['cli', 'compute', 'import', 'report', 'sensitivity']);
    for (const f of r.figures) {
      expect(Number.isFinite(f.value) && f.value >= 0, `${f.section}: ${f.name}`).toBe(true);
      if (f.reference) expect(f.ratio).toBeCloseTo(f.value / f.reference.value, 9);
      if (f.goal) expect(typeof f.met).toBe('boolean');
      expect(printed).toContain(f.name);
    }
    // the figures issue 12 asks for are all there
    for (const name of [
      'B: inflate the sheet entry, count <row',
      'import (read, check, write)',
      'compute alone (engine, data in memory), warm',
      'load + compute + store (a fresh service)',
      'a million ratings: is the result stale?',
      'recompute after one re-imported batch: engine',
      'appraisal --help',
      'next PDF (the full report)',
    ])
      expect(r.figures.map((f) => f.name)).toContain(name);
  }, 300_000);
});
