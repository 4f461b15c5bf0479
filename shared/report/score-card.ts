import type { ItemRow } from '../domain/data';
import type { AdjustmentResult, ComputeResult, LeafExplanation, TargetScore } from '../domain/result';
import type { Scheme } from '../domain/scheme';
import { explainTarget } from '../engine/explain';
import { formatFixed } from '../engine/round';
import { flagsText, rankChangeText } from './format';

/**
 * 单位考核得分明细 (SPEC §4, §7): one target's score card, as every printed form of it shows it —
 * the terminal (`appraisal explain`), the window's 得分说明 panel, and the PDF report. Words and
 * numbers are decided here once.
 */
export interface ScoreCard {
  code: string;
  name: string;
  category: string;
  categoryName: string;
  total: string;
  bonus: string;
  deduction: string;
  exemptReason: string | null;
  /** The target's standing in each ranking group it belongs to. */
  standings: {
    group: string;
    /** 区市：第 9 名（共 10 个），等次 一般，名次变化 ↓6，末三位 */
    text: string;
    bottom: boolean;
    /** 比末位之外的最后一名少 11.67 分 (bottom-N targets only) */
    gap: string | null;
  }[];
  /**
   * The costliest leaves: against the category median where the unit is below it somewhere;
   * otherwise (alone in its category, or at or above the median everywhere) against full points.
   */
  worst: { basis: 'median' | 'full'; leaves: { code: string; name: string; lost: string }[] };
  leaves: (LeafExplanation & { name: string })[];
  adjustments: (AdjustmentResult & { name: string })[];
  vetoItems: ItemRow[];
}

export function scoreCard(r: ComputeResult, scheme: Scheme, t: TargetScore): ScoreCard {
  const p = r.cycle.precision;
  const names = new Map(scheme.indicators.map((i) => [i.code, i.name]));
  const nameOf = (code: string) => names.get(code) ?? code;
  const leaves = explainTarget(r, t).map((l) => ({ ...l, name: nameOf(l.indicator) }));
  const top = t.topLosses.map((c) => leaves.find((l) => l.indicator === c)).filter((l) => l !== undefined);
  const basis = top.length > 0 && top.every((l) => l.lostVsMedian > 0) ? 'median' : 'full';
  return {
    code: t.code,
    name: t.name,
    category: t.category,
    categoryName: scheme.categories.find((c) => c.code === t.category)?.name ?? t.category,
    total: formatFixed(t.total, p),
    bonus: formatFixed(t.bonus, p),
    deduction: formatFixed(t.deduction, p),
    exemptReason: t.exemptReason,
    standings: r.groups.flatMap((g) => {
      const e = g.entries.find((x) => x.code === t.code);
      if (!e) return [];
      const rank = e.rank === null ? '不排名' : `第 ${e.rank} 名（共 ${g.ranked} 个）`;
      const flags = e.flags.length > 0 ? `，${flagsText(e.flags, r.cycle.bottomN)}` : '';
      return [
        {
          group: g.name,
          text: `${g.name}：${rank}，等次 ${e.grade ?? '—'}，名次变化 ${rankChangeText(e)}${flags}`,
          bottom: e.flags.includes('bottomN'),
          gap: e.gapToSafety === null ? null : `比末位之外的最后一名少 ${formatFixed(e.gapToSafety, p)} 分`,
        },
      ];
    }),
    worst: {
      basis,
      leaves: top.map((l) => ({
        code: l.indicator,
        name: l.name,
        lost: formatFixed(basis === 'median' ? l.lostVsMedian : l.lostVsFull, p),
      })),
    },
    leaves,
    adjustments: t.adjustments.map((a) => ({ ...a, name: nameOf(a.indicator) })),
    vetoItems: t.vetoItems,
  };
}

/** 失分最多的指标（与同类中位数相比）：… or（与满分相比）, as one line. */
export function worstText(c: ScoreCard): string {
  if (c.worst.leaves.length === 0) return '';
  const basis = c.worst.basis === 'median' ? '与同类中位数相比' : '与满分相比';
  return `失分最多的指标（${basis}）：${c.worst.leaves.map((l) => `${l.code} ${l.name} 少 ${l.lost} 分`).join('；')}`;
}
