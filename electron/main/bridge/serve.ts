import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../app/clock';
import { createDispatcher } from '../app/dispatch';
import { createHandlers } from '../app/handlers';
import { createStaging } from '../app/staging';
import { createWorkspaceHost } from '../workspace/host';
import { createChromiumPrinter } from '../report/chromium';
import type { Bridge } from './server';
import { startBridge } from './server';

/** The background thread's code under plain Node: the TypeScript source, through tsx. */
export const WORKER_SOURCE = fileURLToPath(new URL('../app/background-worker.ts', import.meta.url));

/**
 * The window in a browser: a workspace host in `userData`, the handlers over it, and the bridge
 * serving them with the built renderer — what the browser tests and `npm run web` run. Long work
 * runs in the workspace's background thread, as in the app.
 */
export async function serveWorkspace(opts: {
  userData: string;
  rendererDir: string;
  operator: string;
  version: string;
  /** A test's clock: one from steppedClock is the background thread's too (else it tells real time). */
  clock?: Clock;
  port?: number;
}) {
  mkdirSync(opts.userData, { recursive: true });
  const staging = createStaging(join(opts.userData, 'staging'));
  const errors: unknown[] = [];
  let bridge: Bridge | null = null;
  // as in the desktop app: another workspace voids the previews and tells the page
  const host = createWorkspaceHost({
    userData: opts.userData,
    operator: opts.operator,
    clock: opts.clock,
    onChange: (path) => {
      staging.discardAll();
      bridge?.emit('workspace:changed', { workspace: path });
    },
    worker: { file: WORKER_SOURCE, typescript: true },
    onWorkerError: (e) => errors.push(e),
  });
  await host.openLast();
  // reports are laid out by the window's own build of the report page, served here, in headless Chromium
  const printer = createChromiumPrinter({ pageUrl: () => new URL('report.html', bridge?.url).href });
  const handlers = createHandlers({
    services: host.services,
    workspace: host.path,
    background: host.background,
    clock: opts.clock,
    staging,
    emit: (e, p) => bridge?.emit(e, p),
    version: opts.version,
    shell: 'browser',
    operator: opts.operator,
    printer,
  });
  bridge = await startBridge({
    dispatch: createDispatcher(handlers, (e) => errors.push(e)),
    rendererDir: opts.rendererDir,
    port: opts.port,
  });
  const served = bridge;
  return {
    url: served.url,
    host,
    /**
     * Exceptions the handlers threw (each came back to the page as an INTERNAL result), and
     * background threads that crashed or could not start.
     */
    errors,
    async close() {
      await served.close();
      staging.discardAll();
      await printer.close();
      host.close();
    },
  };
}
