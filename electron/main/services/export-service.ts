import { basename } from 'node:path';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { ResultsWorkbookOptions } from '../excel/export-results';
import { writeResultsWorkbook } from '../excel/export-results';
import { createComputeService } from './compute-service';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';
import { writeErrorText, writeFileWhole } from './write-file';
import type { ReportDocument } from '../../../shared/report/document';
import { reportDocument } from '../../../shared/report/document';
import type { ReportPrinter } from '../report/printer';
import type { ComputeResult } from '../../../shared/domain/result';
import { DEFAULT_SENSITIVITY, sensitivity, workPerDraw } from '../../../shared/engine/sensitivity';
import type { Scheme } from '../../../shared/domain/scheme';

/** What the operator chooses for a printed report (SPEC §7). */
export interface ReportRequest {
  /** 制表单位 on the cover; blank leaves it out. */
  office?: string;
  /** The date printed on the cover (default: today). */
  date?: Date;
  /** 内部资料 注意保密 on the cover and every page. */
  confidential?: boolean;
  /** A score card per unit after the tables and charts (default true). */
  cards?: boolean;
  /** Only this unit's score card: its code. */
  target?: string | null;
  /** The appendix of how robust each bottom-N verdict is to the weights (default true). */
  robustness?: boolean;
}

/**
 * Draws of the report's sensitivity appendix: the default 10,000 while that stays well under a
 * second (about 3·10⁷ weight-score products), fewer for very large cycles, never under 1,000.
 */
export function reportDraws(scheme: Scheme, r: ComputeResult): number {
  return Math.max(1000, Math.min(DEFAULT_SENSITIVITY.draws, Math.floor(3e7 / workPerDraw(scheme, r))));
}

export type ReportFormat = 'pdf' | 'html';

export type ExportService = ReturnType<typeof createExportService>;

/** 导出: the stored current result of a cycle as files for people and other systems. */
export function createExportService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const compute = createComputeService(deps, repos);

  const self = {
    /**
     * The results workbook of a cycle's current result, as bytes. Refuses when there is none, or when
     * the data or scheme changed since it was computed: a printed ranking must be the current one.
     */
    async resultsWorkbook(
      cycleId: number,
      opts: Pick<ResultsWorkbookOptions, 'issuingOffice' | 'date'> = {},
    ): Promise<Result<{ fileName: string; bytes: Buffer; resultId: number; inputHash: string }>> {
      const final = compute.finalResult(cycleId, '导出');
      if (!final.ok) return final;
      const { cycle, stored } = final.value;
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const bytes = await writeResultsWorkbook(stored.result, scheme, {
        ...opts,
        date: opts.date ?? deps.clock(),
        computedAt: stored.computedAt,
        auditHead: repos.audit.head(),
      });
      return ok({
        fileName: `${cycle.name}考核结果.xlsx`,
        bytes,
        resultId: stored.id,
        inputHash: stored.inputHash,
      });
    },

    /**
     * The ranking report of a cycle's current result as a document to print (or one unit's score
     * card). Refused like the workbook when there is no current result.
     */
    report(
      cycleId: number,
      req: ReportRequest = {},
    ): Result<{ document: ReportDocument; fileName: string; resultId: number; inputHash: string }> {
      const final = compute.finalResult(cycleId, '生成报告');
      if (!final.ok) return final;
      const { cycle, stored } = final.value;
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const target = req.target ? stored.result.targets.find((t) => t.code === req.target) : undefined;
      if (req.target && !target)
        return fail('NOT_FOUND', `考核周期“${cycle.name}”中没有编码为 ${req.target} 的考核对象`);
      const document = reportDocument(stored.result, scheme, {
        office: req.office?.trim() ?? '',
        date: req.date ?? deps.clock(),
        confidential: req.confidential === true,
        cards: req.cards !== false,
        target: target?.code ?? null,
        auditHead: repos.audit.head(),
        robustness:
          target || req.robustness === false
            ? null
            : sensitivity(scheme, stored.result, { draws: reportDraws(scheme, stored.result) }),
      });
      return ok({
        document,
        fileName: target ? `${cycle.name}${target.name}考核得分明细` : `${cycle.name}综合考核结果`,
        resultId: stored.id,
        inputHash: stored.inputHash,
      });
    },

    /** Records that an export left the program (the audit log says what went where). */
    logExport(
      cycleId: number,
      file: string,
      resultId: number,
      inputHash: string,
      format: 'xlsx' | 'pdf' | 'html' | 'print' = 'xlsx',
    ) {
      repos.audit.append({
        at: isoNow(deps.clock),
        operator: deps.operator,
        action: 'export',
        cycleId,
        detail: { format, file: basename(file), result: resultId, inputHash },
      });
    },
  };

  return {
    ...self,

    /** Writes the results workbook of a cycle's current result to a file (the command line). */
    async exportResultsXlsx(
      cycleId: number,
      file: string,
      opts: Pick<ResultsWorkbookOptions, 'issuingOffice' | 'date'> = {},
    ): Promise<Result<{ file: string }>> {
      const r = await self.resultsWorkbook(cycleId, opts);
      if (!r.ok) return r;
      try {
        await writeFileWhole(file, r.value.bytes);
      } catch (e) {
        return fail('WRITE_FAILED', `无法写入 ${file}：${writeErrorText(e)}`);
      }
      self.logExport(cycleId, file, r.value.resultId, r.value.inputHash);
      return ok({ file });
    },

    /**
     * Prints the ranking report (or one unit's score card) with `printer` and writes it as a PDF
     * or a self-contained HTML file (the command line). Nothing is written unless it printed.
     */
    async exportReport(
      cycleId: number,
      file: string,
      format: ReportFormat,
      printer: ReportPrinter,
      req: ReportRequest = {},
    ): Promise<Result<{ file: string; pages: number }>> {
      const r = self.report(cycleId, req);
      if (!r.ok) return r;
      const printed = await printer.print(r.value.document);
      try {
        await writeFileWhole(
          file,
          format === 'pdf' ? Buffer.from(printed.pdf) : Buffer.from(printed.html, 'utf8'),
        );
      } catch (e) {
        return fail('WRITE_FAILED', `无法写入 ${file}：${writeErrorText(e)}`);
      }
      self.logExport(cycleId, file, r.value.resultId, r.value.inputHash, format);
      return ok({ file, pages: printed.pages });
    },
  };
}
