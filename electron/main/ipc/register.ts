import { CHANNELS } from '../../../shared/contract/api';
import type { Channel } from '../../../shared/contract/api';
import { fail } from '../../../shared/contract/result';
import { ipcChannel } from '../../../shared/contract/channels';
import type { Dispatch } from '../app/dispatch';

/** The part of Electron's ipcMain this needs: so it is tested under plain Node with a fake. */
export interface IpcLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/**
 * Registers every channel of the contract on IPC. Each call is answered only for a sender whose
 * frame is the app's own page (not a navigated-to or injected one), and goes through the
 * dispatcher, which checks the input against its schema.
 */
export function registerIpc(
  ipc: IpcLike,
  dispatch: Dispatch,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  const channels = Object.keys(CHANNELS) as Channel[];
  for (const c of channels)
    ipc.handle(ipcChannel(c), (event, input) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) return fail('FORBIDDEN', '拒绝来自未知页面的请求');
      return dispatch(c, input);
    });
  return () => {
    for (const c of channels) ipc.removeHandler(ipcChannel(c));
  };
}

/**
 * The app's own pages: the packaged renderer (file:// under the app's folder) or, in development,
 * the dev server's origin. Anything else — another file, a remote page — is refused. File URLs are
 * compared as URLs (Chromium's spelling of drive letters and escapes), on Windows without case.
 */
export function trustedUrl(opts: {
  rendererFile?: string;
  devOrigin?: string;
  windows?: boolean;
}): (url: string) => boolean {
  const windows = opts.windows ?? process.platform === 'win32';
  const fold = (p: string) => (windows ? p.toLowerCase() : p);
  const own = opts.rendererFile ? fold(fileUrlPath(opts.rendererFile, windows)) : null;
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (opts.devOrigin && u.origin === opts.devOrigin) return true;
    if (own === null || u.protocol !== 'file:' || u.host !== '') return false;
    return fold(safeDecode(u.pathname)) === own;
  };
}

/** The decoded path part of a file URL for a path, as Chromium would write it. */
function fileUrlPath(path: string, windows: boolean): string {
  const p = path.replaceAll('\\', '/');
  const encoded = p.split('/').map(encodeURIComponent).join('/');
  return safeDecode(new URL(`file://${windows && /^[A-Za-z]:/.test(p) ? '/' : ''}${encoded}`).pathname);
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
