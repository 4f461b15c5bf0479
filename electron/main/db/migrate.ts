import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`工作区文件来自更新的版本（结构版本 ${found}，本程序支持到 ${supported}），请升级程序后再打开`);
  }
}

/** Throws NewerDatabaseError, touching nothing, when the file comes from a newer program. */
export function refuseNewer(db: Database.Database, migrations: readonly Migration[]): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > migrations.length) throw new NewerDatabaseError(found, migrations.length);
  return found;
}

/**
 * Brings a database to the latest version: each pending migration runs in its own transaction
 * together with the bump of `user_version`, so a failure leaves the previous version intact.
 * A database from a newer program is refused rather than touched.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
): { from: number; to: number } {
  const versions = migrations.map((m) => m.version);
  versions.forEach((v, i) => {
    if (v !== i + 1)
      throw new Error(`migrations must be numbered 1..n without gaps, found ${versions.join(',')}`);
  });
  const latest = migrations.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) throw new NewerDatabaseError(from, latest);
  for (const m of migrations.slice(from)) {
    // under the write lock, the version read again: another process opening the same old workspace
    // at the same moment may have run this migration already
    const step = db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    (step.immediate ?? step)();
  }
  return { from, to: latest };
}
