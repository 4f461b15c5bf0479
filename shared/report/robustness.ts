import type { RobustnessEntry, SensitivityResult } from '../engine/sensitivity';
import {
  percentText,
  plainNumber,
  ROBUST_FLAGGED_BELOW,
  ROBUST_UNFLAGGED_ABOVE,
  robustnessOfFlagged,
  robustnessWarning,
} from '../engine/sensitivity';

/**
 * 末位结果稳健性 in the report: for each ranking group, every unit flagged bottom-N and every
 * unflagged unit at risk, with the share of draws that put it in the bottom N, its rank range and a
 * verdict in words — what a leader reads before anyone is sent to 待岗试用.
 */
export interface ReportRobustness {
  /** How the draws were made, in a sentence. */
  method: string;
  /** How to read the table, and the thresholds. */
  reading: string;
  groups: {
    name: string;
    rows: {
      name: string;
      rank: string;
      /** P(bottom N) as a percentage. */
      p: string;
      /** 5th–95th percentile rank, e.g. 8–10 (one number when they agree). */
      range: string;
      verdict: string;
      /** Flagged: printed bold like the ranking table. */
      flagged: boolean;
    }[];
  }[];
  /** Flagged verdicts that are fragile, and unflagged units at risk, over all groups. */
  fragile: number;
  atRisk: number;
}

function verdict(e: RobustnessEntry, label: string): string {
  if (e.vetoed) return '一票否决，不受权重影响';
  const w = robustnessWarning(e);
  if (w === 'fragile') return `存疑：权重稍有变化即可能不在${label}`;
  if (w === 'atRisk') return `未标记，但多数抽样中落入${label}`;
  return e.flagged ? '稳健' : '—';
}

export function reportRobustness(s: SensitivityResult, label: string): ReportRobustness {
  const list = robustnessOfFlagged(s);
  const all = list.flatMap((g) => g.entries);
  const pct = plainNumber(s.delta * 100);
  return {
    method: `将每个类别各计分指标的分值分别乘以区间 [${plainNumber(1 - s.delta)}, ${plainNumber(1 + s.delta)}] 上均匀分布的随机因子（±${pct}%），再按原满分等比例归一，加分、扣分和一票否决不变；按本周期规则重新计算总分和名次，共抽样 ${s.draws.toLocaleString('en-US')} 次（随机种子 ${s.seed}，可重现）。`,
    reading: `“${label}概率”是抽样中落入${label}的比例；“名次区间”是 90% 的抽样落入的名次范围（第 5 至第 95 百分位）。已标记单位的概率不低于 ${ROBUST_FLAGGED_BELOW * 100}% 为稳健，低于的标为存疑；未标记单位概率超过 ${ROBUST_UNFLAGGED_ABOVE * 100}% 的一并列出。`,
    groups: list.map(({ group, entries }) => ({
      name: group.name,
      rows: entries.map((e) => ({
        name: e.name,
        rank: String(e.rank),
        p: percentText(e.pBottom),
        range: e.rankP5 === e.rankP95 ? String(e.rankP5) : `${e.rankP5}–${e.rankP95}`,
        verdict: verdict(e, label),
        flagged: e.flagged,
      })),
    })),
    fragile: all.filter((e) => robustnessWarning(e) === 'fragile').length,
    atRisk: all.filter((e) => robustnessWarning(e) === 'atRisk').length,
  };
}
