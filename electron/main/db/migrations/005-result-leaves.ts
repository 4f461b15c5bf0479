import type { Migration } from '../migrate';

/**
 * A stored result's leaf columns as a binary record beside its JSON (repositories/result-codec.ts):
 * most of a big cycle's result is numbers, which JSON writes and reads back slower than the engine
 * computes them. Results stored earlier keep their whole JSON and no record.
 */
export const resultLeaves: Migration = {
  version: 5,
  name: 'result leaves as a record',
  up: (db) => {
    db.exec(`
      ALTER TABLE results ADD COLUMN leaves BLOB
        CHECK (leaves IS NULL OR (length(leaves) >= 8 AND substr(leaves, 1, 4) = X'41575231'));
    `);
  },
};
