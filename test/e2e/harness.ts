import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { serveWorkspace } from '../../electron/main/bridge/serve';
import { HEADLESS_ARGS } from '../../electron/main/report/browser';
import { fakeClock } from '../helpers/workspace';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const RENDERER = join(ROOT, '.tmp', 'renderer');
export const SCREENS = join(ROOT, '.tmp', 'screens');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The window as the tests run it: the built renderer in Debian's Chromium (playwright-core),
 * talking over the test bridge to the real handlers and services on a workspace in a temp folder.
 */
export async function startApp() {
  const dir = mkdtempSync(join(tmpdir(), 'appraisal-e2e-'));
  const app = await serveWorkspace({
    userData: dir,
    rendererDir: RENDERER,
    operator: '测试员',
    version: 'test',
    clock: fakeClock(),
  });
  return {
    ...app,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the flags the report printer uses (no network chatter, no GPU). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: HEADLESS_ARGS,
  });
}

/** Console errors and React/Ant Design warnings of a page: a clean run has none. */
export function watchConsole(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || (m.type() === 'warning' && /antd|React|Warning/.test(m.text())))
      found.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => found.push(`pageerror: ${e.message}`));
  return found;
}
