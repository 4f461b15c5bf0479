#!/usr/bin/env node
// `npm start`: builds the desktop app and opens its window. Electron downloads its own program
// files on the first start; the SQLite addon for Electron is prepared by electron-sqlite.mjs.
import { spawnSync } from 'node:child_process';
import { prepareBinding, root, say } from './electron-sqlite.mjs';

const binding = prepareBinding();
say('构建并启动桌面程序（首次启动时 Electron 会下载其程序文件）…');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(npx, ['electron-vite', 'preview'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, APPRAISAL_NATIVE_BINDING: binding },
});
process.exit(r.status ?? 1);
