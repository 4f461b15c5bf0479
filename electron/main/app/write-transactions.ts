import type { Db } from '../db/open';

/**
 * Makes every transaction the services start on this connection BEGIN IMMEDIATE. Two connections
 * write to the workspace now (the main thread's and the background thread's). A deferred
 * transaction that reads first and then writes must upgrade its read snapshot to a write lock, and
 * in WAL mode that upgrade fails at once with SQLITE_BUSY (busy_timeout does not apply) when the
 * other connection holds the write lock or has committed since the snapshot was taken. IMMEDIATE
 * takes the write lock up front, waiting for it under busy_timeout, so it never upgrades. Every
 * transaction the services open writes, so nothing is lost by taking the lock first; nested ones
 * stay savepoints.
 */
export function immediateTransactions(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => transaction(fn).immediate) as Db['transaction'];
  return db;
}
