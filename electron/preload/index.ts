import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent } from '../../shared/contract/channels';

/**
 * The window's only door to the main process: `window.api.invoke` on the exact channels of the
 * contract and `window.api.on` for its events — nothing else of Electron or Node is exposed.
 * Main checks the sender and validates every input again; this list only keeps the door narrow.
 */
const channels = new Set<string>(CHANNEL_NAMES);
const events = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('api', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!channels.has(channel))
      return Promise.resolve({
        ok: false,
        error: { code: 'FORBIDDEN', message: `不允许的操作：${String(channel)}` },
      });
    return ipcRenderer.invoke(ipcChannel(channel), input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!events.has(event)) return () => {};
    const f = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcEvent(event), f);
    return () => ipcRenderer.removeListener(ipcEvent(event), f);
  },
});
