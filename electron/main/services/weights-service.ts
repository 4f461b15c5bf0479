import type { WeightData } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import { weightScope } from '../../../shared/domain/weight-plan';
import { compute } from '../../../shared/engine/compute';
import type { SensitivityOptions, SensitivityResult } from '../../../shared/engine/sensitivity';
import {
  DEFAULT_SENSITIVITY,
  SensitivityError,
  sensitivity,
  workPerDraw,
} from '../../../shared/engine/sensitivity';
import type { ComputeService } from './compute-service';
import type { Repos, ServiceDeps } from './deps';
import { createRepos } from './deps';
import { createNodeSha256 } from './node-hasher';

export type WeightsService = ReturnType<typeof createWeightsService>;

/** 权重工具 and 稳健性: the data objective weights are derived from, and the sensitivity of a result. */
export function createWeightsService(
  deps: ServiceDeps,
  computeService: ComputeService,
  repos: Repos = createRepos(deps.db),
) {
  return {
    /**
     * The values a cycle's targets of one category have on the weighted leaves under `parent` in
     * `cycleId`'s scheme — as each leaf's method reads them (the value, the combined rating, the
     * satisfaction rate) — taken from `sourceCycleId`'s data as it stands now (last year's cycle, or
     * this one). Leaves are matched by code; a target lacking any value is left out and listed.
     */
    data(
      cycleId: number,
      sourceCycleId: number,
      category: string,
      parent: string | null,
    ): Result<WeightData> {
      const cycle = repos.cycles.get(cycleId);
      const source = repos.cycles.get(sourceCycleId);
      if (!cycle || !source) return fail('NOT_FOUND', `找不到考核周期 ${cycle ? sourceCycleId : cycleId}`);
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      if (!scheme.categories.some((c) => c.code === category))
        return fail('NOT_FOUND', `方案中没有类别 ${category}`);
      const leaves = weightScope(scheme, category, parent).children.flatMap((c) => c.leaves);
      if (leaves.length < 2)
        return fail('INVALID_INPUT', '所选范围内适用于该类别的计分指标不足两个，无需赋权');
      const result = compute(computeService.inputOf(source), { hasher: createNodeSha256 });
      const members = result.targets.filter((t) => t.category === category);
      const scored = new Set(result.leafStats.filter((s) => s.category === category).map((s) => s.indicator));
      if (members.length === 0)
        return fail(
          'NOT_FOUND',
          `考核周期“${source.name}”中没有类别 ${category} 的考核对象，或其方案有错误无法计算`,
        );
      const absent = leaves.filter((l) => !scored.has(l.code));
      if (absent.length > 0)
        return fail(
          'INVALID_INPUT',
          `考核周期“${source.name}”在类别 ${category} 没有这些指标的数据：${absent.map((l) => `${l.name}（${l.code}）`).join('、')}；请改选周期，或缩小赋权范围`,
        );
      const rows: WeightData['rows'] = [];
      const dropped: WeightData['dropped'] = [];
      for (const t of members) {
        const at = new Map(t.leaves.indicator.map((code, k) => [code, t.leaves.raw[k] ?? null]));
        const values = leaves.map((l) => at.get(l.code) ?? null);
        const missing = leaves.filter((_, k) => values[k] === null).map((l) => l.code);
        if (missing.length > 0) dropped.push({ code: t.code, name: t.name, missing });
        else rows.push({ code: t.code, name: t.name, values: values as number[] });
      }
      return ok({
        source: source.name,
        indicators: leaves.map((l) => ({ code: l.code, name: l.name, direction: l.direction })),
        rows,
        dropped,
      });
    },

    /**
     * How robust the current result's bottom-N verdicts are to ±δ changes of the weights (SPEC §5):
     * the result must be up to date, since the analysis re-ranks what it holds.
     */
    sensitivity(
      cycleId: number,
      opts: Partial<SensitivityOptions> = {},
      limits: { maxWork?: number } = {},
    ): Result<SensitivityResult> {
      const r = computeService.finalResult(cycleId, '做稳健性分析');
      if (!r.ok) return r;
      const { cycle, stored } = r.value;
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      // The window waits for the answer: a cycle of thousands of units gets fewer draws, said plainly.
      const perDraw = workPerDraw(scheme, stored.result);
      const draws = opts.draws ?? DEFAULT_SENSITIVITY.draws;
      if (limits.maxWork !== undefined && perDraw * draws > limits.maxWork) {
        const most = Math.max(1, Math.floor(limits.maxWork / perDraw));
        return fail(
          'INVALID_INPUT',
          `本周期有 ${stored.result.targets.length} 个考核对象，抽样 ${draws} 次耗时过长；请把抽样次数减到 ${most} 次以内，或用命令行 appraisal sensitivity 计算`,
        );
      }
      try {
        return ok(sensitivity(scheme, stored.result, opts));
      } catch (e) {
        if (e instanceof SensitivityError) return fail('INVALID_INPUT', e.message);
        throw e;
      }
    },
  };
}
