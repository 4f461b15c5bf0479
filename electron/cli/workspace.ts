/**
 * A workspace opened for one command, and how refusals are printed. This module brings in SQLite
 * and every service (ExcelJS among them): commands import it only once their arguments are known
 * to be good, so that `--help` and usage errors start fast.
 */
import { existsSync, rmSync } from 'node:fs';
import type { AppError, Result } from '../../shared/contract/result';
import type { Db } from '../main/db/open';
import { openDatabase } from '../main/db/open';
import { createServices } from '../main/services';
import type { Services } from '../main/services';
import type { CliIo } from './cli';
import { EXIT } from './args';
import { issuesText } from './format';

export async function withWorkspace(
  file: string,
  io: CliIo,
  body: (s: Services, db: Db) => Promise<number>,
  opts: { create?: boolean } = {},
): Promise<number> {
  const fresh = opts.create === true && !existsSync(file);
  // Only init, scheme import and run may make a new workspace: a mistyped path must not.
  if (!opts.create && !existsSync(file)) {
    io.err(`工作区文件 ${file} 不存在（新建工作区请用 appraisal init）`);
    return EXIT.refused;
  }
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (e) {
    io.err((e as Error).message);
    return EXIT.refused;
  }
  let code: number = EXIT.internal;
  try {
    code = await body(createServices({ db, clock: io.clock, operator: io.operator }), db);
    return code;
  } finally {
    db.close();
    // a workspace made for a command that was refused holds nothing: it is not left behind
    if (fresh && code !== EXIT.done)
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

export function refused(io: CliIo, error: AppError): number {
  io.err(error.message);
  if (error.issues?.length) io.err(issuesText(error.issues));
  return EXIT.refused;
}

export function orRefuse<T>(io: CliIo, r: Result<T>): T | null {
  if (r.ok) return r.value;
  refused(io, r.error);
  return null;
}
