/** The data repository's checks against held data: only batches whose scope meets a sheet's are read. */
import { describe, expect, it } from 'vitest';
import { createRepos } from '../../../electron/main/services/deps';
import type { RatingRow, ValueRow } from '../../../shared/domain/data';
import { scopeOf } from '../../../shared/import/datums';
import { cityWorkspace } from '../../helpers/workspace';

const rating = (evaluator: string, target: string): RatingRow => ({
  evaluator,
  evaluatorTarget: null,
  group: 'LD',
  target,
  indicator: 'D01',
  grade: '优秀',
});
const value = (target: string, o: Partial<ValueRow> = {}): ValueRow => ({
  target,
  indicator: 'A01',
  value: 5,
  targetValue: null,
  baseline: null,
  ...o,
});

describe('what active batches hold, by scope', () => {
  it('reads only the batches that share an evaluator (however it is spaced) or a leaf field', async () => {
    const ws = await cityWorkspace();
    const repos = createRepos(ws.db);
    const ids = repos.scheme.ids(ws.cycle.id);
    const batch = (kind: 'ratings' | 'values', rows: object) => {
      const id = repos.data.insertBatch({
        cycleId: ws.cycle.id,
        kind,
        fileName: `${kind}-${Math.random()}.xlsx`,
        sha256: '0'.repeat(64),
        sheet: 'S',
        operator: 'op',
        importedAt: 't',
        rowCount: 1,
      });
      repos.data.insertRows(id, rows, ids);
      return id;
    };
    const zhang = batch('ratings', { ratings: [rating('张三', 'QS01'), rating('张三', 'QS02')] });
    const li = batch('ratings', { ratings: [rating('李四', 'QS01')] });
    const gdp = batch('values', { values: [value('QS01')] });
    const base = batch('values', { values: [value('QS02', { value: null, baseline: 4 })] });

    const held = (kind: 'ratings' | 'values', rows: object, except: number | null = null) => [
      ...new Set(
        repos.data
          .heldData(ws.cycle.id, kind, -1, { scope: scopeOf(kind, rows), except })
          .map((h) => h.batchId),
      ),
    ];
    expect(held('ratings', { ratings: [rating('张 三', 'QS05')] })).toEqual([zhang]);
    expect(held('ratings', { ratings: [rating('王五', 'QS01')] })).toEqual([]);
    expect(held('ratings', { ratings: [rating('张三', 'QS01'), rating('李四', 'QS09')] })).toEqual([
      zhang,
      li,
    ]);
    expect(held('ratings', { ratings: [rating('张三', 'QS01')] }, zhang)).toEqual([]);
    // an anonymous rating is no datum: it meets nobody
    expect(held('ratings', { ratings: [rating('', 'QS01')] })).toEqual([]);
    expect(held('values', { values: [value('QS09')] })).toEqual([gdp]);
    expect(held('values', { values: [value('QS09', { value: null, baseline: 1 })] })).toEqual([base]);
    expect(held('values', { values: [value('QS09', { value: null, targetValue: 1 })] })).toEqual([]);
    // without a scope: everything active, as before
    expect(new Set(repos.data.heldData(ws.cycle.id, 'ratings').map((h) => h.batchId))).toEqual(
      new Set([zhang, li]),
    );
    ws.db.close();
  });
});
