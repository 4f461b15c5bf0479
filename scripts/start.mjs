#!/usr/bin/env node
// `npm start`: builds the desktop app and opens its window. Electron downloads its own program
// files on the first start; the SQLite addon for Electron is prepared by electron-sqlite.mjs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { prepareBinding, root, say } from './electron-sqlite.mjs';

// Electron's program files: loading the electron package downloads them the first time
say('检查 Electron 程序文件（首次需要联网下载，约 100 MB）…');
let electronPath;
try {
  electronPath = createRequire(import.meta.url)(join(root, 'node_modules', 'electron'));
} catch {
  say(
    '无法下载 Electron 程序文件：请检查网络后重试（也可先运行 npx install-electron --no）。命令行 npm run appraisal 和浏览器版 npm run web 不需要它。',
  );
  process.exit(1);
}
const binding = prepareBinding();
say('构建并启动桌面程序…');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(npx, ['electron-vite', 'preview'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, APPRAISAL_NATIVE_BINDING: binding, ELECTRON_EXEC_PATH: electronPath },
});
process.exit(r.status ?? 1);
