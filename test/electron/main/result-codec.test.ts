import { describe, expect, it } from 'vitest';
import { joinResult, splitResult } from '../../../electron/main/repositories/result-codec';
import { compute } from '../../../shared/engine/compute';
import { syntheticCycle } from '../../helpers/synthetic';

// exempt targets, imputed leaves (peerMean on some efficacy leaves, a value missing here and there),
// bonus, deduction and veto items: every kind of leaf cell
const cycle = syntheticCycle({ categories: 3, targets: 90, leaves: 24, ratings: 3000, seed: 3 });
const result = compute({ ...cycle, previous: null });

describe('a stored result', () => {
  it('reads back as the same bytes from its JSON and its leaf record', () => {
    expect(result.targets.some((t) => t.leaves.imputed.some((x) => x !== null))).toBe(true);
    const { json, leaves } = splitResult(result);
    expect(JSON.stringify(joinResult(json, leaves))).toBe(JSON.stringify(result));
    expect(joinResult(json, leaves)).toEqual(result);
    // the JSON part is well under half of the whole (a sixth in a 5,000-unit cycle)
    expect(json.length).toBeLessThan(JSON.stringify(result).length / 2);
  });

  it('keeps nulls, and stores −0 as JSON writes it', () => {
    const r = structuredClone(result);
    const t = r.targets[0]!;
    t.leaves.raw[0] = null;
    t.leaves.score[0] = null;
    t.leaves.points[0] = -0;
    t.leaves.imputed[1] = 'peerMin';
    const back = joinResult(...(Object.values(splitResult(r)) as [string, Buffer]));
    expect(back.targets[0]!.leaves.raw[0]).toBeNull();
    expect(back.targets[0]!.leaves.score[0]).toBeNull();
    expect(Object.is(back.targets[0]!.leaves.points[0], 0)).toBe(true);
    expect(back.targets[0]!.leaves.imputed[1]).toBe('peerMin');
    expect(JSON.stringify(back)).toBe(JSON.stringify(r));
  });

  it('reads a result stored whole as JSON (before migration 005)', () => {
    expect(JSON.stringify(joinResult(JSON.stringify(result), null))).toBe(JSON.stringify(result));
  });

  it('refuses a damaged leaf record', () => {
    const { json, leaves } = splitResult(result);
    expect(() => joinResult(json, leaves.subarray(0, leaves.length - 1))).toThrow(/damaged/);
    expect(() => joinResult(json, Buffer.from('AWR9xxxxxxxx'))).toThrow(/damaged/);
  });
});
