/** `appraisal explain 工作区.db --cycle 周期 对象`: 得分说明, why a unit has its rank. */
import type { Command } from './args';
import { EXIT, UsageError, need, parse } from './args';

export const explainCommand: Command = async (args, io, path) => {
  const { values, positionals } = parse(args, { cycle: { type: 'string' } });
  const [dbFile, who] = positionals;
  if (!dbFile || !who) throw new UsageError('用法：appraisal explain 工作区.db --cycle 周期 对象编码或名称');
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  const [{ withWorkspace, orRefuse }, { explainText }, { createTargetMatcher }] = await Promise.all([
    import('./workspace'),
    import('./format'),
    import('../../shared/import/matchers'),
  ]);
  return await withWorkspace(
    path(dbFile),
    io,
    async (s) => {
      const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
      if (!cycle) return EXIT.refused;
      const current = s.compute.current(cycle.id);
      if (!current) {
        io.err(`考核周期“${cycle.name}”还没有计算结果，请先运行 compute`);
        return EXIT.refused;
      }
      const scheme = s.cycles.scheme(cycle.id);
      const found = createTargetMatcher(scheme.targets).match(who);
      const target = found && current.result.targets.find((t) => t.code === found.target.code);
      if (!target) {
        io.err(`考核周期“${cycle.name}”中没有考核对象“${who}”（可写编码、名称或别名）`);
        return EXIT.refused;
      }
      if (current.stale) io.out('注意：计算之后数据或方案有改动，以下为上次计算的结果，请重新计算。\n');
      io.out(explainText(current.result, scheme, target));
      return EXIT.done;
    },
    {},
  );
};
