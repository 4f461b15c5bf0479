import type { Events, Handlers } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { Scheme } from '../../../shared/domain/scheme';
import type { Services } from '../services';
import type { Staging } from './staging';
import { randomBytes } from 'node:crypto';
import type { ReportPrinter } from '../report/printer';
import { NoChromiumError } from '../report/chromium';
import type { Background } from './background';
import { BackgroundLostError, BackgroundUnavailableError } from './background';
import type { Job, JobProgress, JobResult } from './jobs';
import { runJob } from './jobs';
import type { TaskHandle } from './tasks';
import { createTasks } from './tasks';

export interface HandlerDeps {
  /** The services of the open workspace, or null when none is open. */
  services: () => Services | null;
  workspace: () => string | null;
  staging: Staging;
  emit: <E extends keyof Events>(event: E, payload: Events[E]) => void;
  version: string;
  shell: 'electron' | 'browser';
  operator: string;
  /** Lays out and prints reports: a hidden window in the desktop app, headless Chromium in a browser. */
  printer: ReportPrinter;
  /**
   * The open workspace's background thread, where long work runs; none (or none available): it
   * runs here, in the main thread, as it always did.
   */
  background?: () => Background | null;
  /** The date printed on reports (tests fix it); the computer's clock by default. */
  clock?: () => Date;
}

/** Reports printed for the preview, remembered until saved or printed (the latest few). */
const KEPT_REPORTS = 8;

const NO_WORKSPACE = fail('NOT_FOUND', '没有打开的工作区：请在“文件”菜单中新建或打开一个工作区');

/**
 * What each channel does, over the services of the open workspace. Plain Node: the Electron shell
 * registers these on IPC, the test bridge serves them over HTTP, and tests call them directly.
 * Quick calls run here; long work (checking and importing files, compute, sensitivity, building a
 * report) runs in the workspace's background thread, named by the page's task id while it runs
 * so that `task:cancel` can stop it, with its progress sent as events.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const withServices =
    <I, O>(f: (s: Services, input: I) => Promise<Result<O>> | Result<O>) =>
    (input: I): Promise<Result<O>> | Result<O> => {
      const s = deps.services();
      return s ? f(s, input) : NO_WORKSPACE;
    };
  const cycleOf = (s: Services, id: number) => s.cycles.list().find((c) => c.id === id);
  const printed = new Map<
    string,
    { workspace: string | null; cycleId: number; fileName: string; resultId: number; inputHash: string }
  >();
  const tasks = createTasks();
  const clock = deps.clock ?? (() => new Date());

  /** Runs `f` as a task under the page's id, so that `task:cancel` finds it while it runs. */
  async function withTask<O>(id: string | undefined, f: (t: TaskHandle) => Promise<Result<O>>) {
    const t = tasks.begin(id);
    if (!t.ok) return t;
    try {
      return await f(t.value);
    } finally {
      t.value.end();
    }
  }

  /** A long job: in the background thread when there is one, else here. */
  async function perform<J extends Job>(
    s: Services,
    job: J,
    task: TaskHandle,
    onProgress: (p: JobProgress) => void,
  ): Promise<JobResult<J>> {
    const background = deps.background?.() ?? null;
    if (background?.available()) {
      try {
        return await background.run(job, task, onProgress);
      } catch (e) {
        if (e instanceof BackgroundLostError) return fail('INTERNAL', e.message);
        // a thread that could not start: the job runs here instead, only slower to share
        if (!(e instanceof BackgroundUnavailableError)) throw e;
      }
    }
    return runJob(s, job, { stopped: task.flag.stopped, signal: task.signal, progress: onProgress });
  }

  const importProgress = (stageId: string) => (p: JobProgress) => {
    if (p.kind === 'import') deps.emit('import:progress', { stageId, ...p.progress });
  };
  const taskProgress = (task: TaskHandle) => (p: JobProgress) => {
    if (p.kind === 'task' && task.id !== null)
      deps.emit('task:progress', { task: task.id, phase: p.phase, fraction: p.fraction });
  };

  return {
    'app:info': () =>
      ok({ version: deps.version, workspace: deps.workspace(), operator: deps.operator, shell: deps.shell }),

    'cycle:list': withServices((s) => {
      const cycles = s.cycles.list();
      const names = new Map(cycles.map((c) => [c.id, c.name]));
      return ok(
        cycles.map((c) => ({
          ...c,
          previousName: c.previousCycleId === null ? null : (names.get(c.previousCycleId) ?? null),
          targets: s.cycles.scheme(c.id).targets.length,
          batches: s.imports.batches(c.id).filter((b) => b.status === 'active').length,
          result:
            s.compute.staleness(c.id) === 'none' ? 'none' : (s.compute.staleness(c.id) as 'fresh' | 'stale'),
        })),
      );
    }),

    'cycle:createFromWorkbook': withServices(async (s, i) => {
      const stage = deps.staging.put(0, deps.workspace(), [i.file]);
      try {
        const r = await s.cycles.importScheme(stage.paths[0] as string, {
          name: i.name,
          kind: i.kind,
          previous: i.previousCycleId ?? undefined,
        });
        if (!r.ok) return r;
        const checked = s.schemes.get(r.value.cycle.id);
        return ok({ cycle: r.value.cycle, issues: checked.ok ? checked.value.issues : [] });
      } finally {
        deps.staging.discard(stage.id);
      }
    }),
    'cycle:copy': withServices((s, i) => s.cycles.copy(i.fromId, { name: i.name, kind: i.kind })),
    'cycle:link': withServices((s, i) => s.cycles.linkPrevious(i.cycleId, i.previousId)),
    'cycle:publish': withServices((s, i) => s.publishing.publish(i.cycleId)),
    'cycle:reopen': withServices((s, i) => s.publishing.reopen(i.cycleId, i.reason)),

    'scheme:get': withServices((s, i) => {
      const r = s.schemes.get(i.cycleId);
      if (!r.ok) return r;
      return ok({ ...r.value, editable: cycleOf(s, i.cycleId)?.status !== 'published' });
    }),
    'scheme:save': withServices((s, i) =>
      s.schemes.save(i.cycleId, i.scheme as Scheme, { confirmLoss: i.confirmLoss }),
    ),
    'scheme:importWorkbook': withServices((s, i) =>
      s.schemes.replaceFromWorkbook(i.cycleId, i.file.name, Buffer.from(i.file.data), {
        confirmLoss: i.confirmLoss,
      }),
    ),
    'scheme:exportWorkbook': withServices(async (s, i) => {
      const r = await s.schemes.workbook(i.cycleId);
      return r.ok ? ok({ fileName: r.value.fileName, data: r.value.bytes }) : r;
    }),

    'import:preview': withServices(async (s, i) => {
      const cycle = cycleOf(s, i.cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${i.cycleId}`);
      return withTask(i.task, async (task) => {
        const stage = deps.staging.put(cycle.id, deps.workspace(), i.files);
        const r = await perform(
          s,
          { kind: 'import', cycleId: cycle.id, paths: stage.paths, dryRun: true, confirm: i.confirm },
          task,
          importProgress(stage.id),
        );
        if (!r.ok) {
          deps.staging.discard(stage.id);
          return r;
        }
        return ok({ stageId: stage.id, files: r.value.files });
      });
    }),
    'import:commit': withServices(async (s, i) => {
      const stage = deps.staging.get(i.stageId);
      // a preview checked against another workspace (opened since from the File menu) is void
      if (!stage || stage.workspace !== deps.workspace()) {
        if (stage) deps.staging.discard(stage.id);
        return fail('NOT_FOUND', '这批文件的预览已失效（工作区已更换或预览已过期），请重新选择文件');
      }
      const cycle = cycleOf(s, stage.cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${stage.cycleId}`);
      return withTask(i.task, async (task) => {
        const r = await perform(
          s,
          { kind: 'import', cycleId: cycle.id, paths: stage.paths, dryRun: false, confirm: i.confirm },
          task,
          importProgress(stage.id),
        );
        if (r.ok) deps.staging.discard(stage.id);
        return r;
      });
    }),
    'import:discard': (i) => {
      deps.staging.discard(i.stageId);
      return ok(null);
    },
    'import:batches': withServices((s, i) => ok(s.imports.batches(i.cycleId))),
    'import:withdraw': withServices((s, i) => {
      const r = s.imports.withdraw(i.batchId, i.reason);
      return r.ok ? ok(null) : r;
    }),
    'import:restore': withServices((s, i) => {
      const r = s.imports.restore(i.batchId, i.reason);
      return r.ok ? ok(null) : r;
    }),

    'template:list': withServices((s, i) => {
      const r = s.templates.plans(i.cycleId);
      return r.ok
        ? ok(
            r.value.map((p) => ({
              file: p.file,
              kind: p.kind,
              title: p.title,
              rows: p.rows.length + p.blankRows,
            })),
          )
        : r;
    }),
    'template:file': withServices(async (s, i) => {
      const r = await s.templates.file(i.cycleId, i.file);
      return r.ok ? ok({ fileName: r.value.fileName, data: r.value.bytes }) : r;
    }),

    'result:get': withServices((s, i) => ok(s.compute.current(i.cycleId))),
    'result:compute': withServices((s, i) =>
      withTask(i.task, (task) =>
        perform(s, { kind: 'compute', cycleId: i.cycleId }, task, taskProgress(task)),
      ),
    ),
    'result:exportXlsx': withServices(async (s, i) => {
      const r = await s.exports.resultsWorkbook(i.cycleId, { issuingOffice: i.office });
      if (!r.ok) return r;
      s.exports.logExport(i.cycleId, r.value.fileName, r.value.resultId, r.value.inputHash);
      return ok({ fileName: r.value.fileName, data: r.value.bytes });
    }),

    'result:sensitivity': withServices((s, i) =>
      withTask(i.task, (task) =>
        perform(
          s,
          { kind: 'sensitivity', cycleId: i.cycleId, draws: i.draws, delta: i.delta, seed: i.seed },
          task,
          taskProgress(task),
        ),
      ),
    ),
    'weights:data': withServices((s, i) => s.weights.data(i.cycleId, i.sourceCycleId, i.category, i.parent)),
    'scheme:applyWeights': withServices((s, i) =>
      s.schemes.applyWeights(i.cycleId, {
        category: i.category,
        parent: i.parent,
        weights: i.weights,
        derivation: i.derivation,
      }),
    ),

    'report:build': withServices((s, i) =>
      withTask(i.task, async (task) => {
        const progress = taskProgress(task);
        const r = await perform(
          s,
          {
            kind: 'report',
            cycleId: i.cycleId,
            office: i.office ?? '',
            confidential: i.confidential,
            cards: i.cards,
            target: i.target ?? null,
            date: clock().toISOString(),
          },
          task,
          progress,
        );
        if (!r.ok) return r;
        if (task.flag.stopped()) return fail('CANCELLED', '已取消生成报告');
        progress({ kind: 'task', phase: 'printing', fraction: 0 });
        // Chromium cannot be stopped halfway: a cancel answers at once and the pages are dropped
        const printing = deps.printer.print(r.value.document);
        printing.catch(() => {});
        let out;
        try {
          out = await Promise.race([printing, task.cancelled.then(() => null)]);
        } catch (e) {
          if (e instanceof NoChromiumError) return fail('UNAVAILABLE', e.message);
          throw e;
        }
        if (out === null) return fail('CANCELLED', '已取消生成报告');
        const token = randomBytes(16).toString('hex');
        printed.set(token, {
          workspace: deps.workspace(),
          cycleId: i.cycleId,
          fileName: r.value.fileName,
          resultId: r.value.resultId,
          inputHash: r.value.inputHash,
        });
        for (const k of [...printed.keys()].slice(0, Math.max(0, printed.size - KEPT_REPORTS)))
          printed.delete(k);
        return ok({
          token,
          fileName: `${r.value.fileName}.pdf`,
          pdf: out.pdf,
          html: out.html,
          pages: out.pages,
        });
      }),
    ),
    'report:record': withServices((s, i) => {
      const p = printed.get(i.token);
      if (!p || p.workspace !== deps.workspace())
        return fail('NOT_FOUND', '这份报告已失效（可能换了工作区或重新生成过）：请重新生成后再导出或打印');
      s.exports.logExport(p.cycleId, `${p.fileName}.pdf`, p.resultId, p.inputHash, i.use);
      return ok(null);
    }),

    'audit:list': withServices((s, i) =>
      ok(
        s.audit.entries(i.cycleId).map((e) => ({
          id: e.id,
          at: e.at,
          operator: e.operator,
          action: e.action,
          cycleId: e.cycleId,
          detail: e.detail,
        })),
      ),
    ),

    'task:cancel': (i) => ok({ running: tasks.cancel(i.task) }),
  };
}
