import { basename } from 'node:path';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { ResultsWorkbookOptions } from '../excel/export-results';
import { writeResultsWorkbook } from '../excel/export-results';
import { createComputeService } from './compute-service';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';
import { writeErrorText, writeFileWhole } from './write-file';

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
      });
      return ok({
        fileName: `${cycle.name}考核结果.xlsx`,
        bytes,
        resultId: stored.id,
        inputHash: stored.inputHash,
      });
    },

    /** Records that an export left the program (the audit log says what went where). */
    logExport(cycleId: number, file: string, resultId: number, inputHash: string) {
      repos.audit.append({
        at: isoNow(deps.clock),
        operator: deps.operator,
        action: 'export',
        cycleId,
        detail: { format: 'xlsx', file: basename(file), result: resultId, inputHash },
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
  };
}
