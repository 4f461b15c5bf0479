import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { createServices } from '../services';
import type { FromWorker, ToWorker, WorkerConfig } from './background';
import { clockOf } from './clock';
import { runJob } from './jobs';
import { createStopFlag } from './tasks';

/**
 * The background thread of an open workspace (see background.ts): its own connection to the
 * workspace file and its own services, running the jobs the main thread sends. Built beside
 * index.js for the app; run through tsx under plain Node.
 */
const port = parentPort;
if (!port) throw new Error('background-worker runs only as a worker thread');
const config = workerData as WorkerConfig;

// the main thread opened (and migrated) the file already: it must be there
const db = openDatabase(config.workspace, { mustExist: true, nativeBinding: config.nativeBinding });
const services = createServices({
  db,
  clock: config.clock ? clockOf(config.clock) : () => new Date(),
  operator: config.operator,
});

const send = (m: FromWorker) => port.postMessage(m);
const running = new Map<number, AbortController>();

port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') {
    running.get(m.id)?.abort();
    return;
  }
  const { id, job } = m;
  const flag = createStopFlag(m.stop);
  const controller = new AbortController();
  if (flag.stopped()) controller.abort();
  running.set(id, controller);
  void (async () => {
    try {
      const result = await runJob(services, job, {
        // BEGIN IMMEDIATE (db/immediate.ts): the main thread's writes wait for it
        atomically: (f) => db.transaction(f)(),
        stopped: flag.stopped,
        signal: controller.signal,
        progress: (progress) => {
          // a cancel that came while this thread was busy reading: its message waits in the queue
          if (flag.stopped()) controller.abort();
          send({ type: 'progress', id, progress });
        },
      });
      // (a result that cannot be cloned throws here, and is reported as the job's failure)
      send({ type: 'done', id, result });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      send({ type: 'failed', id, error: { name: error.name, message: error.message, stack: error.stack } });
    } finally {
      running.delete(id);
    }
  })();
});

send({ type: 'ready' });
