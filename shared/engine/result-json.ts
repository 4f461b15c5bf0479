import type { PreviousCycle } from '../domain/data';
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

/**
 * Reads an earlier result JSON (from any source, so checked row by row) as the previous cycle's
 * ranks. A problem is named by where it is, e.g. `groups[2].results[5].rank`.
 */
export function previousFromResultJson(
  json: unknown,
): { ok: true; value: PreviousCycle } | { ok: false; message: string } {
  const bad = (where: string, what: string) => ({ ok: false as const, message: `${where} ${what}` });
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { groups?: unknown }).groups))
    return bad('文件', '不是本程序导出的结果 JSON（缺少 groups 列表）');
  const root = json as { cycle?: { name?: unknown }; groups: unknown[] };
  const ranks: PreviousCycle['ranks'] = [];
  for (const [gi, g] of root.groups.entries()) {
    const at = `groups[${gi}]`;
    if (typeof g !== 'object' || g === null) return bad(at, '应为一个组');
    const group = g as { category?: unknown; results?: unknown };
    if (typeof group.category !== 'string' || group.category === '')
      return bad(`${at}.category`, '应为类别编码');
    if (!Array.isArray(group.results)) return bad(`${at}.results`, '应为结果列表');
    for (const [ri, r] of group.results.entries()) {
      const rat = `${at}.results[${ri}]`;
      if (typeof r !== 'object' || r === null) return bad(rat, '应为一个对象的结果');
      const row = r as { code?: unknown; rank?: unknown };
      if (typeof row.code !== 'string' || row.code === '') return bad(`${rat}.code`, '应为对象编码');
      if (row.rank !== null && !(typeof row.rank === 'number' && Number.isInteger(row.rank) && row.rank >= 1))
        return bad(`${rat}.rank`, `应为正整数名次或 null（现为 ${JSON.stringify(row.rank)}）`);
      ranks.push({ group: group.category, target: row.code, rank: row.rank as number | null });
    }
  }
  const name = typeof root.cycle?.name === 'string' ? root.cycle.name : '上一周期';
  return { ok: true, value: { name, ranks, values: [] } };
}
