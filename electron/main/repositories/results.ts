import { createHash } from 'node:crypto';
import type { ComputeResult } from '../../../shared/domain/result';
import type { Db } from '../db/open';
import { joinResult, splitResult } from './result-codec';

/** What a result was computed from, besides its input hash: see migration 002. */
export interface ResultStamp {
  revision: number;
  previousResultId: number | null;
  previousRevision: number | null;
}

export interface StoredResult extends ResultStamp {
  id: number;
  cycleId: number;
  inputHash: string;
  engine: string;
  computedAt: string;
  operator: string;
  result: ComputeResult;
}

export type ResultsRepo = ReturnType<typeof createResultsRepo>;

/** SHA-256 over a result's JSON, a zero byte, then its leaves record (when it has one). */
function hashContent(json: string, leaves: Buffer | null): string {
  const h = createHash('sha256').update(json, 'utf8');
  h.update(new Uint8Array([0]));
  if (leaves) h.update(leaves);
  return h.digest('hex');
}

export function createResultsRepo(db: Db) {
  const s = {
    content: db.prepare<[number], { result: string; leaves: Buffer | null }>(
      'SELECT result, leaves FROM results WHERE id = ?',
    ),
    retire: db.prepare<[number]>('UPDATE results SET is_current = 0 WHERE cycle_id = ? AND is_current = 1'),
    insert: db.prepare<
      [number, string, string, string, string, string, Buffer, number, number | null, number | null]
    >(
      `INSERT INTO results (cycle_id, input_hash, engine, computed_at, operator, result, leaves, revision, previous_result_id, previous_revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    anchor: db.prepare<[string, number]>('UPDATE results SET audit_hash = ? WHERE id = ?'),
    stamp: db.prepare<[number, number | null, number | null, number]>(
      'UPDATE results SET revision = ?, previous_result_id = ?, previous_revision = ? WHERE id = ?',
    ),
    currentStamp: db.prepare<
      [number],
      {
        id: number;
        input_hash: string;
        revision: number;
        previous_result_id: number | null;
        previous_revision: number | null;
      }
    >(
      'SELECT id, input_hash, revision, previous_result_id, previous_revision FROM results WHERE cycle_id = ? AND is_current = 1',
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
        leaves: Buffer | null;
        revision: number;
        previous_result_id: number | null;
        previous_revision: number | null;
      }
    >('SELECT * FROM results WHERE cycle_id = ? AND is_current = 1'),
    currentRanks: db.prepare<[number], { group_code: string; target_code: string; rank: number | null }>(
      `SELECT r.group_code, r.target_code, r.rank FROM result_rows r JOIN results x ON x.id = r.result_id
       WHERE x.cycle_id = ? AND x.is_current = 1`,
    ),
  };
  return {
    /**
     * Stores a result as the cycle's current one (the earlier ones stay, no longer current); gives its
     * id and its content hash (see contentHash), worked out from the bytes written, not read back.
     */
    save(
      cycleId: number,
      result: ComputeResult,
      operator: string,
      at: string,
      stamp: ResultStamp,
    ): { id: number; contentHash: string } {
      s.retire.run(cycleId);
      const { json, leaves } = splitResult(result);
      const id = Number(
        s.insert.run(
          cycleId,
          result.inputHash,
          result.engine,
          at,
          operator,
          json,
          leaves,
          stamp.revision,
          stamp.previousResultId,
          stamp.previousRevision,
        ).lastInsertRowid,
      );
      for (const g of result.groups)
        g.entries.forEach((e, pos) =>
          s.insertRow.run(id, g.code, e.code, pos, e.total, e.rank, e.grade, JSON.stringify(e.flags)),
        );
      return { id, contentHash: hashContent(json, leaves) };
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
        result: joinResult(r.result, r.leaves),
        revision: r.revision,
        previousResultId: r.previous_result_id,
        previousRevision: r.previous_revision,
      };
    },
    /** The current result's hash and stamp, without reading the (large) result itself. */
    currentStamp(cycleId: number): (ResultStamp & { id: number; inputHash: string }) | undefined {
      const r = s.currentStamp.get(cycleId);
      return (
        r && {
          id: r.id,
          inputHash: r.input_hash,
          revision: r.revision,
          previousResultId: r.previous_result_id,
          previousRevision: r.previous_revision,
        }
      );
    },
    /**
     * SHA-256 over a stored result as stored (its JSON, then its leaves record): the compute's audit
     * entry holds it, and `audit verify` works it out again to find a result edited in the file.
     */
    contentHash(id: number): string {
      const r = s.content.get(id);
      if (!r) throw new Error(`no result ${id}`);
      return hashContent(r.result, r.leaves);
    },
    /** Records the audit entry that logged the computation (see migration 002). */
    anchor: (id: number, auditHash: string) => void s.anchor.run(auditHash, id),
    /** Records that the current result still holds for these revisions (its inputs hash the same). */
    restamp: (id: number, stamp: ResultStamp) =>
      void s.stamp.run(stamp.revision, stamp.previousResultId, stamp.previousRevision, id),
    /** Ranks of the cycle's current result, per group: what the next cycle compares against. */
    currentRanks(cycleId: number): { group: string; target: string; rank: number | null }[] {
      return s.currentRanks
        .all(cycleId)
        .map((r) => ({ group: r.group_code, target: r.target_code, rank: r.rank }));
    },
  };
}
