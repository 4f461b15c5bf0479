import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';

/**
 * A cancel flag both threads read: the main thread sets it, and a job deep in synchronous work in
 * the background thread (sensitivity draws), whose event loop cannot see a message, reads it.
 */
export interface StopFlag {
  readonly buffer: SharedArrayBuffer;
  stop(): void;
  stopped(): boolean;
}

export function createStopFlag(buffer = new SharedArrayBuffer(4)): StopFlag {
  const cell = new Int32Array(buffer);
  return {
    buffer,
    stop: () => void Atomics.store(cell, 0, 1),
    stopped: () => Atomics.load(cell, 0) === 1,
  };
}

/** One long call while it runs: how it is stopped, and who is told. */
export interface TaskHandle {
  /** The page's id for it; null when the page gave none (it cannot be cancelled then). */
  readonly id: string | null;
  readonly flag: StopFlag;
  /** Aborted on cancel: what the importer listens to. */
  readonly signal: AbortSignal;
  /** Runs `f` on cancel (at once if already cancelled); the background tells its thread this way. */
  onCancel(f: () => void): void;
  /** Settles when the task is cancelled (never otherwise): a print can be raced against it. */
  readonly cancelled: Promise<void>;
  /** The call has answered: the id may be used again and a cancel no longer finds it. */
  end(): void;
}

/** Ids cancelled before their call arrived (over HTTP the two requests may cross): a few are kept. */
const EARLY_KEPT = 64;

/**
 * The long calls running now, by the id the page chose for each, so that `task:cancel` finds them.
 * Lives in the main thread, beside the handlers.
 */
export function createTasks() {
  const running = new Map<string, TaskHandle>();
  const early = new Set<string>();

  function handle(id: string | null): TaskHandle {
    const flag = createStopFlag();
    const controller = new AbortController();
    const listeners: (() => void)[] = [];
    let fire = () => {};
    const cancelled = new Promise<void>((resolve) => (fire = resolve));
    const h: TaskHandle & { cancel(): void } = {
      id,
      flag,
      signal: controller.signal,
      cancelled,
      onCancel(f) {
        if (flag.stopped()) f();
        else listeners.push(f);
      },
      cancel() {
        if (flag.stopped()) return;
        flag.stop();
        controller.abort();
        fire();
        for (const f of listeners.splice(0)) f();
      },
      end() {
        if (id !== null && running.get(id) === h) running.delete(id);
      },
    };
    return h;
  }

  return {
    /** Starts a task under the page's id (or none); an id already running is refused. */
    begin(id?: string): Result<TaskHandle> {
      if (id === undefined) return ok(handle(null));
      if (running.has(id)) return fail('INVALID_INPUT', '任务编号重复：同一编号的操作仍在进行');
      const h = handle(id) as TaskHandle & { cancel(): void };
      running.set(id, h);
      if (early.delete(id)) h.cancel();
      return ok(h);
    },
    /** Cancels a running task; an id not running yet is remembered for the call that names it. */
    cancel(id: string): boolean {
      const h = running.get(id) as (TaskHandle & { cancel(): void }) | undefined;
      if (h) {
        h.cancel();
        return true;
      }
      early.add(id);
      for (const old of [...early].slice(0, Math.max(0, early.size - EARLY_KEPT))) early.delete(old);
      return false;
    },
    /** Ids running now (tests, diagnostics). */
    running: () => [...running.keys()],
  };
}
export type Tasks = ReturnType<typeof createTasks>;
