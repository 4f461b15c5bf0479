/**
 * Long work in the workspace's background thread (electron/main/app/background.ts): the same
 * answers as in the main thread, progress and cancel, one thread per open workspace, a crash that
 * the window survives, the fallbacks, and write transactions that cannot fail for the other
 * connection. (The 200,000-row import and the latency of other calls meanwhile: responsiveness.test.ts.)
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Background } from '../../../electron/main/app/background';
import { BackgroundUnavailableError, createBackground } from '../../../electron/main/app/background';
import type { Clock } from '../../../electron/main/app/clock';
import { steppedClock } from '../../../electron/main/app/clock';
import { createDispatcher } from '../../../electron/main/app/dispatch';
import { createHandlers } from '../../../electron/main/app/handlers';
import { createStaging } from '../../../electron/main/app/staging';
import { createTasks } from '../../../electron/main/app/tasks';
import { immediateTransactions } from '../../../electron/main/db/immediate';
import { WORKER_SOURCE } from '../../../electron/main/bridge/serve';
import type { ReportPrinter } from '../../../electron/main/report/printer';
import { createWorkspaceHost } from '../../../electron/main/workspace/host';
import type { Channel, EventName, Events, Input, Outputs } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { SensitivityStopped, sensitivity } from '../../../shared/engine/sensitivity';
import type { ReportDocument } from '../../../shared/report/document';
import { CITY_DATA, CITY_SCHEME, cityComputed, memoryWorkspace, tempDir } from '../../helpers/workspace';

const NONE = { aliases: [], columns: [] };
const WORKER = { file: WORKER_SOURCE, typescript: true };
/** The date printed on reports, fixed: the two threads' reports are compared byte for byte. */
const REPORT_DATE = new Date(Date.UTC(2025, 0, 20, 2, 0, 0));
const TASK = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const dirs: ReturnType<typeof tempDir>[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
  for (const d of dirs.splice(0)) d.cleanup();
});

/** A printer that keeps the documents and answers with a stand-in PDF, or waits when told to. */
function stubPrinter() {
  const docs: ReportDocument[] = [];
  let hold: Promise<void> | null = null;
  const printer: ReportPrinter & { docs: ReportDocument[]; holdUntil(p: Promise<void>): void } = {
    docs,
    holdUntil: (p) => void (hold = p),
    async print(doc) {
      docs.push(doc);
      if (hold) await hold;
      return { pdf: new TextEncoder().encode('%PDF-1.4 stand-in'), html: '<p>report</p>', pages: 1 };
    },
    async close() {},
  };
  return printer;
}

/**
 * The handlers over a workspace host in a temp folder, as the bridge composes them: with the
 * background thread (`worker`) or without, dispatching every call through the dispatcher.
 */
async function compose(opts: { worker: boolean; clock?: Clock }) {
  const tmp = tempDir('appraisal-bg-');
  dirs.push(tmp);
  const workerErrors: unknown[] = [];
  const host = createWorkspaceHost({
    userData: tmp.dir,
    operator: '测试员',
    clock: opts.clock ?? steppedClock(),
    ...(opts.worker ? { worker: WORKER } : {}),
    onWorkerError: (e) => workerErrors.push(e),
  });
  closers.push(() => host.close());
  await host.openLast();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const events: { event: EventName; payload: unknown }[] = [];
  const printer = stubPrinter();
  const handlers = createHandlers({
    services: host.services,
    workspace: host.path,
    background: host.background,
    clock: () => REPORT_DATE,
    staging: createStaging(join(tmp.dir, 'staging')),
    emit: (event, payload) => {
      events.push({ event, payload });
      for (const l of listeners) l(event, payload);
    },
    version: 'test',
    shell: 'browser',
    operator: '测试员',
    printer,
  });
  const errors: unknown[] = [];
  const dispatch = createDispatcher(handlers, (e) => errors.push(e));
  const call = <C extends Channel>(channel: C, input: Input<C>) =>
    dispatch(channel, input) as Promise<Result<Outputs[C]>>;
  const value = async <C extends Channel>(channel: C, input: Input<C>): Promise<Outputs[C]> => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  /** The next event of a kind that matches, once it comes. */
  const next = <E extends EventName>(event: E, match: (p: Events[E]) => boolean = () => true) =>
    new Promise<Events[E]>((resolve) => {
      const l = (e: EventName, p: unknown) => {
        if (e !== event || !match(p as Events[E])) return;
        listeners.delete(l);
        resolve(p as Events[E]);
      };
      listeners.add(l);
    });
  return { dir: tmp.dir, host, call, value, next, events, errors, workerErrors, printer };
}
type App = Awaited<ReturnType<typeof compose>>;

const cityFiles = () => CITY_DATA.map((f) => ({ name: basename(f), data: new Uint8Array(readFileSync(f)) }));

/** The sample city's cycle made, its data imported and computed, all through the handlers. */
async function city(app: App) {
  const { cycle } = await app.value('cycle:createFromWorkbook', {
    file: { name: basename(CITY_SCHEME), data: new Uint8Array(readFileSync(CITY_SCHEME)) },
    name: '2024年度',
    kind: 'annual',
    previousCycleId: null,
  });
  const preview = await app.value('import:preview', { cycleId: cycle.id, files: cityFiles(), confirm: NONE });
  const commit = await app.value('import:commit', { stageId: preview.stageId, confirm: NONE });
  const computed = await app.value('result:compute', { cycleId: cycle.id });
  return { cycle, preview, commit, computed };
}

/** What identifies an audit entry apart from its hash chain: the two workspaces are separate files. */
const auditOf = (app: App) =>
  app.host
    .services()!
    .audit.entries()
    .map((e) => ({ at: e.at, operator: e.operator, action: e.action, cycleId: e.cycleId, detail: e.detail }));

describe('a job in the background thread', () => {
  it('gives what the main thread gives: import check and commit, compute, sensitivity, report', async () => {
    const [bg, here] = await Promise.all([compose({ worker: true }), compose({ worker: false })]);
    expect(here.host.background()).toBeNull();
    const run = vi.spyOn(bg.host.background() as Background, 'run');

    const a = await city(bg);
    const b = await city(here);
    expect(a.preview.files).toEqual(b.preview.files);
    expect(a.preview.files.every((f) => f.accepted)).toBe(true);
    expect(a.commit).toEqual(b.commit);
    expect(a.commit.files.filter((f) => f.written)).toHaveLength(CITY_DATA.length);
    expect(JSON.stringify(a.computed)).toBe(JSON.stringify(b.computed));
    expect(a.computed.stored).toBe(true);

    const sa = await bg.value('result:sensitivity', { cycleId: a.cycle.id });
    const sb = await here.value('result:sensitivity', { cycleId: b.cycle.id });
    expect(sa).toEqual(sb);
    expect(Object.keys(sa)).not.toContain('shouldStop');

    const input = { cycleId: a.cycle.id, office: '临澜市考核办', confidential: true, cards: true };
    await bg.value('report:build', input);
    await here.value('report:build', input);
    // the cover prints each workspace's own audit head (two files, two chains); the rest is the same
    const heads = [bg, here].map((app) => app.host.services()!.audit.entries().at(-1)?.hash);
    expect([bg, here].map((app) => app.printer.docs[0]?.cover.auditHead)).toEqual(heads);
    const withoutHead = (d: ReportDocument | undefined) =>
      JSON.stringify(d && { ...d, cover: { ...d.cover, auditHead: null } });
    expect(withoutHead(bg.printer.docs[0])).toBe(withoutHead(here.printer.docs[0]));
    // and what the export service (the command line's report) lays out, appendix and all
    const service = here.host.services()!.exports.report(b.cycle.id, { ...input, date: REPORT_DATE });
    if (!service.ok) throw new Error(service.error.message);
    expect(JSON.stringify(here.printer.docs[0])).toBe(JSON.stringify(service.value.document));
    expect(service.value.document.robustness).not.toBeNull();

    // every long call went to the thread (and none fell back); the audit log is the same, times too:
    // the thread's clock is the main thread's, shared
    expect(run.mock.calls.map(([job]) => job.kind)).toEqual([
      'import',
      'import',
      'compute',
      'sensitivity',
      'report',
    ]);
    expect(bg.host.background()?.available()).toBe(true);
    expect(auditOf(bg)).toEqual(auditOf(here));
    expect(auditOf(bg).map((e) => e.action)).toContain('compute');
    // imports reported their progress under the preview's id, from the thread
    const progress = bg.events.filter((e) => e.event === 'import:progress');
    expect(new Set(progress.map((e) => (e.payload as Events['import:progress']).stageId))).toEqual(
      new Set([a.preview.stageId]),
    );
    expect(progress.some((e) => (e.payload as Events['import:progress']).phase === 'writing')).toBe(true);
    expect(bg.errors).toEqual([]);
    expect(bg.workerErrors).toEqual([]);
  });

  it('computes, beside the imports, what a fresh compute gives after a batch was withdrawn in the main thread', async () => {
    const bg = await compose({ worker: true });
    const { cycle } = await city(bg);
    const batch = bg.host.services()!.imports.batches(cycle.id)[0]!;
    // the withdrawal runs here, in the main thread; compute, in the thread, sees it and agrees
    expect((await bg.call('import:withdraw', { batchId: batch.id, reason: '重新收集' })).ok).toBe(true);
    const again = await bg.value('result:compute', { cycleId: cycle.id });
    const fresh = createWorkspaceHost({ userData: join(bg.dir, 'fresh'), operator: '测试员' });
    closers.push(() => fresh.close());
    await fresh.open(bg.host.path()!);
    const anew = fresh.services()!.compute.run(cycle.id);
    if (!anew.ok) throw new Error(anew.error.message);
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(anew.value.result));
  });
});

describe('cancelling', () => {
  it('stops a sensitivity analysis between draws and answers CANCELLED; the thread works on', async () => {
    const bg = await compose({ worker: true });
    const { cycle } = await city(bg);
    const first = bg.next('task:progress', (p) => p.task === TASK && p.fraction > 0);
    const answer = bg.call('result:sensitivity', { cycleId: cycle.id, draws: 100_000, task: TASK });
    await first;
    expect(await bg.value('task:cancel', { task: TASK })).toEqual({ running: true });
    expect(await answer).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消稳健性分析' } });
    const seen = bg.events
      .filter((e) => e.event === 'task:progress')
      .map((e) => (e.payload as Events['task:progress']).fraction);
    expect(Math.max(...seen)).toBeLessThan(1);
    // the id is free again, and the next analysis runs to the end
    expect(await bg.value('task:cancel', { task: TASK })).toEqual({ running: false });
    const done = await bg.value('result:sensitivity', {
      cycleId: cycle.id,
      draws: 1000,
      task: TASK.replace('a', 'b'),
    });
    expect(done.draws).toBe(1000);
  });

  it('stops a report while its appendix is drawn, and while it prints', async () => {
    const bg = await compose({ worker: true });
    const { cycle } = await city(bg);
    const input = { cycleId: cycle.id, confidential: false, cards: false };

    // a cancel that comes before the call it names stops it at once
    expect(await bg.value('task:cancel', { task: TASK })).toEqual({ running: false });
    expect(await bg.call('report:build', { ...input, task: TASK })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: '已取消生成报告' },
    });

    const sampling = bg.next('task:progress', (p) => p.phase === 'sampling');
    const drawn = bg.call('report:build', { ...input, task: `${TASK}01`.slice(2) });
    await sampling;
    await bg.value('task:cancel', { task: `${TASK}01`.slice(2) });
    expect(await drawn).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(bg.printer.docs).toHaveLength(0);

    // Chromium cannot be stopped: the call answers at once and the pages are dropped
    let release = () => {};
    bg.printer.holdUntil(new Promise<void>((r) => (release = r)));
    const printing = bg.next('task:progress', (p) => p.phase === 'printing');
    const printed = bg.call('report:build', { ...input, task: TASK.replace('1', '9') });
    await printing;
    await bg.value('task:cancel', { task: TASK.replace('1', '9') });
    expect(await printed).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    release();
    expect(bg.printer.docs).toHaveLength(1);
  });

  it('refuses a task id in use or malformed', async () => {
    const bg = await compose({ worker: true });
    const { cycle } = await city(bg);
    const long = bg.call('result:sensitivity', { cycleId: cycle.id, draws: 100_000, task: TASK });
    expect(await bg.call('result:sensitivity', { cycleId: cycle.id, task: TASK })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('任务编号重复') },
    });
    await bg.value('task:cancel', { task: TASK });
    expect((await long).ok).toBe(false);
    for (const task of ['xyz', 'ABCDEF0123456789', '0123456789abcde'])
      expect(await bg.call('task:cancel', { task })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
  });
});

describe('the thread of a workspace', () => {
  it('ends when the workspace closes, and another begins with the next workspace', async () => {
    const bg = await compose({ worker: true });
    const first = bg.host.background()!.current()!;
    const ended = new Promise<number>((r) => first.once('exit', r));
    await bg.host.create(join(bg.dir, '另一个.db'));
    await ended;
    const second = bg.host.background()!.current()!;
    expect(second.threadId).not.toBe(first.threadId);
    // the new thread works on the new file
    await city(bg);
    const over = new Promise<number>((r) => second.once('exit', r));
    bg.host.close();
    await over;
    expect(bg.host.background()).toBeNull();
    expect(bg.workerErrors).toEqual([]);
  });

  it('that crashes gives the window a Chinese error; the next call gets a new thread', async () => {
    const bg = await compose({ worker: true });
    const { cycle } = await city(bg);
    const thread = bg.host.background()!.current()!;
    const sampling = bg.next('task:progress', (p) => p.task === TASK);
    const answer = bg.call('result:sensitivity', { cycleId: cycle.id, draws: 100_000, task: TASK });
    await sampling;
    // what a crash looks like from outside: the thread is gone halfway through a job
    await thread.terminate();
    expect(await answer).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/^后台处理意外中断.*请重试/) },
    });
    expect(bg.workerErrors).toHaveLength(1);
    const computed = await bg.value('result:compute', { cycleId: cycle.id });
    expect(computed.unchanged).toBe(true);
    expect(bg.host.background()!.current()!.threadId).not.toBe(thread.threadId);
    expect(bg.host.background()!.available()).toBe(true);
  });
});

describe('without a thread', () => {
  it('runs in the main thread for an in-memory workspace', async () => {
    const ws = memoryWorkspace();
    closers.push(() => ws.db.close());
    const background = createBackground({ entry: WORKER, workspace: ':memory:', operator: '测试员' });
    expect(background.available()).toBe(false);
    expect(background.current()).toBeNull();
    const { cycle } = await cityComputed(ws.services);
    const handlers = createHandlers({
      services: () => ws.services,
      workspace: () => null,
      background: () => background,
      staging: createStaging(join(tempDir().dir, 'staging')),
      emit: () => {},
      version: 'test',
      shell: 'browser',
      operator: '测试员',
      printer: stubPrinter(),
    });
    const r = await handlers['result:sensitivity']({ cycleId: cycle.id, draws: 500, delta: 0.1, seed: 1 });
    expect(r).toMatchObject({ ok: true, value: { draws: 500 } });
  });

  it('runs in the main thread when the thread’s file is missing or it cannot open the workspace', async () => {
    const missing = createBackground({
      entry: { file: join(tempDir().dir, 'background-worker.js') },
      workspace: '/nowhere/x.db',
      operator: '测试员',
    });
    expect(missing.available()).toBe(false);

    const errors: unknown[] = [];
    const broken = createBackground({
      entry: WORKER,
      workspace: join(tempDir().dir, '没有这个文件.db'),
      operator: '测试员',
      onError: (e) => errors.push(e),
    });
    closers.push(() => void broken.close());
    const tasks = createTasks();
    const task = tasks.begin();
    if (!task.ok) throw new Error('task');
    await expect(broken.run({ kind: 'compute', cycleId: 1 }, task.value, () => {})).rejects.toBeInstanceOf(
      BackgroundUnavailableError,
    );
    expect(errors).toHaveLength(1);
    expect(broken.available()).toBe(false);

    // the handlers then do the work themselves
    const here = await compose({ worker: false });
    const { cycle } = await city(here);
    const handlers = createHandlers({
      services: here.host.services,
      workspace: here.host.path,
      background: () => broken,
      staging: createStaging(join(here.dir, 'staging-2')),
      emit: () => {},
      version: 'test',
      shell: 'browser',
      operator: '测试员',
      printer: stubPrinter(),
    });
    expect(await handlers['result:compute']({ cycleId: cycle.id })).toMatchObject({
      ok: true,
      value: { unchanged: true },
    });
  });
});

describe('sensitivity’s shouldStop', () => {
  it('is asked every few hundred draws with the draws done; stopping gives nothing', async () => {
    const ws = memoryWorkspace();
    closers.push(() => ws.db.close());
    const { cycle, result } = await cityComputed(ws.services);
    const scheme = ws.services.cycles.scheme(cycle.id);
    const asked: number[] = [];
    const whole = sensitivity(scheme, result, { draws: 1000, shouldStop: (d) => (asked.push(d), false) });
    expect(asked).toEqual([0, 256, 512, 768]);
    expect(whole).toEqual(sensitivity(scheme, result, { draws: 1000 }));
    expect(() => sensitivity(scheme, result, { draws: 1000, shouldStop: (d) => d >= 512 })).toThrow(
      SensitivityStopped,
    );
  });
});

describe('write transactions on two connections', () => {
  it('do not fail for a snapshot the other connection moved on from: they take the write lock first', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const file = join(tmp.dir, 'w.db');
    const setup = new Database(file);
    setup.pragma('journal_mode = WAL');
    setup.exec('CREATE TABLE t (n INTEGER)');
    setup.close();
    const other = new Database(file);
    other.pragma('busy_timeout = 50');
    closers.push(() => other.close());
    const readThenWrite = (db: Database.Database) =>
      db.transaction(() => {
        db.prepare('SELECT count(*) FROM t').get();
        other.prepare('INSERT INTO t VALUES (1)').run(); // the other connection writes meanwhile
        db.prepare('INSERT INTO t VALUES (2)').run();
      });

    // deferred (better-sqlite3's default): the upgrade of a stale snapshot fails at once
    const plain = new Database(file);
    closers.push(() => plain.close());
    plain.pragma('busy_timeout = 5000');
    expect(() => readThenWrite(plain)()).toThrow(/SQLITE_BUSY|database is locked/);

    // immediate: the lock is held from the start, so the other connection is the one that waits
    const held = immediateTransactions(new Database(file));
    closers.push(() => held.close());
    expect(() => readThenWrite(held)()).toThrow(/database is locked/);
    const ok = held.transaction(() => {
      held.prepare('SELECT count(*) FROM t').get();
      held.prepare('INSERT INTO t VALUES (3)').run();
    });
    ok();
    expect(held.prepare('SELECT n FROM t ORDER BY rowid').pluck().all()).toEqual([1, 3]);
    // nested transactions are still savepoints
    held.transaction(() => held.transaction(() => held.prepare('INSERT INTO t VALUES (4)').run())())();
    expect(held.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3);
  });
});
