#!/usr/bin/env node
// `npm start`: builds the desktop app and opens its window.
//
// Two things the app needs that `npm install` deliberately does not fetch (so that installing and
// testing never need them): Electron's own binary, which Electron downloads on first start, and
// the SQLite addon built for Electron's Node (the one in node_modules is built for this Node, for the
// tests and the command line). The addon is prepared once per Electron version in .cache/, from the
// prebuilt binaries better-sqlite3 publishes, or compiled against Electron's headers; both need
// the internet, once.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const nm = join(root, 'node_modules');
const electronVersion = JSON.parse(readFileSync(join(nm, 'electron', 'package.json'), 'utf8')).version;
const cache = join(root, '.cache', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const binding = join(cache, 'better_sqlite3.node');
const node = process.execPath;

function say(text) {
  console.log(`\n综合考核工作台：${text}`);
}

function prepareBinding() {
  if (existsSync(binding)) return;
  say(`为 Electron ${electronVersion} 准备 SQLite 组件（仅首次，需要联网）…`);
  const src = join(nm, 'better-sqlite3');
  const work = join(cache, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.startsWith(join(src, 'build')) });
  const opts = { cwd: work, stdio: 'inherit' };
  let r = spawnSync(
    node,
    [
      join(nm, 'prebuild-install', 'bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
    ],
    opts,
  );
  if (r.status !== 0) {
    say('没有现成的组件，改为按 Electron 的头文件编译（需要 C++ 编译环境）…');
    r = spawnSync(
      node,
      [
        join(nm, 'node-gyp', 'bin', 'node-gyp.js'),
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      opts,
    );
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) {
    say('无法准备 SQLite 组件：请检查网络后重试（命令行 npm run appraisal 不需要它）。');
    process.exit(1);
  }
  mkdirSync(cache, { recursive: true });
  copyFileSync(built, binding);
  rmSync(work, { recursive: true, force: true });
}

prepareBinding();
say('构建并启动桌面程序（首次启动时 Electron 会下载其程序文件）…');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(npx, ['electron-vite', 'preview'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, APPRAISAL_NATIVE_BINDING: binding },
});
process.exit(r.status ?? 1);
