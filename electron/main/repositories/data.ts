import type { DataKind, ImportBatch } from '../../../shared/domain/cycle';
import type { CycleData } from '../../../shared/domain/data';
import { matchKey } from '../../../shared/domain/text';
import { Digest, createRowHasher } from '../../../shared/engine/digest';
import { coverageOf, datumsOf, scopeOf } from '../../../shared/import/datums';
import type { HeldSource } from '../../../shared/import/sources';
import { memoText } from '../../../shared/import/text-cache';
import type { Db } from '../db/open';
import type { BatchBlock, SourcedRows } from './batch-codec';
import { encodeBatch, NONE, readBatch } from './batch-codec';
import type { RowBlock } from '../../../shared/domain/row-block';
import { blockOf, blockRows as batchRows, columns } from '../../../shared/domain/row-block';
import { blockSource, changedRows } from '../../../shared/engine/row-source';
import type { RowSource } from '../../../shared/engine/row-source';
import type { SchemeIds } from './scheme';

interface BatchRow {
  id: number;
  cycle_id: number;
  kind: DataKind;
  file_name: string;
  sha256: string;
  sheet: string;
  operator: string;
  imported_at: string;
  row_count: number;
  status: ImportBatch['status'];
  superseded_by: number | null;
  /** The digest of its rows (migration 004), null until first worked out for an upgraded batch. */
  digest?: string | null;
}

const toBatch = (r: BatchRow): ImportBatch => ({
  id: r.id,
  cycleId: r.cycle_id,
  kind: r.kind,
  fileName: r.file_name,
  sha256: r.sha256,
  sheet: r.sheet,
  operator: r.operator,
  importedAt: r.imported_at,
  rowCount: r.row_count,
  status: r.status,
  supersededBy: r.superseded_by,
});

/** Rows of one batch named by codes, as the importers make them; `source` says where a row came from (Sheet!Cell). */
export type { SourcedRows as CodedRows } from './batch-codec';

/** Where a datum held by an active batch came from. */
export type HeldCell = HeldSource;

/** Codes the scheme no longer has: their rows go, as a row table's foreign keys would take them. */
export interface DroppedCodes {
  targets: ReadonlySet<string>;
  indicators: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export type DataRepo = ReturnType<typeof createDataRepo>;

/**
 * Import batches and their rows. A batch's rows are one record (batch-codec.ts) with the digest of
 * its rows beside it (shared/engine/digest.ts), so that the data of a cycle is read, hashed and
 * compared without a query per row.
 */
export function createDataRepo(db: Db) {
  const s = {
    insertBatch: db.prepare<[number, DataKind, string, string, string, string, string, number]>(
      `INSERT INTO import_batches (cycle_id, kind, file_name, sha256, sheet, operator, imported_at, row_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    batch: db.prepare<[number], BatchRow>('SELECT * FROM import_batches WHERE id = ?'),
    batches: db.prepare<[number], BatchRow>(
      'SELECT * FROM import_batches WHERE cycle_id = ? ORDER BY id DESC',
    ),
    activeSource: db.prepare<[number, string, string, DataKind], BatchRow>(
      `SELECT * FROM import_batches WHERE cycle_id = ? AND file_name = ? AND sheet = ? AND kind = ? AND status = 'active'`,
    ),
    setStatus: db.prepare<[ImportBatch['status'], number | null, number]>(
      'UPDATE import_batches SET status = ?, superseded_by = ? WHERE id = ?',
    ),
    kindOf: db.prepare<[number], DataKind>('SELECT kind FROM import_batches WHERE id = ?').pluck(),
    dropRows: db.prepare<[number]>('DELETE FROM batch_rows WHERE batch_id = ?'),
    putPart: db.prepare<[number, number, Uint8Array]>(
      'INSERT INTO batch_rows (batch_id, part, data) VALUES (?, ?, ?)',
    ),
    rows: db
      .prepare<[number], Buffer>('SELECT data FROM batch_rows WHERE batch_id = ? ORDER BY part')
      .pluck(),
    setDigests: db.prepare<[string, string | null, number]>(
      'UPDATE import_batches SET digest = ?, previous_digest = ? WHERE id = ?',
    ),
    /** Active batches (and `also`, active or not), with their records' metadata. */
    held: db.prepare<[number, number], { id: number; kind: DataKind; file_name: string; sheet: string }>(
      `SELECT id, kind, file_name, sheet FROM import_batches
       WHERE cycle_id = ? AND (status = 'active' OR id = ?) ORDER BY id`,
    ),
    anchor: db.prepare<[string, number]>('UPDATE import_batches SET audit_hash = ? WHERE id = ?'),
    sameContent: db.prepare<[number, string], BatchRow>(
      "SELECT * FROM import_batches WHERE cycle_id = ? AND sha256 = ? AND status = 'active' ORDER BY id",
    ),
    activeBatches: db.prepare<[number], { id: number; kind: DataKind }>(
      "SELECT id, kind FROM import_batches WHERE cycle_id = ? AND status = 'active' ORDER BY id",
    ),
    activeDigests: db.prepare<
      [number],
      { id: number; kind: DataKind; digest: string | null; previous_digest: string | null }
    >(
      "SELECT id, kind, digest, previous_digest FROM import_batches WHERE cycle_id = ? AND status = 'active' ORDER BY id",
    ),
    allBatches: db.prepare<[number], { id: number; kind: DataKind }>(
      'SELECT id, kind FROM import_batches WHERE cycle_id = ? ORDER BY id',
    ),
  };

  /** A batch's record, read in place. */
  function block(batchId: number): BatchBlock {
    const parts = s.rows.all(batchId);
    if (parts.length === 0) throw new Error(`batch ${batchId} has no rows record`);
    return readBatch(parts);
  }

  /** Works out and keeps the digests of a batch's rows (see migration 004). */
  function storeDigests(
    batchId: number,
    kind: DataKind,
    rows: RowBlock,
  ): { digest: string; previous: string | null } {
    const h = createRowHasher();
    const data = Digest.zero();
    h.block(data, rows);
    let previous: string | null = null;
    if (kind === 'values') {
      const d = Digest.zero();
      h.previousBlock(d, rows);
      previous = d.hex();
    }
    s.setDigests.run(data.hex(), previous, batchId);
    return { digest: data.hex(), previous };
  }

  /** Writes a batch's record and the digests of its rows. */
  function putRows(batchId: number, kind: DataKind, rows: RowBlock | SourcedRows) {
    const b = 'col' in rows ? rows : blockOf(kind, rows);
    s.dropRows.run(batchId);
    encodeBatch(kind, b).forEach((data, part) => s.putPart.run(batchId, part, data));
    storeDigests(batchId, kind, b);
  }

  /** The digests of a batch, worked out (and kept) when a workspace of an earlier version has none. */
  function digestsOf(b: {
    id: number;
    kind: DataKind;
    digest: string | null;
    previous_digest: string | null;
  }): { data: Digest; previousValues: Digest } {
    let { digest, previous_digest: previous } = b;
    if (digest === null || (b.kind === 'values' && previous === null))
      ({ digest, previous } = storeDigests(b.id, b.kind, block(b.id)));
    return {
      data: Digest.fromHex(digest),
      previousValues: previous === null ? Digest.zero() : Digest.fromHex(previous),
    };
  }

  return {
    insertBatch(b: Omit<ImportBatch, 'id' | 'status' | 'supersededBy'>): number {
      return Number(
        s.insertBatch.run(
          b.cycleId,
          b.kind,
          b.fileName,
          b.sha256,
          b.sheet,
          b.operator,
          b.importedAt,
          b.rowCount,
        ).lastInsertRowid,
      );
    },
    batch: (id: number): ImportBatch | undefined => {
      const r = s.batch.get(id);
      return r && toBatch(r);
    },
    batches: (cycleId: number): ImportBatch[] => s.batches.all(cycleId).map(toBatch),
    /** The active batch that came from the same source (file name, sheet, kind), if any. */
    activeFromSource: (
      cycleId: number,
      fileName: string,
      sheet: string,
      kind: DataKind,
    ): ImportBatch | undefined => {
      const r = s.activeSource.get(cycleId, fileName, sheet, kind);
      return r && toBatch(r);
    },
    setStatus: (id: number, status: ImportBatch['status'], supersededBy: number | null = null) =>
      void s.setStatus.run(status, supersededBy, id),

    /**
     * Writes a batch's rows, of the batch's kind, named by codes the cycle's scheme must know (a
     * programmer's error otherwise: the importers map every row to the scheme).
     */
    insertRows(batchId: number, rows: RowBlock | SourcedRows, ids: SchemeIds) {
      const kind = s.kindOf.get(batchId);
      if (kind === undefined) throw new Error(`no batch ${batchId}`);
      if (!('col' in rows))
        for (const k of ['values', 'ratings', 'surveys', 'items'] as const)
          if (k !== kind && (rows[k]?.length ?? 0) > 0)
            throw new Error(`batch ${batchId} holds ${kind}, not ${k}`);
      const b = 'col' in rows ? rows : blockOf(kind, rows);
      if (b.kind !== kind) throw new Error(`batch ${batchId} holds ${kind}, not ${b.kind}`);
      // every code a row names, once each
      const { u32 } = columns(b);
      const named = (col: string, m: Map<string, number>) => {
        const c = u32(col as never);
        const seen = new Set<number>();
        for (let i = 0; i < b.rows; i++) {
          const x = c[i] as number;
          if (x === NONE || seen.has(x)) continue;
          seen.add(x);
          if (!m.has(b.texts[x] as string)) throw new Error(`code ${b.texts[x]} is not in the scheme`);
        }
      };
      named('target', ids.targets);
      named('indicator', ids.indicators);
      if (kind === 'ratings') {
        named('group', ids.groups);
        named('evaluatorTarget', ids.targets);
      }
      putRows(batchId, kind, b);
    },

    /** A batch's content digest as stored beside its record (null until worked out for an upgraded batch). */
    storedDigest: (batchId: number): string | null => s.batch.get(batchId)?.digest ?? null,

    /**
     * A batch's content digest as its record's rows give it now: `audit verify` compares it with the
     * one the import's audit entry holds.
     */
    rowsDigest(batchId: number): string {
      const data = Digest.zero();
      createRowHasher().block(data, block(batchId));
      return data.hex();
    },

    /** The rows of one batch (any status), as compute reads them. */
    rowsOf: (batchId: number): CycleData => batchRows(block(batchId)),

    /** The rows of one batch (any status) handed to compute as fields, without an object per row. */
    source: (batchId: number): RowSource => blockSource(block(batchId)),

    /**
     * What batch `after` changed against batch `before` of the same kind, as rows to take away and
     * rows to add (shared/engine/row-source.ts changedRows): a re-imported sheet's corrections.
     */
    changes(before: number, after: number): { gone: RowSource; came: RowSource } {
      const [a, b] = [block(before), block(after)];
      const { gone, came } = changedRows(a, b);
      return { gone: blockSource(a, gone), came: blockSource(b, came) };
    },

    /** The ids of a cycle's active batches. */
    activeIds: (cycleId: number): number[] => s.activeBatches.all(cycleId).map((b) => b.id),

    /**
     * Every datum the active batches of a kind hold (and those of batch `also`, active or not), with
     * its key (shared/import/datums.ts): what a batch must not give again from another source.
     * With `scope`, only batches whose scope meets it (scopeOf: nothing else can conflict), and
     * never batch `except` (the one a sheet replaces).
     */
    heldData(
      cycleId: number,
      kind: DataKind,
      also = -1,
      opts: { scope?: ReadonlySet<string>; except?: number | null } = {},
    ): (HeldCell & { key: string })[] {
      const out: (HeldCell & { key: string })[] = [];
      const evaluatorKey = memoText(matchKey);
      for (const b of s.held.all(cycleId, also)) {
        if (b.kind !== kind || b.id === opts.except) continue;
        const blk = block(b.id);
        if (opts.scope) {
          const scope = opts.scope;
          const theirs = scopeOf(b.kind, blk, evaluatorKey);
          if (![...theirs].some((k) => scope.has(k))) continue;
        }
        const cell = { batchId: b.id, fileName: b.file_name, sheet: b.sheet };
        for (const d of datumsOf(b.kind, blk, evaluatorKey)) out.push({ key: d.key, ...cell });
      }
      return out;
    },

    /** Records the audit entry that logged the batch (see migration 002). */
    anchor: (batchId: number, auditHash: string) => void s.anchor.run(auditHash, batchId),

    /**
     * What a batch holds, as keys a replacing sheet must cover (shared/import/datums.ts, coverageKey):
     * leaf and field for values, evaluator and group for ratings, the leaf for surveys and items.
     */
    coverage(batchId: number, kind: DataKind): string[] {
      return coverageOf(kind, block(batchId));
    },

    /** Active batches of the cycle with exactly this content (file SHA-256). */
    sameContent: (cycleId: number, sha256: string): ImportBatch[] =>
      s.sameContent.all(cycleId, sha256).map(toBatch),

    /** The data compute reads: rows of active batches only (in no particular order: compute does not care). */
    load(cycleId: number): CycleData {
      const out: CycleData = { values: [], ratings: [], surveys: [], items: [] };
      for (const b of s.activeBatches.all(cycleId)) {
        const rows = batchRows(block(b.id));
        for (const k of ['values', 'ratings', 'surveys', 'items'] as const)
          for (const r of rows[k]) (out[k] as unknown[]).push(r);
      }
      return out;
    },

    /**
     * The digests of the active data of a cycle (the sum of its active batches'): what a result's
     * input hash is made of, without reading a row (shared/engine/input-hash.ts).
     */
    digests(cycleId: number): { data: Digest; previousValues: Digest } {
      const data = Digest.zero();
      const previousValues = Digest.zero();
      for (const b of s.activeDigests.all(cycleId)) {
        const d = digestsOf(b);
        data.add(d.data);
        previousValues.add(d.previousValues);
      }
      return { data, previousValues };
    },

    /** Rows of every batch of a cycle (any status), counted per target, indicator and group code. */
    counts(cycleId: number): {
      targets: Map<string, number>;
      indicators: Map<string, number>;
      groups: Map<string, number>;
    } {
      const out = {
        targets: new Map<string, number>(),
        indicators: new Map<string, number>(),
        groups: new Map<string, number>(),
      };
      const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
      for (const b of s.allBatches.all(cycleId)) {
        const blk = block(b.id);
        const t = blk.col('target') as Uint32Array;
        const i = blk.col('indicator') as Uint32Array;
        const g = b.kind === 'ratings' ? (blk.col('group' as never) as Uint32Array) : null;
        for (let r = 0; r < blk.rows; r++) {
          bump(out.targets, blk.texts[t[r] as number] as string);
          bump(out.indicators, blk.texts[i[r] as number] as string);
          if (g) bump(out.groups, blk.texts[g[r] as number] as string);
        }
      }
      return out;
    },

    /**
     * Takes out of every batch of a cycle the rows of units, leaves and groups the scheme no longer
     * has, and forgets deleted units as evaluators — what the foreign keys of row tables did.
     * Runs inside the caller's transaction (a scheme change).
     */
    dropCodes(cycleId: number, gone: DroppedCodes) {
      if (gone.targets.size + gone.indicators.size + gone.groups.size === 0) return;
      for (const b of s.allBatches.all(cycleId)) {
        const blk = block(b.id);
        const hit = (col: string) => {
          const c = blk.col(col as never) as Uint32Array;
          return (set: ReadonlySet<string>) => {
            for (let r = 0; r < blk.rows; r++) {
              const x = c[r] as number;
              if (x !== NONE && set.has(blk.texts[x] as string)) return true;
            }
            return false;
          };
        };
        const touched =
          hit('target')(gone.targets) ||
          hit('indicator')(gone.indicators) ||
          (b.kind === 'ratings' && (hit('group')(gone.groups) || hit('evaluatorTarget')(gone.targets)));
        if (!touched) continue;
        const rows = batchRows(blk, { sources: true });
        const keep = <R extends { target: string; indicator: string }>(list: readonly R[]) =>
          list.filter((r) => !gone.targets.has(r.target) && !gone.indicators.has(r.indicator));
        putRows(b.id, b.kind, {
          values: keep(rows.values),
          surveys: keep(rows.surveys),
          items: keep(rows.items),
          ratings: keep(rows.ratings)
            .filter((r) => !gone.groups.has(r.group))
            .map((r) =>
              r.evaluatorTarget !== null && gone.targets.has(r.evaluatorTarget)
                ? { ...r, evaluatorTarget: null }
                : r,
            ),
        });
      }
    },
  };
}
