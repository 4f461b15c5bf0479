import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { DataKind } from '../../../shared/domain/cycle';
import type { TemplatePlan } from '../../../shared/import/template-plan';
import { planTemplates } from '../../../shared/import/template-plan';
import { writeTemplate } from '../excel/write-template';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';
import { writeErrorText, writeFileWhole } from './write-file';

export type TemplateService = ReturnType<typeof createTemplateService>;

export interface TemplateFile {
  /** Full path of the written file. */
  file: string;
  kind: DataKind;
  title: string;
  /** Rows prefilled with targets (items templates: empty rows offered). */
  rows: number;
  /** Columns to fill in. */
  inputs: number;
}

/** 模板: the workbooks sent out to data providers and evaluators, generated from the cycle's scheme. */
export function createTemplateService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  function plans(cycleId: number): Result<TemplatePlan[]> {
    const cycle = repos.cycles.get(cycleId);
    if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
    const scheme = repos.scheme.load(cycle.id, cycle.name);
    const all = planTemplates(cycle, scheme);
    if (all.length === 0)
      return fail('NOTHING_TO_FILL', `考核周期“${cycle.name}”的方案中没有需要填报的末级指标，请先导入方案`);
    return ok(all);
  }

  return {
    plans,

    /** One template as bytes, by its file name (the window offers each for download). */
    async file(cycleId: number, fileName: string): Promise<Result<{ fileName: string; bytes: Buffer }>> {
      const p = plans(cycleId);
      if (!p.ok) return p;
      const plan = p.value.find((t) => t.file === fileName);
      if (!plan) return fail('NOT_FOUND', `没有名为《${fileName}》的模板，请刷新模板列表`);
      return ok({ fileName: plan.file, bytes: await writeTemplate(plan, deps.clock()) });
    },

    /**
     * Writes every template of a cycle into a folder (created if missing). Refuses to overwrite a
     * file of the same name unless told: it may be one that came back filled in.
     */
    async write(
      cycleId: number,
      dir: string,
      opts: { overwrite?: boolean } = {},
    ): Promise<Result<{ dir: string; files: TemplateFile[] }>> {
      const p = plans(cycleId);
      if (!p.ok) return p;
      const taken = p.value.map((t) => t.file).filter((f) => existsSync(join(dir, f)));
      if (taken.length > 0 && !opts.overwrite)
        return fail(
          'FILE_EXISTS',
          `文件夹 ${dir} 中已有同名文件：${taken.join('、')}。其中可能有已填好的表，为免覆盖，请换一个文件夹；确需重新生成时请确认覆盖（命令行加 --force）`,
        );
      const at = deps.clock();
      const files: TemplateFile[] = [];
      try {
        await mkdir(dir, { recursive: true });
        for (const t of p.value) {
          const file = join(dir, t.file);
          await writeFileWhole(file, await writeTemplate(t, at));
          files.push({
            file,
            kind: t.kind,
            title: t.title,
            rows: t.rows.length + t.blankRows,
            inputs: t.columns.filter((c) => c.input !== null).length,
          });
        }
      } catch (e) {
        return fail(
          'WRITE_FAILED',
          `无法在 ${dir} 中写入模板：${writeErrorText(e)}${files.length > 0 ? `（已写入 ${files.length} 个，其余未写入）` : ''}`,
        );
      }
      repos.audit.append({
        at: isoNow(() => at),
        operator: deps.operator,
        action: 'templates',
        cycleId,
        detail: { files: files.map((f) => ({ kind: f.kind, title: f.title })) },
      });
      return ok({ dir, files });
    },
  };
}
