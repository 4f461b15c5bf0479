/**
 * The desktop shell's rules, under plain Node: every IPC call is checked for its sender and its
 * input, exceptions never cross, the preload's allowlist is the contract, the test bridge admits
 * only its own page, and the workspace host opens, creates, backs up and remembers.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { basename, dirname, join } from 'node:path';
import type { ReportDocument } from '../../../shared/report/document';
import type { ReportPrinter } from '../../../electron/main/report/printer';
import { NoChromiumError } from '../../../electron/main/report/chromium';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/main/app/dispatch';
import { createHandlers } from '../../../electron/main/app/handlers';
import { MAX_STAGES, createStaging, stagingRoot, sweepStaging } from '../../../electron/main/app/staging';
import { startBridge } from '../../../electron/main/bridge/server';
import type { IpcEventLike, IpcLike } from '../../../electron/main/ipc/register';
import { registerIpc, trustedUrl } from '../../../electron/main/ipc/register';
import { CSP, CSP_META } from '../../../electron/main/security';
import { REPORT_CSP, reportShell } from '../../../electron/main/report/page';
import { createWorkspaceHost, fitBounds, readBounds } from '../../../electron/main/workspace/host';
import type { Handlers } from '../../../shared/contract/api';
import { CHANNELS } from '../../../shared/contract/api';
import { CHANNEL_NAMES } from '../../../shared/contract/channels';
import { decodeWire, encodeWire, fromBase64, toBase64 } from '../../../shared/contract/wire';
import { CITY_SCHEME, FIXTURE_CITY, cityComputed, tempDir } from '../../helpers/workspace';

const NONE = { aliases: [], columns: [] };

function handlersWith(printer: ReportPrinter): Handlers {
  return createHandlers({
    services: host.services,
    workspace: host.path,
    staging: createStaging(join(tmp.dir, 'staging-r')),
    emit: () => {},
    version: '0.1.0',
    shell: 'electron',
    operator: '测试员',
    printer,
  });
}

/** A printer that keeps the documents it was given and prints each as a tiny stand-in PDF. */
function stubPrinter(): ReportPrinter & { docs: ReportDocument[] } {
  const docs: ReportDocument[] = [];
  return {
    docs,
    async print(doc) {
      docs.push(doc);
      return {
        pdf: new TextEncoder().encode('%PDF-1.4 stand-in'),
        html: `<h1>${doc.cover.title}</h1>`,
        pages: 1,
      };
    },
    async close() {},
  };
}

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
    printer: stubPrinter(),
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
    for (const url of ['https://example.com/', 'file:///evil.html', '', 'devtools://devtools/x'])
      expect(await call('app:info', url, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('knows its page however Chromium spells the file URL', () => {
    // Windows: Chromium upper-cases the drive letter and escapes spaces and Chinese; the path may not
    const win = trustedUrl({
      rendererFile: 'c:\\Program Files\\综合考核工作台\\resources\\app.asar\\out\\renderer\\index.html',
      windows: true,
    });
    const chromium = `file:///C:/Program%20Files/${encodeURIComponent('综合考核工作台')}/resources/app.asar/out/renderer/index.html`;
    expect(win(chromium)).toBe(true);
    expect(win(`${chromium}#/results`)).toBe(true);
    expect(win('file:///C:/Program%20Files/other/index.html')).toBe(false);
    expect(win('file://server/share/index.html')).toBe(false);
    // a % or # in a folder name, and a malformed escape, neither throw nor confuse
    const odd = trustedUrl({ rendererFile: '/home/张 三/100%#1/out/renderer/index.html', windows: false });
    expect(odd('file:///home/%E5%BC%A0%20%E4%B8%89/100%25%231/out/renderer/index.html')).toBe(true);
    expect(odd('file:///home/%E5%BC%A0%20%E4%B8%89/100%/out/renderer/index.html')).toBe(false);
    // Linux and macOS paths keep their case
    expect(trusted(`file://${encodeURI(page.toUpperCase())}`)).toBe(false);
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
    // in Chinese, naming the field in words
    const bad = await d('cycle:copy', { fromId: -1, name: '2025年度' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('考核周期') },
    });
    expect(bad.ok ? '' : bad.error.message).not.toMatch(/[A-Za-z]{3,}/);
    expect(await d('cycle:copy', { fromId: 1, name: '   ' })).toMatchObject({
      ok: false,
      error: { message: '输入有误（名称）：周期名称不能为空' },
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
    // names no file system takes as they are, and sizes a page could flood main with
    for (const name of ['..', '.', ' ', 'a:b.xlsx', 'CON', 'nul.xlsx', '数据.xlsx.', 'a\u0001.xlsx'])
      expect(
        await d('import:preview', { cycleId: 1, files: [{ name, data: new Uint8Array(1) }] }),
        name,
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('文件名') },
      });
    const big = new Uint8Array(100 * 1024 * 1024);
    expect(
      await d('import:preview', {
        cycleId: 1,
        files: [1, 2, 3].map((n) => ({ name: `${n}.xlsx`, data: big })),
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('合计不能超过 256 MB') } });
    expect(
      await d('cycle:createFromWorkbook', {
        file: { name: '方案.xlsx', data: new Uint8Array(21 * 1024 * 1024) },
        name: '2024年度',
        kind: 'annual',
        previousCycleId: null,
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('超过 20 MB') } });
  });

  it('turns an exception into an INTERNAL result with a number; the detail goes to the log only', async () => {
    const seen: [unknown, string][] = [];
    const d = createDispatcher(
      {
        ...handlers,
        'cycle:list': () => {
          throw new Error('SQLITE_FULL: /home/张三/工作区.db');
        },
      },
      (e, id) => seen.push([e, id]),
    );
    const r = await d('cycle:list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const message = r.ok ? '' : r.error.message;
    expect(message).not.toContain('工作区.db');
    expect(seen).toHaveLength(1);
    const [e, id] = seen[0] as [unknown, string];
    expect((e as Error).message).toContain('SQLITE_FULL');
    expect(id).toMatch(/^[0-9A-F]{8}$/);
    expect(message).toContain(`编号 ${id}`);
  });

  it('says there is no workspace instead of failing when none is open', async () => {
    expect(await createDispatcher(handlers)('cycle:list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('states one Content Security Policy, in the header and in the page', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP_META);
    expect(CSP).toContain("script-src 'self';");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toContain("frame-ancestors 'none'");
  });

  it('gives the report page one policy of its own, however it is built: its own script, nothing fetched', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../renderer/report.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(REPORT_CSP);
    expect(reportShell('report.js')).toContain(`content="${REPORT_CSP}"`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toMatch(/unsafe-eval|https?:/);
  });

  it('gives the preload exactly the contract’s channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(CHANNELS).sort());
    const preload = readFileSync(join(import.meta.dirname, '../../../electron/preload/index.ts'), 'utf8');
    expect(preload).toContain('contextBridge.exposeInMainWorld');
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync)\(/);
  });
});

describe('reports from the window', () => {
  it('prints the current result with the options chosen, and logs it when saved or printed', async () => {
    await host.openLast();
    const printer = stubPrinter();
    const h = handlersWith(printer);
    const before = await h['report:build']({ cycleId: 1, confidential: true, cards: true });
    expect(before.ok || before.error.code).toBe('NOT_FOUND'); // no cycle yet
    const { cycle } = await cityComputed(host.services()!);
    const r = await h['report:build']({
      cycleId: cycle.id,
      office: '临澜市考核办',
      confidential: true,
      cards: false,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.token).toMatch(/^[0-9a-f]{32}$/);
    expect(r.value.fileName).toBe('2024年度综合考核结果.pdf');
    expect(new TextDecoder().decode(r.value.pdf)).toContain('%PDF');
    expect(printer.docs[0]?.cover).toMatchObject({ office: '临澜市考核办', mark: '内部资料 注意保密' });
    expect(printer.docs[0]?.cards).toEqual([]);
    // nothing is logged until it leaves: saved as PDF, or printed
    const exports = () =>
      host
        .services()!
        .audit.entries()
        .filter((e) => e.action === 'export');
    expect(exports()).toEqual([]);
    expect((await h['report:record']({ token: r.value.token, use: 'print' })).ok).toBe(true);
    expect(exports().map((e) => e.detail)).toEqual([
      expect.objectContaining({ format: 'print', file: '2024年度综合考核结果.pdf' }),
    ]);
    const unknown = await h['report:record']({ token: 'f'.repeat(32), use: 'pdf' });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');

    // one unit's score card
    const one = await h['report:build']({
      cycleId: cycle.id,
      confidential: false,
      cards: true,
      target: 'QS10',
    });
    const qs10 = host
      .services()!
      .cycles.scheme(cycle.id)
      .targets.find((t) => t.code === 'QS10');
    if (!one.ok) throw new Error(one.error.message);
    expect(one.value.fileName).toBe(`2024年度${qs10?.name}考核得分明细.pdf`);
    expect(printer.docs[1]?.cards.map((c) => c.code)).toEqual(['QS10']);
    const nobody = await h['report:build']({
      cycleId: cycle.id,
      confidential: false,
      cards: true,
      target: 'NOPE',
    });
    expect(nobody.ok || nobody.error.code).toBe('NOT_FOUND');

    // a report made in one workspace is not logged into another
    await host.create(join(tmp.dir, '另一个.db'));
    const elsewhere = await h['report:record']({ token: one.value.token, use: 'pdf' });
    expect(elsewhere.ok || elsewhere.error.message).toContain('这份报告已失效');
  });

  it('refuses a stale result, and says so when the computer has no browser to print with', async () => {
    await host.openLast();
    const { cycle } = await cityComputed(host.services()!);
    const noBrowser: ReportPrinter = {
      print: () => Promise.reject(new NoChromiumError()),
      close: async () => {},
    };
    const r = await handlersWith(noBrowser)['report:build']({
      cycleId: cycle.id,
      confidential: false,
      cards: true,
    });
    expect(r.ok || r.error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('Chromium'),
    });
    const batch = host.services()!.imports.batches(cycle.id)[0]!;
    host.services()!.imports.withdraw(batch.id, '待核');
    const stale = await handlersWith(stubPrinter())['report:build']({
      cycleId: cycle.id,
      confidential: false,
      cards: true,
    });
    expect(stale.ok || stale.error.code).toBe('RESULT_STALE');
  });
});

describe('weights and robustness from the window', () => {
  it('checks the inputs, analyses the current result and applies derived weights with their note', async () => {
    await host.openLast();
    const d = createDispatcher(handlers);
    const { cycle } = await cityComputed(host.services()!);
    // bounds a page cannot get past: draws, δ, a note
    expect(await d('result:sensitivity', { cycleId: cycle.id, draws: 50 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('抽样次数至少 100') },
    });
    expect(await d('result:sensitivity', { cycleId: cycle.id, delta: 0.9 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('扰动幅度最多 50%') },
    });
    const r = await d('result:sensitivity', { cycleId: cycle.id, draws: 500 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ draws: 500, delta: 0.1, seed: 20240101 });
    const data = await d('weights:data', {
      cycleId: cycle.id,
      sourceCycleId: cycle.id,
      category: 'QS',
      parent: 'C',
    });
    expect(data).toMatchObject({ ok: true, value: { indicators: [{ code: 'C01' }, { code: 'C02' }] } });
    const apply = (note: string) =>
      d('scheme:applyWeights', {
        cycleId: cycle.id,
        category: 'QS',
        parent: 'C',
        weights: [
          { indicator: 'C01', points: 9 },
          { indicator: 'C02', points: 6 },
        ],
        derivation: { method: 'entropy', note, parameters: { variant: 'minmax', source: '2024年度' } },
      });
    expect(await apply('  ')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('请写明这组权重的来历') },
    });
    expect((await apply('2023年度数据，考核办 11月20日复核')).ok).toBe(true);
    const last = host.services()!.audit.entries(cycle.id).at(-1);
    expect(last).toMatchObject({ action: 'scheme.weights', detail: { method: 'entropy' } });
  });

  it('keeps the window from waiting minutes: too many draws for a big cycle are refused with the most it can take', async () => {
    await host.openLast();
    const { cycle } = await cityComputed(host.services()!);
    const s = host.services()!;
    // 41 units × their leaves × 1,000 draws is well within the window’s budget; a budget of 10,000 is not
    expect(s.weights.sensitivity(cycle.id, { draws: 1000 }, { maxWork: 1e9 }).ok).toBe(true);
    const r = s.weights.sensitivity(cycle.id, { draws: 1000 }, { maxWork: 10_000 });
    expect(r.ok ? '' : r.error.message).toMatch(
      /^本周期有 41 个考核对象，抽样 1000 次耗时过长；请把抽样次数减到 \d+ 次以内/,
    );
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

describe('the test bridge against malformed and oversized calls', () => {
  it('answers a broken % escape with 400 and a body past what the channel takes with 413, unread', async () => {
    await host.openLast();
    const bridge = await startBridge({ dispatch: createDispatcher(handlers), rendererDir: tmp.dir });
    try {
      const headers = { 'X-Bridge-Token': bridge.token };
      const post = (path: string, body: string | Buffer) =>
        fetch(`${bridge.url}${path}`, { method: 'POST', headers, body }).then((r) => r.status);
      expect(await post('api/%E0%A4%A', '{}')).toBe(400);
      expect(await fetch(`${bridge.url}%E0%A4%A`).then((r) => r.status)).toBe(400);
      // a 2 MB body to a channel that takes a small object: refused by its declared length
      expect(await post('api/app:info', Buffer.alloc(2 * 1024 * 1024, 0x20))).toBe(413);
      // and without a declared length (chunked): refused once it passes the limit
      const chunked = await new Promise<number>((ok, no) => {
        const req = request(
          `${bridge.url}api/cycle:list`,
          { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } },
          (res) => {
            res.resume();
            ok(res.statusCode ?? 0);
          },
        );
        req.on('error', no);
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 40 && req.write(chunk)) sent++;
          if (sent < 40) req.once('drain', more);
          else req.end();
        };
        more();
      });
      expect(chunked).toBe(413);
      // a file call may be big: 2 MB of a workbook is read (and refused by the schema, not the size)
      expect(await post('api/import:preview', Buffer.alloc(2 * 1024 * 1024, 0x20))).toBe(400);
      expect(await post('api/app:info', '{}')).toBe(200);
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
    host.rememberWindow({ width: 1400, height: 900, maximized: false });
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

describe('staged files', () => {
  const DATA = join(FIXTURE_CITY, 'data');
  const files = () =>
    readdirSync(DATA)
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => ({ name: f, data: new Uint8Array(readFileSync(join(DATA, f))) }));

  it('are never committed into another workspace than the one they were checked against', async () => {
    await host.openLast();
    await host.services()!.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
    const preview = await handlers['import:preview']({ cycleId: 1, files: files(), confirm: NONE });
    if (!preview.ok) throw new Error(preview.error.message);

    // File → 新建工作区 (its cycle 1 is another year's) before the operator presses 导入
    await host.create(join(tmp.dir, '另一个.db'));
    await host.services()!.cycles.importScheme(CITY_SCHEME, { name: '2025年度' });
    const r = await handlers['import:commit']({ stageId: preview.value.stageId, confirm: NONE });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('工作区已更换') },
    });
    expect(host.services()!.imports.batches(1)).toEqual([]);
  });

  it('report their progress file by file, under the preview’s id, while checked and while written', async () => {
    await host.openLast();
    await host.services()!.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
    const events: { stageId: string | null; file: string; index: number; files: number; phase: string }[] =
      [];
    const h = createHandlers({
      services: host.services,
      workspace: host.path,
      staging: createStaging(join(tmp.dir, 'staging-p')),
      emit: (e, p) => {
        if (e === 'import:progress') events.push(p as (typeof events)[number]);
      },
      version: '0.1.0',
      printer: stubPrinter(),
      shell: 'electron',
      operator: '测试员',
    });
    const all = files();
    const preview = await h['import:preview']({ cycleId: 1, files: all, confirm: NONE });
    if (!preview.ok) throw new Error(preview.error.message);
    const { stageId } = preview.value;
    expect(new Set(events.map((e) => e.stageId))).toEqual(new Set([stageId]));
    expect(new Set(events.map((e) => e.file))).toEqual(new Set(all.map((f) => f.name)));
    expect(events.every((e) => e.files === all.length)).toBe(true);
    events.length = 0;
    expect((await h['import:commit']({ stageId, confirm: NONE })).ok).toBe(true);
    expect(events.some((e) => e.phase === 'writing')).toBe(true);
  });

  it('keep each file under its own name in a folder of its own, and at most a few previews', () => {
    const staging = createStaging(join(tmp.dir, 'st'));
    const a = staging.put(1, null, [
      { name: '2', data: new Uint8Array([1]) },
      { name: 'a.xlsx', data: new Uint8Array([2]) },
      { name: 'a.xlsx', data: new Uint8Array([3]) },
    ]);
    expect(a.paths.map((p) => basename(p))).toEqual(['2', 'a.xlsx', 'a.xlsx']);
    expect(a.paths.map((p) => readFileSync(p)[0])).toEqual([1, 2, 3]);
    for (let i = 0; i < MAX_STAGES; i++) staging.put(1, null, [{ name: 'x.xlsx', data: new Uint8Array(1) }]);
    expect(staging.size()).toBe(MAX_STAGES);
    expect(staging.get(a.id)).toBeUndefined();
    expect(existsSync(dirname(dirname(a.paths[0]!)))).toBe(false);
  });

  it('leave nothing behind when writing fails, and what a killed run left is swept at the next start', () => {
    const root = join(tmp.dir, 'temp');
    const staging = createStaging(stagingRoot(root, 42));
    expect(() => staging.put(1, null, [{ name: 'a'.repeat(300), data: new Uint8Array(1) }])).toThrow();
    expect(readdirSync(stagingRoot(root, 42))).toEqual([]);

    const old = staging.put(1, null, [{ name: '评议.xlsx', data: new Uint8Array(1) }]);
    mkdirSync(join(root, 'other-app'));
    sweepStaging(root, stagingRoot(root, 43)); // the next run
    expect(existsSync(old.paths[0]!)).toBe(false);
    expect(readdirSync(root)).toEqual(['other-app']);
  });
});

describe('the window’s place', () => {
  const screens = [{ x: 0, y: 0, width: 1366, height: 728 }];

  it('is read back only when it makes sense', () => {
    expect(readBounds({ width: 1400, height: 900, x: 10, y: 20, maximized: true })).toEqual({
      width: 1400,
      height: 900,
      x: 10,
      y: 20,
      maximized: true,
    });
    expect(readBounds({ width: 1400, height: 'big' })).toBeNull();
    expect(readBounds({ width: 1e9, height: 900 })).toBeNull();
    expect(readBounds({ width: 1400, height: 900, x: 10, maximized: 'no' })).toEqual({
      width: 1400,
      height: 900,
    });
    expect(readBounds(null)).toBeNull();
  });

  it('fits the screens there are now: no bigger, and never out of sight', () => {
    // saved on a 1920×1080 monitor to the right, which is gone
    expect(fitBounds({ width: 1800, height: 1000, x: 1500, y: 40 }, screens)).toEqual({
      width: 1366,
      height: 728,
    });
    // on the screen: kept
    expect(fitBounds({ width: 1200, height: 700, x: 20, y: 10 }, screens)).toEqual({
      width: 1200,
      height: 700,
      x: 20,
      y: 10,
    });
    // only a sliver of the title bar showing: placed anew
    expect(fitBounds({ width: 1200, height: 700, x: 1300, y: 10 }, screens)).toEqual({
      width: 1200,
      height: 700,
    });
  });

  it('and a damaged settings file is ignored, not fatal', async () => {
    writeFileSync(join(tmp.dir, 'settings.json'), '{"recent": "x", "window": {"width": "wide"}');
    const h = createWorkspaceHost({ userData: tmp.dir, operator: '测试员' });
    expect(h.settings()).toEqual({ recent: [], window: null });
    await h.openLast();
    h.rememberWindow({ width: 1300, height: 700 });
    expect(JSON.parse(readFileSync(join(tmp.dir, 'settings.json'), 'utf8'))).toMatchObject({
      window: { width: 1300, height: 700 },
    });
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    h.close();
  });
});

describe('the workspace host, when things are not where they were', () => {
  it('says which last workspace is missing, and opens the next one there', async () => {
    const stick = join(tmp.dir, 'U盘', '2024.db');
    await host.create(stick);
    await host.create(join(tmp.dir, '本机.db'));
    await host.open(stick);
    host.close();
    rmSync(dirname(stick), { recursive: true }); // the USB stick is not plugged in
    const again = createWorkspaceHost({ userData: tmp.dir, operator: '测试员' });
    expect(await again.openLast()).toEqual({ path: join(tmp.dir, '本机.db'), missing: stick });
    again.close();
  });

  it('refuses to back up over the open file by another name, and replaces an older backup whole', async () => {
    await host.openLast();
    const link = join(tmp.dir, '链接.db');
    symlinkSync(host.path()!, link);
    await expect(host.backup(link)).rejects.toThrow('不能覆盖');
    const copy = join(tmp.dir, '备份.db');
    writeFileSync(copy, 'an older backup');
    await host.backup(copy);
    expect(readFileSync(copy).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
