/**
 * `appraisal audit verify|list 工作区.db`: the audit log's hash chain checked (and, with `--expect`, that a
 * head hash noted down earlier is still in it), or the log itself.
 */
import type { Services } from '../main/services';
import type { CliIo } from './cli';
import type { Command } from './args';
import { EXIT, UsageError, parse, str } from './args';
import { textTable } from './text-table';

export const auditCommand: Command = async (args, io, path) => {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { cycle: { type: 'string' }, expect: { type: 'string' } });
  if (!['verify', 'list'].includes(sub ?? '') || !positionals[0])
    throw new UsageError(
      '用法：appraisal audit verify 工作区.db [--expect 哈希] | appraisal audit list 工作区.db [--cycle 周期]',
    );
  const { withWorkspace } = await import('./workspace');
  return await withWorkspace(
    path(positionals[0]),
    io,
    async (s) => {
      if (sub === 'list') return auditList(s, io, str(values, 'cycle'));
      const v = s.audit.verify();
      const expected = str(values, 'expect')?.trim().toLowerCase();
      if (v.ok && expected !== undefined && !s.audit.entries().some((e) => e.hash === expected)) {
        // an unkeyed chain can be rebuilt after an edit; a hash noted down before cannot
        io.err(
          `审计日志与备查哈希不符：${expected.slice(0, 16)}… 不在日志中。日志在记下该哈希之后被重写或截短，不能作为依据。`,
        );
        return EXIT.refused;
      }
      if (v.ok) {
        io.out(`审计日志完整：共 ${v.count} 条记录，哈希链无断裂。末条哈希（可抄下备查）：\n${v.head}`);
        return EXIT.done;
      }
      io.err(
        v.content
          ? `数据已被改动：${v.reason}。审计日志本身的 ${v.count} 条记录完好。`
          : `审计日志已被改动：${v.reason}。前 ${v.count} 条记录完好。`,
      );
      return EXIT.refused;
    },
    {},
  );
};

/** The audit log as a table: when, who, what, and the entry's details in brief. */
async function auditList(s: Services, io: CliIo, cycleRef: string | undefined): Promise<number> {
  const [{ orRefuse }, { localTime }, { AUDIT_ACTION_LABELS, describeAudit }] = await Promise.all([
    import('./workspace'),
    import('./format'),
    import('../../shared/domain/audit'),
  ]);
  let cycleId: number | undefined;
  if (cycleRef !== undefined) {
    const c = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!c) return EXIT.refused;
    cycleId = c.id;
  }
  const names = new Map(s.cycles.list().map((c) => [c.id, c.name]));
  const brief = (action: string, d: unknown) => describeAudit(action, d, (id) => names.get(id));
  const rows = s.audit
    .entries(cycleId)
    .map((e) => [
      localTime(e.at),
      e.operator,
      AUDIT_ACTION_LABELS[e.action] ?? e.action,
      e.cycleId === null ? '' : String(e.cycleId),
      brief(e.action, e.detail),
    ]);
  io.out(
    rows.length === 0 ? '审计日志中没有记录' : textTable(['时间', '操作人', '操作', '周期', '内容'], rows),
  );
  return EXIT.done;
}
