/**
 * Import (issue 12): the 200,000-row ratings file end to end against its bound B — inflating the
 * sheet entry and counting `<row`, what no reader can beat by much — and against exceljs's
 * streaming reader (how big files were read before); peak memory at 1,000,000 rows; the wide
 * indicator sheet and the city's returned files against what they took before.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CITY_DATA,
  CITY_SCHEME,
  fileSizeMB,
  writeBigRatings,
  writeBigRatingsFast,
  writeWideValues,
} from '../big-import';
import type { Report } from '../lib';
import { best, child, fmt } from '../lib';

interface Measured {
  ms: number;
  maxRssMB: number;
  rows: number;
}

export async function importSection(report: Report, ci: boolean): Promise<void> {
  const SECTION = 'import';
  const rows = ci ? 5_000 : 200_000;
  const big = ci ? 20_000 : 1_000_000;
  const runs = ci ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'appraisal-bench-import-'));
  try {
    const file = join(dir, `评议-${rows}行.xlsx`);
    await writeBigRatings(file, rows);
    const b = child<Measured & { sheetMB: number }>(['bound', file]);
    report.heading(
      `import of a ${fmt(rows)}-row ratings sheet, each step in a fresh process`,
      `${fileSizeMB(file).toFixed(1)} MB .xlsx, ${b.sheetMB.toFixed(1)} MB of sheet XML, ${fmt(b.rows)} rows; best of ${runs}`,
    );
    const bs: number[] = [b.ms];
    const fast: Measured[] = [];
    const exceljs: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      if (i > 0) bs.push(child<Measured>(['bound', file]).ms);
      fast.push(child<Measured>(['import', file, CITY_SCHEME, 'auto']));
      if (i === 0) exceljs.push(child<Measured>(['import', file, CITY_SCHEME, 'exceljs']));
    }
    const B = { name: 'B', value: best(bs) };
    report.add({
      section: SECTION,
      name: 'B: inflate the sheet entry, count <row',
      value: B.value,
      unit: 'ms',
    });
    const size = `${fmt(rows)} rows`;
    report.add({
      section: SECTION,
      name: 'import (read, check, write)',
      value: best(fast.map((m) => m.ms)),
      unit: 'ms',
      size,
      reference: B,
      goal: '≤ 3× B (stretch 2×)',
      maxRatio: 3,
    });
    report.add({
      section: SECTION,
      name: 'import read by exceljs (as before)',
      value: exceljs[0]?.ms as number,
      unit: 'ms',
      size,
      reference: B,
    });
    report.add({
      section: SECTION,
      name: 'import: peak memory',
      value: fast[0]?.maxRssMB as number,
      unit: 'MB',
      size,
    });

    // the same sheet at a million rows, written by the bench's own writer (exceljs takes half a minute)
    const bigFile = join(dir, `评议-${big}行.xlsx`);
    await writeBigRatingsFast(bigFile, big);
    const bigB = child<Measured>(['bound', bigFile]);
    const bigImport = child<Measured>(['import', bigFile, CITY_SCHEME, 'auto']);
    report.add({
      section: SECTION,
      name: `import of ${fmt(big)} rows`,
      value: bigImport.ms,
      unit: 'ms',
      size: `${fmt(big)} rows, ${fileSizeMB(bigFile).toFixed(1)} MB`,
      reference: { name: 'B', value: bigB.ms },
    });
    report.add({
      section: SECTION,
      name: `import of ${fmt(big)} rows: peak memory`,
      value: bigImport.maxRssMB,
      unit: 'MB',
      size: `${fmt(big)} rows`,
      goal: '≤ 250 MB',
      maxValue: 250,
    });

    // a statistics bureau's sheet: a column per leaf
    const [targets, leaves] = ci ? [100, 40] : [5_000, 300];
    const wide = join(dir, `指标数据-${leaves}列.xlsx`);
    await writeWideValues(wide, targets, leaves);
    const wideFast = child<Measured>(['wide', wide, String(targets), String(leaves), 'auto']);
    const wideBefore = child<Measured>(['wide', wide, String(targets), String(leaves), 'exceljs']);
    report.add({
      section: SECTION,
      name: `the wide ${leaves}-column sheet`,
      value: wideFast.ms,
      unit: 'ms',
      size: `${fmt(targets)} units × ${leaves} leaves, ${fileSizeMB(wide).toFixed(1)} MB`,
      reference: { name: 'read by exceljs (before)', value: wideBefore.ms },
      goal: 'no slower than before',
      maxRatio: 1,
    });

    // the city's returned files: small, read whole by exceljs as before
    const city = readdirSync(CITY_DATA)
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(CITY_DATA, f));
    const cityImport = child<Measured>(['city', CITY_SCHEME, ...city]);
    const cityRead = child<Measured>(['exceljs', ...city]);
    report.add({
      section: SECTION,
      name: `the city's ${city.length} returned files`,
      value: cityImport.ms,
      unit: 'ms',
      size: `${city.length} files, ${fmt(cityImport.rows)} rows`,
      reference: { name: 'exceljs reading them', value: cityRead.ms },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
