import type Database from 'better-sqlite3';
import type { DataKind } from '../../../../shared/domain/cycle';
import type { Migration } from '../migrate';
import type { SourcedRows } from '../../repositories/batch-codec';
import { encodeBatch } from '../../repositories/batch-codec';

/**
 * The rows of each import batch as one record (see repositories/batch-codec.ts, whose format 1 this
 * writes and every later program must still read), instead of a table row per datum: SQLite's
 * row-by-row storage cost more than reading the sheet itself (2–3 µs a row to write, 1 µs to read
 * back, for hundreds of thousands of ratings). Each batch also gets the digest of its rows
 * (shared/engine/digest.ts), worked out when first needed, so that whether a result is stale is a
 * lookup: null here, as every batch moved from the old tables.
 *
 * The old tables are read with their codes (the records name units, leaves and groups by code) and
 * dropped.
 */
export const batchRows: Migration = {
  version: 4,
  name: 'batch rows as records',
  up: (db) => {
    db.exec(`
      -- a record in parts of a few megabytes (written without copying a big record whole); part 0 holds its header
      CREATE TABLE batch_rows (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        part     INTEGER NOT NULL CHECK (part >= 0),
        data     BLOB NOT NULL CHECK (part > 0 OR (length(data) >= 24 AND substr(data, 1, 4) = X'41574231')),
        PRIMARY KEY (batch_id, part)
      ) STRICT;
      ALTER TABLE import_batches ADD COLUMN digest TEXT
        CHECK (digest IS NULL OR (length(digest) = 32 AND digest NOT GLOB '*[^0-9a-f]*'));
      ALTER TABLE import_batches ADD COLUMN previous_digest TEXT
        CHECK (previous_digest IS NULL OR (length(previous_digest) = 32 AND previous_digest NOT GLOB '*[^0-9a-f]*'));
    `);
    const insert = db.prepare<[number, number, Uint8Array]>(
      'INSERT INTO batch_rows (batch_id, part, data) VALUES (?, ?, ?)',
    );
    for (const b of db
      .prepare<[], { id: number; kind: DataKind }>('SELECT id, kind FROM import_batches')
      .all())
      encodeBatch(b.kind, oldRows(db, b.id, b.kind)).forEach((data, part) => insert.run(b.id, part, data));
    db.exec('DROP TABLE data_values; DROP TABLE ratings; DROP TABLE survey_counts; DROP TABLE items;');
  },
};

/** A batch's rows from the tables of migration 001, by code, in the order they were written. */
function oldRows(db: Database.Database, batchId: number, kind: DataKind): SourcedRows {
  const join = (x: string) =>
    `JOIN targets t ON t.id = ${x}.target_id JOIN indicators i ON i.id = ${x}.indicator_id`;
  if (kind === 'values')
    return {
      values: db
        .prepare<
          [number],
          {
            target: string;
            indicator: string;
            value: number | null;
            targetValue: number | null;
            baseline: number | null;
            source: string;
          }
        >(
          `SELECT t.code AS target, i.code AS indicator, v.value, v.target_value AS targetValue, v.baseline, v.source
           FROM data_values v ${join('v')} WHERE v.batch_id = ? ORDER BY v.rowid`,
        )
        .all(batchId),
    };
  if (kind === 'ratings')
    return {
      ratings: db
        .prepare<
          [number],
          {
            target: string;
            indicator: string;
            grp: string;
            evaluator: string;
            et: string | null;
            grade: string | null;
            score: number | null;
            source: string;
          }
        >(
          `SELECT t.code AS target, i.code AS indicator, g.code AS grp, r.evaluator, e.code AS et, r.grade, r.score, r.source
           FROM ratings r ${join('r')} JOIN evaluator_groups g ON g.id = r.group_id
           LEFT JOIN targets e ON e.id = r.evaluator_target_id WHERE r.batch_id = ? ORDER BY r.id`,
        )
        .all(batchId)
        .map((r) => ({
          target: r.target,
          indicator: r.indicator,
          group: r.grp,
          evaluator: r.evaluator,
          evaluatorTarget: r.et,
          grade: r.grade ?? r.score,
          source: r.source,
        })),
    };
  if (kind === 'surveys')
    return {
      surveys: db
        .prepare<
          [number],
          {
            target: string;
            indicator: string;
            a: number;
            b: number;
            c: number;
            d: number;
            e: number;
            source: string;
          }
        >(
          `SELECT t.code AS target, i.code AS indicator, s.very_satisfied AS a, s.satisfied AS b, s.basic AS c,
                  s.dissatisfied AS d, s.unknown AS e, s.source
           FROM survey_counts s ${join('s')} WHERE s.batch_id = ? ORDER BY s.rowid`,
        )
        .all(batchId)
        .map((s) => ({
          target: s.target,
          indicator: s.indicator,
          counts: { verySatisfied: s.a, satisfied: s.b, basic: s.c, dissatisfied: s.d, unknown: s.e },
          source: s.source,
        })),
    };
  return {
    items: db
      .prepare<
        [number],
        {
          target: string;
          indicator: string;
          points: number | null;
          reason: string;
          docNo: string;
          source: string;
        }
      >(
        `SELECT t.code AS target, i.code AS indicator, x.points, x.reason, x.doc_no AS docNo, x.source
         FROM items x ${join('x')} WHERE x.batch_id = ? ORDER BY x.id`,
      )
      .all(batchId),
  };
}
