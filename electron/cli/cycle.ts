/** `appraisal cycle list|copy|link 工作区.db …`: the cycles of a workspace, next year's from this one. */
import { CYCLE_KIND_LABELS, CYCLE_STATUS_LABELS } from '../../shared/domain/cycle';
import type { Command } from './args';
import { EXIT, UsageError, need, parse } from './args';
import { textTable } from './text-table';

export const cycleCommand: Command = async (args, io, path) => {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, {
    from: { type: 'string' },
    name: { type: 'string' },
    cycle: { type: 'string' },
    previous: { type: 'string' },
  });
  const dbFile = positionals[0];
  if (!dbFile || !['list', 'copy', 'link'].includes(sub ?? ''))
    throw new UsageError('用法：appraisal cycle list|copy|link 工作区.db …');
  const [{ withWorkspace, refused }, { localTime }] = await Promise.all([
    import('./workspace'),
    import('./format'),
  ]);
  return withWorkspace(path(dbFile), io, async (s) => {
    if (sub === 'list') {
      const list = s.cycles.list();
      if (list.length === 0) {
        io.out('工作区中还没有考核周期');
        return EXIT.done;
      }
      const name = (id: number | null) =>
        id === null ? '—' : (list.find((c) => c.id === id)?.name ?? String(id));
      io.out(
        textTable(
          ['编号', '名称', '类型', '状态', '上一周期', '建立时间'],
          list.map((c) => [
            String(c.id),
            c.name,
            CYCLE_KIND_LABELS[c.kind],
            CYCLE_STATUS_LABELS[c.status],
            name(c.previousCycleId),
            localTime(c.createdAt),
          ]),
        ),
      );
      return EXIT.done;
    }
    if (sub === 'copy') {
      const r = s.cycles.copy(need(values, 'from', '复制来源周期'), {
        name: need(values, 'name', '新周期名称'),
      });
      if (!r.ok) return refused(io, r.error);
      io.out(`已从上一周期复制出“${r.value.name}”（编号 ${r.value.id}），并关联为其上一周期`);
      return EXIT.done;
    }
    const r = s.cycles.linkPrevious(need(values, 'cycle', '考核周期'), need(values, 'previous', '上一周期'));
    if (!r.ok) return refused(io, r.error);
    io.out(`已将“${r.value.name}”的上一周期设为编号 ${r.value.previousCycleId}`);
    return EXIT.done;
  });
};
