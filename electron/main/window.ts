import { BrowserWindow } from 'electron';
import type { WindowBounds } from './workspace/host';

/**
 * The one window, locked down by Electron's security checklist: context isolation, the sandbox,
 * no Node in the page, web security on, the preload as the only bridge. Its size and place are
 * remembered between runs.
 */
export function createMainWindow(opts: {
  preload: string;
  bounds: WindowBounds | null;
  load: (w: BrowserWindow) => Promise<void>;
  onBounds: (b: WindowBounds) => void;
  /** The page or its preload did not load: said, not left as an empty or hidden window. */
  onFailed: (what: string) => void;
}): BrowserWindow {
  const b = opts.bounds;
  const win = new BrowserWindow({
    width: b?.width ?? 1366,
    height: b?.height ?? 768,
    ...(b?.x !== undefined && b?.y !== undefined ? { x: b.x, y: b.y } : {}),
    minWidth: 1024,
    minHeight: 640,
    title: '综合考核工作台',
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  if (b?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.webContents.on('preload-error', (_e, path, error) =>
    opts.onFailed(`预载脚本出错：${path}\n${error.message}`),
  );
  win.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    win.show();
    opts.onFailed(`页面加载失败（${code} ${description}）：${url}`);
  });
  win.on('close', () => {
    const r = win.getNormalBounds();
    opts.onBounds({ width: r.width, height: r.height, x: r.x, y: r.y, maximized: win.isMaximized() });
  });
  opts.load(win).catch(() => {}); // did-fail-load has said what went wrong
  return win;
}
