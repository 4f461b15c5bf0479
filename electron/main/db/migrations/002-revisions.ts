import type { Migration } from '../migrate';

/**
 * Revisions, so that "are the results stale?" is cheap to answer: every change to what compute reads
 * bumps the cycle's revision, and a stored result records the revisions it was computed from (its
 * own cycle's, and the previous cycle's result and revision, which rank change and growth read).
 *
 * Anchors, so that the audit log cannot lose its newest entries unnoticed: each import batch and each
 * stored result keeps the hash of the audit entry that recorded it.
 */
export const revisions: Migration = {
  version: 2,
  name: 'revisions and audit anchors',
  up: (db) => {
    db.exec(`
      ALTER TABLE cycles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
      ALTER TABLE results ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE results ADD COLUMN previous_result_id INTEGER;
      ALTER TABLE results ADD COLUMN previous_revision INTEGER;
      ALTER TABLE results ADD COLUMN audit_hash TEXT CHECK (audit_hash IS NULL OR length(audit_hash) = 64);
      ALTER TABLE import_batches ADD COLUMN audit_hash TEXT CHECK (audit_hash IS NULL OR length(audit_hash) = 64);
    `);
  },
};
