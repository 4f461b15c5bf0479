import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupTotals, pointsLost, targetVsCategory } from '../../../shared/charts/results';
import type { ComputeResult } from '../../../shared/domain/result';
import type { Scheme } from '../../../shared/domain/scheme';
import { explainTarget } from '../../../shared/engine/explain';
import { FIXTURE_CITY, cityWorkspace } from '../../helpers/workspace';

let r: ComputeResult;
let scheme: Scheme;
beforeAll(async () => {
  const ws = await cityWorkspace();
  const data = readdirSync(join(FIXTURE_CITY, 'data')).map((f) => join(FIXTURE_CITY, 'data', f));
  await ws.services.imports.importFiles(ws.cycle, data);
  const c = ws.services.compute.run(ws.cycle.id);
  if (!c.ok) throw new Error('compute');
  r = c.value.result;
  scheme = ws.services.cycles.scheme(ws.cycle.id);
  ws.db.close();
});

describe('chart data of the results', () => {
  it('gives a group’s ranked totals in rank order (a vetoed unit last whatever its total), its bottom three marked', () => {
    const g = r.groups.find((x) => x.code === 'QS')!;
    const bars = groupTotals(g);
    expect(bars).toHaveLength(g.ranked);
    expect(bars.map((b) => b.name)).toEqual(g.entries.filter((e) => e.rank !== null).map((e) => e.name));
    expect(bars.at(-1)).toMatchObject({ name: '青石县', total: 82.1, bottom: true }); // 一票否决
    expect(bars.filter((b) => b.bottom)).toHaveLength(g.flaggedBottom);
  });

  it('sets a target’s 一级 subtotals against its category mean and full points that add up to the full score', () => {
    const t = r.targets.find((x) => x.code === 'QS01')!;
    const rows = targetVsCategory(r, scheme, t);
    expect(rows.map((x) => x.code)).toEqual(
      r.topIndicators.filter((x) => t.subtotals[x.code] !== undefined).map((x) => x.code),
    );
    expect(rows.reduce((n, x) => n + x.full, 0)).toBeCloseTo(r.cycle.fullScore, 6);
    const peers = r.targets.filter((x) => x.category === 'QS');
    const a = rows[0]!;
    expect(a.mean).toBeCloseTo(peers.reduce((n, p) => n + (p.subtotals[a.code] ?? 0), 0) / peers.length, 2);
  });

  it('lists where a target lost most against full points, each weight minus points', () => {
    const t = r.targets.find((x) => x.code === 'QS06')!;
    const names = new Map(scheme.indicators.map((i) => [i.code, i.name]));
    const lost = pointsLost(r, t, names, 5);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.map((x) => x.lostVsFull)).toEqual([...lost.map((x) => x.lostVsFull)].sort((a, b) => b - a));
    const leaf = explainTarget(r, t).find((l) => l.indicator === lost[0]!.code)!;
    expect(lost[0]!.lostVsFull).toBeCloseTo(leaf.weight - leaf.points, 2);
    expect(lost[0]!.name).toBe(names.get(lost[0]!.code));
  });
});
