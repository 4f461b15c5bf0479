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
import type { DerivationMethod, WeightChange } from '../../../shared/domain/weight-plan';
import { settleDirectLeaves, weightScope, withWeights } from '../../../shared/domain/weight-plan';

/** How weights were derived, as the weighting tool sends it. */
export interface WeightDerivation {
  method: DerivationMethod;
  /** The operator's words: the committee, the meeting, the experts. */
  note: string;
  /** CR, λmax, variant, source cycle, α…: what another person needs to redo it. */
  parameters: Record<string, string | number | boolean>;
}

/** The audit entry of a weighting: what `scheme.weights` records. */
interface WeightsAudit extends WeightDerivation {
  category: string;
  categoryName: string;
  parent: string | null;
  parentName: string | null;
  weights: WeightChange[];
  /** Direct leaves given maxRaw = their old points so that held values keep their scale. */
  maxRawPinned?: string[];
}

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
    const held = repos.data.counts(cycleId);
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
    opts: { confirmLoss?: boolean; source?: string; weights?: WeightsAudit },
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
        repos.data.dropCodes(cycle.id, {
          targets: new Set(changes.targets.removed),
          indicators: new Set(changes.indicators.removed),
          groups: new Set(changes.groups.removed),
        });
        repos.cycles.bumpRevision(cycle.id, at);
        if (cycle.status === 'computed') repos.cycles.setStatus(cycle.id, 'collecting', at);
        repos.audit.append(
          opts.weights
            ? {
                at,
                operator: deps.operator,
                action: 'scheme.weights',
                cycleId: cycle.id,
                detail: opts.weights,
              }
            : {
                at,
                operator: deps.operator,
                action: 'scheme.save',
                cycleId: cycle.id,
                detail: { source: opts.source ?? 'editor', changes, lostRows: lost },
              },
        );
      })();
    return ok({ scheme: repos.scheme.load(cycle.id, cycle.name), changes, issues: checked.issues });
  }

  return {
    /** The stored scheme and what prepareScheme says of it (warnings, and errors a workbook cannot have). */
    get(cycleId: number): Result<{ scheme: Scheme; issues: Issue[]; held: HeldData }> {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const held = repos.data.counts(cycle.id);
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

    /**
     * Sets the points of a category's leaves under one node to weights derived by a weighting tool,
     * and logs how they were derived (method, parameters, the operator's note, every leaf before and
     * after). The leaves must be exactly the node's weighted leaves in that category and keep their
     * total, so the category still adds up to the full score.
     */
    applyWeights(
      cycleId: number,
      req: {
        category: string;
        parent: string | null;
        weights: { indicator: string; points: number }[];
        derivation: WeightDerivation;
      },
    ): Result<{ scheme: Scheme; changes: SchemeChanges; issues: Issue[] }> {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const category = scheme.categories.find((c) => c.code === req.category);
      if (!category) return fail('NOT_FOUND', `方案中没有类别 ${req.category}`);
      if (req.parent !== null && !scheme.indicators.some((i) => i.code === req.parent))
        return fail('NOT_FOUND', `方案中没有指标 ${req.parent}`);
      const scope = weightScope(scheme, req.category, req.parent);
      const leaves = scope.children.flatMap((c) => c.leaves);
      const given = new Map(req.weights.map((w) => [w.indicator, w.points]));
      if (
        given.size !== req.weights.length ||
        leaves.length !== given.size ||
        leaves.some((l) => !given.has(l.code))
      )
        return fail('INVALID_INPUT', '权重与当前方案的指标不一致（方案可能刚被修改），请重新打开权重工具');
      const sum = req.weights.reduce((a, w) => a + w.points, 0);
      if (Math.abs(sum - scope.total) > 1e-6)
        return fail(
          'INVALID_INPUT',
          `新分值合计 ${Number(sum.toFixed(6))}，应等于原来的 ${Number(scope.total.toFixed(6))}（类别满分不能因此改变）`,
        );
      const changes = leaves.map((l) => ({
        indicator: l.code,
        name: l.name,
        before: l.points,
        after: given.get(l.code) as number,
      }));
      const parentName = scheme.indicators.find((i) => i.code === req.parent)?.name ?? null;
      const members = new Set(scheme.targets.filter((t) => t.category === req.category).map((t) => t.code));
      const heldLeaves = new Set(
        repos.data
          .load(cycle.id)
          .values.filter((v) => v.value !== null && members.has(v.target))
          .map((v) => v.indicator),
      );
      const settled = settleDirectLeaves(
        withWeights(scheme, req.category, changes),
        req.category,
        changes,
        (code) => heldLeaves.has(code),
      );
      if (settled.problems.length > 0) return fail('INVALID_INPUT', settled.problems.join('\n'));
      return save(cycleId, settled.scheme, {
        source: 'weights',
        weights: {
          category: category.code,
          categoryName: category.name,
          parent: req.parent,
          parentName,
          method: req.derivation.method,
          note: req.derivation.note,
          parameters: req.derivation.parameters,
          weights: changes,
          ...(settled.pinned.length > 0 ? { maxRawPinned: settled.pinned } : {}),
        },
      });
    },

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
