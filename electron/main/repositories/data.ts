import type { DataKind, ImportBatch } from '../../../shared/domain/cycle';
import type { CycleData, ItemRow, RatingRow, SurveyRow, ValueRow } from '../../../shared/domain/data';
import type { SchemeIds } from './scheme';
import { matchKey } from '../../../shared/domain/text';
import { coverageKey, datumKey } from '../../../shared/import/datums';
import type { HeldSource } from '../../../shared/import/sources';
import { memoText } from '../../../shared/import/text-cache';
import type { Db } from '../db/open';

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
export interface CodedRows {
  values?: readonly (ValueRow & { source?: string })[];
  ratings?: readonly (RatingRow & { source?: string })[];
  surveys?: readonly (SurveyRow & { source?: string })[];
  items?: readonly (ItemRow & { source?: string })[];
}

/** Where a datum held by an active batch came from. */
export type HeldCell = HeldSource;

export type DataRepo = ReturnType<typeof createDataRepo>;

const code = (m: Map<number, string>, id: number) => {
  const c = m.get(id);
  if (c === undefined) throw new Error(`row refers to id ${id} outside its cycle`);
  return c;
};

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
    insertValue: db.prepare<[number, number, number, number | null, number | null, number | null, string]>(
      `INSERT INTO data_values (batch_id, target_id, indicator_id, value, target_value, baseline, source)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertRating: db.prepare<
      [number, number, number, number, string, number | null, string | null, number | null, string]
    >(
      `INSERT INTO ratings (batch_id, group_id, target_id, indicator_id, evaluator, evaluator_target_id, grade, score, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSurvey: db.prepare<[number, number, number, number, number, number, number, number, string]>(
      `INSERT INTO survey_counts (batch_id, target_id, indicator_id, very_satisfied, satisfied, basic, dissatisfied, unknown, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertItem: db.prepare<[number, number, number, number | null, string, string, string]>(
      'INSERT INTO items (batch_id, target_id, indicator_id, points, reason, doc_no, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    heldValues: db
      .prepare<[number, number], [number, number, number, number, number, number, string, string]>(
        `SELECT v.target_id, v.indicator_id, v.value IS NOT NULL, v.target_value IS NOT NULL, v.baseline IS NOT NULL,
              b.id, b.file_name, b.sheet
       FROM data_values v JOIN import_batches b ON b.id = v.batch_id
       WHERE b.cycle_id = ? AND (b.status = 'active' OR b.id = ?)`,
      )
      .raw(true),
    heldSurveys: db
      .prepare<[number, number], [number, number, number, string, string]>(
        `SELECT s.target_id, s.indicator_id, b.id, b.file_name, b.sheet
       FROM survey_counts s JOIN import_batches b ON b.id = s.batch_id
       WHERE b.cycle_id = ? AND (b.status = 'active' OR b.id = ?)`,
      )
      .raw(true),
    heldRatings: db
      .prepare<[number, number], [string, number, number, number, number, string, string]>(
        `SELECT r.evaluator, r.group_id, r.target_id, r.indicator_id, b.id, b.file_name, b.sheet
       FROM ratings r JOIN import_batches b ON b.id = r.batch_id
       WHERE b.cycle_id = ? AND (b.status = 'active' OR b.id = ?) AND r.evaluator <> ''`,
      )
      .raw(true),
    heldItems: db
      .prepare<[number, number], [number, number, number | null, string, string, number, string, string]>(
        `SELECT it.target_id, it.indicator_id, it.points, it.reason, it.doc_no, b.id, b.file_name, b.sheet
       FROM items it JOIN import_batches b ON b.id = it.batch_id
       WHERE b.cycle_id = ? AND (b.status = 'active' OR b.id = ?)`,
      )
      .raw(true),
    anchor: db.prepare<[string, number]>('UPDATE import_batches SET audit_hash = ? WHERE id = ?'),
    coverValues: db.prepare<[number], { code: string; v: number; tv: number; bl: number }>(
      `SELECT i.code, MAX(d.value IS NOT NULL) AS v, MAX(d.target_value IS NOT NULL) AS tv,
              MAX(d.baseline IS NOT NULL) AS bl
       FROM data_values d JOIN indicators i ON i.id = d.indicator_id WHERE d.batch_id = ? GROUP BY i.code`,
    ),
    coverRatings: db
      .prepare<[number], [string, string]>(
        `SELECT DISTINCT r.evaluator, g.code FROM ratings r JOIN evaluator_groups g ON g.id = r.group_id
         WHERE r.batch_id = ?`,
      )
      .raw(true),
    coverSurveys: db
      .prepare<[number], string>(
        'SELECT DISTINCT i.code FROM survey_counts s JOIN indicators i ON i.id = s.indicator_id WHERE s.batch_id = ?',
      )
      .pluck(),
    coverItems: db
      .prepare<[number], string>(
        'SELECT DISTINCT i.code FROM items s JOIN indicators i ON i.id = s.indicator_id WHERE s.batch_id = ?',
      )
      .pluck(),
    sameContent: db.prepare<[number, string], BatchRow>(
      "SELECT * FROM import_batches WHERE cycle_id = ? AND sha256 = ? AND status = 'active' ORDER BY id",
    ),
    // Loading reads ids and maps them to codes in JS: joining codes in SQL costs more than the query.
    values: db
      .prepare<[number], [number, number, number | null, number | null, number | null]>(
        'SELECT target_id, indicator_id, value, target_value, baseline FROM data_values WHERE batch_id = ?',
      )
      .raw(true),
    ratings: db
      .prepare<[number], [number, number, number, string, number | null, string | null, number | null]>(
        'SELECT target_id, indicator_id, group_id, evaluator, evaluator_target_id, grade, score FROM ratings WHERE batch_id = ?',
      )
      .raw(true),
    surveys: db
      .prepare<[number], [number, number, number, number, number, number, number]>(
        `SELECT target_id, indicator_id, very_satisfied, satisfied, basic, dissatisfied, unknown
         FROM survey_counts WHERE batch_id = ?`,
      )
      .raw(true),
    items: db
      .prepare<[number], [number, number, number | null, string, string]>(
        'SELECT target_id, indicator_id, points, reason, doc_no FROM items WHERE batch_id = ?',
      )
      .raw(true),
    activeBatches: db.prepare<[number], { id: number; kind: DataKind }>(
      "SELECT id, kind FROM import_batches WHERE cycle_id = ? AND status = 'active' ORDER BY id",
    ),
    codes: db.prepare<[number, number, number], { kind: string; id: number; code: string }>(
      `SELECT 't' AS kind, id, code FROM targets WHERE cycle_id = ?
       UNION ALL SELECT 'i', id, code FROM indicators WHERE cycle_id = ?
       UNION ALL SELECT 'g', id, code FROM evaluator_groups WHERE cycle_id = ?`,
    ),
  };

  /** Id → code of the cycle's targets, indicators and evaluator groups: rows hold ids, keys and compute codes. */
  function codeMaps(cycleId: number) {
    const target = new Map<number, string>();
    const indicator = new Map<number, string>();
    const group = new Map<number, string>();
    for (const r of s.codes.all(cycleId, cycleId, cycleId))
      (r.kind === 't' ? target : r.kind === 'i' ? indicator : group).set(r.id, r.code);
    return { target, indicator, group };
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

    /** Writes a batch's rows, resolving codes to the ids of the cycle's scheme (which must know them). */
    insertRows(batchId: number, rows: CodedRows, ids: SchemeIds) {
      const id = (m: Map<string, number>, code: string) => {
        const v = m.get(code);
        if (v === undefined) throw new Error(`code ${code} is not in the scheme`);
        return v;
      };
      const t = (code: string) => id(ids.targets, code);
      const i = (code: string) => id(ids.indicators, code);
      for (const v of rows.values ?? [])
        s.insertValue.run(
          batchId,
          t(v.target),
          i(v.indicator),
          v.value,
          v.targetValue,
          v.baseline,
          v.source ?? '',
        );
      for (const r of rows.ratings ?? [])
        s.insertRating.run(
          batchId,
          id(ids.groups, r.group),
          t(r.target),
          i(r.indicator),
          r.evaluator,
          r.evaluatorTarget === null ? null : t(r.evaluatorTarget),
          typeof r.grade === 'string' ? r.grade : null,
          typeof r.grade === 'number' ? r.grade : null,
          r.source ?? '',
        );
      for (const x of rows.surveys ?? []) {
        const c = x.counts;
        s.insertSurvey.run(
          batchId,
          t(x.target),
          i(x.indicator),
          c.verySatisfied,
          c.satisfied,
          c.basic,
          c.dissatisfied,
          c.unknown,
          x.source ?? '',
        );
      }
      for (const x of rows.items ?? [])
        s.insertItem.run(batchId, t(x.target), i(x.indicator), x.points, x.reason, x.docNo, x.source ?? '');
    },

    /**
     * Every datum the active batches of a kind hold (and those of batch `also`, active or not), with
     * its key (shared/import/datums.ts): what a batch must not give again from another source.
     */
    heldData(cycleId: number, kind: DataKind, also = -1): (HeldCell & { key: string })[] {
      const { target, indicator, group } = codeMaps(cycleId);
      const t = (id: number) => code(target, id);
      const i = (id: number) => code(indicator, id);
      const out: (HeldCell & { key: string })[] = [];
      const put = (key: string, batchId: number, fileName: string, sheet: string) =>
        out.push({ key, batchId, fileName, sheet });
      if (kind === 'values')
        for (const [tt, ii, v, tv, bl, b, f, sh] of s.heldValues.all(cycleId, also)) {
          if (v) put(datumKey.value(t(tt), i(ii), 'value'), b, f, sh);
          if (tv) put(datumKey.value(t(tt), i(ii), 'targetValue'), b, f, sh);
          if (bl) put(datumKey.value(t(tt), i(ii), 'baseline'), b, f, sh);
        }
      else if (kind === 'surveys')
        for (const [tt, ii, b, f, sh] of s.heldSurveys.all(cycleId, also))
          put(datumKey.survey(t(tt), i(ii)), b, f, sh);
      else if (kind === 'ratings') {
        const evaluatorKey = memoText(matchKey);
        for (const [e, g, tt, ii, b, f, sh] of s.heldRatings.all(cycleId, also))
          put(datumKey.rating(evaluatorKey(e), code(group, g), t(tt), i(ii)), b, f, sh);
      } else
        for (const [tt, ii, p, r, d, b, f, sh] of s.heldItems.all(cycleId, also))
          put(datumKey.item(t(tt), i(ii), p, r, d), b, f, sh);
      return out;
    },

    /** Records the audit entry that logged the batch (see migration 002). */
    anchor: (batchId: number, auditHash: string) => void s.anchor.run(auditHash, batchId),

    /**
     * What a batch holds, as keys a replacing sheet must cover (see coverageKeys): leaf and field
     * for values, evaluator and group for ratings, the leaf for surveys and items.
     */
    coverage(batchId: number, kind: DataKind): string[] {
      if (kind === 'values')
        return s.coverValues
          .all(batchId)
          .flatMap((r) => [
            ...(r.v ? [coverageKey.value(r.code, 'value')] : []),
            ...(r.tv ? [coverageKey.value(r.code, 'targetValue')] : []),
            ...(r.bl ? [coverageKey.value(r.code, 'baseline')] : []),
          ]);
      if (kind === 'ratings') return s.coverRatings.all(batchId).map(([e, g]) => coverageKey.rating(e, g));
      return (kind === 'surveys' ? s.coverSurveys : s.coverItems).all(batchId).map(coverageKey.leaf);
    },

    /** Active batches of the cycle with exactly this content (file SHA-256). */
    sameContent: (cycleId: number, sha256: string): ImportBatch[] =>
      s.sameContent.all(cycleId, sha256).map(toBatch),

    /** The data compute reads: rows of active batches only (in no particular order: compute does not care). */
    load(cycleId: number): CycleData {
      const { target, indicator, group } = codeMaps(cycleId);
      const out: CycleData = { values: [], ratings: [], surveys: [], items: [] };
      // One query per active batch, by its indexed batch_id: cheaper than joining every row to its batch.
      for (const b of s.activeBatches.all(cycleId)) {
        if (b.kind === 'values')
          for (const [t, i, value, targetValue, baseline] of s.values.all(b.id))
            out.values.push({
              target: code(target, t),
              indicator: code(indicator, i),
              value,
              targetValue,
              baseline,
            });
        else if (b.kind === 'ratings')
          for (const [t, i, g, evaluator, et, grade, score] of s.ratings.all(b.id))
            out.ratings.push({
              target: code(target, t),
              indicator: code(indicator, i),
              group: code(group, g),
              evaluator,
              evaluatorTarget: et === null ? null : code(target, et),
              grade: grade ?? score,
            });
        else if (b.kind === 'surveys')
          for (const [t, i, verySatisfied, satisfied, basic, dissatisfied, unknown] of s.surveys.all(b.id))
            out.surveys.push({
              target: code(target, t),
              indicator: code(indicator, i),
              counts: { verySatisfied, satisfied, basic, dissatisfied, unknown },
            });
        else
          for (const [t, i, points, reason, docNo] of s.items.all(b.id))
            out.items.push({ target: code(target, t), indicator: code(indicator, i), points, reason, docNo });
      }
      return out;
    },
  };
}
