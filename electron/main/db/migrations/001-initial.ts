import type { Migration } from '../migrate';

/**
 * Literal lists only: a migration must create the same schema forever, whatever the code's constants
 * become (a new method or rule gets its own migration).
 *
 * The workspace: cycles and their schemes, imported data in batches, stored results and the audit
 * log. STRICT tables, CHECK constraints and foreign keys make the database the last line of
 * validation. Codes are unique within a cycle; rows of data belong to the batch that brought them.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE cycles (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        kind              TEXT NOT NULL DEFAULT 'annual' CHECK (kind IN ('annual', 'ordinary', 'special')),
        status            TEXT NOT NULL DEFAULT 'draft'
                          CHECK (status IN ('draft', 'collecting', 'computed', 'published')),
        previous_cycle_id INTEGER REFERENCES cycles(id) ON DELETE SET NULL
                          CHECK (previous_cycle_id IS NULL OR previous_cycle_id <> id),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE rules (
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        key      TEXT NOT NULL CHECK (key IN ('fullScore', 'precision', 'bottomN', 'bottomTies', 'vetoToBottom',
                 'excellentQuota', 'excellentMin', 'poorBelow', 'riseBy', 'fallBy', 'trimMin', 'gradePoints',
                 'tieBreakers', 'bottomGrade', 'combinedGroups')),
        value    TEXT NOT NULL,
        PRIMARY KEY (cycle_id, key)
      ) STRICT;

      CREATE TABLE categories (
        id       INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        code     TEXT NOT NULL CHECK (length(code) > 0),
        name     TEXT NOT NULL CHECK (length(name) > 0),
        position INTEGER NOT NULL,
        UNIQUE (cycle_id, code)
      ) STRICT;

      CREATE TABLE targets (
        id            INTEGER PRIMARY KEY,
        cycle_id      INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        code          TEXT NOT NULL CHECK (length(code) > 0),
        name          TEXT NOT NULL CHECK (length(name) > 0),
        category_id   INTEGER NOT NULL REFERENCES categories(id) ON DELETE RESTRICT,
        exempt_reason TEXT CHECK (exempt_reason IS NULL OR length(trim(exempt_reason)) > 0),
        parent_id     INTEGER REFERENCES targets(id) ON DELETE SET NULL,
        position      INTEGER NOT NULL,
        UNIQUE (cycle_id, code)
      ) STRICT;
      CREATE INDEX targets_category ON targets(category_id);

      CREATE TABLE target_aliases (
        target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        alias     TEXT NOT NULL CHECK (length(alias) > 0),
        position  INTEGER NOT NULL,
        PRIMARY KEY (target_id, alias)
      ) STRICT;

      CREATE TABLE indicators (
        id        INTEGER PRIMARY KEY,
        cycle_id  INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        code      TEXT NOT NULL CHECK (length(code) > 0),
        parent_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE,
        name      TEXT NOT NULL CHECK (length(name) > 0),
        method    TEXT CHECK (method IS NULL OR method IN ('direct', 'targetRatio', 'efficacy', 'growth',
                  'rankPoints', 'threshold', 'rating', 'satisfaction', 'bonus', 'deduction', 'veto')),
        direction TEXT NOT NULL DEFAULT '+' CHECK (direction IN ('+', '-')),
        params    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
        provider  TEXT,
        position  INTEGER NOT NULL,
        UNIQUE (cycle_id, code)
      ) STRICT;

      -- 差异化权重: points of a leaf in a category (the cap for bonus and deduction leaves)
      CREATE TABLE weights (
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        category_id  INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        weight       REAL NOT NULL CHECK (weight >= 0),
        PRIMARY KEY (indicator_id, category_id)
      ) STRICT;

      CREATE TABLE evaluator_groups (
        id       INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        code     TEXT NOT NULL CHECK (length(code) > 0),
        name     TEXT NOT NULL CHECK (length(name) > 0),
        weight   REAL NOT NULL CHECK (weight > 0),
        position INTEGER NOT NULL,
        UNIQUE (cycle_id, code)
      ) STRICT;

      -- One accepted sheet of one file. Re-importing the same source supersedes the active batch.
      CREATE TABLE import_batches (
        id            INTEGER PRIMARY KEY,
        cycle_id      INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('values', 'ratings', 'surveys', 'items')),
        file_name     TEXT NOT NULL CHECK (length(file_name) > 0),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        sheet         TEXT NOT NULL,
        operator      TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        row_count     INTEGER NOT NULL CHECK (row_count >= 0),
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'superseded', 'withdrawn')),
        superseded_by INTEGER REFERENCES import_batches(id),
        CHECK ((status = 'superseded') = (superseded_by IS NOT NULL))
      ) STRICT;
      CREATE INDEX import_batches_cycle ON import_batches(cycle_id, status);

      CREATE TABLE data_values (
        batch_id     INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        target_id    INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        value        REAL,
        target_value REAL,
        baseline     REAL,
        source       TEXT NOT NULL DEFAULT '',
        CHECK (value IS NOT NULL OR target_value IS NOT NULL OR baseline IS NOT NULL),
        PRIMARY KEY (batch_id, target_id, indicator_id)
      ) STRICT;

      -- grade is a grade word, score a number on 0–100; both null is an abstention (弃权)
      CREATE TABLE ratings (
        id                  INTEGER PRIMARY KEY,
        batch_id            INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        group_id            INTEGER NOT NULL REFERENCES evaluator_groups(id) ON DELETE CASCADE,
        target_id           INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        indicator_id        INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        evaluator           TEXT NOT NULL,
        evaluator_target_id INTEGER REFERENCES targets(id) ON DELETE SET NULL,
        grade               TEXT CHECK (grade IS NULL OR length(grade) > 0),
        score               REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
        source              TEXT NOT NULL DEFAULT '',
        CHECK (grade IS NULL OR score IS NULL)
      ) STRICT;
      CREATE INDEX ratings_batch ON ratings(batch_id);

      CREATE TABLE survey_counts (
        batch_id       INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        target_id      INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        indicator_id   INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        very_satisfied INTEGER NOT NULL CHECK (very_satisfied >= 0),
        satisfied      INTEGER NOT NULL CHECK (satisfied >= 0),
        basic          INTEGER NOT NULL CHECK (basic >= 0),
        dissatisfied   INTEGER NOT NULL CHECK (dissatisfied >= 0),
        unknown        INTEGER NOT NULL CHECK (unknown >= 0),
        source         TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (batch_id, target_id, indicator_id)
      ) STRICT;

      -- 加分 / 扣分 / 一票否决 items; points is null for veto items
      CREATE TABLE items (
        id           INTEGER PRIMARY KEY,
        batch_id     INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        target_id    INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        points       REAL CHECK (points IS NULL OR points >= 0),
        reason       TEXT NOT NULL,
        doc_no       TEXT NOT NULL DEFAULT '',
        source       TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX items_batch ON items(batch_id);

      -- Stored results: the JSON of ComputeResult, the hash of its inputs, one current per cycle
      CREATE TABLE results (
        id          INTEGER PRIMARY KEY,
        cycle_id    INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        input_hash  TEXT NOT NULL CHECK (length(input_hash) = 64),
        engine      TEXT NOT NULL,
        computed_at TEXT NOT NULL,
        operator    TEXT NOT NULL,
        result      TEXT NOT NULL CHECK (json_valid(result)),
        is_current  INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX results_current ON results(cycle_id) WHERE is_current = 1;

      CREATE TABLE result_rows (
        result_id   INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
        group_code  TEXT NOT NULL,
        target_code TEXT NOT NULL,
        position    INTEGER NOT NULL,
        total       REAL NOT NULL,
        rank        INTEGER CHECK (rank IS NULL OR rank >= 1),
        grade       TEXT CHECK (grade IS NULL OR grade IN ('优秀', '良好', '一般', '较差')),
        flags       TEXT NOT NULL CHECK (json_valid(flags)),
        PRIMARY KEY (result_id, group_code, target_code)
      ) STRICT;

      -- Audit log: every change, hash-chained (hash = SHA-256 of the previous hash and this entry).
      -- No foreign key to cycles: the log outlives what it describes.
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        operator  TEXT NOT NULL,
        action    TEXT NOT NULL,
        cycle_id  INTEGER,
        detail    TEXT NOT NULL CHECK (json_valid(detail)),
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash      TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
