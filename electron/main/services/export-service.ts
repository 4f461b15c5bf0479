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

  return {
    /**
     * Writes the results workbook of a cycle's current result. Refuses when there is none, or when
     * the data or scheme changed since it was computed: a printed ranking must be the current one.
     */
    async exportResultsXlsx(
      cycleId: number,
      file: string,
      opts: Pick<ResultsWorkbookOptions, 'issuingOffice' | 'date'> = {},
    ): Promise<Result<{ file: string }>> {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      const stored = repos.results.current(cycle.id);
      if (!stored) return fail('NOT_FOUND', `考核周期“${cycle.name}”还没有计算结果，请先计算再导出`);
      if (compute.staleness(cycle.id) === 'stale')
        return fail(
          'RESULT_STALE',
          `考核周期“${cycle.name}”的计算结果已过期：计算之后数据或方案有改动，请重新计算后再导出`,
        );
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const buffer = await writeResultsWorkbook(stored.result, scheme, {
        ...opts,
        date: opts.date ?? deps.clock(),
        computedAt: stored.computedAt,
      });
      try {
        await writeFileWhole(file, buffer);
      } catch (e) {
        return fail('WRITE_FAILED', `无法写入 ${file}：${writeErrorText(e)}`);
      }
      repos.audit.append({
        at: isoNow(deps.clock),
        operator: deps.operator,
        action: 'export',
        cycleId: cycle.id,
        detail: { format: 'xlsx', file: basename(file), result: stored.id, inputHash: stored.inputHash },
      });
      return ok({ file });
    },
  };
}
