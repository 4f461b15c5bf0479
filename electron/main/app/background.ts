import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Result } from '../../../shared/contract/result';
import type { SharedClock } from './clock';
import type { Job, JobProgress, JobResult } from './jobs';
import type { TaskHandle } from './tasks';

/**
 * Where the background thread's code is: the built JavaScript beside index.js in the app
 * (electron-vite's second input), or the TypeScript source under plain Node (npm run web, the
 * tests), loaded through tsx. The composition root says which.
 */
export interface WorkerEntry {
  file: string;
  typescript?: boolean;
}

/** What the background thread is given when it starts (workerData): plain values only. */
export interface WorkerConfig {
  /** The workspace file: the thread opens it with a connection of its own. */
  workspace: string;
  operator: string;
  /** The SQLite addon built for Electron (the app); none under plain Node. */
  nativeBinding?: string;
  /** A test's clock, shared with the main thread; none: the computer's clock. */
  clock?: SharedClock;
}

/**
 * The messages between the threads. Main → thread: `run` a job (with the shared cancel flag it
 * reads between draws), `cancel` one (aborts an import at its next chunk). Thread → main: `ready`
 * once the workspace is open, `progress` of a job, and its end: `done` with its Result, or
 * `failed` with the exception it threw (logged in main under a number, as any handler's).
 */
export type ToWorker =
  { type: 'run'; id: number; job: Job; stop: SharedArrayBuffer } | { type: 'cancel'; id: number };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'done'; id: number; result: Result<unknown> }
  | { type: 'failed'; id: number; error: { name: string; message: string; stack?: string } };

/** The thread ended while a job ran in it (a crash, or the workspace was closed): the job did not finish. */
export class BackgroundLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackgroundLostError';
  }
}

/** There is no thread to run in (an in-memory workspace, no worker file, one that could not start). */
export class BackgroundUnavailableError extends Error {
  constructor(readonly reason: unknown = null) {
    super('the background thread is not available');
    this.name = 'BackgroundUnavailableError';
  }
}

const CRASHED =
  '后台处理意外中断，本次操作没有完成（导入时已写入的文件不受影响），请重试；如反复出现，请联系技术支持';
const CLOSED = '工作区已关闭或已更换，本次操作没有完成';

interface Pending {
  worker: Worker;
  resolve: (r: Result<unknown>) => void;
  reject: (e: unknown) => void;
  onProgress: (p: JobProgress) => void;
}

/**
 * The background thread of one open workspace: long work (imports, compute, sensitivity, building
 * reports) runs there, over its own connection and services, so the main thread stays free to
 * answer the window. Jobs run side by side in it and interleave at their awaits; compute and
 * imports share it, so compute's kept state stays warm. It starts at once (loading takes a second
 * or two) and again after a crash, on the next job; one that cannot start at all is given up, and
 * its jobs fail with BackgroundUnavailableError so that the caller runs them itself.
 */
export function createBackground(
  opts: WorkerConfig & {
    entry: WorkerEntry;
    /** A crash, or a thread that could not start: for the error log. */
    onError?: (e: unknown) => void;
  },
) {
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let closed = false;
  let seq = 0;
  let unavailable: unknown =
    opts.workspace === ':memory:'
      ? 'an in-memory workspace cannot be opened twice'
      : existsSync(opts.entry.file)
        ? null
        : `no worker file ${opts.entry.file}`;

  const settle = (w: Worker, fail: (p: Pending) => void) => {
    for (const [id, p] of pending)
      if (p.worker === w) {
        pending.delete(id);
        fail(p);
      }
  };

  function spawn(): Worker {
    const workerData: WorkerConfig = {
      workspace: opts.workspace,
      operator: opts.operator,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
    };
    const w = opts.entry.typescript
      ? new Worker(tsxBootstrap(opts.entry.file), { eval: true, workerData, execArgv: [] })
      : new Worker(opts.entry.file, { workerData });
    let error: unknown = null;
    let ready = false;
    w.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        ready = true;
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress(m.progress);
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.error.message), m.error));
    });
    w.on('error', (e) => (error = e));
    w.on('exit', (code) => {
      if (w !== worker) return; // closed on purpose: its jobs were told already
      worker = null;
      const why = error ?? new Error(`background thread exited with code ${code}`);
      opts.onError?.(why);
      if (!ready) {
        // it never opened the workspace: it will not the next time either
        unavailable = why;
        settle(w, (p) => p.reject(new BackgroundUnavailableError(why)));
      } else settle(w, (p) => p.reject(new BackgroundLostError(CRASHED)));
    });
    // idle, it must not keep a script (or a test) from ending; a job in flight keeps it referenced
    w.unref();
    return w;
  }

  /** A new thread, or none (then `unavailable` says why): one that cannot even be made is given up. */
  function start(): Worker | null {
    try {
      return (worker = spawn());
    } catch (e) {
      unavailable = e;
      opts.onError?.(e);
      return null;
    }
  }

  if (unavailable === null) start();

  return {
    /** Runs a job in the thread; progress as it comes. Rejects with the errors above. */
    run<J extends Job>(
      job: J,
      task: TaskHandle,
      onProgress: (p: JobProgress) => void,
    ): Promise<JobResult<J>> {
      if (closed) return Promise.reject(new BackgroundLostError(CLOSED));
      const w = unavailable === null ? (worker ?? start()) : null;
      if (!w) return Promise.reject(new BackgroundUnavailableError(unavailable));
      const id = ++seq;
      return new Promise<Result<unknown>>((resolve, reject) => {
        pending.set(id, { worker: w, resolve, reject, onProgress });
        w.ref();
        try {
          w.postMessage({ type: 'run', id, job, stop: task.flag.buffer } satisfies ToWorker);
        } catch (e) {
          pending.delete(id);
          if (pending.size === 0) w.unref();
          reject(e);
          return;
        }
        task.onCancel(() => {
          if (pending.has(id)) w.postMessage({ type: 'cancel', id } satisfies ToWorker);
        });
      }) as Promise<JobResult<J>>;
    },
    /** Ends the thread (the workspace closes): jobs still running there fail with BackgroundLostError. */
    async close(): Promise<void> {
      closed = true;
      const w = worker;
      worker = null;
      if (!w) return;
      settle(w, (p) => p.reject(new BackgroundLostError(CLOSED)));
      await w.terminate();
    },
    /** The thread running now, if any (tests watch it end). */
    current: (): Worker | null => worker,
    /** Whether jobs go to a thread (false: they must run where they are asked). */
    available: (): boolean => !closed && unavailable === null,
  };
}
export type Background = ReturnType<typeof createBackground>;

/**
 * Code that starts the TypeScript entry under plain Node: tsx is registered inside the thread
 * first. (Node 20 ignores `--import tsx` in a Worker's execArgv for the thread's own modules —
 * nodejs/node#47747 — so the loader cannot simply be passed down.)
 */
function tsxBootstrap(file: string): string {
  // resolved here: code evaluated in a thread resolves bare names from the working folder
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(file).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}
