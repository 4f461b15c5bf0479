/**
 * `npm run web [-- 工作区目录]`: the window in an ordinary browser, against the real services — what
 * the browser tests run, for trying the UI on a machine without Electron. It builds the window,
 * opens (or makes) the workspace in the given folder (default .tmp/web), and serves both on
 * 127.0.0.1 only. Stop with Ctrl+C.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { serveWorkspace } from '../electron/main/bridge/serve';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(process.argv[2] ?? join(root, '.tmp', 'web'));

process.env.NODE_ENV = 'production';
await build({ configFile: join(root, 'renderer', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });

const port = Number(process.env.PORT ?? 5178);
const app = await serveWorkspace({
  userData: dir,
  rendererDir: join(root, '.tmp', 'renderer'),
  operator: userInfo().username,
  version: 'web',
  port,
}).catch((e: NodeJS.ErrnoException) => {
  console.error(
    e.code === 'EADDRINUSE'
      ? `端口 ${port} 已被占用：可能已有一个浏览器版在运行；或换一个端口，如 PORT=5200 npm run web`
      : `无法启动浏览器版：${e.message}`,
  );
  process.exit(1);
});
console.log(`综合考核工作台（浏览器版）：${app.url}\n工作区：${app.host.path()}\n按 Ctrl+C 退出`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
