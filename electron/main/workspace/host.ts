import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/open';
import { openDatabase } from '../db/open';
import type { Services } from '../services';
import { createServices } from '../services';
import { writeFileWhole } from '../services/write-file';

/** What the app remembers between runs: recent workspaces and the window's size. */
export interface Settings {
  recent: string[];
  window: { width: number; height: number; x?: number; y?: number; maximized?: boolean } | null;
}

const RECENT = 8;
export const DEFAULT_WORKSPACE = '综合考核工作区.db';

/**
 * The open workspace of the desktop app: one SQLite file at a time, its services, and the settings
 * file beside the app's data. Plain Node (tested without Electron); the shell gives it the
 * user-data folder and the Electron build of the SQLite addon.
 */
export function createWorkspaceHost(opts: {
  userData: string;
  operator: string;
  clock?: () => Date;
  nativeBinding?: string;
  onChange?: (path: string | null) => void;
}) {
  const settingsFile = join(opts.userData, 'settings.json');
  let db: Db | null = null;
  let services: Services | null = null;
  let current: string | null = null;

  function readSettings(): Settings {
    try {
      const s = JSON.parse(readFileSync(settingsFile, 'utf8')) as Partial<Settings>;
      return {
        recent: Array.isArray(s.recent) ? s.recent.filter((p) => typeof p === 'string').slice(0, RECENT) : [],
        window: s.window && typeof s.window.width === 'number' ? s.window : null,
      };
    } catch {
      return { recent: [], window: null };
    }
  }
  let settings = readSettings();
  const saveSettings = async () => {
    mkdirSync(opts.userData, { recursive: true });
    await writeFileWhole(settingsFile, Buffer.from(JSON.stringify(settings, null, 2)));
  };

  function close() {
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
    settings = { ...settings, recent: [file, ...settings.recent.filter((p) => p !== file)].slice(0, RECENT) };
    await saveSettings();
    opts.onChange?.(file);
  }

  return {
    services: () => services,
    path: () => current,
    settings: () => settings,
    /** The last workspace used, or the default one in the user-data folder (made on first run). */
    async openLast(): Promise<void> {
      const last = settings.recent.find((p) => existsSync(p));
      await open(last ?? join(opts.userData, DEFAULT_WORKSPACE));
    },
    open: (path: string) => open(path, 'open'),
    create: (path: string) => open(path, 'create'),
    /** A consistent copy of the open workspace (SQLite's online backup: safe while in use). */
    async backup(dest: string): Promise<void> {
      if (!db || !current) throw new Error('没有打开的工作区');
      if (resolve(dest) === current) throw new Error('备份不能覆盖正在使用的工作区文件');
      await db.backup(dest);
    },
    async rememberWindow(w: Settings['window']): Promise<void> {
      settings = { ...settings, window: w };
      await saveSettings();
    },
    close,
  };
}
export type WorkspaceHost = ReturnType<typeof createWorkspaceHost>;
