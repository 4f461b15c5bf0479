import type { AliasConfirmation, ColumnConfirmation } from '../../../shared/contract/import';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { ValueField } from '../../../shared/domain/issue';
import { METHOD_LABELS, VALUE_METHODS } from '../../../shared/domain/method';
import type { Target } from '../../../shared/domain/scheme';
import { cleanText } from '../../../shared/domain/text';
import { createMatchers } from '../../../shared/import/matchers';
import type { ColumnMapping } from '../repositories/mappings';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';

export type { AliasConfirmation, ColumnConfirmation } from '../../../shared/contract/import';

export type MappingService = ReturnType<typeof createMappingService>;

/**
 * 导入对应关系: what the operator confirmed once so that the next import needs no question — a
 * target's other name (别名) and a column header's leaf. Every change is logged; aliases are part of
 * the scheme, so adding one marks results for recomputation.
 */
export function createMappingService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const { db } = deps;

  function editable(cycleId: number): Result<{ name: string }> {
    const cycle = repos.cycles.get(cycleId);
    if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
    if (cycle.status === 'published')
      return fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已发布，不能修改`);
    return ok(cycle);
  }

  /** Checks an alias against the scheme: the target it names, or why it cannot be added. */
  function checkAlias(
    cycleId: number,
    a: AliasConfirmation,
  ): Result<{ target: Target; alias: string; exists: boolean }> {
    const cycle = editable(cycleId);
    if (!cycle.ok) return cycle;
    const scheme = repos.scheme.load(cycleId, cycle.value.name);
    const m = createMatchers(scheme);
    const target = m.targets.match(a.target)?.target;
    if (!target) return fail('NOT_FOUND', `考核周期“${cycle.value.name}”中没有考核对象“${a.target}”`);
    const alias = cleanText(a.text);
    if (alias === '') return fail('INVALID_INPUT', '别名不能为空');
    const owner = m.targets.match(alias)?.target;
    if (owner && owner.code !== target.code)
      return fail(
        'INVALID_INPUT',
        `“${alias}”已是 ${owner.code}（${owner.name}）的编码、名称或别名，不能再作为 ${target.name} 的别名`,
      );
    return ok({ target, alias, exists: owner?.code === target.code });
  }

  /** Checks a column confirmation: the leaf it names, or why it cannot be remembered. */
  function checkColumn(
    cycleId: number,
    c: ColumnConfirmation,
  ): Result<{ indicatorId: number; code: string; header: string; field: ValueField }> {
    const cycle = editable(cycleId);
    if (!cycle.ok) return cycle;
    const scheme = repos.scheme.load(cycleId, cycle.value.name);
    const ind = createMatchers(scheme).indicators.match(c.indicator);
    if (!ind || ind.method === null)
      return fail('NOT_FOUND', `考核周期“${cycle.value.name}”中没有末级指标“${c.indicator}”`);
    if (!VALUE_METHODS.includes(ind.method) && ind.method !== 'rating')
      return fail(
        'INVALID_INPUT',
        `指标“${ind.name}”的计分方法是${METHOD_LABELS[ind.method]}，它的数据不按列填写`,
      );
    const header = cleanText(c.header);
    if (header === '') return fail('INVALID_INPUT', '表头不能为空');
    return ok({
      indicatorId: repos.scheme.ids(cycleId).indicators.get(ind.code) as number,
      code: ind.code,
      header,
      field: c.field ?? 'value',
    });
  }

  return {
    checkAlias,
    checkColumn,

    addAlias(cycleId: number, a: AliasConfirmation): Result<{ target: string; alias: string }> {
      const c = checkAlias(cycleId, a);
      if (!c.ok) return c;
      if (!c.value.exists) db.transaction(() => writeAlias(cycleId, c.value.target, c.value.alias))();
      return ok({ target: c.value.target.code, alias: c.value.alias });
    },

    removeAlias(cycleId: number, a: AliasConfirmation): Result<void> {
      const cycle = editable(cycleId);
      if (!cycle.ok) return cycle;
      const target = createMatchers(repos.scheme.load(cycleId, cycle.value.name)).targets.match(
        a.target,
      )?.target;
      if (!target) return fail('NOT_FOUND', `没有考核对象“${a.target}”`);
      const ids = repos.scheme.ids(cycleId);
      const done = db.transaction(() => {
        if (!repos.mappings.dropAlias(ids.targets.get(target.code) as number, cleanText(a.text)))
          return false;
        const at = isoNow(deps.clock);
        repos.cycles.bumpRevision(cycleId, at);
        repos.audit.append({
          at,
          operator: deps.operator,
          action: 'alias.remove',
          cycleId,
          detail: { target: target.code, alias: a.text },
        });
        return true;
      })();
      return done ? ok(undefined) : fail('NOT_FOUND', `${target.name}没有别名“${a.text}”`);
    },

    mapColumn(cycleId: number, col: ColumnConfirmation): Result<ColumnMapping> {
      const c = checkColumn(cycleId, col);
      if (!c.ok) return c;
      db.transaction(() => writeColumn(cycleId, c.value))();
      return ok({ header: c.value.header, indicator: c.value.code, field: c.value.field });
    },

    unmapColumn(cycleId: number, header: string): Result<void> {
      const cycle = editable(cycleId);
      if (!cycle.ok) return cycle;
      const done = db.transaction(() => {
        if (!repos.mappings.dropColumn(cycleId, header)) return false;
        repos.audit.append({
          at: isoNow(deps.clock),
          operator: deps.operator,
          action: 'column.unmap',
          cycleId,
          detail: { header },
        });
        return true;
      })();
      return done ? ok(undefined) : fail('NOT_FOUND', `没有记住过表头“${header}”`);
    },

    list(cycleId: number): {
      aliases: { target: string; name: string; alias: string }[];
      columns: ColumnMapping[];
    } {
      const cycle = repos.cycles.get(cycleId);
      const scheme = repos.scheme.load(cycleId, cycle?.name ?? '');
      return {
        aliases: scheme.targets.flatMap((t) =>
          t.aliases.map((alias) => ({ target: t.code, name: t.name, alias })),
        ),
        columns: repos.mappings.columns(cycleId),
      };
    },

    /** Writes confirmed mappings inside the caller's transaction (an import that accepted them). */
    writeAlias,
    writeColumn,
  };

  function writeAlias(cycleId: number, target: Target, alias: string) {
    const at = isoNow(deps.clock);
    repos.mappings.addAlias(repos.scheme.ids(cycleId).targets.get(target.code) as number, alias);
    repos.cycles.bumpRevision(cycleId, at);
    repos.audit.append({
      at,
      operator: deps.operator,
      action: 'alias.add',
      cycleId,
      detail: { target: target.code, alias },
    });
  }

  function writeColumn(
    cycleId: number,
    c: { indicatorId: number; code: string; header: string; field: ValueField },
  ) {
    const at = isoNow(deps.clock);
    repos.mappings.putColumn(cycleId, c.header, c.indicatorId, c.field, deps.operator, at);
    repos.audit.append({
      at,
      operator: deps.operator,
      action: 'column.map',
      cycleId,
      detail: { header: c.header, indicator: c.code, field: c.field },
    });
  }
}
