import type { AuditVerdict } from '../repositories/audit';
import type { Repos } from './deps';

/**
 * 审计: the log, and whether it still holds — the hash chain, and beyond it what the entries recorded:
 * every import entry names its batches with the digest of their rows, every compute entry its
 * result with the result's own hash. A record or result edited in the file after it was logged no
 * longer matches (entries written before these hashes were recorded are not checked this way).
 */
export function createAuditService(repos: Repos) {
  /** The first batch or result whose content differs from what its entry recorded, if any. */
  function changedContent(): { entry: number; reason: string } | null {
    for (const e of repos.audit.entries()) {
      if (e.action === 'import') {
        const d = e.detail as {
          file?: string;
          sheets?: { sheet?: string; batch?: number | null; digest?: string | null }[];
        };
        for (const sh of d.sheets ?? []) {
          if (typeof sh.batch !== 'number' || typeof sh.digest !== 'string') continue;
          if (!repos.data.batch(sh.batch)) continue; // its cycle deleted since
          if (
            repos.data.rowsDigest(sh.batch) !== sh.digest ||
            repos.data.storedDigest(sh.batch) !== sh.digest
          )
            return {
              entry: e.id,
              reason: `导入批次 ${sh.batch}（《${d.file ?? ''}》工作表“${sh.sheet ?? ''}”）的数据与第 ${e.id} 条审计记录不符（数据在导入之后被修改）`,
            };
        }
      } else if (e.action === 'compute') {
        const d = e.detail as { result?: number; resultHash?: string };
        if (typeof d.result !== 'number' || typeof d.resultHash !== 'string') continue;
        let hash: string;
        try {
          hash = repos.results.contentHash(d.result);
        } catch {
          continue; // its cycle deleted since
        }
        if (hash !== d.resultHash)
          return {
            entry: e.id,
            reason: `计算结果 ${d.result} 与第 ${e.id} 条审计记录不符（结果在计算之后被修改）`,
          };
      }
    }
    return null;
  }

  return {
    /** The chain first (an edited entry), then what the entries recorded (an edited batch or result). */
    verify(): AuditVerdict {
      const chain = repos.audit.verify();
      if (!chain.ok) return chain;
      const changed = changedContent();
      return changed
        ? { ok: false, count: chain.count, brokenAt: changed.entry, reason: changed.reason, content: true }
        : chain;
    },
    entries: (cycleId?: number) => repos.audit.entries(cycleId),
    /** The newest entry's hash: what a printed report or workbook gives to note down. */
    head: (): string => repos.audit.head(),
  };
}
