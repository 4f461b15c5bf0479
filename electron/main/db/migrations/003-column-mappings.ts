import type { Migration } from '../migrate';

/**
 * Column headers the operator confirmed for a cycle ("GDP增速" means leaf A01's value), remembered
 * for the next import. Aliases of targets need no table of their own: they are target_aliases.
 */
export const columnMappings: Migration = {
  version: 3,
  name: 'column mappings',
  up: (db) => {
    db.exec(`
      CREATE TABLE column_mappings (
        cycle_id     INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        header_key   TEXT NOT NULL CHECK (length(header_key) > 0),
        header       TEXT NOT NULL,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        field        TEXT NOT NULL CHECK (field IN ('value', 'targetValue', 'baseline')),
        operator     TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        PRIMARY KEY (cycle_id, header_key)
      ) STRICT;
    `);
  },
};
