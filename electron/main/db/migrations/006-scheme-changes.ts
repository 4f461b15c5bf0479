import type { Migration } from '../migrate';

/** The tables that hold a cycle's scheme (the repositories/scheme.ts rows). */
const SCHEME_TABLES = [
  'rules',
  'categories',
  'targets',
  'target_aliases',
  'indicators',
  'weights',
  'evaluator_groups',
] as const;

/**
 * A counter that any change to any scheme table moves, by triggers (so no writer can forget it,
 * the program's or another's): while it stands still, a scheme read before is the scheme now, and
 * whether a result is stale needs no scheme read (a 5,000-unit scheme took longer to read than
 * everything else the check does).
 */
export const schemeChanges: Migration = {
  version: 6,
  name: 'scheme change counter',
  up: (db) => {
    db.exec(`
      CREATE TABLE scheme_changes (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n  INTEGER NOT NULL CHECK (n >= 0)
      ) STRICT;
      INSERT INTO scheme_changes (id, n) VALUES (1, 0);
    `);
    for (const table of SCHEME_TABLES)
      for (const event of ['INSERT', 'UPDATE', 'DELETE'])
        db.exec(`
          CREATE TRIGGER ${table}_${event.toLowerCase()}_counts AFTER ${event} ON ${table}
          BEGIN UPDATE scheme_changes SET n = n + 1 WHERE id = 1; END;
        `);
  },
};
