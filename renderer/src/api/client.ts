import type {
  Api,
  Channel,
  EventName,
  Events,
  FileInput,
  Input,
  Outputs,
} from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { decodeWire, encodeWire } from '../../../shared/contract/wire';

declare global {
  interface Window {
    /** Set by the preload in the desktop app. */
    api?: Api;
  }
}

/**
 * The browser version of `window.api`, used by the tests: the same channels over HTTP to the
 * test bridge on 127.0.0.1, events over server-sent events. The token is in the page the bridge serves.
 */
function bridgeApi(): Api {
  const token = document.querySelector<HTMLMetaElement>('meta[name="bridge-token"]')?.content ?? '';
  const source = new EventSource(`events?token=${token}`);
  return {
    async invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Outputs[C]>> {
      try {
        const res = await fetch(`api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': token },
          body: encodeWire(input),
        });
        if (!res.ok) return { ok: false, error: { code: 'INTERNAL', message: `请求失败（${res.status}）` } };
        return decodeWire(await res.text()) as Result<Outputs[C]>;
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `无法连接：${(e as Error).message}` } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const f = (m: MessageEvent<string>) => listener(JSON.parse(m.data) as Events[E]);
      source.addEventListener(event, f as EventListener);
      return () => source.removeEventListener(event, f as EventListener);
    },
  };
}

/**
 * In the desktop app the preload's allowlist; in a browser (tests, `npm run web`) the bridge. A
 * desktop page without its preload says so on every call, rather than trying a bridge that is not there.
 */
export const api: Api = window.api ?? (location.protocol.startsWith('http') ? bridgeApi() : missingPreload());

function missingPreload(): Api {
  const error = {
    code: 'INTERNAL',
    message: '程序未能正常加载（预载脚本缺失），请重新安装或联系技术支持',
  } as const;
  return {
    invoke: () => Promise.resolve({ ok: false, error }),
    on: () => () => {},
  };
}

/** Saves a file main produced: the browser's download (Electron asks where, with a save dialog). */
export function saveFile(file: { fileName: string; data: Uint8Array }): void {
  const url = URL.createObjectURL(new Blob([file.data as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file the operator chose, as the bytes the contract takes. */
export async function fileInput(f: File): Promise<FileInput> {
  return { name: f.name, data: new Uint8Array(await f.arrayBuffer()) };
}
