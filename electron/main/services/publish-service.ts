import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { Cycle } from '../../../shared/domain/cycle';
import { createComputeService } from './compute-service';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';

export type PublishService = ReturnType<typeof createPublishService>;

/**
 * 发布: sealing a cycle once its result is final — nothing can be imported, edited or recomputed
 * until it is reopened, with a reason. Both land in the audit log.
 */
export function createPublishService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const compute = createComputeService(deps, repos);
  const { db } = deps;

  /** The status change and its audit entry, together or not at all. */
  function setStatus(
    cycle: Cycle,
    status: Cycle['status'],
    action: 'cycle.publish' | 'cycle.reopen',
    detail: Record<string, unknown>,
  ): Cycle {
    db.transaction(() => {
      const at = isoNow(deps.clock);
      repos.cycles.setStatus(cycle.id, status, at);
      repos.audit.append({ at, operator: deps.operator, action, cycleId: cycle.id, detail });
    })();
    return repos.cycles.get(cycle.id) as Cycle;
  }

  return {
    /** Seals a cycle whose current result is up to date. */
    publish(cycleId: number): Result<Cycle> {
      if (repos.cycles.get(cycleId)?.status === 'published')
        return fail('CYCLE_PUBLISHED', `考核周期“${repos.cycles.get(cycleId)?.name}”已经发布`);
      const final = compute.finalResult(cycleId, '发布');
      if (!final.ok) return final;
      const { cycle, stored } = final.value;
      return ok(
        setStatus(cycle, 'published', 'cycle.publish', { result: stored.id, inputHash: stored.inputHash }),
      );
    },

    /** Reopens a published cycle, for a stated reason; its result stays until recomputed. */
    reopen(cycleId: number, reason: string): Result<Cycle> {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      if (cycle.status !== 'published') return fail('INVALID_INPUT', `考核周期“${cycle.name}”尚未发布`);
      const why = reason.trim();
      if (why === '') return fail('INVALID_INPUT', '撤销发布须写明原因，原因记入审计日志');
      return ok(setStatus(cycle, 'computed', 'cycle.reopen', { reason: why }));
    },
  };
}
