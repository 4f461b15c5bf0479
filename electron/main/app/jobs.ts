import type { Outputs, ParsedInput, TaskPhase } from '../../../shared/contract/api';
import type { FileReport, ImportProgress } from '../../../shared/contract/import';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { SensitivityControl, SensitivityOptions } from '../../../shared/engine/sensitivity';
import { SensitivityStopped, sensitivity } from '../../../shared/engine/sensitivity';
import type { ReportDocument } from '../../../shared/report/document';
import { reportDocument } from '../../../shared/report/document';
import type { Services } from '../services';
import { reportDraws } from '../services/export-service';

/**
 * The long work of the window, as data: what the background thread is asked to do (or, with no
 * background thread, the main thread itself). Everything in a job crosses threads by structured
 * clone, so it holds plain values only.
 */
export type Job =
  | {
      kind: 'import';
      cycleId: number;
      paths: string[];
      dryRun: boolean;
      confirm: ParsedInput<'import:commit'>['confirm'];
    }
  | { kind: 'compute'; cycleId: number }
  | { kind: 'sensitivity'; cycleId: number; draws: number; delta: number; seed: number }
  | {
      kind: 'report';
      cycleId: number;
      office: string;
      confidential: boolean;
      cards: boolean;
      target: string | null;
      /** The date on the cover, from the main thread's clock (the one the operator's tests fix). */
      date: string;
    };
export type JobKind = Job['kind'];

/** A report ready to print: the printing itself happens where the printer is (the main thread). */
export interface BuiltReport {
  document: ReportDocument;
  fileName: string;
  resultId: number;
  inputHash: string;
}

/** What each kind of job answers. */
export interface JobOutputs {
  import: { files: FileReport[]; written: boolean };
  compute: Outputs['result:compute'];
  sensitivity: Outputs['result:sensitivity'];
  report: BuiltReport;
}
export type JobResult<J extends Job> = Result<JobOutputs[J['kind']]>;

/** How far a job has got: an import file by file, the others by phase. */
export type JobProgress =
  { kind: 'import'; progress: ImportProgress } | { kind: 'task'; phase: TaskPhase; fraction: number };

/** What a job may consult and tell while it runs. */
export interface JobControl {
  /** Whether the operator cancelled: read between draws, where no message can arrive. */
  stopped: () => boolean;
  /** Aborted on cancel: the importer stops reading at its next chunk and writes nothing. */
  signal: AbortSignal;
  progress: (p: JobProgress) => void;
  /**
   * Runs compute in one transaction of its own, when another thread may write meanwhile: it reads
   * its inputs and stores its result from one state of the workspace (a batch withdrawn halfway
   * could otherwise leave a result stamped with data it did not score). None: the caller's thread
   * is the only writer, and compute, being synchronous, is atomic already.
   */
  atomically?: <T>(f: () => T) => T;
}

/**
 * Target-leaf products a sensitivity analysis may take when the window waits for it: about 15 s on
 * an office PC (`npm run bench`: ~15 ns each). The sample city's 10,000 draws are 6·10⁶.
 */
export const WINDOW_SENSITIVITY_WORK = 1e9;

/** Runs a job over the services of the workspace: the same code in either thread. */
export async function runJob<J extends Job>(s: Services, job: J, ctl: JobControl): Promise<JobResult<J>> {
  return (await run(s, job, ctl)) as JobResult<J>;
}

async function run(s: Services, job: Job, ctl: JobControl): Promise<Result<unknown>> {
  switch (job.kind) {
    case 'import':
      return s.imports.importFiles({ id: job.cycleId }, job.paths, {
        dryRun: job.dryRun,
        atomic: 'perFile',
        confirm: job.confirm,
        signal: ctl.signal,
        onProgress: (progress) => ctl.progress({ kind: 'import', progress }),
      });
    case 'compute': {
      const compute = () => s.compute.run(job.cycleId);
      const r = ctl.atomically ? ctl.atomically(compute) : compute();
      if (!r.ok) return r;
      return ok({
        result: r.value.result,
        stored: r.value.resultId !== null,
        unchanged: r.value.unchanged,
        issues: r.value.result.issues,
      });
    }
    case 'sensitivity': {
      // a variable, not a literal: the service takes the options as the engine does and passes them on
      const options: Partial<SensitivityOptions> & SensitivityControl = {
        draws: job.draws,
        delta: job.delta,
        seed: job.seed,
        shouldStop: sampling(ctl, job.draws),
      };
      try {
        const r = s.weights.sensitivity(job.cycleId, options, { maxWork: WINDOW_SENSITIVITY_WORK });
        if (r.ok) ctl.progress({ kind: 'task', phase: 'sampling', fraction: 1 });
        return r;
      } catch (e) {
        if (e instanceof SensitivityStopped) return fail('CANCELLED', '已取消稳健性分析');
        throw e;
      }
    }
    case 'report':
      try {
        return buildReport(s, job, ctl);
      } catch (e) {
        if (e instanceof SensitivityStopped) return fail('CANCELLED', '已取消生成报告');
        throw e;
      }
  }
}

/** A `shouldStop` that also reports the draws done, at most once per whole percent. */
function sampling(ctl: JobControl, draws: number): (done: number) => boolean {
  let shown = -1;
  return (done) => {
    const percent = Math.floor((done / draws) * 100);
    if (percent > shown) {
      shown = percent;
      ctl.progress({ kind: 'task', phase: 'sampling', fraction: done / draws });
    }
    return ctl.stopped();
  };
}

/**
 * The report of a cycle's current result as a document to print: what ExportService.report makes,
 * with a robustness appendix whose draws can be stopped and followed (the service's cannot).
 */
function buildReport(
  s: Services,
  job: Extract<Job, { kind: 'report' }>,
  ctl: JobControl,
): Result<BuiltReport> {
  const final = s.compute.finalResult(job.cycleId, '生成报告');
  if (!final.ok) return final;
  const { cycle, stored } = final.value;
  const scheme = s.cycles.scheme(cycle.id);
  const target = job.target ? stored.result.targets.find((t) => t.code === job.target) : undefined;
  if (job.target && !target)
    return fail('NOT_FOUND', `考核周期“${cycle.name}”中没有编码为 ${job.target} 的考核对象`);
  const draws = reportDraws(scheme, stored.result);
  const robustness = target
    ? null
    : sensitivity(scheme, stored.result, { draws, shouldStop: sampling(ctl, draws) });
  if (ctl.stopped()) return fail('CANCELLED', '已取消生成报告');
  ctl.progress({ kind: 'task', phase: 'layout', fraction: 0 });
  const document = reportDocument(stored.result, scheme, {
    office: job.office.trim(),
    date: new Date(job.date),
    confidential: job.confidential,
    cards: job.cards,
    target: target?.code ?? null,
    auditHead: s.audit.head(),
    robustness,
  });
  return ok({
    document,
    fileName: target ? `${cycle.name}${target.name}考核得分明细` : `${cycle.name}综合考核结果`,
    resultId: stored.id,
    inputHash: stored.inputHash,
  });
}
