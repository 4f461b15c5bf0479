/** `appraisal batch list|withdraw|restore`: import history, and taking a batch out of the data or back. */
import { BATCH_STATUS_LABELS } from '../../shared/domain/cycle';
import type { Command } from './args';
import { EXIT, UsageError, need, parse } from './args';
import { textTable } from './text-table';

export const batchCommand: Command = async (args, io, path) => {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { cycle: { type: 'string' }, reason: { type: 'string' } });
  const dbFile = positionals[0];
  if (!dbFile || !['list', 'withdraw', 'restore'].includes(sub ?? ''))
    throw new UsageError('用法：appraisal batch list|withdraw|restore 工作区.db …');
  const [{ withWorkspace, orRefuse, refused }, { localTime }] = await Promise.all([
    import('./workspace'),
    import('./format'),
  ]);
  return withWorkspace(path(dbFile), io, async (s) => {
    if (sub === 'list') {
      const cycle = orRefuse(io, s.cycles.resolve(need(values, 'cycle', '考核周期')));
      if (!cycle) return EXIT.refused;
      const batches = s.imports.batches(cycle.id);
      if (batches.length === 0) {
        io.out(`考核周期“${cycle.name}”还没有导入任何数据`);
        return EXIT.done;
      }
      io.out(
        textTable(
          ['批次', '文件', '工作表', '行数', '状态', '导入人', '导入时间'],
          s.imports
            .batches(cycle.id)
            .map((b) => [
              String(b.id),
              b.fileName,
              b.sheet,
              String(b.rowCount),
              BATCH_STATUS_LABELS[b.status],
              b.operator,
              localTime(b.importedAt),
            ]),
          ['right', 'left', 'left', 'right'],
        ),
      );
      return EXIT.done;
    }
    const id = Number(positionals[1]);
    if (!Number.isInteger(id)) throw new UsageError('请给出批次号');
    const reason = need(values, 'reason', '原因');
    const r = sub === 'withdraw' ? s.imports.withdraw(id, reason) : s.imports.restore(id, reason);
    if (!r.ok) return refused(io, r.error);
    io.out(sub === 'withdraw' ? `已撤回批次 ${id}` : `已恢复批次 ${id}`);
    return EXIT.done;
  });
};
