import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A Chromium-based browser on this computer, for printing reports outside the desktop app (the
 * command line, the tests): APPRAISAL_CHROMIUM or CHROMIUM_PATH if set, else the usual places of
 * Chromium, Chrome and Edge on Linux, Windows and macOS. Null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.APPRAISAL_CHROMIUM ?? env.CHROMIUM_PATH;
  if (set) return existsSync(set) ? set : null;
  const programFiles = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
    (d): d is string => typeof d === 'string' && d !== '',
  );
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...programFiles.flatMap((d) => [
      join(d, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(d, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(d, 'Chromium', 'Application', 'chrome.exe'),
    ]),
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Said when no browser is found. */
export const NO_CHROMIUM =
  '生成 PDF 需要本机的 Chromium、Chrome 或 Edge 浏览器，但没有找到：请安装其中之一，或用环境变量 APPRAISAL_CHROMIUM 指明浏览器程序的位置';

/** The flags of a headless browser that prints and nothing else: no network chatter, no GPU. */
export const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--lang=zh-CN',
];
