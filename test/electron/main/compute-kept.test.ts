/**
 * The compute service keeps what it worked out and applies only what a batch changed since: after
 * imports, withdrawals, restores and re-imports its result is, byte for byte, what a service that
 * reads and scores everything afresh computes.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/main/services';
import { CITY_SCHEME, FIXTURE_CITY, fakeClock, memoryWorkspace, tempDir } from '../../helpers/workspace';

const DATA_DIR = join(FIXTURE_CITY, 'data');
const DATA = readdirSync(DATA_DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(DATA_DIR, f));

let ws: ReturnType<typeof memoryWorkspace>;
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  ws = memoryWorkspace();
  tmp = tempDir();
});
afterEach(() => {
  ws.db.close();
  tmp.cleanup();
});

describe('computing again after a batch came or went', () => {
  it('gives what a fresh compute gives, step after step', async () => {
    const c = await ws.services.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
    if (!c.ok) throw new Error(c.error.message);
    const cycle = c.value.cycle;
    const fresh = () => createServices({ db: ws.db, clock: fakeClock(), operator: '测试员' });
    const same = () => {
      const kept = ws.services.compute.run(cycle.id);
      const anew = fresh().compute.run(cycle.id);
      if (!kept.ok || !anew.ok) throw new Error('compute');
      expect(JSON.stringify(kept.value.result)).toBe(JSON.stringify(anew.value.result));
      return kept.value.result;
    };
    const batchOf = (name: string) =>
      ws.services.imports.batches(cycle.id).find((b) => b.fileName === name && b.status === 'active')!;

    // some files first, the rest later
    await ws.services.imports.importFiles(cycle, DATA.slice(0, 6));
    same();
    await ws.services.imports.importFiles(cycle, DATA.slice(6));
    const all = same();
    expect(all.issues.filter((i) => i.level === 'error')).toEqual([]);

    // withdraw a ratings batch and a values batch, restore one
    const ratings = batchOf('评议-部门互评.xlsx');
    const values = batchOf('指标数据-市统计局.xlsx');
    expect(ws.services.imports.withdraw(ratings.id, '重新收集').ok).toBe(true);
    expect(ws.services.imports.withdraw(values.id, '数据有误').ok).toBe(true);
    same();
    expect(ws.services.imports.restore(ratings.id, '收齐').ok).toBe(true);
    same();

    // a corrected file re-imported: it supersedes the batch of the same source
    const corrected = join(tmp.dir, '指标数据-市统计局.xlsx');
    copyFileSync(join(DATA_DIR, '指标数据-市统计局.xlsx'), corrected);
    expect(ws.services.imports.restore(values.id, '恢复').ok).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(corrected);
    const first = wb.worksheets[0]!;
    // the first number below the header, changed
    let changed = false;
    first.eachRow((row, r) => {
      if (changed || r < 3) return;
      row.eachCell((cell) => {
        if (!changed && typeof cell.value === 'number') {
          cell.value = cell.value + 1;
          changed = true;
        }
      });
    });
    expect(changed).toBe(true);
    await wb.xlsx.writeFile(corrected);
    const r = await ws.services.imports.importFiles(cycle, [corrected]);
    expect(r.ok && r.value.written).toBe(true);
    const after = same();
    expect(after.inputHash).not.toBe(all.inputHash);

    // and back: the original re-imported gives the first result again
    const back = await ws.services.imports.importFiles(cycle, [join(DATA_DIR, '指标数据-市统计局.xlsx')]);
    expect(back.ok && back.value.written).toBe(true);
    expect(JSON.stringify(same())).toBe(JSON.stringify(all));
  });

  it('starts afresh when the scheme changed in between', async () => {
    const c = await ws.services.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
    if (!c.ok) throw new Error(c.error.message);
    const cycle = c.value.cycle;
    await ws.services.imports.importFiles(cycle, DATA);
    const before = ws.services.compute.run(cycle.id);
    const s = ws.services.cycles.scheme(cycle.id);
    const t = s.targets.find((x) => x.code === 'QS01')!;
    t.name = `${t.name}（改）`;
    expect(ws.services.schemes.save(cycle.id, s).ok).toBe(true);
    const kept = ws.services.compute.run(cycle.id);
    const anew = createServices({ db: ws.db, clock: fakeClock(), operator: '测试员' }).compute.run(cycle.id);
    if (!before.ok || !kept.ok || !anew.ok) throw new Error('compute');
    expect(JSON.stringify(kept.value.result)).toBe(JSON.stringify(anew.value.result));
    expect(kept.value.result.targets.find((x) => x.code === 'QS01')!.name).toContain('（改）');
  });
});
