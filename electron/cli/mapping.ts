/**
 * `appraisal alias add|remove`, `column map|unmap`, `mapping list`: what the operator confirms once
 * for the next imports.
 */
import type { ValueField } from '../../shared/domain/issue';
import type { CliIo } from './cli';
import type { PathOf } from './args';
import { EXIT, UsageError, need, parse, str } from './args';
import { textTable } from './text-table';

const FIELD_WORDS: Record<string, ValueField> = {
  数值: 'value',
  value: 'value',
  目标值: 'targetValue',
  targetValue: 'targetValue',
  基期值: 'baseline',
  baseline: 'baseline',
};
export const FIELD_NAMES: Record<ValueField, string> = {
  value: '数值',
  targetValue: '目标值',
  baseline: '基期值',
};

/** Runs `alias …`, `column …` or `mapping …` (`cmd`, the words after it in `args`). */
export async function mappingCommand(cmd: string, args: string[], io: CliIo, path: PathOf): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { cycle: { type: 'string' }, field: { type: 'string' } });
  const [dbFile, a, b] = positionals;
  const usage =
    cmd === 'alias'
      ? '用法：appraisal alias add|remove 工作区.db --cycle 周期 对象 别名'
      : cmd === 'column'
        ? '用法：appraisal column map 工作区.db --cycle 周期 表头 指标 [--field 目标值|基期值]；appraisal column unmap 工作区.db --cycle 周期 表头'
        : '用法：appraisal mapping list 工作区.db --cycle 周期';
  const wellFormed =
    dbFile !== undefined &&
    ((cmd === 'alias' && (sub === 'add' || sub === 'remove') && a !== undefined && b !== undefined) ||
      (cmd === 'column' &&
        ((sub === 'map' && a !== undefined && b !== undefined) || (sub === 'unmap' && a !== undefined))) ||
      (cmd === 'mapping' && sub === 'list'));
  if (!wellFormed) throw new UsageError(usage);
  const fieldText = str(values, 'field');
  const field = fieldText === undefined ? 'value' : FIELD_WORDS[fieldText];
  if (!field) throw new UsageError('--field 应为 数值、目标值 或 基期值');
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  const { withWorkspace, orRefuse, refused } = await import('./workspace');
  return withWorkspace(path(dbFile as string), io, async (s) => {
    const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!cycle) return EXIT.refused;
    if (cmd === 'alias') {
      const pair = { target: a as string, text: b as string };
      const r = sub === 'add' ? s.mappings.addAlias(cycle.id, pair) : s.mappings.removeAlias(cycle.id, pair);
      if (!r.ok) return refused(io, r.error);
      io.out(sub === 'add' ? `已记住：“${b}”即 ${a}，以后导入时按此识别` : `已删除别名“${b}”`);
      return EXIT.done;
    }
    if (cmd === 'column') {
      const r =
        sub === 'map'
          ? s.mappings.mapColumn(cycle.id, { header: a as string, indicator: b as string, field })
          : s.mappings.unmapColumn(cycle.id, a as string);
      if (!r.ok) return refused(io, r.error);
      io.out(sub === 'map' ? `已记住：表头“${a}”是指标 ${b} 的${FIELD_NAMES[field]}` : `已忘记表头“${a}”`);
      return EXIT.done;
    }
    const list = s.mappings.list(cycle.id);
    io.out(
      list.aliases.length === 0
        ? '别名：无'
        : `别名：\n${textTable(
            ['对象', '名称', '别名'],
            list.aliases.map((x) => [x.target, x.name, x.alias]),
          )}`,
    );
    io.out(
      list.columns.length === 0
        ? '记住的表头：无'
        : `记住的表头：\n${textTable(
            ['表头', '指标', '内容'],
            list.columns.map((c) => [c.header, c.indicator, FIELD_NAMES[c.field]]),
          )}`,
    );
    return EXIT.done;
  });
}
