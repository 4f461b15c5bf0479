/**
 * The desktop shell's rules, under plain Node: every IPC call is checked for its sender and its
 * input, exceptions never cross, the preload's allowlist is the contract, the test bridge admits
 * only its own page, and the workspace host opens, creates, backs up and remembers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/main/app/dispatch';
import { createHandlers } from '../../../electron/main/app/handlers';
import { createStaging } from '../../../electron/main/app/staging';
import { startBridge } from '../../../electron/main/bridge/server';
import type { IpcEventLike, IpcLike } from '../../../electron/main/ipc/register';
import { registerIpc, trustedUrl } from '../../../electron/main/ipc/register';
import { createWorkspaceHost } from '../../../electron/main/workspace/host';
import type { Handlers } from '../../../shared/contract/api';
import { CHANNELS } from '../../../shared/contract/api';
import { CHANNEL_NAMES } from '../../../shared/contract/channels';
import { decodeWire, encodeWire, fromBase64, toBase64 } from '../../../shared/contract/wire';
import { CITY_SCHEME, tempDir } from '../../helpers/workspace';

let tmp: ReturnType<typeof tempDir>;
let host: ReturnType<typeof createWorkspaceHost>;
let handlers: Handlers;
beforeEach(async () => {
  tmp = tempDir();
  host = createWorkspaceHost({ userData: tmp.dir, operator: '测试员' });
  handlers = createHandlers({
    services: host.services,
    workspace: host.path,
    staging: createStaging(join(tmp.dir, 'staging')),
    emit: () => {},
    version: '0.1.0',
    shell: 'electron',
    operator: '测试员',
  });
});
afterEach(() => {
  host.close();
  tmp.cleanup();
});

/** ipcMain as far as registerIpc uses it. */
function fakeIpc() {
  const listeners = new Map<string, (e: IpcEventLike, ...a: unknown[]) => unknown>();
  const ipc: IpcLike = {
    handle: (c, l) => void listeners.set(c, l),
    removeHandler: (c) => void listeners.delete(c),
  };
  const call = (channel: string, url: string, input: unknown) =>
    (listeners.get(`api:${channel}`) as (e: IpcEventLike, ...a: unknown[]) => unknown)(
      { senderFrame: { url } },
      input,
    );
  return { ipc, listeners, call };
}

describe('IPC', () => {
  const page = '/opt/综合考核工作台/resources/app/out/renderer/index.html';
  const trusted = trustedUrl({ rendererFile: page });

  it('answers only the app’s own page', async () => {
    const { ipc, call } = fakeIpc();
    registerIpc(ipc, createDispatcher(handlers), trusted);
    const own = `file://${encodeURI(page)}`;
    expect(await call('app:info', own, {})).toMatchObject({ ok: true, value: { version: '0.1.0' } });
    for (const url of ['https://example.com/', 'file:///tmp/evil.html', '', 'devtools://devtools/x'])
      expect(await call('app:info', url, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('registers every channel of the contract, and unregisters them', () => {
    const { ipc, listeners } = fakeIpc();
    const off = registerIpc(ipc, createDispatcher(handlers), trusted);
    expect([...listeners.keys()].sort()).toEqual(
      Object.keys(CHANNELS)
        .map((c) => `api:${c}`)
        .sort(),
    );
    off();
    expect(listeners.size).toBe(0);
  });

  it('checks every input against its schema, saying where it is wrong', async () => {
    const d = createDispatcher(handlers);
    expect(await d('cycle:copy', { fromId: -1, name: '2025年度' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('fromId') },
    });
    expect(
      await d('import:preview', {
        cycleId: 1,
        files: [{ name: '../../etc/passwd', data: new Uint8Array(1) }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('文件名不能含路径') },
    });
    expect(await d('no:such', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns an exception into an INTERNAL result, and reports it', async () => {
    const seen: unknown[] = [];
    const d = createDispatcher(
      {
        ...handlers,
        'cycle:list': () => {
          throw new Error('磁盘已满');
        },
      },
      (e) => seen.push(e),
    );
    expect(await d('cycle:list', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('磁盘已满') },
    });
    expect(seen).toHaveLength(1);
  });

  it('says there is no workspace instead of failing when none is open', async () => {
    expect(await createDispatcher(handlers)('cycle:list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('gives the preload exactly the contract’s channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(CHANNELS).sort());
    const preload = readFileSync(join(import.meta.dirname, '../../../electron/preload/index.ts'), 'utf8');
    expect(preload).toContain('contextBridge.exposeInMainWorld');
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync)\(/);
  });
});

describe('the wire format of the test bridge', () => {
  it('carries bytes as base64 both ways, a Buffer included', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes]);
    const back = decodeWire(encodeWire({ a: [{ data: Buffer.from('考核') }] })) as {
      a: { data: Uint8Array }[];
    };
    expect(Buffer.from(back.a[0]!.data).toString()).toBe('考核');
  });
});

describe('the test bridge', () => {
  it('serves only its own host with its token', async () => {
    await host.openLast();
    const bridge = await startBridge({ dispatch: createDispatcher(handlers), rendererDir: tmp.dir });
    try {
      const call = (headers: Record<string, string>) =>
        fetch(`${bridge.url}api/app:info`, { method: 'POST', headers, body: '{}' }).then((r) => r.status);
      expect(await call({ 'X-Bridge-Token': bridge.token })).toBe(200);
      expect(await call({ 'X-Bridge-Token': 'guess' })).toBe(403);
      expect(await call({})).toBe(403);
      expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await bridge.close();
    }
  });
});

describe('the workspace host', () => {
  it('makes the default workspace on first run, then reopens the last one used', async () => {
    await host.openLast();
    expect(host.path()).toBe(join(tmp.dir, '综合考核工作区.db'));
    const other = join(tmp.dir, '别处', '2025.db');
    await host.create(other);
    await host.services()!.cycles.importScheme(CITY_SCHEME, { name: '2025年度' });
    await host.rememberWindow({ width: 1400, height: 900, maximized: false });
    host.close();

    const again = createWorkspaceHost({ userData: tmp.dir, operator: '测试员' });
    await again.openLast();
    expect(again.path()).toBe(other);
    expect(again.settings()).toMatchObject({
      recent: [other, join(tmp.dir, '综合考核工作区.db')],
      window: { width: 1400 },
    });
    expect(
      again
        .services()!
        .cycles.list()
        .map((c) => c.name),
    ).toEqual(['2025年度']);
    again.close();
  });

  it('refuses to create over an existing file, and backs up a consistent copy', async () => {
    await host.openLast();
    await expect(host.create(host.path()!)).rejects.toThrow('已存在');
    await host.services()!.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
    const copy = join(tmp.dir, '备份.db');
    await host.backup(copy);
    expect(existsSync(copy)).toBe(true);
    await expect(host.backup(host.path()!)).rejects.toThrow('不能覆盖');
    const restored = createWorkspaceHost({ userData: join(tmp.dir, 'x'), operator: '测试员' });
    await restored.open(copy);
    expect(
      restored
        .services()!
        .cycles.list()
        .map((c) => c.name),
    ).toEqual(['2024年度']);
    restored.close();
  });
});
