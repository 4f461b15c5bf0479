/** `appraisal scheme import 工作区.db 方案.xlsx`: a new cycle from a scheme workbook. */
import type { CycleKind } from '../../shared/domain/cycle';
import { CYCLE_KINDS } from '../../shared/domain/cycle';
import type { Command } from './args';
import { EXIT, UsageError, parse, str } from './args';

export const schemeCommand: Command = async (args, io, path) => {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError('用法：appraisal scheme import 工作区.db 方案.xlsx');
  const { values, positionals } = parse(rest, {
    name: { type: 'string' },
    previous: { type: 'string' },
    kind: { type: 'string' },
  });
  const [dbFile, schemeFile] = positionals;
  if (!dbFile || !schemeFile) throw new UsageError('用法：appraisal scheme import 工作区.db 方案.xlsx');
  const kind = str(values, 'kind');
  if (kind !== undefined && !(CYCLE_KINDS as readonly string[]).includes(kind))
    throw new UsageError('--kind 应为 annual（年度）、ordinary（平时）或 special（专项）');
  const { withWorkspace, refused } = await import('./workspace');
  return await withWorkspace(
    path(dbFile),
    io,
    async (s) => {
      const r = await s.cycles.importScheme(path(schemeFile), {
        name: str(values, 'name'),
        previous: str(values, 'previous'),
        kind: kind as CycleKind | undefined,
      });
      if (!r.ok) return refused(io, r.error);
      const { cycle, scheme } = r.value;
      io.out(
        `已建立考核周期“${cycle.name}”（编号 ${cycle.id}）：${scheme.categories.length} 个类别，${scheme.targets.length} 个考核对象，${scheme.indicators.length} 个指标，${scheme.groups.length} 个评价主体`,
      );
      return EXIT.done;
    },
    { create: true },
  );
};
