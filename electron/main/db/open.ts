import Database from 'better-sqlite3';
import { immediateTransactions } from './immediate';
import { migrate, NewerDatabaseError, refuseNewer } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`工作区文件 ${file} 已损坏（${detail}），请从备份恢复`);
  }
}

export class NotAWorkspaceError extends Error {
  constructor(
    readonly file: string,
    detail = '',
  ) {
    super(`${file} 不是考核工作区文件${detail ? `（${detail}）` : ''}`);
  }
}

/**
 * The one place that opens SQLite: WAL for files, foreign keys on, an integrity check, then the
 * migrations. `:memory:` gives a fresh in-memory workspace (tests, `run` without --db).
 */
export function openDatabase(
  file: string,
  options: {
    mustExist?: boolean;
    /** The native addon to load: the desktop app passes one built for Electron's Node ABI. */
    nativeBinding?: string;
  } = {},
): Db {
  let db: Db;
  try {
    db = new Database(file, {
      fileMustExist: options.mustExist ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (e) {
    throw new NotAWorkspaceError(file, (e as Error).message);
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 15000'); // another writer's import may hold the write lock for seconds
    refuseNewer(db, MIGRATIONS); // before anything writes to the file
    if (file !== ':memory:') {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw new CorruptDatabaseError(file, check);
    migrate(db, MIGRATIONS);
    // every write transaction takes the write lock first (see immediate.ts): checks read inside one
    // hold until its writes commit, whoever else writes the file
    return immediateTransactions(db);
  } catch (e) {
    db.close();
    if (e instanceof CorruptDatabaseError || e instanceof NewerDatabaseError) throw e;
    const msg = (e as Error).message;
    if (/not a database|file is encrypted/i.test(msg)) throw new NotAWorkspaceError(file);
    if (/malformed|corrupt/i.test(msg)) throw new CorruptDatabaseError(file, msg);
    throw e;
  }
}
