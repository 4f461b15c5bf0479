import { METHOD_LABELS, MISSING_LABELS, PARAM_LABELS } from '../domain/method';
import type { MissingPolicy } from '../domain/method';
import type { ComputeResult, TargetScore } from '../domain/result';
import type { Rules } from '../domain/rules';
import type { Scheme } from '../domain/scheme';
import { depthOf, treeOrder } from '../domain/scheme-edit';
import { groupTotals } from '../charts/results';
import type { RankingTable } from './format';
import {
  COMBINED_GROUP_NOTE,
  bottomLabel,
  bottomNotes,
  chineseDate,
  rankingHeader,
  rankingTable,
} from './format';
import type { ReportRobustness } from './robustness';
import { reportRobustness } from './robustness';
import type { SensitivityResult } from '../engine/sensitivity';
import type { ScoreCard } from './score-card';
import { scoreCard } from './score-card';

/**
 * 综合考核结果 as a printed document (SPEC §7): what the ranking report says, in the order it says
 * it — cover, a table and a chart per ranking group, a score card per unit, the scheme appendix —
 * decided here once, so that every renderer (the PDF, the HTML file, the print preview) only lays
 * it out.
 */
export interface ReportDocument {
  /** Decimals of totals, subtotals and points (the cycle's precision). */
  precision: number;
  /** The score cards alone (one unit's 单位考核得分明细): no ranking tables, charts or appendix. */
  cardsOnly: boolean;
  /** 末三位 for N = 3. */
  bottomLabel: string;
  cover: {
    title: string;
    office: string;
    /** 2025年1月15日 */
    date: string;
    /** 内部资料 注意保密, or null */
    mark: string | null;
    /** A few sentences of what follows: units, groups, how many flagged. */
    summary: string[];
    /**
     * The audit log's head hash when the report was made: noted down from the paper, `appraisal
     * audit verify --expect` later shows the log was not rebuilt since. Null when not given.
     */
    auditHead: string | null;
  };
  groups: ReportGroup[];
  cards: ScoreCard[];
  /** How robust each bottom-N verdict is to the weights; null when not analysed. */
  robustness: ReportRobustness | null;
  appendix: ReportAppendix;
}

export interface ReportGroup {
  code: string;
  name: string;
  combined: boolean;
  header: string[];
  table: RankingTable;
  /** What the marks of the table mean (read in black and white). */
  legend: string;
  /** Why more than N are flagged, and what a combined group is. */
  notes: string[];
  /** Totals in rank order for the chart page; `boundary` bars from the end are the bottom N. */
  chart: { name: string; total: number; bottom: boolean }[];
  boundary: number;
}

export interface ReportAppendix {
  categories: { code: string; name: string; targets: number }[];
  /** The indicator tree, with each category's weight (blank where the leaf does not apply). */
  indicators: {
    code: string;
    name: string;
    depth: number;
    method: string;
    params: string;
    weights: string[];
  }[];
  groups: { name: string; weight: string }[];
  rules: { label: string; value: string }[];
}

export interface ReportOptions {
  /** 制表单位, e.g. 中共临澜市委综合考核办公室 */
  office: string;
  date: Date;
  /** Print 内部资料 注意保密 on the cover and every page. */
  confidential: boolean;
  /** Include a score card per unit (default true). */
  cards?: boolean;
  /** Only this unit's score card (a code of the cycle's units). */
  target?: string | null;
  /** The sensitivity analysis of this result, for the robustness appendix. */
  robustness?: SensitivityResult | null;
  /** The audit log's head hash, printed on the cover (see cover.auditHead). */
  auditHead?: string | null;
}

export const CONFIDENTIAL_MARK = '内部资料 注意保密';

/** The report's title: 2024年度综合考核结果 (a cycle already named …综合考核 is not said twice). */
export function reportTitle(cycleName: string): string {
  return /考核$/.test(cycleName) ? `${cycleName}结果` : `${cycleName}综合考核结果`;
}

export function reportDocument(r: ComputeResult, scheme: Scheme, opts: ReportOptions): ReportDocument {
  const n = r.cycle.bottomN;
  const label = bottomLabel(n);
  const categories = r.groups.filter((g) => g.kind === 'category');
  const flagged = new Set(
    categories.flatMap((g) => g.entries.filter((e) => e.flags.includes('bottomN'))).map((e) => e.code),
  );
  const vetoed = r.targets.filter((t) => t.vetoed).length;
  const exempt = r.targets.filter((t) => t.exemptReason !== null).length;

  const groups = r.groups.map((g): ReportGroup => {
    const table = rankingTable(r, g);
    const chart = groupTotals(g);
    return {
      code: g.code,
      name: g.name,
      combined: g.kind === 'combined',
      header: rankingHeader(table),
      table,
      legend: `▲ 及粗体：${label}（参与排名单位中总分最后 ${n} 位${scheme.rules.vetoToBottom ? '，一票否决单位排在最后并计入' : ''}）。名次变化：↑ 上升、↓ 下降、持平、新（上一周期不在本组）、—（无上一周期名次）。`,
      notes: [...bottomNotes(r, g), ...(g.kind === 'combined' ? [COMBINED_GROUP_NOTE] : [])],
      chart,
      boundary: chart.filter((c) => c.bottom).length,
    };
  });

  // score cards: category by category in the scheme's order, each in rank order, exempt ones last
  const byCode = new Map(r.targets.map((t) => [t.code, t]));
  const cards =
    opts.cards === false && !opts.target
      ? []
      : categories.flatMap((g) =>
          g.entries
            .map((e) => byCode.get(e.code))
            .filter((t): t is TargetScore => t !== undefined && (!opts.target || t.code === opts.target))
            .map((t) => scoreCard(r, scheme, t)),
        );
  const date = chineseDate(opts.date);
  const mark = opts.confidential ? CONFIDENTIAL_MARK : null;
  const robustness = opts.robustness ? reportRobustness(opts.robustness, label) : null;

  if (opts.target) {
    const card = cards[0];
    if (!card) throw new Error(`no unit ${opts.target} in the result`);
    return {
      precision: r.cycle.precision,
      cardsOnly: true,
      bottomLabel: label,
      cover: {
        title: `${card.name}考核得分明细`,
        office: opts.office,
        date,
        mark,
        summary: [`${reportTitle(r.cycle.name)}：${card.categoryName}，总分 ${card.total}。`],
        auditHead: opts.auditHead ?? null,
      },
      groups: [],
      cards,
      robustness: null,
      appendix: { categories: [], indicators: [], groups: [], rules: [] },
    };
  }

  return {
    precision: r.cycle.precision,
    cardsOnly: false,
    bottomLabel: label,
    cover: {
      title: reportTitle(r.cycle.name),
      office: opts.office,
      date,
      mark,
      summary: [
        `参加考核单位 ${r.targets.length} 个，分 ${categories.length} 个类别分别排名${
          groups.length > categories.length ? `，另有合并排名组 ${groups.length - categories.length} 个` : ''
        }。`,
        `各类别${label}共 ${flagged.size} 个${vetoed > 0 ? `（其中一票否决 ${vetoed} 个）` : ''}${
          exempt > 0 ? `；免于排名 ${exempt} 个` : ''
        }。`,
        `满分 ${r.cycle.fullScore} 分，总分保留 ${r.cycle.precision} 位小数后排名。`,
        ...(robustness ? [robustnessSummary(robustness, label, opts.robustness as SensitivityResult)] : []),
      ],
      auditHead: opts.auditHead ?? null,
    },
    groups,
    cards,
    robustness,
    appendix: appendixOf(scheme),
  };
}

/** The cover's sentence on robustness: how many verdicts hold when the weights move by ±δ. */
function robustnessSummary(r: ReportRobustness, label: string, s: SensitivityResult): string {
  const pct = Math.round(s.delta * 100);
  const doubts = [
    r.fragile > 0 ? `${r.fragile} 个${label}结论对权重敏感，标为存疑` : '',
    r.atRisk > 0 ? `${r.atRisk} 个未标记单位有较大概率落入${label}` : '',
  ].filter(Boolean);
  return `各指标分值在 ±${pct}% 内随机变动时，${
    doubts.length === 0 ? `${label}结论均保持稳健` : doubts.join('，')
  }（见附录“${label}结果稳健性”）。`;
}

function appendixOf(scheme: Scheme): ReportAppendix {
  const cats = scheme.categories;
  return {
    categories: cats.map((c) => ({
      code: c.code,
      name: c.name,
      targets: scheme.targets.filter((t) => t.category === c.code).length,
    })),
    indicators: treeOrder(scheme).map((i) => ({
      code: i.code,
      name: i.name,
      depth: depthOf(scheme, i.code),
      method: i.method ? METHOD_LABELS[i.method] : '汇总',
      params: paramsText(i.params),
      weights: cats.map((c) => (i.weights[c.code] === undefined ? '' : String(i.weights[c.code]))),
    })),
    groups: scheme.groups.map((g) => ({ name: g.name, weight: String(g.weight) })),
    rules: rulesText(scheme.rules, scheme),
  };
}

/** A leaf's parameters as a reader takes them: 基础分 0.6；缺失值处理 同类平均值. */
export function paramsText(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => {
      const label = PARAM_LABELS[k]?.label ?? k;
      const value =
        k === 'missing'
          ? (MISSING_LABELS[v as MissingPolicy] ?? v)
          : k === 'relative'
            ? /^(true|是|yes|1)$/i.test(v)
              ? '是'
              : '否'
            : v;
      return `${label} ${value}`;
    })
    .join('；');
}

/** The rules in force, each as a sentence a leader can check the numbers against. */
export function rulesText(rules: Rules, scheme: Scheme): { label: string; value: string }[] {
  const names = new Map(scheme.indicators.map((i) => [i.code, i.name]));
  const cats = new Map(scheme.categories.map((c) => [c.code, c.name]));
  return [
    { label: '满分', value: `${rules.fullScore} 分` },
    { label: '总分精度', value: `四舍五入保留 ${rules.precision} 位小数，按保留后的总分排名` },
    {
      label: '末位',
      value: `每个排名组参与排名单位的最后 ${rules.bottomN} 位为${bottomLabel(rules.bottomN)}，等次为“${rules.bottomGrade}”`,
    },
    {
      label: '末位并列',
      value:
        rules.bottomTies === 'includeTies' ? '与末位总分并列的单位一并标记' : '并列须先按比较指标分出先后',
    },
    {
      label: '一票否决',
      value: rules.vetoToBottom
        ? '一票否决单位排在本组最后，等次为较差'
        : '一票否决单位按总分排名，标记为末位，等次为较差',
    },
    {
      label: '优秀',
      value: `不超过参与排名单位的 ${Math.round(rules.excellentQuota * 1000) / 10}%${
        rules.excellentMin === null ? '' : `，且总分不低于 ${rules.excellentMin} 分`
      }；名额边界处并列的都不评优秀`,
    },
    { label: '较差', value: `总分低于 ${rules.poorBelow} 分，或被一票否决` },
    { label: '进步较大 / 退步较大', value: `名次上升 / 下降 ${rules.riseBy} / ${rules.fallBy} 位及以上` },
    {
      label: '评议去极值',
      value: `同一主体对同一单位的评价达到 ${rules.trimMin} 份时，去掉一个最高分和一个最低分`,
    },
    {
      label: '评议等次折分',
      value: Object.entries(rules.gradePoints)
        .map(([g, p]) => `${g} ${p}`)
        .join('、'),
    },
    {
      label: '总分并列时比较',
      value:
        rules.tieBreakers.length > 0
          ? rules.tieBreakers.map((c) => names.get(c) ?? c).join('、')
          : '不比较，名次并列',
    },
    ...rules.combinedGroups.map((g) => ({
      label: `合并排名：${g.name}`,
      value: g.categories.map((c) => cats.get(c) ?? c).join('、'),
    })),
  ];
}
