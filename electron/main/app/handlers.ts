import type { Events, Handlers } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { Scheme } from '../../../shared/domain/scheme';
import type { Services } from '../services';
import type { Staging } from './staging';
import { randomBytes } from 'node:crypto';
import type { ReportPrinter } from '../report/printer';
import { NoChromiumError } from '../report/chromium';

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
}

/**
 * Target-leaf products a sensitivity analysis may take when the window waits for it: about 15 s on
 * an office PC (`npm run bench`: ~15 ns each). The sample city's 10,000 draws are 6·10⁶.
 */
const WINDOW_SENSITIVITY_WORK = 1e9;

/** Reports printed for the preview, remembered until saved or printed (the latest few). */
const KEPT_REPORTS = 8;

const NO_WORKSPACE = fail('NOT_FOUND', '没有打开的工作区：请在“文件”菜单中新建或打开一个工作区');

/**
 * What each channel does, over the services of the open workspace. Plain Node: the Electron shell
 * registers these on IPC, the test bridge serves them over HTTP, and tests call them directly.
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
      const stage = deps.staging.put(cycle.id, deps.workspace(), i.files);
      const r = await s.imports.importFiles(cycle, stage.paths, {
        dryRun: true,
        atomic: 'perFile',
        confirm: i.confirm,
        onProgress: (p) => deps.emit('import:progress', { stageId: stage.id, ...p }),
      });
      if (!r.ok) {
        deps.staging.discard(stage.id);
        return r;
      }
      return ok({ stageId: stage.id, files: r.value.files });
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
      const r = await s.imports.importFiles(cycle, stage.paths, {
        atomic: 'perFile',
        confirm: i.confirm,
        onProgress: (p) => deps.emit('import:progress', { stageId: stage.id, ...p }),
      });
      if (r.ok) deps.staging.discard(stage.id);
      return r;
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
    'result:compute': withServices((s, i) => {
      const r = s.compute.run(i.cycleId);
      if (!r.ok) return r;
      return ok({
        result: r.value.result,
        stored: r.value.resultId !== null,
        unchanged: r.value.unchanged,
        issues: r.value.result.issues,
      });
    }),
    'result:exportXlsx': withServices(async (s, i) => {
      const r = await s.exports.resultsWorkbook(i.cycleId, { issuingOffice: i.office });
      if (!r.ok) return r;
      s.exports.logExport(i.cycleId, r.value.fileName, r.value.resultId, r.value.inputHash);
      return ok({ fileName: r.value.fileName, data: r.value.bytes });
    }),

    'result:sensitivity': withServices((s, i) =>
      s.weights.sensitivity(
        i.cycleId,
        { draws: i.draws, delta: i.delta, seed: i.seed },
        { maxWork: WINDOW_SENSITIVITY_WORK },
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

    'report:build': withServices(async (s, i) => {
      const r = s.exports.report(i.cycleId, {
        office: i.office,
        confidential: i.confidential,
        cards: i.cards,
        target: i.target ?? null,
      });
      if (!r.ok) return r;
      let out;
      try {
        out = await deps.printer.print(r.value.document);
      } catch (e) {
        if (e instanceof NoChromiumError) return fail('UNAVAILABLE', e.message);
        throw e;
      }
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
  };
}
