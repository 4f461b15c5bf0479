import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, screen, session } from 'electron';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ipcEvent } from '../../shared/contract/channels';
import { createDispatcher } from './app/dispatch';
import { createHandlers } from './app/handlers';
import { createStaging, stagingRoot, sweepStaging } from './app/staging';
import { registerIpc, trustedUrl } from './ipc/register';
import { buildMenu } from './platform/menu';
import { CSP } from './security';
import { createMainWindow } from './window';
import { createWindowPrinter } from './platform/report-window';
import { createWorkspaceHost, fitBounds } from './workspace/host';

/**
 * The composition root of the desktop app: the only place (with window.ts, platform/ and the
 * preload) that touches Electron. Everything it wires runs under plain Node in the tests.
 */

// One running app per user: a second start focuses the first and ends before it touches anything.
if (!app.requestSingleInstanceLock()) app.exit(0);
else main();

function main() {
  // Development only (electron-vite sets the first; `npm start` the second): a packaged app ignores
  // both, so no environment variable can point it at another page or load another native module.
  const dev = !app.isPackaged;
  const devUrl = dev ? process.env.ELECTRON_RENDERER_URL : undefined;
  const devHost = devUrl ? new URL(devUrl).host : undefined;
  const binding = dev
    ? process.env.APPRAISAL_NATIVE_BINDING
    : join(process.resourcesPath, 'better_sqlite3.node');
  const rendererFile = join(import.meta.dirname, '../renderer/index.html');
  const reportFile = join(import.meta.dirname, '../renderer/report.html');
  const preload = join(import.meta.dirname, '../preload/index.cjs');
  // built beside index.js (electron.vite.config.ts); missing, long work runs in this thread
  const worker = join(import.meta.dirname, 'background-worker.js');
  const isTrusted = trustedUrl({ rendererFile, devOrigin: devUrl ? new URL(devUrl).origin : undefined });
  const logFile = join(app.getPath('userData'), 'errors.log');

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
      const own = /^(file|devtools|blob|data):/.test(u);
      callback({ cancel: !(own || (devHost !== undefined && hostOf(u) === devHost)) });
    });
    // the packaged page gets its CSP as a header too (the dev server's hot-reload preamble would not run)
    if (!devUrl)
      ses.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
      );
    ses.on('will-download', (_e, item) => {
      item.setSaveDialogOptions({ title: '保存文件', defaultPath: item.getFilename() });
      item.once('done', (_d, state) => {
        if (state === 'interrupted')
          dialog.showErrorBox(
            '文件未保存',
            `“${item.getFilename()}”没有保存成功。若同名文件正在 Excel 或 WPS 中打开，请先关闭它，或换一个文件名再试。`,
          );
      });
    });

    const stageDir = stagingRoot(app.getPath('temp'), process.pid);
    sweepStaging(app.getPath('temp'), stageDir);
    const staging = createStaging(stageDir);
    const host = createWorkspaceHost({
      userData: app.getPath('userData'),
      operator: userInfo().username,
      nativeBinding: binding && existsSync(binding) ? binding : undefined,
      worker: { file: worker },
      onWorkerError: (e) => logError(logFile, 'BACKGROUND', e),
      onChange: (path) => {
        // previews were checked against the workspace that was open: they go with it
        staging.discardAll();
        win?.webContents.send(ipcEvent('workspace:changed'), { workspace: path });
      },
    });
    let missing: string | null = null;
    try {
      missing = (await host.openLast()).missing;
    } catch (e) {
      dialog.showErrorBox(
        '无法打开工作区',
        `${(e as Error).message}\n\n可在“文件”菜单中新建或打开其他工作区。`,
      );
    }

    const handlers = createHandlers({
      services: host.services,
      workspace: host.path,
      background: host.background,
      staging,
      emit: (event, payload) => win?.webContents.send(ipcEvent(event), payload),
      version: app.getVersion(),
      shell: 'electron',
      operator: userInfo().username,
      printer: createWindowPrinter((w) =>
        devUrl ? w.loadURL(new URL('report.html', devUrl).href) : w.loadFile(reportFile),
      ),
    });
    registerIpc(
      ipcMain,
      createDispatcher(handlers, (e, id) => logError(logFile, id, e)),
      isTrusted,
    );

    win = createMainWindow({
      preload,
      bounds: fitBounds(
        host.settings().window,
        screen.getAllDisplays().map((d) => d.workArea),
      ),
      load: (w) => (devUrl ? w.loadURL(devUrl) : w.loadFile(rendererFile)),
      onBounds: (b) => host.rememberWindow(b),
      onFailed: (what) => dialog.showErrorBox('程序界面未能加载', `${what}\n\n请重新安装或联系技术支持。`),
    });
    buildMenu(win, host, (message) => dialog.showErrorBox('操作未完成', message));
    if (missing)
      void dialog.showMessageBox(win, {
        type: 'warning',
        title: '找不到上次的工作区',
        message: `找不到上次使用的工作区：\n${missing}`,
        detail: `它可能在移动硬盘或网络位置上。现在打开的是：\n${host.path() ?? '（无）'}\n\n接上后可在“文件 → 最近打开”中再选它。`,
      });

    app.on('before-quit', () => {
      staging.discardAll();
      host.close();
    });
  });
}

const hostOf = (u: string): string | null => {
  try {
    return new URL(u).host;
  } catch {
    return null;
  }
};

/** What went wrong inside, for support: the page only sees the number. */
function logError(file: string, id: string, e: unknown): void {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  console.error(`[${id}]`, detail);
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    appendFileSync(file, `${new Date().toISOString()} [${id}] ${detail}\n\n`);
  } catch {
    // the log is a help, never a reason to fail
  }
}
