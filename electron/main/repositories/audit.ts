import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/engine/hash';
import type { AuditRow } from '../../../shared/contract/api';
import type { Db } from '../db/open';

export const GENESIS = '0'.repeat(64);

/** An entry of the hash-chained log: what the window lists, and the chain's two hashes. */
export interface AuditEntry extends AuditRow {
  prevHash: string;
  hash: string;
}

interface AuditDbRow {
  id: number;
  at: string;
  operator: string;
  action: string;
  cycle_id: number | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** SHA-256 over the previous hash and the entry's canonical JSON: editing any field breaks the chain. */
export function entryHash(e: Omit<AuditEntry, 'id' | 'hash'>): string {
  const text = canonicalJson({
    prev: e.prevHash,
    at: e.at,
    operator: e.operator,
    action: e.action,
    cycleId: e.cycleId,
    detail: e.detail,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type AuditVerdict =
  | { ok: true; count: number; head: string }
  /** `content`: the chain holds, but a batch or result it recorded was changed since. */
  | { ok: false; count: number; brokenAt: number; reason: string; content?: true };

export type AuditRepo = ReturnType<typeof createAuditRepo>;

export function createAuditRepo(db: Db) {
  const s = {
    last: db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'),
    insert: db.prepare<[string, string, string, number | null, string, string, string]>(
      'INSERT INTO audit_log (at, operator, action, cycle_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    all: db.prepare<[], AuditDbRow>('SELECT * FROM audit_log ORDER BY id'),
    forCycle: db.prepare<[number], AuditDbRow>('SELECT * FROM audit_log WHERE cycle_id = ? ORDER BY id'),
    lostAnchors: db.prepare<[], { what: string; id: number }>(
      `SELECT 'batch' AS what, id FROM import_batches
         WHERE audit_hash IS NOT NULL AND audit_hash NOT IN (SELECT hash FROM audit_log)
       UNION ALL
       SELECT 'result', id FROM results
         WHERE audit_hash IS NOT NULL AND audit_hash NOT IN (SELECT hash FROM audit_log)
       ORDER BY 1, 2`,
    ),
  };
  const toEntry = (r: AuditDbRow): AuditEntry => ({
    id: r.id,
    at: r.at,
    operator: r.operator,
    action: r.action,
    cycleId: r.cycle_id,
    detail: JSON.parse(r.detail) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  });
  return {
    /** Appends an entry chained to the last one. Call inside the transaction of the change it records. */
    append(e: {
      at: string;
      operator: string;
      action: string;
      cycleId: number | null;
      detail: unknown;
    }): string {
      const prevHash = s.last.get()?.hash ?? GENESIS;
      const detail = JSON.parse(canonicalJson(e.detail ?? {})) as unknown;
      const hash = entryHash({ ...e, detail, prevHash });
      s.insert.run(e.at, e.operator, e.action, e.cycleId, canonicalJson(detail), prevHash, hash);
      return hash;
    },
    /** The hash of the newest entry (the chain's head), or GENESIS for an empty log. */
    head: (): string => s.last.get()?.hash ?? GENESIS,
    entries: (cycleId?: number): AuditEntry[] =>
      (cycleId === undefined ? s.all.all() : s.forCycle.all(cycleId)).map(toEntry),
    /**
     * Walks the chain from the start (each entry must link to the previous hash and hash to itself),
     * then checks that every batch and result still finds the entry that recorded it.
     */
    verify(): AuditVerdict {
      let prev = GENESIS;
      let count = 0;
      for (const row of s.all.iterate()) {
        const e = toEntry(row);
        if (e.prevHash !== prev)
          return {
            ok: false,
            count,
            brokenAt: e.id,
            reason: `第 ${e.id} 条记录与上一条的链接不符（记录被删除或插入）`,
          };
        if (entryHash(e) !== e.hash)
          return {
            ok: false,
            count,
            brokenAt: e.id,
            reason: `第 ${e.id} 条记录的内容与其哈希不符（记录被修改）`,
          };
        prev = e.hash;
        count++;
      }
      // The chain cannot see its own tail cut off; the batches and results it recorded can.
      const lost = s.lostAnchors.get();
      if (lost)
        return {
          ok: false,
          count,
          brokenAt: count + 1,
          reason: `${lost.what === 'batch' ? '导入批次' : '计算结果'} ${lost.id} 的审计记录已不在日志中（记录被删除）`,
        };
      return { ok: true, count, head: prev };
    },
  };
}
