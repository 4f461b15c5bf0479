import type { Issue } from '../domain/issue';

/** What a service or an IPC call returns: never an exception across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export interface AppError {
  code: AppErrorCode;
  /** A sentence in Chinese saying what happened and what to do. */
  message: string;
  /** Every problem found, each with its place (`Sheet!Cell`, or target/indicator). */
  issues?: Issue[];
}

export type AppErrorCode =
  | 'NOT_FOUND'
  | 'DUPLICATE_NAME'
  | 'CYCLE_PUBLISHED'
  | 'INVALID_INPUT'
  | 'SCHEME_REFUSED'
  | 'IMPORT_REFUSED'
  | 'COMPUTE_BLOCKED'
  | 'RESULT_STALE'
  /** The workspace file was edited outside the program: rows or a result no longer match their record. */
  | 'DATA_CHANGED'
  | 'READ_FAILED'
  | 'WRITE_FAILED'
  | 'FILE_EXISTS'
  | 'NOTHING_TO_FILL'
  | 'CANCELLED'
  | 'CONFIRM_NEEDED'
  | 'FORBIDDEN'
  /** Something this computer lacks (a browser to print reports with). */
  | 'UNAVAILABLE'
  | 'INTERNAL';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: AppErrorCode, message: string, issues?: Issue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});
