import type Database from 'better-sqlite3';

const patched = new WeakSet<Database.Database>();

/**
 * Makes every transaction started on this connection BEGIN IMMEDIATE (openDatabase does it for
 * every connection it opens). Several connections write to one workspace: the window's main and
 * background threads, and any number of `appraisal` processes. A deferred
 * transaction that reads first and then writes must upgrade its read snapshot to a write lock, and
 * in WAL mode that upgrade fails at once with SQLITE_BUSY (busy_timeout does not apply) when the
 * other connection holds the write lock or has committed since the snapshot was taken. IMMEDIATE
 * takes the write lock up front, waiting for it under busy_timeout, so it never upgrades. Every
 * transaction the services open writes, so nothing is lost by taking the lock first; nested ones
 * stay savepoints.
 */
export function immediateTransactions<D extends Database.Database>(db: D): D {
  if (patched.has(db)) return db;
  patched.add(db);
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<D['transaction']>[0]) => transaction(fn).immediate) as D['transaction'];
  return db;
}

/**
 * Runs `fn` in one read transaction (BEGIN DEFERRED, whatever `db.transaction` begins): every read
 * sees the same snapshot of the file while other processes go on writing. For reads that must agree
 * with each other (the rows computed and the digests that name them). Inside a transaction already,
 * `fn` simply runs in it.
 */
export function readSnapshot<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  db.exec('BEGIN DEFERRED');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
