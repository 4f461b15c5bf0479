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
export interface TieGroup {
  start: number;
  end: number;
}

/** Where each position of a group in rank order stands: its rank, bottom-N and the 优秀 quota. */
export interface Placement {
  /** Competition rank at each position (1, 2, 2, 4). */
  ranks: Int32Array;
  /** Positions sharing a rank, in order. */
  ties: TieGroup[];
  /** 1 at the positions of the bottom-N set. */
  bottom: Uint8Array;
  bottomCount: number;
  /** The tie straddling the bottom-N boundary: taken whole (includeTies) or left out (strict). */
  boundaryTie: TieGroup | null;
  /** Vetoed targets placed above the last N positions (still inside the bottom-N set). */
  vetoedOutside: number;
  /** ⌊q·m⌋. */
  excellentPositions: number;
  /** 1 at positions wholly within the 优秀 quota. */
  withinQuota: Uint8Array;
  /** Ties straddling the quota: none of them may be 优秀. */
  quotaTies: TieGroup[];
}

/**
 * Places m targets already in rank order (SPEC §4): competition ranks; the bottom-N set — the last N
 * positions, a tie straddling the boundary taken whole under includeTies and left out under strict
 * (compute reports that as blocking), every vetoed position inside, nobody when m ≤ N; and the
 * positions within the 优秀 quota ⌊q·m⌋, a tie straddling it getting none. `sameAsPrevious(pos)`
 * says whether the target at pos stands level with the one before it. Shared by compute and the
 * Monte Carlo of sensitivity, so both decide a placement the same way.
 */
export function place(
  m: number,
  sameAsPrevious: (pos: number) => boolean,
  vetoed: (pos: number) => boolean,
  rules: Pick<Rules, 'bottomN' | 'bottomTies' | 'excellentQuota'>,
): Placement {
  const ranks = new Int32Array(m);
  const ties: TieGroup[] = [];
  for (let pos = 0; pos < m; pos++) {
    if (pos > 0 && sameAsPrevious(pos)) {
      ranks[pos] = ranks[pos - 1] as number;
      (ties[ties.length - 1] as TieGroup).end = pos + 1;
    } else {
      ranks[pos] = pos + 1;
      ties.push({ start: pos, end: pos + 1 });
    }
  }

  const N = rules.bottomN;
  const bottom = new Uint8Array(m);
  let bottomCount = 0;
  let boundaryTie: TieGroup | null = null;
  let vetoedOutside = 0;
  if (N > 0 && m > N) {
    const boundary = m - N; // first position inside the last N
    let from = boundary;
    for (const g of ties)
      if (g.start < boundary && boundary < g.end) {
        boundaryTie = g;
        from = rules.bottomTies === 'includeTies' ? g.start : g.end;
      }
    for (let pos = 0; pos < m; pos++)
      if (pos >= from || vetoed(pos)) {
        bottom[pos] = 1;
        bottomCount++;
        if (pos < from) vetoedOutside++;
      }
  }

  // 优秀 quota: a ceiling on positions (floating noise such as 0.7·10 = 7.000000000000001 ignored).
  const excellentPositions = Math.floor(rules.excellentQuota * m + 1e-9);
  const withinQuota = new Uint8Array(m);
  const quotaTies: TieGroup[] = [];
  for (const g of ties) {
    if (g.end <= excellentPositions) withinQuota.fill(1, g.start, g.end);
    else if (g.start < excellentPositions) quotaTies.push(g);
  }
  return {
    ranks,
    ties,
    bottom,
    bottomCount,
    boundaryTie,
    vetoedOutside,
    excellentPositions,
    withinQuota,
    quotaTies,
  };
}

/**
 * A ranked target's grade (SPEC §4), rules in this order: 较差 when vetoed or below poorBelow;
 * 优秀 when within the quota, not bottom-N and at least excellentMin; the bottom-N grade; 良好.
 */
export function gradeOf(
  total: number,
  vetoed: boolean,
  withinQuota: boolean,
  isBottom: boolean,
  rules: Pick<Rules, 'poorBelow' | 'excellentMin' | 'bottomGrade'>,
): Grade {
  if (vetoed || total < rules.poorBelow) return '较差';
  if (withinQuota && !isBottom && (rules.excellentMin === null || total >= rules.excellentMin)) return '优秀';
  if (isBottom) return rules.bottomGrade;
  return '良好';
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
  const pl = place(
    m,
    (pos) => compareStanding(ranked[pos - 1] as TargetScore, ranked[pos] as TargetScore) === 0,
    (pos) => (ranked[pos] as TargetScore).vetoed,
    rules,
  );
  const { ranks, bottom, withinQuota, excellentPositions } = pl;
  const names = (g: TieGroup) =>
    ranked
      .slice(g.start, g.end)
      .map((t) => t.name)
      .join('、');
  const N = rules.bottomN;
  const bottomTieExtended = pl.boundaryTie !== null && rules.bottomTies === 'includeTies';
  if (N > 0 && m <= N && m > 0)
    issues.push(
      issue(
        'warning',
        'SMALL_GROUP',
        `${label}参与排名的只有 ${m} 个，不多于末位个数 ${N}，不标记末位`,
        `group:${input.code}`,
      ),
    );
  const g = pl.boundaryTie;
  if (g !== null && bottomTieExtended)
    issues.push(
      issue(
        'warning',
        'BOTTOM_TIE_EXTENDED',
        `${label}${names(g)} 并列第 ${ranks[g.start]} 名，跨越末 ${N} 位界线，全部标记为末位，共 ${m - g.start} 个`,
        `group:${input.code}`,
      ),
    );
  else if (g !== null)
    issues.push(
      issue(
        'error',
        'BOTTOM_TIE_STRICT',
        `${label}${names(g)} 并列第 ${ranks[g.start]} 名，跨越末 ${N} 位界线；规则为严格处理，请设置并列比较指标或调整后重新计算`,
        `group:${input.code}`,
      ),
    );
  if (pl.vetoedOutside > 0)
    issues.push(
      issue(
        'warning',
        'BOTTOM_VETO_EXTENDED',
        `${label}有 ${pl.vetoedOutside} 个一票否决对象在末 ${N} 位之外，也计入末位，末位共 ${pl.bottomCount} 个`,
        `group:${input.code}`,
      ),
    );
  for (const q of pl.quotaTies)
    issues.push(
      issue(
        'warning',
        'EXCELLENT_TIE',
        `${label}${names(q)} 并列第 ${ranks[q.start]} 名，跨越优秀名额（${excellentPositions} 名）界线，均不评为优秀；如需区分请设置并列比较指标`,
        `group:${input.code}`,
      ),
    );

  // Gap to safety: the lowest-placed target outside the bottom-N set.
  let safety: number | null = null;
  for (let pos = m - 1; pos >= 0; pos--)
    if (bottom[pos] === 0) {
      safety = (ranked[pos] as TargetScore).total;
      break;
    }

  const entries: GroupEntry[] = [];
  ranked.forEach((t, pos) => {
    const isBottom = bottom[pos] === 1;
    const grade = gradeOf(t.total, t.vetoed, withinQuota[pos] === 1, isBottom, rules);
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
      flaggedBottom: pl.bottomCount,
      bottomTieExtended,
      excellentPositions,
      entries,
    },
    issues,
  };
}
