/**
 * A clock for tests that both threads can use: instants `stepMs` apart from `start`, one per call,
 * drawn from one counter in shared memory, so the audit entries the background thread writes fall
 * in order with those of the main thread. A function cannot be sent to a thread; this can.
 */
export interface SharedClock {
  start: number;
  stepMs: number;
  ticks: SharedArrayBuffer;
}

/** A clock function, and the shared clock behind it when there is one (for the background thread). */
export type Clock = (() => Date) & { shared?: SharedClock };

/** The clock over a shared counter: the first call gives start + stepMs (as the tests' fakeClock). */
export function clockOf(shared: SharedClock): () => Date {
  const counter = new Int32Array(shared.ticks);
  return () => new Date(shared.start + (Atomics.add(counter, 0, 1) + 1) * shared.stepMs);
}

/** A stepped clock for tests whose background thread must tell the same time. */
export function steppedClock(start = Date.UTC(2025, 0, 15, 9, 0, 0), stepMs = 1000): Clock {
  const shared: SharedClock = { start, stepMs, ticks: new SharedArrayBuffer(4) };
  return Object.assign(clockOf(shared), { shared });
}
