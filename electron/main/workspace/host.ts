import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/open';
import { openDatabase } from '../db/open';
import type { Services } from '../services';
import { createServices } from '../services';
import type { Background, WorkerEntry } from '../app/background';
import { createBackground } from '../app/background';
import type { Clock } from '../app/clock';

/** What the app remembers between runs: recent workspaces and the window's size. */
export interface Settings {
  recent: string[];
  window: WindowBounds | null;
}
export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const int = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? Math.round(v) : undefined;

/** Window bounds as saved, if they make sense (a hand-edited or damaged settings file is ignored). */
export function readBounds(v: unknown): WindowBounds | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const width = int(o.width, 400, 20_000);
  const height = int(o.height, 300, 20_000);
  if (width === undefined || height === undefined) return null;
  const x = int(o.x, -50_000, 50_000);
  const y = int(o.y, -50_000, 50_000);
  return {
    width,
    height,
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    ...(o.maximized === true ? { maximized: true } : {}),
  };
}

/**
 * The saved bounds fitted to the screens there are now: no bigger than the largest work area, and
 * the place kept only if a good part of the title bar is on some screen (a monitor unplugged since
 * would otherwise open the window out of sight).
 */
export function fitBounds(b: WindowBounds | null, workAreas: readonly Rect[]): WindowBounds | null {
  if (!b || workAreas.length === 0) return b;
  const width = Math.min(b.width, Math.max(...workAreas.map((a) => a.width)));
  const height = Math.min(b.height, Math.max(...workAreas.map((a) => a.height)));
  const { maximized } = b;
  const base = { width, height, ...(maximized ? { maximized } : {}) };
  if (b.x === undefined || b.y === undefined) return base;
  const { x, y } = b;
  const titleBar = { x, y, width, height: 32 };
  const visible = workAreas.some((a) => {
    const w = Math.min(titleBar.x + titleBar.width, a.x + a.width) - Math.max(titleBar.x, a.x);
    const h = Math.min(titleBar.y + titleBar.height, a.y + a.height) - Math.max(titleBar.y, a.y);
    return w >= 100 && h >= 16;
  });
  return visible ? { ...base, x, y } : base;
}

const RECENT = 8;
export const DEFAULT_WORKSPACE = '综合考核工作区.db';

/**
 * The open workspace of the desktop app: one SQLite file at a time, its services, its background
 * thread for long work, and the settings file beside the app's data. Plain Node (tested without
 * Electron); the shell gives it the user-data folder, the Electron build of the SQLite addon and
 * where the background thread's code is.
 */
export function createWorkspaceHost(opts: {
  userData: string;
  operator: string;
  /** A test's clock; one from steppedClock is shared with the background thread too. */
  clock?: Clock;
  nativeBinding?: string;
  onChange?: (path: string | null) => void;
  /** The background thread's code; without it, long work runs in the calling thread. */
  worker?: WorkerEntry;
  /** A background thread crashed, or could not start (then work runs in the calling thread): for the log. */
  onWorkerError?: (e: unknown) => void;
}) {
  const settingsFile = join(opts.userData, 'settings.json');
  let db: Db | null = null;
  let services: Services | null = null;
  let background: Background | null = null;
  let current: string | null = null;

  function readSettings(): Settings {
    try {
      const s = JSON.parse(readFileSync(settingsFile, 'utf8')) as Partial<Settings>;
      return {
        recent: Array.isArray(s.recent) ? s.recent.filter((p) => typeof p === 'string').slice(0, RECENT) : [],
        window: readBounds(s.window),
      };
    } catch {
      return { recent: [], window: null };
    }
  }
  let settings = readSettings();
  // written at once and whole (temp file + rename): it is also called while the app quits
  const saveSettings = () => {
    mkdirSync(opts.userData, { recursive: true });
    const tmp = `${settingsFile}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(settings, null, 2));
      renameSync(tmp, settingsFile);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  };

  function close() {
    // jobs still running in the thread are told the workspace closed; SQLite rolls back what it had begun
    void background?.close();
    background = null;
    db?.close();
    db = null;
    services = null;
    current = null;
  }

  /** Opens (or, with `create`, makes) a workspace file; the previous one is closed only if it works. */
  async function open(path: string, mode: 'open' | 'create' | 'either' = 'either'): Promise<void> {
    const file = resolve(path);
    const exists = existsSync(file);
    if (mode === 'open' && !exists) throw new Error(`工作区文件 ${file} 不存在`);
    if (mode === 'create' && exists) throw new Error(`${file} 已存在，请换一个文件名，或用“打开工作区”`);
    mkdirSync(dirname(file), { recursive: true });
    const next = openDatabase(file, { nativeBinding: opts.nativeBinding });
    close();
    db = next;
    current = file;
    services = createServices({ db, clock: opts.clock ?? (() => new Date()), operator: opts.operator });
    // started now, while the operator looks at the first screen: loading it takes a second or two
    if (opts.worker)
      background = createBackground({
        entry: opts.worker,
        workspace: file,
        operator: opts.operator,
        nativeBinding: opts.nativeBinding,
        clock: opts.clock?.shared,
        onError: opts.onWorkerError,
      });
    settings = { ...settings, recent: [file, ...settings.recent.filter((p) => p !== file)].slice(0, RECENT) };
    saveSettings();
    opts.onChange?.(file);
  }

  return {
    services: () => services,
    /** The open workspace's background thread (none without a worker entry, or no workspace). */
    background: () => background,
    path: () => current,
    settings: () => settings,
    /**
     * The last workspace used; if it is gone (a USB stick, a network share), the next recent one
     * that is there, else the default one in the user-data folder (made on first run). `missing`
     * names the last one when it was not found: the operator must be told which file is open.
     */
    async openLast(): Promise<{ path: string; missing: string | null }> {
      const wanted = settings.recent[0] ?? null;
      const last = settings.recent.find((p) => existsSync(p));
      await open(last ?? join(opts.userData, DEFAULT_WORKSPACE));
      return {
        path: current as string,
        missing: wanted !== null && !existsSync(wanted) ? wanted : null,
      };
    },
    open: (path: string) => open(path, 'open'),
    create: (path: string) => open(path, 'create'),
    /** A consistent copy of the open workspace (SQLite's online backup: safe while in use). */
    async backup(dest: string): Promise<void> {
      if (!db || !current) throw new Error('没有打开的工作区');
      const file = resolve(dest);
      if (file === current || sameFile(file, current)) throw new Error('备份不能覆盖正在使用的工作区文件');
      // copied beside the destination first, then renamed: an older backup is replaced whole or kept
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await db.backup(tmp);
        renameSync(tmp, file);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    },
    /** Saved at once (synchronously): it is called while the window closes and the app quits. */
    rememberWindow(w: WindowBounds | null): void {
      settings = { ...settings, window: readBounds(w) };
      saveSettings();
    },
    close,
  };
}
export type WorkspaceHost = ReturnType<typeof createWorkspaceHost>;

/** Whether two paths are one file (a link, another spelling of the same path on Windows or macOS). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
