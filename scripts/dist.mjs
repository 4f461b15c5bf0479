#!/usr/bin/env node
// `npm run dist`: the installers (Windows NSIS, Linux AppImage and deb) in release/. The SQLite
// addon built for Electron goes in as a resource beside the app (electron-builder.yml); the
// project's own node_modules keep the one built for Node, so tests and the command line still run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepareBinding, root, say } from './electron-sqlite.mjs';

const binding = prepareBinding();
const dir = join(root, '.cache', 'dist');
mkdirSync(dir, { recursive: true });
copyFileSync(binding, join(dir, 'better_sqlite3.node'));

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
for (const [what, args] of [
  ['构建', ['electron-vite', 'build']],
  ['打包', ['electron-builder']],
]) {
  say(`${what}…`);
  const r = spawnSync(npx, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
say('安装包已生成在 release/ 中');
