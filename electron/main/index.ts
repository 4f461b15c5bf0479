import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, session } from 'electron';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ipcEvent } from '../../shared/contract/channels';
import { createDispatcher } from './app/dispatch';
import { createHandlers } from './app/handlers';
import { createStaging } from './app/staging';
import { registerIpc, trustedUrl } from './ipc/register';
import { buildMenu } from './platform/menu';
import { CSP } from './security';
import { createMainWindow } from './window';
import { createWorkspaceHost } from './workspace/host';

/**
 * The composition root of the desktop app: the only place (with window.ts, platform/ and the
 * preload) that touches Electron. Everything it wires runs under plain Node in the tests.
 */

// One running app per user: a second start focuses the first (two writers on one workspace is what SQLite's lock refuses anyway).
if (!app.requestSingleInstanceLock()) app.quit();

const devUrl = process.env.ELECTRON_RENDERER_URL; // set by electron-vite in development
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const preload = join(import.meta.dirname, '../preload/index.cjs');
const isTrusted = trustedUrl({ rendererFile, devOrigin: devUrl ? new URL(devUrl).origin : undefined });

let win: BrowserWindow | null = null;

app.on('second-instance', () => {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
});

// Nothing navigates, opens windows, embeds pages or asks for permissions.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!isTrusted(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(async () => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // nothing leaves the machine: only the app's own files (and the dev server in development) load
  ses.webRequest.onBeforeRequest((details, callback) => {
    const u = details.url;
    const own =
      u.startsWith('file:') || u.startsWith('devtools:') || u.startsWith('blob:') || u.startsWith('data:');
    callback({ cancel: !(own || (devUrl !== undefined && u.startsWith(new URL(devUrl).origin))) });
  });
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  ses.on('will-download', (_e, item) =>
    item.setSaveDialogOptions({ title: '保存文件', defaultPath: item.getFilename() }),
  );

  // The SQLite addon built for Electron by `npm start` (a packaged app has its own in place).
  const binding = process.env.APPRAISAL_NATIVE_BINDING;
  const host = createWorkspaceHost({
    userData: app.getPath('userData'),
    operator: userInfo().username,
    nativeBinding: binding && existsSync(binding) ? binding : undefined,
    onChange: (path) => win?.webContents.send(ipcEvent('workspace:changed'), { workspace: path }),
  });
  const staging = createStaging(join(app.getPath('temp'), `appraisal-staging-${process.pid}`));
  try {
    await host.openLast();
  } catch (e) {
    dialog.showErrorBox(
      '无法打开工作区',
      `${(e as Error).message}\n\n可在“文件”菜单中新建或打开其他工作区。`,
    );
  }

  const handlers = createHandlers({
    services: host.services,
    workspace: host.path,
    staging,
    emit: (event, payload) => win?.webContents.send(ipcEvent(event), payload),
    version: app.getVersion(),
    shell: 'electron',
    operator: userInfo().username,
  });
  registerIpc(
    ipcMain,
    createDispatcher(handlers, (e) => console.error(e)),
    isTrusted,
  );

  win = createMainWindow({
    preload,
    bounds: host.settings().window,
    load: (w) => (devUrl ? w.loadURL(devUrl) : w.loadFile(rendererFile)),
    onBounds: (b) => void host.rememberWindow(b),
  });
  buildMenu(win, host, (message) => dialog.showErrorBox('操作未完成', message));

  app.on('before-quit', () => {
    staging.discardAll();
    host.close();
  });
});
