import type { Issue } from '../../shared/domain/issue';
import type { ComputeResult, GroupResult, TargetScore } from '../../shared/domain/result';
import type { Scheme } from '../../shared/domain/scheme';
import { METHOD_LABELS, MISSING_LABELS } from '../../shared/domain/method';
import { scoreCard, worstText } from '../../shared/report/score-card';
import {
  COMBINED_GROUP_NOTE,
  bottomLabel,
  bottomNotes,
  rankingHeader,
  rankingTable,
} from '../../shared/report/format';
import { formatFixed } from '../../shared/engine/round';
import type { FileReport } from '../main/services/import-service';
import { DATA_KIND_LABELS } from '../../shared/domain/cycle';
import { textTable } from './text-table';
import type { SensitivityResult } from '../../shared/engine/sensitivity';
import {
  ROBUST_FLAGGED_BELOW,
  ROBUST_UNFLAGGED_ABOVE,
  percentText,
  plainNumber,
  robustnessWarning,
} from '../../shared/engine/sensitivity';

const LEVEL_LABELS = { error: '错误', warning: '提示', info: '说明' } as const;

/** A stored instant (ISO, UTC) as the operator's local date and time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** One ranking group as a terminal table, with a heading and the notes a reader needs. */
export function groupTable(r: ComputeResult, g: GroupResult): string {
  const p = r.cycle.precision;
  const table = rankingTable(r, g);
  const header = rankingHeader(table);
  const rows = table.rows.map((row) => [
    row.rank === null ? '—' : String(row.rank),
    `${row.bottom ? '▲' : ' '}${row.name}`,
    formatFixed(row.total, p),
    ...row.subtotals.map((v) => (v === null ? '—' : formatFixed(v, p))),
    row.bonus > 0 ? formatFixed(row.bonus, p) : '',
    row.deduction > 0 ? formatFixed(row.deduction, p) : '',
    row.grade ?? '—',
    row.change,
    row.flags,
  ]);
  const align = header.map(
    (_, c) => (c === 1 || c >= header.length - 3 ? 'left' : 'right') as 'left' | 'right',
  );
  const title = `${g.name}（${g.code}）  共 ${g.size} 个，参与排名 ${g.ranked} 个，${bottomLabel(r.cycle.bottomN)} ${g.flaggedBottom} 个`;
  const notes = bottomNotes(r, g);
  notes.push(`▲ ${bottomLabel(r.cycle.bottomN)}；优秀名额 ${g.excellentPositions} 个。`);
  if (g.kind === 'combined') notes.push(COMBINED_GROUP_NOTE);
  return [title, textTable(header, rows, align), ...notes].join('\n');
}

export function rankingText(r: ComputeResult): string {
  return [
    `${r.cycle.name}  综合考核结果（满分 ${r.cycle.fullScore}）`,
    ...r.groups.map((g) => groupTable(r, g)),
  ].join('\n\n');
}

/** Issues shown per level before the rest are summarised (all of them are in --json). */
const SHOWN_PER_LEVEL = 30;

/** Issues grouped by level, each under its heading; `indent` places the block under a file's line. */
export function issuesText(issues: readonly Issue[], indent = ''): string {
  const out: string[] = [];
  for (const level of ['error', 'warning', 'info'] as const) {
    const list = issues.filter((i) => i.level === level);
    if (list.length === 0) continue;
    out.push(`${indent}${LEVEL_LABELS[level]} ${list.length} 处：`);
    for (const i of list.slice(0, SHOWN_PER_LEVEL))
      out.push(`${indent}  ${i.ref ? `${i.ref}  ` : ''}${i.message}`);
    if (list.length > SHOWN_PER_LEVEL)
      out.push(
        `${indent}  …另有 ${list.length - SHOWN_PER_LEVEL} 处${level === 'error' ? '，改正以上各处后重新导入即可看到' : '（--json 导出的结果中有全部）'}`,
      );
  }
  return out.join('\n');
}

export function importReportText(files: readonly FileReport[], dryRun: boolean): string {
  const out: string[] = [];
  for (const f of files) {
    const verdict = f.written
      ? '已导入'
      : !f.accepted
        ? '未导入'
        : dryRun
          ? '可以导入（试导入，未写入）'
          : '可以导入，但因其他文件有问题，本次未写入';
    out.push(`《${f.file}》${verdict}`);
    for (const s of f.sheets) {
      const kind = s.kind ? DATA_KIND_LABELS[s.kind] : '未识别';
      if (!f.accepted) {
        out.push(`  工作表“${s.sheet}”：${kind}`);
        continue;
      }
      const sup = s.supersedes !== null ? `，替换批次 ${s.supersedes}` : '';
      const batch = s.batchId !== null ? `，批次 ${s.batchId}` : '';
      out.push(`  工作表“${s.sheet}”：${kind} ${s.rows} 行${batch}${sup}`);
    }
    const issues = issuesText(f.issues, '  ');
    if (issues) out.push(issues);
  }
  return out.join('\n');
}
/** A number as a person reads it: at most `digits` decimals, no trailing zeros. */
const plain = (x: number | null, digits = 4): string =>
  x === null ? '—' : String(Number(x.toFixed(digits)));

/**
 * 得分说明 of one target (SPEC §4): its standing in each ranking group, the gap to safety of a
 * bottom-N target, the leaves that cost most, then every leaf against full points and the category
 * median, and the bonus, deduction and veto items.
 */
export function explainText(r: ComputeResult, scheme: Scheme, t: TargetScore): string {
  const p = r.cycle.precision;
  const c = scoreCard(r, scheme, t);
  const out: string[] = [
    `${c.name}（${c.code}）  ${c.categoryName}  ${r.cycle.name}`,
    `总分 ${c.total}（加分 ${c.bonus}，扣分 ${c.deduction}）`,
  ];
  if (c.exemptReason) out.push(`免于排名：${c.exemptReason}`);
  for (const s of c.standings) {
    out.push(s.text);
    if (s.gap) out.push(`  ${s.gap}`);
  }
  const worst = worstText(c);
  if (worst) out.push(worst);
  const leaves = c.leaves;
  out.push('');
  out.push(
    textTable(
      ['指标', '计分方法', '分值', '原始值', '得分率', '得分', '类别中位数', '较满分失分', '较中位数失分'],
      leaves.map((l) => [
        `${l.indicator} ${l.name}`,
        METHOD_LABELS[l.method] + (l.imputed ? `（缺失，${MISSING_LABELS[l.imputed]}）` : ''),
        plain(l.weight, 2),
        plain(l.raw),
        l.score === null ? '—' : l.score.toFixed(4),
        formatFixed(l.points, p),
        formatFixed(l.median, p),
        formatFixed(l.lostVsFull, p),
        formatFixed(l.lostVsMedian, p),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  for (const a of c.adjustments) {
    out.push('');
    out.push(
      `${a.kind === 'bonus' ? '加分' : '扣分'}（${a.indicator} ${a.name}）：合计 ${plain(a.sum)}，上限 ${plain(a.cap)}，计 ${plain(a.applied)}`,
    );
    for (const it of a.items)
      out.push(`  ${plain(it.points)} 分  ${it.reason}${it.docNo ? `（${it.docNo}）` : ''}`);
  }
  if (c.vetoItems.length > 0) {
    out.push('');
    out.push('一票否决：');
    for (const it of c.vetoItems) out.push(`  ${it.reason}${it.docNo ? `（${it.docNo}）` : ''}`);
  }
  return out.join('\n');
}

const WARNING_TEXT = { fragile: '存疑：对权重敏感', atRisk: '未标记但有末位风险' } as const;

/**
 * The robustness of a result as the command line prints it: per ranking group, each ranked unit's
 * P(bottom N), P(优秀) and 5–95 % rank range, the flagged marked ▲ and the doubtful named, then a
 * line of what was drawn.
 */
export function sensitivityText(r: SensitivityResult): string {
  const label = bottomLabel(r.bottomN);
  const out: string[] = [];
  let doubts = 0;
  for (const g of r.groups) {
    const rows = g.entries.map((e) => {
      const w = robustnessWarning(e);
      if (w) doubts++;
      return [
        String(e.rank),
        `${e.flagged ? '▲ ' : ''}${e.name}`,
        percentText(e.pBottom),
        percentText(e.pExcellent),
        e.rankP5 === e.rankP95 ? String(e.rankP5) : `${e.rankP5}–${e.rankP95}`,
        w ? WARNING_TEXT[w] : '',
      ];
    });
    out.push(
      `${g.name}（${g.code}，${g.ranked} 个参与排名）`,
      textTable(['名次', '单位', `${label}概率`, '优秀概率', '名次区间', '提示'], rows, [
        'right',
        'left',
        'right',
        'right',
        'right',
      ]),
      '',
    );
  }
  out.push(
    `各指标分值乘以 U(${plainNumber(1 - r.delta)}, ${plainNumber(1 + r.delta)}) 的随机因子并按满分归一，抽样 ${r.draws} 次，随机种子 ${r.seed}。▲ 为本次结果标记的${label}；名次区间为第 5 至第 95 百分位。`,
    doubts === 0
      ? `${label}结论全部稳健（已标记的概率均不低于 ${ROBUST_FLAGGED_BELOW * 100}%，未标记的均不超过 ${ROBUST_UNFLAGGED_ABOVE * 100}%）。`
      : `有 ${doubts} 个单位的结论需要留意（见“提示”列）。`,
  );
  return out.join('\n');
}
