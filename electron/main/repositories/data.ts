import type { DataKind, ImportBatch } from '../../../shared/domain/cycle';
import type { CycleData, ItemRow, RatingRow, SurveyRow, ValueRow } from '../../../shared/domain/data';
import type { SchemeIds } from './scheme';
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

/** A (target, indicator) cell already held by an active batch. */
export interface HeldCell {
  targetId: number;
  indicatorId: number;
  batchId: number;
  fileName: string;
  sheet: string;
}

export type DataRepo = ReturnType<typeof createDataRepo>;

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
    heldValues: db.prepare<
      [number],
      { target_id: number; indicator_id: number; batch_id: number; file_name: string; sheet: string }
    >(
      `SELECT v.target_id, v.indicator_id, b.id AS batch_id, b.file_name, b.sheet FROM data_values v
       JOIN import_batches b ON b.id = v.batch_id WHERE b.cycle_id = ? AND b.status = 'active' AND v.value IS NOT NULL`,
    ),
    heldSurveys: db.prepare<
      [number],
      { target_id: number; indicator_id: number; batch_id: number; file_name: string; sheet: string }
    >(
      `SELECT v.target_id, v.indicator_id, b.id AS batch_id, b.file_name, b.sheet FROM survey_counts v
       JOIN import_batches b ON b.id = v.batch_id WHERE b.cycle_id = ? AND b.status = 'active'`,
    ),
    valueCells: db.prepare<[number], { target_id: number; indicator_id: number }>(
      'SELECT target_id, indicator_id FROM data_values WHERE batch_id = ? AND value IS NOT NULL',
    ),
    surveyCells: db.prepare<[number], { target_id: number; indicator_id: number }>(
      'SELECT target_id, indicator_id FROM survey_counts WHERE batch_id = ?',
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

  const held = (
    rows: { target_id: number; indicator_id: number; batch_id: number; file_name: string; sheet: string }[],
  ) =>
    new Map<string, HeldCell>(
      rows.map((r) => [
        `${r.target_id}:${r.indicator_id}`,
        {
          targetId: r.target_id,
          indicatorId: r.indicator_id,
          batchId: r.batch_id,
          fileName: r.file_name,
          sheet: r.sheet,
        },
      ]),
    );

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

    /** Cells (target:indicator) that active batches already hold values for, or survey counts. */
    heldCells(cycleId: number, kind: 'values' | 'surveys'): Map<string, HeldCell> {
      return held(kind === 'values' ? s.heldValues.all(cycleId) : s.heldSurveys.all(cycleId));
    },

    /** Cells (target:indicator) a batch holds values or survey counts for. */
    cellsOf(batchId: number, kind: 'values' | 'surveys'): string[] {
      return (kind === 'values' ? s.valueCells : s.surveyCells)
        .all(batchId)
        .map((r) => `${r.target_id}:${r.indicator_id}`);
    },

    /** The data compute reads: rows of active batches only (in no particular order: compute does not care). */
    load(cycleId: number): CycleData {
      const target = new Map<number, string>();
      const indicator = new Map<number, string>();
      const group = new Map<number, string>();
      for (const r of s.codes.all(cycleId, cycleId, cycleId))
        (r.kind === 't' ? target : r.kind === 'i' ? indicator : group).set(r.id, r.code);
      const code = (m: Map<number, string>, id: number) => {
        const c = m.get(id);
        if (c === undefined) throw new Error(`row refers to id ${id} outside its cycle`);
        return c;
      };
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
