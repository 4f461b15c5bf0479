// The SQLite addon built for Electron's Node, which `npm start` and `npm run dist` need and
// `npm install` deliberately does not fetch (the one in node_modules is built for this Node, for
// the tests and the command line). Prepared once per Electron version in .cache/, from the
// prebuilt binaries better-sqlite3 publishes, or compiled against Electron's headers; both need
// the internet, once.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
const nm = join(root, 'node_modules');
export const electronVersion = JSON.parse(readFileSync(join(nm, 'electron', 'package.json'), 'utf8')).version;
const cache = join(root, '.cache', `electron-${electronVersion}-${process.platform}-${process.arch}`);
const binding = join(cache, 'better_sqlite3.node');
const node = process.execPath;

export function say(text) {
  console.log(`\n综合考核工作台：${text}`);
}

/** The path of the addon for this Electron, platform and architecture (prepared if need be). */
export function prepareBinding() {
  if (existsSync(binding)) return binding;
  say(`为 Electron ${electronVersion} 准备 SQLite 组件（仅首次，需要联网）…`);
  const src = join(nm, 'better-sqlite3');
  const work = join(cache, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.startsWith(join(src, 'build')) });
  // npm passes its config to children: a `nodedir` there (set on some machines and in CI) would make
  // node-gyp build against this Node's headers instead of Electron's
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'),
  );
  const opts = { cwd: work, stdio: 'inherit', env };
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
  // built for Electron, it cannot load in this Node (another NODE_MODULE_VERSION); if it does, it is
  // the wrong one and must not be cached
  const plainNode = spawnSync(node, ['-e', `require(${JSON.stringify(built)})`], { stdio: 'ignore' });
  if (plainNode.status === 0) {
    say(
      '编译出的 SQLite 组件是给 Node 用的，不是给 Electron 用的（可能是 npm 的 nodedir 设置所致），未保存；请删除 .cache 文件夹后重试。',
    );
    process.exit(1);
  }
  mkdirSync(cache, { recursive: true });
  copyFileSync(built, binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}
