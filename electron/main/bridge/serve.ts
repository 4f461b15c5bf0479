import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../app/dispatch';
import { createHandlers } from '../app/handlers';
import { createStaging } from '../app/staging';
import { createWorkspaceHost } from '../workspace/host';
import { createChromiumPrinter } from '../report/chromium';
import type { Bridge } from './server';
import { startBridge } from './server';

/**
 * The window in a browser: a workspace host in `userData`, the handlers over it, and the bridge
 * serving them with the built renderer — what the browser tests and `npm run web` run.
 */
export async function serveWorkspace(opts: {
  userData: string;
  rendererDir: string;
  operator: string;
  version: string;
  clock?: () => Date;
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
  });
  await host.openLast();
  // reports are laid out by the window's own build of the report page, served here, in headless Chromium
  const printer = createChromiumPrinter({ pageUrl: () => new URL('report.html', bridge?.url).href });
  const handlers = createHandlers({
    services: host.services,
    workspace: host.path,
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
    /** Exceptions the handlers threw (each came back to the page as an INTERNAL result). */
    errors,
    async close() {
      await served.close();
      staging.discardAll();
      await printer.close();
      host.close();
    },
  };
}
