import type { Grade } from '../domain/grade';
import type { ComputeResult, Flag, GroupEntry, GroupResult } from '../domain/result';
import { FLAG_LABELS } from '../domain/result';

/**
 * What every printed form of a ranking shares (the terminal table, the Excel export, later the
 * PDF report): the words for rank change and flags, the columns of a group's table and its notes.
 */

/** 名次变化 as printed: ↑3, ↓5, 持平, 新 (new to the group), or — with no previous rank to compare. */
export function rankChangeText(e: GroupEntry): string {
  if (e.rankChange === null) return e.isNew ? '新' : '—';
  if (e.rankChange > 0) return `↑${e.rankChange}`;
  if (e.rankChange < 0) return `↓${-e.rankChange}`;
  return '持平';
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 末三位 for N = 3 (the term of the policy documents), 末12位 past ten. */
export const bottomLabel = (n: number): string => `末${CN_DIGITS[n] ?? n}位`;

/** Flags as the 标记 column shows them; bottomN reads 末三位 for N = 3. */
export function flagsText(flags: readonly Flag[], bottomN: number): string {
  return flags.map((f) => (f === 'bottomN' ? bottomLabel(bottomN) : FLAG_LABELS[f])).join('、');
}

/** A date as an official document writes it: 2025年1月15日 (the date's own calendar fields). */
export function chineseDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** One row of a group's ranking table, values still typed (the caller formats or writes them). */
export interface RankingRow {
  code: string;
  name: string;
  rank: number | null;
  total: number;
  /** One per indicator of the table, in its order; null where the target has no subtotal. */
  subtotals: (number | null)[];
  bonus: number;
  deduction: number;
  grade: Grade | null;
  /** 名次变化 as printed. */
  change: string;
  /** 标记 as printed. */
  flags: string;
  bottom: boolean;
  exempt: boolean;
}

export interface RankingTable {
  /** The 一级 indicators at least one target of the group has a subtotal for, in tree order. */
  indicators: { code: string; name: string }[];
  /** In the group's order: rank order, exempt targets last. */
  rows: RankingRow[];
}

/** The columns of a ranking table, 名次 … 标记 (SPEC §7). */
export function rankingHeader(t: RankingTable): string[] {
  return [
    '名次',
    '单位',
    '总分',
    ...t.indicators.map((i) => i.name),
    '加分',
    '扣分',
    '等次',
    '名次变化',
    '标记',
  ];
}

/** A ranking group as the rows of its printed table. */
export function rankingTable(r: ComputeResult, g: GroupResult): RankingTable {
  const byCode = new Map(r.targets.map((t) => [t.code, t]));
  const indicators = r.topIndicators.filter((top) =>
    g.entries.some((e) => byCode.get(e.code)?.subtotals[top.code] !== undefined),
  );
  const rows = g.entries.map((e): RankingRow => {
    const t = byCode.get(e.code);
    return {
      code: e.code,
      name: e.name,
      rank: e.rank,
      total: e.total,
      subtotals: indicators.map((i) => t?.subtotals[i.code] ?? null),
      bonus: t?.bonus ?? 0,
      deduction: t?.deduction ?? 0,
      grade: e.grade,
      change: rankChangeText(e),
      flags: flagsText(e.flags, r.cycle.bottomN),
      bottom: e.flags.includes('bottomN'),
      exempt: e.flags.includes('exempt'),
    };
  });
  return { indicators, rows };
}

/**
 * Why a group flags more than N: a tie across the boundary (GroupResult.bottomTieExtended), or
 * vetoed targets ranked above the last N positions (possible when vetoes are not put last), which
 * are flagged all the same. Empty when exactly the last N are flagged.
 */
export function bottomNotes(r: ComputeResult, g: GroupResult): string[] {
  const n = r.cycle.bottomN;
  const label = bottomLabel(n);
  const notes: string[] = [];
  if (g.bottomTieExtended) notes.push(`注：因名次并列，${label}标记 ${g.flaggedBottom} 个，多于 ${n} 个。`);
  // Entries are in rank order with the exempt ones last: the first m − N positions are outside.
  const outside = g.entries
    .slice(0, Math.max(0, g.ranked - n))
    .filter((e) => e.flags.includes('veto') && e.flags.includes('bottomN')).length;
  if (outside > 0)
    notes.push(
      `注：有 ${outside} 个一票否决单位名次在最后 ${n} 位之外，也标记为${label}，共标记 ${g.flaggedBottom} 个。`,
    );
  return notes;
}

/** Said under every combined group: its ranks stand beside the categories', not instead of them. */
export const COMBINED_GROUP_NOTE =
  '注：合并排名组单独评定名次、等次和末位，与各类别内的结果并列列出；以哪一组为准由考核办确定。';
