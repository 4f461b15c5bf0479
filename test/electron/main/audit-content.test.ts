/**
 * A batch's rows or a stored result edited in the workspace file after they were logged: the chain
 * itself still verifies, but `audit verify` works the batch digests and result hashes out again and
 * names what no longer matches its entry.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeBatch, readBatch } from '../../../electron/main/repositories/batch-codec';
import { columns } from '../../../shared/domain/row-block';
import { CITY_SCHEME, FIXTURE_CITY, memoryWorkspace } from '../../helpers/workspace';

const DATA_DIR = join(FIXTURE_CITY, 'data');
const DATA = readdirSync(DATA_DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(DATA_DIR, f));

let ws: ReturnType<typeof memoryWorkspace>;
beforeEach(() => {
  ws = memoryWorkspace();
});
afterEach(() => ws.db.close());

async function computed() {
  const c = await ws.services.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
  if (!c.ok) throw new Error(c.error.message);
  await ws.services.imports.importFiles(c.value.cycle, DATA);
  const r = ws.services.compute.run(c.value.cycle.id);
  if (!r.ok || r.value.resultId === null) throw new Error('compute');
  return { cycle: c.value.cycle, resultId: r.value.resultId };
}

/** Rewrites a batch's record with one number changed, as an edit of the file could (a valid record). */
function editRecord(batchId: number, column: string, by: number) {
  const parts = ws.db
    .prepare<[number], Buffer>('SELECT data FROM batch_rows WHERE batch_id = ? ORDER BY part')
    .pluck()
    .all(batchId);
  const block = readBatch(parts);
  const c = columns(block).f64(column as never);
  const copy = new Float64Array(c);
  copy[0] = (copy[0] as number) + by;
  const edited = { ...block, col: (name: string) => (name === column ? copy : block.col(name as never)) };
  ws.db.prepare('DELETE FROM batch_rows WHERE batch_id = ?').run(batchId);
  encodeBatch(block.kind, edited as typeof block).forEach((data, part) =>
    ws.db.prepare('INSERT INTO batch_rows (batch_id, part, data) VALUES (?, ?, ?)').run(batchId, part, data),
  );
}

describe('audit verify against what the entries recorded', () => {
  it('holds for a workspace nobody edited', async () => {
    await computed();
    expect(ws.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('names a batch whose rows were edited in the file (an indicator value +50)', async () => {
    const { cycle } = await computed();
    const batch = ws.services.imports
      .batches(cycle.id)
      .find((b) => b.fileName === '指标数据-市统计局.xlsx' && b.status === 'active')!;
    editRecord(batch.id, 'value', 50);
    const v = ws.services.audit.verify();
    expect(v).toMatchObject({ ok: false, content: true });
    expect(v.ok ? '' : v.reason).toContain(`导入批次 ${batch.id}（《指标数据-市统计局.xlsx》`);
  });

  it('names a batch whose stored digest was edited (what staleness reads)', async () => {
    const { cycle } = await computed();
    const batch = ws.services.imports.batches(cycle.id)[0]!;
    ws.db.prepare('UPDATE import_batches SET digest = ? WHERE id = ?').run('0'.repeat(32), batch.id);
    expect(ws.services.audit.verify()).toMatchObject({ ok: false, content: true });
  });

  it('names a stored result edited in the file (a unit renamed)', async () => {
    const { resultId } = await computed();
    ws.db
      .prepare("UPDATE results SET result = replace(result, '东湖区', '西湖区') WHERE id = ?")
      .run(resultId);
    const v = ws.services.audit.verify();
    expect(v).toMatchObject({ ok: false, content: true });
    expect(v.ok ? '' : v.reason).toContain(`计算结果 ${resultId} 与第`);
  });
});

describe('what leaves the machine is checked against the file as it is now', () => {
  it('exports and reports a result whose data and result are as recorded', async () => {
    const { cycle } = await computed();
    expect((await ws.services.exports.resultsWorkbook(cycle.id)).ok).toBe(true);
    expect(ws.services.exports.report(cycle.id, { robustness: false }).ok).toBe(true);
  });

  it('refuses to export or report once a batch’s rows were edited in the file (staleness trusts the digests)', async () => {
    const { cycle } = await computed();
    const batch = ws.services.imports
      .batches(cycle.id)
      .find((b) => b.fileName === '指标数据-市统计局.xlsx' && b.status === 'active')!;
    editRecord(batch.id, 'value', 50);
    // the result still looks current: the digests kept at import stand for the rows
    expect(ws.services.compute.staleness(cycle.id)).toBe('fresh');
    const x = await ws.services.exports.resultsWorkbook(cycle.id);
    expect(x).toMatchObject({ ok: false, error: { code: 'DATA_CHANGED' } });
    expect(x.ok ? '' : x.error.message).toContain(`导入批次 ${batch.id}（《指标数据-市统计局.xlsx》）`);
    expect(ws.services.exports.report(cycle.id, { robustness: false })).toMatchObject({
      ok: false,
      error: { code: 'DATA_CHANGED' },
    });
  });

  it('refuses to export a stored result edited in the file', async () => {
    const { cycle, resultId } = await computed();
    ws.db
      .prepare("UPDATE results SET result = replace(result, '东湖区', '西湖区') WHERE id = ?")
      .run(resultId);
    const x = await ws.services.exports.resultsWorkbook(cycle.id);
    expect(x).toMatchObject({ ok: false, error: { code: 'DATA_CHANGED' } });
    expect(x.ok ? '' : x.error.message).toContain(`计算结果 ${resultId} 与计算时记录的不符`);
  });
});
