/**
 * Computing again only what a batch changed gives, byte for byte, what computing everything gives:
 * random sequences of imports, withdrawals and restores of batches over a synthetic cycle (with rows
 * that raise issues of every kind), each step checked against compute() over the rows held then.
 */
import { describe, expect, it } from 'vitest';
import type { CycleData } from '../../../shared/domain/data';
import { emptyData } from '../../../shared/domain/data';
import { compute, createComputeState } from '../../../shared/engine/compute';
import { blockSource, changedRows, rowsOf } from '../../../shared/engine/row-source';
import { blockOf } from '../../../shared/domain/row-block';
import { inputDigests } from '../../../shared/engine/input-hash';
import { groupMark, groupMarkOf, histogramAdd } from '../../../shared/engine/methods/rating';
import type { Histogram } from '../../../shared/engine/methods/rating';
import { rng, shuffle } from '../../helpers/random';
import { syntheticCycle } from '../../helpers/synthetic';

const cycle = syntheticCycle({ categories: 3, targets: 45, leaves: 16, ratings: 2400, seed: 11 });
const scheme = {
  ...cycle.scheme,
  rules: {
    ...cycle.scheme.rules,
    tieBreakers: ['A'],
    combinedGroups: [{ code: 'ALL', name: '全部', categories: ['K1', 'K2'] }],
  },
};

/**
 * Rows that make issues — unknown codes, a duplicate field, a second survey row, bad grades, own
 * ratings, misfits — in two batches, so that the same issue can arrive from either first.
 */
function troublesome(): CycleData[] {
  const v = cycle.data.values[3]!;
  const s = cycle.data.surveys[2]!;
  const r = cycle.data.ratings[10]!;
  const bad = (target: string) => ({ ...r, grade: '很好', target });
  return [
    { ...emptyData(), ratings: [bad(cycle.data.ratings[30]!.target), { ...r, evaluatorTarget: r.target }] },
    {
      values: [
        { ...v, value: (v.value ?? 0) + 1 },
        { ...v, target: 'NOPE' },
        { ...v, indicator: 'A' },
        { ...v, value: Infinity },
      ],
      surveys: [{ ...s, counts: { ...s.counts, unknown: s.counts.unknown + 3 } }],
      ratings: [
        bad(r.target),
        bad(cycle.data.ratings[20]!.target),
        { ...r, group: 'XX' },
        { ...r, grade: null },
      ],
      items: [{ target: 'U1', indicator: 'E', points: -1, reason: '负分', docNo: '' }],
    },
  ];
}

/** The synthetic data, cut into batches of mixed sizes and kinds. */
function batches(seed: number): CycleData[] {
  const random = rng(seed);
  const out: CycleData[] = [];
  const cut = <K extends keyof CycleData>(kind: K, rows: CycleData[K]) => {
    const list = shuffle(rows as unknown[], random) as CycleData[K];
    let at = 0;
    while (at < list.length) {
      const n = 1 + Math.floor(random() * Math.max(1, list.length / 3));
      out.push({ ...emptyData(), [kind]: list.slice(at, at + n) });
      at += n;
    }
  };
  cut('values', cycle.data.values);
  cut('ratings', cycle.data.ratings);
  cut('surveys', cycle.data.surveys);
  cut('items', cycle.data.items);
  out.push(...troublesome());
  return out;
}

const union = (list: CycleData[]): CycleData => ({
  values: list.flatMap((b) => b.values),
  ratings: list.flatMap((b) => b.ratings),
  surveys: list.flatMap((b) => b.surveys),
  items: list.flatMap((b) => b.items),
});

describe('computing again only what changed', () => {
  it.each([1, 2, 3])(
    'gives the full compute’s bytes after every step of a random sequence (seed %i)',
    (seed) => {
      const all = batches(seed);
      const random = rng(seed * 97);
      const held = new Set<number>();
      const state = createComputeState(scheme, null);
      let steps = 0;
      // everything in, in a random order, then random withdrawals and restores (a re-import is both)
      for (const b of shuffle([...all.keys()], random)) {
        state.apply(rowsOf(all[b]!));
        held.add(b);
        if (random() < 0.3 || held.size === all.length) {
          const data = union([...held].sort((a, c) => a - c).map((k) => all[k]!));
          const input = { scheme, data, previous: null };
          expect(JSON.stringify(state.result({ digests: inputDigests(input) }))).toBe(
            JSON.stringify(compute(input)),
          );
          steps++;
        }
      }
      for (let k = 0; k < 25; k++) {
        const b = Math.floor(random() * all.length);
        if (held.has(b)) {
          state.apply(rowsOf(all[b]!), -1);
          held.delete(b);
        } else {
          state.apply(rowsOf(all[b]!));
          held.add(b);
        }
        const data = union([...held].map((x) => all[x]!));
        const input = { scheme, data, previous: null };
        expect(JSON.stringify(state.result({ digests: inputDigests(input) }))).toBe(
          JSON.stringify(compute(input)),
        );
        steps++;
      }
      expect(steps).toBeGreaterThan(25);
    },
  );

  it('reuses what did not change: a batch of one leaf leaves the other categories’ scores as they were', () => {
    const state = createComputeState(scheme, null);
    state.apply(rowsOf(cycle.data));
    const digests = inputDigests({ scheme, data: cycle.data, previous: null });
    const before = state.result({ digests });
    const one = cycle.data.values.find((v) => v.target === 'U2')!;
    state.apply(rowsOf({ ...emptyData(), values: [one] }), -1);
    const after = state.result({ digests });
    const category = scheme.targets.find((t) => t.code === 'U2')!.category;
    for (const t of after.targets) {
      const old = before.targets.find((x) => x.code === t.code)!;
      if (t.category === category) expect(t).not.toBe(old);
      else expect(t).toBe(old);
    }
  });

  it('gives the same bytes when a re-imported sheet brings only the rows it changed', () => {
    const random = rng(31);
    const grades = ['优秀', '良好', '一般', '较差', 77, null];
    for (const kind of ['ratings', 'values', 'surveys', 'items'] as const) {
      for (let trial = 0; trial < 4; trial++) {
        const rows = cycle.data[kind] as unknown[];
        const cut = Math.floor(rows.length / 2);
        const before = { ...emptyData(), [kind]: rows.slice(0, cut) } as CycleData;
        const rest = { ...emptyData(), [kind]: rows.slice(cut) } as CycleData;
        // the sheet again: some rows changed, some gone from the end or new at the end, in place otherwise
        const changed = (before[kind] as unknown[]).map((r, i) => {
          if (random() > 0.05) return r;
          const x = { ...(r as object) } as Record<string, unknown>;
          if (kind === 'ratings') x.grade = grades[i % grades.length];
          else if (kind === 'values') x.value = Math.round(random() * 1000) / 10;
          else if (kind === 'surveys') x.counts = { ...(x.counts as object), basic: i % 7 };
          else x.points = Math.round(random() * 30) / 10;
          return x;
        });
        const keep = changed.length - Math.floor(random() * 4);
        const after = {
          ...emptyData(),
          [kind]: [...changed.slice(0, keep), ...(rest[kind] as unknown[]).slice(0, trial)],
        } as CycleData;
        const whole = { ...rest, [kind]: [...(rest[kind] as unknown[]).slice(trial)] } as CycleData;
        const state = createComputeState(scheme, null);
        const others = union([{ ...cycle.data, [kind]: [] }, whole]);
        state.apply(rowsOf(others));
        state.apply(rowsOf(before));
        state.result({ digests: inputDigests({ scheme, data: union([others, before]), previous: null }) });
        const [a, b] = [blockOf(kind, before), blockOf(kind, after)];
        const { gone, came } = changedRows(a, b);
        expect(gone.length).toBeLessThan(Math.max(6, a.rows / 3)); // a correction, not the whole sheet
        state.apply(blockSource(a, gone), -1);
        state.apply(blockSource(b, came));
        const input = { scheme, data: union([others, after]), previous: null };
        expect(JSON.stringify(state.result({ digests: inputDigests(input) }))).toBe(
          JSON.stringify(compute(input)),
        );
      }
    }
  });

  it('refuses to take away a row it never held', () => {
    const state = createComputeState(scheme, null);
    expect(() => state.apply(rowsOf({ ...emptyData(), values: [cycle.data.values[0]!] }), -1)).toThrow(
      /never added/,
    );
  });
});

describe('a group’s mark from its counted points', () => {
  it('is groupMark’s, bit for bit, for any multiset and any trimming', () => {
    const random = rng(5);
    const points = [0, 50, 70, 85, 85.5, 100, 33.3, 66.7];
    for (let k = 0; k < 300; k++) {
      const n = 1 + Math.floor(random() * 12);
      const list = Array.from({ length: n }, () => points[Math.floor(random() * points.length)] as number);
      let h: Histogram | undefined;
      for (const x of list) h = histogramAdd(h, x, 1);
      for (const trimMin of [3, 5, 7, 100])
        expect(groupMarkOf(h as Histogram, trimMin)).toBe(groupMark(list, trimMin));
    }
  });

  it('counts the worked example: 100, 100, 85, 85, 85, 70, 50 with trimMin 7 → 85', () => {
    let h: Histogram | undefined;
    for (const x of [100, 85, 50, 85, 70, 100, 85]) h = histogramAdd(h, x, 1);
    expect(h).toEqual([50, 1, 70, 1, 85, 3, 100, 2]);
    expect(groupMarkOf(h as Histogram, 7)).toBe(85);
    h = histogramAdd(h, 50, -1);
    expect(h).toEqual([70, 1, 85, 3, 100, 2]);
    expect(groupMarkOf(h as Histogram, 7)).toBe((70 + 85 * 3 + 100 * 2) / 6);
    expect(() => histogramAdd(h, 60, -1)).toThrow(/never added/);
  });
});
