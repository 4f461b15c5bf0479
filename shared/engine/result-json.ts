import type { ComputeResult, ResultJson, TargetScore } from '../domain/result';

/**
 * The result JSON of SPEC §9, for other programs: groups in scheme order, results in rank order
 * with exempt targets last, only the flags that hold.
 */
export function toResultJson(r: ComputeResult): ResultJson {
  const byCode = new Map<string, TargetScore>(r.targets.map((t) => [t.code, t]));
  return {
    cycle: { name: r.cycle.name, fullScore: r.cycle.fullScore },
    groups: r.groups.map((g) => ({
      category: g.code,
      name: g.name,
      size: g.size,
      flaggedBottom: g.flaggedBottom,
      results: g.entries.map((e) => {
        const t = byCode.get(e.code) as TargetScore;
        return {
          code: e.code,
          name: e.name,
          total: e.total,
          rank: e.rank,
          grade: e.grade,
          flags: e.flags,
          subtotals: t.subtotals,
          bonus: t.bonus,
          deduction: t.deduction,
          rankChange: e.rankChange,
        };
      }),
    })),
    issues: r.issues,
  };
}

/** Reads a result JSON back as the previous cycle's ranks (for `run --previous`). */
export function ranksFromResultJson(
  json: ResultJson,
): { group: string; target: string; rank: number | null }[] {
  const out: { group: string; target: string; rank: number | null }[] = [];
  for (const g of json.groups)
    for (const r of g.results) out.push({ group: g.category, target: r.code, rank: r.rank });
  return out;
}
