import type { Cycle } from '../../../shared/domain/cycle';
import type { PreviousCycle } from '../../../shared/domain/data';
import { emptyData } from '../../../shared/domain/data';
import { digestPreviousValues } from '../../../shared/engine/digest';
import type { InputDigests } from '../../../shared/engine/input-hash';
import { issue } from '../../../shared/domain/issue';
import type { ComputeResult } from '../../../shared/domain/result';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { ComputeInput, ComputeState } from '../../../shared/engine/compute';
import { createComputeState, ENGINE_VERSION } from '../../../shared/engine/compute';
import type { Scheme } from '../../../shared/domain/scheme';
import { canonicalPrevious, canonicalScheme, hashInput } from '../../../shared/engine/input-hash';
import { readSnapshot } from '../db/immediate';
import type { ResultStamp } from '../repositories/results';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';
import { createNodeSha256 } from './node-hasher';

export interface ComputeOutcome {
  result: ComputeResult;
  /** Id of the stored result; null when blocking issues kept it from being stored. */
  resultId: number | null;
  /** The inputs had not changed since the stored result: nothing new was stored. */
  unchanged: boolean;
}

export type ComputeService = ReturnType<typeof createComputeService>;

/**
 * What the last compute worked out, kept for the next one: a batch imported, withdrawn or restored
 * since is applied to it (its rows added or taken away) instead of everything being read and scored
 * again. It stands for the scheme and previous cycle it was made with, and the batches it holds;
 * batch records never change but when the scheme changes (which makes another key).
 */
interface Kept {
  cycleId: number;
  schemeKey: string;
  previousKey: string;
  batches: Set<number>;
  state: ComputeState;
}

/** 计算: loads a cycle's scheme, data and previous cycle, computes, stores the result. */
export function createComputeService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const { db } = deps;
  let kept: Kept | null = null;
  /** The scheme as last read, while the scheme tables' change count stands (migration 006). */
  let read: { stamp: string; scheme: Scheme; key: string; canonical: string | null } | null = null;
  /** The canonical form of the previous cycle as the input hash takes it, for what it stands for. */
  let previousForm: { key: string; text: string } | null = null;
  /** A stamp found fresh by its hash: asked again, the same answer without hashing. */
  let verified: { cycleId: number; stamp: string; inputHash: string } | null = null;

  const published = (cycle: Cycle) =>
    fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已发布，结果已封存；如需重新计算请先撤销发布`);

  /** A cycle's scheme, read again only when a scheme table changed since. */
  function schemeOf(cycle: Cycle): { scheme: Scheme; key: string; canonical: string | null } {
    const stamp = JSON.stringify([cycle.id, cycle.name, repos.scheme.changeCount()]);
    if (read?.stamp !== stamp) {
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const key = JSON.stringify(scheme);
      read = read?.key === key ? { ...read, stamp } : { stamp, scheme, key, canonical: null };
    }
    return read;
  }

  /** What identifies the previous cycle compute would read now: itself, its data and its current result. */
  function previousKey(cycle: Cycle): string {
    if (cycle.previousCycleId === null) return 'none';
    const prev = repos.cycles.get(cycle.previousCycleId);
    if (!prev) return 'none';
    return JSON.stringify([
      prev.id,
      prev.name,
      prev.revision,
      repos.results.currentStamp(prev.id)?.id ?? null,
    ]);
  }

  /**
   * The compute state of a cycle holding its active batches: the kept one brought up to date when it
   * stands for the same scheme and previous cycle, else a new one made from every active batch.
   */
  function stateFor(cycle: Cycle, scheme: Scheme, schemeKey: string): ComputeState {
    const prevKey = previousKey(cycle);
    const active = repos.data.activeIds(cycle.id);
    const k = kept;
    kept = null; // until it is whole again: a failure halfway must not leave a half-updated state
    if (k && k.cycleId === cycle.id && k.schemeKey === schemeKey && k.previousKey === prevKey) {
      const now = new Set(active);
      const gone = [...k.batches].filter((id) => !now.has(id));
      const came = new Set(active.filter((id) => !k.batches.has(id)));
      for (const id of gone) {
        // a sheet imported again: only the rows it changed (a batch of the same kind replaced it)
        const by = repos.data.batch(id)?.supersededBy ?? null;
        if (by !== null && came.has(by) && repos.data.batch(by)?.kind === repos.data.batch(id)?.kind) {
          const { gone: out, came: into } = repos.data.changes(id, by);
          k.state.apply(out, -1);
          k.state.apply(into, 1);
          came.delete(by);
        } else k.state.apply(repos.data.source(id), -1);
      }
      for (const id of came) k.state.apply(repos.data.source(id), 1);
      kept = { ...k, batches: now };
      return k.state;
    }
    const state = createComputeState(scheme, previousOf(cycle).previous);
    for (const id of active) state.apply(repos.data.source(id));
    kept = { cycleId: cycle.id, schemeKey, previousKey: prevKey, batches: new Set(active), state };
    return state;
  }

  /**
   * The previous cycle as compute needs it: its current ranks and (unless only its hash is wanted:
   * the digest of its values stands for them) its raw values.
   */
  function previousOf(
    cycle: Cycle,
    withValues = true,
  ): { previous: PreviousCycle | null; note: string | null } {
    if (cycle.previousCycleId === null) return { previous: null, note: null };
    const prev = repos.cycles.get(cycle.previousCycleId);
    if (!prev) return { previous: null, note: null };
    const ranks = repos.results.currentRanks(prev.id);
    const values = withValues
      ? repos.data
          .load(prev.id)
          .values.filter((v) => v.value !== null)
          .map((v) => ({ target: v.target, indicator: v.indicator, value: v.value as number }))
      : [];
    return {
      previous: { name: prev.name, ranks, values },
      note: ranks.length === 0 ? `上一周期“${prev.name}”尚未计算，名次变化无法比较` : null,
    };
  }

  /** The revisions a result computed now would stand on. */
  function stampOf(cycle: Cycle): ResultStamp {
    const prev = cycle.previousCycleId === null ? undefined : repos.cycles.get(cycle.previousCycleId);
    return {
      revision: cycle.revision,
      previousResultId: prev ? (repos.results.currentStamp(prev.id)?.id ?? null) : null,
      previousRevision: prev?.revision ?? null,
    };
  }
  const sameStamp = (a: ResultStamp, b: ResultStamp) =>
    a.revision === b.revision &&
    a.previousResultId === b.previousResultId &&
    a.previousRevision === b.previousRevision;

  /**
   * What of a cycle's active data or its stored result no longer matches what was recorded when it
   * was written — a batch's rows against the digest kept at import, the result against the hash its
   * compute entry holds — or null. Reads every row: for exports, not for every staleness check.
   */
  function changedInFile(cycle: Cycle, resultId: number): string | null {
    for (const b of repos.data.batches(cycle.id)) {
      if (b.status !== 'active') continue;
      const kept = repos.data.storedDigest(b.id);
      if (kept !== null && repos.data.rowsDigest(b.id) !== kept)
        return `导入批次 ${b.id}（《${b.fileName}》）的数据与导入时记录的不符`;
    }
    const entry = repos.audit
      .entries(cycle.id)
      .find((e) => e.action === 'compute' && (e.detail as { result?: unknown }).result === resultId);
    const hash = (entry?.detail as { resultHash?: unknown } | undefined)?.resultHash;
    if (typeof hash === 'string' && repos.results.contentHash(resultId) !== hash)
      return `计算结果 ${resultId} 与计算时记录的不符`;
    return null;
  }

  /** Why rank change cannot be compared: the linked previous cycle has no result. */
  function previousNote(cycle: Cycle): string | null {
    const prev = cycle.previousCycleId === null ? undefined : repos.cycles.get(cycle.previousCycleId);
    if (!prev) return null;
    return repos.results.currentRanks(prev.id).length === 0
      ? `上一周期“${prev.name}”尚未计算，名次变化无法比较`
      : null;
  }

  /** The digests of a cycle's data and of its previous cycle's values, kept per batch: no row is read. */
  function digestsOf(cycle: Cycle): InputDigests {
    const prev = cycle.previousCycleId === null ? undefined : repos.cycles.get(cycle.previousCycleId);
    return {
      data: repos.data.digests(cycle.id).data,
      previousValues: prev ? repos.data.digests(prev.id).previousValues : digestPreviousValues([]),
    };
  }

  /** The input hash a result computed now would have, from the scheme, the previous ranks and the digests. */
  function currentHash(cycle: Cycle): string {
    // the scheme and the canonical forms take longer than everything else here: kept while what
    // they stand for is unchanged
    const r = schemeOf(cycle);
    r.canonical ??= canonicalScheme(r.scheme);
    const digests = digestsOf(cycle);
    const prevKey = `${previousKey(cycle)}:${digests.previousValues.hex()}`;
    if (previousForm?.key !== prevKey)
      previousForm = {
        key: prevKey,
        text: canonicalPrevious(previousOf(cycle, false).previous, digests.previousValues),
      };
    return hashInput(
      { scheme: r.scheme, data: emptyData(), previous: null },
      ENGINE_VERSION,
      createNodeSha256,
      digests,
      {
        scheme: r.canonical,
        previous: previousForm.text,
      },
    );
  }

  /**
   * Whether the cycle's stored result still holds. Cheap when nothing was touched since (revisions
   * match); otherwise the input hash decides — from the digests kept per batch and the scheme as
   * last read, so without reading a row — and re-importing an identical file does not make a
   * result stale. Nothing is written: a check takes no write lock.
   */
  function staleness(cycle: Cycle): 'none' | 'fresh' | 'stale' {
    const stored = repos.results.currentStamp(cycle.id);
    if (!stored) return 'none';
    // a published result is sealed: what happens to the previous cycle since does not reopen it
    if (cycle.status === 'published') return 'fresh';
    const now = stampOf(cycle);
    if (sameStamp(stored, now)) return 'fresh';
    const stamp = JSON.stringify([now, repos.scheme.changeCount()]);
    if (verified?.cycleId === cycle.id && verified.stamp === stamp && verified.inputHash === stored.inputHash)
      return 'fresh';
    if (currentHash(cycle) !== stored.inputHash) return 'stale';
    verified = { cycleId: cycle.id, stamp, inputHash: stored.inputHash };
    return 'fresh';
  }

  /** Everything compute reads for a cycle. */
  function inputOf(
    cycle: Cycle,
    previousOverride?: PreviousCycle | null,
  ): { input: ComputeInput; note: string | null } {
    const scheme = repos.scheme.load(cycle.id, cycle.name);
    const data = repos.data.load(cycle.id);
    const p = previousOverride !== undefined ? { previous: previousOverride, note: null } : previousOf(cycle);
    return { input: { scheme, data, previous: p.previous }, note: p.note };
  }

  return {
    inputOf: (cycle: Cycle) => inputOf(cycle).input,

    /**
     * Computes a cycle and stores the result as current, unless an error-level issue blocks it (then
     * the result comes back with its issues and nothing is stored). `previous` overrides the linked
     * previous cycle (the command line's `run --previous RESULT.json`).
     */
    run(cycleId: number, opts: { previous?: PreviousCycle | null } = {}): Result<ComputeOutcome> {
      // everything read from one snapshot: another process importing meanwhile must not give this
      // result the rows of before and the digests (or the stamp) of after
      const read = readSnapshot(db, () => {
        const cycle = repos.cycles.get(cycleId);
        if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
        if (cycle.status === 'published') return published(cycle);
        const { scheme, key: schemeKey } = schemeOf(cycle);
        if (opts.previous === undefined)
          return {
            cycle,
            state: stateFor(cycle, scheme, schemeKey),
            digests: digestsOf(cycle),
            note: previousNote(cycle),
            stamp: stampOf(cycle),
          };
        // another previous cycle than the linked one (run --previous): a state of its own, not kept
        const state = createComputeState(scheme, opts.previous);
        for (const id of repos.data.activeIds(cycle.id)) state.apply(repos.data.source(id));
        const digests: InputDigests = {
          data: digestsOf(cycle).data,
          previousValues: digestPreviousValues(opts.previous?.values ?? []),
        };
        return { cycle, state, digests, note: null, stamp: stampOf(cycle) };
      });
      if ('ok' in read) return read;
      const { cycle, state, digests, note, stamp } = read;
      const result = state.result({ hasher: createNodeSha256, digests });
      if (note) result.issues.push(issue('warning', 'PREVIOUS_NOT_COMPUTED', note, ''));
      if (result.issues.some((i) => i.level === 'error'))
        return ok({ result, resultId: null, unchanged: false });
      const current = repos.results.currentStamp(cycle.id);
      if (current && current.inputHash === result.inputHash && opts.previous === undefined) {
        repos.results.restamp(current.id, stamp);
        return ok({ result, resultId: current.id, unchanged: true });
      }
      const resultId = db.transaction(() => {
        // published by another process while this one computed: its result stays sealed
        if (repos.cycles.get(cycle.id)?.status === 'published') return null;
        const at = isoNow(deps.clock);
        const { id, contentHash } = repos.results.save(cycle.id, result, deps.operator, at, stamp);
        repos.cycles.setStatus(cycle.id, 'computed', at);
        const hash = repos.audit.append({
          at,
          operator: deps.operator,
          action: 'compute',
          cycleId: cycle.id,
          detail: {
            result: id,
            // the stored result's own hash: `audit verify` finds a result edited in the file
            resultHash: contentHash,
            inputHash: result.inputHash,
            engine: ENGINE_VERSION,
            groups: result.groups.map((g) => ({
              group: g.code,
              ranked: g.ranked,
              bottom: g.entries.filter((e) => e.flags.includes('bottomN')).map((e) => e.code),
            })),
          },
        });
        repos.results.anchor(id, hash);
        return id;
      })();
      if (resultId === null) return published(cycle);
      return ok({ result, resultId, unchanged: false });
    },

    /** The stored current result, and whether an input changed since (then it is stale). */
    current(cycleId: number): { result: ComputeResult; computedAt: string; stale: boolean } | null {
      const cycle = repos.cycles.get(cycleId);
      const stored = cycle && repos.results.current(cycleId);
      if (!cycle || !stored) return null;
      return { result: stored.result, computedAt: stored.computedAt, stale: staleness(cycle) === 'stale' };
    },

    /**
     * The stored current result of a cycle when it is up to date: what may be exported or published
     * (`purpose` says which, in the refusal). A printed ranking must be the current one.
     */
    finalResult(cycleId: number, purpose: string) {
      const cycle = repos.cycles.get(cycleId);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleId}`);
      const stored = repos.results.current(cycle.id);
      if (!stored) return fail('NOT_FOUND', `考核周期“${cycle.name}”还没有计算结果，请先计算再${purpose}`);
      if (staleness(cycle) === 'stale')
        return fail(
          'RESULT_STALE',
          `考核周期“${cycle.name}”的计算结果已过期：计算之后数据或方案有改动，请重新计算后再${purpose}`,
        );
      // staleness trusts the digests kept at import; what leaves the machine is checked against the
      // rows and the result as they are in the file now (an edit outside the program)
      const changed = changedInFile(cycle, stored.id);
      if (changed)
        return fail(
          'DATA_CHANGED',
          `考核周期“${cycle.name}”的${changed}：工作区文件可能被其他程序改动过，不能${purpose}。请运行 appraisal audit verify 查看，从备份恢复后再${purpose}`,
        );
      return ok({ cycle, stored });
    },

    /** Whether the stored result is stale, without reading it: what a banner asks on every screen. */
    staleness(cycleId: number): 'none' | 'fresh' | 'stale' {
      const cycle = repos.cycles.get(cycleId);
      return cycle ? staleness(cycle) : 'none';
    },
  };
}
