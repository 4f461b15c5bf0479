import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cycle } from '../../../shared/domain/cycle';
import { emptyData } from '../../../shared/domain/data';
import { compute } from '../../../shared/engine/compute';
import { toResultJson } from '../../../shared/engine/result-json';
import { parseDataSheet } from '../../../shared/import/data-sheet';
import { parseSchemeWorkbook } from '../../../shared/import/scheme-workbook';
import { readWorkbook } from '../../../electron/main/excel/read-workbook';
import { createServices } from '../../../electron/main/services';
import { createRepos } from '../../../electron/main/services/deps';
import { leafOf } from '../../helpers/result';
import {
  CITY_SCHEME,
  FIXTURE_CITY,
  editXlsx,
  fakeClock,
  memoryWorkspace,
  tempDir,
  writeXlsx,
} from '../../helpers/workspace';

const DATA_DIR = join(FIXTURE_CITY, 'data');
const DATA = readdirSync(DATA_DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(DATA_DIR, f));
const file = (name: string) => DATA.find((f) => f.endsWith(name)) as string;

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

async function cityCycle(name = '2024年度综合考核'): Promise<Cycle> {
  const r = await ws.services.cycles.importScheme(CITY_SCHEME, { name });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.cycle;
}
const batchCount = () => ws.db.prepare('SELECT count(*) FROM import_batches').pluck().get();

describe('scheme import', () => {
  it('creates a cycle whose stored scheme is the workbook’s, and logs it', async () => {
    const cycle = await cityCycle();
    const grid = await readWorkbook(CITY_SCHEME);
    const parsed = parseSchemeWorkbook(grid, cycle.name).scheme;
    expect(ws.services.cycles.scheme(cycle.id)).toEqual(parsed);
    expect(cycle).toMatchObject({ status: 'draft', kind: 'annual', previousCycleId: null });
    expect(ws.services.audit.entries(cycle.id).map((e) => e.action)).toEqual(['cycle.create']);
  });

  it('names the cycle after the file without its 方案 suffix', async () => {
    const r = await ws.services.cycles.importScheme(CITY_SCHEME);
    expect(r.ok && r.value.cycle.name).toBe('2024年度综合考核');
  });

  it('refuses a broken workbook with every problem at its cell and writes nothing', async () => {
    const bad = await editXlsx(CITY_SCHEME, join(tmp.dir, '方案.xlsx'), {
      指标体系: { I1: 'XX', D3: '魔法计分' },
      考核对象: { D5: 'ZZ' },
    });
    const r = await ws.services.cycles.importScheme(bad, { name: '坏方案' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('SCHEME_REFUSED');
    expect(r.error.issues?.map((i) => `${i.code} ${i.ref}`)).toEqual([
      'UNKNOWN_CATEGORY 考核对象!D5',
      'UNKNOWN_CATEGORY 指标体系!I1',
      'UNKNOWN_METHOD 指标体系!D3',
    ]);
    expect(ws.services.cycles.list()).toEqual([]);
    expect(ws.services.audit.entries()).toEqual([]);
  });

  it('refuses a duplicate cycle name', async () => {
    await cityCycle('同名');
    const r = await ws.services.cycles.importScheme(CITY_SCHEME, { name: '同名' });
    expect(!r.ok && r.error.code).toBe('DUPLICATE_NAME');
  });

  it('refuses a legacy .xls with a message to save as .xlsx', async () => {
    const r = await ws.services.cycles.importScheme(join(tmp.dir, '方案.xls'));
    expect(!r.ok && r.error.message).toMatch(/找不到|无法读取/);
    const xls = join(tmp.dir, '旧方案.xls');
    await writeXlsx(xls, [{ name: 'S', rows: [['x']] }]);
    const r2 = await ws.services.cycles.importScheme(xls);
    expect(!r2.ok && r2.error.message).toContain('另存为” .xlsx');
  });
});

describe('data import and compute', () => {
  it('gives through the database exactly what compute gives on the files directly', async () => {
    const cycle = await cityCycle();
    const imported = await ws.services.imports.importFiles(cycle, DATA);
    expect(imported.ok && imported.value.files.every((f) => f.accepted)).toBe(true);
    const viaDb = ws.services.compute.run(cycle.id);
    if (!viaDb.ok) throw new Error(viaDb.error.message);

    const scheme = parseSchemeWorkbook(await readWorkbook(CITY_SCHEME), cycle.name).scheme!;
    const data = emptyData();
    for (const f of DATA)
      for (const sheet of (await readWorkbook(f)).sheets) {
        const p = parseDataSheet(sheet, scheme);
        data.values.push(...p.values);
        data.ratings.push(...p.ratings);
        data.surveys.push(...p.surveys);
        data.items.push(...p.items);
      }
    const strip = <T extends object>(rows: T[]) =>
      rows.map(({ source: _s, ...r }: T & { source?: string }) => r);
    const direct = compute({
      scheme,
      data: {
        values: strip(data.values),
        ratings: strip(data.ratings),
        surveys: strip(data.surveys),
        items: strip(data.items),
      },
      previous: null,
    });
    expect(viaDb.value.result.inputHash).toBe(direct.inputHash);
    expect(toResultJson(viaDb.value.result)).toEqual(toResultJson(direct));
  });

  it('stores the result, marks the cycle computed and logs both steps', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    const r = ws.services.compute.run(cycle.id);
    expect(r.ok && r.value.resultId).toBeGreaterThan(0);
    expect(ws.services.cycles.resolve(cycle.id)).toMatchObject({ ok: true, value: { status: 'computed' } });
    const current = ws.services.compute.current(cycle.id);
    expect(current?.stale).toBe(false);
    expect(ws.services.audit.entries(cycle.id).map((e) => e.action)).toEqual([
      'cycle.create',
      ...DATA.map(() => 'import'),
      'compute',
    ]);
    expect(ws.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('does not store a second result when nothing changed', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    const a = ws.services.compute.run(cycle.id);
    const b = ws.services.compute.run(cycle.id);
    expect(b.ok && b.value).toMatchObject({ unchanged: true, resultId: a.ok ? a.value.resultId : -1 });
  });

  it('refuses to store a result with a blocking issue, naming target and indicator', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(
      cycle,
      DATA.filter((f) => !f.endsWith('满意度测评.xlsx')),
    );
    const r = ws.services.compute.run(cycle.id);
    expect(r.ok && r.value.resultId).toBeNull();
    const missing = r.ok ? r.value.result.issues.filter((i) => i.code === 'MISSING_VALUE') : [];
    expect(missing).toHaveLength(41);
    expect(missing[0]?.message).toMatch(/的指标 D02（社会满意度）缺少满意度数据/);
    expect(ws.services.compute.current(cycle.id)).toBeNull();
  });

  it('marks the stored result stale when an input changes', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    ws.services.compute.run(cycle.id);
    const edited = await editXlsx(file('加扣分及否决事项.xlsx'), join(tmp.dir, '加扣分及否决事项.xlsx'), {
      加扣分及否决事项: { C2: 0.5 },
    });
    const r = await ws.services.imports.importFiles(cycle, [edited]);
    expect(r.ok && r.value.files[0]?.sheets[0]?.supersedes).toBeGreaterThan(0);
    expect(ws.services.compute.current(cycle.id)?.stale).toBe(true);
  });

  it('answers staleness from revisions, and from the hash when they moved', async () => {
    const cycle = await cityCycle();
    expect(ws.services.compute.staleness(cycle.id)).toBe('none');
    await ws.services.imports.importFiles(cycle, DATA);
    ws.services.compute.run(cycle.id);
    expect(ws.services.compute.staleness(cycle.id)).toBe('fresh');
    // The same file again: the revision moves, the inputs hash the same, so still fresh.
    await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')]);
    expect(ws.services.compute.staleness(cycle.id)).toBe('fresh');
    // data changed after computing: the cycle is collecting again
    expect(ws.services.cycles.resolve(cycle.id)).toMatchObject({ ok: true, value: { status: 'collecting' } });
    const survey = ws.services.imports
      .batches(cycle.id)
      .find((b) => b.fileName === '满意度测评.xlsx' && b.status === 'active')!;
    ws.services.imports.withdraw(survey.id, '核实中');
    expect(ws.services.compute.staleness(cycle.id)).toBe('stale');
  });

  it('writes nothing when the cycle was published or its scheme changed while the files were read', async () => {
    const cycle = await cityCycle();
    const file = [join(DATA_DIR, '满意度测评.xlsx')];
    // the change lands after the import's first checks and before its writes (while it reads the file)
    const pending = ws.services.imports.importFiles(cycle, file);
    ws.db.prepare("UPDATE categories SET name = name || '（改）' WHERE cycle_id = ?").run(cycle.id);
    const changed = await pending;
    expect(changed.ok ? 'written' : changed.error.message).toContain('检查期间考核方案被修改');
    const again = ws.services.imports.importFiles(cycle, file);
    ws.db.prepare("UPDATE cycles SET status = 'published' WHERE id = ?").run(cycle.id);
    const sealed = await again;
    expect(sealed.ok ? 'written' : sealed.error.code).toBe('CYCLE_PUBLISHED');
    expect(ws.services.imports.batches(cycle.id)).toEqual([]);
  });

  it('sees any change of the scheme when the hash decides, even one written past the program', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    ws.services.compute.run(cycle.id);
    const bump = () => ws.db.prepare('UPDATE cycles SET revision = revision + 1 WHERE id = ?').run(cycle.id);
    bump();
    expect(ws.services.compute.staleness(cycle.id)).toBe('fresh'); // the scheme read once, kept
    // a weight changed in the table itself (no service call): the change counter moved
    const weight = ws.db
      .prepare<[number], { indicator_id: number; category_id: number; weight: number }>(
        'SELECT w.indicator_id, w.category_id, w.weight FROM weights w JOIN indicators i ON i.id = w.indicator_id WHERE i.cycle_id = ? AND w.weight > 1 LIMIT 1',
      )
      .get(cycle.id)!;
    const setWeight = (x: number) =>
      ws.db
        .prepare('UPDATE weights SET weight = ? WHERE indicator_id = ? AND category_id = ?')
        .run(x, weight.indicator_id, weight.category_id);
    setWeight(weight.weight - 1);
    bump();
    expect(ws.services.compute.staleness(cycle.id)).toBe('stale');
    setWeight(weight.weight);
    bump();
    expect(ws.services.compute.staleness(cycle.id)).toBe('fresh');
    // an alias added in the table: the kept service answers as a fresh one does
    const target = ws.db
      .prepare<[number], number>('SELECT id FROM targets WHERE cycle_id = ? LIMIT 1')
      .pluck()
      .get(cycle.id)!;
    ws.db
      .prepare("INSERT INTO target_aliases (target_id, alias, position) VALUES (?, '别名甲', 99)")
      .run(target);
    bump();
    const withAlias = ws.services.compute.staleness(cycle.id);
    const fresh = createServices({ db: ws.db, clock: fakeClock(), operator: '测试员' });
    expect(withAlias).toBe(fresh.compute.staleness(cycle.id));
  });

  it('marks the next cycle stale when the previous cycle it compares with is recomputed differently', async () => {
    const y2024 = await cityCycle();
    await ws.services.imports.importFiles(y2024, DATA);
    ws.services.compute.run(y2024.id);
    const y2025 = ws.services.cycles.copy(y2024.id, { name: '2025年度' });
    if (!y2025.ok) throw new Error('setup');
    await ws.services.imports.importFiles(y2025.value, DATA);
    ws.services.compute.run(y2025.value.id);
    expect(ws.services.compute.staleness(y2025.value.id)).toBe('fresh');
    // 新港区's bonus of 2 becomes a deduction of 5: 96.27 → 89.27, from first to third in 2024.
    const edited = await editXlsx(file('加扣分及否决事项.xlsx'), join(tmp.dir, '加扣分及否决事项.xlsx'), {
      加扣分及否决事项: { B5: '扣分事项', C5: 5 },
    });
    await ws.services.imports.importFiles(y2024, [edited]);
    const again = ws.services.compute.run(y2024.id);
    expect(again.ok && again.value.result.groups[0]?.entries[2]).toMatchObject({ name: '新港区', rank: 3 });
    expect(ws.services.compute.staleness(y2025.value.id)).toBe('stale');
  });

  it('writes nothing at all when one of several files is refused', async () => {
    const cycle = await cityCycle();
    const bad = await editXlsx(file('满意度测评.xlsx'), join(tmp.dir, '满意度测评.xlsx'), {
      满意度测评: { A3: '不存在的单位', C4: '很多' },
    });
    const r = await ws.services.imports.importFiles(cycle, [
      ...DATA.filter((f) => !f.endsWith('满意度测评.xlsx')),
      bad,
    ]);
    expect(r.ok && r.value.written).toBe(false);
    const report = r.ok ? r.value.files.find((f) => f.file === '满意度测评.xlsx') : undefined;
    expect(report?.issues.map((i) => `${i.code} ${i.ref}`)).toEqual([
      'UNKNOWN_TARGET 满意度测评!A3',
      'BAD_COUNT 满意度测评!C4',
    ]);
    expect(batchCount()).toBe(0);
    expect(ws.services.audit.entries(cycle.id).map((e) => e.action)).toEqual(['cycle.create']);
  });

  it('writes nothing on a dry run but says what would happen', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')]);
    const r = await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')], { dryRun: true });
    expect(r.ok && r.value.written).toBe(false);
    expect(r.ok && r.value.files[0]?.sheets[0]).toMatchObject({
      kind: 'surveys',
      rows: 41,
      batchId: null,
      supersedes: 1,
    });
    expect(batchCount()).toBe(1);
  });

  it('supersedes the earlier batch of the same source and keeps it in history', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')]);
    await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')]);
    const batches = ws.services.imports.batches(cycle.id);
    expect(batches.map((b) => [b.id, b.status, b.supersededBy])).toEqual([
      [2, 'active', null],
      [1, 'superseded', 2],
    ]);
  });

  it('refuses a value that another source already provided, pointing at the cell', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')]);
    const copy = await editXlsx(file('满意度测评.xlsx'), join(tmp.dir, '满意度测评（补报）.xlsx'), {});
    const r = await ws.services.imports.importFiles(cycle, [copy]);
    const issues = r.ok ? r.value.files[0]?.issues : [];
    // one message per conflicting batch, with the count and the first cells
    expect(issues).toHaveLength(1);
    expect(issues?.[0]).toMatchObject({ code: 'HELD_BY_OTHER_BATCH', ref: '满意度测评!A2' });
    expect(issues?.[0]?.message).toMatch(
      /^41 项数据（A2、A3、A4、A5、A6…）.*已由《满意度测评.xlsx》工作表“满意度测评”导入（批次 1）/,
    );
  });

  it('refuses ratings already imported from another file (a ratings sheet saved twice under two names)', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    const again = await editXlsx(file('评议-市级领导.xlsx'), join(tmp.dir, '评议-市级领导(1).xlsx'), {});
    const r = await ws.services.imports.importFiles(cycle, [again]);
    expect(r.ok && r.value.written).toBe(false);
    const issues = r.ok ? r.value.files[0]!.issues : [];
    expect(issues.map((i) => i.code)).toEqual(['HELD_BY_OTHER_BATCH']);
    expect(issues[0]?.message).toContain('已由《评议-市级领导.xlsx》工作表“评议”导入');
  });

  it('between two files dropped together, names the other file (nothing is imported yet) and lets a refused one block nothing', async () => {
    const cycle = await cityCycle();
    const a = await editXlsx(file('满意度测评.xlsx'), join(tmp.dir, '满意度测评（区县）.xlsx'), {});
    const b = await editXlsx(file('满意度测评.xlsx'), join(tmp.dir, '满意度测评（补报）.xlsx'), {});
    const r = await ws.services.imports.importFiles(cycle, [a, b], { dryRun: true, atomic: 'perFile' });
    const second = r.ok ? r.value.files.find((f) => f.file === '满意度测评（补报）.xlsx')! : null;
    expect(second?.issues.map((i) => i.code)).toEqual(['HELD_BY_OTHER_BATCH']);
    expect(second?.issues[0]?.message).toContain('与本次一同导入的《满意度测评（区县）.xlsx》');
    expect(second?.issues[0]?.message).not.toMatch(/批次 -/);
    expect(second?.issues[0]).not.toHaveProperty('fix');

    // a file refused (its 履约率 is already held) holds nothing in this import: the file after it,
    // which shares only its 实际使用外资 with it, is judged on its own
    const column = (col: string, v: null) =>
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`${col}${i + 2}`, v]));
    const heldOnly = await editXlsx(file('指标数据-市商务局.xlsx'), join(tmp.dir, '履约率.xlsx'), {
      指标数据: { ...column('C', null), C1: null },
    });
    await ws.services.imports.importFiles(cycle, [heldOnly]);
    const both = await editXlsx(file('指标数据-市商务局.xlsx'), join(tmp.dir, '商务局（两项）.xlsx'), {});
    const foreignOnly = await editXlsx(file('指标数据-市商务局.xlsx'), join(tmp.dir, '外资.xlsx'), {
      指标数据: { ...column('D', null), D1: null },
    });
    const r2 = await ws.services.imports.importFiles(cycle, [both, foreignOnly], {
      dryRun: true,
      atomic: 'perFile',
    });
    const files = r2.ok ? r2.value.files : [];
    expect(files.map((f) => [f.file, f.accepted])).toEqual([
      ['商务局（两项）.xlsx', false],
      ['外资.xlsx', true],
    ]);
  });

  it('refuses a byte-identical copy of an imported file under another name', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, [file('加扣分及否决事项.xlsx')]);
    const copy = join(tmp.dir, '加扣分及否决事项-副本.xlsx');
    copyFileSync(file('加扣分及否决事项.xlsx'), copy);
    const r = await ws.services.imports.importFiles(cycle, [copy]);
    expect(r.ok && r.value.files[0]!.issues.map((i) => i.code)).toEqual(['SAME_FILE_TWICE']);
  });

  it('merges a value and its 基期值 sent in different files, and refuses the same field twice', async () => {
    const cycle = await cityCycle();
    const stats = file('指标数据-市统计局.xlsx');
    const grid = await readWorkbook(stats);
    const header = grid.sheets[0]!.rows[0]!.map((c) => (c && c.kind === 'text' ? c.value : ''));
    const baseCol = header.indexOf('地区生产总值基期值');
    expect(baseCol).toBeGreaterThan(1);
    // A: everything but the baselines; B: codes, names and the baselines only
    const letter = String.fromCharCode(65 + baseCol);
    const blankBase = Object.fromEntries(grid.sheets[0]!.rows.map((_, r) => [`${letter}${r + 1}`, null]));
    const a = await editXlsx(stats, join(tmp.dir, '统计局-数值.xlsx'), { [grid.sheets[0]!.name]: blankBase });
    const onlyBase: Record<string, null> = {};
    header.forEach((h, c) => {
      if (c > 1 && c !== baseCol)
        for (let r = 0; r < grid.sheets[0]!.rows.length; r++)
          onlyBase[`${String.fromCharCode(65 + c)}${r + 1}`] = null;
    });
    const b = await editXlsx(stats, join(tmp.dir, '统计局-基期值.xlsx'), {
      [grid.sheets[0]!.name]: onlyBase,
    });
    const r = await ws.services.imports.importFiles(cycle, [...DATA.filter((f) => f !== stats), a, b]);
    expect(r.ok && r.value.files.flatMap((f) => f.issues)).toEqual([]);
    const computed = ws.services.compute.run(cycle.id);
    expect(computed.ok && computed.value.resultId).toBeGreaterThan(0);
    // the same baselines once more, from a third file: refused
    const c = await editXlsx(b, join(tmp.dir, '统计局-基期值-补.xlsx'), {});
    const again = await ws.services.imports.importFiles(cycle, [c]);
    expect(again.ok && again.value.files[0]!.issues[0]?.message).toMatch(
      /地区生产总值”基期值.*已由《统计局-基期值.xlsx》/,
    );
  });

  it('withdraws a batch (compute then misses its data) and restores it', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    const survey = ws.services.imports.batches(cycle.id).find((b) => b.fileName === '满意度测评.xlsx')!;
    expect(ws.services.imports.withdraw(survey.id, '数据有误，待核实')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(ws.services.compute.run(cycle.id)).toMatchObject({ ok: true, value: { resultId: null } });
    expect(ws.services.imports.restore(survey.id, '已核实')).toEqual({ ok: true, value: undefined });
    expect(ws.services.compute.run(cycle.id)).toMatchObject({ ok: true, value: { resultId: 1 } });
    expect(ws.services.imports.withdraw(survey.id, '')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(ws.services.audit.entries(cycle.id).map((e) => e.action)).toContain('batch.withdraw');
  });

  it('notices when the newest audit entries are deleted (batches and results keep their anchors)', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    ws.services.compute.run(cycle.id);
    expect(ws.services.audit.verify()).toMatchObject({ ok: true });
    ws.db.exec(
      'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)',
    );
    const v = ws.services.audit.verify();
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toBe('计算结果 1 的审计记录已不在日志中（记录被删除）');
  });

  it('keeps a published cycle read-only', async () => {
    const cycle = await cityCycle();
    await ws.services.imports.importFiles(cycle, DATA);
    ws.services.compute.run(cycle.id);
    createRepos(ws.db).cycles.setStatus(cycle.id, 'published', 'now');
    expect(await ws.services.imports.importFiles(cycle, DATA)).toMatchObject({
      ok: false,
      error: { code: 'CYCLE_PUBLISHED' },
    });
    expect(ws.services.compute.run(cycle.id)).toMatchObject({
      ok: false,
      error: { code: 'CYCLE_PUBLISHED' },
    });
  });
});

describe('next year', () => {
  it('copies targets, categories, indicators, weights, groups and rules, links the previous cycle, and copies no data', async () => {
    const y2024 = await cityCycle();
    await ws.services.imports.importFiles(y2024, DATA);
    ws.services.compute.run(y2024.id);
    const copy = ws.services.cycles.copy(y2024.name, { name: '2025年度综合考核' });
    if (!copy.ok) throw new Error(copy.error.message);
    expect(copy.value).toMatchObject({ previousCycleId: y2024.id, status: 'draft' });
    const a = ws.services.cycles.scheme(y2024.id);
    const b = ws.services.cycles.scheme(copy.value.id);
    expect({ ...b, name: a.name }).toEqual(a);
    expect(ws.services.imports.batches(copy.value.id)).toEqual([]);
  });

  it('compares ranks with the linked previous cycle and takes growth baselines from its values', async () => {
    const y2024 = await cityCycle();
    await ws.services.imports.importFiles(y2024, DATA);
    const first = ws.services.compute.run(y2024.id);
    const copy = ws.services.cycles.copy(y2024.id, { name: '2025年度综合考核' });
    if (!copy.ok || !first.ok) throw new Error('setup');
    // The same data again, without the 基期值 column: baselines come from 2024's values, so every
    // unit's growth is 0 %, and every rank compares against 2024's.
    const stats = await editXlsx(file('指标数据-市统计局.xlsx'), join(tmp.dir, '指标数据-市统计局.xlsx'), {});
    await ws.services.imports.importFiles(copy.value, [
      ...DATA.filter((f) => !f.endsWith('市统计局.xlsx')),
      stats,
    ]);
    const next = ws.services.compute.run(copy.value.id);
    if (!next.ok) throw new Error(next.error.message);
    const qs = next.value.result.groups.find((g) => g.code === 'QS')!;
    expect(qs.entries.every((e) => e.previousRank !== null || e.rank === null)).toBe(true);
    const growth = leafOf(next.value.result, 'QS01', 'A01');
    expect(growth?.score).not.toBeNull();
  });

  it('refuses to link a cycle as its own previous, directly or through a chain', async () => {
    const a = await cityCycle('甲');
    const b = ws.services.cycles.copy(a.id, { name: '乙' });
    if (!b.ok) throw new Error('setup');
    expect(ws.services.cycles.linkPrevious(a.id, a.id)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(ws.services.cycles.linkPrevious(a.id, b.value.id)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
