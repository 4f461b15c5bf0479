import type { Grade } from '../domain/grade';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { Flag, GroupEntry, GroupResult, TargetScore } from '../domain/result';
import { FLAGS } from '../domain/result';
import type { Rules } from '../domain/rules';
import { roundHalfAway } from './round';
import { compareCodes } from './stats';

export interface RankGroupInput {
  code: string;
  name: string;
  kind: 'category' | 'combined';
  /** Every target of the group, exempt ones included. */
  members: readonly TargetScore[];
  rules: Rules;
  /** Tie-breaker values of a target (subtotals of rules.tieBreakers, rounded), compared in order. */
  tieValues: (t: TargetScore) => readonly number[];
  /** Previous ranks in this group by target code; null when no previous cycle is linked. */
  previous: ReadonlyMap<string, number | null> | null;
}

/** Positions [start, end) of targets that share a rank. */
interface TieGroup {
  start: number;
  end: number;
}

/**
 * Ranks one group:
 * - competition ranking (1, 2, 2, 4) on the rounded total, vetoed targets below all others when
 *   vetoToBottom holds, ties split by the tie-breaker subtotals, unresolved ties sharing the rank;
 * - the bottom-N set: the last N positions, a tie straddling the boundary taken whole (includeTies)
 *   or reported as blocking (strict), every vetoed target inside; nobody when m ≤ N;
 * - grades: 较差 (vetoed or below poorBelow), 优秀 (within ⌊q·m⌋ positions — a tie straddling the
 *   quota gets none — not bottom-N, at least excellentMin), bottom-N grade, 良好;
 * - rank change against the previous cycle, and each bottom-N target's gap to safety.
 */
export function rankGroup(input: RankGroupInput): { group: GroupResult; issues: Issue[] } {
  const { rules, members } = input;
  const issues: Issue[] = [];
  const label = `${input.name}（${input.code}）`;
  const vetoLast = (t: TargetScore) => (rules.vetoToBottom && t.vetoed ? 1 : 0);

  const ranked = members.filter((t) => t.exemptReason === null);
  const exempt = members.filter((t) => t.exemptReason !== null).sort((a, b) => compareCodes(a.code, b.code));
  const tie = new Map(ranked.map((t) => [t.code, input.tieValues(t)]));
  const compareStanding = (a: TargetScore, b: TargetScore): number => {
    const v = vetoLast(a) - vetoLast(b);
    if (v !== 0) return v;
    if (a.total !== b.total) return b.total - a.total;
    const ta = tie.get(a.code) ?? [];
    const tb = tie.get(b.code) ?? [];
    for (let i = 0; i < ta.length; i++) if (ta[i] !== tb[i]) return (tb[i] as number) - (ta[i] as number);
    return 0;
  };
  ranked.sort((a, b) => compareStanding(a, b) || compareCodes(a.code, b.code));

  const m = ranked.length;
  const ranks: number[] = [];
  const ties: TieGroup[] = [];
  for (let pos = 0; pos < m; pos++) {
    const prev = ranked[pos - 1];
    if (prev !== undefined && compareStanding(prev, ranked[pos] as TargetScore) === 0) {
      ranks.push(ranks[pos - 1] as number);
      (ties[ties.length - 1] as TieGroup).end = pos + 1;
    } else {
      ranks.push(pos + 1);
      ties.push({ start: pos, end: pos + 1 });
    }
  }
  const tieAt = (pos: number): TieGroup => ties.find((g) => g.start <= pos && pos < g.end) as TieGroup;
  const names = (g: TieGroup) =>
    ranked
      .slice(g.start, g.end)
      .map((t) => t.name)
      .join('、');

  // Bottom N
  const N = rules.bottomN;
  const bottom = new Set<number>();
  let bottomTieExtended = false;
  if (N > 0 && m <= N) {
    if (m > 0)
      issues.push(
        issue(
          'warning',
          'SMALL_GROUP',
          `${label}参与排名的只有 ${m} 个，不多于末位个数 ${N}，不标记末位`,
          `group:${input.code}`,
        ),
      );
  } else if (N > 0) {
    const boundary = m - N; // first position inside the last N
    const g = tieAt(boundary);
    let from = boundary;
    if (g.start < boundary) {
      if (rules.bottomTies === 'includeTies') {
        from = g.start;
        bottomTieExtended = true;
        issues.push(
          issue(
            'warning',
            'BOTTOM_TIE_EXTENDED',
            `${label}${names(g)} 并列第 ${ranks[g.start]} 名，跨越末 ${N} 位界线，全部标记为末位，共 ${m - g.start} 个`,
            `group:${input.code}`,
          ),
        );
      } else {
        from = g.end;
        issues.push(
          issue(
            'error',
            'BOTTOM_TIE_STRICT',
            `${label}${names(g)} 并列第 ${ranks[g.start]} 名，跨越末 ${N} 位界线；规则为严格处理，请设置并列比较指标或调整后重新计算`,
            `group:${input.code}`,
          ),
        );
      }
    }
    for (let pos = from; pos < m; pos++) bottom.add(pos);
    ranked.forEach((t, pos) => t.vetoed && bottom.add(pos));
    const vetoedOutside = ranked.filter((t, pos) => t.vetoed && pos < from).length;
    if (vetoedOutside > 0)
      issues.push(
        issue(
          'warning',
          'BOTTOM_VETO_EXTENDED',
          `${label}有 ${vetoedOutside} 个一票否决对象在末 ${N} 位之外，也计入末位，末位共 ${bottom.size} 个`,
          `group:${input.code}`,
        ),
      );
  }

  // 优秀 quota: a ceiling on positions (floating noise such as 0.7·10 = 7.000000000000001 ignored).
  const excellentPositions = Math.floor(rules.excellentQuota * m + 1e-9);
  const withinQuota = new Set<number>();
  for (const g of ties) {
    if (g.end <= excellentPositions) for (let pos = g.start; pos < g.end; pos++) withinQuota.add(pos);
    else if (g.start < excellentPositions)
      issues.push(
        issue(
          'warning',
          'EXCELLENT_TIE',
          `${label}${names(g)} 并列第 ${ranks[g.start]} 名，跨越优秀名额（${excellentPositions} 名）界线，均不评为优秀；如需区分请设置并列比较指标`,
          `group:${input.code}`,
        ),
      );
  }

  // Gap to safety: the lowest-placed target outside the bottom-N set.
  let safety: number | null = null;
  for (let pos = m - 1; pos >= 0; pos--)
    if (!bottom.has(pos)) {
      safety = (ranked[pos] as TargetScore).total;
      break;
    }

  const entries: GroupEntry[] = [];
  ranked.forEach((t, pos) => {
    const isBottom = bottom.has(pos);
    let grade: Grade;
    if (t.vetoed || t.total < rules.poorBelow) grade = '较差';
    else if (
      withinQuota.has(pos) &&
      !isBottom &&
      (rules.excellentMin === null || t.total >= rules.excellentMin)
    )
      grade = '优秀';
    else if (isBottom) grade = rules.bottomGrade;
    else grade = '良好';
    const rank = ranks[pos] as number;
    const previousRank = input.previous?.get(t.code) ?? null;
    const rankChange = previousRank === null ? null : previousRank - rank;
    const flags = new Set<Flag>();
    if (isBottom) flags.add('bottomN');
    if (t.vetoed) flags.add('veto');
    if (rankChange !== null && rankChange >= rules.riseBy) flags.add('bigRise');
    if (rankChange !== null && -rankChange >= rules.fallBy) flags.add('bigFall');
    entries.push({
      code: t.code,
      name: t.name,
      total: t.total,
      rank,
      grade,
      flags: FLAGS.filter((f) => flags.has(f)),
      previousRank,
      rankChange,
      // 新: the previous cycle ranked this group and the target was not in it (exempt then is not new).
      isNew: input.previous !== null && !input.previous.has(t.code),
      gapToSafety:
        isBottom && !t.vetoed && safety !== null ? roundHalfAway(safety - t.total, rules.precision) : null,
    });
  });
  for (const t of exempt)
    entries.push({
      code: t.code,
      name: t.name,
      total: t.total,
      rank: null,
      grade: null,
      // never ranked or flagged bottom-N, but a veto stays visible: it overrides every outcome
      flags: t.vetoed ? ['veto', 'exempt'] : ['exempt'],
      previousRank: input.previous?.get(t.code) ?? null,
      rankChange: null,
      isNew: false,
      gapToSafety: null,
    });

  return {
    group: {
      code: input.code,
      name: input.name,
      kind: input.kind,
      size: members.length,
      ranked: m,
      flaggedBottom: bottom.size,
      bottomTieExtended,
      excellentPositions,
      entries,
    },
    issues,
  };
}
