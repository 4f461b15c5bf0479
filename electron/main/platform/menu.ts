import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { Menu, app, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { WorkspaceHost } from '../workspace/host';

/**
 * 文件 menu: new, open, recent and back up a workspace (a workspace is one .db file); then the
 * usual 编辑 and 视图 menus. Dialogs belong to main: the window never handles paths.
 */
export function buildMenu(win: BrowserWindow, host: WorkspaceHost, onError: (message: string) => void): void {
  const filters = [{ name: '考核工作区', extensions: ['db'] }];
  const guard = (f: () => Promise<void>) => () =>
    void f().catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
  const rebuild = () => buildMenu(win, host, onError);

  // one not there now (a USB stick, a network share) is listed, greyed, until it is back
  const recent: MenuItemConstructorOptions[] = host.settings().recent.map((p) => ({
    label: `${basename(p)}  —  ${p}${existsSync(p) ? '' : '（找不到）'}`,
    enabled: existsSync(p),
    click: guard(async () => {
      await host.open(p);
      rebuild();
    }),
  }));
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        {
          label: '新建工作区…',
          accelerator: 'CmdOrCtrl+N',
          click: guard(async () => {
            const r = await dialog.showSaveDialog(win, {
              title: '新建工作区',
              defaultPath: '综合考核工作区.db',
              filters,
            });
            if (!r.canceled && r.filePath) {
              await host.create(r.filePath);
              rebuild();
            }
          }),
        },
        {
          label: '打开工作区…',
          accelerator: 'CmdOrCtrl+O',
          click: guard(async () => {
            const r = await dialog.showOpenDialog(win, {
              title: '打开工作区',
              properties: ['openFile'],
              filters,
            });
            const p = r.filePaths[0];
            if (!r.canceled && p) {
              await host.open(p);
              rebuild();
            }
          }),
        },
        { label: '最近打开', submenu: recent.length > 0 ? recent : [{ label: '（无）', enabled: false }] },
        { type: 'separator' },
        {
          label: '备份工作区…',
          click: guard(async () => {
            const stamp = new Date().toISOString().slice(0, 10);
            const r = await dialog.showSaveDialog(win, {
              title: '备份工作区',
              defaultPath: `${basename(host.path() ?? '工作区.db', '.db')}-备份-${stamp}.db`,
              filters,
            });
            if (!r.canceled && r.filePath) {
              await host.backup(r.filePath);
              await dialog.showMessageBox(win, { type: 'info', message: `已备份到 ${r.filePath}` });
            }
          }),
        },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于综合考核工作台',
          click: () =>
            void dialog.showMessageBox(win, {
              type: 'info',
              title: '关于',
              message: `综合考核工作台 ${app.getVersion()}`,
              detail: `工作区：${host.path() ?? '—'}\n数据只保存在本机，不联网。`,
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
