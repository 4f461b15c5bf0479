import type { ComputeResult } from '../../../shared/domain/result';
import type { Db } from '../db/open';

export interface StoredResult {
  id: number;
  cycleId: number;
  inputHash: string;
  engine: string;
  computedAt: string;
  operator: string;
  result: ComputeResult;
}

export type ResultsRepo = ReturnType<typeof createResultsRepo>;

export function createResultsRepo(db: Db) {
  const s = {
    retire: db.prepare<[number]>('UPDATE results SET is_current = 0 WHERE cycle_id = ? AND is_current = 1'),
    insert: db.prepare<[number, string, string, string, string, string]>(
      'INSERT INTO results (cycle_id, input_hash, engine, computed_at, operator, result) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertRow: db.prepare<[number, string, string, number, number, number | null, string | null, string]>(
      `INSERT INTO result_rows (result_id, group_code, target_code, position, total, rank, grade, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    current: db.prepare<
      [number],
      {
        id: number;
        cycle_id: number;
        input_hash: string;
        engine: string;
        computed_at: string;
        operator: string;
        result: string;
      }
    >(
      'SELECT id, cycle_id, input_hash, engine, computed_at, operator, result FROM results WHERE cycle_id = ? AND is_current = 1',
    ),
    currentRanks: db.prepare<[number], { group_code: string; target_code: string; rank: number | null }>(
      `SELECT r.group_code, r.target_code, r.rank FROM result_rows r JOIN results x ON x.id = r.result_id
       WHERE x.cycle_id = ? AND x.is_current = 1`,
    ),
  };
  return {
    /** Stores a result as the cycle's current one (the earlier ones stay, no longer current). */
    save(cycleId: number, result: ComputeResult, operator: string, at: string): number {
      s.retire.run(cycleId);
      const id = Number(
        s.insert.run(cycleId, result.inputHash, result.engine, at, operator, JSON.stringify(result))
          .lastInsertRowid,
      );
      for (const g of result.groups)
        g.entries.forEach((e, pos) =>
          s.insertRow.run(id, g.code, e.code, pos, e.total, e.rank, e.grade, JSON.stringify(e.flags)),
        );
      return id;
    },
    current(cycleId: number): StoredResult | undefined {
      const r = s.current.get(cycleId);
      if (!r) return undefined;
      return {
        id: r.id,
        cycleId: r.cycle_id,
        inputHash: r.input_hash,
        engine: r.engine,
        computedAt: r.computed_at,
        operator: r.operator,
        result: JSON.parse(r.result) as ComputeResult,
      };
    },
    /** Ranks of the cycle's current result, per group: what the next cycle compares against. */
    currentRanks(cycleId: number): { group: string; target: string; rank: number | null }[] {
      return s.currentRanks
        .all(cycleId)
        .map((r) => ({ group: r.group_code, target: r.target_code, rank: r.rank }));
    },
  };
}
