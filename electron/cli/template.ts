/** `appraisal template 工作区.db --cycle 周期 --out 文件夹`: the workbooks to send out. */
import { basename } from 'node:path';
import { DATA_KIND_LABELS } from '../../shared/domain/cycle';
import type { Command } from './args';
import { EXIT, UsageError, need, parse } from './args';
import { textTable } from './text-table';

export const templateCommand: Command = async (args, io, path) => {
  const { values, positionals } = parse(args, {
    cycle: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  });
  const [dbFile] = positionals;
  if (!dbFile || positionals.length > 1)
    throw new UsageError('用法：appraisal template 工作区.db --cycle 周期 --out 文件夹 [--force]');
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  const out = path(need(values, 'out', '模板要写入的文件夹'));
  const { withWorkspace, orRefuse, refused } = await import('./workspace');
  return await withWorkspace(path(dbFile), io, async (s) => {
    const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!cycle) return EXIT.refused;
    const r = await s.templates.write(cycle.id, out, { overwrite: values.force === true });
    if (!r.ok) return refused(io, r.error);
    io.out(`已在 ${r.value.dir} 生成 ${r.value.files.length} 个模板：`);
    io.out(
      textTable(
        ['文件', '类型', '行数', '填写列'],
        r.value.files.map((f) => [
          basename(f.file),
          DATA_KIND_LABELS[f.kind],
          String(f.rows),
          String(f.inputs),
        ]),
        ['left', 'left', 'right', 'right'],
      ),
    );
    return EXIT.done;
  });
};
