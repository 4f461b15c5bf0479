/**
 * The Electron-only files, run under plain Node with a stand-in for the `electron` module (its
 * binary cannot be downloaded here): what the composition root wires when the app starts — the
 * window's web preferences, IPC for every channel with the sender check, permissions denied,
 * requests kept on the machine, the CSP header, navigation and new windows refused, the default
 * workspace in user data, one instance — and what the preload exposes to the page.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract/channels';
import { openDatabase } from '../../../electron/main/db/open';
import { createServices } from '../../../electron/main/services';
import { cityComputed, fakeClock } from '../../helpers/workspace';

type Listener = (...args: unknown[]) => unknown;

/** The parts of Electron the app uses, recording what is done with them. */
function fakeElectron(opts: { userData: string; lock?: boolean }) {
  const on = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on(event: string, f: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), f]);
        return this;
      },
      once(event: string, f: Listener) {
        return this.on(event, f);
      },
      emit(event: string, ...args: unknown[]) {
        return (listeners.get(event) ?? []).map((f) => f(...args));
      },
    };
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const app = {
    ...on(),
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => opts.lock ?? true),
    exit: vi.fn(),
    quit: vi.fn(),
    whenReady: () => whenReady,
    getPath: (name: string) => (name === 'userData' ? opts.userData : join(opts.userData, 'temp')),
    getVersion: () => '0.1.0',
  };
  const handlers = new Map<string, Listener>();
  const ipcMain = { handle: (c: string, f: Listener) => handlers.set(c, f), removeHandler: vi.fn() };
  const web = {
    onBeforeRequest: undefined as Listener | undefined,
    onHeadersReceived: undefined as Listener | undefined,
  };
  const ses = {
    ...on(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    setPermissionRequestHandler(f: Listener) {
      ses.permissionRequest = f;
    },
    setPermissionCheckHandler(f: Listener) {
      ses.permissionCheck = f;
    },
    webRequest: {
      onBeforeRequest: (f: Listener) => (web.onBeforeRequest = f),
      onHeadersReceived: (f: Listener) => (web.onHeadersReceived = f),
    },
  };
  const windows: {
    options: Record<string, unknown>;
    loaded: string | null;
    contents: ReturnType<typeof on> & {
      executeJavaScript: ReturnType<typeof vi.fn>;
      printToPDF: ReturnType<typeof vi.fn>;
    };
    window: { destroyed: boolean };
  }[] = [];
  class BrowserWindow {
    webContents = {
      ...on(),
      send: vi.fn(),
      // the report window: renderReport gives its section count, reportSnapshot the page
      executeJavaScript: vi.fn((code: string) =>
        Promise.resolve(code.startsWith('window.reportSnapshot') ? '<!doctype html><p>snapshot</p>' : 3),
      ),
      printToPDF: vi.fn(() => Promise.resolve(Buffer.from('%PDF-1.4 /Type /Page /Type /Page'))),
    };
    destroyed = false;
    destroy() {
      this.destroyed = true;
    }
    record: (typeof windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: null, contents: this.webContents, window: this };
      windows.push(this.record);
    }
    once() {}
    on() {}
    maximize() {}
    show() {}
    loadFile(f: string) {
      this.record.loaded = f;
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.record.loaded = u;
      return Promise.resolve();
    }
  }
  const dialog = {
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })),
    showOpenDialog: vi.fn(),
    showSaveDialog: vi.fn(),
  };
  const Menu = { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() };
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }] };
  return {
    module: { app, ipcMain, session: { defaultSession: ses }, BrowserWindow, dialog, Menu, screen },
    app,
    ready,
    handlers,
    ses,
    web,
    windows,
    dialog,
    Menu,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appraisal-shell-'));
  vi.resetModules();
});
afterEach(() => {
  vi.doUnmock('electron');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the app's main module against the stand-in and waits until its window exists. */
async function start(opts: { lock?: boolean } = {}) {
  const e = fakeElectron({ userData: dir, ...opts });
  vi.doMock('electron', () => ({ ...e.module, default: e.module }));
  await import('../../../electron/main/index');
  e.ready();
  await vi.waitFor(() => expect(e.windows.length + e.app.exit.mock.calls.length).toBeGreaterThan(0));
  return e;
}

const MAIN = resolve(import.meta.dirname, '../../../electron/main');
const PAGE = pathToFileURL(join(MAIN, '../renderer/index.html')).href;

describe('the desktop app starting', () => {
  it('opens one locked-down window on its own page, with the default workspace in user data', async () => {
    const e = await start();
    expect(e.windows).toHaveLength(1);
    const w = e.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(MAIN, '../preload/index.cjs'),
    });
    expect(w.loaded).toBe(join(MAIN, '../renderer/index.html'));
    expect(existsSync(join(dir, '综合考核工作区.db'))).toBe(true);
    expect(e.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const labels = (
      e.Menu.buildFromTemplate.mock.calls[0]![0] as { label: string; submenu: { label?: string }[] }[]
    )
      .find((m) => m.label === '文件')!
      .submenu.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['新建工作区…', '打开工作区…', '最近打开', '备份工作区…']));
    e.app.emit('before-quit');
  });

  it('answers every channel of the contract, for its own page only', async () => {
    const e = await start();
    expect([...e.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map((c) => `api:${c}`).sort());
    const info = e.handlers.get('api:app:info')!;
    expect(await info({ senderFrame: { url: PAGE } }, {})).toMatchObject({
      ok: true,
      value: { workspace: join(dir, '综合考核工作区.db'), version: '0.1.0' },
    });
    expect(await info({ senderFrame: { url: 'https://example.com/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await info({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    e.app.emit('before-quit');
  });

  it('prints reports in a hidden, locked-down window of the report page, with Chromium’s printToPDF', async () => {
    const e = await start();
    // the city computed in the workspace the app opened (a second connection: WAL allows it)
    const db = openDatabase(join(dir, '综合考核工作区.db'));
    const { cycle } = await cityComputed(createServices({ db, clock: fakeClock(), operator: '测试员' }));
    db.close();
    const build = e.handlers.get('api:report:build')!;
    const r = (await build(
      { senderFrame: { url: PAGE } },
      { cycleId: cycle.id, office: '考核办', confidential: true, cards: false },
    )) as { ok: boolean; value: { pdf: Uint8Array; html: string; pages: number } };
    expect(r).toMatchObject({ ok: true, value: { pages: 2, html: '<!doctype html><p>snapshot</p>' } });
    const w = e.windows[1]!;
    expect(w.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect((w.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(w.loaded).toBe(join(MAIN, '../renderer/report.html'));
    const [render] = w.contents.executeJavaScript.mock.calls[0] as [string];
    expect(render).toMatch(/^window\.renderReport\(\{"precision":2,/);
    expect(render).toContain('"office":"考核办"');
    expect(w.contents.printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true });
    expect(w.window.destroyed).toBe(true);
    e.app.emit('before-quit');
  });

  it('denies permissions, keeps every request on the machine and sends the CSP', async () => {
    const e = await start();
    const asked = vi.fn();
    e.ses.permissionRequest!(null, 'media', asked);
    expect(asked).toHaveBeenCalledWith(false);
    expect(e.ses.permissionCheck!()).toBe(false);
    const decide = (url: string) => {
      let r: unknown;
      e.web.onBeforeRequest!({ url }, (x: unknown) => (r = x));
      return r;
    };
    expect(decide(PAGE)).toEqual({ cancel: false });
    expect(decide('blob:file:///x')).toEqual({ cancel: false });
    for (const url of ['https://example.com/', 'http://127.0.0.1:5178/', 'ws://evil/'])
      expect(decide(url)).toEqual({ cancel: true });
    let headers: Record<string, string[]> = {};
    e.web.onHeadersReceived!({ responseHeaders: {} }, (x: { responseHeaders: Record<string, string[]> }) => {
      headers = x.responseHeaders;
    });
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'");
    e.app.emit('before-quit');
  });

  it('refuses navigation away, new windows and webviews in every page', async () => {
    const e = await start();
    const contents = {
      handlers: new Map<string, Listener>(),
      on(ev: string, f: Listener) {
        this.handlers.set(ev, f);
      },
      openHandler: undefined as Listener | undefined,
      setWindowOpenHandler(f: Listener) {
        this.openHandler = f;
      },
    };
    e.app.emit('web-contents-created', {}, contents);
    const event = () => ({ preventDefault: vi.fn() });
    const away = event();
    contents.handlers.get('will-navigate')!(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const own = event();
    contents.handlers.get('will-navigate')!(own, PAGE);
    expect(own.preventDefault).not.toHaveBeenCalled();
    const redirect = event();
    contents.handlers.get('will-redirect')!(redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = event();
    contents.handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    e.app.emit('before-quit');
  });

  it('says so when the last workspace is not there, and which one it opened instead', async () => {
    const gone = join(dir, 'U盘', '2024.db');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ recent: [gone], window: null }));
    const e = await start();
    await vi.waitFor(() => expect(e.dialog.showMessageBox).toHaveBeenCalled());
    const [, shown] = e.dialog.showMessageBox.mock.calls[0] as unknown as [
      unknown,
      { message: string; detail: string },
    ];
    expect(shown.message).toContain(gone);
    expect(shown.detail).toContain(join(dir, '综合考核工作区.db'));
    e.app.emit('before-quit');
  });

  it('as a second instance, ends at once without opening anything', async () => {
    const e = await start({ lock: false });
    expect(e.app.exit).toHaveBeenCalledWith(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(e.windows).toEqual([]);
    expect(e.handlers.size).toBe(0);
    expect(existsSync(join(dir, '综合考核工作区.db'))).toBe(false);
  });
});

describe('the preload', () => {
  it('exposes invoke and on for the contract’s channels and events, and nothing else', async () => {
    let exposed: Record<string, Listener> = {};
    const invoke = vi.fn(() => Promise.resolve({ ok: true }));
    const listeners = new Map<string, Listener>();
    vi.doMock('electron', () => ({
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, Listener>) => {
          expect(key).toBe('api');
          exposed = api;
        },
      },
      ipcRenderer: {
        invoke,
        on: (c: string, f: Listener) => listeners.set(c, f),
        removeListener: (c: string) => listeners.delete(c),
      },
    }));
    await import('../../../electron/preload/index');
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on']);

    await exposed.invoke!('cycle:list', {});
    expect(invoke).toHaveBeenCalledWith('api:cycle:list', {});
    expect(await exposed.invoke!('shell:openExternal', 'https://x')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(invoke).toHaveBeenCalledTimes(1);

    const got: unknown[] = [];
    const off = exposed.on!('workspace:changed', (p: unknown) => got.push(p)) as () => void;
    listeners.get('event:workspace:changed')!({ sender: 'the IPC event' }, { workspace: 'x.db' });
    expect(got).toEqual([{ workspace: 'x.db' }]); // the payload only, never the event
    off();
    expect(listeners.size).toBe(0);
    exposed.on!('not:an-event', () => {});
    expect(listeners.size).toBe(0);
  });
});
