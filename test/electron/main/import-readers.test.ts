/**
 * Every workbook the project has — the bad and wild corpora, the city's returned files, the
 * templates the app generates — imports with the same report (kinds, rows, the preview's rows,
 * every issue with its cell and words) through the purpose-built reader (what big files are read
 * with) as loaded whole with exceljs (what small files are read with); and a file the reader does
 * not understand is read by exceljs instead, never given another answer.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../../shared/contract/import';
import { cityWorkspace, tempDir } from '../../helpers/workspace';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const xlsxIn = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => join(FIXTURES, dir, f));
const FILES = [...xlsxIn('bad'), ...xlsxIn('wild'), ...xlsxIn(join('city', 'data'))];

let ws: Awaited<ReturnType<typeof cityWorkspace>>;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  ws = await cityWorkspace();
  tmp = tempDir();
});
afterAll(() => {
  ws.db.close();
  tmp.cleanup();
});

/** What an import reports of a file, without the parts that differ by nature (none should). */
const reportOf = async (file: string, streamAbove: number): Promise<FileReport> => {
  const r = await ws.services.imports.importFiles(ws.cycle, [file], { dryRun: true, streamAbove });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.files[0] as FileReport;
};

describe('the two readers of a workbook', () => {
  it('has the corpora to compare (the test is not vacuous)', () => expect(FILES.length).toBeGreaterThan(60));

  it.each(FILES.map((f) => [f.slice(FIXTURES.length + 1), f] as const))(
    '%s: the same report through either',
    async (_name, file) => {
      const whole = await reportOf(file, Infinity);
      const fast = await reportOf(file, 0);
      expect(fast).toEqual(whole);
    },
    60_000,
  );

  it('a sheet streamed and found at its end to merge cells is read again with them (the same report)', async () => {
    // every sheet streamed (none read whole): the merges of these come after their rows
    const merged = FILES.filter((f) => /类别列合并|事项对象合并单元格|两行表头/.test(f));
    expect(merged.length).toBe(3);
    for (const f of merged) {
      const r = await ws.services.imports.importFiles(ws.cycle, [f], {
        dryRun: true,
        streamAbove: 0,
        wholeBelow: 0,
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.files[0], f).toEqual(await reportOf(f, Infinity));
    }
  });

  it('the app’s own templates: the same report through either', async () => {
    const out = join(tmp.dir, 'templates');
    const r = await ws.services.templates.write(ws.cycle.id, out);
    if (!r.ok) throw new Error(r.error.message);
    const files = readdirSync(out).map((f) => join(out, f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(await reportOf(f, 0), f).toEqual(await reportOf(f, Infinity));
  });

  it('reads a file the purpose-built reader does not understand with exceljs, loaded whole', async () => {
    // a value written in hex: the reader leaves it to exceljs, whose number reading is the strict
    // one (exceljs-strict.ts) — refused at its cell either way, where parseFloat made it 0
    const src = join(FIXTURES, 'city', 'data', '指标数据-市统计局.xlsx');
    const zip = await JSZip.loadAsync(readFileSync(src));
    const sheet = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)) as string;
    const xml = await zip.file(sheet)!.async('string');
    // the last plain number of the sheet (no t=): every row above it was handed over already
    const numbers = [...xml.matchAll(/<c r="[A-Z]+\d+"(?: s="\d+")?><v>\d+(?:\.\d+)?<\/v>/g)];
    const last = numbers[numbers.length - 1] as RegExpMatchArray;
    const at = (last.index as number) + last[0].indexOf('<v>');
    const edited = `${xml.slice(0, at)}<v>0x1F</v>${xml.slice(at + last[0].length - last[0].indexOf('<v>'))}`;
    expect(numbers.length).toBeGreaterThan(10);
    zip.file(sheet, edited);
    const file = join(tmp.dir, '指标数据-市统计局.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const fast = await reportOf(file, 0);
    expect(fast).toEqual(await reportOf(file, Infinity));
    const cellAt = /<c r="([A-Z]+\d+)"/.exec(last[0])?.[1];
    const errors = fast.issues.filter((i) => i.level === 'error');
    expect(errors.map((i) => `${i.code} ${i.ref.replace(/^.*!/, '')}`)).toEqual([`BAD_CELL ${cellAt}`]);
    expect(errors[0]?.message).toContain('“0x1F”是十六进制写法');
    expect(fast.accepted).toBe(false);
  });
});
