import type { Result } from '../../../shared/contract/result';
import type { HeldData, SchemeChanges, SectionChanges } from '../../../shared/contract/scheme';
import { fail, ok } from '../../../shared/contract/result';
import type { Issue } from '../../../shared/domain/issue';
import type { Scheme } from '../../../shared/domain/scheme';
import { canonicalJson } from '../../../shared/engine/hash';
import { prepareScheme } from '../../../shared/engine/prepare';
import { parseSchemeWorkbook } from '../../../shared/import/scheme-workbook';
import { WorkbookReadError, readWorkbook } from '../excel/read-workbook';
import { writeSchemeWorkbook } from '../excel/write-scheme';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';

export type SchemeService = ReturnType<typeof createSchemeService>;

function section<T extends { code: string }>(before: readonly T[], after: readonly T[]): SectionChanges {
  const old = new Map(before.map((x) => [x.code, canonicalJson(x)]));
  const now = new Set(after.map((x) => x.code));
  return {
    added: after.filter((x) => !old.has(x.code)).map((x) => x.code),
    removed: before.filter((x) => !now.has(x.code)).map((x) => x.code),
    changed: after.filter((x) => old.has(x.code) && old.get(x.code) !== canonicalJson(x)).map((x) => x.code),
  };
}

/** 考核方案 of a cycle: read, checked, edited as a whole, and as a workbook in and out. */
export function createSchemeService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const { db } = deps;

  function diff(before: Scheme, after: Scheme): SchemeChanges {
    return {
      categories: section(before.categories, after.categories),
      targets: section(before.targets, after.targets),
      indicators: section(before.indicators, after.indicators),
      groups: section(before.groups, after.groups),
      rules: (Object.keys(after.rules) as (keyof Scheme['rules'])[]).filter(
        (k) => canonicalJson(before.rules[k]) !== canonicalJson(after.rules[k]),
      ),
    };
  }

  function lossOf(cycleId: number, before: Scheme, changes: SchemeChanges): HeldData {
    const held = repos.scheme.held(cycleId);
    const pick = <T extends { code: string; name: string }>(
      list: readonly T[],
      gone: string[],
      n: Map<string, number>,
    ) =>
      gone
        .map((code) => ({
          code,
          name: list.find((x) => x.code === code)?.name ?? code,
          rows: n.get(code) ?? 0,
        }))
        .filter((x) => x.rows > 0);
    return {
      targets: pick(before.targets, changes.targets.removed, held.targets),
      indicators: pick(before.indicators, changes.indicators.removed, held.indicators),
      groups: pick(before.groups, changes.groups.removed, held.groups),
    };
  }

  /** Stores an edited scheme: checked, diffed against the stored one, applied in one transaction. */
  function save(
    cycleId: number,
    scheme: Scheme,
    opts: { confirmLoss?: boolean; source?: string },
  ): Result<{ scheme: Scheme; changes: SchemeChanges; issues: Issue[] }> {
    const cycle = repos.cycles.get(cycleId);
    if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
    if (cycle.status === 'published')
      return fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已发布，方案不能再改；如需修改请先撤销发布`);
    const next: Scheme = { ...scheme, name: cycle.name };
    const checked = prepareScheme(next);
    const errors = checked.issues.filter((i) => i.level === 'error');
    if (errors.length > 0)
      return fail('SCHEME_REFUSED', `方案有 ${errors.length} 处问题，未保存`, checked.issues);
    const before = repos.scheme.load(cycle.id, cycle.name);
    const changes = diff(before, next);
    const loss = lossOf(cycle.id, before, changes);
    const lost = [...loss.targets, ...loss.indicators, ...loss.groups];
    if (lost.length > 0 && !opts.confirmLoss)
      return fail(
        'CONFIRM_NEEDED',
        `保存将删除${lost
          .slice(0, 5)
          .map((x) => `“${x.name}”`)
          .join(
            '',
          )}${lost.length > 5 ? `等 ${lost.length} 项` : ''}及其已导入的 ${lost.reduce((n, x) => n + x.rows, 0)} 行数据（导入历史中的批次记录保留）。确认后删除，无法撤销`,
      );
    const unchanged = Object.values(changes).every((c) =>
      Array.isArray(c) ? c.length === 0 : c.added.length + c.removed.length + c.changed.length === 0,
    );
    if (!unchanged)
      db.transaction(() => {
        const at = isoNow(deps.clock);
        repos.scheme.apply(cycle.id, next);
        repos.cycles.bumpRevision(cycle.id, at);
        if (cycle.status === 'computed') repos.cycles.setStatus(cycle.id, 'collecting', at);
        repos.audit.append({
          at,
          operator: deps.operator,
          action: 'scheme.save',
          cycleId: cycle.id,
          detail: { source: opts.source ?? 'editor', changes, lostRows: lost },
        });
      })();
    return ok({ scheme: repos.scheme.load(cycle.id, cycle.name), changes, issues: checked.issues });
  }

  return {
    /** The stored scheme and what prepareScheme says of it (warnings, and errors a workbook cannot have). */
    get(cycleId: number): Result<{ scheme: Scheme; issues: Issue[]; held: HeldData }> {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const held = repos.scheme.held(cycle.id);
      const rows = <T extends { code: string; name: string }>(list: readonly T[], n: Map<string, number>) =>
        list
          .filter((x) => (n.get(x.code) ?? 0) > 0)
          .map((x) => ({ code: x.code, name: x.name, rows: n.get(x.code) as number }));
      return ok({
        scheme,
        issues: prepareScheme(scheme).issues,
        held: {
          targets: rows(scheme.targets, held.targets),
          indicators: rows(scheme.indicators, held.indicators),
          groups: rows(scheme.groups, held.groups),
        },
      });
    },

    save: (cycleId: number, scheme: Scheme, opts: { confirmLoss?: boolean } = {}) =>
      save(cycleId, scheme, opts),

    /** Replaces a cycle's scheme by a scheme workbook, with the same checks and confirmation as a save. */
    async replaceFromWorkbook(
      cycleId: number,
      fileName: string,
      bytes: Buffer,
      opts: { confirmLoss?: boolean } = {},
    ): Promise<Result<{ scheme: Scheme; changes: SchemeChanges; issues: Issue[] }>> {
      let grid;
      try {
        grid = await readWorkbook(fileName, bytes);
      } catch (e) {
        if (e instanceof WorkbookReadError) return fail('READ_FAILED', e.message);
        throw e;
      }
      const parsed = parseSchemeWorkbook(grid, '');
      if (!parsed.scheme) {
        const n = parsed.issues.filter((i) => i.level === 'error').length;
        return fail('SCHEME_REFUSED', `考核方案《${fileName}》有 ${n} 处问题，未导入任何内容`, parsed.issues);
      }
      return save(cycleId, parsed.scheme, { ...opts, source: fileName });
    },

    /** The stored scheme as a scheme workbook (what `appraisal scheme import` reads). */
    async workbook(cycleId: number): Promise<Result<{ fileName: string; bytes: Buffer }>> {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      return ok({
        fileName: `${cycle.name}考核方案.xlsx`,
        bytes: await writeSchemeWorkbook(scheme, deps.clock()),
      });
    },
  };
}
